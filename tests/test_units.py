"""Numbered units: exact slices that cover the article in order, each valid evidence (3-40 words)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evals.cases import load_cases
from summarizer.grounding import locate, quote_words
from summarizer.units import MAX_UNIT_WORDS, MIN_UNIT_WORDS, Unit, numbered, split_units

CASES = load_cases(Path(__file__).resolve().parent.parent / "evals" / "cases")


def rebuild(article: str, units: tuple[Unit, ...]) -> str:
    """The article from its units and the whitespace between them, checking each piece on the way."""
    out, position = [], 0
    for number, unit in enumerate(units, start=1):
        assert unit.number == number
        gap = article[position : unit.start]
        assert gap.strip() == "", f"non-whitespace between units: {gap!r}"
        assert unit.text == article[unit.start : unit.end]
        assert unit.text == unit.text.strip() and unit.text
        out += [gap, unit.text]
        position = unit.end
    assert article[position:].strip() == ""
    out.append(article[position:])
    return "".join(out)


def check_units(article: str) -> tuple[Unit, ...]:
    units = split_units(article)
    assert rebuild(article, units) == article
    total = len(quote_words(article))
    assert sum(u.words for u in units) == total
    for unit in units:
        assert len(quote_words(unit.text)) == unit.words
        assert unit.words <= MAX_UNIT_WORDS
        if total >= MIN_UNIT_WORDS:
            assert unit.words >= MIN_UNIT_WORDS, unit
    return units


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_case_splits_into_valid_evidence(case) -> None:  # type: ignore[no-untyped-def]
    units = check_units(case.article)
    for unit in units:  # each unit is a quote grounding accepts, found on word boundaries
        span = locate(unit.text, case.article)
        assert quote_words(case.article[span.start : span.end]) == quote_words(unit.text)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_prompt_shows_the_whole_article(case) -> None:  # type: ignore[no-untyped-def]
    shown = numbered(case.article)
    lines = shown.split("\n")
    assert all(line == "" or re.match(r"\[\d+\] \S", line) or not line.startswith("[") for line in lines)
    stripped = re.sub(r"(?m)^\[\d+\] ", "", shown)
    assert stripped.split() == case.article.split()


def test_sentences_clauses_and_arabic_punctuation() -> None:
    article = (
        "قتل ثلاثة أشخاص في الهجوم. وأصيب خمسة آخرون بجروح؟ "
        "وقال مصدر أمني «إن المهاجمين فروا.» ثم أضاف شيئا آخر هنا!\n"
        "قال د. محمد العلي إن الوضع مستقر تماما."
    )
    texts = [u.text for u in split_units(article)]
    assert texts == [
        "قتل ثلاثة أشخاص في الهجوم.",
        "وأصيب خمسة آخرون بجروح؟",
        "وقال مصدر أمني «إن المهاجمين فروا.»",
        "ثم أضاف شيئا آخر هنا!",
        "قال د. محمد العلي إن الوضع مستقر تماما.",  # «د.» is an abbreviation, not a sentence end
    ]


def test_live_blog_time_stamps_and_datelines_stay_with_their_sentence() -> None:
    article = (
        "تغطية مباشرة\n"
        "18:40 - مصادر طبية: ارتفاع عدد الجرحى إلى سبعة.\n"
        "واغادوغو (أ ف ب) - قتل 12 جنديا على الأقل في هجوم."
    )
    texts = [u.text for u in split_units(article)]
    assert texts == [  # a two-word heading joins the next line
        "تغطية مباشرة\n18:40 - مصادر طبية: ارتفاع عدد الجرحى إلى سبعة.",
        "واغادوغو (أ ف ب) - قتل 12 جنديا على الأقل في هجوم.",
    ]


def test_a_long_sentence_is_cut_at_clauses_then_evenly() -> None:
    clause = "، ".join(["وقال المصدر إن القصف استمر ساعات طويلة"] * 12) + "."
    words = " ".join(f"كلمة{i}" for i in range(130)) + "."
    for article in (clause, words):
        units = check_units(article)
        assert len(units) >= 2
    assert all(u.text.endswith(("،", ".")) for u in split_units(clause))


_ALPHABET = st.sampled_from(
    [
        *"قتلثلاثةأشخاصفيالهجوموأصيبخمسةabc0123456789٣٤",
        *[
            " ",
            " ",
            " ",
            "\n",
            "\n\n",
            ".",
            "،",
            "؟",
            "؛",
            ":",
            "!",
            "«",
            "»",
            '"',
            "-",
            " - ",
            "/",
            "\u064e",
            "\u0640",
        ],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, min_size=0, max_size=400).map("".join))
def test_any_text_is_covered_exactly(article: str) -> None:
    check_units(article)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["كلمة", "a/b/c/d/e/f/g/h/i/j", "x", "،", "."]), min_size=1, max_size=200).map(" ".join)
)
def test_long_runs_without_punctuation_stay_within_the_word_limit(article: str) -> None:
    check_units(article)
