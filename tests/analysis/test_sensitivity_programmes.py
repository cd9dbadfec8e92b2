"""The sensitivity analyses' linear programmes in closed form, checked against scipy's linprog.

The minimum L1 weight change (Wolters & Mareschal 1995) and potential optimality under an
order of the criteria (Kirkwood & Sarin 1985) are linear programmes. The kernels settle each in
closed form when that is certain and call scipy only otherwise; here every answer is compared
with an independent formulation solved by :func:`scipy.optimize.linprog`, on seeded random
problems (ties included) and on Hypothesis examples, and the shipped model is checked to need
no solver at all.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy.optimize import linprog

import model
from model.analysis.sensitivity import analyse, kernels, min_l1_weight_change, ordinal_dominance_arrays
from model.analysis.sensitivity.common import additive_model
from model.ranking import TIE_TOLERANCE

ROOT = Path(__file__).resolve().parents[2]
Array = NDArray[np.float64]


# ----- references ---------------------------------------------------------------------------
def reference_distance(values: Array, weights: Array, target: int) -> float:
    """min sum_j u_j with u >= |w' - w|, w' on the simplex, S_target(w') >= S_b(w'): inf if infeasible.

    A formulation of its own (absolute values by ``u``), not the kernel's (``d+``, ``d-``).
    """
    m, n = values.shape
    others = [b for b in range(m) if b != target]
    eye = np.eye(n)
    rows = [np.hstack([eye, -eye]), np.hstack([-eye, -eye])]  # w' - u <= w, -w' - u <= -w
    bounds = [np.asarray(weights), -np.asarray(weights)]
    if others:
        rows.append(np.hstack([values[others] - values[target], np.zeros((len(others), n))]))
        bounds.append(np.zeros(len(others)))
    result = linprog(
        np.concatenate([np.zeros(n), np.ones(n)]),
        A_ub=np.vstack(rows),
        b_ub=np.concatenate(bounds),
        A_eq=np.concatenate([np.ones(n), np.zeros(n)])[None, :],
        b_eq=[1.0],
        bounds=(0, None),
        method="highs",
    )
    assert result.status in (0, 2), result.message
    return float(result.fun) if result.status == 0 else float("inf")


def reference_optimal(at: Array, a: int, tolerance: float = TIE_TOLERANCE) -> bool:
    """Potential optimality by the game value min over vertex mixtures of the largest rival lead."""
    m, k = at.shape
    if m == 1:
        return True
    others = [b for b in range(m) if b != a]
    result = linprog(
        np.concatenate([np.zeros(k), [1.0]]),
        A_ub=np.hstack([at[others] - at[a], -np.ones((len(others), 1))]),
        b_ub=np.zeros(len(others)),
        A_eq=np.concatenate([np.ones(k), [0.0]])[None, :],
        b_eq=[1.0],
        bounds=[(0.0, None)] * k + [(None, None)],
        method="highs",
    )
    assert result.status == 0, result.message
    return bool(result.fun <= tolerance)


@contextmanager
def counting_solves(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the kernels' calls of scipy (each call adds one entry)."""
    calls: list[int] = []
    solve = kernels._linprog

    def counted(**options: Any) -> Any:
        calls.append(1)
        return solve(**options)

    monkeypatch.setattr(kernels, "_linprog", counted)
    yield calls


def random_case(rng: np.random.Generator, m: int, n: int) -> tuple[Array, Array]:
    """Values on a coarse grid half the time (so ties and equal gaps are common), weights with zeros."""
    values = rng.integers(0, 5, (m, n)) / 4.0 if rng.random() < 0.5 else rng.random((m, n))
    weights = rng.integers(0, 4, n).astype(float) if rng.random() < 0.3 else rng.random(n)
    if weights.sum() == 0:
        weights[rng.integers(n)] = 1.0
    return values, weights / weights.sum()


def check_minimiser(values: Array, weights: Array, target: int, distance: float, found: Array) -> None:
    if not np.isfinite(distance):
        assert np.isnan(found).all()
        return
    assert found.sum() == pytest.approx(1.0, abs=1e-12) and (found >= 0).all()
    assert np.abs(found - weights).sum() == pytest.approx(distance, abs=1e-12)
    lead = (values[target] - values) @ found  # from differences, as the kernel decides
    assert lead.min() >= -1e-9  # the weights found really put the target first (linprog: within 1e-10)


# ----- minimum L1 weight change -------------------------------------------------------------
def test_one_rival_is_solved_in_closed_form_exactly_as_linprog(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a single rival the greedy move (weight from where the rival leads most to where the
    target leads most) is the programme's optimum: 600 random pairs, scipy never called."""
    rng = np.random.default_rng(20260101)
    with counting_solves(monkeypatch) as calls:
        for _ in range(600):
            n = int(rng.integers(1, 8))
            values, weights = random_case(rng, 2, n)
            for target in (0, 1):
                distance, found = min_l1_weight_change(values, weights, target)
                assert distance == pytest.approx(reference_distance(values, weights, target), abs=1e-9)
                check_minimiser(values, weights, target, distance, found)
    assert not calls


def test_many_rivals_match_linprog_in_closed_form_or_by_the_programme(monkeypatch: pytest.MonkeyPatch) -> None:
    """With several rivals the closed form is kept only when its minimiser for the most demanding
    rival beats every other one too (then the lower bound is met); otherwise scipy decides. Both
    routes are taken here, and both agree with linprog."""
    rng = np.random.default_rng(7)
    closed = solved = 0
    with counting_solves(monkeypatch) as calls:
        for _ in range(300):
            m, n = int(rng.integers(3, 7)), int(rng.integers(2, 7))
            values, weights = random_case(rng, m, n)
            for target in range(m):
                before = len(calls)
                distance, found = min_l1_weight_change(values, weights, target)
                assert distance == pytest.approx(reference_distance(values, weights, target), abs=1e-9)
                check_minimiser(values, weights, target, distance, found)
                closed += len(calls) == before
                solved += len(calls) > before
    assert closed > solved > 0


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.lists(st.integers(0, 4), min_size=3, max_size=3), min_size=2, max_size=4),
    raw=st.lists(st.integers(0, 3), min_size=3, max_size=3).filter(any),
    target=st.integers(0, 3),
)
def test_property_the_distance_is_linprogs(values: list[list[int]], raw: list[int], target: int) -> None:
    """Small integer scores: ties, equal gaps and zero weights everywhere."""
    matrix = np.array(values, dtype=float) / 4.0
    weights = np.array(raw, dtype=float) / sum(raw)
    target %= len(values)
    distance, found = min_l1_weight_change(matrix, weights, target)
    assert distance == pytest.approx(reference_distance(matrix, weights, target), abs=1e-9)
    check_minimiser(matrix, weights, target, distance, found)


