"""Which claim checks fail validation: the issue's 97% rule, computed on the claim benchmark (issue 18).

Why a command: the erroring table (``summarizer.findings.ERROR_CHECKS``) is a decision made from measurements, and a
reviewer must be able to redo it. Since round 17 each round has a *validation* file that decides the table and a
*test* file that never does (``evals/claims_bench/README.md``, "Round 17"); this command reads every file but the
test file, so running it cannot leak the test into the table.

The rule: the validation pool is every held-out file never retired to tuning. A warning joins the table when it holds
>= 97% precision on tune (every tune file and the retired held-outs; at least 10 firings) and >= 97% on the
validation pool where it fired at all; a check in the table goes back to a warning when the validation pool puts it
under 97%. Precision is the share of the bullets a check fires on that are unfaithful.

``python -m summarizer.evals.claims_table [--data DIR] [--cases DIR]``: prints each check's counts and the checks to
promote and demote. Exit codes: 0 done; 2 bad arguments; 3 unreadable benchmark data.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.evals import claims_bench as bench
from summarizer.findings import error_checks

BAR = 0.97
MIN_TUNE_FIRINGS = 10
RETIRED = ("round12", "round13", "round14", "round15", "round16")  # blind held-outs reported once, then tuned on
VALIDATION = ("hand", "real", "real2", "round8", "round8real", "round9", "round10", "round11", "round17")
TEST = ("round18",)  # round 17's test file: never read here (round 18 moves round17 and round18 to RETIRED)


@dataclass
class Precision:
    """How often a check fired on a part of the benchmark, and how often on an unfaithful bullet."""

    fired: int = 0
    right: int = 0

    def holds(self) -> bool:
        """At the bar, or never fired (nothing against it)."""
        return self.right >= BAR * self.fired

    def cell(self) -> str:
        return f"{self.right}/{self.fired}"


@dataclass(frozen=True)
class Decision:
    check: str
    tune: Precision
    validation: Precision
    erroring: bool  # in the table now
    decided: bool  # in the table by the rule

    @property
    def change(self) -> str:
        if self.decided == self.erroring:
            return ""
        return "promote" if self.decided else "demote"


def part_of(outcome: bench.Outcome) -> str | None:
    """``tune``, ``validation`` or None (the test file, or anything else)."""
    item = outcome.item
    if item.origin in TEST:
        return None
    if item.split == "tune" or item.origin in RETIRED:
        return "tune"
    return "validation" if item.origin in VALIDATION else None


def decide(outcomes: Iterable[bench.Outcome], table: frozenset[str]) -> list[Decision]:
    """Every check that fired, with the rule's verdict against ``table`` (the one in force)."""
    counts: dict[str, dict[str, Precision]] = defaultdict(lambda: {"tune": Precision(), "validation": Precision()})
    for outcome in outcomes:
        part = part_of(outcome)
        if part is None:
            continue
        for check in {f["check"] for f in outcome.findings}:
            counts[check][part].fired += 1
            counts[check][part].right += not outcome.item.faithful
    decisions = []
    for check, parts in sorted(counts.items()):
        tune, validation = parts["tune"], parts["validation"]
        erroring = check in table
        joins = tune.fired >= MIN_TUNE_FIRINGS and tune.holds() and validation.holds()
        decided = validation.holds() if erroring else joins
        decisions.append(Decision(check, tune, validation, erroring, decided))
    return decisions


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evals.claims_table", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("evals/claims_bench"))
    parser.add_argument("--cases", type=Path, default=Path("evals/cases"))
    args = parser.parse_args(argv)
    sources = [s for s in (*bench.SOURCES, *bench.EXTRA) if s not in TEST]
    try:
        items = bench.load_items(args.data, bench.SPLITS, sources)
        outcomes = bench.run(items, bench.load_articles(args.cases, args.data))
    except bench.BenchDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    decisions = decide(outcomes, error_checks())
    print(f"{'check':34s} {'now':5s} {'tune':>10s} {'validation':>11s}  rule")
    for d in decisions:
        now = "error" if d.erroring else "warn"
        print(f"{d.check:34s} {now:5s} {d.tune.cell():>10s} {d.validation.cell():>11s}  {d.change}")
    for change in ("promote", "demote"):
        print(f"{change}: {', '.join(d.check for d in decisions if d.change == change) or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
