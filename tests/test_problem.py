"""Tests of model.problem: immutability, what-if weights, scenarios, DataFrames and Score.describe."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import model
from model import DecisionProblem, RequestError, Score

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "tests" / "fixtures" / "reference" / "criteria.yaml"  # v0.1 encoding, frozen
CRITERIA = ("extradition_risk", "financial_networks", "us_relations", "freedom_of_movement", "host_ties")
ALTERNATIVES = ("Turkey", "Belarus", "Russia", "Cuba", "Iran")
BASE_WEIGHTS = (30.0, 20.0, 20.0, 15.0, 15.0)
SCORES_COLUMNS = [
    "alternative",
    "criterion",
    "kind",
    "value",
    "low",
    "high",
    "midpoint",
    "confidence",
    "quotes",
    "supported",
    "rationale",
]
EVIDENCE_COLUMNS = ["alternative", "criterion", "source", "line", "quote"]


def load_shipped() -> DecisionProblem:
    """A fresh load of the shipped criteria.yaml, quotes verified."""
    return model.load(SHIPPED)


@pytest.fixture(scope="module")
def problem() -> DecisionProblem:
    """The shipped model, loaded once for the tests that only read it."""
    return load_shipped()


def quote_count(path: Path) -> int:
    """Evidence items in a model file, counted from its text (one '- source:' line each)."""
    return len(re.findall(r"^\s*- source:", path.read_text(encoding="utf-8"), flags=re.MULTILINE))


# ----- the shipped model as loaded -------------------------------------------------------------


def test_shipped_model_names_and_weights(problem: DecisionProblem) -> None:
    """Alternatives and criteria keep file order; weights are as written and normalise to 1."""
    assert problem.alternative_names == ALTERNATIVES
    assert problem.criterion_ids == CRITERIA
    assert problem.weights.tolist() == list(BASE_WEIGHTS)
    assert problem.normalized_weights.tolist() == pytest.approx([w / 100 for w in BASE_WEIGHTS])
    assert problem.weight_notes == ()
    assert problem.path == SHIPPED
    assert problem.sha256 is not None and len(problem.sha256) == 64


# ----- immutability ------------------------------------------------------------------------------


@pytest.mark.parametrize("attribute", ["title", "criteria", "scores", "weight_notes", "method", "weights", "values"])
def test_attributes_cannot_be_assigned(attribute: str) -> None:
    """Assigning any attribute of a problem raises FrozenInstanceError and changes nothing."""
    fresh = load_shipped()
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fresh, attribute, None)
    assert getattr(fresh, attribute) is not None


@pytest.mark.parametrize(
    "array", ["values", "weights", "normalized_weights", "lows", "highs", "scale_min", "scale_max", "is_benefit"]
)
def test_arrays_are_read_only(array: str) -> None:
    """Writing into any array a problem exposes raises ValueError and changes nothing."""
    fresh = load_shipped()
    target = getattr(fresh, array)
    before = target.copy()
    with pytest.raises(ValueError, match="read-only"):
        target[(0,) * target.ndim] = 1
    with pytest.raises(ValueError, match="read-only"):
        target[...] = 0
    assert np.array_equal(getattr(fresh, array), before)


def test_scores_sources_and_scenarios_mappings_are_read_only() -> None:
    """The scores, sources and scenarios mappings refuse item assignment and deletion."""
    fresh = load_shipped()
    cell = fresh.scores[("Turkey", "host_ties")]
    with pytest.raises(TypeError):
        fresh.scores[("Turkey", "host_ties")] = cell  # type: ignore[index]
    with pytest.raises(TypeError):
        del fresh.scores[("Turkey", "host_ties")]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        fresh.sources["new"] = fresh.sources["wapo_turkey"]  # type: ignore[index]
    with pytest.raises(TypeError):
        fresh.scenarios["new"] = fresh.scenarios["safety_first"]  # type: ignore[index]
    assert len(fresh.scores) == 25


def test_scores_mapping_is_a_copy_of_the_input() -> None:
    """Mutating the dict a problem was built from does not change the problem."""
    base = model.loads(model.demo.DEMO_YAML)
    cells = dict(base.scores)
    rebuilt = dataclasses.replace(base, scores=cells)
    cells.clear()
    assert len(rebuilt.scores) == 4


def test_scenario_weights_are_read_only() -> None:
    """A scenario's weights cannot be changed in place (that would change every later with_scenario)."""
    fresh = load_shipped()
    weights: Any = fresh.scenarios["safety_first"].weights
    with pytest.raises(TypeError):
        weights["extradition_risk"] = 0.0
    assert fresh.with_scenario("safety_first").weights.tolist() == [60.0, 20.0, 20.0, 15.0, 15.0]


