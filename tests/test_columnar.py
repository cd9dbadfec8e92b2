"""The columnar problem: arrays built once, cells made on demand, ties ranked row-wise, many what-ifs at once."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model import DecisionProblem, RequestError, Score
from model.batch import MAX_BATCH_CELLS, evaluate_many
from model.cells import Alternatives, ScoreGrid
from model.parts import Alternative, Uncertainty
from model.ranking import TIE_TOLERANCE, competition_ranks, competition_ranks_rows, evaluate
from tests.test_ranking import TRIANTAPHYLLOU_MATRIX, TRIANTAPHYLLOU_WEIGHTS

SHIPPED = model.load("criteria.yaml")
REFERENCE = model.load("tests/fixtures/reference/criteria.yaml")


def ranges_cell_by_cell(problem: DecisionProblem) -> tuple[np.ndarray, np.ndarray]:
    """The range rule of ``DecisionProblem.ranges`` walked one cell at a time, as its docstring states it."""
    low = np.empty((len(problem.alternative_names), len(problem.criteria)))
    high = np.empty_like(low)
    bands = problem.uncertainty.confidence_bands
    for j, crit in enumerate(problem.criteria):
        scale = crit.scale
        for i, alt in enumerate(problem.alternative_names):
            score = problem.scores[(alt, crit.id)]
            lo, hi = score.low, score.high
            half = bands[score.confidence or "high"] * (scale.max - scale.min)
            if score.kind == "label":
                band_lo, band_hi = scale.label_band(score.labels[0])
                lo, hi = band_lo - half, band_hi + half
            elif score.kind == "point" or (score.kind == "interval" and problem.uncertainty.widen_intervals):
                lo, hi = lo - half, hi + half
            low[i, j], high[i, j] = max(lo, scale.min), min(hi, scale.max)
    return low, high


@pytest.mark.parametrize("problem", [SHIPPED, REFERENCE, model.loads(model.demo.DEMO_YAML)], ids=str)
@pytest.mark.parametrize("widen", [False, True])
@pytest.mark.parametrize("bands", [None, {"high": 0.05, "medium": 0.15, "low": 0.3}])
def test_vectorised_ranges_equal_the_cell_by_cell_rule(
    problem: DecisionProblem, widen: bool, bands: dict[str, float] | None
) -> None:
    uncertainty = dataclasses.replace(
        problem.uncertainty,
        widen_intervals=widen,
        confidence_bands=bands if bands is not None else problem.uncertainty.confidence_bands,
    )
    varied = dataclasses.replace(problem, uncertainty=uncertainty)
    low, high = varied.ranges
    expected_low, expected_high = ranges_cell_by_cell(varied)
    assert np.array_equal(low, expected_low)
    assert np.array_equal(high, expected_high)


def test_a_matrix_problem_holds_arrays_and_makes_cells_when_asked() -> None:
    problem = DecisionProblem.from_matrix(
        [[1.0, 2.0], [3.0, 4.0]], low=[[1.0, 1.5], [3.0, 4.0]], high=[[1.0, 2.5], [3.0, 4.0]], scale=(0, 5)
    )
    grid = problem.grid
    assert isinstance(grid, ScoreGrid) and not grid.has_objects
    assert grid.kinds.tolist() == [[0, 2], [0, 0]]  # point, interval; point, point
    cell = problem.scores[("A1", "c2")]
    assert cell == Score("A1", "c2", "interval", 1.5, 2.5, "high", (), "matrix input")
    assert list(problem.scores) == [("A1", "c1"), ("A1", "c2"), ("A2", "c1"), ("A2", "c2")]
    assert len(problem.scores) == 4 and ("A2", "c1") in problem.scores and ("A3", "c1") not in problem.scores
    with pytest.raises(KeyError):
        problem.scores[("A3", "c1")]
    assert problem.values.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert problem.alternatives == (Alternative("A1"), Alternative("A2"))
    assert problem.alternative("A2") == Alternative("A2")


def test_a_loaded_problem_keeps_every_cell_with_its_evidence() -> None:
    grid = SHIPPED.grid
    assert grid.has_objects
    cell = SHIPPED.scores[("Turkey", "financial_networks")]
    assert cell.evidence and cell.rationale
    assert grid.lows[SHIPPED.alternative_names.index("Turkey"), SHIPPED.criterion_ids.index("financial_networks")] == (
        cell.low
    )
    described = [alt for alt in SHIPPED.alternatives if alt.description or alt.aliases]
    assert described, "the shipped alternatives carry descriptions or aliases, kept as given"
    assert isinstance(SHIPPED.alternatives, Alternatives)


def test_with_weights_shares_the_arrays_instead_of_rebuilding() -> None:
    problem = DecisionProblem.from_matrix(np.arange(12.0).reshape(4, 3), scale=(0, 20))
    changed = problem.with_weights({"c2": 3.0})
    assert changed.grid is problem.grid
    assert changed.alternatives is problem.alternatives
    assert changed.lows is problem.lows
    assert changed.normalized_weights.tolist() == [0.2, 0.6, 0.2]
    wide = DecisionProblem.from_matrix(
        np.full((3, 2), 5.0), low=np.full((3, 2), 4.0), high=np.full((3, 2), 7.0), scale=(0, 9)
    )
    assert wide.with_weights({"c1": 2.0}).values is wide.values  # midpoints computed once per grid
    assert wide.values.tolist() == [[5.5, 5.5]] * 3


def test_a_hundred_thousand_alternatives_build_and_rank() -> None:
    """Names are checked for repeats with a set (this took m² steps and ran for minutes); the answer
    equals plain numpy's."""
    rng = np.random.default_rng(3)
    values = rng.uniform(0, 1, (100_000, 20))
    weights = rng.uniform(0.1, 1, 20)
    problem = DecisionProblem.from_matrix(values, weights=weights)
    ranking = evaluate(problem)
    expected = values @ (weights / weights.sum())  # on the scale [0, 1] the normalisation is the identity
    assert np.array_equal(ranking.scores, expected)
    assert ranking.order[:5].tolist() == np.argsort(-expected, kind="stable")[:5].tolist()
    with pytest.raises(RequestError, match="expected each alternative name once, got 'a7' more than once"):
        DecisionProblem.from_matrix(values[:4], alternatives=["a7", "b", "a7", "c"])


