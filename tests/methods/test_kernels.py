"""The aggregation kernels: published worked examples, hand checks, properties, refusals.

Three kinds of truth, as for the additive model in ``test_ranking.py``: the printed figures
of a published example (source in the docstring, tolerance from the printed rounding), hand
computations, and properties every method must keep (permutation, weight rescaling,
dominance, constant criteria) checked with Hypothesis.
"""

from __future__ import annotations

import math
import re
import types
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.typing import NDArray

import model
from model.methods import (
    METHODS,
    Method,
    MethodInputError,
    kernel_options,
    topsis,
    vikor,
    weighted_product,
    weighted_sum,
)
from model.methods.contract import MethodResult
from model.methods.normalize import value_function, value_points
from model.problem import DecisionProblem
from model.ranking import evaluate

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

# Every configuration of every method that the properties below are run on.
CONFIGURATIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "weighted_sum": ("weighted_sum", {}),
    "weighted_product": ("weighted_product", {}),
    "topsis_vector": ("topsis", {}),
    "topsis_minmax": ("topsis", {"normalization": "minmax"}),
    "vikor": ("vikor", {}),
    "vikor_v0": ("vikor", {"v": 0.0}),
    "vikor_v1": ("vikor", {"v": 1.0}),
    "ahp_distributive": ("ahp", {}),
    "ahp_ideal": ("ahp", {"synthesis": "ideal"}),
}
SCALE = (1.0, 9.0)  # positive, so WPM runs on every generated problem


def run(
    config: str, matrix: FloatArray, weights: FloatArray, is_benefit: BoolArray, scale: tuple[float, float] = SCALE
) -> MethodResult:
    name, options = CONFIGURATIONS[config]
    n = matrix.shape[1]
    return METHODS[name].run(
        matrix,
        weights,
        scale_min=np.full(n, scale[0]),
        scale_max=np.full(n, scale[1]),
        is_benefit=is_benefit,
        **options,
    )


def better_first(config: str, scores: FloatArray) -> FloatArray:
    """Scores turned so that higher is better, whatever the method's convention."""
    return scores if METHODS[CONFIGURATIONS[config][0]].higher_is_better else -scores


# ----- published worked examples -----------------------------------------------------------------
TRIANTAPHYLLOU_MATRIX = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
TRIANTAPHYLLOU_WEIGHTS = [0.20, 0.15, 0.40, 0.25]


def test_weighted_product_matches_triantaphyllou_worked_example() -> None:
    """Triantaphyllou, E. (2000). *Multi-Criteria Decision Making Methods: A Comparative Study*,
    Kluwer, §2.2.2 (WPM), on the same data as his WSM example (§2.2.1): A1 = 25 20 15 30,
    A2 = 10 30 20 30, A3 = 30 10 30 10, four benefit criteria, weights 0.20 0.15 0.40 0.25.
    Printed pairwise ratios R(AK/AL) = prod_j (a_Kj / a_Lj) ** w_j: R(A1/A2) = 1.007,
    R(A1/A3) = 1.067, R(A2/A3) = 1.059, hence A1 > A2 > A3.

    The ratio of two product scores is the book's ratio, so the printed digits must come out
    of the scores to the printed rounding (three decimals: ±0.0005).
    """
    matrix = np.array(TRIANTAPHYLLOU_MATRIX, dtype=float)
    result = weighted_product(
        matrix,
        np.array(TRIANTAPHYLLOU_WEIGHTS),
        scale_min=np.ones(4),
        scale_max=np.full(4, 100.0),
        is_benefit=np.ones(4, dtype=bool),
    )
    p1, p2, p3 = result.scores
    assert p1 / p2 == pytest.approx(1.007, abs=5e-4)
    assert p1 / p3 == pytest.approx(1.067, abs=5e-4)
    assert p2 / p3 == pytest.approx(1.059, abs=5e-4)
    assert p1 > p2 > p3
    # the intermediates: w_j log x_j, adding up to log P
    log_contributions = result.details["log_contributions"]
    assert log_contributions == pytest.approx(np.log(matrix) * TRIANTAPHYLLOU_WEIGHTS)
    assert np.exp(log_contributions.sum(axis=1)) == pytest.approx(result.scores)

    problem = DecisionProblem.from_matrix(
        matrix,
        alternatives=["A1", "A2", "A3"],
        criteria=["C1", "C2", "C3", "C4"],
        weights=[20, 15, 40, 25],  # the engine normalises the weights
        scale=(1, 100),
    )
    ranking = evaluate(problem, "weighted_product")
    assert ranking.ranks.tolist() == [1, 2, 3]
    assert ranking.scores == pytest.approx(result.scores)


def test_weighted_product_of_a_cost_criterion_divides() -> None:
    """A cost criterion enters with exponent -w_j: halving a cost multiplies the score by 2 ** w_j."""
    result = weighted_product(
        np.array([[4.0, 2.0], [4.0, 1.0]]),
        np.array([0.5, 0.5]),
        scale_min=np.ones(2),
        scale_max=np.full(2, 9.0),
        is_benefit=np.array([True, False]),
    )
    assert result.scores == pytest.approx([2.0 / math.sqrt(2.0), 2.0])
    assert result.scores[1] / result.scores[0] == pytest.approx(2**0.5)


AIRCRAFT_MATRIX = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
AIRCRAFT_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
AIRCRAFT_BENEFIT = [True, True, True, False, True, True]


