"""The evidence rules, tried as a hostile reviewer would: every attack class is refused or warned about.

Each test builds a small model in a temporary folder around a made-up article, so that the
rule under test is the only thing that can fire; the exact error text is pinned where the
wording matters to an analyst.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import model
from model.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = """\
Home News
No Result

Experts discounted Russia, Iran or Cuba as likely destinations should he decide to leave.

A Turkish deal could come with guarantees, ensuring he would not be extradited to the United States.

While no formal arrangement has been announced, Turkey wants to be part of the endgame.

U.S. officials have alleged that gold sent from Venezuela to Turkey has found its way to Iran.

Turkey is the perfect place for him, a person familiar with the talks said.

Turkey is the perfect place for him, an expert agreed.

The economy is collapsing and the streets are quiet.

The post Exile talk appeared first on Example Post.

Read more

Other story: a clown convention in Ohio draws record crowds of visitors
"""

SECOND = """\
A second article about exile.

Turkey is the perfect place for him, a person familiar with the talks said.
"""


def write(folder: Path, cells: str, *, body: bool = True, extra_sources: str = "", extra: str = "") -> Path:
    """A two-alternative model citing ARTICLE (with its body declared, unless ``body`` is False)."""
    (folder / "seeds").mkdir(exist_ok=True)
    (folder / "seeds" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "seeds" / "second.txt").write_text(SECOND, encoding="utf-8")
    declared = (
        "    body:\n      start: Experts discounted Russia\n      end: The economy is collapsing\n" if body else ""
    )
    text = f"""\
version: 1
title: Rules
sources:
  article:
    file: seeds/article.txt
    title: An article
{declared}  second:
    file: seeds/second.txt
    title: A second article
{extra_sources}scales:
  nine: {{min: 1, max: 9, labels: {{very low: 1, low: 3, moderate: 5, high: 7, very high: 9}}}}
criteria:
  risk: {{direction: cost, weight: 1, scale: nine}}
  ties: {{direction: benefit, weight: 1, scale: nine}}
alternatives:
  Turkey:
    aliases: [Turkish]
  Russia:
scores:
{cells}{extra}"""
    path = folder / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def cell(alternative: str, criterion: str, quote: str, value: str = "moderate", source: str = "article") -> str:
    return (
        f"    {criterion}:\n      value: {value}\n      confidence: medium\n      rationale: r.\n"
        f"      evidence:\n        - source: {source}\n          quote: {quote!r}\n"
    )


def unknown(criterion: str) -> str:
    return f"    {criterion}: {{value: unknown, rationale: Nothing said.}}\n"


def model_with(folder: Path, turkey_risk: str, **kwargs: object) -> Path:
    cells = (
        "  Turkey:\n"
        + cell("Turkey", "risk", turkey_risk)
        + unknown("ties")
        + "  Russia:\n"
        + unknown("risk")
        + unknown("ties")
    )
    return write(folder, cells, **kwargs)  # type: ignore[arg-type]


def issues(path: Path) -> list[model.Issue]:
    with pytest.raises(ConfigError) as excinfo:
        model.load(path)
    return list(excinfo.value.issues)


def codes(path: Path) -> list[str | None]:
    return [issue.code for issue in issues(path)]


# ----- attack: '...' that drops a negation, or a subject ---------------------------------------
def test_a_skip_that_drops_a_negation_is_refused_naming_the_word(tmp_path: Path) -> None:
    quote = "guarantees, ensuring he would ... be extradited to the United States"
    (issue,) = issues(model_with(tmp_path, quote))
    assert issue.code == "skipped_negation"
    assert issue.message == (
        "expected a '...' skip that keeps every negation and hedge, got one that drops 'not' [article, line 6]"
    )
    assert issue.hint is not None
    assert "sentence (line 6): «A Turkish deal could come with guarantees, ensuring he would not be extradited" in (
        issue.hint
    )
    assert (issue.line, issue.path[-1]) == (30, "quote")


def test_a_skip_that_drops_the_subject_and_its_verb_is_refused(tmp_path: Path) -> None:
    quote = "Experts ... Russia, Iran or Cuba ... as likely destinations should he decide"
    found = issues(model_with(tmp_path, quote))
    assert [i.code for i in found] == ["too_short", "skipped_negation"]
    assert "drops 'discounted'" in found[1].message


# ----- attack: starting right after "no" -------------------------------------------------------
def test_a_quote_that_starts_right_after_no_is_refused(tmp_path: Path) -> None:
    (issue,) = issues(model_with(tmp_path, "formal arrangement has been announced"))
    assert issue.code == "after_negation"
    assert issue.message == (
        "expected a quote that keeps the negation before it, got one that starts right after 'no' [article, line 8]"
    )
    assert issue.hint is not None and issue.hint.startswith("start the quote at 'no', or cite another passage")


def test_a_quote_that_keeps_the_negation_passes(tmp_path: Path) -> None:
    problem = model.load(model_with(tmp_path, "While no formal arrangement has been announced"))
    assert problem.warnings == ()


def test_a_negation_in_another_clause_of_the_sentence_does_not_count(tmp_path: Path) -> None:
    """ "ensuring he would not be extradited" lies after the comma: the quote before it is not negated."""
    problem = model.load(model_with(tmp_path, "A Turkish deal could come with guarantees"))
    assert [w.code for w in problem.warnings] == []


# ----- attack: web-page furniture --------------------------------------------------------------
@pytest.mark.parametrize(
    "quote",
    [
        "The post Exile talk appeared first on Example Post.",  # syndication footer
        "Other story: a clown convention in Ohio draws record crowds",  # another story's teaser
    ],
)
def test_a_quote_outside_the_declared_body_is_refused(tmp_path: Path, quote: str) -> None:
    found = issues(model_with(tmp_path, quote))
    assert [i.code for i in found] == ["outside_body"]
    assert found[0].message.startswith("expected a quote from the article's body (lines 4-16), got one from line")


@pytest.mark.parametrize(
    ("quote", "reason"),
    [
        ("The post Exile talk appeared first on Example Post.", "a syndication footer"),
        ("Other story: a clown convention in Ohio draws record crowds", "after the end of the article"),
    ],
)
def test_without_a_body_furniture_is_a_warning(tmp_path: Path, quote: str, reason: str) -> None:
    problem = model.load(model_with(tmp_path, quote, body=False))
    furniture = [w for w in problem.warnings if w.code == "furniture"]
    assert len(furniture) == 1 and reason in furniture[0].message


def test_shipped_seed_furniture_is_recognised_without_a_body() -> None:
    """The seeds' own navigation, teasers, comment form and photo credit are all marked as furniture."""
    from model.read.quotes import read_source

    wapo = read_source(ROOT / "seeds" / "000_f9c343182fad6f94.txt")
    belarus = read_source(ROOT / "seeds" / "004_7432d0605556c3e4.txt")

    def reason(document: model.read.quotes.Document, start: str) -> str | None:  # type: ignore[name-defined]
        return next(p.furniture for p in document.paragraphs if p.original.startswith(start))

    assert reason(wapo, "DNYUZ No Result") == "site navigation"  # the menu: short lines, no sentences
    assert reason(wapo, "The post Maduro") == "a syndication footer"
    assert reason(wapo, "Read more") is not None
    assert reason(wapo, "DNYUZ © 2025") is not None
    assert reason(belarus, "2 mins read [Photo Credit") == "a photo credit"
    assert reason(belarus, "[READ MORE") == "a 'Read more' teaser"
    assert reason(belarus, "Leave a Reply") == "a comment form"
    assert reason(belarus, "Your email address") is not None
    assert reason(wapo, "Maduro is not without international friends.") is None


