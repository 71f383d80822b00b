"""Two eval reports side by side, per language: each mean with its 95% interval and n, and the paired difference.

Why: the gate answers "did this change make things worse?"; a prompt or model comparison in the README needs the
numbers themselves, honestly bounded. Means get a bootstrap interval over cases; the difference is paired (only
results both reports hold, the gate's own paired bootstrap).

  python -m summarizer.evals.compare reports/eval-MODEL-v1.json reports/eval-MODEL-v2.json [--metric M ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarizer.evals.gate import paired_bootstrap
from summarizer.evals.report import ReportError, load_report
from summarizer.evals.results import EvalRun

DEFAULT_METRICS = ("success", "key_fact_recall", "event_f1", "supported_rate")


def _values(run: EvalRun, metric: str, language: str) -> dict[str, float]:
    return {r.case_id: v for r in run.results if r.language == language and (v := r.metrics.get(metric)) is not None}


def _cell(values: list[float]) -> str:
    if not values:
        return "– (n = 0)"
    low, high = paired_bootstrap(values)
    return f"{sum(values) / len(values):.2f} [{low:.2f}, {high:.2f}] (n = {len(values)})"


def comparison_rows(before: EvalRun, after: EvalRun, metrics: tuple[str, ...], language: str) -> list[list[str]]:
    """[metric, before, after, paired difference] cells for one language."""
    rows = []
    for metric in metrics:
        old, new = _values(before, metric, language), _values(after, metric, language)
        shared = sorted(set(old) & set(new))
        diffs = [new[k] - old[k] for k in shared]
        if diffs:
            low, high = paired_bootstrap(diffs)
            delta = f"{sum(diffs) / len(diffs):+.2f} [{low:+.2f}, {high:+.2f}] (n = {len(diffs)})"
        else:
            delta = "– (no shared case)"
        rows.append([metric, _cell(list(old.values())), _cell(list(new.values())), delta])
    return rows


def to_markdown(before: EvalRun, after: EvalRun, metrics: tuple[str, ...]) -> str:
    left = f"{before.model} / {before.prompt_version}"
    right = f"{after.model} / {after.prompt_version}"
    lines = [
        f"| language | metric | {left} | {right} | difference (paired) |",
        "|---|---|---|---|---|",
    ]
    for language in ("en", "ar"):
        for row in comparison_rows(before, after, metrics, language):
            lines.append(f"| {language} | " + " | ".join(row) + " |")
    lines.append("")
    lines.append("Mean [95% bootstrap interval] (n results); a failed run counts 0 on every metric it could earn.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evals.compare", description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path, help="JSON report (summarizer eval --out ...)")
    parser.add_argument("after", type=Path)
    parser.add_argument("--metric", action="append", help=f"repeatable (default: {', '.join(DEFAULT_METRICS)})")
    args = parser.parse_args(argv)
    try:
        before, after = load_report(args.before), load_report(args.after)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(to_markdown(before, after, tuple(args.metric or DEFAULT_METRICS)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
