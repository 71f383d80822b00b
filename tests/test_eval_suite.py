from __future__ import annotations

from pathlib import Path

from summarizer.evals.cases import load_cases
from summarizer.evals.coverage import render_into, shortfall, unknown_tags
from summarizer.evals.reference import reference_digest
from summarizer.evals.scoring import REFERENCE_METRICS, score_case

ROOT = Path(__file__).resolve().parent.parent
CASES = load_cases(ROOT / "evals" / "cases")


def test_coverage_table_in_the_readme_is_current() -> None:
    readme = (ROOT / "evals" / "README.md").read_text(encoding="utf-8")
    assert render_into(readme, CASES) == readme, "run: python -m summarizer.evals.coverage --write"


def test_every_tag_is_a_coverage_row() -> None:
    assert unknown_tags(CASES) == []


def test_seed_is_the_first_case() -> None:
    assert CASES[0].id == "000_28e21e24a588c826"
    assert len(CASES[0].human_bullets_ar) == 4


def test_articles_are_120_to_800_words() -> None:
    lengths = {c.id: len(c.article.split()) for c in CASES if c.id != CASES[0].id}
    assert all(120 <= n <= 800 for n in lengths.values()), lengths


def test_coverage_minimums() -> None:
    assert shortfall(CASES) == []


def test_every_case_renders_as_a_valid_reference_digest_that_scores_perfectly() -> None:
    for case in CASES:
        for language in ("en", "ar"):
            metrics = score_case(case, reference_digest(case, language), language).metrics
            imperfect = {k: v for k, v in metrics.items() if v is not None and k not in REFERENCE_METRICS and v != 1.0}
            assert imperfect == {}, (case.id, language)
