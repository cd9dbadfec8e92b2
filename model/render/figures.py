"""Figures of the engine's results: matplotlib's object-oriented API, headless, no global state.

Every function takes a result object (:class:`~model.ranking.Ranking`,
:class:`~model.analysis.sensitivity.WeightSweeps`, :class:`~model.analysis.sensitivity.Tornado`,
:class:`~model.analysis.smaa.SmaaResult`, a :class:`~model.problem.DecisionProblem`) and returns a
:class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`: no GUI backend, nothing
shown or printed, safe in threads and on servers. Series differ by hatching, line style and
marker as well as by colour (the Okabe–Ito palette, safe for colour-blind readers), and values
are written on the figure, so every figure also reads in greyscale.

Artists that carry data have a ``gid`` naming what they show (``segment:Turkey:extradition_risk``,
``crossover:extradition_risk:Russia:Turkey``, ...): tests and the HTML report find them by it,
and it becomes the element's id in SVG output. :func:`save` writes PNG or SVG atomically;
:func:`to_png_bytes` and :func:`to_svg_text` are for embedding in HTML.

>>> import model
>>> from model.render import figures as plots
>>> figure = plots.contribution_bars(model.evaluate(model.loads(model.demo.DEMO_YAML)))
>>> figure.get_suptitle()
'What each criterion adds to the score'
>>> plots.to_png_bytes(figure)[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, Literal

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import Normalize, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter
from numpy.typing import NDArray

from model.errors import RequestError, did_you_mean

if TYPE_CHECKING:
    from model.analysis.sensitivity import Tornado, TornadoBar, WeightSweeps
    from model.analysis.smaa import SmaaResult
    from model.problem import DecisionProblem
    from model.ranking import Ranking
    from model.weighting.elicitation import GroupWeights

FIGURES: Mapping[str, str] = MappingProxyType(
    {
        "contribution_bars": "stacked bars of each criterion's contribution to each alternative's score, best on "
        "top, interval (~) and unknown (?) cells marked, total at the end (plain score bars for methods "
        "without contributions)",
        "weight_sweep": "each alternative's score as one criterion's weight goes from 0 to 1 (others "
        "proportional), the current weight, and every crossover labelled with its weight",
        "weight_sweeps": "the weight sweep of every criterion as small multiples with a shared score axis",
        "tornado": "the winner's lead at the low and high end of each input, largest swing first; inputs that "
        "can change the winner hatched and labelled with the value where they do",
        "rank_acceptability": "heat map of the share of SMAA draws giving each alternative each rank",
        "central_weights": "the mean weights that make each alternative first (SMAA central weights), with "
        "standard errors",
        "weights": "the normalised weights used; with a group, each analyst's weights and the spread between them",
    }
)
"""Every figure this module draws: function name → what it shows."""

PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008), dark and light alternating."""

HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "oo", "++", "--", "**")
LINESTYLES: tuple[str | tuple[int, tuple[int, ...]], ...] = (
    "-",
    "--",
    "-.",
    ":",
    (0, (5, 1, 1, 1, 1, 1)),
    (0, (8, 2)),
    (0, (1, 1)),
    (0, (3, 2, 1, 2)),
)
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")

MAX_INCHES = 30.0
"""No figure is wider or taller than this (30 in, 4,500 pixels at the default 150 dpi)."""

MAX_LABELLED_RANKS = 25
"""The rank acceptability heat map writes its percentages only up to this many alternatives."""

FLAG_SYMBOLS: Mapping[str, str] = MappingProxyType({"interval": "~", "unknown": "?"})
"""The mark of a flagged cell, as in the text reports."""

_FLAG_MEANING = {
    "interval": "interval: ranked on its midpoint",
    "unknown": "unknown: ranked on the scale midpoint (not evidence)",
}
_PLAIN_FLAG_MEANING = {
    "interval": "interval cells, ranked on their midpoints",
    "unknown": "unknown cells, ranked on the scale midpoint (not evidence)",
}
_FLAG_MARKERS = {"interval": r"$\sim$", "unknown": "$?$"}  # in mathtext "~" is a space
_SCORE_AXIS = {
    "weighted_sum": "score (0–1)",
    "topsis": "closeness to the ideal (0–1)",
    "vikor": "Q (0–1, lower is better)",
    "promethee_ii": "net flow φ (−1 to 1)",
    "weighted_product": "score (product of weighted values)",
}
_LOW_END, _HIGH_END = PALETTE[1], PALETTE[0]  # light orange, dark blue: they differ in grey too
_GRID = "#d9d9d9"

