"""Every report file of a run, side by side: what ``summarizer eval --out DIR`` writes.

``<stem>.json`` (the data), ``<stem>.md`` (the full report), ``<stem>.comment.md`` (the pull-request comment:
verdict, gate table, cases that moved; under 60,000 characters), ``<stem>.junit.xml`` and ``<stem>.html`` with
its ``<stem>.cases/`` pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from summarizer.evals.cases import Case
from summarizer.evals.html_report import write_html_report
from summarizer.evals.junit import to_junit
from summarizer.evals.markdown import to_comment, to_markdown
from summarizer.evals.report import Report, report_stem, write_json
from summarizer.evals.results import EvalRun
from summarizer.files import atomic_write
from summarizer.schema import Digest


def review_inputs(run: EvalRun, cases: Sequence[Case]) -> dict[str, tuple[Digest, str]]:
    """Each result's digest with its article, for the review pages (results without a digest have none)."""
    articles = {c.id: c.article for c in cases}
    return {r.key: (r.digest, articles[r.case_id]) for r in run.results if r.digest and r.case_id in articles}


def write_reports(
    report: Report, folder: Path, digests: Mapping[str, tuple[Digest, str]] | None = None
) -> dict[str, Path]:
    """Write every format into ``folder``; return the paths by format."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = report_stem(report)
    paths = {
        "json": folder / f"{stem}.json",
        "markdown": folder / f"{stem}.md",
        "comment": folder / f"{stem}.comment.md",
        "junit": folder / f"{stem}.junit.xml",
    }
    write_json(report, paths["json"])
    atomic_write(paths["markdown"], to_markdown(report))
    atomic_write(paths["comment"], to_comment(report, f"the artifact's {paths['markdown'].name}, .json and .html"))
    atomic_write(paths["junit"], to_junit(report))
    paths["html"] = write_html_report(report, folder, digests)
    return paths
