"""Weight sensitivity of the additive model, with names: sweeps and crossovers, stability
intervals (Mareschal 1988), critical criteria (Triantaphyllou & Sánchez 1997), the minimum L1
weight change (Wolters & Mareschal 1995) and ordinal dominance.

Each analysis takes a :class:`~model.problem.DecisionProblem` and returns a frozen result with
``table``, the raw arrays and ``to_dict()``. May import numpy, the core, :mod:`.kernels` and
:mod:`.common`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from model.display import HtmlTable
from model.errors import RequestError
from model.problem import DecisionProblem

if TYPE_CHECKING:
    import pandas as pd
from model.analysis.sensitivity.common import (
    BoolArray,
    FloatArray,
    IntArray,
    additive_model,
    frozen_array,
    json_number,
    position_of,
    require_pairwise_size,
)
from model.analysis.sensitivity.kernels import (
    critical_weight_changes,
    crossings,
    min_l1_weight_change,
    ordered_simplex_vertices,
    ordinal_dominance_arrays,
    rank_scores,
    stability_bounds,
    sweep_lines,
)


# ----- weight sweeps ----------------------------------------------------------------------
@dataclass(frozen=True)
class Crossover:
    """At normalised weight ``weight`` of ``criterion`` (others proportional), ``gainer``
    overtakes ``loser`` as the weight increases past it.

    Inside ``(0, 1)``: their difference is beyond the tie tolerance on both sides, the loser
    ahead below and the gainer above; ``weight`` is the exact root of the difference line.
    At exactly 0 or 1: the two only tie there (within the tolerance), and the gainer is ahead
    at the other end; the weight cannot be passed, so nothing is overtaken.
    """

    criterion: str
    weight: float
    gainer: str
    loser: str


@dataclass(frozen=True, eq=False, repr=False)
class WeightSweeps(HtmlTable):
    """Every score as a line in one criterion's weight, and every crossing of two lines.

    Score of alternative ``a`` when criterion ``k`` has weight ``t`` (others rescaled
    proportionally, ``w_j (1 - t) / (1 - w_k)``): ``intercepts[k, a] + slopes[k, a] t``. If
    ``w_k = 1`` the other criteria have no proportions to keep and share ``1 - t`` equally.

    ``crossovers`` are decided on each pair's difference line, built from the per-criterion
    differences (:func:`~model.analysis.sensitivity.kernels.crossings`), with the ranking's
    tie policy: a crossing that only brings two lines within the tie tolerance, or a tie at
    exactly 0 or 1, is never an interior crossover (end ties are listed at exactly 0.0 or 1.0).
    """

    criteria: tuple[str, ...]
    alternatives: tuple[str, ...]
    current: FloatArray
    intercepts: FloatArray
    slopes: FloatArray
    crossovers: tuple[Crossover, ...]

    def scores_at(self, criterion: str, weight: float) -> FloatArray:
        """Every alternative's score when ``criterion`` has normalised weight ``weight``."""
        k = position_of("criterion", criterion, self.criteria)
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
    require_pairwise_size(problem, "the weight sweeps")
    values, weights = additive_model(problem)
    intercepts, slopes = sweep_lines(values, weights)
    crit, at, gainer, loser = crossings(values, weights)
    names, criteria = problem.alternative_names, problem.criterion_ids
    found = tuple(
        Crossover(criteria[k], float(t), names[g], names[lo])
        for k, t, g, lo in zip(crit.tolist(), at.tolist(), gainer.tolist(), loser.tolist(), strict=True)
    )
    return WeightSweeps(criteria, names, frozen_array(weights), frozen_array(intercepts), frozen_array(slopes), found)


