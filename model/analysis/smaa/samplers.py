"""Weight samplers for SMAA and the per-thread scratch buffers the chunk kernels reuse.

Kernels on arrays only: uniform weights on the simplex, weights in a stated importance order
and weights around the analyst's, each exact (no normalised independent uniforms). May import
numpy only.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


IntArray = NDArray[np.int64]


Progress = Callable[[int, int], None]


WEIGHT_MODES: tuple[str, ...] = ("uniform", "ordinal", "around")
"""How :func:`smaa` draws weights: see :func:`uniform_weights`, :func:`ordinal_weights`, :func:`around_weights`."""


SUPPLIED = "supplied"
"""The weights mode recorded when the caller supplies the weight draws (``weight_samples``)."""


# ----- reusable buffers ------------------------------------------------------------------
class Scratch:
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


def fresh(name: str, shape: tuple[int, ...], dtype: type[np.generic] = np.float64) -> NDArray[Any]:
    """A stand-in for :class:`Scratch` that allocates (for one-off calls such as the public samplers)."""
    return np.empty(shape, dtype=dtype)


Buffers = Callable[..., NDArray[Any]]


# ----- weight samplers (kernels: arrays in, arrays out) -----------------------------------
def uniform_block(rng: np.random.Generator, out: FloatArray) -> FloatArray:
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


def ordinal_block(rng: np.random.Generator, order: Sequence[int], out: FloatArray, buffers: Buffers) -> FloatArray:
    """Exponentials into ``out`` with ``w[order[0]] >= w[order[1]] >= ...`` in every column.

    Sorting an exchangeable draw uniform on the simplex into the order maps the simplex onto the
    ordered region ``L!`` to 1, preserving volume, so the result is uniform on that region.
    """
    uniform_block(rng, out)
    if len(order) > 1:
        _sort_rows_descending(out, order, buffers)
    return out


def around_block(rng: np.random.Generator, center: FloatArray, spread: float, out: FloatArray) -> FloatArray:
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
    block = uniform_block(rng, np.empty((n, size)))
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
    block = ordinal_block(rng, list(order), np.empty((n, size)), fresh)
    return np.ascontiguousarray((block / block.sum(axis=0)).T)


def around_weights(rng: np.random.Generator, size: int, center: Sequence[float], spread: float) -> FloatArray:
    """``(size, n)`` weights uniform on the simplex within ``w_j in [c_j (1 - s), c_j (1 + s)]``.

    ``center`` must sum to 1 and ``0 <= spread < 1``; exact rejection sampling (see
    :func:`around_block` for the scheme and its acceptance rate).

    >>> w = around_weights(np.random.default_rng(0), 1000, [0.5, 0.3, 0.2], 0.2)
    >>> bool(np.all(np.abs(w - [0.5, 0.3, 0.2]) <= 0.2 * np.array([0.5, 0.3, 0.2]) + 1e-12))
    True
    """
    c = np.asarray(center, dtype=float)
    if c.ndim != 1 or np.any(c < 0) or not math.isclose(float(c.sum()), 1.0, abs_tol=1e-9):
        raise ValueError(f"center must be non-negative weights summing to 1, got {c.tolist()}")
    if not 0 <= spread < 1:
        raise ValueError(f"spread must be in [0, 1), got {spread}")
    return np.ascontiguousarray(around_block(rng, c, float(spread), np.empty((c.size, size))).T)
