"""The eval report as HTML: a summary page (outcomes, headline metrics by language, the gate's deltas with their
95% intervals, slices) and one page per case and language (metrics and the scorer's reasons).

Rendered from ``report.report_dict`` (the harness's data), so the pages show exactly what the JSON, Markdown
and JUnit reports show. Self-contained pages, no external assets: they can be published as a CI artifact.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from summarizer.evals.report import headline_split, report_stem
from summarizer.files import atomic_write
from summarizer.html import render_template


def case_page_name(case: dict[str, Any]) -> str:
    """A file name for a case and language, safe whatever the case id holds."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", f"{case['case']}.{case['language']}") + ".html"


def render_summary(report: dict[str, Any], case_folder: str) -> str:
    head, thin = headline_split(report["aggregate"])
    return render_template(
        "eval_summary.html.j2",
        report=report,
        head=head,
        thin=thin,
        tags={k[4:]: v for k, v in report["slices"].items() if k.startswith("tag:")},
        case_links=[f"{case_folder}/{case_page_name(c)}" for c in report["per_case"]],
    )


def render_case(report: dict[str, Any], case: dict[str, Any], summary_href: str) -> str:
    return render_template("eval_case.html.j2", report=report, case=case, summary_href=summary_href)


def write_html_report(report: dict[str, Any], folder: Path) -> Path:
    """Write ``<stem>.html`` and ``<stem>.cases/<case>.<lang>.html`` into ``folder``; return the summary's path."""
    stem = report_stem(report)
    cases = folder / f"{stem}.cases"
    cases.mkdir(parents=True, exist_ok=True)
    summary = folder / f"{stem}.html"
    for case in report["per_case"]:
        atomic_write(cases / case_page_name(case), render_case(report, case, f"../{summary.name}"))
    atomic_write(summary, render_summary(report, cases.name))
    return summary
