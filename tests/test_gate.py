"""gate(run, baseline, policy): identity, recordings, then per-slice floors, intervals and the drop test."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.evals.floors import floor_of
from summarizer.evals.gate import GateConfigError, GatePolicy, gate, load_policy
from summarizer.evals.report import load_report
from summarizer.evals.results import CaseResult, EvalRun
from summarizer.evals.verdict import EXIT_REFUSED, signed

ROOT = Path(__file__).resolve().parent.parent


def policy(**extra: object) -> GatePolicy:
    metrics = extra.pop("metrics", None) or {"event_f1": {"max_regression": 0.05}}
    return GatePolicy.model_validate(
        {"model": "m", "prompt": "v1", "cases": "all", "baseline": "b.json", "metrics": metrics, **extra}
    )


def run(
    values: list[float],
    metric: str = "event_f1",
    *,
    outcome: str = "ok",
    keys: int | None = None,
    languages: tuple[str, ...] = ("en",),
    model: str = "m",
) -> EvalRun:
    results = [
        CaseResult(f"c{i:02d}", outcome, metrics={metric: v}, language=lang, tags=["t"])
        for lang in languages
        for i, v in enumerate(values)
    ]
    return EvalRun(model, "v1", "h", "s", list(languages), results[:keys] if keys else results)


def test_identical_runs_pass_and_report_n() -> None:
    verdict = gate(run([0.5] * 12), run([0.5] * 12), policy())
    assert verdict.passed and verdict.exit_code == 0 and verdict.headline.startswith("PASS")
    check = verdict.checks[0]
    assert check.n == 12 and check.delta == 0 and check.moved == 0 and check.p_drop == 1.0


def test_a_clear_drop_fails_but_noise_within_its_interval_does_not() -> None:
    rule = policy(metrics={"event_f1": {"max_regression": 0.02}})
    before = run([0.8] * 20)
    clear = gate(run([0.5] * 20), before, rule)
    assert clear.exit_code == 40 and clear.checks[0].regressed and clear.checks[0].dropped
    assert "95% CI" in clear.reasons[0] and "n=20" in clear.reasons[0]
    assert clear.headline.startswith("FAIL: ") and clear.reasons[0] in clear.headline
    # One case fell, the rest did not move: the mean drops by 0.04 (past 0.02) but its interval reaches zero,
    # and one result falling is no evidence of a consistent drop either.
    noisy = gate(run([0.8] * 19 + [0.0]), before, rule)
    check = noisy.checks[0]
    assert check.delta is not None and check.delta < -0.02 and check.ci_high == 0
    assert not check.regressed and not check.dropped and noisy.passed


def test_a_consistent_drop_on_a_subset_fails_where_the_pooled_interval_does_not() -> None:
    """Ten of 84 results fall by 0.2 and nothing else moves: the pooled mean moves -0.024, inside max_regression,
    but ten of ten moved down. The drop test fails it (pooled and in its language); the interval does not."""
    before = run([0.5] * 42, languages=("en", "ar"))
    after = run([0.5] * 42, languages=("en", "ar"))
    for result in after.results[:10]:
        result.metrics["event_f1"] = 0.3
    verdict = gate(after, before, policy())
    pooled, english = (next(c for c in verdict.checks if c.scope == s) for s in ("all", "lang:en"))
    assert not pooled.regressed and pooled.dropped and english.dropped
    assert pooled.moved == pooled.down == 10 and pooled.p_drop is not None and pooled.p_drop <= 0.05
    assert verdict.exit_code == 40 and any("fell in 10 of the 10 results that moved" in r for r in verdict.reasons)
    # the same changes, half up and half down: nothing consistent, nothing fails
    for result in after.results[:5]:
        result.metrics["event_f1"] = 0.7
    assert gate(after, before, policy()).passed


def test_a_consistent_but_immaterial_drop_does_not_fail() -> None:
    """Every result 0.001 lower is significant and consistent, and below any drop worth failing a change for."""
    verdict = gate(run([0.499] * 40), run([0.5] * 40), policy())
    assert verdict.checks[0].p_drop is not None and verdict.checks[0].p_drop <= 0.05
    assert not verdict.checks[0].dropped and verdict.passed


def test_each_language_is_gated_apart_from_the_pooled_suite() -> None:
    """Arabic collapses, English improves as much: the pooled mean holds; the Arabic slice fails."""
    before = run([0.5] * 12, languages=("en", "ar"))
    after = run([0.5] * 12, languages=("en", "ar"))
    for result in after.results:
        result.metrics["event_f1"] = 0.9 if result.language == "en" else 0.1
    verdict = gate(after, before, policy())
    scopes = {c.scope: c for c in verdict.checks}
    assert set(scopes) == {"all", "lang:en", "lang:ar"}
    assert not scopes["all"].failed and not scopes["lang:en"].failed
    assert scopes["lang:ar"].regressed and scopes["lang:ar"].dropped and verdict.exit_code == 40
    assert verdict.reasons[0].startswith("event_f1 [ar]: ")


def test_a_one_language_run_is_not_judged_twice() -> None:
    verdict = gate(run([0.5] * 12, languages=("ar",)), run([0.5] * 12, languages=("ar",)), policy())
    assert [c.scope for c in verdict.checks] == ["lang:ar"]


def test_floors_bound_the_whole_gated_suite_not_a_few_cases_of_it() -> None:
    """`summarizer eval --case X` under the gate: one weak case is not the suite below its floor. Regressions
    are still checked on the paired cases, and the verdict says the floors were not applied."""
    rule = policy(metrics={"event_f1": {"minimum": 0.5, "max_regression": 0.0}})
    baseline = run([0.0] + [1.0] * 11)
    subset = gate(run([0.0] * 12, keys=1), baseline, rule)
    assert subset.passed and not subset.checks[0].below_floor
    assert any("floors not applied" in note and "1 of the baseline's 12" in note for note in subset.notes)
    whole = gate(run([0.0] * 12), baseline, rule)
    assert whole.checks[0].below_floor and whole.exit_code == 40
    assert not any("floors not applied" in note for note in whole.notes)
    worse = gate(run([0.0] * 12, keys=6), run([1.0] * 12), rule)
    assert worse.checks[0].regressed and worse.exit_code == 40


def test_a_language_floor_fails_a_language_below_it() -> None:
    rule = policy(metrics={"event_f1": {"minimum": 0.2, "scopes": {"lang:ar": {"minimum": 0.4}}}})
    both = run([0.3] * 10, languages=("en", "ar"))
    verdict = gate(both, both, rule)
    assert [c.scope for c in verdict.checks if c.below_floor] == ["lang:ar"]
    assert "event_f1 [ar]: mean 0.300 over n=10 is below its minimum 0.4" in verdict.reasons


def test_a_thin_tag_slice_is_reported_not_gated() -> None:
    rule = policy(scopes=["all", "tag:t"], min_scope_n=8)
    after, before = run([0.0] * 12), run([1.0] * 12)
    for result in after.results[5:]:
        result.tags = []
    verdict = gate(after, before, rule)
    thin = next(c for c in verdict.checks if c.scope == "tag:t")
    assert thin.thin and not thin.failed and any("too few paired results" in n for n in verdict.notes)
    assert next(c for c in verdict.checks if c.scope == "all").failed  # the pooled suite is still judged


def test_a_run_of_another_model_is_refused_unless_allowed() -> None:
    other = run([0.5] * 12, model="small")
    refused = gate(other, run([0.5] * 12), policy())
    assert refused.exit_code == EXIT_REFUSED and refused.status == "refused" and refused.checks == []
    assert refused.headline.startswith("REFUSED: the run's model is small, the baseline's m")
    assert "--across model" in refused.headline
    allowed = gate(other, run([0.5] * 12), policy(), across=["model"])
    assert allowed.passed and allowed.headline.startswith("PASS across model: model small (baseline m)")
    prompt = run([0.5] * 12)
    prompt.prompt_hash = "other"
    assert gate(prompt, run([0.5] * 12), policy()).status == "refused"
    assert gate(prompt, run([0.5] * 12), policy(compare_across=["prompt"])).headline.startswith("PASS across prompt")


def test_stale_recordings_in_run_or_baseline_fail_with_30_naming_each() -> None:
    stale = run([0.0] * 3, outcome="stale_recording")
    verdict = gate(stale, run([0.5] * 3), policy())
    assert verdict.exit_code == 30 and verdict.headline.startswith("RECORDINGS: stale or missing recordings, or ")
    assert "recording: run: c00.en" in verdict.headline
    assert [p.split(":")[0:2] for p in verdict.recording_problems] == [
        ["run", " c00.en"],
        ["run", " c01.en"],
        ["run", " c02.en"],
    ]
    assert gate(run([0.5] * 3), run([0.5] * 3, outcome="missing_recording"), policy()).exit_code == 30


def test_a_run_with_cases_the_baseline_lacks_fails_with_30() -> None:
    verdict = gate(run([0.5] * 5), run([0.5] * 5, keys=3), policy())
    assert verdict.exit_code == 30 and verdict.unpaired == ["c03.en", "c04.en"]
    assert "shares only 3" in verdict.reasons[0]


def test_policy_is_validated() -> None:
    with pytest.raises(ValueError, match="extra"):
        GatePolicy.model_validate({**json.loads((ROOT / "evals/gate.json").read_text("utf-8")), "typo": 1})
    with pytest.raises(ValueError, match="extra"):  # every gated metric is higher-is-better: no maximum
        policy(metrics={"trap_rate": {"maximum": 0.1}})
    with pytest.raises(ValueError, match="not 'all'"):
        policy(scopes=["all", "language:en"])
    with pytest.raises(ValueError, match="tag:x is not a gated scope"):
        policy(metrics={"event_f1": {"scopes": {"tag:x": {"minimum": 0.1}}}})
    with pytest.raises(GateConfigError, match="no gate policy"):
        load_policy(ROOT / "evals" / "no-such-gate.json")


def test_the_committed_gate_and_baseline_read_and_agree() -> None:
    committed = load_policy(ROOT / "evals" / "gate.json")
    baseline = load_report(ROOT / committed.baseline)
    assert (baseline.model, baseline.prompt_version) == (committed.model, committed.prompt)
    assert committed.cases != "all"
    assert {r.key for r in baseline.results} == {f"{c}.{lang}" for c in committed.cases for lang in committed.languages}
    for metric in ("rougeL", "chrf", "success", "best_effort_success"):  # what users read, strict and lenient
        assert committed.metrics[metric].max_regression is not None, metric
    assert committed.gated_scopes == ["all", "lang:en", "lang:ar"]
    assert gate(baseline, baseline, committed).passed


def test_the_floor_rule() -> None:
    """Mean minus two standard errors, rounded down (each committed gate's floors are this rule applied to its
    baseline: tests/test_gates.py)."""
    assert floor_of([0.5, 0.5, 0.5]) == 0.5 and floor_of([0.0, 0.1]) is None and floor_of([0.7]) is None
    assert floor_of([0.2, 0.4, 0.6, 0.8]) == 0.24  # mean 0.5 - 2 x 0.129 (sd 0.258 / 2), rounded down
    # a pass/fail slice every baseline result passed: not a floor of 1 (the first miss would fail the gate)
    all_passed = floor_of([1.0] * 42)
    assert all_passed is not None and 0.9 < all_passed < 1.0
    assert floor_of([1.0] * 41 + [0.0]) is not None and floor_of([1.0] * 41 + [0.0]) < all_passed  # type: ignore[operator]


def test_signed_numbers_never_read_minus_zero() -> None:
    assert signed(-0.0001) == "+0.000" and signed(-0.0) == "+0.000" and signed(-0.0012) == "-0.001"


def test_the_drop_test_fails_no_op_changes_at_most_alpha_of_the_time() -> None:
    """Null runs: each result's difference is a real-sized change with a random sign (no systematic effect), over
    three correlated metrics in 30 results; the gate may fail at most alpha (5%) of them, give or take the
    simulation's own error (7 of 150 today). A planted drop of that size on half of the results fails 19 of 20."""
    rng = random.Random(7)
    rule = policy(metrics={m: {"max_regression": 0.05} for m in ("a", "b", "c")}, flip_rounds=400, bootstrap_rounds=200)

    def runs(shift: float) -> tuple[EvalRun, EvalRun]:
        before, after = [], []
        for i in range(30):
            base = rng.random()
            size = rng.choice([0.0, 0.0, 0.2, 0.3, 0.5])
            change = -rng.choice([0.2, 0.3, 0.5]) if (i < 15 and shift) else rng.choice([-1, 1]) * size
            metrics: dict[str, float | None] = {m: base for m in ("a", "b", "c")}
            before.append(CaseResult(f"c{i}", "ok", metrics=metrics, language="en"))
            moved: dict[str, float | None] = {m: base + change * (1 if m != "c" else rng.random()) for m in "abc"}
            after.append(CaseResult(f"c{i}", "ok", metrics=moved, language="en"))
        return EvalRun("m", "v1", "h", "s", ["en"], after), EvalRun("m", "v1", "h", "s", ["en"], before)

    null_failures = sum(not gate(*runs(0.0), rule).passed for _ in range(150))
    assert null_failures / 150 <= 0.05 + 3 * (0.05 * 0.95 / 150) ** 0.5, null_failures
    planted = sum(not gate(*runs(1.0), rule).passed for _ in range(20))
    assert planted >= 18, planted


