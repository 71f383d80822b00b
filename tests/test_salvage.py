"""Best-effort mode keeps the grounded parts of an invalid answer and lists what it dropped."""

from __future__ import annotations

import json

from summarizer.compact import CompactDigest
from summarizer.salvage import salvage
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings

ARTICLE = "وأفادت مصادر محلية أن أكثر من 10 صواريخ سقطت على القاعدة فجر الخميس دون تسجيل إصابات."
CONTEXT = {"article": ARTICLE, "language": "en"}


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
