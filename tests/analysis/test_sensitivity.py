"""Exact sensitivity analyses of the additive model, checked against brute force and by re-evaluation.

Every threshold the module computes exactly is checked here by an independent route: dense
sweeps of the weights (20,001 points), a fine grid over the weight simplex for the LP, dense
sampling of the ordered simplex, and re-ranking problems whose inputs sit just before and
just after each reported boundary with :func:`model.evaluate`.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

import model
from model import DecisionProblem, RequestError
from model.analysis.sensitivity import (
    analyse,
    critical_criteria,
    min_weight_change,
    ordered_simplex_vertices,
    ordinal_dominance,
    score_sensitivity,
    stability_intervals,
    sweep_lines,
    tornado,
    weight_sweeps,
)
from model.problem import Uncertainty
from model.ranking import TIE_TOLERANCE, evaluate

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"  # v0.1 encoding, frozen
GRID = np.linspace(0.0, 1.0, 20_001)
Array = NDArray[np.float64]


# ----- building problems ------------------------------------------------------------------
def matrix_problem(
    values: Any,
    weights: Sequence[float],
    *,
    directions: Sequence[str] | None = None,
    scale: Any = (0.0, 1.0),
    low: Any = None,
    high: Any = None,
    alternatives: Sequence[str] | None = None,
    order: Sequence[str] = (),
) -> DecisionProblem:
    values = np.asarray(values, dtype=float)
    m, n = values.shape
    return DecisionProblem.from_matrix(
        values,
        alternatives=list(alternatives or [f"A{i + 1}" for i in range(m)]),
        criteria=[f"C{j + 1}" for j in range(n)],
        weights=list(weights),
        directions=list(directions) if directions is not None else None,  # type: ignore[arg-type]
        scale=scale,
        low=low,
        high=high,
        uncertainty=Uncertainty(weight_order=tuple(order)),
    )


def random_problem(seed: int, m: int, n: int, *, intervals: bool = False) -> DecisionProblem:
    """Continuous random scores on random scales, mixed directions, random weights (no ties)."""
    rng = np.random.default_rng(seed)
    bottom = rng.integers(0, 5, n).astype(float)
    top = bottom + rng.integers(1, 10, n)
    values = bottom + rng.random((m, n)) * (top - bottom)
    low = high = None
    if intervals:
        half = rng.random((m, n)) * (top - bottom) * 0.3
        low, high = np.maximum(values - half, bottom), np.minimum(values + half, top)
    return matrix_problem(
        values,
        list(rng.dirichlet(np.ones(n)) * rng.uniform(1, 100)),
        directions=list(rng.choice(["benefit", "cost"], n)),
        scale=list(zip(bottom, top, strict=True)),
        low=low,
        high=high,
    )


def with_cell(problem: DecisionProblem, i: int, k: int, value: float) -> DecisionProblem:
    """A copy of a matrix problem with one cell's value replaced (a point)."""
    values = np.array(problem.values)
    values[i, k] = value
    return DecisionProblem.from_matrix(
        values,
        alternatives=list(problem.alternative_names),
        criteria=list(problem.criterion_ids),
        weights=list(problem.weights),
        directions=[c.direction for c in problem.criteria],
        scale=[(c.scale.min, c.scale.max) for c in problem.criteria],
    )


def proportional(weights: Array, k: int, t: float | Array) -> Array:
    """Weight vectors with criterion k at t and the others rescaled proportionally (w_k < 1)."""
    t = np.atleast_1d(np.asarray(t, dtype=float))
    out = np.outer(1.0 - t, weights / (1.0 - weights[k]))
    out[:, k] = t
    return out


def grid_scores(problem: DecisionProblem, k: int, grid: Array = GRID) -> Array:
    """Brute force: scores (grid × alternatives) from the ranking's own normalised values."""
    normalized = np.array(evaluate(problem).details["normalized"])
    return proportional(np.array(problem.normalized_weights), k, grid) @ normalized.T


@cache
def shipped() -> DecisionProblem:
    return model.load(REFERENCE)


# ----- weight sweeps ----------------------------------------------------------------------
def test_sweep_lines_are_the_scores_under_proportional_weights() -> None:
    problem = random_problem(7, 4, 3)
    sweeps = weight_sweeps(problem)
    for k, crit in enumerate(problem.criterion_ids):
        for t in (0.0, 0.137, float(problem.normalized_weights[k]), 1.0):
            weights = proportional(np.array(problem.normalized_weights), k, t)[0]
            expected = evaluate(problem.with_weights(dict(zip(problem.criterion_ids, weights, strict=True)))).scores
            assert sweeps.scores_at(crit, t) == pytest.approx(expected, abs=1e-12)
    assert sweeps.scores_at("C1", float(problem.normalized_weights[0])) == pytest.approx(evaluate(problem).scores)


