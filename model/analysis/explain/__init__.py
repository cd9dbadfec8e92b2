"""Why does an alternative rank where it does, what moved between scenarios, what changed between versions.

Three analyses, exact for the additive model ``S(a) = sum_j w_j v_j(a)`` (normalised weights
``w``, each score's value ``v_j(a)`` on the 0–1 scale, cost criteria inverted):

* :func:`explain` — one alternative against its rival (the runner-up for the winner, else the
  alternative just above): per-criterion contributions whose differences add up to the gap,
  the decisive criteria, the weights and the single scores at which the two swap, and the
  evidence behind the decisive cells.
* :func:`compare_scenarios` — the base weights and named scenarios side by side. Only the
  weights change, so each score change splits exactly into ``(w'_j - w_j) v_j(a)``.
* :func:`diff` — two versions of a model: every change, how the ranking moved, and, when both
  are additive with the same criteria, the exact split
  ``S'(a) - S(a) = sum_j (w'_j - w_j) v_j(a) + sum_j w'_j (v'_j(a) - v_j(a))``.

"Exact" means the parts are the terms of an algebraic identity: they add up to the score
change up to floating-point rounding (about 1e-16), never approximately.

Layout: :mod:`.reasons` (:func:`explain`), :mod:`.scenarios` (:func:`compare_scenarios`),
:mod:`.diff` (:func:`diff`), :mod:`.common` (shared checks and helpers).

The package may import numpy, the core and :mod:`model.analysis.sensitivity`.
"""

from model.analysis.explain.common import BASE
from model.analysis.explain.diff import Change, ModelDiff, Movement, Part, diff
from model.analysis.explain.reasons import (
    CellEvidence,
    CriterionDifference,
    Explanation,
    Quote,
    ScoreThreshold,
    WeightThreshold,
    explain,
)
from model.analysis.explain.scenarios import Overtake, RankMove, ScenarioComparison, compare_scenarios

__all__ = [
    "BASE",
    "CellEvidence",
    "Change",
    "CriterionDifference",
    "Explanation",
    "ModelDiff",
    "Movement",
    "Overtake",
    "Part",
    "Quote",
    "RankMove",
    "ScenarioComparison",
    "ScoreThreshold",
    "WeightThreshold",
    "compare_scenarios",
    "diff",
    "explain",
]
