"""The report's six figures as inline SVG: contributions, weights, weight sweeps, tornado, rank
acceptability and central weights.

Each function takes the same result object as its matplotlib twin in :mod:`model.render.figures`
and draws the same information (numbers, labels, titles and notes, legend, the colour and
hatch of each criterion or alternative) with :mod:`.svg`, so the report never imports
matplotlib; the twins stay for the library and ``report --figures``. Elements that carry data
have a class (``segment``, ``cell``, ``crossover``, …) and ``data-`` attributes naming what they
show (alternative, criterion, value): the tests measure the drawing against the data by them.
Renders; never computes beyond placing what the analyses found.

May import numpy, :mod:`.svg`, :mod:`model.render.palette`, :mod:`model.render.common`, the core and, for typing,
:mod:`model.analysis` and :mod:`model.weighting`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from model.render.palette import (
    FLAG_MEANING,
    FLAG_SYMBOLS,
    HATCHES,
    HIGH_END,
    LOW_END,
    MARKERS,
    MAX_LABELLED_RANKS,
    PALETTE,
    PLAIN_FLAG_MEANING,
    SCORE_AXIS,
    flagged_totals,
    format_share,
    short_number,
)
from model.render.report.svg import (
    DASHES,
    FONT,
    Drawing,
    Key,
    Scale,
    axis_room,
    axis_title,
    box_key,
    cividis,
    contrasting_ink,
    frame,
    heading,
    legend,
    line_key,
    marker_key,
    num,
    symbol_key,
    text_width,
    ticks,
    x_axis,
    y_axis,
)

if TYPE_CHECKING:
    from model.analysis.sensitivity import Tornado, TornadoBar, WeightSweeps
    from model.analysis.smaa import SmaaResult
    from model.problem import DecisionProblem
    from model.ranking import Ranking
    from model.weighting.elicitation import GroupWeights

WIDTH = 720.0
"""Every figure's width in user units; it scales to the column."""

WEIGHT_BAR, BELOW_ZERO, EQUAL_LINE = "#a6cee3", "#eeeeee", "#444444"
CURRENT_DASH = "4.8 2.4"  # matplotlib's (0, (4, 2)) at width 1.2
AXIS_TITLE = 14.0  # x of a vertical axis's title
RIGHT = WIDTH - 14.0


def _dash(index: int, width: float) -> str | None:
    pattern = DASHES[index % len(DASHES)]
    return " ".join(num(part * width) for part in pattern) if pattern else None


def _gutter(labels: Sequence[str], size: float = FONT) -> float:
    """Room for category labels left of a plot: as wide as the widest, at most a third of the figure."""
    return min(max((text_width(label, size) for label in labels), default=0.0), WIDTH / 3)


def _hscale(low: float, high: float, left: float, right: float) -> tuple[Scale, list[float]]:
    return Scale(low, high, left, right), [v for v in ticks(low, high) if low - 1e-12 <= v <= high + 1e-12]


def _categories(
    drawing: Drawing,
    names: Sequence[str],
    centres: Sequence[float],
    right: float,
    width: float,
    *,
    size: float = FONT,
    gap: float = 6.0,
) -> None:
    """Category labels right-aligned ``gap`` left of ``right``, clipped to ``width``, with their ticks."""
    for name, y in zip(names, centres, strict=True):
        drawing.line(right - 4, y, right, y, stroke_width=0.8)
        drawing.label(right - gap, y, name, width, anchor="end", size=size)


