"""The power study runs end to end on the real recordings (its figures come from a full run; this checks its parts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evals import power
from summarizer.evals.gate import gate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sources() -> power.Sources:
    return power.load_sources(ROOT / "evals" / "gate.json", ROOT / "evals" / "cases", ROOT / "cassettes")


def test_the_sources_are_the_real_recordings(sources: power.Sources) -> None:
    gated = 2 * len(sources.policy.cases)  # every gated case in both languages (42 when all are current)
    assert len(sources.gated.results) == len(sources.baseline.results) == gated
    assert gate(sources.gated, sources.baseline, sources.policy).passed  # re-scored recordings: a no-op
    for name, run in sources.worse.items():
        assert len(run.results) == (gated if name == "1.5B / v2" else 20) and not run.stale, name


def test_planting_replaces_exactly_the_chosen_results(sources: power.Sources) -> None:
    keys = ["002_ied_diyala.en", "005_protest_dispersed_basra.ar"]
    swapped = power.swapped(sources.gated, sources.worse["0.5B / v4"], keys)
    changed = [a.key for a, b in zip(swapped.results, sources.gated.results, strict=True) if a is not b]
    assert changed == keys
    collapsed = power.collapsed(sources.gated, sources.failed, keys)
    assert all(r.metrics["success"] == 0 and r.metrics["supported_rate"] == 0 for r in collapsed.results
               if r.key in keys)  # fmt: skip
    whole_language = power.collapsed(sources.gated, sources.failed, [r.key for r in sources.gated.results
                                                                    if r.language == "ar"])  # fmt: skip
    assert not gate(whole_language, sources.baseline, sources.policy).passed  # Arabic dropping out is caught


def test_a_quick_study_renders_its_tables(sources: power.Sources) -> None:
    result = power.study(sources, draws=1, sizes=(2,), null_draws=2)
    text = power.render(result, list(sources.policy.metrics), 1, 0)
    assert "| swap 0.5B / v4 | 2 |" in text and "| collapse ar | 2 |" in text
    assert "no-op: re-scored, resampled cases" in text and "| key_fact_recall |" in text
    assert all(p.verdict.passed for p in result.runs if p.kind.startswith("no-op: re-scored"))
    begin, end = "<!-- power:begin -->", "<!-- power:end -->"
    readme = f"a\n{begin}\nold\n{end}\nb\n"
    assert power.render_into(readme, "new\n") == f"a\n{begin}\nnew\n{end}\nb\n"
    with pytest.raises(ValueError, match="power-local-ar:begin"):
        power.render_into(readme, "new\n", "power-local-ar")


def test_another_gate_is_studied_with_its_own_worse_runs() -> None:
    """``--gate evals/gate.local-ar.json --worse ...``: the Arabic-only gate's listed cases (032 is not), planted
    from the runs named (a model of ``""`` is the gated one)."""
    assert power._worse_spec("1.5B / v4=qwen-x:v4") == ("1.5B / v4", ("qwen-x", "v4"))
    assert power._worse_spec("v3=:v3") == ("v3", (None, "v3"))
    with pytest.raises(SystemExit, match="NAME=MODEL:PROMPT"):
        power._worse_spec("no-prompt")
    gate_file = ROOT / "evals" / "gate.local-ar.json"
    sources = power.load_sources(gate_file, ROOT / "evals" / "cases", ROOT / "cassettes", {"v3": (None, "v3")})
    assert len(sources.gated.results) == len(sources.baseline.results) == 41
    assert {r.language for r in sources.gated.results} == {"ar"} and len(sources.worse["v3"].results) == 10
    assert gate(sources.gated, sources.baseline, sources.policy).passed


def test_the_issues_regressions_on_the_gate(sources: power.Sources) -> None:
    """Issue 20's table, replayed on the v4 gate (its regressions were found on v2), plus the previous prompt.

    Another model's run is refused unless compared --across model. The 0.5B model with v4 on cases 000-009:
    English alone fails --across model by the overall test (7 of 7 moved results fell, p about 0.007 at alpha
    0.035), and its English swapped into a whole-suite run fails in English (the overall test and, since session
    10's demotions raised the baseline's English and so its floors, floors too). Arabic alone passes: there it
    is better than the 1.5B (valid 1.0 against 0.6), so passing is right. Both languages pooled fail --across
    model since round 8's promotions, narrowly (English p about 0.015 after the correction for 3 slices; 0.055
    before: docs/history/evaluation.md). Prompt v1 on 10 of 42 cases fails, and so does prompt v2 swapped in for
    one language at a time."""
    rows = power.issue_regressions(sources)
    statuses = [(verdict.status, across.status if across else None) for _, verdict, across in rows]
    assert statuses == [("refused", "fail"), ("refused", "fail"), ("refused", "pass"), ("fail", None),
                        ("fail", None), ("fail", None), ("fail", None)]  # fmt: skip
    english_swap = rows[3][1]  # caught in English (and pooled), never blamed on Arabic, the overall test among them
    labels = {c.label for c in english_swap.failed_checks}
    assert "overall [en]" in labels and not any(label.endswith("[ar]") for label in labels)
    for language, other, row in (("en", "ar", rows[5]), ("ar", "en", rows[6])):  # v2 in one language: caught there
        failing = {(c.metric, c.scope) for c in row[1].failed_checks}
        assert {("success", f"lang:{language}"), ("overall", f"lang:{language}")} <= failing
        assert not any(scope == f"lang:{other}" for _, scope in failing)
    # (until session 14 also best_effort_success [en]: with evidence.words a warning, v2's English answers salvage
    # 35 of 42 under today's table, a fall the gate no longer calls; success, overall and five more still fail)
    table = "\n".join(power.issue_table(rows))
    assert "refused (exit 2): another model" in table and "pass (exit 0)" in table


def test_the_issues_regressions_as_filed_on_a_prompt_v2_gate() -> None:
    """The issue measured its five regressions against the v2 gate with the 0.5B's v2 answers: rebuilt that way
    (baseline the 1.5B's v2 recordings, floors by the stated rule) and judged by today's rules, four fail. Measured,
    not desired: the 0.5B's Arabic alone passes --across model; under today's claim checker its fall is no longer
    clear (supported claims 0.43 -> 0.23, interval [-0.44, +0.03], while written recall rose 0.19)."""
    rows = power.as_filed(ROOT / "evals/gate.json", ROOT / "evals/cases", ROOT / "cassettes")
    statuses = [(verdict.status, across.status if across else None) for _, verdict, across in rows]
    assert statuses == [("refused", "fail"), ("refused", "fail"), ("refused", "pass"), ("fail", None),
                        ("fail", None)]  # fmt: skip
