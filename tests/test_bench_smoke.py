"""The benchmarks still run (tiny N). Nothing here is timed: the figures live in bench/ and README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_overhead_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "overhead.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "overhead.py"), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for row in ("import summarizer", "summarizer --help", "summarize() vs raw openai", "summarize_many efficiency"):
        assert row in result.stdout
    assert not out.exists()  # a smoke run never overwrites recorded results
    assert "Traceback" not in result.stderr


def test_eval_replay_benchmark_runs_end_to_end() -> None:
    before = (ROOT / "bench" / "results" / "eval_replay.json").read_bytes()
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "eval_replay.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"results_per_round": 4' in result.stdout and "whole_command_s" in result.stdout
    assert (ROOT / "bench" / "results" / "eval_replay.json").read_bytes() == before  # recorded results untouched