@pytest.mark.parametrize(("seed", "m", "n"), [(0, 3, 2), (1, 4, 3), (2, 5, 4), (3, 6, 5), (4, 5, 3), (5, 4, 5)])
def test_crossovers_sit_where_a_dense_sweep_sees_the_order_change(seed: int, m: int, n: int) -> None:
    problem = random_problem(seed, m, n)
    sweeps = weight_sweeps(problem)
    names = problem.alternative_names
    keys = [(problem.criterion_ids.index(c.criterion), c.weight) for c in sweeps.crossovers]
    assert keys == sorted(keys)
    assert all(0.0 <= c.weight <= 1.0 for c in sweeps.crossovers)
    for k, crit in enumerate(problem.criterion_ids):
        scores = grid_scores(problem, k)
        found = [c for c in sweeps.crossovers if c.criterion == crit]
        seen = 0
        for a in range(m):
            for b in range(a + 1, m):
                sign = np.sign(scores[:, a] - scores[:, b])
                cells = np.flatnonzero(sign[1:] != sign[:-1])
                mine = [c for c in found if {c.gainer, c.loser} == {names[a], names[b]}]
                assert len(mine) == len(cells)  # lines cross at most once, and never unseen
                for crossing, g in zip(mine, cells, strict=True):
                    gainer, loser = names.index(crossing.gainer), names.index(crossing.loser)
                    assert GRID[g] <= crossing.weight <= GRID[g + 1]
                    assert scores[g, gainer] < scores[g, loser]  # below the crossing the loser leads
                    assert scores[g + 1, gainer] > scores[g + 1, loser]  # above it the gainer does
                seen += len(cells)
        assert seen == len(found)


def test_a_criterion_holding_all_the_weight_shares_the_rest_equally() -> None:
    """w_k = 1: the others have no proportions, so they share 1 - t equally (documented)."""
    problem = matrix_problem([[1.0, 0.2, 0.6], [0.0, 0.9, 0.4]], [1, 0, 0])
    sweeps = weight_sweeps(problem)
    assert sweeps.scores_at("C1", 0.4) == pytest.approx([0.4 + 0.3 * (0.2 + 0.6), 0.0 + 0.3 * (0.9 + 0.4)])
    # A2 (0.65 at t = 0) overtakes A1 (0.4) as the weight falls: they cross at t = 0.25 / 1.25 = 0.2
    assert [(c.criterion, c.gainer, c.loser) for c in sweeps.crossovers if c.criterion == "C1"] == [("C1", "A1", "A2")]
    assert next(c.weight for c in sweeps.crossovers if c.criterion == "C1") == pytest.approx(0.2)
    assert stability_intervals(problem).top[0] == pytest.approx([0.2, 1.0])


def test_identical_lines_never_cross_and_do_not_fix_the_ranking() -> None:
    problem = matrix_problem([[0.5, 0.5], [0.5, 0.5], [0.9, 0.0]], [1, 1])
    sweeps = weight_sweeps(problem)
    assert not [c for c in sweeps.crossovers if {c.gainer, c.loser} == {"A1", "A2"}]
    stability = stability_intervals(problem)
    assert stability.ranking[0] == pytest.approx([0.0, 5 / 9])  # A3 (0.9 t) meets the twins (0.5) at 5/9


def test_a_tie_now_holds_the_winner_on_one_side_and_fixes_the_ranking() -> None:
    """Tie policy: A1 and A2 tie at w = (1/2, 1/2); A1 (first by file order) gains with C1."""
    problem = matrix_problem([[0.8, 0.2], [0.2, 0.8], [0.1, 0.1]], [1, 1])
    stability = stability_intervals(problem)
    assert stability.winner == "A1"
    assert stability.top[0] == pytest.approx([0.5, 1.0])
    assert stability.top[1] == pytest.approx([0.0, 0.5])
    assert stability.ranking.tolist() == [[0.5, 0.5], [0.5, 0.5]]


# ----- stability intervals ----------------------------------------------------------------
@pytest.mark.parametrize(("seed", "m", "n"), [(0, 3, 2), (1, 4, 3), (2, 5, 4), (3, 6, 5), (8, 3, 3), (9, 6, 3)])
def test_stability_intervals_match_a_dense_sweep(seed: int, m: int, n: int) -> None:
    problem = random_problem(seed, m, n)
    stability = stability_intervals(problem)
    ranking = evaluate(problem)
    assert stability.winner == ranking.winners[0]
    for k in range(n):
        scores = grid_scores(problem, k)
        first = scores.argmax(axis=1) == ranking.order[0]
        same = (np.argsort(-scores, axis=1, kind="stable") == ranking.order).all(axis=1)
        for (low, high), holds in ((stability.top[k], first), (stability.ranking[k], same)):
            assert low <= problem.normalized_weights[k] <= high
            assert holds[(low < GRID) & (high > GRID)].all()
            if low > 0:  # the grid point just below the exact end already breaks it
                assert not holds[np.searchsorted(GRID, low) - 1]
            if high < 1:
                assert not holds[np.searchsorted(GRID, high, side="right")]


