"""Several analysts' weight vectors: their mean, the spread between them, and each analyst's own.

May import numpy, :mod:`.common` and :mod:`.simple`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from model.weighting.common import FloatArray, WeightsError, fmt, frozen_array, number_vector
from model.weighting.simple import ElicitedWeights


# ----- several analysts ---------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Spread:
    """How far the analysts disagree, per criterion: minimum, maximum and standard deviation."""

    minimum: FloatArray
    maximum: FloatArray
    std: FloatArray

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``min``, ``max``, ``std`` lists."""
        return {"min": self.minimum.tolist(), "max": self.maximum.tolist(), "std": self.std.tolist()}


@dataclass(frozen=True, eq=False)
class GroupWeights:
    """Several analysts' weights combined by the mean of their normalised vectors.

    Attributes
    ----------
    weights
        ``mean_k w^(k)``: sums to 1 as each ``w^(k)`` does.
    individual
        ``analysts × criteria``: each analyst's normalised weights.
    spread
        Per criterion, over the analysts' normalised weights: ``minimum``, ``maximum`` and the
        population standard deviation (``ddof = 0``; 0 for a single analyst).
    """

    weights: FloatArray
    individual: FloatArray
    spread: Spread

    @property
    def analysts(self) -> int:
        """Number of analysts."""
        return int(self.individual.shape[0])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: weights, spread, individual vectors."""
        return {
            "analysts": self.analysts,
            "weights": self.weights.tolist(),
            "spread": self.spread.to_dict(),
            "individual": self.individual.tolist(),
        }

    def equals(self, other: object, *, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
        """Same arrays up to tolerance."""
        if not isinstance(other, GroupWeights) or self.individual.shape != other.individual.shape:
            return False
        pairs = [
            (self.weights, other.weights),
            (self.individual, other.individual),
            (self.spread.minimum, other.spread.minimum),
            (self.spread.maximum, other.spread.maximum),
            (self.spread.std, other.spread.std),
        ]
        return all(np.allclose(a, b, rtol=rtol, atol=atol) for a, b in pairs)


def group_weights(weight_sets: Sequence[ElicitedWeights | Sequence[float] | ArrayLike]) -> GroupWeights:
    """Combine several analysts' weights: the mean of their individually normalised vectors.

    Each entry is an :class:`ElicitedWeights` (its ``weights``) or raw non-negative numbers
    (normalised here, as :func:`direct_weights`). The rule: the arithmetic mean of normalised
    weights for direct, swing and rank-order elicitations; for AHP combine the *judgements*
    with :func:`group_ahp` instead (the geometric mean keeps reciprocity, Aczél & Saaty 1983).

    Raises
    ------
    WeightsError
        No analysts, vectors of different lengths, or a vector :func:`direct_weights` refuses;
        the message names the analyst and the criterion.

    >>> group = group_weights([[3, 1], [1, 1]])
    >>> group.weights.tolist(), group.spread.minimum.tolist(), group.spread.std.tolist()
    ([0.625, 0.375], [0.5, 0.25], [0.125, 0.125])
    """
    if isinstance(weight_sets, np.ndarray) and weight_sets.ndim == 2:
        weight_sets = list(weight_sets)
    if isinstance(weight_sets, str | bytes) or not isinstance(weight_sets, Sequence) or len(weight_sets) == 0:
        raise WeightsError("weight sets", "one weight vector per analyst, at least one", fmt(weight_sets))
    vectors: list[FloatArray] = []
    for k, entry in enumerate(weight_sets):
        raw = entry.weights if isinstance(entry, ElicitedWeights) else entry
        vector = number_vector(raw, "weight", analyst=k)
        if vectors and vector.size != vectors[0].size:
            raise WeightsError(
                f"analyst {k}, weights",
                f"{vectors[0].size} weights, as many as analyst 0 gave",
                str(vector.size),
                analyst=k,
            )
        vectors.append(vector / vector.sum())
    individual = np.vstack(vectors)
    spread = Spread(
        frozen_array(individual.min(axis=0)), frozen_array(individual.max(axis=0)), frozen_array(individual.std(axis=0))
    )
    return GroupWeights(frozen_array(individual.mean(axis=0)), frozen_array(individual), spread)