# ----- contributions ----------------------------------------------------------------------------
def contribution_bars(ranking: Ranking, *, prefix: str = "fig-contributions") -> str:
    """Stacked horizontal bars of each criterion's contribution to each alternative's score, best on top.

    As :func:`model.render.figures.contribution_bars`: one segment per (alternative, criterion),
    coloured and hatched by criterion, interval (``~``) and unknown (``?``) cells marked, the
    total after each bar; plain score bars for a method without contributions.
    """
    from model.render.common import weight_origin

    order = [int(i) for i in ranking.order]
    names = [ranking.alternatives[i] for i in order]
    scores = np.asarray(ranking.scores, dtype=float)[order]
    m = len(order)
    stacked = "contributions" in ranking.details
    origin = " + ".join(weight_origin(ranking.problem))
    better = "higher" if ranking.higher_is_better else "lower"
    axis = SCORE_AXIS.get(ranking.method, f"score ({better} is better)")
    drawing = Drawing(prefix, WIDTH)
    keys: list[Key] = []
    if stacked:
        parts = np.asarray(ranking.details["contributions"], dtype=float)[order]
        right_end, left_end = np.zeros(m), np.zeros(m)
        starts = np.zeros_like(parts)
        for j in range(len(ranking.criteria)):
            starts[:, j] = np.where(parts[:, j] >= 0, right_end, left_end)
            right_end += np.where(parts[:, j] >= 0, parts[:, j], 0.0)
            left_end += np.where(parts[:, j] < 0, parts[:, j], 0.0)
        ends = np.maximum(right_end, 0.0)
        low, high = float(min(left_end.min(), 0.0)), float(max(right_end.max(), 0.0))
        totals = [f"{score:.3f}" for score in scores]
        title = "What each criterion adds to the score"
        subtitle = f"{ranking.method_label} · weights: {origin} · segments add up to the score"
        xlabel = f"contribution to the {axis}"
        for j, criterion in enumerate(ranking.criteria):
            fill = drawing.hatch(HATCHES[j % len(HATCHES)], PALETTE[j % len(PALETTE)])
            label = f"{ranking.problem.criterion(criterion).label} (weight {ranking.weights[j]:.2f})"
            keys.append(box_key(label, fill))
        kinds = {kind for flags in ranking.flags.values() for _, kind in flags}
        keys += [symbol_key(text, FLAG_SYMBOLS[kind]) for kind, text in FLAG_MEANING.items() if kind in kinds]
    else:
        ends = np.maximum(scores, 0.0)
        low, high = float(min(scores.min(), 0.0)), float(max(scores.max(), 0.0))
        totals = flagged_totals(names, scores, ranking.flags)
        keys += [
            Key(f"({symbol}n) n {PLAIN_FLAG_MEANING[kind]}", None)
            for kind, symbol in FLAG_SYMBOLS.items()
            if any(k == kind for flags in ranking.flags.values() for _, k in flags)
        ]
        title = f"Scores — {ranking.method_label}"
        subtitle = f"this method does not split its score by criterion · weights: {origin}"
        xlabel = axis
    top = heading(drawing, title, subtitle)
    gutter = _gutter(names)
    left = axis_room("alternative (best on top)", 36.0 * m) + gutter + 18
    row = 36.0
    bottom = top + row * m
    span = (high - low) or 1.0
    scale, values = _hscale(low - (0.04 * span if low < 0 else 0.0), high + 0.2 * span, left, RIGHT)
    centres = [top + row * (r + 0.5) for r in range(m)]
    below = x_axis(drawing, scale, values, top, bottom, label=xlabel)
    bar = 0.62 * row
    if stacked:
        for j, criterion in enumerate(ranking.criteria):
            fill = drawing.hatch(HATCHES[j % len(HATCHES)], PALETTE[j % len(PALETTE)])
            label = ranking.problem.criterion(criterion).label
            for r, name in enumerate(names):
                start, width = float(starts[r, j]), float(parts[r, j])
                x0, x1 = scale(start), scale(start + width)
                drawing.rect(
                    x0,
                    centres[r] - bar / 2,
                    x1 - x0,
                    bar,
                    fill=fill,
                    stroke="#000",
                    stroke_width=0.6,
                    class_="segment",
                    data_alternative=name,
                    data_criterion=criterion,
                    data_value=repr(width),
                    title=f"{name} · {label}: {width:.3f}",
                )
        for j, criterion in enumerate(ranking.criteria):  # flags above every segment, never under the next one
            for r, name in enumerate(names):
                kind = dict(ranking.flags[name]).get(criterion)
                if kind is not None:
                    x = scale(float(starts[r, j]) + float(parts[r, j]) / 2)
                    drawing.element(
                        "circle",
                        {"cx": x, "cy": centres[r], "r": 7.5, "fill": "#fff", "stroke": "#000", "stroke-width": 0.6},
                    )
                    drawing.text(
                        x,
                        centres[r],
                        FLAG_SYMBOLS[kind],
                        bold=True,
                        anchor="middle",
                        class_="flag",
                        data_alternative=name,
                        data_criterion=criterion,
                    )
    else:
        for r, name in enumerate(names):
            drawing.rect(
                scale(0.0),
                centres[r] - bar / 2,
                scale(float(scores[r])) - scale(0.0),
                bar,
                fill=PALETTE[4],
                stroke="#000",
                stroke_width=0.6,
                class_="score",
                data_alternative=name,
                data_value=repr(float(scores[r])),
            )
    for r, name in enumerate(names):
        drawing.text(
            scale(float(ends[r]) + 0.03 * span), centres[r], totals[r], bold=True, class_="total", data_alternative=name
        )
    if low < 0:
        drawing.line(scale(0.0), top, scale(0.0), bottom, stroke_width=0.8)
    frame(drawing, left, top, RIGHT, bottom)
    _categories(drawing, names, centres, left, gutter, gap=14)  # clear of a flag on a segment at 0
    axis_title(drawing, AXIS_TITLE, top, bottom, "alternative (best on top)")
    end = legend(drawing, keys, below + 4, title="criterion (normalised weight)" if stacked else "")
    return drawing.render(end, title, description=subtitle)


