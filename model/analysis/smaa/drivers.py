"""Decision drivers: which uncertain cells the winner's first place hangs on.

Each uncertain cell is pinned at either end of its range with the same draws (common random
numbers), so a change in the winner's first-rank acceptability measures the cell, not Monte
Carlo noise. May import numpy, the core and the other modules of this package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from model.display import HtmlTable
from model.methods.normalize import scale_normalize
from model.problem import DecisionProblem

if TYPE_CHECKING:
    import pandas as pd
from model.analysis.smaa.acceptability import read_only
from model.analysis.smaa.plan import Plan, make_plan, normalized_ranges, run_chunks, worker_count
from model.analysis.smaa.samplers import Buffers, FloatArray, IntArray, Progress, Scratch


# ----- decision drivers ------------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
class DecisionDrivers(HtmlTable):
    """Which uncertain cells the winner's first place hangs on.

    ``winner`` has the highest first-rank acceptability ``base`` with every cell uncertain;
    for each uncertain cell, ``first_if_low`` / ``first_if_high`` is the winner's first-rank
    acceptability when that one cell is fixed at its low / high end (on the criterion's own
    scale), every other draw unchanged (common random numbers); ``impact`` is the larger
    absolute change from ``base``.
    """

    winner: str
    base: float
    samples: int
    seed: int
    weights_mode: str
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    low: FloatArray  # (cells,) each cell's low end, on its criterion's scale
    high: FloatArray
    first_if_low: FloatArray
    first_if_high: FloatArray

    @property
    def impact(self) -> FloatArray:
        return np.maximum(np.abs(self.first_if_low - self.base), np.abs(self.first_if_high - self.base))

    @property
    def table(self) -> pd.DataFrame:
        """One row per uncertain cell, largest impact first."""
        import pandas as pd

        frame = pd.DataFrame(
            {
                "alternative": list(self.alternatives),
                "criterion": list(self.criteria),
                "low": self.low,
                "high": self.high,
                "first_if_low": self.first_if_low,
                "first_if_high": self.first_if_high,
                "impact": self.impact,
            }
        )
        return frame.sort_values("impact", ascending=False, kind="stable").reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary, cells by impact (largest first)."""
        order = np.argsort(-self.impact, kind="stable")
        return {
            "winner": self.winner,
            "base": self.base,
            "samples": self.samples,
            "seed": self.seed,
            "weights_mode": self.weights_mode,
            "cells": [
                {
                    "alternative": self.alternatives[i],
                    "criterion": self.criteria[i],
                    "low": float(self.low[i]),
                    "high": float(self.high[i]),
                    "first_if_low": float(self.first_if_low[i]),
                    "first_if_high": float(self.first_if_high[i]),
                    "impact": float(self.impact[i]),
                }
                for i in order
            ],
        }


def _by_alternative(
    plan: Plan, weights: FloatArray, values: FloatArray | None, buffers: Buffers
) -> tuple[FloatArray, FloatArray | None]:
    """Scores ``(m, N)`` and values ``(m, n, N)`` whatever the plan's layout (views where possible)."""
    scores = plan.scores(weights, values, buffers)
    if plan.small:
        return scores, values
    return scores.T, None if values is None else values.transpose(1, 2, 0)


def _driver_counts(
    plan: Plan,
    winner: int,
    ends: tuple[FloatArray, FloatArray],
    weights: FloatArray,
    values: FloatArray,
    buffers: Buffers,
) -> IntArray:
    """``(cells, 2)``: draws with the winner first when each uncertain cell is at its low / high end.

    Only the cell's own alternative moves: ``S_a + w_j (end - v_aj)``; the winner is first if it
    beats that and the best of the others (the runner-up when ``a`` was the best rival).
    """
    scores, values_am = _by_alternative(plan, weights, values, buffers)
    assert values_am is not None
    m, n = plan.m, plan.n
    size = scores.shape[1]
    mine = scores[winner]
    rivals = scores.copy()
    rivals[winner] = -np.inf
    top = np.argmax(rivals, axis=0)
    columns = np.arange(size)
    best = rivals[top, columns].copy()
    rivals[top, columns] = -np.inf
    second = rivals.max(axis=0) if m > 2 else np.full(size, -np.inf)
    cells = plan.uncertain
    counts = np.zeros((cells.size, 2), dtype=np.int64)
    rows, cols = np.divmod(cells, n)
    for a in np.unique(rows):
        where = np.flatnonzero(rows == a)
        crit = cols[where]
        for side, end in enumerate(ends):
            shift = weights[crit] * (end[a, crit, None] - values_am[a, crit])  # (J, N)
            if a == winner:
                counts[where, side] = np.count_nonzero(mine + shift >= best, axis=1)
            else:
                others = np.where(top == a, second, best)
                counts[where, side] = np.count_nonzero((mine >= others) & (mine >= scores[a] + shift), axis=1)
    return counts


