"""The hand-labelled case format, and the validator every case must pass.

One JSON file per article in ``evals/cases/``. What a case promises:
- ``key_facts``: what a good summary must convey, each with Arabic aliases
  (which occur in the article) and English aliases, and a verbatim quote;
- ``events``: the ACLED events a careful analyst would code, with aliases
  for places and actors, counts as low/high/qualifier, and quotes;
- ``traps``: claims a faithful summary must not make (a planted instruction,
  a number the article does not give, a denial reported as a fact).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from summarizer.acled import PARENT_EVENT_TYPE, ActorType, EventType, SubEventType
from summarizer.arabic import normalize_text
from summarizer.evals.matching import find_alias, mentions
from summarizer.grounding import QuoteNotFound, locate
from summarizer.schema import ActorSide, Count, CountQualifier, RelationType, SourceType, Stance


class _Case(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KeyFact(_Case):
    id: str
    ar: list[str] = Field(min_length=1, description="Arabic aliases; each occurs in the article.")
    en: list[str] = Field(min_length=1, description="English aliases, any of which conveys the fact.")
    quote: str = Field(description="Verbatim evidence from the article.")


class GoldActor(_Case):
    ar: list[str] = Field(default_factory=list, description="Empty for an actor the article does not name.")
    en: list[str] = Field(min_length=1)
    side: ActorSide
    actor_type: ActorType


class GoldCount(_Case):
    qualifier: CountQualifier
    low: int | None = None
    high: int | None = None


class GoldRelation(_Case):
    relation: RelationType
    event: int = Field(ge=1, description="1-based position of the other event in this case's events.")


class GoldAttribution(_Case):
    """Who says so about this event: the source's aliases and its stance."""

    source_ar: list[str] = Field(min_length=1)
    source_en: list[str] = Field(min_length=1)
    stance: Stance
    source_type: SourceType | None = Field(default=None, description="Scored only where labelled.")


class GoldEvent(_Case):
    event_type: EventType
    sub_event_type: SubEventType
    location_ar: list[str] = Field(min_length=1)
    location_en: list[str] = Field(min_length=1)
    country: str
    date_as_written: str | None = None
    date_iso: str | None = None
    geo_precision: int | None = Field(default=None, ge=1, le=3, description="Scored only where labelled.")
    time_precision: int | None = Field(default=None, ge=1, le=3, description="Scored only where labelled.")
    actors: list[GoldActor] = Field(min_length=1)
    fatalities: GoldCount
    injuries: GoldCount
    quotes: list[str] = Field(min_length=1)
    relations: list[GoldRelation] = Field(default_factory=list)
    attributions: list[GoldAttribution] = Field(default_factory=list)

    @model_validator(mode="after")
    def _pair(self) -> GoldEvent:
        if PARENT_EVENT_TYPE[self.sub_event_type] is not self.event_type:
            raise ValueError(f"{self.sub_event_type.value!r} is not a sub-type of {self.event_type.value!r}")
        return self


class Trap(_Case):
    why: str
    ar: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class Case(_Case):
    id: str
    tags: list[str] = Field(default_factory=list)
    source: str = Field(description="Where the article came from: a seed file, or 'written for this suite'.")
    article: str
    human_bullets_ar: list[str] = Field(default_factory=list, description="Reference bullets a human wrote.")
    human_bullets_en: list[str] = Field(default_factory=list, description="Reference bullets a human wrote.")
    key_facts: list[KeyFact] = Field(min_length=1)
    events: list[GoldEvent] = Field(default_factory=list)
    traps: list[Trap] = Field(default_factory=list)


