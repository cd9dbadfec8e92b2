"""PROMETHEE I and II outranking flows as array kernels (Brans & Vincke 1985; Brans & Mareschal 2005).

For each criterion ``j`` and each ordered pair of alternatives, the difference
``d_j(a, b) = g_j(a) - g_j(b)`` (``g_j(b) - g_j(a)`` on a cost criterion, so a positive
difference always favours ``a``) goes through the criterion's preference function
``P_j(d)`` in ``[0, 1]``; the weights (summing to 1) aggregate them into the preference index
``pi(a, b) = sum_j w_j P_j(d_j(a, b))``, and the flows are, for ``m`` alternatives::

    phi+(a) = 1/(m-1) sum_b pi(a, b)      (leaving flow: how a outranks the others)
    phi-(a) = 1/(m-1) sum_b pi(b, a)      (entering flow: how the others outrank a)
    phi(a)  = phi+(a) - phi-(a)           (net flow; sums to 0 over the alternatives)

PROMETHEE II ranks on ``phi`` (higher is better); PROMETHEE I keeps the two flows apart and
yields a partial order (:func:`partial_order`). With ``m = 1`` there is no other alternative
to compare with: every flow is 0 (the ``1/(m-1)`` mean over no pair is taken as 0).

Two conventions are in print, chosen by the kernels' option ``flows`` (:data:`FLOW_CONVENTIONS`):
``"normalized"`` (the default, above: the mean over the other ``m - 1`` alternatives, as in
Brans & Mareschal 2005, so flows lie in [0, 1] and net flows in [-1, 1] whatever ``m``) and
``"unnormalized"`` (the sums over ``b`` themselves, as first defined by Brans & Vincke 1985
and Brans, Vincke & Mareschal 1986: flows in [0, m - 1]). They differ by the positive factor
``m - 1`` only, so the PROMETHEE I relations and the PROMETHEE II ranking are the same; the
printed flows are not.

The six preference functions (Brans & Vincke 1985; Brans & Mareschal 2005), with ``d`` the
oriented difference and thresholds in the criterion's own scale units::

    usual     (I)    0 if d <= 0;  1 if d > 0
    u_shape   (II)   0 if d <= q;  1 if d > q                                       needs q
    v_shape   (III)  0 if d <= 0;  d / p if 0 < d <= p;  1 if d > p                 needs p
    level     (IV)   0 if d <= q;  1/2 if q < d <= p;  1 if d > p                   needs q, p
    linear    (V)    0 if d <= q;  (d - q) / (p - q) if q < d <= p;  1 if d > p     needs q, p
    gaussian  (VI)   0 if d <= 0;  1 - exp(-d**2 / (2 s**2)) if d > 0               needs s

``q >= 0`` is the indifference threshold, ``p`` the preference threshold (``p > q``; for
``v_shape`` ``p > 0``), ``s > 0`` the Gaussian inflexion point. A function gets exactly the
thresholds it uses: a missing one and an unused one are both refused (a threshold given to a
function that ignores it is a misconfiguration, not something to drop silently).

Computing the flows without the ``m x m`` matrix
------------------------------------------------
The pairwise definition costs ``m**2 n`` (5e9 evaluations for 10,000 × 50). The flows only
need, per criterion, ``S+(a) = sum_b P(d(a, b))`` and ``S-(a) = sum_b P(d(b, a))``; for the
piecewise-linear types I–V these are exact sums over threshold bands of the sorted values:
with the distinct values ``u_0 < … < u_{k-1}`` of the oriented column, their multiplicities,
and prefix counts ``N`` and prefix sums ``M``, each band ``{b : lo < d(a, b) <= hi}`` is a
contiguous index range found by binary search, and

* ``usual``, ``u_shape``, ``level`` contribute counts (``1``, or ``1/2`` inside ``(q, p]``);
* ``v_shape`` and ``linear`` contribute ``#{d > p}`` plus, over the band ``(q, p]``,
  ``(count · (u_a - q) - sum of u_b) / (p - q)`` (``q = 0`` for ``v_shape``).

That is ``O(n m log m)``, the approach of Calders & Van Assche (2018). Band edges are
decided with the same floating-point differences ``u_a - u_b`` as the definition (a
searchsorted guess, then corrected where rounding could disagree), so the step functions
give exactly the pairwise counts, ties and constant criteria included; the linear parts
agree to rounding (relative error of order ``m · range/p · 1e-16``).

The Gaussian is not piecewise linear. Its sums are evaluated pairwise over the sorted distinct
values, each unordered pair once, in blocks of at most :data:`CHUNK_ELEMENTS` differences (or
one row, if longer: bounded memory), and only out to ``d = GAUSSIAN_REACH · s``: beyond that
``P(d)`` is exactly ``1.0`` in double precision (``exp(-50) < 2**-54``) and is counted
instead. Its cost is still ``O(m**2)`` per criterion when the values spread over less than
``10 s`` (``benchmarks/bench_promethee.py`` reports it: seconds, not milliseconds, at
10,000 × 50).
Criteria run on a thread pool for large problems; each criterion is computed the same way
whatever the number of threads.

The ``m x m`` matrices (:func:`preference_matrix`, the PROMETHEE I relations) are ``m**2`` by
nature: :func:`promethee_ii` puts them in its details only for ``m <= PAIRWISE_LIMIT``.

References
----------
Brans, J.-P. & Vincke, Ph. (1985). A preference ranking organisation method: the PROMETHEE
method for multiple criteria decision-making. *Management Science* 31(6), 647-656.
Brans, J.-P., Vincke, Ph. & Mareschal, B. (1986). How to select and how to rank projects: the
PROMETHEE method. *European Journal of Operational Research* 24(2), 228-238.
Brans, J.-P. & Mareschal, B. (2005). PROMETHEE methods. In Figueira, J., Greco, S. &
Ehrgott, M. (eds), *Multiple Criteria Decision Analysis: State of the Art Surveys*, ch. 5. Springer.
Calders, T. & Van Assche, D. (2018). PROMETHEE is not quadratic: an O(qn log(n)) algorithm.
*Omega*.

>>> result = promethee_ii(np.array([[4.0, 3.0, 2.0], [3.0, 2.0, 4.0], [5.0, 1.0, 3.0]]),
...     np.array([0.5, 0.3, 0.2]), scale_min=np.zeros(3), scale_max=np.full(3, 5.0),
...     is_benefit=np.ones(3, dtype=bool))
>>> result.scores.round(12).tolist()
[0.1, -0.3, 0.2]
>>> result.details["phi_plus"].round(12).tolist(), result.details["phi_minus"].round(12).tolist()
([0.55, 0.35, 0.6], [0.45, 0.65, 0.4])

The preference functions themselves are in :mod:`.preference`.

May import numpy, :mod:`model.errors` and the other modules of :mod:`model.methods`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model.methods.contract import MethodResult
from model.methods.inputs import MethodInputError
from model.methods.preference import (
    BoolArray,
    FloatArray,
    IndexArray,
    PreferenceFunction,
    criteria_parameters,
    gaussian_preference,
)

FLOW_TOLERANCE = 1e-12
"""Two flows closer than this are equal in the PROMETHEE I relations (normalised flows lie in
[0, 1]; unnormalised ones, ``m - 1`` times larger, are compared within ``(m - 1)`` times this)."""


FLOW_CONVENTIONS: tuple[str, ...] = ("normalized", "unnormalized")
"""Values of the kernels' ``flows`` option: divide the sums over the other alternatives by
``m - 1`` (Brans & Mareschal 2005; the default) or not (Brans & Vincke 1985)."""


PAIRWISE_LIMIT = 2000
"""Largest ``m`` for which :func:`promethee_ii` puts the ``m x m`` matrices in its details."""


PAIRWISE_OMITTED = "pairwise_omitted"
"""Details key present (holding ``PAIRWISE_LIMIT``) when the ``m x m`` matrices were left out."""


GAUSSIAN_REACH = 10.0
"""Beyond ``d = GAUSSIAN_REACH · s`` the Gaussian preference is exactly 1.0 in double precision."""


CHUNK_ELEMENTS = 1 << 17
"""Pairwise differences held at once by a block of the Gaussian sums (1 MB of float64: in cache)."""


_THREADS_FROM = 2048
"""Criteria run on a thread pool from this many alternatives on (the ``m x m`` matrix from a
quarter of it); below, starting threads costs more than it saves."""


_BLOCK_ELEMENTS = 1 << 17
"""Differences per row block of :func:`preference_matrix` (1 MB: the block stays in cache)."""


_T = TypeVar("_T")


_R = TypeVar("_R")


class OutrankingFlows(NamedTuple):
    """Leaving, entering and net flows (``m``) and each criterion's net flow ``phi_j`` (``m x n``).

    ``phi = sum_j w_j phi_j``, with ``phi_j(a) = 1/(m-1) sum_b [P_j(d_j(a, b)) - P_j(d_j(b, a))]``
    (without the ``1/(m-1)`` for ``flows="unnormalized"``).
    """

    phi_plus: FloatArray
    phi_minus: FloatArray
    phi_net: FloatArray
    criterion_net_flows: FloatArray


def flow_scale(flows: object, m: int) -> float:
    """The factor applied to the sums over the other alternatives: ``1/(m-1)`` for
    ``"normalized"`` (0 when ``m = 1``, where every sum is 0 anyway), 1 for ``"unnormalized"``.

    >>> flow_scale("normalized", 5), flow_scale("unnormalized", 5)
    (0.25, 1.0)
    """
    if not isinstance(flows, str) or flows not in FLOW_CONVENTIONS:
        raise MethodInputError(
            f"PROMETHEE option flows must be one of {', '.join(map(repr, FLOW_CONVENTIONS))}; got {flows!r}"
        )
    if flows == "unnormalized":
        return 1.0
    return 1.0 / (m - 1) if m > 1 else 0.0


def flow_tolerance(flows: str, m: int) -> float:
    """:data:`FLOW_TOLERANCE` on the scale of the flows: ``(m - 1)`` times it for unnormalised flows,
    so that both conventions give the same PROMETHEE I relations."""
    return FLOW_TOLERANCE * max(m - 1, 1) if flows == "unnormalized" else FLOW_TOLERANCE


def _oriented(matrix: ArrayLike, weights: ArrayLike, is_benefit: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Checked inputs: the benefit-oriented matrix (cost columns negated, which is exact) and weights."""
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"matrix: expected a 2-D array of alternatives × criteria, got shape {values.shape}")
    n = values.shape[1]
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (n,):
        raise ValueError(f"weights: expected one weight per criterion ({n}), got shape {w.shape}")
    if not np.all(np.isfinite(w)) or np.any(w < 0) or abs(float(w.sum()) - 1.0) > 1e-9:
        raise ValueError(f"weights: expected finite weights >= 0 that sum to 1, got {w.tolist()} (sum {w.sum():.12g})")
    benefit = np.asarray(is_benefit, dtype=bool)
    if benefit.shape != (n,):
        raise ValueError(f"is_benefit: expected one direction per criterion ({n}), got shape {benefit.shape}")
    bad = ~np.isfinite(values)
    if bad.any():
        a, j = (int(i) for i in np.argwhere(bad)[0])
        raise ValueError(f"criterion #{j}: expected finite scores, got {values[a, j]} for alternative #{a}")
    return np.where(benefit, values, -values), w


