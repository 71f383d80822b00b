"""Evidence by pointer: the per-article unit schema, the conversion to a Digest, spans, the request bodies."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer.client import request_body, request_plan, with_unit_numbers
from summarizer.pointer import (
    MAX_ENUM_UNITS,
    UNIT_DEF,
    UNIT_PLACEHOLDER,
    PointerDigestAr,
    PointerDigestEn,
    SpanBulletAr,
    SpanDigestAr,
    digest_data,
    unit_number_schema,
)
from summarizer.prompts import get_version
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings
from summarizer.units import split_units
from summarizer.validation import context as validation_context
from tests.test_client_body import _sent

ARTICLE = (
    "قتل ثلاثة جنود وأصيب خمسة آخرون في انفجار عبوة ناسفة قرب بلدة المقدادية مساء الخميس. "
    "وقال مصدر أمني إن العبوة كانت مزروعة على جانب طريق زراعي. "
    "وقتل ثلاثة جنود في هجوم آخر العام الماضي."
)


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def _cite_items(schema: dict[str, Any]) -> list[Any]:
    return [
        node["properties"]["cite"]["items"]
        for node in schema["$defs"].values()
        if isinstance(node, dict) and "cite" in node.get("properties", {})
    ]


def test_every_cite_refers_to_the_one_unit_number_definition() -> None:
    for model in (PointerDigestEn, PointerDigestAr, SpanDigestAr):
        schema = model.model_json_schema()
        assert schema["$defs"][UNIT_DEF] == UNIT_PLACEHOLDER
        items = _cite_items(schema)
        assert len(items) == 2  # bullets and events
        assert all(item == {"$ref": f"#/$defs/{UNIT_DEF}"} for item in items)
        assert "x-unit-number" not in json.dumps(schema)


def test_unit_numbers_are_an_enum_up_to_openais_limit_then_a_range() -> None:
    assert unit_number_schema(5) == {"type": "integer", "enum": [1, 2, 3, 4, 5]}
    assert len(unit_number_schema(MAX_ENUM_UNITS)["enum"]) == MAX_ENUM_UNITS
    assert unit_number_schema(MAX_ENUM_UNITS + 1) == {"type": "integer", "minimum": 1, "maximum": MAX_ENUM_UNITS + 1}
    # the whole schema's enum values stay under OpenAI strict mode's 500
    enums = 0

    def count(node: Any) -> None:
        nonlocal enums
        if isinstance(node, dict):
            enums += len(node.get("enum", []))
            for v in node.values():
                count(v)
        elif isinstance(node, list):
            for v in node:
                count(v)

    schema = PointerDigestEn.model_json_schema()
    schema["$defs"][UNIT_DEF] = unit_number_schema(MAX_ENUM_UNITS)
    count(schema)
    assert enums <= 500


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "tools"])
def test_the_request_carries_this_articles_unit_numbers_and_the_plan_stays_shared(mode: str) -> None:
    settings = ProviderSettings(model="m", mode=mode)  # type: ignore[arg-type]
    messages = get_version("v3").messages(ARTICLE, "en")
    body = request_body(settings, messages, PointerDigestEn, ARTICLE)
    sent = json.dumps(body)
    units = len(split_units(ARTICLE))
    assert json.dumps({UNIT_DEF: {"type": "integer", "enum": list(range(1, units + 1))}})[1:-1] in sent
    plan = request_plan(mode, "m", 0.0, 4096, PointerDigestEn)
    assert json.dumps(UNIT_PLACEHOLDER) in json.dumps(plan.kwargs)  # the cached plan is never patched in place
    # what the SDK sends for a live call is that same body, byte for byte
    live = plan.call_kwargs(messages, unit_number_schema(units))
    assert json.loads(_sent(live)) == json.loads(_sent({**body}))
    with pytest.raises(ValueError, match="needs the article"):
        request_body(settings, messages, PointerDigestEn)


def test_with_unit_numbers_leaves_other_schemas_alone() -> None:
    body = {"response_format": {"type": "json_object", "schema": {"$defs": {"X": {}}}}, "tools": [1]}
    assert with_unit_numbers(body, {"enum": [1]}) == body


def _answer(**overrides: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "bullets": [
            {"cite": [1], "text": "Three soldiers were killed and five wounded near Muqdadiya."},
            {"cite": [2], "text": "A security source said the bomb was planted by a road."},
            {"cite": [1, 2], "text": "The blast happened on Thursday evening."},
        ],
        "events": [],
    }
    answer.update(overrides)
    return answer


def test_a_cite_outside_the_article_fails_validation_with_the_article_in_context() -> None:
    bad = _answer(bullets=[{"cite": [9], "text": "Nine."}] * 3)
    with pytest.raises(ValidationError, match="not unit numbers of this article"):
        PointerDigestEn.model_validate(bad, context={"article": ARTICLE})
    PointerDigestEn.model_validate(bad)  # without an article, only the grammar bounds it


def test_evidence_is_the_cited_units_exactly() -> None:
    answer = PointerDigestEn.model_validate(_answer(), context={"article": ARTICLE})
    data, notes = digest_data(answer, ARTICLE)
    digest = Digest.model_validate(data, context=validation_context(ARTICLE, "en", "error"))
    units = split_units(ARTICLE)
    assert notes == []
    for bullet, cites in zip(digest.bullets, ([1], [2], [1, 2]), strict=True):
        assert [(e.quote, e.start, e.end) for e in bullet.evidence] == [
            (units[n - 1].text, units[n - 1].start, units[n - 1].end) for n in cites
        ]
        assert all(ARTICLE[e.start : e.end] == e.quote and e.match == "exact" for e in bullet.evidence)


def test_a_repeated_sentence_is_evidence_where_it_was_cited() -> None:
    article = "قتل ثلاثة جنود في الهجوم. وأصيب خمسة آخرون. قتل ثلاثة جنود في الهجوم."
    answer = PointerDigestAr.model_validate(
        {"bullets": [{"cite": [3], "text": "قتل ثلاثة جنود في الهجوم"}] * 3, "events": []}, context={"article": article}
    )
    data, _ = digest_data(answer, article)
    digest = Digest.model_validate(data, context=validation_context(article, "ar", "error"))
    assert digest.bullets[0].evidence[0].start == split_units(article)[2].start > 0


def test_a_span_narrows_its_unit_only_when_it_is_inside_a_cited_unit() -> None:
    article_span = "مصدر أمني إن العبوة"
    inside = SpanBulletAr(cite=[2], text="قال مصدر أمني إن العبوة كانت مزروعة", span=article_span)
    elsewhere = SpanBulletAr(cite=[1], text="قال مصدر أمني إن العبوة كانت مزروعة", span=article_span)
    short = SpanBulletAr(cite=[2], text="قال مصدر أمني", span="مصدر أمني")
    answer = SpanDigestAr(bullets=[inside, elsewhere, short], events=[])
    data, notes = digest_data(answer, ARTICLE)
    start = ARTICLE.index(article_span)
    assert data["bullets"][0]["evidence"] == [{"quote": article_span, "start": start, "end": start + len(article_span)}]
    unit1, unit2 = split_units(ARTICLE)[:2]
    assert data["bullets"][1]["evidence"][0]["quote"] == unit1.text  # the span is in unit 2, not the cited unit 1
    assert data["bullets"][2]["evidence"][0]["quote"] == unit2.text  # under 3 words: not evidence
    assert len(notes) == 2 and all("not in its cited units" in n for n in notes)


def test_events_get_ids_and_their_cited_units_as_evidence() -> None:
    event = {
        "cite": [1],
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "description_en": "A roadside bomb killed three soldiers.",
        "actors": [{"name": "مصدر أمني", "name_en": "security source", "side": "actor1", "actor_type": "State forces"}],
        "location": {"name": "المقدادية", "name_en": "Muqdadiya", "country": "Iraq", "geo_precision": 1},
        "date": {"as_written": "مساء الخميس", "time_precision": 1},
        "fatalities": {"qualifier": "exact", "low": 3},
        "injuries": {"qualifier": "not_mentioned"},
    }
    answer = PointerDigestEn.model_validate(_answer(events=[event, event]), context={"article": ARTICLE})
    data, _ = digest_data(answer, ARTICLE)
    assert [e["event_id"] for e in data["events"]] == ["E1", "E2"]
    unit = split_units(ARTICLE)[0]
    first = data["events"][0]
    assert (
        first["evidence"]
        == first["fatalities"]["evidence"]
        == [{"quote": unit.text, "start": unit.start, "end": unit.end}]
    )
    assert first["injuries"]["evidence"] == [] and first["date"]["iso"] is None
    Digest.model_validate(data, context=validation_context(ARTICLE, "en", "warn"))
