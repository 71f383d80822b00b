"""Event matching without scipy picks exactly the assignment scipy's linear_sum_assignment picks, ties included."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment as scipy_assignment

from summarizer.evals.assignment import linear_sum_assignment, matched_pairs


def _scipy(cost: list[list[float]]) -> tuple[list[int], list[int]]:
    rows, cols = scipy_assignment(np.array(cost, dtype=float))
    return [int(r) for r in rows], [int(c) for c in cols]


# What scoring's _similarity returns: 0 (not admissible) or 2 + sub-type match + date match; ties are common.
VALUES = st.sampled_from([0.0, 2.0, 3.0, 4.0])
MATRICES = st.integers(1, 7).flatmap(
    lambda cols: st.lists(st.lists(VALUES, min_size=cols, max_size=cols), min_size=1, max_size=7)
)


@settings(max_examples=500)
@given(MATRICES)
def test_same_assignment_as_scipy(similarity: list[list[float]]) -> None:
    negated = [[-x for x in row] for row in similarity]
    assert linear_sum_assignment(negated) == _scipy(negated)
    rows, cols = _scipy(negated)
    assert matched_pairs(similarity) == [(r, c) for r, c in zip(rows, cols, strict=True) if similarity[r][c] > 0]


def test_same_assignment_as_scipy_on_many_tied_and_fractional_matrices() -> None:
    rng = random.Random(12)
    for _ in range(3000):
        values = rng.choice([[0.0, 2.0], [0.0, 1.0, 2.0, 3.0, 4.0, 5.5], [0.25, 0.5, 7.0], [-1.0, 0.0, 1e9]])
        cost = [[rng.choice(values) for _ in range(rng.randint(1, 8))] for _ in range(1)]
        cost += [[rng.choice(values) for _ in cost[0]] for _ in range(rng.randint(0, 7))]
        assert linear_sum_assignment(cost) == _scipy(cost), cost


def test_duplicated_prediction_keeps_scipys_choice() -> None:
    assert matched_pairs([[4.0], [4.0]]) == [(0, 0)]
    assert matched_pairs([[4.0, 4.0]]) == [(0, 0)]
    assert matched_pairs([[0.0, 3.0], [0.0, 0.0]]) == [(0, 1)]


def test_empty_and_infeasible() -> None:
    assert matched_pairs([]) == [] and matched_pairs([[]]) == []
    with pytest.raises(ValueError, match="infeasible"):
        linear_sum_assignment([[float("inf")]])
