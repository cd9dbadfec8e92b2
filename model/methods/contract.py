"""The kernel contract shared by every aggregation method: arrays in, scores and intermediates out.

Kept apart from the registry (:mod:`model.methods`) so that method modules such as
:mod:`model.methods.promethee` can build on it while the registry imports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


class MethodResult(NamedTuple):
    """What a kernel returns: one score per alternative and its named intermediates."""

    scores: FloatArray
    details: Mapping[str, NDArray[Any]]


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
