"""Stochastic multicriteria acceptability analysis (SMAA-2) for the additive value model.

SMAA asks which alternatives win, and how often, when the weights (and the scores) are only
known to lie in a set: it draws weight vectors ``w`` and score matrices ``x`` from that set and
ranks the alternatives on ``S_a = sum_j w_j v_j(x_aj)``, the additive model of
:func:`model.methods.weighted_sum` with scores normalised on their declared scales.

Descriptive measures (Lahdelma & Salminen 2001):

* rank acceptability ``b_a^r``: the share of draws in which ``a`` has rank ``r``;
* holistic acceptability ``a_a^h = sum_r alpha_r b_a^r`` with meta-weights ``alpha``
  (default ``alpha_r = (m - r) / (m - 1)``: 1 for first place, 0 for last);
* central weight vector ``w_a^c``: the mean weight vector of the draws in which ``a`` is first;
* confidence factor ``p_a^c``: the share of score draws in which ``a`` is first when the
  weights are fixed at ``w_a^c``;
* pairwise winning index ``p_ab = P(S_a > S_b)`` (Leskinen et al. 2006).

Ties (exactly equal scores) share the better rank (competition ranking, as in
:mod:`model.ranking`), so with ties a rank column can add up to more than 1.

Every draw comes from a stream seeded by ``(seed, chunk index)``: results are a pure function of
the problem, ``samples``, ``seed`` and the modes, whatever the number of worker threads.
Draws are processed in vectorised chunks of a few megabytes on a thread pool and reduced in
chunk order. Ranks are scale-free, so weight draws stay unnormalised exponentials except where
central weights need them normalised; up to six alternatives are ranked from all pairwise
comparisons (``r_a = #{b : S_b > S_a}``), more from one sort per draw of keys that pack the
alternative's index into the score's last mantissa bits, with an exact re-ranking of the rare
rows where that could misorder a near-tie.

References
----------
Lahdelma, R., Hokkanen, J. & Salminen, P. (1998). SMAA - Stochastic multiobjective
acceptability analysis. *European Journal of Operational Research* 106(1), 137-143.
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis
for group decision making. *Operations Research* 49(3), 444-454.
Tervonen, T. & Lahdelma, R. (2007). Implementing stochastic multicriteria acceptability
analysis. *European Journal of Operational Research* 178(2), 500-513.
Leskinen, P., Viitanen, J., Kangas, A. & Kangas, J. (2006). Alternatives to incorporate
uncertainty and risk attitude in multicriteria evaluation of forest plans. *Forest Science*
52(3), 304-312.
"""

from __future__ import annotations

import math
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from model.display import HtmlTable
from model.errors import RequestError, did_you_mean
from model.methods.normalize import scale_normalize
from model.problem import DecisionProblem
from model.ranking import TIE_TOLERANCE

if TYPE_CHECKING:
    import pandas as pd

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Progress = Callable[[int, int], None]

WEIGHT_MODES: tuple[str, ...] = ("uniform", "ordinal", "around")
"""How :func:`smaa` draws weights: see :func:`uniform_weights`, :func:`ordinal_weights`, :func:`around_weights`."""

MAX_EXACT_CRITERIA = 8
"""Largest number of criteria :func:`exact_first_rank_acceptability` accepts (volumes get slow beyond 7)."""

PAIRWISE_BUDGET = 2**30
"""Comparisons spent on the pairwise winning indices when there are more than six alternatives
(``m**2`` a draw): they use the first ``max(PAIRWISE_BUDGET // m**2, MIN_BUDGET_SAMPLES)``
draws, or all of them if fewer (``SmaaResult.pairwise_samples``). With up to six alternatives
they come free with the ranks, from every draw."""

CONFIDENCE_BUDGET = 2**33
"""Multiply-adds spent on the confidence factors when scores vary and there are more than six
alternatives (``m * n * F`` a draw, ``F`` = alternatives ever first): they use the first
``max(CONFIDENCE_BUDGET // (m * n * F), MIN_BUDGET_SAMPLES)`` score draws, or all of them if
fewer (``SmaaResult.confidence_samples``)."""

MIN_BUDGET_SAMPLES = 2_000

_SMALL_M = 6  # up to this many alternatives, ranks come from all pairwise comparisons
_BLAS_SINGLE_THREAD = 2**18  # OpenBLAS runs a gemm with m*n*k at most this on the calling thread only
_CHUNK_BYTES = 8 * 2**20  # working set of one chunk (per worker thread)
_CHUNK_MIN, _CHUNK_MAX = 64, 2**17


