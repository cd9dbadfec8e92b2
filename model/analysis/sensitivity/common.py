"""What the sensitivity analyses share: the additive model's arrays of a problem, result helpers.

May import numpy, the core (:mod:`model.problem`, :mod:`model.errors`) and :mod:`model.methods`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from model.errors import RequestError, did_you_mean
from model.methods.normalize import scale_normalize, value_function
from model.problem import DecisionProblem

FloatArray = NDArray[np.float64]


BoolArray = NDArray[np.bool_]


IntArray = NDArray[np.int64]


# ----- small helpers ----------------------------------------------------------------------
def frozen_array(array: ArrayLike, dtype: DTypeLike = float) -> NDArray[Any]:
    """A read-only copy (results are immutable; numpy arrays are only shallowly frozen otherwise)."""
    out = np.array(array, dtype=dtype)
    out.flags.writeable = False
    return out


def json_number(value: float) -> float | None:
    """A float for JSON: NaN and infinities become None."""
    value = float(value)
    return value if math.isfinite(value) else None


def position_of(kind: str, name: str, known: Sequence[str]) -> int:
    if name in known:
        return list(known).index(name)
    hint = did_you_mean(name, known)
    message = f"unknown {kind} {name!r}; expected one of: {', '.join(known)}"
    raise RequestError(message + (f" ({hint})" if hint else ""))


def additive_model(problem: DecisionProblem) -> tuple[FloatArray, FloatArray]:
    """The scale-normalised values (m × n) and normalised weights (n) of the additive model."""
    if problem.method != "weighted_sum":
        raise RequestError(
            f"the exact sensitivity analyses need the additive model (method weighted_sum), "
            f"got method {problem.method!r}"
        )
    values = scale_normalize(np.array(problem.values), problem.scale_min, problem.scale_max, problem.is_benefit)
    for j, criterion in enumerate(problem.criteria):
        if criterion.value_function is not None:  # the additive model's v_j, whatever shape it has
            values[:, j] = value_function(problem.values[:, j], criterion.value_function)
    return np.asarray(values, dtype=float), np.array(problem.normalized_weights, dtype=float)


def require_straight_value_lines(problem: DecisionProblem, analysis: str) -> None:
    """Score analyses step along the scale in straight lines; value functions bend them."""
    bent = [c.id for c in problem.criteria if c.value_function is not None]
    if bent:
        raise RequestError(
            f"{analysis} assumes each score maps to value along a straight line, but {', '.join(bent)} "
            "has a value function; the weight analyses still apply"
        )


MAX_PAIRWISE_ALTERNATIVES = 1_000
"""Most alternatives the analyses that compare every pair accept (weight sweeps and their
crossovers, stability intervals, critical criteria, the minimum weight change, ordinal dominance):
their work and memory grow with the square of the alternatives (1,000 take about 6 s and 0.5 GB).
Above it they refuse with a clear message; ``rank`` (with its rank ranges), ``explain``,
``score_sensitivity``, ``tornado`` and ``smaa`` scale further."""


def require_pairwise_size(problem: DecisionProblem, analysis: str) -> None:
    """Refuse an every-pair analysis of more than :data:`MAX_PAIRWISE_ALTERNATIVES` alternatives."""
    m = len(problem.alternatives)
    if m > MAX_PAIRWISE_ALTERNATIVES:
        raise RequestError(
            f"{analysis}: every pair of alternatives is compared, so expected at most {MAX_PAIRWISE_ALTERNATIVES:,} "
            f"alternatives, got {m:,}; for a problem this size use rank (with its rank ranges), explain, "
            "the tornado or smaa"
        )
