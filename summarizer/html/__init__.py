"""One self-contained HTML page per digest: the Arabic article right-to-left with every evidence quote
highlighted at its verified offsets, the bullets beside it, events as a table, unsupported claims marked.

No external assets (inline CSS and JS), so the page can be mailed, attached to a CI run or opened offline.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import Any

import jinja2
from pydantic import ValidationError

from summarizer.errors import DigestMismatch
from summarizer.html.spans import Piece, Span, segment
from summarizer.render import describe_count
from summarizer.schema import Count, Digest, Event, Evidence
from summarizer.template_cache import bytecode_cache
from summarizer.triage import PartialDigest
from summarizer.validation import validate

__all__ = ["DigestMismatch", "digest_for_article", "notebook_html", "render_digest_page"]


@dataclass
class QuoteView:
    id: str
    quote: str
    start: int
    end: int
    located: str  # article[start:end]: what the page highlights
    match: str  # exact, clitic or fuzzy (prompt's quote repair); "exact" when the digest does not say


@dataclass
class ClaimView:
    """A bullet or an event with the quotes that back it and what the claim checker found."""

    key: str
    quotes: list[QuoteView]
    supported: bool | None
    findings: list[str] = field(default_factory=list)
    status: str | None = None  # the checker's status: supported, unverified (warnings only) or unsupported


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer.html", "templates"),
        autoescape=True,  # article and model text are data, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),  # compiled code kept between processes (speed only)
    )


def render_template(name: str, **values: Any) -> str:
    """Render one of this package's templates (also used by the eval report pages)."""
    return _environment().get_template(name).render(**values)


def digest_for_article(data: dict[str, Any], article: str) -> Digest:
    """Validate a digest (a ``summarize`` output or a hand-written fixture) against its article.

    Offsets are located again and claims checked again, never trusted from the file: the page must
    highlight what the quote says, in this article. Keys starting with ``_`` (fixture notes) are dropped.
    """
    clean = {k: v for k, v in data.items() if not k.startswith("_")}
    try:
        # however short: a best-effort digest may keep fewer than 3 bullets (every other rule still applies)
        return validate(PartialDigest, clean, article, faithfulness="warn")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].split(". Copy the quote exactly", 1)[0]  # that hint is for a model, not a reader
        raise DigestMismatch(
            f"the digest does not fit this article ({exc.error_count()} problem(s)); first, at {where}: {message}"
        ) from None


def _quote(key: str, evidence: Evidence, article: str) -> QuoteView:
    if evidence.start is None or evidence.end is None:
        raise DigestMismatch(f"quote {key} has no offsets: validate the digest against its article first")
    match = getattr(evidence, "match", None)
    status = str(getattr(match, "status", match) or "exact")  # a status, or an object carrying one
    return QuoteView(key, evidence.quote, evidence.start, evidence.end, article[evidence.start : evidence.end], status)


def _findings_by_location(digest: Digest, *, errors_only: bool = False) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for finding in digest.findings or []:
        if errors_only and finding.status != "error":
            continue
        claim = f": «{finding.claim[:120]}»" if finding.claim else ""
        grouped.setdefault(finding.location, []).append(
            f"{finding.check or finding.kind} ({finding.status}): {finding.message}{claim}"
        )
    return grouped


def _event_quotes(index: int, event: Event, article: str) -> dict[str, list[QuoteView]]:
    """The event's quotes by the field they back: evidence, fatalities, injuries, attributions[k]."""
    key = f"e{index}"
    groups: dict[str, list[QuoteView]] = {
        "evidence": [_quote(f"{key}q{j}", e, article) for j, e in enumerate(event.evidence)],
        "fatalities": [_quote(f"{key}f{j}", e, article) for j, e in enumerate(event.fatalities.evidence)],
        "injuries": [_quote(f"{key}i{j}", e, article) for j, e in enumerate(event.injuries.evidence)],
    }
    for k, attribution in enumerate(event.attributions):
        groups[f"attributions[{k}]"] = [
            _quote(f"{key}a{k}q{j}", e, article) for j, e in enumerate(attribution.evidence)
        ]
    return groups


def _unsupported_fields(event: Event, findings: dict[str, list[str]], index: int) -> dict[str, list[str]]:
    """Field path -> why, for the fields the claim checker rejected (its status map and its findings)."""
    bad: dict[str, list[str]] = {}
    for path, ok in (event.supported or {}).items():
        if not ok:
            bad.setdefault(path, [])
    prefix = f"events[{index}]"
    for location, messages in findings.items():
        if location == prefix or location.startswith(prefix + ".") or location.startswith(prefix + "["):
            path = location[len(prefix) :].lstrip(".") or "event"
            bad.setdefault(path, []).extend(messages)
    return bad


def _count(count: Count) -> str:
    return describe_count(count)


def _field_flag(bad: dict[str, list[str]], *names: str) -> list[str]:
    """Reasons for any unsupported field whose path starts with one of ``names``."""
    return [
        f"{path}: {m}" if m else f"{path}: unsupported"
        for path, messages in bad.items()
        if any(path == n or path.startswith((n + ".", n + "[")) for n in names)
        for m in (messages or [""])
    ]


