"""The eval report as HTML: a summary page (the verdict, the gate's checks with their 95% intervals, headline
metrics by language, tags, cases) and one page per case and language (its metrics, the model's bullets marked
supported or not, its reasons as text, and a link to the digest's review page when the run produced a digest).

Rendered from the typed ``Report``, so the pages show exactly what the JSON, Markdown and JUnit reports show.
The review pages are ``summarizer.html.render_digest_page``'s, written beside the case pages. Self-contained
pages, no external assets: they can be published as a CI artifact.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import jinja2

from summarizer.errors import FileProblem
from summarizer.evals.report import CaseRecord, Report, headline_split, report_stem
from summarizer.evals.verdict import signed
from summarizer.files import atomic_write
from summarizer.html import render_digest_page
from summarizer.schema import Digest
from summarizer.template_cache import bytecode_cache


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer.evals", "templates"),
        autoescape=True,  # model text and reasons are data, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),  # compiled code kept between processes (speed only)
    )
    env.filters["signed"] = signed
    return env


def _render(name: str, **values: object) -> str:
    return _environment().get_template(name).render(**values)


def case_page_name(case: CaseRecord) -> str:
    """A file name for a case and language, safe whatever the case id holds."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", f"{case.case}.{case.language}") + ".html"


def review_page_name(case: CaseRecord) -> str:
    return case_page_name(case).removesuffix(".html") + ".digest.html"


def detail_text(detail: Mapping[str, object]) -> str:
    """A reason's details as text ("expected: a, b; sentence: ..."), never a dict's repr."""
    parts = []
    for key, value in detail.items():
        if value is None or value == [] or key == "raw":  # the raw answer is already the reason's message
            continue
        shown = ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts)


def render_summary(report: Report, case_folder: str) -> str:
    head, thin = headline_split(report.aggregate)
    return _render(
        "eval_summary.html.j2",
        report=report,
        head=head,
        thin=thin,
        tags={k[4:]: v for k, v in report.slices.items() if k.startswith("tag:")},
        case_links=[f"{case_folder}/{case_page_name(c)}" for c in report.per_case],
    )


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def render_case(
    report: Report,
    case: CaseRecord,
    summary_href: str,
    review_href: str | None = None,
    moves: Mapping[str, Mapping[str, float]] | None = None,
) -> str:
    """One case's page; ``moves`` (key -> metric -> change against the baseline) is the verdict's, indexed once."""
    if moves is None:
        moves = {m.key: m.deltas for m in report.gate.moves} if report.gate else {}
    moved = moves.get(case.key, {})
    rows = [  # formatted here, not by a template macro per cell: 84 pages of 35 metrics add up
        (name, _num(value), _num(report.aggregate[name].mean if name in report.aggregate else None),
         signed(moved[name]) if name in moved else "")
        for name, value in case.metrics.items()
    ]  # fmt: skip
    return _render(
        "eval_case.html.j2",
        report=report,
        case=case,
        summary_href=summary_href,
        review_href=review_href,
        detail_text=detail_text,
        rows=rows,
    )


def write_html_report(report: Report, folder: Path, digests: Mapping[str, tuple[Digest, str]] | None = None) -> Path:
    """Write ``<stem>.html`` and ``<stem>.cases/<case>.<lang>.html`` into ``folder``; return the summary's path.

    ``digests`` maps a result's key (``<case>.<lang>``) to its digest and article: each gets a review page,
    ``<stem>.cases/<case>.<lang>.digest.html``, linked from its case page.
    """
    stem = report_stem(report)
    cases = folder / f"{stem}.cases"
    cases.mkdir(parents=True, exist_ok=True)
    summary = folder / f"{stem}.html"
    moves = {m.key: m.deltas for m in report.gate.moves} if report.gate else {}
    for case in report.per_case:
        review = None
        if digests and (found := digests.get(case.key)) is not None:
            digest, article = found
            review = review_page_name(case)
            title = f"{case.case} ({case.language}): {report.model} / {report.prompt_version}"
            _write(cases / review, render_digest_page(digest, article, title=title))
        _write(cases / case_page_name(case), render_case(report, case, f"../{summary.name}", review, moves))
    atomic_write(summary, render_summary(report, cases.name))  # the page a reader opens: never half-written
    return summary


def _write(path: Path, text: str) -> None:
    """A case or review page: regenerated on every run, so written in place (renaming over 160 files costs
    a quarter of a second on this machine's filesystem); the summary page that links them is written last.

    Overwritten, then cut to length, rather than truncated first: truncating a file whose blocks are on disk
    frees them, which on a disk mounted with ``discard`` waits for the device (~4 ms a page here, 0.6 s a run;
    overwriting: 0.02 ms)."""
    data = text.encode("utf-8")
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.ftruncate(descriptor, len(data))
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise FileProblem.from_os_error(exc, path) from None
