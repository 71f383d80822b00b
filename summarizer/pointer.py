"""Evidence by pointer: the model cites numbered article units instead of copying Arabic quotes.

Why: prompt v2's 1.5B model spent 37% of its answer copying quotes and got them wrong (a quote not in the
article, a quote under 3 words: 36 of 80 failed answers). Production citation APIs let the model point at
the source instead (Anthropic's ``cited_text`` with character indices, Cohere's document spans). Here the
prompt shows the article as ``[n] unit`` lines (``summarizer.units``); the answer cites unit numbers, and the
evidence of the Digest the user gets is the cited units themselves: exact slices with offsets, 3 to 40 words,
by construction. The Digest is unchanged.

The grammar makes a wrong pointer impossible: every cite in the JSON schema refers to one ``$defs`` entry,
``UnitNumber``, which the request carries per article as an integer enum of the article's unit numbers
(``unit_number_schema``; ``client.RequestPlan`` patches it into the request body, so the request plan stays
cached per response model and no class is made per article). llama.cpp's schema-to-grammar (the Python one in
llama-cpp-python and the C++ one in llama-server), vLLM's guided decoding and OpenAI's strict mode all enforce
an enum; llama-cpp-python ignores an integer's minimum/maximum. OpenAI's strict mode allows at most 500 enum
values in a whole schema: past ``MAX_ENUM_UNITS`` units the entry is a range instead (minimum/maximum, which
OpenAI and llama-server enforce), and validation checks the range either way (``cite`` against the article in
the validation context), so a grammar that ignores it costs a re-ask, never a wrong quote.

A bullet may narrow a cited unit to a ``span`` (variant ``pointer-spans``): it is looked for only inside the
bullet's cited units, replaces the unit it is found in, and is dropped with a note when it is in none of them
(or is under 3 words). The local model's variant (``pointer``) has no spans: copying is what it does worst.

Fields code can fill are not asked for: event ids (E1, E2, ... in order), each count's evidence (the event's
cited units), ISO dates (null: the claim checker flags any the article does not give). The model writes no
attributions or relations in these variants. The lean variant (``pointer-lean``, prompt v6) asks for one event's
cited units, type, actors and place only; its date, counts and description are read from the cited units by code
(``summarizer.event_fill``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.json_schema import SkipJsonSchema

from summarizer.acled import ActorType, EventType, SubEventType
from summarizer.arabic import normalize
from summarizer.compact import ARABIC_SCRIPT, LATIN_SCRIPT, PRECISION, arabic, latin, script
from summarizer.grounding import MIN_QUOTE_WORDS, find_phrase, quote_words
from summarizer.schema import ActorSide, CountQualifier, Digest, Language
from summarizer.units import Unit, split_units

UNIT_DEF = "UnitNumber"
UNIT_REF: dict[str, Any] = {"$ref": f"#/$defs/{UNIT_DEF}"}
# The placeholder the cached request plan carries; every request replaces it with the article's own numbers.
UNIT_PLACEHOLDER: dict[str, Any] = {"type": "integer", "minimum": 1}
# OpenAI strict mode: at most 500 enum values in a schema; the Digest's own enums use about 70 of them.
MAX_ENUM_UNITS = 400
MAX_BULLETS = 5
MAX_EVENTS = 3


def unit_number_schema(units: int) -> dict[str, Any]:
    """The ``UnitNumber`` definition for an article of ``units`` units: an enum, or a range past MAX_ENUM_UNITS."""
    if units <= MAX_ENUM_UNITS:
        return {"type": "integer", "enum": list(range(1, units + 1))}
    return {"type": "integer", "minimum": 1, "maximum": units}


_UNIT_MARK = "x-unit-number"


def _with_unit_refs(node: Any) -> Any:
    """The schema with every marked cite item replaced by a reference to the one ``UnitNumber`` entry."""
    if isinstance(node, dict):
        if node.get(_UNIT_MARK):
            return dict(UNIT_REF)
        return {k: _with_unit_refs(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_with_unit_refs(v) for v in node]
    return node


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Pydantic's schema, each cite's items a ``$ref`` to one ``$defs`` entry the request fills per article
        (pydantic itself cannot emit a reference to a definition it did not make)."""
        schema: dict[str, Any] = _with_unit_refs(super().model_json_schema(*args, **kwargs))
        if json_text(schema).count(UNIT_DEF):
            schema.setdefault("$defs", {})[UNIT_DEF] = dict(UNIT_PLACEHOLDER)
        return schema


