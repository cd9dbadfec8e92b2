"""Tests of schema v1 validation through model.loads / model.load: exact messages, locations, completeness."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import model
from model.errors import ConfigError, Issue

REPO = Path(__file__).resolve().parents[2]

# A small valid model. Line numbers matter: the expected messages below cite them.
BASE = """\
version: 1
title: Test model
sources:
  report:
    file: report.txt
    title: The report
  memo:
    file: memo.txt
    title: A memo
scales:
  five:
    min: 1
    max: 5
    labels: {low: 2, high: 4}
criteria:
  risk:
    direction: cost
    weight: 2
    scale: five
  money:
    direction: benefit
    weight: 1
    scale: {min: 0, max: 10}
alternatives:
  Alpha:
  Beta:
scores:
  Alpha:
    risk:
      value: low
      confidence: high
      evidence:
        - source: report
          quote: The risk to Alpha is low.
      rationale: Said so.
    money:
      value: 7
      confidence: medium
      rationale: Guess.
  Beta:
    risk:
      value: [2, 4]
      confidence: low
      rationale: Wide.
    money:
      value: unknown
      rationale: Nothing said.
scenarios:
  cautious:
    description: Risk first.
    weights: {risk: 10}
"""

REPORT = "The report\n\nIntroduction.\n\nThe risk to Alpha\nis low.\n"
MEMO = "A memo about money.\n"


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def base_with(*edits: tuple[str, str]) -> str:
    """BASE after applying each (old, new) edit in turn."""
    text = BASE
    for old, new in edits:
        text = edit(text, old, new)
    return text


def issues_of(text: str) -> tuple[Issue, ...]:
    """The issues model.loads raises for ``text`` (without opening sources)."""
    with pytest.raises(ConfigError) as excinfo:
        model.loads(text, name="m.yaml", verify_evidence=False)
    return excinfo.value.issues


def messages(text: str) -> list[str]:
    """Every issue of ``text``, rendered as the analyst sees it."""
    return [str(issue) for issue in issues_of(text)]


def write_model(folder: Path, text: str = BASE) -> Path:
    """Write ``text`` as m.yaml with its two source documents into ``folder``."""
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "memo.txt").write_text(MEMO, encoding="utf-8")
    path = folder / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped criteria.yaml and its seeds in a temporary folder."""
    shutil.copy(REPO / "criteria.yaml", tmp_path / "criteria.yaml")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path / "criteria.yaml"