def test_topsis_matches_hwang_yoon_fighter_aircraft_example() -> None:
    """Hwang, C.-L. & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
    Applications*, Springer (LNEMS 186), the fighter-aircraft example worked by TOPSIS.

    Four aircraft; criteria: maximum speed (Mach), ferry range (NM), maximum payload (lb),
    acquisition cost ($10^6, a cost), reliability and maneuverability (verbal ratings scored
    3 low, 5 average, 7 high, 9 very high); weights 0.2 0.1 0.1 0.1 0.2 0.3. Printed, to four
    decimals: ideal A* = (.1168 .0659 .0531 .0414 .1347 .2012), negative ideal
    A- = (.0841 .0366 .0455 .0598 .0577 .1118), separations S* = (.0545 .1197 .0580 .1009)
    and S- = (.0983 .0439 .0920 .0458); to three, the closeness C* = (.643 .268 .613 .312),
    so A1 > A3 > A4 > A2.

    Source of the figures: the book's tables as reproduced in two independent open-source
    TOPSIS test suites (both agree); the book page itself was not available here.

    Tolerances: the book carries four-decimal intermediates, and its normalised cost column
    is slightly off (e.g. .5063 for 5.5 / sqrt(117.75) = .5069), which moves its weighted
    values by up to 1e-4. Hence 5e-5 (printed rounding) + 1e-4 for the four-decimal figures,
    and for C* 5e-4 (printed rounding) + 5e-4 (C* computed from the four-decimal
    separations: .0920 / (.0580 + .0920) = .6133 against the exact .6135).
    """
    result = topsis(
        np.array(AIRCRAFT_MATRIX),
        np.array(AIRCRAFT_WEIGHTS),
        scale_min=np.zeros(6),
        scale_max=np.array([3.0, 3000, 25000, 10, 9, 9]),
        is_benefit=np.array(AIRCRAFT_BENEFIT),
    )
    details = result.details
    four_decimals = 5e-5 + 1e-4
    assert details["ideal"] == pytest.approx([0.1168, 0.0659, 0.0531, 0.0414, 0.1347, 0.2012], abs=four_decimals)
    assert details["anti_ideal"] == pytest.approx([0.0841, 0.0366, 0.0455, 0.0598, 0.0577, 0.1118], abs=four_decimals)
    assert details["distance_ideal"] == pytest.approx([0.0545, 0.1197, 0.0580, 0.1009], abs=four_decimals)
    assert details["distance_anti_ideal"] == pytest.approx([0.0983, 0.0439, 0.0920, 0.0458], abs=four_decimals)
    assert result.scores == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=5e-4 + 5e-4)
    assert details["closeness"] is result.scores
    assert np.argsort(-result.scores).tolist() == [0, 2, 3, 1]
    # the normalised matrix is r = x / ||x_j||, unweighted and not inverted for the cost column
    assert details["normalized"] == pytest.approx(np.array(AIRCRAFT_MATRIX) / np.linalg.norm(AIRCRAFT_MATRIX, axis=0))
    assert details["weighted"] == pytest.approx(details["normalized"] * AIRCRAFT_WEIGHTS)


def test_topsis_minmax_normalises_on_the_declared_scale() -> None:
    """Hand check of ``normalization="minmax"``: on the scale [0, 10], r = x / 10.

    Weighted: A1 (.75, 0), A2 (0, .25), A3 (.375, .125); ideal (.75, .25), anti-ideal (0, 0);
    d⁺ = (.25, .75, sqrt(.375² + .125²)), d⁻ = (.75, .25, the same) → C = (.75, .25, .5).
    """
    result = topsis(
        np.array([[10.0, 0.0], [0.0, 10.0], [5.0, 5.0]]),
        np.array([0.75, 0.25]),
        scale_min=np.zeros(2),
        scale_max=np.full(2, 10.0),
        is_benefit=np.array([True, True]),
        normalization="minmax",
    )
    assert result.details["normalized"].tolist() == [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]
    assert result.scores == pytest.approx([0.75, 0.25, 0.5])
    # the declared scale, not the observed range: on [0, 20] every r halves, C does not change
    wider = topsis(
        np.array([[10.0, 0.0], [0.0, 10.0], [5.0, 5.0]]),
        np.array([0.75, 0.25]),
        scale_min=np.zeros(2),
        scale_max=np.full(2, 20.0),
        is_benefit=np.array([True, True]),
        normalization="minmax",
    )
    assert wider.details["normalized"].tolist() == [[0.5, 0.0], [0.0, 0.5], [0.25, 0.25]]
    assert wider.scores == pytest.approx(result.scores)


OPRICOVIC_2004_MATRIX = [[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]]