def json_text(schema: Any) -> str:
    import json

    return json.dumps(schema, ensure_ascii=False)


def _cites(max_items: int, description: str) -> Any:
    return Field(
        min_length=1,
        max_length=max_items,
        description=description,
        json_schema_extra={"items": {"type": "integer", _UNIT_MARK: True}},
    )


def _check_cites(cites: list[int], info: ValidationInfo) -> list[int]:
    """Each cite must be a unit of the article in the validation context; repeats are dropped."""
    context = info.context if isinstance(info.context, dict) else {}
    article = context.get("article")
    if article is not None:
        count = len(split_units(article))
        wrong = [n for n in cites if not 1 <= n <= count]
        if wrong:
            raise ValueError(f"{wrong} are not unit numbers of this article: cite numbers from 1 to {count}")
    return list(dict.fromkeys(cites))


class PointerBullet(_Answer):
    cite: list[int] = _cites(2, "The numbers [n] of the 1 or 2 units this bullet states.")
    text: str = Field(max_length=240, description="One short sentence saying only what the cited units say.")
    span: SkipJsonSchema[str | None] = None  # only the pointer-spans variant asks for it

    _cite_range = field_validator("cite")(_check_cites)


# A bullet is a sentence: the grammar refuses fragments ("...", «القوات الإسرائيلية قتل») a 1.5B model wrote.
MIN_BULLET_CHARS = 30


class PointerBulletEn(PointerBullet):
    text: str = Field(
        max_length=240,
        description="One short sentence in English.",
        json_schema_extra=script(LATIN_SCRIPT, 240, MIN_BULLET_CHARS),
    )


class PointerBulletAr(PointerBullet):
    text: str = Field(
        max_length=240,
        description="One short sentence in Arabic.",
        json_schema_extra=script(ARABIC_SCRIPT, 240, MIN_BULLET_CHARS),
    )


_SPAN = Field(
    default=None,
    max_length=160,
    description="Optional: the few words of a cited unit that prove the bullet, copied exactly.",
    json_schema_extra=script(ARABIC_SCRIPT, 160, min_length=5),
)


class SpanBulletEn(PointerBulletEn):
    span: str | None = _SPAN


class SpanBulletAr(PointerBulletAr):
    span: str | None = _SPAN


class PointerActor(_Answer):
    name: str = Field(max_length=60, description="As written in the article.", json_schema_extra=arabic(60))
    name_en: str = Field(max_length=60, description="In English.", json_schema_extra=latin(60))
    side: ActorSide
    actor_type: ActorType


class PointerLocation(_Answer):
    name: str = Field(max_length=60, description="As written in the article.", json_schema_extra=arabic(60))
    name_en: str = Field(max_length=60, description="Its usual English name.", json_schema_extra=latin(60))
    country: str = Field(max_length=40, description="Country in English.", json_schema_extra=latin(40))
    geo_precision: int = Field(
        description="1 the place itself, 2 a nearby area, 3 only the region.", json_schema_extra=PRECISION
    )


class PointerDate(_Answer):
    as_written: str = Field(max_length=60, description="The date words as written.", json_schema_extra=arabic(60))
    time_precision: int = Field(
        description="1 the exact day, 2 the week, 3 only the month.", json_schema_extra=PRECISION
    )


class PointerCount(_Answer):
    qualifier: CountQualifier
    low: int | None = None
    high: int | None = None


class PointerEvent(_Answer):
    cite: list[int] = _cites(2, "The numbers [n] of the 1 or 2 units that report this event.")
    event_type: EventType
    sub_event_type: SubEventType
    description_en: str = Field(max_length=160, description="One short English sentence.", json_schema_extra=latin(160))
    actors: list[PointerActor] = Field(min_length=1, max_length=2)
    location: PointerLocation
    date: PointerDate
    fatalities: PointerCount
    injuries: PointerCount

    _cite_range = field_validator("cite")(_check_cites)


class LeanEvent(_Answer):
    """An event as the lean variant asks for it (prompt v6): only what the model must judge. Its date, counts and
    description are filled by code from the units it cites (``summarizer.event_fill``), which on the recorded
    local answers cost about half of the completion tokens and made most events fail the claim checker."""

    # (The docstring above is sent in the request's schema: editing it makes every v6 recording stale. The filler
    # is handed to ``digest_data`` by its callers: it reads the units with the claim checker, a layer above.)
    cite: list[int] = _cites(2, "The numbers [n] of the 1 or 2 units that report this event.")
    event_type: EventType
    sub_event_type: SubEventType
    actors: list[PointerActor] = Field(min_length=1, max_length=2)
    location: PointerLocation

    _cite_range = field_validator("cite")(_check_cites)