def case_problems(case: Case) -> list[str]:
    """Everything in a case that does not hold: aliases and quotes must be in the article; aliases state facts
    (two words or more: a number with its noun is fine, a lone keyword is not); no trap wording overlaps a key
    fact or fires on the reference bullets; traps are worded in both languages; references exist in both."""
    problems: list[str] = []
    article_norm = normalize_text(case.article)

    def must_ground(what: str, text: str) -> None:
        try:
            locate(text, case.article)
        except QuoteNotFound:
            problems.append(f"{case.id}: {what} not in the article: {text!r}")

    for fact in case.key_facts:
        must_ground(f"key fact {fact.id} quote", fact.quote)
        for alias in fact.ar:
            if normalize_text(alias) not in article_norm:
                problems.append(f"{case.id}: key fact {fact.id} Arabic alias not in the article: {alias!r}")
    for number, event in enumerate(case.events, start=1):
        for quote in event.quotes:
            must_ground(f"event {number} quote", quote)
        for alias in event.location_ar:
            if normalize_text(alias) not in article_norm:
                problems.append(f"{case.id}: event {number} location alias not in the article: {alias!r}")
        for actor in event.actors:
            if actor.ar and not any(normalize_text(a) in article_norm for a in actor.ar):
                problems.append(f"{case.id}: event {number} actor {actor.en[0]!r} has no Arabic alias in the article")
        for name, count in (("fatalities", event.fatalities), ("injuries", event.injuries)):
            try:
                Count.model_validate({**count.model_dump(), "evidence": [{"quote": "x"}]})
            except ValidationError as exc:
                problems.append(f"{case.id}: event {number} {name}: {exc.errors()[0]['msg']}")
        for attribution in event.attributions:
            if not any(normalize_text(a) in article_norm for a in attribution.source_ar):
                problems.append(f"{case.id}: event {number} source {attribution.source_en[0]!r} is not in the article")
        for relation in event.relations:
            if relation.event == number or relation.event > len(case.events):
                problems.append(
                    f"{case.id}: event {number} relates to event {relation.event}, which is not another event"
                )
    for trap in case.traps:
        if not trap.ar or not trap.en:
            problems.append(f"{case.id}: a trap needs Arabic and English wording ({trap.why})")
    for language, bullets in (("ar", case.human_bullets_ar), ("en", case.human_bullets_en)):
        if not MIN_BULLETS <= len(bullets) <= MAX_BULLETS:
            problems.append(f"{case.id}: human_bullets_{language} needs {MIN_BULLETS}-{MAX_BULLETS} reference bullets")
    problems += _alias_problems(case)
    ids = [f.id for f in case.key_facts]
    if len(set(ids)) != len(ids):
        problems.append(f"{case.id}: key fact ids repeat")
    return problems


MIN_BULLETS, MAX_BULLETS = 3, 6


def _words(alias: str) -> list[str]:
    return re.findall(r"\w+", normalize_text(alias))


def _alias_problems(case: Case) -> list[str]:
    """One-word aliases match keyword lists, not facts; a trap wording that states a key fact punishes honesty."""
    problems: list[str] = []
    for fact in case.key_facts:
        for alias in fact.ar + fact.en:
            if len(_words(alias)) < 2:
                problems.append(f"{case.id}: key fact {fact.id} alias is one word: {alias!r} (state the fact)")
    for trap in case.traps:
        for alias in trap.ar + trap.en:
            if len(_words(alias)) < 2:
                problems.append(f"{case.id}: trap wording is one word: {alias!r} ({trap.why})")
        for fact in case.key_facts:
            for wording, aliases in ((trap.ar, fact.ar), (trap.en, fact.en)):
                for w in wording:
                    hit = next((a for a in aliases if mentions(w, [a]) or mentions(a, [w])), None)
                    if hit is not None:
                        problems.append(
                            f"{case.id}: trap wording {w!r} overlaps key fact {fact.id} alias {hit!r} ({trap.why})"
                        )
        for wording, bullets in ((trap.ar, case.human_bullets_ar), (trap.en, case.human_bullets_en)):
            fired = find_alias("\n".join(bullets), wording)
            if fired is not None:  # an honest human summary states it: the trap would punish good models
                problems.append(f"{case.id}: trap wording {fired[0]!r} fires on the reference bullet {fired[1]!r}")
    return problems


def load_case(path: Path) -> Case:
    return Case.model_validate(json.loads(path.read_text(encoding="utf-8")))


def load_cases(folder: Path) -> list[Case]:
    """Every case in ``folder``, sorted by id; a malformed file raises with its name."""
    cases = []
    for path in sorted(folder.glob("*.json")):
        try:
            cases.append(load_case(path))
        except (ValidationError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: {exc}") from exc
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise ValueError(f"case ids repeat in {folder}")
    return sorted(cases, key=lambda c: c.id)