@pytest.mark.parametrize("v", [0.5, 0.0, 1.0])
def test_vikor_matches_opricovic_tzeng_2004_numerical_example(v: float) -> None:
    """Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
    analysis of VIKOR and TOPSIS. *European Journal of Operational Research* 156(2), 445–455,
    §4 (Tables 1–3): three alternatives, criterion f1 (risk, to be minimised) = 1, 2, 5 and
    f2 (altitude, to be maximised) = 3000, 3750, 4500, equal weights. Printed:
    S = 0.5, 0.375, 0.5; R = 0.5, 0.25, 0.5; Q = 1, 0, 1; A2 is the compromise solution
    (C1: Q(A1) - Q(A2) = 1 >= DQ = 1/2; C2: A2 is also best by S and R).

    The data and printed S, R, Q were taken from secondary reproductions of the paper (the
    scikit-criteria test suite and an MCDA method catalogue, which agree); the printed values
    are exact fractions, so the tolerance is float noise only. Q here is the same for every
    v (S and R order the alternatives alike), so the check runs at v = 0.5, 0 and 1.
    """
    result = vikor(
        np.array(OPRICOVIC_2004_MATRIX),
        np.array([0.5, 0.5]),
        scale_min=np.array([0.0, 0.0]),
        scale_max=np.array([10.0, 9000.0]),
        is_benefit=np.array([False, True]),
        v=v,
    )
    details = result.details
    assert details["S"] == pytest.approx([0.5, 0.375, 0.5], abs=1e-12)
    assert details["R"] == pytest.approx([0.5, 0.25, 0.5], abs=1e-12)
    assert details["Q"] == pytest.approx([1.0, 0.0, 1.0], abs=1e-12)
    assert result.scores is details["Q"]
    assert bool(details["advantage"]) and bool(details["stability"])
    assert details["compromise"].tolist() == [False, True, False]


def test_vikor_does_not_depend_on_the_units_where_vector_topsis_does() -> None:
    """The point of Opricovic & Tzeng (2004): VIKOR's linear normalisation ignores a change of
    units (here risk + 5 and altitude in km above 1 km), vector-normalised TOPSIS does not.
    """
    matrix = np.array(OPRICOVIC_2004_MATRIX)
    other_units = np.column_stack([matrix[:, 0] + 5, matrix[:, 1] / 1000 - 1])
    common: dict[str, Any] = {
        "scale_min": np.zeros(2),
        "scale_max": np.array([20.0, 9000.0]),
        "is_benefit": np.array([False, True]),
    }
    weights = np.array([0.5, 0.5])
    first, second = vikor(matrix, weights, **common), vikor(other_units, weights, **common)
    for key in ("S", "R", "Q", "compromise"):
        assert first.details[key] == pytest.approx(second.details[key], abs=1e-12)
    assert topsis(matrix, weights, **common).scores != pytest.approx(
        topsis(other_units, weights, **common).scores, abs=1e-3
    )


HYDRO_MATRIX = [
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
]
HYDRO_BENEFIT = [True, False, True, True, False, False, False, True]


@pytest.mark.parametrize(
    ("weights", "q", "advantage", "compromise"),
    [
        ([1] * 8, [0.991, 1.0, 0.473, 0.670, 0.0, 0.578], True, [4]),
        ([1, 1, 1, 1, 2, 2, 2, 2], [0.684, 1.0, 0.147, 0.554, 0.041, 0.191], False, [2, 4, 5]),
    ],
)
def test_vikor_matches_opricovic_tzeng_2007_reservoir_example(
    weights: list[float], q: list[float], advantage: bool, compromise: list[int]
) -> None:
    """Opricovic, S. & Tzeng, G.-H. (2007). Extended VIKOR method in comparison with
    outranking methods. *EJOR* 178(2), 514–529: six reservoir-system alternatives, eight
    criteria (profit, cost, energy, peak energy, homes relocated, reservoir area, villages
    displaced, environmental protection), two of the paper's weightings. Printed Q to three
    decimals (±0.0005); with equal weights A5 is the compromise alone; when the social and
    environmental criteria weigh twice as much, C1 fails and the compromise is A3, A5, A6.

    Figures as reproduced in the scikit-criteria test suite (not checked against the paper).
    This pins the branch where C1 fails on published data.
    """
    w = np.array(weights, dtype=float)
    matrix = np.array(HYDRO_MATRIX)
    result = vikor(
        matrix,
        w / w.sum(),
        scale_min=matrix.min(axis=0) - 1,
        scale_max=matrix.max(axis=0) + 1,
        is_benefit=np.array(HYDRO_BENEFIT),
    )
    assert result.scores == pytest.approx(q, abs=5e-4)
    assert bool(result.details["advantage"]) is advantage
    assert bool(result.details["stability"])
    assert np.flatnonzero(result.details["compromise"]).tolist() == compromise


def test_vikor_compromise_when_only_stability_fails() -> None:
    """Hand-checked: five alternatives, three benefit criteria on 1–9, equal weights, v = 0.5.

    f* = (7, 9, 9), f⁻ = (2, 3, 5). A3 = (5, 4, 9): S = (2/5 + 5/6 + 0)/3 = 37/90,
    R = (5/6)/3 = 5/18. A1 has the least S (1/3) and A2 the least R (4/15), so A3, first by Q,
    is best by neither: C2 fails. Q(A2) - Q(A3) = 0.285 >= DQ = 1/4: C1 holds. The
    compromise is A3 and A2.
    """
    matrix = np.array([[7, 9, 5], [3, 5, 6], [5, 4, 9], [6, 3, 9], [2, 4, 7]], dtype=float)
    result = vikor(
        matrix, np.full(3, 1 / 3), scale_min=np.ones(3), scale_max=np.full(3, 9.0), is_benefit=np.ones(3, dtype=bool)
    )
    s, r, q = (result.details[key] for key in ("S", "R", "Q"))
    assert s[2] == pytest.approx(float(Fraction(37, 90)))
    assert r[2] == pytest.approx(float(Fraction(5, 18)))
    assert s.min() == pytest.approx(1 / 3) and int(np.argmin(s)) == 0
    assert r.min() == pytest.approx(4 / 15) and int(np.argmin(r)) == 1
    assert int(np.argmin(q)) == 2
    assert np.sort(q)[1] - q.min() >= 0.25
    assert bool(result.details["advantage"]) and not bool(result.details["stability"])
    assert np.flatnonzero(result.details["compromise"]).tolist() == [1, 2]


