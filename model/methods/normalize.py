"""Normalisation kernels: numbers on a criterion's scale to values in [0, 1].

Two ways: :func:`scale_normalize` maps each declared scale linearly onto [0, 1] and inverts
cost criteria (benefit-oriented); :func:`value_function` maps scores through piecewise-linear
break points whose values already say what is better. Kernels take and return arrays only;
they know nothing of names, files or evidence.

May import numpy only.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


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
    # in place on one new array (the same arithmetic as (x - min) / span, then 1 - v): one
    # allocation instead of three, which is what a 100,000 × 20 matrix costs
    fraction = np.subtract(matrix, scale_min, dtype=float)
    fraction /= span
    for j in np.flatnonzero(~np.asarray(is_benefit, dtype=bool)):
        np.subtract(1.0, fraction[..., j], out=fraction[..., j])
    return fraction


def value_points(
    xs: ArrayLike,
    vs: ArrayLike,
    *,
    scale: tuple[float, float] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The checked break points ``(xs, vs)`` of a piecewise-linear value function.

    ``xs`` must be finite and strictly increasing, ``vs`` finite and in [0, 1], with at least
    two points of each and as many of one as of the other. Given ``scale = (min, max)``, the
    points must also cover it: ``xs[0] <= min`` and ``xs[-1] >= max``. Raises ``ValueError``
    saying what was expected and what was found.

    >>> value_points([1, 5, 9], [0, 0.8, 1.0], scale=(1, 9))
    (array([1., 5., 9.]), array([0. , 0.8, 1. ]))
    """
    x = np.asarray(xs, dtype=float)
    v = np.asarray(vs, dtype=float)
    if x.ndim != 1 or v.shape != x.shape or x.size < 2:
        raise ValueError(
            "a value function needs at least two points, as many x as v; "
            f"got x of shape {x.shape}, v of shape {v.shape}"
        )
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(v))):
        raise ValueError(f"a value function needs finite points; got x = {x.tolist()}, v = {v.tolist()}")
    if np.any(np.diff(x) <= 0):
        raise ValueError(f"a value function needs strictly increasing x; got x = {x.tolist()}")
    if np.any((v < 0) | (v > 1)):
        raise ValueError(f"a value function needs values v in [0, 1]; got v = {v.tolist()}")
    if scale is not None and (x[0] > scale[0] or x[-1] < scale[1]):
        raise ValueError(
            f"a value function must cover its criterion's scale [{scale[0]:g}, {scale[1]:g}]; "
            f"got points from {x[0]:g} to {x[-1]:g}"
        )
    return x, v


def value_function(x: ArrayLike, points: ArrayLike) -> NDArray[np.float64]:
    """Map scores through the piecewise-linear value function with break points ``points``.

    ``points`` is ``[(x0, v0), (x1, v1), ...]`` with ``x`` strictly increasing and every ``v``
    in [0, 1] (checked by :func:`value_points`). Between two break points the value is
    interpolated linearly; beyond the first or last point it stays at that point's value.
    The points say which direction is better (falling values make a cost criterion; a peak
    makes a criterion whose best score lies inside the scale), so nothing is inverted.
    Vectorised: ``x`` may have any shape, and so has the result.

    >>> value_function(np.array([1.0, 3.0, 4.0, 9.0, 12.0]), [(1, 0.0), (5, 0.8), (9, 1.0)])
    array([0. , 0.4, 0.6, 1. , 1. ])
    """
    table = np.asarray(points, dtype=float)
    if table.ndim != 2 or table.shape[1] != 2:
        raise ValueError(f"value function points must be (x, v) pairs; got an array of shape {table.shape}")
    xs, vs = value_points(table[:, 0], table[:, 1])
    return np.asarray(np.interp(np.asarray(x, dtype=float), xs, vs), dtype=float)
