"""Figures (model/plots.py): built from result objects, counted against the data, written atomically."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

import model
from model.analysis.sensitivity import SensitivityReport, analyse
from model.analysis.smaa import SmaaResult, smaa
from model.render import figures as plots
from model.weighting import Elicitation
from model.weighting.elicitation import GroupWeights, group

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "tests" / "fixtures" / "reference" / "criteria.yaml"  # v0.1 encoding, frozen
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# ----- fixtures ---------------------------------------------------------------------------------
class Case:
    """One problem and every result the figures draw."""

    def __init__(self, problem: model.DecisionProblem) -> None:
        self.problem = problem
        self.ranking = model.evaluate(problem)
        self.report: SensitivityReport = analyse(problem)
        self.smaa: SmaaResult = smaa(problem, samples=2_000, seed=7, workers=1)


def _tiny() -> model.DecisionProblem:
    """Three alternatives; b wins narrowly, a's x and b's y are intervals, so the tornado flips."""
    return model.DecisionProblem.from_matrix(
        [[0.9, 0.2, 0.5], [0.5, 0.8, 0.5], [0.3, 0.6, 0.9]],
        alternatives=["a", "b", "c"],
        criteria=["x", "y", "z"],
        weights=[2, 1.5, 1],
        low=[[0.7, 0.2, 0.5], [0.5, 0.6, 0.5], [0.3, 0.6, 0.9]],
        high=[[0.95, 0.2, 0.5], [0.5, 1.0, 0.5], [0.3, 0.6, 0.9]],
    )


@pytest.fixture(scope="module")
def shipped() -> Case:
    return Case(model.load(SHIPPED))


@pytest.fixture(scope="module")
def tiny() -> Case:
    return Case(_tiny())


@pytest.fixture(params=["shipped", "tiny"])
def case(request: pytest.FixtureRequest) -> Case:
    found: Case = request.getfixturevalue(request.param)
    return found


@pytest.fixture(scope="module")
def analysts(shipped: Case) -> GroupWeights:
    ids = shipped.problem.criterion_ids
    return group(
        {
            "ana": Elicitation("direct", direct=dict(zip(ids, [40, 20, 15, 15, 10], strict=True))),
            "ben": Elicitation("swing", swing=dict(zip(ids, [100, 80, 30, 50, 40], strict=True))),
            "cleo": Elicitation("order", order=((ids[1],), (ids[0], ids[2]), (ids[3],), (ids[4],))),
        },
        ids,
    )


# ----- helpers ----------------------------------------------------------------------------------
def tagged(figure: Figure, prefix: str) -> list[Any]:
    """Artists whose gid starts with ``prefix:`` (the module's naming of what an artist shows)."""
    return figure.findobj(lambda artist: (artist.get_gid() or "").startswith(prefix + ":"))


def named(artist: Artist) -> list[str]:
    """What a tagged artist shows: its gid after the kind, split at the colons."""
    return str(artist.get_gid()).split(":")[1:]


def by_gid(figure: Figure, gid: str) -> list[Any]:
    return figure.findobj(lambda artist: artist.get_gid() == gid)


def texts(figure: Figure, prefix: str) -> list[Text]:
    return [artist for artist in tagged(figure, prefix) if isinstance(artist, Text)]


def rectangles(figure: Figure, prefix: str) -> list[Rectangle]:
    return [artist for artist in tagged(figure, prefix) if isinstance(artist, Rectangle)]


def data_axes(figure: Figure) -> list[Axes]:
    """Axes that draw data: lines, bars or images (not colour bars, not a legend-only panel)."""
    return [
        ax
        for ax in figure.axes
        if ax.get_label() != "<colorbar>" and ax.axison and (ax.lines or ax.patches or ax.images)
    ]


def all_figures(case: Case, analysts: GroupWeights | None) -> dict[str, Figure]:
    assert case.report.tornado is not None
    return {
        "contribution_bars": plots.contribution_bars(case.ranking),
        "weight_sweep": plots.weight_sweep(case.report.sweeps, case.problem.criterion_ids[0]),
        "weight_sweeps": plots.weight_sweeps(case.report.sweeps),
        "tornado": plots.tornado(case.report.tornado),
        "rank_acceptability": plots.rank_acceptability(case.smaa),
        "central_weights": plots.central_weights(case.smaa),
        "weights": plots.weights(case.problem, analysts),
    }


# ----- every figure -----------------------------------------------------------------------------
def test_every_figure_has_a_title_and_labelled_axes(case: Case, request: pytest.FixtureRequest) -> None:
    group_weights = request.getfixturevalue("analysts") if case.problem.path is not None else None
    figures = all_figures(case, group_weights)
    assert set(figures) == set(plots.FIGURES)
    for name, figure in figures.items():
        assert isinstance(figure, Figure), name
        assert figure.get_suptitle().strip(), name
        axes = data_axes(figure)
        assert axes, name
        for ax in axes:
            assert ax.get_title().strip(), (name, "axes title")
            assert ax.get_xlabel().strip(), (name, "x label")
            assert ax.get_ylabel().strip(), (name, "y label")


def test_figures_document_themselves() -> None:
    for name, description in plots.FIGURES.items():
        function = getattr(plots, name)
        assert callable(function) and function.__doc__, name
        assert description.strip()


def test_png_and_svg_output(shipped: Case, analysts: GroupWeights) -> None:
    for name, figure in all_figures(shipped, analysts).items():
        png = plots.to_png_bytes(figure)
        assert png.startswith(PNG_SIGNATURE), name
        svg = plots.to_svg_text(figure)
        assert svg.startswith("<svg"), name  # ready to inline in HTML
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg", name


# ----- contributions ----------------------------------------------------------------------------
def test_contribution_bars_one_segment_per_cell(case: Case) -> None:
    ranking = case.ranking
    figure = plots.contribution_bars(ranking)
    segments = rectangles(figure, "segment")
    assert len(segments) == len(ranking.alternatives) * len(ranking.criteria)
    parts = ranking.contributions
    for patch in segments:
        alternative, criterion = named(patch)
        assert patch.get_width() == pytest.approx(parts.loc[alternative, criterion])


def test_contribution_bars_best_on_top_with_totals(case: Case) -> None:
    ranking = case.ranking
    figure = plots.contribution_bars(ranking)
    (ax,) = data_axes(figure)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels == [ranking.alternatives[i] for i in ranking.order]
    bottom, top = ax.get_ylim()
    assert top < bottom  # the first label (the best) is drawn on top
    totals = {":".join(named(text)): text.get_text() for text in texts(figure, "total")}
    assert totals == {a: f"{s:.3f}" for a, s in zip(ranking.alternatives, ranking.scores, strict=True)}


def test_contribution_bars_mark_every_flagged_cell(case: Case) -> None:
    ranking = case.ranking
    figure = plots.contribution_bars(ranking)
    marks = {tuple(named(text)): text.get_text() for text in texts(figure, "flag")}
    expected = {
        (alternative, criterion): plots.FLAG_SYMBOLS[kind]
        for alternative, flags in ranking.flags.items()
        for criterion, kind in flags
    }
    assert marks == expected
    assert expected  # both problems have interval (and the shipped one unknown) cells


def test_contribution_bars_mark_flags_on_their_segment(shipped: Case) -> None:
    figure = plots.contribution_bars(shipped.ranking)
    segments = {":".join(named(patch)): patch for patch in rectangles(figure, "segment")}
    for mark in texts(figure, "flag"):
        patch = segments[":".join(named(mark))]
        x, y = mark.get_position()
        assert patch.get_x() <= x <= patch.get_x() + patch.get_width()
        assert patch.get_y() <= y <= patch.get_y() + patch.get_height()


def test_contribution_bars_with_negative_contributions(shipped: Case) -> None:
    """PROMETHEE II splits the net flow into signed contributions: they stack either side of 0."""
    ranking = model.evaluate(shipped.problem, "promethee_ii")
    figure = plots.contribution_bars(ranking)
    segments = rectangles(figure, "segment")
    assert len(segments) == len(ranking.alternatives) * len(ranking.criteria)
    for i, alternative in enumerate(ranking.alternatives):
        widths = [p.get_width() for p in segments if named(p)[0] == alternative]
        assert sum(widths) == pytest.approx(ranking.scores[i])
    assert "net flow" in data_axes(figure)[0].get_xlabel()


def test_contribution_bars_without_contributions_are_score_bars(shipped: Case) -> None:
    ranking = model.evaluate(shipped.problem, "topsis")
    assert "contributions" not in ranking.details
    figure = plots.contribution_bars(ranking)
    assert not rectangles(figure, "segment")
    bars = {":".join(named(patch)): patch.get_width() for patch in rectangles(figure, "score")}
    assert bars == pytest.approx(dict(zip(ranking.alternatives, ranking.scores, strict=True)))
    assert figure.get_suptitle() == f"Scores — {ranking.method_label}"
    totals = {":".join(named(text)): text.get_text() for text in texts(figure, "total")}
    assert totals["Belarus"].startswith(f"{ranking.scores[ranking.alternatives.index('Belarus')]:.3f}")
    assert totals["Belarus"].endswith("(~1 ?2)")  # one interval, two unknown cells


# ----- weight sweeps ----------------------------------------------------------------------------
def _inside(case: Case, criterion: str) -> list[Any]:
    return [c for c in case.report.sweeps.crossovers if c.criterion == criterion and 0.0 < c.weight < 1.0]


def test_weight_sweep_lines_current_and_crossovers(case: Case) -> None:
    sweeps = case.report.sweeps
    for k, criterion in enumerate(sweeps.criteria):
        figure = plots.weight_sweep(sweeps, criterion)
        lines = tagged(figure, "sweep")
        assert [line.get_label() for line in lines] == list(sweeps.alternatives)
        for i, line in enumerate(lines):
            x, y = line.get_xdata(), line.get_ydata()
            assert x[0] == 0.0 and x[-1] == 1.0
            np.testing.assert_allclose(y, sweeps.intercepts[k, i] + sweeps.slopes[k, i] * np.asarray(x))
        (current,) = tagged(figure, "current")
        assert list(current.get_xdata()) == [pytest.approx(sweeps.current[k])] * 2
        inside = _inside(case, criterion)
        markers = tagged(figure, "crossover")
        assert len(markers) == len(inside)
        for marker, crossover in zip(markers, inside, strict=True):
            assert marker.get_xdata()[0] == pytest.approx(crossover.weight)
            scores = sweeps.scores_at(criterion, crossover.weight)
            for name in (crossover.gainer, crossover.loser):  # where the two lines meet
                assert marker.get_ydata()[0] == pytest.approx(scores[sweeps.alternatives.index(name)])
        labels = sorted(text.get_text() for text in texts(figure, "crossover-label"))
        assert labels == sorted(f"{c.weight:.2f}" for c in inside)


def test_weight_sweep_shipped_crossover_of_the_winner(shipped: Case) -> None:
    """Russia overtakes Turkey at an extradition-risk weight of 27/41 (README)."""
    figure = plots.weight_sweep(shipped.report.sweeps, "extradition_risk")
    (marker,) = by_gid(figure, "crossover:extradition_risk:Russia:Turkey")
    assert marker.get_xdata()[0] == pytest.approx(27 / 41)
    assert any(text.get_text() == "0.66" for text in texts(figure, "crossover-label"))


def test_weight_sweep_current_override_and_bad_requests(tiny: Case) -> None:
    sweeps = tiny.report.sweeps
    figure = plots.weight_sweep(sweeps, "y", current=0.6)
    (current,) = tagged(figure, "current")
    assert list(current.get_xdata()) == [0.6, 0.6]
    with pytest.raises(model.RequestError, match="did you mean 'x'"):
        plots.weight_sweep(sweeps, "X")
    with pytest.raises(model.RequestError, match=r"in \[0, 1\]"):
        plots.weight_sweep(sweeps, "y", current=1.5)


def test_weight_sweeps_one_panel_per_criterion(case: Case) -> None:
    sweeps = case.report.sweeps
    figure = plots.weight_sweeps(sweeps)
    axes = data_axes(figure)
    assert [ax.get_title() for ax in axes] == list(sweeps.criteria)
    assert len({ax.get_ylim() for ax in axes}) == 1  # shared score axis
    assert len(tagged(figure, "sweep")) == len(sweeps.criteria) * len(sweeps.alternatives)
    inside = [c for c in sweeps.crossovers if 0.0 < c.weight < 1.0]
    assert len(tagged(figure, "crossover")) == len(inside)
    assert len(texts(figure, "crossover-label")) == len(inside)
    assert len(tagged(figure, "current")) == len(sweeps.criteria)


# ----- tornado ----------------------------------------------------------------------------------
def _movable(case: Case) -> list[Any]:
    assert case.report.tornado is not None
    return [bar for bar in case.report.tornado.bars if bar.low != bar.high]


def test_tornado_two_half_bars_per_input(case: Case) -> None:
    tornado = case.report.tornado
    assert tornado is not None
    shown = _movable(case)[:15]
    figure = plots.tornado(tornado)
    (ax,) = data_axes(figure)
    assert len(ax.get_yticks()) == len(shown)
    halves = rectangles(figure, "tornado")
    assert len(halves) == 2 * len(shown)
    for patch in halves:
        assert patch.get_x() == pytest.approx(tornado.margin)  # every half-bar starts at the current lead
    ends = sorted(patch.get_x() + patch.get_width() for patch in halves)
    assert ends == pytest.approx(sorted(m for bar in shown for m in (bar.margin_at_low, bar.margin_at_high)))
    assert len(texts(figure, "tornado-value")) == 2 * len(shown)
    (zero,) = by_gid(figure, "reference:zero")
    (current,) = by_gid(figure, "reference:current")
    assert list(zero.get_xdata()) == [0.0, 0.0]
    assert list(current.get_xdata()) == [pytest.approx(tornado.margin)] * 2


def test_tornado_flips_are_hatched_and_labelled(tiny: Case) -> None:
    tornado = tiny.report.tornado
    assert tornado is not None
    figure = plots.tornado(tornado)
    flipping = [bar for bar in _movable(tiny) if bar.flips]
    assert flipping  # b leads narrowly: some inputs hand first place to a or c
    labels = sorted(text.get_text() for text in texts(figure, "flip"))
    assert labels == sorted(f"flips at {bar.flip_value:.3g}" for bar in flipping)
    hatched = [patch for patch in rectangles(figure, "tornado") if patch.get_hatch()]
    losing_ends = [m for bar in flipping for m in (bar.margin_at_low, bar.margin_at_high) if m < 0]
    assert len(hatched) == len(losing_ends)
    assert all(patch.get_x() + patch.get_width() < 0 for patch in hatched)


def test_tornado_top_and_shipped_has_no_flip(shipped: Case) -> None:
    tornado = shipped.report.tornado
    assert tornado is not None
    figure = plots.tornado(tornado, top=4)
    assert len(rectangles(figure, "tornado")) == 8
    assert not texts(figure, "flip")  # README: no single change within its range dethrones Turkey
    labels = [tick.get_text() for tick in data_axes(figure)[0].get_yticklabels()]
    assert labels[0] == f"weight of {tornado.bars[0].criterion}"  # largest swing on top
    with pytest.raises(model.RequestError, match="top"):
        plots.tornado(tornado, top=0)


# ----- SMAA -------------------------------------------------------------------------------------
def _contrast(first: Any, second: Any) -> float:
    from matplotlib.colors import to_rgb

    def luminance(colour: Any) -> float:
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in to_rgb(colour)]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_rank_acceptability_cells_are_the_percentages(case: Case) -> None:
    result = case.smaa
    figure = plots.rank_acceptability(result)
    (ax,) = data_axes(figure)
    (image,) = ax.images
    ordered = [result.alternatives[i] for i in result.order]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ordered
    assert list(result.first_rank[result.order]) == sorted(result.first_rank, reverse=True)
    cells = {tuple(named(text)): text for text in texts(figure, "cell")}
    m = len(result.alternatives)
    assert len(cells) == m * m
    for i, alternative in enumerate(result.alternatives):
        for rank in range(1, m + 1):
            text = cells[(alternative, str(rank))]
            share = float(result.rank_acceptability[i, rank - 1])
            assert text.get_text() == plots.format_share(share)
            background = image.cmap(float(np.asarray(image.norm(np.array([share])))[0]))
            assert _contrast(text.get_color(), background) >= 4.5
    colourbars = [a for a in figure.axes if a.get_label() == "<colorbar>"]
    assert [a.get_ylabel() for a in colourbars] == ["share of draws"]


