"""PROMETHEE I and II: published examples, the preference functions at their thresholds, the
fast flows against the pairwise definition, properties, and the error messages."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.methods import promethee
from model.methods.contract import MethodResult
from model.methods.preference import (
    PREFERENCE_FUNCTIONS,
    PrometheeParameterError,
    criteria_parameters,
    preference_degree,
)
from model.methods.promethee import (
    FLOW_TOLERANCE,
    PAIRWISE_LIMIT,
    PAIRWISE_OMITTED,
    outranking_flows,
    partial_order,
    preference_matrix,
    promethee_i,
    promethee_ii,
)

Thresholds = list[float | None]


# ----- an independent reference: the textbook definition, one pair and one criterion at a time ---


def reference_preference(d: float, function: str, q: float | None, p: float | None, s: float | None) -> float:
    """P(d) of Brans & Vincke (1985) / Brans & Mareschal (2005), in plain Python, one number at a time."""
    if function == "usual":
        return 1.0 if d > 0 else 0.0
    if function == "u_shape":
        assert q is not None
        return 1.0 if d > q else 0.0
    if function == "v_shape":
        assert p is not None
        return 1.0 if d > p else d / p if d > 0 else 0.0
    if function == "level":
        assert q is not None and p is not None
        return 1.0 if d > p else 0.5 if d > q else 0.0
    if function == "linear":
        assert q is not None and p is not None
        return 1.0 if d > p else (d - q) / (p - q) if d > q else 0.0
    assert function == "gaussian" and s is not None
    return 1.0 - math.exp(-d * d / (2 * s * s)) if d > 0 else 0.0


def reference_promethee(
    matrix: np.ndarray,
    weights: Sequence[float],
    is_benefit: Sequence[bool],
    functions: Sequence[str],
    q: Thresholds,
    p: Thresholds,
    s: Thresholds,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(phi+, phi-, pi) by the O(m² n) definition, with pi(a, b) = sum_j w_j P_j(d_j(a, b))."""
    m, n = matrix.shape
    pi = np.zeros((m, m))
    for a in range(m):
        for b in range(m):
            total = 0.0
            for j in range(n):
                d = matrix[a, j] - matrix[b, j] if is_benefit[j] else matrix[b, j] - matrix[a, j]
                total += weights[j] * reference_preference(float(d), functions[j], q[j], p[j], s[j])
            pi[a, b] = total
    scale = 1 / (m - 1) if m > 1 else 0.0
    return pi.sum(axis=1) * scale, pi.sum(axis=0) * scale, pi


def run_ii(
    matrix: np.ndarray,
    weights: Sequence[float],
    is_benefit: Sequence[bool],
    functions: Sequence[str] | None = None,
    q: Thresholds | None = None,
    p: Thresholds | None = None,
    s: Thresholds | None = None,
) -> MethodResult:
    n = matrix.shape[1]
    return promethee_ii(
        np.asarray(matrix, dtype=float),
        np.asarray(weights, dtype=float),
        scale_min=np.zeros(n),
        scale_max=np.ones(n),
        is_benefit=np.asarray(is_benefit, dtype=bool),
        functions=functions,
        q=q,
        p=p,
        s=s,
    )


# ----- published examples ---------------------------------------------------------------------


def test_zhao_peng_li_2013_net_flows() -> None:
    """Zhao, H., Peng, Y. & Li, W. (2013). Revised PROMETHEE II for improving efficiency in
    emergency response. *Procedia Computer Science* 17, 181-188: three alternatives, three
    benefit criteria, usual criterion, w = (0.5, 0.3, 0.2), evaluations
    a1 = (4, 3, 2), a2 = (3, 2, 4), a3 = (5, 1, 3); printed net flows 0.1, -0.3, 0.2 (two
    decimals, so tolerance 0.005). The figures are as transcribed in pymcdm's test suite
    (kotbaton/pymcdm, test/test_mcdm.py, TestPROMETHEE_II); the paper itself was not seen.

    By hand: pi(a1, a2) = 0.5 + 0.3 = 0.8, pi(a2, a1) = 0.2, pi(a1, a3) = 0.3,
    pi(a3, a1) = 0.7, pi(a2, a3) = 0.3 + 0.2 = 0.5, pi(a3, a2) = 0.5, so
    phi+ = (0.55, 0.35, 0.60) and phi- = (0.45, 0.65, 0.40), exactly.
    """
    matrix = np.array([[4.0, 3.0, 2.0], [3.0, 2.0, 4.0], [5.0, 1.0, 3.0]])
    result = run_ii(matrix, [0.5, 0.3, 0.2], [True, True, True])
    assert result.scores == pytest.approx([0.1, -0.3, 0.2], abs=0.005)
    assert result.details["phi_plus"] == pytest.approx([0.55, 0.35, 0.60], abs=1e-12)
    assert result.details["phi_minus"] == pytest.approx([0.45, 0.65, 0.40], abs=1e-12)
    assert result.details["preference"] == pytest.approx(
        np.array([[0.0, 0.8, 0.3], [0.2, 0.0, 0.5], [0.7, 0.5, 0.0]]), abs=1e-12
    )