FloatArray = NDArray[np.float64]


# ----- small helpers ----------------------------------------------------------------------------
def format_share(share: float) -> str:
    """A share of draws as the percentage written on the figures.

    >>> [format_share(v) for v in (0.0, 0.0001, 0.25, 0.97034, 0.99999, 1.0)]
    ['0%', '<0.1%', '25.0%', '97.0%', '>99.9%', '100%']
    """
    value = float(share)
    if value == 0.0:
        return "0%"
    if value == 1.0:
        return "100%"
    if value < 0.0005:
        return "<0.1%"
    if value > 0.9995:
        return ">99.9%"
    return f"{value:.1%}"


def _figure(width: float, height: float) -> Figure:
    # capped: figures grow with the problem, but a raster must stay drawable (Agg stops at 2**16 pixels)
    return Figure(figsize=(min(width, MAX_INCHES), min(height, MAX_INCHES)), dpi=100, layout="constrained")


def _titles(figure: Figure, ax: Axes, title: str, subtitle: str) -> None:
    figure.suptitle(title, fontsize=13, fontweight="bold")
    ax.set_title(subtitle, fontsize=9, color="#333333")


def _index(kind: str, name: str, known: Sequence[str]) -> int:
    if name in known:
        return list(known).index(name)
    hint = did_you_mean(name, known)
    message = f"unknown {kind} {name!r}; expected one of: {', '.join(known)}"
    raise RequestError(message + (f" ({hint})" if hint else ""))


def _number(value: float) -> str:
    """An input value for a label: three significant digits, no trailing zeros."""
    return f"{value:.3g}"


def _luminance(colour: Any) -> float:
    """WCAG relative luminance of a colour."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrasting_ink(background: Any) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG contrast ratio).

    >>> contrasting_ink("#00204d"), contrasting_ink("#fee838")
    ('white', 'black')
    """
    light = _luminance(background)
    return "white" if 1.05 / (light + 0.05) > (light + 0.05) / 0.05 else "black"


def _score_axis(ranking: Ranking) -> str:
    better = "higher" if ranking.higher_is_better else "lower"
    return _SCORE_AXIS.get(ranking.method, f"score ({better} is better)")


def _grid(ax: Axes, axis: Literal["x", "y", "both"]) -> None:
    ax.grid(axis=axis, color=_GRID, linewidth=0.7)
    ax.set_axisbelow(True)


