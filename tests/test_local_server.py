"""summarizer.local without a model: which server runs, with which command, and the time limits it gets.

The live tests (tests/test_local_llm.py) start the real servers; these check the choices offline, so a
machine without the [local] extra still tests them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from summarizer import local, models
from summarizer.errors import ProviderNotConfigured
from summarizer.local import ENV_LLAMA_SERVER, choose_backend, find_llama_server, llama_server_command, local_limits


def executable(path: Path) -> Path:
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_variable_names_the_server_and_a_wrong_one_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = executable(tmp_path / "llama-server")
    monkeypatch.setenv(ENV_LLAMA_SERVER, str(binary))
    assert find_llama_server() == binary
    assert choose_backend() == ("llama-server", binary)
    monkeypatch.setenv(ENV_LLAMA_SERVER, str(tmp_path / "nope"))
    with pytest.raises(ProviderNotConfigured, match=ENV_LLAMA_SERVER):
        find_llama_server()


def test_without_llama_server_the_python_server_is_the_fallback_or_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_LLAMA_SERVER, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))  # nothing beside it
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_llama_server() is None
    monkeypatch.setattr(local, "_has_python_server", lambda: True)
    assert choose_backend() == ("llama-cpp-python", None)
    with pytest.raises(ProviderNotConfigured, match=r"setup\.sh dev,local"):
        choose_backend("llama-server")
    monkeypatch.setattr(local, "_has_python_server", lambda: False)
    with pytest.raises(ProviderNotConfigured, match=r"setup\.sh dev,local"):
        choose_backend()


def test_the_server_beside_this_python_is_found_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_LLAMA_SERVER, raising=False)
    (tmp_path / "bin").mkdir()
    binary = executable(tmp_path / "bin" / "llama-server")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    assert find_llama_server() == binary


def test_each_slot_gets_the_whole_context_and_requests_share_the_cached_prefix() -> None:
    command = llama_server_command(
        Path("/x/llama-server"), Path("/m.gguf"), "alias", 8080, context_tokens=16384, slots=4, threads=2
    )
    flags = dict(zip(command[1::2], command[2::2], strict=False))
    assert flags["--parallel"] == "4"
    assert flags["--ctx-size"] == str(4 * 16384)  # llama-server splits -c evenly between its slots
    assert flags["--host"] == "127.0.0.1"
    assert "--cache-prompt" not in command and "--no-cache-prompt" not in command  # its default: on


@pytest.mark.parametrize("name", list(models.MODELS))
def test_the_budget_covers_every_slot_busy(name: str) -> None:
    """With 4 answers decoded together each one is slower; the budget still covers every attempt of one answer
    at that speed, so it never fires on an answer the server is computing."""
    model = models.MODELS[name]
    one, four = local_limits(model, 1), local_limits(model, 4)
    assert four["time_budget_s"] >= one["time_budget_s"] * 4 - 1
    assert four["request_timeout_s"] == four["time_budget_s"]
    assert four["max_transient_attempts"] == 1


def test_the_local_default_prompts_exist() -> None:
    from summarizer.prompts import list_versions

    assert set(models.DEFAULT_LOCAL_PROMPT_FOR.values()) <= {v.version for v in list_versions()}