def render_digest_page(
    digest: Digest, article: str, *, title: str = "summarizer digest", language: str | None = None
) -> str:
    """The review page for one digest: one self-contained HTML page (no external assets) to read it against its article.

    The article is shown right to left with every evidence quote highlighted at its offsets (a legend says
    what each colour means); the bullets beside it, each with its quotes, linked both ways on hover; the
    events as a table; every claim the checker could not support marked, with why. The page checks on load
    that each highlight is its quote (``#integrity``).

    Args:
        digest: a validated Digest of ``article``: from ``summarize``, or a saved one passed through
            :func:`digest_for_article` (which locates the quotes again; offsets are never trusted from a file).
        article: the article text the digest summarises.
        title: shown as the page title and heading; a path is shown as its file name only.
        language: the summary's language, ``"en"`` or ``"ar"`` (the page's ``lang`` and direction: an Arabic
            summary reads right to left); by default the language the digest was validated for, else what its
            bullets are written in.

    Returns:
        The page, as a string of HTML.

    Raises:
        DigestMismatch: a quote has no offsets or lies outside the article (exit code 16 in the CLI).
    """
    findings = _findings_by_location(digest)
    bullets: list[tuple[Any, ClaimView]] = []
    spans: list[Span] = []
    for i, bullet in enumerate(digest.bullets):
        quotes = [_quote(f"b{i}q{j}", e, article) for j, e in enumerate(bullet.evidence)]
        view = ClaimView(f"b{i}", quotes, bullet.supported, findings.get(f"bullets[{i}]", []), bullet.status)
        bullets.append((bullet, view))
    events: list[dict[str, Any]] = []
    for i, event in enumerate(digest.events):
        groups = _event_quotes(i, event, article)
        bad = _unsupported_fields(event, _findings_by_location(digest, errors_only=True), i)
        quotes = [q for group in groups.values() for q in group]
        events.append(
            {
                "event": event,
                "view": ClaimView(f"e{i}", quotes, not bad if event.supported is not None or bad else None),
                "groups": groups,
                "bad": bad,
                "flags": {
                    name: _field_flag(bad, *paths)
                    for name, paths in {
                        "type": ("event_type", "sub_event_type"),
                        "actors": ("actors",),
                        "location": ("location",),
                        "date": ("date",),
                        "fatalities": ("fatalities",),
                        "injuries": ("injuries",),
                        "attributions": ("attributions",),
                        "event": ("event", "description_en", "evidence"),
                    }.items()
                },
                "fatalities": _count(event.fatalities),
                "injuries": _count(event.injuries),
            }
        )
    for _, view in bullets:
        spans += [Span(q.id, q.start, q.end) for q in view.quotes]
    for event_view in events:
        spans += [Span(q.id, q.start, q.end) for q in event_view["view"].quotes]
    pieces: list[Piece] = segment(article, spans)
    quotes_json = {q.id: {"start": q.start, "end": q.end, "text": q.located, "quote": q.quote, "match": q.match}
                   for _, v in bullets for q in v.quotes}  # fmt: skip
    quotes_json |= {q.id: {"start": q.start, "end": q.end, "text": q.located, "quote": q.quote, "match": q.match}
                    for ev in events for q in ev["view"].quotes}  # fmt: skip
    lang = language or getattr(digest, "_language", None) or _language_of(digest)
    bullets_rtl = lang == "ar"
    return render_template(
        "digest.html.j2",
        title=PurePath(title).name or title,
        lang=lang,
        page_dir="rtl" if lang == "ar" else "ltr",
        pieces=pieces,
        bullets=bullets,
        bullets_dir="rtl" if bullets_rtl else "ltr",
        events=events,
        findings=digest.findings,
        checked=digest.findings is not None,
        run=digest.run,
        event_keys={ev["event"].event_id: ev["view"].key for ev in events},
        fuzzy_ids={qid for qid, q in quotes_json.items() if q["match"] == "fuzzy"},
        quotes_json=json.dumps(quotes_json, ensure_ascii=False).replace("</", "<\\/"),
    )


_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


def _mostly_arabic(text: str) -> bool:
    return len(_ARABIC.findall(text)) > len(_LATIN.findall(text))


def _language_of(digest: Digest) -> str:
    """The language the bullets are written in: Arabic when every bullet is mostly Arabic letters."""
    return "ar" if digest.bullets and all(_mostly_arabic(b.text) for b in digest.bullets) else "en"


def notebook_html(digest: Digest, article: str | None = None, *, height: int = 640) -> str:
    """The review page inside an ``<iframe>`` (its styles and script kept apart from the notebook's), for
    ``Digest._repr_html_``: Jupyter shows a digest this way. ``article`` defaults to the one the digest was
    validated against; a digest validated without one is shown as its bullets."""
    article = article if article is not None else getattr(digest, "_article", None)
    if article is None:
        items = "".join(f"<li>{html.escape(b.text)}</li>" for b in digest.bullets)
        note = "validated without its article: summarizer.html.render_digest_page(digest, article) shows the page"
        return f"<ol>{items}</ol><p><small>{html.escape(note)}</small></p>"
    page = render_digest_page(digest, article)
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width: 100%; height: {height}px; border: 0" '
        'title="summarizer review page"></iframe>'
    )
