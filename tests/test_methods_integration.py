"""Methods and weight elicitation wired through the YAML, the problem, the ranking and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

import model
import model.cli
from model.errors import ConfigError

BASE = """\
version: 1
title: Integration
scales:
  nine: {min: 1, max: 9, labels: {low: 3, moderate: 5, high: 7}}
criteria:
  risk: {direction: cost, weight: 2, scale: nine}
  money: {direction: benefit, weight: 1, scale: nine}
  ties: {direction: benefit, weight: 1, scale: nine}
alternatives:
  A:
  B:
  C:
scores:
  A:
    risk: {value: 3, confidence: high, rationale: r}
    money: {value: 9, confidence: high, rationale: r}
    ties: {value: 5, confidence: high, rationale: r}
  B:
    risk: {value: 1, confidence: high, rationale: r}
    money: {value: 3, confidence: high, rationale: r}
    ties: {value: 7, confidence: high, rationale: r}
  C:
    risk: {value: 7, confidence: high, rationale: r}
    money: {value: 5, confidence: high, rationale: r}
    ties: {value: 5, confidence: high, rationale: r}
"""


def load(text: str) -> model.DecisionProblem:
    return model.loads(text, name="m.yaml")


def issues(text: str) -> list[str]:
    with pytest.raises(ConfigError) as excinfo:
        load(text)
    return [str(issue) for issue in excinfo.value.issues]


def without_weights(text: str) -> str:
    return text.replace(", weight: 2", "").replace(", weight: 1", "")


# ----- methods and their options -----------------------------------------------------------------
def test_method_in_the_file_is_used_and_options_reach_the_kernel() -> None:
    problem = load(BASE + "method: vikor\nmethod_options:\n  vikor: {v: 0.2}\n  topsis: {normalization: minmax}\n")
    ranking = model.evaluate(problem)
    assert ranking.method == "vikor" and not ranking.higher_is_better
    other = model.evaluate(load(BASE + "method: vikor\n"))
    assert not np.allclose(ranking.scores, other.scores)  # v = 0.2 is not the default 0.5
    s, r = ranking.details["S"], ranking.details["R"]
    q_expected = 0.2 * (s - s.min()) / (s.max() - s.min()) + 0.8 * (r - r.min()) / (r.max() - r.min())
    assert ranking.scores.tolist() == pytest.approx(q_expected.tolist())


def test_method_options_errors_are_located() -> None:
    found = issues(BASE + "method_options:\n  vikor: {w: 0.2}\n  topsys: {}\n  weighted_sum: {v: 1}\n")
    assert found[0].startswith("m.yaml:27:11: method_options.vikor.w: unknown key 'w' in the options of vikor")
    assert "method_options.topsys: unknown method 'topsys'\n    hint: did you mean 'topsis'?" in found[1]
    assert "method_options.weighted_sum: expected no options: method 'weighted_sum' has none" in found[2]


def test_an_option_the_kernel_refuses_is_reported_at_load_with_its_location() -> None:
    (message,) = issues(BASE + "method_options:\n  vikor: {v: 2}\n")
    assert message.startswith("m.yaml:27:10: method_options.vikor: method 'vikor' cannot rank this problem:")
    assert "v" in message


def test_rank_method_flag_and_vikor_compromise_line() -> None:
    out, err = io.StringIO(), io.StringIO()
    path = Path(__file__).resolve().parents[1] / "criteria.yaml"
    assert model.cli.main(["rank", str(path), "--method", "vikor"], out=out, err=err) == 0
    text = out.getvalue()
    assert "LOWER is better" in text
    assert "compromise solution (Opricovic & Tzeng 2004): Turkey" in text
    data = json.loads(_cli("rank", str(path), "--method", "vikor", "--format", "json"))
    assert data["higher_is_better"] is False
    assert set(data["details"]["Q"]) == {"Turkey", "Belarus", "Russia", "Cuba", "Iran"}


def _cli(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = model.cli.main(list(argv), out=out, err=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


# ----- value functions and preference functions ------------------------------------------------
def test_a_saturating_value_function_changes_the_additive_ranking() -> None:
    base = model.evaluate(load(BASE))
    saturating = BASE.replace(
        "money: {direction: benefit, weight: 1, scale: nine}",
        "money: {direction: benefit, weight: 1, scale: nine, value_function: [[1, 0], [low, 0.9], [9, 1]]}",
    )
    ranking = model.evaluate(load(saturating))
    assert ranking.normalized.loc["B", "money"] == pytest.approx(0.9)  # 3 = 'low' maps to 0.9
    assert ranking.normalized.loc["A", "money"] == pytest.approx(1.0)
    assert base.normalized.loc["B", "money"] == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("[[1, 0]]", "expected a list of at least two [score, value] points, got a list of 1"),
        ("[[1, 0], [5, 1.5], [9, 1]]", "expected a value in [0, 1], got 1.5"),
        ("[[1, 0], [5, 0.5], [4, 1]]", "expected scores in increasing order, got 4 after 5"),
        ("[[2, 0], [9, 1]]", "expected points from the scale's minimum 1 to its maximum 9, got 2 to 9"),
        ("[[1, 0], [hgih, 1]]", "did you mean 'high'?"),
    ],
)
def test_bad_value_functions(points: str, message: str) -> None:
    text = BASE.replace(
        "money: {direction: benefit, weight: 1, scale: nine}",
        f"money: {{direction: benefit, weight: 1, scale: nine, value_function: {points}}}",
    )
    assert any(message in found for found in issues(text))


@pytest.mark.parametrize(
    ("preference", "message"),
    [
        ("{function: linear, q: 1}", "missing threshold 'p' for the 'linear' preference function"),
        ("{function: usual, q: 1}", "expected no 'q' for the 'usual' preference function (it uses none)"),
        ("{function: level, q: 2, p: 1}", "expected p > q (2), got 1"),
        ("{function: gausian, s: 1}", "did you mean 'gaussian'?"),
        ("{function: gaussian, s: 0}", "expected s > 0, got 0"),
        ("{function: v_shape, p: -1}", "expected a threshold p >= 0 in the scale's units, got -1"),
    ],
)
def test_bad_preference_functions(preference: str, message: str) -> None:
    text = BASE.replace(
        "risk: {direction: cost, weight: 2, scale: nine}",
        f"risk: {{direction: cost, weight: 2, scale: nine, preference: {preference}}}",
    )
    assert any(message in found for found in issues(text))


def test_preference_functions_are_stored_on_the_criteria() -> None:
    text = BASE.replace(
        "risk: {direction: cost, weight: 2, scale: nine}",
        "risk: {direction: cost, weight: 2, scale: nine, preference: {function: linear, q: 0.5, p: 2}}",
    )
    preference = load(text).criterion("risk").preference
    assert (preference.function, preference.q, preference.p, preference.s) == ("linear", 0.5, 2.0, None)


# ----- weighting and analysts --------------------------------------------------------------------
AHP = """\
weighting:
  ahp:
    judgements:
      - [risk, money, 2]
      - [risk, ties, 4]
      - [money, ties, 2]