# ----- contributions ----------------------------------------------------------------------------
def contribution_bars(ranking: Ranking) -> Figure:
    """Stacked horizontal bars of each criterion's contribution to each alternative's score.

    Best alternative on top; one segment per (alternative, criterion), hatched and coloured by
    criterion; interval (``~``) and unknown (``?``) cells marked on their segment; the total at the
    end of each bar. For a method without ``contributions`` in its details, plain score bars with
    the count of flagged cells after each score.
    """
    from model.render.text import weight_origin

    order = [int(i) for i in ranking.order]
    names = [ranking.alternatives[i] for i in order]
    scores = np.asarray(ranking.scores, dtype=float)[order]
    m, y = len(order), np.arange(len(order), dtype=float)
    stacked = "contributions" in ranking.details
    legend_rows = math.ceil((len(ranking.criteria) + 2) / 3) if stacked else 1
    figure = _figure(9.5, 1.7 + 0.55 * m + 0.3 * legend_rows)
    ax = figure.add_subplot()
    origin = " + ".join(weight_origin(ranking.problem))
    axis = _score_axis(ranking)
    handles: list[Any] = []
    if stacked:
        parts = np.asarray(ranking.details["contributions"], dtype=float)[order]
        right, left = np.zeros(m), np.zeros(m)
        for j, criterion in enumerate(ranking.criteria):
            width = parts[:, j]
            start = np.where(width >= 0, right, left)
            bars = ax.barh(
                y,
                width,
                left=start,
                height=0.62,
                color=PALETTE[j % len(PALETTE)],
                hatch=HATCHES[j % len(HATCHES)],
                edgecolor="black",
                linewidth=0.6,
                label=f"{criterion} (weight {ranking.weights[j]:.2f})",
            )
            for row, patch in enumerate(bars.patches):
                patch.set_gid(f"segment:{names[row]}:{criterion}")
            handles.append(bars)
            for row, name in enumerate(names):
                kind = dict(ranking.flags[name]).get(criterion)
                if kind is not None:
                    ax.text(
                        start[row] + width[row] / 2,
                        y[row],
                        FLAG_SYMBOLS[kind],
                        ha="center",
                        va="center",
                        fontsize=10,
                        fontweight="bold",
                        bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white", "edgecolor": "black", "lw": 0.6},
                        gid=f"flag:{name}:{criterion}",
                    )
            right += np.where(width >= 0, width, 0.0)
            left += np.where(width < 0, width, 0.0)
        kinds = {kind for flags in ranking.flags.values() for _, kind in flags}
        handles += [
            Line2D([], [], linestyle="none", marker=_FLAG_MARKERS[kind], color="black", markersize=9, label=text)
            for kind, text in _FLAG_MEANING.items()
            if kind in kinds
        ]
        ends = np.maximum(right, 0.0)
        low, high = float(min(left.min(), 0.0)), float(max(right.max(), 0.0))
        totals = [f"{score:.3f}" for score in scores]
        title = "What each criterion adds to the score"
        subtitle = f"{ranking.method_label} · weights: {origin} · segments add up to the score"
        ax.set_xlabel(f"contribution to the {axis}")
    else:
        bars = ax.barh(y, scores, height=0.62, color=PALETTE[4], edgecolor="black", linewidth=0.6)
        for row, patch in enumerate(bars.patches):
            patch.set_gid(f"score:{names[row]}")
        ends = np.maximum(scores, 0.0)
        low, high = float(min(scores.min(), 0.0)), float(max(scores.max(), 0.0))
        totals = []
        for name, score in zip(names, scores, strict=True):
            counts = [
                f"{symbol}{sum(k == kind for _, k in ranking.flags[name])}"
                for kind, symbol in FLAG_SYMBOLS.items()
                if any(k == kind for _, k in ranking.flags[name])
            ]
            totals.append(f"{score:.3f}" + (f"  ({' '.join(counts)})" if counts else ""))
        handles += [
            Patch(facecolor="none", edgecolor="none", label=f"({symbol}n) n {_PLAIN_FLAG_MEANING[kind]}")
            for kind, symbol in FLAG_SYMBOLS.items()
            if any(k == kind for flags in ranking.flags.values() for _, k in flags)
        ]
        title = f"Scores — {ranking.method_label}"
        subtitle = f"this method does not split its score by criterion · weights: {origin}"
        ax.set_xlabel(axis)
    span = (high - low) or 1.0
    for row, name in enumerate(names):
        ax.text(
            ends[row] + 0.03 * span,  # clear of a flag mark on a segment ending there
            y[row],
            totals[row],
            ha="left",
            va="center",
            fontsize=9,
            fontweight="bold",
            gid=f"total:{name}",
        )
    if low < 0:
        ax.axvline(0.0, color="black", linewidth=0.8)
    ax.set_xlim(low - (0.04 * span if low < 0 else 0.0), high + 0.2 * span)
    ax.set_yticks(y, names)
    ax.set_ylim(m - 0.4, -0.6)  # best on top
    ax.set_ylabel("alternative (best on top)")
    _grid(ax, "x")
    _titles(figure, ax, title, subtitle)
    if handles:
        figure.legend(
            handles=handles,
            loc="outside lower center",
            ncols=min(3, len(handles)),
            fontsize=8.5,
            frameon=False,
            title="criterion (normalised weight)" if stacked else None,
            title_fontsize=8.5,
        )
    return figure


# ----- weight sweeps ----------------------------------------------------------------------------
def _current_weight(sweeps: WeightSweeps, k: int, current: float | None) -> float:
    now = float(sweeps.current[k]) if current is None else float(current)
    if not 0.0 <= now <= 1.0:
        raise RequestError(f"current weight of {sweeps.criteria[k]!r}: expected a weight in [0, 1], got {current!r}")
    return now


def _line_style(i: int) -> dict[str, Any]:
    return {
        "color": PALETTE[i % len(PALETTE)],
        "linestyle": LINESTYLES[i % len(LINESTYLES)],
        "marker": MARKERS[i % len(MARKERS)],
    }


