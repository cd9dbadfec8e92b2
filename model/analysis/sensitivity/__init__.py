"""Exact sensitivity analyses of the additive model: how far must an input move to change the answer?

Every analysis here is for the weighted sum on scale-normalised values,
``S(a) = sum_k w_k v_k(a)`` with ``v = scale_normalize(values)`` (cost criteria inverted) and
weights summing to 1. The score is linear in each weight and in each cell, so every
threshold below is an exact root or an exact linear programme, never a grid search.

Weights are walked with *proportional* renormalisation: when criterion ``k`` takes weight
``t``, every other weight ``j`` becomes ``(1 - t) w_j / (1 - w_k)`` (what Expert Choice and
Visual PROMETHEE do), so each score is a line in ``t``:
``S_a(t) = intercept[k, a] + slope[k, a] t``. When ``w_k = 1`` the other weights have no
proportions; they then share ``1 - t`` equally (said in :class:`WeightSweeps`).

Tie policy: the ranking's (:data:`model.ranking.TIE_TOLERANCE`: scores within it are tied and
share the better rank), decided from differences of the alternatives' values (each pair's
*difference line* ``d(t) = (1 - t) d(0) + t d(1)``, :func:`difference_lines`), never from
differences of rounded totals. So the winner "stays first" while no other alternative gets
ahead of it by more than the tolerance; a crossover is a weight at which a pair's difference
passes from beyond the tolerance on one side to beyond it on the other, at the exact root of
its difference line; a crossing that only brings two lines within the tolerance, or a tie at
exactly ``t = 0`` or ``t = 1``, is not an interior crossover; and a pair already tied needs no
weight change (Triantaphyllou & Sánchez).

The kernels (:func:`sweep_shares`, :func:`sweep_lines`, :func:`difference_lines`,
:func:`line_roots`, :func:`crossings`, :func:`stability_bounds`, :func:`critical_weight_changes`,
:func:`min_l1_weight_change`, :func:`ordered_simplex_vertices`, :func:`ordinal_dominance_arrays`,
:func:`score_change_boundaries`) take and return arrays; the public analyses take a
:class:`~model.problem.DecisionProblem` and attach the names. The minimum weight change and
potential optimality are linear programmes; each is settled in closed form when that is
certain (one rival binding, a vertex deciding) and scipy is imported only for the others.

With weights (1/2, 1/2), ``a`` scores ``t`` and ``b`` scores ``0.6 - 0.3 t`` as the weight ``t``
of ``x`` moves, so ``a`` overtakes ``b`` at ``t = 6/13``:

>>> from model import DecisionProblem
>>> from model.analysis.sensitivity import weight_sweeps, stability_intervals
>>> problem = DecisionProblem.from_matrix([[1.0, 0.0], [0.3, 0.6]], alternatives=["a", "b"],
...     criteria=["x", "y"], weights=[1, 1])
>>> [(c.criterion, round(c.weight, 4), c.gainer) for c in weight_sweeps(problem).crossovers]
[('x', 0.4615, 'a'), ('y', 0.5385, 'b')]
>>> stability_intervals(problem).top.round(4).tolist()
[[0.4615, 1.0], [0.0, 0.5385]]

Layout: :mod:`.kernels` (arrays in, arrays out), :mod:`.common` (the additive model's arrays
of a problem), :mod:`.weights` (weight analyses), :mod:`.scores` (score analyses and the
tornado), :mod:`.overview` (:func:`analyse`, everything at once).

The package may import numpy, the core, :mod:`model.methods` and scipy (only when a linear
programme has no closed form).
"""

from model.analysis.sensitivity.common import MAX_PAIRWISE_ALTERNATIVES
from model.analysis.sensitivity.kernels import (
    SLOPE_TOLERANCE,
    critical_weight_changes,
    crossings,
    difference_lines,
    line_roots,
    min_l1_weight_change,
    ordered_simplex_vertices,
    ordinal_dominance_arrays,
    score_change_boundaries,
    stability_bounds,
    sweep_lines,
    sweep_shares,
)
from model.analysis.sensitivity.overview import SensitivityReport, analyse
from model.analysis.sensitivity.scores import (
    EVIDENCE_STRENGTH,
    ScoreSensitivity,
    Tornado,
    TornadoBar,
    score_sensitivity,
    tornado,
)
from model.analysis.sensitivity.weights import (
    CriticalCriteria,
    Crossover,
    MinimumWeightChange,
    OrdinalDominance,
    StabilityIntervals,
    WeightSweeps,
    critical_criteria,
    min_weight_change,
    ordinal_dominance,
    stability_intervals,
    weight_sweeps,
)

__all__ = [
    "EVIDENCE_STRENGTH",
    "MAX_PAIRWISE_ALTERNATIVES",
    "SLOPE_TOLERANCE",
    "CriticalCriteria",
    "Crossover",
    "MinimumWeightChange",
    "OrdinalDominance",
    "ScoreSensitivity",
    "SensitivityReport",
    "StabilityIntervals",
    "Tornado",
    "TornadoBar",
    "WeightSweeps",
    "analyse",
    "critical_criteria",
    "critical_weight_changes",
    "crossings",
    "difference_lines",
    "line_roots",
    "min_l1_weight_change",
    "min_weight_change",
    "ordered_simplex_vertices",
    "ordinal_dominance",
    "ordinal_dominance_arrays",
    "score_change_boundaries",
    "score_sensitivity",
    "stability_bounds",
    "stability_intervals",
    "sweep_lines",
    "sweep_shares",
    "tornado",
    "weight_sweeps",
]
