"""The ``ahp`` method (:func:`ahp_relative`): published examples, properties, refusals.

The kernel reads each criterion's scores as ratio-scale measurements, i.e. as the perfectly
consistent pairwise judgements ``a_ik = x_i / x_k``. The published examples below are given as
such consistent matrices, so their scores are read straight off a column of each matrix.
Figures printed to four decimals are pinned within 0.00005.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.typing import NDArray

import model
from model.methods import METHODS, MethodInputError, ahp_relative
from model.methods.ahp import SYNTHESIS_MODES
from model.methods.contract import MethodResult
from model.problem import DecisionProblem
from model.ranking import evaluate

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

PRINTED_4DP = 0.00005
THIRDS = np.full(3, 1 / 3)


def run(
    matrix: Any, weights: Any, is_benefit: Any = None, synthesis: str = "distributive", scale: float = 9.0
) -> MethodResult:
    values = np.asarray(matrix, dtype=float)
    n = values.shape[1]
    return ahp_relative(
        values,
        np.asarray(weights, dtype=float),
        scale_min=np.ones(n),
        scale_max=np.full(n, scale),
        is_benefit=np.ones(n, dtype=bool) if is_benefit is None else np.asarray(is_benefit, dtype=bool),
        synthesis=synthesis,
    )


# ----- published examples ------------------------------------------------------------------------
# Belton & Gear (1983), Omega 11(3), 228-230, as reprinted by Wang & Elhag (2006), Decision Support
# Systems 42(3), 1474-1480, Table 1. Each matrix is consistent; its column for A gives the ratios,
# i.e. the scores of A, B, C (and D, a copy of B) on criteria a, b, c, up to a factor per criterion.
BELTON_GEAR = np.array([[1, 9, 8], [9, 1, 9], [1, 1, 1]], dtype=float)
BELTON_GEAR_WITH_COPY = np.vstack([BELTON_GEAR, BELTON_GEAR[1]])


def test_belton_gear_1983_distributive_mode_reverses_a_and_b_when_a_copy_of_b_is_added() -> None:
    """Belton & Gear (1983) via Wang & Elhag (2006), Table 2 (EM): composite weights A .4512,
    B .4697, C .0791; with D, a copy of B: A .3654, B .2889, C .0568, D .2889. B led A, and
    after the copy A leads B: rank reversal, from the normalisation of each criterion's
    priorities to sum 1 (the copy takes a share of the criteria B is good at)."""
    before = run(BELTON_GEAR, THIRDS)
    after = run(BELTON_GEAR_WITH_COPY, THIRDS)
    assert before.scores == pytest.approx([0.4512, 0.4697, 0.0791], abs=PRINTED_4DP)
    assert after.scores == pytest.approx([0.3654, 0.2889, 0.0568, 0.2889], abs=PRINTED_4DP)
    assert before.scores[1] > before.scores[0] and after.scores[0] > after.scores[1]
    assert before.details["local"][:, 2] == pytest.approx([8 / 18, 9 / 18, 1 / 18], abs=1e-15)
    assert after.details["local"][:, 1] == pytest.approx([9 / 12, 1 / 12, 1 / 12, 1 / 12], abs=1e-15)
    ranking = evaluate(
        DecisionProblem.from_matrix(
            BELTON_GEAR_WITH_COPY, alternatives=["A", "B", "C", "D"], criteria=["a", "b", "c"], scale=(1, 9)
        ),
        "ahp",
    )
    assert ranking.ranks.tolist() == [1, 2, 4, 2] and ranking.scores == pytest.approx(after.scores)


def test_belton_gear_1983_ideal_mode_keeps_b_ahead() -> None:
    """The same in ideal mode, Wang & Elhag (2006), Table 2 (BG): composite A .6667, B .7037,
    C .1111, then D .7037 too, the others unchanged; B stays ahead of A. ``composite`` holds
    these printed figures; the scores are them divided by their sum."""
    before = run(BELTON_GEAR, THIRDS, synthesis="ideal")
    after = run(BELTON_GEAR_WITH_COPY, THIRDS, synthesis="ideal")
    assert before.details["composite"] == pytest.approx([0.6667, 0.7037, 0.1111], abs=PRINTED_4DP)
    assert after.details["composite"] == pytest.approx([0.6667, 0.7037, 0.1111, 0.7037], abs=PRINTED_4DP)
    total = 0.6667 + 0.7037 + 0.1111
    assert before.scores == pytest.approx(np.array([0.6667, 0.7037, 0.1111]) / total, abs=1e-4)
    assert before.scores[1] > before.scores[0] and after.scores[1] > after.scores[0]
    assert before.details["local"] == pytest.approx(BELTON_GEAR / 9, abs=1e-15)


def test_saaty_vargas_1984_ideal_mode_reverses_when_the_newcomer_becomes_the_best() -> None:
    """Saaty & Vargas (1984), Omega 12(5), 513-516, via Wang & Elhag (2006), Tables 3 and 4:
    A, B scored (1, 7, 3) and (2, 6, 1) on three equally weighted criteria; C (2, 7, 6) is then
    the best on all three. Printed: distributive A .5406, B .4594, then A .2833, B .2667,
    C .4500; ideal A .8333, B .7302, then A .6667, B .6746, C 1.0000. Distributive mode keeps A
    ahead here; ideal mode reverses A and B, because C changes the ideal of criterion 3. Ideal
    mode preserves ranks only against newcomers that beat no criterion's best."""
    ab = np.array([[1, 7, 3], [2, 6, 1]], dtype=float)
    abc = np.vstack([ab, [2, 7, 6]])
    assert run(ab, THIRDS).scores == pytest.approx([0.5406, 0.4594], abs=PRINTED_4DP)
    assert run(abc, THIRDS).scores == pytest.approx([0.2833, 0.2667, 0.4500], abs=PRINTED_4DP)
    ideal_ab, ideal_abc = run(ab, THIRDS, synthesis="ideal"), run(abc, THIRDS, synthesis="ideal")
    assert ideal_ab.details["composite"] == pytest.approx([0.8333, 0.7302], abs=PRINTED_4DP)
    assert ideal_abc.details["composite"] == pytest.approx([0.6667, 0.6746, 1.0], abs=PRINTED_4DP)
    assert ideal_ab.scores[0] > ideal_ab.scores[1] and ideal_abc.scores[1] > ideal_abc.scores[0]


