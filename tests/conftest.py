from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.settings import ProviderSettings
from tests.fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "000_28e21e24a588c826.article.txt"
REFERENCE_DIGEST = Path(__file__).parent / "fixtures" / "reference_seed_digest_en.json"


@pytest.fixture(autouse=True)
def _no_ambient_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real API key or endpoint."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SUMMARIZER_MODEL",
        "SUMMARIZER_MODE",
        "SUMMARIZER_CONTEXT_TOKENS",
        "OPENAI_MODEL",
    ):
        monkeypatch.delenv(name, raising=False)


def fake_weights(folder: Path) -> Path:
    """Every known local model "downloaded" into ``folder``: sparse files of the right size (``LocalModel.cached``
    checks the size), so a test of what `--local` chooses runs the same on a machine that never pulled a model."""
    from summarizer.models import MODELS

    folder.mkdir(parents=True, exist_ok=True)
    for model in MODELS.values():
        with (folder / model.filename).open("wb") as file:
            file.truncate(model.size)
    return folder


@pytest.fixture
def downloaded_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$SUMMARIZER_MODELS_DIR pointing at ``fake_weights`` (never served: the tests that use it fake the server)."""
    from summarizer.models import ENV_MODELS_DIR

    folder = fake_weights(tmp_path / "models")
    monkeypatch.setenv(ENV_MODELS_DIR, str(folder))
    return folder


@pytest.fixture
def seed_article() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def reference_digest() -> dict[str, Any]:
    """The hand-written reference answer for the seed (a fixture, not a recording)."""
    data: dict[str, Any] = json.loads(REFERENCE_DIGEST.read_text(encoding="utf-8"))
    data.pop("_fixture")
    return data


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def fake_settings(fake_server: FakeOpenAI) -> ProviderSettings:
    return ProviderSettings(
        model="reference",
        base_url=fake_server.base_url,
        api_key="test",
        mode="json_schema",
        request_timeout_s=10,
        time_budget_s=30,
    )


@pytest.fixture
def provider_env(fake_server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    """The scripted server, configured through the environment as a CLI user would."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake_server.base_url)
    monkeypatch.setenv("SUMMARIZER_MODEL", "reference")
    return fake_server
