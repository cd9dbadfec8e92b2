"""Rank ranges of the additive model, checked against exact brute force and by properties.

Brute force works in exact rational arithmetic (:class:`fractions.Fraction`), by an independent
route: every combination of cell ends (and of value-function break points inside a cell's
range) for every alternative, every joint configuration of all alternatives, ranks counted in
each. Scores sit on a coarse grid (integer cells and weights, value functions in quarters), so
every nonzero exact difference is far above the tie tolerance and the exact answer is the
only right one.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import model
from model import DecisionProblem, RequestError, Scenario
from model.analysis import rank_ranges as rank_ranges_module
from model.analysis.rank_ranges import RankRanges, rank_range_arrays, rank_ranges, value_ranges
from model.ranking import TIE_TOLERANCE, evaluate

ROOT = Path(__file__).resolve().parents[2]
SCALES = ((0, 10), (1, 5), (0, 4))
QUARTERS = (0.0, 0.25, 0.5, 0.75, 1.0)


# ----- problems on a grid, and their exact scores ---------------------------------------------
@dataclass(frozen=True)
class Grid:
    """A small problem in exact terms: integer cells [low, high], integer weights, scales, directions,
    and optional value functions (score, value) through three points."""

    low: tuple[tuple[int, ...], ...]
    high: tuple[tuple[int, ...], ...]
    weights: tuple[int, ...]
    scales: tuple[tuple[int, int], ...]
    directions: tuple[str, ...]
    value_functions: tuple[tuple[tuple[int, float], ...] | None, ...]

    @property
    def m(self) -> int:
        return len(self.low)

    @property
    def n(self) -> int:
        return len(self.weights)

    def problem(self, *, weight_factor: float = 1.0, order: Sequence[int] | None = None) -> DecisionProblem:
        rows = list(order) if order is not None else list(range(self.m))
        built = DecisionProblem.from_matrix(
            [self.low[i] for i in rows],
            alternatives=[f"A{i + 1}" for i in rows],
            criteria=[f"C{j + 1}" for j in range(self.n)],
            weights=[w * weight_factor for w in self.weights],
            directions=list(self.directions),  # type: ignore[arg-type]
            scale=list(self.scales),
            low=[self.low[i] for i in rows],
            high=[self.high[i] for i in rows],
        )
        criteria = tuple(
            dataclasses.replace(c, value_function=vf)
            for c, vf in zip(built.criteria, self.value_functions, strict=True)
        )
        return dataclasses.replace(built, criteria=criteria)

    def value(self, j: int, x: Fraction) -> Fraction:
        """v_j(x), exactly: the straight line of the scale (cost inverted) or the value function."""
        points = self.value_functions[j]
        if points is None:
            bottom, top = self.scales[j]
            v = (x - bottom) / Fraction(top - bottom)
            return v if self.directions[j] == "benefit" else 1 - v
        for (x0, v0), (x1, v1) in itertools.pairwise(points):
            if x0 <= x <= x1:
                return Fraction(v0) + (Fraction(v1) - Fraction(v0)) * (x - x0) / (x1 - x0)
        raise AssertionError("value functions cover their scale")

    def cell_values(self, i: int, j: int) -> set[Fraction]:
        """Values at the cell's ends and at every break point strictly inside its range."""
        lo, hi = self.low[i][j], self.high[i][j]
        xs = {lo, hi} | {x for x, _ in self.value_functions[j] or () if lo < x < hi}
        return {self.value(j, Fraction(x)) for x in xs}

    def scores(self, i: int) -> list[Fraction]:
        """Every score alternative i takes over all combinations of its cells' candidate points."""
        total = sum(self.weights)
        per_cell = [sorted(self.cell_values(i, j)) for j in range(self.n)]
        found = {
            sum((Fraction(w, total) * v for w, v in zip(self.weights, combo, strict=True)), Fraction(0))
            for combo in itertools.product(*per_cell)
        }
        return sorted(found)


