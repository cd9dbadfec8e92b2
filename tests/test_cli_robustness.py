"""The robustness commands of the CLI: `sensitivity` and `smaa`, the verdict and the progress bar."""

from __future__ import annotations

import io
import json
import math
import shutil
from pathlib import Path

import pytest

import model
import model.cli
from model.cli import ProgressBar

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"  # v0.1 encoding, frozen


def run(*argv: str | Path, err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), err or io.StringIO()
    code = model.cli.main([str(arg) for arg in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# ----- sensitivity -------------------------------------------------------------------------------
def test_sensitivity_table_has_every_section_and_the_exact_flip_weight() -> None:
    code, out, err = run("sensitivity", CRITERIA)
    assert code == 0, err
    for heading in (
        "Stability intervals (Mareschal 1988)",
        "Walking weights — exact crossovers",
        "Critical criteria (Triantaphyllou & Sánchez 1997)",
        "Smallest total weight change (L1, Wolters & Mareschal 1995)",
        "Ordinal weights extradition_risk ≥ financial_networks",
        "Score cells that can change the winner on their own",
        "Tornado — Turkey's lead over the best other",
    ):
        assert heading in out
    # Russia overtakes Turkey when extradition risk reaches 27/41 of the weight
    assert "extradition_risk      0.659  Russia     Turkey" in out
    assert f"{27 / 41:.3f}" == "0.659"
    assert "exact (no sampling)" in out and "sha256" in out


def test_sensitivity_json_is_strict_json_with_every_analysis() -> None:
    code, out, err = run("sensitivity", CRITERIA, "--format", "json")
    assert code == 0, err
    data = json.loads(out, parse_constant=lambda name: pytest.fail(f"non-standard JSON constant {name}"))
    assert set(data) >= {"manifest", "sweeps", "stability", "critical", "min_change", "ordinal", "scores", "tornado"}
    assert data["manifest"]["sha256"]


def test_sensitivity_follows_scenarios_and_what_if_weights() -> None:
    code, base, _ = run("sensitivity", CRITERIA, "--format", "json")
    code, shifted, err = run(
        "sensitivity", CRITERIA, "--scenario", "money_first", "--weight", "host_ties=0", "--format", "json"
    )
    assert code == 0, err
    weights = json.loads(shifted)["manifest"]["weights_from"]
    assert weights == ["base weights of the file", "scenario 'money_first'", "what-if: host_ties=0"]
    assert json.loads(base)["stability"] != json.loads(shifted)["stability"]


def test_sensitivity_markdown_uses_headings_and_pipe_tables() -> None:
    code, out, _ = run("sensitivity", CRITERIA, "--format", "markdown")
    assert code == 0
    assert out.startswith("## Sensitivity:")
    assert "### Stability intervals" in out and "| criterion | weight |" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weight-range", "1.5"], "expected a fraction in [0, 1], got '1.5'"),
        (["--weight-range", "abc"], "expected a fraction in [0, 1], got 'abc'"),
        (["--scenario", "mony_first"], "did you mean 'money_first'?"),
        (["--top", "0"], "expected a whole number >= 1, got '0'"),
    ],
)
def test_sensitivity_bad_options_exit_2(args: list[str], message: str) -> None:
    code, out, err = run("sensitivity", CRITERIA, *args)
    assert code == 2
    assert out == ""
    assert message in err


# ----- progress bar ----------------------------------------------------------------------------
class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_bar_stays_silent_for_short_runs_and_draws_after_the_delay() -> None:
    stream, clock = io.StringIO(), FakeClock()
    bar = ProgressBar(stream, "smaa", delay=1.0, width=60, clock=clock)
    clock.now = 0.5
    bar(1, 4)
    assert stream.getvalue() == ""
    clock.now = 1.5
    bar(2, 4)
    line = stream.getvalue()
    assert line.startswith("\rsmaa [") and line.endswith("] 2/4  50% 1/s ETA 0:02") and len(line) <= 60
    bar.close()
    assert stream.getvalue().endswith("\n")


@pytest.mark.parametrize("width", [20, 30, 45, 60, 80, 120, 200])
def test_progress_bar_never_overflows_its_pane(width: int) -> None:
    """Count, rate and ETA when there is room; shorter forms, never wider than the pane, when not."""
    clock = FakeClock()
    bar = ProgressBar(io.StringIO(), "what would change the decision", delay=0, width=width, clock=clock)
    for done, now in ((0, 0.0), (10, 1.0), (1_500_000, 7.0), (2_000_000, 9.0)):
        clock.now = now
        text = bar.line(done, 2_000_000, now)
        assert len(text) <= width - 1, (width, text)
        assert "%" in text
        if width >= 80 and done:
            assert "/s" in text and "ETA" in text and "/2.0 M" in text


def test_progress_bar_redraws_at_most_ten_times_a_second() -> None:
    stream, clock = io.StringIO(), FakeClock()
    bar = ProgressBar(stream, "smaa", delay=0, width=80, clock=clock)
    for step in range(1000):
        clock.now = step * 0.001  # a chunk every millisecond for a second
        bar(step, 1000)
    assert stream.getvalue().count("\r") <= 11


def test_progress_bar_close_without_drawing_writes_nothing() -> None:
    stream = io.StringIO()
    ProgressBar(stream, "smaa").close()
    assert stream.getvalue() == ""


# ----- smaa ------------------------------------------------------------------------------------
def test_smaa_table_reports_seed_samples_verdict_and_drivers() -> None:
    code, out, err = run("smaa", CRITERIA, "--samples", "4000", "--drivers-samples", "2000", "--seed", "7")
    assert code == 0, err
    assert "\r" not in err and "###" not in err  # no terminal, so no progress bar
    assert "seed 7 · 4,000 draws · weights uniform · scores uncertain" in out
    assert "Verdict" in out and "Turkey is first in" in out
    assert "Rank acceptability" in out and "Central weights" in out and "Pairwise winning indices" in out
    assert "What would change the decision" in out


