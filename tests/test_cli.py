"""The ``exile-model`` command line (model/cli.py): outputs, exit codes 0/2/3, and what goes where.

Most tests call ``model.cli.main`` in-process with string buffers; a few run the console script and
``python -m model`` in a subprocess to pin the real entry points.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import model
import model.cli
import model.ranking
import model.render.evidence
import model.render.ranking
from model.analysis.rank_ranges import rank_ranges

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "criteria.yaml"
SEEDS = ROOT / "seeds"
WAPO = SEEDS / "000_f9c343182fad6f94.txt"
EXILE_MODEL = Path(sys.executable).parent / "exile-model"


# ----- helpers ---------------------------------------------------------------------------------
def run(*argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = model.cli.main([str(arg) for arg in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run_json(*argv: str | Path) -> dict[str, object]:
    """Run the CLI in-process, expect success, and parse its JSON output."""
    code, out, err = run(*argv, "--format", "json")
    assert code == 0, err
    assert err == ""
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def base_weights() -> dict[str, float]:
    """The raw weights of the shipped file, by criterion, read through the library."""
    return {criterion.id: criterion.weight for criterion in model.load(CRITERIA).criteria}


def normalised(weights: dict[str, float]) -> dict[str, float]:
    """Weights divided by their sum."""
    total = sum(weights.values())
    return {key: value / total for key, value in weights.items()}


def line_of(path: Path, phrase: str) -> int:
    """The 1-based line of ``path`` holding ``phrase``, by a plain scan."""
    with path.open(encoding="utf-8") as handle:
        hits = [number for number, line in enumerate(handle, start=1) if phrase in line]
    assert len(hits) == 1, hits
    return hits[0]


def assert_usage_error(code: int, out: str, err: str) -> None:
    """Exit 2, nothing on stdout, a hint on stderr."""
    assert code == 2
    assert out == ""
    assert "hint: try 'exile-model" in err
    assert "--help'" in err


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file under ``folder``."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


def copy_model(tmp_path: Path) -> Path:
    """A private copy of criteria.yaml with its seeds; return the YAML path."""
    shutil.copy2(CRITERIA, tmp_path / "criteria.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "criteria.yaml"


# ----- check ----------------------------------------------------------------------------------
def test_check_verifies_every_quote_and_reports_coverage() -> None:
    """`check` exits 0 and reports N of N quotes, evidence coverage and the unsupported cells."""
    problem = model.load(CRITERIA)
    cells = problem.cells()
    quotes = sum(len(score.evidence) for score in cells)
    unsupported = [f"{s.alternative}.{s.criterion}" for s in cells if not s.evidenced]
    supported = len(cells) - len(unsupported)
    code, out, err = run("check", CRITERIA)
    assert code == 0
    assert err == ""
    assert f"quotes verified: {quotes} of {quotes}" in out
    assert f"evidence coverage: {supported}/{len(cells)} cells ({supported / len(cells):.0%})" in out
    assert f"cells without evidence that passes every rule: {len(unsupported)}" in out
    for cell in unsupported:
        assert f"    - {cell} = unknown: " in out
    assert "OK" in out.splitlines()[0]


def test_check_lists_each_quote_with_its_line_unless_told_not_to() -> None:
    """`check` lists every verified quote with source:line; --no-quotes leaves the list out."""
    line = line_of(WAPO, "has been moving gold there forever")
    code, out, _ = run("check", CRITERIA)
    assert code == 0
    assert re.search(
        rf"Turkey\.financial_networks  wapo_turkey:{line}\n +«Maduro “has been moving gold there forever”»", out
    )
    code, out, _ = run("check", CRITERIA, "--no-quotes")
    assert code == 0
    assert "verified quotes" not in out
    assert "quotes verified:" in out


def test_check_json_has_coverage_and_quotes() -> None:
    """`check --format json` parses; coverage, counts and the quotes list agree with the problem."""
    problem = model.load(CRITERIA)
    cells = problem.cells()
    data = run_json("check", CRITERIA)
    evidenced = sum(score.evidenced for score in cells)
    assert data["coverage"] == {"evidenced": evidenced, "cells": len(cells), "fraction": evidenced / len(cells)}
    assert data["cells"] == len(cells) == 30
    assert data["quotes_verified"] == sum(len(score.evidence) for score in cells)
    quotes = data["quotes"]
    assert isinstance(quotes, list)
    assert len(quotes) == data["quotes_verified"]
    assert all(isinstance(q["line"], int) and q["end_line"] >= q["line"] for q in quotes)
    manifest = data["manifest"]
    assert isinstance(manifest, dict)
    assert manifest["sha256"] == hashlib.sha256(CRITERIA.read_bytes()).hexdigest()


# ----- rank -----------------------------------------------------------------------------------
def test_rank_table_winner_first_with_weights_and_manifest() -> None:
    """`rank` prints the winner in the first row, a weight row, and the manifest line."""
    ranking = model.evaluate(model.load(CRITERIA))
    winner = ranking.alternatives[ranking.order[0]]
    code, out, err = run("rank", CRITERIA)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("----"))
    assert lines[rule - 1].split()[:4] == ["rank", "range", "alternative", "score"]
    ranges = rank_ranges(model.load(CRITERIA))
    i = ranges.alternatives.index(winner)
    best, worst = int(ranges.best_rank[i]), int(ranges.worst_rank[i])
    assert lines[rule + 1].split()[:3] == ["1", str(best) if best == worst else f"{best}-{worst}", winner]
    weight_row = next(line for line in lines if line.split()[:1] == ["weight"])
    assert weight_row.split()[1] == "1.000"
    digest = hashlib.sha256(CRITERIA.read_bytes()).hexdigest()
    assert f"sha256 {digest[:12]}" in out
    assert f"engine {model.__version__}" in out
    assert lines[-1].endswith("deterministic (no seed)")


def test_rank_json_ranking_weights_contributions_and_manifest() -> None:
    """`rank --format json`: ranking objects best first, weights sum to 1, rows add up, sha256 of the file."""
    data = run_json("rank", CRITERIA)
    ranking = data["ranking"]
    assert isinstance(ranking, list)
    assert sorted(entry["alternative"] for entry in ranking) == sorted(model.load(CRITERIA).alternative_names)
    scores = [entry["score"] for entry in ranking]
    assert scores == sorted(scores, reverse=True)
    assert [entry["rank"] for entry in ranking] == list(range(1, 6))
    for entry in ranking:
        assert set(entry) >= {"rank", "alternative", "score", "contributions"}
        assert sum(entry["contributions"].values()) == pytest.approx(entry["score"], abs=1e-12)
        assert 0 <= entry["score"] <= 1
    weights = data["weights"]
    assert isinstance(weights, dict)
    assert sum(weights.values()) == pytest.approx(1.0)
    assert weights == pytest.approx(normalised(base_weights()))
    assert data["weight_notes"] == []
    manifest = data["manifest"]
    assert isinstance(manifest, dict)
    assert manifest["sha256"] == hashlib.sha256(CRITERIA.read_bytes()).hexdigest()
    assert manifest["version"] == model.__version__
    assert manifest["method"] == "weighted_sum"


def test_rank_csv_parses_with_one_row_per_alternative() -> None:
    """`rank --format csv` is a CSV after '#' lines; one row per alternative, best first."""
    code, out, _ = run("rank", CRITERIA, "--format", "csv")
    assert code == 0
    assert out.startswith("# ")
    table = pd.read_csv(io.StringIO(out), comment="#")
    names = model.load(CRITERIA).alternative_names
    assert sorted(table["alternative"]) == sorted(names)
    assert len(table) == len(names)
    assert list(table["rank"]) == sorted(table["rank"])
    contribution_columns = [c for c in table.columns if c.startswith("contribution_")]
    assert len(contribution_columns) == len(base_weights())
    for _, row in table.iterrows():
        assert sum(row[c] for c in contribution_columns) == pytest.approx(row["score"], abs=1e-5)


def test_rank_markdown_has_a_pipe_table() -> None:
    """`rank --format markdown` holds a pipe table with the header and one row per alternative."""
    code, out, _ = run("rank", CRITERIA, "--format", "markdown")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert rows[0].startswith("| rank | range | alternative | score |")
    assert re.fullmatch(r"\|(?:-{3}:|:-{3})(?:\|(?:-{3}:|:-{3}))+\|", rows[1])
    assert len(rows) == 2 + 5 + 1  # header, rule, alternatives, weights
    assert "| 1 | " in rows[2]


def test_weight_what_if_changes_weights_and_notes() -> None:
    """`--weight extradition_risk=0` zeroes that weight, renormalises the rest, and says so."""
    data = run_json("rank", CRITERIA, "--weight", "extradition_risk=0")
    expected = normalised({**base_weights(), "extradition_risk": 0.0})
    assert data["weights"] == pytest.approx(expected)
    assert data["weights"]["extradition_risk"] == 0.0
    assert data["weight_notes"] == ["what-if: extradition_risk=0"]
    manifest = data["manifest"]
    assert isinstance(manifest, dict)
    assert manifest["weights_from"] == ["base weights of the file", "what-if: extradition_risk=0"]


def test_repeated_weight_options_all_apply() -> None:
    """Several --weight options apply together."""
    data = run_json("rank", CRITERIA, "--weight", "extradition_risk=0", "--weight", "financial_networks=45")
    expected = normalised({**base_weights(), "extradition_risk": 0.0, "financial_networks": 45.0})
    assert data["weights"] == pytest.approx(expected)
    assert data["weight_notes"] == ["what-if: extradition_risk=0, financial_networks=45"]


def test_weight_option_shows_in_table_output() -> None:
    """The table says where its weights came from."""
    code, out, _ = run("rank", CRITERIA, "--weight", "extradition_risk=0")
    assert code == 0
    assert "weights: base weights of the file + what-if: extradition_risk=0" in out


def test_scenario_changes_weights() -> None:
    """`--scenario money_first` applies the scenario's weights and notes it."""
    problem = model.load(CRITERIA)
    data = run_json("rank", CRITERIA, "--scenario", "money_first")
    expected = normalised({**base_weights(), **problem.scenarios["money_first"].weights})
    assert data["weights"] == pytest.approx(expected)
    assert data["weights"] != pytest.approx(normalised(base_weights()))
    assert data["weight_notes"] == ["scenario 'money_first'"]


