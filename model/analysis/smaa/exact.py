"""Exact first-rank acceptability under uniform weights, from polytope volumes.

For point scores, ``b_a^1`` is the volume of the part of the weight simplex where ``a`` is
best; computed with scipy's half-space intersection and convex hull (imported only here).
May import numpy, scipy, the core and :mod:`.plan`.
"""

from __future__ import annotations

import math

import numpy as np

from model.analysis.smaa.plan import require_additive
from model.analysis.smaa.samplers import FloatArray
from model.errors import RequestError
from model.methods.normalize import scale_normalize
from model.problem import DecisionProblem

MAX_EXACT_CRITERIA = 8
"""Largest number of criteria :func:`exact_first_rank_acceptability` accepts (volumes get slow beyond 7)."""


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
    require_additive(problem)
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
