"""SMAA-2: exact polytope volumes, closed forms, sampler uniformity, seeding, and properties.

Monte Carlo estimates are compared with exact values within 4 standard errors, using the
standard error of the exact value, ``sqrt(p (1 - p) / N)``, so a 0 or a 1 must be hit exactly.
Problems with up to six alternatives rank from pairwise comparisons and larger ones from
sorted keys; most tests run both.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model.analysis.smaa import (
    MAX_EXACT_CRITERIA,
    DecisionDrivers,
    SmaaResult,
    around_weights,
    decision_drivers,
    exact_first_rank_acceptability,
    first_rank_volumes,
    ordinal_weights,
    smaa,
    uniform_weights,
)
from model.analysis.smaa.samplers import _sorting_network
from model.errors import RequestError
from model.problem import DecisionProblem, Uncertainty

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"  # v0.1 encoding, frozen
SMALL, LARGE = 5, 9  # alternatives: pairwise-comparison ranks / sort-based ranks


@cache
def shipped() -> model.DecisionProblem:
    return model.load(REFERENCE)


def matrix_problem(
    values: np.ndarray,
    *,
    low: np.ndarray | None = None,
    high: np.ndarray | None = None,
    directions: list[str] | None = None,
    uncertainty: Uncertainty | None = None,
    weights: list[float] | None = None,
) -> DecisionProblem:
    m, n = values.shape
    # one scale for every criterion, wide enough for every value: a common affine map, so ranks are
    # those of the raw values (from_matrix refuses a value off its scale)
    bottom = min(0.0, float(np.min(values if low is None else low)))
    top = max(1.0, float(np.max(values if high is None else high)))
    return DecisionProblem.from_matrix(
        values,
        alternatives=[f"A{i}" for i in range(m)],
        criteria=[f"c{j}" for j in range(n)],
        weights=weights or [1.0] * n,
        directions=directions,  # type: ignore[arg-type]
        scale=(bottom, top),
        low=low,
        high=high,
        uncertainty=uncertainty,
    )


def within_4se(estimate: np.ndarray, exact: np.ndarray, samples: int) -> None:
    se = np.sqrt(exact * (1 - exact) / samples)
    assert np.all(np.abs(estimate - exact) <= 4 * se + 1e-12), (estimate, exact, se)


# ----- exact volumes ---------------------------------------------------------------------
def test_two_criteria_volumes_are_interval_lengths() -> None:
    """S_A = t, S_B = 1 - t, S_C = 0.6 on w = (t, 1 - t): A wins on [0.6, 1], B on [0, 0.4], C between."""
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    assert first_rank_volumes(values) == pytest.approx([0.4, 0.4, 0.2], abs=1e-12)
    for m_extra in (0, LARGE - 3):  # also through the sort-based ranks, padded with dominated rows
        padded = np.vstack([values, np.full((m_extra, 2), 0.1)])
        result = smaa(matrix_problem(padded), samples=40_000, seed=3)
        within_4se(result.first_rank, np.r_[0.4, 0.4, 0.2, np.zeros(m_extra)], 40_000)


def test_three_criteria_closed_form() -> None:
    """Unit vectors and the centre (0.5, 0.5, 0.5): the centre wins iff max w <= 1/2, which has
    probability 1 - 3 (1/2)^2 = 1/4 under the uniform simplex (P(w_1 > t) = (1 - t)^2)."""
    values = np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0], [0.5, 0.5, 0.5]])
    assert first_rank_volumes(values) == pytest.approx([0.25] * 4, abs=1e-9)
    result = smaa(matrix_problem(values), samples=60_000, seed=11)
    within_4se(result.first_rank, np.full(4, 0.25), 60_000)


@pytest.mark.parametrize(
    ("n", "m", "seed"), [(2, 4, 0), (3, SMALL, 1), (3, LARGE, 2), (4, 6, 3), (4, LARGE, 4), (5, 7, 5)]
)
def test_first_rank_acceptability_matches_exact_volumes(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 1, (m, n))
    directions = ["cost" if j % 2 else "benefit" for j in range(n)]
    problem = matrix_problem(values, directions=directions)
    exact = exact_first_rank_acceptability(problem)
    assert exact.sum() == pytest.approx(1.0, abs=1e-9)
    samples = 60_000
    within_4se(smaa(problem, samples=samples, seed=seed).first_rank, exact, samples)


def test_exact_handles_one_criterion_and_refuses_ranges_and_too_many_criteria() -> None:
    assert first_rank_volumes(np.array([[0.2], [0.7], [0.7]])).tolist() == [0.0, 1.0, 1.0]
    with pytest.raises(RequestError, match=r"needs point scores, got 1 cell\(s\) with a range \(A0\.c0\)"):
        exact_first_rank_acceptability(
            matrix_problem(np.array([[0.5, 0.5], [0.2, 0.2]]), low=np.array([[0.4, 0.5], [0.2, 0.2]]))
        )
    with pytest.raises(RequestError, match=f"at most {MAX_EXACT_CRITERIA} criteria, got 9"):
        first_rank_volumes(np.random.default_rng(0).random((3, 9)))
    with pytest.raises(RequestError, match="with a range"):
        exact_first_rank_acceptability(shipped())


# ----- samplers ----------------------------------------------------------------------------
@pytest.mark.parametrize("length", range(1, 13))
def test_sorting_network_sorts_every_zero_one_input(length: int) -> None:
    """The 0-1 principle: a comparator network sorts everything iff it sorts every 0-1 input."""
    inputs = np.array(list(itertools.product([0.0, 1.0], repeat=length))).T  # (length, 2**length)
    block = np.vstack([inputs, np.zeros((2, inputs.shape[1]))])
    rows = list(range(length))
    for i, j in _sorting_network(length):
        hi, lo = np.maximum(block[rows[i]], block[rows[j]]), np.minimum(block[rows[i]], block[rows[j]])
        block[rows[i]], block[rows[j]] = hi, lo
    assert np.all(np.diff(block[:length], axis=0) <= 0)


def test_uniform_weights_are_dirichlet_one() -> None:
    """Marginals of the uniform simplex: E[w_j] = 1/n and P(w_1 > t) = (1 - t)^(n - 1)."""
    n, size = 4, 200_000
    w = uniform_weights(np.random.default_rng(1), size, n)
    assert np.allclose(w.sum(axis=1), 1) and np.all(w >= 0)
    se = math.sqrt((n - 1) / (n * n * (n + 1)) / size)  # Var w_j = (n - 1) / (n^2 (n + 1))
    assert np.all(np.abs(w.mean(axis=0) - 1 / n) <= 4 * se)
    for t in (0.2, 0.5):
        p = (1 - t) ** (n - 1)
        assert abs(np.mean(w[:, 0] > t) - p) <= 4 * math.sqrt(p * (1 - p) / size)


def test_ordinal_weights_keep_the_order_and_average_to_rank_order_centroid() -> None:
    """A full chain: the mean is the rank-order centroid w_i = (1/n) sum_{k >= i} 1/k
    (Barron & Barrett 1996), with each draw's weights in the stated order."""
    n, size = 5, 100_000
    order = [3, 0, 4, 1, 2]
    w = ordinal_weights(np.random.default_rng(2), size, n, order)
    assert np.all(np.diff(w[:, order], axis=1) <= 0)
    assert np.allclose(w.sum(axis=1), 1)
    roc = np.array([sum(1 / k for k in range(i, n + 1)) / n for i in range(1, n + 1)])
    se = w[:, order].std(axis=0) / math.sqrt(size)
    assert np.all(np.abs(w[:, order].mean(axis=0) - roc) <= 4 * se)


