"""Kernels of the exact sensitivity analyses: arrays in, arrays out.

Sweep lines of proportional weight changes and their crossings, stability bounds, critical
weight changes (Triantaphyllou & Sánchez), the minimum L1 weight change (an LP), the vertices
of the ordered simplex, and score-change boundaries. No names, no problem objects. May import
numpy, :mod:`model.ranking`'s tie policy and scipy (only inside the linear programmes).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from model.analysis.sensitivity.common import BoolArray, FloatArray, IntArray
from model.ranking import TIE_TOLERANCE, competition_ranks

SLOPE_TOLERANCE = 1e-12
"""Sweep lines whose slopes differ by no more than this are parallel: they never cross."""


_EDGE = 1e-12  # float slack at the ends of [0, 1] and of a scale


def rank_scores(values: FloatArray, weights: FloatArray) -> tuple[FloatArray, IntArray, IntArray]:
    scores = values @ weights
    ranks, order = competition_ranks(scores)
    return scores, ranks, order


def _linprog(**kwargs: Any) -> Any:
    from scipy.optimize import linprog  # type: ignore[import-untyped]  # no scipy stubs in the dev extra

    options = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}
    result = linprog(method="highs", options=options, **kwargs)
    if result.status not in (0, 2):  # 2: infeasible, a legitimate answer
        raise RuntimeError(f"linear programme failed: {result.message}")
    return result


# ----- kernels ----------------------------------------------------------------------------
def sweep_lines(values: FloatArray, weights: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Intercepts and slopes (criteria × alternatives) of the scores as one weight is walked.

    With ``t`` the weight of criterion ``k`` and the others rescaled proportionally,
    ``S_a(t) = t v_ak + (1 - t) R_ka`` where ``R_ka = sum_{j != k} w_j v_aj / (1 - w_k)``:
    intercept ``R_ka``, slope ``v_ak - R_ka``. If ``w_k = 1`` the other criteria share
    ``1 - t`` equally; with a single criterion ``R = 0`` (nothing takes the rest).

    >>> intercepts, slopes = sweep_lines(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.25, 0.75]))
    >>> intercepts.tolist(), slopes.tolist()
    ([[0.0, 1.0], [1.0, 0.0]], [[1.0, -1.0], [-1.0, 1.0]])
    """
    n = values.shape[1]
    others = np.tile(np.asarray(weights, dtype=float), (n, 1))
    np.fill_diagonal(others, 0.0)
    totals = others.sum(axis=1, keepdims=True)
    equal = np.full((n, n), 1.0 / max(n - 1, 1))
    np.fill_diagonal(equal, 0.0)
    share = np.where(totals > 0, others / np.where(totals > 0, totals, 1.0), equal)
    intercepts = share @ values.T
    slopes = values.T - intercepts
    return intercepts, slopes


def crossings(
    intercepts: FloatArray, slopes: FloatArray, *, tolerance: float = SLOPE_TOLERANCE
) -> tuple[IntArray, FloatArray, IntArray, IntArray]:
    """Every crossing of two sweep lines in ``[0, 1]``: (criterion, weight, gainer, loser) arrays.

    Lines ``a`` and ``b`` of criterion ``k`` cross at ``t = -(I_a - I_b) / (s_a - s_b)``; the
    one with the larger slope (the gainer) is ahead for larger ``t``. Sorted by criterion,
    then weight. Lines with slopes within ``tolerance`` never cross.
    """
    m = intercepts.shape[1]
    first, second = np.triu_indices(m, k=1)
    ds = slopes[:, first] - slopes[:, second]
    di = intercepts[:, first] - intercepts[:, second]
    moving = np.abs(ds) > tolerance
    roots = -di / np.where(moving, ds, 1.0)
    inside = moving & (roots >= -_EDGE) & (roots <= 1 + _EDGE)
    crit, pair = np.nonzero(inside)
    weight = np.clip(roots[crit, pair], 0.0, 1.0) + 0.0  # + 0.0: no -0.0
    rising = ds[crit, pair] > 0
    gainer = np.where(rising, first[pair], second[pair]).astype(np.int64)
    loser = np.where(rising, second[pair], first[pair]).astype(np.int64)
    order = np.lexsort((loser, gainer, weight, crit))
    return crit[order].astype(np.int64), weight[order], gainer[order], loser[order]