def test_format_share_edges() -> None:
    assert plots.format_share(0.0) == "0%"
    assert plots.format_share(1.0) == "100%"
    assert plots.format_share(0.5) == "50.0%"
    assert plots.format_share(1e-6) == "<0.1%"
    assert plots.format_share(1 - 1e-6) == ">99.9%"


def test_central_weights_bars_for_alternatives_ever_first(case: Case) -> None:
    result = case.smaa
    figure = plots.central_weights(result)
    ever = [a for i, a in enumerate(result.alternatives) if np.all(np.isfinite(result.central_weights[i]))]
    bars = rectangles(figure, "central")
    assert len(bars) == len(ever) * len(result.criteria)
    table = result.central_weights_table
    for patch in bars:
        alternative, criterion = named(patch)
        assert patch.get_height() == pytest.approx(table.loc[alternative, criterion])
    assert len(texts(figure, "central-value")) == len(bars)
    (ax,) = data_axes(figure)
    assert len(ax.containers) >= len(ever)  # bar containers, with error bars for the s.e.
    assert any(type(c).__name__ == "ErrorbarContainer" for c in ax.containers)


def test_central_weights_name_alternatives_never_first(tiny: Case) -> None:
    forced = smaa(tiny.problem, samples=500, seed=1, weights="uniform", vary_scores=False, workers=1)
    figure = plots.central_weights(forced)
    never = [a for i, a in enumerate(forced.alternatives) if forced.first_rank[i] == 0]
    title = data_axes(figure)[0].get_title()
    for name in never:
        assert name in title.split("never first")[-1]