def test_a_cost_criterion_is_judged_by_the_reciprocal_ratio() -> None:
    """On a cost criterion the judgement is a_ik = x_k / x_i: halving a cost doubles the local
    priority. Costs 1, 2, 4 give (4, 2, 1) / 7 distributive and (1, 1/2, 1/4) ideal."""
    costs = np.array([[1.0], [2.0], [4.0]])
    assert run(costs, [1.0], [False]).details["local"][:, 0] == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-15)
    assert run(costs, [1.0], [False], "ideal").details["local"][:, 0].tolist() == [1.0, 0.5, 0.25]


def test_details_add_up() -> None:
    matrix = np.array([[2.0, 3.0, 5.0], [4.0, 1.0, 5.0], [1.0, 6.0, 2.5]])
    weights = np.array([0.5, 0.2, 0.3])
    for synthesis in SYNTHESIS_MODES:
        result = run(matrix, weights, [True, False, True], synthesis)
        assert set(result.details) == {"local", "composite", "contributions"}
        assert result.details["contributions"].sum(axis=1) == pytest.approx(result.scores, abs=1e-15)
        assert result.details["composite"] == pytest.approx(result.details["local"] @ weights, abs=1e-15)
        assert float(result.scores.sum()) == pytest.approx(1.0, abs=1e-15)
    assert run(matrix, weights, synthesis="distributive").details["local"].sum(axis=0) == pytest.approx(np.ones(3))
    assert run(matrix, weights, synthesis="ideal").details["local"].max(axis=0).tolist() == [1.0, 1.0, 1.0]


def test_one_alternative_gets_everything() -> None:
    for synthesis in SYNTHESIS_MODES:
        assert run([[3.0, 7.0]], [0.5, 0.5], [True, False], synthesis).scores.tolist() == [1.0]


# ----- properties --------------------------------------------------------------------------------
@st.composite
def problems(draw: st.DrawFn, min_alternatives: int = 2) -> tuple[FloatArray, FloatArray, BoolArray, str]:
    """Positive scores on a grid (ties happen), weights summing to 1, directions, a synthesis mode."""
    m = draw(st.integers(min_alternatives, 7))
    n = draw(st.integers(1, 5))
    matrix = draw(arrays(np.float64, (m, n), elements=st.integers(1, 40).map(lambda k: k / 4)))
    raw = draw(arrays(np.float64, n, elements=st.floats(0.05, 10)))
    return matrix, raw / raw.sum(), draw(arrays(np.bool_, n)), draw(st.sampled_from(SYNTHESIS_MODES))


def orders_agree(before: FloatArray, after: FloatArray) -> bool:
    """No pair that ``before`` separates (by more than rounding) is reversed in ``after``."""
    d_before = before[:, None] - before[None, :]
    d_after = after[:, None] - after[None, :]
    clear = np.abs(d_before) > 1e-12
    return bool(np.all(np.sign(d_after[clear]) == np.sign(d_before[clear])))