def _sweep_handles(sweeps: WeightSweeps) -> list[Any]:
    lines = [
        Line2D([], [], linewidth=1.8, markersize=5, markeredgecolor="black", label=name, **_line_style(i))
        for i, name in enumerate(sweeps.alternatives)
    ]
    return [
        *lines,
        Line2D([], [], color="black", linestyle=(0, (4, 2)), linewidth=1.2, label="current weight"),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor="black",
            markersize=7,
            label="crossover: two alternatives swap (label: the weight)",
        ),
    ]


def _draw_sweep(ax: Axes, sweeps: WeightSweeps, k: int, now: float, *, fontsize: float) -> None:
    criterion = sweeps.criteria[k]
    t = np.linspace(0.0, 1.0, 21)
    for i, name in enumerate(sweeps.alternatives):
        ax.plot(
            t,
            sweeps.intercepts[k, i] + sweeps.slopes[k, i] * t,
            linewidth=1.8,
            markersize=5,
            markeredgecolor="black",
            markeredgewidth=0.5,
            markevery=(i % 5, 5),  # staggered, so that markers of lines that meet do not hide each other
            label=name,
            gid=f"sweep:{criterion}:{name}",
            **_line_style(i),
        )
    ax.axvline(now, color="black", linestyle=(0, (4, 2)), linewidth=1.2, gid=f"current:{criterion}")
    ax.text(
        now,
        0.99,
        f" current {now:.2f} ",
        transform=ax.get_xaxis_transform(),
        ha="left" if now < 0.7 else "right",
        va="top",
        fontsize=fontsize,
        gid=f"current-label:{criterion}",
    )
    inside = [c for c in sweeps.crossovers if c.criterion == criterion and 0.0 < c.weight < 1.0]
    for n, crossover in enumerate(inside):
        g = sweeps.alternatives.index(crossover.gainer)
        score = float(sweeps.intercepts[k, g] + sweeps.slopes[k, g] * crossover.weight)
        tag = f"{criterion}:{crossover.gainer}:{crossover.loser}"
        ax.plot(
            [crossover.weight],
            [score],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor="black",
            markeredgewidth=1.2,
            markersize=7,
            zorder=4,
            gid=f"crossover:{tag}",
        )
        ax.annotate(
            f"{crossover.weight:.2f}",
            (crossover.weight, score),
            xytext=(0, 8 if n % 2 == 0 else -9),
            textcoords="offset points",
            ha="center",
            va="bottom" if n % 2 == 0 else "top",
            fontsize=fontsize - 0.5,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            zorder=5,
            gid=f"crossover-label:{tag}",
        )
    ax.set_xlim(-0.02, 1.02)  # room for the markers at 0 and 1
    _grid(ax, "both")


def weight_sweep(sweeps: WeightSweeps, criterion: str, *, current: float | None = None) -> Figure:
    """Each alternative's score as ``criterion``'s weight goes from 0 to 1, the others proportional.

    One straight line per alternative (``sweeps.intercepts + sweeps.slopes * w``), a vertical line
    at the current weight (``current``, default ``sweeps.current``), and every crossover strictly
    inside (0, 1) marked and labelled with its weight.
    """
    k = _index("criterion", criterion, sweeps.criteria)
    now = _current_weight(sweeps, k, current)
    figure = _figure(8.5, 6.2)
    ax = figure.add_subplot()
    _draw_sweep(ax, sweeps, k, now, fontsize=9)
    ax.set_xlabel(f"normalised weight of {criterion}")
    ax.set_ylabel("score (0–1)")
    _titles(
        figure,
        ax,
        f"How the scores move with the weight of {criterion}",
        "weighted sum; the other weights keep their proportions",
    )
    handles = _sweep_handles(sweeps)
    figure.legend(handles=handles, loc="outside lower center", ncols=min(4, len(handles)), fontsize=8.5, frameon=False)
    return figure