"""


def test_ahp_weighting_gives_the_weights() -> None:
    problem = load(without_weights(BASE) + AHP)
    assert problem.normalized_weights.tolist() == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert problem.warnings == ()  # a perfectly consistent matrix


def test_fractions_and_geometric_mean_method() -> None:
    text = without_weights(BASE) + AHP.replace("[money, ties, 2]", "[ties, money, 1/2]").replace(
        "  ahp:\n", "  ahp:\n    method: geometric\n"
    )
    assert load(text).normalized_weights.tolist() == pytest.approx([4 / 7, 2 / 7, 1 / 7])


def test_inconsistent_ahp_is_a_warning_naming_the_judgement() -> None:
    problem = load(without_weights(BASE) + AHP.replace("[money, ties, 2]", "[money, ties, 1/6]"))
    (warning,) = problem.warnings
    text = str(warning)
    assert text.startswith("m.yaml:28:5: weighting.ahp: AHP judgements are not consistent: CR ")
    assert "least consistent judgement is" in text


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("weighting:\n  order: [risk, money]\n", "missing from the order: ties"),
        ("weighting:\n  order: [risk, money, ties, risk]\n", "expected each criterion once, got 'risk' again"),
        ("weighting:\n  swing: {risk: 100, money: 50}\n", "missing swing points for ties"),
        (
            "weighting:\n  swing: {risk: 100, money: 50, ties: 20}\n  weights: {risk: 1, money: 1, ties: 1}\n",
            "expected exactly one of weights, ahp, order or swing, got weights, swing",
        ),
        (
            "weighting:\n  ahp:\n    judgements:\n      - [risk, money, 2]\n",
            "got none for 2 pairs: (risk, ties), (money, ties)",
        ),
        (
            "weighting:\n  ahp:\n    judgements:\n"
            "      - [risk, money, 12]\n      - [risk, ties, 1]\n      - [money, ties, 1]\n",
            "expected",
        ),
        (
            "weighting:\n  ahp:\n    judgements:\n      - [risk, risk, 2]\n",
            "expected two different criteria, got 'risk' twice",
        ),
        ("weighting:\n  ahp:\n    judgements:\n      - [risk, mony, 2]\n", "did you mean 'money'?"),
        ("weighting:\n  order: [risk, money, ties]\n  order_method: rocc\n", "did you mean 'roc'?"),
    ],
)
def test_bad_weighting_blocks(block: str, message: str) -> None:
    found = issues(without_weights(BASE) + block)
    assert any(message in item for item in found), found


def test_weights_given_twice_is_an_error_on_each_criterion() -> None:
    found = issues(BASE + AHP)
    assert len(found) == 3
    assert all(
        "expected no weight here: the weights come from the 'weighting:' or 'analysts:' block" in f for f in found
    )


def test_a_missing_weight_without_elicitation_is_still_required() -> None:
    found = issues(without_weights(BASE))
    assert any("missing required key 'weight' in criterion 'risk'" in f for f in found)


ANALYSTS = """\
analysts:
  ana:
    order: [risk, [money, ties]]
  ben:
    swing: {risk: 100, money: 50, ties: 50}
  cy:
    weights: {risk: 1, money: 1, ties: 2}
