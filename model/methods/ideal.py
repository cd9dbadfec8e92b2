"""Ideal-point methods: TOPSIS (Hwang & Yoon 1981) and VIKOR (Opricovic & Tzeng 2004).

Both measure each alternative against the best and worst observed values, so adding an
alternative can reorder others; both are kernels on arrays. May import numpy,
:mod:`.contract`, :mod:`.inputs` and :mod:`.normalize`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from model.methods.contract import MethodResult
from model.methods.inputs import FloatArray, MethodInputError, check_inputs, check_spans

VALUE_TOLERANCE = 1e-12
"""Two values of S, R or Q (all on [0, 1]) closer than this are equal for VIKOR's conditions."""


# ----- TOPSIS ----------------------------------------------------------------------------------
TOPSIS_NORMALIZATIONS = ("vector", "minmax")


def topsis(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
    normalization: str = "vector",
) -> MethodResult:
    """TOPSIS: closeness to the ideal point, ``C(a) = d⁻(a) / (d⁺(a) + d⁻(a))`` (higher is better).

    1. Normalise each column: ``normalization="vector"`` (Hwang & Yoon's) divides by the
       column's Euclidean norm, ``r = x / sqrt(sum_a x(a)**2)``; ``"minmax"`` maps the
       declared scale onto [0, 1], ``r = (x - min) / (max - min)``. Neither inverts cost
       criteria: the ideal points take care of direction.
    2. Weight: ``t = w_j r``.
    3. Ideal ``t⁺_j`` = the best observed ``t`` (max for benefit, min for cost criteria);
       anti-ideal ``t⁻_j`` = the worst.
    4. Euclidean distances ``d⁺(a) = ||t(a) - t⁺||`` and ``d⁻(a) = ||t(a) - t⁻||``; ``C = d⁻ / (d⁺ + d⁻)``.

    Assumes the criteria are independent and compensatory and the scores cardinal; the ideal
    and anti-ideal are the observed extremes, so adding or removing an alternative can reorder
    the others (rank reversal), and vector normalisation depends on the units (not on their
    scale factor, but on the origin). A criterion whose scores are all equal puts the ideal
    and the anti-ideal at the same place on it and contributes nothing to either distance; a
    column of zeros has norm 0 and normalises to zeros (no division). If every criterion is
    like that, every alternative is at the ideal and the anti-ideal at once (``d⁺ = d⁻ = 0``)
    and ``C = 0.5`` for all, by definition. A dominating alternative never scores below the
    one it dominates (``d⁺`` can only shrink, ``d⁻`` only grow). Reference: Hwang, C.-L. &
    Yoon, K. (1981), *Multiple Attribute Decision Making: Methods and Applications*, Springer
    (Lecture Notes in Economics and Mathematical Systems 186). Details:
    ``normalized``, ``weighted``, ``ideal``, ``anti_ideal``, ``distance_ideal``,
    ``distance_anti_ideal``, ``closeness``.

    >>> result = topsis(np.array([[3.0, 4.0], [4.0, 3.0], [0.0, 0.0]]), np.array([0.5, 0.5]),
    ...     scale_min=np.zeros(2), scale_max=np.full(2, 5.0), is_benefit=np.array([True, True]))
    >>> result.scores.round(4).tolist()
    [0.8333, 0.8333, 0.0]
    """
    matrix = np.asarray(matrix, dtype=float)
    check_inputs("TOPSIS", matrix, weights, scale_min, scale_max, is_benefit)
    if normalization == "vector":
        norms = np.sqrt(np.einsum("ij,ij->j", matrix, matrix))
        normalized = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    elif normalization == "minmax":
        span = check_spans("TOPSIS", scale_min, scale_max)
        normalized = (matrix - scale_min) / span
    else:
        raise MethodInputError(
            f"TOPSIS option normalization must be one of {', '.join(map(repr, TOPSIS_NORMALIZATIONS))}; "
            f"got {normalization!r}"
        )
    weighted = normalized * weights
    high, low = weighted.max(axis=0), weighted.min(axis=0)
    ideal = np.where(is_benefit, high, low)
    anti_ideal = np.where(is_benefit, low, high)
    distance_ideal = np.sqrt(np.square(weighted - ideal).sum(axis=1))
    distance_anti_ideal = np.sqrt(np.square(weighted - anti_ideal).sum(axis=1))
    total = distance_ideal + distance_anti_ideal
    closeness = np.divide(distance_anti_ideal, total, out=np.full_like(total, 0.5), where=total > 0)
    return MethodResult(
        closeness,
        {
            "normalized": normalized,
            "weighted": weighted,
            "ideal": ideal,
            "anti_ideal": anti_ideal,
            "distance_ideal": distance_ideal,
            "distance_anti_ideal": distance_anti_ideal,
            "closeness": closeness,
        },
    )


