"""Normalising folds characters by replacing them, not by ``str.translate``, and collapses whitespace by splitting
(speed only, issue 23): the same text and offsets as the reference implementation, on every case's article."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from summarizer import arabic
from summarizer.evals.cases import load_cases

ROOT = Path(__file__).resolve().parent.parent
FOLDED = "".join(chr(code) for code in arabic._FOLD_TABLE)
REPLACEMENTS = "".join(replacement or "" for replacement in arabic._FOLD_TABLE.values())


def test_no_replacement_holds_a_folded_character() -> None:
    """What lets one replacement after another equal one translation of each character."""
    assert not set(REPLACEMENTS) & set(FOLDED)
    assert all(len(char) == 1 for char, _ in arabic._FOLDS)


@given(st.text(alphabet=FOLDED + REPLACEMENTS + "بتثجحخ abc\n\u00a0", max_size=400))
def test_folding_by_replacing_is_translating(text: str) -> None:
    assert arabic._fold(text) == text.translate(arabic._FOLD_TABLE)


def test_split_and_the_regex_know_the_same_whitespace() -> None:
    space = re.compile(r"\s")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if bool(space.fullmatch(c)) != c.isspace()] == []


def test_every_case_article_normalises_as_the_reference_does() -> None:
    for case in load_cases(ROOT / "evals" / "cases"):
        assert len(case.article) >= arabic._FOLD_BY_REPLACING
        assert arabic._normalize(case.article) == arabic._normalize_slow(case.article), case.id
