"""The additive model and the ranking: a published worked example, hand checks, properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import model
from model.methods import METHODS, weighted_sum
from model.problem import DecisionProblem
from model.ranking import TIE_TOLERANCE, competition_ranks, evaluate

TRIANTAPHYLLOU_MATRIX = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
TRIANTAPHYLLOU_WEIGHTS = [0.20, 0.15, 0.40, 0.25]


def test_weighted_sum_matches_triantaphyllou_worked_example() -> None:
    """Triantaphyllou, E. (2000). *Multi-Criteria Decision Making Methods: A Comparative Study*,
    Kluwer, §2.2.1 (the WSM example, also in Triantaphyllou & Mann 1989): three alternatives,
    four benefit criteria in one unit, weights 0.20/0.15/0.40/0.25. Printed WSM scores:
    A1 = 21.50, A2 = 22.00, A3 = 22.00, so A2 and A3 tie for first.

    With the scale [0, 1] the normalisation is the identity, so the kernel must print the
    book's figures; with the scale [0, 100] every score is the book's divided by 100.
    """
    matrix = np.array(TRIANTAPHYLLOU_MATRIX, dtype=float)
    raw = weighted_sum(
        matrix,
        np.array(TRIANTAPHYLLOU_WEIGHTS),
        scale_min=np.zeros(4),
        scale_max=np.ones(4),
        is_benefit=np.ones(4, dtype=bool),
    )
    assert raw.scores == pytest.approx([21.50, 22.00, 22.00], abs=0.005)

    problem = DecisionProblem.from_matrix(
        matrix,
        alternatives=["A1", "A2", "A3"],
        criteria=["C1", "C2", "C3", "C4"],
        weights=TRIANTAPHYLLOU_WEIGHTS,
        scale=(0, 100),
    )
    ranking = evaluate(problem)
    assert ranking.scores == pytest.approx([0.2150, 0.2200, 0.2200], abs=5e-5)
    assert ranking.ranks.tolist() == [3, 1, 1]  # the book's tie, under the documented tolerance
    assert ranking.winners == ("A2", "A3")


def test_hand_computed_scale_normalisation_with_cost_criterion() -> None:
    """v = (x - min)/(max - min); a cost criterion is inverted after normalising: 1 - v."""
    problem = DecisionProblem.from_matrix(
        [[3, 7], [9, 1]],
        alternatives=["a", "b"],
        criteria=["risk", "money"],
        weights=[3, 1],
        directions=["cost", "benefit"],
        scale=[(1, 9), (1, 9)],
    )
    ranking = evaluate(problem)
    # a: risk 3 → 1 - 2/8 = 0.75, money 7 → 0.75; b: risk 9 → 0, money 1 → 0
    assert ranking.normalized.loc["a"].tolist() == pytest.approx([0.75, 0.75])
    assert ranking.normalized.loc["b"].tolist() == pytest.approx([0.0, 0.0])
    assert ranking.weights.tolist() == pytest.approx([0.75, 0.25])
    assert ranking.contributions.loc["a"].tolist() == pytest.approx([0.5625, 0.1875])
    assert ranking.scores.tolist() == pytest.approx([0.75, 0.0])


def test_interval_and_unknown_rank_on_midpoints_and_are_flagged() -> None:
    """The demo's [3, 7] interval enters at 5 and is flagged; an unknown enters at the scale midpoint."""
    text = model.demo.DEMO_YAML.replace(
        "safety: {value: 5, confidence: high, rationale: Average crime figures.}",
        "safety: {value: unknown, rationale: No figures.}",
    )
    ranking = evaluate(model.loads(text))
    assert ranking.problem.values.tolist() == [[5.0, 5.0], [7.5, 5.0]]
    assert ranking.flags == {"Atlantis": (("safety", "unknown"),), "Utopia": (("cost_of_living", "interval"),)}
    table = ranking.table.set_index("alternative")
    assert table.loc["Atlantis", "unknowns"] == 1
    assert table.loc["Utopia", "intervals"] == 1


