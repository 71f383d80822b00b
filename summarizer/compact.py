"""The ``compact`` schema variant: the same Digest, with caps a 1.5B model can satisfy.

Why: under a JSON-schema grammar a small model does not stop on its own. With the
full schema Qwen2.5 1.5B wrote one event per ACLED sub-type until ``max_tokens``.
The grammar enforces ``maxItems`` and ``maxLength``, so tight caps here end the
answer in a few hundred tokens and keep quotes short (short quotes are copied
exactly far more often than whole sentences).

The grammar also enforces the *script* of each string (``pattern``, in the JSON schema only):
quotes and names as written are Arabic script; English names, descriptions and an English
bullet are Latin script. Without it the 1.5B model wrote Arabic bullets when English was asked
(and kept them through the re-ask), and put Chinese characters in an actor's name. The patterns
are not validated by pydantic: validation and its re-ask messages stay the full Digest's.

Every class subclasses its full counterpart: validators (grounding, language,
type/sub-type pairs, counts) are inherited unchanged and a CompactDigest *is a*
Digest for every caller (mypy sees the narrowed ``list[CompactX]`` fields as
incompatible overrides because lists are invariant; hence the ignores). A prompt
version picks its variant (``prompt.json``); v1 keeps the full schema so its
recordings still replay byte for byte.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from summarizer.schema import (
    Actor,
    Attribution,
    Bullet,
    Count,
    Digest,
    Event,
    EventDate,
    Evidence,
    Language,
    Location,
    Relation,
)

MAX_BULLETS = 5
MAX_EVENTS = 3
MAX_QUOTE_CHARS = 160

# Character classes for the grammar; `script` adds the JSON escape \" (articles quote names: «نعى "حزب الله"»;
# without it the model had to end a quote at the first '"'). No other escape, no control character.
ARABIC_SCRIPT = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc0-9 ,.:;()%/«»-"
LATIN_SCRIPT = "A-Za-z\u00c0-\u024f0-9 ,.:;()%/&+?!'\u2019\u2013\u2014-"


def script(chars: str, max_length: int, min_length: int = 1) -> dict[str, Any]:
    """JSON-schema extras: the grammar only lets the model write ``chars``, ``min_length``..``max_length`` of them.

    (llama.cpp's schema-to-grammar drops ``maxLength`` when a ``pattern`` is present, so the bound goes in it.)
    """
    return {"pattern": f'^([{chars}]|\\\\"){{{min_length},{max_length}}}$'}


# llama-cpp-python's schema-to-grammar ignores an integer's minimum/maximum (Qwen wrote geo_precision 10 and
# time_precision 0, each failing a digest that was otherwise valid); an enum it does enforce.
PRECISION: dict[str, Any] = {"enum": [1, 2, 3]}


def arabic(max_length: int) -> dict[str, Any]:
    return script(ARABIC_SCRIPT, max_length)


def latin(max_length: int) -> dict[str, Any]:
    return script(LATIN_SCRIPT, max_length)


class CompactEvidence(Evidence):
    quote: str = Field(
        max_length=MAX_QUOTE_CHARS,
        description="A short phrase copied exactly from the article, in Arabic, 3 to 20 words.",
        json_schema_extra=script(ARABIC_SCRIPT, MAX_QUOTE_CHARS, min_length=5),
    )


class CompactBullet(Bullet):
    text: str = Field(max_length=240, description="One short self-contained sentence in the requested language.")
    evidence: list[CompactEvidence] = Field(  # type: ignore[assignment]
        min_length=1, max_length=2, description="One or two quotes from the article that support this bullet."
    )


class CompactActor(Actor):
    name: str = Field(
        max_length=80, description="The actor's name as written in the article.", json_schema_extra=arabic(80)
    )
    name_en: str = Field(max_length=80, description="The actor's name in English.", json_schema_extra=latin(80))


class CompactLocation(Location):
    name: str = Field(
        max_length=60, description="The place name as written in the article.", json_schema_extra=arabic(60)
    )
    name_en: str = Field(max_length=60, description="The usual English name of the place.", json_schema_extra=latin(60))
    admin1: str | None = Field(default=None, max_length=60, description="First-level administrative division.")
    admin2: str | None = Field(default=None, max_length=60, description="Second-level administrative division.")
    country: str = Field(max_length=40, description="Country in English.", json_schema_extra=latin(40))
    geo_precision: int = Field(
        ge=1, le=3, description="1 the place itself, 2 a nearby area, 3 only the region.", json_schema_extra=PRECISION
    )


class CompactEventDate(EventDate):
    as_written: str = Field(
        max_length=60, description="The date or time words as written in the article.", json_schema_extra=arabic(60)
    )
    time_precision: int = Field(
        ge=1, le=3, description="1 the exact day, 2 the week, 3 only the month.", json_schema_extra=PRECISION
    )


class CompactCount(Count):
    evidence: list[CompactEvidence] = Field(default_factory=list, max_length=1)  # type: ignore[assignment]


class CompactAttribution(Attribution):
    source: str = Field(
        max_length=80, description="Who says so, as written in the article.", json_schema_extra=arabic(80)
    )
    source_en: str = Field(max_length=80, description="Who says so, in English.", json_schema_extra=latin(80))
    evidence: list[CompactEvidence] = Field(min_length=1, max_length=1)  # type: ignore[assignment]


class CompactEvent(Event):
    description_en: str = Field(
        max_length=200, description="One short English sentence describing the event.", json_schema_extra=latin(200)
    )
    actors: list[CompactActor] = Field(min_length=1, max_length=3)  # type: ignore[assignment]
    location: CompactLocation
    date: CompactEventDate
    fatalities: CompactCount
    injuries: CompactCount
    attributions: list[CompactAttribution] = Field(default_factory=list, max_length=2)  # type: ignore[assignment]
    relations: list[Relation] = Field(default_factory=list, max_length=2)
    evidence: list[CompactEvidence] = Field(min_length=1, max_length=2)  # type: ignore[assignment]


class CompactDigest(Digest):
    """A Digest with at most 5 bullets, 3 events and short quotes; events are always written (maybe [])."""

    bullets: list[CompactBullet] = Field(min_length=3, max_length=MAX_BULLETS)  # type: ignore[assignment]
    events: list[CompactEvent] = Field(  # type: ignore[assignment]
        max_length=MAX_EVENTS, description="Empty when the article reports no event. Never invent events."
    )


class CompactBulletEn(CompactBullet):
    text: str = Field(max_length=240, description="One short sentence in English.", json_schema_extra=latin(240))


class CompactBulletAr(CompactBullet):
    text: str = Field(max_length=240, description="One short sentence in Arabic.", json_schema_extra=arabic(240))


class CompactDigestEn(CompactDigest):
    """CompactDigest whose grammar only lets bullets be written in Latin script."""

    bullets: list[CompactBulletEn] = Field(min_length=3, max_length=MAX_BULLETS)  # type: ignore[assignment]


class CompactDigestAr(CompactDigest):
    """CompactDigest whose grammar only lets bullets be written in Arabic script."""

    bullets: list[CompactBulletAr] = Field(min_length=3, max_length=MAX_BULLETS)  # type: ignore[assignment]


SCHEMA_VARIANTS: dict[str, type[Digest]] = {"full": Digest, "compact": CompactDigest}
_BY_LANGUAGE: dict[str, dict[str, type[Digest]]] = {"compact": {"en": CompactDigestEn, "ar": CompactDigestAr}}


def response_model(variant: str, language: Language | None = None) -> type[Digest]:
    """The Digest class a prompt version asks the model to fill (for one summary language, when it differs)."""
    try:
        base = SCHEMA_VARIANTS[variant]
    except KeyError:
        raise ValueError(f"unknown schema variant {variant!r}; known: {', '.join(SCHEMA_VARIANTS)}") from None
    if language is None:
        return base
    return _BY_LANGUAGE.get(variant, {}).get(language, base)