def _below(u: FloatArray, t: float) -> IndexArray:
    """For each ``u_i``: ``#{j : u_i - u_j > t}`` (a prefix of the increasing ``u``), exactly."""
    k = u.size
    index = np.searchsorted(u, u - t, side="left").astype(np.intp)
    while True:  # rounding of ``u - t`` can misplace the edge by a few values; the test is the definition
        before = u - u[np.maximum(index - 1, 0)]
        back = (index > 0) & ~(before > t)
        after = u - u[np.minimum(index, k - 1)]
        ahead = (index < k) & (after > t)
        if not (back.any() or ahead.any()):
            return index
        index += ahead.astype(np.intp) - back.astype(np.intp)


def _above(u: FloatArray, t: float) -> IndexArray:
    """For each ``u_i``: the first ``j`` with ``u_j - u_i > t`` (``k`` if none), exactly."""
    k = u.size
    index = np.searchsorted(u, u + t, side="right").astype(np.intp)
    while True:
        before = u[np.maximum(index - 1, 0)] - u
        back = (index > 0) & (before > t)
        after = u[np.minimum(index, k - 1)] - u
        ahead = (index < k) & ~(after > t)
        if not (back.any() or ahead.any()):
            return index
        index += ahead.astype(np.intp) - back.astype(np.intp)


