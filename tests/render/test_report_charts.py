"""The report's figures as inline SVG (:mod:`model.render.report.charts`), measured against their data.

Each chart is parsed with :mod:`xml.etree.ElementTree` (so it is well-formed XML) and its
elements are found by class and ``data-`` attributes: bar lengths proportional to the values,
one bar per alternative × criterion, the heat map's text equal to the percentages, every label
present, and hostile names rendered as text. The colours, hatches and markers the charts share
with the matplotlib figures are pinned to :mod:`model.render.figures`. In a fresh process, the
``report`` command imports neither matplotlib nor scipy; ``--figures`` still draws with matplotlib.
"""

from __future__ import annotations

import io
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import model
from model.analysis.sensitivity import Tornado, TornadoBar
from model.analysis.smaa import SmaaResult
from model.render import palette
from model.render.html import build_report
from model.render.report import charts, svg

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "criteria.yaml"
SAMPLES = 300
HOSTILE = ('A<b>&"x"', "O'Brien & co", "<script>alert(1)</script>")


@pytest.fixture(scope="module")
def problem() -> model.DecisionProblem:
    return model.load(CRITERIA)


@pytest.fixture(scope="module")
def hostile() -> model.DecisionProblem:
    """Names meant to break out of SVG text and attributes; some cells intervals, so some flags."""
    return model.DecisionProblem.from_matrix(
        [[0.9, 0.2, 0.5], [0.3, 0.8, 0.6], [0.5, 0.5, 0.1]],
        alternatives=list(HOSTILE),
        criteria=["c<1>", "c&2", "c3"],
        weights=[2, 1, 1],
        low=[[0.7, 0.1, 0.4], [0.2, 0.6, 0.5], [0.4, 0.3, 0.0]],
        high=[[1.0, 0.3, 0.6], [0.5, 1.0, 0.7], [0.6, 0.7, 0.3]],
    )


@pytest.fixture(scope="module")
def smaa_result(problem: model.DecisionProblem) -> SmaaResult:
    return model.smaa(problem, samples=SAMPLES, seed=0)


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "svg" and root.get("role") == "img"
    assert root.get("aria-label") and root.findtext("title") == root.get("aria-label")
    _, _, width, height = (float(v) for v in str(root.get("viewBox")).split())
    assert width == charts.WIDTH and height > 0
    assert "width" not in root.attrib and "height" not in root.attrib  # sized by the page, not by the file
    return root


def of_class(root: ET.Element, klass: str, tag: str = "*") -> list[ET.Element]:
    return [e for e in root.iter(tag) if e.get("class") == klass]


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter("text")]


def proportional(lengths: list[float], values: list[float]) -> None:
    """Drawn lengths are one constant times the values (to the 0.01 units coordinates are written in)."""
    pairs = [(length, value) for length, value in zip(lengths, values, strict=True) if abs(value) > 1e-3]
    assert pairs
    ratio = max(pairs, key=lambda p: abs(p[1]))
    unit = ratio[0] / ratio[1]
    for length, value in zip(lengths, values, strict=True):
        assert math.isclose(length, unit * value, abs_tol=0.02), (length, value, unit)


def test_contributions_one_segment_per_cell_lengths_proportional(problem: model.DecisionProblem) -> None:
    ranking = model.evaluate(problem)
    root = parse(charts.contribution_bars(ranking))
    segments = of_class(root, "segment", "rect")
    parts = np.asarray(ranking.details["contributions"])
    assert Counter((s.get("data-alternative"), s.get("data-criterion")) for s in segments) == Counter(
        (a, c) for a in ranking.alternatives for c in ranking.criteria
    )
    index = {name: i for i, name in enumerate(ranking.alternatives)}
    values = [
        float(parts[index[str(s.get("data-alternative"))], ranking.criteria.index(str(s.get("data-criterion")))])
        for s in segments
    ]
    assert [float(str(s.get("data-value"))) for s in segments] == values
    proportional([float(str(s.get("width"))) for s in segments], values)
    # best on top, and the total after each bar
    tops = {str(s.get("data-alternative")): float(str(s.get("y"))) for s in segments}
    best_first = [ranking.alternatives[i] for i in ranking.order]
    assert sorted(tops, key=tops.__getitem__) == best_first
    totals = {str(t.get("data-alternative")): t.text for t in of_class(root, "total", "text")}
    assert totals == {a: f"{ranking.scores[index[a]]:.3f}" for a in best_first}
    shown = texts(root)
    for j, criterion in enumerate(problem.criteria):
        assert f"{criterion.label} (weight {ranking.weights[j]:.2f})" in shown
    assert "What each criterion adds to the score" in shown
    flags = {(f.get("data-alternative"), f.get("data-criterion")): f.text for f in of_class(root, "flag", "text")}
    expected = {(a, c): charts.FLAG_SYMBOLS[k] for a, cells in ranking.flags.items() for c, k in cells}
    assert flags == expected and flags


