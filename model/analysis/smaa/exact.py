"""Exact first-rank acceptability under uniform weights, from polytope volumes.

For point scores, ``b_a^1`` is the volume of the part of the weight simplex where ``a`` is
best. Each region's vertices come from scipy's half-space intersection (scipy is imported
only here) and its volume from a cone decomposition over its face lattice; a region that
cannot be measured is retried on a differently perturbed input, then refused, never counted
as 0. May import numpy, scipy, the core, :mod:`.plan` and :mod:`.samplers`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from model.analysis.smaa.plan import require_additive
from model.analysis.smaa.samplers import FloatArray
from model.errors import RequestError
from model.methods.normalize import scale_normalize
from model.problem import DecisionProblem

IndexArray = NDArray[np.intp]

MAX_EXACT_CRITERIA = 8
"""Largest number of criteria :func:`exact_first_rank_acceptability` accepts: a region's vertices
are enumerated before their number can be counted, and this is tested up to 7 free weights."""


EXACT_BUDGET = 10_000_000
"""Work :func:`first_rank_volumes` takes on before it refuses, in units of about 0.22 µs, so about
2 s (0.14-0.37 µs a unit measured on problems of 0.3-15 M units, on 2 cores of a shared machine).
With ``k`` distinct rows, ``f`` of them on the Pareto front (the rows nothing else matches or
beats everywhere, the only ones that can be first) and ``n`` criteria, the work is

* ``k**2 * n / 100`` for the dominance screen, counted before it runs;
* ``f * (REGION_COST + ROW_COST * f)`` for the regions' linear programmes and vertex
  enumerations (``f * ROW_COST * f`` with two criteria), counted before they run;
* ``vertices * 2**(n - 1)`` for each region's volume (its face lattice: every face is a subset
  of a vertex's ``n - 1`` facets), counted region by region once its vertices are known, before
  any volume is computed.

Fifty random alternatives on eight criteria need 1.7-3.3 M units (0.4-0.8 s); 600 on seven,
9.9 M (1.9 s); 250 on eight, 12 M (refused after 0.8 s; computing them takes 2.7 s)."""


_SECONDS_PER_UNIT = 0.22e-6


REGION_COST = 4_000
"""Units charged for each region's linear programme and vertex enumeration (about 0.9 ms)."""


ROW_COST = 40
"""Units charged for each constraint of each region (about 9 µs: the programme and the vertex
enumeration grow with the constraints, one per other row of the front)."""


SUM_TOLERANCE = 1e-6
"""Largest accepted ``|sum - 1|`` of the acceptabilities of the distinct rows (identical rows
share one region, so they are counted once)."""


MIN_RADIUS = 1e-9
"""A region whose largest inscribed ball has a smaller radius (in the ``n - 1`` free weights)
is flat or empty: its volume is below ``2 * MIN_RADIUS`` times its largest cross-section, and
counts as 0."""


_PERTURBATIONS = (1e-11, 1e-10, 1e-9, 1e-8)
"""Size of the offsets' perturbation, attempt by attempt. Moving every constraint by a tiny,
fixed pseudo-random amount puts the region in general position (every vertex on exactly
``n - 1`` facets), which the face lattice relies on; the volume moves by at most the
perturbation times the region's surface (about 1e-10 at the first size). On 1,500 random
problems on coarse grids (ties, collinear rows, many facets through a vertex) about one region
in twenty needed the second size, one in a thousand the third, none the fourth."""


_SLACK = 1e-9  # a vertex may violate a constraint by this much (unit normals) before it is rejected


_PROBES = 1024  # weight vectors tried as interior points before a linear programme is solved


_GUESS_SLACK = 1e-3  # how far inside every constraint a tried weight vector must be to serve


# ----- exact first-rank acceptability for point scores --------------------------------------
class _UnmeasurableError(Exception):
    """One attempt at a region failed; the next attempt perturbs differently."""


