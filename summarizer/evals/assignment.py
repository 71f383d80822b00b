"""The one-to-one event matching scipy's ``linear_sum_assignment`` gives, without importing scipy when it can.

Similarities are small whole numbers (2 + sub-type + date), exact in floats, and a digest has a handful of
events, so every one-to-one assignment can be enumerated in well under a millisecond, while importing numpy
and scipy.optimize costs 0.6-1 s of the eval harness's start-up. When the best assignments all keep the same
positive-similarity pairs (the usual case), those pairs are exactly what scipy's optimum keeps too, whichever
optimum it picks. When optima differ in the pairs they keep (a tie, e.g. a duplicated event) or the matrix is
too big to enumerate, scipy is asked, so its tie-breaking decides as it always did. ``tests/test_assignment.py``
checks the equivalence against scipy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import permutations

# 7 x 7 is 5,040 assignments (about 2 ms); a case has at most a few events.
MAX_ENUMERATED = 5040

Pairs = list[tuple[int, int]]


def matched_pairs(similarity: Sequence[Sequence[float]]) -> Pairs:
    """(row, column) pairs with positive similarity in a maximum-total one-to-one assignment, by row."""
    rows = len(similarity)
    cols = len(similarity[0]) if rows else 0
    if not rows or not cols:
        return []
    unique = _unique_optimum(similarity, rows, cols)
    return unique if unique is not None else _scipy_pairs(similarity)


def _unique_optimum(similarity: Sequence[Sequence[float]], rows: int, cols: int) -> Pairs | None:
    """The positive pairs every optimal assignment shares, or None if optima differ or there are too many."""
    if math.perm(max(rows, cols), min(rows, cols)) > MAX_ENUMERATED:
        return None
    best, kept = -math.inf, set[frozenset[tuple[int, int]]]()
    for chosen in permutations(range(max(rows, cols)), min(rows, cols)):
        pairs = list(enumerate(chosen)) if rows <= cols else [(r, c) for c, r in enumerate(chosen)]
        total = sum(similarity[r][c] for r, c in pairs)
        if total < best:
            continue
        positive = frozenset((r, c) for r, c in pairs if similarity[r][c] > 0)
        if total > best:
            best, kept = total, {positive}
        else:
            kept.add(positive)
    if len(kept) != 1:
        return None
    return sorted(next(iter(kept)))


def _scipy_pairs(similarity: Sequence[Sequence[float]]) -> Pairs:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    matrix = np.array(similarity, dtype=float)
    rows, cols = linear_sum_assignment(-matrix)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if matrix[r, c] > 0]