# ----- reusable buffers ------------------------------------------------------------------
class _Scratch:
    """Per-thread buffers reused from chunk to chunk.

    A fresh multi-megabyte temporary per chunk costs page faults on every chunk (the allocator
    hands large blocks back to the system), more than the arithmetic on it; each worker thread
    keeps its own buffers for the length of one call.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def __call__(self, name: str, shape: tuple[int, ...], dtype: type[np.generic] = np.float64) -> NDArray[Any]:
        buffers: dict[tuple[str, type[np.generic]], NDArray[Any]] | None = getattr(self._local, "buffers", None)
        if buffers is None:
            buffers = self._local.buffers = {}
        need = math.prod(shape)
        buffer = buffers.get((name, dtype))
        if buffer is None or buffer.size < need:
            buffer = buffers[(name, dtype)] = np.empty(need, dtype=dtype)
        return buffer[:need].reshape(shape)


def _fresh(name: str, shape: tuple[int, ...], dtype: type[np.generic] = np.float64) -> NDArray[Any]:
    """A stand-in for :class:`_Scratch` that allocates (for one-off calls such as the public samplers)."""
    return np.empty(shape, dtype=dtype)


Buffers = Callable[..., NDArray[Any]]


# ----- weight samplers (kernels: arrays in, arrays out) -----------------------------------
def _uniform_block(rng: np.random.Generator, out: FloatArray) -> FloatArray:
    """Standard exponentials into ``out`` (``(n, N)``): divided by their column sums they are
    uniform on the simplex, Dirichlet(1, ..., 1). Ranks need no division (scale-free)."""
    return rng.standard_exponential(out=out)


def _sorting_network(length: int) -> list[tuple[int, int]]:
    """Comparators of Batcher's odd-even merge sort for ``length`` items (padded to a power of 2).

    Comparators that touch a padding position are dropped: padding holds the smallest values,
    which a descending comparator never moves, so the network still sorts ``length`` items.

    >>> _sorting_network(3)
    [(0, 1), (0, 2), (1, 2)]
    """
    size = 1 << max(0, (length - 1).bit_length())
    pairs: list[tuple[int, int]] = []
    p = 1
    while p < size:
        k = p
        while k >= 1:
            for j in range(k % p, size - k, 2 * k):
                for i in range(min(k, size - j - k)):
                    if (i + j) // (2 * p) == (i + j + k) // (2 * p):
                        pairs.append((i + j, i + j + k))
            k //= 2
        p *= 2
    return [(a, b) for a, b in pairs if b < length]


def _sort_rows_descending(block: FloatArray, rows: Sequence[int], buffers: Buffers) -> None:
    """Sort, in every column of ``block``, the values of ``rows`` so that they decrease down ``rows``."""
    if len(rows) <= 32:
        low = buffers("network", (block.shape[1],))
        for i, j in _sorting_network(len(rows)):
            a, b = block[rows[i]], block[rows[j]]
            np.minimum(a, b, out=low)
            np.maximum(a, b, out=a)
            b[...] = low
    else:
        index = np.asarray(rows)
        block[index] = np.sort(block[index], axis=0)[::-1]


def _ordinal_block(rng: np.random.Generator, order: Sequence[int], out: FloatArray, buffers: Buffers) -> FloatArray:
    """Exponentials into ``out`` with ``w[order[0]] >= w[order[1]] >= ...`` in every column.

    Sorting an exchangeable draw uniform on the simplex into the order maps the simplex onto the
    ordered region ``L!`` to 1, preserving volume, so the result is uniform on that region.
    """
    _uniform_block(rng, out)
    if len(order) > 1:
        _sort_rows_descending(out, order, buffers)
    return out


def _around_block(rng: np.random.Generator, center: FloatArray, spread: float, out: FloatArray) -> FloatArray:
    """Weights uniform on ``{w in simplex : |w_j - c_j| <= spread c_j}`` into ``out`` (``(n, N)``).

    Exact rejection sampling: every free coordinate but one is drawn uniformly in its box; the
    eliminated one (the widest box) is ``1 - sum(others)``, and the draw is kept if that falls in
    its own box. The kept coordinates map affinely onto the simplex, so accepted draws are
    uniform on the polytope. Acceptance is the chance that the others' sum lands in a window as
    wide as the widest box: about 0.85 for five weights of 0.15-0.3 at spread 0.5, falling
    roughly as ``1/sqrt(n)`` with more criteria. A weight of 0 stays 0.
    """
    size = out.shape[1]
    low = center * (1.0 - spread)
    high = np.minimum(center * (1.0 + spread), 1.0)
    free = np.flatnonzero(high > low)
    out[:] = center[:, None]
    if free.size <= 1:  # a single free coordinate is pinned by the sum
        return out
    last = int(free[np.argmax(high[free] - low[free])])
    others = free[free != last]
    budget = 1.0 - float(center.sum() - center[free].sum())
    base, width = low[others, None], (high - low)[others, None]
    filled, drawn, accepted = 0, 0, 0
    while filled < size:
        rate = max(accepted / drawn, 0.02) if drawn else 0.5
        batch = int((size - filled) / rate * 1.1) + 64
        trial = base + width * rng.random((others.size, batch))
        rest = budget - trial.sum(axis=0)
        keep = np.flatnonzero((rest >= low[last]) & (rest <= high[last]))
        drawn, accepted = drawn + batch, accepted + keep.size
        keep = keep[: size - filled]
        out[others, filled : filled + keep.size] = trial[:, keep]
        out[last, filled : filled + keep.size] = rest[keep]
        filled += keep.size
    return out


def uniform_weights(rng: np.random.Generator, size: int, n: int) -> FloatArray:
    """``(size, n)`` weight vectors uniform on the simplex: Dirichlet(1, ..., 1).

    Normalised standard exponentials ``w_j = E_j / sum_k E_k`` (never normalised independent
    uniforms, which crowd the centre of the simplex).

    >>> w = uniform_weights(np.random.default_rng(0), 4, 3)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1))
    ((4, 3), True)
    """
    block = _uniform_block(rng, np.empty((n, size)))
    return np.ascontiguousarray((block / block.sum(axis=0)).T)


def ordinal_weights(rng: np.random.Generator, size: int, n: int, order: Sequence[int]) -> FloatArray:
    """``(size, n)`` weights uniform on ``{w in simplex : w[order[0]] >= w[order[1]] >= ...}``.

    Criteria not in ``order`` are unconstrained. With a full chain the mean is the rank-order
    centroid ``w_(i) = (1/n) sum_{k=i}^n 1/k`` (Barron & Barrett 1996).

    >>> w = ordinal_weights(np.random.default_rng(0), 1000, 3, [2, 0])
    >>> bool(np.all(w[:, 2] >= w[:, 0]))
    True
    """
    if len(set(order)) != len(order) or any(not 0 <= i < n for i in order):
        raise ValueError(f"order must list distinct criterion indices in [0, {n}), got {list(order)}")
    block = _ordinal_block(rng, list(order), np.empty((n, size)), _fresh)
    return np.ascontiguousarray((block / block.sum(axis=0)).T)


def around_weights(rng: np.random.Generator, size: int, center: Sequence[float], spread: float) -> FloatArray:
    """``(size, n)`` weights uniform on the simplex within ``w_j in [c_j (1 - s), c_j (1 + s)]``.

    ``center`` must sum to 1 and ``0 <= spread < 1``; exact rejection sampling (see
    :func:`_around_block` for the scheme and its acceptance rate).

    >>> w = around_weights(np.random.default_rng(0), 1000, [0.5, 0.3, 0.2], 0.2)
    >>> bool(np.all(np.abs(w - [0.5, 0.3, 0.2]) <= 0.2 * np.array([0.5, 0.3, 0.2]) + 1e-12))
    True
    """
    c = np.asarray(center, dtype=float)
    if c.ndim != 1 or np.any(c < 0) or not math.isclose(float(c.sum()), 1.0, abs_tol=1e-9):
        raise ValueError(f"center must be non-negative weights summing to 1, got {c.tolist()}")
    if not 0 <= spread < 1:
        raise ValueError(f"spread must be in [0, 1), got {spread}")
    return np.ascontiguousarray(_around_block(rng, c, float(spread), np.empty((c.size, size))).T)


# ----- the sampling plan --------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class _Plan:
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
    def varies(self) -> bool:
        return self.uncertain.size > 0

    @property
    def normalized(self) -> bool:
        """True when weight blocks already sum to 1 (otherwise they are scale-free exponentials)."""
        return self.mode == "around"

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

    def weight_block(self, rng: np.random.Generator, size: int, buffers: Buffers) -> FloatArray:
        """``(n, size)`` weights; scale-free exponentials unless :attr:`normalized`."""
        out = buffers("weights", (self.n, size))
        if self.mode == "ordinal":
            return _ordinal_block(rng, self.order, out, buffers)
        if self.mode == "around":
            return _around_block(rng, self.center, self.spread, out)
        return _uniform_block(rng, out)

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
        """``S_a = sum_j w_j v_aj``: ``(m, N)`` with few alternatives, else ``(N, m)``; C-contiguous.

        Identical fixed rows are computed once and copied, so they tie exactly (a BLAS kernel may
        round two copies differently); sampled values go through einsum, which treats every
        alternative alike.
        """
        m, size = self.m, weights.shape[1]
        if self.small:
            if values is not None:
                return np.einsum("ajk,jk->ak", values, weights, out=buffers("scores", (m, size)))
            scores = _gemm(self.low[self.reps], weights, buffers("scores", (self.reps.size, size)))
            return (
                scores if self.expand is None else np.take(scores, self.expand, axis=0, out=buffers("all", (m, size)))
            )
        if values is not None:
            return np.einsum("kaj,jk->ka", values, weights, out=buffers("scores", (size, m)))
        basis = np.ascontiguousarray(self.low[self.reps].T)
        scores = _gemm(weights.T, basis, buffers("scores", (size, self.reps.size)))
        return scores if self.expand is None else np.take(scores, self.expand, axis=1, out=buffers("all", (size, m)))


def _gemm(a: FloatArray, b: FloatArray, out: FloatArray) -> FloatArray:
    """``a @ b`` into ``out``, in row blocks small enough that OpenBLAS computes each on the
    calling thread: worker threads never wait for BLAS's own, and every element is computed
    the same way whatever the number of workers."""
    step = max(1, _BLAS_SINGLE_THREAD // max(1, a.shape[1] * b.shape[1]))
    for start in range(0, a.shape[0], step):
        np.matmul(a[start : start + step], b, out=out[start : start + step])
    return out


def _gemm_reduce(a: FloatArray, b: FloatArray) -> FloatArray:
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


def _normalized_ranges(problem: DecisionProblem, vary_scores: bool) -> tuple[FloatArray, FloatArray]:
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


def _require_additive(problem: DecisionProblem) -> None:
    if problem.method != "weighted_sum":
        raise RequestError(f"SMAA here samples the additive model (method weighted_sum), got method {problem.method!r}")
    bent = [c.id for c in problem.criteria if c.value_function is not None]
    if bent:
        raise RequestError(
            f"SMAA here samples scores along straight score-to-value lines, but {', '.join(bent)} has a value function"
        )


def _plan(problem: DecisionProblem, *, samples: int, seed: int, weights: str, vary_scores: bool) -> _Plan:
    _require_additive(problem)
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples < 1:
        raise RequestError(f"samples: expected a positive integer, got {samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise RequestError(f"seed: expected a non-negative integer, got {seed!r}")
    order = _weight_mode(weights, problem)
    low, span = _normalized_ranges(problem, vary_scores)
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
    return _Plan(
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
    )


# ----- running chunks on threads, reduced in chunk order -----------------------------------
_T = TypeVar("_T")


def _run(task: Callable[[int, int, int], _T], chunks: Sequence[tuple[int, int, int]], workers: int) -> Iterator[_T]:
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


def _workers(workers: int | None) -> int:
    if workers is None:
        usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        return len(usable) if usable else os.cpu_count() or 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise RequestError(f"workers: expected a positive integer or None, got {workers!r}")
    return workers


@dataclass
class _Tally:
    """Sufficient statistics of the first pass, added up chunk by chunk (in chunk order)."""

    ranks: IntArray  # (m, m) draws with alternative a at rank r + 1
    pairs: IntArray  # (m, m) draws with S_a > S_b, among the first `pair_draws`
    pair_draws: int
    weight_sum: FloatArray  # (m, n) sums of normalised weights over the draws where a is first
    weight_sq: FloatArray  # (m, n) and of their squares
    codes: IntArray | None = None  # few alternatives: histogram of rank vectors, decoded at the end

    @classmethod
    def zeros(cls, m: int, n: int) -> _Tally:
        return cls(np.zeros((m, m), np.int64), np.zeros((m, m), np.int64), 0, np.zeros((m, n)), np.zeros((m, n)))

    def add(self, other: _Tally) -> None:
        self.ranks += other.ranks
        self.pairs += other.pairs
        self.pair_draws += other.pair_draws
        self.weight_sum += other.weight_sum
        self.weight_sq += other.weight_sq
        if other.codes is not None:
            self.codes = other.codes.copy() if self.codes is None else self.codes + other.codes

    def decode(self, book: _Codebook | None) -> None:
        """Turn the histogram of rank vectors into rank and pairwise counts."""
        if book is not None and self.codes is not None:
            ranks, pairs = book.decode(self.codes)
            self.ranks += ranks
            self.pairs += pairs
            self.codes = None


def _normalize_block(plan: _Plan, weights: FloatArray, buffers: Buffers, out: FloatArray | None = None) -> FloatArray:
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
class _Codebook:
    """Every rank vector of ``m`` alternatives as a base-``m`` number, ``code = sum_a r_a m**a``."""

    m: int
    radix: IntArray

    @classmethod
    def of(cls, m: int) -> _Codebook:
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


def _tally_small(
    plan: _Plan, book: _Codebook, weights: FloatArray, values: FloatArray | None, buffers: Buffers
) -> _Tally:
    """Ranks ``r_a = #{b : S_b > S_a}`` from all pairs; one histogram of rank vectors holds every count."""
    m, n, size = plan.m, plan.n, weights.shape[1]
    scores = plan.scores(weights, values, buffers)  # (m, N)
    beaten = np.greater(scores[None, :, :], scores[:, None, :], out=buffers("beaten", (m, m, size), np.bool_))
    ranks = np.add.reduce(beaten, axis=1, dtype=np.int8, out=buffers("ranks", (m, size), np.int8))
    codes = buffers("codes", (size,), np.int64)
    codes[...] = ranks[m - 1]
    for a in range(m - 2, -1, -1):  # Horner: code = sum_a r_a m**a
        codes *= m
        codes += ranks[a]
    first = np.equal(ranks, 0, out=buffers("first", (m, size)))
    stacked = buffers("stacked", (2 * n, size))  # w and w**2 of each draw, for one product
    _normalize_block(plan, weights, buffers, out=stacked[:n])
    np.multiply(stacked[:n], stacked[:n], out=stacked[n:])
    sums = _gemm_reduce(first, stacked.T)
    return _Tally(
        ranks=np.zeros((m, m), np.int64),
        pairs=np.zeros((m, m), np.int64),
        pair_draws=size,
        weight_sum=sums[:, :n],
        weight_sq=sums[:, n:],
        codes=np.bincount(codes, minlength=m**m),
    )


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