# ----- stability intervals ----------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
class StabilityIntervals(HtmlTable):
    """Per criterion, the weight interval (others proportional) that keeps the winner / the ranking.

    ``top[k] = [low, high]``: ``winner`` stays ranked first, under the ranking's tie policy, for
    every weight of criterion ``k`` in it: no other alternative gets ahead of it by more than
    :data:`~model.ranking.TIE_TOLERANCE` (an end inside ``(0, 1)`` is where one gets ahead by
    exactly the tolerance). ``ranking[k]``: no two alternatives change order (an end inside
    ``(0, 1)`` is where two tie exactly; a tie now that the weight can break gives ``[w, w]``).
    Closed, containing the current weight; see
    :func:`~model.analysis.sensitivity.kernels.stability_bounds`.
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
    require_pairwise_size(problem, "the stability intervals")
    values, weights = additive_model(problem)
    _, _, order = rank_scores(values, weights)
    top, ranking = stability_bounds(values, weights, order)
    return StabilityIntervals(
        problem.criterion_ids,
        frozen_array(weights),
        frozen_array(top),
        frozen_array(ranking),
        problem.alternative_names[order[0]],
    )


# ----- critical criteria ------------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
class CriticalCriteria(HtmlTable):
    """Triantaphyllou & Sánchez (1997): the smallest weight changes that reverse a pair.

    One row per (criterion, pair ``better`` ranked above ``worse``): ``delta`` is the paper's
    ``delta'_{k,i,j} = (P_j - P_i) / (a_jk - a_ik)`` with new weight ``W_k - delta`` (a
    positive delta *lowers* the weight), ``relative = delta / W_k × 100``. ``feasible`` iff
    ``delta <= W_k`` and ``delta < 1``: the changed weight ``W_k - delta`` is not negative and,
    renormalised, ``(W_k - delta) / (1 - delta)`` stays in ``[0, 1]``. ``a`` are the
    scale-normalised values (cost criteria inverted) and ``W`` the normalised weights; the
    paper renormalises the changed weights afterwards, which does not change the ranking.
    The lead ``P_i - P_j`` and the feasibility are computed from the per-criterion differences
    ``a_ic - a_jc``, never from two rounded totals.

    Ties (the ranking's policy, :data:`~model.ranking.TIE_TOLERANCE`): a pair already tied
    (``tied``) needs no change, so its ``delta`` and ``relative`` are exactly 0 (feasible),
    whatever the rounding and whichever of the two is listed first, and it is left out of
    ``percent_top``, ``percent_any``, ``criticality`` and ``sensitivity``: those measure the
    smallest change that reverses an order the ranking states, and a tie states none. A pair
    that ties once ``W_k`` is cut to zero (within the tolerance) is reversed by exactly that
    cut: ``delta = W_k``, ``relative = 100``.

    ``percent_top`` / ``percent_any``: (criterion, delta, relative %) of the smallest finite
    ``|relative|`` among feasible changes of untied pairs that change the top alternative
    (pairs with the winner; the PT critical criterion) / that swap any pair (PA).
    ``criticality`` ``D'_k``: the smallest ``|relative|`` of criterion ``k`` over feasible
    untied pairs (inf if none, so never 0); ``sensitivity``: ``1 / D'_k`` (0 when ``D'_k`` is
    inf, so always finite).
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
    tied: BoolArray
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
                    "delta": json_number(d),
                    "relative_percent": json_number(r),
                    "feasible": bool(f),
                    "tied": bool(t),
                }
                for k, i, j, d, r, f, t in zip(
                    self.criterion_index,
                    self.better_index,
                    self.worse_index,
                    self.delta,
                    self.relative,
                    self.feasible,
                    self.tied,
                    strict=True,
                )
            ],
            "percent_top": pick(self.percent_top),
            "percent_any": pick(self.percent_any),
            "criticality": {c: json_number(d) for c, d in zip(self.criteria, self.criticality, strict=True)},
            "sensitivity": {c: json_number(s) for c, s in zip(self.criteria, self.sensitivity, strict=True)},
        }


def critical_criteria(problem: DecisionProblem) -> CriticalCriteria:
    """The most critical criteria of the weighted sum (Triantaphyllou & Sánchez 1997, Theorem 1).

    Triantaphyllou, E., Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151–194;
    also Triantaphyllou, E. (2000), *Multi-Criteria Decision Making Methods: A Comparative
    Study*, Kluwer, ch. 8.
    """
    require_pairwise_size(problem, "the critical criteria")
    values, weights = additive_model(problem)
    _, _, order = rank_scores(values, weights)
    crit, better, worse, delta, relative, feasible, tied = critical_weight_changes(values, weights, order)
    size = np.abs(relative)
    usable = feasible & ~tied & np.isfinite(size)  # a tie needs no change: not a critical one
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
        current=frozen_array(weights),
        winner=problem.alternative_names[order[0]],
        criterion_index=frozen_array(crit, np.int64),
        better_index=frozen_array(better, np.int64),
        worse_index=frozen_array(worse, np.int64),
        delta=frozen_array(delta),
        relative=frozen_array(relative),
        feasible=frozen_array(feasible, bool),
        tied=frozen_array(tied, bool),
        percent_top=smallest(usable & (better == order[0])),
        percent_any=smallest(usable),
        criticality=frozen_array(criticality),
        sensitivity=frozen_array(sensitivity),
    )


# ----- minimum weight change --------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
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
                    "distance": json_number(self.distances[i]),
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
    require_pairwise_size(problem, "the minimum weight change")
    values, weights = additive_model(problem)
    _, _, order = rank_scores(values, weights)
    m = values.shape[0]
    distances = np.zeros(m)
    found = np.tile(weights, (m, 1))
    for a in range(m):
        if a != order[0]:
            distances[a], found[a] = min_l1_weight_change(values, weights, a)
    return MinimumWeightChange(
        problem.alternative_names,
        problem.criterion_ids,
        frozen_array(weights),
        problem.alternative_names[order[0]],
        frozen_array(distances),
        frozen_array(found),
    )


# ----- ordinal dominance ------------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
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
    require_pairwise_size(problem, "ordinal dominance")
    values, _ = additive_model(problem)
    names = tuple(problem.uncertainty.weight_order if order is None else order)
    if not names:
        raise RequestError(
            "ordinal dominance needs an order of importance of the criteria, most important first; "
            "none was given and the problem sets none (set uncertainty.weight_order in the YAML, "
            "e.g. weight_order: [" + ", ".join(problem.criterion_ids[:3]) + "])"
        )
    chain = [position_of("criterion", c, problem.criterion_ids) for c in names]
    if len(set(chain)) != len(chain):
        raise RequestError(f"the weight order must name each criterion at most once, got {list(names)}")
    vertices = ordered_simplex_vertices(len(problem.criterion_ids), chain)
    dominates, optimal = ordinal_dominance_arrays(values, vertices)
    return OrdinalDominance(
        names,
        problem.alternative_names,
        problem.criterion_ids,
        frozen_array(vertices),
        frozen_array(dominates, bool),
        frozen_array(optimal, bool),
    )