# ----- weights ----------------------------------------------------------------------------------
def test_weights_bars_are_the_normalised_weights(case: Case) -> None:
    figure = plots.weights(case.problem)
    bars = {":".join(named(patch)): patch.get_width() for patch in rectangles(figure, "weight")}
    assert bars == pytest.approx(dict(zip(case.problem.criterion_ids, case.problem.normalized_weights, strict=True)))
    assert not tagged(figure, "analyst")


def test_weights_with_a_group(shipped: Case, analysts: GroupWeights) -> None:
    figure = plots.weights(shipped.problem, analysts)
    ids = shipped.problem.criterion_ids
    markers = tagged(figure, "analyst")
    assert len(markers) == len(analysts.individual)
    assert sum(len(line.get_xdata()) for line in markers) == len(analysts.individual) * len(ids)
    for line in markers:
        name = ":".join(named(line))
        np.testing.assert_allclose(line.get_xdata(), analysts.individual[name].weights)
    spreads = {":".join(named(line)): list(line.get_xdata()) for line in tagged(figure, "spread")}
    assert list(spreads) == list(ids)
    for j, criterion in enumerate(ids):
        assert spreads[criterion] == pytest.approx(list(analysts.spread[j, :2]))


def test_weights_refuse_a_group_of_other_criteria(tiny: Case, analysts: GroupWeights) -> None:
    with pytest.raises(model.RequestError, match="do not cover"):
        plots.weights(tiny.problem, analysts)