def walked_ranks(scores: np.ndarray, higher_is_better: bool = True) -> tuple[list[int], list[int]]:
    """The tie policy of model.ranking, one alternative at a time (the module docstring's words)."""
    keyed = -scores if higher_is_better else scores
    order = sorted(range(len(scores)), key=lambda i: (keyed[i], i))
    ranks = [0] * len(scores)
    leader = 0
    for position, index in enumerate(order):
        if position == 0 or keyed[index] - keyed[order[leader]] > TIE_TOLERANCE:
            leader = position
        ranks[index] = leader + 1
    return ranks, sorted(range(len(scores)), key=lambda i: (ranks[i], i))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=1, max_size=9),
    st.sampled_from([1e-9, 0.6e-9, 0.4e-9, 0.3e-9, 1e-3]),
    st.booleans(),
)
def test_vectorised_ranks_follow_the_tie_policy_walked_one_by_one(
    steps: list[int], unit: float, higher_is_better: bool
) -> None:
    """Chains of gaps just under the tolerance are the hard case: a group ends where the chain drifts
    more than the tolerance from its first member, not at the first gap."""
    scores = np.array(steps, dtype=float) * unit + 0.5
    ranks, order = competition_ranks(scores, higher_is_better=higher_is_better)
    expected_ranks, expected_order = walked_ranks(scores, higher_is_better)
    assert ranks.tolist() == expected_ranks
    assert order.tolist() == expected_order
    stacked_ranks, stacked_order = competition_ranks_rows(
        np.stack([scores, scores[::-1]]), higher_is_better=higher_is_better
    )
    assert stacked_ranks[0].tolist() == expected_ranks and stacked_order[0].tolist() == expected_order
    assert stacked_ranks[1].tolist() == walked_ranks(scores[::-1], higher_is_better)[0]


def test_evaluate_many_reproduces_the_triantaphyllou_example() -> None:
    """Triantaphyllou (2000), §2.2.1, WSM example: with the book's weights the scores are 21.50, 22.00
    and 22.00 (A2 and A3 tie); the weights scaled by 100 change nothing."""
    problem = DecisionProblem.from_matrix(TRIANTAPHYLLOU_MATRIX, weights=[1, 1, 1, 1], scale=(0, 100))
    batch = evaluate_many(problem, [TRIANTAPHYLLOU_WEIGHTS, [100 * w for w in TRIANTAPHYLLOU_WEIGHTS]])
    assert batch.scores[0] == pytest.approx([0.2150, 0.2200, 0.2200], abs=5e-5)
    assert batch.ranks.tolist() == [[3, 1, 1], [3, 1, 1]]
    assert batch.first_counts.tolist() == [0, 2, 2]


