"""Prompt/model comparison tables: means with intervals and n per language, differences paired by case."""

from __future__ import annotations

from summarizer.evals.compare import comparison_rows, to_markdown
from summarizer.evals.results import CaseResult, EvalRun


def _run(prompt: str, successes: dict[str, float], language: str = "en") -> EvalRun:
    results = [
        CaseResult(case, "ok" if value else "model_output_invalid", metrics={"success": value}, language=language)
        for case, value in successes.items()
    ]
    return EvalRun("m", prompt, "h", "s", [language], results)


def test_difference_is_paired_over_shared_cases_only() -> None:
    before = _run("v1", {"a": 0.0, "b": 0.0, "c": 1.0})
    after = _run("v2", {"a": 1.0, "b": 1.0, "d": 1.0})  # c missing from after, d from before
    (row,) = comparison_rows(before, after, ("success",), "en")
    assert row[1].startswith("0.33 ") and row[1].endswith("(n = 3)")
    assert row[2].startswith("1.00 [1.00, 1.00]")
    assert row[3] == "+1.00 [+1.00, +1.00] (n = 2)"  # a and b only


def test_a_language_without_results_says_so() -> None:
    table = to_markdown(_run("v1", {"a": 1.0}), _run("v2", {"a": 1.0}), ("success",))
    assert "| ar | success | – (n = 0) | – (n = 0) | – (no shared case) |" in table
    assert "| en | success | 1.00 [1.00, 1.00] (n = 1)" in table