@st.composite
def grids(
    draw: st.DrawFn, *, intervals: bool = True, value_functions: bool = True, max_m: int = 5, max_n: int = 4
) -> Grid:
    m, n = draw(st.integers(2, max_m)), draw(st.integers(1, max_n))
    scales = tuple(draw(st.sampled_from(SCALES)) for _ in range(n))
    directions = tuple(draw(st.sampled_from(("benefit", "cost"))) for _ in range(n))
    weights = tuple(draw(st.integers(1, 5)) for _ in range(n))
    functions: list[tuple[tuple[int, float], ...] | None] = []
    for bottom, top in scales:
        if value_functions and draw(st.booleans()):
            middle = draw(st.integers(bottom + 1, top - 1))
            vs = [draw(st.sampled_from(QUARTERS)) for _ in range(3)]
            functions.append(((bottom, vs[0]), (middle, vs[1]), (top, vs[2])))
        else:
            functions.append(None)
    low, high = [], []
    for _ in range(m):
        row_low, row_high = [], []
        for bottom, top in scales:
            lo = draw(st.integers(bottom, top))
            hi = draw(st.integers(lo, top)) if intervals and draw(st.booleans()) else lo
            row_low.append(lo)
            row_high.append(hi)
        low.append(tuple(row_low))
        high.append(tuple(row_high))
    return Grid(tuple(low), tuple(high), weights, scales, directions, tuple(functions))


def exact_answer(grid: Grid) -> tuple[list[Fraction], list[Fraction], list[int], list[int], np.ndarray]:
    """Score ranges, best/worst ranks and fixed pairs by enumerating every joint configuration."""
    per_alt = [grid.scores(i) for i in range(grid.m)]
    assume(math.prod(len(s) for s in per_alt) <= 20_000)
    scale = math.lcm(*(s.denominator for scores in per_alt for s in scores))
    assert scale * TIE_TOLERANCE < 1  # on this grid, "differs by more than the tolerance" is "differs"
    as_int = [np.array([int(s * scale) for s in scores], dtype=np.int64) for scores in per_alt]
    joint = np.stack([axis.ravel() for axis in np.meshgrid(*as_int, indexing="ij")], axis=1)  # (configs, m)
    ahead = (joint[:, None, :] > joint[:, :, None]).sum(axis=2)  # [k, a]: how many b score above a
    best, worst = 1 + ahead.min(axis=0), 1 + ahead.max(axis=0)
    low, high = [s[0] for s in per_alt], [s[-1] for s in per_alt]
    fixed = np.array([[a != b and low[a] - high[b] > 0 for b in range(grid.m)] for a in range(grid.m)])
    return low, high, best.tolist(), worst.tolist(), fixed


# ----- brute force ----------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(grids())
def test_rank_ranges_match_exact_enumeration_of_every_configuration(grid: Grid) -> None:
    low, high, best, worst, fixed = exact_answer(grid)
    result = rank_ranges(grid.problem())
    assert result.score_low.tolist() == pytest.approx([float(x) for x in low], abs=1e-12)
    assert result.score_high.tolist() == pytest.approx([float(x) for x in high], abs=1e-12)
    assert result.best_rank.tolist() == best
    assert result.worst_rank.tolist() == worst
    assert np.array_equal(result.fixed, fixed)


@settings(max_examples=60, deadline=None)
@given(grids(max_m=4, max_n=3), st.data())
def test_scores_at_interior_points_of_the_cells_lie_inside_the_range(grid: Grid, data: st.DataObject) -> None:
    """Interior points of the cells (not only ends) score inside [score_low, score_high]."""
    problem = grid.problem()
    result = rank_ranges(problem)
    low, high = problem.ranges
    t = np.array(data.draw(st.lists(st.sampled_from(QUARTERS), min_size=grid.m * grid.n, max_size=grid.m * grid.n)))
    inside = low + t.reshape(low.shape) * (high - low)
    scores = evaluate(dataclasses.replace(problem, scores=_points(problem, inside))).scores
    assert np.all(scores >= result.score_low - 1e-12)
    assert np.all(scores <= result.score_high + 1e-12)


def _points(problem: DecisionProblem, values: np.ndarray) -> dict[tuple[str, str], Any]:
    return {
        (a, c): dataclasses.replace(problem.scores[(a, c)], kind="point", low=values[i, j], high=values[i, j])
        for i, a in enumerate(problem.alternative_names)
        for j, c in enumerate(problem.criterion_ids)
    }


