"""The report in Markdown: the full report (an artifact: every case with its reasons) and the pull-request
comment (a summary: the verdict, the gate's table, the cases that moved), which stays under GitHub's comment
limit (65,536 characters) with room to spare whatever the suite's size.
"""

from __future__ import annotations

from summarizer.evals.report import CaseRecord, Report, headline_split
from summarizer.evals.results import MIN_HEADLINE_N, Reason
from summarizer.evals.verdict import Check, Verdict, signed

COMMENT_LIMIT = 60_000
MOVED_SHOWN = 40
ICON = {"pass": "✅", "fail": "❌", "recordings": "⛔", "refused": "⛔"}


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def reason_text(reason: Reason, limit: int = 300) -> str:
    """A reason as one line of text: its kind, and its message cut at ``limit`` characters."""
    text = " ".join(str(reason.message).split())
    return f"`{reason.kind}` " + (text if len(text) <= limit else text[:limit] + " …")


def _limits(check: Check) -> str:
    return ", ".join(
        f"{k} {v}" for k, v in (("minimum", check.minimum), ("max_regression", check.max_regression)) if v is not None
    )


def _flag(check: Check) -> str:
    rules = [
        name
        for name, hit in (("floor", check.below_floor), ("interval", check.regressed), ("drop", check.dropped))
        if hit
    ]
    return "❌ " + ", ".join(rules) if rules else ("thin" if check.thin else "")


def gate_table(verdict: Verdict) -> list[str]:
    """Every check: the slice, the means, the paired delta with its interval, how many moved and the drop test."""
    if not verdict.checks:
        return []
    lines = [
        "| metric | slice | baseline | now | delta | 95% CI | moved (down) | drop p | n | limits | |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|---|---|",
    ]
    for c in verdict.checks:
        ci = "–" if c.ci_low is None or c.ci_high is None else f"[{signed(c.ci_low)}, {signed(c.ci_high)}]"
        delta = "–" if c.delta is None else signed(c.delta)
        p = "–" if c.p_drop is None else f"{c.p_drop:.3f}"
        lines.append(
            f"| {c.metric} | {c.scope} | {_fmt(c.baseline)} | {_fmt(c.current)} | {delta} | {ci} "
            f"| {c.moved} ({c.down}) | {p} | {c.n} | {_limits(c)} | {_flag(c)} |"
        )
    return lines


def gate_section(verdict: Verdict) -> list[str]:
    lines = [f"**{ICON[verdict.status]} {_cell(verdict.headline)}**", ""]
    if verdict.baseline:
        lines += [f"Against `{verdict.baseline}` ({verdict.n_paired} of {verdict.n_run} results paired).", ""]
    lines += [f"- {_cell(r)}" for r in verdict.reasons] + [f"- note: {_cell(n)}" for n in verdict.notes]
    if verdict.checks:
        lines += [
            "",
            f"Rules per metric and slice: floor (whole suite only), interval (the paired 95% interval wholly past "
            f"max_regression), drop (a consistent fall, sign-flip test adjusted over {verdict.drop_tests} tests at "
            f"alpha {verdict.alpha}, past max_regression where it moved); overall: each result's mean change over "
            "gate.json's overall metrics (what users get), the same drop test once per slice at its own alpha.",
            "",
            *gate_table(verdict),
        ]
    return [*lines, ""]


def _title(report: Report) -> str:
    langs = ", ".join(report.languages)
    return (
        f"### summarizer eval: `{report.model}`, prompt `{report.prompt_version}` (`{report.prompt_hash}`), "
        f"{report.cases} case(s) x {langs} = {report.results} results{_recorded(report)}"
    )


def _recorded(report: Report) -> str:
    """Where and how the answers were recorded, from the recordings' metas (nothing for gold labels)."""
    if not (report.provider or report.mode):
        return ""
    return f", recorded on `{report.provider or '?'}` ({report.mode or '?'})"


def _metric_table(report: Report, head: list[str]) -> list[str]:
    langs = report.languages
    lines = [
        "| metric | all | n |" + "".join(f" {lang} | n |" for lang in langs),
        "|---|---:|---:|" + "---:|---:|" * len(langs),
    ]
    for name in head:
        row = f"| {name} | {_fmt(report.aggregate[name].mean)} | {report.aggregate[name].n} |"
        for lang in langs:
            part = report.slices.get(f"lang:{lang}")
            agg = part.aggregate.get(name) if part else None
            row += f" {_fmt(agg.mean)} | {agg.n} |" if agg else " – | 0 |"
        lines.append(row)
    return lines


