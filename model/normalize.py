"""Normalisation kernels: numbers on a criterion's scale to values in [0, 1], benefit-oriented.

Kernels take and return arrays only; they know nothing of names, files or evidence.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def scale_normalize(
    matrix: NDArray[np.float64],
    scale_min: NDArray[np.float64],
    scale_max: NDArray[np.float64],
    is_benefit: NDArray[np.bool_],
) -> NDArray[np.float64]:
    """Map each column from its declared scale onto [0, 1]; then invert cost columns.

    ``v = (x - min) / (max - min)`` for a benefit criterion and ``1 - v`` for a cost one.
    The bounds are the criterion's *declared* scale, not the observed extremes, so adding
    or removing an alternative never changes another's normalised value (no rank reversal
    from normalisation). Works on any array whose last axis is the criteria.

    >>> scale_normalize(np.array([[1.0, 9.0], [5.0, 3.0]]), np.array([1.0, 1.0]),
    ...                 np.array([9.0, 9.0]), np.array([True, False]))
    array([[0.  , 0.  ],
           [0.5 , 0.75]])
    """
    span = scale_max - scale_min
    if np.any(span <= 0):
        raise ValueError("every scale needs max > min")
    fraction = (matrix - scale_min) / span
    return np.where(is_benefit, fraction, 1.0 - fraction)
