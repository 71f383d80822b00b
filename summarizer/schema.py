"""The Digest schema: what the model must return, and what the library returns.

The model sees the JSON schema of these classes (fields marked SkipJsonSchema
are ours, filled after validation). Validators that need the article read it
from the validation context (``summarizer.validation.context``: the article, the language, the
faithfulness policy and the claim checker to call); their error messages are what the model is re-asked with.

Layering: the schema carries data, including the claim checker's results (``summarizer.findings``: data only), and
grounds quotes (``grounding``); it never imports the checker. ``summarizer.validation``, a layer above, is the
one place it runs from: the validation context names it, and a bare context (``{"article": ...}``) reaches it
through the slot ``hooks.claim_check`` the package fills.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from summarizer import hooks
from summarizer.acled import PARENT_EVENT_TYPE, SUB_EVENT_TYPES, ActorType, EventType, SubEventType
from summarizer.arabic import arabic_letter_ratio
from summarizer.findings import ClaimStatus, Finding
from summarizer.grounding import MAX_QUOTE_WORDS, MIN_QUOTE_WORDS, QuoteNotFound, Span, locate, quote_words
from summarizer.provenance import Provenance

Language = Literal["en", "ar"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context if isinstance(info.context, dict) else {}


class Evidence(_Strict):
    """A verbatim quote from the article; offsets are located by us, never trusted from the model."""

    quote: str = Field(max_length=400, description="Copied verbatim from the article, in Arabic, 3 to 40 words.")
    start: SkipJsonSchema[int | None] = None
    end: SkipJsonSchema[int | None] = None
    match: SkipJsonSchema[str | None] = None  # how it was located: exact, clitic or fuzzy (repaired)
    similarity: SkipJsonSchema[float | None] = None  # 1.0 unless repaired
    model_quote: SkipJsonSchema[str | None] = None  # the model's own wording, kept when a quote was repaired

    @model_validator(mode="after")
    def _ground(self, info: ValidationInfo) -> Evidence:
        article = _context(info).get("article")
        if article is None:
            return self
        # Offsets are checked, not trusted: kept only when the article holds exactly this quote there (a cited
        # unit of prompt v3, a saved digest), so a quote the article repeats stays where it was cited.
        start, end = self.start, self.end
        if (
            start is not None
            and end is not None
            and 0 <= start < end <= len(article)
            and article[start:end] == self.quote
        ):
            return self._grounded_at(Span(start, end, self.match or "exact", self.similarity or 1.0), article)
        try:
            span = locate(self.quote, article)
        except QuoteNotFound as exc:
            raise ValueError(f"{exc}. Copy the quote exactly as it appears in the article.") from None
        return self._grounded_at(span, article)

    def _grounded_at(self, span: Span, article: str) -> Evidence:
        words = len(quote_words(self.quote))
        if not MIN_QUOTE_WORDS <= words <= MAX_QUOTE_WORDS:
            raise ValueError(
                f"a quote must be {MIN_QUOTE_WORDS} to {MAX_QUOTE_WORDS} words, "
                f"this one has {words}: {self.quote[:80]!r}"
            )
        self.start, self.end = span.start, span.end
        self.match, self.similarity = span.method, span.similarity
        if span.method == "fuzzy" and self.quote != article[span.start : span.end]:  # show the article's words
            self.model_quote, self.quote = self.quote, article[span.start : span.end]
        return self


class Bullet(_Strict):
    text: str = Field(max_length=400, description="One self-contained sentence in the requested language.")
    evidence: list[Evidence] = Field(
        min_length=1, max_length=4, description="Quotes from the article that support this bullet."
    )
    supported: SkipJsonSchema[bool | None] = None  # set by the claim checker: False when a finding is an error
    status: SkipJsonSchema[ClaimStatus | None] = None  # supported, unverified (warnings only) or unsupported

    @field_validator("text")
    @classmethod
    def _in_requested_language(cls, text: str, info: ValidationInfo) -> str:
        language = _context(info).get("language")
        if not text.strip():
            raise ValueError("bullet text is empty")
        ratio = arabic_letter_ratio(text)
        if language == "ar" and ratio < 0.6:
            raise ValueError("this bullet must be written in Arabic")
        if language == "en" and ratio > 0.2:
            raise ValueError("this bullet must be written in English (quotes go in evidence, not in the text)")
        return text


class ActorSide(StrEnum):
    ACTOR1 = "actor1"
    ACTOR2 = "actor2"
    ASSOCIATED = "associated"


class Actor(_Strict):
    name: str = Field(max_length=160, description="The actor's name as written in the article.")
    name_en: str = Field(max_length=160, description="The actor's name in English.")
    side: ActorSide = Field(
        description="actor1 initiates the event, actor2 is its target; associated actors side with one of them."
    )
    actor_type: ActorType


class Location(_Strict):
    name: str = Field(max_length=160, description="The place name as written in the article.")
    name_en: str = Field(max_length=160, description="The usual English name of the place.")
    admin1: str | None = Field(
        default=None, description="First-level administrative division in English, e.g. Deir ez-Zor."
    )
    admin2: str | None = Field(default=None, description="Second-level administrative division in English, when known.")
    country: str = Field(max_length=80, description="Country in English.")
    geo_precision: int = Field(
        ge=1, le=3, description="ACLED: 1 the place itself, 2 a nearby or surrounding area, 3 only the region."
    )


class EventDate(_Strict):
    as_written: str = Field(
        max_length=160, description="The date or time words as written in the article, e.g. «ليل الخميس الجمعة»."
    )
    iso: date | None = Field(default=None, description="YYYY-MM-DD when the article lets you resolve it, else null.")
    time_precision: int = Field(ge=1, le=3, description="ACLED: 1 the exact day, 2 the week, 3 only the month.")


class CountQualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    RANGE = "range"
    NONE_REPORTED = "none_reported"
    NOT_MENTIONED = "not_mentioned"


class Count(_Strict):
    """A casualty count that keeps «نحو 10», «أكثر من 10», «لا ضحايا» and silence apart."""

    qualifier: CountQualifier
    low: int | None = Field(default=None, ge=0, description="The number as stated (the lower bound for ranges).")
    high: int | None = Field(
        default=None, ge=0, description="Upper bound; equals low for exact and approximate counts."
    )
    evidence: list[Evidence] = Field(default_factory=list, max_length=4)

    @model_validator(mode="after")
    def _consistent(self) -> Count:
        q, low, high = self.qualifier, self.low, self.high
        if q is CountQualifier.NOT_MENTIONED:
            if low is not None or high is not None:
                raise ValueError("not_mentioned counts have no numbers")
        elif q is CountQualifier.NONE_REPORTED:
            if (low or 0) != 0 or (high or 0) != 0:
                raise ValueError("none_reported counts are 0")
            self.low, self.high = 0, 0
        elif q in (CountQualifier.EXACT, CountQualifier.APPROXIMATE):
            if low is None:
                raise ValueError(f"{q.value} counts need low")
            if high is not None and high != low:
                raise ValueError(f"{q.value} counts have high equal to low")
            self.high = low
        elif q in (CountQualifier.AT_LEAST, CountQualifier.MORE_THAN):
            if low is None or high is not None:
                raise ValueError(f"{q.value} counts have low and no high")
        elif q is CountQualifier.AT_MOST:
            if high is None or low is not None:
                raise ValueError("at_most counts have high and no low")
        elif q is CountQualifier.RANGE and (low is None or high is None or low >= high):
            raise ValueError("range counts need low < high")
        if q not in (CountQualifier.NOT_MENTIONED,) and not self.evidence:
            raise ValueError("a stated count needs an evidence quote")
        return self


class SourceType(StrEnum):
    NAMED_OUTLET = "named_outlet"
    OFFICIALS = "officials"
    LOCAL_SOURCES = "local_sources"
    MONITOR = "monitor"
    WITNESSES = "witnesses"
    PARTY_TO_EVENT = "party_to_event"
    UNNAMED = "unnamed"


class Stance(StrEnum):
    REPORTED = "reported"
    CLAIMED = "claimed"
    DENIED = "denied"
    CONFIRMED = "confirmed"


class Attribution(_Strict):
    source: str = Field(max_length=160, description="Who says so, as written in the article.")
    source_en: str = Field(max_length=160, description="Who says so, in English.")
    source_type: SourceType
    stance: Stance
    evidence: list[Evidence] = Field(min_length=1, max_length=4)


class RelationType(StrEnum):
    RETALIATION_FOR = "retaliation_for"
    FOLLOWS = "follows"
    SAME_CAMPAIGN = "same_campaign"


class Relation(_Strict):
    relation: RelationType
    event_id: str = Field(description="The id of the other event in this digest, e.g. E1.")


class Event(_Strict):
    """One ACLED-style event: one location, one day."""

    event_id: str = Field(pattern=r"^E[0-9]+$", description="E1, E2, ... in order of appearance.")
    event_type: EventType
    sub_event_type: SubEventType
    description_en: str = Field(max_length=400, description="One English sentence describing the event.")
    actors: list[Actor] = Field(min_length=1, max_length=8)
    location: Location
    date: EventDate
    fatalities: Count
    injuries: Count
    attributions: list[Attribution] = Field(default_factory=list, max_length=6)
    relations: list[Relation] = Field(default_factory=list, max_length=6)
    evidence: list[Evidence] = Field(min_length=1, max_length=4)
    supported: SkipJsonSchema[dict[str, bool] | None] = None  # field path -> supported, set by the claim checker
    status: SkipJsonSchema[dict[str, ClaimStatus] | None] = None  # field path -> supported / unverified / unsupported

    @model_validator(mode="after")
    def _sub_type_belongs_to_type(self) -> Event:
        if PARENT_EVENT_TYPE[self.sub_event_type] is not self.event_type:
            allowed = ", ".join(s.value for s in SUB_EVENT_TYPES[self.event_type])
            raise ValueError(
                f"sub_event_type {self.sub_event_type.value!r} belongs to "
                f"{PARENT_EVENT_TYPE[self.sub_event_type].value!r}, not {self.event_type.value!r}; "
                f"for {self.event_type.value!r} use one of: {allowed}"
            )
        if not any(a.side is ActorSide.ACTOR1 for a in self.actors):
            raise ValueError("every event needs an actor with side actor1")
        return self


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class RunInfo(Provenance):
    """How a digest was produced: enough to reproduce it and to cost it."""

    attempts: int
    usage: Usage
    latency_s: float
    best_effort: bool = False  # the answer failed validation and only its valid parts were kept (summarizer.salvage)
    dropped: list[str] = Field(default_factory=list)  # what was dropped (best-effort mode, a pointer repair), and why
    # "partial": best-effort mode kept only the supported part of an answer that failed validation.
    status: Literal["complete", "partial"] = "complete"
    notes: list[str] = Field(default_factory=list)  # e.g. a narrowing span not in its cited units (prompt v3)
    # Prompt v3: bullets the model wrote in the summary's language over the conversation, kept or dropped; the
    # share the claim checker supports is len(bullets) / bullets_written.
    bullets_written: int | None = None
    # ... and the whole text of each of those the checker did not keep (why: ``dropped``), for a reader or an eval
    # scoring what the model wrote.
    dropped_bullets: list[str] = Field(default_factory=list)
    # The model that translated the English bullets of a translating prompt when it is not ``model``
    # (ProviderSettings.translation_model).
    translation_model: str | None = None


class Digest(_Strict):
    """A bullet summary and the events of one article, every fact backed by a quote."""

    bullets: list[Bullet] = Field(min_length=3, max_length=6)
    events: list[Event] = Field(
        default_factory=list,
        max_length=12,
        description="Empty when the article reports no event. Never invent events.",
    )
    run: SkipJsonSchema[RunInfo | None] = None
    findings: SkipJsonSchema[list[Finding] | None] = None  # errors and unverified warnings, set by the claim checker
    # The article and language it was validated for (from the validation context): what _repr_html_ shows.
    _article: str | None = PrivateAttr(default=None)
    _language: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _remember_its_article(self, info: ValidationInfo) -> Digest:
        context = _context(info)
        self._article, self._language = context.get("article"), context.get("language")
        return self

    def _repr_html_(self) -> str:
        """Jupyter shows a digest as its review page: the article with every quote highlighted, the bullets beside
        it (summarizer.html; loaded only when a notebook asks)."""
        if hooks.notebook_html is None:  # the package fills it on import; a bare schema has no view
            raise NotImplementedError("import summarizer to render a digest (summarizer.html)")
        return hooks.notebook_html(self)

    @model_validator(mode="after")
    def _relations_point_at_events(self) -> Digest:
        ids = [e.event_id for e in self.events]
        if len(set(ids)) != len(ids):
            raise ValueError(f"event ids must be unique, got {ids}")
        for event in self.events:
            for relation in event.relations:
                if relation.event_id not in ids or relation.event_id == event.event_id:
                    raise ValueError(
                        f"{event.event_id} relates to {relation.event_id!r}, which is not another event of this digest"
                    )
        return self

    @model_validator(mode="after")
    def _claims_are_supported(self, info: ValidationInfo) -> Digest:
        """Last: call the claim checker (the schema never imports it): the one the validation context names
        (``"claims"``: ``summarizer.validation.context`` puts it there; None for none), else the package's default
        (``hooks.claim_check``, the same checker, loaded on first use). Its ``ValueError`` is a validation error of
        this very model, so the model is re-asked with the findings. With no checker at all (a slot emptied by
        hand) a context with an article fails (``TypeError``) unless ``faithfulness`` is ``"off"``: never a digest
        silently left unchecked."""
        context = _context(info)
        if context.get("article") is None:
            return self
        check = context.get("claims", hooks.claim_check)
        if check is None:
            if "claims" not in context and context.get("faithfulness", "error") != "off":
                raise TypeError(
                    "no claim checker to validate against an article: import summarizer (it registers "
                    "summarizer.validation's), or build the context with summarizer.validation.context"
                )
            return self
        check(self, context)
        return self


@functools.cache
def schema_hash(model: type[BaseModel] = Digest) -> str:
    """A stable short hash of the JSON schema the model is asked to fill (computed once per model)."""
    text = json.dumps(model.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]