def test_vikor_conditions_at_their_boundaries() -> None:
    """One benefit criterion on 1–9, so S = R = Q = (9 - x) / 8, exact in binary.

    * x = 9, 5, 1: Q = 0, 1/2, 1 and DQ = 1/2: the gap equals DQ, and C1 (">=") holds.
    * x = 9, 8, 7, 5, 1: Q = 0, 1/8, 1/4, 1/2, 1 and DQ = 1/4: C1 fails, and the compromise is
      every alternative with Q - Q(a') < DQ, strictly: A1 and A2, not A3 at exactly DQ.
    """
    one: dict[str, Any] = {"scale_min": np.ones(1), "scale_max": np.full(1, 9.0), "is_benefit": np.ones(1, bool)}
    at_the_gap = vikor(np.array([[9.0], [5.0], [1.0]]), np.ones(1), **one)
    assert at_the_gap.scores.tolist() == [0.0, 0.5, 1.0]
    assert bool(at_the_gap.details["advantage"]) and bool(at_the_gap.details["stability"])
    assert at_the_gap.details["compromise"].tolist() == [True, False, False]

    within = vikor(np.array([[9.0], [8.0], [7.0], [5.0], [1.0]]), np.ones(1), **one)
    assert within.scores.tolist() == [0.0, 0.125, 0.25, 0.5, 1.0]
    assert not bool(within.details["advantage"])
    assert within.details["compromise"].tolist() == [True, True, False, False, False]


def test_vikor_does_not_blow_rounding_noise_up_into_q() -> None:
    """Five alternatives, each a rotation of the same scores (1, 9, 3, 3, 1), equal weights:
    S = 0.7 and R = 0.2 for all, mathematically, but the sums of the same terms in another
    order differ in the last bit. Q must treat them as equal (0 for all), not divide by 1e-16.
    """
    base = np.array([1.0, 9.0, 3.0, 3.0, 1.0])
    matrix = np.array([np.roll(base, k) for k in range(5)])
    result = vikor(
        matrix, np.full(5, 0.2), scale_min=np.ones(5), scale_max=np.full(5, 9.0), is_benefit=np.ones(5, bool)
    )
    assert result.details["S"] == pytest.approx([0.7] * 5)
    assert result.scores.tolist() == [0.0] * 5
    assert result.details["compromise"].tolist() == [True] * 5


def reference_compromise(
    s: FloatArray, r: FloatArray, q: FloatArray, tol: float = 1e-12
) -> tuple[bool, bool, set[int]]:
    """Opricovic & Tzeng's rule written out plainly, over the Q ranking, with the documented tie policy."""
    m = len(q)
    order = sorted(range(m), key=lambda i: q[i])
    firsts = {i for i in order if q[i] <= q[order[0]] + tol}
    stable = any(s[i] <= min(s) + tol or r[i] <= min(r) + tol for i in firsts)
    if m == 1:
        return True, stable, firsts
    dq = 1 / (m - 1)
    others = [i for i in order if i not in firsts]
    advantage = bool(others) and q[others[0]] - q[order[0]] >= dq - tol
    if not advantage:
        return False, stable, {i for i in range(m) if q[i] - q[order[0]] < dq - tol} | firsts
    if stable:
        return True, True, firsts
    return True, False, firsts | {i for i in others if q[i] <= q[others[0]] + tol}


# ----- strategies ---------------------------------------------------------------------------
@st.composite
def problems(draw: st.DrawFn, min_alternatives: int = 2) -> tuple[FloatArray, FloatArray, BoolArray]:
    """A matrix on the scale [1, 9] (values on a grid of 0.5, so that ties happen), weights summing to 1, directions."""
    m = draw(st.integers(min_alternatives, 7))
    n = draw(st.integers(1, 5))
    matrix = draw(arrays(np.float64, (m, n), elements=st.integers(2, 18).map(lambda k: k / 2)))
    raw = draw(arrays(np.float64, n, elements=st.floats(0.05, 10)))
    is_benefit = draw(arrays(np.bool_, n))
    return matrix, raw / raw.sum(), is_benefit


# ----- properties ---------------------------------------------------------------------------
@pytest.mark.parametrize("config", list(CONFIGURATIONS))
@settings(max_examples=60, deadline=None)
@given(problem=problems(), data=st.data())
def test_permuting_the_alternatives_permutes_the_scores(
    config: str, problem: tuple[FloatArray, FloatArray, BoolArray], data: st.DataObject
) -> None:
    matrix, weights, is_benefit = problem
    permutation = np.array(data.draw(st.permutations(range(len(matrix)))))
    before = run(config, matrix, weights, is_benefit)
    after = run(config, matrix[permutation], weights, is_benefit)
    assert after.scores == pytest.approx(before.scores[permutation], rel=1e-9, abs=1e-12)
    if CONFIGURATIONS[config][0] == "vikor":
        assert after.details["compromise"].tolist() == before.details["compromise"][permutation].tolist()
        assert bool(after.details["advantage"]) is bool(before.details["advantage"])
        assert bool(after.details["stability"]) is bool(before.details["stability"])


