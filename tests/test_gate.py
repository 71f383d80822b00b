"""gate(run, baseline, policy): recordings first, then floors, then regressions judged by their 95% interval."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.evals.gate import GateConfigError, GatePolicy, gate, load_policy
from summarizer.evals.report import load_report, report_dict, run_from_report, to_junit, to_markdown
from summarizer.evals.results import CaseResult, EvalRun, Reason

ROOT = Path(__file__).resolve().parent.parent


def policy(**metrics: dict[str, float]) -> GatePolicy:
    return GatePolicy.model_validate(
        {"model": "m", "prompt": "v1", "cases": "all", "baseline": "b.json", "metrics": metrics}
    )


def run(values: list[float], metric: str = "event_f1", *, outcome: str = "ok", keys: int | None = None) -> EvalRun:
    results = [
        CaseResult(f"c{i:02d}", outcome, metrics={metric: v}, language="en", tags=["t"]) for i, v in enumerate(values)
    ]
    return EvalRun("m", "v1", "h", "s", ["en"], results[:keys] if keys else results)


def test_identical_runs_pass_and_report_n() -> None:
    verdict = gate(run([0.5] * 12), run([0.5] * 12), policy(event_f1={"max_regression": 0.0}))
    assert verdict.passed and verdict.exit_code == 0
    assert verdict.checks[0].n == 12 and verdict.checks[0].delta == 0


def test_a_clear_drop_fails_but_noise_within_its_interval_does_not() -> None:
    rule = policy(event_f1={"max_regression": 0.02})
    before = run([0.8] * 20)
    clear = gate(run([0.5] * 20), before, rule)
    assert clear.exit_code == 40 and clear.checks[0].regressed
    assert "95% CI" in clear.summary()[0] and "n=20" in clear.summary()[0]
    # One case fell, the rest did not move: the mean drops by 0.04 (past 0.02) but its interval reaches zero.
    noisy = gate(run([0.8] * 19 + [0.0]), before, rule)
    delta, high = noisy.checks[0].delta, noisy.checks[0].ci_high
    assert delta is not None and delta < -0.02 and high == 0
    assert not noisy.checks[0].regressed and noisy.passed


def test_lower_is_better_metrics_regress_upwards() -> None:
    rule = policy(trap_rate={"max_regression": 0.0, "maximum": 0.5})
    worse = gate(run([0.4] * 10, "trap_rate"), run([0.0] * 10, "trap_rate"), rule)
    assert worse.checks[0].regressed and not worse.checks[0].below_floor
    too_high = gate(run([0.9] * 10, "trap_rate"), run([0.9] * 10, "trap_rate"), rule)
    assert too_high.checks[0].below_floor and too_high.exit_code == 40


def test_absolute_minimum_fails_even_without_a_regression() -> None:
    verdict = gate(run([0.2] * 10), run([0.2] * 10), policy(event_f1={"minimum": 0.3}))
    assert verdict.exit_code == 40 and "minimum 0.3" in verdict.summary()[0]


def test_floors_bound_the_whole_gated_suite_not_a_few_cases_of_it() -> None:
    """`summarizer eval --case X` under the gate: one weak case is not the suite below its floor. Regressions
    are still checked on the paired cases, and the verdict says the floors were not applied."""
    rule = policy(event_f1={"minimum": 0.5, "max_regression": 0.0})
    baseline = run([0.0] + [1.0] * 11)
    subset = gate(run([0.0] * 12, keys=1), baseline, rule)
    assert subset.passed and not subset.checks[0].below_floor
    assert any("floors not applied" in note and "1 of the baseline's 12" in note for note in subset.notes())
    whole = gate(run([0.0] * 12), baseline, rule)
    assert whole.checks[0].below_floor and whole.exit_code == 40
    assert not any("floors not applied" in note for note in whole.notes())
    worse = gate(run([0.0] * 12, keys=6), run([1.0] * 12), rule)
    assert worse.checks[0].regressed and worse.exit_code == 40


def test_stale_recordings_in_run_or_baseline_fail_with_30_naming_each() -> None:
    stale = run([0.0] * 3, outcome="stale_recording")
    verdict = gate(stale, run([0.5] * 3), policy(event_f1={"max_regression": 0.1}))
    assert verdict.exit_code == 30
    assert [p.split(":")[0:2] for p in verdict.recording_problems] == [["run", " c00.en"], ["run", " c01.en"],
                                                                       ["run", " c02.en"]]  # fmt: skip
    assert gate(run([0.5] * 3), run([0.5] * 3, outcome="missing_recording"), policy(event_f1={})).exit_code == 30


def test_a_run_with_cases_the_baseline_lacks_fails_with_30() -> None:
    verdict = gate(run([0.5] * 5), run([0.5] * 5, keys=3), policy(event_f1={"max_regression": 0.1}))
    assert verdict.exit_code == 30 and verdict.unpaired == ["c03.en", "c04.en"]
    assert "shares only 3" in verdict.summary()[0]


def test_policy_is_validated() -> None:
    with pytest.raises(ValueError, match="extra"):
        GatePolicy.model_validate({**json.loads((ROOT / "evals/gate.json").read_text("utf-8")), "typo": 1})
    with pytest.raises(ValueError, match="maximum"):
        policy(trap_rate={"minimum": 0.1})
    with pytest.raises(GateConfigError, match="no gate policy"):
        load_policy(ROOT / "evals" / "no-such-gate.json")


def test_the_committed_gate_and_baseline_read_and_agree() -> None:
    committed = load_policy(ROOT / "evals" / "gate.json")
    baseline = load_report(ROOT / committed.baseline)
    assert (baseline.model, baseline.prompt_version) == (committed.model, committed.prompt)
    assert committed.cases != "all"
    assert {r.key for r in baseline.results} == {f"{c}.{lang}" for c in committed.cases for lang in committed.languages}


def test_reports_round_trip_and_render_reasons() -> None:
    current = run([0.5, 0.0])
    current.results[1] = CaseResult(
        "c01", "model_output_invalid", "failed validation", {"event_f1": 0.0}, language="en",
        reasons=[Reason("model_output_invalid", "bullets.0: quote not found"), Reason("raw_output", "{\"x\": 1}")],
    )  # fmt: skip
    verdict = gate(current, current, policy(event_f1={"max_regression": 0.0}))
    data: dict[str, Any] = json.loads(json.dumps(report_dict(current, verdict, "b.json")))
    again = run_from_report(data)
    assert [(r.key, r.outcome, r.metrics, r.reasons) for r in again.results] == [
        (r.key, r.outcome, r.metrics, r.reasons) for r in current.results
    ]
    assert "quote not found" in to_markdown(data)
    junit = to_junit(data)
    assert junit.count("<failure") == 1 and "quote not found" in junit


def test_import_summarizer_loads_no_eval_machinery() -> None:
    code = "import sys, summarizer; print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    )
    assert not loaded & {"vcr", "rouge_score", "nltk", "scipy", "sacrebleu", "yaml", "numpy"}
