"""Prompt v5: English by translating each Arabic bullet alone, from a source prepared by code.

Every model answer here is a hand-written fixture (never a model recording)."""

from __future__ import annotations

import json
from typing import Any

from summarizer import summarize
from summarizer.arabic import western_digits
from summarizer.prompts import BulletSource, get_version
from summarizer.settings import ProviderSettings
from summarizer.translation import glossary, made_whole
from tests.fake_openai import FakeOpenAI, completion

UNIT = (
    'ألقت قوات الأمن المصرية القبض على ١٥ شخصا في محافظة الإسكندرية، بتهمة الانضمام إلى "جماعة محظورة" ونشر '
    "أخبار كاذبة عبر مواقع التواصل الاجتماعي."
)
CUT = "قوات الأمن المصرية القبض على 15 شخصا في محافظة الإسكندرية، بتهمة الانضمام إلى "


def test_a_bullet_cut_at_an_ascii_quote_gets_the_quoted_words_back_from_its_unit() -> None:
    assert made_whole(CUT, [UNIT]) == CUT.rstrip() + " «جماعة محظورة»"


def test_a_whole_bullet_or_one_its_units_do_not_continue_with_a_quote_is_left_alone() -> None:
    whole = "ألقت قوات الأمن القبض على 15 شخصا."
    assert made_whole(whole, [UNIT]) == whole
    assert made_whole("ونشر أخبار كاذبة عبر مواقع", [UNIT]) == "ونشر أخبار كاذبة عبر مواقع"  # no quote follows
    assert made_whole(CUT, ["وحدة أخرى لا تذكر شيئا من هذا"]) == CUT  # not in the cited unit


def test_digits_are_western() -> None:
    assert western_digits("حبسهم ١٥ يوما منذ ۲۰۲۳") == "حبسهم 15 يوما منذ 2023"


def test_the_glossary_gives_the_checkers_english_for_countries_agencies_groups_and_placed_towns() -> None:
    pairs = glossary(CUT)
    assert ("المصرية", "Egyptian") in pairs and ("الإسكندرية", "Alexandria") in pairs
    assert ("وقوات الدعم السريع", "Rapid Support Forces") in glossary("اشتبك الجيش السوداني وقوات الدعم السريع")
    assert ("خشام", "Khusham") in glossary("غارات على مواقع في بلدة خشام")  # a village after a place word


def test_the_glossary_leaves_out_ordinary_words_that_are_also_towns() -> None:
    # «مصدر» (a source) is a village in Palestine, «البلاد» (the country) one in Yemen, «وأن» reads as Van.
    text = "قال مصدر قضائي وأن المحتجزين في البلاد يخضعون لإجراءات قانونية ومستحقاتهم المالية متأخرة"
    assert glossary(text) == []


def _settings(server: FakeOpenAI, **overrides: Any) -> ProviderSettings:
    base = ProviderSettings(
        model="m", base_url=server.base_url, api_key="k", mode="json_object", max_reasks=1, time_budget_s=30
    )
    return base.with_overrides(**overrides)


ARTICLE = (
    "قتل ثلاثة جنود عراقيين وأصيب خمسة آخرون في انفجار عبوة ناسفة قرب بلدة المقدادية مساء الخميس. "
    'وقال مصدر أمني إن العبوة كانت مزروعة على جانب طريق زراعي قرب "بستان النخيل" شمال البلدة. '
    "ونقل الجرحى إلى مستشفى بعقوبة العام لتلقي العلاج. "
    "وفرضت القوات الأمنية طوقا على المنطقة وبدأت عمليات تفتيش. "
    "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن."
)
AR_KILLED = {"cite": [1], "text": "قتل ثلاثة جنود عراقيين وأصيب خمسة آخرون في انفجار عبوة ناسفة مساء الخميس"}
AR_SOURCE = {"cite": [2], "text": "قال مصدر أمني إن العبوة كانت مزروعة على جانب طريق زراعي قرب "}  # cut at the quote
AR_CORDON = {"cite": [4], "text": "فرضت القوات الأمنية طوقا على المنطقة وبدأت عمليات تفتيش"}
KILLED = "Three Iraqi soldiers were killed and five wounded in a bomb blast on Thursday evening."
SOURCE = "A security source said the bomb was planted beside a farm road near Bustan al-Nakhil."
CORDON = "Security forces cordoned off the area and began searches."
CORDON_WRONG = "Security forces arrested 10 people after the blast."  # 10 is in no unit