# ----- VIKOR -----------------------------------------------------------------------------------
def vikor(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
    v: float = 0.5,
) -> MethodResult:
    """VIKOR compromise ranking: ``Q`` (LOWER is better) from group utility ``S`` and individual regret ``R``.

    With ``f*_j`` the best and ``f⁻_j`` the worst observed score on criterion ``j`` (max and
    min for benefit, min and max for cost criteria) and ``d_j(a) = w_j (f*_j - x_j(a)) / (f*_j - f⁻_j)``:

    * ``S(a) = sum_j d_j(a)``, ``R(a) = max_j d_j(a)``;
    * ``Q(a) = v (S(a) - S*) / (S⁻ - S*) + (1 - v) (R(a) - R*) / (R⁻ - R*)``, with ``S* = min S``,
      ``S⁻ = max S`` (the same for ``R``) and ``v`` in [0, 1] the weight of the strategy of the
      majority of criteria (0.5: consensus).

    No term divides by zero: a criterion whose scores are all equal (``f*_j = f⁻_j``) has
    ``d_j = 0`` for everyone (it contributes nothing), and when all ``S`` (or all ``R``) are
    equal (within :data:`VALUE_TOLERANCE`) that term of ``Q`` is 0. The compromise solution,
    with ``a'`` first by ``Q``, ``a''`` second, ``m`` alternatives and ``DQ = 1 / (m - 1)``:

    * C1 ``advantage``: ``Q(a'') - Q(a') >= DQ``;
    * C2 ``stability``: ``a'`` is also first by ``S`` or by ``R``;
    * ``compromise``: ``a'`` alone if both hold; ``a'`` and ``a''`` if only C2 fails; every
      ``a`` with ``Q(a) - Q(a') < DQ`` if C1 fails.

    Ties are handled without regard to the order of the alternatives: several alternatives
    tied first by ``Q`` fail C1 (the gap is 0); C2 holds if one of them is first by ``S`` or
    ``R``; alternatives tied second by ``Q`` all join ``a'`` when only C2 fails. Values within
    :data:`VALUE_TOLERANCE` are equal. A single alternative is the compromise, and C1 and C2
    are reported as holding. ``Q`` never ranks a dominating alternative below the one it
    dominates (``S`` and ``R`` can only be smaller). Assumes compromise is acceptable and the
    scores cardinal; ``f*`` and ``f⁻`` are the observed extremes, so adding or removing an
    alternative can reorder the others. Reference: Opricovic, S. & Tzeng, G.-H. (2004),
    Compromise solution by MCDM methods: a comparative analysis of VIKOR and TOPSIS, *EJOR*
    156(2), 445–455. Details: ``S``, ``R``, ``Q``, ``advantage`` and ``stability`` (0-d
    booleans), ``compromise`` (one boolean per alternative).

    >>> result = vikor(np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]]), np.array([0.5, 0.5]),
    ...     scale_min=np.array([0.0, 0.0]), scale_max=np.array([10.0, 5000.0]), is_benefit=np.array([False, True]))
    >>> result.scores.tolist(), result.details["compromise"].tolist()
    ([1.0, 0.0, 1.0], [False, True, False])
    """
    matrix = np.asarray(matrix, dtype=float)
    if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) or not 0 <= v <= 1:
        raise MethodInputError(f"VIKOR option v must be a number in [0, 1]; got {v!r}")
    m, _ = check_inputs("VIKOR", matrix, weights, scale_min, scale_max, is_benefit)
    high, low = matrix.max(axis=0), matrix.min(axis=0)
    best = np.where(is_benefit, high, low)
    spread = high - low  # |f* - f⁻|; (f* - x) / (f* - f⁻) = |f* - x| / |f* - f⁻|
    regret = np.divide(np.abs(best - matrix), spread, out=np.zeros_like(matrix), where=spread > 0)
    terms = weights * regret
    group, individual = terms.sum(axis=1), terms.max(axis=1)
    q = float(v) * _unit(group) + (1.0 - float(v)) * _unit(individual)

    q_best = q.min()
    first = q <= q_best + VALUE_TOLERANCE
    stability = bool(
        np.any(first & ((group <= group.min() + VALUE_TOLERANCE) | (individual <= individual.min() + VALUE_TOLERANCE)))
    )
    if m == 1:
        advantage, compromise = True, first
    else:
        dq = 1.0 / (m - 1)
        rest = q[~first]
        advantage = bool(rest.size) and float(rest.min()) - q_best >= dq - VALUE_TOLERANCE
        if not advantage:
            compromise = q - q_best < dq - VALUE_TOLERANCE
            compromise |= first
        elif stability:
            compromise = first
        else:
            compromise = first | (q <= rest.min() + VALUE_TOLERANCE)
    return MethodResult(
        q,
        {
            "S": group,
            "R": individual,
            "Q": q,
            "advantage": np.array(advantage),
            "stability": np.array(stability),
            "compromise": np.asarray(compromise, dtype=bool),
        },
    )


def _unit(values: FloatArray) -> FloatArray:
    """``(x - min) / (max - min)``, or zeros when all values are equal (no division by zero).

    "Equal" is within :data:`VALUE_TOLERANCE`: sums of the same terms in another order can
    differ in the last bit, and dividing by that would blow rounding noise up to 0 versus 1.
    """
    low, span = values.min(), values.max() - values.min()
    if span > VALUE_TOLERANCE:
        result: FloatArray = (values - low) / span
        return result
    return np.zeros_like(values)