@pytest.mark.parametrize("config", list(CONFIGURATIONS))
@settings(max_examples=60, deadline=None)
@given(problem=problems(), factor=st.floats(1e-3, 1e3))
def test_rescaling_all_weights_changes_nothing_after_renormalisation(
    config: str, problem: tuple[FloatArray, FloatArray, BoolArray], factor: float
) -> None:
    matrix, weights, is_benefit = problem
    scaled = weights * factor
    before = run(config, matrix, weights, is_benefit)
    after = run(config, matrix, scaled / scaled.sum(), is_benefit)
    assert after.scores == pytest.approx(before.scores, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("config", [c for c in CONFIGURATIONS if c != "weighted_sum"])
def test_kernels_refuse_weights_that_do_not_sum_to_one(config: str) -> None:
    """The caller normalises; a kernel given raw weights says so rather than guess.

    ``weighted_sum`` is the hot kernel of every analysis and takes normalised weights from
    :class:`~model.problem.DecisionProblem` only, so it does not re-check them.
    """
    with pytest.raises(ValueError, match=r"needs weights that sum to 1 \(normalise them first\); got a sum of 3"):
        run(config, np.array([[2.0, 3.0], [4.0, 5.0]]), np.array([1.0, 2.0]), np.array([True, True]))


@pytest.mark.parametrize("config", list(CONFIGURATIONS))
@settings(max_examples=80, deadline=None)
@given(problem=problems(), data=st.data())
def test_a_dominating_alternative_is_never_ranked_below_the_one_it_dominates(
    config: str, problem: tuple[FloatArray, FloatArray, BoolArray], data: st.DataObject
) -> None:
    """Every method here guarantees it (weak dominance: at least as good everywhere, better
    somewhere gives a score at least as good). Weighted sum: each v_j is non-decreasing in the
    better direction. WPM: each factor x ** ±w is. TOPSIS (either normalisation): the
    dominating alternative is nowhere further from the ideal nor nearer the anti-ideal, and
    C = d⁻/(d⁺ + d⁻) grows with d⁻ and shrinks with d⁺. VIKOR: every regret term, hence S and
    R, is no larger, and Q grows with both. AHP: each local priority is the oriented score over
    one column-wide sum or maximum, so it is no smaller. Strict dominance can still tie where the better
    criteria weigh nothing, so the check is "not below". The exception, a non-monotone value
    function, is pinned separately.
    """
    matrix, weights, is_benefit = problem
    dominated = data.draw(st.integers(0, len(matrix) - 1))
    gains = data.draw(arrays(np.float64, matrix.shape[1], elements=st.integers(0, 16).map(lambda k: k / 2)))
    assume(np.any(gains > 0))
    better = np.clip(matrix[dominated] + np.where(is_benefit, gains, -gains), *SCALE)
    assume(np.any(better != matrix[dominated]))
    extended = np.vstack([matrix, better])
    scores = better_first(config, run(config, extended, weights, is_benefit).scores)
    assert scores[-1] >= scores[dominated] - 1e-12 * max(1.0, abs(scores[dominated]))


def test_a_non_monotone_value_function_can_rank_a_dominating_alternative_lower() -> None:
    """The one place where dominance on the raw scores is not kept, by design: a value
    function with a peak inside the scale (here, 5 is ideal on a 1–9 benefit criterion)
    says that 9 is worse than 5, so the raw-score "dominating" alternative loses.
    """
    peak = (np.array([1.0, 5.0, 9.0]), np.array([0.0, 1.0, 0.2]))
    result = weighted_sum(
        np.array([[5.0, 5.0], [9.0, 5.0]]),
        np.array([0.5, 0.5]),
        scale_min=np.ones(2),
        scale_max=np.full(2, 9.0),
        is_benefit=np.array([True, True]),
        value_functions=[peak, None],
    )
    assert result.scores[1] < result.scores[0]


@pytest.mark.parametrize("config", list(CONFIGURATIONS))
@settings(max_examples=60, deadline=None)
@given(problem=problems(min_alternatives=1), data=st.data())
def test_all_equal_columns_give_finite_results_without_dividing_by_zero(
    config: str, problem: tuple[FloatArray, FloatArray, BoolArray], data: st.DataObject
) -> None:
    matrix, weights, is_benefit = problem
    constant = data.draw(arrays(np.bool_, matrix.shape[1]))
    matrix = np.where(constant, matrix[:1], matrix)  # these columns repeat the first row's score
    with np.errstate(all="raise"):  # any 0/0 or x/0 would raise FloatingPointError
        result = run(config, matrix, weights, is_benefit)
    assert np.all(np.isfinite(result.scores))
    for value in result.details.values():
        assert np.all(np.isfinite(value))


@pytest.mark.parametrize("config", list(CONFIGURATIONS))
def test_a_matrix_of_identical_alternatives_ties_everyone(config: str) -> None:
    """All criteria constant: TOPSIS puts everyone at the ideal and the anti-ideal at once and
    defines C = 0.5; VIKOR has S = R = Q = 0 and everyone in the compromise; the others tie.
    """
    matrix = np.full((3, 2), 4.0)
    with np.errstate(all="raise"):
        result = run(config, matrix, np.array([0.3, 0.7]), np.array([True, False]))
    assert np.ptp(result.scores) == 0
    name = CONFIGURATIONS[config][0]
    if name == "topsis":
        assert result.scores.tolist() == [0.5] * 3
    if name == "vikor":
        assert result.scores.tolist() == [0.0] * 3
        assert result.details["compromise"].tolist() == [True] * 3
        assert not bool(result.details["advantage"])


@pytest.mark.parametrize("config", list(CONFIGURATIONS))
@settings(max_examples=60, deadline=None)
@given(problem=problems(), level=st.integers(2, 18), share=st.floats(0.05, 0.5))
def test_a_constant_criterion_changes_no_order(
    config: str, problem: tuple[FloatArray, FloatArray, BoolArray], level: int, share: float
) -> None:
    """A criterion on which every alternative scores the same contributes nothing (TOPSIS,
    VIKOR) or the same to everyone (weighted sum, WPM): adding one, with the other weights
    shrunk to make room, never reverses two alternatives.
    """
    matrix, weights, is_benefit = problem
    before = better_first(config, run(config, matrix, weights, is_benefit).scores)
    extended = np.column_stack([matrix, np.full(len(matrix), level / 2)])
    after = better_first(
        config, run(config, extended, np.append(weights * (1 - share), share), np.append(is_benefit, True)).scores
    )
    difference_before = before[:, None] - before[None, :]
    difference_after = after[:, None] - after[None, :]
    clear = np.abs(difference_before) > 1e-9
    assert np.all(np.sign(difference_after[clear]) == np.sign(difference_before[clear]))


@settings(max_examples=150, deadline=None)
@given(problem=problems(min_alternatives=1), v=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
def test_vikor_compromise_follows_the_rule_as_written(
    problem: tuple[FloatArray, FloatArray, BoolArray], v: float
) -> None:
    """Against a plain reimplementation of C1, C2 and the three cases, over the Q ranking."""
    matrix, weights, is_benefit = problem
    n = matrix.shape[1]
    result = vikor(matrix, weights, scale_min=np.ones(n), scale_max=np.full(n, 9.0), is_benefit=is_benefit, v=v)
    s, r, q = (result.details[key] for key in ("S", "R", "Q"))
    assert np.all((q >= 0) & (q <= 1))
    advantage, stability, compromise = reference_compromise(s, r, q)
    assert bool(result.details["advantage"]) is advantage
    assert bool(result.details["stability"]) is stability
    assert set(np.flatnonzero(result.details["compromise"]).tolist()) == compromise


# ----- refusals --------------------------------------------------------------------------------
def test_weighted_product_refuses_a_zero_with_a_clear_message() -> None:
    with pytest.raises(MethodInputError) as caught:
        weighted_product(
            np.array([[3.0, 5.0], [2.0, 0.0]]),
            np.array([0.5, 0.5]),
            scale_min=np.array([1.0, 0.0]),
            scale_max=np.array([9.0, 10.0]),
            is_benefit=np.array([True, True]),
        )
    assert str(caught.value) == (
        "WPM needs positive, ratio-scale scores; got 0 at alternative 2, criterion 2 (1-based). "
        "Criterion 2's scale is [0, 10]: a scale starting at 0 cannot be used with WPM "
        "(use a ratio scale whose scores are all > 0, e.g. 1–9)"
    )
    assert (caught.value.alternative, caught.value.criterion) == (1, 1)
    assert isinstance(caught.value, ValueError)


def test_weighted_product_counts_every_score_it_refuses_and_ignores_unweighted_criteria() -> None:
    common: dict[str, Any] = {
        "scale_min": np.full(2, -5.0),
        "scale_max": np.full(2, 5.0),
        "is_benefit": np.ones(2, bool),
    }
    with pytest.raises(ValueError, match=r"got -1 at alternative 1, criterion 1 \(1-based\) \(and 2 more\)"):
        weighted_product(np.array([[-1.0, 2.0], [0.0, 0.0]]), np.array([0.5, 0.5]), **common)
    # a criterion weighted 0 is ignored, whatever its scores
    result = weighted_product(np.array([[2.0, 0.0], [4.0, -3.0]]), np.array([1.0, 0.0]), **common)
    assert result.scores == pytest.approx([2.0, 4.0])


def test_the_engine_turns_a_wpm_refusal_into_a_request_error() -> None:
    problem = DecisionProblem.from_matrix(
        [[0, 5], [2, 3]], alternatives=["a", "b"], criteria=["c1", "c2"], weights=[1, 1], scale=(0, 10)
    )
    with pytest.raises(model.ModelError, match="WPM needs positive, ratio-scale scores; got 0"):
        evaluate(problem, "weighted_product")


@pytest.mark.parametrize("v", [-0.1, 1.5, math.nan, True, "0.5", None])
def test_vikor_refuses_v_outside_zero_one(v: Any) -> None:
    with pytest.raises(MethodInputError, match=r"^VIKOR option v must be a number in \[0, 1\]; got "):
        vikor(
            np.ones((2, 1)),
            np.ones(1),
            scale_min=np.zeros(1),
            scale_max=np.full(1, 2.0),
            is_benefit=np.ones(1, bool),
            v=v,
        )


def test_topsis_refuses_an_unknown_normalization() -> None:
    with pytest.raises(MethodInputError) as caught:
        topsis(
            np.ones((2, 1)),
            np.ones(1),
            scale_min=np.zeros(1),
            scale_max=np.full(1, 2.0),
            is_benefit=np.ones(1, bool),
            normalization="l2",
        )
    assert str(caught.value) == "TOPSIS option normalization must be one of 'vector', 'minmax'; got 'l2'"


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        (np.ones(3), r"TOPSIS needs a 2-D matrix of alternatives × criteria with at least one of each; got an array"),
        (np.ones((2, 3)), r"TOPSIS needs weights with one entry per criterion \(3\); got shape \(2,\)"),
        (np.array([[1.0, np.nan], [1.0, 2.0]]), r"TOPSIS needs finite scores; got nan at alternative 1, criterion 2"),
    ],
)
def test_kernels_refuse_malformed_input_saying_what_they_expected(matrix: FloatArray, message: str) -> None:
    with pytest.raises(MethodInputError, match=message):
        topsis(matrix, np.array([0.5, 0.5]), scale_min=np.zeros(2), scale_max=np.ones(2), is_benefit=np.ones(2, bool))