# ----- attack: one word, one character ---------------------------------------------------------
@pytest.mark.parametrize("quote", ["the", ".", "“", "Turkey is the perfect"])
def test_a_quote_without_substance_is_refused(tmp_path: Path, quote: str) -> None:
    assert "too_short" in codes(model_with(tmp_path, quote))


def test_a_quote_on_an_unknown_cell_does_not_raise_the_coverage(tmp_path: Path) -> None:
    cells = (
        "  Turkey:\n    risk:\n      value: unknown\n      rationale: r.\n      evidence:\n"
        "        - source: article\n          quote: 'A Turkish deal could come with guarantees'\n"
        + unknown("ties")
        + "  Russia:\n"
        + unknown("risk")
        + unknown("ties")
    )
    problem = model.load(write(tmp_path, cells))
    assert problem.score("Turkey", "risk").supported and not problem.score("Turkey", "risk").evidenced
    from model.render.evidence import coverage

    assert coverage(problem) == (0, 4)


def test_limits_too_many_and_too_long_skips(tmp_path: Path) -> None:
    many = "Experts discounted Russia, Iran ... Cuba as likely ... should he ... decide to leave"
    assert "too_many_skips" in codes(model_with(tmp_path, many))
    long = "A Turkish deal could come with ... the United States"
    path = model_with(tmp_path, long, extra="evidence_rules:\n  max_skipped_words: 3\n")
    assert "long_skip" in codes(path)


# ----- attack: a phrase in both documents, or twice in one ------------------------------------
def test_a_quote_matching_another_source_is_a_warning_naming_it(tmp_path: Path) -> None:
    problem = model.load(model_with(tmp_path, "a person familiar with the talks said"))
    (warning,) = problem.warnings
    assert warning.code == "other_source"
    assert "also matches source 'second'" in warning.message


def test_a_quote_matching_two_places_is_refused(tmp_path: Path) -> None:
    (issue,) = issues(model_with(tmp_path, "Turkey is the perfect place for him"))
    assert issue.code == "ambiguous"
    assert issue.message.startswith(
        "expected a quote that matches one place in its source, got 2 places (lines 12, 14)"
    )