def _gaussian_sums(
    u: FloatArray, counts: FloatArray, before: FloatArray, m: int, s: float
) -> tuple[FloatArray, FloatArray]:
    """``S+`` and ``S-`` of the distinct values for the Gaussian, in blocks of pairs ``i < j``."""
    k = u.size
    plus = np.zeros(k)
    minus = np.zeros(k)
    beyond = np.zeros(k + 1)  # block row counts added to every column past the block's reach
    reach = _above(u, GAUSSIAN_REACH * s)  # from reach[i] on, u_j - u_i > 10 s: P is exactly 1.0
    buffer = np.empty(min(CHUNK_ELEMENTS, k * k))
    start = 0
    while start < k:
        rows = max(1, CHUNK_ELEMENTS // max(1, int(reach[start]) - start))
        while rows > 1 and rows * (int(reach[min(k, start + rows) - 1]) - start) > CHUNK_ELEMENTS:
            rows //= 2
        stop = min(k, start + rows)
        end = int(reach[stop - 1])  # columns start+1 .. end-1 are evaluated, all later ones count 1
        block = counts[start:stop]
        minus[start:stop] = m - before[end]
        beyond[end] += block.sum()
        if end > start + 1:
            shape = (stop - start, end - start - 1)
            size = shape[0] * shape[1]
            diff = buffer[:size].reshape(shape) if size <= buffer.size else np.empty(shape)
            np.subtract(u[None, start + 1 : end], u[start:stop, None], out=diff)  # d(b, a): a row, b column
            loss = gaussian_preference(diff, s, out=diff, negated=True)  # -P(d)
            width = min(shape)
            # columns j <= i of the leading square are not pairs i < j
            loss[:, :width][np.tri(shape[0], width, k=-1, dtype=bool)] = 0.0
            minus[start:stop] -= loss @ counts[start + 1 : end]
            plus[start + 1 : end] -= block @ loss
        start = stop
    plus += np.cumsum(beyond)[:k]
    return plus, minus


def _criterion_sums(y: FloatArray, criterion: PreferenceFunction) -> tuple[FloatArray, FloatArray]:
    """``S+(a) = sum_b P(y_a - y_b)`` and ``S-(a) = sum_b P(y_b - y_a)`` for one oriented column."""
    with np.errstate(over="ignore"):  # differences of values near +-1e308 overflow, as in the definition
        return _sums_of_distinct(y, criterion)


def _sums_of_distinct(y: FloatArray, criterion: PreferenceFunction) -> tuple[FloatArray, FloatArray]:
    m = y.size
    if m == 0:
        return np.zeros(0), np.zeros(0)
    order = np.argsort(y, kind="stable")
    z = y[order]
    new = np.empty(m, dtype=bool)
    new[0] = True
    np.not_equal(z[1:], z[:-1], out=new[1:])
    u = z[new]  # distinct values, increasing
    k = u.size
    inverse = np.empty(m, dtype=np.intp)
    inverse[order] = np.cumsum(new) - 1
    before = np.append(np.flatnonzero(new), m).astype(np.float64)  # before[i]: alternatives below u_i
    counts = np.diff(before)
    function, q, p = criterion.function, criterion.q or 0.0, criterion.p or 0.0
    here = np.arange(k)
    if function == "usual":
        plus, minus = before[:k], m - before[1:]
    elif function == "u_shape":
        plus, minus = before[_below(u, q)], m - before[_above(u, q)]
    elif function == "level":
        plus = 0.5 * (before[_below(u, q)] + before[_below(u, p)])
        minus = 0.5 * ((m - before[_above(u, q)]) + (m - before[_above(u, p)]))
    elif function in ("v_shape", "linear"):
        exponent = math.frexp(max(abs(float(u[0])), abs(float(u[-1])), p))[1]
        if exponent > 500:  # prefix sums of values near 1e308 would overflow: scale by a power of two
            factor = math.ldexp(1.0, 500 - exponent)  # exact, so every difference and comparison keeps
            u, q, p = u * factor, q * factor, p * factor
        centred = u - u[k // 2]  # prefix sums of centred values lose less to cancellation
        sums = np.append(0.0, np.cumsum(counts * centred))
        far_below, far_above = _below(u, p), _above(u, p)
        near_below = here if function == "v_shape" else _below(u, q)  # band (q, p] below u_i: [far, near)
        near_above = here + 1 if function == "v_shape" else _above(u, q)  # and above: [near, far)
        span = p - q
        n_below = before[near_below] - before[far_below]
        n_above = before[far_above] - before[near_above]
        plus = before[far_below] + (n_below * (centred - q) - (sums[near_below] - sums[far_below])) / span
        minus = (m - before[far_above]) + ((sums[far_above] - sums[near_above]) - n_above * (centred + q)) / span
    else:
        plus, minus = _gaussian_sums(u, counts, before, m, criterion.s or 0.0)
    return plus[inverse], minus[inverse]


def _map(task: Callable[[_T], _R], items: Sequence[_T], *, threaded: bool) -> list[_R]:
    """``[task(item) for item in items]``, on a thread pool when ``threaded`` and cores allow
    (numpy releases the GIL in the big array operations; results come back in order)."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    workers = min(len(items), len(usable) if usable else os.cpu_count() or 1) if threaded else 1
    if workers <= 1:
        return [task(item) for item in items]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="promethee") as pool:
        return list(pool.map(task, items))


def outranking_flows(
    matrix: ArrayLike,
    weights: ArrayLike,
    *,
    is_benefit: ArrayLike,
    functions: Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
    flows: str = "normalized",
) -> OutrankingFlows:
    """PROMETHEE flows in ``O(n m log m)`` for types I–V (Gaussian: blocked pairwise), no ``m x m`` matrix.

    ``phi+(a) = 1/(m-1) sum_j w_j S+_j(a)`` and ``phi-(a) = 1/(m-1) sum_j w_j S-_j(a)``, with
    ``S+_j(a) = sum_b P_j(d_j(a, b))`` and ``S-_j(a) = sum_b P_j(d_j(b, a))`` from sorted values
    and prefix sums (see the module notes); ``flows="unnormalized"`` leaves out the ``1/(m-1)``.
    ``m = 1``: all flows 0. Arguments as in :func:`promethee_ii`.

    >>> flows = outranking_flows([[1.0], [2.0], [4.0]], [1.0], is_benefit=[True], functions=["v_shape"], p=[2.0])
    >>> flows.phi_plus.tolist(), flows.phi_minus.tolist()
    ([0.0, 0.25, 1.0], [0.75, 0.5, 0.0])
    >>> outranking_flows([[1.0], [2.0], [4.0]], [1.0], is_benefit=[True], functions=["v_shape"], p=[2.0],
    ...     flows="unnormalized").phi_plus.tolist()
    [0.0, 0.5, 2.0]
    """
    y, w = _oriented(matrix, weights, is_benefit)
    m, n = y.shape
    scale = flow_scale(flows, m)
    criteria = criteria_parameters(n, functions, q, p, s)
    columns = [np.ascontiguousarray(y[:, j]) for j in range(n)]

    def task(j: int) -> tuple[FloatArray, FloatArray]:
        return _criterion_sums(columns[j], criteria[j])

    sums = _map(task, range(n), threaded=m >= _THREADS_FROM)
    plus_by = np.column_stack([plus for plus, _ in sums]) if n else np.zeros((m, 0))
    minus_by = np.column_stack([minus for _, minus in sums]) if n else np.zeros((m, 0))
    phi_plus = (plus_by @ w) * scale
    phi_minus = (minus_by @ w) * scale
    return OutrankingFlows(phi_plus, phi_minus, phi_plus - phi_minus, (plus_by - minus_by) * scale)


def preference_matrix(
    matrix: ArrayLike,
    weights: ArrayLike,
    *,
    is_benefit: ArrayLike,
    functions: Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
) -> FloatArray:
    """The aggregated preference index ``pi(a, b) = sum_j w_j P_j(d_j(a, b))``, ``m x m``, pairwise.

    ``O(m**2 n)`` time and ``m**2`` memory: for modest ``m`` (rows sum to ``(m-1) phi+``,
    columns to ``(m-1) phi-``). ``pi(a, a) = 0``. Arguments as in :func:`promethee_ii`.

    >>> preference_matrix([[1.0, 5.0], [3.0, 4.0]], [0.5, 0.5], is_benefit=[True, False]).tolist()
    [[0.0, 0.0], [1.0, 0.0]]
    """
    y, w = _oriented(matrix, weights, is_benefit)
    m, n = y.shape
    criteria = criteria_parameters(n, functions, q, p, s)
    index = np.zeros((m, m))
    # row blocks small enough for the cache, every criterion applied to a block before the next
    rows = max(1, _BLOCK_ELEMENTS // max(1, m))
    blocks = [(start, min(m, start + rows)) for start in range(0, m, rows)]

    def fill(block: tuple[int, int]) -> None:
        start, stop = block
        part = index[start:stop]
        diff = np.empty(part.shape)
        masks = (np.empty(part.shape, dtype=bool), np.empty(part.shape, dtype=bool))
        with np.errstate(over="ignore"):  # as in _criterion_sums
            for j, criterion in enumerate(criteria):
                if w[j] > 0:
                    np.subtract(y[start:stop, j, None], y[None, :, j], out=diff)
                    _add_preference(part, diff, masks, criterion, float(w[j]))

    _map(fill, blocks, threaded=m >= _THREADS_FROM // 4)
    return index


def _add_preference(
    index: FloatArray,
    diff: FloatArray,
    masks: tuple[BoolArray, BoolArray],
    criterion: PreferenceFunction,
    weight: float,
) -> None:
    """``index += weight * P(diff)`` in place (``diff`` is overwritten), with the values of
    :func:`preference_degree`: the step functions compare the same differences, and ``clip``
    meets the ``d <= q`` and ``d > p`` branches of the linear ones exactly."""
    function, q, p = criterion.function, criterion.q or 0.0, criterion.p or 0.0
    over_q, over_p = masks
    if function in ("usual", "u_shape", "level"):
        np.greater(diff, q, out=over_q)
        if function == "level":
            np.greater(diff, p, out=over_p)
            np.multiply(over_p, weight / 2, out=diff)
            np.add(index, diff, out=index)
        np.multiply(over_q, weight / 2 if function == "level" else weight, out=diff)
    elif function == "gaussian":
        np.greater(diff, 0.0, out=over_q)
        gaussian_preference(diff, criterion.s or 0.0, out=diff)
        np.multiply(diff, over_q, out=diff)
        np.multiply(diff, weight, out=diff)
    else:  # v_shape (q = 0) and linear: (d - q) / (p - q) clipped to [0, 1]
        np.subtract(diff, q, out=diff)
        np.divide(diff, p - q, out=diff)
        np.clip(diff, 0.0, 1.0, out=diff)
        np.multiply(diff, weight, out=diff)
    np.add(index, diff, out=index)


@dataclass(frozen=True, eq=False)
class PartialOrder:
    """The PROMETHEE I partial order from the leaving and entering flows (Brans & Vincke 1985).

    With ``=`` meaning a difference of at most ``tolerance`` (:data:`FLOW_TOLERANCE`)::

        a P b  (outranks)      phi+(a) >= phi+(b) and phi-(a) <= phi-(b), not both equal
        a I b  (indifferent)   phi+(a) = phi+(b) and phi-(a) = phi-(b)
        a R b  (incomparable)  phi+(a) > phi+(b) and phi-(a) > phi-(b), or both <

    For every pair exactly one of ``a P b``, ``b P a``, ``a I b``, ``a R b`` holds (``a I a``).
    The ``m x m`` boolean matrices are built on first access (they are ``m**2``).

    >>> order = partial_order(np.array([0.5, 0.4, 0.6]), np.array([0.2, 0.3, 0.3]))
    >>> order.outranks.astype(int).tolist()
    [[0, 1, 0], [0, 0, 0], [0, 1, 0]]
    >>> order.incomparable.astype(int).tolist()
    [[0, 0, 1], [0, 0, 0], [1, 0, 0]]
    """

    phi_plus: FloatArray
    phi_minus: FloatArray
    tolerance: float = FLOW_TOLERANCE

    def _compare(self, flow: FloatArray) -> tuple[BoolArray, BoolArray]:
        diff = np.subtract.outer(flow, flow)  # exactly antisymmetric: fl(x - y) = -fl(y - x)
        return diff > self.tolerance, np.abs(diff) <= self.tolerance

    @cached_property
    def _grid(self) -> tuple[BoolArray, BoolArray, BoolArray, BoolArray]:
        plus_more, plus_equal = self._compare(self.phi_plus)
        minus_more, minus_equal = self._compare(self.phi_minus)
        return plus_more, plus_equal, minus_more, minus_equal

    @cached_property
    def outranks(self) -> BoolArray:
        """``outranks[a, b]``: ``a P b`` (``P^I``)."""
        plus_more, plus_equal, minus_more, minus_equal = self._grid
        minus_less = ~minus_more & ~minus_equal
        return (plus_more | plus_equal) & (minus_less | minus_equal) & ~(plus_equal & minus_equal)

    @cached_property
    def indifferent(self) -> BoolArray:
        """``indifferent[a, b]``: ``a I b`` (``I^I``); symmetric, true on the diagonal."""
        _, plus_equal, _, minus_equal = self._grid
        return plus_equal & minus_equal

    @cached_property
    def incomparable(self) -> BoolArray:
        """``incomparable[a, b]``: ``a R b`` (``R^I``); symmetric."""
        plus_more, plus_equal, minus_more, minus_equal = self._grid
        plus_less = ~plus_more & ~plus_equal
        minus_less = ~minus_more & ~minus_equal
        return (plus_more & minus_more) | (plus_less & minus_less)


def partial_order(phi_plus: ArrayLike, phi_minus: ArrayLike, *, tolerance: float = FLOW_TOLERANCE) -> PartialOrder:
    """The PROMETHEE I relations of flows ``phi+`` and ``phi-`` (see :class:`PartialOrder`)."""
    plus = np.array(phi_plus, dtype=np.float64)
    minus = np.array(phi_minus, dtype=np.float64)
    if plus.ndim != 1 or plus.shape != minus.shape:
        raise ValueError(f"flows: expected two 1-D arrays of one length, got shapes {plus.shape} and {minus.shape}")
    plus.flags.writeable = False
    minus.flags.writeable = False
    return PartialOrder(plus, minus, tolerance)


def promethee_ii(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
    functions: Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
    flows: str = "normalized",
) -> MethodResult:
    """PROMETHEE II: rank on the net flow ``phi(a) = phi+(a) - phi-(a)`` (higher is better).

    Assumes the difference between two scores matters only through each criterion's
    preference function (Brans & Vincke 1985).

    Parameters
    ----------
    matrix : ndarray, shape (m, n)
        Alternatives × criteria, on the criteria's declared scales (finite).
    weights : ndarray, shape (n,)
        Non-negative, summing to 1 (within 1e-9; never renormalised here).
    scale_min, scale_max : ndarray, shape (n,)
        The declared scales. Unused: PROMETHEE compares raw differences, and the thresholds
        are already in scale units. Accepted for the kernel contract of :mod:`model.methods`.
    is_benefit : ndarray of bool, shape (n,)
        False for a cost criterion, where ``d(a, b) = g(b) - g(a)``.
    functions : sequence of str, optional
        Each criterion's preference function (:data:`PREFERENCE_FUNCTIONS`); default ``usual``.
    q, p, s : array_like of float or None, optional
        Per-criterion thresholds in scale units, None or NaN where not given; each function
        gets exactly the thresholds it uses (:data:`THRESHOLDS_USED`).
    flows : {"normalized", "unnormalized"}, default "normalized"
        ``"normalized"``: each flow is the mean over the other ``m - 1`` alternatives (Brans &
        Mareschal 2005), in [0, 1]. ``"unnormalized"``: the sum over them (Brans & Vincke 1985;
        Brans, Vincke & Mareschal 1986), ``m - 1`` times larger. The ranking and the PROMETHEE I
        relations are the same either way; every flow in ``details`` follows the convention.

    Returns
    -------
    MethodResult
        ``scores`` the net flows; ``details``:

        * ``phi_plus``, ``phi_minus``, ``phi_net`` (``m``);
        * ``criterion_net_flows``: each criterion's net flow ``phi_j`` (``m x n``), and
          ``contributions`` ``w_j phi_j``, whose rows sum to the net flow;
        * for ``m <= PAIRWISE_LIMIT`` only: ``preference`` (``pi``, ``m x m``, the same in both
          conventions) and the PROMETHEE I relations ``outranks``, ``indifferent``,
          ``incomparable`` (``m x m`` booleans, equality within :data:`FLOW_TOLERANCE`, times
          ``m - 1`` for unnormalised flows); beyond, they are left out and ``pairwise_omitted``
          (a 0-d array holding the limit) says so.

    Raises
    ------
    PrometheeParameterError
        ``"criterion #j: expected …, got …"`` for a bad function or threshold (``j`` 0-based).
    MethodInputError
        ``flows`` not one of :data:`FLOW_CONVENTIONS`.
    ValueError
        Shapes, non-finite scores, or weights that are negative or do not sum to 1.

    Examples
    --------
    A cost criterion with a linear (type V) function, ``q = 1``, ``p = 3``: 2 beats 5 by
    ``d = 3`` (``P = 1``), 2 beats 4 by ``d = 2`` (``P = 1/2``), 4 beats 5 by ``d = 1`` (``P = 0``):

    >>> result = promethee_ii(np.array([[2.0], [4.0], [5.0]]), np.array([1.0]), scale_min=np.zeros(1),
    ...     scale_max=np.full(1, 10.0), is_benefit=np.array([False]), functions=["linear"], q=[1.0], p=[3.0])
    >>> result.scores.tolist()
    [0.75, -0.25, -0.5]
    >>> result.details["preference"].tolist()
    [[0.0, 0.5, 1.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]

    The same with the flows as sums over the other two alternatives (twice the above):

    >>> promethee_ii(np.array([[2.0], [4.0], [5.0]]), np.array([1.0]), scale_min=np.zeros(1),
    ...     scale_max=np.full(1, 10.0), is_benefit=np.array([False]), functions=["linear"], q=[1.0], p=[3.0],
    ...     flows="unnormalized").scores.tolist()
    [1.5, -0.5, -1.0]
    """
    del scale_min, scale_max  # see Parameters
    result = outranking_flows(matrix, weights, is_benefit=is_benefit, functions=functions, q=q, p=p, s=s, flows=flows)
    m = result.phi_net.size
    w = np.asarray(weights, dtype=np.float64)
    details: dict[str, NDArray[Any]] = {
        "phi_plus": result.phi_plus,
        "phi_minus": result.phi_minus,
        "phi_net": result.phi_net,
        "criterion_net_flows": result.criterion_net_flows,
        "contributions": result.criterion_net_flows * w,
    }
    if m <= PAIRWISE_LIMIT:
        details["preference"] = preference_matrix(
            matrix, weights, is_benefit=is_benefit, functions=functions, q=q, p=p, s=s
        )
        order = PartialOrder(result.phi_plus, result.phi_minus, flow_tolerance(flows, m))
        details["outranks"] = order.outranks
        details["indifferent"] = order.indifferent
        details["incomparable"] = order.incomparable
    else:
        details[PAIRWISE_OMITTED] = np.array(float(PAIRWISE_LIMIT))
    return MethodResult(result.phi_net.copy(), details)


def promethee_i(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
    functions: Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
    flows: str = "normalized",
) -> PartialOrder:
    """PROMETHEE I: the partial order of the leaving and entering flows (:class:`PartialOrder`).

    Same inputs as :func:`promethee_ii`, ``flows`` included (the relations do not depend on it,
    the flows kept in the result do). The flows are computed without any ``m x m`` matrix;
    the relations are built when first read, so they cost ``m**2`` only if asked for.

    >>> order = promethee_i(np.array([[1.0, 2.0], [2.0, 1.0], [0.0, 0.0]]), np.array([0.5, 0.5]),
    ...     scale_min=np.zeros(2), scale_max=np.full(2, 2.0), is_benefit=np.array([True, True]))
    >>> order.phi_plus.tolist(), order.phi_minus.tolist()
    ([0.75, 0.75, 0.0], [0.25, 0.25, 1.0])
    >>> bool(order.indifferent[0, 1]), bool(order.outranks[0, 2])
    (True, True)
    """
    del scale_min, scale_max
    result = outranking_flows(matrix, weights, is_benefit=is_benefit, functions=functions, q=q, p=p, s=s, flows=flows)
    return partial_order(result.phi_plus, result.phi_minus, tolerance=flow_tolerance(flows, result.phi_net.size))
