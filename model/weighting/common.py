"""What every weight elicitation shares: :class:`WeightsError` (a refusal that carries the
criterion indices and input positions involved) and small checks of numbers and choices.

May import numpy only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


# ----- errors -------------------------------------------------------------------------------
class WeightsError(ValueError):
    """A refused input: ``"<subject>: expected <expected>, got <found>"``, with the indices involved.

    Attributes
    ----------
    subject, expected, found, hint
        The parts of the message (``hint`` may be ``None``).
    pairs
        The judgements involved, as criterion-index pairs ``(i, j)`` (AHP only).
    positions
        Positions in the input sequence: of the judgements, or of the criteria in a vector.
    analyst
        Which analyst's input, for the group functions; ``None`` otherwise.
    """

    def __init__(
        self,
        subject: str,
        expected: str,
        found: str,
        *,
        hint: str | None = None,
        pairs: Sequence[tuple[int, int]] = (),
        positions: Sequence[int] = (),
        analyst: int | None = None,
    ) -> None:
        self.subject = subject
        self.expected = expected
        self.found = found
        self.hint = hint
        self.pairs = tuple(pairs)
        self.positions = tuple(positions)
        self.analyst = analyst
        message = f"{subject}: expected {expected}, got {found}"
        super().__init__(message if hint is None else f"{message}; {hint}")


def fmt(value: object) -> str:
    """A value for a message: Saaty values as ``3`` or ``1/3``, other numbers to 6 digits."""
    if isinstance(value, str):
        return repr(str(value))
    x = real_number(value)
    if x is None:
        return repr(value)
    if not math.isfinite(x):
        return str(x)
    if x > 0:
        for k in range(1, 10):
            if math.isclose(x, k, rel_tol=1e-9):
                return str(k)
            if math.isclose(x, 1.0 / k, rel_tol=1e-9):
                return f"1/{k}"
    return f"{x:.6g}"


def real_number(value: object) -> float | None:
    """``value`` as a float if it is a real number (not a bool, a string or a complex), else None."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real | np.integer | np.floating):
        return None
    return float(value)


def index_of(value: object) -> int | None:
    """``value`` as an int if it is an integer (not a bool), else None."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        return None
    return int(value)


def frozen_array(array: ArrayLike) -> FloatArray:
    """A read-only float copy (results are immutable; numpy arrays are only shallowly frozen)."""
    out = np.array(array, dtype=float)
    out.flags.writeable = False
    return out


def same_number(a: float | None, b: float | None, rtol: float, atol: float) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=rtol, abs_tol=atol)


def check_choice(name: str, value: object, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise WeightsError(name, "one of " + ", ".join(repr(c) for c in choices), fmt(value))
    return value


def number_vector(values: object, what: str, *, analyst: int | None = None) -> FloatArray:
    """A flat, non-empty vector of finite numbers >= 0 (each element checked, so errors name it)."""
    who = "" if analyst is None else f"analyst {analyst}, "
    if isinstance(values, np.ndarray):
        items: list[object] = values.tolist() if values.ndim == 1 else [values]
    elif isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise WeightsError(f"{who}{what}s", f"a list of {what}s, one per criterion", fmt(values), analyst=analyst)
    else:
        items = list(values)
    if not items:
        raise WeightsError(f"{who}{what}s", f"a list of {what}s, one per criterion", "an empty list", analyst=analyst)
    numbers: list[float] = []
    for k, item in enumerate(items):
        x = real_number(item)
        if x is None or not math.isfinite(x) or x < 0:
            raise WeightsError(f"{who}criterion {k}", f"a {what} >= 0", fmt(item), positions=(k,), analyst=analyst)
        numbers.append(x)
    vector = np.array(numbers)
    if not np.any(vector > 0):
        raise WeightsError(
            f"{who}{what}s",
            f"at least one {what} > 0 (weights are normalised by their sum)",
            f"all {len(items)} equal to 0",
            positions=range(len(items)),
            analyst=analyst,
        )
    return vector
