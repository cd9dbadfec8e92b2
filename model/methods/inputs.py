"""What every kernel checks before computing, and how it refuses: :class:`MethodInputError`
(a ``ValueError`` naming the cell to blame by index), shapes, finiteness, weights summing to
one, and scales with a positive span.

May import numpy only.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


WEIGHT_SUM_TOLERANCE = 1e-6
"""How far from 1 the weights given to a kernel may sum (they are normalised by the caller)."""


KERNEL_INPUTS = ("scale_min", "scale_max", "is_benefit")


class MethodInputError(ValueError):
    """Input a kernel cannot handle.

    ``alternative`` and ``criterion`` are the 0-based indices of the cell to blame, if one is,
    so that a caller who knows the names can say which cell it is.
    """

    def __init__(self, message: str, *, alternative: int | None = None, criterion: int | None = None) -> None:
        super().__init__(message)
        self.alternative = alternative
        self.criterion = criterion


# ----- input checks shared by the kernels ----------------------------------------------------
def check_inputs(
    method: str,
    matrix: FloatArray,
    weights: FloatArray,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
) -> tuple[int, int]:
    """(m, n) after checking shapes, finiteness and the weights; a :class:`MethodInputError` otherwise."""
    if matrix.ndim != 2 or matrix.shape[0] < 1 or matrix.shape[1] < 1:
        raise MethodInputError(
            f"{method} needs a 2-D matrix of alternatives × criteria with at least one of each; "
            f"got an array of shape {matrix.shape}"
        )
    m, n = matrix.shape
    for name, array in (("weights", weights), ("scale_min", scale_min), ("scale_max", scale_max)):
        if np.shape(array) != (n,):
            raise MethodInputError(
                f"{method} needs {name} with one entry per criterion ({n}); got shape {np.shape(array)}"
            )
    if np.shape(is_benefit) != (n,):
        raise MethodInputError(
            f"{method} needs is_benefit with one entry per criterion ({n}); got shape {np.shape(is_benefit)}"
        )
    bad = np.argwhere(~np.isfinite(matrix))
    if bad.size:
        i, j = (int(k) for k in bad[0])
        raise MethodInputError(
            f"{method} needs finite scores; got {matrix[i, j]} at alternative {i + 1}, criterion {j + 1} (1-based)",
            alternative=i,
            criterion=j,
        )
    if not np.all(np.isfinite(weights)) or np.any(weights < 0):
        raise MethodInputError(f"{method} needs finite weights >= 0; got {weights.tolist()}")
    total = float(weights.sum())
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise MethodInputError(f"{method} needs weights that sum to 1 (normalise them first); got a sum of {total:g}")
    return m, n


def check_spans(method: str, scale_min: FloatArray, scale_max: FloatArray) -> FloatArray:
    span = np.asarray(scale_max - scale_min, dtype=float)
    bad = np.flatnonzero(~(span > 0))
    if bad.size:
        j = int(bad[0])
        raise MethodInputError(
            f"{method} needs every declared scale with max > min; got [{scale_min[j]:g}, {scale_max[j]:g}] "
            f"for criterion {j + 1} (1-based)",
            criterion=j,
        )
    return span
