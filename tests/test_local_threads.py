"""How many threads the local llama.cpp server gets: the caller's, $SUMMARIZER_LOCAL_THREADS, or the usable cores."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.errors import ProviderNotConfigured
from summarizer.local import ENV_THREADS, server_threads
from summarizer.models import ENV_MODELS_DIR
from tests.conftest import fake_weights


def test_an_explicit_count_then_the_variable_then_the_usable_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_THREADS, "1")
    assert server_threads(3) == 3
    assert server_threads() == 1
    monkeypatch.delenv(ENV_THREADS)
    assert server_threads() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_a_bad_value_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(ENV_THREADS, value)
    with pytest.raises(ProviderNotConfigured, match=ENV_THREADS):
        server_threads()


def test_the_cli_says_so_in_one_line_before_starting_anything(tmp_path: Path) -> None:
    # the models look downloaded (sparse files), so the bad variable, not a missing model, is what stops the run
    env = {**os.environ, ENV_THREADS: "two", ENV_MODELS_DIR: str(fake_weights(tmp_path / "models"))}
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", "seeds/000_28e21e24a588c826.article.txt", "--local"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("error: ") and ENV_THREADS in lines[-1] and "Traceback" not in done.stderr
