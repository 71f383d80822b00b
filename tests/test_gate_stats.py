"""The gate's statistics against independent oracles: the old bootstrap, exact enumeration, and scipy."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from scipy import stats as scipy_stats

from summarizer.evals.stats import drop_statistic, paired_bootstrap, sign_flip_max_t


def _old_bootstrap(diffs: list[float], rounds: int = 2000, seed: int = 0) -> tuple[float, float]:
    """The gate's interval before it was made faster (random.choices per round)."""
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


@pytest.mark.parametrize("seed", range(5))
def test_the_bootstrap_interval_is_the_old_one_to_the_last_bit(seed: int) -> None:
    rng = random.Random(seed)
    diffs = [rng.choice([0.0, 0.0, rng.random() - 0.6]) for _ in range(rng.randint(2, 84))]
    assert paired_bootstrap(diffs) == _old_bootstrap(diffs)


def _exact_p(diffs: list[float]) -> float:
    """P(statistic under random signs >= observed), over every sign pattern."""
    observed = drop_statistic(diffs)
    patterns = list(itertools.product((1, -1), repeat=len(diffs)))
    hits = sum(
        drop_statistic([s * d for s, d in zip(signs, diffs, strict=True)]) >= observed - 1e-12 for signs in patterns
    )
    return hits / len(patterns)


@pytest.mark.parametrize("seed", range(4))
def test_one_test_p_value_matches_exact_enumeration_and_scipy(seed: int) -> None:
    rng = random.Random(seed)
    diffs = [round(rng.uniform(-1, 0.4), 3) for _ in range(10)]
    (p,) = sign_flip_max_t([dict(enumerate(diffs))], 10, rounds=20000, seed=seed)
    exact = _exact_p(diffs)
    assert abs(p - exact) < 0.01, (p, exact)
    # scipy's one-sample permutation test flips signs the same way; the mean orders patterns as our statistic does
    oracle = scipy_stats.permutation_test(
        (np.array(diffs),), np.mean, permutation_type="samples", alternative="less", n_resamples=np.inf
    )
    assert abs(oracle.pvalue - exact) < 1e-9


def test_the_max_t_correction_sits_between_the_single_p_and_bonferroni() -> None:
    """Three tests on the same units: the adjusted p of the strongest is at least its own p and at most 3x."""
    rng = random.Random(1)
    tests = [{u: rng.uniform(-0.8, 0.4) for u in range(12)} for _ in range(3)]
    adjusted = sign_flip_max_t(tests, 12, rounds=20000)
    single = [sign_flip_max_t([t], 12, rounds=20000)[0] for t in tests]
    for a, s in zip(adjusted, single, strict=True):
        assert s - 0.01 <= a <= min(1.0, 3 * s) + 0.01
    identical = sign_flip_max_t([tests[0], tests[0]], 12, rounds=20000)  # a duplicated test costs nothing
    assert abs(identical[0] - single[0]) < 0.01


def test_tests_that_did_not_move_get_p_one() -> None:
    assert sign_flip_max_t([{0: 0.0, 1: 0.0}, {}], 2) == [1.0, 1.0]
