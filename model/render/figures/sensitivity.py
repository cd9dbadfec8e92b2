"""Figures of the exact sensitivity analyses: weight sweeps with their crossovers, and the
tornado of the winner's lead. May import numpy, matplotlib, :mod:`.style` and, for typing,
:mod:`model.analysis`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from model.errors import RequestError

if TYPE_CHECKING:
    from model.analysis.sensitivity import Tornado, TornadoBar, WeightSweeps
from model.render.figures.style import (
    LINESTYLES,
    canvas,
    index_of,
    legend,
    light_grid,
    new_figure,
    set_titles,
)
from model.render.palette import HIGH_END, LOW_END, MARKERS, PALETTE, short_number


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
    light_grid(ax, "both")


def weight_sweep(
    sweeps: WeightSweeps, criterion: str, *, current: float | None = None, ax: Axes | None = None
) -> Figure:
    """Each alternative's score as ``criterion``'s weight goes from 0 to 1, the others proportional.

    One straight line per alternative (``sweeps.intercepts + sweeps.slopes * w``), a vertical line
    at the current weight (``current``, default ``sweeps.current``), and every crossover strictly
    inside (0, 1) marked and labelled with its weight.
    """
    k = index_of("criterion", criterion, sweeps.criteria)
    now = _current_weight(sweeps, k, current)
    figure, ax = canvas(ax, 8.5, 6.2)
    _draw_sweep(ax, sweeps, k, now, fontsize=9)
    ax.set_xlabel(f"normalised weight of {criterion}")
    ax.set_ylabel("score (0–1)")
    set_titles(
        figure,
        ax,
        f"How the scores move with the weight of {criterion}",
        "weighted sum; the other weights keep their proportions",
    )
    handles = _sweep_handles(sweeps)
    legend(figure, ax, handles=handles, ncols=min(4, len(handles)), fontsize=8.5, frameon=False)
    return figure


def weight_sweeps(sweeps: WeightSweeps) -> Figure:
    """Small multiples of :func:`weight_sweep`, one panel per criterion, sharing the score axis."""
    n = len(sweeps.criteria)
    columns = min(3, n)
    rows = math.ceil(n / columns)
    figure = new_figure(4.4 * columns + 0.5, 3.5 * rows + 1.6)
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


def tornado(tornado: Tornado, *, top: int = 15, ax: Axes | None = None) -> Figure:
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
    figure, ax = canvas(ax, 10.0, 2.6 + 0.42 * max(k, 1))
    y = np.arange(k, dtype=float)
    margins = [m for bar in shown for m in (bar.margin_at_low, bar.margin_at_high)]
    low = min([*margins, 0.0, now if math.isfinite(now) else 0.0])
    high = max([*margins, 0.0, now if math.isfinite(now) else 0.0])
    span = (high - low) or 1.0
    flips = any(bar.flips for bar in shown)
    for row, bar in enumerate(shown):
        for end, offset, margin, value, colour in (
            ("low", -0.19, bar.margin_at_low, bar.low, LOW_END),
            ("high", 0.19, bar.margin_at_high, bar.high, HIGH_END),
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
                short_number(value),
                ha="right" if outward else "left",
                va="center",
                fontsize=7.5,
                gid=f"tornado-value:{tag}",
            )
        if bar.flips:
            ax.text(
                high + 0.1 * span,
                y[row],
                f"flips at {short_number(bar.flip_value)}",
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
    light_grid(ax, "x")
    set_titles(
        figure,
        ax,
        f"Which single input moves {tornado.winner}'s lead most",
        f"top {k} of {len(movable)} inputs by swing · weights ±{tornado.weight_range:.0%} (others "
        f"proportional), scores over their evidence range\nbar labels: the input's value at that end"
        + (f" · {fixed} fixed inputs (no range) not shown" if fixed else ""),
    )
    handles: list[Any] = [
        Patch(facecolor=LOW_END, edgecolor="black", label="lead with the input at its low end (upper bar)"),
        Patch(facecolor=HIGH_END, edgecolor="black", label="lead with the input at its high end (lower bar)"),
        Line2D([], [], color="black", linestyle=(0, (4, 2)), label=f"current lead {now:.3f}"),
        Patch(facecolor="#eeeeee", edgecolor="black", linewidth=0.6, label="below 0: the winner changes"),
    ]
    if flips:
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="///", label="the winner flips"))
    legend(figure, ax, handles=handles, ncols=3, fontsize=8.5, frameon=False)
    return figure
