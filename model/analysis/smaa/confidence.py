"""Confidence factors of SMAA-2 and their batch-means standard errors.

The confidence factor ``p_a^c = P_x(a is first at w_a^c)`` is counted at central weights
``w_a^c`` estimated from the same run, so its error has two sources: the score draws it counts
and the noise of ``w_a^c`` itself. The binomial ``sqrt(p (1 - p) / N)`` sees only the first,
and was 3-6 times too small on the reference model. Batch means see both: the draws are cut
into batches, each batch estimates the factor the way the whole run does (its own central
weights from its own first-pass draws, its own count from its own score draws at them), and
the spread of the batch estimates gives the standard error. May import numpy, the core
(:mod:`model.ranking`) and the other modules of this package.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from model.analysis.smaa.plan import Plan, run_chunks, segments
from model.analysis.smaa.samplers import Buffers, FloatArray, IntArray, Progress
from model.analysis.smaa.tally import Tally, confidence_counts
from model.ranking import TIE_TOLERANCE

CONFIDENCE_BATCHES = 32
"""Batches of draws behind the standard errors of the confidence factors (at most)."""


MIN_CONFIDENCE_BATCHES = 8
"""Fewest batches a standard error of a confidence factor is computed from; with fewer the
standard error is NaN and ``SmaaResult.confidence_batches`` is 0."""


MIN_BATCH_FIRSTS = 10
"""First-place draws every batch needs for its own central weights. An alternative rarely first
gets its 32 batches merged in pairs (16), then in fours (8); below that, no standard error."""


_GROUPS = (1, 2, 4)  # consecutive batches merged into one: 32, 16 or 8 batches


def batch_edges(total: int) -> list[int]:
    """Where each of the :data:`CONFIDENCE_BATCHES` batches of ``total`` draws starts, and the end.

    >>> batch_edges(64)[:4], batch_edges(64)[-1]
    ([0, 2, 4, 6], 64)
    """
    return [b * total // CONFIDENCE_BATCHES for b in range(CONFIDENCE_BATCHES + 1)]


@dataclass(frozen=True, eq=False)
class Confidence:
    """Confidence factors, their standard errors, the batches behind them and the score draws used."""

    factor: FloatArray  # (m,) NaN where never first
    se: FloatArray  # (m,) NaN where never first or too few batches
    batches: IntArray  # (m,) batches behind each standard error (0: none)
    draws: int  # score draws counted (0 with fixed scores)


def _groupings(batch_first: IntArray, candidates: NDArray[np.intp]) -> IntArray:
    """Per candidate, how many consecutive batches make one: the fewest (most batches) that give
    every batch :data:`MIN_BATCH_FIRSTS` first-place draws; 0 if none does."""
    out = np.zeros(candidates.size, dtype=np.int64)
    for group in reversed(_GROUPS):  # the smallest group that works is kept
        firsts = batch_first[:, candidates].reshape(CONFIDENCE_BATCHES // group, group, -1).sum(axis=1)
        out[firsts.min(axis=0) >= MIN_BATCH_FIRSTS] = group
    return out


def _batch_weights(
    batch_weight: FloatArray, batch_first: IntArray, candidates: NDArray[np.intp], group: IntArray
) -> FloatArray:
    """``(F, CONFIDENCE_BATCHES, n)``: the central weights of the batch that each batch belongs
    to after merging (NaN for candidates without a standard error)."""
    out = np.full((candidates.size, CONFIDENCE_BATCHES, batch_weight.shape[2]), np.nan)
    for f, (a, size) in enumerate(zip(candidates.tolist(), group.tolist(), strict=True)):
        if size:
            sums = batch_weight[:, a].reshape(-1, size, out.shape[2]).sum(axis=1)
            firsts = batch_first[:, a].reshape(-1, size).sum(axis=1)
            out[f] = np.repeat(sums / firsts[:, None], size, axis=0)
    return out


def _batch_se(shares: FloatArray, group: int) -> float:
    """Standard error of the mean of the merged batches' estimates, ``sd / sqrt(B)``."""
    merged = shares.reshape(-1, group).mean(axis=1)
    return float(merged.std(ddof=1) / np.sqrt(merged.size))


