"""The ``compact`` schema variant: the same Digest, with caps a 1.5B model can satisfy.

Why: under a JSON-schema grammar a small model does not stop on its own. With the
full schema Qwen2.5 1.5B wrote one event per ACLED sub-type until ``max_tokens``.
The grammar enforces ``maxItems`` and ``maxLength``, so tight caps here end the
answer in a few hundred tokens and keep quotes short (short quotes are copied
exactly far more often than whole sentences).

Every class subclasses its full counterpart: validators (grounding, language,
type/sub-type pairs, counts) are inherited unchanged and a CompactDigest *is a*
Digest for every caller (mypy sees the narrowed ``list[CompactX]`` fields as
incompatible overrides because lists are invariant; hence the ignores). A prompt
version picks its variant (``prompt.json``); v1 keeps the full schema so its
recordings still replay byte for byte.
"""

from __future__ import annotations

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
    Location,
    Relation,
)

MAX_BULLETS = 5
MAX_EVENTS = 3
MAX_QUOTE_CHARS = 160


class CompactEvidence(Evidence):
    quote: str = Field(
        max_length=MAX_QUOTE_CHARS,
        description="A short phrase copied exactly from the article, in Arabic, 3 to 20 words.",
    )


class CompactBullet(Bullet):
    text: str = Field(max_length=240, description="One short self-contained sentence in the requested language.")
    evidence: list[CompactEvidence] = Field(  # type: ignore[assignment]
        min_length=1, max_length=2, description="One or two quotes from the article that support this bullet."
    )


class CompactActor(Actor):
    name: str = Field(max_length=80, description="The actor's name as written in the article.")
    name_en: str = Field(max_length=80, description="The actor's name in English.")


class CompactLocation(Location):
    name: str = Field(max_length=60, description="The place name as written in the article.")
    name_en: str = Field(max_length=60, description="The usual English name of the place.")
    admin1: str | None = Field(default=None, max_length=60, description="First-level administrative division.")
    admin2: str | None = Field(default=None, max_length=60, description="Second-level administrative division.")
    country: str = Field(max_length=40, description="Country in English.")


class CompactEventDate(EventDate):
    as_written: str = Field(max_length=60, description="The date or time words as written in the article.")


class CompactCount(Count):
    evidence: list[CompactEvidence] = Field(default_factory=list, max_length=1)  # type: ignore[assignment]


class CompactAttribution(Attribution):
    source: str = Field(max_length=80, description="Who says so, as written in the article.")
    source_en: str = Field(max_length=80, description="Who says so, in English.")
    evidence: list[CompactEvidence] = Field(min_length=1, max_length=1)  # type: ignore[assignment]


class CompactEvent(Event):
    description_en: str = Field(max_length=200, description="One short English sentence describing the event.")
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


SCHEMA_VARIANTS: dict[str, type[Digest]] = {"full": Digest, "compact": CompactDigest}


def response_model(variant: str) -> type[Digest]:
    """The Digest class a prompt version asks the model to fill."""
    try:
        return SCHEMA_VARIANTS[variant]
    except KeyError:
        raise ValueError(f"unknown schema variant {variant!r}; known: {', '.join(SCHEMA_VARIANTS)}") from None