def test_scenario_then_weight_apply_in_that_order() -> None:
    """A --weight on top of a --scenario changes only the criterion it names."""
    problem = model.load(CRITERIA)
    data = run_json("rank", CRITERIA, "--scenario", "money_first", "--weight", "us_relations=0")
    expected = normalised({**base_weights(), **problem.scenarios["money_first"].weights, "us_relations": 0.0})
    assert data["weights"] == pytest.approx(expected)
    assert data["weight_notes"] == ["scenario 'money_first'", "what-if: us_relations=0"]


@pytest.mark.parametrize(
    ("argv", "named", "suggestion"),
    [
        (["--scenario", "money_frist"], "unknown scenario 'money_frist'", "did you mean 'money_first'?"),
        (
            ["--weight", "extradition_risc=1"],
            "unknown criterion 'extradition_risc'",
            "did you mean 'extradition_risk'?",
        ),
        (["--method", "weighted_summ"], "unknown --method 'weighted_summ'", "weighted_sum"),
    ],
)
def test_misspelt_names_exit_2_with_did_you_mean(argv: list[str], named: str, suggestion: str) -> None:
    """A misspelt scenario, criterion or method exits 2, suggests the right name, prints nothing on stdout."""
    code, out, err = run("rank", CRITERIA, *argv)
    assert code == 2
    assert out == ""
    assert named in err
    assert suggestion in err


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--scenario", "nope"], "unknown scenario 'nope'; expected one of: equal_weights, safety_first"),
        (["--weight", "bogus=1"], "unknown criterion 'bogus'; expected one of: extradition_risk, willingness_to_host"),
    ],
)
def test_unknown_names_exit_2_and_list_the_valid_ones(argv: list[str], named: str) -> None:
    """A name that resembles nothing exits 2 and lists the valid names (one line, no traceback)."""
    code, out, err = run("rank", CRITERIA, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("exile-model: " + named)
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("spec", ["extradition_risk=abc", "=3", "extradition_risk", "extradition_risk=", " =1"])
def test_malformed_weight_exits_2(spec: str) -> None:
    """A --weight that is not CRITERION=NUMBER is a usage error."""
    code, out, err = run("rank", CRITERIA, "--weight", spec)
    assert_usage_error(code, out, err)
    assert "expected CRITERION=VALUE" in err
    assert repr(spec) in err


@pytest.mark.parametrize("value", ["-1", "-0.5", "nan", "inf"])
def test_negative_or_non_finite_weight_exits_2(value: str) -> None:
    """A negative or non-finite weight is refused with exit 2 and a message naming the criterion."""
    code, out, err = run("rank", CRITERIA, f"--weight=extradition_risk={value}")
    assert code == 2
    assert out == ""
    assert err.startswith("exile-model: weight of 'extradition_risk': expected a number in [0, 1e+12]")


def test_all_weights_zero_exits_2() -> None:
    """Zeroing every weight is refused."""
    argv = [arg for name in base_weights() for arg in ("--weight", f"{name}=0")]
    code, out, err = run("rank", CRITERIA, *argv)
    assert code == 2
    assert out == ""
    assert "at least one positive weight" in err


# ----- evidence -------------------------------------------------------------------------------
def test_evidence_for_one_cell_lists_quotes_with_file_and_line() -> None:
    """`evidence --alternative Turkey --criterion financial_networks` shows that cell's quotes at file:line."""
    problem = model.load(CRITERIA)
    score = problem.score("Turkey", "financial_networks")
    code, out, err = run("evidence", CRITERIA, "--alternative", "Turkey", "--criterion", "financial_networks")
    assert code == 0
    assert err == ""
    assert out.startswith("Turkey · financial_networks (")
    assert out.count(" · ") == 1  # one cell only
    assert f"value: {score.describe()}" in out
    expected = {
        "has been moving gold there forever": line_of(WAPO, "has been moving gold there forever"),
        "have enough wealth and networks there": line_of(WAPO, "have enough wealth and networks there"),
        "into Turkish accounts personally held": line_of(WAPO, "into Turkish accounts personally held"),
    }
    lines = out.splitlines()
    quote_lines = [(line, lines[i + 1]) for i, line in enumerate(lines) if line.startswith("  [wapo_turkey ")]
    assert len(quote_lines) == len(score.evidence) == 4
    for phrase, line in expected.items():
        assert any(f"{WAPO.name}:{line}]" in q and "«" in text and phrase in text for q, text in quote_lines), (
            phrase,
            line,
            quote_lines,
        )


def test_evidence_for_one_alternative_covers_every_criterion() -> None:
    """`evidence --alternative Belarus` shows one block per criterion, unknown cells saying they are unsupported."""
    problem = model.load(CRITERIA)
    code, out, _ = run("evidence", CRITERIA, "--alternative", "Belarus")
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("Belarus · ")]
    assert [h.split()[2] for h in headers] == list(problem.criterion_ids)
    unknown = [s for s in problem.cells() if s.alternative == "Belarus" and s.kind == "unknown"]
    assert out.count("evidence: none (rationale only)") == len(unknown)


