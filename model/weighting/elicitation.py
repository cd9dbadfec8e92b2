"""From an elicitation (the YAML's ``weighting:`` or an analyst's block) to weights, with labels.

:class:`Elicitation` says how one set of weights was elicited, by criterion id. The numerical
work is in :mod:`.ahp`, :mod:`.simple` and :mod:`.group` (plain functions on arrays); this module maps
criterion ids to indices and back, and applies the group rule: several analysts' AHP
judgements are aggregated by their element-wise geometric mean (Aczél & Saaty 1983), any
other mix by the mean of each analyst's normalised weights.

May import numpy and the other modules of :mod:`model.weighting`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from model.weighting.ahp import AhpResult, ahp, group_ahp, pairwise_matrix
from model.weighting.group import group_weights
from model.weighting.simple import direct_weights, rank_order_weights, swing_weights

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Elicitation:
    """How one set of weights was elicited (the YAML's ``weighting:`` or one analyst's block).

    ``kind`` is ``direct`` (``direct``: criterion → weight), ``ahp`` (``judgements``:
    (criterion, criterion, how many times more important), ``ahp_method``), ``order``
    (``order``: groups of equally important criteria, most important first; ``order_method``)
    or ``swing`` (``swing``: criterion → points for its worst-to-best swing).
    """

    kind: Literal["direct", "ahp", "order", "swing"]
    direct: Mapping[str, float] = field(default_factory=dict)
    judgements: tuple[tuple[str, str, float], ...] = ()
    ahp_method: str = "eigenvector"
    order: tuple[tuple[str, ...], ...] = ()
    order_method: str = "roc"
    swing: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "direct", MappingProxyType(dict(self.direct)))
        object.__setattr__(self, "swing", MappingProxyType(dict(self.swing)))


@dataclass(frozen=True, eq=False)
class ElicitationResult:
    """Normalised weights (criterion order) from one elicitation, with AHP figures when relevant."""

    kind: str
    criteria: tuple[str, ...]
    weights: FloatArray
    ahp: AhpResult | None = None
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, float]:
        return {c: float(w) for c, w in zip(self.criteria, self.weights, strict=True)}


@dataclass(frozen=True, eq=False)
class GroupWeights:
    """Several analysts' weights, their aggregate and the spread between them."""

    criteria: tuple[str, ...]
    rule: str
    weights: FloatArray
    individual: Mapping[str, ElicitationResult] = field(default_factory=dict)
    ahp: AhpResult | None = None

    def as_dict(self) -> dict[str, float]:
        return {c: float(w) for c, w in zip(self.criteria, self.weights, strict=True)}

    @property
    def spread(self) -> FloatArray:
        """Per criterion: (min, max, standard deviation) of the analysts' normalised weights."""
        stacked = np.array([item.weights for item in self.individual.values()])
        return np.column_stack([stacked.min(axis=0), stacked.max(axis=0), stacked.std(axis=0)])

    def to_dict(self) -> dict[str, Any]:
        spread = self.spread
        return {
            "rule": self.rule,
            "weights": {c: float(w) for c, w in zip(self.criteria, self.weights, strict=True)},
            "spread": {
                c: {"min": float(spread[j, 0]), "max": float(spread[j, 1]), "std": float(spread[j, 2])}
                for j, c in enumerate(self.criteria)
            },
            "analysts": {name: item.as_dict() for name, item in self.individual.items()},
        }


def consistency_rule(result: AhpResult) -> str:
    """The rule the AHP consistency verdict used, in words."""
    if result.consistency_rule == "gci":
        return f"rule: GCI ≤ {result.gci_threshold:g}, as CR is undefined for this size"
    return "rule: CR ≤ 0.10"


def _ahp_matrix(elicitation: Elicitation, criteria: Sequence[str]) -> FloatArray:
    index = {c: j for j, c in enumerate(criteria)}
    judgements = [(index[a], index[b], ratio) for a, b, ratio in elicitation.judgements]
    return np.asarray(pairwise_matrix(len(criteria), judgements), dtype=float)


def _order_ranks(elicitation: Elicitation, criteria: Sequence[str]) -> list[int]:
    """Competition ranks from groups of tied criteria: [[a], [b, c], [d]] → a 1, b 2, c 2, d 4."""
    ranks: dict[str, int] = {}
    position = 1
    for group in elicitation.order:
        for criterion in group:
            ranks[criterion] = position
        position += len(group)
    return [ranks[c] for c in criteria]


def elicit(elicitation: Elicitation, criteria: Sequence[str]) -> ElicitationResult:
    """Normalised weights from one elicitation; ``ValueError`` (from the weighting kernels) if it is unusable."""
    names = tuple(criteria)
    if elicitation.kind == "ahp":
        result = ahp(_ahp_matrix(elicitation, names), method=elicitation.ahp_method)
        return ElicitationResult("ahp", names, np.asarray(result.weights, dtype=float), result, result.notes)
    if elicitation.kind == "order":
        found = rank_order_weights(_order_ranks(elicitation, names), method=elicitation.order_method)
    elif elicitation.kind == "swing":
        found = swing_weights([elicitation.swing[c] for c in names])
    else:
        found = direct_weights([elicitation.direct[c] for c in names])
    return ElicitationResult(elicitation.kind, names, np.asarray(found.weights, dtype=float), notes=found.notes)


def group(analysts: Mapping[str, Elicitation], criteria: Sequence[str]) -> GroupWeights:
    """The group's weights: geometric mean of judgements if every analyst used AHP, else mean weights."""
    names = tuple(criteria)
    individual = {name: elicit(item, names) for name, item in analysts.items()}
    if analysts and all(item.kind == "ahp" for item in analysts.values()):
        matrices = [_ahp_matrix(item, names) for item in analysts.values()]
        result = group_ahp(matrices)
        rule = "AHP: element-wise geometric mean of the analysts' judgements (Aczél & Saaty 1983)"
        return GroupWeights(names, rule, np.asarray(result.weights, dtype=float), individual, result)
    combined = group_weights([item.weights for item in individual.values()])
    rule = "mean of the analysts' normalised weights"
    return GroupWeights(names, rule, np.asarray(combined.weights, dtype=float), individual)
