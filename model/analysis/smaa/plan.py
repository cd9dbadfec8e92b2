"""The sampling plan of one SMAA run: normalised ranges, chunks, seeded streams, worker threads.

Turns a :class:`~model.problem.DecisionProblem` into arrays once (the chunk kernels never see
names), splits the draws into chunks whose streams depend only on ``(seed, chunk index)``
(and, through :func:`segments`, into the batches of consecutive draws that the standard errors
of the confidence factors use), and runs chunks on a thread pool, reduced in chunk order. May
import numpy, the core (:mod:`model.problem`, :mod:`model.errors`) and :mod:`model.methods`.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from model.analysis.smaa.samplers import (
    SUPPLIED,
    WEIGHT_MODES,
    Buffers,
    FloatArray,
    around_block,
    ordinal_block,
    uniform_block,
)
from model.errors import RequestError, did_you_mean
from model.methods.normalize import scale_normalize
from model.problem import DecisionProblem

_SMALL_M = 6  # up to this many alternatives, ranks come from all pairwise comparisons, arrays laid out (..., N)


_COMPARED_M = 20  # up to this many, comparing every pair (m**2 bytes a draw) beats sorting packed keys


_BLAS_SINGLE_THREAD = 2**18  # OpenBLAS runs a gemm with m*n*k at most this on the calling thread only


MAX_SAMPLES = 100_000_000
"""Most draws one run takes (about 20 s for five alternatives): memory stays bounded by chunking,
so this bounds the time; above it a run would go on for hours, so it is refused at once."""

_CHUNK_BYTES = 8 * 2**20  # working set of one chunk (per worker thread)


_CHUNK_MIN, _CHUNK_MAX = 64, 2**17


# ----- the sampling plan --------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Plan:
    """What the chunk kernels need, as arrays: no names, no problem object."""

    seed: int
    samples: int
    chunk: int
    mode: str
    order: tuple[int, ...]
    center: FloatArray  # base weights (normalised), for "around"
    spread: float
    low: FloatArray  # (m, n) normalised, benefit-oriented lower ends, shifted so that low >= 0
    span: FloatArray  # (m, n) >= 0; 0 where the cell is fixed
    reps: NDArray[np.intp]  # alternatives whose scores are computed (one per set of identical fixed rows)
    expand: NDArray[np.intp] | None  # column of each alternative among reps (None: reps are all of them)
    uncertain: NDArray[np.intp]  # flat indices of the cells with span > 0
    supplied: FloatArray | None = None  # (n, samples) weight draws given by the caller, columns summing to 1

    @property
    def m(self) -> int:
        return int(self.low.shape[0])

    @property
    def n(self) -> int:
        return int(self.low.shape[1])

    @property
    def small(self) -> bool:
        """Few alternatives: ranks from every pairwise comparison, arrays laid out ``(..., N)``."""
        return self.m <= _SMALL_M

    @property
    def compared(self) -> bool:
        """Ranks from every pairwise comparison, scores laid out ``(m, N)`` (score draws stay
        ``(N, m, n)`` above six alternatives, so that they do not depend on this)."""
        return self.m <= _COMPARED_M

    @property
    def varies(self) -> bool:
        return self.uncertain.size > 0

    @property
    def normalized(self) -> bool:
        """True when weight blocks already sum to 1 (otherwise they are scale-free exponentials)."""
        return self.mode in ("around", SUPPLIED)

    def chunks(self) -> list[tuple[int, int, int]]:
        """(index, first draw, draws) of every chunk; fixed by ``samples`` and the chunk size alone."""
        starts = range(0, self.samples, self.chunk)
        return [(i, start, min(self.chunk, self.samples - start)) for i, start in enumerate(starts)]

    def rngs(self, index: int) -> tuple[np.random.Generator, np.random.Generator]:
        """Independent weight and score streams of chunk ``index``.

        ``SeedSequence(seed, spawn_key=(index,))`` is ``SeedSequence(seed).spawn(index + 1)[index]``;
        its two children feed the weights and the scores, so a pass that needs only the scores
        (confidence factors) replays exactly the score draws of the first pass.
        """
        weights, scores = np.random.SeedSequence(self.seed, spawn_key=(index,)).spawn(2)
        return np.random.Generator(np.random.PCG64(weights)), np.random.Generator(np.random.PCG64(scores))

    def weight_block(self, rng: np.random.Generator, start: int, size: int, buffers: Buffers) -> FloatArray:
        """``(n, size)`` weights of draws ``start .. start + size``; scale-free exponentials unless
        :attr:`normalized`. Supplied weights are a view (``rng`` is not used)."""
        if self.supplied is not None:
            return self.supplied[:, start : start + size]
        out = buffers("weights", (self.n, size))
        if self.mode == "ordinal":
            return ordinal_block(rng, self.order, out, buffers)
        if self.mode == "around":
            return around_block(rng, self.center, self.spread, out)
        return uniform_block(rng, out)

    def score_block(self, rng: np.random.Generator, size: int, buffers: Buffers) -> FloatArray | None:
        """Normalised values, each uncertain cell uniform on its range; None when every cell is fixed.

        Shape ``(m, n, size)`` with few alternatives, else ``(size, m, n)``.
        """
        if not self.varies:
            return None
        m, n, cells = self.m, self.n, self.uncertain
        if not self.small:
            values = rng.random(out=buffers("values", (size, m, n)))
            values *= self.span
            values += self.low
            return values
        flat = buffers("values", (m * n, size))
        draws = flat if cells.size == m * n else buffers("draws", (cells.size, size))
        rng.random(out=draws)
        draws *= self.span.reshape(-1)[cells, None]
        draws += self.low.reshape(-1)[cells, None]
        if draws is not flat:
            flat[...] = self.low.reshape(-1, 1)
            flat[cells] = draws
        return flat.reshape(m, n, size)

    def scores(self, weights: FloatArray, values: FloatArray | None, buffers: Buffers) -> FloatArray:
        """``S_a = sum_j w_j v_aj``: ``(m, N)`` when :attr:`compared`, else ``(N, m)``; C-contiguous.

        Identical fixed rows are computed once and copied, so they tie exactly (a BLAS kernel may
        round two copies differently); sampled values go through einsum, which treats every
        alternative alike.
        """
        m, size = self.m, weights.shape[1]
        if self.small:
            if values is not None:
                return np.einsum("ajk,jk->ak", values, weights, out=buffers("scores", (m, size)))
            scores = gemm(self.low[self.reps], weights, buffers("scores", (self.reps.size, size)))
            return (
                scores if self.expand is None else np.take(scores, self.expand, axis=0, out=buffers("all", (m, size)))
            )
        if self.compared:
            if values is not None:
                return np.einsum("kaj,jk->ak", values, weights, out=buffers("scores", (m, size)))
            scores = gemm(self.low[self.reps], weights, buffers("scores", (self.reps.size, size)))
            return (
                scores if self.expand is None else np.take(scores, self.expand, axis=0, out=buffers("all", (m, size)))
            )
        if values is not None:
            return np.einsum("kaj,jk->ka", values, weights, out=buffers("scores", (size, m)))
        basis = np.ascontiguousarray(self.low[self.reps].T)
        scores = gemm(weights.T, basis, buffers("scores", (size, self.reps.size)))
        return scores if self.expand is None else np.take(scores, self.expand, axis=1, out=buffers("all", (size, m)))


def segments(edges: Sequence[int], start: int, size: int) -> list[tuple[int, int, int]]:
    """The batches ``[edges[b], edges[b + 1])`` that draws ``start .. start + size`` fall in, as
    ``(b, first, end)`` with draw offsets local to the chunk, in order; empty batches are skipped.

    >>> segments([0, 3, 6, 10], 4, 4)
    [(1, 0, 2), (2, 2, 4)]
    """
    end = start + size
    out = []
    for b in range(max(0, bisect_right(edges, start) - 1), len(edges) - 1):
        lo, hi = max(edges[b], start), min(edges[b + 1], end)
        if lo >= end:
            break
        if hi > lo:
            out.append((b, lo - start, hi - start))
    return out


def gemm(a: FloatArray, b: FloatArray, out: FloatArray) -> FloatArray:
    """``a @ b`` into ``out``, in row blocks small enough that OpenBLAS computes each on the
    calling thread: worker threads never wait for BLAS's own, and every element is computed
    the same way whatever the number of workers."""
    step = max(1, _BLAS_SINGLE_THREAD // max(1, a.shape[1] * b.shape[1]))
    for start in range(0, a.shape[0], step):
        np.matmul(a[start : start + step], b, out=out[start : start + step])
    return out


def gemm_reduce(a: FloatArray, b: FloatArray) -> FloatArray:
    """``a @ b`` for a long inner dimension, in inner blocks that OpenBLAS computes on the calling
    thread, added up in order: the same sums, to the bit, whatever the number of workers."""
    step = max(1, _BLAS_SINGLE_THREAD // max(1, a.shape[0] * b.shape[1]))
    total = np.zeros((a.shape[0], b.shape[1]))
    for start in range(0, a.shape[1], step):
        total += a[:, start : start + step] @ b[start : start + step]
    return total


def _weight_mode(mode: str, problem: DecisionProblem) -> tuple[int, ...]:
    if mode not in WEIGHT_MODES:
        hint = did_you_mean(mode, WEIGHT_MODES)
        raise RequestError(
            f"unknown weights mode {mode!r}; expected one of: {', '.join(WEIGHT_MODES)}"
            + (f" ({hint})" if hint else "")
        )
    if mode != "ordinal":
        return ()
    order = problem.uncertainty.weight_order
    if not order:
        raise RequestError(
            "weights mode 'ordinal' needs an importance order of the criteria, got none; "
            "set `uncertainty.weight_order` in the model file (most important first), "
            f"e.g. weight_order: [{', '.join(problem.criterion_ids)}]"
        )
    return tuple(problem.criterion_ids.index(c) for c in order)


def normalized_ranges(problem: DecisionProblem, vary_scores: bool) -> tuple[FloatArray, FloatArray]:
    """Benefit-oriented lower ends and spans on the 0-1 value scale, as :func:`scale_normalize` maps them."""
    bounds = (problem.scale_min, problem.scale_max, problem.is_benefit)
    if not vary_scores:
        values = scale_normalize(np.array(problem.values), *bounds)
        return values, np.zeros_like(values)
    low, high = problem.ranges
    a, b = scale_normalize(np.array(low), *bounds), scale_normalize(np.array(high), *bounds)
    return np.minimum(a, b), np.where(low == high, 0.0, np.abs(b - a))


def _chunk_size(m: int, n: int, varies: bool) -> int:
    """Draws per chunk: a working set of about :data:`_CHUNK_BYTES`, a multiple of 64."""
    if m <= _SMALL_M:
        per_draw = 8 * (4 * n + 4 * m) + m * m + (8 * m * n if varies else 0)
    else:
        per_draw = 8 * (4 * n + 4 * m) + (8 * m * n if varies else 0)
    return int(min(_CHUNK_MAX, max(_CHUNK_MIN, _CHUNK_BYTES // per_draw // 64 * 64)))


def require_additive(problem: DecisionProblem) -> None:
    if problem.method != "weighted_sum":
        raise RequestError(f"SMAA here samples the additive model (method weighted_sum), got method {problem.method!r}")
    bent = [c.id for c in problem.criteria if c.value_function is not None]
    if bent:
        raise RequestError(
            f"SMAA here samples scores along straight score-to-value lines, but {', '.join(bent)} has a value function"
        )


def make_plan(
    problem: DecisionProblem,
    *,
    samples: int,
    seed: int,
    weights: str,
    vary_scores: bool,
    weight_samples: object | None = None,
) -> Plan:
    """The plan of one run; ``weight_samples`` (validated by :func:`supplied_weights`) replaces the
    weight sampler, and then ``samples`` is its number of rows and the mode is ``"supplied"``."""
    require_additive(problem)
    supplied = None
    if weight_samples is not None:
        if weights != "uniform":
            raise RequestError(
                f"weights mode {weights!r} and weight_samples both given: supplied weight draws replace the "
                "sampler, so leave weights at its default"
            )
        supplied = supplied_weights(weight_samples, problem.criterion_ids)
        samples, weights = int(supplied.shape[1]), SUPPLIED
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples < 1:
        raise RequestError(f"samples: expected a positive integer, got {samples!r}")
    if samples > MAX_SAMPLES:
        raise RequestError(
            f"samples: expected at most {MAX_SAMPLES:,} draws, got {samples:,}; the standard errors shrink "
            "as 1/sqrt(samples), so 10^6 draws already give shares to about 0.05 percentage points"
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise RequestError(f"seed: expected a non-negative integer, got {seed!r}")
    order = () if supplied is not None else _weight_mode(weights, problem)
    low, span = normalized_ranges(problem, vary_scores)
    # Adding a constant to a criterion's values moves every score of a draw by the same w_j c_j,
    # so ranks do not change: lift any value below 0 (a matrix off its declared scale) to make
    # every score >= 0, whose float64 bit patterns then sort like the numbers.
    low = low - np.minimum(low.min(axis=0), 0.0)
    m, n = low.shape
    varies = bool(np.any(span > 0))
    reps, expand = np.arange(m), None
    if not varies:  # identical rows get one computed score, so they tie exactly
        _, first, inverse = np.unique(low, axis=0, return_index=True, return_inverse=True)
        if first.size < m:
            reps = np.sort(first)
            expand = np.searchsorted(reps, first[inverse.reshape(-1)])
    for array in (low, span):
        array.flags.writeable = False
    return Plan(
        seed=int(seed),
        samples=int(samples),
        chunk=_chunk_size(m, n, varies),
        mode=weights,
        order=order,
        center=np.array(problem.normalized_weights),
        spread=float(problem.uncertainty.weight_spread),
        low=low,
        span=span,
        reps=reps.astype(np.intp),
        expand=None if expand is None else expand.astype(np.intp),
        uncertain=np.flatnonzero(span.reshape(-1) > 0),
        supplied=supplied,
    )


def supplied_weights(weight_samples: object, criteria: Sequence[str]) -> FloatArray:
    """``(n, S)`` weight draws from the caller's ``(S, n)`` array, each row divided by its sum.

    Refuses, with a :class:`RequestError`, anything but a two-dimensional array of finite
    non-negative numbers with one column per criterion and a positive sum in every row; a row
    of zeros has no direction to normalise, so it is an error, never a draw dropped in silence.
    """
    n = len(criteria)
    try:
        array = np.array(weight_samples, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise RequestError(f"weight_samples: expected an (S, {n}) array of numbers, got {error}") from None
    if array.ndim != 2 or array.shape[1] != n or array.shape[0] < 1:
        raise RequestError(
            f"weight_samples: expected an (S, {n}) array, one column per criterion "
            f"({', '.join(criteria)}) and at least one row, got shape {array.shape}"
        )
    if array.shape[0] > MAX_SAMPLES:
        raise RequestError(f"weight_samples: expected at most {MAX_SAMPLES:,} rows, got {array.shape[0]:,}")
    for test, what in ((~np.isfinite(array), "a value that is not finite"), (array < 0, "a negative weight")):
        bad = np.argwhere(test)
        if bad.size:
            row, column = (int(i) for i in bad[0])
            raise RequestError(
                f"weight_samples: row {row}, {criteria[column]}: {what} ({float(array[row, column])!r}); "
                f"{len(bad):,} such value(s) in all"
            )
    totals = array.sum(axis=1)
    zero = np.flatnonzero(totals <= 0)
    if zero.size:
        raise RequestError(
            f"weight_samples: row {int(zero[0])} has weights summing to 0 ({zero.size:,} such row(s)); "
            "every draw needs a positive total to be normalised"
        )
    normalised = np.ascontiguousarray((array / totals[:, None]).T)
    normalised.flags.writeable = False
    return normalised


# ----- running chunks on threads, reduced in chunk order -----------------------------------
_T = TypeVar("_T")


def run_chunks(
    task: Callable[[int, int, int], _T], chunks: Sequence[tuple[int, int, int]], workers: int
) -> Iterator[_T]:
    """Results of ``task(*chunk)`` in chunk order, with at most ``workers + 2`` chunks in flight."""
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield task(*chunk)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="smaa") as pool:
        pending: deque[Future[_T]] = deque()
        todo = iter(chunks)
        try:
            for chunk in islice(todo, workers + 2):
                pending.append(pool.submit(task, *chunk))
            while pending:
                result = pending.popleft().result()
                for chunk in islice(todo, 1):
                    pending.append(pool.submit(task, *chunk))
                yield result
        finally:
            for future in pending:
                future.cancel()


def worker_count(workers: int | None) -> int:
    if workers is None:
        usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        return len(usable) if usable else os.cpu_count() or 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise RequestError(f"workers: expected a positive integer or None, got {workers!r}")
    return workers