def line_and_column(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the single occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, needle
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# ----- the valid base -----------------------------------------------------------------------


def test_base_model_is_valid_and_read_as_written() -> None:
    """The base model loads: labels, points, intervals and unknowns become the right scores."""
    problem = model.loads(BASE, name="m.yaml", verify_evidence=False)
    assert problem.title == "Test model"
    assert problem.alternative_names == ("Alpha", "Beta")
    assert problem.criterion_ids == ("risk", "money")
    risk = problem.score("Alpha", "risk")
    assert (risk.kind, risk.low, risk.high, risk.labels, risk.confidence) == ("label", 2.0, 2.0, ("low",), "high")
    assert risk.evidence == (model.Evidence("report", "The risk to Alpha is low."),)
    assert (problem.score("Alpha", "money").kind, problem.score("Alpha", "money").low) == ("point", 7.0)
    interval = problem.score("Beta", "risk")
    assert (interval.kind, interval.low, interval.high) == ("interval", 2.0, 4.0)
    unknown = problem.score("Beta", "money")
    assert (unknown.kind, unknown.low, unknown.high, unknown.confidence) == ("unknown", 0.0, 10.0, None)
    assert problem.scenarios["cautious"].weights == {"risk": 10.0}


def test_valid_model_loads_from_a_file_with_verified_quote_lines(tmp_path: Path) -> None:
    """load() opens the sources next to the file and records where each quote was found."""
    problem = model.load(write_model(tmp_path))
    (item,) = problem.score("Alpha", "risk").evidence
    assert (item.line, item.end_line) == (5, 6)
    assert problem.score("Alpha", "risk").supported
    assert problem.sources["report"].file == tmp_path / "report.txt"
    assert problem.sources["report"].sha256 is not None


# ----- exact messages -----------------------------------------------------------------------

EXACT_CASES: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "unknown top-level key": (
        [("title: Test model\n", "title: Test model\ntitel: x\n")],
        ["m.yaml:3:1: titel: unknown key 'titel' in the model\n    hint: did you mean 'title'?"],
    ),
    "unknown criterion key": (
        [("    weight: 2\n", "    weight: 2\n    wieght: 3\n")],
        [
            "m.yaml:19:5: criteria.risk.wieght: unknown key 'wieght' in criterion 'risk'\n"
            "    hint: did you mean 'weight'?"
        ],
    ),
    "unknown cell key": (
        [("      rationale: Said so.\n", "      rationale: Said so.\n      confidance: high\n")],
        [
            "m.yaml:36:7: scores.Alpha.risk.confidance: unknown key 'confidance' in a score\n"
            "    hint: did you mean 'confidence'?"
        ],
    ),
    "unknown evidence key": (
        [
            (
                "          quote: The risk to Alpha is low.\n",
                "          quote: The risk to Alpha is low.\n          qoute: x\n",
            )
        ],
        [
            "m.yaml:35:11: scores.Alpha.risk.evidence[0].qoute: unknown key 'qoute' in an evidence item\n"
            "    hint: did you mean 'quote'?"
        ],
    ),
    "direction typo": (
        [("direction: benefit", "direction: benfit")],
        [
            "m.yaml:21:16: criteria.money.direction: expected a direction (one of 'benefit', 'cost'), got 'benfit'\n"
            "    hint: did you mean 'benefit'?"
        ],
    ),
    "label typo": (
        [("value: low", "value: hgih")],
        [
            "m.yaml:30:14: scores.Alpha.risk.value: expected a number in [1, 5], a label (low, high), "
            "an interval [low, high] or 'unknown', got 'hgih'\n"
            "    hint: did you mean 'high'?"
        ],
    ),
    "number outside the scale": (
        [("value: 7", "value: 11")],
        [
            "m.yaml:37:14: scores.Alpha.money.value: expected a number in [0, 10], "
            "an interval [low, high] or 'unknown', got 11, outside the scale"
        ],
    ),
    "interval low > high": (
        [("value: [2, 4]", "value: [4, 2]")],
        [
            "m.yaml:42:14: scores.Beta.risk.value: expected an interval [low, high] with low <= high, got [4, 2]\n"
            "    hint: swap the two ends"
        ],
    ),
    "interval of three values": (
        [("value: [2, 4]", "value: [2, 3, 4]")],
        ["m.yaml:42:14: scores.Beta.risk.value: expected an interval [low, high] of two values, got a list of 3"],
    ),
    "quoted weight": (
        [("weight: 2", 'weight: "30"')],
        [
            "m.yaml:18:13: criteria.risk.weight: expected a weight >= 0, got the quoted text '30'\n"
            "    hint: remove the quotes around the number"
        ],
    ),
    "leading-zero weight": (
        [("weight: 2", "weight: 030")],
        [
            "m.yaml:18:13: criteria.risk.weight: expected a weight >= 0, got '030' with a leading zero\n"
            "    hint: YAML 1.1 tools read a leading zero as octal; write 30 if you mean decimal"
        ],
    ),
    "negative weight": (
        [("weight: 2", "weight: -2")],
        [
            "m.yaml:18:13: criteria.risk.weight: expected a weight >= 0, got -2\n"
            "    hint: weights are relative importance; use 0 to ignore a criterion"
        ],
    ),
    "all weights zero": (
        [("weight: 2", "weight: 0"), ("weight: 1", "weight: 0")],
        ["m.yaml:16:3: criteria: expected at least one positive weight, got all weights zero"],
    ),
    "criterion id not snake_case": (
        [
            ("  risk:\n    direction", "  Extradition Risk:\n    direction"),
            ("  Alpha:\n    risk:", "  Alpha:\n    Extradition Risk:"),
            ("  Beta:\n    risk:", "  Beta:\n    Extradition Risk:"),
            ("weights: {risk: 10}", "weights: {Extradition Risk: 10}"),
        ],
        [
            "m.yaml:16:3: criteria.Extradition Risk: expected a snake_case criterion id, got 'Extradition Risk'\n"
            "    hint: e.g. 'extradition_risk'"
        ],
    ),
    "unknown alternative in scores": (
        [("  Beta:\n    risk:", "  Betta:\n    risk:")],
        [
            "m.yaml:27:1: scores: missing scores for alternative 'Beta'\n"
            "    hint: add 'Beta:' under 'scores:' with a score (or 'value: unknown') for every criterion",
            "m.yaml:40:3: scores.Betta: unknown alternative 'Betta'\n    hint: did you mean 'Beta'?",
        ],
    ),
    "unknown criterion in scores": (
        [("    money:\n      value: 7", "    mony:\n      value: 7")],
        [
            "m.yaml:28:3: scores.Alpha: missing score for criterion 'money'\n"
            "    hint: if the sources say nothing, write 'money: {value: unknown, rationale: ...}'",
            "m.yaml:36:5: scores.Alpha.mony: unknown criterion 'mony'\n    hint: did you mean 'money'?",
        ],
    ),
    "missing cell": (
        [("    money:\n      value: 7\n      confidence: medium\n      rationale: Guess.\n", "")],
        [
            "m.yaml:28:3: scores.Alpha: missing score for criterion 'money'\n"
            "    hint: if the sources say nothing, write 'money: {value: unknown, rationale: ...}'"
        ],
    ),
    "missing alternative row": (
        [
            (
                "  Beta:\n    risk:\n      value: [2, 4]\n      confidence: low\n      rationale: Wide.\n"
                "    money:\n      value: unknown\n      rationale: Nothing said.\n",
                "",
            )
        ],
        [
            "m.yaml:27:1: scores: missing scores for alternative 'Beta'\n"
            "    hint: add 'Beta:' under 'scores:' with a score (or 'value: unknown') for every criterion"
        ],
    ),
    "confidence missing for a known value": (
        [("      confidence: medium\n", "")],
        [
            "m.yaml:36:5: scores.Alpha.money: "
            "missing required key 'confidence' (one of 'high', 'medium', 'low') for a known value"
        ],
    ),
    "confidence given for an unknown value": (
        [("      value: unknown\n", "      value: unknown\n      confidence: low\n")],
        [
            "m.yaml:47:7: scores.Beta.money.confidence: expected no confidence for an unknown value, got one\n"
            "    hint: an unknown value already spans the whole scale; remove 'confidence' or give a value"
        ],
    ),
    "neither evidence nor rationale": (
        [("      rationale: Guess.\n", "")],
        [
            "m.yaml:36:5: scores.Alpha.money: expected evidence or a rationale, got neither\n"
            "    hint: cite a quote under 'evidence:' or explain the score (or why it is unknown) under 'rationale:'"
        ],
    ),
    "unknown evidence source": (
        [("        - source: report", "        - source: reprot")],
        [
            "m.yaml:33:19: scores.Alpha.risk.evidence[0].source: unknown source 'reprot'\n"
            "    hint: did you mean 'report'?"
        ],
    ),
    "scenario names an unknown criterion": (
        [("weights: {risk: 10}", "weights: {rsk: 10}")],
        ["m.yaml:51:15: scenarios.cautious.weights.rsk: unknown criterion 'rsk'\n    hint: did you mean 'risk'?"],
    ),
    "scenario leaves all weights zero": (
        [("weight: 1", "weight: 0"), ("weights: {risk: 10}", "weights: {risk: 0}")],
        ["m.yaml:51:14: scenarios.cautious.weights: expected at least one positive weight, got all weights zero"],
    ),
    "unknown named scale": (
        [("scale: five", "scale: fiv")],
        [
            "m.yaml:19:12: criteria.risk.scale: expected a scale defined under 'scales:', got 'fiv'\n"
            "    hint: did you mean 'five'?"
        ],
    ),
    "version 2": (
        [("version: 1", "version: 2")],
        ["m.yaml:1:10: version: expected schema version 1, got 2\n    hint: this engine reads version 1 files"],
    ),
    "impossible date": (
        [("title: Test model\n", "title: Test model\nas_of: 2025-13-45\n")],
        ["m.yaml:3:8: as_of: expected a date (YYYY-MM-DD), got '2025-13-45'\n    hint: e.g. 2025-11-27"],
    ),
    "date in another format": (
        [("title: Test model\n", "title: Test model\nas_of: 27/11/2025\n")],
        ["m.yaml:3:8: as_of: expected a date (YYYY-MM-DD), got '27/11/2025'\n    hint: e.g. 2025-11-27"],
    ),
    "method typo": (
        [("title: Test model\n", "title: Test model\nmethod: wieghted_sum\n")],
        [
            "m.yaml:3:9: method: expected a method (one of 'weighted_sum', 'weighted_product', 'topsis', 'vikor', "
            "'promethee_ii', 'ahp'), "
            "got 'wieghted_sum'\n"
            "    hint: did you mean 'weighted_sum'?"
        ],
    ),
}