# ----- registry -----------------------------------------------------------------------------
def test_every_method_is_registered_with_what_users_and_the_schema_need() -> None:
    assert next(iter(METHODS)) == "weighted_sum"
    assert DecisionProblem.from_matrix([[1]], alternatives=["a"], criteria=["c"], weights=[1]).method == "weighted_sum"
    assert set(METHODS) >= {"weighted_sum", "weighted_product", "topsis", "vikor"}
    for name, spec in METHODS.items():
        assert spec.name == name
        for text in (spec.label, spec.summary, spec.assumes):
            assert text and "\n" not in text and len(text) <= 120
        assert dict(spec.options) == kernel_options(spec.kernel)
    assert dict(METHODS["weighted_sum"].options) == {"value_functions": None}
    assert dict(METHODS["weighted_product"].options) == {}
    assert dict(METHODS["topsis"].options) == {"normalization": "vector"}
    assert dict(METHODS["vikor"].options) == {"v": 0.5}
    assert [name for name, spec in METHODS.items() if not spec.higher_is_better] == ["vikor"]


def test_method_options_are_read_only_and_read_off_the_kernel() -> None:
    options = METHODS["vikor"].options
    assert isinstance(options, types.MappingProxyType)
    with pytest.raises(TypeError):
        options["v"] = 0.9  # type: ignore[index]

    def needs_a_default(matrix: FloatArray, weights: FloatArray, *, scale_min: FloatArray, k: int) -> MethodResult:
        raise NotImplementedError

    with pytest.raises(TypeError, match="kernel option 'k' of needs_a_default needs a default"):
        Method(name="x", label="x", kernel=needs_a_default)