# ----- save -------------------------------------------------------------------------------------
@pytest.fixture
def figure(tiny: Case) -> Figure:
    return plots.contribution_bars(tiny.ranking)


def test_save_png_and_svg(figure: Figure, tmp_path: Path) -> None:
    png = plots.save(figure, tmp_path / "bars.png")
    assert png == tmp_path / "bars.png"
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    svg = plots.save(figure, str(tmp_path / "bars.svg"))
    ET.parse(svg)  # a whole SVG document
    forced = plots.save(figure, tmp_path / "bars", format="svg")
    assert forced.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bars", "bars.png", "bars.svg"]


def test_save_replaces_an_existing_file(figure: Figure, tmp_path: Path) -> None:
    target = tmp_path / "bars.png"
    target.write_bytes(b"old")
    plots.save(figure, target)
    assert target.read_bytes().startswith(PNG_SIGNATURE)
    assert [p.name for p in tmp_path.iterdir()] == ["bars.png"]


@pytest.mark.parametrize("name", ["criteria.yaml", "model.yml", "MODEL.YAML"])
def test_save_refuses_a_model_file(figure: Figure, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="model file"):
        plots.save(figure, target)
    with pytest.raises(ValueError, match="model file"):
        plots.save(figure, target, format="png")
    assert target.read_text(encoding="utf-8") == "version: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_save_refuses_unknown_formats(figure: Figure, tmp_path: Path) -> None:
    with pytest.raises(model.RequestError, match="png or svg"):
        plots.save(figure, tmp_path / "bars.pdf")
    with pytest.raises(model.RequestError, match="does not match"):
        plots.save(figure, tmp_path / "bars.png", format="svg")
    assert list(tmp_path.iterdir()) == []


