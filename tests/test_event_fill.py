"""Lean events (prompt v6): the date and counts code reads from an event's cited units, and the lean schema."""

from __future__ import annotations

import json

import pytest

from summarizer.event_fill import lean_event_data, stated_counts, written_date
from summarizer.pointer import (
    LeanDigestAr,
    LeanDigestEn,
    LeanRepairAr,
    PointerDigestAr,
    PointerRepairAr,
    PointerRepairEn,
    digest_data,
    repair_model,
)
from summarizer.prompts import get_version
from summarizer.salvage import salvage
from summarizer.schema import Digest
from summarizer.validation import context as validation_context


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("استهدفت طائرة مسيّرة إسرائيلية، أمس الثلاثاء، سيارة في بنت جبيل", "أمس الثلاثاء"),
        ("وقع الهجوم ليل الخميس الجمعة قرب الحدود", "ليل الخميس الجمعة"),
        ("قتل جنديان فجر الجمعة في كمين", "فجر الجمعة"),
        ("أعلنت الوزارة يوم الأحد 12 كانون الثاني أن", "يوم الأحد 12 كانون الثاني"),
        ("في يوم الثلاثاء الموافق 23 أيلول/سبتمبر 2025 اندلعت", "يوم الثلاثاء الموافق 23 أيلول/سبتمبر 2025"),
        ("وذكرت الشرطة أن الحادث وقع صباح اليوم في السوق", "صباح اليوم"),
        ("وفي 14 أكتوبر أعلن الجيش", "14 أكتوبر"),
        ("Two soldiers were killed on Tuesday morning near the border", "Tuesday morning"),
    ],
)
def test_the_date_is_the_phrase_as_written(text: str, phrase: str) -> None:
    found = written_date(text)
    assert found is not None
    assert found["as_written"] == phrase
    assert phrase in text  # copied, never rewritten


def test_no_date_phrase_is_none_and_last_takes_the_latest() -> None:
    assert written_date("وقال مصدر أمني إن العبوة كانت مزروعة على جانب طريق زراعي") is None
    text = "قصفت الطائرات البلدة الاثنين، ثم عادت مساء الأربعاء"
    assert written_date(text)["as_written"] == "الاثنين"  # type: ignore[index]
    assert written_date(text, last=True)["as_written"] == "مساء الأربعاء"  # type: ignore[index]


def test_the_bare_word_alyawm_inside_another_word_is_no_date() -> None:
    assert written_date("قال المتحدث إن الوضع اليومي صعب") is None


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        ("قتل ثلاثة جنود وأصيب خمسة آخرون في انفجار عبوة ناسفة", ("exact", 3), ("exact", 5)),
        ("أسفر القصف عن مقتل أكثر من 10 مدنيين", ("more_than", 10), ("not_mentioned", None)),
        ("سقط ما لا يقل عن 7 قتلى ونحو 20 جريحا", ("at_least", 7), ("approximate", 20)),
        ("انفجرت العبوة دون وقوع إصابات", ("none_reported", None), ("none_reported", None)),
        ("تظاهر المئات أمام مبنى الوزارة", ("not_mentioned", None), ("not_mentioned", None)),
        ("The strike killed two civilians and wounded four others", ("exact", 2), ("exact", 4)),
    ],
)
def test_counts_are_the_figures_the_units_state(
    text: str, fatalities: tuple[str, int | None], injuries: tuple[str, int | None]
) -> None:
    counts = stated_counts(text)
    assert (counts["fatalities"]["qualifier"], counts["fatalities"]["low"]) == fatalities
    assert (counts["injuries"]["qualifier"], counts["injuries"]["low"]) == injuries


ARTICLE = (
    "قتل ثلاثة جنود وأصيب خمسة آخرون في انفجار عبوة ناسفة قرب بلدة المقدادية مساء الخميس. "
    "وقال مصدر أمني إن العبوة كانت مزروعة على جانب طريق زراعي. "
    "وقتل ثلاثة جنود في هجوم آخر العام الماضي."
)


