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
    assert len(sources.gated.results) == len(sources.baseline.results) == 84
    assert gate(sources.gated, sources.baseline, sources.policy).passed  # re-scored recordings: a no-op
    for name, run in sources.worse.items():
        assert len(run.results) == 20 and not run.stale, name


def test_planting_replaces_exactly_the_chosen_results(sources: power.Sources) -> None:
    keys = ["002_ied_diyala.en", "005_protest_dispersed_basra.ar"]
    swapped = power.swapped(sources.gated, sources.worse["0.5B / v2"], keys)
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
    assert "| swap 0.5B / v2 | 2 |" in text and "| collapse ar | 2 |" in text
    assert "no-op: re-scored, resampled cases" in text and "| key_fact_recall |" in text
    assert all(p.verdict.passed for p in result.runs if p.kind.startswith("no-op: re-scored"))
    readme = f"a\n{power.BEGIN}\nold\n{power.END}\nb\n"
    assert power.render_into(readme, "new\n") == f"a\n{power.BEGIN}\nnew\n{power.END}\nb\n"


def test_the_issues_five_regressions(sources: power.Sources) -> None:
    """Issue 20's table on the same recordings: another model's run is refused unless compared --across model.

    Since best-effort keeps only what the claim checker supports (issue 19), what users get is near 0 on both
    sides of these comparisons; the bullets the model *wrote* (written_* metrics) still tell a worse model or
    prompt apart, and four of the five fail on them. Measured limitation, not desired behaviour: the 0.5B
    model's Arabic answers alone pass. What users get falls there (supported claims 0.57 -> 0.33, key-fact
    recall 0.23 -> 0.02) but in 5-8 of 10 results, adjusted p = 0.08-0.09 over the 13 tests of that run, and
    what it wrote is not worse (written recall 0.61 -> 0.80: it copies the article)."""
    rows = power.issue_regressions(sources)
    statuses = [(verdict.status, across.status if across else None) for _, verdict, across in rows]
    assert statuses == [("refused", "fail"), ("refused", "fail"), ("refused", "pass"), ("fail", None),
                        ("fail", None)]  # fmt: skip
    english = rows[1][2]
    assert english is not None
    failing = {c.label for c in english.failed_checks}
    assert {"written_rougeL [en]", "written_chrf [en]"} <= failing  # the English answers, by what was written
    table = "\n".join(power.issue_table(rows))
    assert "refused (exit 2): another model" in table and "pass (exit 0)" in table