def test_contributions_colour_and_hatch_by_criterion(problem: model.DecisionProblem) -> None:
    root = parse(charts.contribution_bars(model.evaluate(problem)))
    patterns = {p.get("id"): p for p in root.iter("pattern")}
    for s in of_class(root, "segment", "rect"):
        j = problem.criterion_ids.index(str(s.get("data-criterion")))
        fill = str(s.get("fill"))
        if palette.HATCHES[j]:
            pattern = patterns[fill[len("url(#") : -1]]
            assert pattern.find("rect").get("fill") == palette.PALETTE[j]  # type: ignore[union-attr]
        else:
            assert fill == palette.PALETTE[j]


def test_a_method_without_contributions_draws_score_bars(problem: model.DecisionProblem) -> None:
    ranking = model.evaluate(problem, "topsis")
    root = parse(charts.contribution_bars(ranking))
    bars = of_class(root, "score", "rect")
    assert len(bars) == len(ranking.alternatives) and not of_class(root, "segment")
    proportional([float(str(b.get("width"))) for b in bars], [float(str(b.get("data-value"))) for b in bars])
    assert f"Scores — {ranking.method_label}" in texts(root)


def test_weights_bars_proportional_and_labelled(problem: model.DecisionProblem) -> None:
    root = parse(charts.weights(problem))
    bars = of_class(root, "weight", "rect")
    assert [b.get("data-criterion") for b in bars] == list(problem.criterion_ids)
    used = [float(w) for w in problem.normalized_weights]
    proportional([float(str(b.get("width"))) for b in bars], used)
    values = {str(t.get("data-criterion")): t.text for t in of_class(root, "weight-value", "text")}
    assert values == {c: f"{w:.3f}" for c, w in zip(problem.criterion_ids, used, strict=True)}


def test_weights_with_a_group_show_the_spread_and_each_analyst(problem: model.DecisionProblem) -> None:
    from model.weighting.elicitation import Elicitation, group

    ids = problem.criterion_ids
    analysts = {
        "ann": Elicitation("direct", direct={c: float(i + 1) for i, c in enumerate(ids)}),
        "bob": Elicitation("swing", swing={c: 100.0 - 10 * i for i, c in enumerate(ids)}),
    }
    together = group(analysts, ids)
    reference = problem
    root = parse(charts.weights(reference, together))
    assert len(of_class(root, "spread", "line")) == len(reference.criterion_ids)
    shown = texts(root)
    for name, item in together.individual.items():
        assert f"analyst {name} ({item.kind})" in shown
    assert "group aggregate" in shown and "spread between analysts (min–max)" in shown


def test_sweeps_one_line_per_criterion_and_alternative_and_every_crossover(problem: model.DecisionProblem) -> None:
    sweeps = model.sensitivity(problem).sweeps
    root = parse(charts.weight_sweeps(sweeps))
    lines = of_class(root, "sweep", "polyline")
    assert len(lines) == len(sweeps.criteria) * len(sweeps.alternatives)
    for line in lines:
        k = sweeps.criteria.index(str(line.get("data-criterion")))
        i = sweeps.alternatives.index(str(line.get("data-alternative")))
        assert float(str(line.get("data-intercept"))) == sweeps.intercepts[k, i]
        assert float(str(line.get("data-slope"))) == sweeps.slopes[k, i]
        (x0, y0), (x1, y1) = (tuple(float(v) for v in p.split(",")) for p in str(line.get("points")).split())
        assert (x1 > x0 and (y1 < y0) == (sweeps.slopes[k, i] > 1e-9)) or abs(sweeps.slopes[k, i]) < 1e-3
    inside = [c for c in sweeps.crossovers if 0.0 < c.weight < 1.0]
    marks = of_class(root, "crossover", "circle")
    assert sorted((m.get("data-criterion"), m.get("data-gainer"), m.get("data-loser")) for m in marks) == sorted(
        (c.criterion, c.gainer, c.loser) for c in inside
    )
    assert sorted(t.text or "" for t in of_class(root, "crossover-label", "text")) == sorted(
        f"{c.weight:.2f}" for c in inside
    )
    current = {str(c.get("data-criterion")): float(str(c.get("data-value"))) for c in of_class(root, "current")}
    assert current == {c: float(sweeps.current[k]) for k, c in enumerate(sweeps.criteria)}
    shown = texts(root)
    for k, criterion in enumerate(sweeps.criteria):
        assert criterion in shown and f"current {sweeps.current[k]:.2f}" in shown
    assert set(sweeps.alternatives) <= set(shown)


