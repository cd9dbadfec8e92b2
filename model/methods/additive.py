"""The additive value model (weighted sum) and the weighted product model (WPM).

Kernels on arrays: scores normalised on their declared scales (or through value functions),
cost criteria inverted, weighted and added; or raised to their weights and multiplied.
May import numpy, :mod:`.contract`, :mod:`.inputs` and :mod:`.normalize`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model.methods.contract import LazyDetails, MethodResult
from model.methods.inputs import FloatArray, MethodInputError, check_inputs
from model.methods.normalize import scale_normalize, value_points


# ----- weighted sum ----------------------------------------------------------------------------
def weighted_sum(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
    value_functions: Sequence[tuple[ArrayLike, ArrayLike] | None] | None = None,
) -> MethodResult:
    """Additive value model: ``V(a) = sum_j w_j v_j(a)``.

    ``v_j`` is, per criterion, either the scale-normalised score ``(x - min) / (max - min)``
    on the declared scale, inverted (``1 - v``) for a cost criterion; or, where
    ``value_functions[j]`` is ``(xs, vs)``, the piecewise-linear value function through
    those break points (:func:`model.methods.normalize.value_function`): ``xs`` strictly increasing
    and covering the scale, ``vs`` in [0, 1], constant beyond the ends. Its values are used
    as they are: the points already say which direction is better, so nothing is inverted
    (``is_benefit`` is ignored for that criterion). ``value_functions`` holds one entry per
    criterion, ``None`` for the linear normalisation; ``None`` altogether is all linear.
    For the weights to keep their meaning (swing weights), a value function should run from
    0 at the criterion's worst score to 1 at its best; this is not enforced.

    Assumes the criteria are preferentially independent and each ``v_j`` is an interval-scale
    value (Belton & Stewart 2002, ch. 5; Keeney & Raiffa 1976). A criterion whose scores are
    all equal adds the same amount to every alternative (no division by the observed spread
    anywhere). A dominating alternative never scores below the one it dominates, unless a
    value function is not monotone (then "better" is what the value function says).
    Details: ``normalized`` (each ``v_j(a)``) and ``contributions`` (each ``w_j v_j(a)``,
    which sum over criteria to the score). Works on any array whose last axis is the criteria.

    >>> result = weighted_sum(np.array([[0.0, 10.0], [5.0, 5.0]]), np.array([0.25, 0.75]),
    ...     scale_min=np.zeros(2), scale_max=np.full(2, 10.0), is_benefit=np.array([True, True]))
    >>> result.scores.tolist()
    [0.75, 0.5]
    >>> result.details["contributions"].tolist()
    [[0.0, 0.75], [0.125, 0.375]]
    >>> saturating = (np.array([0.0, 5.0, 10.0]), np.array([0.0, 1.0, 1.0]))  # 5 is as good as it gets
    >>> weighted_sum(np.array([[0.0, 10.0], [5.0, 5.0]]), np.array([0.25, 0.75]), scale_min=np.zeros(2),
    ...     scale_max=np.full(2, 10.0), is_benefit=np.array([True, True]),
    ...     value_functions=[None, saturating]).scores.tolist()
    [0.75, 0.875]
    """
    normalized = scale_normalize(matrix, scale_min, scale_max, is_benefit)
    if value_functions is not None:
        n = np.shape(matrix)[-1]
        if len(value_functions) != n:
            raise MethodInputError(
                f"weighted_sum needs one value function (or None) per criterion ({n}); got {len(value_functions)}"
            )
        normalized = np.array(normalized, dtype=float)
        for j, points in enumerate(value_functions):
            if points is None:
                continue
            try:
                xs, vs = value_points(*points, scale=(float(scale_min[j]), float(scale_max[j])))
            except (TypeError, ValueError) as error:
                raise MethodInputError(f"criterion {j + 1} (1-based): {error}", criterion=j) from None
            normalized[..., j] = np.interp(matrix[..., j], xs, vs)
    # one matrix-vector product; the contributions (which sum to the score) only when someone reads them
    scores = normalized @ weights
    return MethodResult(
        scores, LazyDetails({"normalized": normalized}, {"contributions": lambda: normalized * weights})
    )


# ----- weighted product ------------------------------------------------------------------------
def weighted_product(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
) -> MethodResult:
    """Weighted product model (WPM): ``P(a) = prod_j x_j(a) ** (+w_j)`` for benefit, ``** (-w_j)`` for cost criteria.

    Computed as ``exp(sum_j ±w_j log x_j)`` on the scores as declared (no normalisation:
    ``P(a) / P(b) = prod_j (x_j(a) / x_j(b)) ** ±w_j`` is unit-free, which is the point of
    the method). Because the weights sum to 1, ``P`` is a weighted geometric mean of the
    benefit scores times one of the reciprocal cost scores.

    Assumes ratio-scale scores: a true zero, so that "twice the score" means twice as good.
    A score ``<= 0`` on a criterion with positive weight is refused (a scale starting at 0
    cannot be used with WPM); criteria with zero weight are ignored. A criterion whose scores
    are all equal multiplies every score by the same factor, so it changes no ratio and no
    rank. A dominating alternative never scores below the one it dominates. References:
    Bridgman (1922), *Dimensional Analysis*; Miller & Starr (1969), *Executive Decisions and
    Operations Research*; Triantaphyllou (2000), *Multi-Criteria Decision Making Methods:
    A Comparative Study*, §2.2.2. Details: ``log_contributions`` (``±w_j log x_j``, which
    sum over criteria to ``log P``).

    >>> result = weighted_product(np.array([[4.0, 1.0], [1.0, 4.0]]), np.array([0.5, 0.5]),
    ...     scale_min=np.ones(2), scale_max=np.full(2, 9.0), is_benefit=np.array([True, False]))
    >>> result.scores.tolist()
    [2.0, 0.5]
    """
    matrix = np.asarray(matrix, dtype=float)
    check_inputs("WPM", matrix, weights, scale_min, scale_max, is_benefit)
    used = weights > 0
    bad = np.argwhere((matrix <= 0) & used)
    if bad.size:
        i, j = (int(k) for k in bad[0])
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        raise MethodInputError(
            f"WPM needs positive, ratio-scale scores; got {matrix[i, j]:g} at alternative {i + 1}, criterion {j + 1} "
            f"(1-based){more}. Criterion {j + 1}'s scale is [{scale_min[j]:g}, {scale_max[j]:g}]: "
            "a scale starting at 0 cannot be used with WPM (use a ratio scale whose scores are all > 0, e.g. 1–9)",
            alternative=i,
            criterion=j,
        )
    sign = np.where(is_benefit, 1.0, -1.0)
    logs = np.log(np.where(used, matrix, 1.0))
    log_contributions = (sign * weights) * logs
    return MethodResult(np.exp(log_contributions.sum(axis=1)), {"log_contributions": log_contributions})