@pytest.mark.parametrize("case", list(EXACT_CASES))
def test_exact_error_text(case: str) -> None:
    """Each broken input gives exactly these issues, with file:line:column, key path, message and hint."""
    edits, expected = EXACT_CASES[case]
    assert messages(base_with(*edits)) == expected


def test_config_error_message_lists_every_issue() -> None:
    """str(ConfigError) starts with the count and includes each issue's text."""
    with pytest.raises(ConfigError) as excinfo:
        model.loads(base_with(("  Beta:\n    risk:", "  Betta:\n    risk:")), name="m.yaml", verify_evidence=False)
    text = str(excinfo.value)
    assert text.startswith("2 problems found:\n")
    assert all(str(issue) in text for issue in excinfo.value.issues)


# ----- required keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        pytest.param("version: 1\n", "", "version", id="version"),
        pytest.param("title: Test model\n", "", "title", id="model-title"),
        pytest.param("    weight: 2\n", "", "weight", id="criterion-weight"),
        pytest.param("    scale: five\n", "", "scale", id="criterion-scale"),
        pytest.param("    direction: cost\n", "", "direction", id="criterion-direction"),
        pytest.param("      value: 7\n", "", "value", id="cell-value"),
        pytest.param("    weights: {risk: 10}\n", "", "weights", id="scenario-weights"),
        pytest.param("    file: memo.txt\n", "", "file", id="source-file"),
        pytest.param("    title: A memo\n", "", "title", id="source-title"),
        pytest.param("        - source: report\n          quote:", "        - quote:", "source", id="evidence-source"),
        pytest.param("          quote: The risk to Alpha is low.\n", "", "quote", id="evidence-quote"),
    ],
)
def test_missing_required_key_is_reported_once(old: str, new: str, key: str) -> None:
    """A missing required key gives one issue, 'missing required key ...', and nothing else."""
    issues = issues_of(edit(BASE, old, new))
    assert [issue.message.split(" in ")[0] for issue in issues] == [f"missing required key {key!r}"]


