"""PROMETHEE's six preference functions and their thresholds (Brans & Vincke 1985).

Which thresholds each function takes (:data:`THRESHOLDS_USED`), the checks that refuse a
missing, unused or out-of-range threshold (:class:`PrometheeParameterError`), and the
preference degree ``P_j(d)`` of an oriented difference. Kernels on arrays; may import numpy
and :mod:`model.errors`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model.errors import did_you_mean, one_of

FloatArray = NDArray[np.float64]


BoolArray = NDArray[np.bool_]


IndexArray = NDArray[np.intp]


PREFERENCE_FUNCTIONS = ("usual", "u_shape", "v_shape", "level", "linear", "gaussian")
"""The preference functions, types I to VI of Brans & Vincke (1985), in that order."""


THRESHOLDS_USED: Mapping[str, tuple[str, ...]] = {
    "usual": (),
    "u_shape": ("q",),
    "v_shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}
"""The thresholds each preference function takes (and must be given)."""


_THRESHOLD_NAMES = {"q": "indifference threshold q", "p": "preference threshold p", "s": "Gaussian threshold s"}


class PrometheeParameterError(ValueError):
    """A bad preference function or threshold, with the criterion it belongs to.

    ``criterion`` is the 0-based column index (None when the problem is not one criterion's,
    such as an array of the wrong length) and ``parameter`` is ``"function"``, ``"q"``,
    ``"p"`` or ``"s"``, so that a caller can point at the right place of its input file.
    """

    def __init__(self, message: str, *, criterion: int | None = None, parameter: str | None = None) -> None:
        super().__init__(message)
        self.criterion = criterion
        self.parameter = parameter


@dataclass(frozen=True)
class PreferenceFunction:
    """One criterion's preference function (a name of :data:`PREFERENCE_FUNCTIONS`) and the
    thresholds it uses, the others None (already validated by :func:`criteria_parameters`)."""

    function: str
    q: float | None = None
    p: float | None = None
    s: float | None = None


def _number(value: float) -> str:
    return f"{value:g}"


def _threshold_problem(function: str, q: float | None, p: float | None, s: float | None) -> tuple[str, str] | None:
    """What is wrong with one criterion's function and thresholds, as (parameter, message), or None."""
    if not isinstance(function, str) or function not in THRESHOLDS_USED:
        hint = did_you_mean(function, PREFERENCE_FUNCTIONS) if isinstance(function, str) else None
        return "function", (
            f"expected a preference function ({one_of(PREFERENCE_FUNCTIONS)}), got {function!r}"
            + (f" ({hint})" if hint else "")
        )
    used = THRESHOLDS_USED[function]
    given = {"q": q, "p": p, "s": s}
    for name, value in given.items():
        if value is not None and name not in used:
            takes = " and ".join(used) if used else "no threshold"
            return name, f"expected no {name} for {function!r} (it takes {takes}), got {name} = {_number(value)}"
    for name in used:
        value = given[name]
        if value is None:
            article = "an" if name == "q" else "a"
            return name, f"expected {article} {_THRESHOLD_NAMES[name]} for {function!r}, got none"
        if not math.isfinite(value):
            return name, f"expected a finite {_THRESHOLD_NAMES[name]}, got {name} = {_number(value)}"
    if q is not None and q < 0:
        return "q", f"expected an indifference threshold q >= 0, got q = {_number(q)}"
    if p is not None and p <= (q if q is not None else 0.0):
        bound = f"q = {_number(q)}" if q is not None else "0"
        return "p", f"expected a preference threshold p > {bound}, got p = {_number(p)}"
    if s is not None and s <= 0:
        return "s", f"expected a Gaussian threshold s > 0, got s = {_number(s)}"
    return None