def test_the_greedy_move_on_a_worked_example() -> None:
    """b leads a by 0.4 at w = (0.4, 0.3, 0.3): gaps a - b are (-1, 0.5, -0.5). Weight leaves x
    (the rival's best, 1.5 of lead per unit moved to y) first: all 0.4 of it gains only 0.6 > 0.4,
    so 0.4 / 1.5 = 4/15 moves, the distance is 8/15 and z keeps its weight."""
    values = np.array([[0.0, 1.0, 0.0], [1.0, 0.5, 0.5]])
    weights = np.array([0.4, 0.3, 0.3])
    distance, found = min_l1_weight_change(values, weights, 0)
    assert distance == pytest.approx(8 / 15, abs=1e-15)
    assert found == pytest.approx([0.4 - 4 / 15, 0.3 + 4 / 15, 0.3], abs=1e-15)


def test_a_target_behind_on_every_criterion_can_never_lead(monkeypatch: pytest.MonkeyPatch) -> None:
    values = np.array([[0.5, 0.5, 0.5], [0.2, 0.9, 0.1], [0.4, 0.4, 0.45]])
    with counting_solves(monkeypatch) as calls:
        distance, found = min_l1_weight_change(values, np.array([0.2, 0.3, 0.5]), 2)
    assert distance == np.inf and np.isnan(found).all() and not calls


def test_a_target_already_first_or_tied_first_needs_no_change() -> None:
    values = np.array([[0.5, 0.5], [0.5, 0.5], [0.1, 0.2]])
    weights = np.array([0.5, 0.5])
    for target in (0, 1):
        distance, found = min_l1_weight_change(values, weights, target)
        assert distance == 0.0 and found.tolist() == weights.tolist()


# ----- potential optimality -----------------------------------------------------------------
def test_potential_optimality_matches_linprog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A vertex decides most cases (first there, or behind one rival at every vertex); the rest go
    to scipy. Every answer is linprog's."""
    rng = np.random.default_rng(11)
    with counting_solves(monkeypatch) as calls:
        for _ in range(200):
            m, n = int(rng.integers(2, 8)), int(rng.integers(2, 6))
            values, _ = random_case(rng, m, n)
            chain = [int(c) for c in rng.permutation(n)[: int(rng.integers(1, n + 1))]]
            vertices = kernels.ordered_simplex_vertices(n, chain)
            _, optimal = ordinal_dominance_arrays(values, vertices)
            at = values @ vertices.T
            assert optimal.tolist() == [reference_optimal(at, a) for a in range(m)]
    assert calls  # some cases needed the programme


def test_a_rival_ahead_at_every_vertex_settles_it_without_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.3, 0.3], [0.5, 0.5]])
    with counting_solves(monkeypatch) as calls:
        _, optimal = ordinal_dominance_arrays(values, kernels.ordered_simplex_vertices(2, [0, 1]))
    assert optimal.tolist() == [True, True, False, True] and not calls  # the second ties first at (1/2, 1/2)


# ----- the shipped model --------------------------------------------------------------------
def test_the_shipped_model_needs_no_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Belarus needs 61/60 of weight moved (from extradition risk, financial networks and part of
    freedom of movement, to willingness to host), as linprog finds; the others can never lead."""
    problem = model.load(ROOT / "criteria.yaml")
    values, weights = additive_model(problem)
    with counting_solves(monkeypatch) as calls:
        report = analyse(problem)
    assert not calls
    distances = dict(zip(problem.alternative_names, report.min_change.distances, strict=True))
    assert distances["Belarus"] == pytest.approx(61 / 60, abs=1e-12)
    for i, name in enumerate(problem.alternative_names):
        assert distances[name] == pytest.approx(reference_distance(values, weights, i), abs=1e-9)
    assert report.ordinal is not None


def test_sensitivity_on_the_shipped_model_imports_no_scipy_pandas_or_matplotlib() -> None:
    code = (
        "import io, sys; from model.cli import main; out = io.StringIO();"
        f"code = main(['sensitivity', {str(ROOT / 'criteria.yaml')!r}, '--format', 'json'], out=out);"
        "heavy = [m for m in ('scipy', 'pandas', 'matplotlib') if m in sys.modules];"
        "print(code, len(out.getvalue()), heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    status, size, heavy = done.stdout.split(" ", 2)
    assert status == "0" and int(size) > 1000 and heavy.strip() == "[]"
