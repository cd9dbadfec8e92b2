"""Rank ranges of the additive model: which places does the evidence settle, and which stay open?

At the problem's given weights, every cell of the additive model ``S(a) = sum_j w_j v_j(x_aj)``
may lie anywhere in its range (:attr:`~model.problem.DecisionProblem.ranges`); cells of
different alternatives vary independently, so each alternative's score range, its best and
worst possible rank, and the pairs whose order the evidence fixes are exact, not sampled.
:func:`rank_range_arrays` is the kernel on value arrays; :func:`rank_ranges` applies it to a
problem and returns a :class:`RankRanges`. May import numpy and the core
(:mod:`model.problem`, :mod:`model.ranking`, :mod:`model.errors`, :mod:`model.display`) and
:mod:`model.methods`; pandas only inside :attr:`RankRanges.table`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model.display import HtmlTable
from model.errors import RequestError
from model.methods.normalize import scale_normalize, value_function
from model.problem import DecisionProblem
from model.ranking import TIE_TOLERANCE, evaluate

if TYPE_CHECKING:
    import pandas as pd

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

_BLOCK_ELEMENTS = 1 << 16
"""Pairs per working block (two float64 buffers of this size, 512 KiB each): small enough to stay
in cache, large enough that the loop over criteria costs little. Measured: m = 10,000 × n = 50 in
about 3 s."""


def _frozen(array: ArrayLike, dtype: Any) -> NDArray[Any]:
    out = np.array(array, dtype=dtype)
    out.flags.writeable = False
    return out


def rank_range_arrays(
    low_values: ArrayLike,
    high_values: ArrayLike,
    weights: ArrayLike,
    *,
    tolerance: float = TIE_TOLERANCE,
) -> tuple[FloatArray, FloatArray, IntArray, IntArray, BoolArray]:
    """Score ranges, best and worst ranks, and fixed pairs of the additive model.

    ``low_values`` and ``high_values`` are (m, n) bounds of each cell on the 0–1 value scale
    (already oriented: higher is better), ``weights`` (n,) sum to 1. Then

    * ``score_low[a] = sum_j w_j low_aj`` and ``score_high[a] = sum_j w_j high_aj``;
    * ``fixed[a, b]``: ``G[a, b] = sum_j w_j (low_aj - high_bj) > tolerance`` (``a`` stays
      above ``b`` wherever the cells lie);
    * ``best[a] = 1 + #{b != a: G[b, a] > tolerance}`` and
      ``worst[a] = 1 + #{b != a: -G[a, b] > tolerance}`` (competition ranking: a tie shares
      the better rank, as in :func:`model.ranking.competition_ranks`).

    Every comparison is decided from ``G``, a sum of per-criterion differences, never from the
    difference of two rounded totals: criteria on which two alternatives agree add exactly 0.
    Pairs are processed in blocks of rows (about 65,536 pairs, at least one row), so beyond the
    (m, m) boolean ``fixed`` the working memory is a few such blocks, never (m, m, n).

    >>> low = np.array([[0.8, 0.6], [0.2, 0.4], [0.5, 0.1]])
    >>> high = np.array([[0.8, 0.6], [0.9, 0.4], [0.5, 0.3]])
    >>> score_low, score_high, best, worst, fixed = rank_range_arrays(low, high, np.array([0.5, 0.5]))
    >>> score_low.tolist(), score_high.tolist()
    ([0.7, 0.30000000000000004, 0.3], [0.7, 0.65, 0.4])
    >>> best.tolist(), worst.tolist()
    ([1, 2, 2], [1, 3, 3])
    >>> fixed.astype(int).tolist()
    [[0, 1, 1], [0, 0, 0], [0, 0, 0]]
    """
    low = np.array(low_values, dtype=float)
    high = np.array(high_values, dtype=float)
    w = np.array(weights, dtype=float)
    if low.ndim != 2 or low.shape != high.shape or low.shape[0] < 1 or low.shape[1] < 1:
        raise ValueError(
            f"low and high values must be two (m, n) arrays of one shape; got {low.shape} and {high.shape}"
        )
    m, n = low.shape
    if w.shape != (n,):
        raise ValueError(f"expected {n} weights, one per criterion; got an array of shape {w.shape}")
    if not (np.all(np.isfinite(low)) and np.all(np.isfinite(high)) and np.all(np.isfinite(w))):
        raise ValueError("values and weights must be finite")
    if np.any(low > high):
        i, j = (int(k) for k in np.argwhere(low > high)[0])
        raise ValueError(
            f"every low value must be <= its high value; got {low[i, j]:g} > {high[i, j]:g} "
            f"at alternative {i + 1}, criterion {j + 1} (1-based)"
        )
    if np.any(w < 0) or abs(float(w.sum()) - 1.0) > 1e-9:
        raise ValueError(f"weights must be >= 0 and sum to 1 (normalise them first); got {w.tolist()}")
    if not (math.isfinite(tolerance) and tolerance >= 0):
        raise ValueError(f"tolerance must be a finite number >= 0; got {tolerance!r}")

    fixed = np.zeros((m, m), dtype=bool)
    worst = np.ones(m, dtype=np.int64)
    high_by_criterion = np.ascontiguousarray(high.T)
    rows = max(1, min(m, _BLOCK_ELEMENTS // m))
    margin = np.empty((rows, m))
    term = np.empty((rows, m))
    used = [j for j in range(n) if w[j] != 0]  # a zero weight adds exactly 0 to every difference
    for start in range(0, m, rows):
        stop = min(m, start + rows)
        block, scratch = margin[: stop - start], term[: stop - start]
        block.fill(0.0)
        for j in used:
            np.subtract.outer(low[start:stop, j], high_by_criterion[j], out=scratch)
            scratch *= w[j]
            block += scratch
        diagonal = (np.arange(stop - start), np.arange(start, stop))
        above = block > tolerance
        above[diagonal] = False
        fixed[start:stop] = above
        below = block < -tolerance  # -G[a, b] = sum_j w_j (high_bj - low_aj), negated exactly
        below[diagonal] = False
        worst[start:stop] += below.sum(axis=1)
    best = 1 + fixed.sum(axis=0, dtype=np.int64)
    score_low, score_high = low @ w, high @ w
    for array in (score_low, score_high, best, worst, fixed):  # ours alone: freeze, do not copy
        array.flags.writeable = False
    return score_low, score_high, best, worst, fixed


def value_ranges(problem: DecisionProblem) -> tuple[FloatArray, FloatArray]:
    """The (m, n) lowest and highest value ``v_j`` of every cell over its range, on the 0–1 scale.

    A straight value line (:func:`~model.methods.normalize.scale_normalize`, cost criteria
    inverted) takes its extremes at the range's ends; a piecewise-linear value function
    (:func:`~model.methods.normalize.value_function`), which need not be monotone, at the ends
    or at a break point inside the range.
    """
    low, high = problem.ranges
    bounds = (problem.scale_min, problem.scale_max, problem.is_benefit)
    at_low, at_high = scale_normalize(np.array(low), *bounds), scale_normalize(np.array(high), *bounds)
    for j, criterion in enumerate(problem.criteria):
        if criterion.value_function is not None:
            at_low[:, j] = value_function(low[:, j], criterion.value_function)
            at_high[:, j] = value_function(high[:, j], criterion.value_function)
    value_low, value_high = np.minimum(at_low, at_high), np.maximum(at_low, at_high)
    for j, criterion in enumerate(problem.criteria):
        for x, v in criterion.value_function or ():
            inside = (low[:, j] < x) & (x < high[:, j])
            value_low[inside, j] = np.minimum(value_low[inside, j], v)
            value_high[inside, j] = np.maximum(value_high[inside, j], v)
    return _frozen(value_low, float), _frozen(value_high, float)


@dataclass(frozen=True, eq=False)
class Place:
    """One rank and the alternatives that can hold it; settled when exactly one can, and nothing else."""

    rank: int
    candidates: tuple[str, ...]
    settled: bool


@dataclass(frozen=True, eq=False, repr=False)
class RankRanges(HtmlTable):
    """Rank ranges of the additive model: each alternative's possible scores and ranks.

    ``score_low`` / ``score_high``: the score range over every cell's range; ``best_rank`` /
    ``worst_rank``: the best and worst rank the alternative can take (competition ranking, ties
    within ``tolerance`` shared); ``fixed[a, b]``: the evidence fixes ``a`` above ``b``;
    ``score`` and ``rank``: the ranking at the given values (:func:`model.evaluate`). Arrays are
    in the order of ``alternatives``. A chain of near-ties (three scores each within
    ``tolerance`` of the next but not of each other) is the one case where ``rank`` may fall
    outside ``[best_rank, worst_rank]``: the ranking groups ties by their best member, the
    ranges compare pairs.
    """

    alternatives: tuple[str, ...]
    score: FloatArray
    rank: IntArray
    score_low: FloatArray
    score_high: FloatArray
    best_rank: IntArray
    worst_rank: IntArray
    fixed: BoolArray
    tolerance: float = TIE_TOLERANCE

    @cached_property
    def order(self) -> IntArray:
        """Indices best first at the given values (ties in file order), as :attr:`Ranking.order`."""
        return _frozen(np.lexsort((np.arange(len(self.alternatives)), self.rank)), np.int64)

    @cached_property
    def places(self) -> tuple[Place, ...]:
        """For each rank 1..m, the alternatives whose ``[best_rank, worst_rank]`` contains it (in
        ranking order). A place is settled when exactly one alternative can hold it and its best
        and worst rank are both that rank. A rank skipped by a tie (1, 1, 3) has no candidates."""
        holders: list[list[int]] = [[] for _ in self.alternatives]
        for i in self.order:
            for r in range(int(self.best_rank[i]), int(self.worst_rank[i]) + 1):
                holders[r - 1].append(int(i))
        return tuple(
            Place(
                r,
                tuple(self.alternatives[i] for i in held),
                len(held) == 1 and int(self.best_rank[held[0]]) == int(self.worst_rank[held[0]]) == r,
            )
            for r, held in enumerate(holders, start=1)
        )

    @cached_property
    def settled(self) -> tuple[str, ...]:
        """The alternatives whose place is settled, best first."""
        return tuple(place.candidates[0] for place in self.places if place.settled)

    def open_pairs(self) -> list[tuple[str, str]]:
        """Every unordered pair the evidence leaves open (neither is fixed above the other), once:
        the one ranked higher at the given values first, pairs in ranking order."""
        order = self.order
        pairs: list[tuple[str, str]] = []
        for p, i in enumerate(order[:-1]):
            rest = order[p + 1 :]
            still_open = ~self.fixed[i, rest] & ~self.fixed[rest, i]
            pairs.extend((self.alternatives[i], self.alternatives[k]) for k in rest[still_open])
        return pairs

    def _rows(self) -> list[dict[str, Any]]:
        settled = set(self.settled)
        return [
            {
                "rank": int(self.rank[i]),
                "alternative": self.alternatives[i],
                "score": float(self.score[i]),
                "score_low": float(self.score_low[i]),
                "score_high": float(self.score_high[i]),
                "best_rank": int(self.best_rank[i]),
                "worst_rank": int(self.worst_rank[i]),
                "settled": self.alternatives[i] in settled,
            }
            for i in self.order
        ]

    @property
    def table(self) -> pd.DataFrame:
        """One row per alternative in ranking order: rank, alternative, score, score_low,
        score_high, best_rank, worst_rank, settled."""
        import pandas as pd

        return pd.DataFrame(self._rows())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: alternatives in ranking order, places, open pairs and the tie tolerance."""
        return {
            "method": "weighted_sum",
            "tie_tolerance": self.tolerance,
            "alternatives": self._rows(),
            "places": [
                {"rank": place.rank, "candidates": list(place.candidates), "settled": place.settled}
                for place in self.places
            ],
            "open_pairs": [list(pair) for pair in self.open_pairs()],
        }

    def equals(self, other: object, *, atol: float = 1e-12) -> bool:
        """Same alternatives, ranks and fixed pairs; scores within ``atol``."""
        if not isinstance(other, RankRanges) or other.alternatives != self.alternatives:
            return False
        scores = all(
            np.allclose(getattr(self, key), getattr(other, key), rtol=0, atol=atol)
            for key in ("score", "score_low", "score_high")
        )
        exact = all(
            np.array_equal(getattr(self, key), getattr(other, key))
            for key in ("rank", "best_rank", "worst_rank", "fixed")
        )
        return scores and exact and self.tolerance == other.tolerance