def test_ordinal_weights_leave_unlisted_criteria_free() -> None:
    w = ordinal_weights(np.random.default_rng(3), 50_000, 3, [1, 2])
    assert np.all(w[:, 1] >= w[:, 2])
    # w_0 is unconstrained: by symmetry, P(w_0 > w_1) = P(w_0 is not the largest of the three...)
    # = 1/3 (w_0 is largest in 1/3 of the draws, and w_1 >= w_2 always)
    assert abs(np.mean(w[:, 0] > w[:, 1]) - 1 / 3) <= 4 * math.sqrt(2 / 9 / 50_000)


def test_around_weights_stay_in_their_boxes_and_are_uniform_there() -> None:
    """Against an independent reference: uniform simplex draws filtered to the boxes."""
    center, spread, size = np.array([0.5, 0.3, 0.2]), 0.3, 60_000
    w = around_weights(np.random.default_rng(4), size, center.tolist(), spread)
    assert np.allclose(w.sum(axis=1), 1)
    assert np.all(w >= center * (1 - spread) - 1e-12) and np.all(w <= center * (1 + spread) + 1e-12)
    reference = uniform_weights(np.random.default_rng(5), 2_000_000, 3)
    reference = reference[np.all(np.abs(reference - center) <= spread * center, axis=1)]
    se = np.sqrt(w.var(axis=0) / size + reference.var(axis=0) / len(reference))
    assert np.all(np.abs(w.mean(axis=0) - reference.mean(axis=0)) <= 4 * se)
    assert np.all(np.abs(w.std(axis=0) - reference.std(axis=0)) <= 0.03 * reference.std(axis=0))


