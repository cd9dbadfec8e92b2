"""Exact pairwise winning indices (Varsi's recursion) against closed forms, Monte Carlo and the SMAA run."""

from __future__ import annotations

import math

import numpy as np
import pytest

import model
from model.analysis.smaa import smaa
from model.analysis.smaa.pairwise import exact_pairwise_winning, share_at_most_zero


@pytest.mark.parametrize("n", range(2, 13))
def test_a_corner_of_the_simplex_has_the_textbook_share(n: int) -> None:
    """``-w_1 + w_2 + … + w_n <= 0`` is ``w_1 >= 1/2``; for w uniform on the simplex
    ``P(w_1 >= t) = (1 - t)^(n - 1)``."""
    gaps = np.array([[-1.0] + [1.0] * (n - 1)])
    assert share_at_most_zero(gaps)[0] == pytest.approx(0.5 ** (n - 1), rel=1e-12)


def test_distinct_values_match_the_divided_difference_formula() -> None:
    """For distinct ``d_j`` and w uniform on the simplex, ``P(d · w > 0) = sum_j max(d_j, 0)^(n-1) / prod_{k != j}
    (d_j - d_k)`` (the linear combination of a flat Dirichlet vector; Weisberg, H. (1971), The distribution of
    linear combinations of order statistics from the uniform distribution, *Ann. Math. Statist.* 42(2), 704–709).
    Checked on well-separated values, where that formula is still accurate."""
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(2, 7))
        d = np.sort(rng.choice(np.arange(-20, 21), n, replace=False).astype(float))
        if not (d < 0).any() or not (d > 0).any():
            continue
        above = sum(
            max(dj, 0.0) ** (n - 1) / math.prod(dj - dk for k, dk in enumerate(d) if k != j) for j, dj in enumerate(d)
        )
        shuffled = rng.permutation(d)
        assert 1.0 - share_at_most_zero(shuffled[None, :])[0] == pytest.approx(above, abs=1e-12)


def test_exact_pairwise_agrees_with_a_million_uniform_draws() -> None:
    rng = np.random.default_rng(3)
    values = rng.uniform(0, 1, (7, 5))
    values[4] = values[3]  # identical alternatives tie on every draw
    exact = exact_pairwise_winning(values)
    weights = rng.standard_exponential((1_000_000, 5))
    weights /= weights.sum(axis=1, keepdims=True)
    scores = weights @ values.T
    for a in range(7):
        for b in range(7):
            if a == b:
                continue
            share = float(np.mean(scores[:, a] > scores[:, b]))
            assert exact[a, b] == pytest.approx(share, abs=5 * math.sqrt(0.25 / 1_000_000) + 1e-9)
    assert exact[3, 4] == exact[4, 3] == 0.0
    generic = np.ones((7, 7), dtype=bool)
    generic[[3, 4], [4, 3]] = False
    np.fill_diagonal(generic, False)
    assert np.allclose((exact + exact.T)[generic], 1.0, atol=1e-12)


def matrix_problem(m: int, n: int, seed: int = 0, interval: float = 0.0) -> model.DecisionProblem:
    values = np.random.default_rng(seed).uniform(1, 9, (m, n))
    return model.DecisionProblem.from_matrix(
        values, scale=(1, 9), low=np.clip(values - interval, 1, 9), high=np.clip(values + interval, 1, 9)
    )


def test_smaa_uses_the_exact_indices_when_scores_are_fixed_and_weights_uniform() -> None:
    problem = matrix_problem(12, 10)
    result = smaa(problem, samples=50_000, seed=1, workers=1)
    assert result.pairwise_samples == 0 and not result.pairwise_winning_se.any()
    normalized = np.array(model.evaluate(problem).details["normalized"])
    np.testing.assert_allclose(result.pairwise_winning, exact_pairwise_winning(normalized), atol=1e-12)
    bare = smaa(problem, samples=50_000, seed=1, workers=1, extras=())
    np.testing.assert_array_equal(result.rank_counts, bare.rank_counts)  # the draws are untouched


def test_smaa_keeps_monte_carlo_where_the_exact_form_does_not_apply_or_does_not_pay() -> None:
    few = smaa(matrix_problem(12, 10), samples=2_000, seed=1, workers=1)  # too few draws to pay for it
    assert few.pairwise_samples == 2_000
    uncertain = smaa(matrix_problem(12, 4, interval=0.5), samples=50_000, seed=1, workers=1)
    assert uncertain.pairwise_samples == 50_000
    small = smaa(matrix_problem(5, 4), samples=50_000, seed=1, workers=1)  # free from the rank histogram
    assert small.pairwise_samples == 50_000