@pytest.mark.parametrize("method", ["weighted_sum", "topsis", "promethee_ii", "vikor"])
def test_each_row_is_evaluate_with_those_weights_to_the_bit(method: str) -> None:
    rng = np.random.default_rng(11)
    stack = rng.uniform(0, 1, (40, len(SHIPPED.criteria)))
    stack[3] = 0.0
    stack[3, 2] = 1.0  # one criterion alone
    stack[5] = 1.0  # equal weights: Belarus and others may tie
    batch = evaluate_many(SHIPPED, stack, method)
    for k, row in enumerate(stack):
        single = evaluate(SHIPPED.with_weights(dict(zip(SHIPPED.criterion_ids, row, strict=True))), method)
        assert np.array_equal(batch.scores[k], single.scores), k
        assert np.array_equal(batch.ranks[k], single.ranks) and np.array_equal(batch.order[k], single.order), k
        assert np.array_equal(batch.weights[k], single.weights), k
    assert batch.ranking(7).scores.tolist() == batch.scores[7].tolist()


def test_weights_as_a_frame_or_as_mappings() -> None:
    ids = SHIPPED.criterion_ids
    frame = pd.DataFrame([[1.0] * len(ids)], columns=list(reversed(ids)))
    assert np.array_equal(evaluate_many(SHIPPED, frame).weights[0], np.full(len(ids), 1 / len(ids)))
    mapped = evaluate_many(SHIPPED, [{ids[0]: 10.0}])
    expected = SHIPPED.with_weights({ids[0]: 10.0}).normalized_weights
    assert np.array_equal(mapped.weights[0], expected)


def test_batch_table_and_dict_agree_with_the_arrays() -> None:
    stack = np.random.default_rng(5).uniform(0, 1, (200, len(SHIPPED.criteria)))
    batch = evaluate_many(SHIPPED, stack)
    table = batch.table.set_index("alternative")
    assert table["first"].sum() == pytest.approx(batch.first_counts.sum() / 200)
    summary = batch.to_dict()
    assert summary["vectors"] == 200
    for i, alt in enumerate(SHIPPED.alternative_names):
        assert summary["alternatives"][alt]["first"] == int(np.sum(batch.ranks[:, i] == 1))
        assert table.loc[alt, "mean_rank"] == pytest.approx(batch.ranks[:, i].mean())
    assert repr(batch).startswith("<BatchRanking: One ranking per weight vector")
    with pytest.raises(ValueError):
        batch.scores[0, 0] = 1.0


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            [[1.0, 2.0]],
            r"weights: expected an \(S, 6\) array, one weight per criterion \(extradition_risk, .*got shape \(1, 2\)",
        ),
        (
            [[1.0, -1.0, 1, 1, 1, 1]],
            r"weights\[0, 1\] \(willingness_to_host\): expected a number in \[0, 1e\+12\], got -1",
        ),
        ([[1.0, 1, 1, 1, 1, 1], [1.0, 1, float("nan"), 1, 1, 1]], r"weights\[1, 2\] \(financial_networks\): .*got nan"),
        ([[0.0] * 6], r"weights\[0\]: expected at least one positive weight, got all weights zero"),
        ([{"extradition_risc": 1.0}], r"unknown criterion 'extradition_risc'.*did you mean 'extradition_risk'"),
        ("heavy", r"weights: expected an \(S, 6\) array of numbers, got str"),
    ],
)
def test_bad_weight_stacks_are_refused_with_a_location(weights: object, message: str) -> None:
    with pytest.raises(RequestError, match=message):
        evaluate_many(SHIPPED, weights)


def test_a_stack_too_large_is_refused_before_anything_is_computed() -> None:
    problem = DecisionProblem.from_matrix(np.zeros((1000, 2)))
    rows = MAX_BATCH_CELLS // 1000 + 1
    with pytest.raises(RequestError, match=r"expected at most 10,000,000 \(vector, alternative\) pairs per call"):
        evaluate_many(problem, np.ones((rows, 2)))


def test_interval_cells_and_unknown_policy_survive_the_columnar_layout() -> None:
    problem = DecisionProblem.from_matrix(
        [[2.0, 5.0]], low=[[1.0, 5.0]], high=[[3.0, 5.0]], scale=(0, 10), uncertainty=Uncertainty()
    )
    assert problem.values.tolist() == [[2.0, 5.0]]
    assert problem.grid.mask("interval").tolist() == [[True, False]]
    assert evaluate(problem).flags == {"A1": (("c1", "interval"),)}


def test_many_tied_groups_keep_file_order_within_each() -> None:
    """Past a few tied groups the file order is restored for all of them at once; same answer as walking."""
    rng = np.random.default_rng(8)
    base = rng.permutation(np.arange(300.0) / 300)
    scores = np.concatenate([base, base + TIE_TOLERANCE / 4, base[:50]])  # 300 groups of two or three
    ranks, order = competition_ranks(scores)
    expected_ranks, expected_order = walked_ranks(scores)
    assert ranks.tolist() == expected_ranks
    assert order.tolist() == expected_order