def test_around_weights_edge_cases() -> None:
    rng = np.random.default_rng(6)
    assert np.array_equal(around_weights(rng, 3, [0.6, 0.4], 0.0), np.tile([0.6, 0.4], (3, 1)))
    w = around_weights(rng, 1000, [0.5, 0.5, 0.0], 0.5)  # a zero weight stays zero
    assert np.all(w[:, 2] == 0) and np.allclose(w.sum(axis=1), 1)
    with pytest.raises(ValueError, match="summing to 1"):
        around_weights(rng, 3, [0.6, 0.6], 0.1)


def test_smaa_modes_draw_from_their_samplers() -> None:
    """Central weights of an alternative that always wins are the sampler's mean."""
    values = np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    uncertainty = Uncertainty(weight_order=("c2", "c0", "c1"), weight_spread=0.4)
    problem = matrix_problem(values, uncertainty=uncertainty, weights=[2, 3, 5])
    roc = np.array([sum(1 / k for k in range(i, 4)) / 3 for i in range(1, 4)])
    ordinal = smaa(problem, samples=50_000, weights="ordinal")
    assert ordinal.first_rank.tolist() == [1.0, 0.0]
    assert ordinal.central_weights[0][[2, 0, 1]] == pytest.approx(roc, abs=4 * ordinal.central_weights_se[0].max())
    around = smaa(problem, samples=20_000, weights="around")
    low, high = np.array([0.2, 0.3, 0.5]) * 0.6, np.array([0.2, 0.3, 0.5]) * 1.4
    assert np.all((around.central_weights[0] > low) & (around.central_weights[0] < high))
    assert np.isnan(around.central_weights[1]).all()


# ----- seeding and determinism ------------------------------------------------------------
@pytest.mark.parametrize(
    ("m", "vary", "mode"),
    [(SMALL, False, "uniform"), (SMALL, True, "ordinal"), (LARGE, False, "uniform"), (LARGE, True, "around")],
)
def test_results_are_identical_for_a_seed_whatever_the_workers(m: int, vary: bool, mode: str) -> None:
    rng = np.random.default_rng(m)
    values = rng.uniform(0.2, 0.8, (m, 4))
    problem = matrix_problem(
        values,
        low=values - 0.2 * rng.random((m, 4)),
        high=values + 0.2 * rng.random((m, 4)),
        uncertainty=Uncertainty(weight_order=("c1", "c3")),
    )
    runs = [smaa(problem, samples=30_000, seed=7, weights=mode, vary_scores=vary, workers=w) for w in (1, 2, 2, 3)]
    assert all(run.equals(runs[0]) for run in runs[1:])
    other = smaa(problem, samples=30_000, seed=8, weights=mode, vary_scores=vary, workers=2)
    assert not other.equals(runs[0])
    assert not np.array_equal(other.rank_acceptability, runs[0].rank_acceptability)


def test_results_span_many_chunks_deterministically() -> None:
    problem = shipped()
    a = smaa(problem, samples=250_001, seed=1, workers=1)
    b = smaa(problem, samples=250_001, seed=1, workers=2)
    assert a.equals(b)
    np.testing.assert_allclose(a.rank_acceptability.sum(axis=1), 1.0)


