"""Kernels of the exact sensitivity analyses: arrays in, arrays out.

Sweep lines of proportional weight changes, the difference lines of pairs and their
crossovers, stability bounds, critical weight changes (Triantaphyllou & Sánchez), the minimum
L1 weight change (a closed form where one is certain, else an LP), the vertices of the
ordered simplex, and score-change boundaries. No names, no problem objects. Ties follow
:mod:`model.ranking`'s policy and are decided from differences of the alternatives' values,
never from differences of rounded totals. May import numpy, :mod:`model.ranking`'s tie policy
and scipy (only inside :func:`_linprog`, called when no closed form settles a programme).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from model.analysis.sensitivity.common import BoolArray, FloatArray, IntArray
from model.ranking import TIE_TOLERANCE, competition_ranks

SLOPE_TOLERANCE = 1e-12
"""Kept for callers of earlier versions; no analysis uses it now. Whether two sweep lines cross
is decided by the tie tolerance on their difference line (:func:`crossings`), so lines whose
slopes differ by this little never cross inside ``[0, 1]``."""


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
def sweep_shares(weights: FloatArray) -> FloatArray:
    """``share[k, j]``: the part of ``1 - t`` that criterion ``j`` takes when criterion ``k`` has weight ``t``.

    ``w_j / sum_{i != k} w_i`` (proportional); ``1 / (n - 1)`` each when the others have no weight;
    0 on the diagonal (and everywhere for a single criterion).

    >>> sweep_shares(np.array([0.5, 0.25, 0.25])).tolist()
    [[0.0, 0.5, 0.5], [0.6666666666666666, 0.0, 0.3333333333333333], [0.6666666666666666, 0.3333333333333333, 0.0]]
    """
    n = len(weights)
    others = np.tile(np.asarray(weights, dtype=float), (n, 1))
    np.fill_diagonal(others, 0.0)
    totals = others.sum(axis=1, keepdims=True)
    equal = np.full((n, n), 1.0 / max(n - 1, 1))
    np.fill_diagonal(equal, 0.0)
    return np.asarray(np.where(totals > 0, others / np.where(totals > 0, totals, 1.0), equal), dtype=float)


def sweep_lines(values: FloatArray, weights: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Intercepts and slopes (criteria × alternatives) of the scores as one weight is walked.

    With ``t`` the weight of criterion ``k`` and the others rescaled proportionally,
    ``S_a(t) = t v_ak + (1 - t) R_ka`` where ``R_ka = sum_{j != k} w_j v_aj / (1 - w_k)``:
    intercept ``R_ka``, slope ``v_ak - R_ka``. If ``w_k = 1`` the other criteria share
    ``1 - t`` equally; with a single criterion ``R = 0`` (nothing takes the rest). For
    comparing two alternatives use :func:`difference_lines`, not differences of these.

    >>> intercepts, slopes = sweep_lines(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.25, 0.75]))
    >>> intercepts.tolist(), slopes.tolist()
    ([[0.0, 1.0], [1.0, 0.0]], [[1.0, -1.0], [-1.0, 1.0]])
    """
    intercepts = sweep_shares(weights) @ values.T
    slopes = values.T - intercepts
    return intercepts, slopes


def difference_lines(
    values: FloatArray, weights: FloatArray, first: IntArray, second: IntArray
) -> tuple[FloatArray, FloatArray]:
    """The score difference ``d = S_a - S_b`` of each pair ``(a, b) = (first[p], second[p])`` at
    both ends of each criterion's sweep: ``start`` (``t = 0``) and ``end`` (``t = 1``), criteria × pairs.

    ``d(t) = (1 - t) start + t end`` with ``start[k, p] = sum_{j != k} share[k, j] (v_aj - v_bj)``
    (:func:`sweep_shares`) and ``end[k, p] = v_ak - v_bk``: built from the per-criterion
    differences, never from two rounded totals, so a pair equal on every criterion but ``k``
    has ``start`` exactly 0, and one equal on ``k`` has ``end`` exactly 0.

    >>> start, end = difference_lines(np.array([[0.2, 0.9], [0.2, 0.5]]), np.array([0.5, 0.5]),
    ...     np.array([0]), np.array([1]))
    >>> start.round(12).tolist(), end.round(12).tolist()
    ([[0.4], [0.0]], [[0.0], [0.4]])
    """
    diff = values[np.asarray(first, dtype=np.int64)] - values[np.asarray(second, dtype=np.int64)]
    start = sweep_shares(weights) @ diff.T
    return np.asarray(start, dtype=float), np.array(diff.T, dtype=float)


