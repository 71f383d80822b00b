"""The ``reference`` model: a case's own gold labels rendered as a Digest.

Not a model and not a recording. It exists to check the scorers (gold scored
against itself must be perfect; each perturbation must lower its metric) and
to show what a perfect run of the harness looks like.
"""

from __future__ import annotations

from typing import Any

from summarizer.arabic import normalize_text
from summarizer.evals.cases import Case, GoldCount, KeyFact
from summarizer.schema import CountQualifier, Digest

REFERENCE_MODEL = "reference"


def _count(count: GoldCount, quote: str) -> dict[str, Any]:
    data: dict[str, Any] = count.model_dump(mode="json")
    data["evidence"] = [] if count.qualifier is CountQualifier.NOT_MENTIONED else [{"quote": quote}]
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
        quote = gold.quotes[0]
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
                "fatalities": _count(gold.fatalities, quote),
                "injuries": _count(gold.injuries, quote),
                "evidence": [{"quote": q} for q in gold.quotes[:4]],
                "relations": [{"relation": r.relation.value, "event_id": f"E{r.event}"} for r in gold.relations],
                "attributions": [
                    {
                        "source": a.source_ar[0],
                        "source_en": a.source_en[0],
                        "source_type": (a.source_type or "unnamed"),
                        "stance": a.stance.value,
                        "evidence": [{"quote": quote}],
                    }
                    for a in gold.attributions
                ],
            }
        )
    return Digest.model_validate(
        {"bullets": bullets, "events": events}, context={"article": case.article, "language": language}
    )
