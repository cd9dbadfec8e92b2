"""Weights without pairwise judgements: direct weights, swing weights and rank-order weights
(ROC, rank sum, reciprocal; Barron & Barrett 1996), with ties.

May import numpy and :mod:`.common`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from model.weighting.ahp import check_n
from model.weighting.common import FloatArray, WeightsError, check_choice, fmt, frozen_array, number_vector, real_number

RANK_ORDER_METHODS: tuple[str, ...] = ("roc", "rank_sum", "reciprocal")
"""Rank-order weighting formulas of :func:`rank_order_weights` (Barron & Barrett 1996)."""


# ----- rank-order, swing and direct weights -------------------------------------------------
@dataclass(frozen=True, eq=False)
class ElicitedWeights:
    """Normalised weights from one elicitation, with the inputs they came from.

    Attributes
    ----------
    weights
        Non-negative, summing to 1, one per criterion (in input order).
    method
        ``"direct"``, ``"swing"``, ``"roc"``, ``"rank_sum"`` or ``"reciprocal"``.
    inputs
        The numbers as given (values, swing points or ranks).
    notes
        Plain statements about the inputs worth showing (e.g. a largest swing other than 100).

    numpy sees the weights: ``np.asarray(result)`` is ``result.weights``.
    """

    weights: FloatArray
    method: str
    inputs: FloatArray
    notes: tuple[str, ...] = ()

    def __array__(self, dtype: DTypeLike | None = None, copy: bool | None = None) -> NDArray[Any]:
        if copy:
            return np.array(self.weights, dtype=dtype, copy=True)
        return np.asarray(self.weights, dtype=dtype)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: method, weights, inputs, notes."""
        return {
            "method": self.method,
            "weights": self.weights.tolist(),
            "inputs": self.inputs.tolist(),
            "notes": list(self.notes),
        }

    def equals(self, other: object, *, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
        """Same method, notes and (to tolerance) weights and inputs."""
        return (
            isinstance(other, ElicitedWeights)
            and self.method == other.method
            and self.notes == other.notes
            and self.weights.shape == other.weights.shape
            and self.inputs.shape == other.inputs.shape
            and np.allclose(self.weights, other.weights, rtol=rtol, atol=atol)
            and np.allclose(self.inputs, other.inputs, rtol=rtol, atol=atol)
        )


def direct_weights(values: Sequence[float] | ArrayLike) -> ElicitedWeights:
    """Weights given directly, normalised to sum 1: ``w_k = v_k / sum(v)``.

    Values are finite and >= 0, at least one > 0; a 0 removes the criterion from the
    aggregation (its weight is 0 in the result).

    >>> direct_weights([30, 20, 20, 15, 15]).weights.tolist()
    [0.3, 0.2, 0.2, 0.15, 0.15]
    """
    vector = number_vector(values, "weight")
    return ElicitedWeights(frozen_array(vector / vector.sum()), "direct", frozen_array(vector))


def swing_weights(points: Sequence[float] | ArrayLike) -> ElicitedWeights:
    """Swing weights: points for each criterion's swing from worst to best, normalised to sum 1.

    The analyst imagines every criterion at its worst, picks the swing to best that matters
    most and gives it 100, then rates each other swing against it (0-100) (von Winterfeldt &
    Edwards 1986, ch. 8; SMARTS, Edwards & Barron 1994). ``w_k = p_k / sum(p)``: multiplying
    all points by a constant changes nothing. Points are finite and >= 0, at least one > 0; when
    the largest is not 100 the weights are computed all the same and ``notes`` says so.

    References
    ----------
    von Winterfeldt, D. & Edwards, W. (1986). *Decision Analysis and Behavioral Research*.
    Cambridge University Press. — Edwards, W. & Barron, F. H. (1994). SMARTS and SMARTER:
    improved simple methods for multiattribute utility measurement. *Organizational Behavior
    and Human Decision Processes* 60(3), 306-325.

    >>> result = swing_weights([100, 60, 40])
    >>> result.weights.tolist(), result.notes
    ([0.5, 0.3, 0.2], ())
    >>> swing_weights([80, 40]).notes
    ('the largest swing has 80 points, not 100 (the most important swing is usually given 100); the weights are its proportions all the same',)
    """  # noqa: E501
    vector = number_vector(points, "swing point")
    notes: tuple[str, ...] = ()
    largest = float(vector.max())
    if not math.isclose(largest, 100.0, rel_tol=1e-12):
        notes = (
            f"the largest swing has {fmt(largest)} points, not 100 (the most important swing is usually "
            "given 100); the weights are its proportions all the same",
        )
    return ElicitedWeights(frozen_array(vector / vector.sum()), "swing", frozen_array(vector), notes)


def rank_order_position_weights(n: int, method: str = "roc") -> FloatArray:
    """The weight of each position ``k = 1 .. n`` (1 = most important) without ties.

    - ROC (rank-order centroid): ``w_k = (1/n) sum_{i=k}^{n} 1/i``, the centroid of the
      simplex region ``w_1 >= w_2 >= ... >= w_n``;
    - rank sum: ``w_k = 2 (n + 1 - k) / (n (n + 1))``;
    - rank reciprocal: ``w_k = (1/k) / sum_{i=1}^{n} 1/i``.

    Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
    *Management Science* 42(11), 1515-1523.

    >>> rank_order_position_weights(4).round(4).tolist()
    [0.5208, 0.2708, 0.1458, 0.0625]
    """
    n = check_n(n)
    method = check_choice("method", method, RANK_ORDER_METHODS)
    k = np.arange(1, n + 1, dtype=float)
    if method == "roc":
        return np.cumsum((1.0 / k)[::-1])[::-1] / n
    if method == "rank_sum":
        return 2.0 * (n + 1 - k) / (n * (n + 1))
    return (1.0 / k) / np.sum(1.0 / k)


def rank_order_weights(ranks: Sequence[int] | ArrayLike, method: str = "roc") -> ElicitedWeights:
    """Weights from an importance ranking (Barron & Barrett 1996): ROC, rank sum or rank reciprocal.

    ``ranks[c]`` is criterion ``c``'s rank, 1 = most important. Criteria are put in rank order
    (ties keep input order) and take the weights of positions ``1 .. n``
    (:func:`rank_order_position_weights`). **Ties**: tied criteria share the average of the
    weights of the positions they occupy together, so the weights still sum to 1 and never
    increase down the ranking. Both usual ways of writing ties are accepted — dense
    (``1, 2, 2, 3``) and competition (``1, 2, 2, 4``) — and mean the same; any other gap is
    refused (a rank no criterion holds is usually a criterion forgotten).

    Raises
    ------
    WeightsError
        A rank that is not a whole number >= 1 (naming the criterion), ranks not starting at 1,
        or a gap, or an unknown ``method``.

    >>> rank_order_weights([1, 2, 3, 4], "rank_sum").weights.round(4).tolist()
    [0.4, 0.3, 0.2, 0.1]
    >>> rank_order_weights([1, 2, 2]).weights.round(4).tolist()  # (0.2778 + 0.1111) / 2 each
    [0.6111, 0.1944, 0.1944]
    """
    method = check_choice("method", method, RANK_ORDER_METHODS)
    if isinstance(ranks, np.ndarray):
        items: list[object] = ranks.tolist() if ranks.ndim == 1 else [ranks]
    elif isinstance(ranks, str | bytes) or not isinstance(ranks, Sequence):
        raise WeightsError("ranks", "a list of ranks, one per criterion", fmt(ranks))
    else:
        items = list(ranks)
    if not items:
        raise WeightsError("ranks", "a list of ranks, one per criterion", "an empty list")
    whole: list[int] = []
    for c, item in enumerate(items):
        x = real_number(item)
        if x is None or not math.isfinite(x) or not x.is_integer() or x < 1:
            raise WeightsError(
                f"criterion {c}", "a rank: a whole number >= 1 (1 = most important)", fmt(item), positions=(c,)
            )
        whole.append(int(x))
    rank = np.array(whole)
    n = rank.size
    distinct = sorted(set(rank.tolist()))
    dense = distinct == list(range(1, len(distinct) + 1))
    competition = all(r == 1 + int(np.sum(rank < r)) for r in distinct)
    if not (dense or competition):
        gap = next(r for r in range(1, n + 1) if r not in distinct)
        after = min(r for r in distinct if r > gap)
        raise WeightsError(
            "ranks",
            "ranks from 1 (most important) without gaps; tied criteria share a rank, written 1, 2, 2, 3 or 1, 2, 2, 4",
            ", ".join(str(r) for r in rank.tolist()) + f" (no criterion has rank {gap})",
            positions=np.flatnonzero(rank == after).tolist(),
        )
    position_weights = rank_order_position_weights(n, method)
    order = np.argsort(rank, kind="stable")
    weights = np.empty(n)
    start = 0
    for r in distinct:
        members = order[start : start + int(np.sum(rank == r))]
        weights[members] = position_weights[start : start + members.size].mean()
        start += members.size
    notes: tuple[str, ...] = ()
    if len(distinct) < n:
        notes = ("tied criteria share the average of the weights of the positions they occupy",)
    return ElicitedWeights(frozen_array(weights), method, frozen_array(rank), notes)