@settings(max_examples=100, deadline=None)
@given(problem=problems(), data=st.data())
def test_permuting_the_alternatives_permutes_everything(
    problem: tuple[FloatArray, FloatArray, BoolArray, str], data: st.DataObject
) -> None:
    matrix, weights, is_benefit, synthesis = problem
    order = np.array(data.draw(st.permutations(range(len(matrix)))))
    before = run(matrix, weights, is_benefit, synthesis)
    after = run(matrix[order], weights, is_benefit, synthesis)
    assert after.scores == pytest.approx(before.scores[order], rel=1e-12, abs=1e-15)
    assert after.details["local"] == pytest.approx(before.details["local"][order], rel=1e-12, abs=1e-15)


@settings(max_examples=100, deadline=None)
@given(problem=problems(), factors=st.lists(st.floats(1e-3, 1e3), min_size=5, max_size=5))
def test_scaling_a_criterion_by_a_positive_constant_changes_nothing(
    problem: tuple[FloatArray, FloatArray, BoolArray, str], factors: list[float]
) -> None:
    """Ratio scale: x and c·x are the same measurement in other units (grams or kilograms), so
    the judgements x_i / x_k, hence everything, are unchanged."""
    matrix, weights, is_benefit, synthesis = problem
    scaled = matrix * np.array(factors[: matrix.shape[1]])
    before = run(matrix, weights, is_benefit, synthesis)
    after = run(scaled, weights, is_benefit, synthesis, scale=9e3)
    assert after.scores == pytest.approx(before.scores, rel=1e-12, abs=1e-15)
    assert after.details["local"] == pytest.approx(before.details["local"], rel=1e-12, abs=1e-15)


@settings(max_examples=100, deadline=None)
@given(problem=problems(), data=st.data())
def test_a_dominating_alternative_is_never_ranked_below(
    problem: tuple[FloatArray, FloatArray, BoolArray, str], data: st.DataObject
) -> None:
    matrix, weights, is_benefit, synthesis = problem
    dominated = data.draw(st.integers(0, len(matrix) - 1))
    factors = data.draw(arrays(np.float64, matrix.shape[1], elements=st.sampled_from([1.0, 1.25, 2.0, 4.0])))
    assume(np.any(factors > 1))
    better = matrix[dominated] * np.where(is_benefit, factors, 1 / factors)
    scores = run(np.vstack([matrix, better]), weights, is_benefit, synthesis).scores
    assert scores[-1] >= scores[dominated] - 1e-15


@settings(max_examples=100, deadline=None)
@given(problem=problems(), data=st.data())
def test_ideal_mode_never_reverses_two_alternatives_when_a_copy_is_added(
    problem: tuple[FloatArray, FloatArray, BoolArray, str], data: st.DataObject
) -> None:
    """A copy of an alternative changes no criterion's best, so every local priority, hence
    every composite, stays where it was (Belton & Gear's remedy; Saaty 1994)."""
    matrix, weights, is_benefit, _ = problem
    copy = data.draw(st.integers(0, len(matrix) - 1))
    before = run(matrix, weights, is_benefit, "ideal")
    after = run(np.vstack([matrix, matrix[copy]]), weights, is_benefit, "ideal")
    assert after.details["composite"][:-1] == pytest.approx(before.details["composite"], rel=1e-12)
    assert orders_agree(before.scores, after.scores[:-1])


@settings(max_examples=100, deadline=None)
@given(problem=problems(), data=st.data())
def test_ideal_mode_never_reverses_two_alternatives_when_a_third_beats_no_best(
    problem: tuple[FloatArray, FloatArray, BoolArray, str], data: st.DataObject
) -> None:
    """A newcomer no better than the current best on every criterion (at most the largest
    benefit score, at least the smallest cost) leaves every ideal, hence every composite, where
    it was. A newcomer that becomes some criterion's best can reverse ranks even in ideal mode
    (Saaty & Vargas 1984, pinned above)."""
    matrix, weights, is_benefit, _ = problem
    share = np.array(data.draw(st.lists(st.floats(0.05, 1.0), min_size=matrix.shape[1], max_size=matrix.shape[1])))
    newcomer = np.where(is_benefit, matrix.max(axis=0) * share, matrix.min(axis=0) / share)
    before = run(matrix, weights, is_benefit, "ideal")
    after = run(np.vstack([matrix, newcomer]), weights, is_benefit, "ideal", scale=1e3)
    assert after.details["composite"][:-1] == pytest.approx(before.details["composite"], rel=1e-12)
    assert orders_agree(before.scores, after.scores[:-1])


