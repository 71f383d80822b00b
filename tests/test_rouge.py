"""Our ROUGE gives rouge-score's numbers to the last bit (it exists only to avoid rouge-score's nltk import)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from summarizer.evals.cases import load_cases
from summarizer.evals.rouge import RougeScorer, lcs_length
from summarizer.evals.scoring import WordTokenizer

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["rouge1", "rouge2", "rouge3", "rougeL"]


class ListTokenizer:
    """Text is already a space-separated token list (lets hypothesis draw token sequences directly)."""

    def tokenize(self, text: str) -> list[str]:
        return text.split()


def _same(ours: RougeScorer, theirs: rouge_scorer.RougeScorer, target: str, prediction: str) -> None:
    got, want = ours.score(target, prediction), theirs.score(target, prediction)
    for kind in ours.rouge_types:
        assert tuple(got[kind]) == tuple(want[kind]), (kind, target, prediction)
        assert [type(x) for x in got[kind]] == [type(x) for x in want[kind]]  # 0 stays 0, not 0.0, in reports


@given(
    st.lists(st.sampled_from("abcdef"), max_size=30).map(" ".join),
    st.lists(st.sampled_from("abcdeg"), max_size=30).map(" ".join),
)
def test_generated_token_sequences_score_identically(target: str, prediction: str) -> None:
    tokenizer = ListTokenizer()
    _same(
        RougeScorer(TYPES, tokenizer=tokenizer),
        rouge_scorer.RougeScorer(TYPES, tokenizer=tokenizer),
        target,
        prediction,
    )


@pytest.mark.parametrize("normalise", [False, True])
def test_case_texts_score_identically(normalise: bool) -> None:
    """Human bullets against reference bullets and article sentences, both languages, both tokenizers."""
    tokenizer = WordTokenizer(normalise=normalise)
    ours, theirs = RougeScorer(TYPES, tokenizer=tokenizer), rouge_scorer.RougeScorer(TYPES, tokenizer=tokenizer)
    compared = 0
    for case in load_cases(ROOT / "evals" / "cases"):
        for human in (case.human_bullets_en, case.human_bullets_ar):
            reference = "\n".join(human)
            for candidate in [*human, case.article[:1500], " ".join(f.quote for f in case.key_facts), ""]:
                _same(ours, theirs, reference, candidate)
                compared += 1
    assert compared > 100


def test_lcs_length_is_symmetric_and_exact() -> None:
    assert lcs_length(list("ABCBDAB"), list("BDCABA")) == 4
    assert lcs_length(list("BDCABA"), list("ABCBDAB")) == 4
    assert lcs_length([], list("abc")) == 0


def test_unsupported_types_are_refused() -> None:
    with pytest.raises(ValueError, match="rougeLsum"):
        RougeScorer(["rougeLsum"], tokenizer=ListTokenizer())


def _lcs_table(a: list[str], b: list[str]) -> int:
    """The textbook dynamic programme, to check the bit-parallel one."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a, 1):
        for j, y in enumerate(b, 1):
            table[i][j] = table[i - 1][j - 1] + 1 if x == y else max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]


@given(st.lists(st.sampled_from("abcd"), max_size=80), st.lists(st.sampled_from("abce"), max_size=80))
def test_bit_parallel_lcs_matches_the_dynamic_programme(a: list[str], b: list[str]) -> None:
    assert lcs_length(a, b) == _lcs_table(a, b) == lcs_length(b, a)
