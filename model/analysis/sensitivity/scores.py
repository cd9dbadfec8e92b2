"""Score sensitivity of the additive model: the exact change of each cell that moves the winner
or swaps a neighbour, and the tornado of the winner's lead with its exact flip points.

May import numpy, the core, :mod:`.kernels` and :mod:`.common`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from model.display import HtmlTable
from model.errors import RequestError
from model.problem import DecisionProblem
from model.ranking import TIE_TOLERANCE

if TYPE_CHECKING:
    import pandas as pd
from model.analysis.sensitivity.common import (
    BoolArray,
    FloatArray,
    IntArray,
    additive_model,
    frozen_array,
    json_number,
    require_straight_value_lines,
)
from model.analysis.sensitivity.kernels import difference_lines, line_roots, rank_scores, score_change_boundaries

EVIDENCE_STRENGTH = {"unknown": 0, "interval": 1, "low": 2, "medium": 3, "high": 4}
"""How firmly a cell is known: 0 unknown, 1 interval, then the confidence of a point or label."""


# ----- score sensitivity ------------------------------------------------------------------
def _evidence_strength(problem: DecisionProblem) -> IntArray:
    strength = np.empty((len(problem.alternatives), len(problem.criteria)), dtype=np.int64)
    for i, alt in enumerate(problem.alternative_names):
        for k, crit in enumerate(problem.criterion_ids):
            score = problem.scores[(alt, crit)]
            key = score.kind if score.kind in ("unknown", "interval") else (score.confidence or "high")
            strength[i, k] = EVIDENCE_STRENGTH[key]
    return strength


def _gains(problem: DecisionProblem, weights: FloatArray) -> FloatArray:
    """Score change per scale unit of each criterion: ``± w_k / (max_k - min_k)``."""
    sign = np.where(problem.is_benefit, 1.0, -1.0)
    return np.asarray(sign * weights / (problem.scale_max - problem.scale_min), dtype=float)


@dataclass(frozen=True, eq=False, repr=False)
class ScoreSensitivity(HtmlTable):
    """Per cell, the exact change of its score (scale units) that changes the top or a neighbour pair.

    ``change_to_top[a, k]``: the signed change of cell ``(a, k)`` at which ``a`` becomes
    (tied-)first, or, for the winner, falls to (tied) second; NaN if that lies off the scale
    (or the criterion has no weight). ``change_to_swap``: the smallest signed change that ties
    ``a`` with its neighbour above or below in the ranking (``swaps_with``, -1: none).
    ``critical``: ``change_to_top`` is possible; ``weakest``: critical cells with the lowest
    ``evidence_strength`` among critical cells (0 unknown, 1 interval, 2/3/4 a point or label
    of low/medium/high confidence).
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    winner: str
    values: FloatArray
    change_to_top: FloatArray
    change_to_swap: FloatArray
    swaps_with: IntArray
    evidence_strength: IntArray
    critical: BoolArray
    weakest: BoolArray

    def _rows(self) -> list[dict[str, Any]]:
        return [
            {
                "alternative": alt,
                "criterion": crit,
                "value": float(self.values[i, k]),
                "change_to_top": float(self.change_to_top[i, k]),
                "change_to_swap": float(self.change_to_swap[i, k]),
                "swaps_with": self.alternatives[self.swaps_with[i, k]] if self.swaps_with[i, k] >= 0 else None,
                "critical": bool(self.critical[i, k]),
                "evidence_strength": int(self.evidence_strength[i, k]),
                "weakest": bool(self.weakest[i, k]),
            }
            for i, alt in enumerate(self.alternatives)
            for k, crit in enumerate(self.criteria)
        ]

    @property
    def table(self) -> pd.DataFrame:
        """One row per cell: alternative, criterion, value, change_to_top, change_to_swap,
        swaps_with, critical, evidence_strength, weakest."""
        import pandas as pd

        rows = self._rows()
        frame = pd.DataFrame(rows)
        frame["swaps_with"] = pd.Series([row["swaps_with"] for row in rows], dtype=object)  # None, not NaN
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the winner and one entry per cell (NaN as None)."""
        cells = [
            {
                **row,
                "change_to_top": json_number(row["change_to_top"]),
                "change_to_swap": json_number(row["change_to_swap"]),
            }
            for row in self._rows()
        ]
        return {"winner": self.winner, "cells": cells}


def score_sensitivity(problem: DecisionProblem) -> ScoreSensitivity:
    """Exact thresholds on single cells: how much must one score move to change the top?

    A cell change ``Δ`` moves its alternative's score by ``± w_k Δ / (max_k - min_k)``; the
    thresholds are the roots of that line against the other scores (Triantaphyllou &
    Sánchez 1997, the sensitivity of the performance measures, here in scale units).
    """
    require_straight_value_lines(problem, "score sensitivity")
    values, weights = additive_model(problem)
    scores, _, order = rank_scores(values, weights)
    to_top, swap, partner = score_change_boundaries(
        scores, _gains(problem, weights), np.array(problem.values), problem.scale_min, problem.scale_max, order
    )
    strength = _evidence_strength(problem)
    critical = np.isfinite(to_top)
    weakest = critical & (strength == strength[critical].min(initial=len(EVIDENCE_STRENGTH)))
    return ScoreSensitivity(
        problem.alternative_names,
        problem.criterion_ids,
        problem.alternative_names[order[0]],
        frozen_array(problem.values),
        frozen_array(to_top),
        frozen_array(swap),
        frozen_array(partner, np.int64),
        frozen_array(strength, np.int64),
        frozen_array(critical, bool),
        frozen_array(weakest, bool),
    )


# ----- tornado ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TornadoBar:
    """One input swung over its range: the winner's margin at both ends and where it flips."""

    input: Literal["weight", "score"]
    criterion: str
    alternative: str | None
    low: float
    high: float
    margin_at_low: float
    margin_at_high: float
    swing: float
    flips: bool
    flip_value: float