def _optional(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def gaussian_preference(d: FloatArray, s: float, out: FloatArray | None = None, *, negated: bool = False) -> FloatArray:
    """``1 - exp(-d**2 / (2 s**2))`` elementwise, as ``-expm1(-(d/s)**2 / 2)``: accurate for small
    ``d``, and no overflow to ``inf/inf`` for huge ``d`` and ``s``. Its negative, ``expm1(...)``,
    with ``negated`` (saves a pass where a sum is negated anyway)."""
    with np.errstate(over="ignore", under="ignore"):
        x = np.divide(d, s, out=np.empty_like(d) if out is None else out)
        np.multiply(x, x, out=x)
        np.multiply(x, -0.5, out=x)
        np.expm1(x, out=x)
        if not negated:
            np.negative(x, out=x)
    return x


def preference_degree(
    d: ArrayLike, function: str, q: float | None = None, p: float | None = None, s: float | None = None
) -> FloatArray:
    """The preference ``P(d)`` in ``[0, 1]`` for oriented differences ``d`` (positive favours ``a``).

    Parameters
    ----------
    d : array_like
        Differences ``g(a) - g(b)`` (``g(b) - g(a)`` on a cost criterion), any shape.
    function : str
        One of :data:`PREFERENCE_FUNCTIONS` (types I–VI of Brans & Vincke 1985).
    q, p, s : float or None
        Indifference threshold ``q >= 0``, preference threshold ``p > q`` (``p > 0`` for
        ``v_shape``), Gaussian threshold ``s > 0``; exactly those the function uses, in the
        criterion's scale units (None or NaN: not given).

    Returns
    -------
    ndarray of float64, the shape of ``d``.

    Raises
    ------
    PrometheeParameterError
        An unknown function, or a missing, unused or out-of-range threshold.

    Examples
    --------
    >>> preference_degree([-1.0, 1.0, 2.0, 3.0, 4.0], "linear", q=1.0, p=3.0).tolist()
    [0.0, 0.0, 0.5, 1.0, 1.0]
    >>> preference_degree([1.0, 1.5, 3.0, 3.5], "level", q=1.0, p=3.0).tolist()
    [0.0, 0.5, 0.5, 1.0]
    >>> round(float(preference_degree(2.0, "gaussian", s=2.0)), 6)   # 1 - exp(-1/2)
    0.393469
    """
    q, p, s = _optional(q), _optional(p), _optional(s)
    problem = _threshold_problem(function, q, p, s)
    if problem is not None:
        raise PrometheeParameterError(problem[1], parameter=problem[0])
    return np.asarray(_preference(np.asarray(d, dtype=np.float64), PreferenceFunction(function, q, p, s)))


def _preference(d: FloatArray, criterion: PreferenceFunction) -> FloatArray:
    function, q, p, s = criterion.function, criterion.q or 0.0, criterion.p or 0.0, criterion.s or 0.0
    if function == "usual":
        return (d > 0).astype(np.float64)
    if function == "u_shape":
        return (d > q).astype(np.float64)
    if function == "v_shape":
        return np.where(d > p, 1.0, np.where(d > 0, d / p, 0.0))
    if function == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if function == "linear":
        return np.where(d > p, 1.0, np.where(d > q, (d - q) / (p - q), 0.0))
    return np.where(d > 0, gaussian_preference(d, s), 0.0)


def _per_criterion(values: ArrayLike | None, name: str, n: int) -> list[float | None]:
    if values is None:
        return [None] * n
    items = list(np.asarray(values, dtype=object).reshape(-1)) if not isinstance(values, Sequence) else list(values)
    if len(items) != n:
        raise PrometheeParameterError(
            f"{name}: expected one value per criterion ({n}), got {len(items)}", parameter=name
        )
    out: list[float | None] = []
    for j, item in enumerate(items):
        try:
            out.append(_optional(item))
        except (TypeError, ValueError):
            raise PrometheeParameterError(
                f"criterion #{j}: expected a number or None for {name}, got {item!r}", criterion=j, parameter=name
            ) from None
    return out


def criteria_parameters(
    n: int,
    functions: Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
) -> tuple[PreferenceFunction, ...]:
    """Validate per-criterion functions and thresholds; one :class:`PreferenceFunction` per column.

    ``functions`` defaults to ``"usual"`` everywhere; ``q``, ``p``, ``s`` are length-``n``
    sequences (None or NaN where not given) or None (given for no criterion). Raises
    :class:`PrometheeParameterError` with ``"criterion #j: expected …, got …"`` (``j`` 0-based).

    >>> [(c.function, c.p) for c in criteria_parameters(2, ["usual", "v_shape"], p=[None, 2.0])]
    [('usual', None), ('v_shape', 2.0)]
    >>> criteria_parameters(1, ["linear"], q=[2.0], p=[1.0])
    Traceback (most recent call last):
    ...
    model.methods.preference.PrometheeParameterError: criterion #0: expected a preference threshold p > q = 2, got p = 1
    """
    if functions is None:
        names: list[str] = ["usual"] * n
    else:
        if isinstance(functions, str):
            raise PrometheeParameterError(
                f"functions: expected one preference function per criterion ({n}), got the single string {functions!r}",
                parameter="function",
            )
        names = list(functions)
        if len(names) != n:
            raise PrometheeParameterError(
                f"functions: expected one preference function per criterion ({n}), got {len(names)}",
                parameter="function",
            )
    qs, ps, ss = _per_criterion(q, "q", n), _per_criterion(p, "p", n), _per_criterion(s, "s", n)
    criteria = []
    for j, (function, qj, pj, sj) in enumerate(zip(names, qs, ps, ss, strict=True)):
        problem = _threshold_problem(function, qj, pj, sj)
        if problem is not None:
            raise PrometheeParameterError(f"criterion #{j}: {problem[1]}", criterion=j, parameter=problem[0])
        criteria.append(PreferenceFunction(function, qj, pj, sj))
    return tuple(criteria)