def _weaker_on_ten(rng: random.Random, metrics: list[str]) -> tuple[EvalRun, EvalRun]:
    """84 results; ten English ones answered by a weaker model: seven fall on every metric by 0.1-0.4 each (a
    different few metrics fall most in each), three rise a little; nothing else moves. Built like the 0.5B's
    English on cases 000-009 (7 of 10 results down, overall change -0.14 where it moved)."""
    before, after = [], []
    for lang in ("en", "ar"):
        for i in range(42):
            base: dict[str, float | None] = {m: 0.5 for m in metrics}
            moved = dict(base)
            if lang == "en" and i < 10:
                for m in metrics:
                    moved[m] = 0.5 - rng.uniform(0.0, 0.4) if i < 7 else 0.5 + rng.uniform(0.0, 0.05)
            before.append(CaseResult(f"c{i:02d}", "ok", metrics=base, language=lang))
            after.append(CaseResult(f"c{i:02d}", "ok", metrics=moved, language=lang))
    languages = ["en", "ar"]
    return EvalRun("m", "v1", "h", "s", languages, after), EvalRun("m", "v1", "h", "s", languages, before)


def test_the_overall_test_fails_a_weaker_model_on_ten_cases_that_no_single_metric_test_fails() -> None:
    """Split over 13 metrics x 3 slices, each metric's fall is too noisy to pass the max-T correction at alpha
    0.01; the overall test sees one consistent fall in English, tested over 3 slices at its own alpha."""
    metrics = [f"m{i}" for i in range(13)]
    after, before = _weaker_on_ten(random.Random(3), metrics)
    rules = {m: {"max_regression": 0.05} for m in metrics}
    without = gate(after, before, policy(metrics=rules, alpha=0.01, interval_alpha=0.005))
    assert without.passed and not [c for c in without.checks if c.metric == "overall"]
    verdict = gate(after, before, policy(metrics=rules, alpha=0.01, interval_alpha=0.005, overall={"alpha": 0.035}))
    overall = {c.scope: c for c in verdict.checks if c.metric == "overall"}
    assert set(overall) == {"all", "lang:en", "lang:ar"}
    assert overall["lang:en"].dropped and overall["lang:en"].moved == 10 and overall["lang:en"].down == 7
    assert not overall["lang:ar"].failed and overall["lang:ar"].moved == 0
    assert not any(c.failed for c in verdict.checks if c.metric != "overall")  # no single metric fails it
    assert verdict.exit_code == 40
    reason = next(r for r in verdict.reasons if r.startswith("overall [en]"))
    assert "mean over the overall metrics" in reason and "alpha 0.035" in reason and "over 3 tests" in reason