def decision_drivers(
    problem: DecisionProblem,
    *,
    samples: int = 20_000,
    seed: int = 0,
    weights: str = "uniform",
    workers: int | None = None,
    progress: Progress | None = None,
) -> DecisionDrivers:
    """Rank the uncertain cells by how much fixing each one moves the winner's first-rank acceptability.

    The winner is the alternative with the highest first-rank acceptability when every cell
    varies on ``problem.ranges`` (the first in file order if several share it); ``base`` is
    exactly :func:`smaa`'s value for the same ``samples``, ``seed`` and ``weights``, whose
    draws are reused. Each uncertain cell is then fixed at its low and at
    its high end in turn, with the same weight and score draws (common random numbers), so a
    difference measures the cell, not Monte Carlo noise. ``progress(done, total)`` counts draws
    over the two passes (``total = 2 * samples``).

    >>> import model
    >>> drivers = decision_drivers(model.loads(model.demo.DEMO_YAML), samples=2000, workers=1)
    >>> drivers.winner, drivers.table[["alternative", "criterion"]].values.tolist()
    ('Utopia', [['Utopia', 'cost_of_living'], ['Atlantis', 'cost_of_living']])
    """
    plan = make_plan(problem, samples=samples, seed=seed, weights=weights, vary_scores=True)
    threads = worker_count(workers)
    chunks = plan.chunks()
    m = plan.m

    buffers = Scratch()

    def draws(index: int, size: int) -> tuple[FloatArray, FloatArray | None]:
        weight_rng, score_rng = plan.rngs(index)
        return plan.weight_block(weight_rng, size, buffers), plan.score_block(score_rng, size, buffers)

    def firsts(index: int, start: int, size: int) -> IntArray:
        scores, _ = _by_alternative(plan, *draws(index, size), buffers)
        return np.asarray(np.count_nonzero(scores >= scores.max(axis=0), axis=1), dtype=np.int64)

    first = np.zeros(m, dtype=np.int64)
    for (_, start, size), counts in zip(chunks, run_chunks(firsts, chunks, threads), strict=True):
        first += counts
        if progress is not None:
            progress(start + size, 2 * samples)
    winner = int(np.argmax(first))

    bounds = (problem.scale_min, problem.scale_max, problem.is_benefit)
    low, high = problem.ranges
    shift = plan.low - normalized_ranges(problem, True)[0]  # the plan's shift of each criterion
    ends = (scale_normalize(np.array(low), *bounds) + shift, scale_normalize(np.array(high), *bounds) + shift)
    cells = plan.uncertain
    hits = np.zeros((cells.size, 2), dtype=np.int64)
    if cells.size:

        def fixed(index: int, start: int, size: int) -> IntArray:
            weights_block, values = draws(index, size)
            assert values is not None
            return _driver_counts(plan, winner, ends, weights_block, values, buffers)

        for (_, start, size), counts in zip(chunks, run_chunks(fixed, chunks, threads), strict=True):
            hits += counts
            if progress is not None:
                progress(samples + start + size, 2 * samples)
    elif progress is not None:
        progress(2 * samples, 2 * samples)
    rows, cols = np.divmod(cells, plan.n)
    result = DecisionDrivers(
        winner=problem.alternative_names[winner],
        base=float(first[winner] / samples),
        samples=int(samples),
        seed=int(seed),
        weights_mode=weights,
        alternatives=tuple(problem.alternative_names[i] for i in rows),
        criteria=tuple(problem.criterion_ids[j] for j in cols),
        low=np.array(low)[rows, cols],
        high=np.array(high)[rows, cols],
        first_if_low=hits[:, 0] / samples,
        first_if_high=hits[:, 1] / samples,
    )
    read_only(result.low, result.high, result.first_if_low, result.first_if_high)
    return result
