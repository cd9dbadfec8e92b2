"""Consistency lints across cells: the same clause, the same passage twice, and scale ends."""

from __future__ import annotations

from pathlib import Path

import model

ARTICLE = """\
Little freedom of movement exists in Cuba, as in Iran, the expert said.

Cuba guards Maduro personally and Cuba protects him, officials say, and Cuba is his ally.

Iran sells Maduro drones and Iran backs him at the United Nations.
"""


def load(folder: Path, cells: str) -> model.DecisionProblem:
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    text = f"""\
version: 1
title: Lints
sources:
  a: {{file: a.txt, title: An article}}
scales:
  nine: {{min: 1, max: 9, labels: {{very low: 1, low: 3, moderate: 5, high: 7, very high: 9}}}}
criteria:
  freedom: {{direction: benefit, weight: 1, scale: nine}}
  ties: {{direction: benefit, weight: 1, scale: nine}}
alternatives:
  Cuba:
  Iran:
scores:
{cells}"""
    (folder / "m.yaml").write_text(text, encoding="utf-8")
    return model.load(folder / "m.yaml")


def cell(criterion: str, value: str, *quotes: str, confidence: str = "medium", accept: str = "") -> str:
    items = "".join(f"        - source: a\n          quote: {q!r}\n" for q in quotes)
    return (
        f"    {criterion}:\n      value: {value}\n      confidence: {confidence}\n      rationale: r.\n{accept}"
        f"      evidence:\n{items}"
    )


FREEDOM = "Little freedom of movement exists in Cuba, as in Iran"
TIES_CUBA = "Cuba guards Maduro personally and Cuba protects him"
TIES_IRAN = "Iran sells Maduro drones and Iran backs him"


def test_the_same_clause_with_different_values_is_named_with_both_cells(tmp_path: Path) -> None:
    problem = load(
        tmp_path,
        "  Cuba:\n"
        + cell("freedom", "very low", FREEDOM)
        + cell("ties", "high", TIES_CUBA)
        + "  Iran:\n"
        + cell("freedom", "low", "freedom of movement exists in Cuba, as in Iran")
        + cell("ties", "high", TIES_IRAN),
    )
    (warning,) = [w for w in problem.warnings if w.code == "same_passage"]
    assert warning.message.startswith(
        "expected the same value for the same passage (a:1), got Cuba.freedom = very low (1) and Iran.freedom = low (3)"
    )
    assert warning.path[:3] == ("scores", "Iran", "freedom")


def test_the_same_clause_with_the_same_value_is_fine(tmp_path: Path) -> None:
    problem = load(
        tmp_path,
        "  Cuba:\n"
        + cell("freedom", "low", FREEDOM)
        + cell("ties", "high", TIES_CUBA)
        + "  Iran:\n"
        + cell("freedom", "low", "freedom of movement exists in Cuba, as in Iran")
        + cell("ties", "high", TIES_IRAN),
    )
    assert [w.code for w in problem.warnings] == []


def test_one_passage_under_two_criteria_is_counted_twice_unless_accepted(tmp_path: Path) -> None:
    cells = (
        "  Cuba:\n"
        + cell("freedom", "low", "Cuba guards Maduro personally and Cuba")
        + cell("ties", "high", TIES_CUBA)
        + "  Iran:\n"
        + cell("freedom", "low", "freedom of movement exists in Cuba, as in Iran")
        + cell("ties", "high", TIES_IRAN)
    )
    problem = load(tmp_path, cells)
    (warning,) = [w for w in problem.warnings if w.code == "counted_twice"]
    assert "counted twice: for Cuba.freedom and Cuba.ties" in warning.message
    assert not problem.score("Cuba", "ties").evidenced  # the flagged quote does not pass every rule
    quoted = (
        "      evidence:\n        - source: a\n          quote: 'Cuba guards Maduro personally and Cuba protects him'"
    )
    accepted = cells.replace(
        "      rationale: r.\n" + quoted,
        "      rationale: r.\n      accept: {counted_twice: Being guarded is also how closely he is watched.}\n"
        + quoted,
    )
    problem = load(tmp_path, accepted)
    assert [w.code for w in problem.warnings] == []
    assert [issue.code for issue, _ in problem.accepted] == ["counted_twice"]
    assert problem.score("Cuba", "ties").evidenced


def test_a_scale_end_needs_more_than_one_quote_or_one_paragraph_at_high_confidence(tmp_path: Path) -> None:
    base = (
        "  Iran:\n"
        + cell("freedom", "low", "freedom of movement exists in Cuba, as in Iran")
        + cell("ties", "high", TIES_IRAN)
    )
    one_quote = load(
        tmp_path, "  Cuba:\n" + cell("freedom", "low", FREEDOM) + cell("ties", "very high", TIES_CUBA) + base
    )
    (warning,) = one_quote.warnings
    assert warning.code == "scale_end"
    assert warning.message == "expected strong evidence for a scale end (very high (9)), got a single quote"
    one_paragraph = load(
        tmp_path,
        "  Cuba:\n"
        + cell("freedom", "low", FREEDOM)
        + cell("ties", "very high", TIES_CUBA, "officials say, and Cuba is his ally", confidence="high")
        + base,
    )
    assert [w.message for w in one_paragraph.warnings] == [
        "expected strong evidence for a scale end (very high (9)), got 2 quotes from one paragraph at confidence high"
    ]
    medium = load(
        tmp_path,
        "  Cuba:\n"
        + cell("freedom", "low", FREEDOM)
        + cell("ties", "very high", TIES_CUBA, "officials say, and Cuba is his ally")
        + base,
    )
    assert medium.warnings == ()
