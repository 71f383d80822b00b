from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer.acled import PARENT_EVENT_TYPE, SUB_EVENT_TYPES, ActorType, EventType, SubEventType
from summarizer.schema import Count, Digest, schema_hash
from summarizer.validation import context as validation_context


def validate(data: dict[str, Any], article: str, language: str = "en") -> Digest:
    return Digest.model_validate(data, context=validation_context(article, language))


def test_acled_taxonomy_sizes() -> None:
    assert len(EventType) == 6
    assert len(SubEventType) == 25
    assert sum(len(s) for s in SUB_EVENT_TYPES.values()) == 25
    assert [a.inter_code for a in ActorType] == list(range(1, 9))


def test_reference_fixture_validates_and_gets_offsets(reference_digest: dict[str, Any], seed_article: str) -> None:
    digest = validate(reference_digest, seed_article)
    for bullet in digest.bullets:
        for evidence in bullet.evidence:
            assert evidence.start is not None and evidence.end is not None
            located = seed_article[evidence.start : evidence.end]
            # the span covers whole words: «ردت ...» is located as the article's «وردت ...»
            assert located == evidence.quote or located.endswith(evidence.quote)
            assert evidence.start == 0 or not seed_article[evidence.start - 1].isalnum()
    assert digest.events[1].relations[0].event_id == "E1"


@pytest.mark.parametrize("sub_type", list(SubEventType))
def test_every_sub_type_is_accepted_under_its_own_type(
    sub_type: SubEventType, reference_digest: dict[str, Any], seed_article: str
) -> None:
    data = copy.deepcopy(reference_digest)
    data["events"][0]["event_type"] = PARENT_EVENT_TYPE[sub_type].value
    data["events"][0]["sub_event_type"] = sub_type.value
    validate(data, seed_article)


@pytest.mark.parametrize("sub_type", list(SubEventType))
def test_every_sub_type_is_rejected_under_another_type(
    sub_type: SubEventType, reference_digest: dict[str, Any], seed_article: str
) -> None:
    wrong = next(t for t in EventType if t is not PARENT_EVENT_TYPE[sub_type])
    data = copy.deepcopy(reference_digest)
    data["events"][0]["event_type"] = wrong.value
    data["events"][0]["sub_event_type"] = sub_type.value
    with pytest.raises(ValidationError, match="belongs to"):
        validate(data, seed_article)


def test_unknown_event_type_is_rejected(reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    data["events"][0]["event_type"] = "Terrorism"
    with pytest.raises(ValidationError):
        validate(data, seed_article)


def test_ungrounded_quote_is_rejected_with_a_reask_message(reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    data["bullets"][0]["evidence"][0]["quote"] = "قتل عشرة جنود أميركيين في الهجوم"
    with pytest.raises(ValidationError, match="Copy the quote exactly"):
        validate(data, seed_article)


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_bullet_count_bounds(count: int, reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    data["bullets"] = (data["bullets"] * 2)[:count]
    with pytest.raises(ValidationError):
        validate(data, seed_article)


def test_bullets_must_be_in_the_requested_language(reference_digest: dict[str, Any], seed_article: str) -> None:
    with pytest.raises(ValidationError, match="must be written in Arabic"):
        validate(reference_digest, seed_article, language="ar")
    data = copy.deepcopy(reference_digest)
    data["bullets"][0]["text"] = "تعرضت القاعدة الأميركية للاستهداف"
    with pytest.raises(ValidationError, match="must be written in English"):
        validate(data, seed_article, language="en")


def test_bullet_needs_evidence(reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    data["bullets"][0]["evidence"] = []
    with pytest.raises(ValidationError):
        validate(data, seed_article)


def test_no_events_is_valid(reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    data["events"] = []
    assert validate(data, seed_article).events == []


def test_relation_must_point_at_another_event(reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    data["events"][1]["relations"][0]["event_id"] = "E9"
    with pytest.raises(ValidationError, match="not another event"):
        validate(data, seed_article)


def test_duplicate_event_ids_rejected(reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    data["events"][1]["event_id"] = "E1"
    data["events"][1]["relations"] = []
    with pytest.raises(ValidationError, match="unique"):
        validate(data, seed_article)


def test_event_needs_an_actor1(reference_digest: dict[str, Any], seed_article: str) -> None:
    data = copy.deepcopy(reference_digest)
    for actor in data["events"][0]["actors"]:
        actor["side"] = "actor2"
    with pytest.raises(ValidationError, match="actor1"):
        validate(data, seed_article)


QUOTE = [{"quote": "بنحو 10 صواريخ"}]


@pytest.mark.parametrize(
    ("payload", "low", "high"),
    [
        ({"qualifier": "not_mentioned"}, None, None),
        ({"qualifier": "none_reported", "evidence": QUOTE}, 0, 0),
        ({"qualifier": "exact", "low": 3, "evidence": QUOTE}, 3, 3),
        ({"qualifier": "approximate", "low": 10, "evidence": QUOTE}, 10, 10),
        ({"qualifier": "more_than", "low": 10, "evidence": QUOTE}, 10, None),
        ({"qualifier": "at_least", "low": 2, "evidence": QUOTE}, 2, None),
        ({"qualifier": "at_most", "high": 5, "evidence": QUOTE}, None, 5),
        ({"qualifier": "range", "low": 5, "high": 7, "evidence": QUOTE}, 5, 7),
    ],
)
def test_counts_keep_their_meaning(payload: dict[str, Any], low: int | None, high: int | None) -> None:
    count = Count.model_validate(payload)
    assert (count.low, count.high) == (low, high)


@pytest.mark.parametrize(
    "payload",
    [
        {"qualifier": "not_mentioned", "low": 0},
        {"qualifier": "none_reported", "low": 3, "evidence": QUOTE},
        {"qualifier": "exact", "evidence": QUOTE},
        {"qualifier": "exact", "low": 3, "high": 4, "evidence": QUOTE},
        {"qualifier": "more_than", "low": 10, "high": 20, "evidence": QUOTE},
        {"qualifier": "range", "low": 7, "high": 5, "evidence": QUOTE},
        {"qualifier": "exact", "low": 3},  # a stated number needs a quote
        {"qualifier": "exact", "low": -1, "evidence": QUOTE},
    ],
)
def test_inconsistent_counts_are_rejected(payload: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Count.model_validate(payload)


def test_model_facing_schema_hides_our_fields() -> None:
    schema = json.dumps(Digest.model_json_schema())
    assert '"start"' not in schema and '"end"' not in schema and '"run"' not in schema
    assert len(schema_hash()) == 12
    assert schema_hash() == schema_hash()