def test_blocks_of_rows_give_the_same_answer_as_one_dense_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairs are compared in row blocks; tiny blocks (partial last block included) change nothing,
    and the answer equals the dense (m, m, n) computation done here at once."""
    rng = np.random.default_rng(3)
    m, n = 37, 3
    low = rng.integers(0, 5, (m, n)) / 4
    high = np.minimum(low + rng.integers(0, 3, (m, n)) / 4, 1.0)
    weights = np.array([0.5, 0.25, 0.25])
    margin = ((low[:, None, :] - high[None, :, :]) * weights).sum(axis=2)  # G[a, b]
    off = ~np.eye(m, dtype=bool)
    dense_fixed = (margin > TIE_TOLERANCE) & off
    dense_best = 1 + dense_fixed.sum(axis=0)
    dense_worst = 1 + ((margin < -TIE_TOLERANCE) & off).sum(axis=1)
    for block in (1, 5 * m, 13 * m, 1 << 16):
        monkeypatch.setattr(rank_ranges_module, "_BLOCK_ELEMENTS", block)
        _, _, best, worst, fixed = rank_range_arrays(low, high, weights)
        assert np.array_equal(fixed, dense_fixed)
        assert best.tolist() == dense_best.tolist()
        assert worst.tolist() == dense_worst.tolist()


# ----- properties -----------------------------------------------------------------------------
@settings(max_examples=100, deadline=None)
@given(grids(intervals=False))
def test_point_scores_pin_every_alternative_to_its_rank(grid: Grid) -> None:
    problem = grid.problem()
    result = rank_ranges(problem)
    ranks = evaluate(problem).ranks.tolist()
    assert result.best_rank.tolist() == ranks
    assert result.worst_rank.tolist() == ranks
    assert result.rank.tolist() == ranks
    assert np.array_equal(result.score_low, result.score_high)


def test_an_exact_tie_shares_the_better_place_and_leaves_the_next_empty() -> None:
    """A1 = (1, 0) and A2 = (0, 1) tie at equal weights (1/2 each); A3 = (0, 0) is third."""
    problem = DecisionProblem.from_matrix(
        [[1, 0], [0, 1], [0, 0]], alternatives=["A1", "A2", "A3"], criteria=["C1", "C2"], weights=[1, 1]
    )
    result = rank_ranges(problem)
    assert evaluate(problem).ranks.tolist() == [1, 1, 3]
    assert result.best_rank.tolist() == [1, 1, 3]
    assert result.worst_rank.tolist() == [1, 1, 3]
    assert [(p.rank, p.candidates, p.settled) for p in result.places] == [
        (1, ("A1", "A2"), False),
        (2, (), False),
        (3, ("A3",), True),
    ]
    assert result.open_pairs() == [("A1", "A2")]
    assert result.settled == ("A3",)


@settings(max_examples=80, deadline=None)
@given(grids(), st.randoms(use_true_random=False))
def test_permuting_the_alternatives_permutes_the_result(grid: Grid, random: Any) -> None:
    order = list(range(grid.m))
    random.shuffle(order)
    base, moved = rank_ranges(grid.problem()), rank_ranges(grid.problem(order=order))
    assert moved.alternatives == tuple(base.alternatives[i] for i in order)
    for key in ("score_low", "score_high"):
        assert getattr(moved, key) == pytest.approx(getattr(base, key)[order], abs=1e-12)
    for key in ("best_rank", "worst_rank"):
        assert getattr(moved, key).tolist() == getattr(base, key)[order].tolist()
    assert np.array_equal(moved.fixed, base.fixed[np.ix_(order, order)])
    assert [set(p.candidates) for p in moved.places] == [set(p.candidates) for p in base.places]
    assert {frozenset(p) for p in moved.open_pairs()} == {frozenset(p) for p in base.open_pairs()}


@settings(max_examples=80, deadline=None)
@given(grids(), st.data())
def test_widening_a_cell_never_narrows_any_rank_range(grid: Grid, data: st.DataObject) -> None:
    i, j = data.draw(st.integers(0, grid.m - 1)), data.draw(st.integers(0, grid.n - 1))
    bottom, top = grid.scales[j]
    lo = data.draw(st.integers(bottom, grid.low[i][j]))
    hi = data.draw(st.integers(grid.high[i][j], top))
    low = [list(row) for row in grid.low]
    high = [list(row) for row in grid.high]
    low[i][j], high[i][j] = lo, hi
    wider = dataclasses.replace(grid, low=tuple(map(tuple, low)), high=tuple(map(tuple, high)))
    before, after = rank_ranges(grid.problem()), rank_ranges(wider.problem())
    assert np.all(after.best_rank <= before.best_rank)
    assert np.all(after.worst_rank >= before.worst_rank)
    assert np.all(after.score_low <= before.score_low + 1e-12)
    assert np.all(after.score_high >= before.score_high - 1e-12)
    assert not np.any(after.fixed & ~before.fixed)  # nothing newly fixed


@settings(max_examples=60, deadline=None)
@given(grids(), st.sampled_from((1e-3, 0.5, 3.0, 7.25, 1e4)))
def test_rescaling_all_weights_changes_nothing(grid: Grid, factor: float) -> None:
    base, scaled = rank_ranges(grid.problem()), rank_ranges(grid.problem(weight_factor=factor))
    assert scaled.equals(base)


# ----- near-ties: decided from differences, with the tolerance --------------------------------
@pytest.mark.parametrize(("gap", "fixed"), [(0.0, False), (1e-12, False), (-1e-12, False), (1e-6, True)])
def test_ranges_touching_within_the_tolerance_are_tied_and_a_real_gap_is_fixed(gap: float, fixed: bool) -> None:
    """A1 in [0.6, 0.8]; A2 in [0.2, 0.6 - gap] on one criterion of scale 0-1."""
    problem = DecisionProblem.from_matrix(
        [[0.7], [0.4]],
        alternatives=["A1", "A2"],
        criteria=["C1"],
        weights=[1],
        low=[[0.6], [0.2]],
        high=[[0.8], [0.6 - gap]],
    )
    result = rank_ranges(problem)
    assert result.fixed.tolist() == [[False, fixed], [False, False]]
    # A2 can at best tie with A1, and a tie shares the better rank: A1 is first either way
    assert result.best_rank.tolist() == ([1, 2] if fixed else [1, 1])
    assert result.worst_rank.tolist() == [1, 2]
    assert result.settled == (("A1", "A2") if fixed else ())
    assert result.open_pairs() == ([] if fixed else [("A1", "A2")])


def test_comparisons_come_from_per_criterion_differences_not_rounded_totals() -> None:
    """A2's cells are A1's in another order, so at equal weights the two tie exactly. Their rounded
    totals do not: however they are summed here (in order, by matrix product, by einsum), A1's
    comes out one rounding (1 ulp) above A2's, which at tolerance 0 would fix A1 above A2. Every
    value lies in [0.5, 0.75), so each difference and each quarter of it is exact and the sum of
    per-criterion differences is exactly 0: the kernel must see a tie."""
    a1 = [0.61, 0.74, 0.72, 0.71]
    a2 = [0.72, 0.71, 0.74, 0.61]
    values, weights = np.array([a1, a2]), np.full(4, 0.25)
    for totals in (
        [sum(0.25 * v for v in row) for row in (a1, a2)],
        (values @ weights).tolist(),
        np.einsum("ij,j->i", values, weights).tolist(),
        [float(np.dot(row, weights)) for row in values],
    ):
        assert totals[0] - totals[1] > 0.0  # what a comparison of totals would see
    assert sum(0.25 * (x - y) for x, y in zip(a1, a2, strict=True)) == 0.0
    _, _, best, worst, fixed = rank_range_arrays(values, values, weights, tolerance=0.0)
    assert not fixed.any()
    assert best.tolist() == worst.tolist() == [1, 1]


def test_agreeing_criteria_add_exactly_nothing_to_a_comparison() -> None:
    """Two alternatives equal on 49 criteria and 2e-9 apart (weighted) on the 50th: the shared
    criteria add exactly 0, so the pair is fixed at tolerance 1e-9 and tied at 3e-9."""
    rng = np.random.default_rng(11)
    shared = rng.random(49)
    weights = np.full(50, 1 / 50)
    top, bottom = np.append(shared, 0.5 + 1e-7), np.append(shared, 0.5)
    values = np.array([top, bottom])
    assert rank_range_arrays(values, values, weights)[4].tolist() == [[False, True], [False, False]]
    assert not rank_range_arrays(values, values, weights, tolerance=3e-9)[4].any()


# ----- a worked example -----------------------------------------------------------------------
def worked_example() -> DecisionProblem:
    problem = DecisionProblem.from_matrix(
        [[8, 3, 6], [7.5, 5, 5], [6, 6, 7], [2, 8, 2]],
        alternatives=["A", "B", "C", "D"],
        criteria=["c1", "c2", "c3"],
        weights=[3, 2, 1],
        directions=["benefit", "cost", "benefit"],
        scale=(0, 10),
        low=[[8, 2, 6], [5, 5, 5], [6, 6, 4], [2, 8, 2]],
        high=[[8, 4, 6], [10, 5, 5], [6, 6, 10], [2, 8, 2]],
    )
    peaked = ((0.0, 0.0), (5.0, 1.0), (10.0, 0.5))
    c3 = dataclasses.replace(problem.criteria[2], value_function=peaked)
    return dataclasses.replace(problem, criteria=(*problem.criteria[:2], c3))


def test_a_hand_computed_example_with_exact_fractions() -> None:
    """A hand-computed example; no published one is reproduced.

    I searched for a printed worked example of an additive model with fixed weights, interval
    scores and printed overall score intervals (Salo & Hämäläinen's preference programming and
    PRIME, Interval SMART/SWING by Mustajoki, Hämäläinen & Salo 2005, interval SAW examples) but
    found no table whose inputs and printed intervals I could read in full and check, so none is
    cited. Instead, worked by hand in exact fractions:

    Weights 3 : 2 : 1 -> 1/2, 1/3, 1/6; scale 0-10; c1 benefit, c2 cost (v = 1 - x/10), c3 through
    the peaked value function (0, 0), (5, 1), (10, 0.5).

    * A: c1 = 8, c2 in [2, 4], c3 = 6 (v = 0.9): S in [2/5 + 1/5 + 3/20, 2/5 + 4/15 + 3/20] = [45/60, 49/60]
    * B: c1 in [5, 10], c2 = 5, c3 = 5 (v = 1): S in [1/4 + 1/6 + 1/6, 1/2 + 1/6 + 1/6] = [35/60, 50/60]
    * C: c1 = 6, c2 = 6, c3 in [4, 10]: v(4) = 0.8, v(10) = 0.5, but the break point 5 inside gives
      v = 1, so v in [0.5, 1] and S in [3/10 + 2/15 + 1/12, 3/10 + 2/15 + 1/6] = [31/60, 36/60]
    * D: 2, 8, 2 (v = 0.4): S = 1/10 + 1/15 + 1/15 = 14/60

    Fixed: A over C (45 > 36), everyone over D; open: A-B, and B-C by 1/60 thanks to the break
    point (with the range's ends only, C's top would be 34/60 < 35/60 and B would be fixed above
    C). Best/worst: A 1-2, B 1-3, C 2-3, D 4-4; places 1 {A, B}, 2 {A, B, C}, 3 {B, C}, 4 {D}.
    At the given values (midpoints) A 47/60, B 42.5/60, C 34/60, D 14/60 rank 1, 2, 3, 4.
    """
    result = rank_ranges(worked_example())
    sixtieths = [Fraction(x, 60) for x in (45, 35, 31, 14)]
    assert result.score_low.tolist() == pytest.approx([float(x) for x in sixtieths], abs=1e-12)
    assert result.score_high.tolist() == pytest.approx([49 / 60, 50 / 60, 36 / 60, 14 / 60], abs=1e-12)
    assert result.score.tolist() == pytest.approx([47 / 60, 42.5 / 60, 34 / 60, 14 / 60], abs=1e-12)
    assert result.rank.tolist() == [1, 2, 3, 4]
    assert result.best_rank.tolist() == [1, 1, 2, 4]
    assert result.worst_rank.tolist() == [2, 3, 3, 4]
    assert result.fixed.astype(int).tolist() == [[0, 0, 1, 1], [0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 0]]
    assert [(p.rank, p.candidates, p.settled) for p in result.places] == [
        (1, ("A", "B"), False),
        (2, ("A", "B", "C"), False),
        (3, ("B", "C"), False),
        (4, ("D",), True),
    ]
    assert result.open_pairs() == [("A", "B"), ("B", "C")]
    assert result.settled == ("D",)
    value_low, value_high = value_ranges(worked_example())
    assert (value_low[2, 2], value_high[2, 2]) == (0.5, 1.0)  # the break point, not an end


def test_the_result_is_data_a_table_and_json() -> None:
    result = rank_ranges(worked_example())
    table = result.table
    assert list(table.columns) == [
        "rank",
        "alternative",
        "score",
        "score_low",
        "score_high",
        "best_rank",
        "worst_rank",
        "settled",
    ]
    assert table["alternative"].tolist() == ["A", "B", "C", "D"]
    assert table["settled"].tolist() == [False, False, False, True]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["open_pairs"] == [["A", "B"], ["B", "C"]]
    assert data["places"][3] == {"rank": 4, "candidates": ["D"], "settled": True}
    assert data["alternatives"][1]["best_rank"] == 1
    assert data["alternatives"][1]["worst_rank"] == 3
    assert data["tie_tolerance"] == TIE_TOLERANCE
    assert "<table" in result._repr_html_()
    for key in ("score", "rank", "score_low", "score_high", "best_rank", "worst_rank", "fixed", "order"):
        assert not getattr(result, key).flags.writeable, key


def test_reversed_file_order_is_ranked_the_same_way_in_the_table() -> None:
    """The table follows the ranking at the given values, not the file."""
    problem = worked_example()
    reversed_problem = dataclasses.replace(problem, alternatives=problem.alternatives[::-1])
    assert rank_ranges(reversed_problem).table["alternative"].tolist() == ["A", "B", "C", "D"]


def test_a_scenario_is_applied_before_the_ranges() -> None:
    problem = dataclasses.replace(worked_example(), scenarios={"cost_only": Scenario("cost_only", {"c1": 0, "c3": 0})})
    by_name = rank_ranges(problem, scenario="cost_only")
    assert by_name.equals(rank_ranges(problem.with_scenario("cost_only")))
    assert not by_name.equals(rank_ranges(problem))
    assert by_name.best_rank.tolist() == [1, 2, 3, 4]  # c2 alone: A [0.6, 0.8], B 0.5, C 0.4, D 0.2


def test_a_single_alternative_holds_the_only_place() -> None:
    problem = DecisionProblem.from_matrix([[0.2, 0.9]], alternatives=["A1"], criteria=["C1", "C2"], weights=[1, 2])
    result = rank_ranges(problem)
    assert result.settled == ("A1",)
    assert result.open_pairs() == []


# ----- the shipped model ----------------------------------------------------------------------
@cache
def shipped() -> DecisionProblem:
    return model.load(ROOT / "criteria.yaml")


def test_the_shipped_model_keeps_its_ranking_inside_the_rank_ranges() -> None:
    """Invariants only: the file's values change as it is re-encoded."""
    problem = shipped()
    result = rank_ranges(problem)
    m = len(problem.alternatives)
    ranks = evaluate(problem).ranks
    assert np.all(result.best_rank <= ranks)
    assert np.all(ranks <= result.worst_rank)
    assert np.all(result.score_low <= result.score + 1e-12)
    assert np.all(result.score <= result.score_high + 1e-12)
    assert [p.rank for p in result.places] == list(range(1, m + 1))
    for i, name in enumerate(problem.alternative_names):
        holds = [p.rank for p in result.places if name in p.candidates]
        assert holds == list(range(int(result.best_rank[i]), int(result.worst_rank[i]) + 1))
    assert not np.any(result.fixed & result.fixed.T)
    for name in result.settled:
        assert sum(name in p.candidates for p in result.places) == 1


