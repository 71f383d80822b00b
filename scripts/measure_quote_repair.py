"""How much quote repair (summarizer.alignment) changes on real recordings: replay twice, with and without it.

Why: issue 10 asks how many recorded cases the fuzzy snap rescues. Replay is deterministic, so the only
difference between the two runs is ``fuzzy_locate``: with it disabled, a near-verbatim quote is "not found".

  .venv/bin/python scripts/measure_quote_repair.py MODEL PROMPT [--best-effort] [--case ID ...]

Prints, per language: outcomes, successes, key-fact recall and how many evidence quotes were snapped (``fuzzy``).
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from pathlib import Path
from unittest import mock

from summarizer.evals.cases import load_cases
from summarizer.evals.results import EvalRun
from summarizer.evals.runner import run_eval

ROOT = Path(__file__).resolve().parent.parent


def _replay(model: str, prompt: str, case_ids: list[str], best_effort: bool) -> EvalRun:
    folder = ROOT / "cassettes" / model / prompt
    recorded = {p.name.split(".")[0] for p in folder.glob("*.yaml")}
    cases = [c for c in load_cases(ROOT / "evals" / "cases") if c.id in (set(case_ids) or recorded)]
    return asyncio.run(
        run_eval(cases, model=model, prompt_version=prompt, cassettes=ROOT / "cassettes", best_effort=best_effort)
    )


def _summary(run: EvalRun, language: str) -> str:
    results = [r for r in run.results if r.language == language]
    outcomes = Counter(r.outcome for r in results)
    fuzzy = sum(
        quote.match == "fuzzy"
        for r in results
        if r.digest is not None
        for bullet in r.digest.bullets
        for quote in bullet.evidence
    )
    recall = [v for r in results if (v := r.metrics.get("key_fact_recall")) is not None]
    mean = sum(recall) / len(recall) if recall else 0.0
    return f"n={len(results)} outcomes={dict(outcomes)} key_fact_recall={mean:.3f} fuzzy bullet quotes={fuzzy}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("prompt")
    parser.add_argument("--best-effort", action="store_true")
    parser.add_argument("--case", action="append", default=[])
    args = parser.parse_args()
    with_repair = _replay(args.model, args.prompt, args.case, args.best_effort)
    with mock.patch("summarizer.grounding.fuzzy_locate", return_value=None):
        without = _replay(args.model, args.prompt, args.case, args.best_effort)
    for language in ("en", "ar"):
        print(f"{language} with repair:    {_summary(with_repair, language)}")
        print(f"{language} without repair: {_summary(without, language)}")
    before = {r.key: r.outcome for r in without.results}
    changed = [(r.key, before[r.key], r.outcome) for r in with_repair.results if before[r.key] != r.outcome]
    print(f"outcomes changed by repair: {len(changed)} of {len(with_repair.results)}")
    for key, old, new in changed:
        print(f"  {key}: {old} -> {new}")


if __name__ == "__main__":
    main()