def weight_sweeps(sweeps: WeightSweeps) -> Figure:
    """Small multiples of :func:`weight_sweep`, one panel per criterion, sharing the score axis."""
    n = len(sweeps.criteria)
    columns = min(3, n)
    rows = math.ceil(n / columns)
    figure = _figure(4.4 * columns + 0.5, 3.5 * rows + 1.6)
    axes = figure.subplots(rows, columns, sharey=True, squeeze=False)
    for k, criterion in enumerate(sweeps.criteria):
        ax = axes.flat[k]
        _draw_sweep(ax, sweeps, k, _current_weight(sweeps, k, None), fontsize=8)
        ax.set_title(criterion, fontsize=10)
        ax.set_xlabel(f"normalised weight of {criterion}", fontsize=9)
        ax.set_ylabel("score (0–1)", fontsize=9)
        ax.tick_params(labelleft=True, labelsize=8)
    spare = list(axes.flat[n:])
    for ax in spare:
        ax.set_axis_off()
    figure.suptitle(
        "How the scores move as each weight goes from 0 to 1 (the others keep their proportions)",
        fontsize=13,
        fontweight="bold",
    )
    handles = _sweep_handles(sweeps)
    if spare:  # the empty panel of the grid holds the legend
        spare[0].legend(handles=handles, loc="center", fontsize=9, frameon=False, title="alternative", title_fontsize=9)
    else:
        figure.legend(
            handles=handles, loc="outside lower center", ncols=min(4, len(handles)), fontsize=8.5, frameon=False
        )
    return figure


# ----- tornado ----------------------------------------------------------------------------------
def _tornado_label(bar: TornadoBar) -> str:
    if bar.input == "weight":
        return f"weight of {bar.criterion}"
    return f"{bar.alternative}: {bar.criterion}"


def tornado(tornado: Tornado, *, top: int = 15) -> Figure:
    """The winner's lead at the low and the high end of each input, largest swing on top.

    Per input two half-bars from the current lead: the upper one to the lead at the input's low
    end, the lower one to the lead at its high end, each labelled with that end's input value.
    Vertical lines at the current lead and at 0 (below 0 the winner changes); a half-bar that
    crosses 0 is hatched and its input is labelled with the value at which the winner flips.
    """
    from model.ranking import TIE_TOLERANCE

    if top < 1:
        raise RequestError(f"top: expected at least 1 input, got {top}")
    now = float(tornado.margin)
    # an input without a range (a high-confidence point) cannot move the lead: nothing to draw
    movable = [bar for bar in tornado.bars if bar.low != bar.high]
    fixed = len(tornado.bars) - len(movable)
    shown = [bar for bar in movable if math.isfinite(bar.margin_at_low) and math.isfinite(bar.margin_at_high)][:top]
    k = len(shown)
    figure = _figure(10.0, 2.6 + 0.42 * max(k, 1))
    ax = figure.add_subplot()
    y = np.arange(k, dtype=float)
    margins = [m for bar in shown for m in (bar.margin_at_low, bar.margin_at_high)]
    low = min([*margins, 0.0, now if math.isfinite(now) else 0.0])
    high = max([*margins, 0.0, now if math.isfinite(now) else 0.0])
    span = (high - low) or 1.0
    flips = any(bar.flips for bar in shown)
    for row, bar in enumerate(shown):
        for end, offset, margin, value, colour in (
            ("low", -0.19, bar.margin_at_low, bar.low, _LOW_END),
            ("high", 0.19, bar.margin_at_high, bar.high, _HIGH_END),
        ):
            flipping = bar.flips and margin < -TIE_TOLERANCE
            tag = f"{_tornado_label(bar)}:{end}"
            ax.barh(
                y[row] + offset,
                margin - now,
                left=now,
                height=0.36,
                color=colour,
                hatch="///" if flipping else "",
                edgecolor="black",
                linewidth=1.4 if flipping else 0.6,
                gid=f"tornado:{tag}",
            )
            outward = margin < now or (margin == now and end == "low")
            ax.text(
                margin + (-0.008 if outward else 0.008) * span,
                y[row] + offset,
                _number(value),
                ha="right" if outward else "left",
                va="center",
                fontsize=7.5,
                gid=f"tornado-value:{tag}",
            )
        if bar.flips:
            ax.text(
                high + 0.1 * span,
                y[row],
                f"flips at {_number(bar.flip_value)}",
                ha="left",
                va="center",
                fontsize=8.5,
                fontweight="bold",
                gid=f"flip:{_tornado_label(bar)}",
            )
    ax.axvspan(low - span, 0.0, color="#eeeeee", zorder=0)
    ax.axvline(0.0, color="black", linewidth=1.2, gid="reference:zero")
    if math.isfinite(now):
        ax.axvline(now, color="black", linestyle=(0, (4, 2)), linewidth=1.2, gid="reference:current")
    if not shown:
        ax.text(0.5, 0.5, "no input to swing (a single alternative has no lead)", transform=ax.transAxes, ha="center")
    ax.set_xlim(low - 0.09 * span, high + (0.42 if flips else 0.1) * span)
    ax.set_yticks(y, [_tornado_label(bar) for bar in shown])
    ax.set_ylim(k - 0.45, -0.55)  # largest swing on top
    ax.tick_params(axis="y", labelsize=8.5)
    ax.set_xlabel(f"{tornado.winner}'s lead over the best other alternative (score, 0–1)")
    ax.set_ylabel("input, swung one at a time")
    _grid(ax, "x")
    _titles(
        figure,
        ax,
        f"Which single input moves {tornado.winner}'s lead most",
        f"top {k} of {len(movable)} inputs by swing · weights ±{tornado.weight_range:.0%} (others "
        f"proportional), scores over their evidence range\nbar labels: the input's value at that end"
        + (f" · {fixed} fixed inputs (no range) not shown" if fixed else ""),
    )
    handles: list[Any] = [
        Patch(facecolor=_LOW_END, edgecolor="black", label="lead with the input at its low end (upper bar)"),
        Patch(facecolor=_HIGH_END, edgecolor="black", label="lead with the input at its high end (lower bar)"),
        Line2D([], [], color="black", linestyle=(0, (4, 2)), label=f"current lead {now:.3f}"),
        Patch(facecolor="#eeeeee", edgecolor="black", linewidth=0.6, label="below 0: the winner changes"),
    ]
    if flips:
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="///", label="the winner flips"))
    figure.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8.5, frameon=False)
    return figure