def _pair_counts(positions: NDArray[np.int16], buffers: Buffers) -> IntArray:
    """``#{draws : pos_a < pos_b}`` (that is, ``S_a > S_b``) for every pair, from ``(N, m)`` positions.

    Comparisons of 16-bit positions, summed in bytes over at most 255 draws, then in int64.
    """
    size, m = positions.shape
    pairs = np.zeros((m, m), dtype=np.int64)
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
            pairs += total
            total[...] = 0
            pending = 0
    pairs += total
    return pairs


def _tally_sorted(
    plan: _Plan, weights: FloatArray, values: FloatArray | None, pair_rows: int, buffers: Buffers
) -> _Tally:
    """Ranks from one sort of packed (score, index) keys per draw; exact fallback on near-ties."""
    m, n = plan.m, plan.n
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

    pairs = np.zeros((m, m), dtype=np.int64)
    if pair_rows:
        positions = buffers("positions", (pair_rows, m), np.int16)
        np.put_along_axis(positions, alternatives[:pair_rows], descending.astype(np.int16), axis=1)
        if order is not None and exact is not None:
            early = suspect < pair_rows
            positions[suspect[early]] = _scatter(order[early], exact[early])
        pairs = _pair_counts(positions, buffers)

    winners = alternatives[:, m - 1].copy()
    rows = None
    cells = np.multiply(alternatives, m, out=alternatives)
    cells += descending
    if order is not None and exact is not None:
        cells[suspect] = m * m  # a discarded bin: these rows are counted exactly instead
        ties = exact == 0
        keep = np.ones(size, dtype=bool)
        keep[suspect] = False
        rows = np.concatenate([np.flatnonzero(keep), np.repeat(suspect, ties.sum(axis=1))])
        winners = np.concatenate([winners[keep], order[ties]])
        cells = np.concatenate([cells.reshape(-1), (order * m + exact).reshape(-1)])
    counts = np.bincount(cells.reshape(-1), minlength=m * m + 1)[: m * m].reshape(m, m)

    normalized = _normalize_block(plan, weights, buffers)
    if rows is not None:
        normalized = normalized[:, rows]
    square = buffers("square", (normalized.shape[1],))
    weight_sum = np.empty((m, n))
    weight_sq = np.empty((m, n))
    for j in range(n):
        weight_sum[:, j] = np.bincount(winners, weights=normalized[j], minlength=m)
        weight_sq[:, j] = np.bincount(
            winners, weights=np.multiply(normalized[j], normalized[j], out=square), minlength=m
        )
    return _Tally(counts.astype(np.int64), pairs, pair_rows, weight_sum, weight_sq)


