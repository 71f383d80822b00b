"""Sort an answer's bullets and events into supported ones and failing ones, each failure with its reasons.

Why: one unsupported bullet used to fail a whole answer, and re-asking the whole answer let the model break what
was right. Judging item by item lets the repair loop re-ask for the failing items alone and keep the rest, and
lets best-effort mode keep exactly what the claim checker supports.

Each bullet and event is validated on its own with the Digest's own validators (grounding, language, ACLED
pairs, counts); the claim checker (``summarizer.claims``) then runs on the digest the valid ones make, so a
name in an English bullet is matched against the grounded names of the events kept with it. An item is
supported when it validates and the checker finds no error on it (an event: on none of its fields); an
``unverified`` warning keeps the item, and the digest built from the kept items marks it (``status``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field, ValidationError, model_validator

from summarizer.arabic import normalize_text
from summarizer.findings import Finding
from summarizer.schema import Bullet, Digest, Event
from summarizer.validation import check_digest, validate

MAX_BULLETS = 6


class PartialDigest(Digest):
    """A digest that kept only part of an answer: any number of bullets (best-effort mode; ``view`` shows any
    digest that validates against its article, however short)."""

    bullets: list[Bullet] = Field(max_length=MAX_BULLETS)

    @model_validator(mode="after")
    def _not_empty(self) -> PartialDigest:
        if not self.bullets and not self.events:
            raise ValueError("a digest needs at least one bullet or event")
        return self


@dataclass
class Item:
    """One bullet or event of an answer, as Digest data, with what is wrong with it (nothing when supported)."""

    kind: str  # "bullet" or "event"
    data: dict[str, Any]
    origin: Any = None  # what the model wrote (e.g. its pointer bullet), shown when it is asked again
    where: str = ""  # which answer and position it came from, for the record
    model: Bullet | Event | None = None
    problems: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # errors and unverified warnings alike

    @property
    def errors(self) -> list[Finding]:
        """The findings that fail the item (status ``error``); ``unverified`` warnings never do."""
        return [f for f in self.findings if f.is_error]

    @property
    def supported(self) -> bool:
        """Validates and no erroring finding: an item with only ``unverified`` warnings is kept (and marked)."""
        return self.model is not None and not self.problems and not self.errors

    def reasons(self) -> list[str]:
        return self.problems + [f"{f.kind}: {f.message} ({f.claim[:80]!r})" for f in self.errors]

    def key(self) -> tuple[str, ...]:
        """What makes two items the same: a bullet's words, an event's type, sub-type, place and date as written."""
        if self.kind == "bullet":
            return ("bullet", normalize_text(str(self.data.get("text", ""))))
        location = self.data.get("location") or {}
        written = (self.data.get("date") or {}).get("as_written", "")
        return (
            "event",
            str(self.data.get("event_type")),
            str(self.data.get("sub_event_type")),
            normalize_text(str(location.get("name", ""))),
            normalize_text(str(written)),
        )


def _errors(exc: ValidationError) -> list[str]:
    shown = [f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in exc.errors()[:3]]
    if exc.error_count() > 3:
        shown.append(f"(+{exc.error_count() - 3} more)")
    return shown


def validate_items(items: list[Item], article: str, language: str) -> None:
    """Validate each item on its own (in place): a failing one gets its validation errors as problems."""
    context = {"article": article, "language": language}
    for item in items:
        model_class = Bullet if item.kind == "bullet" else Event
        try:
            item.model = model_class.model_validate(item.data, context=context)
        except ValidationError as exc:
            item.model, item.problems = None, _errors(exc)


def check_claims(items: list[Item], article: str) -> Digest:
    """Run the claim checker on the digest the valid items make (in place: each item gets its findings).

    Returns that digest (not validated as a whole: it may hold fewer than 3 bullets), annotated.
    """
    bullets = [i for i in items if i.kind == "bullet" and i.model is not None]
    events = [i for i in items if i.kind == "event" and i.model is not None]
    digest = Digest.model_construct(
        bullets=[i.model for i in bullets if isinstance(i.model, Bullet)],
        events=[i.model for i in events if isinstance(i.model, Event)],
        run=None,
        findings=None,
    )
    findings = check_digest(digest, article)
    for prefix, group in (("bullets", bullets), ("events", events)):
        for index, item in enumerate(group):
            where = f"{prefix}[{index}]"
            item.findings = [f for f in findings if _belongs(f.location, where)]
    return digest


def _belongs(location: str, where: str) -> bool:
    return location == where or location.startswith(where + ".")


def triage(items: list[Item], article: str, language: str) -> None:
    """Validate every item and check its claims (in place); ``Item.supported`` says which ones stand."""
    validate_items(items, article, language)
    check_claims(items, article)


# Two bullets sharing this much of their words say the same thing (a 1.5B model repeats a bullet with one word
# changed: «مما أدى» / «ما أدى»); the second is a repeat, so it never counts toward the 3 a digest needs.
NEAR_REPEAT = 0.8


def _words(item: Item) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", normalize_text(str(item.data.get("text", "")))))


def _near(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= NEAR_REPEAT


def unique(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """Items without repeats (the first kept), and the repeats: the same event (type, sub-type, place, date as
    written), or a bullet whose words are the same as an earlier one's, or nearly (``NEAR_REPEAT``)."""
    seen: set[tuple[str, ...]] = set()
    words: list[frozenset[str]] = []
    kept: list[Item] = []
    repeats: list[Item] = []
    for item in items:
        mine = _words(item) if item.kind == "bullet" else frozenset()
        if item.key() in seen or any(_near(mine, other) for other in words):
            repeats.append(item)
            continue
        kept.append(item)
        seen.add(item.key())
        if item.kind == "bullet":
            words.append(mine)
    return kept, repeats