def confidence_factors(
    plan: Plan,
    tally: Tally,
    central: FloatArray,
    *,
    draws: int,
    threads: int,
    buffers: Buffers,
    progress: Progress | None,
) -> Confidence:
    """Confidence factors at the run's central weights, with batch-means standard errors.

    Batch ``b`` holds the first-pass draws ``[b N / B, (b + 1) N / B)`` and the score draws
    ``[b N_c / B, (b + 1) N_c / B)`` (``N_c = draws``); its central weights are the mean weights
    of its own first-pass draws where ``a`` is first and its factor ``p_b`` the share of its own
    score draws in which ``a`` is first at them. Then ``se = sd(p_b) / sqrt(B)``. Batches follow
    the draws' order, so the result does not depend on ``threads``. With fixed scores ``p_b`` is
    0 or 1 (first at the batch's central weights, within ``TIE_TOLERANCE``).
    """
    m = plan.m
    assert tally.sums is not None, "confidence factors need the central-weight sums"
    first_counts = tally.ranks[:, 0]
    candidates = np.flatnonzero(first_counts > 0)
    batch_first = tally.sums.batch_first
    group = _groupings(batch_first, candidates)
    with_se = np.flatnonzero(group > 0)
    batch_weights = _batch_weights(tally.sums.batch_weight, batch_first, candidates, group)[with_se]  # (F_b, B, n)
    factor = np.full(m, np.nan)
    se = np.full(m, np.nan)
    batches = np.zeros(m, dtype=np.int64)
    batches[candidates[with_se]] = CONFIDENCE_BATCHES // group[with_se]
    if not plan.varies:
        scores = plan.low @ central[candidates].T  # (m, F)
        factor[candidates] = scores[candidates, np.arange(candidates.size)] >= scores.max(axis=0) - TIE_TOLERANCE
        for k, f in enumerate(with_se.tolist()):
            a = int(candidates[f])
            at = plan.low @ batch_weights[k].T  # (m, B): every batch's scores at its central weights
            shares = (at[a] >= at.max(axis=0) - TIE_TOLERANCE).astype(np.float64)
            se[a] = _batch_se(shares, int(group[f]))
        return Confidence(factor, se, batches, 0)

    weights_at = np.nan_to_num(central[candidates])
    targets = candidates[with_se]
    edges = batch_edges(draws)

    def second_pass(index: int, start: int, size: int) -> tuple[IntArray, IntArray]:
        _, score_rng = plan.rngs(index)
        values = plan.score_block(score_rng, size, buffers)
        assert values is not None
        hits = np.zeros(candidates.size, dtype=np.int64)
        per_batch = np.zeros((targets.size, CONFIDENCE_BATCHES), dtype=np.int64)
        for b, lo, hi in segments(edges, start, size):  # the run's and the batch's weights in one product
            part = values[:, :, lo:hi] if plan.small else values[lo:hi]
            both = np.vstack([weights_at, batch_weights[:, b]])
            counts = confidence_counts(plan, both, np.concatenate([candidates, targets]), part, buffers)
            hits += counts[: candidates.size]
            per_batch[:, b] = counts[candidates.size :]
        return hits, per_batch

    replay = [(i, start, min(size, draws - start)) for i, start, size in plan.chunks() if start < draws]
    hits = np.zeros(candidates.size, dtype=np.int64)
    batch_hits = np.zeros((targets.size, CONFIDENCE_BATCHES), dtype=np.int64)
    total = 2 * plan.samples
    for (_, start, size), (counts, per_batch) in zip(replay, run_chunks(second_pass, replay, threads), strict=True):
        hits += counts
        batch_hits += per_batch
        if progress is not None:
            progress(plan.samples + (start + size) * plan.samples // draws, total)
    factor[candidates] = hits / draws
    sizes = np.diff(np.array(edges))
    for f, a in enumerate(targets.tolist()):
        size = int(group[with_se[f]])
        shares = batch_hits[f].reshape(-1, size).sum(axis=1) / sizes.reshape(-1, size).sum(axis=1)
        se[a] = _batch_se(shares, 1)
    return Confidence(factor, se, batches, draws)
