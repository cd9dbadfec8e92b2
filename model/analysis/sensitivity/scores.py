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
from model.analysis.sensitivity.kernels import rank_scores, score_change_boundaries, stability_bounds, sweep_lines

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


@dataclass(frozen=True, eq=False)
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


@dataclass(frozen=True, eq=False)
class Tornado(HtmlTable):
    """Which single input moves the winner's lead most (a tornado diagram, Eschenbach 1992).

    ``margin``: the winner's score minus the best other score. Each weight swings over
    ``[w (1 - r), w (1 + r)]`` clipped to ``[0, 1]`` (others proportional), each cell over its
    ``problem.ranges`` (confidence band, label band, interval, or the whole scale for
    ``unknown``), one at a time. The margin is concave and piecewise linear in each input,
    so its extremes sit at the ends of the range: ``flips`` iff it drops below
    ``-TIE_TOLERANCE`` at an end, and ``flip_value`` is the exact input value, nearest to the
    current one on a flipping side, where it reaches 0 (NaN if no flip). ``bars`` are sorted
    by swing, largest first.
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


def _margin(scores: FloatArray, winner: int) -> float:
    """The winner's score minus the best other score (inf when there is no other)."""
    others = np.delete(scores, winner)
    return float(scores[winner] - others.max()) if len(others) else math.inf


def _bar(
    kind: Literal["weight", "score"],
    criterion: str,
    alternative: str | None,
    ends: tuple[float, float],
    margins: tuple[float, float],
    roots: tuple[float, float],
    now: float,
) -> TornadoBar:
    """A tornado bar; ``roots[i]`` is where the margin reaches 0 between ``now`` and ``ends[i]``."""
    flipping = [root for margin, root in zip(margins, roots, strict=True) if margin < -TIE_TOLERANCE]
    flip = min(flipping, key=lambda root: abs(root - now)) if flipping else math.nan
    swing = abs(margins[1] - margins[0]) if all(math.isfinite(m) for m in margins) else 0.0
    return TornadoBar(
        kind, criterion, alternative, ends[0], ends[1], margins[0], margins[1], swing, bool(flipping), flip
    )


def tornado(problem: DecisionProblem, *, weight_range: float = 0.5) -> Tornado:
    """Swing every weight and every cell over its range; the winner's margin at both ends.

    Eschenbach, T.G. (1992). Spiderplots versus tornado diagrams for sensitivity analysis.
    *Interfaces* 22(6), 40–46.
    """
    require_straight_value_lines(problem, "the tornado")
    if not (math.isfinite(weight_range) and weight_range >= 0):
        raise RequestError(f"weight_range: expected a finite fraction >= 0, got {weight_range!r}")
    values, weights = additive_model(problem)
    scores, ranks, order = rank_scores(values, weights)
    winner = int(order[0])
    intercepts, slopes = sweep_lines(values, weights)
    top, _ = stability_bounds(intercepts, slopes, weights, ranks, order)
    criteria, names = problem.criterion_ids, problem.alternative_names
    bars: list[TornadoBar] = []
    for k, w in enumerate(weights):
        ends = (float(np.clip(w * (1 - weight_range), 0, 1)), float(np.clip(w * (1 + weight_range), 0, 1)))
        low_scores = intercepts[k] + slopes[k] * ends[0]
        high_scores = intercepts[k] + slopes[k] * ends[1]
        margins = (_margin(low_scores, winner), _margin(high_scores, winner))
        # the margin is >= 0 exactly on the top stability interval, so its ends are the roots
        bars.append(_bar("weight", criteria[k], None, ends, margins, (top[k, 0], top[k, 1]), float(w)))

    gains = _gains(problem, weights)
    low, high = problem.ranges
    runner_up = _margin(scores, winner)
    for i, alt in enumerate(names):
        # the margin reaches 0 where this alternative ties the winner, or the winner the runner-up
        gap = scores[winner] - scores[i] if i != winner else -runner_up
        for k in range(len(criteria)):
            now = float(problem.values[i, k])
            ends = (float(low[i, k]), float(high[i, k]))
            moved = np.tile(scores, (2, 1))
            moved[:, i] += gains[k] * (np.array(ends) - now)
            margins = (_margin(moved[0], winner), _margin(moved[1], winner))
            root = now + gap / gains[k] if gains[k] != 0 and math.isfinite(gap) else math.nan
            bars.append(_bar("score", criteria[k], alt, ends, margins, (root, root), now))

    bars.sort(key=lambda b: -b.swing)
    return Tornado(names[winner], runner_up, float(weight_range), tuple(bars))