def _arabic(*bullets: dict[str, Any]) -> dict[str, Any]:
    return completion(json.dumps({"bullets": list(bullets), "events": []}))


def _english(text: str) -> dict[str, Any]:
    return completion(json.dumps({"text": text}))


def test_each_arabic_bullet_is_translated_alone_without_the_article() -> None:
    with FakeOpenAI() as server:
        server.queue(_arabic(AR_KILLED, AR_SOURCE, AR_CORDON), _english(KILLED), _english(SOURCE), _english(CORDON))
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v5")
        arabic, *translations = server.requests
    assert arabic["response_format"]["schema"]["title"] == "PointerDigestAr"
    assert len(translations) == 3
    for request in translations:
        assert request["response_format"]["schema"]["title"] == "TranslatedBullet"
        assert [m["role"] for m in request["messages"]] == ["system", "user"]
        assert "<article>" not in json.dumps(request["messages"], ensure_ascii=False)
    first = translations[0]["messages"][1]["content"]
    assert "عراقيين = Iraqi" in first and "ثلاثة = 3" in first and AR_KILLED["text"] in first
    assert "«بستان النخيل»" in translations[1]["messages"][1]["content"]  # the cut bullet made whole
    assert [b.text for b in digest.bullets] == [KILLED, SOURCE, CORDON]
    assert digest.run is not None and digest.run.attempts == 4


def test_a_failing_translation_is_tried_again_from_its_cited_units() -> None:
    with FakeOpenAI() as server:
        server.queue(
            _arabic(AR_KILLED, AR_SOURCE, AR_CORDON),
            _english(KILLED),
            _english(SOURCE),
            _english(CORDON_WRONG),
            _english(CORDON),
        )
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v5")
        *_, wrong, again = server.requests
    assert wrong["messages"][1]["content"].endswith(AR_CORDON["text"])
    retry = again["messages"][1]["content"]
    assert retry.endswith("وفرضت القوات الأمنية طوقا على المنطقة وبدأت عمليات تفتيش.")  # its unit, to translate
    assert "Translate this Arabic sentence" not in retry
    assert [b.text for b in digest.bullets] == [KILLED, SOURCE, CORDON]
    assert digest.run is not None and digest.run.attempts == 5
    assert any(CORDON_WRONG[:30] in d for d in digest.run.dropped)


def test_no_second_translation_when_three_bullets_already_stand() -> None:
    with FakeOpenAI() as server:
        server.queue(
            _arabic(AR_KILLED, AR_SOURCE, AR_CORDON, {"cite": [3], "text": "نقل الجرحى إلى مستشفى بعقوبة العام"}),
            _english(KILLED),
            _english(SOURCE),
            _english(CORDON_WRONG),
            _english("The wounded were taken to Baqubah General Hospital."),
        )
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v5")
        *_, last = server.requests
    assert last["messages"][1]["content"].endswith("نقل الجرحى إلى مستشفى بعقوبة العام")  # the 4th, not a retry
    assert digest.run is not None and digest.run.attempts == 5 and len(digest.bullets) == 3
    assert not any("closely and in short" in json.dumps(r, ensure_ascii=False) for r in server.requests)


def test_v5_asks_for_arabic_exactly_as_v4_does() -> None:
    """v5 changes only the translation step: its first request is v4's, byte for byte."""
    v4, v5 = get_version("v4"), get_version("v5")
    assert v5.messages(ARTICLE, "ar") == v4.messages(ARTICLE, "ar")
    assert v5.response_model_for("ar") is v4.response_model_for("ar")
    assert v5.translates_each and not v4.translates_each and v4.english_by_translation


def test_the_translation_request_shows_the_pairs_and_the_units_and_a_second_try_asks_for_the_units() -> None:
    v5 = get_version("v5")
    source = BulletSource("قتل جنديان", [("جنديان", "two soldiers")], ["وقتل جنديان في الهجوم."], [("جنديان", "2")])
    first = v5.bullet_translation_messages(source)[1]["content"]
    assert "جنديان = two soldiers" in first and "جنديان = 2" in first
    assert "وقتل جنديان في الهجوم." in first and first.endswith("Translate this Arabic sentence: قتل جنديان")
    again = v5.bullet_translation_messages(BulletSource("قتل جنديان", [], ["وقتل جنديان في الهجوم."], []), True)
    assert again[1]["content"] == "Translate this Arabic text, closely and in short: وقتل جنديان في الهجوم."