# ----- SMAA -------------------------------------------------------------------------------------
def _smaa_settings(result: SmaaResult) -> str:
    return (
        f"SMAA-2, {result.samples:,} draws (seed {result.seed}) · weights {result.weights_mode} · "
        f"scores {result.scores_mode}"
    )


def rank_acceptability(result: SmaaResult) -> Figure:
    """Heat map of rank acceptability: the share of draws giving each alternative each rank.

    Rows are alternatives by first-rank acceptability (highest on top), columns ranks 1..m; each
    cell carries its percentage (:func:`format_share`) in black or white, whichever contrasts more
    (up to :data:`MAX_LABELLED_RANKS` alternatives; beyond, the cells are too small to label).
    """
    order = [int(i) for i in result.order]
    names = [result.alternatives[i] for i in order]
    shares = np.asarray(result.rank_acceptability, dtype=float)[order]
    m = len(order)
    figure = _figure(max(6.5, 2.6 + 0.95 * m), 2.0 + 0.55 * m)
    ax = figure.add_subplot()
    cmap = colormaps["cividis"]  # perceptually uniform, colour-blind safe, monotone in grey
    norm = Normalize(0.0, 1.0)
    image = ax.imshow(shares, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    size = 9.5 if m <= 8 else 8 if m <= 12 else 6.5
    labelled = m <= MAX_LABELLED_RANKS
    for row, name in enumerate(names if labelled else ()):
        for rank in range(m):
            value = float(shares[row, rank])
            ax.text(
                rank,
                row,
                format_share(value),
                ha="center",
                va="center",
                fontsize=size,
                color=contrasting_ink(cmap(norm(value))),
                gid=f"cell:{name}:{rank + 1}",
            )
    ax.set_xticks(range(m), [str(rank + 1) for rank in range(m)])
    ax.set_yticks(range(m), names)
    ax.set_xticks(np.arange(m + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(m + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("rank (1 = best)")
    ax.set_ylabel("alternative (by first-rank acceptability)")
    colourbar = figure.colorbar(image, ax=ax, format=PercentFormatter(1.0), fraction=0.05)
    colourbar.set_label("share of draws")
    subtitle = _smaa_settings(result) + (
        "" if labelled else f"\n{m} alternatives: too many cells to label; see the table"
    )
    _titles(figure, ax, "How often each alternative takes each rank", subtitle)
    return figure


def central_weights(result: SmaaResult) -> Figure:
    """Grouped bars of each alternative's central weight vector, with standard errors.

    One group per criterion, one bar per alternative that is ever first (by first-rank
    acceptability), a dotted line at equal weights.
    """
    ever = [
        int(i)
        for i in result.order
        if result.first_rank[i] > 0 and np.all(np.isfinite(result.central_weights[i]))  # NaN: never first
    ]
    never = [name for i, name in enumerate(result.alternatives) if i not in ever]
    n, groups = len(result.criteria), len(ever)
    figure = _figure(max(7.5, 1.2 + n * (0.35 + 0.32 * groups)), 5.4)
    ax = figure.add_subplot()
    x = np.arange(n, dtype=float)
    width = 0.8 / max(groups, 1)
    dense = groups * n > 16
    top = 0.0
    handles: list[Any] = []
    for s, i in enumerate(ever):
        name = result.alternatives[i]
        where = x - 0.4 + width * (s + 0.5)
        centre = np.asarray(result.central_weights[i], dtype=float)
        error = np.nan_to_num(np.asarray(result.central_weights_se[i], dtype=float), nan=0.0)
        bars = ax.bar(
            where,
            centre,
            width,
            yerr=error,
            capsize=2.5,
            color=PALETTE[s % len(PALETTE)],
            hatch=HATCHES[s % len(HATCHES)],
            edgecolor="black",
            linewidth=0.6,
            error_kw={"elinewidth": 0.9, "ecolor": "black"},
            label=f"{name} (first in {format_share(float(result.first_rank[i]))} of draws)",
        )
        handles.append(bars)
        for j, patch in enumerate(bars.patches):
            patch.set_gid(f"central:{name}:{result.criteria[j]}")
            ax.text(
                where[j],
                centre[j] + error[j] + 0.008,
                f"{centre[j]:.2f}",
                ha="center",
                va="bottom",
                rotation=90 if dense else 0,
                fontsize=7 if dense else 7.5,
                gid=f"central-value:{name}:{result.criteria[j]}",
            )
        top = max(top, float(np.max(centre + error)))
    handles.append(ax.axhline(1.0 / n, color="#444444", linestyle=":", linewidth=1.3, label=f"equal weights (1/{n})"))
    ax.set_ylim(0.0, max(top * (1.25 if dense else 1.12), 1.5 / n))
    ax.set_xticks(x, list(result.criteria), rotation=15 if n > 4 else 0, ha="right" if n > 4 else "center")
    ax.set_xlabel("criterion")
    ax.set_ylabel("central weight (mean normalised weight when first)")
    _grid(ax, "y")
    subtitle = f"mean weights over the draws where the alternative ranks first, ± s.e.\n{_smaa_settings(result)}"
    if never:
        subtitle += f"\nnever first, so no central weights: {', '.join(never)}"
    _titles(figure, ax, "Which weights make each alternative first", subtitle)
    figure.legend(handles=handles, loc="outside lower center", ncols=min(3, groups + 1), fontsize=8.5, frameon=False)
    return figure


# ----- weights ----------------------------------------------------------------------------------
def weights(problem: DecisionProblem, group: GroupWeights | None = None) -> Figure:
    """The normalised weights the problem uses; with ``group``, each analyst's weights and the spread.

    Bars: ``problem.normalized_weights``. With a group: one marker shape per analyst, the min–max
    range between analysts as a line with end caps, and the group's aggregate as a vertical tick.
    """
    from model.render.text import weight_origin

    criteria = problem.criterion_ids
    used = np.asarray(problem.normalized_weights, dtype=float)
    n = len(criteria)
    analysts = dict(group.individual) if group is not None else {}
    legend_rows = math.ceil((3 + len(analysts)) / 3) if group is not None else 0
    figure = _figure(9.0, 1.9 + 0.6 * n + 0.3 * legend_rows)
    ax = figure.add_subplot()
    y = np.arange(n, dtype=float)
    bars = ax.barh(y, used, height=0.6, color="#a6cee3", edgecolor="black", linewidth=0.6, label="weight used")
    for j, patch in enumerate(bars.patches):
        patch.set_gid(f"weight:{criteria[j]}")
    reach = used.copy()
    subtitle = "weights: " + " + ".join(weight_origin(problem))
    if group is not None:
        missing = sorted(set(criteria) - set(group.criteria))
        if missing:
            raise RequestError(f"the group's weights do not cover the criteria {', '.join(missing)}")
        index = [group.criteria.index(c) for c in criteria]
        spread = np.asarray(group.spread, dtype=float)[index]
        for j, criterion in enumerate(criteria):
            ax.plot(
                spread[j, :2],
                [y[j], y[j]],
                color="black",
                linewidth=2.2,
                marker="|",
                markersize=14,
                markeredgewidth=2.2,
                solid_capstyle="butt",
                label="spread between analysts (min–max)" if j == 0 else "_nolegend_",
                gid=f"spread:{criterion}",
            )
        count = len(analysts)
        for a, (name, item) in enumerate(analysts.items()):
            values = np.asarray(item.weights, dtype=float)[index]
            ax.plot(
                values,
                y + (a - (count - 1) / 2) * min(0.09, 0.4 / max(count, 1)),  # analysts who agree stay visible
                linestyle="none",
                marker=MARKERS[a % len(MARKERS)],
                markersize=7,
                markerfacecolor=PALETTE[(a + 1) % len(PALETTE)],
                markeredgecolor="black",
                label=f"analyst {name} ({item.kind})",
                gid=f"analyst:{name}",
            )
            reach = np.maximum(reach, values)
        aggregate = np.asarray(group.weights, dtype=float)[index]
        ax.plot(
            aggregate,
            y,
            linestyle="none",
            marker="d",
            markersize=9,
            markerfacecolor="white",
            markeredgecolor="black",
            markeredgewidth=1.3,
            label="group aggregate",
            gid="group",
        )
        reach = np.maximum(reach, np.maximum(aggregate, spread[:, 1]))
        subtitle += f"\ngroup of {count}: {group.rule}"
    high = float(reach.max()) or 1.0
    for j, criterion in enumerate(criteria):
        ax.text(
            reach[j] + 0.015 * high,
            y[j],
            f"used {used[j]:.3f}" if group is not None else f"{used[j]:.3f}",
            ha="left",
            va="center",
            fontsize=9,
            fontweight="bold",
            gid=f"weight-value:{criterion}",
        )
    ax.set_xlim(0.0, high * (1.25 if group is not None else 1.15))
    ax.set_yticks(y, list(criteria))
    ax.set_ylim(n - 0.45, -0.55)  # file order, first on top
    ax.set_xlabel("normalised weight (the weights used sum to 1)")
    ax.set_ylabel("criterion")
    _grid(ax, "x")
    _titles(figure, ax, "Normalised weights used", subtitle)
    if group is not None:
        figure.legend(loc="outside lower center", ncols=3, fontsize=8.5, frameon=False)
    return figure


# ----- output -----------------------------------------------------------------------------------
def _format(target: Path, format: str | None) -> str:
    suffix = target.suffix.lower().lstrip(".")
    chosen = (format or suffix).lower().lstrip(".")
    if chosen not in ("png", "svg"):
        raise RequestError(f"figure format: expected png or svg (from the suffix or format=), got {chosen!r}")
    if format is not None and suffix in ("png", "svg") and suffix != chosen:
        raise RequestError(f"figure format {chosen!r} does not match the file name {target.name!r}")
    return chosen


def _write(figure: Figure, handle: IO[bytes], kind: str, dpi: float) -> None:
    if kind == "svg":
        figure.savefig(handle, format="svg", metadata={"Date": None})  # no timestamp: same figure, same file
    else:
        figure.savefig(handle, format="png", dpi=dpi)


def save(figure: Figure, path: str | os.PathLike[str], *, format: str | None = None, dpi: float = 150) -> Path:
    """Write ``figure`` as PNG or SVG (from the suffix, or ``format``), atomically; return the path.

    The figure goes to a temporary file in the target's directory, which then replaces the
    target (:func:`os.replace`): readers see the old file or the new one, never a partial one,
    and on any error the temporary file is removed. A ``.yaml``/``.yml`` target is refused
    (a model file is never overwritten by a figure), as is a format other than PNG or SVG.
    The directory must exist.
    """
    target = Path(path)
    if target.suffix.lower() in (".yaml", ".yml"):
        raise RequestError(f"refusing to write a figure to {str(target)!r}: it is named like a model file")
    kind = _format(target, format)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    # os.open with 0o666, unlike mkstemp's 0o600, leaves the file the permissions the umask gives
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            _write(figure, handle, kind, dpi)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return target


def to_png_bytes(figure: Figure, *, dpi: float = 150) -> bytes:
    """The figure as PNG bytes (e.g. for a ``data:image/png;base64,`` URL)."""
    buffer = io.BytesIO()
    _write(figure, buffer, "png", dpi)
    return buffer.getvalue()


def to_svg_text(figure: Figure) -> str:
    """The figure as an ``<svg>`` element, ready to inline in HTML (no XML prolog or doctype)."""
    buffer = io.BytesIO()
    _write(figure, buffer, "svg", 0)
    text = buffer.getvalue().decode("utf-8")
    return text[text.index("<svg") :]
