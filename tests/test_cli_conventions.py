"""Command-line conventions: --quiet, `-` for standard input and output, JSON errors, Markdown that a
CommonMark/GFM parser reads as meant, and a "did you mean" for mistyped commands and methods."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import model.cli

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "criteria.yaml"
REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"


def run(*argv: object, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = model.cli.main(
        [str(arg) for arg in argv], out=out, err=err, stdin=io.StringIO(stdin) if stdin is not None else None
    )
    return code, out.getvalue(), err.getvalue()


def test_quiet_keeps_only_the_result() -> None:
    code, out, err = run("rank", REFERENCE)
    assert code == 0 and "25 warnings" in err
    code, quiet, err = run("rank", REFERENCE, "--quiet")
    assert code == 0 and err == "" and quiet == out
    code, out, err = run("check", REFERENCE, "-q")
    assert code == 0 and err == ""


def test_a_model_read_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # its sources resolve against the working folder
    text = CRITERIA.read_text(encoding="utf-8")
    code, from_stdin, err = run("rank", "-", stdin=text)
    code_file, from_file, _ = run("rank", "criteria.yaml")
    assert code == code_file == 0 and err == ""
    assert from_stdin.replace("<stdin>", "criteria.yaml") == from_file
    code, out, _ = run("pin", "-", stdin=text)
    assert code == 0 and "# pinned: matches" in out
    code, out, _ = run("diff", "criteria.yaml", "-", stdin=text)
    assert code == 0 and "No changes that affect the model." in out
    code, _, err = run("diff", "-", "-", stdin=text)
    assert code == 2 and "only one of OLD and NEW" in err


def test_report_to_standard_output(tmp_path: Path) -> None:
    code, out, err = run("report", CRITERIA, "-o", "-", "--samples", "300")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert not (Path.cwd() / "-").exists()
    assert err == ""


def test_check_json_on_a_bad_file_is_a_json_list_of_issues(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\ntitle: x\ncriteria:\n  c: {direction: cots, weight: 1, scale: {min: 0, max: 1}}\n")
    code, out, err = run("check", bad, "--format", "json")
    assert code == 2 and err == ""
    data = json.loads(out)
    assert data["ok"] is False
    first = data["issues"][0]
    assert set(first) == {"file", "line", "column", "path", "code", "message", "hint"}
    assert any(i["path"] == "criteria.c.direction" and i["hint"] == "did you mean 'cost'?" for i in data["issues"])
    code, out, _ = run("check", CRITERIA, "--format", "json")
    assert code == 0 and json.loads(out)["ok"] is True


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", CRITERIA, "--format", "markdown"],
        ["compare-methods", CRITERIA, "--format", "markdown"],
        ["diff", CRITERIA, REFERENCE, "--format", "markdown", "-q"],
        ["sensitivity", CRITERIA, "--format", "markdown"],
        ["compare", CRITERIA, "--format", "markdown"],
        ["explain", CRITERIA, "--format", "markdown"],
        ["uncited", CRITERIA, "--format", "markdown"],
        ["evidence", CRITERIA, "--format", "markdown", "--alternative", "Turkey"],
    ],
)
def test_markdown_tables_parse_as_tables_and_footers_stay_outside(argv: list[object]) -> None:
    code, out, _ = run(*argv)
    assert code == 0
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(out)
    tables = [t for t in tokens if t.type == "table_open"]
    rows_in_tables = sum(1 for t in tokens if t.type == "tr_open")
    pipe_rows = [line for line in out.splitlines() if line.startswith("|") and not set(line) <= set("|:- ")]
    assert len(tables) == out.count("\n|:") + out.count("\n|-") or tables
    assert rows_in_tables == len(pipe_rows)  # every pipe row is a table row, and nothing else is
    html = parser.render(out)
    for line in out.splitlines():
        if line and not line.startswith(("|", "#", "-", "`", " ")) and "·" in line:
            assert "<td>" + line.split(" · ")[0] not in html  # a manifest/footer line is never a cell


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["rnak", CRITERIA], "unknown command 'rnak'"),
        (["rank", CRITERIA, "--method", "topsys"], "unknown --method 'topsys'"),
        (["smaa", CRITERIA, "--weights", "uniformly"], "unknown --weights 'uniformly'"),
    ],
)
def test_mistyped_commands_and_choices_get_a_did_you_mean(argv: list[object], said: str) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert said in err and "did you mean" in err


def test_output_never_goes_to_a_file_named_dash(tmp_path: Path) -> None:
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        run("report", CRITERIA, "-o", "-", "--samples", "200")
    finally:
        os.chdir(here)
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize(
    "argv",
    [
        ["check", CRITERIA],
        ["rank", CRITERIA],
        ["rank", CRITERIA, "--method", "vikor"],
        ["evidence", CRITERIA, "--alternative", "Turkey"],
        ["sensitivity", CRITERIA],
        ["smaa", CRITERIA, "--samples", "2000", "--drivers-samples", "500"],
        ["explain", CRITERIA],
        ["compare", CRITERIA],
        ["compare-methods", CRITERIA],
        ["uncited", CRITERIA],
        ["weights", CRITERIA],
    ],
)
def test_text_output_fits_the_terminal_width(monkeypatch: pytest.MonkeyPatch, width: int, argv: list[object]) -> None:
    """Every line fits COLUMNS; a table too wide for it is stacked, never wrapped mid-row by the terminal."""
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(*argv)
    assert code == 0, err
    too_long = [line for line in out.splitlines() if len(line) > width]
    assert too_long == []
    # a stacked row's name-value pairs wrap after their separator, never before it
    assert not [line for line in out.splitlines() if line.lstrip().startswith("· ")]
    if width >= 120:
        assert any(line.startswith("----") or "  ---" in line for line in out.splitlines()) or argv[0] in (
            "check",
            "evidence",
            "uncited",
        )


def test_without_a_terminal_or_columns_the_width_is_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run("rank", CRITERIA)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