# ----- properties --------------------------------------------------------------------------
@pytest.mark.parametrize("m", [SMALL, LARGE])
def test_permuting_alternatives_permutes_every_output(m: int) -> None:
    rng = np.random.default_rng(20 + m)
    values = rng.uniform(0, 1, (m, 4))
    perm = rng.permutation(m)
    base = smaa(matrix_problem(values), samples=20_000, seed=5)
    moved = smaa(matrix_problem(values[perm]), samples=20_000, seed=5)
    for name in ("rank_acceptability", "holistic", "confidence"):
        np.testing.assert_array_equal(getattr(moved, name), getattr(base, name)[perm])
    np.testing.assert_allclose(moved.central_weights, base.central_weights[perm], rtol=1e-12, equal_nan=True)
    np.testing.assert_array_equal(moved.pairwise_winning, base.pairwise_winning[np.ix_(perm, perm)])


@pytest.mark.parametrize("m", [SMALL, LARGE])
def test_a_dominated_alternative_is_never_first(m: int) -> None:
    rng = np.random.default_rng(30 + m)
    values = rng.uniform(0.3, 1, (m, 4))
    values[-1] = values[0] - np.array([0.0, 0.1, 0.0, 0.05])  # dominated by A0
    fixed = smaa(matrix_problem(values), samples=30_000, seed=2)
    assert fixed.first_rank[-1] == 0.0
    assert fixed.pairwise_winning[0, -1] == 1.0
    assert np.isnan(fixed.central_weights[-1]).all() and np.isnan(fixed.confidence[-1])
    low, high = values - 0.01, values + 0.01
    low[0], high[-1] = values[0], values[-1]  # ranges that never cross: A0 only up, the last only down
    varied = smaa(matrix_problem(values, low=low, high=high), samples=30_000, seed=2)
    assert varied.scores_mode == "uncertain"
    assert varied.first_rank[-1] == 0.0


@pytest.mark.parametrize("m", [SMALL, LARGE])
def test_acceptabilities_add_up_without_ties(m: int) -> None:
    rng = np.random.default_rng(40 + m)
    values = rng.uniform(0, 1, (m, 3))
    result = smaa(matrix_problem(values, low=values - 0.1, high=values + 0.1), samples=20_000, seed=4)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=0), 1.0, rtol=0, atol=1e-12)
    pairwise = result.pairwise_winning + result.pairwise_winning.T
    np.testing.assert_allclose(pairwise[~np.eye(m, dtype=bool)], 1.0, rtol=0, atol=1e-12)
    assert np.all(np.diag(result.pairwise_winning) == 0)
    rows = ~np.isnan(result.central_weights).any(axis=1)
    np.testing.assert_allclose(result.central_weights[rows].sum(axis=1), 1.0, rtol=1e-12)
    assert np.all((result.confidence[rows] >= 0) & (result.confidence[rows] <= 1))


@pytest.mark.parametrize("m", [SMALL, LARGE])
def test_identical_alternatives_tie_and_share_the_better_rank(m: int) -> None:
    rng = np.random.default_rng(50 + m)
    values = rng.uniform(0, 1, (m, 3))
    values[1] = values[0]
    result = smaa(matrix_problem(values), samples=20_000, seed=6)
    np.testing.assert_array_equal(result.rank_acceptability[0], result.rank_acceptability[1])
    assert result.pairwise_winning[0, 1] == result.pairwise_winning[1, 0] == 0.0
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)
    if result.first_rank[0] > 0:  # the tie's rank is shared, so the next rank goes unused by the pair
        assert result.rank_acceptability[:, 0].sum() > 1.0


