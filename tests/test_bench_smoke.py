"""The benchmarks still run (tiny N). Nothing here is timed: the figures live in bench/ and README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.repo_scripts import load_script

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


def test_every_benchmark_runs_and_no_target_the_readme_claims_met_is_missed() -> None:
    """bench/run_all.py --smoke --check: grounding at full size (CPU ms), the rest at tiny sizes; exit 1 when a
    target the README reports as met prints MISSED."""
    results = ROOT / "bench" / "results"
    before = {p.name: p.read_bytes() for p in results.iterdir()}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--smoke", "--check"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "TARGET grounding: 47-word near-miss quote (fuzzy)" in result.stdout
    assert {p.name: p.read_bytes() for p in results.iterdir()} == before  # a smoke run writes nothing


def test_the_readme_names_every_target_run_all_holds_it_to() -> None:
    run_all = load_script(ROOT / "bench" / "run_all.py")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in run_all.CLAIMED_MET if name not in readme]
    assert missing == []