def test_evidence_misspelt_alternative_exits_2_with_did_you_mean() -> None:
    """`evidence --alternative Turky` exits 2 and suggests Turkey."""
    code, out, err = run("evidence", CRITERIA, "--alternative", "Turky")
    assert code == 2
    assert out == ""
    assert "unknown alternative 'Turky'" in err
    assert "did you mean 'Turkey'?" in err


def test_evidence_misspelt_criterion_exits_2_with_did_you_mean() -> None:
    """`evidence --criterion us_relation` exits 2 and suggests us_relations."""
    code, out, err = run("evidence", CRITERIA, "--criterion", "us_relation")
    assert code == 2
    assert out == ""
    assert "did you mean 'us_relations'?" in err


def test_evidence_json() -> None:
    """`evidence --format json` parses: one record per cell, verified quotes with lines."""
    problem = model.load(CRITERIA)
    data = run_json("evidence", CRITERIA)
    cells = data["cells"]
    assert isinstance(cells, list)
    assert [(c["alternative"], c["criterion"]) for c in cells] == [
        (s.alternative, s.criterion) for s in problem.cells()
    ]
    for cell in cells:
        for item in cell["evidence"]:
            assert isinstance(item["line"], int)
            assert Path(item["file"]).name in {p.name for p in SEEDS.iterdir()}
    data = run_json("evidence", CRITERIA, "--alternative", "Cuba", "--criterion", "freedom_of_movement")
    assert isinstance(data["cells"], list)
    assert len(data["cells"]) == 1