@dataclass(frozen=True, eq=False, repr=False)
class Tornado(HtmlTable):
    """Which single input moves the winner's lead most (a tornado diagram, Eschenbach 1992).

    ``margin``: the winner's score minus the best other score. Each weight swings over
    ``[w (1 - r), w (1 + r)]`` clipped to ``[0, 1]`` (others proportional), each cell over its
    ``problem.ranges`` (confidence band, label band, interval, or the whole scale for
    ``unknown``), one at a time. The margin is concave and piecewise linear in each input,
    so its extremes sit at the ends of the range: ``flips`` iff it drops below
    ``-TIE_TOLERANCE`` at an end (the winner is then no longer ranked first there), and
    ``flip_value`` is the exact input value, nearest to the current one on a flipping side,
    where the margin falls below 0 for good on the way to that end (NaN if no flip). When the
    winner is first only by the tie policy, level with another within the tolerance but
    behind it by float noise, and the margin stays below 0 all the way to a flipping end,
    ``flip_value`` is the current value. Margins and roots are computed from differences of
    the alternatives' values. ``bars`` are sorted by swing, largest first.
    """

    winner: str
    margin: float
    weight_range: float
    bars: tuple[TornadoBar, ...]

    @property
    def table(self) -> pd.DataFrame:
        """input, criterion, alternative, low, high, margin_at_low, margin_at_high, swing, flips, flip_value."""
        import pandas as pd

        columns = [
            "input",
            "criterion",
            "alternative",
            "low",
            "high",
            "margin_at_low",
            "margin_at_high",
            "swing",
            "flips",
            "flip_value",
        ]
        frame = pd.DataFrame([{c: getattr(bar, c) for c in columns} for bar in self.bars], columns=columns)
        # object, not pandas' string dtype, so that weight rows hold None rather than NaN
        frame["alternative"] = pd.Series([bar.alternative for bar in self.bars], dtype=object)
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: winner, margin, weight range and the bars (NaN and inf as None)."""
        return {
            "winner": self.winner,
            "margin": json_number(self.margin),
            "weight_range": self.weight_range,
            "bars": [
                {
                    "input": b.input,
                    "criterion": b.criterion,
                    "alternative": b.alternative,
                    "low": b.low,
                    "high": b.high,
                    "margin_at_low": json_number(b.margin_at_low),
                    "margin_at_high": json_number(b.margin_at_high),
                    "swing": json_number(b.swing),
                    "flips": b.flips,
                    "flip_value": json_number(b.flip_value),
                }
                for b in self.bars
            ],
        }


def _flip(now: float, end: float, low: float, high: float) -> float:
    """Where the margin falls below 0 for good on the way from ``now`` to ``end``.

    ``[low, high]`` is where the margin is ``>= 0`` (empty when ``low > high``): its end toward
    ``end``, or ``now`` itself when the margin is already below 0 all the way (a winner level
    with another within the tolerance, behind by float noise).
    """
    ahead = end > now
    missed = (high < now or low > end) if ahead else (low > now or high < end)
    if low > high or missed:
        return now
    return min(max(high if ahead else low, min(now, end)), max(now, end))


def _bar(
    kind: Literal["weight", "score"],
    criterion: str,
    alternative: str | None,
    ends: tuple[float, float],
    margins: tuple[float, float],
    holds: tuple[float, float],
    now: float,
) -> TornadoBar:
    """A tornado bar; ``holds`` is the interval of inputs on which the margin is ``>= 0``."""
    flipping = [_flip(now, end, *holds) for end, margin in zip(ends, margins, strict=True) if margin < -TIE_TOLERANCE]
    flip = min(flipping, key=lambda root: abs(root - now)) if flipping else math.nan
    swing = abs(margins[1] - margins[0]) if all(math.isfinite(m) for m in margins) else 0.0
    return TornadoBar(
        kind, criterion, alternative, ends[0], ends[1], margins[0], margins[1], swing, bool(flipping), flip
    )


def _weight_bars(
    problem: DecisionProblem, values: FloatArray, weights: FloatArray, winner: int, weight_range: float
) -> list[TornadoBar]:
    """One bar per weight: the margin is the smallest difference line ``S_winner - S_b`` of
    :func:`difference_lines`, so its roots are exact roots of those lines."""
    others = np.delete(np.arange(len(values), dtype=np.int64), winner)
    start, end = difference_lines(values, weights, np.full(len(others), winner, dtype=np.int64), others)
    roots = line_roots(start, end)
    bars = []
    for k, w in enumerate(weights):
        ends = (float(np.clip(w * (1 - weight_range), 0, 1)), float(np.clip(w * (1 + weight_range), 0, 1)))
        s, e, r = start[k], end[k], roots[k]
        margins = tuple(float(((1 - t) * s + t * e).min(initial=math.inf)) for t in ends)
        # the margin is >= 0 where every line is: after the rising roots, before the falling ones
        level_below = (s == e) & (s < 0)
        low = float(r[e > s].max(initial=-math.inf))
        high = -math.inf if level_below.any() else float(r[e < s].min(initial=math.inf))
        bars.append(
            _bar("weight", problem.criterion_ids[k], None, ends, (margins[0], margins[1]), (low, high), float(w))
        )
    return bars


def _score_bars(problem: DecisionProblem, values: FloatArray, weights: FloatArray, winner: int) -> list[TornadoBar]:
    """One bar per cell: moving cell ``(i, k)`` by ``x - now`` moves ``S_i`` by ``g_k (x - now)``."""
    gains = _gains(problem, weights)
    low, high = problem.ranges
    lead = (values[winner] - values) @ weights  # S_winner - S_b, from the per-criterion differences
    bars = []
    for i, alt in enumerate(problem.alternative_names):
        rivals = np.delete(lead, [winner, i] if i != winner else [winner])
        rest = float(rivals.min(initial=math.inf))  # the margin over everyone this cell leaves alone
        for k, crit in enumerate(problem.criterion_ids):
            now, g = float(problem.values[i, k]), float(gains[k])
            ends = (float(low[i, k]), float(high[i, k]))
            if i == winner:  # every lead moves by +g (x - now)
                margins = tuple(rest + g * (x - now) for x in ends)
                root = now - rest / g if g != 0 and math.isfinite(rest) else math.nan
                rising = g > 0
                always = g == 0 and rest >= 0
            else:  # only the lead over i moves, by -g (x - now)
                margins = tuple(min(float(lead[i]) - g * (x - now), rest) for x in ends)
                root = now + float(lead[i]) / g if g != 0 else math.nan
                rising = g < 0
                always = g == 0 and float(lead[i]) >= 0
            if i != winner and rest < 0:  # behind another rival whatever this cell says
                holds = (math.inf, -math.inf)
            elif math.isnan(root):
                holds = (-math.inf, math.inf) if always else (math.inf, -math.inf)
            else:
                holds = (root, math.inf) if rising else (-math.inf, root)
            bars.append(_bar("score", crit, alt, ends, (margins[0], margins[1]), holds, now))
    return bars


def tornado(problem: DecisionProblem, *, weight_range: float = 0.5) -> Tornado:
    """Swing every weight and every cell over its range; the winner's margin at both ends.

    Margins and flip values come from the differences of the alternatives' values (never from
    differences of rounded totals), so a winner within the tie tolerance of another gets its
    exact flip value, however flat the two lines.

    Eschenbach, T.G. (1992). Spiderplots versus tornado diagrams for sensitivity analysis.
    *Interfaces* 22(6), 40–46.
    """
    require_straight_value_lines(problem, "the tornado")
    if not (math.isfinite(weight_range) and weight_range >= 0):
        raise RequestError(f"weight_range: expected a finite fraction >= 0, got {weight_range!r}")
    values, weights = additive_model(problem)
    _, _, order = rank_scores(values, weights)
    winner = int(order[0])
    bars = _weight_bars(problem, values, weights, winner, weight_range) + _score_bars(problem, values, weights, winner)
    lead = np.delete((values[winner] - values) @ weights, winner)
    bars.sort(key=lambda b: -b.swing)
    return Tornado(
        problem.alternative_names[winner], float(lead.min(initial=math.inf)), float(weight_range), tuple(bars)
    )