def line_roots(start: FloatArray, end: FloatArray, level: float = 0.0) -> FloatArray:
    """Where ``(1 - t) start + t end = level``: ``t = (start - level) / (start - end)`` (NaN if flat).

    Exact at the ends: a line with ``end == level`` has its root at exactly 1, one with
    ``start == level`` at exactly 0.
    """
    flat = start == end
    with np.errstate(divide="ignore", invalid="ignore"):
        roots = (start - level) / np.where(flat, 1.0, start - end)
    return np.asarray(np.where(flat, np.nan, roots + 0.0), dtype=float)  # + 0.0: no -0.0


def crossings(
    values: FloatArray,
    weights: FloatArray,
    *,
    tolerance: float = TIE_TOLERANCE,
    pairs: tuple[IntArray, IntArray] | None = None,
) -> tuple[IntArray, FloatArray, IntArray, IntArray]:
    """Every crossover of two sweep lines in ``[0, 1]``: (criterion, weight, gainer, loser) arrays.

    For each pair, the difference line of :func:`difference_lines` decides, with the ranking's
    tie policy (``|d| <= tolerance`` is a tie):

    * beyond the tolerance at both ends, with opposite signs: an interior crossover at the exact
      root ``t = start / (start - end)``, strictly inside ``(0, 1)``;
    * tied at one end only: a tie at exactly 0 or 1 (the weight cannot pass it), reported at
      that end, so that a tie made exact by rounding is never an interior crossover;
    * otherwise (apart on one side throughout, or tied at both ends and so at every weight) none.

    The gainer's line rises against the loser's: it is ahead (or level) for larger ``t``.
    Sorted by criterion, then weight, gainer, loser. ``pairs`` restricts the search to the given
    ``(first, second)`` index arrays (every pair by default: ``m (m - 1) / 2`` of them).
    """
    m = values.shape[0]
    if pairs is None:
        first, second = (np.asarray(x, dtype=np.int64) for x in np.triu_indices(m, k=1))
    else:
        first, second = (np.asarray(x, dtype=np.int64) for x in pairs)
    start, end = difference_lines(values, weights, first, second)
    apart_start, apart_end = np.abs(start) > tolerance, np.abs(end) > tolerance
    interior = apart_start & apart_end & ((start > 0) != (end > 0))
    at_zero = ~apart_start & apart_end
    at_one = apart_start & ~apart_end
    roots = np.where(interior, line_roots(start, end), np.where(at_zero, 0.0, 1.0))
    crit, pair = np.nonzero(interior | at_zero | at_one)
    weight = roots[crit, pair]
    rising = end[crit, pair] > start[crit, pair]
    gainer = np.where(rising, first[pair], second[pair]).astype(np.int64)
    loser = np.where(rising, second[pair], first[pair]).astype(np.int64)
    order = np.lexsort((loser, gainer, weight, crit))
    return crit[order].astype(np.int64), weight[order], gainer[order], loser[order]