def first_rank_volumes(values: FloatArray) -> FloatArray:
    """Exact first-rank acceptability of each row of ``values`` under uniform weights.

    ``b_a^1 = vol{w in simplex : (v_a - v_b) . w >= 0 for all b} / vol(simplex)``, computed in
    the ``n - 1`` coordinates ``w_1 .. w_{n-1}`` (``w_n = 1 - sum``). A row that another matches
    or beats on every criterion has volume 0 and constrains no other. Each remaining region's
    offsets are perturbed by ``1e-11`` (fixed pseudo-random signs and sizes) so that every
    vertex lies on exactly ``n - 1`` facets; its interior point is a fixed probe weight vector at
    least ``1e-3`` inside every constraint, else the Chebyshev centre (a linear programme);
    :class:`scipy.spatial.HalfspaceIntersection` lists the vertices and the facets each lies on,
    which give the whole face lattice: the faces through a vertex are the subsets of its facets.
    The volume is then the cone decomposition

        ``vol_k(G) = (1/k) sum_{facets F of G} h(c_G, F) vol_{k-1}(F)``,

    with ``c_G`` the mean of the vertices of the face ``G`` and ``h`` its distance to the facet's
    hyperplane within ``G``'s affine hull (all terms are non-negative, so nothing cancels). No
    convex hull of the vertices is built: in 7 dimensions that was slow and failed on precision.

    A region whose inscribed ball is thinner than :data:`MIN_RADIUS`, or empty, has volume 0.
    A region that cannot be measured (a Qhull error, a vertex on too many facets, a vertex
    outside the region, a negative height, a failed programme) is retried with the larger
    perturbations of :data:`_PERTURBATIONS` and the Chebyshev centre, then refused with
    :class:`~model.errors.RequestError`: a geometry failure never becomes a number. Identical
    rows share their region, as tied alternatives share the first rank; the regions of the
    distinct rows must add up to 1 within :data:`SUM_TOLERANCE`, or the result is refused.
    Refused above :data:`MAX_EXACT_CRITERIA` criteria or :data:`EXACT_BUDGET` units of work,
    where :func:`~model.analysis.smaa.smaa` with ``vary_scores=False`` is the answer.

    >>> first_rank_volumes(np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])).round(6).tolist()
    [0.4, 0.4, 0.2]
    >>> first_rank_volumes(np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0], [0.5, 0.5, 0.5]])).round(9).tolist()
    [0.25, 0.25, 0.25, 0.25]
    """
    return _volumes(np.asarray(values, dtype=np.float64), [f"row {a}" for a in range(len(values))])


def _volumes(values: FloatArray, labels: list[str]) -> FloatArray:
    m, n = values.shape
    if n > MAX_EXACT_CRITERIA:
        raise RequestError(
            f"exact first-rank acceptability: expected at most {MAX_EXACT_CRITERIA} criteria, got {n}; "
            "use smaa() (Monte Carlo) instead"
        )
    if not np.all(np.isfinite(values)):
        raise RequestError("exact first-rank acceptability: expected finite values")
    if n == 1:
        return np.asarray(values[:, 0] >= values[:, 0].max(), dtype=np.float64)
    distinct, first, inverse = np.unique(values, axis=0, return_index=True, return_inverse=True)
    work = distinct.shape[0] ** 2 * n // 100
    if work > EXACT_BUDGET:
        raise _over_budget(m, n, work, "to screen the dominated alternatives")
    # A row that another matches or beats on every criterion is first only where the weights of
    # the criteria it loses on are all 0 (volume 0), and "a beats it" follows from "a beats the
    # other" (weights are >= 0): such rows get no region and constrain no other.
    front = np.flatnonzero(~_dominated(distinct))
    rivals = distinct[front]
    size = front.size
    work += size * (ROW_COST * size if n == 2 else REGION_COST + ROW_COST * size)
    if work > EXACT_BUDGET:
        raise _over_budget(m, n, work, f"for the regions of the {size:,} alternatives that can be first")
    volumes = np.zeros(distinct.shape[0])
    if n == 2:
        volumes[front] = [_interval_length(rivals, a) for a in range(size)]
    else:
        regions: list[_Region | None] = []
        guesses = _guesses(rivals)
        for a in range(size):
            region = _Region.enumerate(rivals, a, 0, labels[first[front[a]]], guesses[a])
            regions.append(region)
            work += 0 if region is None else region.faces
            if work > EXACT_BUDGET:
                raise _over_budget(m, n, work, f"already with the faces of {a + 1:,} of the {size:,} regions")
        volumes[front] = [0.0 if region is None else region.volume() for region in regions]
    total = float(volumes.sum())
    if not np.all(np.isfinite(volumes)) or abs(total - 1.0) > SUM_TOLERANCE:
        raise RequestError(
            f"exact first-rank acceptability: the regions add up to {total:.9f}, not 1 (tolerance "
            f"{SUM_TOLERANCE:g}), so the geometry is numerically unreliable; use smaa(problem, vary_scores=False) "
            "(Monte Carlo) instead"
        )
    return np.asarray(np.clip(volumes, 0.0, 1.0)[inverse.reshape(-1)], dtype=np.float64)