def test_stability_table_and_dict() -> None:
    stability = stability_intervals(random_problem(1, 4, 3))
    assert list(stability.table.columns) == [
        "criterion",
        "current_weight",
        "top_low",
        "top_high",
        "ranking_low",
        "ranking_high",
    ]
    assert set(stability.to_dict()["criteria"]) == {"C1", "C2", "C3"}


# ----- Triantaphyllou & Sánchez ------------------------------------------------------------
# Hand-computed from the WSM theorem with exact fractions; see the test's docstring.
TS_MATRIX = [
    [0.3088, 0.2897, 0.3867, 0.1922],
    [0.2163, 0.3458, 0.1755, 0.6288],
    [0.4509, 0.2473, 0.1194, 0.0575],
    [0.0240, 0.1172, 0.3184, 0.1215],
]
TS_WEIGHTS = [0.3277, 0.3058, 0.2876, 0.0790]
TS_RELATIVE = {  # criterion -> relative % for pairs (1,2) (1,3) (1,4) (2,3) (2,4) (3,4); None: infeasible
    "C1": [None, -115.7848, None, -18.8739, None, 83.9138],
    "C2": [-229.7040, None, None, 48.1717, None, None],
    "C3": [64.8763, 70.1349, None, 89.9319, -320.9429, -205.1134],
    "C4": [-114.2505, None, None, 32.1495, None, -2321.8218],
}
TS_INFEASIBLE_RELATIVE = {("C1", 0): 130.0022, ("C2", 1): 415.8327, ("C4", 4): 329.1220, ("C3", 2): 872.1027}


def test_critical_criteria_on_the_triantaphyllou_sanchez_example_hand_computed() -> None:
    """Triantaphyllou, E., Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151–194,
    the WSM example (also Triantaphyllou 2000, *Multi-Criteria Decision Making Methods*, ch. 8):
    four alternatives, four criteria, weights (0.3277, 0.3058, 0.2876, 0.0790).

    HAND-COMPUTED, NOT THE PRINTED FIGURES: the paper's printed tables could not be retrieved
    (the copies reachable offered only the abstract). The matrix is the paper's example as we
    recall it, an unverified transcription. Every expected figure below was computed by hand
    from Theorem 1, ``delta' = (P_j - P_i) / (a_jk - a_ik)`` with feasibility
    ``delta' <= W_k``, in exact fractions, then rounded to 4 decimals (tolerance 5e-5 on the
    percentages). The printed weights sum to 1.0001; relative changes do not depend on that
    scale, and the scores below are on the weights divided by their sum.
    """
    problem = matrix_problem(TS_MATRIX, TS_WEIGHTS)
    assert evaluate(problem).scores == pytest.approx([0.316151, 0.276748, 0.262240, 0.144860], abs=5e-7)
    critical = critical_criteria(problem)
    table = critical.table
    assert list(table.columns) == ["criterion", "better", "worse", "delta", "relative_percent", "feasible"]
    pairs = [("A1", "A2"), ("A1", "A3"), ("A1", "A4"), ("A2", "A3"), ("A2", "A4"), ("A3", "A4")]
    assert list(zip(table.better, table.worse, strict=True)) == pairs * 4
    for crit, expected in TS_RELATIVE.items():
        rows = table[table.criterion == crit]
        assert rows.feasible.tolist() == [e is not None for e in expected]
        for (_, row), value in zip(rows.iterrows(), expected, strict=True):
            if value is not None:
                assert row.relative_percent == pytest.approx(value, abs=5e-5)
    for (crit, pair), value in TS_INFEASIBLE_RELATIVE.items():
        assert table[table.criterion == crit].relative_percent.iloc[pair] == pytest.approx(value, abs=5e-5)
    assert table.delta.iloc[3] == pytest.approx(-0.061844, abs=5e-7)  # C1, A2 vs A3
    assert table.delta.iloc[12] == pytest.approx(0.186566, abs=5e-7)  # C3, A1 vs A2
    # PT: the smallest change that alters the top (pairs with A1): C3, lowering it by 64.88 %
    assert critical.percent_top is not None and critical.percent_top[0] == "C3"
    assert critical.percent_top[2] == pytest.approx(64.8763, abs=5e-5)
    # PA: any pair: C1, raising it by 18.87 % swaps A2 and A3
    assert critical.percent_any is not None and critical.percent_any[0] == "C1"
    assert critical.percent_any[2] == pytest.approx(-18.8739, abs=5e-5)
    assert critical.criticality == pytest.approx([18.8739, 48.1717, 64.8763, 32.1495], abs=5e-5)
    assert critical.sensitivity == pytest.approx(1 / np.array([18.8739, 48.1717, 64.8763, 32.1495]), rel=1e-5)