def test_missing_required_key_exact_text() -> None:
    """The missing-key issue is located at the key of the mapping that lacks it."""
    assert messages(edit(BASE, "    weight: 2\n", "")) == [
        "m.yaml:16:3: criteria.risk: missing required key 'weight' in criterion 'risk'"
    ]
    assert messages(edit(BASE, "version: 1\n", "")) == [
        "m.yaml:1:1: (top level): missing required key 'version' in the model"
    ]


def test_broken_source_does_not_make_its_citations_unknown() -> None:
    """A declared source with a broken entry is reported once, not as 'unknown source' at every citation."""
    issues = issues_of(edit(BASE, "    title: The report\n", ""))
    assert any(issue.message == "missing required key 'title' in source 'report'" for issue in issues)
    assert not [issue for issue in issues if "unknown source" in issue.message]


@pytest.mark.parametrize(
    "empty",
    [
        pytest.param("      rationale:\n", id="nothing"),
        pytest.param('      rationale: ""\n', id="empty-string"),
        pytest.param("      rationale: '   '\n", id="spaces"),
    ],
)
def test_empty_rationale_without_evidence_is_an_error(empty: str) -> None:
    """An empty rationale is no rationale: a cell with no evidence and an empty rationale is refused."""
    issues = issues_of(edit(BASE, "      rationale: Guess.\n", empty))
    assert [issue.message for issue in issues] == ["expected evidence or a rationale, got neither"]
    assert issues[0].path == ("scores", "Alpha", "money")


def test_empty_evidence_list_needs_a_rationale() -> None:
    """'evidence: []' with no rationale counts as neither."""
    issues = issues_of(edit(BASE, "      rationale: Guess.\n", "      evidence: []\n"))
    assert [issue.message for issue in issues] == ["expected evidence or a rationale, got neither"]