def _over_budget(m: int, n: int, work: int, stage: str) -> RequestError:
    return RequestError(
        f"exact first-rank acceptability of {m} alternatives x {n} criteria is above its complexity budget: "
        f"{work:,} units of work {stage}, more than EXACT_BUDGET = {EXACT_BUDGET:,} (about "
        f"{EXACT_BUDGET * _SECONDS_PER_UNIT:.0f} s); the Monte Carlo estimate smaa(problem, vary_scores=False) is "
        "the answer beyond it"
    )


def _dominated(values: FloatArray) -> NDArray[np.bool_]:
    """Rows that some other row matches or beats on every criterion and beats on one (rows are distinct)."""
    out = np.zeros(values.shape[0], dtype=bool)
    step = max(1, 2**22 // values.size)
    for start in range(0, values.shape[0], step):
        block = values[start : start + step, None, :]
        out[start : start + step] = np.all(values[None] >= block, axis=2).sum(axis=1) > 1  # itself, and another
    return out


def _interval_length(values: FloatArray, a: int) -> float:
    """Length of ``{t in [0, 1] : (v_a - v_b) . (t, 1 - t) >= 0 for every b}``."""
    diff = values[a] - values
    slope, offset = diff[:, 0] - diff[:, 1], diff[:, 1]
    if np.any((slope == 0) & (offset < 0)):
        return 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = -offset / slope
    low = max(0.0, float(cross[slope > 0].max(initial=0.0)))
    high = min(1.0, float(cross[slope < 0].min(initial=1.0)))
    return max(0.0, high - low)


def _halfspaces(values: FloatArray, a: int) -> tuple[FloatArray, FloatArray] | None:
    """``A x <= b`` (unit rows, parallel duplicates merged) of the region where row ``a`` is first; None if empty.

    ``(v_a - v_b) . w >= 0`` with ``w_n = 1 - sum(x)`` reads ``(d_{:n-1} - d_n) . x + d_n >= 0``.
    """
    dim = values.shape[1] - 1
    diff = values[a] - values
    normals = diff[:, :-1] - diff[:, -1:]
    offsets = diff[:, -1]
    flat = np.all(np.abs(normals) <= 1e-15, axis=1)  # the two rows differ by a constant
    if np.any(flat & (offsets < 0)):
        return None
    a_rows = np.vstack([-normals[~flat], -np.eye(dim), np.ones((1, dim))])
    b_rows = np.concatenate([offsets[~flat], np.zeros(dim), [1.0]])
    norms = np.linalg.norm(a_rows, axis=1)
    a_rows, b_rows = a_rows / norms[:, None], b_rows / norms
    # Parallel constraints with the same direction: the tightest one implies the others.
    _, keep, group = np.unique(np.round(a_rows, 12), axis=0, return_index=True, return_inverse=True)
    tightest = np.full(keep.size, np.inf)
    np.minimum.at(tightest, group.reshape(-1), b_rows)
    return a_rows[keep], tightest


@cache
def _probes(n: int) -> FloatArray:
    """Fixed weight vectors uniform on the simplex, where each region looks for an interior point."""
    probes = np.random.default_rng(n).standard_exponential((_PROBES, n))
    probes /= probes.sum(axis=1, keepdims=True)
    probes.flags.writeable = False
    return probes


def _guesses(rivals: FloatArray) -> list[FloatArray]:
    """For each row, the probes (``n - 1`` free weights) where it wins by the widest gaps, widest first."""
    probes = _probes(rivals.shape[1])
    scores = probes @ rivals.T
    winner = np.argmax(scores, axis=1)
    top = np.partition(scores, -2, axis=1)[:, -2:] if rivals.shape[0] > 1 else np.zeros((len(probes), 2))
    order = np.lexsort((-(top[:, 1] - top[:, 0]), winner))  # by winner, then widest gap first
    starts = np.searchsorted(winner[order], np.arange(rivals.shape[0] + 1))
    return [probes[order[starts[a] : min(starts[a + 1], starts[a] + 16)], :-1] for a in range(rivals.shape[0])]


def _interior(a_rows: FloatArray, b_rows: FloatArray, guesses: FloatArray | None) -> FloatArray | None:
    """A point well inside ``A x <= b``: a guess at least :data:`_GUESS_SLACK` inside every
    constraint, else the Chebyshev centre (a linear programme); None if the region is empty or
    thinner than :data:`MIN_RADIUS`."""
    from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped,unused-ignore]

    if guesses is not None and guesses.size:
        slack = (b_rows[:, None] - a_rows @ guesses.T).min(axis=0)
        best = int(np.argmax(slack))
        if slack[best] >= _GUESS_SLACK:
            return np.asarray(guesses[best], dtype=np.float64)
    rows, dim = a_rows.shape
    cost = np.zeros(dim + 1)
    cost[-1] = -1.0  # maximise the radius r of a ball inside: A x + r <= b (unit rows)
    inside = LinearConstraint(np.column_stack([a_rows, np.ones(rows)]), -np.inf, b_rows)
    free = Bounds(np.r_[np.full(dim, -np.inf), 0.0], np.full(dim + 1, np.inf))
    lp = milp(cost, constraints=inside, bounds=free)  # no integers: a linear programme, lighter than linprog
    if lp.status == 2:  # infeasible: the region is empty
        return None
    if lp.status != 0:
        raise _UnmeasurableError(f"linear programme: {lp.message}")
    return None if lp.x[-1] < MIN_RADIUS else np.asarray(lp.x[:-1], dtype=np.float64)