def test_entities_are_frozen(problem: DecisionProblem) -> None:
    """Criteria, scores, evidence and scales are frozen dataclasses too."""
    criterion = problem.criteria[0]
    score = problem.scores[("Turkey", "host_ties")]
    for obj, name in [(criterion, "weight"), (criterion.scale, "min"), (score, "low"), (score.evidence[0], "quote")]:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, None)


def test_matrix_is_a_copy(problem: DecisionProblem) -> None:
    """Editing the matrix DataFrame does not write through to the problem's values."""
    matrix = problem.matrix
    before = problem.values.copy()
    matrix.iloc[0, 0] = -100.0
    assert np.array_equal(problem.values, before)


# ----- with_weights ------------------------------------------------------------------------------


def test_with_weights_returns_a_new_problem_and_leaves_the_original() -> None:
    """with_weights gives a new problem; the original keeps its weights and notes."""
    base = load_shipped()
    changed = base.with_weights({"host_ties": 45})
    assert changed is not base
    assert changed.weights.tolist() == [30.0, 20.0, 20.0, 15.0, 45.0]
    assert base.weights.tolist() == list(BASE_WEIGHTS)
    assert base.criterion("host_ties").weight == 15.0
    assert base.weight_notes == ()
    assert changed.scores[("Turkey", "host_ties")] == base.scores[("Turkey", "host_ties")]
    assert changed.alternative_names == base.alternative_names


def test_with_weights_records_a_note() -> None:
    """Each what-if is recorded in weight_notes, in order, with a default or a custom note."""
    base = load_shipped()
    once = base.with_weights({"host_ties": 45, "us_relations": 2.5})
    assert once.weight_notes == ("what-if: host_ties=45, us_relations=2.5",)
    twice = once.with_weights({"extradition_risk": 0}, note="ignore extradition")
    assert twice.weight_notes == ("what-if: host_ties=45, us_relations=2.5", "ignore extradition")


def test_with_weights_renormalises(problem: DecisionProblem) -> None:
    """Normalised weights of the new problem sum to 1 and follow the new ratios."""
    changed = problem.with_weights({"extradition_risk": 0, "host_ties": 45})
    assert math.isclose(float(changed.normalized_weights.sum()), 1.0)
    assert changed.normalized_weights.tolist() == pytest.approx([0.0, 0.2, 0.2, 0.15, 0.45])
    odd = problem.with_weights({"host_ties": 1.7})
    assert math.isclose(float(odd.normalized_weights.sum()), 1.0)


def test_with_weights_accepts_numpy_and_int_numbers(problem: DecisionProblem) -> None:
    """Any real number type is accepted and stored as float."""
    changed = problem.with_weights({"host_ties": np.float64(5), "us_relations": 7})
    assert changed.criterion("host_ties").weight == 5.0
    assert isinstance(changed.criterion("us_relations").weight, float)


def test_with_weights_unknown_criterion_suggests_the_name(problem: DecisionProblem) -> None:
    """An unknown criterion is a RequestError with the valid ids and a did-you-mean."""
    with pytest.raises(RequestError) as excinfo:
        problem.with_weights({"host_tie": 1})
    assert str(excinfo.value) == (
        "unknown criterion 'host_tie'; expected one of: extradition_risk, financial_networks, us_relations, "
        "freedom_of_movement, host_ties (did you mean 'host_ties'?)"
    )


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        (-1, "weight of 'host_ties': expected a number in [0, 1e+12], got -1"),
        (float("nan"), "weight of 'host_ties': expected a number in [0, 1e+12], got nan"),
        (float("inf"), "weight of 'host_ties': expected a number in [0, 1e+12], got inf"),
        (-float("inf"), "weight of 'host_ties': expected a number in [0, 1e+12], got -inf"),
        ("heavy", "weight of 'host_ties': expected a number in [0, 1e+12], got 'heavy'"),
        (None, "weight of 'host_ties': expected a number in [0, 1e+12], got None"),
        ([1], "weight of 'host_ties': expected a number in [0, 1e+12], got [1]"),
    ],
)
def test_with_weights_rejects_bad_numbers(problem: DecisionProblem, weight: Any, message: str) -> None:
    """Negative, non-finite and non-numeric weights are RequestErrors naming the criterion."""
    with pytest.raises(RequestError) as excinfo:
        problem.with_weights({"host_ties": weight})
    assert str(excinfo.value) == message