def test_the_overall_test_holds_its_alpha_on_no_op_changes() -> None:
    """The same shape of change with a random sign per result (no systematic effect): the overall test may fail
    at most its alpha of such runs, give or take three standard errors of the simulation."""
    rng = random.Random(5)
    metrics = [f"m{i}" for i in range(6)]
    rule = policy(metrics={m: {"max_regression": 0.05} for m in metrics}, alpha=0.001, interval_alpha=0.001,
                  overall={"alpha": 0.05, "flip_rounds": 400}, bootstrap_rounds=100)  # fmt: skip
    failures = 0
    for _ in range(150):
        after, before = _weaker_on_ten(rng, metrics)
        for result in after.results:
            if rng.random() < 0.5:  # the exchange: this result's weaker answer is the baseline's instead
                gap = {m: 0.5 - (v or 0.0) for m, v in result.metrics.items()}
                result.metrics.update({m: 0.5 + g for m, g in gap.items()})
        failures += any(c.failed for c in gate(after, before, rule).checks if c.metric == "overall")
    assert failures / 150 <= 0.05 + 3 * (0.05 * 0.95 / 150) ** 0.5, failures


def test_the_overall_test_is_judged_once_on_a_one_language_run() -> None:
    after, before = _weaker_on_ten(random.Random(3), ["a", "b"])
    english = [EvalRun(r.model, "v1", "h", "s", ["en"], [x for x in r.results if x.language == "en"])
               for r in (after, before)]  # fmt: skip
    verdict = gate(english[0], english[1], policy(metrics={"a": {"max_regression": 0.05}, "b": {}}, overall={}))
    assert [c.scope for c in verdict.checks if c.metric == "overall"] == ["lang:en"]
    assert next(c for c in verdict.checks if c.metric == "overall").n == 42