# The six-alternative, six-criterion example attributed to Brans & Mareschal (2005), one criterion
# per preference type. Evaluation table and parameters as transcribed, identically, in the test
# suites of the Poznań PROMETHEE modules (WAndraszyk/Construct-your-own-PROMETHEE-with-Python-for-MCDA)
# and of calote/TDecisionCodigo; the chapter itself was not consulted.
BM_MATRIX = np.array(
    [
        [80, 90, 6, 5.4, 8, 5],
        [65, 58, 2, 9.7, 1, 1],
        [83, 60, 4, 7.2, 4, 7],
        [40, 80, 10, 7.5, 7, 10],
        [52, 72, 6, 2.0, 3, 8],
        [94, 96, 7, 3.6, 5, 6],
    ],
    dtype=float,
)
BM_BENEFIT = [False, True, False, False, False, True]
BM_FUNCTIONS = ["u_shape", "v_shape", "linear", "level", "usual", "gaussian"]
BM_Q: Thresholds = [10.0, None, 0.5, 1.0, None, None]
BM_P: Thresholds = [None, 30.0, 5.0, 6.0, None, None]
BM_S: Thresholds = [None, None, None, None, None, 5.0]
BM_WEIGHTS = [1 / 6] * 6


def bm_result() -> MethodResult:
    return run_ii(BM_MATRIX, BM_WEIGHTS, BM_BENEFIT, BM_FUNCTIONS, BM_Q, BM_P, BM_S)


def test_brans_mareschal_six_criteria_example_by_hand() -> None:
    """Brans, J.-P. & Mareschal, B. (2005). PROMETHEE methods, in Figueira, Greco & Ehrgott
    (eds), *Multiple Criteria Decision Analysis: State of the Art Surveys*, ch. 5 (as
    transcribed; see BM_MATRIX): six alternatives on f1 (min, type II, q = 10), f2 (max,
    type III, p = 30), f3 (min, type V, q = 0.5, p = 5), f4 (min, type IV, q = 1, p = 6),
    f5 (min, type I), f6 (max, type VI, s = 5), equal weights. The chapter's printed flow
    table could not be consulted, so the flows are pinned to a hand derivation and to the
    reference definition, not to print.

    pi(a1, a2): f1 d = 65 - 80 = -15 -> 0; f2 d = 90 - 58 = 32 > 30 -> 1; f3 d = 2 - 6 = -4
    -> 0; f4 d = 9.7 - 5.4 = 4.3 in (1, 6] -> 1/2; f5 d = 1 - 8 -> 0; f6 d = 5 - 1 = 4 ->
    1 - exp(-16/50) = 0.273851; pi = 1.773851 / 6 = 0.295642.
    pi(a3, a1): f3 d = 6 - 4 = 2 -> (2 - 0.5)/4.5 = 1/3; f5 d = 8 - 4 -> 1; f6 d = 2 ->
    1 - exp(-4/50) = 0.076884; the others 0; pi = 1.410217 / 6 = 0.235036.
    """
    result = bm_result()
    pi = result.details["preference"]
    assert pi[0, 1] == pytest.approx((1 + 0.5 + (1 - math.exp(-0.32))) / 6, abs=1e-12)
    assert pi[0, 1] == pytest.approx(0.295642, abs=5e-7)
    assert pi[2, 0] == pytest.approx((1 / 3 + 1 + (1 - math.exp(-0.08))) / 6, abs=1e-12)
    plus, minus, reference_pi = reference_promethee(BM_MATRIX, BM_WEIGHTS, BM_BENEFIT, BM_FUNCTIONS, BM_Q, BM_P, BM_S)
    assert pi == pytest.approx(reference_pi, abs=1e-12)
    assert result.details["phi_plus"] == pytest.approx(plus, abs=1e-12)
    assert result.details["phi_minus"] == pytest.approx(minus, abs=1e-12)
    # regression pins (4 decimals) of the reference values, and the complete ranking they give
    assert result.details["phi_plus"] == pytest.approx([0.2199, 0.3963, 0.2466, 0.3293, 0.4547, 0.3001], abs=5e-5)
    assert result.details["phi_minus"] == pytest.approx([0.3655, 0.3791, 0.3362, 0.3493, 0.1618, 0.3549], abs=5e-5)
    assert result.scores == pytest.approx([-0.1457, 0.0172, -0.0895, -0.0200, 0.2929, -0.0549], abs=5e-5)
    assert list(np.argsort(-result.scores)) == [4, 1, 3, 5, 2, 0]


