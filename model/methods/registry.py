"""Aggregation methods: plain functions on arrays, registered by name in :data:`METHODS`.

Every kernel has the same signature, so a caller (ranking, sensitivity, Monte Carlo) can
swap methods without knowing them::

    kernel(matrix, weights, *, scale_min, scale_max, is_benefit, **options) -> MethodResult

``matrix`` is alternatives × criteria on the criteria's own scales, ``weights`` sums to 1,
``is_benefit`` marks the criteria where more is better. ``options`` are the method's own
keyword parameters, each with a default: :attr:`Method.options` reads them off the kernel's
signature, so they are declared once. A kernel refuses what it cannot handle with a
:class:`MethodInputError` (a ``ValueError``) saying what it expected and what it found.
The schema validates ``method:`` against the keys of :data:`METHODS`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model.methods import promethee
from model.methods.contract import Kernel, MethodResult
from model.methods.normalize import scale_normalize, value_points

FloatArray = NDArray[np.float64]

VALUE_TOLERANCE = 1e-12
"""Two values of S, R or Q (all on [0, 1]) closer than this are equal for VIKOR's conditions."""

WEIGHT_SUM_TOLERANCE = 1e-6
"""How far from 1 the weights given to a kernel may sum (they are normalised by the caller)."""

_INPUTS = ("scale_min", "scale_max", "is_benefit")


class MethodInputError(ValueError):
    """Input a kernel cannot handle.

    ``alternative`` and ``criterion`` are the 0-based indices of the cell to blame, if one is,
    so that a caller who knows the names can say which cell it is.
    """

    def __init__(self, message: str, *, alternative: int | None = None, criterion: int | None = None) -> None:
        super().__init__(message)
        self.alternative = alternative
        self.criterion = criterion


def kernel_options(kernel: Callable[..., MethodResult]) -> dict[str, object]:
    """The keyword options of a kernel with their defaults: its keyword-only parameters beyond the inputs.

    >>> kernel_options(topsis)
    {'normalization': 'vector'}
    """
    options: dict[str, object] = {}
    for name, parameter in inspect.signature(kernel).parameters.items():
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or name in _INPUTS:
            continue
        if parameter.default is inspect.Parameter.empty:
            raise TypeError(f"kernel option {name!r} of {kernel.__name__} needs a default")
        options[name] = parameter.default
    return options


@dataclass(frozen=True)
class Method:
    """A registered aggregation method.

    ``label`` and ``summary`` are shown to users, as is ``assumes`` (one line: what the
    method takes for granted about the scores). ``options`` is read off the kernel's
    signature (keyword-only parameters with defaults), never written twice.
    """

    name: str
    label: str
    kernel: Kernel | Callable[..., MethodResult]
    higher_is_better: bool = True
    summary: str = ""
    assumes: str = ""
    options: Mapping[str, object] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", MappingProxyType(kernel_options(self.kernel)))

    def run(
        self,
        matrix: FloatArray,
        weights: FloatArray,
        *,
        scale_min: FloatArray,
        scale_max: FloatArray,
        is_benefit: NDArray[np.bool_],
        **options: Any,
    ) -> MethodResult:
        """Call the kernel, first refusing an option it does not have (``ValueError``, not ``TypeError``).

        >>> METHODS["topsis"].run(np.ones((1, 1)), np.ones(1), scale_min=np.zeros(1), scale_max=np.ones(1),
        ...     is_benefit=np.ones(1, dtype=bool), normalisation="vector")
        Traceback (most recent call last):
        ...
        model.methods.registry.MethodInputError: method 'topsis' has no option 'normalisation'; expected one of: normalization
        """
        unknown = [name for name in options if name not in self.options]
        if unknown:
            expected = ", ".join(self.options) or "none (it takes no options)"
            raise MethodInputError(f"method {self.name!r} has no option {unknown[0]!r}; expected one of: {expected}")
        return self.kernel(matrix, weights, scale_min=scale_min, scale_max=scale_max, is_benefit=is_benefit, **options)


# ----- input checks shared by the kernels ----------------------------------------------------
def _check_inputs(
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


def _check_spans(method: str, scale_min: FloatArray, scale_max: FloatArray) -> FloatArray:
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
    contributions = normalized * weights
    return MethodResult(contributions.sum(axis=-1), {"normalized": normalized, "contributions": contributions})


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
    _check_inputs("WPM", matrix, weights, scale_min, scale_max, is_benefit)
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
    _check_inputs("TOPSIS", matrix, weights, scale_min, scale_max, is_benefit)
    if normalization == "vector":
        norms = np.sqrt(np.einsum("ij,ij->j", matrix, matrix))
        normalized = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    elif normalization == "minmax":
        span = _check_spans("TOPSIS", scale_min, scale_max)
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
    m, _ = _check_inputs("VIKOR", matrix, weights, scale_min, scale_max, is_benefit)
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


METHODS: dict[str, Method] = {
    "weighted_sum": Method(
        name="weighted_sum",
        label="weighted sum (additive value model)",
        kernel=weighted_sum,
        summary="each score normalised on its declared scale, cost criteria inverted, weighted and added",
        assumes="criteria preferentially independent; scores are interval-scale values on their declared scales",
    ),
    "weighted_product": Method(
        name="weighted_product",
        label="weighted product (WPM)",
        kernel=weighted_product,
        summary="scores raised to the power of their weights (negative for cost criteria) and multiplied",
        assumes="ratio-scale scores with a true zero: every score > 0 (a scale starting at 0 cannot be used)",
    ),
    "topsis": Method(
        name="topsis",
        label="TOPSIS (closeness to the ideal)",
        kernel=topsis,
        summary="relative closeness to the best observed point and distance from the worst, after normalising",
        assumes="cardinal, compensatory criteria; ideal and anti-ideal are the observed extremes (ranks can reverse)",
    ),
    "vikor": Method(
        name="vikor",
        label="VIKOR (compromise ranking, lower Q is better)",
        kernel=vikor,
        higher_is_better=False,
        summary="Q blends group utility S and worst individual regret R; reports the compromise solution",
        assumes="a compromise is acceptable; best and worst are the observed extremes (rank reversal possible)",
    ),
    "promethee_ii": Method(
        name="promethee_ii",
        label="PROMETHEE II (net outranking flow)",
        kernel=promethee.promethee_ii,
        summary="pairwise preferences per criterion (preference functions, thresholds q, p, s), net flow φ = φ⁺ − φ⁻",
        assumes="differences matter only through each criterion's preference function; PROMETHEE I partial order kept",
    ),
}
