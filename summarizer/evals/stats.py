"""The gate's two tests on paired differences (run minus baseline, one per case and language), in pure Python.

- ``simultaneous_bound``: a one-sided upper bound of the mean difference, Bonferroni-corrected by the caller.
- ``paired_bootstrap``: the 95% percentile interval of the mean difference (fixed seed; the same draws as
  ``random.Random(0).choices(diffs, k=n)`` round after round, so intervals are reproducible to the last digit).
- ``sign_flip_max_t``: a one-sided randomisation test of "the run is no worse than the baseline" for many
  (metric, slice) tests at once. Under that hypothesis each result's run and baseline scores are exchangeable,
  so the sign of its difference is a coin flip; flipping the signs of every result together (one coin per case
  and language, shared by all metrics and slices) gives the null distribution of the largest standardised drop
  over all tests. A test's adjusted p-value is the share of flips whose largest drop is at least as large as its
  own: the Westfall-Young max-T correction, which holds the chance that *any* test fails a no-op change at or
  below alpha, and, unlike Bonferroni, costs little when the tests are correlated (metrics of the same answers,
  a language and the pooled suite).

The statistic of a test is ``-sum(d) / sqrt(sum(d * d))``: results that did not move add nothing to either sum,
so a drop confined to a few cases is as visible as the same drop spread thinly. No numpy: the eval command must
stay fast to start (numpy is 0.1-0.2 s of imports), and these are a few thousand sums of under 100 numbers.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter, mul
from statistics import NormalDist

BOOTSTRAP_ROUNDS = 2000
FLIP_ROUNDS = 2000
MOVED = 1e-6  # a difference smaller than this is "did not move" (figures are compared at 4 decimal places)


@lru_cache(maxsize=64)
def _resamples(n: int, rounds: int, seed: int) -> tuple[tuple[int, ...], ...]:
    rng = random.Random(seed)
    return tuple(tuple(math.floor(rng.random() * n) for _ in range(n)) for _ in range(rounds))


def paired_bootstrap(diffs: Sequence[float], rounds: int = BOOTSTRAP_ROUNDS, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of the mean of paired differences (deterministic: fixed seed)."""
    if not diffs:
        return 0.0, 0.0
    if min(diffs) == max(diffs):  # nothing to resample: every draw has the same mean
        return diffs[0], diffs[0]
    n = len(diffs)
    pick = list(diffs).__getitem__
    means = sorted(sum(map(pick, draw)) / n for draw in _resamples(n, rounds, seed))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def simultaneous_bound(diffs: Sequence[float], alpha: float) -> float:
    """One-sided upper bound of the mean difference at level ``alpha`` (normal approximation, sample sd).

    The gate passes ``interval_alpha / k`` for k interval tests (Bonferroni): a change with no effect then
    pushes *any* of them past the rule with chance at most ``interval_alpha``, however many metrics and slices
    are gated. The per-test 95% interval alone gave the exchange null 17 failures in 400 on prompt v2's answers.
    """
    n = len(diffs)
    if n < 2:
        return diffs[0] if diffs else 0.0
    mean = sum(diffs) / n
    spread = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1))
    return mean + NormalDist().inv_cdf(1 - alpha) * spread / math.sqrt(n)


def drop_statistic(diffs: Sequence[float]) -> float:
    """How far below zero the differences sit, in units of their own spread (0 when nothing moved)."""
    square = sum(d * d for d in diffs)
    return -sum(diffs) / math.sqrt(square) if square > 0 else 0.0


def sign_flip_max_t(
    tests: Sequence[dict[int, float]], units: int, rounds: int = FLIP_ROUNDS, seed: int | None = None
) -> list[float]:
    """Adjusted one-sided p-values, one per test, for "the run dropped".

    ``tests`` holds each test's differences keyed by unit (a case and language, numbered ``0 .. units-1``);
    one random sign per unit and round is shared by every test, which is what keeps the correlation between
    tests (and so the correction honest). A test whose differences are all zero gets p = 1.

    The random signs are seeded from the differences themselves (unless ``seed`` is given): the same run always
    gets the same p-values, and different runs get independent draws, so the Monte Carlo error of the null's
    tail does not repeat the same way in every run (with one fixed seed it would bias every verdict alike).
    """
    moved = [{u: d for u, d in test.items() if abs(d) > MOVED} for test in tests]
    if seed is None:
        seed = _seed_of(moved)
    observed = [drop_statistic(list(m.values())) for m in moved]
    live = [(_picker(list(m)), list(m.values()), _norm(m)) for m in moved if m]
    if not live:
        return [1.0] * len(tests)
    rng = random.Random(seed)
    null_max = []
    for _ in range(rounds):
        bits = rng.getrandbits(units)
        signs = [1 - 2 * ((bits >> u) & 1) for u in range(units)]
        null_max.append(max(-sum(map(mul, pick(signs), values)) / norm for pick, values, norm in live))
    null_max.sort()
    return [_tail(null_max, t) if m else 1.0 for m, t in zip(moved, observed, strict=True)]


def _seed_of(tests: list[dict[int, float]]) -> int:
    text = repr([sorted((u, round(d, 6)) for u, d in t.items()) for t in tests])
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _picker(units: list[int]) -> Callable[[list[int]], Sequence[int]]:
    """The signs of ``units`` out of a round's signs, in C (itemgetter) rather than a Python loop."""
    if len(units) == 1:
        only = units[0]
        return lambda signs: (signs[only],)
    return itemgetter(*units)


def _norm(diffs: dict[int, float]) -> float:
    return math.sqrt(sum(d * d for d in diffs.values())) or 1.0


def _tail(null_max: list[float], observed: float) -> float:
    """(1 + rounds whose largest drop reaches ``observed``) / (1 + rounds): never 0, exact under the null."""
    low, high = 0, len(null_max)
    while low < high:  # first index with null_max[i] >= observed - tolerance
        middle = (low + high) // 2
        if null_max[middle] < observed - 1e-12:
            low = middle + 1
        else:
            high = middle
    return (1 + len(null_max) - low) / (1 + len(null_max))