def _spread_sample(drawing: Drawing, x: float, y: float) -> None:
    drawing.line(x, y, x + 24, y, stroke_width=2.2)
    drawing.marker("|", x + 24, y, 12, fill="#000", width=2.2)


# ----- weights ----------------------------------------------------------------------------------
def weights(problem: DecisionProblem, group: GroupWeights | None = None, *, prefix: str = "fig-weights") -> str:
    """The normalised weights used; with ``group``, each analyst's weights and the spread between them.

    As :func:`model.render.figures.weights`: bars of ``problem.normalized_weights`` in file order;
    with a group, a marker per analyst, the min–max range as a line with end caps and the
    group's aggregate as an open diamond.
    """
    from model.errors import RequestError
    from model.render.common import weight_origin

    criteria = problem.criterion_ids
    used = np.asarray(problem.normalized_weights, dtype=float)
    n = len(criteria)
    analysts = dict(group.individual) if group is not None else {}
    drawing = Drawing(prefix, WIDTH)
    subtitle = "weights: " + " + ".join(weight_origin(problem))
    reach = used.copy()
    spread = aggregate = np.zeros(n)
    individual: list[np.ndarray] = []
    if group is not None:
        missing = sorted(set(criteria) - set(group.criteria))
        if missing:
            raise RequestError(f"the group's weights do not cover the criteria {', '.join(missing)}")
        index = [group.criteria.index(c) for c in criteria]
        spread = np.asarray(group.spread, dtype=float)[index]
        individual = [np.asarray(item.weights, dtype=float)[index] for item in analysts.values()]
        for given in individual:
            reach = np.maximum(reach, given)
        aggregate = np.asarray(group.weights, dtype=float)[index]
        reach = np.maximum(reach, np.maximum(aggregate, spread[:, 1]))
        subtitle += f"\ngroup of {len(analysts)}: {group.rule}"
    title = "Normalised weights used"
    top = heading(drawing, title, subtitle)
    gutter = _gutter(criteria)
    left = axis_room("criterion", 34.0 * n) + gutter + 10
    row = 34.0
    bottom = top + row * n
    high = float(reach.max()) or 1.0
    scale, values = _hscale(0.0, high * (1.25 if group is not None else 1.15), left, RIGHT)
    centres = [top + row * (j + 0.5) for j in range(n)]
    below = x_axis(drawing, scale, values, top, bottom, label="normalised weight (the weights used sum to 1)")
    for j, criterion in enumerate(criteria):
        drawing.rect(
            scale(0.0),
            centres[j] - 0.3 * row,
            scale(float(used[j])) - scale(0.0),
            0.6 * row,
            fill=WEIGHT_BAR,
            stroke="#000",
            stroke_width=0.6,
            class_="weight",
            data_criterion=criterion,
            data_value=repr(float(used[j])),
        )
    keys: list[Key] = []
    if group is not None:
        keys.append(box_key("weight used", WEIGHT_BAR))
        for j, criterion in enumerate(criteria):
            x0, x1 = scale(float(spread[j, 0])), scale(float(spread[j, 1]))
            drawing.line(x0, centres[j], x1, centres[j], stroke_width=2.2, class_="spread", data_criterion=criterion)
            for x in (x0, x1):
                drawing.line(x, centres[j] - 7, x, centres[j] + 7, stroke_width=2.2)
        keys.append(Key("spread between analysts (min–max)", _spread_sample))
        count = len(analysts)
        for a, (name, item) in enumerate(analysts.items()):
            shape, colour = MARKERS[a % len(MARKERS)], PALETTE[(a + 1) % len(PALETTE)]
            nudge = (a - (count - 1) / 2) * min(0.09, 0.4 / max(count, 1)) * row  # analysts who agree stay visible
            for j in range(n):
                drawing.marker(shape, scale(float(individual[a][j])), centres[j] + nudge, 9, fill=colour)
            keys.append(marker_key(f"analyst {name} ({item.kind})", shape, colour))
        for j in range(n):
            drawing.marker("d", scale(float(aggregate[j])), centres[j], 12, fill="#fff", width=1.3)
        keys.append(marker_key("group aggregate", "d", "#fff", size=12, width=1.3))
    for j, criterion in enumerate(criteria):
        drawing.text(
            scale(float(reach[j]) + 0.015 * high) + (6 if group is not None else 0),  # clear of a marker there
            centres[j],
            f"used {used[j]:.3f}" if group is not None else f"{used[j]:.3f}",
            bold=True,
            class_="weight-value",
            data_criterion=criterion,
        )
    frame(drawing, left, top, RIGHT, bottom)
    _categories(drawing, criteria, centres, left, gutter)
    axis_title(drawing, AXIS_TITLE, top, bottom, "criterion")
    end = legend(drawing, keys, below + 4)
    return drawing.render(end, title, description=subtitle)


