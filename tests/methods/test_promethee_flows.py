"""PROMETHEE's two published flow conventions: the ``flows`` option of the kernels.

Brans & Vincke (1985, *Management Science* 31(6), 647-656) and Brans, Vincke & Mareschal (1986,
*EJOR* 24(2), 228-238) define the leaving and entering flows as sums over the other alternatives,
``phi+(a) = sum_b pi(a, b)``; Brans & Mareschal (2005, ch. 5 of Figueira, Greco & Ehrgott) and
most software divide them by ``m - 1``, which keeps them in [0, 1] whatever ``m``. We could not
consult a table of unnormalised flows printed in the 1985 or 1986 papers, so the published
figures below are the normalised ones of Zhao, Peng & Li (2013) (as pinned in
``test_promethee.py``), multiplied by ``m - 1`` by hand; every other check is the exact relation
between the conventions: unnormalised = (m - 1) × normalised (to rounding, 1e-12 relative), the
same ranking and the same PROMETHEE I relations.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import model
from model.methods import METHODS, MethodInputError, promethee_i, promethee_ii
from model.methods.contract import MethodResult
from model.methods.promethee import FLOW_CONVENTIONS, FLOW_TOLERANCE, outranking_flows
from model.ranking import competition_ranks, evaluate

FLOW_KEYS = ("phi_plus", "phi_minus", "phi_net", "criterion_net_flows", "contributions")
RELATIONS = ("outranks", "indifferent", "incomparable")


def run(matrix: Any, weights: Any, is_benefit: Any, flows: str = "normalized", **thresholds: Any) -> MethodResult:
    values = np.asarray(matrix, dtype=float)
    n = values.shape[1]
    return promethee_ii(
        values,
        np.asarray(weights, dtype=float),
        scale_min=np.zeros(n),
        scale_max=np.ones(n),
        is_benefit=np.asarray(is_benefit, dtype=bool),
        flows=flows,
        **thresholds,
    )


ZHAO = np.array([[4.0, 3.0, 2.0], [3.0, 2.0, 4.0], [5.0, 1.0, 3.0]])

# Brans & Mareschal's six-alternative example, as in test_promethee.py (one criterion per type).
BM = {
    "matrix": np.array(
        [
            [80, 90, 6, 5.4, 8, 5],
            [65, 58, 2, 9.7, 1, 1],
            [83, 60, 4, 7.2, 4, 7],
            [40, 80, 10, 7.5, 7, 10],
            [52, 72, 6, 2.0, 3, 8],
            [94, 96, 7, 3.6, 5, 6],
        ]
    ),
    "weights": [1 / 6] * 6,
    "is_benefit": [False, True, False, False, False, True],
    "functions": ["u_shape", "v_shape", "linear", "level", "usual", "gaussian"],
    "q": [10.0, None, 0.5, 1.0, None, None],
    "p": [None, 30.0, 5.0, 6.0, None, None],
    "s": [None, None, None, None, None, 5.0],
}


def test_zhao_peng_li_2013_flows_unnormalised() -> None:
    """Zhao, Peng & Li (2013), Procedia Computer Science 17, 181-188 (as transcribed in pymcdm's
    tests; see test_promethee.py): three alternatives, usual criteria, w = (0.5, 0.3, 0.2); the
    normalised flows are phi+ = (.55, .35, .60), phi- = (.45, .65, .40), net (.1, -.3, .2),
    exactly (printed net flows to two decimals). Summed over the other m - 1 = 2 alternatives,
    as Brans & Vincke (1985) define them: phi+ = (1.1, 0.7, 1.2), phi- = (0.9, 1.3, 0.8),
    net (0.2, -0.6, 0.4); the preference index pi is the same in both conventions.
    """
    normalized = run(ZHAO, [0.5, 0.3, 0.2], [True] * 3)
    unnormalized = run(ZHAO, [0.5, 0.3, 0.2], [True] * 3, flows="unnormalized")
    assert unnormalized.details["phi_plus"] == pytest.approx([1.1, 0.7, 1.2], abs=1e-12)
    assert unnormalized.details["phi_minus"] == pytest.approx([0.9, 1.3, 0.8], abs=1e-12)
    assert unnormalized.scores == pytest.approx([0.2, -0.6, 0.4], abs=1e-12)
    assert normalized.scores == pytest.approx([0.1, -0.3, 0.2], abs=1e-12)
    assert np.array_equal(unnormalized.details["preference"], normalized.details["preference"])
    assert unnormalized.details["preference"].sum(axis=1) == pytest.approx(unnormalized.details["phi_plus"])
    assert unnormalized.details["contributions"].sum(axis=1) == pytest.approx(unnormalized.scores, abs=1e-12)


def test_brans_mareschal_example_in_both_conventions() -> None:
    """Brans & Mareschal's six-alternative example (types I to VI): every flow in ``details`` is
    m - 1 = 5 times the normalised one; the ranking (a5 > a2 > a4 > a6 > a3 > a1) and the
    PROMETHEE I relations are the same. The net flows are test_promethee.py's four-decimal
    regression pins (not printed figures: the chapter's flow table was not consulted) times 5."""
    normalized = run(**BM)
    unnormalized = run(**BM, flows="unnormalized")
    for key in FLOW_KEYS:
        assert unnormalized.details[key] == pytest.approx(5 * normalized.details[key], rel=1e-12, abs=1e-15), key
    for key in (*RELATIONS, "preference"):
        assert np.array_equal(unnormalized.details[key], normalized.details[key]), key
    assert list(np.argsort(-unnormalized.scores)) == [4, 1, 3, 5, 2, 0]
    assert unnormalized.scores == pytest.approx([-0.7285, 0.086, -0.4475, -0.1, 1.4645, -0.2745], abs=2.5e-4)


@st.composite
def problems(draw: st.DrawFn) -> dict[str, Any]:
    """Random problems with ties (a half-unit grid) and every preference function."""
    m = draw(st.integers(1, 9))
    n = draw(st.integers(1, 4))
    matrix = draw(arrays(np.float64, (m, n), elements=st.integers(-8, 8).map(lambda k: k / 2)))
    functions = [
        draw(st.sampled_from(["usual", "u_shape", "v_shape", "level", "linear", "gaussian"])) for _ in range(n)
    ]
    q = [0.5 if f in ("u_shape", "level", "linear") else None for f in functions]
    p = [2.0 if f in ("v_shape", "level", "linear") else None for f in functions]
    s = [1.0 if f == "gaussian" else None for f in functions]
    raw = np.array(draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n)))
    benefit = draw(arrays(np.bool_, n))
    return {"matrix": matrix, "weights": raw / raw.sum(), "is_benefit": benefit, "functions": functions} | {
        "q": q,
        "p": p,
        "s": s,
    }


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(problem=problems())
def test_unnormalised_flows_are_m_minus_1_times_the_normalised_ones(problem: dict[str, Any]) -> None:
    normalized = run(**problem)
    unnormalized = run(**problem, flows="unnormalized")
    m = len(problem["matrix"])
    factor = max(m - 1, 1)  # m = 1: every flow is 0 in both conventions
    for key in FLOW_KEYS:
        assert unnormalized.details[key] == pytest.approx(factor * normalized.details[key], rel=1e-12, abs=1e-12)
    for key in (*RELATIONS, "preference"):
        assert np.array_equal(unnormalized.details[key], normalized.details[key]), key
    ranks_n, _ = competition_ranks(normalized.scores)
    ranks_u, _ = competition_ranks(unnormalized.scores, tolerance=1e-9 * factor)
    assert ranks_n.tolist() == ranks_u.tolist()
    assert float(unnormalized.scores.sum()) == pytest.approx(0.0, abs=1e-12 * factor)