def test_structural_ties_with_fixed_weights_share_first_place() -> None:
    """Spread 0 pins the weights at (0.5, 0.5): A0 = (1, 0) and A1 = (0, 1) then tie in every draw."""
    for m in (SMALL, LARGE):
        values = np.vstack([[[1.0, 0.0], [0.0, 1.0]], np.full((m - 2, 2), 0.2)])
        problem = matrix_problem(values, uncertainty=Uncertainty(weight_spread=0.0))
        result = smaa(problem, samples=5_000, weights="around")
        assert result.first_rank[:2].tolist() == [1.0, 1.0]
        assert result.rank_acceptability[2:, 2].tolist() == [1.0] * (m - 2)
        assert result.confidence[:2].tolist() == [1.0, 1.0]


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_rank_acceptability_is_a_distribution_for_any_small_problem(m: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = np.round(rng.uniform(0, 1, (m, n)), 1)  # coarse values make ties likely
    result = smaa(matrix_problem(values), samples=500, seed=seed % 1000, workers=1)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)
    assert np.all(result.rank_acceptability.sum(axis=0)[:1] >= 1.0 - 1e-12)
    assert np.all(result.pairwise_winning + result.pairwise_winning.T <= 1.0 + 1e-12)


def test_holistic_acceptability_uses_the_meta_weights() -> None:
    result = smaa(shipped(), samples=20_000, seed=1)
    m = 5
    assert result.meta_weights.tolist() == [1.0, 0.75, 0.5, 0.25, 0.0]  # (m - r) / (m - 1)
    np.testing.assert_allclose(result.holistic, result.rank_acceptability @ result.meta_weights)
    first_only = smaa(shipped(), samples=20_000, seed=1, meta_weights=[1, 0, 0, 0, 0])
    np.testing.assert_array_equal(first_only.holistic, first_only.first_rank)
    np.testing.assert_allclose(first_only.holistic_se, first_only.rank_acceptability_se[:, 0])
    with pytest.raises(RequestError, match=f"expected {m} finite numbers"):
        smaa(shipped(), samples=10, meta_weights=[1, 0])


def test_confidence_factors_are_exact_with_fixed_scores() -> None:
    result = smaa(shipped(), samples=20_000, vary_scores=False)
    assert result.scores_mode == "fixed" and result.confidence_samples == 0
    ever_first = result.first_rank > 0
    assert set(result.confidence[ever_first].tolist()) <= {0.0, 1.0}
    assert np.isnan(result.confidence[~ever_first]).all()


# ----- the shipped model, output, errors --------------------------------------------------
def test_shipped_model_runs_and_reports() -> None:
    calls: list[tuple[int, int]] = []
    result = smaa(shipped(), samples=20_000, seed=0, progress=lambda done, total: calls.append((done, total)))
    assert isinstance(result, SmaaResult)
    assert result.scores_mode == "uncertain" and result.weights_mode == "uniform"
    assert calls[-1] == (40_000, 40_000) and all(a[0] <= b[0] for a, b in itertools.pairwise(calls))
    table = result.table
    assert list(table.columns[:6]) == ["alternative", "first", "first_se", "holistic", "holistic_se", "confidence"]
    assert table.columns[6] == "confidence_se"
    assert list(table.columns[7:]) == [f"rank_{r}" for r in range(1, 6)]
    assert table["alternative"].iloc[0] == "Turkey" and table["first"].is_monotonic_decreasing
    data = json.loads(json.dumps(result.to_dict()))
    assert {"seed", "samples", "weights_mode", "scores_mode", "meta_weights"} <= set(data)
    assert data["alternatives"][0]["alternative"] == "Turkey"
    for mode in ("ordinal", "around"):
        assert smaa(shipped(), samples=5_000, weights=mode).first_rank.sum() == pytest.approx(1.0)


def test_decision_drivers_on_the_shipped_model() -> None:
    drivers = decision_drivers(shipped(), samples=20_000, seed=0)
    assert isinstance(drivers, DecisionDrivers)
    assert drivers.winner == "Turkey"
    # the base run reuses smaa's draws: the same number, exactly
    assert drivers.base == smaa(shipped(), samples=20_000, seed=0).first_rank[0]
    table = drivers.table
    assert list(table.columns) == ["alternative", "criterion", "low", "high", "first_if_low", "first_if_high", "impact"]
    assert len(table) == 25 and table["impact"].is_monotonic_decreasing
    assert np.all(table["low"] < table["high"])
    top = table.iloc[0]
    assert top["impact"] == pytest.approx(
        max(abs(top["first_if_low"] - drivers.base), abs(top["first_if_high"] - drivers.base))
    )
    assert json.loads(json.dumps(drivers.to_dict()))["winner"] == "Turkey"


