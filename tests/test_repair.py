"""The pointer conversation against the scripted fixture server: repair only what fails, keep the rest, best-effort.

Every answer here is a hand-written fixture (never a model recording)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from summarizer import summarize
from summarizer.client import REPAIR_FEEDBACK
from summarizer.errors import ModelOutputInvalid
from summarizer.prompts import prompts_dir
from summarizer.recording import CassetteTransport, recording, replaying
from summarizer.settings import ProviderSettings
from summarizer.triage import PartialDigest
from summarizer.units import split_units
from tests.fake_openai import FakeOpenAI, completion

ARTICLE = (
    "قتل ثلاثة جنود وأصيب خمسة آخرون في انفجار عبوة ناسفة قرب بلدة المقدادية مساء الخميس. "
    "وقال مصدر أمني إن العبوة كانت مزروعة على جانب طريق زراعي. "
    "ونقل الجرحى إلى مستشفى بعقوبة العام لتلقي العلاج. "
    "وفرضت القوات الأمنية طوقا على المنطقة وبدأت عمليات تفتيش. "
    "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن."
)
KILLED = {"cite": [1], "text": "Three soldiers were killed and five wounded in a bomb blast on Thursday."}
SOURCE = {"cite": [2], "text": "A security source said the bomb had been planted beside a farm road."}
HOSPITAL = {"cite": [3], "text": "The wounded were taken to hospital for treatment."}
CORDON = {"cite": [4], "text": "Security forces cordoned off the area and began searches."}
INVENTED = {"cite": [2], "text": "7 soldiers were killed in the attack."}  # 7 is in no unit
WRONG = {"cite": [4], "text": "10 people were arrested after the blast."}  # 10 is in no unit


@pytest.fixture(autouse=True)
def direct_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Prompt "v3direct": v3 with English bullets written directly (no Arabic-then-translate step)."""
    root = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), root)
    config = root / "v3" / "prompt.json"
    (root / "v3direct").mkdir()
    for path in (root / "v3").iterdir():
        shutil.copy(path, root / "v3direct" / path.name)
    data = json.loads(config.read_text(encoding="utf-8"))
    data.pop("english")
    (root / "v3direct" / "prompt.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(root))


def _settings(server: FakeOpenAI, **overrides: Any) -> ProviderSettings:
    base = ProviderSettings(
        model="m", base_url=server.base_url, api_key="k", mode="json_object", max_reasks=1, time_budget_s=30
    )
    return base.with_overrides(**overrides)


def _answer(*bullets: dict[str, Any], events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return completion(json.dumps({"bullets": list(bullets), "events": events or []}))


def test_only_the_failing_bullets_are_asked_for_again_and_the_rest_is_kept() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(KILLED, INVENTED, SOURCE, WRONG), _answer(HOSPITAL))
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v3direct")
        first, repair = server.requests
    assert [b.text for b in digest.bullets] == [KILLED["text"], SOURCE["text"], HOSPITAL["text"]]
    assert digest.run is not None and digest.run.attempts == 2 and digest.run.status == "complete"
    assert len(digest.run.dropped) == 2 and "7 soldiers" in digest.run.dropped[0]
    assert digest.run.bullets_written == 5 and digest.run.dropped_bullets == [INVENTED["text"], WRONG["text"]]
    # the repair continues the conversation: our answer, then feedback naming the failing parts and their units
    assert repair["messages"][: len(first["messages"])] == first["messages"]
    answer, feedback = repair["messages"][len(first["messages"]) :]
    assert answer["role"] == "assistant" and json.loads(answer["content"])["bullets"][1] == INVENTED
    assert feedback["role"] == "user" and feedback["content"].startswith(REPAIR_FEEDBACK)
    assert "a bullet citing [2]: number" in feedback["content"] and "a bullet citing [4]: number" in feedback["content"]
    assert "7 soldiers" not in feedback["content"]  # the failing words are not offered to be copied back
    assert "Three soldiers" not in feedback["content"]  # a supported bullet is not asked for again
    assert f"[2] {split_units(ARTICLE)[1].text}" in feedback["content"]  # its cited unit, shown again
    # the repair answer's schema asks for the repaired parts alone, still bounded to this article's units
    repair_schema = repair["response_format"]["schema"]
    assert repair_schema["title"] == "PointerRepairEn" and "minItems" not in repair_schema["properties"]["bullets"]
    assert repair_schema["$defs"]["UnitNumber"] == {"type": "integer", "enum": [1, 2, 3, 4, 5]}
    for evidence in (e for b in digest.bullets for e in b.evidence):
        assert ARTICLE[evidence.start : evidence.end] == evidence.quote  # exact by construction


def test_three_supported_bullets_need_no_repair() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(KILLED, SOURCE, INVENTED, CORDON))
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v3direct")
        assert len(server.requests) == 1
    assert [b.text for b in digest.bullets] == [KILLED["text"], SOURCE["text"], CORDON["text"]]
    assert digest.findings == [] and all(b.supported for b in digest.bullets)
    assert digest.run is not None and digest.run.status == "complete" and "7 soldiers" in digest.run.dropped[0]


