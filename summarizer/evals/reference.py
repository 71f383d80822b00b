"""The ``reference`` model: a case's own gold labels rendered as a Digest.

Not a model and not a recording. It exists to check the scorers (gold scored
against itself must be perfect; each perturbation must lower its metric) and
to show what a perfect run of the harness looks like.

Evidence comes only from the case's labelled quotes (its events' and key facts' quotes). A count cites the
labelled quote that states it (or the two or three that state its parts, for a total), as the claim checker
reads it; an attribution cites the labelled quote that names its source (and, for a denial, denies). Where
no labelled quote states a claim, the event's first quote stands and the claim checker's finding shows it:
nothing is hidden, and the fix belongs in the case's labels.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from summarizer.arabic import normalize_text
from summarizer.claims.numbers import quantities
from summarizer.claims.polarity import is_negative
from summarizer.claims.verify import count_findings
from summarizer.evals.cases import Case, GoldAttribution, GoldCount, GoldEvent, KeyFact
from summarizer.grounding import find_phrase
from summarizer.schema import Count, CountQualifier, Digest, Stance
from summarizer.validation import validate

REFERENCE_MODEL = "reference"


def labelled_quotes(case: Case, event: GoldEvent) -> list[str]:
    """The case's labelled quotes, the event's own first, without repeats."""
    quotes = [*event.quotes, *(f.quote for f in case.key_facts), *(q for e in case.events for q in e.quotes)]
    return list(dict.fromkeys(quotes))


def _options(quotes: list[str], own: list[str]) -> Iterator[list[str]]:
    """One quote; else two that state numbers (a total of stated parts, or a low and a high from two sources);
    else three of the event's own numbered quotes."""
    yield from ([q] for q in quotes)
    numbered = [q for q in quotes if quantities(q)]
    yield from (list(p) for p in itertools.combinations(numbered, 2))
    yield from (list(p) for p in itertools.combinations([q for q in own if quantities(q)], 3))


def count_evidence(count: GoldCount, quotes: list[str], own: list[str], article: str) -> list[str]:
    """The labelled quote(s) that state ``count`` as the claim checker reads them; else the event's first quote."""
    if count.qualifier is CountQualifier.NOT_MENTIONED:
        return []
    for option in _options(quotes, own):
        trial = Count.model_validate({**count.model_dump(mode="json"), "evidence": [{"quote": q} for q in option]})
        if not count_findings("count", trial, article):
            return option
    return own[:1]


def attribution_evidence(source: GoldAttribution, quotes: list[str]) -> str:
    """The first labelled quote that names the source (and denies, for a denial); else the first quote."""
    for quote in quotes:
        if not any(find_phrase(alias, quote) is not None for alias in source.source_ar):
            continue
        if source.stance is Stance.DENIED and not is_negative(quote):
            continue
        return quote
    return quotes[0]


def _count(count: GoldCount, quotes: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = count.model_dump(mode="json")
    data["evidence"] = [{"quote": q} for q in quotes]
    return data


def _fact_text(fact: KeyFact, language: str) -> str:
    """English: the first alias. Arabic: the quote (an alias may be digits), plus the alias if the quote lacks it."""
    if language == "en":
        return fact.en[0]
    alias = fact.ar[0]
    return fact.quote if normalize_text(alias) in normalize_text(fact.quote) else f"{fact.quote}، {alias}"


def reference_digest(case: Case, language: str) -> Digest:
    """Render the gold labels of ``case`` as a validated Digest in ``language``."""
    facts = case.key_facts
    groups = [facts[i::6] for i in range(min(6, len(facts)))]
    while len(groups) < 3:
        groups.append(groups[-1])
    bullets = [
        {
            "text": "; ".join(_fact_text(f, language) for f in group) + ".",
            "evidence": [{"quote": f.quote} for f in group[:4]],
        }
        for group in groups
    ]
    events = []
    for number, gold in enumerate(case.events, start=1):
        quotes = labelled_quotes(case, gold)
        fatalities = count_evidence(gold.fatalities, quotes, gold.quotes, case.article)
        injuries = count_evidence(gold.injuries, quotes, gold.quotes, case.article)
        events.append(
            {
                "event_id": f"E{number}",
                "event_type": gold.event_type.value,
                "sub_event_type": gold.sub_event_type.value,
                "description_en": f"{gold.sub_event_type.value} in {gold.location_en[0]}.",
                "actors": [
                    {
                        "name": (a.ar or a.en)[0],
                        "name_en": a.en[0],
                        "side": a.side.value,
                        "actor_type": a.actor_type.value,
                    }
                    for a in gold.actors
                ],
                "location": {
                    "name": gold.location_ar[0],
                    "name_en": gold.location_en[0],
                    "country": gold.country,
                    "geo_precision": gold.geo_precision or 1,
                },
                "date": {
                    "as_written": gold.date_as_written or "",
                    "iso": gold.date_iso,
                    "time_precision": gold.time_precision or (1 if gold.date_iso else 2),
                },
                "fatalities": _count(gold.fatalities, fatalities),
                "injuries": _count(gold.injuries, injuries),
                "evidence": [{"quote": q} for q in gold.quotes[:4]],
                "relations": [{"relation": r.relation.value, "event_id": f"E{r.event}"} for r in gold.relations],
                "attributions": [
                    {
                        "source": a.source_ar[0],
                        "source_en": a.source_en[0],
                        "source_type": (a.source_type or "unnamed"),
                        "stance": a.stance.value,
                        "evidence": [{"quote": attribution_evidence(a, quotes)}],
                    }
                    for a in gold.attributions
                ],
            }
        )
    return validate(Digest, {"bullets": bullets, "events": events}, case.article, language, "warn")