def _failing_print_png(canvas: FigureCanvasAgg, handle: io.BufferedWriter, **_: object) -> None:
    handle.write(PNG_SIGNATURE + b"half a figure")
    handle.flush()
    raise RuntimeError("disk on fire")


@pytest.mark.parametrize("existing", [False, True])
def test_save_is_atomic(figure: Figure, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool) -> None:
    target = tmp_path / "bars.png"
    if existing:
        target.write_bytes(b"the previous figure")
    monkeypatch.setattr(FigureCanvasAgg, "print_png", _failing_print_png)
    with pytest.raises(RuntimeError, match="disk on fire"):
        plots.save(figure, target)
    # no partial file, no temporary file left behind; a previous figure is untouched
    assert [p.name for p in tmp_path.iterdir()] == (["bars.png"] if existing else [])
    if existing:
        assert target.read_bytes() == b"the previous figure"


class _Interrupted(BaseException):
    """Stands for the CLI's SIGTERM exception, raised in the middle of a drawing."""


def test_an_interrupted_drawing_stays_an_interruption(
    figure: Figure, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A drawing cut short can leave a layout that restoring the figure trips over; that ValueError
    ("Invalid bounding box") once replaced SIGTERM, and the CLI reported a write error (exit 2)."""

    def interrupted(canvas: FigureCanvasAgg, handle: io.BufferedWriter, **_: object) -> None:
        raise _Interrupted

    set_canvas = Figure.set_canvas

    def broken_canvas(self: Figure, canvas: object) -> None:
        if isinstance(canvas, FigureCanvasAgg):  # the drawing's own canvas
            set_canvas(self, canvas)  # type: ignore[arg-type]
            return
        raise ValueError("Invalid bounding box")  # putting the figure's own canvas back

    monkeypatch.setattr(FigureCanvasAgg, "print_png", interrupted)
    monkeypatch.setattr(Figure, "set_canvas", broken_canvas)
    with pytest.raises(_Interrupted):
        plots.save(figure, tmp_path / "bars.png")
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_directory_leaves_nothing(figure: Figure, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        plots.save(figure, tmp_path / "missing" / "bars.png")
    assert list(tmp_path.iterdir()) == []


# ----- drawn once ---------------------------------------------------------------------------------
def _every_figure(case: Case, analysts: GroupWeights) -> dict[str, Figure]:
    report = case.report
    assert report.tornado is not None
    return {
        "contribution_bars": plots.contribution_bars(case.ranking),
        "weights": plots.weights(case.problem, analysts),
        "weight_sweep": plots.weight_sweep(report.sweeps, case.problem.criterion_ids[1]),
        "weight_sweeps": plots.weight_sweeps(report.sweeps),
        "tornado": plots.tornado(report.tornado),
        "rank_acceptability": plots.rank_acceptability(case.smaa),
        "central_weights": plots.central_weights(case.smaa),
    }


def test_png_and_svg_are_the_bytes_savefig_writes(shipped: Case, analysts: GroupWeights) -> None:
    """Drawn once through the canvas, each figure is byte for byte what ``Figure.savefig`` writes
    (it lays a figure out in a dry run, then draws it again): same layout, same pixels. Each
    comparison draws fresh figures (matplotlib lays out a figure drawn before from where the last
    layout left it); SVG ids are random per process unless ``svg.hashsalt`` is set."""
    saved = _every_figure(shipped, analysts)
    for name, figure in _every_figure(shipped, analysts).items():
        buffer = io.BytesIO()
        saved[name].savefig(buffer, format="png", dpi=60)  # every figure, at a low resolution: quicker
        assert plots.to_png_bytes(figure, dpi=60) == buffer.getvalue(), name
    saved = _every_figure(shipped, analysts)
    fresh = _every_figure(shipped, analysts)
    buffer = io.BytesIO()
    saved["contribution_bars"].savefig(buffer, format="png", dpi=150)
    assert plots.to_png_bytes(fresh["contribution_bars"]) == buffer.getvalue()  # the report's resolution
    with matplotlib.rc_context({"svg.hashsalt": "same ids"}):
        for name in ("weights", "rank_acceptability"):  # markers and text; an embedded image
            buffer = io.BytesIO()
            saved[name].savefig(buffer, format="svg", metadata={"Date": None})
            text = buffer.getvalue().decode("utf-8")
            assert plots.to_svg_text(fresh[name]) == text[text.index("<svg") :], name


def test_a_figure_is_drawn_once_and_left_as_it_was(tiny: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    figure = plots.weight_sweeps(tiny.report.sweeps)
    canvas, dpi = figure.canvas, figure.dpi
    draws: list[str] = []
    draw = Figure.draw

    def counted(self: Figure, renderer: Any) -> None:
        draws.append(type(renderer).__name__)
        draw(self, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    plots.to_png_bytes(figure)
    assert draws == ["RendererAgg"]  # laid out and drawn in one pass, no dry run
    plots.to_svg_text(figure)
    assert draws == ["RendererAgg", "MixedModeRenderer"]
    assert figure.canvas is canvas and figure.dpi == dpi  # the canvas and resolution are the figure's again


# ----- no global state --------------------------------------------------------------------------
def test_no_pyplot_and_no_matplotlib_on_the_rank_path() -> None:
    code = f"""
import sys
import model
model.evaluate(model.load({str(SHIPPED)!r}))
assert "matplotlib" not in sys.modules, "check/rank imported matplotlib"
from model.render import figures as plots
figure = plots.contribution_bars(model.evaluate(model.load({str(SHIPPED)!r})))
plots.to_png_bytes(figure)
plots.to_svg_text(figure)
assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_figures_are_independent(tiny: Case) -> None:
    """Object-oriented figures share nothing: drawing one leaves another as it was."""
    first = plots.contribution_bars(tiny.ranking)
    before = len(first.findobj(Artist))
    plots.weights(tiny.problem)
    assert len(first.findobj(Artist)) == before
    assert first.canvas is not None and first.canvas.figure is first


def test_large_problems_stay_drawable() -> None:
    """Figures grow with the problem but stay within MAX_INCHES, so the PNG can always be drawn."""
    rng = np.random.default_rng(3)
    m, n = 60, 8
    problem = model.DecisionProblem.from_matrix(
        rng.uniform(0, 1, (m, n)),
        alternatives=[f"alt{i:03d}" for i in range(m)],
        criteria=[f"c{j}" for j in range(n)],
        weights=rng.uniform(1, 2, n).tolist(),
    )
    result = smaa(problem, samples=300, seed=1, workers=1)
    for figure in (plots.contribution_bars(model.evaluate(problem)), plots.rank_acceptability(result)):
        width, height = figure.get_size_inches()
        assert width <= plots.MAX_INCHES and height <= plots.MAX_INCHES
        assert plots.to_png_bytes(figure, dpi=50).startswith(PNG_SIGNATURE)
    heat_map = plots.rank_acceptability(result)
    assert not texts(heat_map, "cell")  # too many cells to label
    assert "too many cells" in data_axes(heat_map)[0].get_title()


def test_plots_draw_into_the_callers_axes(case: Case) -> None:
    """matplotlib's convention: given ``ax=``, a plot draws there, keeps the caller's figure, and
    returns that figure; its title and legend stay with the axes."""
    figure = Figure()
    left, right = figure.subplots(1, 2)
    returned = plots.contribution_bars(case.ranking, ax=right)
    assert returned is figure and len(figure.axes) == 2
    assert right.get_title() and not figure.get_suptitle() and not left.patches
    assert rectangles(figure, "segment")
    result = smaa(case.problem, samples=2000, seed=0, workers=1)
    for draw in (plots.rank_acceptability, plots.central_weights):
        target = Figure().add_subplot()
        assert draw(result, ax=target) is target.get_figure()
        assert target.get_title()


def test_figures_name_criteria_by_their_labels() -> None:
    problem = model.load(ROOT / "criteria.yaml")
    figure = plots.contribution_bars(model.evaluate(problem))
    legend_texts = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert any(text.startswith("Extradition risk (weight") for text in legend_texts)
    assert not any(text.startswith("extradition_risk") for text in legend_texts)
