"""One-to-one event matching: scipy's ``linear_sum_assignment`` answer, without importing numpy and scipy.

Importing numpy and scipy.optimize costs 0.6-1 s of the eval harness's start-up, for matrices of a few events.
This is the shortest augmenting path algorithm scipy uses (Crouse, "On implementing 2D rectangular assignment
algorithms", IEEE TAES 52(4), 2016), with scipy's choices where optima tie: columns are scanned from the last
to the first, a tied column with no row yet is preferred, and a tall matrix is solved transposed. So it picks
the same optimum as scipy, not just an equally good one (a tie, e.g. a duplicated event, would otherwise
change which gold event a prediction is scored against). ``tests/test_assignment.py`` checks it against scipy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def matched_pairs(similarity: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs with positive similarity in scipy's maximum-total one-to-one assignment, by row."""
    rows, cols = linear_sum_assignment([[-x for x in row] for row in similarity])
    return [(r, c) for r, c in zip(rows, cols, strict=True) if similarity[r][c] > 0]


def linear_sum_assignment(cost: Sequence[Sequence[float]]) -> tuple[list[int], list[int]]:
    """Minimum-cost assignment of min(rows, columns) pairs: (row indices, column indices), as scipy returns them."""
    if not cost or not cost[0]:
        return [], []
    transposed = len(cost[0]) < len(cost)
    matrix = [list(column) for column in zip(*cost, strict=True)] if transposed else [list(row) for row in cost]
    col4row = _solve(matrix)
    if transposed:  # rows of the transposed matrix are columns: report them in column order
        order = sorted(range(len(col4row)), key=col4row.__getitem__)
        return [col4row[k] for k in order], order
    return list(range(len(col4row))), col4row


def _solve(cost: list[list[float]]) -> list[int]:
    """Column of each row (rows <= columns), one shortest augmenting path per row, keeping dual prices u, v."""
    nr, nc = len(cost), len(cost[0])
    u, v = [0.0] * nr, [0.0] * nc
    path, col4row, row4col = [-1] * nc, [-1] * nr, [-1] * nc
    for current in range(nr):
        sink, min_value, shortest, rows_seen, cols_seen = _augmenting_path(cost, u, v, path, row4col, current)
        u[current] += min_value
        for i in range(nr):
            if rows_seen[i] and i != current:
                u[i] += min_value - shortest[col4row[i]]
        for j in range(nc):
            if cols_seen[j]:
                v[j] -= min_value - shortest[j]
        j = sink
        while True:  # flip the path's assignments
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == current:
                break
    return col4row


def _augmenting_path(
    cost: list[list[float]], u: list[float], v: list[float], path: list[int], row4col: list[int], i: int
) -> tuple[int, float, list[float], list[bool], list[bool]]:
    nr, nc = len(cost), len(cost[0])
    shortest = [math.inf] * nc
    rows_seen, cols_seen = [False] * nr, [False] * nc
    remaining = list(range(nc - 1, -1, -1))  # last column first, as scipy (a constant matrix gives the identity)
    min_value, sink = 0.0, -1
    while sink == -1:
        index, lowest = -1, math.inf
        rows_seen[i] = True
        for it, j in enumerate(remaining):
            reduced = min_value + cost[i][j] - u[i] - v[j]
            if reduced < shortest[j]:
                path[j], shortest[j] = i, reduced
            if shortest[j] < lowest or (shortest[j] == lowest and row4col[j] == -1):
                lowest, index = shortest[j], it
        min_value = lowest
        if min_value == math.inf:
            raise ValueError("infeasible cost matrix")
        j = remaining[index]
        if row4col[j] == -1:
            sink = j
        else:
            i = row4col[j]
        cols_seen[j] = True
        remaining[index] = remaining[-1]
        remaining.pop()
    return sink, min_value, shortest, rows_seen, cols_seen
