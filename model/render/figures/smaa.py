"""Figures of SMAA: the rank-acceptability heat map and the central weights. May import numpy,
matplotlib, :mod:`.style` and, for typing, :mod:`model.analysis`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

if TYPE_CHECKING:
    from model.analysis.smaa import SmaaResult
from model.render.figures.style import (
    canvas,
    contrasting_ink,
    legend,
    light_grid,
    set_titles,
)
from model.render.palette import HATCHES, MAX_LABELLED_RANKS, PALETTE, format_share


# ----- SMAA -------------------------------------------------------------------------------------
def _smaa_settings(result: SmaaResult) -> str:
    return (
        f"SMAA-2, {result.samples:,} draws (seed {result.seed}) · weights {result.weights_mode} · "
        f"scores {result.scores_mode}"
    )


def rank_acceptability(result: SmaaResult, *, ax: Axes | None = None) -> Figure:
    """Heat map of rank acceptability: the share of draws giving each alternative each rank.

    Rows are alternatives by first-rank acceptability (highest on top), columns ranks 1..m; each
    cell carries its percentage (:func:`format_share`) in black or white, whichever contrasts more
    (up to :data:`MAX_LABELLED_RANKS` alternatives; beyond, the cells are too small to label).
    """
    order = [int(i) for i in result.order]
    names = [result.alternatives[i] for i in order]
    shares = np.asarray(result.rank_acceptability, dtype=float)[order]
    m = len(order)
    figure, ax = canvas(ax, max(6.5, 2.6 + 0.95 * m), 2.0 + 0.55 * m)
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
    set_titles(figure, ax, "How often each alternative takes each rank", subtitle)
    return figure


def central_weights(result: SmaaResult, *, ax: Axes | None = None) -> Figure:
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
    figure, ax = canvas(ax, max(7.5, 1.2 + n * (0.35 + 0.32 * groups)), 5.4)
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
    light_grid(ax, "y")
    subtitle = f"mean weights over the draws where the alternative ranks first, ± s.e.\n{_smaa_settings(result)}"
    if never:
        subtitle += f"\nnever first, so no central weights: {', '.join(never)}"
    set_titles(figure, ax, "Which weights make each alternative first", subtitle)
    legend(figure, ax, handles=handles, ncols=min(3, groups + 1), fontsize=8.5, frameon=False)
    return figure