def test_promethee_i_and_the_fast_flows_take_the_option_too() -> None:
    kwargs: dict[str, Any] = {"scale_min": np.zeros(2), "scale_max": np.full(2, 2.0), "is_benefit": np.ones(2, bool)}
    matrix, weights = np.array([[1.0, 2.0], [2.0, 1.0], [0.0, 0.0]]), np.array([0.5, 0.5])
    order = promethee_i(matrix, weights, **kwargs, flows="unnormalized")
    assert order.phi_plus.tolist() == [1.5, 1.5, 0.0] and order.phi_minus.tolist() == [0.5, 0.5, 2.0]
    assert order.tolerance == 2 * FLOW_TOLERANCE  # relations on the scale of the flows
    normal = promethee_i(matrix, weights, **kwargs)
    for name in RELATIONS:
        assert np.array_equal(getattr(order, name), getattr(normal, name))
    flows = outranking_flows(matrix, weights, is_benefit=[True, True], flows="unnormalized")
    assert flows.phi_net.tolist() == [1.0, 1.0, -2.0]


def test_one_alternative_has_zero_flows_in_both_conventions() -> None:
    for flows in FLOW_CONVENTIONS:
        result = run([[3.0, 7.0]], [0.5, 0.5], [True, False], flows=flows)
        assert result.details["phi_plus"].tolist() == [0.0] and result.scores.tolist() == [0.0]


@pytest.mark.parametrize("flows", ["raw", "Normalized", 1, None])
def test_an_unknown_convention_is_refused_listing_the_valid_ones(flows: Any) -> None:
    message = f"PROMETHEE option flows must be one of 'normalized', 'unnormalized'; got {flows!r}"
    with pytest.raises(MethodInputError) as caught:
        run(ZHAO, [0.5, 0.3, 0.2], [True] * 3, flows=flows)
    assert str(caught.value) == message
    with pytest.raises(MethodInputError):
        outranking_flows(ZHAO, [0.5, 0.3, 0.2], is_benefit=[True] * 3, flows=flows)


def test_the_option_is_registered_with_today_s_default() -> None:
    assert METHODS["promethee_ii"].options["flows"] == "normalized"
    assert FLOW_CONVENTIONS == ("normalized", "unnormalized")


def test_the_option_is_read_from_method_options() -> None:
    """``method_options: {promethee_ii: {flows: unnormalized}}`` reaches the kernel. The demo has
    two alternatives, where m - 1 = 1 and the conventions agree, so a third is added: the
    unnormalised net flows are then twice the normalised ones, and the ranks are the same."""
    text = model.demo.DEMO_YAML.replace("  Utopia:\n", "  Utopia:\n  Erewhon:\n", 1).replace(
        "scenarios:",
        "  Erewhon:\n    safety: {value: 6, confidence: high, rationale: x.}\n"
        "    cost_of_living: {value: 6, confidence: high, rationale: y.}\nscenarios:",
    )
    normalized = evaluate(model.loads(text), "promethee_ii")
    option = "method_options:\n  promethee_ii: {flows: unnormalized}\ncriteria:\n"
    unnormalized = evaluate(model.loads(text.replace("criteria:\n", option, 1)), "promethee_ii")
    assert unnormalized.scores == pytest.approx(2 * normalized.scores, rel=1e-12)
    assert unnormalized.ranks.tolist() == normalized.ranks.tolist()
