"""The `uncertainty:` block and the per-cell ranges the robustness analyses sample from."""

from __future__ import annotations

import numpy as np
import pytest

import model
from model.errors import ConfigError
from model.problem import DecisionProblem, Scale, Uncertainty

BASE = """\
version: 1
title: Ranges
scales:
  nine: {min: 1, max: 9, labels: {low: 3, moderate: 5, high: 7}}
criteria:
  risk: {direction: cost, weight: 2, scale: nine}
  money: {direction: benefit, weight: 1, scale: {min: 0, max: 10}}
alternatives:
  A:
  B:
scores:
  A:
    risk: {value: low, confidence: high, rationale: r}
    money: {value: 4, confidence: medium, rationale: r}
  B:
    risk: {value: [moderate, high], confidence: low, rationale: r}
    money: {value: unknown, rationale: r}
"""


def load(extra: str = "") -> DecisionProblem:
    return model.loads(BASE + extra, name="m.yaml")


def issues_of(extra: str) -> list[str]:
    with pytest.raises(ConfigError) as excinfo:
        load(extra)
    return [str(issue) for issue in excinfo.value.issues]


def test_defaults_when_the_block_is_absent() -> None:
    uncertainty = load().uncertainty
    assert dict(uncertainty.confidence_bands) == {"high": 0.0, "medium": 0.1, "low": 0.2}
    assert uncertainty.weight_order == ()
    assert uncertainty.weight_spread == 0.5


def test_ranges_follow_the_documented_rules() -> None:
    """label: its band (halfway to neighbours; scale end past the last label), widened on each side
    by the confidence band; point: ± band × span; interval: its ends; unknown: whole scale."""
    low, high = load().ranges
    # A.risk: label 'low' = 3, band [1, 4] (no label below → scale min; halfway to 5 → 4); high confidence adds 0
    assert (low[0, 0], high[0, 0]) == (1.0, 4.0)
    # A.money: point 4, medium → ±0.1 × 10
    assert (low[0, 1], high[0, 1]) == pytest.approx((3.0, 5.0))
    # B.risk: interval [5, 7] stays as stated
    assert (low[1, 0], high[1, 0]) == (5.0, 7.0)
    # B.money: unknown spans the scale
    assert (low[1, 1], high[1, 1]) == (0.0, 10.0)


def test_configured_bands_widen_points_and_labels_and_clip_to_the_scale() -> None:
    problem = load("uncertainty:\n  confidence_bands: {high: 0.5, medium: 1, low: 1}\n")
    low, high = problem.ranges
    assert (low[0, 0], high[0, 0]) == (1.0, 8.0)  # label band [1, 4] widened by 0.5 × 8 = 4 on each side, clipped
    assert (low[0, 1], high[0, 1]) == (0.0, 10.0)  # 4 ± 10, clipped
    assert (low[1, 0], high[1, 0]) == (5.0, 7.0)  # an interval keeps its stated ends
    assert dict(problem.uncertainty.confidence_bands)["low"] == 1.0


def test_each_confidence_gives_its_own_range_on_the_shipped_scale() -> None:
    """The documented worked example: 'low' (3) on the 1-9 scale is [2, 4] at high confidence,
    [1.2, 4.8] at medium and [1, 5.6] at low (0.4 clipped to 1); a point 5 is fixed at high,
    [4.2, 5.8] at medium, [3.4, 6.6] at low. High is narrowest, low widest, and all differ."""
    scale = "scales:\n  nine: {min: 1, max: 9, labels: {very low: 1, low: 3, moderate: 5, high: 7, very high: 9}}\n"
    text = BASE.replace("scales:\n  nine: {min: 1, max: 9, labels: {low: 3, moderate: 5, high: 7}}\n", scale)
    expected_label = {"high": (2.0, 4.0), "medium": (1.2, 4.8), "low": (1.0, 5.6)}
    expected_point = {"high": (5.0, 5.0), "medium": (4.2, 5.8), "low": (3.4, 6.6)}
    for level in ("high", "medium", "low"):
        cells = text.replace("risk: {value: low, confidence: high", f"risk: {{value: low, confidence: {level}").replace(
            "risk: {value: [moderate, high], confidence: low", f"risk: {{value: 5, confidence: {level}"
        )
        low, high = model.loads(cells, name="m.yaml").ranges
        assert (low[0, 0], high[0, 0]) == pytest.approx(expected_label[level])
        assert (low[1, 0], high[1, 0]) == pytest.approx(expected_point[level])


def test_bands_that_narrow_as_confidence_falls_are_refused() -> None:
    (message,) = issues_of("uncertainty:\n  confidence_bands: {high: 0.3, medium: 0.1}\n")
    assert message == (
        "m.yaml:19:21: uncertainty.confidence_bands: expected bands that do not narrow as confidence falls "
        "(high <= medium <= low), got high 0.3, medium 0.1, low 0.2"
    )
    with pytest.raises(ValueError, match="high <= medium <= low"):
        Uncertainty({"high": 0.3})


def test_intervals_widen_only_when_the_file_says_so() -> None:
    low, high = load("uncertainty:\n  widen_intervals: true\n").ranges
    assert (low[1, 0], high[1, 0]) == pytest.approx((3.4, 8.6))  # [5, 7] widened by 0.2 × 8 on each side


