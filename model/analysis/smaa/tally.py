"""The first and second passes of SMAA over one chunk: ranks, pairwise wins, central-weight sums, confidence hits.

Up to six alternatives are ranked from every pairwise comparison into a histogram of rank
vectors; up to twenty from every pairwise comparison too, counted cell by cell; more from one
sort per draw of packed (score, index) keys, with an exact re-ranking of near-ties. Integer
counts go to per-thread tables (:class:`Counts`); central-weight sums, kept only when asked
for, per batch of draws (a chunk may straddle two), for the batch-means standard errors of
the confidence factors. Arrays in, counts out. May import numpy, the plan and the samplers'
types.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from model.analysis.smaa.plan import Plan, gemm, gemm_reduce
from model.analysis.smaa.samplers import Buffers, FloatArray, IntArray


class Counts:
    """Integer counts kept per worker thread and added up once at the end.

    Integer sums do not depend on the order of the additions, so each thread adds its chunks
    into its own array: no ``(m, m)`` table is allocated, returned and added per chunk (at
    1,000 alternatives that bookkeeping cost more than the ranking itself).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._local = threading.local()
        self._arrays: list[IntArray] = []
        self._lock = threading.Lock()

    def local(self) -> IntArray:
        """This thread's array (zeros on first use)."""
        array: IntArray | None = getattr(self._local, "array", None)
        if array is None:
            array = self._local.array = np.zeros(self.size, dtype=np.int64)
            with self._lock:
                self._arrays.append(array)
        return array

    def total(self) -> IntArray:
        out = np.zeros(self.size, dtype=np.int64)
        for array in self._arrays:
            out += array
        return out


def count_into(total: IntArray, cells: NDArray[np.intp]) -> None:
    """``total[c] += 1`` for every ``c`` in ``cells``: one histogram when the cells outnumber the
    bins, else an unbuffered scatter (no temporary the size of ``total``)."""
    if cells.size >= total.size:
        total += np.bincount(cells, minlength=total.size)
    else:
        np.add.at(total, cells, 1)


@dataclass
class WeightSums:
    """Central-weight sums of the first pass, added up chunk by chunk (in chunk order, as the float
    sums depend on it).

    The weight sums are kept per batch of draws (from ``batch_start`` on), for the batch-means
    standard errors of the confidence factors; their totals are the sums over the batches.
    """

    weight_sq: FloatArray  # (m, n) sums of squared normalised weights over the draws where a is first
    batch_start: int  # the batch of batch_weight[0]
    batch_weight: FloatArray  # (batches, m, n) sums of normalised weights over the draws where a is first

    @classmethod
    def zeros(cls, m: int, n: int, batches: int) -> WeightSums:
        return cls(np.zeros((m, n)), 0, np.zeros((batches, m, n)))

    @property
    def weight_sum(self) -> FloatArray:
        """``(m, n)``: sums of normalised weights over the draws where ``a`` is first."""
        return np.asarray(self.batch_weight.sum(axis=0), dtype=np.float64)

    @property
    def batch_first(self) -> IntArray:
        """``(batches, m)``: draws where ``a`` is first, batch by batch. Each draw's normalised weights
        add up to 1, so the weight sums count the draws (their rounding errors stay far below 1/2)."""
        return np.asarray(np.rint(self.batch_weight.sum(axis=2)), dtype=np.int64)

    def add(self, other: WeightSums) -> None:
        self.weight_sq += other.weight_sq
        offset = other.batch_start - self.batch_start
        self.batch_weight[offset : offset + len(other.batch_weight)] += other.batch_weight


@dataclass(frozen=True, eq=False)
class Tally:
    """What the first pass counted: rank and pairwise counts, and the central-weight sums if kept."""

    ranks: IntArray  # (m, m) draws with alternative a at rank r + 1
    pairs: IntArray  # (m, m) draws with S_a > S_b, among the first `pair_draws`
    pair_draws: int
    sums: WeightSums | None