def rank_ranges(problem: DecisionProblem, *, scenario: str | None = None) -> RankRanges:
    """Which places does the evidence settle? Rank ranges of the additive model at the given weights.

    Each cell varies over its range (:attr:`~model.problem.DecisionProblem.ranges`: confidence
    bands, label bands, interval ends, the whole scale for ``unknown``) and ``v_j`` maps it to
    value (see :func:`value_ranges`); :func:`rank_range_arrays` does the rest. ``scenario``
    applies a named scenario's weights first (:meth:`~model.problem.DecisionProblem.with_scenario`).
    Refuses (:class:`~model.errors.RequestError`) a problem whose method is not ``weighted_sum``:
    other methods' scores are not sums of independent per-cell terms.
    """
    if problem.method != "weighted_sum":
        raise RequestError(f"rank ranges need the additive model (method weighted_sum), got method {problem.method!r}")
    if scenario is not None:
        problem = problem.with_scenario(scenario)
    value_low, value_high = value_ranges(problem)
    score_low, score_high, best, worst, fixed = rank_range_arrays(value_low, value_high, problem.normalized_weights)
    ranking = evaluate(problem)
    return RankRanges(
        alternatives=problem.alternative_names,
        score=_frozen(ranking.scores, float),
        rank=_frozen(ranking.ranks, np.int64),
        score_low=score_low,
        score_high=score_high,
        best_rank=best,
        worst_rank=worst,
        fixed=fixed,
    )
