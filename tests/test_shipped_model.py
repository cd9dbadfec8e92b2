"""The shipped model (criteria.yaml + seeds/): it loads, every quote is verified, and it is complete.

These tests pin the deliverable itself: the required criteria and alternatives, evidence behind every
scored cell, honest unknowns, working scenarios, and seeds identical to the shared originals.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pytest

import model
from model.read.quotes import normalize_text

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "criteria.yaml"
SEEDS = ROOT / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

REQUIRED_CRITERIA = ("extradition_risk", "financial_networks", "us_relations", "freedom_of_movement")
ALTERNATIVES = ("Turkey", "Belarus", "Russia", "Cuba", "Iran")
SKIP = re.compile(r"\.\.\.|…")


@cache
def problem() -> model.DecisionProblem:
    """The shipped model, loaded once (it is immutable)."""
    return model.load(CRITERIA)


def source_lines(path: Path) -> list[str]:
    """The lines of a source document as an editor numbers them."""
    return path.read_text(encoding="utf-8-sig").split("\n")


def test_shipped_model_loads_with_every_quote_verified() -> None:
    """criteria.yaml loads, and every Evidence carries the line where its quote was found."""
    shipped = problem()
    evidence = [item for score in shipped.cells() for item in score.evidence]
    assert evidence, "expected quotes in the shipped model"
    for item in evidence:
        assert item.verified, item
        assert item.line is not None
        assert item.end_line is not None
        assert 1 <= item.line <= item.end_line


def test_quote_lines_hold_the_quoted_words() -> None:
    """Each quote's fragments really are on the lines the engine reports, as whole words."""
    shipped = problem()
    for score in shipped.cells():
        for item in score.evidence:
            assert item.line is not None
            assert item.end_line is not None
            lines = source_lines(shipped.sources[item.source].file)
            passage = normalize_text(" ".join(lines[item.line - 1 : item.end_line]))
            position = 0
            for fragment in (normalize_text(part) for part in SKIP.split(item.quote)):
                if not fragment:
                    continue
                match = re.compile(rf"(?<!\w){re.escape(fragment)}(?!\w)").search(passage, position)
                assert match, (
                    f"{score.alternative}.{score.criterion}: {fragment!r} not on lines {item.line}-{item.end_line}"
                )
                position = match.end()


def test_source_hashes_match_the_files() -> None:
    """Each source's recorded sha256 is the hash of the seed file it points to, inside seeds/."""
    for source in problem().sources.values():
        assert source.file.resolve().parent == SEEDS.resolve()
        assert source.sha256 == hashlib.sha256(source.file.read_bytes()).hexdigest()


def test_required_criteria_exist_with_extradition_risk_a_cost() -> None:
    """The four required criteria are there; extradition risk is a cost, the others benefits."""
    criteria = {criterion.id: criterion for criterion in problem().criteria}
    for criterion_id in REQUIRED_CRITERIA:
        assert criterion_id in criteria
        assert criteria[criterion_id].weight > 0
    assert criteria["extradition_risk"].direction == "cost"
    for criterion_id in ("financial_networks", "us_relations", "freedom_of_movement"):
        assert criteria[criterion_id].direction == "benefit"


def test_alternatives_are_exactly_the_five_countries() -> None:
    """The alternatives are Turkey, Belarus, Russia, Cuba and Iran, and nothing else."""
    assert sorted(problem().alternative_names) == sorted(ALTERNATIVES)


def test_every_scored_cell_has_a_verified_quote() -> None:
    """Every cell that is not 'unknown' is backed by at least one verified quote and a confidence."""
    for score in problem().cells():
        if score.kind == "unknown":
            continue
        assert score.supported, f"{score.alternative}.{score.criterion} has no verified quote"
        assert score.confidence in ("high", "medium", "low")
        assert score.rationale


