"""One line per target, the same in every benchmark, so ``bench/run_all.py`` can read what was met.

TARGET <name>: <figure> (target <op> <bound>): ok | MISSED
"""

from __future__ import annotations

import re

LINE = re.compile(
    r"^TARGET (?P<name>.+?): (?P<figure>.*) \(target (?P<op>[<>]=) (?P<bound>[^)]*)\): (?P<verdict>ok|MISSED)$"
)


def verdict(name: str, value: float, bound: float, *, unit: str = "", at_least: bool = False) -> bool:
    """Print the target's line; True when it is met."""
    met = value >= bound if at_least else value <= bound
    shown = f"{value:.3g}{unit}"
    print(f"TARGET {name}: {shown} (target {'>=' if at_least else '<='} {bound:g}{unit}): {'ok' if met else 'MISSED'}")
    return met
