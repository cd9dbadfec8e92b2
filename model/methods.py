"""Aggregation methods: plain functions on arrays, registered by name in :data:`METHODS`.

Every kernel has the same signature, so a caller (ranking, sensitivity, Monte Carlo) can
swap methods without knowing them::

    kernel(matrix, weights, *, scale_min, scale_max, is_benefit) -> MethodResult

``matrix`` is alternatives × criteria on the criteria's own scales, ``weights`` sums to 1.
The schema validates ``method:`` against the keys of :data:`METHODS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray

from model.normalize import scale_normalize

FloatArray = NDArray[np.float64]


class MethodResult(NamedTuple):
    """What a kernel returns: one score per alternative and its named intermediates."""

    scores: FloatArray
    details: Mapping[str, FloatArray]


class Kernel(Protocol):
    def __call__(
        self,
        matrix: FloatArray,
        weights: FloatArray,
        *,
        scale_min: FloatArray,
        scale_max: FloatArray,
        is_benefit: NDArray[np.bool_],
    ) -> MethodResult: ...


@dataclass(frozen=True)
class Method:
    """A registered aggregation method."""

    name: str
    label: str
    kernel: Kernel | Callable[..., MethodResult]
    higher_is_better: bool = True
    summary: str = ""


def weighted_sum(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
) -> MethodResult:
    """Additive value model: ``V(a) = sum_j w_j v_j(a)``, with ``v_j`` the scale-normalised score.

    Assumes the criteria are preferentially independent and each score is an interval-scale
    value on its declared scale (Belton & Stewart 2002, ch. 5; Keeney & Raiffa 1976).
    Details: ``normalized`` (each ``v_j(a)``) and ``contributions`` (each ``w_j v_j(a)``,
    which sum over criteria to the score).

    >>> result = weighted_sum(np.array([[0.0, 10.0], [5.0, 5.0]]), np.array([0.25, 0.75]),
    ...     scale_min=np.zeros(2), scale_max=np.full(2, 10.0), is_benefit=np.array([True, True]))
    >>> result.scores.tolist()
    [0.75, 0.5]
    >>> result.details["contributions"].tolist()
    [[0.0, 0.75], [0.125, 0.375]]
    """
    normalized = scale_normalize(matrix, scale_min, scale_max, is_benefit)
    contributions = normalized * weights
    return MethodResult(contributions.sum(axis=-1), {"normalized": normalized, "contributions": contributions})


METHODS: dict[str, Method] = {
    "weighted_sum": Method(
        name="weighted_sum",
        label="weighted sum (additive value model)",
        kernel=weighted_sum,
        summary="each score normalised on its declared scale, cost criteria inverted, weighted and added",
    ),
}