def test_tornado_two_half_bars_per_input_largest_first(problem: model.DecisionProblem) -> None:
    tornado = model.sensitivity(problem).tornado
    assert tornado is not None
    root = parse(charts.tornado(tornado))
    bars = of_class(root, "tornado-bar", "rect")
    shown = [b for b in tornado.bars if b.low != b.high][:15]
    assert len(bars) == 2 * len(shown)
    margins = [m for b in shown for m in (b.margin_at_low, b.margin_at_high)]
    assert [float(str(b.get("data-value"))) for b in bars] == margins
    proportional([float(str(b.get("width"))) for b in bars], [abs(m - tornado.margin) for m in margins])
    values = [t.text for t in of_class(root, "tornado-value", "text")]
    assert values == [charts.short_number(v) for b in shown for v in (b.low, b.high)]
    assert f"current lead {tornado.margin:.3f}" in texts(root)


def test_tornado_hatches_and_labels_the_flips() -> None:
    bars = (
        TornadoBar("weight", "c1", None, 0.1, 0.6, -0.2, 0.3, 0.5, True, 0.25),
        TornadoBar("score", "c2", "B", 2.0, 8.0, 0.05, 0.15, 0.1, False, float("nan")),
    )
    root = parse(charts.tornado(Tornado(winner="A", margin=0.1, weight_range=0.5, bars=bars)))
    flipping = [b for b in of_class(root, "tornado-bar", "rect") if b.get("data-flips") == "true"]
    assert [(b.get("data-input"), b.get("data-end")) for b in flipping] == [("weight of c1", "low")]
    assert str(flipping[0].get("fill")).startswith("url(#")
    assert [t.text for t in of_class(root, "flip", "text")] == ["flips at 0.25"]
    assert "the winner flips" in texts(root)


def test_rank_acceptability_cells_carry_the_percentages(smaa_result: SmaaResult) -> None:
    from model.render import figures as plots

    root = parse(charts.rank_acceptability(smaa_result))
    cells = of_class(root, "cell", "rect")
    m = len(smaa_result.alternatives)
    assert len(cells) == m * m
    words = {(t.get("data-alternative"), t.get("data-rank")): t for t in of_class(root, "cell-text", "text")}
    for cell in cells:
        i = smaa_result.alternatives.index(str(cell.get("data-alternative")))
        rank = int(str(cell.get("data-rank")))
        value = float(smaa_result.rank_acceptability[i, rank - 1])
        word = words[(cell.get("data-alternative"), cell.get("data-rank"))]
        assert word.text == plots.format_share(value) == charts.format_share(value)
        assert word.get("fill") == plots.contrasting_ink(str(cell.get("fill")))
    order = [smaa_result.alternatives[i] for i in smaa_result.order]
    rows = sorted({(float(str(c.get("y"))), str(c.get("data-alternative"))) for c in cells})
    assert [name for _, name in rows] == order


def test_central_weights_bars_for_every_first_alternative(smaa_result: SmaaResult) -> None:
    root = parse(charts.central_weights(smaa_result))
    bars = of_class(root, "central", "rect")
    ever = [i for i in smaa_result.order if smaa_result.first_rank[i] > 0]
    assert len(bars) == len(ever) * len(smaa_result.criteria)
    values = []
    for bar in bars:
        i = smaa_result.alternatives.index(str(bar.get("data-alternative")))
        j = smaa_result.criteria.index(str(bar.get("data-criterion")))
        values.append(float(smaa_result.central_weights[i, j]))
        assert float(str(bar.get("data-value"))) == values[-1]
    proportional([float(str(b.get("height"))) for b in bars], values)
    shown = texts(root)
    for i in ever:
        name = smaa_result.alternatives[i]
        assert f"{name} (first in {charts.format_share(float(smaa_result.first_rank[i]))} of draws)" in shown
    assert f"equal weights (1/{len(smaa_result.criteria)})" in shown