class PointerDigest(_Answer):
    """What the model writes: bullets and events that cite article units by number."""

    bullets: list[PointerBullet] = Field(min_length=3, max_length=MAX_BULLETS)
    events: list[PointerEvent] = Field(
        max_length=MAX_EVENTS, description="Empty when the article reports no event. Never invent events."
    )


class PointerDigestEn(PointerDigest):
    bullets: list[PointerBulletEn] = Field(min_length=3, max_length=MAX_BULLETS)  # type: ignore[assignment]


class PointerDigestAr(PointerDigest):
    bullets: list[PointerBulletAr] = Field(min_length=3, max_length=MAX_BULLETS)  # type: ignore[assignment]


class SpanDigestEn(PointerDigest):
    bullets: list[SpanBulletEn] = Field(min_length=3, max_length=MAX_BULLETS)  # type: ignore[assignment]


class SpanDigestAr(PointerDigest):
    bullets: list[SpanBulletAr] = Field(min_length=3, max_length=MAX_BULLETS)  # type: ignore[assignment]


# A small model given room for three lean events wrote one per bullet (0.5B, 6 cases: 25% more tokens than with
# full events), so the lean variant asks for the main event only.
MAX_LEAN_EVENTS = 1
_LEAN_EVENTS = Field(
    max_length=MAX_LEAN_EVENTS, description="The main event, or empty when the article reports none. Never invent one."
)


class LeanDigestEn(PointerDigestEn):
    events: list[LeanEvent] = _LEAN_EVENTS  # type: ignore[assignment]


class LeanDigestAr(PointerDigestAr):
    events: list[LeanEvent] = _LEAN_EVENTS  # type: ignore[assignment]


class PointerRepair(_Answer):
    """A repair answer: only the bullets and events that were asked for again (none required)."""

    bullets: list[PointerBullet] = Field(max_length=MAX_BULLETS)
    events: list[PointerEvent] = Field(max_length=MAX_EVENTS)


class PointerRepairEn(PointerRepair):
    bullets: list[PointerBulletEn] = Field(max_length=MAX_BULLETS)  # type: ignore[assignment]


class PointerRepairAr(PointerRepair):
    bullets: list[PointerBulletAr] = Field(max_length=MAX_BULLETS)  # type: ignore[assignment]


class LeanRepairEn(PointerRepairEn):
    events: list[LeanEvent] = Field(max_length=MAX_LEAN_EVENTS)  # type: ignore[assignment]


class LeanRepairAr(PointerRepairAr):
    events: list[LeanEvent] = Field(max_length=MAX_LEAN_EVENTS)  # type: ignore[assignment]


class TranslatedBullet(_Answer):
    text: str = Field(
        max_length=240, description="The bullet in English.", json_schema_extra=script(LATIN_SCRIPT, 240, 20)
    )


class Translation(_Answer):
    """English for Arabic bullets, in their order (English by translation: see ``repair.converse``)."""

    bullets: list[TranslatedBullet] = Field(min_length=1, max_length=MAX_BULLETS)


VARIANTS: dict[str, dict[Language, type[PointerDigest]]] = {
    "pointer": {"en": PointerDigestEn, "ar": PointerDigestAr},
    "pointer-spans": {"en": SpanDigestEn, "ar": SpanDigestAr},
    "pointer-lean": {"en": LeanDigestEn, "ar": LeanDigestAr},
}
REPAIR: dict[Language, type[PointerRepair]] = {"en": PointerRepairEn, "ar": PointerRepairAr}
LEAN_REPAIR: dict[Language, type[PointerRepair]] = {"en": LeanRepairEn, "ar": LeanRepairAr}


def repair_model(first: type[BaseModel], language: Language) -> type[PointerRepair]:
    """The repair schema that matches the first answer's: lean events are asked again lean."""
    lean = issubclass(first, LeanDigestEn | LeanDigestAr | LeanRepairEn | LeanRepairAr)
    return (LEAN_REPAIR if lean else REPAIR)[language]


def is_pointer(model: type[BaseModel]) -> bool:
    """Does this response model answer by pointer (and so need a per-article schema and conversion)?"""
    return issubclass(model, PointerDigest | PointerRepair | Translation)