def test_every_unknown_cell_has_a_rationale_and_no_confidence() -> None:
    """An unknown cell explains itself, claims no confidence, and spans the whole scale."""
    shipped = problem()
    unknown = [score for score in shipped.cells() if score.kind == "unknown"]
    for score in unknown:
        assert score.rationale and score.rationale.strip(), f"{score.alternative}.{score.criterion}"
        assert score.confidence is None
        scale = shipped.criterion(score.criterion).scale
        assert (score.low, score.high) == (scale.min, scale.max)


def test_scenarios_include_a_neutral_stance_and_each_evaluates() -> None:
    """A neutral scenario (every criterion weighted alike) and a few stances; each changes the weights and
    ranks all five alternatives."""
    shipped = problem()
    assert 2 <= len(shipped.scenarios) <= 5
    neutral = [
        name for name in shipped.scenarios if len(set(shipped.with_scenario(name).normalized_weights.round(12))) == 1
    ]
    assert neutral, "expected a scenario that weighs every criterion alike"
    for name in shipped.scenarios:
        variant = shipped.with_scenario(name)
        assert variant.weight_notes == (f"scenario {name!r}",)
        assert list(variant.normalized_weights) != list(shipped.normalized_weights)
        ranking = model.evaluate(variant)
        assert sorted(ranking.alternatives[i] for i in ranking.order) == sorted(ALTERNATIVES)
        assert all(0.0 <= float(s) <= 1.0 for s in ranking.scores)


def test_the_shipped_model_passes_every_evidence_rule() -> None:
    """No warning is left standing; the few a cell accepts carry the analyst's reason; every known value
    rests on a quote that passes every rule; every source is pinned and has a declared body; every weight
    carries its rationale."""
    shipped = problem()
    assert shipped.warnings == ()
    for issue, reason in shipped.accepted:
        assert issue.code and len(reason.split()) >= 8, (issue, reason)
    for score in shipped.cells():
        if score.kind != "unknown":
            assert score.evidenced, f"{score.alternative}.{score.criterion} has no quote passing every rule"
    for source in shipped.sources.values():
        assert source.pin == source.sha256
        assert source.body is not None and shipped.documents[source.id].body_declared
    for criterion in shipped.criteria:
        assert criterion.weight_rationale, criterion.id
    assert shipped.evidence_rules.changed() == {}  # the default rules, not relaxed ones


def test_the_reference_fixture_cites_the_same_documents() -> None:
    """tests/fixtures/reference (the frozen v0.1 encoding used by mechanics tests) holds verbatim seeds."""
    fixture = ROOT / "tests" / "fixtures" / "reference" / "seeds"
    for path in sorted(SEEDS.iterdir()):
        assert (fixture / path.name).read_bytes() == path.read_bytes(), path.name


def test_evaluate_ranks_all_five_with_scores_in_unit_interval() -> None:
    """`model.evaluate` ranks all five alternatives, best first, each score in [0, 1]."""
    ranking = model.evaluate(problem())
    ordered = [float(ranking.scores[i]) for i in ranking.order]
    assert len(ordered) == 5
    assert sorted(ranking.alternatives) == sorted(ALTERNATIVES)
    assert ordered == sorted(ordered, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in ordered)
    assert sorted(int(r) for r in ranking.ranks)[0] == 1


def test_seeds_are_byte_identical_to_the_shared_originals() -> None:
    """seeds/ holds verbatim copies of ../shared/seeds (skipped where ../shared is absent, e.g. CI)."""
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"{SHARED_SEEDS} is absent: nothing to compare the project's seeds with")
    originals = sorted(path.name for path in SHARED_SEEDS.iterdir() if path.is_file())
    assert originals, f"expected documents in {SHARED_SEEDS}"
    for name in originals:
        copy = SEEDS / name
        assert copy.is_file(), f"seeds/{name} is missing"
        assert copy.read_bytes() == (SHARED_SEEDS / name).read_bytes(), f"seeds/{name} differs from the original"