@dataclass(frozen=True, eq=False)
class _Region:
    """The vertices of one perturbed region and the facets each lies on."""

    source: FloatArray  # the distinct rows
    a: int
    attempt: int  # index into _PERTURBATIONS
    label: str
    a_rows: FloatArray
    b_rows: FloatArray
    tight: IndexArray  # (vertices, n - 1) the facets each vertex lies on, sorted
    vertices: FloatArray

    @property
    def faces(self) -> int:
        """Size of the face lattice: every subset of every vertex's facets."""
        return int(self.tight.shape[0]) << int(self.tight.shape[1])

    @classmethod
    def enumerate(
        cls, values: FloatArray, a: int, attempt: int, label: str, guesses: FloatArray | None = None
    ) -> _Region | None:
        """The region of row ``a`` at ``attempt`` or a later one; None when it is empty or flat."""
        reasons = []
        for k in range(attempt, len(_PERTURBATIONS)):
            try:
                return cls._attempt(values, a, k, label, guesses)
            except _UnmeasurableError as failure:
                reasons.append(str(failure))
        raise _unmeasurable(label, reasons)

    @classmethod
    def _attempt(
        cls, values: FloatArray, a: int, attempt: int, label: str, guesses: FloatArray | None
    ) -> _Region | None:
        from scipy.spatial import HalfspaceIntersection, QhullError  # type: ignore[import-untyped,unused-ignore]

        halfspaces = _halfspaces(values, a)
        if halfspaces is None:
            return None
        a_rows, b_rows = halfspaces
        rows, dim = a_rows.shape
        b_rows = b_rows + _PERTURBATIONS[attempt] * np.random.default_rng(attempt).uniform(-1.0, 1.0, rows)
        centre = _interior(a_rows, b_rows, guesses if attempt == 0 else None)
        if centre is None:
            return None
        try:
            hull = HalfspaceIntersection(np.column_stack([a_rows, -b_rows]), centre)
        except QhullError as error:
            raise _UnmeasurableError(f"qhull: {str(error).strip().splitlines()[0]}") from error
        facets = [list(f) for f in hull.dual_facets]
        if any(len(f) != dim for f in facets):
            raise _UnmeasurableError("a vertex lies on more than n - 1 facets")
        tight = np.sort(np.array(facets, dtype=np.intp).reshape(-1, dim), axis=1)
        try:
            with np.errstate(all="ignore"):
                vertices = np.asarray(np.linalg.solve(a_rows[tight], b_rows[tight][..., None])[..., 0], np.float64)
        except np.linalg.LinAlgError as error:
            raise _UnmeasurableError("a vertex's facets do not meet in one point") from error
        if not np.all(np.isfinite(vertices)) or float((a_rows @ vertices.T - b_rows[:, None]).max()) > _SLACK:
            raise _UnmeasurableError("a vertex lies outside the region")
        return cls(values, a, attempt, label, a_rows, b_rows, tight, vertices)

    def volume(self) -> float:
        """The region's share of the simplex; a failed measurement retries with the next perturbation."""
        region: _Region | None = self
        reasons = []
        while region is not None:
            try:
                return _lattice_volume(region.a_rows, region.b_rows, region.tight, region.vertices)
            except _UnmeasurableError as failure:
                reasons.append(str(failure))
            if region.attempt + 1 >= len(_PERTURBATIONS):
                raise _unmeasurable(self.label, reasons)
            region = _Region.enumerate(self.source, self.a, region.attempt + 1, self.label)
        return 0.0  # the linear programme of a larger perturbation found the region empty or flat


