"""Explanations, scenario comparisons and model diffs, checked by re-evaluation.

Every threshold :func:`model.analysis.explain.explain` reports is re-ranked with :func:`model.evaluate` on
a problem whose input sits just before and just after it; every split of a score change is
checked to add up to the change (abs 1e-12), on the shipped model, on hand-made versions of
it (real quotes from ``seeds/``) and on random matrices (Hypothesis).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import model
from model import DecisionProblem, RequestError
from model.analysis.explain import Change, compare_scenarios, diff, explain
from model.problem import Scenario
from model.ranking import TIE_TOLERANCE

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"  # v0.1 encoding, frozen
EXACT = 1e-12
NUDGE = 1e-6  # relative step past a threshold


@cache
def shipped() -> DecisionProblem:
    return model.load(CRITERIA)


def order_of(problem: DecisionProblem, first: str, second: str) -> float:
    """``S(first) - S(second)`` under a fresh evaluation."""
    ranking = model.evaluate(problem)
    names = problem.alternative_names
    return float(ranking.scores[names.index(first)] - ranking.scores[names.index(second)])


def with_point(problem: DecisionProblem, alternative: str, criterion: str, value: float) -> DecisionProblem:
    """The problem with one cell replaced by a point score."""
    old = problem.scores[(alternative, criterion)]
    new = dataclasses.replace(old, kind="point", low=value, high=value, labels=())
    return dataclasses.replace(problem, scores={**problem.scores, (alternative, criterion): new})


def matrix(
    values: Any,
    weights: Sequence[float],
    *,
    directions: Sequence[str] | None = None,
    scale: Any = (0.0, 1.0),
    scenarios: dict[str, dict[str, float]] | None = None,
) -> DecisionProblem:
    values = np.asarray(values, dtype=float)
    m, n = values.shape
    problem = DecisionProblem.from_matrix(
        values,
        alternatives=[f"A{i}" for i in range(m)],
        criteria=[f"c{j}" for j in range(n)],
        weights=weights,
        directions=directions,  # type: ignore[arg-type]
        scale=scale,
    )
    if scenarios:
        problem = dataclasses.replace(problem, scenarios={k: Scenario(k, v) for k, v in scenarios.items()})
    return problem


def json_ready(data: Any) -> None:
    json.dumps(data, allow_nan=False)


# ----- explain: the shipped model ---------------------------------------------------------
def test_explain_defaults_to_the_winner_against_the_runner_up() -> None:
    problem = shipped()
    ranking = model.evaluate(problem)
    why = explain(problem)
    names = problem.alternative_names
    assert why.alternative == names[ranking.order[0]] == "Turkey"
    assert why.rival == names[ranking.order[1]] == "Russia"
    assert (why.rank, why.rival_rank, why.ahead, why.tied) == (1, 2, True, False)
    assert why.gap == pytest.approx(0.2625, abs=EXACT)
    # Turkey's lead on financial networks alone outweighs Russia's only edge, extradition risk
    assert why.decisive == ("financial_networks",)
    assert [c.criterion for c in why.criteria][-1] == "extradition_risk"


@pytest.mark.parametrize("alternative", ["Turkey", "Russia", "Belarus", "Cuba", "Iran"])
def test_contribution_differences_add_up_to_the_gap(alternative: str) -> None:
    problem = shipped()
    why = explain(problem, alternative)
    assert sum(c.difference for c in why.criteria) == pytest.approx(why.gap, abs=EXACT)
    # the gap comes from the per-criterion differences, not from the difference of two rounded totals
    assert why.gap == pytest.approx(why.score - why.rival_score, abs=EXACT)
    for c in why.criteria:
        assert c.difference == c.contribution - c.rival_contribution
    ranking = model.evaluate(problem)
    assert why.score == ranking.scores[problem.alternative_names.index(alternative)]


@pytest.mark.parametrize("position", [1, 2, 3, 4])
def test_a_non_winner_is_explained_against_the_alternative_just_above(position: int) -> None:
    problem = shipped()
    ranking = model.evaluate(problem)
    names = problem.alternative_names
    why = explain(problem, names[ranking.order[position]])
    assert why.rival == names[ranking.order[position - 1]]
    assert not why.ahead
    assert why.gap < 0
    assert why.rival_rank < why.rank


def test_belarus_is_held_below_russia_by_extradition_risk() -> None:
    why = explain(shipped(), "Belarus")
    assert (why.rival, why.rank) == ("Russia", 3)
    assert why.decisive == ("extradition_risk",)
    row = why.criteria[0]
    assert (row.criterion, row.decisive, row.pivotal) == ("extradition_risk", True, True)
    assert row.difference == pytest.approx(-0.15, abs=EXACT)


@pytest.mark.parametrize("alternative", ["Turkey", "Russia", "Belarus", "Cuba", "Iran"])
def test_decisive_criteria_are_the_smallest_set_that_settles_the_order(alternative: str) -> None:
    why = explain(shipped(), alternative)
    sign = 1.0 if why.ahead else -1.0
    oriented = {c.criterion: sign * c.difference for c in why.criteria}
    against = -sum(d for d in oriented.values() if d < 0)
    chosen = [oriented[c] for c in why.decisive]
    assert chosen == sorted(chosen, reverse=True)
    assert all(d > 0 for d in chosen)
    assert sum(chosen) > against
    assert sum(chosen[:-1]) <= against  # minimal: without the last one they do not suffice
    assert [c.criterion for c in why.criteria if c.decisive] == sorted(why.decisive, key=why.decisive.index)
    assert {c.criterion for c in why.criteria if c.decisive} == set(why.decisive)
    for c in why.criteria:
        assert c.pivotal == (sign * c.difference > abs(why.gap))


@pytest.mark.parametrize("alternative", ["Turkey", "Russia", "Belarus", "Cuba", "Iran"])
def test_the_weight_thresholds_really_swap_the_pair(alternative: str) -> None:
    problem = shipped()
    why = explain(problem, alternative)
    first, second = why.alternative, why.rival
    now = order_of(problem, first, second)
    for t in (t for t in why.weight_thresholds if t.swaps):
        assert t.direction == ("increase" if t.weight > t.current else "decrease")
        assert t.change == pytest.approx(t.weight - t.current, abs=0)
        assert np.isfinite(t.raw_weight)
        just_before = problem.with_weights({t.criterion: t.raw_weight * (1 - NUDGE if t.change > 0 else 1 + NUDGE)})
        just_after = problem.with_weights({t.criterion: t.raw_weight * (1 + NUDGE if t.change > 0 else 1 - NUDGE)})
        assert just_before.normalized_weights[problem.criterion_ids.index(t.criterion)] == pytest.approx(
            t.weight, abs=1e-5
        )
        assert np.sign(order_of(just_before, first, second)) == np.sign(now)
        assert np.sign(order_of(just_after, first, second)) == -np.sign(now)
    for t in why.weight_thresholds:
        if not t.swaps:
            assert t.direction is None or t.weight in (0.0, 1.0)
        if np.isfinite(t.weight):
            assert 0.0 <= t.weight <= 1.0
            assert np.copysign(1.0, t.weight) == 1.0  # never -0.0
            assert np.copysign(1.0, t.raw_weight) == 1.0


def test_turkey_loses_first_place_to_russia_past_27_of_41_on_extradition_risk() -> None:
    problem = shipped()
    why = explain(problem, "Turkey")
    top = why.weight_thresholds[0]
    assert (top.criterion, top.direction, top.swaps) == ("extradition_risk", "increase", True)
    assert top.weight == pytest.approx(27 / 41, abs=EXACT)
    assert top.raw_weight == pytest.approx(135, abs=1e-9)  # 135 / (135 + 70) = 27 / 41
    assert top.place_weight == pytest.approx(27 / 41, abs=EXACT)
    assert top.place_other == "Russia"
    assert model.evaluate(problem.with_weights({"extradition_risk": 134.99})).winners == ("Turkey",)
    assert model.evaluate(problem.with_weights({"extradition_risk": 135.01})).winners == ("Russia",)
    assert [t.criterion for t in why.weight_thresholds if t.swaps] == ["extradition_risk"]


@pytest.mark.parametrize("alternative", ["Turkey", "Russia", "Belarus", "Cuba", "Iran"])
def test_the_score_thresholds_really_swap_the_pair(alternative: str) -> None:
    problem = shipped()
    why = explain(problem, alternative)
    first, second = why.alternative, why.rival
    now = order_of(problem, first, second)
    assert len(why.score_thresholds) == 2 * len(problem.criteria)
    for t in why.score_thresholds:
        assert t.alternative in (first, second)
        assert np.isfinite(t.change)
        assert t.new_value == t.value + t.change
        scale = problem.criterion(t.criterion).scale
        assert t.within_scale == (scale.min <= t.new_value <= scale.max)
        # re-evaluated just short of and just past the change (off-scale values still rank linearly)
        short = with_point(problem, t.alternative, t.criterion, t.value + t.change * (1 - NUDGE))
        past = with_point(problem, t.alternative, t.criterion, t.value + t.change * (1 + NUDGE))
        assert np.sign(order_of(short, first, second)) == np.sign(now)
        assert np.sign(order_of(past, first, second)) == -np.sign(now)
    within = [t.within_scale for t in why.score_thresholds]
    assert within == sorted(within, reverse=True)


def test_no_single_score_on_its_scale_dethrones_turkey_but_one_cell_lifts_belarus() -> None:
    assert not any(t.within_scale for t in explain(shipped(), "Turkey").score_thresholds)
    best = explain(shipped(), "Belarus").score_thresholds[0]
    assert best.within_scale
    assert (best.alternative, best.criterion, best.value) == ("Belarus", "extradition_risk", 5.0)
    assert best.change == pytest.approx(-1.0, abs=EXACT)  # its midpoint 5 down to 4, e.g. [low, moderate]


@pytest.mark.parametrize("alternative", ["Turkey", "Belarus", "Cuba"])
def test_the_evidence_behind_the_decisive_cells_has_sources_files_and_lines(alternative: str) -> None:
    problem = shipped()
    why = explain(problem, alternative)
    cells = [(cell.alternative, cell.criterion) for cell in why.evidence]
    assert cells == [(owner, c) for c in why.decisive for owner in (why.alternative, why.rival)]
    for cell in why.evidence:
        score = problem.scores[(cell.alternative, cell.criterion)]
        assert cell.value == score.describe()
        assert (cell.confidence, cell.rationale, cell.kind) == (score.confidence, score.rationale, score.kind)
        assert len(cell.quotes) == len(score.evidence)
        assert cell.unverified == 0
        for quote, item in zip(cell.quotes, score.evidence, strict=True):
            assert quote.source == item.source
            assert isinstance(quote.line, int) and quote.line >= 1
            assert quote.quote == item.quote
            assert quote.file is not None and Path(quote.file).is_file()
    frame = why.evidence_table
    assert len(frame) == sum(len(cell.quotes) for cell in why.evidence)
    assert frame["line"].notna().all()


def test_turkey_decisive_evidence_is_the_gold_quote() -> None:
    why = explain(shipped())
    turkey = why.evidence[0]
    assert (turkey.alternative, turkey.criterion, turkey.confidence) == ("Turkey", "financial_networks", "high")
    assert turkey.quotes[0].quote == "Maduro “has been moving gold there forever”"
    assert turkey.quotes[0].source == "wapo_turkey"
    assert turkey.quotes[0].line is not None


def test_explain_tables_and_json() -> None:
    why = explain(shipped(), "Belarus")
    assert list(why.table.columns) == [
        "criterion",
        "weight",
        "value",
        "rival_value",
        "contribution",
        "rival_contribution",
        "difference",
        "decisive",
        "pivotal",
    ]
    assert len(why.table) == len(why.weight_table) == 5
    assert len(why.score_table) == 10
    data = why.to_dict()
    json_ready(data)
    assert data["rival"] == "Russia"
    assert data["decisive"] == ["extradition_risk"]
    assert "<table" in why._repr_html_()


def test_explain_refuses_unknown_names_other_methods_and_single_alternatives() -> None:
    with pytest.raises(RequestError, match="did you mean 'Belarus'"):
        explain(shipped(), "Belarsu")
    with pytest.raises(RequestError, match="additive model"):
        explain(dataclasses.replace(shipped(), method="topsis"))
    with pytest.raises(RequestError, match="at least two alternatives"):
        explain(matrix([[0.5, 0.5]], [1, 1]))


def test_a_tie_has_nothing_decisive() -> None:
    problem = matrix([[0.2, 0.8], [0.8, 0.2], [0.1, 0.1]], [1, 1])
    why = explain(problem)
    assert why.tied
    assert why.decisive == ()
    assert why.evidence == ()
    assert any("tied" in note for note in why.notes)


def test_explain_with_a_value_function_has_no_score_thresholds_there() -> None:
    problem = matrix([[0.2, 0.9], [0.6, 0.3]], [1, 1])
    bent = dataclasses.replace(problem.criteria[0], value_function=((0.0, 0.0), (0.5, 0.9), (1.0, 1.0)))
    problem = dataclasses.replace(problem, criteria=(bent, problem.criteria[1]))
    why = explain(problem)
    assert sum(c.difference for c in why.criteria) == pytest.approx(why.gap, abs=EXACT)
    assert all(np.isnan(t.change) for t in why.score_thresholds if t.criterion == "c0")
    assert any("value function" in note for note in why.notes)


@st.composite
def small_problems(draw: st.DrawFn) -> tuple[DecisionProblem, int]:
    m = draw(st.integers(2, 5))
    n = draw(st.integers(1, 4))
    cell = st.integers(0, 20).map(lambda x: x / 20)
    values = [[draw(cell) for _ in range(n)] for _ in range(m)]
    weights = [draw(st.integers(1, 10)) for _ in range(n)]
    directions = [draw(st.sampled_from(["benefit", "cost"])) for _ in range(n)]
    problem = matrix(values, weights, directions=directions, scale=(0.0, 1.0))
    return problem, draw(st.integers(0, m - 1))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=small_problems())
def test_property_explain_gaps_and_thresholds(data: tuple[DecisionProblem, int]) -> None:
    problem, index = data
    why = explain(problem, problem.alternative_names[index])
    assert sum(c.difference for c in why.criteria) == pytest.approx(why.gap, abs=EXACT)
    assume(not why.tied)
    now = order_of(problem, why.alternative, why.rival)
    for cell in why.score_thresholds:
        if not np.isfinite(cell.change):
            continue
        past = with_point(problem, cell.alternative, cell.criterion, cell.value + cell.change * (1 + NUDGE))
        assert np.sign(order_of(past, why.alternative, why.rival)) == -np.sign(now)
    for weight in why.weight_thresholds:
        if not weight.swaps or not np.isfinite(weight.raw_weight) or weight.raw_weight == 0:
            continue
        step = 1 + NUDGE if weight.change > 0 else 1 - NUDGE
        past = problem.with_weights({weight.criterion: weight.raw_weight * step})
        assert np.sign(order_of(past, why.alternative, why.rival)) == -np.sign(now)


# ----- compare_scenarios ------------------------------------------------------------------
def test_scenario_parts_add_up_to_every_score_change() -> None:
    problem = shipped()
    comparison = compare_scenarios(problem, ["safety_first", "money_first", "deal_with_washington"])
    assert comparison.scenarios == ("base", "safety_first", "money_first", "deal_with_washington")
    assert comparison.exact
    for s in range(len(comparison.scenarios)):
        for a in range(len(comparison.alternatives)):
            total = comparison.parts[s, a].sum()
            assert total == pytest.approx(comparison.scores[s, a] - comparison.scores[0, a], abs=EXACT)
    frame = comparison.attribution
    assert len(frame) == 3 * 5 * 5
    sums = frame.groupby(["alternative", "scenario"])["part"].sum().to_dict()
    for row in comparison.table.itertuples():
        if row.scenario != "base":
            assert sums[(row.alternative, row.scenario)] == pytest.approx(row.score_change, abs=EXACT)


def test_scenario_ranks_and_scores_match_evaluate() -> None:
    problem = shipped()
    comparison = compare_scenarios(problem)
    assert comparison.scenarios == ("base", *problem.scenarios)
    for s, name in enumerate(comparison.scenarios):
        ranking = model.evaluate(problem if name == "base" else problem.with_scenario(name))
        assert comparison.ranks[s].tolist() == ranking.ranks.tolist()
        assert comparison.scores[s].tolist() == ranking.scores.tolist()
        assert comparison.weights[s].tolist() == ranking.weights.tolist()
    rows = comparison.table
    assert list(rows.columns) == ["alternative", "scenario", "rank", "score", "rank_change", "score_change"]
    assert len(rows) == 5 * 4
    assert rows.iloc[0]["alternative"] == "Turkey"


def test_belarus_passes_russia_when_money_or_washington_matters_most() -> None:
    comparison = compare_scenarios(shipped(), ["money_first", "deal_with_washington", "safety_first"])
    for name in comparison.scenarios[1:]:
        assert comparison.winners(name) == ("Turkey",)
    overtakes = {(o.scenario, o.gainer, o.loser): o for o in comparison.overtakes}
    assert set(overtakes) == {("money_first", "Belarus", "Russia"), ("deal_with_washington", "Belarus", "Russia")}
    for o in comparison.overtakes:
        assert o.margin_before < 0 < o.margin_after
        assert sum(p for _, p in o.parts) == pytest.approx(o.margin_after - o.margin_before, abs=EXACT)
    # lowering extradition risk's share helps Belarus most when money comes first
    assert overtakes[("money_first", "Belarus", "Russia")].parts[0][0] == "extradition_risk"
    assert overtakes[("deal_with_washington", "Belarus", "Russia")].parts[0][0] == "us_relations"
    moves = {(m.alternative, m.scenario): m for m in comparison.moves}
    belarus = moves[("Belarus", "money_first")]
    assert (belarus.rank_before, belarus.rank_after, belarus.rank_change) == (3, 2, 1)
    assert (belarus.passed, belarus.passed_by) == (("Russia",), ())
    assert [c for c, _ in belarus.drivers] == ["extradition_risk", "financial_networks"]
    russia = moves[("Russia", "money_first")]
    assert (russia.rank_change, russia.passed_by) == (-1, ("Belarus",))
    assert russia.drivers == belarus.drivers


def test_compare_scenarios_names() -> None:
    problem = shipped()
    assert compare_scenarios(problem, ["base", "money_first", "money_first"]).scenarios == ("base", "money_first")
    assert compare_scenarios(problem, "money_first").scenarios == ("base", "money_first")
    only_base = compare_scenarios(problem, ["base"])
    assert only_base.scenarios == ("base",)
    assert only_base.moves == ()
    assert only_base.overtakes == ()
    with pytest.raises(RequestError, match=r"unknown scenario 'mony_first'.*did you mean 'money_first'"):
        compare_scenarios(problem, ["mony_first"])
    with pytest.raises(RequestError, match="expected one of: base, safety_first"):
        compare_scenarios(problem, ["nothing_like_it"])
    with pytest.raises(RequestError, match="unknown scenario"):
        compare_scenarios(problem).winners("nope")


def test_compare_scenarios_for_another_method_compares_ranks_only() -> None:
    problem = dataclasses.replace(shipped(), method="topsis")
    comparison = compare_scenarios(problem)
    assert not comparison.exact
    assert np.isnan(comparison.parts).all()
    assert comparison.attribution.empty
    assert all(m.drivers == () for m in comparison.moves)
    assert all(o.parts == () for o in comparison.overtakes)
    for s, name in enumerate(comparison.scenarios):
        ranking = model.evaluate(problem if name == "base" else problem.with_scenario(name))
        assert comparison.ranks[s].tolist() == ranking.ranks.tolist()
    json_ready(comparison.to_dict())
    assert comparison.notes


def test_compare_scenarios_json() -> None:
    data = compare_scenarios(shipped()).to_dict()
    json_ready(data)
    assert [s["name"] for s in data["scenarios"]] == ["base", "safety_first", "money_first", "deal_with_washington"]
    money = data["scenarios"][2]
    assert [row["alternative"] for row in money["ranking"]][:3] == ["Turkey", "Belarus", "Russia"]
    for row in money["ranking"]:
        assert sum(row["parts"].values()) == pytest.approx(row["score_change"], abs=EXACT)


@st.composite
def scenario_problems(draw: st.DrawFn) -> DecisionProblem:
    m = draw(st.integers(2, 6))
    n = draw(st.integers(1, 5))
    cell = st.floats(0, 10, allow_nan=False)
    values = [[draw(cell) for _ in range(n)] for _ in range(m)]
    weight = st.floats(0.01, 100, allow_nan=False)
    weights = [draw(weight) for _ in range(n)]
    directions = [draw(st.sampled_from(["benefit", "cost"])) for _ in range(n)]
    scenarios = {
        f"s{k}": {f"c{j}": draw(weight) for j in draw(st.sets(st.integers(0, n - 1), min_size=1))}
        for k in range(draw(st.integers(1, 3)))
    }
    return matrix(values, weights, directions=directions, scale=(0.0, 10.0), scenarios=scenarios)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(problem=scenario_problems())
def test_property_scenario_split_is_exact(problem: DecisionProblem) -> None:
    comparison = compare_scenarios(problem)
    changes = comparison.scores - comparison.scores[0]
    assert np.abs(comparison.parts.sum(axis=2) - changes).max() <= EXACT
    for o in comparison.overtakes:
        assert sum(p for _, p in o.parts) == pytest.approx(o.margin_after - o.margin_before, abs=EXACT)
    for move in comparison.moves:
        s = comparison.scenarios.index(move.scenario)
        a = comparison.alternatives.index(move.alternative)
        assert move.rank_change == comparison.ranks[0, a] - comparison.ranks[s, a]
        assert all(part > 0 for _, part in move.drivers)


# ----- diff: hand-made versions of the shipped model --------------------------------------
NEW_QUOTE = "even longtime allies like Belarus are openly preparing"
REMOVED_QUOTE = "into Turkish accounts personally held by Maduro and other regime officials"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_model(folder: Path, data: dict[str, Any], name: str) -> DecisionProblem:
    """Write ``data`` as YAML next to a copy of ``seeds/`` and load it, verifying every quote."""
    if not (folder / "seeds").exists():
        shutil.copytree(ROOT / "seeds", folder / "seeds")
    path = folder / name
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return model.load(path)


def edited(data: dict[str, Any], *, drop_criterion: bool) -> dict[str, Any]:
    new = copy.deepcopy(data)
    new["criteria"]["us_relations"]["weight"] = 25  # weight
    new["scores"]["Russia"]["us_relations"]["value"] = "moderate"  # score
    new["scores"]["Turkey"]["host_ties"]["confidence"] = "medium"  # confidence
    new["scores"]["Belarus"]["host_ties"]["evidence"].append({"source": "belarus_shelter", "quote": NEW_QUOTE})
    evidence = new["scores"]["Turkey"]["financial_networks"]["evidence"]
    new["scores"]["Turkey"]["financial_networks"]["evidence"] = [e for e in evidence if e["quote"] != REMOVED_QUOTE]
    new["alternatives"]["Nicaragua"] = {"description": "Ortega's Nicaragua."}
    new["scores"]["Nicaragua"] = {
        c: {"value": "unknown", "rationale": "The documents do not mention Nicaragua."} for c in new["criteria"]
    }
    if drop_criterion:
        del new["criteria"]["freedom_of_movement"]
        for cells in new["scores"].values():
            del cells["freedom_of_movement"]
        order = new["uncertainty"]["weight_order"]
        new["uncertainty"]["weight_order"] = [c for c in order if c != "freedom_of_movement"]
    return new


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[DecisionProblem, DecisionProblem, DecisionProblem]:
    folder = tmp_path_factory.mktemp("versions")
    data = yaml.safe_load(CRITERIA.read_text(encoding="utf-8"))
    old = write_model(folder, data, "old.yaml")
    new = write_model(folder, edited(data, drop_criterion=False), "new.yaml")
    fewer = write_model(folder, edited(data, drop_criterion=True), "fewer.yaml")
    return old, new, fewer


def by_kind(changes: Sequence[Change]) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for change in changes:
        found.setdefault(change.kind, []).append(change)
    return found


def check_common_changes(changes: dict[str, list[Change]], old: DecisionProblem, new: DecisionProblem) -> None:
    (weight,) = changes["weight"]
    assert (weight.subject, weight.criterion) == ("us_relations", "us_relations")
    assert weight.before == pytest.approx(0.2, abs=EXACT)
    assert weight.after == new.normalized_weights[new.criterion_ids.index("us_relations")]
    assert "20 → 25" in weight.detail
    (score,) = changes["score"]
    assert (score.subject, score.alternative, score.criterion) == ("Russia.us_relations", "Russia", "us_relations")
    assert (score.before, score.after) == ("low (3)", "moderate (5)")
    assert "3 → 5" in score.detail
    (confidence,) = changes["confidence"]
    assert (confidence.subject, confidence.before, confidence.after) == ("Turkey.host_ties", "high", "medium")
    (added,) = changes["evidence_added"]
    assert (added.subject, added.before, added.after) == ("Belarus.host_ties", None, NEW_QUOTE)
    assert "belarus_shelter" in added.detail and ":24" in added.detail  # verified on line 24 of the document
    (removed,) = changes["evidence_removed"]
    assert (removed.subject, removed.before, removed.after) == ("Turkey.financial_networks", REMOVED_QUOTE, None)
    assert "wapo_turkey" in removed.detail
    (alternative,) = changes["alternative_added"]
    assert (alternative.subject, alternative.before, alternative.after) == ("Nicaragua", None, "Nicaragua")


def test_diff_reports_each_change_once(
    versions: tuple[DecisionProblem, DecisionProblem, DecisionProblem],
) -> None:
    old, new, _ = versions
    result = diff(old, new)
    changes = by_kind(result.changes)
    assert sorted(changes) == sorted(
        ["weight", "score", "confidence", "evidence_added", "evidence_removed", "alternative_added"]
    )
    assert len(result.changes) == 6
    check_common_changes(changes, old, new)
    assert result.exact
    assert result.notes == ()
    assert list(result.table.columns) == ["kind", "subject", "before", "after", "detail"]
    assert len(result.table) == 6


def test_diff_with_a_criterion_removed(
    versions: tuple[DecisionProblem, DecisionProblem, DecisionProblem],
) -> None:
    old, _, fewer = versions
    result = diff(old, fewer)
    changes = by_kind(result.changes)
    assert sorted(changes) == sorted(
        [
            "weight",
            "score",
            "confidence",
            "evidence_added",
            "evidence_removed",
            "alternative_added",
            "criterion_removed",
        ]
    )
    assert len(result.changes) == 7
    check_common_changes(changes, old, fewer)
    (removed,) = changes["criterion_removed"]
    assert (removed.subject, removed.before, removed.after) == ("freedom_of_movement", "Freedom of movement", None)
    assert changes["weight"][0].after == pytest.approx(25 / 90, abs=EXACT)
    assert not result.exact
    assert any("criteria set changed" in note for note in result.notes)
    assert {p.kind for p in result.parts} == {"criteria_set"}
    for move in result.movements:
        (part,) = [p for p in result.parts if p.alternative == move.alternative]
        assert part.part == move.score_change
        assert np.isnan(move.weight_part) and np.isnan(move.score_part)
    json_ready(result.to_dict())


def test_diff_attribution_adds_up_to_each_score_change(
    versions: tuple[DecisionProblem, DecisionProblem, DecisionProblem],
) -> None:
    old, new, _ = versions
    result = diff(old, new)
    before, after = model.evaluate(old), model.evaluate(new)
    assert [m.alternative for m in result.movements] == [
        new.alternative_names[i] for i in after.order if new.alternative_names[i] in old.alternative_names
    ]
    for move in result.movements:
        i, k = new.alternative_names.index(move.alternative), old.alternative_names.index(move.alternative)
        assert (move.rank_before, move.rank_after) == (before.ranks[k], after.ranks[i])
        assert move.score_change == after.scores[i] - before.scores[k]
        parts = [p.part for p in result.parts if p.alternative == move.alternative]
        assert sum(parts) == pytest.approx(move.score_change, abs=EXACT)
        assert move.weight_part + move.score_part == pytest.approx(move.score_change, abs=EXACT)
    # the one changed cell gets its own share: w'_us (v' - v) for Russia only
    score_parts = [p for p in result.parts if p.kind == "score"]
    assert [(p.alternative, p.criterion) for p in score_parts] == [("Russia", "us_relations")]
    w_new = new.normalized_weights[new.criterion_ids.index("us_relations")]
    assert score_parts[0].part == pytest.approx(w_new * (5 - 3) / 8, abs=EXACT)
    frame = result.attribution
    assert list(frame.columns) == ["alternative", "kind", "criterion", "before", "after", "part"]
    assert set(frame["kind"]) == {"weight", "score"}
    assert "Nicaragua" not in set(frame["alternative"])
    assert list(result.movement.columns) == [
        "alternative",
        "rank_before",
        "rank_after",
        "rank_change",
        "score_before",
        "score_after",
        "score_change",
        "weight_part",
        "score_part",
    ]
    json_ready(result.to_dict())


def test_a_diff_of_a_model_with_itself_is_empty() -> None:
    problem = shipped()
    for other in (problem, model.load(CRITERIA)):
        result = diff(problem, other)
        assert result.empty
        assert result.changes == ()
        assert result.parts == ()
        assert all(m.rank_change == 0 and m.score_change == 0 for m in result.movements)
        assert len(result.movements) == len(problem.alternatives)


def test_diff_of_a_scenario_is_its_weight_changes() -> None:
    problem = shipped()
    result = diff(problem, problem.with_scenario("safety_first"))
    assert [(c.kind, c.subject) for c in result.changes] == [("weight", "extradition_risk")]
    assert result.changes[0].before == pytest.approx(0.3, abs=EXACT)
    assert result.changes[0].after == pytest.approx(60 / 130, abs=EXACT)
    comparison = compare_scenarios(problem, ["safety_first"])
    for move in result.movements:
        a = problem.alternative_names.index(move.alternative)
        assert move.score_part == 0
        assert move.weight_part == pytest.approx(comparison.parts[1, a].sum(), abs=EXACT)


DIFF_BASE = """
version: 1
title: Two versions
method: {method}
criteria:
  price: {{direction: {direction}, weight: 2, scale: {{min: 0, max: {top}}}}}
  quality: {{direction: benefit, weight: 1, scale: {{min: 0, max: 10}}}}