def stability_bounds(
    values: FloatArray,
    weights: FloatArray,
    order: IntArray,
    *,
    tolerance: float = TIE_TOLERANCE,
) -> tuple[FloatArray, FloatArray]:
    """Weight stability intervals (Mareschal 1988), exact from the difference lines.

    Returns ``top`` and ``ranking`` (criteria × 2), closed intervals of each weight (others
    proportional) containing the current one, with the ranking's tie policy (differences
    within ``tolerance`` are ties, tied alternatives share the better rank):

    * ``top``: the first alternative ``order[0]`` stays ranked first, i.e. no other alternative
      gets ahead of it by more than ``tolerance``. Each end inside ``(0, 1)`` is the exact root
      of ``d(t) = -tolerance`` for some rival ``b``, ``d = S_winner - S_b``; a rival tied now
      holds the winner first as long as it stays within the tolerance, on both sides.
    * ``ranking``: no pair changes order. A pair apart now keeps its order up to the exact root
      of its difference line (where the two tie exactly); a pair tied now that the weight can
      separate by more than ``tolerance`` (on either side, within ``[0, 1]``) fixes the interval
      at the current weight, ``[w, w]``; a pair within the tolerance at every weight (identical
      or all but identical lines) does not constrain it.

    Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid.
    *European Journal of Operational Research* 33(1), 54–64.
    """
    n = values.shape[1]
    m = values.shape[0]
    winner = int(order[0])
    rest = np.asarray(order[1:], dtype=np.int64)
    win_start, win_end = difference_lines(values, weights, np.full(len(rest), winner, dtype=np.int64), rest)
    pairs = np.triu_indices(m, k=1)
    above = np.asarray(order[pairs[0]], dtype=np.int64)
    below = np.asarray(order[pairs[1]], dtype=np.int64)
    start, end = difference_lines(values, weights, above, below)
    tied = np.abs((values[above] - values[below]) @ weights) <= tolerance
    top = np.empty((n, 2))
    ranking = np.empty((n, 2))
    for k in range(n):
        t0 = float(weights[k])
        # the winner: every rival's difference stays >= -tolerance
        s, e = win_start[k], win_end[k]
        behind_start, behind_end = s < -tolerance, e < -tolerance
        roots = line_roots(s, e, -tolerance)
        if np.any(behind_start & behind_end):  # only float noise at a boundary can say so
            top[k] = (t0, t0)
        else:
            low = float(roots[behind_start].max(initial=0.0))
            high = float(roots[behind_end].min(initial=1.0))
            top[k] = (min(max(low, 0.0), t0), max(min(high, 1.0), t0))
        # the ranking: ordered pairs up to their exact crossing, ties fixed if they can break
        s, e = start[k], end[k]
        if np.any(tied & ((np.abs(s) > tolerance) | (np.abs(e) > tolerance))):
            ranking[k] = (t0, t0)
            continue
        roots = line_roots(s, e)
        low = float(roots[~tied & (e > s)].max(initial=0.0))
        high = float(roots[~tied & (e < s)].min(initial=1.0))
        ranking[k] = (min(max(low, 0.0), t0), max(min(high, 1.0), t0))
    return top, ranking