def test_the_overall_mean_leaves_out_what_it_is_not_told_to_average() -> None:
    """gate.json's overall.metrics (what users get): a metric outside it (a written_* one) rising does not offset
    the others falling; naming a metric the policy does not gate is a configuration error."""
    before = EvalRun("m", "v1", "h", "s", ["en"], [CaseResult(f"c{i}", "ok", metrics={"a": 0.5, "w": 0.5},
                                                               language="en") for i in range(12)])  # fmt: skip
    after = EvalRun("m", "v1", "h", "s", ["en"], [CaseResult(f"c{i}", "ok", metrics={"a": 0.3, "w": 0.9},
                                                              language="en") for i in range(12)])  # fmt: skip
    rules = {"a": {"max_regression": 0.5}, "w": {"max_regression": 0.5}}  # per-metric rules see nothing past 0.5
    mixed = gate(after, before, policy(metrics=rules, overall={}))
    assert next(c for c in mixed.checks if c.metric == "overall").delta == 0.1 and mixed.passed
    told = gate(after, before, policy(metrics=rules, overall={"metrics": ["a"]}))
    check = next(c for c in told.checks if c.metric == "overall")
    assert check.delta == -0.2 and check.dropped and told.exit_code == 40
    with pytest.raises(ValueError, match=r"overall\.metrics: b is not a gated metric"):
        policy(metrics=rules, overall={"metrics": ["a", "b"]})