alternatives:
  A:
  B:
  {extra}:
scores:
  A:
    price: {{value: 4, confidence: high, rationale: {rationale}}}
    quality: {{value: 6, confidence: high, rationale: Good.}}
  B:
    price: {{value: 6, confidence: high, rationale: Dear.}}
    quality: {{value: 9, confidence: low, rationale: Very good.}}
  {extra}:
    price: {{value: 5, confidence: high, rationale: Middling.}}
    quality: {{value: unknown, rationale: Not known.}}
scenarios:
  {scenario}: {{weights: {{price: 5}}}}
"""


def small(**changes: str) -> DecisionProblem:
    fields = {
        "method": "weighted_sum",
        "direction": "cost",
        "top": "10",
        "extra": "C",
        "rationale": "Cheap.",
        "scenario": "thrifty",
        **changes,
    }
    return model.loads(DIFF_BASE.format(**fields), verify_evidence=False)


@pytest.mark.parametrize(
    ("edit", "kinds", "before", "after"),
    [
        ({"method": "topsis"}, ["method"], "weighted_sum", "topsis"),
        ({"direction": "benefit"}, ["direction"], "cost", "benefit"),
        ({"top": "20"}, ["scale"], "0–10", "0–20"),
        ({"rationale": "Cheap enough."}, ["rationale"], "Cheap.", "Cheap enough."),
        ({"extra": "D"}, ["alternative_removed", "alternative_added"], "C", "D"),
        ({"scenario": "frugal"}, ["scenario_removed", "scenario_added"], "price=5", "price=5"),
    ],
)
def test_diff_kinds_on_small_models(edit: dict[str, str], kinds: list[str], before: str, after: str) -> None:
    result = diff(small(), small(**edit))
    assert [c.kind for c in result.changes] == kinds
    assert result.changes[0].before == before
    assert result.changes[-1].after == after
    json_ready(result.to_dict())


def test_diff_across_methods_moves_ranks_without_a_split() -> None:
    result = diff(small(), small(method="topsis"))
    assert not result.exact
    assert result.parts == ()
    assert any("method changed" in note for note in result.notes)
    assert len(result.movements) == 3


def test_diff_splits_a_direction_change_into_the_cells_it_moved() -> None:
    old, new = small(), small(direction="benefit")
    result = diff(old, new)
    assert result.exact
    for move in result.movements:
        assert move.weight_part == 0
        assert move.score_part == pytest.approx(move.score_change, abs=EXACT)
    assert {(p.kind, p.criterion) for p in result.parts} == {("score", "price")}


def test_diff_with_a_criterion_added_and_reordered_criteria() -> None:
    old = matrix([[0.2, 0.4], [0.6, 0.1]], [1, 2])
    more = matrix([[0.2, 0.4, 0.9], [0.6, 0.1, 0.0]], [1, 2, 1])
    result = diff(old, more)
    assert [(c.kind, c.subject) for c in result.changes] == [("criterion_added", "c2")]
    assert not result.exact
    reordered = dataclasses.replace(old, criteria=old.criteria[::-1])
    same = diff(old, reordered)
    assert same.empty and same.exact
    assert all(m.score_change == pytest.approx(0, abs=EXACT) for m in same.movements)


@st.composite
def problem_pairs(draw: st.DrawFn) -> tuple[DecisionProblem, DecisionProblem]:
    m = draw(st.integers(1, 5))
    n = draw(st.integers(1, 4))
    cell = st.floats(0, 10, allow_nan=False)
    weight = st.floats(0.01, 50, allow_nan=False)
    directions = [draw(st.sampled_from(["benefit", "cost"])) for _ in range(n)]
    pair = []
    for _ in range(2):
        values = [[draw(cell) for _ in range(n)] for _ in range(m)]
        pair.append(matrix(values, [draw(weight) for _ in range(n)], directions=directions, scale=(0.0, 10.0)))
    return pair[0], pair[1]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(pair=problem_pairs())
def test_property_diff_split_is_exact(pair: tuple[DecisionProblem, DecisionProblem]) -> None:
    old, new = pair
    result = diff(old, new)
    assert result.exact
    for move in result.movements:
        parts = sum(p.part for p in result.parts if p.alternative == move.alternative)
        assert parts == pytest.approx(move.score_change, abs=EXACT)
        assert move.weight_part + move.score_part == pytest.approx(move.score_change, abs=EXACT)
    kinds = {c.kind for c in result.changes}
    assert kinds <= {"weight", "score"}
    assert diff(old, old).empty


def test_scores_within_the_rankings_tie_tolerance_are_a_tie() -> None:
    problem = matrix([[0.5, 0.5], [0.5, 0.5 + TIE_TOLERANCE]], [1, 1])
    assert explain(problem, "A1").tied