def test_each_feasible_critical_change_ties_its_pair_when_re_evaluated() -> None:
    """W*_k = W_k - delta (others kept, then renormalised) ties the pair; a bit further swaps it."""
    for problem in (matrix_problem(TS_MATRIX, TS_WEIGHTS), random_problem(21, 5, 4)):
        critical = critical_criteria(problem)
        weights = np.array(problem.normalized_weights)
        for row in critical.table.to_dict("records"):
            k = problem.criterion_ids.index(row["criterion"])
            i, j = problem.alternative_names.index(row["better"]), problem.alternative_names.index(row["worse"])
            delta = float(row["delta"])
            if not row["feasible"]:
                assert np.isnan(delta) or weights[k] - delta < 0
                continue
            for factor, swapped in ((1.0, None), (1.0 + 1e-6, True), (1.0 - 1e-6, False)):
                new = weights.copy()
                new[k] = weights[k] - delta * factor
                if new[k] < 0:
                    continue
                scores = evaluate(problem.with_weights(dict(zip(problem.criterion_ids, new, strict=True)))).scores
                if swapped is None:
                    assert scores[i] == pytest.approx(scores[j], abs=1e-12)
                else:
                    assert bool(scores[j] > scores[i]) == swapped


# ----- minimum weight change --------------------------------------------------------------
def simplex_grid(step: int = 200) -> Array:
    i, j = np.meshgrid(np.arange(step + 1), np.arange(step + 1), indexing="ij")
    keep = i + j <= step
    return np.column_stack([i[keep], j[keep], step - i[keep] - j[keep]]) / step


@pytest.mark.parametrize("seed", [30, 31, 32, 33])
def test_min_weight_change_lp_beats_every_point_of_a_fine_simplex_grid(seed: int) -> None:
    problem = random_problem(seed, 5, 3)
    result = min_weight_change(problem)
    grid = simplex_grid()
    normalized = np.array(evaluate(problem).details["normalized"])
    scores = grid @ normalized.T
    current = np.array(problem.normalized_weights)
    distance = np.abs(grid - current).sum(axis=1)
    assert result.distances[problem.alternative_names.index(result.winner)] == 0
    for a in range(5):
        first = scores[:, a] >= scores.max(axis=1) - 1e-12
        if not np.isfinite(result.distances[a]):
            assert not first.any() and np.isnan(result.weights[a]).all()
            continue
        found = result.weights[a]
        assert found.sum() == pytest.approx(1.0, abs=1e-9) and (found >= 0).all()
        assert np.abs(found - current).sum() == pytest.approx(result.distances[a], abs=1e-12)
        at = normalized @ found
        assert at[a] >= at.max() - 1e-9  # the LP's weights really put a first
        if first.any():
            assert distance[first].min() >= result.distances[a] - 1e-9  # no grid point is closer
            assert distance[first].min() <= result.distances[a] + 0.05


def test_min_weight_change_is_infinite_for_an_alternative_that_can_never_lead() -> None:
    problem = matrix_problem([[0.9, 0.8], [0.2, 0.1], [0.1, 0.9]], [1, 1])
    result = min_weight_change(problem)
    assert result.distances[1] == np.inf and np.isnan(result.weights[1]).all()
    # A3 leads A1 iff 0.1 w1 + 0.9 w2 >= 0.9 w1 + 0.8 w2, i.e. w1 <= 1/9: move 0.5 - 1/9 of weight
    assert result.distances[2] == pytest.approx(2 * (0.5 - 1 / 9), abs=1e-9)
    assert result.weights[2] == pytest.approx([1 / 9, 8 / 9], abs=1e-9)
    assert result.table.distance.tolist()[0] == 0.0
    json.dumps(result.to_dict(), allow_nan=False)


# ----- ordinal dominance ------------------------------------------------------------------
def test_ordered_simplex_vertices_are_the_rank_order_vertices() -> None:
    assert ordered_simplex_vertices(3, [0, 1, 2]).tolist() == [[1, 0, 0], [0.5, 0.5, 0], [1 / 3, 1 / 3, 1 / 3]]
    assert ordered_simplex_vertices(4, [3, 1]).tolist() == [[0, 0, 0, 1], [0, 0.5, 0, 0.5], [1, 0, 0, 0], [0, 0, 1, 0]]


@pytest.mark.parametrize(
    ("seed", "m", "n", "chain"),
    [(40, 6, 3, [0, 1, 2]), (41, 6, 4, [2, 0, 3, 1]), (42, 6, 4, [1, 3]), (43, 5, 3, [2]), (44, 8, 3, [1, 0, 2])],
)
def test_ordinal_dominance_matches_dense_sampling_of_the_ordered_simplex(
    seed: int, m: int, n: int, chain: list[int]
) -> None:
    problem = random_problem(seed, m, n)
    order = [problem.criterion_ids[c] for c in chain]
    result = ordinal_dominance(problem, order)
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(n), 200_000)
    weights[:, chain] = -np.sort(-weights[:, chain], axis=1)  # uniform on the ordered simplex
    normalized = np.array(evaluate(problem).details["normalized"])
    scores = weights @ normalized.T
    exact = normalized @ result.extreme_points.T
    for a in range(m):
        for b in range(m):
            if a == b:
                continue
            sampled = scores[:, a] - scores[:, b]
            if result.dominates[a, b]:
                assert sampled.min() >= -1e-12
            if np.min(exact[a] - exact[b]) < -1e-3:  # clearly not dominating: sampling shows it
                assert sampled.min() < 0 and not result.dominates[a, b]
        lead = scores[:, a] - np.delete(scores, a, axis=1).max(axis=1)
        if (lead > 0).any():
            assert result.potentially_optimal[a]
        if result.potentially_optimal[a]:
            assert lead.max() > -0.05
        else:
            assert (lead < 0).all()


