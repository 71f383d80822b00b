"""What `--local` picks when the user names nothing: the prompt measured best on the local models, and as many
parallel slots as articles in flight.

No model runs: ``summarizer.local.local_server`` is replaced by a stand-in that records what it was asked for.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import local, models
from summarizer.cli import app
from summarizer.cli.options import DEFAULT_LOCAL_PROMPT
from summarizer.errors import ProviderNotConfigured
from summarizer.settings import ProviderSettings

ARTICLE = "سقط نحو عشرة صواريخ على القاعدة الجوية صباح اليوم وفق مصادر محلية."


@pytest.fixture
def fake_local(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """`--local` without a model: local_server records what it was asked for and yields plain settings."""
    started: list[dict[str, object]] = []

    @contextmanager
    def fake_server(model: object = None, **kwargs: object) -> Iterator[ProviderSettings]:
        started.append({"model": model, **kwargs})
        yield ProviderSettings(model="m", base_url="http://127.0.0.1:9/v1", api_key="x", mode="json_object")

    monkeypatch.setattr(local, "local_server", fake_server)
    return started


@pytest.mark.parametrize(
    ("flags", "expected"),
    [(["--local"], "v3"), (["--local-model", "qwen2.5-0.5b"], "v3"), (["--local", "--prompt", "v1"], "v1"),
     (["--api-key", "k"], "v1")],
)  # fmt: skip
def test_local_runs_default_to_the_prompt_measured_best_on_local_models(
    flags: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_local: list[object]
) -> None:
    import summarizer.api

    seen: list[str] = []

    def fake_summarize(text: str, language: str, *, settings: ProviderSettings, prompt_version: str) -> None:
        seen.append(prompt_version)
        raise ProviderNotConfigured("stop here")

    monkeypatch.setattr(summarizer.api, "summarize", fake_summarize)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(article), *flags])
    assert result.exit_code == 2, result.output
    assert seen == [expected]
    assert len(fake_local) == (0 if "--api-key" in flags else 1)


def test_the_help_names_the_real_local_default() -> None:
    from summarizer.prompts import list_versions

    assert DEFAULT_LOCAL_PROMPT == models.DEFAULT_LOCAL_PROMPT  # --help's literal is the one used
    assert models.DEFAULT_LOCAL_PROMPT in {v.version for v in list_versions()}


@pytest.mark.parametrize(("concurrency", "slots"), [("4", 4), ("2", 2), ("64", max(4, os.cpu_count() or 2))])
def test_batch_local_starts_as_many_slots_as_articles_in_flight(
    concurrency: str, slots: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_local: list[dict[str, object]]
) -> None:
    import summarizer.batch

    seen: list[int] = []

    async def fake_run_batch(*args: object, concurrency: int, **kwargs: object) -> None:
        seen.append(concurrency)
        raise ProviderNotConfigured("stop here")

    monkeypatch.setattr(summarizer.batch, "run_batch", fake_run_batch)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    args = ["batch", "run", str(source), str(tmp_path / "out.jsonl"), "--local", "--concurrency", concurrency]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert [start["slots"] for start in fake_local] == [slots]
    assert seen == [slots]  # the client sends exactly as many at once as the server decodes together