def test_with_weights_rejects_all_zero(problem: DecisionProblem) -> None:
    """Setting every weight to zero is refused: nothing would be left to rank on."""
    with pytest.raises(RequestError, match="expected at least one positive weight, got all weights zero"):
        problem.with_weights(dict.fromkeys(CRITERIA, 0))


def test_with_weights_request_error_is_a_model_error(problem: DecisionProblem) -> None:
    """RequestError is a ModelError (and a ValueError), so callers can catch either."""
    with pytest.raises(model.ModelError):
        problem.with_weights({"nope": 1})
    assert issubclass(RequestError, ValueError)


def test_with_weights_failure_leaves_the_original(problem: DecisionProblem) -> None:
    """A refused what-if changes nothing (no partial update of the good entries)."""
    with pytest.raises(RequestError):
        problem.with_weights({"host_ties": 99, "us_relations": -1})
    assert problem.weights.tolist() == list(BASE_WEIGHTS)
    assert problem.weight_notes == ()


# ----- with_scenario -----------------------------------------------------------------------------


def test_with_scenario_applies_partial_weights(problem: DecisionProblem) -> None:
    """A scenario sets only the weights it names; the others keep their base weights."""
    safety = problem.with_scenario("safety_first")
    assert safety.weights.tolist() == [60.0, 20.0, 20.0, 15.0, 15.0]
    assert safety.weight_notes == ("scenario 'safety_first'",)
    assert safety.normalized_weights.tolist() == pytest.approx([60 / 130, 20 / 130, 20 / 130, 15 / 130, 15 / 130])
    money = problem.with_scenario("money_first")
    assert money.weights.tolist() == [30.0, 60.0, 20.0, 15.0, 15.0]
    assert problem.weights.tolist() == list(BASE_WEIGHTS)


def test_with_scenario_unknown_name_suggests_the_scenario(problem: DecisionProblem) -> None:
    """An unknown scenario is a RequestError listing the scenarios, with a did-you-mean."""
    with pytest.raises(RequestError) as excinfo:
        problem.with_scenario("safety_frist")
    assert str(excinfo.value) == (
        "unknown scenario 'safety_frist'; expected one of: safety_first, money_first, deal_with_washington "
        "(did you mean 'safety_first'?)"
    )


def test_with_scenario_when_none_defined() -> None:
    """A model without scenarios says so."""
    text = model.demo.DEMO_YAML.split("scenarios:")[0]
    with pytest.raises(RequestError, match="none defined"):
        model.loads(text).with_scenario("cheap_first")


# ----- lookups -----------------------------------------------------------------------------------


def test_score_lookup_and_unknown_alternative(problem: DecisionProblem) -> None:
    """score() returns the cell; an unknown alternative is a RequestError with a did-you-mean."""
    assert problem.score("Cuba", "freedom_of_movement").labels == ("very low", "low")
    with pytest.raises(RequestError, match=r"did you mean 'Turkey'\?"):
        problem.score("Turkye", "host_ties")


# ----- DataFrames --------------------------------------------------------------------------------


def test_scores_table_columns_and_shape(problem: DecisionProblem) -> None:
    """scores_table: one row per cell (alternatives x criteria), the documented columns, file order."""
    table = problem.scores_table
    assert list(table.columns) == SCORES_COLUMNS
    assert table.shape == (25, len(SCORES_COLUMNS))
    assert list(table["alternative"].iloc[:5]) == ["Turkey"] * 5
    assert list(table["criterion"].iloc[:5]) == list(CRITERIA)


def test_scores_table_rows(problem: DecisionProblem) -> None:
    """Rows carry the value as written, its bounds and midpoint, confidence and quote count."""
    table = problem.scores_table.set_index(["alternative", "criterion"])
    label = table.loc[("Turkey", "extradition_risk")]
    assert (label["kind"], label["value"], label["low"], label["midpoint"]) == ("label", "low (3)", 3.0, 3.0)
    assert (label["confidence"], label["quotes"], label["supported"]) == ("medium", 2, True)
    interval = table.loc[("Turkey", "freedom_of_movement")]
    assert (interval["kind"], interval["value"]) == ("interval", "[moderate, very high] = [5, 9]")
    assert (interval["low"], interval["high"], interval["midpoint"]) == (5.0, 9.0, 7.0)
    unknown = table.loc[("Belarus", "financial_networks")]
    assert (unknown["kind"], unknown["value"], unknown["low"], unknown["high"]) == ("unknown", "unknown", 1.0, 9.0)
    assert pd.isna(unknown["confidence"])
    assert (unknown["quotes"], unknown["supported"]) == (0, False)
    assert unknown["rationale"].startswith("Neither document says anything")