def test_an_alternative_first_only_as_a_tie_inside_the_polytope_is_potentially_optimal() -> None:
    """A3 ties A1 and A2 at w = (1/2, 1/2) and trails everywhere else; neither vertex shows it.
    A4 and A5 are identical: neither dominates the other (dominance needs > somewhere)."""
    problem = matrix_problem([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [0.4, 0.5], [0.4, 0.5]], [1, 1])
    result = ordinal_dominance(problem, ["C1"])
    assert result.potentially_optimal.tolist() == [True, True, True, False, False]
    assert result.dominates[2, 3] and not result.dominates[3, 2]
    assert not result.dominates[3, 4] and not result.dominates[4, 3]
    assert result.table.dominated_by.tolist() == ["", "", "", "A3", "A3"]


def test_ordinal_dominance_needs_an_order() -> None:
    problem = random_problem(1, 3, 3)
    with pytest.raises(RequestError, match=r"uncertainty\.weight_order"):
        ordinal_dominance(problem)
    with pytest.raises(RequestError, match="did you mean 'C2'"):
        ordinal_dominance(problem, ["C1", "C22"])
    with pytest.raises(RequestError, match="at most once"):
        ordinal_dominance(problem, ["C1", "C1"])
    assert analyse(problem).ordinal is None


# ----- score sensitivity ------------------------------------------------------------------
def ranks_of(problem: DecisionProblem) -> tuple[Any, Any]:
    ranking = evaluate(problem)
    return ranking.ranks, ranking.winners


@pytest.mark.parametrize("seed", [50, 51, 52])
def test_score_boundaries_hold_just_before_and_break_just_after(seed: int) -> None:
    problem = random_problem(seed, 4, 3)
    result = score_sensitivity(problem)
    names = problem.alternative_names
    winner = names.index(result.winner)
    current_order = list(evaluate(problem).order)
    checked = 0
    for i in range(4):
        for k, crit in enumerate(problem.criteria):
            lo, hi, value = crit.scale.min, crit.scale.max, problem.values[i, k]
            step = 1e-5 * (hi - lo)
            change = result.change_to_top[i, k]
            if np.isnan(change):
                # even the end of the scale that helps the change leaves the top as it is
                helps = (hi if crit.is_benefit else lo) if i != winner else (lo if crit.is_benefit else hi)
                ranks, winners = ranks_of(with_cell(problem, i, k, helps))
                assert winners[0] == result.winner
                continue
            direction = np.sign(change)
            ranks, winners = ranks_of(with_cell(problem, i, k, value + change - direction * step))
            assert winners == (result.winner,)
            beyond = value + change + direction * step
            if lo <= beyond <= hi:
                ranks, winners = ranks_of(with_cell(problem, i, k, beyond))
                assert (ranks[i] > 1) if i == winner else (winners == (names[i],))
                checked += 1
            swap, partner = result.change_to_swap[i, k], int(result.swaps_with[i, k])
            if np.isnan(swap):
                continue
            assert abs(current_order.index(i) - current_order.index(partner)) == 1
            above = current_order.index(i) < current_order.index(partner)
            before = evaluate(with_cell(problem, i, k, value + swap - np.sign(swap) * step)).scores
            assert bool(before[i] > before[partner]) == above
            beyond = value + swap + np.sign(swap) * step
            if lo <= beyond <= hi:
                after = evaluate(with_cell(problem, i, k, beyond)).scores
                assert bool(after[i] > after[partner]) != above
    assert checked > 0


def test_the_smaller_swap_wins_hand_computed() -> None:
    """Scores A 0.55, B 0.50, C 0.30 (two benefit criteria on 0–10, equal weights): one point
    moves a score by 0.05, so B passes A with +1 on either cell, or falls to C with -4."""
    problem = matrix_problem([[6, 5], [5, 5], [3, 3]], [1, 1], scale=(0, 10), alternatives=["A", "B", "C"])
    result = score_sensitivity(problem)
    assert result.change_to_swap == pytest.approx(np.array([[-1, -1], [1, 1], [4, 4]]))
    assert result.swaps_with.tolist() == [[1, 1], [0, 0], [1, 1]]
    assert result.change_to_top == pytest.approx(np.array([[-1, -1], [1, 1], [5, 5]]))


