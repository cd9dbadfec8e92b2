"""Exact sensitivity analyses of the additive model: how far must an input move to change the answer?

Every analysis here is for the weighted sum on scale-normalised values,
``S(a) = sum_k w_k v_k(a)`` with ``v = scale_normalize(values)`` (cost criteria inverted) and
weights summing to 1. The score is linear in each weight and in each cell, so every
threshold below is an exact root or an exact linear programme, never a grid search.

Weights are walked with *proportional* renormalisation: when criterion ``k`` takes weight
``t``, every other weight ``j`` becomes ``(1 - t) w_j / (1 - w_k)`` (what Expert Choice and
Visual PROMETHEE do), so each score is a line in ``t``:
``S_a(t) = intercept[k, a] + slope[k, a] t``. When ``w_k = 1`` the other weights have no
proportions; they then share ``1 - t`` equally (said in :class:`WeightSweeps`).

Tie policy: the ranking's (:data:`model.ranking.TIE_TOLERANCE`); two sweep lines whose slopes
differ by at most :data:`SLOPE_TOLERANCE` never cross (on ``[0, 1]`` they move together).

The kernels (:func:`sweep_lines`, :func:`crossings`, :func:`stability_bounds`,
:func:`critical_weight_changes`, :func:`min_l1_weight_change`, :func:`ordered_simplex_vertices`,
:func:`ordinal_dominance_arrays`, :func:`score_change_boundaries`) take and return arrays; the
public analyses take a :class:`~model.problem.DecisionProblem` and attach the names. scipy
is imported only inside the two linear programmes.

With weights (1/2, 1/2), ``a`` scores ``t`` and ``b`` scores ``0.6 - 0.3 t`` as the weight ``t``
of ``x`` moves, so ``a`` overtakes ``b`` at ``t = 6/13``:

>>> from model import DecisionProblem
>>> problem = DecisionProblem.from_matrix([[1.0, 0.0], [0.3, 0.6]], alternatives=["a", "b"],
...     criteria=["x", "y"], weights=[1, 1])
>>> [(c.criterion, round(c.weight, 4), c.gainer) for c in weight_sweeps(problem).crossovers]
[('x', 0.4615, 'a'), ('y', 0.5385, 'b')]
>>> stability_intervals(problem).top.round(4).tolist()
[[0.4615, 1.0], [0.0, 0.5385]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from model.display import HtmlTable
from model.errors import RequestError, did_you_mean
from model.methods.normalize import scale_normalize, value_function
from model.problem import DecisionProblem
from model.ranking import TIE_TOLERANCE, competition_ranks

if TYPE_CHECKING:
    import pandas as pd

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]

SLOPE_TOLERANCE = 1e-12
"""Sweep lines whose slopes differ by no more than this are parallel: they never cross."""

_EDGE = 1e-12  # float slack at the ends of [0, 1] and of a scale

EVIDENCE_STRENGTH = {"unknown": 0, "interval": 1, "low": 2, "medium": 3, "high": 4}
"""How firmly a cell is known: 0 unknown, 1 interval, then the confidence of a point or label."""


# ----- small helpers ----------------------------------------------------------------------
def _frozen(array: ArrayLike, dtype: DTypeLike = float) -> NDArray[Any]:
    """A read-only copy (results are immutable; numpy arrays are only shallowly frozen otherwise)."""
    out = np.array(array, dtype=dtype)
    out.flags.writeable = False
    return out


def _json(value: float) -> float | None:
    """A float for JSON: NaN and infinities become None."""
    value = float(value)
    return value if math.isfinite(value) else None


def _position(kind: str, name: str, known: Sequence[str]) -> int:
    if name in known:
        return list(known).index(name)
    hint = did_you_mean(name, known)
    message = f"unknown {kind} {name!r}; expected one of: {', '.join(known)}"
    raise RequestError(message + (f" ({hint})" if hint else ""))


def _additive(problem: DecisionProblem) -> tuple[FloatArray, FloatArray]:
    """The scale-normalised values (m × n) and normalised weights (n) of the additive model."""
    if problem.method != "weighted_sum":
        raise RequestError(
            f"the exact sensitivity analyses need the additive model (method weighted_sum), "
            f"got method {problem.method!r}"
        )
    values = scale_normalize(np.array(problem.values), problem.scale_min, problem.scale_max, problem.is_benefit)
    for j, criterion in enumerate(problem.criteria):
        if criterion.value_function is not None:  # the additive model's v_j, whatever shape it has
            values[:, j] = value_function(problem.values[:, j], criterion.value_function)
    return np.asarray(values, dtype=float), np.array(problem.normalized_weights, dtype=float)


def _straight_value_lines(problem: DecisionProblem, analysis: str) -> None:
    """Score analyses step along the scale in straight lines; value functions bend them."""
    bent = [c.id for c in problem.criteria if c.value_function is not None]
    if bent:
        raise RequestError(
            f"{analysis} assumes each score maps to value along a straight line, but {', '.join(bent)} "
            "has a value function; the weight analyses still apply"
        )


def _ranking(values: FloatArray, weights: FloatArray) -> tuple[FloatArray, IntArray, IntArray]:
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


# ----- weight sweeps ----------------------------------------------------------------------
@dataclass(frozen=True)
class Crossover:
    """At normalised weight ``weight`` of ``criterion`` (others proportional), ``gainer``
    overtakes ``loser`` as the weight increases past it."""

    criterion: str
    weight: float
    gainer: str
    loser: str


@dataclass(frozen=True, eq=False)
class WeightSweeps(HtmlTable):
    """Every score as a line in one criterion's weight, and every crossing of two lines.

    Score of alternative ``a`` when criterion ``k`` has weight ``t`` (others rescaled
    proportionally, ``w_j (1 - t) / (1 - w_k)``): ``intercepts[k, a] + slopes[k, a] t``. If
    ``w_k = 1`` the other criteria have no proportions to keep and share ``1 - t`` equally.
    """

    criteria: tuple[str, ...]
    alternatives: tuple[str, ...]
    current: FloatArray
    intercepts: FloatArray
    slopes: FloatArray
    crossovers: tuple[Crossover, ...]

    def scores_at(self, criterion: str, weight: float) -> FloatArray:
        """Every alternative's score when ``criterion`` has normalised weight ``weight``."""
        k = _position("criterion", criterion, self.criteria)
        if not 0.0 <= float(weight) <= 1.0:
            raise RequestError(f"weight of {criterion!r}: expected a normalised weight in [0, 1], got {weight!r}")
        return np.asarray(self.intercepts[k] + self.slopes[k] * float(weight), dtype=float)

    @property
    def table(self) -> pd.DataFrame:
        """One row per crossover: criterion, weight, gainer, loser, current_weight."""
        import pandas as pd

        columns = ["criterion", "weight", "gainer", "loser", "current_weight"]
        rows = [
            {
                "criterion": c.criterion,
                "weight": c.weight,
                "gainer": c.gainer,
                "loser": c.loser,
                "current_weight": float(self.current[self.criteria.index(c.criterion)]),
            }
            for c in self.crossovers
        ]
        return pd.DataFrame(rows, columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: current weights, each criterion's lines, and the crossovers."""
        return {
            "current": {c: float(w) for c, w in zip(self.criteria, self.current, strict=True)},
            "lines": {
                c: {
                    a: {"intercept": float(self.intercepts[k, i]), "slope": float(self.slopes[k, i])}
                    for i, a in enumerate(self.alternatives)
                }
                for k, c in enumerate(self.criteria)
            },
            "crossovers": [
                {"criterion": c.criterion, "weight": c.weight, "gainer": c.gainer, "loser": c.loser}
                for c in self.crossovers
            ],
        }


def weight_sweeps(problem: DecisionProblem) -> WeightSweeps:
    """Walk each weight over ``[0, 1]`` (others proportional); exact crossovers of the score lines.

    Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid.
    *European Journal of Operational Research* 33(1), 54–64.
    """
    values, weights = _additive(problem)
    intercepts, slopes = sweep_lines(values, weights)
    crit, at, gainer, loser = crossings(intercepts, slopes)
    names, criteria = problem.alternative_names, problem.criterion_ids
    found = tuple(
        Crossover(criteria[k], float(t), names[g], names[lo])
        for k, t, g, lo in zip(crit.tolist(), at.tolist(), gainer.tolist(), loser.tolist(), strict=True)
    )
    return WeightSweeps(criteria, names, _frozen(weights), _frozen(intercepts), _frozen(slopes), found)


# ----- stability intervals ----------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class StabilityIntervals(HtmlTable):
    """Per criterion, the weight interval (others proportional) that keeps the winner / the ranking.

    ``top[k] = [low, high]``: ``winner`` stays (tied-)first for every weight of criterion
    ``k`` in it; ``ranking[k]``: no two alternatives change order. Closed, containing the
    current weight; an end strictly inside ``(0, 1)`` is where two alternatives tie. Ties
    now: see :func:`stability_bounds`.
    """

    criteria: tuple[str, ...]
    current: FloatArray
    top: FloatArray
    ranking: FloatArray
    winner: str

    @property
    def table(self) -> pd.DataFrame:
        """criterion, current_weight, top_low, top_high, ranking_low, ranking_high."""
        import pandas as pd

        return pd.DataFrame(
            {
                "criterion": list(self.criteria),
                "current_weight": np.array(self.current),
                "top_low": np.array(self.top[:, 0]),
                "top_high": np.array(self.top[:, 1]),
                "ranking_low": np.array(self.ranking[:, 0]),
                "ranking_high": np.array(self.ranking[:, 1]),
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the winner and, per criterion, its weight and both intervals."""
        return {
            "winner": self.winner,
            "criteria": {
                c: {
                    "current_weight": float(self.current[k]),
                    "top": [float(self.top[k, 0]), float(self.top[k, 1])],
                    "ranking": [float(self.ranking[k, 0]), float(self.ranking[k, 1])],
                }
                for k, c in enumerate(self.criteria)
            },
        }


def stability_intervals(problem: DecisionProblem) -> StabilityIntervals:
    """Weight stability intervals (Mareschal 1988), exact from the sweep lines."""
    values, weights = _additive(problem)
    _, ranks, order = _ranking(values, weights)
    intercepts, slopes = sweep_lines(values, weights)
    top, ranking = stability_bounds(intercepts, slopes, weights, ranks, order)
    return StabilityIntervals(
        problem.criterion_ids, _frozen(weights), _frozen(top), _frozen(ranking), problem.alternative_names[order[0]]
    )


# ----- critical criteria ------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class CriticalCriteria(HtmlTable):
    """Triantaphyllou & Sánchez (1997): the smallest weight changes that reverse a pair.

    One row per (criterion, pair ``better`` ranked above ``worse``): ``delta`` is the paper's
    ``delta'_{k,i,j} = (P_j - P_i) / (a_jk - a_ik)`` with new weight ``W_k - delta`` (a
    positive delta *lowers* the weight), ``relative = delta / W_k × 100``, ``feasible`` iff
    the new weight is non-negative. ``a`` are the scale-normalised values (cost criteria
    inverted) and ``W`` the normalised weights; the paper renormalises the changed weights
    afterwards, which does not change the ranking. ``percent_top`` / ``percent_any``:
    (criterion, delta, relative %) of the smallest finite ``|relative|`` among feasible
    changes that change the top alternative (pairs with the winner; the PT critical
    criterion) / that swap any pair (PA). ``criticality`` ``D'_k``: the smallest ``|relative|``
    of criterion ``k`` over feasible pairs (inf if none); ``sensitivity``: ``1 / D'_k`` (0 when
    ``D'_k`` is inf).
    """

    criteria: tuple[str, ...]
    alternatives: tuple[str, ...]
    current: FloatArray
    winner: str
    criterion_index: IntArray
    better_index: IntArray
    worse_index: IntArray
    delta: FloatArray
    relative: FloatArray
    feasible: BoolArray
    percent_top: tuple[str, float, float] | None
    percent_any: tuple[str, float, float] | None
    criticality: FloatArray
    sensitivity: FloatArray

    @property
    def table(self) -> pd.DataFrame:
        """criterion, better, worse, delta, relative_percent, feasible."""
        import pandas as pd

        return pd.DataFrame(
            {
                "criterion": [self.criteria[k] for k in self.criterion_index],
                "better": [self.alternatives[i] for i in self.better_index],
                "worse": [self.alternatives[j] for j in self.worse_index],
                "delta": np.array(self.delta),
                "relative_percent": np.array(self.relative),
                "feasible": np.array(self.feasible),
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every pair's change, PT and PA critical criteria, degrees and coefficients."""

        def pick(found: tuple[str, float, float] | None) -> dict[str, Any] | None:
            return None if found is None else {"criterion": found[0], "delta": found[1], "relative_percent": found[2]}

        return {
            "winner": self.winner,
            "changes": [
                {
                    "criterion": self.criteria[k],
                    "better": self.alternatives[i],
                    "worse": self.alternatives[j],
                    "delta": _json(d),
                    "relative_percent": _json(r),
                    "feasible": bool(f),
                }
                for k, i, j, d, r, f in zip(
                    self.criterion_index,
                    self.better_index,
                    self.worse_index,
                    self.delta,
                    self.relative,
                    self.feasible,
                    strict=True,
                )
            ],
            "percent_top": pick(self.percent_top),
            "percent_any": pick(self.percent_any),
            "criticality": {c: _json(d) for c, d in zip(self.criteria, self.criticality, strict=True)},
            "sensitivity": {c: _json(s) for c, s in zip(self.criteria, self.sensitivity, strict=True)},
        }


def critical_criteria(problem: DecisionProblem) -> CriticalCriteria:
    """The most critical criteria of the weighted sum (Triantaphyllou & Sánchez 1997, Theorem 1).

    Triantaphyllou, E., Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151–194;
    also Triantaphyllou, E. (2000), *Multi-Criteria Decision Making Methods: A Comparative
    Study*, Kluwer, ch. 8.
    """
    values, weights = _additive(problem)
    _, _, order = _ranking(values, weights)
    crit, better, worse, delta, relative, feasible = critical_weight_changes(values, weights, order)
    size = np.abs(relative)
    usable = feasible & np.isfinite(size)
    n = len(weights)

    def smallest(mask: BoolArray) -> tuple[str, float, float] | None:
        if not mask.any():
            return None
        row = int(np.flatnonzero(mask)[np.argmin(size[mask])])
        return problem.criterion_ids[crit[row]], float(delta[row]), float(relative[row])

    criticality = np.array([size[usable & (crit == k)].min(initial=math.inf) for k in range(n)])
    with np.errstate(divide="ignore"):
        sensitivity = np.where(np.isinf(criticality), 0.0, 1.0 / criticality)
    return CriticalCriteria(
        criteria=problem.criterion_ids,
        alternatives=problem.alternative_names,
        current=_frozen(weights),
        winner=problem.alternative_names[order[0]],
        criterion_index=_frozen(crit, np.int64),
        better_index=_frozen(better, np.int64),
        worse_index=_frozen(worse, np.int64),
        delta=_frozen(delta),
        relative=_frozen(relative),
        feasible=_frozen(feasible, bool),
        percent_top=smallest(usable & (better == order[0])),
        percent_any=smallest(usable),
        criticality=_frozen(criticality),
        sensitivity=_frozen(sensitivity),
    )


# ----- minimum weight change --------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class MinimumWeightChange(HtmlTable):
    """For each alternative, the nearest weights (L1 over the simplex) that make it first.

    ``distances[a] = min sum_j |w'_j - w_j|`` over weight vectors ``w'`` (non-negative,
    summing to 1) with ``S_a(w') >= S_b(w')`` for every ``b``: 0 for the winner, inf when
    no weights put ``a`` first. ``weights[a]`` is a minimiser (the current weights for the
    winner, NaN when impossible). On the simplex the L1 distance is twice the weight moved.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    current: FloatArray
    winner: str
    distances: FloatArray
    weights: FloatArray

    @property
    def table(self) -> pd.DataFrame:
        """alternative, distance, then the minimising weight of every criterion."""
        import pandas as pd

        frame = pd.DataFrame({"alternative": list(self.alternatives), "distance": np.array(self.distances)})
        for k, c in enumerate(self.criteria):
            frame[c] = np.array(self.weights[:, k])
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: per alternative the distance (None if impossible) and the weights."""
        return {
            "winner": self.winner,
            "current": {c: float(w) for c, w in zip(self.criteria, self.current, strict=True)},
            "alternatives": {
                a: {
                    "distance": _json(self.distances[i]),
                    "weights": None
                    if not np.isfinite(self.distances[i])
                    else {c: float(self.weights[i, k]) for k, c in enumerate(self.criteria)},
                }
                for i, a in enumerate(self.alternatives)
            },
        }


def min_weight_change(problem: DecisionProblem) -> MinimumWeightChange:
    """The smallest L1 change of the weights that puts each alternative first (Wolters & Mareschal 1995).

    Wolters, W.T.M., Mareschal, B. (1995). Novel types of sensitivity analysis for additive
    MCDM methods. *European Journal of Operational Research* 81(2), 281–290.
    """
    values, weights = _additive(problem)
    _, _, order = _ranking(values, weights)
    m = values.shape[0]
    distances = np.zeros(m)
    found = np.tile(weights, (m, 1))
    for a in range(m):
        if a != order[0]:
            distances[a], found[a] = min_l1_weight_change(values, weights, a)
    return MinimumWeightChange(
        problem.alternative_names,
        problem.criterion_ids,
        _frozen(weights),
        problem.alternative_names[order[0]],
        _frozen(distances),
        _frozen(found),
    )


# ----- ordinal dominance ------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class OrdinalDominance(HtmlTable):
    """Dominance and potential optimality under an importance order of the criteria only.

    Consistent weights: non-negative, summing to 1, ``w[order[0]] >= w[order[1]] >= ...``;
    criteria outside the order are unconstrained. ``extreme_points`` (one row per vertex,
    columns in criterion order) span that polytope, so the results are exact.
    ``dominates[a, b]``: ``S_a >= S_b`` for every consistent weight vector and ``>`` for one;
    ``potentially_optimal[a]``: ``a`` is (tied-)first for at least one.
    """

    order: tuple[str, ...]
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    extreme_points: FloatArray
    dominates: BoolArray
    potentially_optimal: BoolArray

    def _names(self, mask: Any) -> str:
        return ", ".join(a for a, hit in zip(self.alternatives, mask, strict=True) if hit)

    @property
    def table(self) -> pd.DataFrame:
        """alternative, potentially_optimal, dominates, dominated_by (comma-separated names)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "alternative": list(self.alternatives),
                "potentially_optimal": np.array(self.potentially_optimal),
                "dominates": [self._names(self.dominates[i]) for i in range(len(self.alternatives))],
                "dominated_by": [self._names(self.dominates[:, i]) for i in range(len(self.alternatives))],
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the order, the extreme points and, per alternative, the relations."""
        return {
            "order": list(self.order),
            "extreme_points": [
                {c: float(v) for c, v in zip(self.criteria, row, strict=True)} for row in self.extreme_points
            ],
            "alternatives": {
                a: {
                    "potentially_optimal": bool(self.potentially_optimal[i]),
                    "dominates": [b for j, b in enumerate(self.alternatives) if self.dominates[i, j]],
                    "dominated_by": [b for j, b in enumerate(self.alternatives) if self.dominates[j, i]],
                }
                for i, a in enumerate(self.alternatives)
            },
        }


def ordinal_dominance(problem: DecisionProblem, order: Sequence[str] | None = None) -> OrdinalDominance:
    """Exact dominance and potential optimality when only the order of importance is known.

    ``order`` defaults to the file's ``uncertainty.weight_order``. Checked at the extreme
    points of the ordered weight simplex (:func:`ordered_simplex_vertices`) and by a linear
    programme for potential optimality; no sampling (Kirkwood & Sarin 1985; Hazen 1986).
    """
    values, _ = _additive(problem)
    names = tuple(problem.uncertainty.weight_order if order is None else order)
    if not names:
        raise RequestError(
            "ordinal dominance needs an order of importance of the criteria, most important first; "
            "none was given and the problem sets none (set uncertainty.weight_order in the YAML, "
            "e.g. weight_order: [" + ", ".join(problem.criterion_ids[:3]) + "])"
        )
    chain = [_position("criterion", c, problem.criterion_ids) for c in names]
    if len(set(chain)) != len(chain):
        raise RequestError(f"the weight order must name each criterion at most once, got {list(names)}")
    vertices = ordered_simplex_vertices(len(problem.criterion_ids), chain)
    dominates, optimal = ordinal_dominance_arrays(values, vertices)
    return OrdinalDominance(
        names,
        problem.alternative_names,
        problem.criterion_ids,
        _frozen(vertices),
        _frozen(dominates, bool),
        _frozen(optimal, bool),
    )


# ----- score sensitivity ------------------------------------------------------------------
def _evidence_strength(problem: DecisionProblem) -> IntArray:
    strength = np.empty((len(problem.alternatives), len(problem.criteria)), dtype=np.int64)
    for i, alt in enumerate(problem.alternative_names):
        for k, crit in enumerate(problem.criterion_ids):
            score = problem.scores[(alt, crit)]
            key = score.kind if score.kind in ("unknown", "interval") else (score.confidence or "high")
            strength[i, k] = EVIDENCE_STRENGTH[key]
    return strength


def _gains(problem: DecisionProblem, weights: FloatArray) -> FloatArray:
    """Score change per scale unit of each criterion: ``± w_k / (max_k - min_k)``."""
    sign = np.where(problem.is_benefit, 1.0, -1.0)
    return np.asarray(sign * weights / (problem.scale_max - problem.scale_min), dtype=float)


@dataclass(frozen=True, eq=False)
class ScoreSensitivity(HtmlTable):
    """Per cell, the exact change of its score (scale units) that changes the top or a neighbour pair.

    ``change_to_top[a, k]``: the signed change of cell ``(a, k)`` at which ``a`` becomes
    (tied-)first, or, for the winner, falls to (tied) second; NaN if that lies off the scale
    (or the criterion has no weight). ``change_to_swap``: the smallest signed change that ties
    ``a`` with its neighbour above or below in the ranking (``swaps_with``, -1: none).
    ``critical``: ``change_to_top`` is possible; ``weakest``: critical cells with the lowest
    ``evidence_strength`` among critical cells (0 unknown, 1 interval, 2/3/4 a point or label
    of low/medium/high confidence).
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    winner: str
    values: FloatArray
    change_to_top: FloatArray
    change_to_swap: FloatArray
    swaps_with: IntArray
    evidence_strength: IntArray
    critical: BoolArray
    weakest: BoolArray

    def _rows(self) -> list[dict[str, Any]]:
        return [
            {
                "alternative": alt,
                "criterion": crit,
                "value": float(self.values[i, k]),
                "change_to_top": float(self.change_to_top[i, k]),
                "change_to_swap": float(self.change_to_swap[i, k]),
                "swaps_with": self.alternatives[self.swaps_with[i, k]] if self.swaps_with[i, k] >= 0 else None,
                "critical": bool(self.critical[i, k]),
                "evidence_strength": int(self.evidence_strength[i, k]),
                "weakest": bool(self.weakest[i, k]),
            }
            for i, alt in enumerate(self.alternatives)
            for k, crit in enumerate(self.criteria)
        ]

    @property
    def table(self) -> pd.DataFrame:
        """One row per cell: alternative, criterion, value, change_to_top, change_to_swap,
        swaps_with, critical, evidence_strength, weakest."""
        import pandas as pd

        rows = self._rows()
        frame = pd.DataFrame(rows)
        frame["swaps_with"] = pd.Series([row["swaps_with"] for row in rows], dtype=object)  # None, not NaN
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the winner and one entry per cell (NaN as None)."""
        cells = [
            {**row, "change_to_top": _json(row["change_to_top"]), "change_to_swap": _json(row["change_to_swap"])}
            for row in self._rows()
        ]
        return {"winner": self.winner, "cells": cells}


def score_sensitivity(problem: DecisionProblem) -> ScoreSensitivity:
    """Exact thresholds on single cells: how much must one score move to change the top?

    A cell change ``Δ`` moves its alternative's score by ``± w_k Δ / (max_k - min_k)``; the
    thresholds are the roots of that line against the other scores (Triantaphyllou &
    Sánchez 1997, the sensitivity of the performance measures, here in scale units).
    """
    _straight_value_lines(problem, "score sensitivity")
    values, weights = _additive(problem)
    scores, _, order = _ranking(values, weights)
    to_top, swap, partner = score_change_boundaries(
        scores, _gains(problem, weights), np.array(problem.values), problem.scale_min, problem.scale_max, order
    )
    strength = _evidence_strength(problem)
    critical = np.isfinite(to_top)
    weakest = critical & (strength == strength[critical].min(initial=len(EVIDENCE_STRENGTH)))
    return ScoreSensitivity(
        problem.alternative_names,
        problem.criterion_ids,
        problem.alternative_names[order[0]],
        _frozen(problem.values),
        _frozen(to_top),
        _frozen(swap),
        _frozen(partner, np.int64),
        _frozen(strength, np.int64),
        _frozen(critical, bool),
        _frozen(weakest, bool),
    )


# ----- tornado ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TornadoBar:
    """One input swung over its range: the winner's margin at both ends and where it flips."""

    input: Literal["weight", "score"]
    criterion: str
    alternative: str | None
    low: float
    high: float
    margin_at_low: float
    margin_at_high: float
    swing: float
    flips: bool
    flip_value: float


@dataclass(frozen=True, eq=False)
class Tornado(HtmlTable):
    """Which single input moves the winner's lead most (a tornado diagram, Eschenbach 1992).

    ``margin``: the winner's score minus the best other score. Each weight swings over
    ``[w (1 - r), w (1 + r)]`` clipped to ``[0, 1]`` (others proportional), each cell over its
    ``problem.ranges`` (confidence band, label band, interval, or the whole scale for
    ``unknown``), one at a time. The margin is concave and piecewise linear in each input,
    so its extremes sit at the ends of the range: ``flips`` iff it drops below
    ``-TIE_TOLERANCE`` at an end, and ``flip_value`` is the exact input value, nearest to the
    current one on a flipping side, where it reaches 0 (NaN if no flip). ``bars`` are sorted
    by swing, largest first.
    """

    winner: str
    margin: float
    weight_range: float
    bars: tuple[TornadoBar, ...]

    @property
    def table(self) -> pd.DataFrame:
        """input, criterion, alternative, low, high, margin_at_low, margin_at_high, swing, flips, flip_value."""
        import pandas as pd

        columns = [
            "input",
            "criterion",
            "alternative",
            "low",
            "high",
            "margin_at_low",
            "margin_at_high",
            "swing",
            "flips",
            "flip_value",
        ]
        frame = pd.DataFrame([{c: getattr(bar, c) for c in columns} for bar in self.bars], columns=columns)
        # object, not pandas' string dtype, so that weight rows hold None rather than NaN
        frame["alternative"] = pd.Series([bar.alternative for bar in self.bars], dtype=object)
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: winner, margin, weight range and the bars (NaN and inf as None)."""
        return {
            "winner": self.winner,
            "margin": _json(self.margin),
            "weight_range": self.weight_range,
            "bars": [
                {
                    "input": b.input,
                    "criterion": b.criterion,
                    "alternative": b.alternative,
                    "low": b.low,
                    "high": b.high,
                    "margin_at_low": _json(b.margin_at_low),
                    "margin_at_high": _json(b.margin_at_high),
                    "swing": _json(b.swing),
                    "flips": b.flips,
                    "flip_value": _json(b.flip_value),
                }
                for b in self.bars
            ],
        }


def _margin(scores: FloatArray, winner: int) -> float:
    """The winner's score minus the best other score (inf when there is no other)."""
    others = np.delete(scores, winner)
    return float(scores[winner] - others.max()) if len(others) else math.inf


def _bar(
    kind: Literal["weight", "score"],
    criterion: str,
    alternative: str | None,
    ends: tuple[float, float],
    margins: tuple[float, float],
    roots: tuple[float, float],
    now: float,
) -> TornadoBar:
    """A tornado bar; ``roots[i]`` is where the margin reaches 0 between ``now`` and ``ends[i]``."""
    flipping = [root for margin, root in zip(margins, roots, strict=True) if margin < -TIE_TOLERANCE]
    flip = min(flipping, key=lambda root: abs(root - now)) if flipping else math.nan
    swing = abs(margins[1] - margins[0]) if all(math.isfinite(m) for m in margins) else 0.0
    return TornadoBar(
        kind, criterion, alternative, ends[0], ends[1], margins[0], margins[1], swing, bool(flipping), flip
    )


def tornado(problem: DecisionProblem, *, weight_range: float = 0.5) -> Tornado:
    """Swing every weight and every cell over its range; the winner's margin at both ends.

    Eschenbach, T.G. (1992). Spiderplots versus tornado diagrams for sensitivity analysis.
    *Interfaces* 22(6), 40–46.
    """
    _straight_value_lines(problem, "the tornado")
    if not (math.isfinite(weight_range) and weight_range >= 0):
        raise RequestError(f"weight_range: expected a finite fraction >= 0, got {weight_range!r}")
    values, weights = _additive(problem)
    scores, ranks, order = _ranking(values, weights)
    winner = int(order[0])
    intercepts, slopes = sweep_lines(values, weights)
    top, _ = stability_bounds(intercepts, slopes, weights, ranks, order)
    criteria, names = problem.criterion_ids, problem.alternative_names
    bars: list[TornadoBar] = []
    for k, w in enumerate(weights):
        ends = (float(np.clip(w * (1 - weight_range), 0, 1)), float(np.clip(w * (1 + weight_range), 0, 1)))
        low_scores = intercepts[k] + slopes[k] * ends[0]
        high_scores = intercepts[k] + slopes[k] * ends[1]
        margins = (_margin(low_scores, winner), _margin(high_scores, winner))
        # the margin is >= 0 exactly on the top stability interval, so its ends are the roots
        bars.append(_bar("weight", criteria[k], None, ends, margins, (top[k, 0], top[k, 1]), float(w)))

    gains = _gains(problem, weights)
    low, high = problem.ranges
    runner_up = _margin(scores, winner)
    for i, alt in enumerate(names):
        # the margin reaches 0 where this alternative ties the winner, or the winner the runner-up
        gap = scores[winner] - scores[i] if i != winner else -runner_up
        for k in range(len(criteria)):
            now = float(problem.values[i, k])
            ends = (float(low[i, k]), float(high[i, k]))
            moved = np.tile(scores, (2, 1))
            moved[:, i] += gains[k] * (np.array(ends) - now)
            margins = (_margin(moved[0], winner), _margin(moved[1], winner))
            root = now + gap / gains[k] if gains[k] != 0 and math.isfinite(gap) else math.nan
            bars.append(_bar("score", criteria[k], alt, ends, margins, (root, root), now))

    bars.sort(key=lambda b: -b.swing)
    return Tornado(names[winner], runner_up, float(weight_range), tuple(bars))


# ----- everything at once -----------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SensitivityReport:
    """All seven analyses of one problem; ``ordinal`` is None when no weight order is set."""

    sweeps: WeightSweeps
    stability: StabilityIntervals
    critical: CriticalCriteria
    min_change: MinimumWeightChange
    ordinal: OrdinalDominance | None
    scores: ScoreSensitivity | None  # None when a value function bends a criterion's score-to-value line
    tornado: Tornado | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: each analysis under its field name."""
        return {
            "sweeps": self.sweeps.to_dict(),
            "stability": self.stability.to_dict(),
            "critical": self.critical.to_dict(),
            "min_change": self.min_change.to_dict(),
            "ordinal": None if self.ordinal is None else self.ordinal.to_dict(),
            "scores": None if self.scores is None else self.scores.to_dict(),
            "tornado": None if self.tornado is None else self.tornado.to_dict(),
        }


def analyse(problem: DecisionProblem, *, weight_range: float = 0.5) -> SensitivityReport:
    """Run every exact analysis of the additive model on ``problem``.

    With value functions, the score analyses (``scores``, ``tornado``) are None: they step
    along straight score-to-value lines.
    """
    bent = any(c.value_function is not None for c in problem.criteria)
    return SensitivityReport(
        sweeps=weight_sweeps(problem),
        stability=stability_intervals(problem),
        critical=critical_criteria(problem),
        min_change=min_weight_change(problem),
        ordinal=ordinal_dominance(problem) if problem.uncertainty.weight_order else None,
        scores=None if bent else score_sensitivity(problem),
        tornado=None if bent else tornado(problem, weight_range=weight_range),
    )