def _hold(
    intercept: FloatArray,
    slope: FloatArray,
    t0: float,
    above: IntArray,
    below: IntArray,
    tied: BoolArray,
    *,
    ties_fix_the_interval: bool,
    tolerance: float,
) -> tuple[float, float]:
    """The interval around ``t0`` on which every ``above`` line stays >= its ``below`` line."""
    ds = slope[above] - slope[below]
    di = intercept[above] - intercept[below]
    moving = np.abs(ds) > tolerance
    if ties_fix_the_interval and np.any(moving & tied):
        return t0, t0
    roots = np.where(tied, t0, -di / np.where(moving, ds, 1.0))
    rising = moving & (ds > 0)
    falling = moving & (ds < 0)
    low = max(0.0, float(roots[rising].max(initial=0.0)))
    high = min(1.0, float(roots[falling].min(initial=1.0)))
    return min(low, t0), max(high, t0)


def stability_bounds(
    intercepts: FloatArray,
    slopes: FloatArray,
    current: FloatArray,
    ranks: IntArray,
    order: IntArray,
    *,
    tolerance: float = SLOPE_TOLERANCE,
) -> tuple[FloatArray, FloatArray]:
    """Weight stability intervals (Mareschal 1988), exact from the sweep lines.

    Returns ``top`` and ``ranking`` (criteria × 2): the closed interval of each weight (others
    proportional) containing the current one on which the first alternative ``order[0]``
    stays (tied-)first, and on which no pair of alternatives changes order. Their ends are
    crossing points of two lines. Ties now (equal ``ranks``) with different slopes: a tie
    with the winner holds it first on one side only (``[w, high]`` or ``[low, w]``); any tie
    makes the ranking interval ``[w, w]``, since moving either way breaks it. Identical (or
    parallel) lines are ignored.

    Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid.
    *European Journal of Operational Research* 33(1), 54–64.
    """
    n, m = intercepts.shape
    winner = int(order[0])
    rest = np.asarray(order[1:], dtype=np.int64)
    first, second = np.triu_indices(m, k=1)
    above = np.asarray(order[first], dtype=np.int64)
    below = np.asarray(order[second], dtype=np.int64)
    top = np.empty((n, 2))
    ranking = np.empty((n, 2))
    for k in range(n):
        t0 = float(current[k])
        top[k] = _hold(
            intercepts[k],
            slopes[k],
            t0,
            np.full(len(rest), winner, dtype=np.int64),
            rest,
            ranks[rest] == ranks[winner],
            ties_fix_the_interval=False,
            tolerance=tolerance,
        )
        ranking[k] = _hold(
            intercepts[k],
            slopes[k],
            t0,
            above,
            below,
            ranks[above] == ranks[below],
            ties_fix_the_interval=True,
            tolerance=tolerance,
        )
    return top, ranking


def critical_weight_changes(
    values: FloatArray, weights: FloatArray, order: IntArray
) -> tuple[IntArray, IntArray, IntArray, FloatArray, FloatArray, BoolArray]:
    """Triantaphyllou & Sánchez's critical weight changes for the weighted sum (their Theorem 1).

    For criterion ``k`` and alternatives ``A_i`` ranked above ``A_j`` (every such pair):
    ``delta'_{k,i,j} = (P_j - P_i) / (a_jk - a_ik)``, where the new weight is
    ``W*_k = W_k - delta'`` (the paper's sign: a positive ``delta'`` lowers the weight);
    ``relative = delta' / W_k × 100``; feasible iff ``delta' <= W_k`` (the paper's condition:
    the new weight stays non-negative). The paper renormalises the changed weights
    afterwards, ``W*_k / (1 - delta')``, which leaves the ranking as it is and keeps every
    feasible weight in ``[0, 1]``. Pairs with ``a_jk = a_ik`` cannot be reversed through
    ``W_k`` (NaN, infeasible); a zero weight has no relative change (±inf).

    Returns flat arrays, one entry per (criterion, pair), criteria outermost and pairs in
    ranking order: criterion, better, worse, delta, relative, feasible.

    Triantaphyllou, E., Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151–194.
    """
    m, n = values.shape
    scores = values @ weights
    first, second = np.triu_indices(m, k=1)
    crit = np.repeat(np.arange(n, dtype=np.int64), len(first))
    better = np.tile(np.asarray(order[first], dtype=np.int64), n)
    worse = np.tile(np.asarray(order[second], dtype=np.int64), n)
    gap = values[worse, crit] - values[better, crit]
    lead = scores[worse] - scores[better]
    reversible = gap != 0
    delta = np.where(reversible, lead / np.where(reversible, gap, 1.0), np.nan)
    weight = weights[crit]
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(delta == 0, 0.0, delta / weight * 100.0)
    # a change that takes the weight exactly to zero is feasible; rounding must not decide that
    slack = 1e-9 * np.maximum(np.abs(weight), 1e-300) + 1e-15
    feasible = reversible & (delta <= weight + slack) & (delta < 1.0)
    return crit, better, worse, delta, relative, feasible


