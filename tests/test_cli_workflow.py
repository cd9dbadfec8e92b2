"""The analyst's workflow commands: explain, compare, diff and the HTML report."""

from __future__ import annotations

import html
import io
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import model
import model.cli
from model.render.html import SECTIONS, write_atomic

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"  # v0.1 encoding, frozen


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = model.cli.main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# ----- explain -------------------------------------------------------------------------------------
def test_explain_the_winner_by_default() -> None:
    code, out, err = run("explain", CRITERIA)
    assert code == 0, err
    assert out.startswith("Why Turkey ranks first")
    assert "Turkey (0.838) leads Russia (0.575, rank 2) by 0.263." in out
    assert "Decisive: financial_networks" in out
    assert "extradition_risk       0.300     0.659           135.0  increase" in out
    assert "seeds/000_f9c343182fad6f94.txt:52" in out


def test_explain_a_named_alternative_and_json() -> None:
    code, out, _ = run("explain", CRITERIA, "Belarus", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["alternative"] == "Belarus" and data["rival"] == "Russia"
    assert data["manifest"]["sha256"]


def test_explain_unknown_alternative_is_a_clean_error() -> None:
    code, out, err = run("explain", CRITERIA, "Belarussia")
    assert code == 2 and out == ""
    assert "did you mean 'Belarus'?" in err


# ----- compare -------------------------------------------------------------------------------------
def test_compare_every_scenario_and_the_exact_split() -> None:
    code, out, err = run("compare", CRITERIA)
    assert code == 0, err
    assert "money_first: Belarus rises 3 → 2 (passes Russia)" in out
    code, out, _ = run("compare", CRITERIA, "--scenario", "base", "--scenario", "money_first", "--format", "json")
    data = json.loads(out)
    assert [entry["name"] for entry in data["scenarios"]] == ["base", "money_first"]
    for entry in data["scenarios"]:
        for row in entry["ranking"]:
            assert sum(row["parts"].values()) == pytest.approx(row["score_change"], abs=1e-12)


def test_compare_unknown_scenario() -> None:
    code, _, err = run("compare", CRITERIA, "--scenario", "mony_first")
    assert code == 2 and "did you mean 'money_first'?" in err


# ----- diff ----------------------------------------------------------------------------------------
def _versions(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = CRITERIA.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    changed = text.replace(
        "    direction: benefit\n    weight: 20\n    scale: nine_point\n  freedom_of_movement:",
        "    direction: benefit\n    weight: 25\n    scale: nine_point\n  freedom_of_movement:",
        1,
    )
    assert changed != text
    new.write_text(changed, encoding="utf-8")
    return old, new


def test_diff_reports_the_change_and_how_the_ranking_moved(tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    code, out, err = run("diff", old, new)
    assert code == 0, err
    assert "1 change" in out
    assert "weight  us_relations" in out and "raw weight 20 → 25" in out
    data = json.loads(run("diff", old, new, "--format", "json")[1])
    for move in data["movements"]:
        assert move["weight_part"] + move["score_part"] == pytest.approx(move["score_change"], abs=1e-12)


def test_diff_of_a_model_with_itself_is_empty(tmp_path: Path) -> None:
    old, _ = _versions(tmp_path)
    code, out, _ = run("diff", old, old)
    assert code == 0 and "No changes that affect the model." in out


# ----- report --------------------------------------------------------------------------------------
class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag in ("img", "svg"):
            self.images.append(tag if tag == "svg" else str(found.get("src")))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report_is_self_contained_and_complete(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    code, _, err = run("report", CRITERIA, "-o", target, "--samples", "2000", "--figures", tmp_path / "figs")
    assert code == 0, err
    parser = _Collector()
    document = target.read_text(encoding="utf-8")
    parser.feed(document)
    assert set(SECTIONS) <= parser.ids
    assert parser.images == ["svg"] * 6  # the figures are inline SVG; no image to fetch or decode
    assert "http://" not in document and "https://" not in document  # nothing to fetch
    text = " ".join(" ".join(parser.text).split())
    problem = model.load(CRITERIA)
    for quote in problem.evidence_table["quote"]:
        assert " ".join(quote.split()) in text
    assert problem.sha256 in text
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == sorted(
        f"{name}.png"
        for name in ("contributions", "weights", "sweeps", "tornado", "rank_acceptability", "central_weights")
    )
    assert html.escape("Turkey is first in") in document


def test_report_never_overwrites_the_input(tmp_path: Path) -> None:
    before = CRITERIA.read_bytes()
    code, out, err = run("report", CRITERIA, "-o", CRITERIA, "--samples", "500")
    assert code == 2 and out == ""
    assert "refusing to overwrite" in err
    assert CRITERIA.read_bytes() == before


def test_atomic_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("previous", encoding="utf-8")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "<html>new</html>")
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