def _lean_answer(cite: list[int]) -> dict[str, object]:
    return {
        "bullets": [{"cite": [1], "text": "قتل ثلاثة جنود وأصيب خمسة آخرون في انفجار عبوة ناسفة قرب المقدادية"}] * 3,
        "events": [
            {
                "cite": cite,
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Remote explosive/landmine/IED",
                "actors": [
                    {"name": "مصدر أمني", "name_en": "security source", "side": "actor1", "actor_type": "State forces"}
                ],
                "location": {"name": "المقدادية", "name_en": "Muqdadiya", "country": "Iraq", "geo_precision": 1},
            }
        ],
    }


def test_the_lean_schema_asks_for_no_date_count_or_description() -> None:
    schema = LeanDigestAr.model_json_schema()
    event = schema["$defs"]["LeanEvent"]["properties"]
    assert set(event) == {"cite", "event_type", "sub_event_type", "actors", "location"}
    assert "PointerCount" not in json.dumps(schema)
    assert "date" in PointerDigestAr.model_json_schema()["$defs"]["PointerEvent"]["properties"]  # v3-v5 unchanged


def test_a_lean_event_is_filled_from_its_cited_units_and_validates() -> None:
    answer = LeanDigestAr.model_validate(_lean_answer([1]), context={"article": ARTICLE})
    data, _ = digest_data(answer, ARTICLE, lean_event_data)
    event = data["events"][0]
    assert event["date"] == {"as_written": "مساء الخميس", "time_precision": 1, "iso": None}
    assert (event["fatalities"]["qualifier"], event["fatalities"]["low"]) == ("exact", 3)
    assert (event["injuries"]["qualifier"], event["injuries"]["low"]) == ("exact", 5)
    assert event["fatalities"]["evidence"] == event["evidence"]
    assert event["description_en"] == "Remote explosive/landmine/IED in Muqdadiya, Iraq."
    digest = Digest.model_validate(data, context=validation_context(ARTICLE, "ar"))
    assert digest.events[0].fatalities.low == 3


def test_a_lean_event_citing_a_unit_without_a_date_takes_the_last_date_written_before_it() -> None:
    answer = LeanDigestAr.model_validate(_lean_answer([2]), context={"article": ARTICLE})
    event = digest_data(answer, ARTICLE, lean_event_data)[0]["events"][0]
    assert event["date"]["as_written"] == "مساء الخميس"
    assert event["fatalities"]["qualifier"] == "not_mentioned"  # unit 2 counts nobody
    assert event["fatalities"]["evidence"] == []


def test_a_lean_answer_converted_without_its_filler_is_refused() -> None:
    answer = LeanDigestAr.model_validate(_lean_answer([1]), context={"article": ARTICLE})
    with pytest.raises(ValueError, match="lean_event_data"):
        digest_data(answer, ARTICLE)


def test_best_effort_salvage_fills_a_lean_event_too() -> None:
    """A lean answer that fails validation keeps its event in best-effort mode, filled like any other."""
    raw = json.dumps({**_lean_answer([1]), "bullets": [{"cite": [1], "text": "قصير"}]}, ensure_ascii=False)
    salvaged = salvage(raw, LeanDigestAr, validation_context(ARTICLE, "ar"))
    assert salvaged is not None
    digest, _ = salvaged
    assert len(digest.events) == 1 and digest.events[0].fatalities.low == 3
    assert digest.events[0].date.as_written == "مساء الخميس"


def test_a_lean_answer_is_repaired_lean_and_a_full_one_in_full() -> None:
    assert repair_model(LeanDigestAr, "ar") is LeanRepairAr
    assert repair_model(LeanRepairAr, "ar") is LeanRepairAr
    assert repair_model(LeanDigestEn, "en").__name__ == "LeanRepairEn"
    assert repair_model(PointerDigestAr, "ar") is PointerRepairAr
    assert repair_model(PointerRepairEn, "en") is PointerRepairEn


def test_prompt_v6_asks_for_lean_events_and_translates_each_bullet() -> None:
    v6 = get_version("v6")
    assert v6.response_model_for("ar") is LeanDigestAr
    assert v6.translates_each and v6.repoints and v6.cites_units
    system = v6.messages(ARTICLE, "ar")[0]["content"]
    assert "read from the cited units for you" in system
    assert "as_written" not in system and "none_reported" not in system