def test_best_effort_keeps_only_the_supported_part_and_says_it_is_partial() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(KILLED, INVENTED, WRONG, KILLED), _answer(KILLED, INVENTED, WRONG, KILLED))
        with pytest.raises(ModelOutputInvalid, match=r"1 supported bullet.*\(--best-effort\) keeps the 1 supported"):
            summarize(ARTICLE, "en", settings=_settings(server, max_reasks=0), prompt_version="v3direct")
        digest = summarize(
            ARTICLE, "en", settings=_settings(server, max_reasks=0, best_effort=True), prompt_version="v3direct"
        )
    assert isinstance(digest, PartialDigest)
    assert [b.text for b in digest.bullets] == [KILLED["text"]]  # the repeat is dropped too
    assert digest.run is not None and digest.run.status == "partial" and digest.run.best_effort
    assert len(digest.run.dropped) == 3 and digest.findings == []
    # every bullet the model wrote and the checker did not keep, whole (the repeat too): kept + dropped = written
    assert digest.run.dropped_bullets == [INVENTED["text"], WRONG["text"], KILLED["text"]]
    assert digest.run.bullets_written == 4


def test_warn_keeps_everything_and_reports_the_findings() -> None:
    with FakeOpenAI() as server:
        server.queue(_answer(KILLED, INVENTED, SOURCE))
        digest = summarize(ARTICLE, "en", settings=_settings(server, faithfulness="warn"), prompt_version="v3direct")
    assert [b.supported for b in digest.bullets] == [True, False, True]
    assert digest.findings and digest.findings[0].location == "bullets[1]"


def test_a_malformed_answer_is_asked_for_again_whole() -> None:
    with FakeOpenAI() as server:
        server.queue(completion('{"bullets": [{"cite": [1]}]}'), _answer(KILLED, SOURCE, CORDON))
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v3direct")
        feedback = server.requests[1]["messages"][-1]["content"]
        assert server.requests[1]["response_format"]["schema"]["title"] == "PointerDigestEn"
    assert not feedback.startswith(REPAIR_FEEDBACK) and "text" in feedback
    assert len(digest.bullets) == 3