# ----- many errors at once --------------------------------------------------------------------


def test_many_errors_are_all_reported_sorted_by_line() -> None:
    """Independent problems all end up in one ConfigError, sorted by line and column."""
    text = base_with(
        ("version: 1", "version: 2"),
        ("title: Test model\n", "title: Test model\ntitel: x\nmethod: wieghted_sum\n"),
        ("    weight: 2\n", "    weight: 2\n    wieght: 3\n"),
        ("value: low", "value: hgih"),
        ("        - source: report", "        - source: reprot"),
        ("value: 7", "value: 11"),
        ("      confidence: low\n", ""),
        ("    money:\n      value: unknown\n      rationale: Nothing said.\n", ""),
        ("weights: {risk: 10}", "weights: {rsk: 10}"),
    )
    issues = issues_of(text)
    found = [(issue.line, issue.path) for issue in issues]
    assert found == [
        (1, ("version",)),
        (3, ("titel",)),
        (4, ("method",)),
        (21, ("criteria", "risk", "wieght")),
        (33, ("scores", "Alpha", "risk", "value")),
        (36, ("scores", "Alpha", "risk", "evidence", 0, "source")),
        (40, ("scores", "Alpha", "money", "value")),
        (43, ("scores", "Beta")),
        (44, ("scores", "Beta", "risk")),
        (50, ("scenarios", "cautious", "weights", "rsk")),
    ]
    assert [(issue.line, issue.column) for issue in issues] == sorted((issue.line, issue.column) for issue in issues)
    assert [issue.message for issue in issues[7:9]] == [
        "missing score for criterion 'money'",
        "missing required key 'confidence' (one of 'high', 'medium', 'low') for a known value",
    ]


# ----- names that YAML 1.1 would mangle ---------------------------------------------------------


def test_yaml11_words_stay_names() -> None:
    """An alternative called NO, a criterion called on and a label yes stay those strings."""
    text = BASE.replace("Beta", "NO").replace("money", "on")
    text = edit(text, "labels: {low: 2, high: 4}", "labels: {low: 2, yes: 4}")
    text = edit(text, "value: low", "value: yes")
    problem = model.loads(text, name="m.yaml", verify_evidence=False)
    assert problem.alternative_names == ("Alpha", "NO")
    assert problem.criterion_ids == ("risk", "on")
    score = problem.score("Alpha", "risk")
    assert (score.kind, score.labels, score.low) == ("label", ("yes",), 4.0)
    assert problem.score("NO", "on").kind == "unknown"


def test_merge_key_gets_its_own_hint() -> None:
    """'<<' is refused with the merge-key hint, not a did-you-mean."""
    text = base_with(
        ("  risk:\n    direction: cost\n", "  risk: &crit\n    direction: cost\n"),
        ("  money:\n    direction: benefit\n    weight: 1\n", "  money:\n    <<: *crit\n    weight: 1\n"),
    )
    merge = [issue for issue in issues_of(text) if issue.path[-1:] == ("<<",)]
    assert [str(issue) for issue in merge] == [
        "m.yaml:21:5: criteria.money.<<: unknown key '<<' in criterion 'money'\n"
        "    hint: YAML merge keys are not supported: write the keys out"
    ]


def test_syntax_errors_reach_loads_as_config_error() -> None:
    """YAML-level problems (here a duplicate key) come out of loads() as located ConfigErrors."""
    assert messages(edit(BASE, "    weight: 2\n", "    weight: 2\n    weight: 3\n")) == [
        "m.yaml:19:5: criteria.risk.weight: duplicate key 'weight' (first defined at line 18)\n"
        "    hint: YAML would silently keep only the last one; merge the two entries or rename one"
    ]


# ----- quotes and files, through load() ---------------------------------------------------------


def test_shipped_model_loads_and_every_quote_is_verified(shipped: Path) -> None:
    """The shipped criteria.yaml (copied) loads with every quote located in its source."""
    problem = model.load(shipped)
    evidence = [item for score in problem.cells() for item in score.evidence]
    assert evidence
    assert all(item.verified for item in evidence)