def _unmeasurable(label: str, reasons: list[str]) -> RequestError:
    return RequestError(
        f"exact first-rank acceptability: the region where {label} is first could not be measured "
        f"({'; '.join(reasons)}); use smaa(problem, vary_scores=False) (Monte Carlo) instead"
    )


@cache
def _subsets(dim: int, size: int) -> IndexArray:
    """Every ``size``-subset of ``range(dim)`` as a row, in lexicographic order."""
    subsets = list(itertools.combinations(range(dim), size))
    return np.array(subsets, dtype=np.intp).reshape(len(subsets), size)


def _codes(rows: NDArray[Any], base: int) -> NDArray[Any]:
    """One sortable number per row of facet indices (base-``base`` digits); Python ints if int64 is too small."""
    codes: NDArray[Any] = np.zeros(rows.shape[0], dtype=np.int64 if base ** (rows.shape[1] + 1) < 2**62 else object)
    for column in range(rows.shape[1]):
        codes = codes * base + rows[:, column].astype(codes.dtype)
    return codes


def _lattice_volume(a_rows: FloatArray, b_rows: FloatArray, tight: IndexArray, vertices: FloatArray) -> float:
    """``d! vol(P)`` (the share of the simplex) of a simple polytope from its vertices and their facets.

    Level by level from the vertices up: ``f(G) = sum_F h(c_G, F) f(F)`` over the facets ``F`` of
    the face ``G``, with ``f = 1`` at a vertex, so that ``f(G) = k! vol_k(G)``. The faces of level
    ``s`` are the ``s``-subsets of the vertices' facets; the height of ``c_G`` over the facet
    ``G ∩ H_j`` within ``G`` is ``(b_j - a_j . c_G) sqrt([(A_F A_F^T)^{-1}]_jj)``.
    """
    count, dim = tight.shape
    used, local = np.unique(tight, return_inverse=True)
    facets = local.reshape(count, dim)  # facet indices renumbered 0 .. base - 1
    a_used, b_used = a_rows[used], b_rows[used]
    base = int(used.size)
    scale = float(np.abs(vertices).max()) + 1.0
    codes: list[NDArray[Any]] = [np.zeros(1, dtype=np.int64)]  # level 0: the polytope itself
    rows: list[IndexArray] = [np.zeros((1, 0), dtype=np.intp)]
    centres: list[FloatArray] = [vertices.mean(axis=0, keepdims=True)]
    for size in range(1, dim):
        pick = _subsets(dim, size)
        chosen = facets[:, pick].reshape(count * pick.shape[0], size)
        keys, first, where = np.unique(_codes(chosen, base), return_index=True, return_inverse=True)
        where = where.reshape(-1)
        sums = [np.bincount(where, np.repeat(vertices[:, j], pick.shape[0]), keys.size) for j in range(dim)]
        centre = np.column_stack(sums) / np.bincount(where, minlength=keys.size)[:, None]
        codes.append(keys)
        rows.append(chosen[first])
        centres.append(centre)
    if np.unique(_codes(facets, base)).size != count:
        raise _UnmeasurableError("two vertices lie on the same facets")
    rows.append(facets)
    f = np.ones(count)
    for size in range(dim - 1, -1, -1):
        child = rows[size + 1]
        normals = a_used[child]  # (faces, size + 1, dim)
        with np.errstate(all="ignore"):
            try:
                inverse = np.linalg.inv(normals @ normals.transpose(0, 2, 1))
            except np.linalg.LinAlgError as error:
                raise _UnmeasurableError("a face's facets are linearly dependent") from error
        height_scale = np.sqrt(np.diagonal(inverse, axis1=1, axis2=2))  # (faces, size + 1)
        # Leaving out a face's p-th hyperplane gives the face one dimension up that it is a facet of.
        drop = _subsets(size + 1, size)[::-1]  # row p leaves out position p
        wanted = _codes(child[:, drop].reshape(child.size, size), base)
        parent = np.minimum(np.searchsorted(codes[size], wanted), codes[size].size - 1)
        if not np.array_equal(codes[size][parent], wanted):
            raise _UnmeasurableError("a face's facets do not belong to one vertex")
        parent = parent.reshape(child.shape)
        heights = (b_used[child] - np.einsum("fpd,fpd->fp", a_used[child], centres[size][parent])) * height_scale
        if not np.all(np.isfinite(heights)) or float(heights.min()) < -_SLACK * scale:
            raise _UnmeasurableError("a face's centre lies outside one of its facets")
        weights = (heights * f[:, None]).reshape(-1)
        f = np.bincount(parent.reshape(-1), weights=weights, minlength=codes[size].size).astype(np.float64)
    return float(f[0])


def exact_first_rank_acceptability(problem: DecisionProblem) -> FloatArray:
    """First-rank acceptability under uniform weights, exactly, for a problem of point scores.

    Every cell must be a point (``problem.ranges`` with low == high); at most
    :data:`MAX_EXACT_CRITERIA` criteria and :data:`EXACT_BUDGET` units of work. See
    :func:`first_rank_volumes` for the method, its tolerances and its refusals.

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
    return _volumes(values, list(problem.alternative_names))