def test_brans_mareschal_example_against_an_independent_preference_table() -> None:
    """The Poznań PROMETHEE modules (Dzięcielska, Pawlak, Sarbinowski & Uniejewski 2017,
    bachelor's thesis, Poznań University of Technology; unit tests of
    WAndraszyk/Construct-your-own-PROMETHEE-with-Python-for-MCDA) print the preference
    indices of the same example to three decimals. They round each criterion's preference to
    two decimals before averaging (pi(a3, a1) = (0.33 + 1 + 0.08)/6 = 0.235 -> 0.236), so the
    tolerance is 6 × (1/6) × 0.005 + 0.0005 = 0.0055; the largest gap is under 0.001.
    """
    printed = np.array(
        [
            [0.000, 0.296, 0.250, 0.268, 0.100, 0.185],
            [0.462, 0.000, 0.389, 0.333, 0.296, 0.500],
            [0.236, 0.180, 0.000, 0.333, 0.056, 0.429],
            [0.399, 0.505, 0.305, 0.000, 0.223, 0.212],
            [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
            [0.286, 0.399, 0.250, 0.432, 0.133, 0.000],
        ]
    )
    pi = bm_result().details["preference"]
    assert pi == pytest.approx(printed, abs=0.0055)
    assert float(np.max(np.abs(pi - printed))) < 0.001


def test_brans_mareschal_example_promethee_i() -> None:
    """PROMETHEE I on the same example: a5 has the largest phi+ and the smallest phi-, so it
    outranks every other alternative; a2 has the second-largest phi+ but the largest phi-, so
    it is incomparable with a1, a3, a4 and a6."""
    result = bm_result()
    outranks, incomparable = result.details["outranks"], result.details["incomparable"]
    assert outranks[4].tolist() == [True, True, True, True, False, True]
    assert incomparable[1].tolist() == [True, False, True, True, False, True]


# ----- preference functions at and around their thresholds --------------------------------------


def above(x: float) -> float:
    return float(np.nextafter(x, math.inf))


@pytest.mark.parametrize(
    ("function", "thresholds", "cases"),
    [
        ("usual", {}, [(-1.0, 0.0), (0.0, 0.0), (5e-324, 1.0), (2.0, 1.0)]),
        ("u_shape", {"q": 1.0}, [(0.0, 0.0), (0.5, 0.0), (1.0, 0.0), (above(1.0), 1.0), (7.0, 1.0)]),
        ("u_shape", {"q": 0.0}, [(0.0, 0.0), (5e-324, 1.0)]),
        ("v_shape", {"p": 2.0}, [(-1.0, 0.0), (0.0, 0.0), (0.5, 0.25), (1.0, 0.5), (2.0, 1.0), (above(2.0), 1.0)]),
        (
            "level",
            {"q": 1.0, "p": 3.0},
            [(0.0, 0.0), (1.0, 0.0), (above(1.0), 0.5), (2.0, 0.5), (3.0, 0.5), (above(3.0), 1.0), (9.0, 1.0)],
        ),
        (
            "linear",
            {"q": 1.0, "p": 3.0},
            [(-2.0, 0.0), (1.0, 0.0), (1.5, 0.25), (2.0, 0.5), (2.5, 0.75), (3.0, 1.0), (above(3.0), 1.0)],
        ),
        (
            "gaussian",
            {"s": 2.0},
            [
                (-2.0, 0.0),
                (0.0, 0.0),
                (1.0, 0.11750309741540454),  # 1 - exp(-1/8)
                (2.0, 0.3934693402873666),  # at d = s: 1 - exp(-1/2)
                (4.0, 0.8646647167633873),  # 1 - exp(-2)
                (20.0, 1.0),  # 10 s: exp(-50) < 2**-54, exactly 1 in double precision
            ],
        ),
    ],
)
def test_preference_functions_at_their_thresholds(
    function: str, thresholds: dict[str, float], cases: list[tuple[float, float]]
) -> None:
    d = np.array([case[0] for case in cases])
    expected = [case[1] for case in cases]
    assert preference_degree(d, function, **thresholds).tolist() == pytest.approx(expected, abs=1e-15)
    for value, want in cases:  # also one number at a time (0-d input)
        assert float(preference_degree(value, function, **thresholds)) == pytest.approx(want, abs=1e-15)


@pytest.mark.parametrize("s", [1e-3, 0.7, 2.0, 1e5])
def test_gaussian_is_exactly_one_beyond_its_reach(s: float) -> None:
    """The blocked Gaussian sums count pairs beyond GAUSSIAN_REACH · s as exactly 1: true in
    double precision, since exp(-50) < 2**-54."""
    reach = promethee.GAUSSIAN_REACH * s
    assert preference_degree(np.array([above(reach), 3 * reach]), "gaussian", s=s).tolist() == [1.0, 1.0]


def test_preference_degree_agrees_with_the_reference_everywhere() -> None:
    d = np.linspace(-3, 7, 2001)
    for function, q, p, s in [
        ("usual", None, None, None),
        ("u_shape", 0.7, None, None),
        ("v_shape", None, 2.5, None),
        ("level", 0.5, 2.0, None),
        ("linear", 0.5, 2.0, None),
        ("gaussian", None, None, 1.3),
    ]:
        got = preference_degree(d, function, q, p, s)
        want = [reference_preference(float(x), function, q, p, s) for x in d]
        assert got == pytest.approx(want, abs=1e-15), function


# ----- fast flows equal the pairwise definition -------------------------------------------------


@st.composite
def problems(draw: st.DrawFn) -> dict[str, Any]:
    """Random problems: ties (half-unit grids) or rounded reals, constant columns, and thresholds
    taken from the actual pairwise differences so that d = q and d = p really happen."""
    m = draw(st.integers(1, 9))
    n = draw(st.integers(1, 4))
    columns = []
    for _ in range(n):
        kind = draw(st.sampled_from(["grid", "real", "constant"]))
        if kind == "grid":
            column = [draw(st.integers(-4, 4)) * 0.5 for _ in range(m)]
        elif kind == "real":
            column = [draw(st.integers(-2000, 2000)) / 200 for _ in range(m)]
        else:
            column = [draw(st.integers(-2000, 2000)) / 200] * m
        columns.append(column)
    matrix = np.array(columns, dtype=float).T.reshape(m, n)
    is_benefit = [draw(st.booleans()) for _ in range(n)]
    functions = [draw(st.sampled_from(PREFERENCE_FUNCTIONS)) for _ in range(n)]
    q: Thresholds = [None] * n
    p: Thresholds = [None] * n
    s: Thresholds = [None] * n
    for j, function in enumerate(functions):
        column = matrix[:, j]
        differences = sorted({abs(float(x - y)) for x in column for y in column} | {0.0, 0.5, 1.0, 2.0})
        if function in ("u_shape", "level", "linear"):
            q[j] = draw(st.sampled_from(differences))
        if function in ("v_shape", "level", "linear"):
            floor = (q[j] or 0.0) + 0.004  # keeps p - q well away from rounding noise
            larger = [x for x in differences if x > floor] or [floor + 1.0]
            p[j] = draw(st.sampled_from(larger))
        if function == "gaussian":
            s[j] = draw(st.sampled_from([x for x in differences if x > 0.004]))
    raw = [draw(st.floats(0.01, 1.0)) for _ in range(n)]
    weights = [x / sum(raw) for x in raw]
    return {
        "matrix": matrix,
        "weights": weights,
        "is_benefit": is_benefit,
        "functions": functions,
        "q": q,
        "p": p,
        "s": s,
    }


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(problem=problems())
def test_fast_flows_equal_the_pairwise_definition(problem: dict[str, Any]) -> None:
    plus, minus, pi = reference_promethee(
        problem["matrix"],
        problem["weights"],
        problem["is_benefit"],
        problem["functions"],
        problem["q"],
        problem["p"],
        problem["s"],
    )
    result = run_ii(**problem)
    assert result.details["phi_plus"] == pytest.approx(plus, abs=1e-12)
    assert result.details["phi_minus"] == pytest.approx(minus, abs=1e-12)
    assert result.scores == pytest.approx(plus - minus, abs=1e-12)
    assert result.details["preference"] == pytest.approx(pi, abs=1e-12)


@pytest.mark.parametrize("function", PREFERENCE_FUNCTIONS)
def test_each_function_with_ties_and_a_constant_column(function: str) -> None:
    rng = np.random.default_rng(7)
    matrix = np.column_stack([rng.integers(0, 5, 40) * 0.5, np.full(40, 3.0), rng.random(40) * 4])
    thresholds = {"usual": {}, "u_shape": {"q": 0.5}, "v_shape": {"p": 1.5}, "level": {"q": 0.5, "p": 1.5}}
    thresholds |= {"linear": {"q": 0.5, "p": 1.5}, "gaussian": {"s": 0.5}}
    kwargs = {name: [value] * 3 for name, value in thresholds[function].items()}
    args = (matrix, [0.5, 0.2, 0.3], [True, False, True], [function] * 3)
    plus, minus, _ = reference_promethee(
        *args, kwargs.get("q", [None] * 3), kwargs.get("p", [None] * 3), kwargs.get("s", [None] * 3)
    )
    flows = outranking_flows(
        matrix, [0.5, 0.2, 0.3], is_benefit=[True, False, True], functions=[function] * 3, **kwargs
    )
    assert flows.phi_plus == pytest.approx(plus, abs=1e-12)
    assert flows.phi_minus == pytest.approx(minus, abs=1e-12)
    assert np.all(flows.criterion_net_flows[:, 1] == 0)  # the constant criterion contributes nothing


@pytest.mark.parametrize("chunk", [1, 5, 64])
def test_gaussian_blocks_of_any_size(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """The blocked Gaussian sums do not depend on the block size (one row at a time, ragged
    blocks) nor on the reach cut-off (s small against the spread: most pairs counted, not
    evaluated)."""
    monkeypatch.setattr(promethee, "CHUNK_ELEMENTS", chunk)
    rng = np.random.default_rng(chunk)
    matrix = np.column_stack([rng.integers(0, 40, 60) * 0.25, rng.random(60) * 10])
    s: Thresholds = [0.05, 1.5]
    plus, minus, _ = reference_promethee(matrix, [0.5, 0.5], [True, False], ["gaussian"] * 2, [None] * 2, [None] * 2, s)
    flows = outranking_flows(matrix, [0.5, 0.5], is_benefit=[True, False], functions=["gaussian"] * 2, s=s)
    assert flows.phi_plus == pytest.approx(plus, abs=1e-12)
    assert flows.phi_minus == pytest.approx(minus, abs=1e-12)


def test_threaded_flows_of_a_large_problem_equal_the_preference_matrix() -> None:
    """From promethee._THREADS_FROM alternatives the criteria run on threads; the flows must
    still be the row and column means of the (pairwise) preference matrix."""
    m = max(promethee._THREADS_FROM, PAIRWISE_LIMIT) + 1
    rng = np.random.default_rng(3)
    matrix = np.column_stack([rng.integers(0, 20, m) * 0.5, rng.random(m) * 10, rng.random(m) * 10])
    kwargs = {"functions": ["level", "linear", "gaussian"], "q": [0.5, 0.5, None], "p": [2.0, 3.0, None]}
    kwargs |= {"s": [None, None, 1.0]}
    flows = outranking_flows(matrix, [0.2, 0.3, 0.5], is_benefit=[True, True, False], **kwargs)
    pi = preference_matrix(matrix, [0.2, 0.3, 0.5], is_benefit=[True, True, False], **kwargs)
    assert flows.phi_plus == pytest.approx(pi.sum(axis=1) / (m - 1), abs=1e-12)
    assert flows.phi_minus == pytest.approx(pi.sum(axis=0) / (m - 1), abs=1e-12)


# ----- properties -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(problem=problems(), seed=st.integers(0, 2**32 - 1))
def test_permuting_alternatives_permutes_flows(problem: dict[str, Any], seed: int) -> None:
    order = np.random.default_rng(seed).permutation(problem["matrix"].shape[0])
    base = run_ii(**problem)
    permuted = run_ii(**(problem | {"matrix": problem["matrix"][order]}))
    for key in ("phi_plus", "phi_minus", "phi_net"):
        assert permuted.details[key] == pytest.approx(base.details[key][order], abs=1e-12)
    assert permuted.details["preference"] == pytest.approx(base.details["preference"][np.ix_(order, order)], abs=1e-12)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(problem=problems(), factor=st.floats(0.001, 1000.0))
def test_net_flows_sum_to_zero_and_weight_scale_does_not_matter(problem: dict[str, Any], factor: float) -> None:
    base = run_ii(**problem)
    assert float(base.scores.sum()) == pytest.approx(0.0, abs=1e-12)
    assert base.details["contributions"].sum(axis=1) == pytest.approx(base.scores, abs=1e-12)
    scaled = np.array(problem["weights"]) * factor
    rescaled = run_ii(**(problem | {"weights": scaled / scaled.sum()}))
    assert rescaled.scores == pytest.approx(base.scores, abs=1e-12)
    assert rescaled.details["phi_plus"] == pytest.approx(base.details["phi_plus"], abs=1e-12)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(problem=problems(), gains=st.lists(st.integers(0, 4), min_size=4, max_size=4), strict=st.integers(0, 3))
def test_a_dominating_alternative_is_never_behind(problem: dict[str, Any], gains: list[int], strict: int) -> None:
    """If a is at least as good as b on every criterion (better on one), phi(a) >= phi(b), and
    in PROMETHEE I a outranks b or is indifferent to it, never the reverse nor incomparable."""
    matrix = problem["matrix"]
    m, n = matrix.shape
    if m < 2:
        return
    step = np.array([gains[j] * 0.5 + (0.5 if j == strict % n else 0.0) for j in range(n)])
    direction = np.where(problem["is_benefit"], 1.0, -1.0)
    matrix = matrix.copy()
    matrix[0] = matrix[1] + direction * step
    result = run_ii(**(problem | {"matrix": matrix}))
    assert result.scores[0] >= result.scores[1] - 1e-12
    assert result.details["phi_plus"][0] >= result.details["phi_plus"][1] - 1e-12
    assert result.details["phi_minus"][0] <= result.details["phi_minus"][1] + 1e-12
    assert result.details["outranks"][0, 1] or result.details["indifferent"][0, 1]
    assert not result.details["outranks"][1, 0] and not result.details["incomparable"][0, 1]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(problem=problems())
def test_promethee_i_relations_partition_every_pair(problem: dict[str, Any]) -> None:
    """Exactly one of a P b, b P a, a I b, a R b for every pair; I and R symmetric, a I a."""
    order = promethee_i(
        problem["matrix"],
        np.array(problem["weights"]),
        scale_min=np.zeros(len(problem["weights"])),
        scale_max=np.ones(len(problem["weights"])),
        is_benefit=np.array(problem["is_benefit"]),
        functions=problem["functions"],
        q=problem["q"],
        p=problem["p"],
        s=problem["s"],
    )
    p_, i_, r_ = order.outranks, order.indifferent, order.incomparable
    count = p_.astype(int) + p_.T.astype(int) + i_.astype(int) + r_.astype(int)
    assert np.all(count == 1)
    assert np.array_equal(i_, i_.T) and np.array_equal(r_, r_.T)
    assert np.all(np.diag(i_))
    result = run_ii(**problem)
    for key, relation in (("outranks", p_), ("indifferent", i_), ("incomparable", r_)):
        assert np.array_equal(result.details[key], relation)


def test_promethee_i_tolerance_for_equal_flows() -> None:
    """Flows within FLOW_TOLERANCE (1e-12) are equal; a larger gap is a difference."""
    order = partial_order([0.5, 0.5 + 1e-13, 0.5 + 1e-9], [0.25, 0.25, 0.25])
    assert order.indifferent[0, 1] and order.outranks[2, 0] and not order.indifferent[0, 2]
    assert order.tolerance == FLOW_TOLERANCE


def test_cost_orientation_is_negation() -> None:
    rng = np.random.default_rng(11)
    matrix = rng.random((12, 3)) * 5
    kwargs = {"functions": ["linear", "level", "gaussian"], "q": [0.2, 0.3, None], "p": [1.0, 1.2, None]}
    kwargs |= {"s": [None, None, 0.7]}
    cost = run_ii(matrix, [0.3, 0.3, 0.4], [False, True, False], **kwargs)
    flipped = matrix * np.array([-1.0, 1.0, -1.0])
    benefit = run_ii(flipped, [0.3, 0.3, 0.4], [True, True, True], **kwargs)
    assert cost.scores == pytest.approx(benefit.scores, abs=1e-12)


def test_a_constant_criterion_only_dilutes_the_others() -> None:
    """A constant criterion contributes 0 to every flow: with weight w_c the flows are
    (1 - w_c) times those of the problem without it (no division by a zero range anywhere)."""
    rng = np.random.default_rng(5)
    matrix = rng.random((9, 2)) * 3
    without = run_ii(matrix, [0.5, 0.5], [True, True], ["v_shape", "linear"], [None, 0.2], [1.0, 1.5])
    with_constant = run_ii(
        np.column_stack([matrix, np.full(9, 4.0)]),
        [0.3, 0.3, 0.4],
        [True, True, False],
        ["v_shape", "linear", "linear"],
        [None, 0.2, 0.1],
        [1.0, 1.5, 0.5],
    )
    assert with_constant.scores == pytest.approx(0.6 * without.scores, abs=1e-12)
    assert np.all(with_constant.details["criterion_net_flows"][:, 2] == 0)


def test_one_alternative_has_zero_flows() -> None:
    """m = 1: no other alternative to compare with; every flow is 0, and it is indifferent to itself."""
    result = run_ii(np.array([[3.0, 7.0]]), [0.5, 0.5], [True, False], ["usual", "gaussian"], s=[None, 1.0])
    for key in ("phi_plus", "phi_minus", "phi_net"):
        assert result.details[key].tolist() == [0.0]
    assert result.details["preference"].tolist() == [[0.0]]
    assert result.details["indifferent"].tolist() == [[True]]


# ----- details and the pairwise cut-off ---------------------------------------------------------


def test_details_of_a_modest_problem() -> None:
    rng = np.random.default_rng(2)
    matrix = rng.random((30, 4)) * 10
    kwargs = {"functions": ["usual", "u_shape", "level", "gaussian"], "q": [None, 1.0, 0.5, None]}
    kwargs |= {"p": [None, None, 2.0, None], "s": [None, None, None, 2.0]}
    result = run_ii(matrix, [0.1, 0.2, 0.3, 0.4], [True, False, True, False], **kwargs)
    d = result.details
    assert set(d) == {
        "phi_plus",
        "phi_minus",
        "phi_net",
        "criterion_net_flows",
        "contributions",
        "preference",
        "outranks",
        "indifferent",
        "incomparable",
    }
    assert d["preference"].sum(axis=1) / 29 == pytest.approx(d["phi_plus"], abs=1e-12)
    assert d["preference"].sum(axis=0) / 29 == pytest.approx(d["phi_minus"], abs=1e-12)
    assert d["criterion_net_flows"] @ np.array([0.1, 0.2, 0.3, 0.4]) == pytest.approx(result.scores, abs=1e-12)
    assert d["outranks"].dtype == bool and d["outranks"].shape == (30, 30)


def test_beyond_the_pairwise_limit_the_m_by_m_details_are_left_out() -> None:
    m = PAIRWISE_LIMIT + 1
    matrix = np.random.default_rng(4).random((m, 2))
    result = run_ii(matrix, [0.5, 0.5], [True, True], ["linear", "usual"], [0.1, None], [0.3, None])
    assert not {"preference", "outranks", "indifferent", "incomparable"} & set(result.details)
    assert float(result.details[PAIRWISE_OMITTED]) == PAIRWISE_LIMIT
    assert result.details["phi_net"].shape == (m,)
    at_limit = run_ii(matrix[:PAIRWISE_LIMIT], [0.5, 0.5], [True, True], ["linear", "usual"], [0.1, None], [0.3, None])
    assert at_limit.details["preference"].shape == (PAIRWISE_LIMIT, PAIRWISE_LIMIT)
    assert PAIRWISE_OMITTED not in at_limit.details


# ----- bad thresholds: clear messages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("functions", "thresholds", "message", "criterion", "parameter"),
    [
        (
            ["usual", "linaer"],
            {},
            "criterion #1: expected a preference function (one of 'usual', 'u_shape', 'v_shape', 'level', "
            "'linear', 'gaussian'), got 'linaer' (did you mean 'linear'?)",
            1,
            "function",
        ),
        (["u_shape"], {"q": [-1.0]}, "criterion #0: expected an indifference threshold q >= 0, got q = -1", 0, "q"),
        (["u_shape"], {}, "criterion #0: expected an indifference threshold q for 'u_shape', got none", 0, "q"),
        (["v_shape"], {"p": [0.0]}, "criterion #0: expected a preference threshold p > 0, got p = 0", 0, "p"),
        (["v_shape"], {"p": [None]}, "criterion #0: expected a preference threshold p for 'v_shape', got none", 0, "p"),
        (
            ["usual", "linear"],
            {"q": [None, 2.0], "p": [None, 2.0]},
            "criterion #1: expected a preference threshold p > q = 2, got p = 2",
            1,
            "p",
        ),
        (
            ["level"],
            {"q": [0.5], "p": [math.nan]},
            "criterion #0: expected a preference threshold p for 'level', got none",
            0,
            "p",
        ),
        (
            ["linear"],
            {"q": [0.5], "p": [math.inf]},
            "criterion #0: expected a finite preference threshold p, got p = inf",
            0,
            "p",
        ),
        (["gaussian"], {"s": [0.0]}, "criterion #0: expected a Gaussian threshold s > 0, got s = 0", 0, "s"),
        (["gaussian"], {"s": [-2.5]}, "criterion #0: expected a Gaussian threshold s > 0, got s = -2.5", 0, "s"),
        (["gaussian"], {}, "criterion #0: expected a Gaussian threshold s for 'gaussian', got none", 0, "s"),
        (
            ["usual"],
            {"q": [0.5]},
            "criterion #0: expected no q for 'usual' (it takes no threshold), got q = 0.5",
            0,
            "q",
        ),
        (
            ["linear"],
            {"q": [0.5], "p": [1.0], "s": [1.0]},
            "criterion #0: expected no s for 'linear' (it takes q and p), got s = 1",
            0,
            "s",
        ),
        (["u_shape", "usual"], {"q": [1.0]}, "q: expected one value per criterion (2), got 1", None, "q"),
        (
            ["usual"] * 2 + ["level"],
            None,
            "functions: expected one preference function per criterion (2), got 3",
            None,
            "function",
        ),
    ],
)
def test_bad_functions_and_thresholds_have_clear_messages(
    functions: list[str],
    thresholds: dict[str, Thresholds] | None,
    message: str,
    criterion: int | None,
    parameter: str,
) -> None:
    n = 2 if thresholds is None else len(functions)
    with pytest.raises(PrometheeParameterError) as caught:
        criteria_parameters(n, functions, **(thresholds or {}))
    assert str(caught.value) == message
    assert caught.value.criterion == criterion
    assert caught.value.parameter == parameter
    if thresholds is not None:  # the kernels report the same
        matrix = np.ones((3, n))
        with pytest.raises(PrometheeParameterError, match=r"^" + re.escape(message) + r"$"):
            run_ii(matrix, [1 / n] * n, [True] * n, functions, **thresholds)


def test_preference_degree_validates_like_the_kernels() -> None:
    with pytest.raises(PrometheeParameterError, match=r"^expected a preference threshold p > q = 3, got p = 1$"):
        preference_degree([1.0], "linear", q=3.0, p=1.0)
    with pytest.raises(ValueError, match="weights: expected finite weights >= 0 that sum to 1"):
        run_ii(np.ones((2, 2)), [0.5, 0.6], [True, True])
    with pytest.raises(ValueError, match=r"criterion #1: expected finite scores, got nan for alternative #0"):
        run_ii(np.array([[1.0, math.nan], [2.0, 3.0]]), [0.5, 0.5], [True, True])