def _scatter(order: NDArray[np.intp], positions: NDArray[np.intp]) -> NDArray[np.int16]:
    """Positions by alternative from positions by best-first order."""
    out = np.empty(order.shape, dtype=np.int16)
    np.put_along_axis(out, order, positions.astype(np.int16), axis=1)
    return out


# ----- second pass: confidence factors ---------------------------------------------------
def _confidence_counts(
    plan: _Plan, central: FloatArray, candidates: NDArray[np.intp], values: FloatArray, buffers: Buffers
) -> IntArray:
    """Per candidate ``a``: the draws of these score values in which ``a`` is first at weights ``central[a]``."""
    weights = central[candidates]  # (F, n)
    count = candidates.size
    counts = np.zeros(count, dtype=np.int64)
    if plan.small:
        m, _, size = values.shape
        scores = np.einsum("fj,ajk->fak", weights, values, out=buffers("conf_scores", (count, m, size)))
        best = np.max(scores, axis=1, out=buffers("conf_best", (count, size)))
        hit = buffers("conf_hit", (size,), np.bool_)
        for f, a in enumerate(candidates):
            counts[f] = np.count_nonzero(np.greater_equal(scores[f, a], best[f], out=hit))
        return counts
    size, m, n = values.shape
    basis = np.ascontiguousarray(weights.T)
    own = np.arange(count)
    step = max(1, 2**20 // (m * count))
    for first in range(0, size, step):
        block = values[first : first + step]
        rows = block.shape[0]
        scores = _gemm(block.reshape(-1, n), basis, buffers("conf_scores", (rows * m, count))).reshape(rows, m, count)
        best = np.max(scores, axis=1, out=buffers("conf_best", (rows, count)))
        counts += np.count_nonzero(scores[:, candidates, own] >= best, axis=0)
    return counts


# ----- the result ----------------------------------------------------------------------------
def _read_only(*arrays: NDArray[Any]) -> None:
    for array in arrays:
        array.flags.writeable = False


def _json_number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


@dataclass(frozen=True, eq=False)
class SmaaResult(HtmlTable):
    """SMAA-2 acceptability indices, with Monte Carlo standard errors. Compare with :meth:`equals`.

    ``rank_acceptability[a, r - 1]`` is the share of draws in which ``a`` has rank ``r``; tied
    alternatives share the better rank. ``holistic = rank_acceptability @ meta_weights``.
    ``central_weights[a]`` is NaN when ``a`` is never first; ``confidence[a]`` too. Standard
    errors are ``sqrt(p (1 - p) / N)`` for shares and ``s / sqrt(N_a)`` for means.
    ``pairwise_winning[a, b] = P(S_a > S_b)`` is estimated on the first ``pairwise_samples`` draws
    and ``confidence`` on ``confidence_samples`` score draws (0 when scores are fixed: the factors
    are then computed exactly).
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    samples: int
    seed: int
    weights_mode: str
    scores_mode: str
    rank_acceptability: FloatArray
    rank_acceptability_se: FloatArray
    holistic: FloatArray
    holistic_se: FloatArray
    meta_weights: FloatArray
    central_weights: FloatArray
    central_weights_se: FloatArray
    confidence: FloatArray
    confidence_se: FloatArray
    pairwise_winning: FloatArray
    pairwise_winning_se: FloatArray
    pairwise_samples: int
    confidence_samples: int

    @property
    def first_rank(self) -> FloatArray:
        """First-rank acceptability ``b_a^1`` of each alternative."""
        return self.rank_acceptability[:, 0]

    @property
    def order(self) -> NDArray[np.intp]:
        """Alternatives by first-rank acceptability, highest first (file order among equals)."""
        return np.argsort(-self.first_rank, kind="stable")

    @property
    def table(self) -> pd.DataFrame:
        """One row per alternative, by first-rank acceptability (highest first)."""
        import pandas as pd

        rows = []
        for i in self.order:
            row: dict[str, Any] = {
                "alternative": self.alternatives[i],
                "first": float(self.first_rank[i]),
                "first_se": float(self.rank_acceptability_se[i, 0]),
                "holistic": float(self.holistic[i]),
                "holistic_se": float(self.holistic_se[i]),
                "confidence": float(self.confidence[i]),
            }
            for r in range(len(self.alternatives)):
                row[f"rank_{r + 1}"] = float(self.rank_acceptability[i, r])
            rows.append(row)
        return pd.DataFrame(rows)

    @property
    def central_weights_table(self) -> pd.DataFrame:
        """Central weight vectors, alternatives × criteria (NaN rows: never first)."""
        import pandas as pd

        return pd.DataFrame(
            np.array(self.central_weights),
            index=pd.Index(self.alternatives, name="alternative"),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (NaN as null), alternatives by first-rank acceptability."""
        alternatives = []
        for i in self.order:
            alternatives.append(
                {
                    "alternative": self.alternatives[i],
                    "first": float(self.first_rank[i]),
                    "first_se": float(self.rank_acceptability_se[i, 0]),
                    "holistic": float(self.holistic[i]),
                    "holistic_se": float(self.holistic_se[i]),
                    "confidence": _json_number(self.confidence[i]),
                    "confidence_se": _json_number(self.confidence_se[i]),
                    "rank_acceptability": [float(v) for v in self.rank_acceptability[i]],
                    "rank_acceptability_se": [float(v) for v in self.rank_acceptability_se[i]],
                    "central_weights": {
                        c: _json_number(self.central_weights[i, j]) for j, c in enumerate(self.criteria)
                    },
                    "central_weights_se": {
                        c: _json_number(self.central_weights_se[i, j]) for j, c in enumerate(self.criteria)
                    },
                }
            )
        return {
            "method": "smaa-2 (weighted sum)",
            "samples": self.samples,
            "seed": self.seed,
            "weights_mode": self.weights_mode,
            "scores_mode": self.scores_mode,
            "meta_weights": [float(v) for v in self.meta_weights],
            "tie_policy": "exactly equal scores share the better rank",
            "alternatives": alternatives,
            "pairwise_samples": self.pairwise_samples,
            "confidence_samples": self.confidence_samples,
            "pairwise_winning": {
                a: {b: float(self.pairwise_winning[i, k]) for k, b in enumerate(self.alternatives) if k != i}
                for i, a in enumerate(self.alternatives)
            },
        }

    def equals(self, other: object) -> bool:
        """True when both results hold the same labels, settings and numbers (NaN equal to NaN)."""
        if not isinstance(other, SmaaResult):
            return False
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, np.ndarray):
                if not np.array_equal(mine, theirs, equal_nan=True):
                    return False
            elif mine != theirs:
                return False
        return True