def min_l1_weight_change(values: FloatArray, weights: FloatArray, target: int) -> tuple[float, FloatArray]:
    """The weight vector closest to ``weights`` in L1 that puts ``target`` first, and its distance.

    Linear programme (Wolters & Mareschal 1995): minimise ``sum_j (d+_j + d-_j)`` subject to
    ``w' = w + d+ - d-``, ``sum_j w'_j = 1``, ``w', d+, d- >= 0`` and
    ``S_target(w') >= S_b(w')`` for every other ``b``. Returns ``(inf, NaN row)`` when no
    weight vector puts ``target`` first.

    Wolters, W.T.M., Mareschal, B. (1995). Novel types of sensitivity analysis for additive
    MCDM methods. *European Journal of Operational Research* 81(2), 281–290.
    """
    m, n = values.shape
    others = np.delete(np.arange(m), target)
    eye = np.eye(n)
    cost = np.concatenate([np.zeros(n), np.ones(2 * n)])
    a_eq = np.vstack([np.hstack([eye, -eye, eye]), np.concatenate([np.ones(n), np.zeros(2 * n)])])
    b_eq = np.concatenate([weights, [1.0]])
    a_ub = np.hstack([values[others] - values[target], np.zeros((len(others), 2 * n))]) if len(others) else None
    b_ub = np.zeros(len(others)) if len(others) else None
    result = _linprog(c=cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None))
    if result.status == 2:
        return math.inf, np.full(n, np.nan)
    new = np.clip(np.asarray(result.x[:n], dtype=float), 0.0, None)
    return float(np.abs(new - weights).sum()), new


def ordered_simplex_vertices(n: int, chain: Sequence[int]) -> FloatArray:
    """Extreme points of ``{w >= 0, sum w = 1, w[chain[0]] >= w[chain[1]] >= ...}``.

    The first ``s`` criteria of the chain sharing the weight equally, for ``s = 1..len(chain)``
    (the rank-order vertices ``(1, 0, ..)``, ``(1/2, 1/2, 0, ..)``, ...), and one unit vector per
    criterion outside the chain: ``n`` vertices in all. Any feasible ``w`` is a convex
    combination of them, with coefficients ``s (w_(s) - w_(s+1))`` along the chain and
    ``w_j`` off it (Kirkwood & Sarin 1985).

    >>> ordered_simplex_vertices(3, [2, 0]).tolist()
    [[0.0, 0.0, 1.0], [0.5, 0.0, 0.5], [0.0, 1.0, 0.0]]
    """
    vertices = []
    for size in range(1, len(chain) + 1):
        vertex = np.zeros(n)
        vertex[list(chain[:size])] = 1.0 / size
        vertices.append(vertex)
    vertices.extend(np.eye(n)[j] for j in range(n) if j not in chain)
    return np.array(vertices, dtype=float).reshape(-1, n)


