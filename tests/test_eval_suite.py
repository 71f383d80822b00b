from __future__ import annotations

from pathlib import Path

from summarizer.evals.cases import Case, case_problems, load_cases
from summarizer.evals.coverage import render_into, shortfall, unknown_tags
from summarizer.evals.reference import reference_digest
from summarizer.evals.scoring import MIN_HEADLINE_N, REFERENCE_METRICS, score_case

ROOT = Path(__file__).resolve().parent.parent
CASES = load_cases(ROOT / "evals" / "cases")


def test_coverage_table_in_the_readme_is_current() -> None:
    readme = (ROOT / "evals" / "README.md").read_text(encoding="utf-8")
    assert render_into(readme, CASES) == readme, "run: python -m summarizer.evals.coverage --write"


def test_every_tag_is_a_coverage_row() -> None:
    assert unknown_tags(CASES) == []


def test_the_suite_has_42_cases_and_every_shape_the_issue_asked_for() -> None:
    assert len(CASES) == 42
    for tag in ("multi_day", "dateline_iso", "long_article", "live_blog", "official_statement"):
        assert sum(tag in c.tags for c in CASES) >= 2, tag
    assert {"translated_wire", "dialect_quotes"} <= {t for c in CASES for t in c.tags}


def test_seed_is_the_first_case() -> None:
    assert CASES[0].id == "000_28e21e24a588c826"
    assert len(CASES[0].human_bullets_ar) == 4


def test_articles_are_120_to_800_words_except_long_form() -> None:
    lengths = {c.id: len(c.article.split()) for c in CASES if c.id != CASES[0].id and "long_article" not in c.tags}
    assert all(120 <= n <= 800 for n in lengths.values()), lengths


def test_a_long_form_article_near_the_context_window_and_under_the_size_cap() -> None:
    """~34k characters: about 12.5k Qwen2.5 tokens, and with the v1 prompt and schema about 15.8k (measured)."""
    longest = max(CASES, key=lambda c: len(c.article))
    assert "long_article" in longest.tags and 30_000 <= len(longest.article) < 100_000


def test_coverage_minimums() -> None:
    assert shortfall(CASES) == []


def test_every_case_renders_as_a_valid_reference_digest_that_scores_perfectly() -> None:
    for case in CASES:
        for language in ("en", "ar"):
            metrics = score_case(case, reference_digest(case, language), language).metrics
            imperfect = {k: v for k, v in metrics.items() if v is not None and k not in REFERENCE_METRICS and v != 1.0}
            assert imperfect == {}, (case.id, language)


def test_every_case_passes_the_validator() -> None:
    assert [p for case in CASES for p in case_problems(case)] == []


def _case_with(**changes: object) -> Case:
    case = next(c for c in CASES if c.id == "002_ied_diyala")
    return case.model_copy(update=changes, deep=True)


def test_validator_rejects_a_one_word_alias_but_not_a_number_with_its_noun() -> None:
    case = _case_with()
    case.key_facts[1].en = ["five"]
    assert any("alias is one word: 'five'" in p for p in case_problems(case))
    case.key_facts[1].en = ["five wounded"]
    assert not any("one word" in p for p in case_problems(case))


def test_validator_rejects_a_trap_that_states_a_key_fact() -> None:
    case = _case_with()
    case.traps[0].en = ["three soldiers were killed by Islamic State"]
    assert any("overlaps key fact three_soldiers_killed" in p for p in case_problems(case))


def test_validator_rejects_a_trap_that_fires_on_the_reference_bullets() -> None:
    case = _case_with()
    case.traps[0].en = ["Humvee passed"]
    assert any("fires on the reference bullet" in p for p in case_problems(case))


def test_validator_wants_traps_and_references_in_both_languages() -> None:
    case = _case_with(human_bullets_en=[])
    case.traps[0].ar = []
    problems = case_problems(case)
    assert any("Arabic and English wording" in p for p in problems)
    assert any("human_bullets_en needs 3-6" in p for p in problems)


def test_overlap_metrics_rest_on_every_case() -> None:
    """ROUGE and chrF are never a headline on n = 1: every case carries references in both languages."""
    for language in ("en", "ar"):
        scored = [score_case(c, reference_digest(c, language), language).metrics for c in CASES]
        assert sum(m.get("rougeL") is not None for m in scored) == len(CASES) >= MIN_HEADLINE_N