EVIDENCE_YAML = """\
version: 1
title: Close race
criteria:
  a: {direction: benefit, weight: 1, scale: {min: 0, max: 10}}
  b: {direction: benefit, weight: 1, scale: {min: 0, max: 10}}
alternatives:
  A:
  B:
scores:
  A:
    a: {value: 6, confidence: high, rationale: x}
    b: {value: 5, confidence: low, rationale: x}
  B:
    a: {value: 5, confidence: medium, rationale: x}
    b: {value: unknown, rationale: x}
"""


def test_score_sensitivity_flags_the_weakest_critical_cells() -> None:
    """Every cell can flip the race (a change of 1 point); the unknown one is the weakest."""
    result = score_sensitivity(model.loads(EVIDENCE_YAML))
    table = result.table
    assert list(table.columns) == [
        "alternative",
        "criterion",
        "value",
        "change_to_top",
        "change_to_swap",
        "swaps_with",
        "critical",
        "evidence_strength",
        "weakest",
    ]
    assert table.evidence_strength.tolist() == [4, 2, 3, 0]
    assert table.change_to_top.tolist() == pytest.approx([-1.0, -1.0, 1.0, 1.0])
    assert table.swaps_with.tolist() == ["B", "B", "A", "A"]
    assert score_sensitivity(matrix_problem([[0.2], [0.7]], [1])).table.swaps_with.tolist() == ["A2", "A1"]
    assert score_sensitivity(matrix_problem([[0.2]], [1])).table.swaps_with.tolist() == [None]
    assert table.critical.all()
    assert table.weakest.tolist() == [False, False, False, True]
    demo = score_sensitivity(model.loads(model.demo.DEMO_YAML))
    assert demo.evidence_strength.tolist() == [[4, 3], [4, 1]]


# ----- tornado ----------------------------------------------------------------------------
def margin_of(problem: DecisionProblem, winner: int) -> float:
    scores = np.array(evaluate(problem).scores)
    return float(scores[winner] - np.delete(scores, winner).max())


TORNADO_SEEDS = (60, 62, 63, 65, 66, 67)  # between them, weights and cells that flip and that do not


@pytest.mark.parametrize("seed", TORNADO_SEEDS)
def test_tornado_margins_and_flip_values_re_evaluate(seed: int) -> None:
    problem = random_problem(seed, 4, 3, intervals=True)
    result = tornado(problem, weight_range=0.9)
    names = problem.alternative_names
    winner = names.index(result.winner)
    assert result.margin == pytest.approx(margin_of(problem, winner))
    swings = [bar.swing for bar in result.bars]
    assert swings == sorted(swings, reverse=True)
    assert len(result.bars) == 3 + 4 * 3
    weights = np.array(problem.normalized_weights)
    for bar in result.bars:
        k = problem.criterion_ids.index(bar.criterion)

        def at(x: float, bar: Any = bar, k: int = k) -> DecisionProblem:
            if bar.input == "weight":
                new = proportional(weights, k, x)[0]
                return problem.with_weights(dict(zip(problem.criterion_ids, new, strict=True)))
            return with_cell(problem, names.index(bar.alternative), k, x)

        now = weights[k] if bar.input == "weight" else problem.values[names.index(bar.alternative), k]
        assert bar.low <= now <= bar.high
        assert bar.margin_at_low == pytest.approx(margin_of(at(bar.low), winner), abs=1e-12)
        assert bar.margin_at_high == pytest.approx(margin_of(at(bar.high), winner), abs=1e-12)
        assert bar.swing == pytest.approx(abs(bar.margin_at_high - bar.margin_at_low))
        assert bar.flips == (min(bar.margin_at_low, bar.margin_at_high) < -TIE_TOLERANCE)
        if not bar.flips:
            assert np.isnan(bar.flip_value)
            continue
        assert bar.low <= bar.flip_value <= bar.high
        assert margin_of(at(bar.flip_value), winner) == pytest.approx(0.0, abs=1e-12)
        step = 1e-6 * np.sign(bar.flip_value - now)
        assert margin_of(at(bar.flip_value - step), winner) > 0  # on the current side: still first
        assert margin_of(at(bar.flip_value + step), winner) < 0  # beyond: overtaken


def test_a_bar_that_flips_on_both_sides_reports_the_nearer_root() -> None:
    """Hand example: A = 0.5 whatever the weight t of C1; B = 0.8 t and C = 0.9 (1 - t) catch it
    at t = 0.625 and t = 4/9. Swung over [0.05, 0.95], the margin is negative at both ends."""
    problem = matrix_problem([[0.5, 0.5], [0.8, 0.0], [0.0, 0.9]], [1, 1])
    bar = next(b for b in tornado(problem, weight_range=0.9).bars if b.input == "weight" and b.criterion == "C1")
    assert (bar.low, bar.high) == pytest.approx((0.05, 0.95))
    assert bar.margin_at_low < 0 and bar.margin_at_high < 0 and bar.flips
    assert bar.flip_value == pytest.approx(4 / 9)


