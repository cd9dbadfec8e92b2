"""Exact first-rank acceptability: geometry failures never become numbers, and a complexity budget.

The volumes are checked against SMAA with fixed scores within 4 standard errors of the exact
value (``sqrt(p (1 - p) / N)``), and the regions of the distinct rows must add up to 1.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.spatial
from hypothesis import given, settings
from hypothesis import strategies as st

from model.analysis.smaa import exact, exact_first_rank_acceptability, first_rank_volumes, smaa
from model.errors import RequestError
from model.problem import DecisionProblem


def matrix_problem(values: np.ndarray) -> DecisionProblem:
    m, n = values.shape
    return DecisionProblem.from_matrix(
        values, alternatives=[f"A{i}" for i in range(m)], criteria=[f"c{j}" for j in range(n)], weights=[1.0] * n
    )


def within_4se(estimate: np.ndarray, exact_values: np.ndarray, samples: int) -> None:
    se = np.sqrt(exact_values * (1 - exact_values) / samples)
    assert np.all(np.abs(estimate - exact_values) <= 4 * se + 1e-12), (estimate, exact_values, se)


def distinct_sum(values: np.ndarray, volumes: np.ndarray) -> float:
    """Identical rows share one region: count it once."""
    _, first = np.unique(values, axis=0, return_index=True)
    return float(volumes[first].sum())


def test_fifty_alternatives_on_eight_criteria_agree_with_monte_carlo() -> None:
    """The reported failure: 50 random alternatives, 8 criteria (seed 1). The old code caught two
    Qhull precision errors (QH6297 and QH6271, from the convex hull of a region's ~700 and ~1300
    vertices in 7 dimensions) and returned 0 for A5 and A29, whose Monte Carlo first-rank shares
    are 0.016 and 0.342; its volumes added up to 0.642, after 20 s. Now they add up to 1."""
    values = np.random.default_rng(1).uniform(0, 1, (50, 8))
    problem = matrix_problem(values)
    volumes = exact_first_rank_acceptability(problem)
    assert volumes.sum() == pytest.approx(1.0, abs=1e-9)
    assert volumes[29] == pytest.approx(0.3428, abs=1e-4) and volumes[5] == pytest.approx(0.0152, abs=1e-4)
    samples = 200_000
    within_4se(smaa(problem, samples=samples, seed=0, vary_scores=False).first_rank, volumes, samples)


@pytest.mark.parametrize("seed", [0, 7])
def test_more_large_random_problems_add_up_to_one(seed: int) -> None:
    """Seeds where the old code lost 0.4 % and 2.8 % of the simplex to caught Qhull errors."""
    values = np.random.default_rng(seed).uniform(0, 1, (50, 8))
    volumes = first_rank_volumes(values)
    assert volumes.sum() == pytest.approx(1.0, abs=1e-9)
    samples = 100_000
    within_4se(smaa(matrix_problem(values), samples=samples, seed=seed, vary_scores=False).first_rank, volumes, samples)


def test_degenerate_inputs_on_a_coarse_grid() -> None:
    """Scores on a coarse grid: identical rows, rows differing by a constant, three or more
    constraints through one vertex. Identical rows share their region (both get it)."""
    values = np.random.default_rng(3).integers(0, 3, (14, 4)) / 2
    values[1] = values[0]
    volumes = first_rank_volumes(values)
    assert volumes[0] == volumes[1]
    assert distinct_sum(values, volumes) == pytest.approx(1.0, abs=1e-9)
    samples = 60_000
    within_4se(smaa(matrix_problem(values), samples=samples, seed=2, vary_scores=False).first_rank, volumes, samples)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(min_value=2, max_value=8),
    st.integers(min_value=3, max_value=5),
    st.integers(min_value=0, max_value=2**32 - 1),
    st.sampled_from([2, 4, 10]),
)
def test_distinct_regions_always_tile_the_simplex(m: int, n: int, seed: int, levels: int) -> None:
    values = np.random.default_rng(seed).integers(0, levels + 1, (m, n)) / levels
    volumes = first_rank_volumes(values)
    assert np.all((volumes >= 0) & (volumes <= 1))
    assert distinct_sum(values, volumes) == pytest.approx(1.0, abs=1e-8)
    _, first, inverse = np.unique(values, axis=0, return_index=True, return_inverse=True)
    np.testing.assert_array_equal(volumes, volumes[first][inverse.reshape(-1)])


def test_a_qhull_failure_is_refused_never_a_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    values = np.random.default_rng(4).uniform(0, 1, (6, 4))

    def broken(*args: object, **kwargs: object) -> None:
        raise scipy.spatial.QhullError("QH6297 Qhull precision error (forced by the test)")

    monkeypatch.setattr(scipy.spatial, "HalfspaceIntersection", broken)
    with pytest.raises(RequestError, match=r"the region where A\d is first could not be measured \(qhull: QH6297"):
        exact_first_rank_acceptability(matrix_problem(values))
    with pytest.raises(RequestError, match=r"use smaa\(problem, vary_scores=False\)"):
        first_rank_volumes(values)


def test_a_qhull_failure_is_retried_with_another_perturbation(monkeypatch: pytest.MonkeyPatch) -> None:
    values = np.random.default_rng(5).uniform(0, 1, (7, 4))
    expected = first_rank_volumes(values)
    real = scipy.spatial.HalfspaceIntersection
    calls = []

    def flaky(halfspaces: np.ndarray, interior: np.ndarray, *args: object, **kwargs: object) -> object:
        calls.append(len(calls))
        if len(calls) % 2:  # every first attempt fails
            raise scipy.spatial.QhullError("QH6271 qhull topology error (forced by the test)")
        return real(halfspaces, interior, *args, **kwargs)

    monkeypatch.setattr(scipy.spatial, "HalfspaceIntersection", flaky)
    np.testing.assert_allclose(first_rank_volumes(values), expected, atol=1e-8)
    assert len(calls) >= 2


def test_a_failed_volume_is_refused_never_a_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """A face lattice that fails its checks on every attempt (here: forced) is refused."""

    def unmeasurable(*args: object) -> float:
        raise exact._UnmeasurableError("a face's centre lies outside one of its facets")

    monkeypatch.setattr(exact, "_lattice_volume", unmeasurable)
    with pytest.raises(RequestError, match=r"could not be measured .*outside one of its facets"):
        first_rank_volumes(np.random.default_rng(6).uniform(0, 1, (5, 3)))


def test_problems_above_the_budget_are_refused_with_the_way_out() -> None:
    """600 alternatives on a concave front (none dominated) would need 600 linear programmes
    with 600 constraints each: refused before any is solved."""
    rng = np.random.default_rng(8)
    front = np.abs(rng.normal(size=(600, 3)))
    front /= np.linalg.norm(front, axis=1, keepdims=True)
    with pytest.raises(
        RequestError,
        match=r"600 alternatives x 3 criteria is above its complexity budget: [\d,]+ units of work for the regions "
        r"of the 600 alternatives that can be first, more than EXACT_BUDGET = 10,000,000 .*; the Monte Carlo "
        r"estimate smaa\(problem, vary_scores=False\) is the answer beyond it",
    ):
        first_rank_volumes(front)
    with pytest.raises(RequestError, match="to screen the dominated alternatives"):
        first_rank_volumes(rng.uniform(0, 1, (20_000, 3)))


def test_the_face_budget_is_checked_before_the_volumes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The faces of each region are counted as soon as its vertices are known, before any volume."""
    monkeypatch.setattr(exact, "EXACT_BUDGET", 400_000)
    measured = []
    real = exact._lattice_volume
    monkeypatch.setattr(exact, "_lattice_volume", lambda *args: measured.append(1) or real(*args))
    with pytest.raises(RequestError, match="already with the faces of"):
        first_rank_volumes(np.random.default_rng(1).uniform(0, 1, (50, 8)))
    assert not measured


def test_dominated_rows_get_no_region_and_two_criteria_are_intervals() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6], [0.5, 0.5], [0.6, 0.6]])
    np.testing.assert_allclose(first_rank_volumes(values), [0.4, 0.4, 0.2, 0.0, 0.2], atol=1e-12)
    values = np.array([[0.9, 0.1, 0.5], [0.8, 0.05, 0.4], [0.1, 0.9, 0.5]])  # row 1 is dominated by row 0
    volumes = first_rank_volumes(values)
    assert volumes[1] == 0.0 and volumes.sum() == pytest.approx(1.0, abs=1e-9)