def test_import_summarizer_loads_no_eval_machinery() -> None:
    code = "import sys, summarizer; print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    )
    assert not loaded & {"vcr", "rouge_score", "nltk", "scipy", "sacrebleu", "yaml", "numpy"}


def test_the_interval_rule_holds_its_rate_over_many_metrics() -> None:
    """Twenty independent metrics of 40 results with random-sign changes (no effect): each metric's own 95%
    interval lies wholly past max_regression in some run far more often than interval_alpha (1%), since there
    are twenty chances; the rule's simultaneous bound keeps the whole family near it. The drop rule is switched
    off (alpha below its smallest possible p-value) to see the interval rule alone."""
    rng = random.Random(11)
    names = [f"m{i}" for i in range(20)]
    rule = policy(metrics={m: {"max_regression": 0.01} for m in names}, alpha=0.001, flip_rounds=100,
                  bootstrap_rounds=200)  # fmt: skip
    per_interval = family = 0
    for _ in range(100):
        before, after = [], []
        for i in range(40):
            base: dict[str, float | None] = {m: 0.5 for m in names}
            moved: dict[str, float | None] = {m: 0.5 + rng.choice([-1, 1]) * rng.choice([0.0, 0.3, 0.5]) for m in names}
            before.append(CaseResult(f"c{i}", "ok", metrics=base, language="en"))
            after.append(CaseResult(f"c{i}", "ok", metrics=moved, language="en"))
        verdict = gate(EvalRun("m", "v1", "h", "s", ["en"], after), EvalRun("m", "v1", "h", "s", ["en"], before), rule)
        per_interval += any(c.ci_high is not None and c.ci_high < -0.01 for c in verdict.checks)
        family += any(c.regressed for c in verdict.checks)
    assert family <= 4, family  # 1% of 100 runs, give or take three standard errors
    assert per_interval > family + 3, (per_interval, family)  # what one uncorrected 95% interval per metric gives
