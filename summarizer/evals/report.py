"""Reports of an eval run: JSON (the data; a committed one is the gate's baseline), Markdown for pull-request
comments, JUnit XML for CI dashboards. The HTML view renders from the same JSON data.

Every figure carries its n. A metric measured on fewer than ``MIN_HEADLINE_N`` results is never a
headline: it is listed under "thin metrics" instead.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from summarizer.evals.gate import Verdict, verdict_dict
from summarizer.evals.results import CaseResult, EvalRun, Metrics, Reason
from summarizer.evals.scoring import aggregate
from summarizer.schema import Usage

REPORT_FORMAT = 2
MIN_HEADLINE_N = 10
HEADLINE_METRICS = [
    "success",
    "key_fact_recall",
    "trap_avoidance",
    "supported_rate",
    "event_f1",
    "actor_f1",
    "relation_f1",
    "attribution_f1",
    "count_compatible",
    "strict_instance_accuracy",
    "rougeL",
    "rougeL_standard",
    "chrf",
]


class ReportError(ValueError):
    """A report file that is not one of ours (a baseline that cannot be read)."""


def _aggregate(results: list[CaseResult]) -> dict[str, dict[str, float | int]]:
    return {name: {"mean": round(a.mean, 4), "n": a.n} for name, a in aggregate([r.metrics for r in results]).items()}


def _slices(run: EvalRun) -> dict[str, dict[str, Any]]:
    """Aggregates per language and per case tag."""
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for r in run.results:
        groups[f"lang:{r.language}"].append(r)
        for tag in r.tags:
            groups[f"tag:{tag}"].append(r)
    return {name: {"results": len(rs), "aggregate": _aggregate(rs)} for name, rs in sorted(groups.items())}


def _round_metrics(metrics: Metrics) -> dict[str, float | None]:
    return {k: (round(v, 4) if v is not None else None) for k, v in metrics.items()}


def report_dict(run: EvalRun, verdict: Verdict | None = None, baseline_label: str | None = None) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    return {
        "format": REPORT_FORMAT,
        "model": run.model,
        "prompt_version": run.prompt_version,
        "prompt_hash": run.prompt_hash,
        "schema_hash": run.schema_hash,
        "languages": run.languages,
        "cases": len({r.case_id for r in run.results}),
        "results": len(run.results),
        "outcomes": {o: sum(r.outcome == o for r in run.results) for o in sorted({r.outcome for r in run.results})},
        "aggregate": _aggregate(run.results),
        "slices": _slices(run),
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
                "language": r.language,
                "tags": r.tags,
                "outcome": r.outcome,
                "message": r.message,
                "metrics": _round_metrics(r.metrics),
                "reasons": [asdict(reason) for reason in r.reasons],
                "prompt_tokens": r.usage.prompt_tokens,
                "completion_tokens": r.usage.completion_tokens,
                "total_tokens": r.usage.total_tokens,
                "attempts": r.attempts,
                "latency_s": round(r.latency_s, 2),
            }
            for r in run.results
        ],
        "gate": None if verdict is None else {"baseline": baseline_label, **verdict_dict(verdict)},
    }


def run_from_report(data: dict[str, Any]) -> EvalRun:
    """Rebuild a run (metrics, outcomes, reasons; no digests) from a report: how a committed baseline is read."""
    if data.get("format") != REPORT_FORMAT:
        raise ReportError(f"report format {data.get('format')!r}, expected {REPORT_FORMAT}: regenerate it")
    results = [
        CaseResult(
            case_id=c["case"],
            outcome=c["outcome"],
            message=c.get("message", ""),
            metrics=dict(c["metrics"]),
            usage=Usage(
                prompt_tokens=c.get("prompt_tokens", 0),
                completion_tokens=c.get("completion_tokens", 0),
                total_tokens=c.get("total_tokens", 0),
            ),
            latency_s=c.get("latency_s", 0.0),
            attempts=c.get("attempts", 0),
            language=c["language"],
            tags=list(c.get("tags", [])),
            reasons=[Reason(**r) for r in c.get("reasons", [])],
        )
        for c in data["per_case"]
    ]
    return EvalRun(
        data["model"], data["prompt_version"], data["prompt_hash"], data["schema_hash"], data["languages"], results
    )


def load_report(path: Path) -> EvalRun:
    """Read a JSON report (e.g. the committed baseline) back as a run; a bad file is a one-line ReportError."""
    try:
        return run_from_report(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ReportError(f"no baseline report at {path}") from None
    except ReportError as exc:
        raise ReportError(f"{path}: {exc}") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReportError(f"{path} is not a readable eval report ({type(exc).__name__}: {exc})") from None


def _fmt(value: float | int | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def headline_split(aggregates: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(headline metrics with n >= MIN_HEADLINE_N, every other metric measured), in a stable order."""
    ordered = [m for m in HEADLINE_METRICS if m in aggregates] + sorted(set(aggregates) - set(HEADLINE_METRICS))
    head = [m for m in ordered if m in HEADLINE_METRICS and aggregates[m]["n"] >= MIN_HEADLINE_N]
    return head, [m for m in ordered if m not in head]