def _case_lines(case: CaseRecord, head: list[str]) -> list[str]:
    m = case.metrics
    scores = ", ".join(f"{k} {_fmt(m[k])}" for k in head[:4] if m.get(k) is not None)
    lines = [f"- **{case.case}** ({case.language}): {case.outcome}; {scores}"]
    lines += [f"  - {_cell(reason_text(r))}" for r in case.reasons[:12]]
    if len(case.reasons) > 12:
        lines.append(f"  - … {len(case.reasons) - 12} more in the JSON report")
    return lines


def to_markdown(report: Report) -> str:
    """The full report: verdict, headline table by language, slices, reasons per case (an artifact)."""
    lines = [_title(report), ""]
    if report.gate:
        lines += gate_section(report.gate)
    lines += ["Outcomes: " + ", ".join(f"{k} {v}" for k, v in report.outcomes.items()), ""]
    head, thin = headline_split(report.aggregate)
    lines += _metric_table(report, head)
    if thin:
        shown = ", ".join(f"{m} {_fmt(report.aggregate[m].mean)} (n={report.aggregate[m].n})" for m in thin)
        lines += ["", f"Other metrics (not headlines: thin n < {MIN_HEADLINE_N} or secondary): {shown}"]
    usage = report.usage
    lines += [
        "",
        f"Usage from the recordings: {usage.total_tokens} tokens ({usage.prompt_tokens} prompt, "
        f"{usage.completion_tokens} completion) over {usage.attempts} request(s); recorded latency "
        f"{usage.recorded_latency_s}s; replayed and scored in {usage.replay_s:.2f}s.",
        "",
        "<details><summary>Per tag</summary>",
        "",
        "| tag | results |" + "".join(f" {m} |" for m in head[:6]),
        "|---|---:|" + "---:|" * len(head[:6]),
    ]
    for name, part in report.slices.items():
        if name.startswith("tag:"):
            cells = "".join(
                f" {_fmt(a.mean)} (n={a.n}) |" if (a := part.aggregate.get(m)) else " – |" for m in head[:6]
            )
            lines.append(f"| {name[4:]} | {part.results} |{cells}")
    lines += ["", "</details>", "", "<details><summary>Per case, with reasons</summary>", ""]
    for case in report.per_case:
        lines += _case_lines(case, head)
    lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _moved_lines(verdict: Verdict, limit: int) -> list[str]:
    if not verdict.moves:
        return ["No paired result moved on a gated metric."]
    lines = [
        f"<details><summary>Cases that moved: {len(verdict.moves)} of {verdict.n_paired} paired results "
        f"(most fallen first{f'; the first {limit} shown' if len(verdict.moves) > limit else ''})</summary>",
        "",
        "| case | changes (run - baseline) |",
        "|---|---|",
    ]
    for move in verdict.moves[:limit]:
        changes = ", ".join(f"{m} {signed(d)}" for m, d in sorted(move.deltas.items(), key=lambda kv: kv[1]))
        lines.append(f"| {move.key} | {changes} |")
    return [*lines, "", "</details>"]


def to_comment(report: Report, artifact: str = "the eval reports artifact") -> str:
    """The pull-request comment: verdict, the gate's table, the cases that moved; under ``COMMENT_LIMIT``."""
    head = [_title(report), ""]
    tail = [
        "",
        f"Every case with its reasons, bullets and review pages: {artifact} (the full Markdown, JSON, JUnit "
        "and HTML reports).",
    ]
    if report.gate is None:
        head += [
            "Not gated: scored and reported only.",
            "",
            *_metric_table(report, headline_split(report.aggregate)[0]),
        ]
        return _capped(head, [], tail)
    return _capped(head + gate_section(report.gate), _moved_lines(report.gate, MOVED_SHOWN), tail)


def _capped(head: list[str], optional: list[str], tail: list[str]) -> str:
    """head + optional + tail; without the optional part (then cut) if that is what fits the comment limit."""
    text = "\n".join([*head, *optional, *tail]) + "\n"
    if len(text) > COMMENT_LIMIT and optional:
        text = "\n".join([*head, "(cases that moved: left out to fit a pull-request comment)", *tail]) + "\n"
    if len(text) > COMMENT_LIMIT:
        note = "\n… (cut to fit a pull-request comment)\n"
        text = text[: COMMENT_LIMIT - len(note) - len("\n".join(tail))] + note + "\n".join(tail) + "\n"
    return text