def test_tie_policy() -> None:
    """Within the tolerance is a tie (shared better rank, file order); beyond it is not."""
    ranks, order = competition_ranks(np.array([0.5, 0.7, 0.7 + TIE_TOLERANCE / 2, 0.1]))
    assert ranks.tolist() == [3, 1, 1, 4]
    assert order.tolist() == [1, 2, 0, 3]
    ranks, _ = competition_ranks(np.array([0.7, 0.7 + 10 * TIE_TOLERANCE]))
    assert ranks.tolist() == [2, 1]
    ranks, _ = competition_ranks(np.array([0.3, 0.1]), higher_is_better=False)
    assert ranks.tolist() == [2, 1]


def test_unknown_method_is_a_request_error_with_hint() -> None:
    problem = model.loads(model.demo.DEMO_YAML)
    with pytest.raises(model.RequestError, match="did you mean 'weighted_sum'"):
        evaluate(problem, "weighted_summ")
    assert set(METHODS) >= {"weighted_sum"}


def test_ranking_outputs_are_read_only() -> None:
    ranking = evaluate(model.loads(model.demo.DEMO_YAML))
    with pytest.raises(ValueError, match="read-only"):
        ranking.scores[0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        ranking.details["contributions"][0, 0] = 1.0


def test_to_dict_is_consistent() -> None:
    ranking = evaluate(model.loads(model.demo.DEMO_YAML))
    data = ranking.to_dict()
    assert [row["alternative"] for row in data["ranking"]] == ["Utopia", "Atlantis"]
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    for row in data["ranking"]:
        assert sum(row["contributions"].values()) == pytest.approx(row["score"])


# ----- properties -------------------------------------------------------------------------
@st.composite
def problems(draw: st.DrawFn) -> DecisionProblem:
    """Random problems on a 0–10 scale, mixed directions, positive weights."""
    m = draw(st.integers(2, 7))
    n = draw(st.integers(1, 5))
    values = draw(arrays(np.float64, (m, n), elements=st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 3))))
    weights = draw(st.lists(st.floats(0.01, 100), min_size=n, max_size=n))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    return DecisionProblem.from_matrix(
        values,
        alternatives=[f"a{i}" for i in range(m)],
        criteria=[f"c{j}" for j in range(n)],
        weights=weights,
        directions=directions,
        scale=(0, 10),
    )


def _subset(problem: DecisionProblem, order: list[int]) -> DecisionProblem:
    """The same problem with alternatives re-ordered (or some dropped)."""
    alts = [problem.alternative_names[i] for i in order]
    return DecisionProblem.from_matrix(
        problem.values[order],
        alternatives=alts,
        criteria=list(problem.criterion_ids),
        weights=problem.weights.tolist(),
        directions=[c.direction for c in problem.criteria],
        scale=(0, 10),
    )


