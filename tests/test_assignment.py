"""Event matching without scipy keeps exactly the pairs scipy's linear_sum_assignment keeps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from summarizer.evals import assignment
from summarizer.evals.assignment import matched_pairs


def _scipy(similarity: list[list[float]]) -> list[tuple[int, int]]:
    matrix = np.array(similarity, dtype=float)
    rows, cols = linear_sum_assignment(-matrix)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if matrix[r, c] > 0]


# What scoring's _similarity returns: 0 (not admissible) or 2 + sub-type match + date match.
VALUES = st.sampled_from([0.0, 2.0, 3.0, 4.0])


@settings(max_examples=400)
@given(
    st.integers(1, 6).flatmap(
        lambda cols: st.lists(st.lists(VALUES, min_size=cols, max_size=cols), min_size=1, max_size=6)
    )
)
def test_same_pairs_as_scipy(similarity: list[list[float]]) -> None:
    assert matched_pairs(similarity) == _scipy(similarity)


def test_ties_and_big_matrices_are_left_to_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = assignment._scipy_pairs

    def counted(similarity: list[list[float]]) -> list[tuple[int, int]]:
        asked.append(len(similarity))
        return real(similarity)

    monkeypatch.setattr(assignment, "_scipy_pairs", counted)
    assert matched_pairs([[4.0, 0.0], [0.0, 3.0]]) == [(0, 0), (1, 1)] and not asked  # one optimum
    duplicate = [[4.0], [4.0]]  # the same event predicted twice: which one scipy keeps is its choice
    assert matched_pairs(duplicate) == _scipy(duplicate) and asked == [2]
    big = [[float((r * 7 + c) % 4) for c in range(8)] for r in range(8)]  # 8! assignments: not enumerated
    assert matched_pairs(big) == _scipy(big) and asked == [2, 8]


def test_no_events_no_pairs() -> None:
    assert matched_pairs([]) == [] and matched_pairs([[]]) == []
