"""The pytest entry point: each gated case a test item, its reasons the failure message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = "001_drone_strike_bint_jbeil"


def run_pytest(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text("", encoding="utf-8")
    args = ["-p", "summarizer.evals.pytest_plugin", "--summarizer-eval", "--summarizer-case", CASE, *extra]
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), *args]
    return subprocess.run([*command, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_failed_cases_fail_with_their_reasons(tmp_path: Path) -> None:
    done = run_pytest(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 failed" in done.stdout
    # gate.json's best_effort scores the valid parts of an invalid answer: the item still fails, saying what was
    # dropped (or, without best_effort, the validation error), and showing the model's answer
    for language in ("en", "ar"):
        assert (
            f"{CASE}.{language}: best_effort" in done.stdout
            or f"{CASE}.{language}: model_output_invalid" in done.stdout
        )
    assert (
        "[best_effort] invalid answer; kept its grounded parts, dropped:" in done.stdout
        or "[failed_run]" in done.stdout
    )
    assert "[raw_output] the model's last answer" in done.stdout


def test_the_reference_model_passes_every_item(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, "--summarizer-model", "reference")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