def critical_weight_changes(
    values: FloatArray, weights: FloatArray, order: IntArray, *, tolerance: float = TIE_TOLERANCE
) -> tuple[IntArray, IntArray, IntArray, FloatArray, FloatArray, BoolArray, BoolArray]:
    """Triantaphyllou & Sánchez's critical weight changes for the weighted sum (their Theorem 1).

    For criterion ``k`` and alternatives ``A_i`` ranked above ``A_j`` (every such pair):
    ``delta'_{k,i,j} = (P_i - P_j) / (a_ik - a_jk)``, where the new weight is
    ``W*_k = W_k - delta'`` (the paper's sign: a positive ``delta'`` lowers the weight) and
    ``relative = delta' / W_k × 100``. The lead ``P_i - P_j = sum_c W_c (a_ic - a_jc)`` is summed
    from the per-criterion differences, never taken as a difference of two rounded totals.

    Feasible iff ``delta' <= W_k`` and ``delta' < 1``: the changed weight ``W_k - delta'`` is not
    negative, and the paper's renormalised weight ``(W_k - delta') / (1 - delta')`` lies in
    ``[0, 1]`` (renormalising leaves the ranking as it is). ``delta' <= W_k`` is decided from
    the exact sign of the pair's lead without criterion ``k``, ``sum_{c != k} W_c (a_ic - a_jc)``
    (the lead left once ``W_k`` is cut to zero), not from the rounded ``delta'``.

    Ties, with the ranking's tie policy (differences within ``tolerance``):

    * a pair tied now (``|P_i - P_j| <= tolerance``, ``tied``) needs no change: ``delta' = 0``,
      ``relative = 0`` and feasible, whatever the rounding or the order of the two;
    * a pair that ties once ``W_k`` is cut to zero (its lead without ``k``, renormalised, within
      the tolerance) is reversed by exactly that cut: ``delta' = W_k``, ``relative = 100``.

    Pairs with ``a_jk = a_ik`` that are not tied cannot be reversed through ``W_k`` (NaN,
    infeasible); a zero weight has no relative change (±inf).

    Returns flat arrays, one entry per (criterion, pair), criteria outermost and pairs in
    ranking order: criterion, better, worse, delta, relative, feasible, tied.

    Triantaphyllou, E., Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151–194.
    """
    m, n = values.shape
    first, second = np.triu_indices(m, k=1)
    pairs = len(first)
    crit = np.repeat(np.arange(n, dtype=np.int64), pairs)
    pair = np.tile(np.arange(pairs, dtype=np.int64), n)
    better = np.asarray(order[first], dtype=np.int64)[pair]
    worse = np.asarray(order[second], dtype=np.int64)[pair]
    parts = (values[order[first]] - values[order[second]]) * weights  # pairs × criteria
    lead = parts.sum(axis=1)[pair]
    without = (parts @ (1.0 - np.eye(n)))[pair, crit]  # the lead once W_k is cut to zero
    gap = values[better, crit] - values[worse, crit]
    weight = weights[crit]
    tied = np.abs(lead) <= tolerance
    reversible = (gap != 0) & ~tied
    safe = np.where(reversible, gap, 1.0)
    delta = np.where(reversible, lead / safe, np.nan)
    rest = np.maximum(1.0 - weight, 0.0)
    ties_at_cut = reversible & (gap > 0) & (np.abs(without) <= tolerance * rest) & (rest > 0)
    delta = np.where(ties_at_cut, weight, delta)
    within = ties_at_cut | (reversible & (without * np.sign(safe) <= 0))
    feasible = tied | (within & (delta < 1.0))
    delta = np.where(tied, 0.0, delta)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(delta == 0, 0.0, delta / weight * 100.0)
    return crit, better, worse, delta, relative, feasible, tied


def _overtaking_weights(gap: FloatArray, weights: FloatArray) -> FloatArray:
    """The weights closest to ``weights`` in L1, on the simplex, with ``gap @ w' >= 0``: a closed form.

    ``gap = v_target - v_rival`` (per criterion); the caller has checked ``max(gap) >= 0``, else
    no weights qualify. Weight moves from the criteria where the rival is furthest ahead
    (smallest ``gap_i``) to the first criterion with the largest gap ``r``, until the lead is made
    up; the current weights are returned when ``gap @ weights >= 0`` already.
    """
    # Why greedy is optimal. Write any w' on the simplex as w' = w + (moved in) - x with x_i the
    # weight taken from i (0 <= x_i <= w_i). The total taken, sum x_i, is half the L1 distance, and
    # the lead gained is gap @ (w' - w) <= gap_r sum x_i - sum gap_i x_i = sum (gap_r - gap_i) x_i,
    # since whatever is moved in earns at most gap_r. So the distance is at least twice the least
    # sum x_i with sum (gap_r - gap_i) x_i >= -gap @ w and 0 <= x_i <= w_i: a fractional knapsack,
    # whose optimum takes the x_i in decreasing order of gap_r - gap_i (a cheaper unit of lead
    # first; swapping any weight towards a better rate lowers the total). Moving everything taken
    # to r meets that bound with equality, so the greedy move below is a minimiser.
    new = np.array(weights, dtype=float)
    need = -float(gap @ weights)
    if need <= 0:
        return new
    receiver = int(np.argmax(gap))
    moved = [float(weights[receiver])]
    for i in np.argsort(gap, kind="stable"):
        rate = float(gap[receiver] - gap[i])
        if rate <= 0:  # only criteria as good for the target as r are left: nothing more to gain
            break
        have = float(weights[i])
        if have * rate < need:  # all of w_i moves, and more is needed
            new[i] = 0.0
            moved.append(have)
            new[receiver] = math.fsum(moved)
            need = -float(gap @ new)  # afresh from the moved weights, so rounding does not pile up
            continue
        take = min(need / rate, have)  # never past w_i, whatever the rounding of need / rate
        new[i] = have - take
        moved.append(take)
        break
    new[receiver] = math.fsum(moved)  # one correctly rounded sum of what r receives
    return new


