"""Compare a run with its baseline, decide the gate, and write JSON and Markdown reports.

Deltas carry a paired bootstrap 95% interval over cases: resample the cases,
recompute the mean difference, take the 2.5th and 97.5th percentiles.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.evals.runner import EvalRun
from summarizer.evals.scoring import HIGHER_IS_BETTER, aggregate

HEADLINE_METRICS = [
    "success",
    "key_fact_recall",
    "trap_avoidance",
    "event_f1",
    "actor_f1",
    "relation_f1",
    "attribution_f1",
    "count_compatible",
    "strict_instance_accuracy",
    "rougeL",
    "chrf",
]
DEFAULT_GATE = {
    "success": 0.0,
    "key_fact_recall": 0.05,
    "trap_avoidance": 0.0,
    "event_f1": 0.05,
    "actor_f1": 0.05,
    "strict_instance_accuracy": 0.05,
}


@dataclass
class Delta:
    metric: str
    baseline: float
    current: float
    delta: float
    ci_low: float
    ci_high: float
    n: int
    regressed: bool


@dataclass
class Comparison:
    baseline_version: str
    deltas: list[Delta] = field(default_factory=list)

    @property
    def regressions(self) -> list[Delta]:
        return [d for d in self.deltas if d.regressed]


def _case_values(run: EvalRun, metric: str) -> dict[str, float]:
    return {r.case_id: v for r in run.results if (v := r.metrics.get(metric)) is not None}


def paired_bootstrap(diffs: list[float], rounds: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% interval of the mean of paired differences (deterministic: fixed seed)."""
    if not diffs:
        return 0.0, 0.0
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def compare(current: EvalRun, baseline: EvalRun, gate: dict[str, float]) -> Comparison:
    comparison = Comparison(baseline.prompt_version)
    for metric in HEADLINE_METRICS:
        now, before = _case_values(current, metric), _case_values(baseline, metric)
        shared = sorted(set(now) & set(before))
        if not shared:
            continue
        diffs = [now[c] - before[c] for c in shared]
        mean_now = sum(now[c] for c in shared) / len(shared)
        mean_before = sum(before[c] for c in shared) / len(shared)
        delta = mean_now - mean_before
        low, high = paired_bootstrap(diffs)
        threshold = gate.get(metric)
        worse = -delta if HIGHER_IS_BETTER.get(metric, True) else delta
        regressed = threshold is not None and worse > threshold + 1e-9
        comparison.deltas.append(Delta(metric, mean_before, mean_now, delta, low, high, len(shared), regressed))
    return comparison


def load_gate(path: Path | None) -> dict[str, float]:
    if path is None or not path.is_file():
        return dict(DEFAULT_GATE)
    data: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))["max_regression"]
    return data


def report_dict(run: EvalRun, comparison: Comparison | None) -> dict[str, Any]:
    agg = aggregate([r.metrics for r in run.results])
    return {
        "model": run.model,
        "prompt_version": run.prompt_version,
        "prompt_hash": run.prompt_hash,
        "schema_hash": run.schema_hash,
        "language": run.language,
        "cases": len(run.results),
        "outcomes": {o: sum(r.outcome == o for r in run.results) for o in sorted({r.outcome for r in run.results})},
        "aggregate": {name: {"mean": round(a.mean, 4), "n": a.n} for name, a in agg.items()},
        "usage": {
            "prompt_tokens": sum(r.usage.prompt_tokens for r in run.results),
            "completion_tokens": sum(r.usage.completion_tokens for r in run.results),
            "total_tokens": sum(r.usage.total_tokens for r in run.results),
            "attempts": sum(r.attempts for r in run.results),
            "recorded_latency_s": round(sum(r.latency_s for r in run.results), 2),
        },
        "per_case": [
            {
                "case": r.case_id,
                "outcome": r.outcome,
                "message": r.message,
                "metrics": {k: (round(v, 4) if v is not None else None) for k, v in r.metrics.items()},
                "total_tokens": r.usage.total_tokens,
                "latency_s": round(r.latency_s, 2),
            }
            for r in run.results
        ],
        "baseline": None
        if comparison is None
        else {
            "prompt_version": comparison.baseline_version,
            "deltas": [
                {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(d).items()}
                for d in comparison.deltas
            ],
            "regressions": [d.metric for d in comparison.regressions],
        },
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        f"### summarizer eval: `{report['model']}`, prompt `{report['prompt_version']}` "
        f"(`{report['prompt_hash']}`), {report['language']}, {report['cases']} case(s)",
        "",
        "Outcomes: " + ", ".join(f"{k} {v}" for k, v in report["outcomes"].items()),
        "",
        "| metric | mean | n |",
        "|---|---:|---:|",
    ]
    for name in HEADLINE_METRICS:
        if name in report["aggregate"]:
            agg = report["aggregate"][name]
            lines.append(f"| {name} | {_fmt(agg['mean'])} | {agg['n']} |")
    if report["baseline"]:
        base = report["baseline"]
        lines += ["", f"**Against prompt `{base['prompt_version']}`** (paired bootstrap 95% CI)", ""]
        lines += ["| metric | baseline | now | delta | 95% CI | |", "|---|---:|---:|---:|---|---|"]
        for d in base["deltas"]:
            flag = "❌ regression" if d["regressed"] else ""
            lines.append(
                f"| {d['metric']} | {_fmt(d['baseline'])} | {_fmt(d['current'])} | {d['delta']:+.3f} "
                f"| [{d['ci_low']:+.3f}, {d['ci_high']:+.3f}] | {flag} |"
            )
    usage = report["usage"]
    lines += [
        "",
        f"Usage from the recordings: {usage['total_tokens']} tokens ({usage['prompt_tokens']} prompt, "
        f"{usage['completion_tokens']} completion) over {usage['attempts']} request(s); "
        f"recorded latency {usage['recorded_latency_s']}s.",
        "",
        "<details><summary>Per case</summary>",
        "",
        "| case | outcome | key facts | traps avoided | events F1 |",
        "|---|---|---:|---:|---:|",
    ]
    for case in report["per_case"]:
        m = case["metrics"]
        lines.append(
            f"| {case['case']} | {case['outcome']} | {_fmt(m.get('key_fact_recall'))} "
            f"| {_fmt(m.get('trap_avoidance'))} | {_fmt(m.get('event_f1'))} |"
        )
    lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def write_reports(report: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"eval-{report['model']}-{report['prompt_version']}-{report['language']}".replace("/", "_")
    json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(report), encoding="utf-8")
    return json_path, md_path