def test_method_run_refuses_an_unknown_option_as_a_value_error() -> None:
    common: dict[str, Any] = {"scale_min": np.zeros(1), "scale_max": np.ones(1), "is_benefit": np.ones(1, bool)}
    with pytest.raises(ValueError, match=r"method 'vikor' has no option 'V'; expected one of: v"):
        METHODS["vikor"].run(np.ones((2, 1)), np.ones(1), V=0.3, **common)
    with pytest.raises(ValueError, match=r"method 'weighted_product' has no option 'v'; expected one of: none"):
        METHODS["weighted_product"].run(np.ones((2, 1)), np.ones(1), v=0.3, **common)
    assert METHODS["vikor"].run(np.ones((2, 1)), np.ones(1), v=0.3, **common).scores.tolist() == [0.0, 0.0]


@pytest.mark.parametrize("name", ["weighted_sum", "weighted_product", "topsis", "vikor", "ahp"])
def test_evaluate_ranks_with_each_method_in_its_own_direction(name: str) -> None:
    """Through the engine: the alternative best on every criterion is ranked first by all five."""
    problem = DecisionProblem.from_matrix(
        [[5, 5], [9, 1], [3, 7]],
        alternatives=["middle", "best", "worst"],
        criteria=["gain", "risk"],
        weights=[1, 1],
        directions=["benefit", "cost"],
        scale=(1, 9),
    )
    ranking = evaluate(problem, name)
    assert ranking.winners == ("best",)
    assert ranking.ranks.tolist() == [2, 1, 3]


# ----- value functions ------------------------------------------------------------------------
def test_value_function_interpolates_exactly_and_is_constant_beyond_its_ends() -> None:
    points = [(1, 0.0), (5, 0.8), (9, 1.0)]
    x = np.array([-3.0, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0, 12.0])
    assert value_function(x, points) == pytest.approx([0.0, 0.0, 0.2, 0.4, 0.8, 0.9, 1.0, 1.0], abs=1e-15)
    assert value_function(np.array([[3.0, 7.0], [1.0, 9.0]]), points).shape == (2, 2)
    assert float(value_function(3.0, points)) == pytest.approx(0.4)


@st.composite
def monotone_points(draw: st.DrawFn) -> tuple[FloatArray, FloatArray]:
    k = draw(st.integers(2, 6))
    xs = np.cumsum(draw(arrays(np.float64, k, elements=st.floats(0.01, 5)))) - 3
    vs = np.sort(draw(arrays(np.float64, k, elements=st.floats(0, 1))))
    return xs, vs


