"""The registry of aggregation methods: :class:`Method` and :data:`METHODS`.

Every kernel has the same signature, so a caller (ranking, sensitivity, Monte Carlo) can
swap methods without knowing them::

    kernel(matrix, weights, *, scale_min, scale_max, is_benefit, **options) -> MethodResult

``matrix`` is alternatives × criteria on the criteria's own scales, ``weights`` sums to 1,
``is_benefit`` marks the criteria where more is better. ``options`` are the method's own
keyword parameters, each with a default: :attr:`Method.options` reads them off the kernel's
signature, so they are declared once. A kernel refuses what it cannot handle with a
:class:`~model.methods.inputs.MethodInputError` (a ``ValueError``) saying what it expected
and what it found. The schema validates ``method:`` against the keys of :data:`METHODS`.
May import numpy and the other modules of this package.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from model.methods import promethee
from model.methods.additive import weighted_product, weighted_sum
from model.methods.ahp import ahp_relative
from model.methods.contract import Kernel, MethodResult
from model.methods.ideal import topsis, vikor
from model.methods.inputs import KERNEL_INPUTS, FloatArray, MethodInputError


def kernel_options(kernel: Callable[..., MethodResult]) -> dict[str, object]:
    """The keyword options of a kernel with their defaults: its keyword-only parameters beyond the inputs.

    >>> kernel_options(topsis)
    {'normalization': 'vector'}
    """
    options: dict[str, object] = {}
    for name, parameter in inspect.signature(kernel).parameters.items():
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or name in KERNEL_INPUTS:
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
    linear_in: str | None = None
    """The details key of values ``v`` (alternatives × criteria) that do not depend on the weights and
    give the score as ``sum_j w_j v_j``, summed as the kernel sums it; a batch of weight vectors is
    then one kernel call and a product per vector (:func:`model.evaluate_many`)."""
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
        model.methods.inputs.MethodInputError: method 'topsis' has no option 'normalisation'; ...
        """
        unknown = [name for name in options if name not in self.options]
        if unknown:
            expected = ", ".join(self.options) or "none (it takes no options)"
            raise MethodInputError(f"method {self.name!r} has no option {unknown[0]!r}; expected one of: {expected}")
        return self.kernel(matrix, weights, scale_min=scale_min, scale_max=scale_max, is_benefit=is_benefit, **options)


METHODS: dict[str, Method] = {
    "weighted_sum": Method(
        name="weighted_sum",
        label="weighted sum (additive value model)",
        kernel=weighted_sum,
        linear_in="normalized",
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
    "ahp": Method(
        name="ahp",
        label="AHP (relative measurement)",
        kernel=ahp_relative,
        summary="scores as consistent ratios x_i/x_k; each criterion scaled to sum 1 (max 1 if ideal), weighted, added",
        assumes="ratio-scale scores > 0; distributive mode (default) can reverse ranks when alternatives come or go",
    ),
}
