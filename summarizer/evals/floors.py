"""Floors for gate.json, derived from the baseline report by one stated rule, so they are regenerated, not guessed.

Rule: a slice's floor is its baseline mean minus two standard errors of that mean (the spread of the gated
results over the square root of their number; for a pass/fail metric with one pseudo-result of each kind added),
rounded down to 0.01; a floor that rounds to 0 is left out (it would bound nothing). The pooled suite gets
``minimum``, each gated slice ``scopes[...].minimum``.

Why this rule: a floor bounds the whole gated suite, so it should sit where the baseline itself would not fall
by the luck of which cases are in the suite (two standard errors), and no lower. Today's recordings then pass
by that margin, and a run that lowers a language's mean by more than that fails even when its drops are spread
too thinly for the regression tests.

  python -m summarizer.evals.floors            # print the floors the baseline implies
  python -m summarizer.evals.floors --write    # and write them into gate.json (max_regression kept)
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from summarizer.evals.policy import GatePolicy, load_policy
from summarizer.evals.report import load_report
from summarizer.evals.results import EvalRun

SPREAD = 2.0  # standard errors below the baseline mean


def floor_of(values: list[float]) -> float | None:
    """The floor the rule gives for one slice's baseline values (None: no floor).

    A pass/fail metric's spread is taken with one pseudo-result of each kind (0 and 1, as a Wilson interval does
    for a proportion): a slice where every baseline result passed has a standard error of 0, and its floor would
    be 1, failing the gate on the first miss the baseline's luck did not show."""
    if len(values) < 2:
        return None
    mean = sum(values) / len(values)
    padded = [*values, 0.0, 1.0] if all(v in (0.0, 1.0) for v in values) else values
    centre = sum(padded) / len(padded)
    sd = math.sqrt(sum((v - centre) ** 2 for v in padded) / (len(padded) - 1))
    floor = math.floor((mean - SPREAD * sd / math.sqrt(len(values))) * 100 + 1e-9) / 100
    return floor if floor > 0 else None


def _in_scope(language: str, tags: list[str], scope: str) -> bool:
    kind, _, value = scope.partition(":")
    return kind == "all" or (kind == "lang" and language == value) or (kind == "tag" and value in tags)


def suggest(baseline: EvalRun, policy: GatePolicy) -> dict[str, dict[str, float | None]]:
    """metric -> slice -> floor, for every gated metric and slice."""
    return {
        metric: {
            scope: floor_of(
                [
                    v
                    for r in baseline.results
                    if _in_scope(r.language, r.tags, scope) and (v := r.metrics.get(metric)) is not None
                ]
            )
            for scope in policy.gated_scopes
        }
        for metric in policy.metrics
    }


def with_floors(data: dict[str, Any], floors: dict[str, dict[str, float | None]]) -> dict[str, Any]:
    """gate.json's data with every metric's floors replaced (other keys, max_regression included, kept)."""
    metrics = {}
    for metric, rule in data["metrics"].items():
        rule = {k: v for k, v in rule.items() if k not in ("minimum", "scopes")}
        by_scope = floors.get(metric, {})
        if by_scope.get("all") is not None:
            rule = {"minimum": by_scope["all"], **rule}
        scopes = {s: {"minimum": f} for s, f in by_scope.items() if s != "all" and f is not None}
        if scopes:
            rule["scopes"] = scopes
        metrics[metric] = rule
    return {**data, "metrics": metrics}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evals.floors", description=__doc__.split("\n")[0])
    parser.add_argument("--gate", type=Path, default=Path("evals/gate.json"))
    parser.add_argument("--write", action="store_true", help="write the floors into the gate policy")
    args = parser.parse_args(argv)
    policy = load_policy(args.gate)
    floors = suggest(load_report(Path(policy.baseline)), policy)
    for metric, by_scope in floors.items():
        print(f"{metric:26s} " + "  ".join(f"{s} {'–' if f is None else f'{f:.2f}'}" for s, f in by_scope.items()))
    if args.write:
        data = with_floors(json.loads(args.gate.read_text(encoding="utf-8")), floors)
        GatePolicy.model_validate(data)  # never write a policy the gate would refuse
        args.gate.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written: {args.gate}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