def snippet(text: str) -> str:
    """How ``run.dropped`` quotes a dropped bullet's text (its first 60 characters): the eval finds the reason of a
    bullet in ``run.dropped_bullets`` by it."""
    return repr(text[:60])


def describe(item: Item) -> str:
    """How a dropped item is listed in ``run.dropped``: which, what it said, and why."""
    if item.kind == "bullet":
        what = f"{item.where} {snippet(str(item.data.get('text', '')))}"
    else:
        what = f"{item.where} {item.data.get('event_type')} / {item.data.get('sub_event_type')}"
    return f"{what.strip()} ({'; '.join(item.reasons()) or 'repeated or over the cap'})"


def assemble(items: list[Item], article: str, language: str) -> tuple[list[Item], list[Item]]:
    """Judge ``items`` together; return the kept bullets and events: supported, unique, at most MAX_BULLETS
    bullets, and still supported once the others are gone (an English bullet's names may rest on a dropped
    event's)."""
    current = list(items)
    while True:
        triage(current, article, language)
        good, _ = unique([i for i in current if i.supported])
        if len(good) == len(current):
            break
        current = good
    bullets = [i for i in current if i.kind == "bullet"][:MAX_BULLETS]
    return bullets, [i for i in current if i.kind == "event"]


def build(bullets: list[Item], events: list[Item], article: str, language: str, cls: type[Digest]) -> Digest:
    """The digest of kept items, validated whole (claims as errors). Events are numbered E1, E2, ... in order;
    a relation keeps pointing at its event when that event is kept, and is dropped otherwise."""
    renamed = {str(i.data.get("event_id")): f"E{n}" for n, i in enumerate(events, start=1)}
    kept_events = []
    for n, item in enumerate(events, start=1):
        assert isinstance(item.model, Event)
        relations = [
            r.model_copy(update={"event_id": renamed[r.event_id]})
            for r in item.model.relations
            if r.event_id in renamed and renamed[r.event_id] != f"E{n}"
        ]
        kept_events.append(item.model.model_copy(update={"event_id": f"E{n}", "relations": relations}))
    data = {"bullets": [i.model for i in bullets], "events": kept_events}
    return validate(cls, data, article, language, "error")