"""


def test_analysts_give_the_group_mean_and_become_scenarios() -> None:
    problem = load(without_weights(BASE) + ANALYSTS)
    roc = [0.6111, (0.2778 + 0.1111) / 2, (0.2778 + 0.1111) / 2]
    ana, ben, cy = np.array(roc), np.array([0.5, 0.25, 0.25]), np.array([0.25, 0.25, 0.5])
    assert problem.normalized_weights.tolist() == pytest.approx(((ana + ben + cy) / 3).tolist(), abs=1e-4)
    assert {"analyst:ana", "analyst:ben", "analyst:cy", "analysts:group"} <= set(problem.scenarios)
    assert problem.weight_source == "analysts"
    assert problem.with_scenario("analyst:cy").normalized_weights.tolist() == pytest.approx([0.25, 0.25, 0.5])


def test_all_ahp_analysts_aggregate_by_the_geometric_mean_of_judgements() -> None:
    judgements = (
        "    ahp:\n      judgements:\n"
        "        - [risk, money, {}]\n        - [risk, ties, {}]\n        - [money, ties, 1]\n"
    )
    one, two = judgements.format(4, 4), judgements.format(1, 1)
    problem = load(without_weights(BASE) + "analysts:\n  ana:\n" + one + "  ben:\n" + two)
    # geometric mean of judgements: risk/money = risk/ties = 2, money/ties = 1 → weights 2:1:1
    assert problem.normalized_weights.tolist() == pytest.approx([0.5, 0.25, 0.25])


def test_weights_command_shows_each_elicitation_the_group_and_the_spread() -> None:
    path = Path(__file__).resolve().parent / "_weights_model.yaml"
    path.write_text(without_weights(BASE) + AHP + ANALYSTS, encoding="utf-8")
    try:
        text = _cli("weights", str(path))
        data = json.loads(_cli("weights", str(path), "--format", "json"))
    finally:
        path.unlink()
    assert "weighting (ahp):" in text and "λmax 3.0000" in text and "consistent (rule: CR ≤ 0.10)" in text
    assert "analyst ana (order):" in text and "group rule: mean of the analysts' normalised weights" in text
    assert "the ranking uses the weighting block's weights; each analyst is also a scenario" in text
    assert data["used"] == pytest.approx({"risk": 4 / 7, "money": 2 / 7, "ties": 1 / 7})
    assert set(data["group"]["spread"]["risk"]) == {"min", "max", "std"}


def test_compare_methods_on_the_shipped_model() -> None:
    path = Path(__file__).resolve().parents[1] / "criteria.yaml"
    text = _cli("compare-methods", str(path))
    assert "methods put Turkey first." in text
    assert "Kendall's τ-b / Spearman's ρ" in text
    data = json.loads(_cli("compare-methods", str(path), "--format", "json"))
    methods = data["methods"]
    assert {"weighted_sum", "topsis", "vikor", "weighted_product"} <= set(methods)
    assert data["kendall_tau_b"]["weighted_sum"]["weighted_sum"] == 1.0
    assert data["agree_on_first"] is True


def test_compare_methods_reports_disagreement_and_refusals() -> None:
    from model.analysis.method_comparison import compare_methods

    zero = BASE.replace("scale: nine}", "scale: {min: 0, max: 9}}", 1).replace(
        "risk: {value: 3, confidence: high", "risk: {value: 0, confidence: high"
    )
    comparison = compare_methods(load(zero))
    assert "weighted_product" in comparison.refused
    assert "positive" in comparison.refused["weighted_product"]
    assert "weighted_product" not in comparison.methods


def test_robustness_analyses_use_value_functions_or_refuse_clearly() -> None:
    """Weight analyses run on v_j(x); analyses that walk straight score lines refuse instead of answering wrongly."""
    from model.analysis.sensitivity import analyse, score_sensitivity, stability_intervals
    from model.analysis.smaa import smaa

    text = BASE.replace(
        "money: {direction: benefit, weight: 1, scale: nine}",
        "money: {direction: benefit, weight: 1, scale: nine, value_function: [[1, 0], [low, 0.9], [9, 1]]}",
    )
    problem = load(text)
    ranking = model.evaluate(problem)
    stability = stability_intervals(problem)
    assert stability.winner == ranking.winners[0]
    report = analyse(problem)
    assert report.scores is None and report.tornado is None
    with pytest.raises(model.RequestError, match="money has a value function"):
        score_sensitivity(problem)
    with pytest.raises(model.RequestError, match="value function"):
        smaa(problem, samples=10)
    # the sweep lines start from the value-function values: at money's weight 1, scores are v_money
    sweeps = report.sweeps
    k = sweeps.criteria.index("money")
    at_one = sweeps.scores_at("money", 1.0)
    assert at_one.tolist() == pytest.approx(ranking.normalized["money"].tolist())
    assert k == 1


def test_criteria_weights_stay_the_base_when_analysts_only_add_scenarios() -> None:
    problem = load(BASE + ANALYSTS)
    assert problem.weight_source == "criteria"
    assert problem.normalized_weights.tolist() == pytest.approx([0.5, 0.25, 0.25])
    group = problem.with_scenario("analysts:group")
    assert group.normalized_weights.tolist() != pytest.approx([0.5, 0.25, 0.25])


def test_some_criteria_weighted_and_others_not_is_an_error_with_analysts() -> None:
    text = BASE.replace(", weight: 2", "") + ANALYSTS
    (message,) = issues(text)
    assert "missing 'weight' for risk" in message
    assert "give every criterion a weight, or none" in message