def test_evidence_markdown() -> None:
    """`evidence --format markdown` has a heading per cell."""
    code, out, _ = run("evidence", CRITERIA, "--alternative", "Iran", "--format", "markdown")
    assert code == 0
    assert out.count("### Iran · ") == len(base_weights())


# ----- invalid input --------------------------------------------------------------------------
BROKEN_YAML = """\
version: 1
title: Broken
method: weighted_summ
criteria:
  safety:
    direction: benefitt
    weight: 3
    scale: {min: 1, max: 9}
  cost:
    direction: cost
    weight: -2
    scale: {min: 1, max: 9}
alternatives:
  Atlantis:
    description: somewhere
scores:
  Atlantis:
    safety: {value: 5, confidence: sure, rationale: because}
    cost: {value: 12, confidence: high, rationale: because}
"""


@pytest.mark.parametrize("command", ["check", "rank", "evidence"])
def test_broken_yaml_lists_every_problem_with_location(tmp_path: Path, command: str) -> None:
    """A file with several errors: exit 2, one located message per problem on stderr, a count, no stdout."""
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN_YAML, encoding="utf-8")
    code, out, err = run(command, path)
    assert code == 2
    assert out == ""
    expected = [
        (3, 9, "method: expected a method", "did you mean 'weighted_sum'?"),
        (6, 16, "criteria.safety.direction: expected a direction", "did you mean 'benefit'?"),
        (11, 13, "criteria.cost.weight: expected a weight >= 0, got -2", None),
        (18, 36, "scores.Atlantis.safety.confidence: expected a confidence", None),
        (19, 19, "scores.Atlantis.cost.value: expected a number in [1, 9]", None),
    ]
    messages = [line for line in err.splitlines() if line.startswith(str(path))]
    assert len(messages) == len(expected), err
    for message, (line, column, text, hint) in zip(messages, expected, strict=True):
        assert message.startswith(f"{path}:{line}:{column}: {text}"), message
        if hint:
            assert hint in err
    assert err.rstrip().endswith(f"{len(expected)} problems found; nothing was computed.")
    assert "Traceback" not in err


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    """A YAML syntax error exits 2 with a file:line:col message."""
    path = tmp_path / "syntax.yaml"
    path.write_text("version: 1\ntitle: [unclosed\n", encoding="utf-8")
    code, out, err = run("check", path)
    assert code == 2
    assert out == ""
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", err)
    assert err.rstrip().endswith("1 problem found; nothing was computed.")