def test_smaa_json_is_reproducible_and_records_the_seed() -> None:
    args = ("smaa", CRITERIA, "--samples", "3000", "--drivers-samples", "1000", "--seed", "11", "--format", "json")
    first, second = run(*args), run(*args)
    assert first == second
    data = json.loads(first[1])
    assert data["manifest"]["seed"] == 11
    assert data["manifest"]["samples"] == 3000
    assert data["verdict"].startswith("Turkey is first in")
    rows = data["smaa"]["alternatives"]
    assert rows[0]["alternative"] == "Turkey"
    assert sum(row["first"] for row in rows) == pytest.approx(1.0)
    for row in rows:
        assert sum(row["rank_acceptability"]) == pytest.approx(1.0)
    impacts = [cell["impact"] for cell in data["drivers"]["cells"]]
    assert impacts == sorted(impacts, reverse=True)


def test_smaa_fixed_scores_and_ordinal_weights() -> None:
    code, out, err = run(
        "smaa", CRITERIA, "--samples", "2000", "--fixed-scores", "--weights", "ordinal", "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["manifest"]["weights_mode"] == "ordinal"
    assert data["manifest"]["scores_mode"] == "fixed"
    assert data["drivers"] is None  # nothing is uncertain when scores are fixed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "expected a whole number in [1, 100,000,000], got '0'"),
        (["--seed", "-1"], "expected a whole number in [0, 9,223,372,036,854,775,807], got '-1'"),
        (["--weights", "random"], "unknown --weights 'random'; expected one of: uniform, ordinal, around"),
    ],
)
def test_smaa_bad_options_exit_2(args: list[str], message: str) -> None:
    code, out, err = run("smaa", CRITERIA, *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_smaa_ordinal_without_an_order_is_a_clean_error(tmp_path: Path) -> None:
    text = CRITERIA.read_text(encoding="utf-8")
    start = text.index("  weight_order:")
    end = text.index("\n", start)
    copy = tmp_path / "criteria.yaml"
    copy.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    shutil.copytree(CRITERIA.parent / "seeds", tmp_path / "seeds")  # sources must live in the model's folder
    code, out, err = run("smaa", copy, "--samples", "100", "--weights", "ordinal")
    assert code == 2
    assert out == ""
    assert "weight_order" in err


def test_verdict_names_winner_share_fragile_weight_and_main_driver() -> None:
    from model.analysis.sensitivity import stability_intervals
    from model.analysis.smaa import decision_drivers, smaa
    from model.render.robustness import verdict

    problem = model.load(CRITERIA)
    result = smaa(problem, samples=20_000, seed=3)
    drivers = decision_drivers(problem, samples=5_000, seed=3)
    text = verdict(problem, result, stability_intervals(problem), drivers)
    share = result.first_rank[result.alternatives.index("Turkey")]
    assert text.startswith(f"Turkey is first in {100 * share:.1f}%")
    assert "loses first place only if the weight of extradition risk rises above 0.66" in text
    top = drivers.table.iloc[0]
    assert problem.criterion(top["criterion"]).label.lower() in text
    assert top["alternative"] in text
    assert not any(math.isnan(x) for x in result.first_rank)


def test_the_robustness_analyses_refuse_a_method_they_do_not_model() -> None:
    """They compute the additive model; under another method they must say so, not answer for the wrong one."""
    import dataclasses

    from model.analysis.sensitivity import analyse
    from model.analysis.smaa import decision_drivers, exact_first_rank_acceptability, smaa

    problem = dataclasses.replace(model.load(CRITERIA), method="topsis")
    for call in (
        lambda: analyse(problem),
        lambda: smaa(problem, samples=10),
        lambda: decision_drivers(problem, samples=10),
        lambda: exact_first_rank_acceptability(problem),
    ):
        with pytest.raises(model.RequestError, match="weighted_sum"):
            call()


def test_smaa_text_leaves_out_the_sections_of_extras_not_computed() -> None:
    """A library call with extras=() prints the acceptabilities only: no empty tables, no columns of dashes."""
    from model.render.robustness import smaa_text

    problem = model.load("criteria.yaml")
    full = smaa_text(model.smaa(problem, samples=2000, seed=3, workers=1), problem)
    bare = smaa_text(model.smaa(problem, samples=2000, seed=3, workers=1, extras=()), problem)
    for heading in ("Central weights", "Pairwise winning indices", "confidence (± s.e.)"):
        assert heading in full
        assert heading not in bare
    assert "Rank acceptability" in bare


def test_smaa_extras_option_skips_work_but_not_the_acceptabilities() -> None:
    args = ("smaa", "criteria.yaml", "--samples", "3000", "--no-drivers", "--format", "json")
    code, full, _ = run(*args)
    assert code == 0
    code, bare, _ = run(*args, "--extras", "none")
    assert code == 0
    full_data, bare_data = json.loads(full)["smaa"], json.loads(bare)["smaa"]
    assert bare_data["extras"] == [] and full_data["extras"] == ["central_weights", "pairwise", "confidence"]
    for one, other in zip(full_data["alternatives"], bare_data["alternatives"], strict=True):
        assert one["rank_counts"] == other["rank_counts"]
    code, some, _ = run(*args, "--extras", "pairwise, central_weights")
    assert code == 0 and json.loads(some)["smaa"]["extras"] == ["central_weights", "pairwise"]
    code, _, err = run(*args, "--extras", "pairwse")
    assert code == 2 and "unknown extra 'pairwse'" in err and "did you mean 'pairwise'?" in err