# ----- refusals -------------------------------------------------------------------------------
def test_a_method_other_than_the_weighted_sum_is_refused() -> None:
    problem = dataclasses.replace(worked_example(), method="topsis")
    with pytest.raises(RequestError, match=r"additive model \(method weighted_sum\), got method 'topsis'"):
        rank_ranges(problem)


@pytest.mark.parametrize(
    ("low", "high", "weights", "message"),
    [
        ([[0.2, 0.3]], [[0.2]], [1.0], "two \\(m, n\\) arrays of one shape"),
        ([[0.2]], [[0.2]], [0.5, 0.5], "expected 1 weights"),
        ([[0.5, 0.2]], [[0.4, 0.2]], [0.5, 0.5], "0.5 > 0.4 at alternative 1, criterion 1"),
        ([[0.2, 0.2]], [[0.2, 0.2]], [2.0, 1.0], "sum to 1"),
        ([[np.nan]], [[0.2]], [1.0], "finite"),
    ],
)
def test_the_kernel_refuses_inconsistent_arrays(low: Any, high: Any, weights: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rank_range_arrays(low, high, weights)


def test_rank_ranges_is_a_frozen_result() -> None:
    result = rank_ranges(worked_example())
    assert isinstance(result, RankRanges)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.tolerance = 0.0  # type: ignore[misc]
