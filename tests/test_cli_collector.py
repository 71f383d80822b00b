"""The command line's garbage-collector policy (summarizer.cli.collector): in its own process a command pauses and
freezes; driven in-process (as tests and embedders do), it leaves the collector as it found it."""

from __future__ import annotations

import gc
import subprocess
import sys

from summarizer.cli import collector


def test_in_process_a_pause_is_undone_and_nothing_is_frozen() -> None:
    frozen = gc.get_freeze_count()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with collector.paused(pause=False):
        assert gc.isenabled()
    collector.freeze_once()  # only the console process freezes
    assert gc.get_freeze_count() == frozen


def test_the_console_process_pauses_and_freezes_on_its_way_out() -> None:
    code = """
import gc
from summarizer.cli import collector
with collector.process():
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the process ends next: no pass over what the run made
    before = gc.get_freeze_count()
    collector.freeze_once()
    collector.freeze_once()
    assert gc.get_freeze_count() > before
    leftover = [[] for _ in range(1000)]
assert gc.get_freeze_count() >= len(leftover)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
