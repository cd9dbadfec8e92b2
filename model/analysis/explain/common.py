"""What explain, compare and diff share: the additive model's checks and small helpers.

May import numpy and the core (:mod:`model.problem`, :mod:`model.ranking`, :mod:`model.errors`).
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from model.errors import RequestError
from model.problem import DecisionProblem

FloatArray = NDArray[np.float64]


IntArray = NDArray[np.int64]


ADDITIVE = "weighted_sum"


BASE = "base"
"""The name :func:`compare_scenarios` gives the problem's own weights."""


EDGE = 1e-12  # float slack at the ends of [0, 1] and of a scale


# ----- small helpers ----------------------------------------------------------------------
def json_number(value: float | None) -> float | None:
    """A float for JSON: NaN and infinities become None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def frozen_array(array: Any, dtype: Any = float) -> NDArray[Any]:
    out = np.array(array, dtype=dtype)
    out.flags.writeable = False
    return out


def short_number(value: float) -> str:
    """Short text of a number: 3 rather than 3.0, four significant digits otherwise."""
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


def squash(text: str | None) -> str | None:
    """Text with runs of whitespace made one space (a reflowed YAML string is the same string)."""
    return None if text is None else " ".join(text.split())


def require_additive(problem: DecisionProblem, analysis: str) -> None:
    if problem.method != ADDITIVE:
        raise RequestError(
            f"{analysis} needs the additive model (method {ADDITIVE}), which splits each score into "
            f"per-criterion contributions; got method {problem.method!r} "
            f"(rank with method {ADDITIVE} to use {analysis})"
        )


def gain_rates(problem: DecisionProblem, weights: FloatArray) -> FloatArray:
    """Score change per scale unit of each criterion, ``± w_k / (max_k - min_k)``; NaN where a value
    function bends the score-to-value line (no single rate)."""
    sign = np.where(problem.is_benefit, 1.0, -1.0)
    gains = sign * weights / (problem.scale_max - problem.scale_min)
    bent = np.array([c.value_function is not None for c in problem.criteria], dtype=bool)
    return np.asarray(np.where(bent, np.nan, gains), dtype=float)


# ----- diff -------------------------------------------------------------------------------
ChangeKind = Literal[
    "method",
    "method_options",
    "criterion_added",
    "criterion_removed",
    "alternative_added",
    "alternative_removed",
    "direction",
    "scale",
    "value_function",
    "preference",
    "weight",
    "scenario_added",
    "scenario_removed",
    "scenario",
    "score",
    "confidence",
    "rationale",
    "evidence_removed",
    "evidence_added",
]