def test_a_repair_conversation_records_and_replays(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    with FakeOpenAI() as server:
        settings = _settings(server)
        server.queue(_answer(KILLED, INVENTED, SOURCE, WRONG), _answer(HOSPITAL))
        with recording(cassette):
            recorded = summarize(ARTICLE, "en", settings=settings, prompt_version="v3direct")
    replay = settings.with_overrides(max_transient_attempts=1)
    with replaying(cassette, "re-record"):
        replayed = summarize(ARTICLE, "en", settings=replay, prompt_version="v3direct")
    assert replayed.model_dump(exclude={"run"}) == recorded.model_dump(exclude={"run"})
    transport = CassetteTransport(cassette)
    assert transport.unplayed == 2


AR_KILLED = {"cite": [1], "text": "قتل ثلاثة جنود وأصيب خمسة آخرون في انفجار عبوة ناسفة مساء الخميس"}
AR_SOURCE = {"cite": [2], "text": "قال مصدر أمني إن العبوة كانت مزروعة على جانب طريق زراعي"}
AR_CORDON = {"cite": [4], "text": "فرضت القوات الأمنية طوقا على المنطقة وبدأت عمليات تفتيش"}
AR_INVENTED = {"cite": [3], "text": "قتل 7 جنود في الهجوم"}  # a figure its unit never states: number.value, an error


def test_english_is_written_in_arabic_then_translated_with_the_arabic_bullets_evidence() -> None:
    translations = {"bullets": [{"text": KILLED["text"]}, {"text": SOURCE["text"]}, {"text": CORDON["text"]}]}
    with FakeOpenAI() as server:
        server.queue(_answer(AR_KILLED, AR_INVENTED, AR_SOURCE, AR_CORDON), completion(json.dumps(translations)))
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v3")
        arabic, translation = server.requests
    assert arabic["response_format"]["schema"]["title"] == "PointerDigestAr"  # the Arabic request, as for "ar"
    assert translation["response_format"]["schema"]["title"] == "Translation"
    shown = translation["messages"][-1]["content"]
    assert AR_SOURCE["text"] in shown and AR_INVENTED["text"] not in shown  # only supported bullets are translated
    assert translation["messages"][0] == arabic["messages"][0]
    assert (
        translation["messages"][1]["content"].split("</article>")[0]
        == arabic["messages"][1]["content"].split("</article>")[0]
    )
    assert [b.text for b in digest.bullets] == [KILLED["text"], SOURCE["text"], CORDON["text"]]
    units = split_units(ARTICLE)
    assert [[e.quote for e in b.evidence] for b in digest.bullets] == [
        [units[0].text],
        [units[1].text],
        [units[3].text],
    ]
    assert digest.run is not None and digest.run.attempts == 2 and digest.run.status == "complete"


def test_the_eval_scores_a_pointer_conversation_by_every_bullet_it_wrote(tmp_path: Path) -> None:
    """supported_rate of a v3 run: bullets kept over bullets written, across the answer and its repair."""
    import asyncio

    from summarizer.evals.cases import load_cases
    from summarizer.evals.runner import run_eval

    cases = Path(__file__).resolve().parent.parent / "evals" / "cases"
    case = next(c for c in load_cases(cases) if c.id.startswith("002_"))
    first = [
        {"cite": [1], "text": "قتل ثلاثة جنود عراقيين وأصيب خمسة آخرون في انفجار عبوة ناسفة في قضاء المقدادية"},
        {"cite": [2], "text": "قال المصدر إن العبوة كانت مزروعة قرب قرية أبو صيدا"},
        {"cite": [3], "text": "نقل 7 جرحى إلى مستشفى بعقوبة العام"},  # 7: unsupported
        {"cite": [4], "text": "تبنى تنظيم الدولة الإسلامية 9 هجمات"},  # 9: unsupported
    ]
    repair = [{"cite": [3], "text": "نقل الجرحى إلى مستشفى بعقوبة العام"}]
    with FakeOpenAI() as server:
        server.queue(_answer(*first), _answer(*repair))
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_object", max_reasks=1)
        recorded = asyncio.run(
            run_eval([case], model="m", prompt_version="v3", languages=["ar"], cassettes=tmp_path,
                     record_settings=settings)
        )  # fmt: skip
    replayed = asyncio.run(run_eval([case], model="m", prompt_version="v3", languages=["ar"], cassettes=tmp_path))
    for run in (recorded, replayed):
        (result,) = run.results
        assert result.outcome == "ok" and result.attempts == 2
    (result,) = replayed.results
    assert result.metrics["supported_rate"] == pytest.approx(3 / 5)
    assert [m.supported for m in result.bullets] == [True, True, True, False, False]


def test_too_few_bullets_are_asked_for_even_when_none_failed() -> None:
    """English by translation: 2 Arabic bullets stand and translate fine; still short of 3, so more are asked for."""
    translations = {"bullets": [{"text": KILLED["text"]}, {"text": SOURCE["text"]}]}
    with FakeOpenAI() as server:
        server.queue(
            _answer(AR_KILLED, AR_INVENTED, AR_SOURCE),  # 2 stand
            _answer(AR_CORDON),  # the Arabic repair adds a third
            completion(json.dumps({"bullets": [*translations["bullets"], {"text": CORDON["text"]}]})),
        )
        digest = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v3")
        repair = server.requests[1]["messages"][-1]["content"]
    assert repair.startswith(REPAIR_FEEDBACK) and "Write at least 1 bullet" in repair
    assert [b.text for b in digest.bullets] == [KILLED["text"], SOURCE["text"], CORDON["text"]]
    with FakeOpenAI() as server:  # no re-ask left: the translation of 2 is a partial digest
        server.queue(_answer(AR_KILLED, AR_SOURCE, AR_INVENTED), completion(json.dumps(translations)))
        partial = summarize(
            ARTICLE, "en", settings=_settings(server, max_reasks=0, best_effort=True), prompt_version="v3"
        )
    assert partial.run is not None and partial.run.status == "partial" and len(partial.bullets) == 2