def test_decision_drivers_agree_with_fixing_the_cell() -> None:
    """Fixing a cell at an end by hand gives the same acceptability, up to Monte Carlo noise."""
    values = np.array([[0.6, 0.5], [0.5, 0.6], [0.45, 0.45]])
    low, high = values - 0.1, values + 0.1
    problem = matrix_problem(values, low=low, high=high)
    samples = 40_000
    drivers = decision_drivers(problem, samples=samples, seed=3)
    winner = problem.alternative_names.index(drivers.winner)
    row = drivers.table.iloc[0]
    i, j = problem.alternative_names.index(row["alternative"]), int(row["criterion"][1:])
    for end, column in ((low, "first_if_low"), (high, "first_if_high")):
        pinned_low, pinned_high = low.copy(), high.copy()
        pinned_low[i, j] = pinned_high[i, j] = end[i, j]
        direct = smaa(matrix_problem(values, low=pinned_low, high=pinned_high), samples=samples, seed=9)
        p = direct.first_rank[winner]
        assert abs(row[column] - p) <= 4 * math.sqrt(2 * p * (1 - p) / samples)
    # a cell of a hopeless alternative cannot move the winner
    hopeless = matrix_problem(
        np.vstack([values, [0.0, 0.0]]), low=np.vstack([low, [0.0, 0.0]]), high=np.vstack([high, [0.05, 0.05]])
    )
    table = decision_drivers(hopeless, samples=5_000).table
    assert np.all(table.loc[table["alternative"] == "A3", "impact"] == 0.0)


def test_decision_drivers_reuse_the_smaa_draws_with_many_alternatives() -> None:
    rng = np.random.default_rng(60)
    values = rng.uniform(0.2, 0.8, (LARGE, 3))
    problem = matrix_problem(values, low=values - 0.15, high=values + 0.15)
    drivers = decision_drivers(problem, samples=20_000, seed=4, workers=2)
    result = smaa(problem, samples=20_000, seed=4)
    winner = int(np.argmax(result.first_rank))
    assert drivers.winner == problem.alternative_names[winner]
    assert drivers.base == result.first_rank[winner]
    assert len(drivers.table) == LARGE * 3
    own = drivers.table[drivers.table["alternative"] == drivers.winner]
    assert np.all(own["first_if_high"] >= own["first_if_low"])  # a benefit criterion: higher helps the winner


def test_decision_drivers_without_uncertain_cells() -> None:
    drivers = decision_drivers(matrix_problem(np.array([[0.2, 0.9], [0.8, 0.1]])), samples=2_000)
    assert drivers.table.empty and drivers.to_dict()["cells"] == []


def test_requests_that_cannot_be_honoured() -> None:
    with pytest.raises(RequestError, match=r"unknown weights mode 'unifrom'.*did you mean 'uniform'\?"):
        smaa(shipped(), samples=10, weights="unifrom")
    bare = matrix_problem(np.array([[0.2, 0.9], [0.8, 0.1]]))
    with pytest.raises(RequestError, match=r"set `uncertainty.weight_order` in the model file"):
        smaa(bare, samples=10, weights="ordinal")
    with pytest.raises(RequestError, match="weight_order"):
        decision_drivers(bare, samples=10, weights="ordinal")
    for kwargs in ({"samples": 0}, {"seed": -1}, {"workers": 0}, {"samples": 1.5}):
        with pytest.raises(RequestError):
            smaa(bare, **kwargs)


def test_the_library_never_prints_and_the_cli_path_never_loads_scipy(capsys: pytest.CaptureFixture[str]) -> None:
    smaa(shipped(), samples=2_000)
    decision_drivers(shipped(), samples=2_000)
    assert capsys.readouterr() == ("", "")
    probe = "import sys, model, model.analysis.smaa; print('scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_results_are_read_only() -> None:
    result = smaa(shipped(), samples=1_000)
    with pytest.raises(ValueError, match="read-only"):
        result.rank_acceptability[0, 0] = 1.0
