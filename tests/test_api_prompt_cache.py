"""asummarize's prompt lookup is cached, yet follows $SUMMARIZER_PROMPTS_DIR and edits of the prompt files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from summarizer.api import load_prompt
from summarizer.prompts import prompts_dir


def test_prompt_follows_the_folder_variable_and_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = load_prompt("v1")
    copy = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), copy)
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(copy))
    copied = load_prompt("v1")
    assert copied.folder == copy / "v1" and copied.hash == default.hash
    assert load_prompt("v1") is copied  # unchanged files: the same built version
    system = copy / "v1" / "system.j2"
    system.write_text(system.read_text(encoding="utf-8") + "\nBe concise.\n", encoding="utf-8")
    os.utime(system, ns=(1, 1))  # a new mtime even on a coarse clock
    edited = load_prompt("v1")
    assert edited.hash != default.hash and "Be concise." in edited.messages("نص عربي", "en")[0]["content"]
    monkeypatch.delenv("SUMMARIZER_PROMPTS_DIR")
    assert load_prompt("v1").folder == default.folder