def _meta_weights(meta_weights: Sequence[float] | None, m: int) -> FloatArray:
    if meta_weights is None:
        return np.ones(1) if m == 1 else (m - 1 - np.arange(m)) / (m - 1)
    alpha = np.array(meta_weights, dtype=float)
    if alpha.shape != (m,) or not np.all(np.isfinite(alpha)):
        raise RequestError(f"meta_weights: expected {m} finite numbers (one per rank), got {list(meta_weights)}")
    return alpha


def _share_se(share: FloatArray, draws: int) -> FloatArray:
    return np.sqrt(np.clip(share * (1.0 - share), 0.0, None) / max(draws, 1))


def _budgeted(samples: int, budget: int, per_draw: int) -> int:
    """Draws an estimate may use: all of them if ``samples * per_draw <= budget``, else as many as
    the budget buys, but never fewer than ``min(samples, MIN_BUDGET_SAMPLES)``."""
    return min(samples, max(budget // max(per_draw, 1), MIN_BUDGET_SAMPLES))


def _central_weights(tally: _Tally, first: IntArray) -> tuple[FloatArray, FloatArray]:
    """Means ``w_a^c`` of the weights over the draws where ``a`` is first, and their standard errors."""
    count = first[:, None].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = tally.weight_sum / count
        variance = np.clip((tally.weight_sq - count * central**2) / (count - 1), 0.0, None)
        standard_error = np.where(count > 1, np.sqrt(variance / count), np.nan)
    central[first == 0] = np.nan
    return central, standard_error


def smaa(
    problem: DecisionProblem,
    *,
    samples: int = 100_000,
    seed: int = 0,
    weights: str = "uniform",
    vary_scores: bool = True,
    meta_weights: Sequence[float] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> SmaaResult:
    """SMAA-2 of the additive model: acceptability indices from ``samples`` seeded draws.

    Parameters
    ----------
    problem
        The decision problem; its normalised values are those of :func:`model.evaluate`.
    samples, seed
        Number of Monte Carlo draws and the seed of every random stream.
    weights
        ``"uniform"``: uniform on the simplex (no preference information);
        ``"ordinal"``: uniform among weights in the order ``problem.uncertainty.weight_order``;
        ``"around"``: uniform on the simplex within ``±weight_spread`` (relative) of the file's weights.
    vary_scores
        Draw each cell uniformly on ``problem.ranges`` (intervals, label bands, confidence bands,
        ``unknown`` = the whole scale); if False, rank on the values :func:`model.evaluate` uses.
    meta_weights
        ``alpha_r`` for the holistic acceptability; default ``alpha_r = (m - r) / (m - 1)``.
    workers
        Threads (default: every core). The result does not depend on it.
    progress
        Called in the calling thread as ``progress(done, total)`` after every chunk. When scores
        vary, the confidence factors take a second pass over the score draws, counted as
        ``samples`` more (``total = 2 * samples``).

    Notes
    -----
    ``S_a(w, x) = sum_j w_j v_j(x_aj)``; ``b_a^r = P(rank_a = r)``; ``a_a^h = sum_r alpha_r b_a^r``;
    ``w_a^c = E[w | rank_a = 1]``; ``p_a^c = P_x(rank_a(w_a^c, x) = 1)`` (Lahdelma & Salminen 2001).
    Exactly equal scores share the better rank. With fixed scores ``p_a^c`` is 1 or 0 (a score
    within ``TIE_TOLERANCE`` of the best counts as first) and ``scores_mode`` is ``"fixed"``.
    With more than six alternatives, pairwise winning indices and confidence factors use the
    first draws only, as many as :data:`PAIRWISE_BUDGET` and :data:`CONFIDENCE_BUDGET` allow
    (``pairwise_samples``, ``confidence_samples``; their standard errors say so).

    >>> import model
    >>> result = smaa(model.loads(model.demo.DEMO_YAML), samples=2000, seed=1, workers=1)
    >>> result.table[["alternative", "first"]].round(2).to_dict("list")
    {'alternative': ['Utopia', 'Atlantis'], 'first': [0.87, 0.13]}
    """
    plan = _plan(problem, samples=samples, seed=seed, weights=weights, vary_scores=vary_scores)
    alpha = _meta_weights(meta_weights, plan.m)
    threads = _workers(workers)
    m, n = plan.m, plan.n
    total = samples * (2 if plan.varies else 1)
    book = _Codebook.of(m) if plan.small else None
    pair_limit = samples if plan.small else _budgeted(samples, PAIRWISE_BUDGET, m * m)
    buffers = _Scratch()

    def first_pass(index: int, start: int, size: int) -> _Tally:
        weight_rng, score_rng = plan.rngs(index)
        block = plan.weight_block(weight_rng, size, buffers)
        values = plan.score_block(score_rng, size, buffers)
        if book is not None:
            return _tally_small(plan, book, block, values, buffers)
        return _tally_sorted(plan, block, values, min(size, max(0, pair_limit - start)), buffers)

    chunks = plan.chunks()
    tally = _Tally.zeros(m, n)
    for (_, start, size), part in zip(chunks, _run(first_pass, chunks, threads), strict=True):
        tally.add(part)
        if progress is not None:
            progress(start + size, total)
    tally.decode(book)

    rank_acceptability = tally.ranks / samples
    first_counts = tally.ranks[:, 0]
    central, central_se = _central_weights(tally, first_counts)
    candidates = np.flatnonzero(first_counts > 0)
    confidence = np.full(m, np.nan)
    confidence_se = np.full(m, np.nan)
    confidence_draws = 0
    if not plan.varies:
        scores = plan.low @ central[candidates].T  # (m, F)
        confidence[candidates] = scores[candidates, np.arange(candidates.size)] >= scores.max(axis=0) - TIE_TOLERANCE
        confidence_se[candidates] = 0.0
    else:
        weights_at = np.nan_to_num(central)
        work = m * n * candidates.size
        confidence_draws = samples if plan.small else _budgeted(samples, CONFIDENCE_BUDGET, work)

        def second_pass(index: int, start: int, size: int) -> IntArray:
            _, score_rng = plan.rngs(index)
            values = plan.score_block(score_rng, size, buffers)
            assert values is not None
            return _confidence_counts(plan, weights_at, candidates, values, buffers)

        replay = [
            (i, start, min(size, confidence_draws - start)) for i, start, size in chunks if start < confidence_draws
        ]
        hits = np.zeros(candidates.size, dtype=np.int64)
        for (_, start, size), counts in zip(replay, _run(second_pass, replay, threads), strict=True):
            hits += counts
            if progress is not None:
                progress(samples + (start + size) * samples // confidence_draws, total)
        confidence[candidates] = hits / confidence_draws
        confidence_se[candidates] = _share_se(confidence[candidates], confidence_draws)

    holistic = rank_acceptability @ alpha
    holistic_variance = rank_acceptability @ (alpha * alpha) - holistic**2
    holistic_se = np.sqrt(np.clip(holistic_variance, 0.0, None) / samples)
    pair_draws = max(tally.pair_draws, 1)
    pairwise = tally.pairs / pair_draws
    result = SmaaResult(
        alternatives=problem.alternative_names,
        criteria=problem.criterion_ids,
        samples=int(samples),
        seed=int(seed),
        weights_mode=weights,
        scores_mode="uncertain" if plan.varies else "fixed",
        rank_acceptability=rank_acceptability,
        rank_acceptability_se=_share_se(rank_acceptability, samples),
        holistic=holistic,
        holistic_se=holistic_se,
        meta_weights=alpha,
        central_weights=central,
        central_weights_se=central_se,
        confidence=confidence,
        confidence_se=confidence_se,
        pairwise_winning=pairwise,
        pairwise_winning_se=_share_se(pairwise, pair_draws),
        pairwise_samples=tally.pair_draws,
        confidence_samples=confidence_draws,
    )
    _read_only(*(getattr(result, f) for f in result.__dataclass_fields__ if isinstance(getattr(result, f), np.ndarray)))
    return result


# ----- exact first-rank acceptability for point scores --------------------------------------
def first_rank_volumes(values: FloatArray) -> FloatArray:
    """Exact first-rank acceptability of each row of ``values`` under uniform weights.

    ``b_a^1 = vol{w in simplex : (v_a - v_b) . w >= 0 for all b} / vol(simplex)``, computed in
    the ``n - 1`` coordinates ``w_1 .. w_{n-1}`` (``w_n = 1 - sum``) with
    :class:`scipy.spatial.HalfspaceIntersection` and :class:`scipy.spatial.ConvexHull`; the
    interior point is the Chebyshev centre (a linear programme). Polytopes whose inscribed
    ball has radius below ``1e-9`` (empty or lower-dimensional) have volume 0. Identical rows
    share their polytope, as tied alternatives share the first rank.

    >>> first_rank_volumes(np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])).round(6).tolist()
    [0.4, 0.4, 0.2]
    """
    m, n = values.shape
    if n > MAX_EXACT_CRITERIA:
        raise RequestError(
            f"exact first-rank acceptability: expected at most {MAX_EXACT_CRITERIA} criteria, got {n}; "
            "use smaa() (Monte Carlo) instead"
        )
    if n == 1:
        return np.asarray(values[:, 0] >= values[:, 0].max(), dtype=np.float64)
    out = np.zeros(m)
    for a in range(m):
        diff = values[a] - values  # (m, n): row b is v_a - v_b
        # (v_a - v_b) . w >= 0 with w_n = 1 - sum(x):  (d_{:n-1} - d_n) . x + d_n >= 0
        normals = diff[:, :-1] - diff[:, -1:]
        offsets = diff[:, -1]
        out[a] = _interval_length(normals[:, 0], offsets) if n == 2 else _polytope_volume(normals, offsets)
    return out


def _interval_length(slopes: FloatArray, offsets: FloatArray) -> float:
    """Length of ``{t in [0, 1] : slope * t + offset >= 0 for every pair}``."""
    low, high = 0.0, 1.0
    for slope, offset in zip(slopes.tolist(), offsets.tolist(), strict=True):
        if slope > 0:
            low = max(low, -offset / slope)
        elif slope < 0:
            high = min(high, -offset / slope)
        elif offset < 0:
            return 0.0
    return max(0.0, high - low)


def _polytope_volume(normals: FloatArray, offsets: FloatArray) -> float:
    """Volume of ``{x >= 0, sum x <= 1, normals @ x + offsets >= 0}`` over that of the simplex."""
    from scipy.optimize import linprog  # type: ignore[import-untyped,unused-ignore]
    from scipy.spatial import ConvexHull, HalfspaceIntersection, QhullError  # type: ignore[import-untyped,unused-ignore]

    dim = normals.shape[1]
    flat = np.all(np.abs(normals) <= 1e-15, axis=1)
    if np.any(flat & (offsets < 0)):
        return 0.0
    normals, offsets = normals[~flat], offsets[~flat]
    # as A x + b <= 0, the form HalfspaceIntersection takes
    a = np.vstack([-normals, -np.eye(dim), np.ones((1, dim))])
    b = np.concatenate([-offsets, np.zeros(dim), [-1.0]])
    norms = np.linalg.norm(a, axis=1)
    cost = np.zeros(dim + 1)
    cost[-1] = -1.0  # maximise the radius r of a ball inside: A x + r |A| <= -b
    lp = linprog(cost, A_ub=np.column_stack([a, norms]), b_ub=-b, bounds=[(None, None)] * dim + [(0, None)])
    if lp.status != 0 or lp.x[-1] < 1e-9:
        return 0.0
    try:
        corners = HalfspaceIntersection(np.column_stack([a, b]), lp.x[:-1]).intersections
        volume = float(ConvexHull(corners).volume)
    except QhullError:  # pragma: no cover - guarded by the radius test
        return 0.0
    return volume * math.factorial(dim)


def exact_first_rank_acceptability(problem: DecisionProblem) -> FloatArray:
    """First-rank acceptability under uniform weights, exactly, for a problem of point scores.

    Every cell must be a point (``problem.ranges`` with low == high); at most
    :data:`MAX_EXACT_CRITERIA` criteria. See :func:`first_rank_volumes` for the method.

    >>> import model
    >>> problem = model.DecisionProblem.from_matrix([[1, 0], [0, 1], [0.6, 0.6]], alternatives=["A", "B", "C"],
    ...     criteria=["c1", "c2"], weights=[1, 1])
    >>> exact_first_rank_acceptability(problem).round(6).tolist()
    [0.4, 0.4, 0.2]
    """
    _require_additive(problem)
    low, high = problem.ranges
    ranged = [
        (a, c)
        for i, a in enumerate(problem.alternative_names)
        for j, c in enumerate(problem.criterion_ids)
        if low[i, j] != high[i, j]
    ]
    if ranged:
        cells = ", ".join(f"{a}.{c}" for a, c in ranged[:3]) + (", ..." if len(ranged) > 3 else "")
        raise RequestError(
            f"exact first-rank acceptability needs point scores, got {len(ranged)} cell(s) with a range ({cells}); "
            "use smaa() for uncertain scores"
        )
    values = scale_normalize(np.array(low), problem.scale_min, problem.scale_max, problem.is_benefit)
    return first_rank_volumes(values)


# ----- decision drivers ------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
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
    plan: _Plan, weights: FloatArray, values: FloatArray | None, buffers: Buffers
) -> tuple[FloatArray, FloatArray | None]:
    """Scores ``(m, N)`` and values ``(m, n, N)`` whatever the plan's layout (views where possible)."""
    scores = plan.scores(weights, values, buffers)
    if plan.small:
        return scores, values
    return scores.T, None if values is None else values.transpose(1, 2, 0)


def _driver_counts(
    plan: _Plan,
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
    plan = _plan(problem, samples=samples, seed=seed, weights=weights, vary_scores=True)
    threads = _workers(workers)
    chunks = plan.chunks()
    m = plan.m

    buffers = _Scratch()

    def draws(index: int, size: int) -> tuple[FloatArray, FloatArray | None]:
        weight_rng, score_rng = plan.rngs(index)
        return plan.weight_block(weight_rng, size, buffers), plan.score_block(score_rng, size, buffers)

    def firsts(index: int, start: int, size: int) -> IntArray:
        scores, _ = _by_alternative(plan, *draws(index, size), buffers)
        return np.asarray(np.count_nonzero(scores >= scores.max(axis=0), axis=1), dtype=np.int64)

    first = np.zeros(m, dtype=np.int64)
    for (_, start, size), counts in zip(chunks, _run(firsts, chunks, threads), strict=True):
        first += counts
        if progress is not None:
            progress(start + size, 2 * samples)
    winner = int(np.argmax(first))

    bounds = (problem.scale_min, problem.scale_max, problem.is_benefit)
    low, high = problem.ranges
    shift = plan.low - _normalized_ranges(problem, True)[0]  # the plan's shift of each criterion
    ends = (scale_normalize(np.array(low), *bounds) + shift, scale_normalize(np.array(high), *bounds) + shift)
    cells = plan.uncertain
    hits = np.zeros((cells.size, 2), dtype=np.int64)
    if cells.size:

        def fixed(index: int, start: int, size: int) -> IntArray:
            weights_block, values = draws(index, size)
            assert values is not None
            return _driver_counts(plan, winner, ends, weights_block, values, buffers)

        for (_, start, size), counts in zip(chunks, _run(fixed, chunks, threads), strict=True):
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
    _read_only(result.low, result.high, result.first_if_low, result.first_if_high)
    return result