@settings(max_examples=150, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_permuting_alternatives_permutes_the_result(problem: DecisionProblem, rng: object) -> None:
    order = list(range(len(problem.alternatives)))
    rng.shuffle(order)  # type: ignore[attr-defined]
    base, permuted = evaluate(problem), evaluate(_subset(problem, order))
    assert permuted.scores.tolist() == pytest.approx(base.scores[order].tolist(), abs=1e-12)
    assert permuted.ranks.tolist() == base.ranks[order].tolist()


@settings(max_examples=150, deadline=None)
@given(problems(), st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(problem: DecisionProblem, factor: float) -> None:
    scaled = problem.with_weights({c: w * factor for c, w in zip(problem.criterion_ids, problem.weights, strict=True)})
    base, other = evaluate(problem), evaluate(scaled)
    assert other.weights.tolist() == pytest.approx(base.weights.tolist(), rel=1e-9)
    assert other.scores.tolist() == pytest.approx(base.scores.tolist(), abs=1e-12)
    assert other.ranks.tolist() == base.ranks.tolist()


@settings(max_examples=150, deadline=None)
@given(problems(), st.data())
def test_a_dominating_alternative_never_ranks_below_the_dominated(
    problem: DecisionProblem, data: st.DataObject
) -> None:
    """Make a0 dominate a1 (at least as good on every criterion, in the right direction)."""
    values = np.array(problem.values)
    better = np.where(problem.is_benefit, np.maximum(values[0], values[1]), np.minimum(values[0], values[1]))
    values[0] = better
    dominated = DecisionProblem.from_matrix(
        values,
        alternatives=list(problem.alternative_names),
        criteria=list(problem.criterion_ids),
        weights=problem.weights.tolist(),
        directions=[c.direction for c in problem.criteria],
        scale=(0, 10),
    )
    ranking = evaluate(dominated)
    assert ranking.ranks[0] <= ranking.ranks[1]
    assert ranking.scores[0] >= ranking.scores[1] - 1e-12


@settings(max_examples=100, deadline=None)
@given(problems())
def test_adding_or_removing_an_alternative_never_reorders_the_others(problem: DecisionProblem) -> None:
    """Scale normalisation uses declared bounds, so other alternatives' scores cannot move."""
    full = evaluate(problem)
    keep = list(range(1, len(problem.alternatives)))
    reduced = evaluate(_subset(problem, keep))
    assert reduced.scores.tolist() == pytest.approx(full.scores[keep].tolist(), abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_scores_are_in_unit_interval_and_contributions_add_up(problem: DecisionProblem) -> None:
    ranking = evaluate(problem)
    assert np.all(ranking.scores >= -1e-12) and np.all(ranking.scores <= 1 + 1e-12)
    sums = ranking.contributions.sum(axis=1)  # best first, labelled by alternative
    assert sums.tolist() == pytest.approx(ranking.scores[ranking.order].tolist(), abs=1e-12)
    assert list(sums.index) == [ranking.alternatives[i] for i in ranking.order]
    assert sorted(ranking.ranks.tolist())[0] == 1


@settings(max_examples=100, deadline=None)
@given(problems(), st.data())
def test_mirroring_a_cost_criterion_into_a_benefit_changes_nothing(
    problem: DecisionProblem, data: st.DataObject
) -> None:
    """A cost criterion scored x equals a benefit criterion scored (min + max - x)."""
    j = data.draw(st.integers(0, len(problem.criteria) - 1))
    values = np.array(problem.values)
    directions = [c.direction for c in problem.criteria]
    values[:, j] = 10 - values[:, j]
    directions[j] = "benefit" if directions[j] == "cost" else "cost"
    mirrored = DecisionProblem.from_matrix(
        values,
        alternatives=list(problem.alternative_names),
        criteria=list(problem.criterion_ids),
        weights=problem.weights.tolist(),
        directions=directions,
        scale=(0, 10),
    )
    assert evaluate(mirrored).scores.tolist() == pytest.approx(evaluate(problem).scores.tolist(), abs=1e-12)


def test_shipped_model_ranks_deterministically() -> None:
    """Two evaluations of the shipped file agree to the bit (no hidden randomness)."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "criteria.yaml"
    first, second = evaluate(model.load(path)), evaluate(model.load(path))
    assert first.scores.tobytes() == second.scores.tobytes()
    assert first.order.tolist() == second.order.tolist()


def test_results_render_as_html_tables_in_notebooks() -> None:
    """Ranking and the analysis results show as HTML tables in Jupyter (``_repr_html_``)."""
    from pathlib import Path

    from model.analysis.sensitivity import analyse
    from model.analysis.smaa import decision_drivers, smaa

    problem = model.load(Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "reference" / "criteria.yaml")
    ranking = evaluate(problem)
    html = ranking._repr_html_()
    assert html.startswith("<div><strong>The result of evaluate: scores, ranks and every intermediate, with labels")
    assert "<table" in html and "Turkey" in html and "normalised weights: extradition_risk 0.300" in html
    report = analyse(problem)
    for result in (report.stability, report.sweeps, report.critical, report.min_change, report.tornado):
        assert "<table" in result._repr_html_()
    assert "Turkey" in smaa(problem, samples=500)._repr_html_()
    assert "<table" in decision_drivers(problem, samples=200)._repr_html_()
