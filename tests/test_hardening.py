"""Hostile files and edge-case input: never a traceback, a hang, a leak or a silently wrong figure.

Each test here failed before its fix: huge or over-long numbers, FIFOs and devices as the model,
over-long names, absurd sample counts, narrow output encodings, control characters and formula
or HTML look-alikes in names, SIGTERM in the middle of a report, an output target that cannot be
written, CSV that must round-trip every legal name, and matrices off their scale.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
import model.cli
from model.render.common import csv_text, csv_text_back

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "criteria.yaml"

SMALL = """\
version: 1
title: Small
criteria:
  risk: {direction: cost, weight: 2, scale: {min: 0, max: 10}}
  money: {direction: benefit, weight: 1, scale: {min: 0, max: 10}}
alternatives:
  ALPHA:
  BETA:
scores:
  ALPHA:
    risk: {value: 3, confidence: high, rationale: r}
    money: {value: 7, confidence: high, rationale: r}
  BETA:
    risk: {value: 5, confidence: high, rationale: r}
    money: {value: 5, confidence: high, rationale: r}
scenarios:
  heavy:
    weights: {risk: 5}
"""


def run(*argv: object, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = model.cli.main([str(arg) for arg in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def write(folder: Path, text: str, name: str = "m.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ----- numbers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("weight: 2,", "weight: 1e999,", "criteria.risk.weight"),
        ("weight: 2,", "weight: " + "9" * 5000 + ",", "criteria.risk.weight"),
        ("max: 10}}\n  money", "max: 1e999}}\n  money", "criteria.risk.scale.max"),
        ("weights: {risk: 5}", "weights: {risk: 1e999}", "scenarios.heavy.weights.risk"),
        ("weight: 2,", "weight: 1e308,", "criteria.risk.weight"),
        ("min: 0, max: 10}}\n  money", "min: -1e308, max: 1e308}}\n  money", "criteria.risk.scale.min"),
    ],
)
def test_numbers_out_of_range_are_located_errors(tmp_path: Path, old: str, new: str, where: str) -> None:
    path = write(tmp_path, SMALL.replace(old, new, 1))
    for command in ("check", "rank"):
        code, out, err = run(command, path)
        assert code == 2 and out == ""
        assert f": {where}: expected " in err and "internal error" not in err
        assert len(err) < 2000  # a 5,000-digit number is not echoed in full


def test_a_what_if_weight_that_would_overflow_is_refused() -> None:
    code, _, err = run("rank", CRITERIA, "--weight", "extradition_risk=1e308", "--weight", "host_ties=1e308")
    assert code == 2 and "expected a number in [0, 1e+12]" in err


def test_sums_of_the_largest_allowed_numbers_stay_finite(tmp_path: Path) -> None:
    text = SMALL.replace("weight: 2,", "weight: 1e12,").replace("weight: 1,", "weight: 1e12,")
    text = text.replace("{min: 0, max: 10}}\n  money", "{min: -1e12, max: 1e12}}\n  money")
    text = text.replace("risk: {value: 3,", "risk: {value: 1e12,").replace("risk: {value: 5,", "risk: {value: -1e12,")
    problem = model.loads(text, name="m.yaml")
    ranking = model.evaluate(problem)
    assert np.all(np.isfinite(ranking.scores)) and np.all(np.isfinite(problem.normalized_weights))
    report = model.sensitivity(problem)
    assert np.all(np.isfinite(report.stability.top))


# ----- the model file itself -------------------------------------------------------------------
def test_a_fifo_or_a_device_as_the_model_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)
    code = "import sys, model.cli; sys.exit(model.cli.main(['check', sys.argv[1]]))"
    for target in (fifo, Path("/dev/zero")):
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", code, str(target)], check=False, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2, done.stderr
        assert "expected a regular file" in done.stderr
        assert time.monotonic() - start < 30


def test_an_over_long_model_name_is_a_clean_error(tmp_path: Path) -> None:
    code, out, err = run("check", tmp_path / ("x" * 300 + ".yaml"))
    assert code == 2 and out == "" and "at most 255 bytes" in err


# ----- sample counts ---------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["smaa", "report"])
def test_absurd_sample_counts_are_refused_at_once(command: str, tmp_path: Path) -> None:
    start = time.monotonic()
    code, _, err = run(
        command,
        CRITERIA,
        "--samples",
        "1000000000000",
        "-o" if command == "report" else "--top",
        tmp_path / "r.html" if command == "report" else "3",
    )
    assert code == 2 and "expected a whole number in [1, 100,000,000], got '1000000000000'" in err
    assert time.monotonic() - start < 5
    assert not (tmp_path / "r.html").exists()


# ----- output encodings ------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize(
    "command",
    [
        ["check", "criteria.yaml"],
        ["rank", "criteria.yaml"],
        ["evidence", "criteria.yaml"],
        ["sensitivity", "criteria.yaml"],
        ["smaa", "criteria.yaml", "--samples", "2000", "--drivers-samples", "500"],
        ["explain", "criteria.yaml"],
        ["compare", "criteria.yaml"],
        ["compare-methods", "criteria.yaml"],
        ["uncited", "criteria.yaml"],
    ],
)
def test_narrow_encodings_degrade_instead_of_crashing(encoding: str, command: list[str]) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    done = subprocess.run(
        [sys.executable, "-m", "model", *command], cwd=ROOT, env=environment, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr
    text = done.stdout.decode(encoding)
    assert "Turkey" in text or "Belarus" in text


# ----- names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("  ALPHA:\n  BETA:", '  "AL\\ePHA":\n  BETA:', "the control character U+001B"),
        ("  ALPHA:\n  BETA:", '  "AL\\aPHA":\n  BETA:', "the control character U+0007"),
        ("  ALPHA:\n  BETA:", '  "AL\\nPHA":\n  BETA:', "a line break or tab"),
        ("title: Small", 'title: "Sm\\u202eall"', "the control character U+202E"),
        ("risk: {direction", 'risk: {label: "Ri\\tsk", direction', "a line break or tab"),
    ],
)
def test_control_characters_in_names_are_refused_at_load(tmp_path: Path, old: str, new: str, what: str) -> None:
    code, out, err = run("check", write(tmp_path, SMALL.replace(old, new, 1)))
    assert code == 2 and out == ""
    assert f"without control characters, got one with {what}" in err
    assert "\x1b" not in err and "\x07" not in err


def test_formula_and_html_look_alikes_are_neutralised_per_output(tmp_path: Path) -> None:
    text = SMALL.replace("ALPHA", "'=HYPERLINK(\"x\")'").replace("BETA", "<script>alert(1)</script>")
    path = write(tmp_path, text)
    code, csv_out, _ = run("rank", path, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(csv_out.split("\n", 3)[3])))
    names = {row[1] for row in rows[1:]}
    assert '\'=HYPERLINK("x")' in names  # guarded: a spreadsheet shows it as text
    code, md, _ = run("rank", path, "--format", "markdown")
    assert "<script>" not in md and "&lt;script&gt;" in md
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in html


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"),
            min_size=1,
            max_size=12,
        ).filter(lambda s: s == s.strip() and s.strip()),
        min_size=2,
        max_size=4,
        unique=True,
    )
)
def test_the_csv_recipe_round_trips_every_legal_name(names: list[str]) -> None:
    """README's recipe: pandas.read_csv(path, skiprows=3, keep_default_na=False,
    converters={"alternative": csv_text_back}) gives back every name: NA, #, quotes, =, '."""
    problem = model.DecisionProblem.from_matrix(
        np.linspace(0.1, 0.9, len(names))[:, None], alternatives=names, criteria=["c"], weights=[1]
    )
    from model.render.ranking import ranking_csv

    text = ranking_csv(model.evaluate(problem))
    table = pd.read_csv(io.StringIO(text), skiprows=3, keep_default_na=False, converters={"alternative": csv_text_back})
    assert sorted(table["alternative"]) == sorted(names)