def test_quote_altered_by_one_word_fails_with_closest_passage(shipped: Path) -> None:
    """A one-word change in a quote fails with the closest passage and the first difference."""
    text = shipped.read_text(encoding="utf-8")
    original = 'quote: "Erdogan has good relations with Trump"'
    line, column = line_and_column(text, original)
    shipped.write_text(edit(text, original, 'quote: "Erdogan has great relations with Trump"'), encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        model.load(shipped)
    (issue,) = excinfo.value.issues
    assert str(issue).split("\n")[0] == (
        f"{shipped}:{line}:{column + len('quote: ')}: scores.Turkey.us_relations.evidence[0].quote: "
        f"expected a passage of source 'wapo_turkey' ({shipped.parent / 'seeds' / '000_f9c343182fad6f94.txt'}), "
        "got a quote that is not in it: quote not found in the document"
    )
    seed_lines = (shipped.parent / "seeds" / "000_f9c343182fad6f94.txt").read_text(encoding="utf-8").splitlines()
    source_line = next(n for n, text in enumerate(seed_lines, 1) if "Erdogan has good relations with Trump" in text)
    assert issue.hint is not None
    first, second = issue.hint.split("\n")
    assert first.startswith(f"closest passage (line {source_line}, ")
    assert "Erdogan has good relations with Trump" in first
    assert second == "the quote has 'great' where the document has 'good'"


def test_quote_with_a_dropped_word_names_the_missing_word(tmp_path: Path) -> None:
    """Leaving a word out of a quote says which word the document has that the quote lacks."""
    path = write_model(tmp_path, edit(BASE, "quote: The risk to Alpha is low.", "quote: The risk to Alpha low."))
    with pytest.raises(ConfigError) as excinfo:
        model.load(path)
    (issue,) = excinfo.value.issues
    assert (issue.line, issue.column, issue.path[-1]) == (34, 18, "quote")
    assert issue.hint is not None
    first, second = issue.hint.split("\n")
    assert first.startswith("closest passage (line 5, ")
    assert first.endswith("alike): «The risk to Alpha is low.»")
    assert second == "the document has 'is', which the quote leaves out (mark the gap with '...')"


def test_missing_source_file_suggests_the_close_file_name(shipped: Path) -> None:
    """A misspelt source path is reported at its 'file:' value with a did-you-mean on the file name."""
    text = shipped.read_text(encoding="utf-8")
    line, column = line_and_column(text, "seeds/000_f9c343182fad6f94.txt")
    shipped.write_text(edit(text, "seeds/000_f9c343182fad6f94.txt", "seeds/000_f9c343182fad6f95.txt"), encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        model.load(shipped)
    assert [str(issue) for issue in excinfo.value.issues] == [
        f"{shipped}:{line}:{column}: sources.wapo_turkey.file: expected an existing document, "
        "got 'seeds/000_f9c343182fad6f95.txt' (no such file)\n"
        f"    hint: did you mean '000_f9c343182fad6f94.txt'? (in {shipped.parent / 'seeds'})"
    ]


def test_verify_evidence_false_does_not_open_sources(tmp_path: Path) -> None:
    """With verify_evidence=False a missing source file is not an error and quotes stay unverified."""
    path = tmp_path / "m.yaml"
    path.write_text(BASE, encoding="utf-8")
    problem = model.load(path, verify_evidence=False)
    assert not problem.score("Alpha", "risk").supported


def _snapshot(paths: list[Path]) -> list[tuple[bytes, int]]:
    return [(path.read_bytes(), path.stat().st_mtime_ns) for path in paths]


def test_loading_never_modifies_the_files(shipped: Path) -> None:
    """Neither a successful load nor a failing one changes the model file or its sources."""
    files = [shipped, *sorted((shipped.parent / "seeds").iterdir())]
    before = _snapshot(files)
    model.load(shipped)
    assert _snapshot(files) == before

    broken = shipped.parent / "broken.yaml"
    broken.write_text(
        edit(shipped.read_text(encoding="utf-8"), "weight: 25", "weight: -25"),
        encoding="utf-8",
    )
    files.append(broken)
    before = _snapshot(files)
    with pytest.raises(ConfigError):
        model.load(broken)
    with pytest.raises(ConfigError):
        model.load(broken)
    assert _snapshot(files) == before
