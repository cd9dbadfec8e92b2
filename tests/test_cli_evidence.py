"""The evidence commands as an analyst uses them: uncited, pin, check's warnings, quotes in context,
rank ranges with the settled and open places, and the unknown policy named in every output."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import model
import model.cli
from model.analysis.rank_ranges import rank_ranges

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "criteria.yaml"
REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"


def run(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = model.cli.main([str(arg) for arg in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_uncited_lists_passages_by_alternative_in_every_format() -> None:
    code, out, err = run("uncited", CRITERIA)
    assert code == 0 and err == ""
    assert "Russia: 1 uncited passage" in out
    assert "wapo_turkey:50 (names: Russia)" in out
    assert "But experts discounted Russia, Iran or Cuba as likely destinations" in out
    code, out, _ = run("uncited", CRITERIA, "--alternative", "Belarus", "--format", "json")
    data = json.loads(out)
    assert list(data["passages"]) == ["Belarus"] and data["counts"]["Belarus"] == len(data["passages"]["Belarus"])
    code, out, _ = run("uncited", CRITERIA, "--format", "markdown")
    assert out.startswith("## Passages that name an alternative")
    code, _, err = run("uncited", CRITERIA, "--alternative", "Belaruss")
    assert code == 2 and "did you mean 'Belarus'" in err


def test_check_counts_uncited_passages_and_lists_warnings_and_accepted_ones() -> None:
    code, out, err = run("check", CRITERIA)
    assert code == 0 and err == ""
    assert re.search(r"uncited passages that name an alternative: \d+ \(Turkey \d+, Belarus \d+", out)
    assert "warnings accepted by their cell, with the analyst's reason: 4" in out
    assert "Turkey.financial_networks [hedged]:" in out
    code, out, err = run("check", REFERENCE)
    assert code == 0
    assert out.splitlines()[0].endswith("OK with 25 warning(s) — schema 1, sha256 " + out.splitlines()[0][-12:])
    assert err.count("warning: ") == 25  # check lists every one
    code, out, err = run("rank", REFERENCE)
    assert code == 0 and err.count("\n") == 1 and "has 25 warnings" in err  # other commands count them


def test_quotes_are_shown_in_their_sentence_with_skipped_words(tmp_path: Path) -> None:
    code, out, _ = run("evidence", CRITERIA, "--alternative", "Turkey", "--criterion", "extradition_risk")
    assert code == 0
    assert (
        "administration, «could come with “guarantees,” presumably ensuring he would not be extradited to the United "
        "States», where he is under indictment" in out
    )
    (tmp_path / "a.txt").write_text("He said the host would not hand him over to anyone.\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        """\
version: 1
title: Skips
sources:
  a: {file: a.txt, title: A}
criteria:
  c: {direction: benefit, weight: 1, scale: {min: 0, max: 1}}
alternatives:
  host:
scores:
  host:
    c:
      value: 1
      confidence: low
      rationale: r.
      evidence:
        - {source: a, quote: "He said the host ... hand him over to anyone"}
""",
        encoding="utf-8",
    )
    code, _, err = run("check", tmp_path / "m.yaml")
    assert code == 2 and "drops 'not'" in err
    assert "sentence (line 1): «He said the host would not hand him over to anyone.»" in err


def test_markdown_evidence_marks_quoted_words_in_bold() -> None:
    code, out, _ = run("evidence", CRITERIA, "--alternative", "Cuba", "--format", "markdown")
    assert code == 0
    assert "**Cuba reportedly has supplied personal security for Maduro and senior regime officials.**" in out


def test_rank_shows_each_rank_range_and_which_places_are_settled() -> None:
    problem = model.load(CRITERIA)
    ranges = rank_ranges(problem)
    code, out, _ = run("rank", CRITERIA)
    assert code == 0
    for i, name in enumerate(ranges.alternatives):
        best, worst = int(ranges.best_rank[i]), int(ranges.worst_rank[i])
        shown = str(best) if best == worst else f"{best}-{worst}"
        assert re.search(rf"^ +\d+ +{shown} +{name} ", out, re.M), (name, shown)
    assert "range: the best and worst rank the evidence allows" in out
    assert re.search(r"places? (is|are) (open|settled)", out)
    data = json.loads(run("rank", CRITERIA, "--format", "json")[1])
    assert data["rank_ranges"]["alternatives"] and data["places"]
    assert data["unknowns"] == "pessimistic" and data["manifest"]["unknowns"] == "pessimistic"


def test_settled_and_open_places_in_words() -> None:
    """With point scores every place is settled; with one wide cell the places it spans are open."""
    from model.render.ranking import places_text

    points = model.DecisionProblem.from_matrix(
        [[0.9], [0.5], [0.1]], alternatives=["A", "B", "C"], criteria=["c"], weights=[1]
    )
    assert places_text(rank_ranges(points)) == [
        "First place is settled by the evidence: A.",
        "Second place is settled by the evidence: B.",
        "Third place is settled by the evidence: C.",
    ]
    wide = model.DecisionProblem.from_matrix(
        [[0.9], [0.5], [0.1]],
        alternatives=["A", "B", "C"],
        criteria=["c"],
        weights=[1],
        low=[[0.9], [0.0], [0.1]],
        high=[[0.9], [0.6], [0.1]],
    )
    assert places_text(rank_ranges(wide)) == [
        "First place is settled by the evidence: A.",
        "Second to third places are open between B and C.",
    ]


def test_the_unknown_policy_is_chosen_and_named() -> None:
    code, pessimistic, _ = run("rank", CRITERIA)
    assert "? unknown, ranked at the worst end of the scale (not evidence)" in pessimistic
    assert "unknowns pessimistic" in pessimistic.splitlines()[-1]
    code, midpoint, _ = run("rank", CRITERIA, "--unknowns", "midpoint")
    assert code == 0
    assert "? unknown, ranked on the scale midpoint (not evidence)" in midpoint
    assert "unknowns midpoint" in midpoint.splitlines()[-1]
    for command in ("sensitivity", "explain", "compare-methods"):
        code, out, _ = run(command, CRITERIA, "--unknowns", "midpoint")
        assert code == 0 and "unknowns midpoint" in out, command


def test_the_report_shows_quotes_in_context_and_the_uncited_passages() -> None:
    problem = model.load(CRITERIA)
    page = model.report(problem, samples=500, seed=0).html
    assert "<mark>Cuba reportedly has supplied personal security for Maduro and senior regime officials.</mark>" in page
    assert '<section id="uncited">' in page
    assert "But experts discounted Russia, Iran or Cuba as likely destinations" in page
    assert "accepted warning <code>hedged</code>" in page