# ----- hedges, relevance ---------------------------------------------------------------------
def test_a_hedge_before_the_quote_is_a_warning_that_shows_it(tmp_path: Path) -> None:
    problem = model.load(model_with(tmp_path, "gold sent from Venezuela to Turkey has found its way to Iran"))
    (warning,) = problem.warnings
    assert warning.code == "hedged"
    assert "introduced by 'alleged' («U.S. officials have alleged that»)" in warning.message


def test_a_passage_that_does_not_name_the_alternative_is_a_warning(tmp_path: Path) -> None:
    problem = model.load(model_with(tmp_path, "The economy is collapsing and the streets are quiet."))
    (warning,) = problem.warnings
    assert warning.code == "off_topic"
    assert "does not mention Turkey (nor 'Turkish')" in warning.message


def test_an_accepted_warning_moves_to_accepted_with_its_reason(tmp_path: Path) -> None:
    text = model_with(tmp_path, "The economy is collapsing and the streets are quiet.").read_text(encoding="utf-8")
    text = text.replace(
        "      rationale: r.\n",
        "      rationale: r.\n      accept: {off_topic: The article is about Turkey throughout.}\n",
        1,
    )
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    problem = model.load(tmp_path / "m.yaml")
    assert problem.warnings == ()
    ((issue, reason),) = problem.accepted
    assert issue.code == "off_topic" and reason == "The article is about Turkey throughout."
    assert problem.score("Turkey", "risk").evidenced


def test_an_accept_without_its_warning_is_itself_a_warning(tmp_path: Path) -> None:
    text = model_with(tmp_path, "A Turkish deal could come with guarantees").read_text(encoding="utf-8")
    text = text.replace("      rationale: r.\n", "      rationale: r.\n      accept: {hedged: Not needed.}\n", 1)
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    (warning,) = model.load(tmp_path / "m.yaml").warnings
    assert warning.message == "expected a warning 'hedged' to accept, got none for this cell"


def test_accept_names_only_warnings_and_needs_a_reason(tmp_path: Path) -> None:
    text = model_with(tmp_path, "A Turkish deal could come with guarantees").read_text(encoding="utf-8")
    text = text.replace("      rationale: r.\n", "      rationale: r.\n      accept: {ambiguous: x, hedgd: y}\n", 1)
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    messages = [str(i) for i in issues(tmp_path / "m.yaml")]
    assert any("got 'ambiguous'" in m for m in messages)  # an error cannot be accepted
    assert any("got 'hedgd'" in m and "did you mean 'hedged'" in m for m in messages)


# ----- the rules' settings --------------------------------------------------------------------
def test_rules_can_be_adjusted_and_words_added_never_removed(tmp_path: Path) -> None:
    path = model_with(
        tmp_path,
        "streets are quiet",
        extra="evidence_rules:\n  min_quote_words: 3\n  min_fragment_words: 3\n  extra_hedges: [quiet]\n",
    )
    problem = model.load(path)
    assert problem.evidence_rules.min_quote_words == 3
    assert problem.evidence_rules.changed()["min_quote_words"] == (5, 3)
    assert "quiet" in problem.evidence_rules.hedges and "not" in problem.evidence_rules.negations
    bad = model_with(tmp_path, "A Turkish deal could come with guarantees", extra="evidence_rules:\n  negations: []\n")
    assert "unknown key 'negations' in the evidence rules" in str(issues(bad)[0])


# ----- attack: the Russia edit that ranked Russia first ---------------------------------------
NEXT_QUOTE = "        - source: wapo_turkey\n          quote: >-\n            Turkey has also hosted"


def test_the_hostile_russia_edit_is_refused() -> None:
    """Replacing three of Russia's quotes by ones that drop a negation, start after one, or are furniture
    (the edit that once ranked Russia first with `check` saying OK) now fails, one error per quote."""
    text = (ROOT / "criteria.yaml").read_text(encoding="utf-8")
    hostile = (
        text.replace(
            '          quote: "filling in economic holes left by harsh U.S. sanctions"',
            '          quote: "experts ... Russia ... as likely destinations"',
        )
        .replace(
            "            “If [Maduro] is in Russia, he disappears,” much as Assad has in\n            Russian exile",
            "            Russia ... as likely destinations should Maduro decide his time is up",
        )
        .replace(
            '          quote: "Maduro won’t have gone to the dark side"\n' + NEXT_QUOTE,
            '          quote: "No Result View All Result"\n' + NEXT_QUOTE,
        )
    )
    assert hostile.count("as likely destinations") == 2 and "No Result View All Result" in hostile
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"hostile-{os.getpid()}-{time.monotonic_ns()}"
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    try:
        (folder / "criteria.yaml").write_text(hostile, encoding="utf-8")
        found = issues(folder / "criteria.yaml")
        russian = [i for i in found if i.path[:2] == ("scores", "Russia")]
        assert {i.code for i in russian} >= {"skipped_negation", "after_negation", "outside_body"}
    finally:
        shutil.rmtree(folder)