def _gate_markdown(gate: dict[str, Any]) -> list[str]:
    icon = {"pass": "✅ pass", "fail": "❌ fail", "recordings": "⛔ recordings missing, stale or corrupt"}
    lines = [f"**Gate: {icon[gate['status']]}** against `{gate['baseline']}` "
             f"({gate['n_paired']} of {gate['n_run']} results paired)", ""]  # fmt: skip
    lines += [f"- {reason}" for reason in gate["reasons"]] + [f"- note: {note}" for note in gate["notes"]]
    if gate["checks"]:
        lines += [
            "",
            "| metric | baseline | now | delta | 95% CI | n | limit | |",
            "|---|---:|---:|---:|---|---:|---|---|",
        ]
        for c in gate["checks"]:
            limits = ", ".join(f"{k} {c[k]}" for k in ("minimum", "maximum", "max_regression") if k in c)
            ci = "–" if c["ci_low"] is None else f"[{c['ci_low']:+.3f}, {c['ci_high']:+.3f}]"
            delta = "–" if c["delta"] is None else f"{c['delta']:+.3f}"
            flag = "❌" if (c["below_floor"] or c["regressed"]) else ""
            lines.append(
                f"| {c['metric']} | {_fmt(c['baseline'])} | {_fmt(c['current'])} | {delta} | {ci} | {c['n']} "
                f"| {limits} | {flag} |"
            )
    return [*lines, ""]


def _reason_line(reason: dict[str, Any]) -> str:
    text = " ".join(str(reason["message"]).split())
    if len(text) > 300:
        text = text[:300] + " …"
    return f"`{reason['kind']}` {text}".replace("|", "\\|")