# ---------------------------------------------------------------- conversion


def unit_evidence(unit: Unit) -> dict[str, Any]:
    """A unit as Digest evidence: its exact text and offsets."""
    return {"quote": unit.text, "start": unit.start, "end": unit.end}


def _narrowed(span: str, cited: list[Unit], article: str) -> tuple[dict[str, Any], int] | None:
    """Where ``span`` stands inside one of the cited units (never elsewhere in the article), with that unit's
    position in ``cited``; None when it is in none of them or is too short to be evidence."""
    if len(quote_words(span)) < MIN_QUOTE_WORDS:
        return None
    for position, unit in enumerate(cited):
        found = find_phrase(span, unit.text)
        if found is not None:
            start, end = unit.start + found.start, unit.start + found.end
            return {"quote": article[start:end], "start": start, "end": end}, position
    return None


def bullet_data(bullet: PointerBullet, article: str, notes: list[str], where: str) -> dict[str, Any]:
    """A Digest bullet (as data) from a pointer bullet: the cited units are its evidence."""
    units = split_units(article)
    cited = [units[n - 1] for n in bullet.cite]
    evidence = [unit_evidence(u) for u in cited]
    if bullet.span:
        narrowed = _narrowed(bullet.span, cited, article)
        if narrowed is None:
            notes.append(f"{where}: span {bullet.span[:60]!r} is not in its cited units {bullet.cite}; kept the units")
        else:
            evidence[narrowed[1]] = narrowed[0]
    return {"text": bullet.text, "evidence": evidence}


def _count(count: PointerCount, evidence: list[dict[str, Any]]) -> dict[str, Any]:
    stated = count.qualifier is not CountQualifier.NOT_MENTIONED
    return {"qualifier": count.qualifier, "low": count.low, "high": count.high, "evidence": evidence if stated else []}


def event_data(event: PointerEvent, number: int, article: str) -> dict[str, Any]:
    """A Digest event (as data) from a pointer event: evidence and count evidence are its cited units."""
    units = split_units(article)
    evidence = [unit_evidence(units[n - 1]) for n in event.cite]
    return {
        "event_id": f"E{number}",
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "description_en": event.description_en,
        "actors": [a.model_dump() for a in event.actors],
        "location": event.location.model_dump(),
        "date": {**event.date.model_dump(), "iso": None},
        "fatalities": _count(event.fatalities, evidence),
        "injuries": _count(event.injuries, evidence),
        "evidence": evidence,
    }


LeanFill = Callable[[LeanEvent, int, str], dict[str, Any]]
"""Turns a lean event into Digest event data (``summarizer.event_fill.lean_event_data``: it reads the cited units
with the claim checker's readers, a layer above this one, so callers hand it in)."""


def digest_data(
    answer: PointerDigest | PointerRepair, article: str, lean_event: LeanFill | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The Digest (as data, to validate) an answer stands for, and notes on what conversion dropped. A lean
    answer's events need ``lean_event``."""
    notes: list[str] = []
    bullets = [bullet_data(b, article, notes, f"bullets[{i}]") for i, b in enumerate(answer.bullets)]
    events = [any_event_data(e, i, article, lean_event) for i, e in enumerate(answer.events, start=1)]
    return {"bullets": bullets, "events": events}, notes


def any_event_data(
    event: PointerEvent | LeanEvent, number: int, article: str, lean_event: LeanFill | None = None
) -> dict[str, Any]:
    """A Digest event (as data) from either kind of pointer event (a lean one filled by ``lean_event``)."""
    if not isinstance(event, LeanEvent):
        return event_data(event, number, article)
    if lean_event is None:
        raise ValueError("a lean event needs lean_event (summarizer.event_fill.lean_event_data) to fill it")
    return lean_event(event, number, article)


@functools.lru_cache(maxsize=64)
def unit_schema_for(article: str) -> dict[str, Any]:
    """The ``UnitNumber`` definition for this article (cached: a re-ask sends the same one)."""
    return unit_number_schema(len(split_units(article)))


def digest_class() -> type[Digest]:
    """The class a pointer answer is validated into: the plain Digest (units are up to 40 words)."""
    return Digest


__all__ = [
    "MAX_ENUM_UNITS",
    "REPAIR",
    "VARIANTS",
    "PointerDigest",
    "PointerRepair",
    "digest_data",
    "is_pointer",
    "normalize",
    "unit_number_schema",
]