@dataclass(frozen=True, eq=False)
class Counters:
    """The per-thread counts one first pass adds into (``pairs`` None when not counted)."""

    ranks: Counts  # few alternatives: histogram of rank-vector codes; else (m * m + 1) cells, the last discarded
    pairs: Counts | None

    @classmethod
    def of(cls, m: int, small: bool, pairs: bool) -> Counters:
        if small:  # the codes hold the pairwise counts too
            return cls(Counts(m**m), None)
        return cls(Counts(m * m + 1), Counts(m * m) if pairs else None)

    def tally(self, m: int, book: Codebook | None, pair_draws: int, sums: WeightSums | None) -> Tally:
        """The totals over every thread, codes decoded (pairwise counts 0 when ``pair_draws`` is 0)."""
        if book is not None:
            ranks, pairs = book.decode(self.ranks.total())
            if not pair_draws:  # the codes hold them, but they were not asked for
                pairs[...] = 0
        else:
            ranks = self.ranks.total()[: m * m].reshape(m, m)
            pairs = np.zeros((m, m), np.int64) if self.pairs is None else self.pairs.total().reshape(m, m)
        return Tally(ranks, pairs, pair_draws, sums)


Segments = list[tuple[int, int, int]]
"""The batches a chunk's draws fall in: (batch, first local draw, end local draw), in order."""


def _normalize_block(plan: Plan, weights: FloatArray, buffers: Buffers, out: FloatArray | None = None) -> FloatArray:
    """Weights divided by their column sums (into ``out`` if given)."""
    if out is None:
        out = buffers("normalized", weights.shape)
    if plan.normalized:
        np.copyto(out, weights)
        return out
    totals = np.add.reduce(weights, axis=0, out=buffers("totals", (weights.shape[1],)))
    return np.divide(weights, totals, out=out)