def test_csv_guard_and_its_inverse() -> None:
    for name in ["=1+1", "+x", "-y", "@z", "\tTab", "'quoted", "NA", "plain", "#hash"]:
        assert csv_text_back(csv_text(name)) == name
        assert csv_text(name)[:1] not in ("=", "+", "-", "@", "\t")


# ----- signals and output targets --------------------------------------------------------------
def test_sigterm_during_a_report_leaves_no_temporary_files(tmp_path: Path) -> None:
    leftovers = []
    for attempt in range(6):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "model",
                "report",
                str(CRITERIA),
                "-o",
                str(folder / "r.html"),
                "--samples",
                "20000",
                "--figures",
                str(folder / "figs"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(1.0 + 0.4 * attempt)
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=120)
        assert child.returncode in (0, 143, -signal.SIGTERM), err
        leftovers += [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_every_output_target_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    blocker = tmp_path / "figures"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    code, _, err = run("report", CRITERIA, "-o", tmp_path / "r.html", "--figures", blocker, "--samples", "100")
    assert code == 2 and "exists and is not a folder; nothing was written" in err
    assert not (tmp_path / "r.html").exists()
    code, _, err = run("report", CRITERIA, "-o", tmp_path, "--samples", "100")
    assert code == 2 and "is a folder" in err
    code, _, err = run("report", CRITERIA, "-o", tmp_path / "out.yaml", "--samples", "100")
    assert code == 2 and "looks like) the input model" in err


# ----- matrices --------------------------------------------------------------------------------
def test_from_matrix_refuses_values_off_the_scale_and_accepts_dataframes() -> None:
    with pytest.raises(model.RequestError, match=r"matrix\[0, 1\] \(a, y\): expected a value on the scale \[0, 1\]"):
        model.DecisionProblem.from_matrix([[0.5, 250.0]], alternatives=["a"], criteria=["x", "y"], weights=[1, 1])
    with pytest.raises(model.RequestError, match="expected a finite number"):
        model.DecisionProblem.from_matrix([[np.nan]], alternatives=["a"], criteria=["x"], weights=[1])
    frame = pd.DataFrame({"x": [250.0, 100.0], "y": [1.0, 3.0]}, index=["a", "b"])
    problem = model.DecisionProblem.from_matrix(frame, scale="observed")
    assert problem.alternative_names == ("a", "b") and problem.criterion_ids == ("x", "y")
    assert [(c.scale.min, c.scale.max) for c in problem.criteria] == [(100.0, 250.0), (1.0, 3.0)]
    constant = model.DecisionProblem.from_matrix([[2.0, 1.0], [2.0, 0.0]], scale="observed")
    assert (constant.criteria[0].scale.min, constant.criteria[0].scale.max) == (1.5, 2.5)
    assert model.evaluate(constant).winners == ("A1",)


# ----- size limits -------------------------------------------------------------------------------
def _large(m: int, n: int = 4) -> model.DecisionProblem:
    values = np.random.default_rng(0).uniform(0, 10, (m, n))
    return model.DecisionProblem.from_matrix(
        values,
        alternatives=[f"A{i}" for i in range(m)],
        criteria=[f"c{j}" for j in range(n)],
        weights=list(range(1, n + 1)),
        scale=(0, 10),
        low=np.clip(values - 1, 0, 10),
        high=np.clip(values + 1, 0, 10),
    )


def test_every_pair_analyses_refuse_above_their_tested_size() -> None:
    from model.analysis.sensitivity import MAX_PAIRWISE_ALTERNATIVES, stability_intervals

    problem = _large(MAX_PAIRWISE_ALTERNATIVES + 1)
    for call in (model.sensitivity, stability_intervals):
        with pytest.raises(model.RequestError, match=r"expected at most 1,000 alternatives, got 1,001"):
            call(problem)


def test_analyses_that_scale_run_at_8000_alternatives_in_bounded_memory() -> None:
    """rank with its rank ranges, explain and the tornado are linear (or a boolean m × m at most)."""
    problem = _large(8000)
    ranking = model.evaluate(problem)
    ranges = model.rank_ranges(problem)
    assert ranges.best_rank.min() == 1 and len(ranges.places) == 8000
    why = model.explain(problem)
    assert why.alternative == ranking.alternatives[ranking.order[0]]
    from model.analysis.sensitivity import tornado

    assert tornado(problem).winner == why.alternative


def test_smaa_refuses_more_alternatives_than_its_tables_are_tested_for() -> None:
    """8,000 alternatives took 5.4 GB (alternatives x alternatives tables); 1,000 take about 200 MB."""
    from model.analysis.smaa import MAX_SMAA_ALTERNATIVES

    problem = _large(MAX_SMAA_ALTERNATIVES + 1)
    with pytest.raises(model.RequestError, match=r"expected at most 1,000 alternatives, got 1,001") as caught:
        model.smaa(problem, samples=100, seed=0)
    assert "rank" in str(caught.value)
    result = model.smaa(_large(MAX_SMAA_ALTERNATIVES), samples=200, seed=0)
    assert result.rank_acceptability.shape == (1000, 1000)


def test_library_refuses_absurd_sample_counts_at_once() -> None:
    """A trillion draws once ran for hours; the library now refuses above the CLI's ceiling."""
    from model.analysis.smaa import MAX_SAMPLES
    from model.cli import MAX_SAMPLES as CLI_MAX_SAMPLES

    assert MAX_SAMPLES == CLI_MAX_SAMPLES
    problem = model.load(ROOT / "criteria.yaml")
    for call in (model.smaa, model.decision_drivers):
        with pytest.raises(model.RequestError, match=r"expected at most 100,000,000 draws, got 1,000,000,000,000"):
            call(problem, samples=10**12, seed=0)
