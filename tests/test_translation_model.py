"""A second model for the translation step (ProviderSettings.translation_model): the Arabic answer and its repairs
go to ``model``, each translation request to ``translation_model``, on the same endpoint.

Every model answer here is a hand-written fixture (never a model recording)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import summarize
from summarizer.errors import ProviderNotConfigured
from summarizer.local import _two_stage_limits, router_command, router_preset
from summarizer.recording import RecordingMeta
from summarizer.settings import ProviderSettings
from tests.fake_openai import FakeOpenAI
from tests.test_prompt_v5 import AR_CORDON, AR_KILLED, AR_SOURCE, ARTICLE, CORDON, KILLED, SOURCE, _arabic, _english


def _settings(server: FakeOpenAI, **overrides: object) -> ProviderSettings:
    base = ProviderSettings(
        model="small", base_url=server.base_url, api_key="k", mode="json_object", max_reasks=1, time_budget_s=30
    )
    return base.with_overrides(**overrides)


def test_translations_go_to_the_translation_model_and_the_arabic_answer_to_the_model() -> None:
    with FakeOpenAI() as server:
        server.queue(_arabic(AR_KILLED, AR_SOURCE, AR_CORDON), _english(KILLED), _english(SOURCE), _english(CORDON))
        digest = summarize(ARTICLE, "en", settings=_settings(server, translation_model="large"), prompt_version="v5")
        models = [r["model"] for r in server.requests]
    assert models == ["small", "large", "large", "large"]
    assert [b.text for b in digest.bullets] == [KILLED, SOURCE, CORDON]
    assert digest.run is not None and digest.run.model == "small" and digest.run.translation_model == "large"
    assert digest.run.attempts == 4  # one tally over both models


def test_without_a_translation_model_one_model_does_both_and_arabic_never_names_one() -> None:
    with FakeOpenAI() as server:
        server.queue(_arabic(AR_KILLED, AR_SOURCE, AR_CORDON), _english(KILLED), _english(SOURCE), _english(CORDON))
        english = summarize(ARTICLE, "en", settings=_settings(server), prompt_version="v5")
        server.queue(_arabic(AR_KILLED, AR_SOURCE, AR_CORDON))
        arabic = summarize(ARTICLE, "ar", settings=_settings(server, translation_model="large"), prompt_version="v5")
        models = [r["model"] for r in server.requests]
    assert models == ["small"] * 5
    assert english.run is not None and english.run.translation_model is None
    assert arabic.run is not None and arabic.run.translation_model is None  # nothing was translated


def test_the_setting_reads_its_variable_and_refuses_an_empty_name() -> None:
    env = {"OPENAI_BASE_URL": "http://localhost:8080/v1", "SUMMARIZER_MODEL": "small"}
    assert ProviderSettings.from_env(env=env).translation_model is None
    settings = ProviderSettings.from_env(env=env | {"SUMMARIZER_TRANSLATION_MODEL": "large"})
    assert settings.translation_model == "large" and settings.label == "small+large"
    assert ProviderSettings.from_env(env=env, translation_model="flag").translation_model == "flag"
    assert ProviderSettings(model="small").label == "small"
    with pytest.raises(ProviderNotConfigured, match="translation model name is empty"):
        ProviderSettings(model="small", translation_model="  ")


def test_a_recording_meta_names_the_translation_model_only_when_there_is_one(tmp_path: Path) -> None:
    common = dict(model="small", provider="p", mode="json_object", prompt_version="v5", prompt_hash="h")
    common |= dict(schema_hash="s", language="en", recorded_at="now", note="")
    RecordingMeta(**common).write(tmp_path / "one.json")
    RecordingMeta(**common, translation_model="large").write(tmp_path / "two.json")
    assert "translation_model" not in (tmp_path / "one.json").read_text()
    assert RecordingMeta.read(tmp_path / "two.json").translation_model == "large"


def test_the_router_preset_serves_both_models_from_one_url() -> None:
    preset = router_preset(
        [("small", Path("/m/small.gguf")), ("large", Path("/m/large.gguf"))], context_tokens=4096, slots=2, threads=2
    )
    assert preset.count("[") == 2 and "[small]\nmodel = /m/small.gguf\n" in preset and "[large]" in preset
    assert "parallel = 2\nctx-size = 8192\n" in preset and "cache-ram = 1024" in preset
    command = router_command(Path("/bin/llama-server"), Path("/tmp/p.ini"), 8080, 2)
    assert "--model" not in command and command[command.index("--models-max") + 1] == "2"


def test_a_two_model_conversation_gets_the_time_of_both_stages() -> None:
    small = {"max_output_tokens": 2048, "max_reasks": 1, "time_budget_s": 100.0, "request_timeout_s": 100.0}
    large = {"max_output_tokens": 1024, "max_reasks": 1, "time_budget_s": 300.0, "request_timeout_s": 300.0}
    both = _two_stage_limits(small, large)
    assert both["time_budget_s"] == both["request_timeout_s"] == 400.0
    assert both["max_output_tokens"] == 2048 and both["max_transient_attempts"] == 1