def test_misquote_is_reported_with_closest_passage(tmp_path: Path) -> None:
    """A quote not in its source exits 2 with the cell's location and a hint naming the real line."""
    text = f"""\
version: 1
title: One cell
sources:
  wapo:
    file: {WAPO.name}
    title: The article
criteria:
  money: {{direction: benefit, weight: 1, scale: {{min: 1, max: 9}}}}
alternatives:
  Turkey:
scores:
  Turkey:
    money:
      value: 9
      confidence: high
      rationale: Gold.
      evidence:
        - source: wapo
          quote: "has been moving silver there forever"
"""
    path = tmp_path / "misquote.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(WAPO, tmp_path / WAPO.name)  # a source lives in the model's folder
    code, out, err = run("check", path)
    assert code == 2
    assert out == ""
    assert err.startswith(f"{path}:19:18: scores.Turkey.money.evidence[0].quote: expected a passage of source")
    assert f"closest passage (line {line_of(WAPO, 'has been moving gold there forever')}, " in err
    assert "the quote has 'silver' where the document has 'gold'" in err
    assert err.rstrip().endswith("1 problem found; nothing was computed.")


@pytest.mark.parametrize("command", ["check", "rank", "evidence"])
def test_missing_file_exits_2(tmp_path: Path, command: str) -> None:
    """A file that does not exist exits 2 with one message naming it."""
    missing = tmp_path / "nope.yaml"
    code, out, err = run(command, missing)
    assert code == 2
    assert out == ""
    assert err.startswith(f"{missing}: ")
    assert "No such file" in err
    assert err.rstrip().endswith("1 problem found; nothing was computed.")