@settings(max_examples=100, deadline=None)
@given(points=monotone_points(), x=arrays(np.float64, 20, elements=st.floats(-10, 30)))
def test_value_function_through_monotone_points_is_monotone_and_stays_within_them(
    points: tuple[FloatArray, FloatArray], x: FloatArray
) -> None:
    xs, vs = points
    rising = value_function(np.sort(x), np.column_stack([xs, vs]))
    assert np.all(np.diff(rising) >= -1e-12)
    assert np.all((rising >= vs[0] - 1e-12) & (rising <= vs[-1] + 1e-12))
    falling = value_function(np.sort(x), np.column_stack([xs, vs[::-1]]))  # a cost criterion's shape
    assert np.all(np.diff(falling) <= 1e-12)
    assert value_function(xs, np.column_stack([xs, vs])) == pytest.approx(vs, abs=1e-12)  # through every point


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ([(1, 0.0)], "at least two points"),
        ([(1, 0.0), (1, 1.0)], r"strictly increasing x; got x = \[1.0, 1.0\]"),
        ([(5, 0.0), (1, 1.0)], "strictly increasing x"),
        ([(1, 0.0), (9, 1.5)], r"values v in \[0, 1\]; got v = \[0.0, 1.5\]"),
        ([(1, -0.1), (9, 1.0)], r"values v in \[0, 1\]"),
        ([(1, 0.0), (np.inf, 1.0)], "finite points"),
        ([1, 2, 3], r"must be \(x, v\) pairs; got an array of shape \(3,\)"),
    ],
)
def test_value_function_refuses_bad_points(points: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        value_function(np.array([2.0]), points)


def test_value_points_must_cover_the_scale() -> None:
    with pytest.raises(ValueError, match=r"must cover its criterion's scale \[1, 9\]; got points from 3 to 9"):
        value_points([3, 9], [0, 1], scale=(1, 9))
    xs, _ = value_points([0, 10], [0, 1], scale=(1, 9))  # wider is fine
    assert xs.tolist() == [0.0, 10.0]


LINEAR_INPUTS: dict[str, Any] = {
    "scale_min": np.array([1.0, 1.0]),
    "scale_max": np.array([9.0, 9.0]),
    "is_benefit": np.array([True, False]),
}


@settings(max_examples=50, deadline=None)
@given(matrix=arrays(np.float64, (4, 2), elements=st.floats(1, 9)))
def test_straight_value_functions_reproduce_the_linear_normalisation(matrix: FloatArray) -> None:
    """Points (min, 0)-(max, 1) on a benefit criterion and (min, 1)-(max, 0) on a cost one are
    the default normalisation; the cost one is used as given (no second inversion)."""
    weights = np.array([0.3, 0.7])
    linear = weighted_sum(matrix, weights, **LINEAR_INPUTS)
    through_points = weighted_sum(
        matrix,
        weights,
        **LINEAR_INPUTS,
        value_functions=[(np.array([1.0, 9.0]), np.array([0.0, 1.0])), (np.array([1.0, 9.0]), np.array([1.0, 0.0]))],
    )
    assert through_points.scores == pytest.approx(linear.scores, abs=1e-12)
    assert through_points.details["normalized"] == pytest.approx(linear.details["normalized"], abs=1e-12)
    everything_linear = weighted_sum(matrix, weights, **LINEAR_INPUTS, value_functions=[None, None])
    assert everything_linear.scores.tolist() == linear.scores.tolist()


def test_a_saturating_value_function_changes_the_ranking_the_way_it_should() -> None:
    """Income (benefit, 1–9) and safety (benefit, 1–9), weights 0.6 / 0.4. Rich = (9, 3),
    Steady = (6, 6). Linear: Rich 0.6·1 + 0.4·0.25 = 0.70 beats Steady 0.6·0.625 + 0.4·0.625 = 0.625.
    If income saturates at 6 (v = 0 at 1, 1 from 6 on: more money than that adds nothing),
    Steady = 0.6·1 + 0.4·0.625 = 0.85 beats Rich = 0.6·1 + 0.4·0.25 = 0.70: the saturated
    criterion no longer separates them and safety decides.
    """
    matrix = np.array([[9.0, 3.0], [6.0, 6.0]])
    inputs: dict[str, Any] = {"scale_min": np.ones(2), "scale_max": np.full(2, 9.0), "is_benefit": np.ones(2, bool)}
    weights = np.array([0.6, 0.4])
    linear = weighted_sum(matrix, weights, **inputs)
    assert linear.scores == pytest.approx([0.70, 0.625])
    saturating = (np.array([1.0, 6.0, 9.0]), np.array([0.0, 1.0, 1.0]))
    saturated = weighted_sum(matrix, weights, **inputs, value_functions=[saturating, None])
    assert saturated.scores == pytest.approx([0.70, 0.85])
    assert saturated.details["normalized"][:, 0].tolist() == [1.0, 1.0]
    assert saturated.details["contributions"].sum(axis=1) == pytest.approx(saturated.scores)


def test_weighted_sum_refuses_value_functions_it_cannot_use() -> None:
    matrix, weights = np.array([[2.0, 3.0]]), np.array([0.5, 0.5])
    with pytest.raises(MethodInputError, match=r"one value function \(or None\) per criterion \(2\); got 1"):
        weighted_sum(matrix, weights, **LINEAR_INPUTS, value_functions=[None])
    with pytest.raises(MethodInputError, match=r"criterion 2 \(1-based\): a value function must cover") as caught:
        weighted_sum(matrix, weights, **LINEAR_INPUTS, value_functions=[None, ([2.0, 9.0], [1.0, 0.0])])
    assert caught.value.criterion == 1


def _callable_kernels() -> list[Callable[..., MethodResult]]:
    return [spec.kernel for spec in METHODS.values()]


def test_every_kernel_docstring_states_formula_assumptions_and_reference() -> None:
    for kernel in _callable_kernels():
        doc = kernel.__doc__ or ""
        assert "Assumes" in doc, kernel.__name__
        assert ">>>" in doc, kernel.__name__  # a doctest, so the example cannot rot
        assert re.search(r"\b(19|20)\d\d\b", doc), kernel.__name__  # a dated reference