def min_l1_weight_change(values: FloatArray, weights: FloatArray, target: int) -> tuple[float, FloatArray]:
    """The weight vector closest to ``weights`` in L1 that puts ``target`` first, and its distance.

    The linear programme of Wolters & Mareschal (1995): minimise ``sum_j |w'_j - w_j|`` subject to
    ``w' >= 0``, ``sum_j w'_j = 1`` and ``S_target(w') >= S_b(w')`` for every other ``b``. Returns
    ``(inf, NaN row)`` when no weight vector puts ``target`` first.

    Solved in closed form where the answer is certain, by a linear programme (scipy) otherwise:

    * no weights exist when some ``b`` is ahead of ``target`` on every criterion (``v_b > v_t``
      throughout): ``S_t(w') < S_b(w')`` on the whole simplex;
    * for one rival ``b`` alone the programme has the closed form of :func:`_overtaking_weights`
      (move weight from the criteria where ``b`` leads most to the one where ``target`` does);
      every rival's distance is a lower bound of the answer, so when the minimiser for the
      rival that needs the largest change also puts ``target`` ahead of every other alternative
      (within ``1e-12``), it is the answer;
    * otherwise (two or more rivals bind at once) the linear programme decides.

    Wolters, W.T.M., Mareschal, B. (1995). Novel types of sensitivity analysis for additive
    MCDM methods. *European Journal of Operational Research* 81(2), 281–290.
    """
    m, n = values.shape
    gaps = values[target] - np.delete(values, target, axis=0)  # from per-criterion differences, not totals
    if m == 1 or (gaps @ weights >= 0).all():
        return 0.0, np.array(weights, dtype=float)
    if (gaps.max(axis=1) < 0).any():
        return math.inf, np.full(n, np.nan)
    candidates = [_overtaking_weights(gap, weights) for gap in gaps]
    distances = np.array([np.abs(new - weights).sum() for new in candidates])
    for b in np.argsort(-distances, kind="stable"):
        if distances[b] < distances.max() - _EDGE:
            break
        if (gaps @ candidates[b] >= -_EDGE).all():
            return float(distances[b]), candidates[b]
    return _min_l1_weight_change_lp(values, weights, target)


def _min_l1_weight_change_lp(values: FloatArray, weights: FloatArray, target: int) -> tuple[float, FloatArray]:
    """:func:`min_l1_weight_change` by its linear programme, in ``w'`` and the moves ``d+``, ``d-``:
    minimise ``sum_j (d+_j + d-_j)`` with ``w' = w + d+ - d-``, ``sum_j w'_j = 1``, ``w', d+, d- >= 0``."""
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
    the vertex coefficients (Kirkwood & Sarin 1985; Hazen 1986), solved (with scipy) only when
    no vertex decides it: ``a`` within the tolerance of first at a vertex is potentially
    optimal, and ``a`` behind one rival by more than the tolerance at every vertex is not.

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
        # The programme's value is at least min over vertices of one rival's lead (every
        # consistent weight vector averages the vertices): a rival ahead by more than the
        # tolerance at every vertex settles it without solving anything
        if ((at[others] - at[a]).min(axis=1) > tolerance).any():
            continue
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
