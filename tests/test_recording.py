"""recording() / replaying() against the scripted fixture server (cassettes stay in tmp; they are fixtures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer import summarize
from summarizer.errors import MissingRecording, ModelOutputInvalid, StaleRecording
from summarizer.recording import recording, replaying
from summarizer.settings import ProviderSettings
from tests.fake_openai import FakeOpenAI, completion


def test_record_then_replay_with_no_server(tmp_path: Path, reference_digest: dict[str, Any], seed_article: str) -> None:
    cassette = tmp_path / "c.yaml"
    with FakeOpenAI() as server:
        settings = ProviderSettings(
            model="reference", base_url=server.base_url, api_key="sk-secret", mode="json_schema"
        )
        server.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
        with recording(cassette):
            recorded = summarize(seed_article, "en", settings=settings)
    text = cassette.read_text(encoding="utf-8")
    assert "sk-secret" not in text  # Authorization is filtered
    with replaying(cassette, "re-record"):
        replayed = summarize(seed_article, "en", settings=settings.with_overrides(max_transient_attempts=1))
    assert replayed.model_dump(exclude={"run"}) == recorded.model_dump(exclude={"run"})
    with pytest.raises(StaleRecording, match="re-record"), replaying(cassette, "re-record"):
        summarize(seed_article, "ar", settings=settings.with_overrides(max_transient_attempts=1))


def test_failed_validation_is_kept_as_a_recording(tmp_path: Path, seed_article: str) -> None:
    cassette = tmp_path / "c.yaml"
    with FakeOpenAI() as server:
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_schema", max_reasks=0)
        server.queue(completion('{"bullets": []}'))
        with pytest.raises(ModelOutputInvalid), recording(cassette):
            summarize(seed_article, "en", settings=settings)
    assert cassette.is_file()


def test_interrupted_recording_keeps_the_previous_cassette(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    cassette.write_text("previous", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), recording(cassette):
        raise KeyboardInterrupt
    assert cassette.read_text(encoding="utf-8") == "previous"
    assert not list(tmp_path.glob("*.partial"))


def test_missing_cassette_names_the_command(tmp_path: Path) -> None:
    with (
        pytest.raises(MissingRecording, match="summarizer eval --record"),
        replaying(tmp_path / "none.yaml", "summarizer eval --record"),
    ):
        pass