def test_directory_instead_of_file_exits_2(tmp_path: Path) -> None:
    """A directory is not a model file."""
    code, out, err = run("check", tmp_path)
    assert code == 2
    assert out == ""
    assert "expected a YAML file, got a directory" in err


# ----- usage ----------------------------------------------------------------------------------
def test_no_command_exits_2_with_hint() -> None:
    """No command is a usage error."""
    code, out, err = run()
    assert_usage_error(code, out, err)
    assert "COMMAND" in err


def test_unknown_command_exits_2_with_hint() -> None:
    """An unknown command is a usage error that lists the commands."""
    code, out, err = run("frob", CRITERIA)
    assert_usage_error(code, out, err)
    assert "unknown command 'frob'; expected one of: check, pin" in err
    for command in ("check", "rank", "evidence"):
        assert command in err


@pytest.mark.parametrize(
    "argv",
    [["rank", "FILE", "--frob"], ["check", "FILE", "--format", "csv"], ["--frob"], ["rank"], ["evidence", "FILE", "x"]],
)
def test_unknown_flag_or_bad_option_exits_2_with_hint(argv: list[str]) -> None:
    """Unknown flags, bad choices, missing and extra arguments are usage errors."""
    code, out, err = run(*[CRITERIA if arg == "FILE" else arg for arg in argv])
    assert_usage_error(code, out, err)


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` and `rank --help` exit 0 and describe the commands and options."""
    code, out, err = run("--help")
    assert code == 0
    assert err == ""
    text = out + capsys.readouterr().out
    for command in ("check", "rank", "evidence"):
        assert command in text
    code, out, _ = run("rank", "--help")
    assert code == 0
    text = out + capsys.readouterr().out
    assert "--weight" in text
    assert "--scenario" in text


def test_version_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """`--version` exits 0 and prints the engine version."""
    code, out, _ = run("--version")
    assert code == 0
    assert f"exile-model {model.__version__}" in out + capsys.readouterr().out


# ----- internal errors ------------------------------------------------------------------------
def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("kaboom")


@pytest.mark.parametrize(("module", "name"), [(model.ranking, "evaluate"), (model.render.ranking, "render_ranking")])
def test_internal_error_exits_3_without_traceback(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """A bug inside the engine exits 3 with 'internal error' and the version; no traceback, nothing on stdout."""
    monkeypatch.setattr(module, name, _boom)
    code, out, err = run("rank", CRITERIA)
    assert code == 3
    assert out == ""
    assert f"exile-model {model.__version__}: internal error: RuntimeError: kaboom" in err
    assert "Traceback" not in err
    assert "bug" in err


def test_internal_error_in_check_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 3 covers every command, not only rank."""
    monkeypatch.setattr(model.render.evidence, "check_text", _boom)
    code, out, err = run("check", CRITERIA)
    assert code == 3
    assert out == ""
    assert "internal error" in err


# ----- the input is only read -----------------------------------------------------------------
def test_no_command_modifies_its_input(tmp_path: Path) -> None:
    """Every command leaves the model file and its sources byte-identical, with the same mtime."""
    path = copy_model(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN_YAML, encoding="utf-8")
    before = snapshot(tmp_path)
    commands: list[list[str | Path]] = [
        ["check", path],
        ["check", path, "--format", "json"],
        ["check", broken],
        ["rank", broken],
        ["evidence", path],
        ["evidence", path, "--format", "json", "--alternative", "Cuba"],
        ["rank", path, "--weight", "extradition_risk=0", "--scenario", "safety_first"],
        ["rank", path, "--weight", "bogus=1"],
    ]
    commands += [["rank", path, "--format", fmt] for fmt in ("table", "markdown", "csv", "json")]
    codes = [run(*argv)[0] for argv in commands]
    assert codes == [0, 0, 2, 2, 0, 0, 0, 2, 0, 0, 0, 0]
    assert snapshot(tmp_path) == before


# ----- real entry points ----------------------------------------------------------------------
def test_console_script_runs_rank(tmp_path: Path) -> None:
    """The installed `exile-model` script ranks the shipped model from any directory."""
    assert EXILE_MODEL.exists(), f"console script not installed at {EXILE_MODEL}"
    done = subprocess.run(
        [str(EXILE_MODEL), "rank", str(CRITERIA), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["ranking"]) == 5
    assert data["manifest"]["sha256"] == hashlib.sha256(CRITERIA.read_bytes()).hexdigest()


def test_python_dash_m_model_reports_exit_codes(tmp_path: Path) -> None:
    """`python -m model` runs the same CLI: exit 0 for check, 2 for a misspelt alternative."""
    ok = subprocess.run(
        [sys.executable, "-m", "model", "check", str(CRITERIA), "--no-quotes"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "quotes verified:" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "model", "evidence", str(CRITERIA), "--alternative", "Turky"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "did you mean 'Turkey'?" in bad.stderr


@pytest.mark.parametrize("command", ["check", "rank"])
def test_check_and_rank_do_not_import_heavy_libraries(command: str) -> None:
    """`check` and `rank` never try to import scipy, matplotlib or pandas (fast start).

    An import hook records every attempt, so the test holds whether or not they are installed.
    """
    code = (
        "import sys\n"
        "class Spy:\n"
        "    seen = set()\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('scipy', 'matplotlib', 'pandas'):\n"
        "            Spy.seen.add(name.split('.')[0])\n"
        "        return None\n"
        "sys.meta_path.insert(0, Spy())\n"
        f"import model.cli; code = model.cli.main([{command!r}, 'criteria.yaml'])\n"
        "print(code, sorted(Spy.seen))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Turkey" in done.stdout  # the command really ran
    assert done.stdout.splitlines()[-1] == "0 []"


def test_the_same_weight_twice_is_refused_not_silently_overwritten() -> None:
    """Two --weight values for one criterion would hide which one counts: exit 2, name it."""
    code, out, err = run("rank", CRITERIA, "--weight", "host_ties=1", "--weight", "host_ties=2")
    assert code == 2
    assert out == ""
    assert "host_ties more than once" in err