# ----- weight sweeps ----------------------------------------------------------------------------
def weight_sweeps(sweeps: WeightSweeps, *, prefix: str = "fig-sweeps") -> str:
    """One panel per criterion: each alternative's score as that weight sweeps from 0 to 1.

    As :func:`model.render.figures.weight_sweeps`: straight lines (``intercepts + slopes × w``)
    styled per alternative, the current weight dashed, and every crossover strictly inside
    (0, 1) marked and labelled with its weight; the panels share the score axis.
    """
    n, count = len(sweeps.criteria), len(sweeps.alternatives)
    columns = min(3, n)
    rows = math.ceil(n / columns)
    drawing = Drawing(prefix, WIDTH)
    title = "How the scores move as each weight goes from 0 to 1 (the others keep their proportions)"
    top = heading(drawing, title, "")
    ends = np.concatenate([sweeps.intercepts.ravel(), (sweeps.intercepts + sweeps.slopes).ravel()])
    finite = ends[np.isfinite(ends)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    pad = 0.05 * ((high - low) or 1.0)
    low, high = low - pad, high + pad
    score_ticks = [v for v in ticks(low, high) if low <= v <= high]
    cell = (WIDTH - 10) / columns
    plot_height = 190.0
    panel_height = plot_height + 84
    size = FONT - 1.5
    for k, criterion in enumerate(sweeps.criteria):
        column, row = k % columns, k // columns
        x0 = 10 + column * cell + 52
        x1 = 10 + (column + 1) * cell - 16
        y0 = top + row * panel_height + 22
        y1 = y0 + plot_height
        drawing.label((x0 + x1) / 2, y0 - 8, criterion, x1 - x0, size=FONT + 0.5, anchor="middle")
        sx, weight_ticks = _hscale(-0.02, 1.02, x0, x1)
        sy = Scale(low, high, y1, y0)
        x_axis(drawing, sx, weight_ticks, y0, y1, label=f"normalised weight of {criterion}", size=size, room=cell - 8)
        y_axis(drawing, sy, score_ticks, x0, x1, size=size)
        axis_title(drawing, x0 - 40, y0, y1, "score (0–1)", size=size + 0.5)
        now = float(sweeps.current[k])
        for i, name in enumerate(sweeps.alternatives):
            b, s = float(sweeps.intercepts[k, i]), float(sweeps.slopes[k, i])
            colour = PALETTE[i % len(PALETTE)]
            drawing.polyline(
                [(sx(0.0), sy(b)), (sx(1.0), sy(b + s))],
                stroke=colour,
                stroke_width=1.8,
                stroke_dasharray=_dash(i, 1.8),
                class_="sweep",
                data_criterion=criterion,
                data_alternative=name,
                data_intercept=repr(b),
                data_slope=repr(s),
            )
            for t in np.arange(i % 5, 21, 5) / 20:  # staggered, so markers of lines that meet do not hide each other
                drawing.marker(MARKERS[i % len(MARKERS)], sx(t), sy(b + s * t), 6, fill=colour, width=0.5)
        drawing.line(
            sx(now),
            y0,
            sx(now),
            y1,
            stroke_width=1.2,
            stroke_dasharray=CURRENT_DASH,
            class_="current",
            data_criterion=criterion,
            data_value=repr(now),
        )
        drawing.text(
            sx(now) + (3 if now < 0.7 else -3),
            y0 + 9,
            f"current {now:.2f}",
            size=size,
            anchor="start" if now < 0.7 else "end",
        )
        inside = [c for c in sweeps.crossovers if c.criterion == criterion and 0.0 < c.weight < 1.0]
        for m, crossover in enumerate(inside):
            g = sweeps.alternatives.index(crossover.gainer)
            score = float(sweeps.intercepts[k, g] + sweeps.slopes[k, g] * crossover.weight)
            x, y = sx(crossover.weight), sy(score)
            drawing.element(
                "circle",
                {
                    "cx": x,
                    "cy": y,
                    "r": 4.0,
                    "fill": "#fff",
                    "stroke": "#000",
                    "stroke-width": 1.2,
                    "class": "crossover",
                    "data-criterion": criterion,
                    "data-gainer": crossover.gainer,
                    "data-loser": crossover.loser,
                    "data-weight": repr(float(crossover.weight)),
                },
                title=f"{crossover.gainer} overtakes {crossover.loser} at {crossover.weight:.2f}",
            )
            text = f"{crossover.weight:.2f}"
            ty = y - 12 if m % 2 == 0 else y + 12
            wide = text_width(text, size - 0.5)
            drawing.rect(x - wide / 2 - 1, ty - 6.5, wide + 2, 13, fill="#fff", fill_opacity=0.8)
            drawing.text(x, ty, text, size=size - 0.5, anchor="middle", class_="crossover-label")
        frame(drawing, x0, y0, x1, y1)
    keys = [
        line_key(name, PALETTE[i % len(PALETTE)], dash=_dash(i, 1.8), marker=MARKERS[i % len(MARKERS)])
        for i, name in enumerate(sweeps.alternatives)
    ]
    keys.append(line_key("current weight", "#000", dash=CURRENT_DASH, width=1.2))
    keys.append(marker_key("crossover: two alternatives swap (label: the weight)", "o", "#fff", size=8, width=1.2))
    end = legend(drawing, keys, top + rows * panel_height, columns=min(4, count + 2))
    return drawing.render(end, title)


# ----- tornado ----------------------------------------------------------------------------------
def _tornado_label(bar: TornadoBar) -> str:
    if bar.input == "weight":
        return f"weight of {bar.criterion}"
    return f"{bar.alternative}: {bar.criterion}"


def tornado(tornado: Tornado, *, top: int = 15, prefix: str = "fig-tornado") -> str:
    """The winner's lead at the low and the high end of each input, largest swing on top.

    As :func:`model.render.figures.tornado`: per input an upper half-bar from the current lead
    to the lead at the input's low end and a lower one to its high end, each labelled with that
    end's value; a half-bar that crosses 0 is hatched, and its input labelled with the exact
    value where the winner flips.
    """
    from model.ranking import TIE_TOLERANCE

    now = float(tornado.margin)
    movable = [bar for bar in tornado.bars if bar.low != bar.high]
    fixed = len(tornado.bars) - len(movable)
    shown = [bar for bar in movable if math.isfinite(bar.margin_at_low) and math.isfinite(bar.margin_at_high)][:top]
    k = len(shown)
    margins = [m for bar in shown for m in (bar.margin_at_low, bar.margin_at_high)]
    here = now if math.isfinite(now) else 0.0
    low, high = min([*margins, 0.0, here]), max([*margins, 0.0, here])
    span = (high - low) or 1.0
    flips = any(bar.flips for bar in shown)
    title = f"Which single input moves {tornado.winner}'s lead most"
    subtitle = (
        f"top {k} of {len(movable)} inputs by swing · weights ±{tornado.weight_range:.0%} (others "
        f"proportional), scores over their evidence range\nbar labels: the input's value at that end"
        + (f" · {fixed} fixed inputs (no range) not shown" if fixed else "")
    )
    drawing = Drawing(prefix, WIDTH)
    first = heading(drawing, title, subtitle)
    labels = [_tornado_label(bar) for bar in shown]
    gutter = _gutter(labels, FONT - 1)
    left = axis_room("input, swung one at a time", 40.0 * max(k, 1)) + gutter + 10
    row = 40.0
    bottom = first + row * max(k, 1)
    scale, values = _hscale(low - 0.09 * span, high + (0.42 if flips else 0.1) * span, left, RIGHT)
    drawing.rect(left, first, scale(0.0) - left, bottom - first, fill=BELOW_ZERO)
    below = x_axis(
        drawing,
        scale,
        values,
        first,
        bottom,
        label=f"{tornado.winner}'s lead over the best other alternative (score, 0–1)",
    )
    centres = [first + row * (r + 0.5) for r in range(k)]
    flipped = drawing.hatch("/", "#ffffff", spacing=4.5)
    for r, bar in enumerate(shown):
        for side, offset, margin, value, colour in (
            ("low", -0.19, bar.margin_at_low, bar.low, LOW_END),
            ("high", 0.19, bar.margin_at_high, bar.high, HIGH_END),
        ):
            flipping = bar.flips and margin < -TIE_TOLERANCE
            y = centres[r] + offset * row
            drawing.rect(
                scale(now),
                y - 0.18 * row,
                scale(margin) - scale(now),
                0.36 * row,
                fill=drawing.hatch("/", colour, spacing=4.5) if flipping else colour,
                stroke="#000",
                stroke_width=1.4 if flipping else 0.6,
                class_="tornado-bar",
                data_input=labels[r],
                data_end=side,
                data_value=repr(float(margin)),
                data_flips="true" if flipping else None,
            )
            outward = margin < now or (margin == now and side == "low")
            drawing.text(
                scale(margin) + (-4 if outward else 4),
                y,
                short_number(value),
                size=FONT - 2.5,
                anchor="end" if outward else "start",
                class_="tornado-value",
                data_input=labels[r],
                data_end=side,
            )
        if bar.flips:
            drawing.text(
                scale(high + 0.1 * span),
                centres[r],
                f"flips at {short_number(bar.flip_value)}",
                size=FONT - 1,
                bold=True,
                class_="flip",
                data_input=labels[r],
            )
    drawing.line(scale(0.0), first, scale(0.0), bottom, stroke_width=1.2)
    if math.isfinite(now):
        drawing.line(scale(now), first, scale(now), bottom, stroke_width=1.2, stroke_dasharray=CURRENT_DASH)
    if not shown:
        drawing.text((left + RIGHT) / 2, (first + bottom) / 2, "no input to swing (a single alternative has no lead)")
    frame(drawing, left, first, RIGHT, bottom)
    _categories(drawing, labels, centres, left, gutter, size=FONT - 1)
    axis_title(drawing, AXIS_TITLE, first, bottom, "input, swung one at a time")
    keys = [
        box_key("lead with the input at its low end (upper bar)", LOW_END),
        box_key("lead with the input at its high end (lower bar)", HIGH_END),
        line_key(f"current lead {now:.3f}", "#000", dash=CURRENT_DASH, width=1.2),
        box_key("below 0: the winner changes", BELOW_ZERO),
    ]
    if flips:
        keys.append(box_key("the winner flips", flipped, width=1.4))
    end = legend(drawing, keys, below + 4)
    return drawing.render(end, title, description=subtitle)


# ----- SMAA -------------------------------------------------------------------------------------
def _smaa_settings(result: SmaaResult) -> str:
    return (
        f"SMAA-2, {result.samples:,} draws (seed {result.seed}) · weights {result.weights_mode} · "
        f"scores {result.scores_mode}"
    )


def rank_acceptability(result: SmaaResult, *, prefix: str = "fig-rank_acceptability") -> str:
    """Heat map of the share of draws giving each alternative each rank, with the percentages.

    As :func:`model.render.figures.rank_acceptability`: rows by first-rank acceptability, ranks
    1..m across, cividis colours, each cell's percentage in black or white (whichever contrasts
    more) up to :data:`MAX_LABELLED_RANKS` alternatives.
    """
    order = [int(i) for i in result.order]
    names = [result.alternatives[i] for i in order]
    shares = np.asarray(result.rank_acceptability, dtype=float)[order]
    m = len(order)
    labelled = m <= MAX_LABELLED_RANKS
    title = "How often each alternative takes each rank"
    subtitle = _smaa_settings(result) + (
        "" if labelled else f"\n{m} alternatives: too many cells to label; see the table"
    )
    drawing = Drawing(prefix, WIDTH)
    top = heading(drawing, title, subtitle)
    gutter = _gutter(names)
    height = min(36.0, max(12.0, 480.0 / max(m, 1)))
    left = axis_room("alternative (by first-rank acceptability)", height * m) + gutter + 10
    room = RIGHT - 90 - left
    width = min(96.0, room / max(m, 1))

    size = 11.5 if m <= 8 else 10 if m <= 12 else 7.5
    right, bottom = left + width * m, top + height * m
    for r, name in enumerate(names):
        for rank in range(m):
            value = float(shares[r, rank])
            colour = cividis(value)
            x, y = left + rank * width, top + r * height
            drawing.rect(
                x,
                y,
                width,
                height,
                fill=colour,
                stroke="#fff",
                stroke_width=1.5,
                class_="cell",
                data_alternative=name,
                data_rank=str(rank + 1),
                data_value=repr(value),
                title=f"{name}, rank {rank + 1}: {format_share(value)}",
            )
            if labelled:
                drawing.text(
                    x + width / 2,
                    y + height / 2,
                    format_share(value),
                    size=size,
                    anchor="middle",
                    fill=contrasting_ink(colour),
                    class_="cell-text",
                    data_alternative=name,
                    data_rank=str(rank + 1),
                )
    _categories(drawing, names, [top + height * (r + 0.5) for r in range(m)], left, gutter)
    for rank in range(m):
        x = left + width * (rank + 0.5)
        drawing.line(x, bottom, x, bottom + 4, stroke_width=0.8)
        drawing.text(x, bottom + 6 + FONT - 1, str(rank + 1), size=FONT - 1, anchor="middle", middle=False)
    drawing.text((left + right) / 2, bottom + 2 * FONT + 10, "rank (1 = best)", anchor="middle", middle=False)
    axis_title(drawing, AXIS_TITLE, top, bottom, "alternative (by first-rank acceptability)")
    # the colour bar: the map's 256 colours as a gradient, 0% at the bottom
    bar_left, gradient = right + 22, f"{prefix}-scale"
    stops = "".join(f'<stop offset="{num(t)}" stop-color="{cividis(1 - t)}"/>' for t in np.linspace(0, 1, 33))
    drawing.define(f'<linearGradient id="{gradient}" x1="0" y1="0" x2="0" y2="1">{stops}</linearGradient>')
    drawing.rect(bar_left, top, 14, bottom - top, fill=f"url(#{gradient})", stroke="#000", stroke_width=0.6)
    scale = Scale(0.0, 1.0, bottom, top)
    for value in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        y = scale(value)
        drawing.line(bar_left + 14, y, bar_left + 18, y, stroke_width=0.8)
        drawing.text(bar_left + 20, y, f"{value:.0%}", size=FONT - 1.5)
    axis_title(drawing, bar_left + 62, top, bottom, "share of draws", size=FONT - 1)
    end = bottom + 2 * FONT + 22
    return drawing.render(end, title, description=subtitle)


def central_weights(result: SmaaResult, *, prefix: str = "fig-central_weights") -> str:
    """Grouped bars of each alternative's central weights, with standard errors.

    As :func:`model.render.figures.central_weights`: one group per criterion, one bar per
    alternative that is ever first (by first-rank acceptability), a dotted line at equal weights.
    """
    ever = [int(i) for i in result.order if result.first_rank[i] > 0 and np.all(np.isfinite(result.central_weights[i]))]
    never = [name for i, name in enumerate(result.alternatives) if i not in ever]
    n, groups = len(result.criteria), len(ever)
    dense = groups * n > 16
    title = "Which weights make each alternative first"
    subtitle = f"mean weights over the draws where the alternative ranks first, ± s.e.\n{_smaa_settings(result)}"
    if never:
        subtitle += f"\nnever first, so no central weights: {', '.join(never)}"
    drawing = Drawing(prefix, WIDTH)
    first = heading(drawing, title, subtitle)
    centres = [np.asarray(result.central_weights[i], dtype=float) for i in ever]
    errors = [np.nan_to_num(np.asarray(result.central_weights_se[i], dtype=float), nan=0.0) for i in ever]
    reach = max((float(np.max(c + e)) for c, e in zip(centres, errors, strict=True)), default=0.0)
    high = max(reach * (1.25 if dense else 1.12), 1.5 / n)
    bottom = first + 270.0
    left = axis_room("central weight (mean normalised weight when first)", 270.0, FONT - 1) + 44
    scale = Scale(0.0, high, bottom, first)
    y_axis(drawing, scale, [v for v in ticks(0.0, high) if v <= high], left, RIGHT)
    axis_title(drawing, AXIS_TITLE, first, bottom, "central weight (mean normalised weight when first)", size=FONT - 1)
    group = (RIGHT - left) / n
    width = 0.8 * group / max(groups, 1)
    keys: list[Key] = []
    for s, i in enumerate(ever):
        name = result.alternatives[i]
        fill = drawing.hatch(HATCHES[s % len(HATCHES)], PALETTE[s % len(PALETTE)])
        keys.append(box_key(f"{name} (first in {format_share(float(result.first_rank[i]))} of draws)", fill))
        for j, criterion in enumerate(result.criteria):
            x = left + group * (j + 0.1) + width * s
            value, error = float(centres[s][j]), float(errors[s][j])
            drawing.rect(
                x,
                scale(value),
                width,
                scale(0.0) - scale(value),
                fill=fill,
                stroke="#000",
                stroke_width=0.6,
                class_="central",
                data_alternative=name,
                data_criterion=criterion,
                data_value=repr(value),
                title=f"{name} · {criterion}: {value:.2f} ± {error:.2f}",
            )
            mid = x + width / 2
            if error > 0:
                drawing.line(mid, scale(value - error), mid, scale(value + error), stroke_width=0.9)
                for y in (scale(value - error), scale(value + error)):
                    drawing.line(mid - 3, y, mid + 3, y, stroke_width=0.9)
            tip = scale(value + error + 0.008)
            if dense:
                drawing.text(mid, tip - 2, f"{value:.2f}", size=FONT - 3.5, rotate=-90, class_="central-value")
            else:
                drawing.text(
                    mid, tip - 3, f"{value:.2f}", size=FONT - 3, anchor="middle", middle=False, class_="central-value"
                )
    equal = scale(1.0 / n)
    drawing.line(left, equal, RIGHT, equal, stroke=EQUAL_LINE, stroke_width=1.3, stroke_dasharray="1.3 2.1")
    keys.append(line_key(f"equal weights (1/{n})", EQUAL_LINE, dash="1.3 2.1", width=1.3))
    frame(drawing, left, first, RIGHT, bottom)
    tilted = n > 4
    depth = 0.0
    for j, criterion in enumerate(result.criteria):
        x = left + group * (j + 0.5)
        drawing.line(x, bottom, x, bottom + 4, stroke_width=0.8)
        if tilted:
            drawing.label(
                x + 4, bottom + 14, criterion, WIDTH / 3, size=FONT - 1, anchor="end", rotate=-15, middle=False
            )
            depth = max(depth, min(text_width(criterion, FONT - 1), WIDTH / 3) * math.sin(math.pi / 12))
        else:
            drawing.label(x, bottom + 6 + FONT, criterion, group - 4, size=FONT - 1, anchor="middle", middle=False)
    below = bottom + 22 + depth
    drawing.text((left + RIGHT) / 2, below + FONT, "criterion", anchor="middle", middle=False)
    end = legend(drawing, keys, below + FONT + 10, columns=min(3, groups + 1))
    return drawing.render(end, title, description=subtitle)


__all__ = [
    "FLAG_SYMBOLS",
    "MAX_LABELLED_RANKS",
    "central_weights",
    "contribution_bars",
    "format_share",
    "rank_acceptability",
    "short_number",
    "tornado",
    "weight_sweeps",
    "weights",
]