def to_markdown(report: dict[str, Any]) -> str:
    """The report for a pull-request comment: verdict, headline table by language, slices, reasons per case."""
    langs = report["languages"]
    lines = [
        f"### summarizer eval: `{report['model']}`, prompt `{report['prompt_version']}` "
        f"(`{report['prompt_hash']}`), {report['cases']} case(s) x {', '.join(langs)} = {report['results']} results",
        "",
    ]
    if report["gate"]:
        lines += _gate_markdown(report["gate"])
    lines += ["Outcomes: " + ", ".join(f"{k} {v}" for k, v in report["outcomes"].items()), ""]
    head, thin = headline_split(report["aggregate"])
    slices = report["slices"]
    header = "| metric | all | n |" + "".join(f" {lang} | n |" for lang in langs)
    lines += [header, "|---|---:|---:|" + "---:|---:|" * len(langs)]
    for name in head:
        row = f"| {name} | {_fmt(report['aggregate'][name]['mean'])} | {report['aggregate'][name]['n']} |"
        for lang in langs:
            agg = slices.get(f"lang:{lang}", {}).get("aggregate", {}).get(name)
            row += f" {_fmt(agg['mean'])} | {agg['n']} |" if agg else " – | 0 |"
        lines.append(row)
    if thin:
        shown = ", ".join(f"{m} {_fmt(report['aggregate'][m]['mean'])} (n={report['aggregate'][m]['n']})" for m in thin)
        lines += ["", f"Other metrics (not headlines: thin n < {MIN_HEADLINE_N} or secondary): {shown}"]
    usage = report["usage"]
    lines += [
        "",
        f"Usage from the recordings: {usage['total_tokens']} tokens ({usage['prompt_tokens']} prompt, "
        f"{usage['completion_tokens']} completion) over {usage['attempts']} request(s); "
        f"recorded latency {usage['recorded_latency_s']}s.",
        "",
        "<details><summary>Per tag</summary>",
        "",
        "| tag | results |" + "".join(f" {m} |" for m in head[:6]),
        "|---|---:|" + "---:|" * len(head[:6]),
    ]
    for name, data in slices.items():
        if name.startswith("tag:"):
            cells = "".join(
                f" {_fmt(a['mean'])} (n={a['n']}) |" if (a := data["aggregate"].get(m)) else " – |" for m in head[:6]
            )
            lines.append(f"| {name[4:]} | {data['results']} |{cells}")
    lines += ["", "</details>", "", "<details><summary>Per case, with reasons</summary>", ""]
    for case in report["per_case"]:
        m = case["metrics"]
        scores = ", ".join(f"{k} {_fmt(m[k])}" for k in head[:4] if m.get(k) is not None)
        lines.append(f"- **{case['case']}** ({case['language']}): {case['outcome']}; {scores}")
        lines += [f"  - {_reason_line(r)}" for r in case["reasons"][:12]]
        if len(case["reasons"]) > 12:
            lines.append(f"  - … {len(case['reasons']) - 12} more in the JSON report")
    lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def case_failure(case: dict[str, Any]) -> str | None:
    """Why a case counts as failed in JUnit and pytest (None when it passed): its run failed."""
    if case["outcome"] == "ok":
        return None
    return "\n".join([f"{case['outcome']}: {case['message']}"] + [_reason_line(r) for r in case["reasons"]])


def to_junit(report: dict[str, Any]) -> str:
    """JUnit XML: one test suite per language, one test case per case; failures carry the reasons."""
    suites = ET.Element("testsuites", name=f"summarizer eval {report['model']} {report['prompt_version']}")
    for lang in report["languages"]:
        cases = [c for c in report["per_case"] if c["language"] == lang]
        failures = [c for c in cases if case_failure(c)]
        suite = ET.SubElement(
            suites, "testsuite", name=f"{report['model']}.{report['prompt_version']}.{lang}",
            tests=str(len(cases)), failures=str(len(failures)), errors="0", skipped="0",
        )  # fmt: skip
        for case in cases:
            item = ET.SubElement(suite, "testcase", classname=f"summarizer.eval.{lang}", name=case["case"])
            item.set("time", f"{case['latency_s']:.2f}")
            if (why := case_failure(case)) is not None:
                failure = ET.SubElement(item, "failure", type=case["outcome"], message=why.splitlines()[0][:500])
                failure.text = why
            else:
                out = ET.SubElement(item, "system-out")
                out.text = "\n".join(_reason_line(r) for r in case["reasons"]) or "no reasons"
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def report_stem(report: dict[str, Any]) -> str:
    return f"eval-{report['model']}-{report['prompt_version']}".replace("/", "_")


def write_reports(report: dict[str, Any], folder: Path) -> dict[str, Path]:
    """Write JSON, Markdown and JUnit XML side by side; return them by format."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = report_stem(report)
    paths = {"json": folder / f"{stem}.json", "markdown": folder / f"{stem}.md", "junit": folder / f"{stem}.junit.xml"}
    write_json(report, paths["json"])
    paths["markdown"].write_text(to_markdown(report), encoding="utf-8")
    paths["junit"].write_text(to_junit(report), encoding="utf-8")
    return paths


def write_json(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