def ordinal_dominance_arrays(
    values: FloatArray, vertices: FloatArray, *, tolerance: float = TIE_TOLERANCE
) -> tuple[BoolArray, BoolArray]:
    """Dominance and potential optimality over the weight polytope spanned by ``vertices``.

    ``a`` dominates ``b`` iff ``S_a - S_b >= 0`` at every vertex and ``> 0`` at one (a linear
    function is non-negative on a polytope iff it is at its vertices); differences within
    ``tolerance`` count as zero. ``a`` is potentially optimal iff
    ``min_w max_b (S_b(w) - S_a(w)) <= tolerance`` over the polytope, a linear programme in
    the vertex coefficients (Kirkwood & Sarin 1985; Hazen 1986).

    Kirkwood, C.W., Sarin, R.K. (1985). Ranking with partial information: a method and an
    application. *Operations Research* 33(1), 38–48. Hazen, G.B. (1986). Partial information,
    dominance, and potential optimality in multiattribute utility theory. *Operations
    Research* 34(2), 296–310.
    """
    at = values @ vertices.T
    m, k = at.shape
    diff = at[:, None, :] - at[None, :, :]
    dominates = (diff.min(axis=2) >= -tolerance) & (diff.max(axis=2) > tolerance)
    np.fill_diagonal(dominates, False)
    optimal = np.zeros(m, dtype=bool)
    first_somewhere = (at >= at.max(axis=0) - tolerance).any(axis=1)
    for a in range(m):
        if first_somewhere[a] or m == 1:
            optimal[a] = True
            continue
        others = np.delete(np.arange(m), a)
        # variables: k vertex coefficients, then z (free); minimise z
        a_ub = np.hstack([at[others] - at[a], -np.ones((len(others), 1))])
        a_eq = np.concatenate([np.ones(k), [0.0]])[None, :]
        bounds = [(0.0, None)] * k + [(None, None)]
        result = _linprog(
            c=np.concatenate([np.zeros(k), [1.0]]),
            A_ub=a_ub,
            b_ub=np.zeros(len(others)),
            A_eq=a_eq,
            b_eq=[1.0],
            bounds=bounds,
        )
        optimal[a] = bool(result.status == 0 and result.fun <= tolerance)
    return dominates, optimal


def score_change_boundaries(
    scores: FloatArray,
    gains: FloatArray,
    values: FloatArray,
    scale_min: FloatArray,
    scale_max: FloatArray,
    order: IntArray,
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Exact changes of single cells (in scale units) that change the top or swap neighbours.

    Changing cell ``(a, k)`` by ``Δ`` moves ``S_a`` by ``g_k Δ`` with
    ``g_k = ± w_k / (max_k - min_k)`` (minus for a cost criterion). ``change_to_top`` solves
    ``S_a + g_k Δ = max_{b != a} S_b``: a non-winner becomes (tied-)first, the winner falls to
    (tied) second. ``change_to_swap`` is the smaller in size of the changes that tie ``a`` with
    its neighbour above or below in the ranking; ``partner`` names that neighbour (``-1``:
    none). A change that would leave the scale, or a zero gain, is NaN.
    """
    m, n = values.shape
    span = scale_max - scale_min
    slack = _EDGE * span
    usable = gains != 0
    safe = np.where(usable, gains, 1.0)

    def within(change: FloatArray) -> FloatArray:
        new = values + change
        ok = usable & np.isfinite(change) & (new >= scale_min - slack) & (new <= scale_max + slack)
        return np.where(ok, change, np.nan)

    if m == 1:
        empty = np.full((m, n), np.nan)
        return empty, empty.copy(), np.full((m, n), -1, dtype=np.int64)
    best_other = np.array([np.delete(scores, a).max() for a in range(m)])
    to_top = within((best_other - scores)[:, None] / safe)
    position = np.empty(m, dtype=np.int64)
    position[order] = np.arange(m)
    up_partner = np.where(position > 0, order[np.maximum(position - 1, 0)], -1)
    down_partner = np.where(position < m - 1, order[np.minimum(position + 1, m - 1)], -1)
    up = within(np.where(up_partner >= 0, scores[up_partner] - scores, np.nan)[:, None] / safe)
    down = within(np.where(down_partner >= 0, scores[down_partner] - scores, np.nan)[:, None] / safe)
    prefer_up = np.isfinite(up) & (~np.isfinite(down) | (np.abs(up) <= np.abs(down)))
    swap = np.where(prefer_up, up, down)
    partner = np.where(prefer_up, up_partner[:, None], np.where(np.isfinite(down), down_partner[:, None], -1)).astype(
        np.int64
    )
    return to_top, swap, partner
