"""Re-pointing (prompt v4): a failing or mis-cited Arabic bullet is cited to the units holding its words.

Every answer here is a hand-written fixture (never a model recording)."""

from __future__ import annotations

import json
from typing import Any

from summarizer import summarize
from summarizer.client import REPAIR_FEEDBACK
from summarizer.prompts import get_version
from summarizer.repoint import candidates, coverage, miscited
from summarizer.settings import ProviderSettings
from summarizer.units import split_units
from tests.fake_openai import FakeOpenAI, completion
from tests.test_repair import AR_CORDON, AR_KILLED, AR_SOURCE, ARTICLE

UNITS = split_units(ARTICLE)
KILLED_TEXT, CORDON_TEXT = str(AR_KILLED["text"]), str(AR_CORDON["text"])
# Unit 1's words, cited to unit 3 (the hospital): its numbers are not there, so the checker fails it.
KILLED_MISCITED = {**AR_KILLED, "cite": [3]}
# Unit 4's words, cited to unit 5: nothing the checker reads (no name, number, date or negation), so it stands.
CORDON_MISCITED = {**AR_CORDON, "cite": [5]}
# Unit 1's words with its number changed: no unit supports it, wherever it is cited.
SEVEN_KILLED = {"cite": [3], "text": "قتل 7 جنود وأصيب خمسة آخرون في انفجار عبوة ناسفة مساء الخميس"}
VAGUE = {"cite": [3], "text": "وقع هجوم في المنطقة"}


def _settings(server: FakeOpenAI) -> ProviderSettings:
    return ProviderSettings(
        model="m", base_url=server.base_url, api_key="k", mode="json_object", max_reasks=1, time_budget_s=30
    )


def _answer(*bullets: dict[str, Any]) -> dict[str, Any]:
    return completion(json.dumps({"bullets": list(bullets), "events": []}))


def test_the_unit_holding_a_bullets_words_comes_first_and_its_own_cite_never() -> None:
    assert next(iter(candidates(KILLED_TEXT, [3], ARTICLE))) == [1]
    assert all(option != [1] for option in candidates(KILLED_TEXT, [1], ARTICLE))
    assert coverage(KILLED_TEXT, [1], ARTICLE) >= 0.9 and coverage(KILLED_TEXT, [3], ARTICLE) < 0.2


def test_english_short_and_vague_bullets_are_never_moved() -> None:
    assert list(candidates("Three soldiers were killed in a bomb blast on Thursday.", [3], ARTICLE)) == []
    assert list(candidates("قتل جنود", [3], ARTICLE)) == []  # too few words to place
    assert list(candidates(str(VAGUE["text"]), [3], ARTICLE)) == []  # no unit holds 60% of its words


def test_a_bullet_is_miscited_when_its_units_hold_under_half_its_words() -> None:
    assert miscited(CORDON_TEXT, [5], ARTICLE) and not miscited(CORDON_TEXT, [4], ARTICLE)
    assert not miscited("Security forces cordoned off the area.", [5], ARTICLE)  # English: not judged by words


def test_v4_re_points_a_failing_bullet_instead_of_paying_for_a_repair_round() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(KILLED_MISCITED, AR_SOURCE, AR_CORDON))
        digest = summarize(ARTICLE, "ar", settings=_settings(server), prompt_version="v4")
        assert len(server.requests) == 1
    assert [b.text for b in digest.bullets] == [AR_KILLED["text"], AR_SOURCE["text"], AR_CORDON["text"]]
    assert [e.quote for e in digest.bullets[0].evidence] == [UNITS[0].text]
    assert digest.run is not None and digest.run.status == "complete" and digest.run.dropped == []
    assert any("cited [3], re-pointed to [1]" in note for note in digest.run.notes)
    assert all(b.supported for b in digest.bullets)


def test_v3_pays_a_repair_round_for_the_same_answer() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(KILLED_MISCITED, AR_SOURCE, AR_CORDON), _answer(AR_KILLED))
        summarize(ARTICLE, "ar", settings=_settings(server), prompt_version="v3")
        assert len(server.requests) == 2
        assert server.requests[1]["messages"][-1]["content"].startswith(REPAIR_FEEDBACK)


def test_v4_moves_a_supported_bullet_to_the_unit_that_backs_it() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(AR_KILLED, AR_SOURCE, CORDON_MISCITED))
        digest = summarize(ARTICLE, "ar", settings=_settings(server), prompt_version="v4")
    assert [e.quote for e in digest.bullets[2].evidence] == [UNITS[3].text]


def test_a_wrong_claim_is_not_re_pointed_into_support_and_is_repaired() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(SEVEN_KILLED, AR_SOURCE, AR_CORDON), _answer(AR_KILLED))
        digest = summarize(ARTICLE, "ar", settings=_settings(server), prompt_version="v4")
        assert len(server.requests) == 2
    assert "قتل 7" not in " ".join(b.text for b in digest.bullets)
    assert digest.run is not None and not any("re-pointed" in note for note in digest.run.notes)


def test_only_v4_re_points() -> None:
    assert get_version("v4").repoints and not get_version("v3").repoints and not get_version("v2").repoints
