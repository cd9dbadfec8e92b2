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
    return scores if plan.compared else scores.T, None if values is None else values.transpose(1, 2, 0)


_BLOCK_ELEMENTS = 2**16  # cells x draws handled at once: float scratch of 512 kB stays in cache


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
    beats that and the best of the others (the runner-up when ``a`` was the best rival). Cells
    are handled in blocks of :data:`_BLOCK_ELEMENTS` cell-draws, every cell of a block at once
    and draws along the first axis, as the score draws are laid out (one loop over alternatives,
    gathering across that layout, took 99 % of the time at 8,000 alternatives).
    """
    m, n = plan.m, plan.n
    scores = plan.scores(weights, values, buffers)
    if plan.small or plan.compared:
        scores = scores.T  # (N, m)
    flat = values.reshape(m * n, -1).T if plan.small else values.reshape(values.shape[0], m * n)  # (N, m n)
    size = scores.shape[0]
    draws = np.arange(size)
    mine = scores[:, winner, None]
    rivals = scores.copy()
    rivals[:, winner] = -np.inf
    top = np.argmax(rivals, axis=1)
    best = rivals[draws, top].copy()
    rivals[draws, top] = -np.inf
    second = rivals.max(axis=1) if m > 2 else np.full(size, -np.inf)
    # the winner beats every alternative but a: the best rival, or the runner-up when a is the best
    beats_others = mine >= np.where(top[:, None] == np.arange(m), second[:, None], best[:, None])  # (N, m)
    cells = plan.uncertain
    counts = np.zeros((cells.size, 2), dtype=np.int64)
    rows, cols = np.divmod(cells, n)
    step = max(1, _BLOCK_ELEMENTS // max(size, 1))
    for first in range(0, cells.size, step):
        block = cells[first : first + step]
        r, c = rows[first : first + step], cols[first : first + step]
        own = np.flatnonzero(r == winner)
        shape = (size, block.size)  # scratch reused from block to block: no page faults per block
        drawn = np.take(flat, block, axis=1, out=buffers("drivers_drawn", shape))
        rival = np.take(scores, r, axis=1, out=buffers("drivers_rival", shape))
        beats = np.take(beats_others, r, axis=1, out=buffers("drivers_beats", shape, np.bool_))
        at_weight = np.take(weights, c, axis=0).T
        shift, hit = buffers("drivers_shift", shape), buffers("drivers_hit", shape, np.bool_)
        for side, end in enumerate(ends):
            np.subtract(end.reshape(-1)[block], drawn, out=shift)
            np.multiply(at_weight, shift, out=shift)  # w_j (end - v_aj)
            # the winner's own cell moves the winner, not a rival: first if mine + shift >= best
            own_hit = (mine + shift[:, own]) >= best[:, None] if own.size else None
            np.greater_equal(mine, np.add(rival, shift, out=shift), out=hit)
            hit &= beats
            if own_hit is not None:
                hit[:, own] = own_hit
            counts[first : first + step, side] = np.count_nonzero(hit, axis=0)
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
        return plan.weight_block(weight_rng, 0, size, buffers), plan.score_block(score_rng, size, buffers)

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
    names, ids = problem.alternative_names, problem.criterion_ids
    result = DecisionDrivers(
        winner=problem.alternative_names[winner],
        base=float(first[winner] / samples),
        samples=int(samples),
        seed=int(seed),
        weights_mode=weights,
        alternatives=tuple(names[i] for i in rows.tolist()),
        criteria=tuple(ids[j] for j in cols.tolist()),
        low=np.array(low)[rows, cols],
        high=np.array(high)[rows, cols],
        first_if_low=hits[:, 0] / samples,
        first_if_high=hits[:, 1] / samples,
    )
    read_only(result.low, result.high, result.first_if_low, result.first_if_high)
    return result