# ----- first pass, few alternatives: ranks from every pairwise comparison ---------------------
@dataclass(frozen=True, eq=False)
class Codebook:
    """Every rank vector of ``m`` alternatives as a base-``m`` number, ``code = sum_a r_a m**a``."""

    m: int
    radix: IntArray

    @classmethod
    def of(cls, m: int) -> Codebook:
        return cls(m, m ** np.arange(m, dtype=np.int64))

    def decode(self, histogram: IntArray) -> tuple[IntArray, IntArray]:
        """Rank counts ``(m, m)`` and pairwise winning counts ``(m, m)`` from a histogram of codes.

        Competition ranks settle every pair: ``S_a > S_b`` exactly when ``r_a < r_b``.
        """
        m = self.m
        codes = np.flatnonzero(histogram)
        counts = histogram[codes]
        digits = (codes[:, None] // self.radix) % m  # (K, m) 0-based ranks
        ranks = np.zeros((m, m), dtype=np.int64)
        np.add.at(ranks, (np.broadcast_to(np.arange(m), digits.shape), digits), counts[:, None])
        pairs = np.tensordot(counts, (digits[:, :, None] < digits[:, None, :]).astype(np.int64), axes=1)
        return ranks, pairs


def _central_sums(first: FloatArray, stacked: FloatArray, segments: Segments, m: int, n: int) -> WeightSums:
    """Sums of ``w`` and ``w**2`` (``stacked``, ``(2n, N)``) over the draws where each alternative is
    first (``first``, ``(m, N)`` of 0 and 1), batch by batch."""
    if len(segments) == 1:
        sums = gemm_reduce(first, stacked.T)
    else:  # the chunk straddles batches: sums batch by batch
        sums = np.stack([gemm_reduce(first[:, lo:hi], stacked[:, lo:hi].T) for _, lo, hi in segments])
    sums = sums.reshape(len(segments), m, 2 * n)
    return WeightSums(sums[:, :, n:].sum(axis=0), segments[0][0], sums[:, :, :n])


def tally_small(
    plan: Plan,
    book: Codebook,
    weights: FloatArray,
    values: FloatArray | None,
    segments: Segments,
    buffers: Buffers,
    counters: Counters,
    central: bool,
) -> WeightSums | None:
    """Ranks ``r_a = #{b : S_b > S_a}`` from all pairs; one histogram of rank vectors holds every
    count (rank and pairwise). Central-weight sums only if ``central``."""
    m, n, size = plan.m, plan.n, weights.shape[1]
    scores = plan.scores(weights, values, buffers)  # (m, N)
    beaten = np.greater(scores[None, :, :], scores[:, None, :], out=buffers("beaten", (m, m, size), np.bool_))
    ranks = np.add.reduce(beaten, axis=1, dtype=np.int8, out=buffers("ranks", (m, size), np.int8))
    codes = buffers("codes", (size,), np.intp)
    codes[...] = ranks[m - 1]
    for a in range(m - 2, -1, -1):  # Horner: code = sum_a r_a m**a
        codes *= m
        codes += ranks[a]
    count_into(counters.ranks.local(), codes)
    if not central:
        return None
    first = np.equal(ranks, 0, out=buffers("first", (m, size)))
    stacked = buffers("stacked", (2 * n, size))  # w and w**2 of each draw, for one product
    _normalize_block(plan, weights, buffers, out=stacked[:n])
    np.multiply(stacked[:n], stacked[:n], out=stacked[n:])
    return _central_sums(first, stacked, segments, m, n)


# ----- first pass, many alternatives: ranks from one sort per draw -------------------------
def _exact_ranks(scores: FloatArray) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Best-first order and competition positions (0-based; ties share the better) of each row."""
    m = scores.shape[1]
    order = np.argsort(-scores, axis=1, kind="stable")
    ordered = np.take_along_axis(scores, order, axis=1)
    starts = np.ones(ordered.shape, dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    positions = np.maximum.accumulate(np.where(starts, np.arange(m), 0), axis=1)
    return order, positions


def _pair_counts(positions: NDArray[np.int16], buffers: Buffers, pairs: IntArray) -> None:
    """Add ``#{draws : pos_a < pos_b}`` (that is, ``S_a > S_b``) for every pair, from ``(N, m)``
    positions, into ``pairs`` (flat ``(m * m,)``).

    Comparisons of 16-bit positions, summed in bytes over at most 255 draws, then in int64.
    """
    size, m = positions.shape
    square = pairs.reshape(m, m)
    total = buffers("pair_total", (m, m), np.uint8)
    total[...] = 0
    pending = 0
    step = max(1, min(255, 2**20 // (m * m)))
    for first in range(0, size, step):
        block = positions[first : first + step]
        wins = np.less(block[:, :, None], block[:, None, :], out=buffers("wins", (block.shape[0], m, m), np.bool_))
        if block.shape[0] == 1:
            np.add(total, wins[0].view(np.uint8), out=total)
        else:
            partial = np.add.reduce(
                wins.view(np.uint8), axis=0, dtype=np.uint8, out=buffers("pair_part", (m, m), np.uint8)
            )
            np.add(total, partial, out=total)
        pending += block.shape[0]
        if pending + step > 255:
            square += total
            total[...] = 0
            pending = 0
    if pending:
        square += total


def tally_sorted(
    plan: Plan,
    weights: FloatArray,
    values: FloatArray | None,
    pair_rows: int,
    segments: Segments,
    buffers: Buffers,
    counters: Counters,
    central: bool,
) -> WeightSums | None:
    """Ranks from one sort of packed (score, index) keys per draw; exact fallback on near-ties.

    Pairwise wins are counted on the first ``pair_rows`` draws (when ``counters.pairs`` is kept),
    central-weight sums only if ``central``.
    """
    m = plan.m
    scores = plan.scores(weights, values, buffers)  # (N, m), every score >= 0
    size = scores.shape[0]
    bits = max(1, (m - 1).bit_length())
    index_mask = np.uint64((1 << bits) - 1)
    # The alternative's index replaces the lowest mantissa bits, so one float sort ranks a row.
    # Truncation is monotone: keys whose high parts differ are in the exact order, and rows where
    # two neighbours' high parts may be equal (a tie, or a gap within 2 ** bits ulps) are
    # re-ranked exactly from the scores.
    keys = np.bitwise_and(scores.view(np.uint64), ~index_mask, out=buffers("keys", (size, m), np.uint64))
    np.bitwise_or(keys, np.arange(m, dtype=np.uint64), out=keys)
    keys.view(np.float64).sort(axis=1)  # ascending: column m - 1 holds the best
    gaps = np.subtract(keys[:, 1:], keys[:, :-1], out=buffers("gaps", (size, m - 1), np.uint64))
    close = np.less(gaps, np.uint64(2 << bits), out=buffers("close", (size, m - 1), np.bool_))
    suspect = np.flatnonzero(close.any(axis=1))
    alternatives = np.bitwise_and(keys, index_mask, out=buffers("alternatives", (size, m), np.uint64)).view(np.int64)
    descending = np.arange(m - 1, -1, -1)
    order = exact = None
    if suspect.size:
        order, exact = _exact_ranks(scores[suspect])

    if pair_rows and counters.pairs is not None:
        positions = buffers("positions", (pair_rows, m), np.int16)
        np.put_along_axis(positions, alternatives[:pair_rows], descending.astype(np.int16), axis=1)
        if order is not None and exact is not None:
            early = suspect < pair_rows
            positions[suspect[early]] = _scatter(order[early], exact[early])
        _pair_counts(positions, buffers, counters.pairs.local())

    winners = alternatives[:, m - 1].copy() if central else None
    cells = np.multiply(alternatives, m, out=alternatives)
    cells += descending
    ranks = counters.ranks.local()
    if order is not None and exact is not None:
        cells[suspect] = m * m  # a discarded bin: these rows are counted exactly instead
        count_into(ranks, (order * m + exact).reshape(-1))
    count_into(ranks, cells.reshape(-1))
    if winners is None:
        return None

    rows = None
    if order is not None and exact is not None:
        ties = exact == 0
        keep = np.ones(size, dtype=bool)
        keep[suspect] = False
        rows = np.concatenate([np.flatnonzero(keep), np.repeat(suspect, ties.sum(axis=1))])
        winners = np.concatenate([winners[keep], order[ties]])
    return _winner_sums(plan, weights, rows, winners, segments, buffers)


def _winner_sums(
    plan: Plan,
    weights: FloatArray,
    rows: NDArray[np.intp] | None,
    winners: NDArray[np.intp],
    segments: Segments,
    buffers: Buffers,
) -> WeightSums:
    """Central-weight sums: draw ``rows[k]``'s normalised weights added to ``winners[k]``'s sums
    (``rows`` None: one winner per draw, in order), batch by batch, in the order of ``rows``."""
    m, n, size = plan.m, plan.n, weights.shape[1]
    normalized = _normalize_block(plan, weights, buffers)
    if rows is not None:
        normalized = normalized[:, rows]
    batches = len(segments)
    if batches > 1:  # the batch of each counted draw, folded into the bin of its winner
        draws = np.arange(size) if rows is None else rows
        bins = np.searchsorted(np.array([lo for _, lo, _ in segments[1:]]), draws, side="right") * m + winners
    else:
        bins = winners
    square = buffers("square", (normalized.shape[1],))
    batch_weight = np.empty((batches, m, n))
    weight_sq = np.empty((m, n))
    for j in range(n):
        batch_weight[:, :, j] = np.bincount(bins, weights=normalized[j], minlength=batches * m).reshape(batches, m)
        weight_sq[:, j] = np.bincount(
            winners, weights=np.multiply(normalized[j], normalized[j], out=square), minlength=m
        )
    return WeightSums(weight_sq, segments[0][0], batch_weight)


# ----- first pass, up to twenty alternatives: ranks from every pairwise comparison -------------
def _byte_column_sums(flags: NDArray[np.bool_], out: IntArray) -> None:
    """``out += flags.sum(axis=1)`` for a ``(K, N)`` boolean array, eight bytes at a time.

    Viewed as uint64 words, up to 255 words add without a carry crossing a byte, so each byte
    lane holds a count; the lanes are then added up. Several times faster than a boolean sum.
    """
    whole = flags.shape[1] // 8 * 8
    if whole and flags.flags.c_contiguous:
        words = flags[:, :whole].copy().view(np.uint64) if whole < flags.shape[1] else flags.view(np.uint64)
        for first in range(0, words.shape[1], 255):
            lanes = np.add.reduce(words[:, first : first + 255], axis=1)
            out += lanes.view(np.uint8).reshape(-1, 8).sum(axis=1, dtype=np.int64)
    else:
        whole = 0
    if whole < flags.shape[1]:
        out += flags[:, whole:].sum(axis=1, dtype=np.int64)


def tally_compared(
    plan: Plan,
    weights: FloatArray,
    values: FloatArray | None,
    pair_rows: int,
    segments: Segments,
    buffers: Buffers,
    counters: Counters,
    central: bool,
) -> WeightSums | None:
    """Ranks ``r_a = #{b : S_b > S_a}`` from every pair (competition ranks, ties exact), for 7 to 20
    alternatives. Pairwise wins on the first ``pair_rows`` draws, central-weight sums if ``central``."""
    m = plan.m
    scores = plan.scores(weights, values, buffers)  # (m, N)
    size = scores.shape[1]
    beaten = np.greater(scores[None, :, :], scores[:, None, :], out=buffers("beaten", (m, m, size), np.bool_))
    ranks = np.add.reduce(beaten, axis=1, dtype=np.int8, out=buffers("ranks", (m, size), np.int8))
    cells = np.add(ranks, (m * np.arange(m))[:, None], out=buffers("cells", (m, size), np.intp))
    count_into(counters.ranks.local(), cells.reshape(-1))
    if pair_rows and counters.pairs is not None:  # beaten[b, a] is S_a > S_b
        wins = np.zeros(m * m, dtype=np.int64)
        _byte_column_sums(beaten.reshape(m * m, size)[:, :pair_rows], wins)
        counters.pairs.local().reshape(m, m)[...] += wins.reshape(m, m).T
    if not central:
        return None
    draws, winners = np.nonzero(ranks.T == 0)  # draw by draw, as the sorted path adds them
    return _winner_sums(plan, weights, None if draws.size == size else draws, winners, segments, buffers)


def _scatter(order: NDArray[np.intp], positions: NDArray[np.intp]) -> NDArray[np.int16]:
    """Positions by alternative from positions by best-first order."""
    out = np.empty(order.shape, dtype=np.int16)
    np.put_along_axis(out, order, positions.astype(np.int16), axis=1)
    return out


# ----- second pass: confidence factors ---------------------------------------------------
def confidence_counts(
    plan: Plan, weights: FloatArray, targets: NDArray[np.intp], values: FloatArray, buffers: Buffers
) -> IntArray:
    """Per row ``k``: the draws of these score values in which ``targets[k]`` is first at weights ``weights[k]``.

    ``values`` is laid out as :meth:`Plan.score_block` returns it (or a slice of its draws).
    """
    count = targets.size
    counts = np.zeros(count, dtype=np.int64)
    if count == 0:
        return counts
    if plan.small:
        m, _, size = values.shape
        scores = buffers("conf_scores", (m, count, size))
        for a in range(m):  # one matrix product per alternative: (count, n) @ (n, size)
            gemm(weights, values[a], scores[a])
        best = np.max(scores, axis=0, out=buffers("conf_best", (count, size)))
        hit = buffers("conf_hit", (size,), np.bool_)
        for f, a in enumerate(targets):
            counts[f] = np.count_nonzero(np.greater_equal(scores[a, f], best[f], out=hit))
        return counts
    size, m, n = values.shape
    basis = np.ascontiguousarray(weights.T)
    own = np.arange(count)
    step = max(1, 2**20 // (m * count))
    for first in range(0, size, step):
        block = values[first : first + step]
        rows = block.shape[0]
        flat = block.reshape(-1, n) if block.flags.c_contiguous else np.ascontiguousarray(block).reshape(-1, n)
        scores = gemm(flat, basis, buffers("conf_scores", (rows * m, count))).reshape(rows, m, count)
        best = buffers("conf_best", (rows, count))
        np.copyto(best, scores[:, 0])
        for a in range(1, m):  # faster than a reduction along the middle axis
            np.maximum(best, scores[:, a], out=best)
        counts += np.count_nonzero(scores[:, targets, own] >= best, axis=0)
    return counts
