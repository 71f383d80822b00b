"""What `--local` picks when the user names nothing: the prompt measured best on the local models, and as many
parallel slots as articles in flight.

No model runs: ``summarizer.local.local_server`` is replaced by a stand-in that records what it was asked for.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import local, models
from summarizer.cli import app
from summarizer.cli.options import DEFAULT_LOCAL_PROMPT_FOR
from summarizer.errors import ProviderNotConfigured
from summarizer.settings import ProviderSettings

ARTICLE = "سقط نحو عشرة صواريخ على القاعدة الجوية صباح اليوم وفق مصادر محلية."


@pytest.fixture
def fake_local(monkeypatch: pytest.MonkeyPatch, downloaded_models: Path) -> list[dict[str, object]]:
    """`--local` without a model: local_server records what it was asked for and yields plain settings (the models
    look downloaded, so the run gets past its "not downloaded yet" check on any machine)."""
    started: list[dict[str, object]] = []

    @contextmanager
    def fake_server(model: object = None, **kwargs: object) -> Iterator[ProviderSettings]:
        started.append({"model": model, **kwargs})
        yield ProviderSettings(model="m", base_url="http://127.0.0.1:9/v1", api_key="x", mode="json_object")

    monkeypatch.setattr(local, "local_server", fake_server)
    return started


def _summarize_until_the_model_is_asked(
    flags: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    settings_seen: list[ProviderSettings] | None = None,
) -> list[str]:
    """Run `summarizer summarize` with ``flags`` up to the model call, which stops it (exit 2); the prompt
    versions it would have sent (and, into ``settings_seen``, the settings it would have sent them with)."""
    import summarizer.api

    seen: list[str] = []

    def fake_summarize(text: str, language: str, *, settings: ProviderSettings, prompt_version: str) -> None:
        seen.append(prompt_version)
        if settings_seen is not None:
            settings_seen.append(settings)
        raise ProviderNotConfigured("stop here")

    monkeypatch.setattr(summarizer.api, "summarize", fake_summarize)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(article), *flags])
    assert result.exit_code == 2, result.output
    return seen


@pytest.mark.parametrize(
    ("flags", "expected"),
    [(["--local"], "v6"), (["--local", "--lang", "en"], "v6"), (["--local", "--lang", "ar"], "v6"),
     (["--local-model", "qwen2.5-0.5b", "--lang", "ar"], "v6"), (["--local-model", "qwen2.5-1.5b"], "v6"),
     (["--local", "--prompt", "v1"], "v1"), (["--local", "--lang", "ar", "--prompt", "v5"], "v5"),
     (["--api-key", "k"], "v1"), (["--api-key", "k", "--lang", "ar"], "v1")],
)  # fmt: skip
def test_local_runs_default_to_the_prompt_measured_best_on_local_models(
    flags: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_local: list[object]
) -> None:
    assert _summarize_until_the_model_is_asked(flags, tmp_path, monkeypatch) == [expected]
    assert len(fake_local) == (0 if "--api-key" in flags else 1)


def test_the_help_names_the_real_local_default() -> None:
    from summarizer.prompts import list_versions

    assert DEFAULT_LOCAL_PROMPT_FOR == models.DEFAULT_LOCAL_PROMPT_FOR  # --help's literal is the one used
    assert set(models.DEFAULT_LOCAL_PROMPT_FOR.values()) <= {v.version for v in list_versions()}


PAIRS = max(1, local.usable_cores() // 2)


@pytest.mark.parametrize(
    ("model", "concurrency", "slots"),
    [("qwen2.5-1.5b", "4", min(4, PAIRS)), ("qwen2.5-1.5b", "64", PAIRS), ("qwen2.5-0.5b", "8", min(8, PAIRS)),
     ("gemma3-270m", "4", min(4, 4 * PAIRS)), ("gemma3-270m", "2", 2), ("gemma3-270m", "64", 4 * PAIRS)],
)  # fmt: skip
def test_batch_local_starts_the_slots_measured_best_for_the_model(
    model: str,
    concurrency: str,
    slots: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_local: list[dict[str, object]],
) -> None:
    """Slots help where decoding together is faster: Gemma 270M (3.3x with 4 on 2 cores), not the Qwen models
    (compute-bound on 2 cores; 0.84x for the 1.5B with 4). The client sends as many at once as the server has."""
    import summarizer.batch

    seen: list[int] = []

    async def fake_run_batch(*args: object, concurrency: int, **kwargs: object) -> None:
        seen.append(concurrency)
        raise ProviderNotConfigured("stop here")

    monkeypatch.setattr(summarizer.batch, "run_batch", fake_run_batch)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = str(tmp_path / "out.jsonl")
    args = ["batch", "run", str(source), out, "--local-model", model, "--concurrency", concurrency]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert [start["slots"] for start in fake_local] == [slots]
    assert seen == [slots]  # the client sends exactly as many at once as the server decodes together


@pytest.mark.parametrize(
    ("flags", "served"),
    [(["--local", "--lang", "ar"], "qwen2.5-0.5b"), (["--local", "--lang", "en"], "qwen2.5-1.5b"),
     (["--local"], "qwen2.5-1.5b"), (["--local-model", "qwen2.5-1.5b", "--lang", "ar"], "qwen2.5-1.5b"),
     (["--local-model", "gemma3-270m", "--lang", "en"], "gemma3-270m")],
)  # fmt: skip
def test_local_serves_the_model_measured_best_for_the_summary_language(
    flags: list[str], served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_local: list[dict[str, object]]
) -> None:
    """Arabic: the 0.5B (with prompt v4 it beat the 1.5B on every gated metric, 41 cases paired); English: the 1.5B.
    A model the user names is served whatever the language."""
    _summarize_until_the_model_is_asked(flags, tmp_path, monkeypatch)
    assert [s["model"] for s in fake_local] == [served]
    assert models.DEFAULT_LOCAL_MODEL_FOR == {"en": "qwen2.5-1.5b", "ar": "qwen2.5-0.5b"}


def test_batch_local_in_arabic_serves_the_arabic_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_local: list[dict[str, object]]
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    CliRunner().invoke(app, ["batch", "run", str(batch), str(tmp_path / "out.jsonl"), "--local", "--lang", "ar"])
    assert [s["model"] for s in fake_local] == ["qwen2.5-0.5b"]


@pytest.mark.parametrize(
    ("command", "shown"),
    [(["summarize", "--help"], "default v1, and with --local v6 for English, v6 for Arabic"),
     (["serve-local", "--help"], "(default: qwen2.5-1.5b)")],
)  # fmt: skip
def test_help_shows_the_defaults(command: list[str], shown: str) -> None:
    """Rich reads ``[default: ...]`` in a help string as markup and drops it: the defaults must reach the screen."""
    result = CliRunner().invoke(app, command, terminal_width=200)
    assert result.exit_code == 0
    flat = " ".join(word for word in result.output.replace("│", " ").split())
    assert shown in flat, flat[:2000]


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_an_unknown_prompt_is_refused_before_a_local_server_starts(
    command: str, tmp_path: Path, fake_local: list[dict[str, object]]
) -> None:
    """Starting a model server takes seconds to minutes: a typo in --prompt must not cost that."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    args = (["summarize", str(article)] if command == "summarize"
            else ["batch", "run", str(source), str(tmp_path / "out.jsonl")])  # fmt: skip
    result = CliRunner().invoke(app, [*args, "--local", "--prompt", "v9"])
    assert result.exit_code == 2
    assert "prompt version 'v9' not found" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert fake_local == []