def test_the_tornado_cases_are_not_vacuous() -> None:
    bars = [
        bar
        for seed in TORNADO_SEEDS
        for bar in tornado(random_problem(seed, 4, 3, intervals=True), weight_range=0.9).bars
    ]
    assert {(bar.input, bar.flips) for bar in bars} == {
        ("weight", True),
        ("weight", False),
        ("score", True),
        ("score", False),
    }


def test_tornado_rejects_a_negative_range_and_reports_the_columns() -> None:
    problem = random_problem(60, 4, 3, intervals=True)
    with pytest.raises(RequestError, match="weight_range"):
        tornado(problem, weight_range=-0.1)
    table = tornado(problem).table
    assert table[table.input == "weight"].alternative.tolist() == [None, None, None]
    assert list(table.columns) == [
        "input",
        "criterion",
        "alternative",
        "low",
        "high",
        "margin_at_low",
        "margin_at_high",
        "swing",
        "flips",
        "flip_value",
    ]


# ----- properties -------------------------------------------------------------------------
@st.composite
def small_problems(draw: st.DrawFn) -> tuple[Array, list[int], list[str], Array, Array]:
    m = draw(st.integers(2, 5))
    n = draw(st.integers(2, 4))
    values = np.array(draw(st.lists(st.integers(0, 100), min_size=m * n, max_size=m * n)), dtype=float).reshape(m, n)
    widths = np.array(draw(st.lists(st.integers(0, 30), min_size=m * n, max_size=m * n)), dtype=float).reshape(m, n)
    weights = draw(st.lists(st.integers(1, 20), min_size=n, max_size=n))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    return values, weights, directions, np.maximum(values - widths, 0), np.minimum(values + widths, 100)


def build(data: tuple[Array, list[int], list[str], Array, Array], names: Sequence[str], scale: float = 1.0) -> Any:
    values, weights, directions, low, high = data
    n = values.shape[1]
    return matrix_problem(
        values,
        [w * scale for w in weights],
        directions=directions,
        scale=(0, 100),
        low=low,
        high=high,
        alternatives=names,
        order=[f"C{j + 1}" for j in range(n)],
    )


def rows(frame: Any) -> list[tuple[Any, ...]]:
    """A DataFrame's rows, rounded, NaN as None (so that rows compare equal)."""
    frame = frame.round(9).astype(object)
    return [
        tuple(None if isinstance(v, float) and np.isnan(v) else v for v in row) for row in frame.itertuples(index=False)
    ]


def by_name(report: Any) -> dict[str, Any]:
    """Every output of a report, keyed by names so that file order does not matter."""
    names = report.sweeps.alternatives
    sweeps, critical = report.sweeps, report.critical

    def pick(found: Any) -> Any:
        return None if found is None else (found[0], round(found[1], 9), round(found[2], 7))

    return {
        "lines": {
            (c, a): (sweeps.intercepts[k, i], sweeps.slopes[k, i])
            for k, c in enumerate(sweeps.criteria)
            for i, a in enumerate(names)
        },
        "crossovers": sorted((c.criterion, round(c.weight, 9), c.gainer, c.loser) for c in sweeps.crossovers),
        "winner": (report.stability.winner, critical.winner, report.min_change.winner, report.tornado.winner),
        "stability": (report.stability.top.round(9).tolist(), report.stability.ranking.round(9).tolist()),
        "critical": rows(critical.table),
        "critical_picks": (
            pick(critical.percent_top),
            pick(critical.percent_any),
            critical.criticality.round(7).tolist(),
        ),
        "distances": {a: round(float(d), 7) for a, d in zip(names, report.min_change.distances, strict=True)},
        "ordinal": (
            {a: bool(p) for a, p in zip(names, report.ordinal.potentially_optimal, strict=True)},
            {(a, b) for i, a in enumerate(names) for j, b in enumerate(names) if report.ordinal.dominates[i, j]},
        ),
        "scores": sorted(rows(report.scores.table)),
        "tornado": sorted(rows(report.tornado.table.fillna({"alternative": ""}))),
    }


def untied(problem: DecisionProblem) -> bool:
    scores = np.sort(np.array(evaluate(problem).scores))
    return bool(np.all(np.diff(scores) > 1e-6))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=small_problems(), seed=st.integers(0, 2**16))
def test_permuting_alternatives_permutes_every_output(data: Any, seed: int) -> None:
    m = data[0].shape[0]
    names = [f"A{i + 1}" for i in range(m)]
    problem = build(data, names)
    assume(untied(problem))
    perm = np.random.default_rng(seed).permutation(m)
    values, weights, directions, low, high = data
    permuted = build((values[perm], weights, directions, low[perm], high[perm]), [names[i] for i in perm])
    assert by_name(analyse(problem)) == by_name(analyse(permuted))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=small_problems(), scale=st.sampled_from([0.01, 0.37, 3.0, 1000.0]))
