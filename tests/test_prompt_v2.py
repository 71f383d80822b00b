"""Prompt v2: a worked example as a prior exchange, and the compact schema its grammar enforces."""

from __future__ import annotations

import json
import re

import pytest

from summarizer.compact import MAX_BULLETS, MAX_EVENTS, CompactDigest
from summarizer.prompts import get_version
from summarizer.schema import Digest, Language, schema_hash


def test_v1_keeps_the_full_schema_so_its_recordings_still_replay() -> None:
    v1 = get_version("v1")
    assert v1.schema_variant == "full" and v1.response_model is Digest
    assert [m["role"] for m in v1.messages("نص", "en")] == ["system", "user"]


def test_v2_asks_for_the_compact_schema() -> None:
    v2 = get_version("v2")
    assert v2.response_model is CompactDigest
    assert schema_hash(CompactDigest) != schema_hash(Digest)
    schema = CompactDigest.model_json_schema()
    assert schema["properties"]["bullets"]["maxItems"] == MAX_BULLETS
    assert schema["properties"]["events"]["maxItems"] == MAX_EVENTS
    assert "events" in schema["required"]  # the model always writes events, maybe []
    assert schema["$defs"]["CompactEvidence"]["properties"]["quote"]["maxLength"] <= 200


def test_a_compact_digest_is_a_digest_with_the_same_validators() -> None:
    article = "قال مسؤول أمريكي إن أكثر من 10 صواريخ سقطت على القاعدة."
    bullet = {"text": "A US official said more than 10 rockets fell.", "evidence": [{"quote": "أكثر من 10 صواريخ"}]}
    digest = CompactDigest.model_validate(
        {"bullets": [bullet] * 3, "events": []}, context={"article": article, "language": "en"}
    )
    assert isinstance(digest, Digest)
    with pytest.raises(ValueError, match="must be written in Arabic"):
        CompactDigest.model_validate(
            {"bullets": [bullet] * 3, "events": []}, context={"article": article, "language": "ar"}
        )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_v2_example_exchange_is_a_valid_answer_on_its_own_article(language: Language) -> None:
    messages = get_version("v2").messages("نص المقال", language)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    example_article = re.search(r"<article>\n(.*?)\n</article>", messages[1]["content"], re.S)
    assert example_article is not None
    answer = CompactDigest.model_validate_json(
        messages[2]["content"], context={"article": example_article.group(1), "language": language}
    )
    assert len(answer.events) == 1
    assert "<article>\nنص المقال\n</article>" in messages[3]["content"]
    assert "نص المقال" not in messages[0]["content"]
    json.loads(messages[2]["content"])