def test_evidence_table_one_row_per_quote_with_integer_lines(problem: DecisionProblem) -> None:
    """evidence_table: one row per quote in the file, the documented columns, integer line numbers."""
    table = problem.evidence_table
    assert list(table.columns) == EVIDENCE_COLUMNS
    assert len(table) == quote_count(SHIPPED)
    assert len(table) == sum(len(score.evidence) for score in problem.cells())
    assert pd.api.types.is_integer_dtype(table["line"])
    assert (table["line"] >= 1).all()
    assert set(table["source"]) == {"wapo_turkey", "belarus_shelter"}


def test_evidence_table_line_points_at_the_quote(problem: DecisionProblem) -> None:
    """The recorded line of a quote is the line of the source document where it starts."""
    table = problem.evidence_table
    row = table[table["quote"] == "Erdogan has good relations with Trump"].iloc[0]
    seed = (REPO / "seeds" / "000_f9c343182fad6f94.txt").read_text(encoding="utf-8").splitlines()
    assert "Erdogan has good relations with Trump" in seed[int(row["line"]) - 1]
    assert (row["alternative"], row["criterion"], row["source"]) == ("Turkey", "us_relations", "wapo_turkey")


def test_evidence_table_is_empty_but_typed_without_evidence() -> None:
    """A model without quotes still gets an evidence table with the documented columns."""
    table = model.loads(model.demo.DEMO_YAML).evidence_table
    assert list(table.columns) == EVIDENCE_COLUMNS
    assert len(table) == 0


def test_matrix_shape_index_and_values(problem: DecisionProblem) -> None:
    """matrix: alternatives x criteria of the values rankings use (midpoints for intervals and unknowns)."""
    matrix = problem.matrix
    assert matrix.shape == (5, 5)
    assert matrix.index.name == "alternative"
    assert tuple(matrix.index) == ALTERNATIVES
    assert tuple(matrix.columns) == CRITERIA
    assert np.array_equal(matrix.to_numpy(), problem.values)
    assert matrix.loc["Turkey", "extradition_risk"] == 3.0
    assert matrix.loc["Turkey", "freedom_of_movement"] == 7.0
    assert matrix.loc["Belarus", "financial_networks"] == 5.0


def test_values_are_midpoints_of_lows_and_highs(problem: DecisionProblem) -> None:
    """values == (lows + highs) / 2, cell by cell."""
    assert np.array_equal(problem.values, (problem.lows + problem.highs) / 2)
    assert problem.lows.shape == problem.highs.shape == (5, 5)


# ----- equals ------------------------------------------------------------------------------------


def test_equals_true_for_two_loads_of_the_same_file() -> None:
    """Two loads of one file hold the same data."""
    first, second = load_shipped(), load_shipped()
    assert first is not second
    assert first.equals(second)


def test_equals_false_after_with_weights() -> None:
    """A what-if problem differs from its base."""
    base = load_shipped()
    assert not base.equals(base.with_weights({"host_ties": 45}))


def test_equals_false_for_other_types(problem: DecisionProblem) -> None:
    """Anything that is not a DecisionProblem is not equal."""
    assert not problem.equals("criteria.yaml")
    assert not problem.equals(None)


# ----- Score.describe ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "text"),
    [
        (Score("A", "c", "point", 7.0, 7.0, "high"), "7"),
        (Score("A", "c", "point", 7.5, 7.5, "high"), "7.5"),
        (Score("A", "c", "label", 3.0, 3.0, "medium", labels=("low",)), "low (3)"),
        (Score("A", "c", "interval", 2.0, 4.0, "low"), "[2, 4]"),
        (Score("A", "c", "interval", 1.0, 3.0, "low", labels=("very low", "low")), "[very low, low] = [1, 3]"),
        (Score("A", "c", "interval", 2.5, 4.0, "low"), "[2.5, 4]"),
        (Score("A", "c", "unknown", 1.0, 9.0), "unknown"),
    ],
    ids=["point", "point-fraction", "label", "interval", "interval-labels", "interval-fraction", "unknown"],
)
def test_score_describe(score: Score, text: str) -> None:
    """describe() shows the value as written with its number."""
    assert score.describe() == text


def test_score_properties() -> None:
    """midpoint, is_point and supported follow the kind and the evidence."""
    verified = model.Evidence("s", "q", line=3, end_line=3)
    interval = Score("A", "c", "interval", 2.0, 5.0, "low", (model.Evidence("s", "q"),))
    assert interval.midpoint == 3.5
    assert not interval.is_point
    assert not interval.supported
    label = Score("A", "c", "label", 3.0, 3.0, "high", (verified,), labels=("low",))
    assert label.is_point
    assert label.supported