def test_distributive_mode_can_reverse_where_ideal_mode_does_not() -> None:
    """The contrast, on Belton & Gear's data with a copy of B: distributive reverses A and B,
    ideal keeps them (the property above holds for ideal mode only)."""
    for synthesis, reversed_ in (("distributive", True), ("ideal", False)):
        before = run(BELTON_GEAR, THIRDS, synthesis=synthesis).scores
        after = run(BELTON_GEAR_WITH_COPY, THIRDS, synthesis=synthesis).scores
        assert orders_agree(before, after[:3]) is not reversed_


# ----- refusals and the registry ----------------------------------------------------------------
def test_a_score_that_is_not_positive_is_refused_naming_the_cell() -> None:
    with pytest.raises(MethodInputError) as caught:
        ahp_relative(
            np.array([[3.0, 5.0], [2.0, 0.0]]),
            np.array([0.5, 0.5]),
            scale_min=np.array([1.0, 0.0]),
            scale_max=np.array([9.0, 10.0]),
            is_benefit=np.array([True, True]),
        )
    assert str(caught.value) == (
        "AHP needs positive, ratio-scale scores; got 0 at alternative 2, criterion 2 (1-based). "
        "Criterion 2's scale is [0, 10]: the scores stand for ratio judgements x_i / x_k, so a scale starting "
        "at 0 cannot be used (use one whose scores are all > 0, e.g. 1–9)"
    )
    assert (caught.value.alternative, caught.value.criterion) == (1, 1)


def test_a_criterion_weighted_zero_is_checked_too() -> None:
    """Unlike WPM, whether AHP can rank a problem never depends on the weights (a weight swept to
    0 in a sensitivity analysis does not make a refusal come and go)."""
    with pytest.raises(MethodInputError, match=r"got -1 at alternative 1, criterion 2 \(1-based\) \(and 1 more\)"):
        run([[2.0, -1.0], [4.0, 0.0]], [1.0, 0.0])


def test_an_unknown_synthesis_is_refused_listing_the_valid_ones() -> None:
    with pytest.raises(MethodInputError) as caught:
        run(BELTON_GEAR, THIRDS, synthesis="idael")
    assert str(caught.value) == "AHP option synthesis must be one of 'distributive', 'ideal'; got 'idael'"
    with pytest.raises(ValueError, match=r"method 'ahp' has no option 'mode'; expected one of: synthesis"):
        METHODS["ahp"].run(
            BELTON_GEAR,
            THIRDS,
            scale_min=np.ones(3),
            scale_max=np.full(3, 9.0),
            is_benefit=np.ones(3, bool),
            mode="ideal",
        )


def test_a_reciprocal_that_overflows_is_refused() -> None:
    with pytest.raises(
        MethodInputError,
        match=r"^AHP cannot invert the cost score \S+ at alternative 2, criterion 1 \(1-based\): its reciprocal",
    ):
        run([[1.0], [1e-320]], [1.0], [False])


def test_the_engine_turns_a_refusal_into_a_request_error() -> None:
    problem = DecisionProblem.from_matrix(
        [[0, 5], [2, 3]], alternatives=["a", "b"], criteria=["c1", "c2"], weights=[1, 1], scale=(0, 10)
    )
    with pytest.raises(model.ModelError, match="AHP needs positive, ratio-scale scores; got 0"):
        evaluate(problem, "ahp")


def test_registered_with_its_option_and_what_it_assumes() -> None:
    spec = METHODS["ahp"]
    assert spec.label == "AHP (relative measurement)"
    assert spec.kernel is ahp_relative and spec.higher_is_better
    assert dict(spec.options) == {"synthesis": "distributive"}
    assert "ratio-scale" in spec.assumes and "reverse ranks" in spec.assumes and "distributive" in spec.assumes


def test_the_synthesis_option_is_read_from_method_options() -> None:
    """``method_options: {ahp: {synthesis: ideal}}`` reaches the kernel; the default stays distributive."""
    text = model.demo.DEMO_YAML.replace("scale: {min: 0, max: 10}", "scale: {min: 1, max: 10}")
    distributive = evaluate(model.loads(text), "ahp")
    ideal = evaluate(
        model.loads(text.replace("criteria:\n", "method_options:\n  ahp: {synthesis: ideal}\ncriteria:\n")), "ahp"
    )
    assert distributive.scores == pytest.approx(
        run(distributive.problem.values, distributive.problem.normalized_weights, [True, False]).scores
    )
    assert ideal.scores == pytest.approx(
        run(ideal.problem.values, ideal.problem.normalized_weights, [True, False], "ideal").scores
    )
    assert not np.allclose(distributive.scores, ideal.scores)
