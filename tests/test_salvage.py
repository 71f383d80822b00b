"""Best-effort mode keeps the grounded parts of an invalid answer and lists what it dropped."""

from __future__ import annotations

import json
from typing import Any

from summarizer.compact import CompactDigest
from summarizer.salvage import salvage
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings
from summarizer.validation import context as validation_context

ARTICLE = "وأفادت مصادر محلية أن أكثر من 10 صواريخ سقطت على القاعدة فجر الخميس دون تسجيل إصابات."
CONTEXT = validation_context(ARTICLE, "en")


def _bullet(text: str, *quotes: str) -> dict[str, object]:
    return {"text": text, "evidence": [{"quote": q} for q in quotes]}


def test_bad_quotes_and_bullets_are_dropped_and_reported() -> None:
    answer = {
        "bullets": [
            _bullet(
                "Local sources said more than 10 rockets fell on the base.", "أكثر من 10 صواريخ سقطت", "قتل جنديان"
            ),
            _bullet("Two soldiers were killed.", "قتل جنديان في الهجوم"),  # its only quote is invented
            _bullet("صواريخ", "دون تسجيل إصابات"),  # wrong language
        ],
        "events": [],
    }
    result = salvage(json.dumps(answer, ensure_ascii=False), CompactDigest, CONTEXT)
    assert result is not None
    digest, dropped = result
    assert isinstance(digest, Digest) and len(digest.bullets) == 1
    assert [e.quote for e in digest.bullets[0].evidence] == ["أكثر من 10 صواريخ سقطت"]
    assert len(dropped) == 4  # one quote of bullet 0, bullet 1's quote and bullet 1, bullet 2
    assert any("bullets[2]" in d and "English" in d for d in dropped)


def test_nothing_salvageable_is_none() -> None:
    assert salvage("not json", Digest, CONTEXT) is None
    assert salvage(json.dumps({"bullets": [_bullet("Invented.", "قتل جنديان في الهجوم")]}), Digest, CONTEXT) is None


def test_best_effort_is_off_unless_asked() -> None:
    assert ProviderSettings(model="m").best_effort is False


def test_best_effort_runs_the_claim_checker_and_keeps_only_supported_parts() -> None:
    """The issue's bug: an answer rejected for unsupported claims came back whole, with nothing dropped."""
    from summarizer.salvage import keep_supported
    from summarizer.triage import PartialDigest

    event = {
        "event_id": "E1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "description_en": "Rockets hit the base.",
        "actors": [{"name": "مصادر محلية", "name_en": "local sources", "side": "actor1", "actor_type": "Civilians"}],
        "location": {"name": "القاعدة", "name_en": "the base", "country": "Syria", "geo_precision": 1},
        "date": {"as_written": "فجر الخميس", "time_precision": 1},
        "fatalities": {"qualifier": "none_reported", "evidence": [{"quote": "دون تسجيل إصابات"}]},
        "injuries": {"qualifier": "exact", "low": 3, "evidence": [{"quote": "دون تسجيل إصابات"}]},  # 3: unsupported
        "evidence": [{"quote": "أكثر من 10 صواريخ سقطت"}],
    }
    supported = {
        **event,
        "event_id": "E2",
        "injuries": {"qualifier": "none_reported", "evidence": [{"quote": "دون تسجيل إصابات"}]},
    }
    answer: dict[str, list[Any]] = {
        "bullets": [
            _bullet("Local sources said more than 10 rockets fell on the base.", "أكثر من 10 صواريخ سقطت"),
            _bullet("3 soldiers were injured on Thursday.", "سقطت على القاعدة فجر الخميس"),  # 3: unsupported
        ],
        "events": [event, supported, {**supported, "event_id": "E3"}],  # E3 repeats E2
    }
    result = keep_supported(json.dumps(answer, ensure_ascii=False), CompactDigest, CONTEXT)
    assert result is not None
    digest, dropped = result
    assert isinstance(digest, PartialDigest)
    assert [b.text for b in digest.bullets] == [answer["bullets"][0]["text"]]
    assert [e.event_id for e in digest.events] == ["E1"] and digest.events[0].injuries.qualifier == "none_reported"
    assert digest.findings == [] and all(b.supported for b in digest.bullets)
    assert any("3 soldiers" in d and "number" in d for d in dropped)
    assert sum("events[" in d for d in dropped) == 2  # the unsupported count and the repeat
