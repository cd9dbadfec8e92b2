"""Do the aggregation methods agree? Every method's ranks side by side, with rank correlations.

Kendall's tau-b and Spearman's rho (both with ties) between every pair of methods, and which
alternative each method puts first. A method that cannot rank the problem (WPM on a zero
score, say) is listed with its reason instead of silently dropped.

May import numpy, the core and :mod:`model.methods`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from model.display import HtmlTable
from model.errors import RequestError
from model.methods import METHODS
from model.problem import DecisionProblem
from model.ranking import Ranking, evaluate

if TYPE_CHECKING:
    import pandas as pd


def kendall_tau_b(x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """Kendall's tau-b between two rankings (ties allowed): (C - D) / sqrt((n0 - n1)(n0 - n2)).

    >>> kendall_tau_b(np.array([1.0, 2, 3, 4]), np.array([1.0, 2, 4, 3]))
    0.6666666666666666
    """
    i, j = np.triu_indices(len(x), k=1)
    dx, dy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
    concordance = float(np.sum(dx * dy))
    untied_x, untied_y = float(np.sum(dx != 0)), float(np.sum(dy != 0))
    if untied_x == 0 or untied_y == 0:
        return float("nan")
    return concordance / float(np.sqrt(untied_x * untied_y))


def spearman_rho(x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """Spearman's rho: the Pearson correlation of the (average-tie) ranks.

    >>> round(spearman_rho(np.array([1.0, 2, 3, 4]), np.array([1.0, 2, 4, 3])), 12)
    0.8
    """
    rx, ry = _average_ranks(x), _average_ranks(y)
    if np.std(rx) == 0 or np.std(ry) == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def _average_ranks(values: NDArray[np.float64]) -> NDArray[np.float64]:
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    for value in np.unique(values):
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return ranks


@dataclass(frozen=True, eq=False, repr=False)
class MethodComparison(HtmlTable):
    """Ranks of every alternative under every method that could rank the problem."""

    alternatives: tuple[str, ...]
    rankings: Mapping[str, Ranking]
    refused: Mapping[str, str] = field(default_factory=dict)

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(self.rankings)

    @property
    def ranks(self) -> NDArray[np.int64]:
        """(alternatives, methods) competition ranks (1 = best)."""
        return np.column_stack([self.rankings[m].ranks for m in self.methods])

    def _matrix(self, statistic: Any) -> NDArray[np.float64]:
        ranks = self.ranks.astype(float)
        k = len(self.methods)
        out = np.ones((k, k))
        for a in range(k):
            for b in range(a + 1, k):
                out[a, b] = out[b, a] = statistic(ranks[:, a], ranks[:, b])
        return out

    @property
    def kendall(self) -> NDArray[np.float64]:
        """Kendall's tau-b between methods (methods × methods)."""
        return self._matrix(kendall_tau_b)

    @property
    def spearman(self) -> NDArray[np.float64]:
        """Spearman's rho between methods (methods × methods)."""
        return self._matrix(spearman_rho)

    @property
    def first(self) -> dict[str, tuple[str, ...]]:
        """The alternative(s) each method ranks first."""
        return {m: r.winners for m, r in self.rankings.items()}

    @property
    def agree_on_first(self) -> bool:
        return len(set(self.first.values())) <= 1

    @property
    def table(self) -> pd.DataFrame:
        """Alternatives × methods: each method's rank of each alternative."""
        import pandas as pd

        return pd.DataFrame(self.ranks, index=pd.Index(self.alternatives, name="alternative"), columns=self.methods)

    def to_dict(self) -> dict[str, Any]:
        def clean(x: float) -> float | None:
            return None if np.isnan(x) else float(x)

        kendall, spearman, methods = self.kendall, self.spearman, self.methods

        def square(matrix: NDArray[np.float64]) -> dict[str, dict[str, float | None]]:
            return {a: {b: clean(matrix[i, j]) for j, b in enumerate(methods)} for i, a in enumerate(methods)}

        return {
            "methods": list(methods),
            "ranks": {
                alt: {m: int(self.ranks[i, k]) for k, m in enumerate(methods)}
                for i, alt in enumerate(self.alternatives)
            },
            "scores": {
                m: {a: float(s) for a, s in zip(self.alternatives, r.scores, strict=True)}
                for m, r in self.rankings.items()
            },
            "kendall_tau_b": square(kendall),
            "spearman_rho": square(spearman),
            "first": {m: list(w) for m, w in self.first.items()},
            "agree_on_first": self.agree_on_first,
            "refused": dict(self.refused),
        }


def compare_methods(problem: DecisionProblem, methods: Sequence[str] | None = None) -> MethodComparison:
    """Rank ``problem`` with every registered method (or those named) and compare the rankings."""
    names = list(methods) if methods is not None else list(METHODS)
    rankings: dict[str, Ranking] = {}
    refused: dict[str, str] = {}
    for name in names:
        try:
            rankings[name] = evaluate(problem, name)
        except RequestError as error:
            if name not in METHODS:
                raise
            refused[name] = str(error)
    if not rankings:
        raise RequestError("no method could rank this problem: " + "; ".join(refused.values()))
    return MethodComparison(problem.alternative_names, rankings, refused)