def test_scaling_the_weights_changes_nothing(data: Any, scale: float) -> None:
    names = [f"A{i + 1}" for i in range(data[0].shape[0])]
    problem = build(data, names)
    assume(untied(problem))
    first, second = by_name(analyse(problem)), by_name(analyse(build(data, names, scale)))
    for key in first:
        if key == "lines":
            for cell, (a, b) in first[key].items():
                assert second[key][cell] == pytest.approx((a, b), abs=1e-12)
        else:
            assert first[key] == second[key], key


@settings(max_examples=30, deadline=None, derandomize=True)
@given(data=small_problems())
def test_feasible_critical_changes_keep_the_renormalised_weight_in_the_unit_interval(data: Any) -> None:
    problem = build(data, [f"A{i + 1}" for i in range(data[0].shape[0])])
    critical = critical_criteria(problem)
    weights = np.array(problem.normalized_weights)[critical.criterion_index]
    new = (weights - critical.delta) / (1 - critical.delta)
    feasible = np.array(critical.feasible)
    assert ((new[feasible] >= -1e-12) & (new[feasible] <= 1 + 1e-12)).all()
    assert not (weights[~feasible] - critical.delta[~feasible] >= 0).any()


# ----- the shipped model, errors, purity --------------------------------------------------
def test_the_shipped_model_runs_through_every_analysis() -> None:
    """Hand check: with extradition_risk at t (others proportional), Turkey scores
    0.875 - 0.125 t and Russia 0.275/0.7 + (1 - 0.275/0.7) t: they cross at t = 27/41."""
    report = analyse(shipped())
    json.dumps(report.to_dict(), allow_nan=False)
    crossing = [c for c in report.sweeps.crossovers if {c.gainer, c.loser} == {"Russia", "Turkey"}]
    assert [(c.criterion, c.gainer) for c in crossing] == [("extradition_risk", "Russia")]
    assert crossing[0].weight == pytest.approx(27 / 41, abs=1e-12)
    assert report.stability.winner == "Turkey"
    assert report.stability.top[0] == pytest.approx([0.0, 27 / 41])
    assert report.critical.percent_top is not None and report.critical.percent_top[0] == "extradition_risk"
    # W - delta, renormalised, is the same crossing
    delta = report.critical.percent_top[1]
    assert (0.3 - delta) / (1 - delta) == pytest.approx(27 / 41, abs=1e-12)
    assert report.ordinal is not None and report.ordinal.order[0] == "extradition_risk"
    for analysis in (
        report.sweeps,
        report.stability,
        report.critical,
        report.min_change,
        report.ordinal,
        report.scores,
        report.tornado,
    ):
        analysis.table  # noqa: B018  (each renders)
    assert report.min_change.distances[2] < 2 * (27 / 41 - 0.3)  # cheaper than walking one weight
    # Turkey leads by 0.2625; the largest one-cell move, its extradition risk 3 -> 9, costs it
    # 0.3 × 6/8 = 0.225: no single score can change the top within its scale
    assert report.tornado.margin == pytest.approx(0.2625)
    assert np.isnan(report.scores.change_to_top).all() and not report.scores.critical.any()


def test_analyses_need_the_additive_model() -> None:
    problem = dataclasses.replace(random_problem(1, 3, 2), method="topsis")
    for analysis in (weight_sweeps, stability_intervals, critical_criteria, min_weight_change, score_sensitivity):
        with pytest.raises(RequestError, match="additive model"):
            analysis(problem)


def test_requests_are_validated() -> None:
    sweeps = weight_sweeps(random_problem(1, 3, 2))
    with pytest.raises(RequestError, match="did you mean 'C1'"):
        sweeps.scores_at("C11", 0.5)
    with pytest.raises(RequestError, match=r"\[0, 1\]"):
        sweeps.scores_at("C1", 1.5)


def test_results_are_read_only_and_a_single_criterion_works() -> None:
    report = analyse(matrix_problem([[0.2], [0.7]], [1], order=["C1"]))
    assert report.stability.winner == "A2"
    assert report.min_change.distances[0] == np.inf
    json.dumps(report.to_dict(), allow_nan=False)
    with pytest.raises(ValueError, match="read-only"):
        report.sweeps.slopes[0, 0] = 1.0
    intercepts, slopes = sweep_lines(np.array([[0.2], [0.7]]), np.array([1.0]))
    assert intercepts.tolist() == [[0.0, 0.0]] and slopes.tolist() == [[0.2, 0.7]]


def test_importing_the_module_and_exact_sweeps_do_not_import_scipy() -> None:
    code = (
        "import sys, model; from model.analysis import sensitivity as s;"
        "p = model.load(sys.argv[1]); s.weight_sweeps(p); s.stability_intervals(p); s.critical_criteria(p);"
        "s.score_sensitivity(p); s.tornado(p); print('scipy' in sys.modules)"
    )
    command = [sys.executable, "-c", code, str(ROOT / "criteria.yaml")]
    out = subprocess.run(command, check=False, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