def test_hostile_names_render_as_text(hostile: model.DecisionProblem) -> None:
    sensitivity = model.sensitivity(hostile)
    result = model.smaa(hostile, samples=200, seed=0)
    assert sensitivity.tornado is not None
    drawn = {
        "contributions": charts.contribution_bars(model.evaluate(hostile)),
        "weights": charts.weights(hostile),
        "sweeps": charts.weight_sweeps(sensitivity.sweeps),
        "tornado": charts.tornado(sensitivity.tornado),
        "rank_acceptability": charts.rank_acceptability(result),
        "central_weights": charts.central_weights(result),
    }
    for name, text in drawn.items():
        root = parse(text)
        assert not list(root.iter("script")) and "<b>" not in text and "<script>" not in text, name
        assert {e.tag for e in root.iter()} <= {
            "svg", "title", "desc", "defs", "pattern", "linearGradient", "stop", "rect", "line", "polyline",
            "polygon", "circle", "path", "text",
        }  # fmt: skip
        words = " ".join(texts(root)) + " ".join(str(v) for e in root.iter() for v in e.attrib.values())
        assert name == "rank_acceptability" or ("c<1>" in words and "c&2" in words), name  # it has no criteria
    for name in ("contributions", "sweeps", "rank_acceptability"):
        shown = texts(parse(drawn[name]))
        assert all(any(alternative in t for t in shown) for alternative in HOSTILE), name
    assert "A&lt;b&gt;&amp;&quot;x&quot;" in drawn["contributions"]


def test_the_shared_style_is_the_matplotlib_figures_style() -> None:
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    from model.render import figures as plots

    # the series styles and words are one module both draw from; what the SVG side spells its own
    # way (dash patterns in line widths, the cividis map) is checked against matplotlib's below
    assert plots.PALETTE is palette.PALETTE and plots.HATCHES is palette.HATCHES and plots.MARKERS is palette.MARKERS
    assert len(svg.DASHES) == len(plots.LINESTYLES)
    cmap = colormaps["cividis"]
    for value in np.linspace(0, 1, 101):
        assert svg.cividis(value) == to_hex(cmap(value)), value
        assert svg.contrasting_ink(svg.cividis(value)) == plots.contrasting_ink(cmap(value))
    for value in (0.0, 1e-5, 0.25, 0.97034, 0.99999, 1.0):
        assert charts.format_share(value) == plots.format_share(value)


def test_ticks_are_round_and_cover_the_range() -> None:
    assert svg.ticks(0.0, 0.82) == [0.0, 0.2, 0.4, 0.6, 0.8]
    assert svg.ticks(-0.05, 0.55) == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    assert [svg.tick_text(v, [0.0, 0.05]) for v in (0.0, 0.05, 0.1)] == ["0.00", "0.05", "0.10"]
    assert svg.tick_text(-0.2, [-0.2, 0.0]) == "−0.2"


def test_the_report_embeds_six_svgs_and_draws_matplotlib_only_on_demand(problem: model.DecisionProblem) -> None:
    report = build_report(problem, samples=SAMPLES, seed=0)
    assert report.figure_names == (
        "contributions",
        "weights",
        "sweeps",
        "rank_acceptability",
        "central_weights",
        "tornado",
    )
    assert "figures" not in report.__dict__  # nothing drawn yet
    for name in report.figure_names:
        part = report.html.split(f'<figure id="fig-{name}">', 1)[1].split("</figure>", 1)[0]
        parse(part.split("<figcaption>")[0])
    assert "data:image/png" not in report.html
    from matplotlib.figure import Figure

    figures = report.figures
    assert list(figures) == list(report.figure_names) and all(isinstance(f, Figure) for f in figures.values())
    assert report.figures is figures  # drawn once


def test_the_report_command_imports_neither_matplotlib_nor_scipy(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code = (
        "import io, sys; from model.cli import main;"
        f"code = main(['report', {str(CRITERIA)!r}, '-o', {str(target)!r}, '--samples', '{SAMPLES}', '-q'],"
        " out=io.StringIO(), err=io.StringIO());"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'scipy', 'PIL'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 []"
    document = target.read_text(encoding="utf-8")
    assert document.count('<svg viewBox="') == 6 and "data:image/png" not in document


def test_figures_dir_still_writes_the_matplotlib_files(tmp_path: Path) -> None:
    from model.cli import main

    out, err = io.StringIO(), io.StringIO()
    folder = tmp_path / "figs"
    code = main(
        ["report", str(CRITERIA), "-o", str(tmp_path / "r.html"), "--samples", str(SAMPLES), "--figures", str(folder),
         "--figure-format", "svg"],
        out=out,
        err=err,
    )  # fmt: skip
    assert code == 0, err.getvalue()
    names = ("contributions", "weights", "sweeps", "tornado", "rank_acceptability", "central_weights")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.svg" for n in names)
    assert all("matplotlib" in (folder / f"{n}.svg").read_text(encoding="utf-8")[:2000] for n in names)
    assert "6 figures embedded" in out.getvalue() and f"wrote 6 figures to {folder}" in out.getvalue()