def test_unknowns_enter_the_ranking_at_the_midpoint_or_the_worst_end() -> None:
    midpoint = load()
    pessimistic = load("uncertainty:\n  unknowns: pessimistic\n")
    assert midpoint.values[1, 1] == 5.0  # money, a benefit on 0-10: midpoint
    assert pessimistic.values[1, 1] == 0.0  # its worst end
    assert np.array_equal(midpoint.values[0], pessimistic.values[0])  # known cells do not move
    assert np.array_equal(midpoint.ranges[0], pessimistic.ranges[0])  # the robustness ranges do not change
    assert midpoint.with_unknowns("pessimistic").values[1, 1] == 0.0
    cost = model.loads(
        BASE.replace(
            "risk: {value: [moderate, high], confidence: low, rationale: r}", "risk: {value: unknown, rationale: r}"
        ),
        name="m.yaml",
    )
    assert cost.with_unknowns("pessimistic").values[1, 0] == 9.0  # a cost criterion's worst end is its top
    with pytest.raises(model.RequestError, match="did you mean 'pessimistic'"):
        midpoint.with_unknowns("pesimistic")  # type: ignore[arg-type]
    (message,) = issues_of("uncertainty:\n  unknowns: optimistic\n")
    assert "uncertainty.unknowns: expected a policy for unknown cells (one of 'midpoint', 'pessimistic')" in message


def test_ranges_are_read_only_and_contain_the_ranking_values() -> None:
    problem = load()
    low, high = problem.ranges
    assert np.all(low <= problem.values) and np.all(problem.values <= high)
    with pytest.raises(ValueError, match="read-only"):
        low[0, 0] = 0


def test_weight_order_and_spread_are_read() -> None:
    problem = load("uncertainty:\n  weight_order: [risk, money]\n  weight_spread: 0.25\n")
    assert problem.uncertainty.weight_order == ("risk", "money")
    assert problem.uncertainty.weight_spread == 0.25


def test_bad_uncertainty_blocks_give_located_errors() -> None:
    found = issues_of(
        "uncertainty:\n"
        "  confidence_bands: {hgih: 0.1, low: 2}\n"
        "  weight_order: [risk, mony, risk]\n"
        "  weight_spred: 0.3\n"
    )
    assert found == [
        "m.yaml:19:22: uncertainty.confidence_bands.hgih: expected a confidence (one of 'high', 'medium', 'low'), "
        "got 'hgih'\n    hint: did you mean 'high'?",
        "m.yaml:19:38: uncertainty.confidence_bands.low: expected a fraction of the scale's span in [0, 1], got 2",
        "m.yaml:20:24: uncertainty.weight_order[1]: unknown criterion 'mony'\n    hint: did you mean 'money'?",
        "m.yaml:20:30: uncertainty.weight_order[2]: expected each criterion once, got 'risk' again",
        "m.yaml:21:3: uncertainty.weight_spred: unknown key 'weight_spred' in the uncertainty block\n"
        "    hint: did you mean 'weight_spread'?",
    ]


def test_weight_spread_must_stay_below_one() -> None:
    (message,) = issues_of("uncertainty:\n  weight_spread: 1\n")
    assert message == "m.yaml:19:18: uncertainty.weight_spread: expected a fraction in [0, 1), got 1"


def test_a_one_item_order_is_refused_with_an_example() -> None:
    (message,) = issues_of("uncertainty:\n  weight_order: [risk]\n")
    assert "expected a list of at least two criterion ids, most important first, got a list of 1" in message
    assert "hint: e.g. weight_order:" in message


def test_label_band_at_both_ends_and_in_the_middle() -> None:
    scale = Scale(1, 9, (("very low", 1), ("low", 3), ("moderate", 5), ("high", 7), ("very high", 9)))
    assert scale.label_band("very low") == (1.0, 2.0)
    assert scale.label_band("moderate") == (4.0, 6.0)
    assert scale.label_band("very high") == (8.0, 9.0)
    with pytest.raises(KeyError):
        scale.label_band("huge")


def test_uncertainty_validates_programmatic_construction() -> None:
    with pytest.raises(ValueError, match="confidence bands"):
        Uncertainty({"low": 1.5})
    with pytest.raises(ValueError, match="weight_spread"):
        Uncertainty(weight_spread=1.0)
    with pytest.raises(ValueError, match="weight_order"):
        DecisionProblem.from_matrix(
            [[1.0]], alternatives=["a"], criteria=["c"], weights=[1], uncertainty=Uncertainty(weight_order=("x", "c"))
        )


def test_from_matrix_intervals_become_interval_cells() -> None:
    problem = DecisionProblem.from_matrix(
        [[0.5, 0.5]], alternatives=["a"], criteria=["c1", "c2"], weights=[1, 1], low=[[0.2, 0.5]], high=[[0.8, 0.5]]
    )
    assert problem.score("a", "c1").kind == "interval"
    assert problem.score("a", "c2").kind == "point"
    assert problem.ranges[0].tolist() == [[0.2, 0.5]]
    assert problem.values.tolist() == [[0.5, 0.5]]
