"""Figures of a ranking and its weights: contribution bars and the weights (with the analysts'
spread). May import numpy, matplotlib, :mod:`.style` and, for typing, the core.
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
    from model.problem import DecisionProblem
    from model.ranking import Ranking
    from model.weighting.elicitation import GroupWeights
from model.render.figures.style import (
    FLAG_MARKERS,
    canvas,
    legend,
    light_grid,
    score_axis_label,
    set_titles,
)
from model.render.palette import (
    FLAG_MEANING,
    FLAG_SYMBOLS,
    HATCHES,
    MARKERS,
    PALETTE,
    PLAIN_FLAG_MEANING,
    flagged_totals,
)


# ----- contributions ----------------------------------------------------------------------------
def contribution_bars(ranking: Ranking, *, ax: Axes | None = None) -> Figure:
    """Stacked horizontal bars of each criterion's contribution to each alternative's score.

    Best alternative on top; one segment per (alternative, criterion), hatched and coloured by
    criterion; interval (``~``) and unknown (``?``) cells marked on their segment; the total at the
    end of each bar. For a method without ``contributions`` in its details, plain score bars with
    the count of flagged cells after each score.
    """
    from model.render.common import weight_origin

    order = [int(i) for i in ranking.order]
    names = [ranking.alternatives[i] for i in order]
    scores = np.asarray(ranking.scores, dtype=float)[order]
    m, y = len(order), np.arange(len(order), dtype=float)
    stacked = "contributions" in ranking.details
    legend_rows = math.ceil((len(ranking.criteria) + 2) / 3) if stacked else 1
    figure, ax = canvas(ax, 9.5, 1.7 + 0.55 * m + 0.3 * legend_rows)
    origin = " + ".join(weight_origin(ranking.problem))
    axis = score_axis_label(ranking)
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
                label=f"{ranking.problem.criterion(criterion).label} (weight {ranking.weights[j]:.2f})",
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
            Line2D([], [], linestyle="none", marker=FLAG_MARKERS[kind], color="black", markersize=9, label=text)
            for kind, text in FLAG_MEANING.items()
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
        totals = flagged_totals(names, scores, ranking.flags)
        handles += [
            Patch(facecolor="none", edgecolor="none", label=f"({symbol}n) n {PLAIN_FLAG_MEANING[kind]}")
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
    light_grid(ax, "x")
    set_titles(figure, ax, title, subtitle)
    if handles:
        legend(
            figure,
            ax,
            handles=handles,
            ncols=min(3, len(handles)),
            fontsize=8.5,
            frameon=False,
            title="criterion (normalised weight)" if stacked else None,
            title_fontsize=8.5,
        )
    return figure


# ----- weights ----------------------------------------------------------------------------------
def weights(problem: DecisionProblem, group: GroupWeights | None = None, *, ax: Axes | None = None) -> Figure:
    """The normalised weights the problem uses; with ``group``, each analyst's weights and the spread.

    Bars: ``problem.normalized_weights``. With a group: one marker shape per analyst, the min–max
    range between analysts as a line with end caps, and the group's aggregate as a vertical tick.
    """
    from model.render.common import weight_origin

    criteria = problem.criterion_ids
    used = np.asarray(problem.normalized_weights, dtype=float)
    n = len(criteria)
    analysts = dict(group.individual) if group is not None else {}
    legend_rows = math.ceil((3 + len(analysts)) / 3) if group is not None else 0
    figure, ax = canvas(ax, 9.0, 1.9 + 0.6 * n + 0.3 * legend_rows)
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
    light_grid(ax, "x")
    set_titles(figure, ax, "Normalised weights used", subtitle)
    if group is not None:
        legend(figure, ax, ncols=3, fontsize=8.5, frameon=False)
    return figure