def test_local_with_a_base_url_flag_is_refused_and_the_variable_is_only_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_local: list[object]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    clash = CliRunner().invoke(app, ["summarize", str(article), "--local", "--base-url", "http://x/v1"])
    assert clash.exit_code == 2 and "drop --base-url, or drop --local" in clash.output and not fake_local
    monkeypatch.setenv("OPENAI_BASE_URL", "http://x/v1")  # set for the shell: --local serves its own URL
    assert _summarize_until_the_model_is_asked(["--local"], tmp_path, monkeypatch) == ["v6"]
    assert len(fake_local) == 1


@pytest.mark.parametrize(
    ("flags", "env", "expected"),
    [
        (["--local"], {}, True),  # the local models fail validation often: keep the supported part (exit 5)
        (["--local", "--strict"], {}, False),
        (["--local"], {"SUMMARIZER_BEST_EFFORT": "0"}, False),
        (["--base-url", "http://127.0.0.1:9/v1", "--model", "m"], {}, False),  # any other provider: strict
        (["--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--best-effort"], {}, True),
        (["--base-url", "http://127.0.0.1:9/v1", "--model", "m"], {"SUMMARIZER_BEST_EFFORT": "1"}, True),
    ],
)
def test_local_runs_default_to_best_effort_and_others_to_strict(
    flags: list[str],
    env: dict[str, str],
    expected: bool,
    fake_local: list[dict[str, object]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SUMMARIZER_BEST_EFFORT", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings: list[ProviderSettings] = []
    _summarize_until_the_model_is_asked(flags, tmp_path, monkeypatch, settings_seen=settings)
    assert [s.best_effort for s in settings] == [expected]


def test_an_unknown_local_model_is_one_error_line_before_any_server_starts(
    fake_local: list[dict[str, object]], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(article), "--local-model", "nosuch"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: nosuch is neither a known local model (qwen2.5-1.5b, qwen2.5-0.5b, gemma3-270m) nor a GGUF file"
    ]
    assert fake_local == []
