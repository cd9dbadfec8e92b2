"""Weight elicitation: AHP pairwise comparisons with consistency, rank-order, swing and direct weights.

Plain functions on arrays and sequences of criterion indices (``0 .. n - 1``); nothing here
knows names, YAML or evidence. Every elicitation returns a frozen result with read-only arrays
and a JSON-ready ``to_dict()``; every refusal is a :class:`WeightsError` (a ``ValueError``)
whose message says what was expected and what was found, and which carries the criterion
indices and input positions involved, so a caller can put names and file locations on it.

What each elicitation gives:

============================  ==========================================================
:func:`pairwise_matrix`       judgements ``(i, j, a_ij)`` → a full positive reciprocal matrix
:func:`ahp`                   matrix → weights, ``lambda_max``, CI, CR, GCI, the worst judgement
:func:`group_ahp`             several analysts' matrices → geometric mean of judgements → AHP
:func:`ahp_alternatives`      a matrix of the alternatives per criterion + weights → global
                              priorities, distributive or ideal synthesis
:func:`rank_order_weights`    ranks (1 = most important, ties allowed) → ROC, RS or RR weights
:func:`swing_weights`         points for each worst-to-best swing (100 = largest) → weights
:func:`direct_weights`        non-negative numbers → weights
:func:`group_weights`         several analysts' weight vectors → mean, spread, individuals
============================  ==========================================================

Several analysts: for AHP, combine the *judgements* (:func:`group_ahp`, the element-wise
geometric mean, which keeps the matrix reciprocal); for every other elicitation, combine the
individually *normalised weights* (:func:`group_weights`, their arithmetic mean). The caller
decides which applies.

A consistent three-criterion matrix gives back the weights it was built from:

>>> a = pairwise_matrix(3, [(0, 1, 2), (0, 2, 4), (1, 2, 2)])
>>> result = ahp(a)
>>> result.weights.round(4).tolist(), round(result.cr, 12), result.consistent
([0.5714, 0.2857, 0.1429], 0.0, True)
>>> rank_order_weights([2, 1, 3]).weights.round(4).tolist()
[0.2778, 0.6111, 0.1111]

Layout: :mod:`.common` (the refusal type and checks), :mod:`.ahp`, :mod:`.simple` (direct,
swing, rank order), :mod:`.group` (several analysts' vectors), and :mod:`.elicitation`, which
maps the criterion ids of an :class:`Elicitation` (the YAML's ``weighting:`` or an analyst's
block) to indices and back. The package imports numpy only.
"""

from model.weighting.ahp import (
    AHP_METHODS,
    CR_THRESHOLD,
    RANDOM_INDEX,
    RANDOM_INDEX_TABLES,
    SAATY_VALUES,
    SYNTHESIS_MODES,
    AhpResult,
    AlternativePriorities,
    ahp,
    ahp_alternatives,
    gci_threshold,
    group_ahp,
    nearest_saaty_value,
    pairwise_matrix,
    pairwise_problems,
)
from model.weighting.common import WeightsError
from model.weighting.elicitation import Elicitation, ElicitationResult, consistency_rule, elicit, group
from model.weighting.group import GroupWeights, Spread, group_weights
from model.weighting.simple import (
    RANK_ORDER_METHODS,
    ElicitedWeights,
    direct_weights,
    rank_order_position_weights,
    rank_order_weights,
    swing_weights,
)

__all__ = [
    "AHP_METHODS",
    "CR_THRESHOLD",
    "RANDOM_INDEX",
    "RANDOM_INDEX_TABLES",
    "RANK_ORDER_METHODS",
    "SAATY_VALUES",
    "SYNTHESIS_MODES",
    "AhpResult",
    "AlternativePriorities",
    "Elicitation",
    "ElicitationResult",
    "ElicitedWeights",
    "GroupWeights",
    "Spread",
    "WeightsError",
    "ahp",
    "ahp_alternatives",
    "consistency_rule",
    "direct_weights",
    "elicit",
    "gci_threshold",
    "group",
    "group_ahp",
    "group_weights",
    "nearest_saaty_value",
    "pairwise_matrix",
    "pairwise_problems",
    "rank_order_position_weights",
    "rank_order_weights",
    "swing_weights",
]
