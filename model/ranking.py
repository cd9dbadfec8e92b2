"""Evaluate a problem with a registered method: arrays in, labels attached out.

Tie policy (decided once, here): two alternatives whose scores differ by at most
:data:`TIE_TOLERANCE` are tied. Alternatives are sorted best first; each starts a new rank
group unless it lies within the tolerance of the group's first (best) member. Tied
alternatives share the better rank (competition ranking: 1, 2, 2, 4) and keep the order of
the input file among themselves.

May import numpy, :mod:`model.problem`, :mod:`model.methods`, :mod:`model.display` and
:mod:`model.errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from model.display import HtmlTable
from model.errors import RequestError, did_you_mean
from model.methods import METHODS, Method
from model.methods.contract import LazyDetails
from model.problem import DecisionProblem

if TYPE_CHECKING:
    import pandas as pd

TIE_TOLERANCE = 1e-9
"""Scores (on the 0–1 scale of the additive model) closer than this are a tie."""


def competition_ranks(
    scores: NDArray[np.float64], *, higher_is_better: bool = True, tolerance: float = TIE_TOLERANCE
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Ranks (1 = best, ties shared) and the best-first order of the alternatives.

    >>> ranks, order = competition_ranks(np.array([0.2, 0.5, 0.5 + 1e-12, 0.9]))
    >>> ranks.tolist(), order.tolist()
    ([4, 2, 2, 1], [3, 1, 2, 0])
    """
    keyed = np.negative(scores) if higher_is_better else np.asarray(scores, dtype=float)
    order = np.argsort(keyed, kind="stable")
    ranked = keyed[order]
    if len(ranked) < 2 or bool((ranked[1:] - ranked[:-1] > tolerance).all()):  # no tie: ranks are positions
        ranks = np.empty(len(ranked), dtype=np.int64)
        ranks[order] = np.arange(1, len(ranked) + 1)
        return ranks, order
    tied_ranks, tied_order = competition_ranks_rows(keyed[None, :], higher_is_better=False, tolerance=tolerance)
    return tied_ranks[0], tied_order[0]


def competition_ranks_rows(
    scores: NDArray[np.float64], *, higher_is_better: bool = True, tolerance: float = TIE_TOLERANCE
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """:func:`competition_ranks` of every row of ``scores`` (draws × alternatives), vectorised over rows.

    >>> ranks, order = competition_ranks_rows(np.array([[0.2, 0.9, 0.9], [0.5, 0.4, 0.3]]))
    >>> ranks.tolist(), order.tolist()
    ([[3, 1, 1], [1, 2, 3]], [[1, 2, 0], [0, 1, 2]])
    """
    keyed = np.negative(scores) if higher_is_better else np.asarray(scores, dtype=float)
    rows, m = keyed.shape
    order = np.argsort(keyed, axis=1, kind="stable")
    flat = (
        order + (np.arange(rows) * m)[:, None]
    )  # row-major positions: inverse permutations without fancy 2-D indexing
    ranked = keyed.ravel()[flat]
    # A gap wider than the tolerance always starts a group. Within a chain of smaller gaps a
    # group ends where the chain drifts more than the tolerance from the group's first member:
    # such chains are rare, and only their rows are walked one member at a time.
    breaks = np.empty((rows, m), dtype=bool)
    breaks[:, :1] = True
    np.greater(np.diff(ranked, axis=1), tolerance, out=breaks[:, 1:])
    ranks = np.empty(rows * m, dtype=np.int64)
    positions = np.arange(1, m + 1)
    tied_rows = np.flatnonzero(~breaks.all(axis=1))
    if not tied_rows.size:  # no two scores within the tolerance: ranks are positions
        ranks[flat] = positions
        return ranks.reshape(rows, m), order
    group_start = np.broadcast_to(positions, (rows, m)).copy()
    for row in tied_rows:
        row_breaks = breaks[row]
        chain_start = np.maximum.accumulate(np.where(row_breaks, np.arange(m), 0))
        if np.any(ranked[row] - ranked[row, chain_start] > tolerance):
            leader = 0
            for position in range(1, m):
                if row_breaks[position] or ranked[row, position] - ranked[row, leader] > tolerance:
                    row_breaks[position] = True
                    leader = position
        group_start[row] = np.maximum.accumulate(np.where(row_breaks, positions, 0))
        _file_order_within_ties(order[row], row_breaks)
    ranks[flat] = group_start
    return ranks.reshape(rows, m), order


def _file_order_within_ties(order: NDArray[np.int64], breaks: NDArray[np.bool_]) -> None:
    """Within each tied group (positions between two breaks), put the alternatives in file order, in place,
    whatever float noise said: a few groups are sorted one by one, many at once."""
    starts = np.flatnonzero(breaks)
    ends = np.append(starts[1:], len(order))
    tied = np.flatnonzero(ends - starts > 1)
    if len(tied) > 64:
        order[:] = order[np.lexsort((order, np.cumsum(breaks)))]
        return
    for group in tied:
        order[starts[group] : ends[group]].sort()


@dataclass(frozen=True, eq=False, repr=False)
class Ranking(HtmlTable):
    """The result of :func:`evaluate`: scores, ranks and every intermediate, with labels.

    >>> import model
    >>> ranking = model.evaluate(model.loads(model.demo.DEMO_YAML))
    >>> ranking.table[["rank", "alternative", "score"]].to_string(index=False)
    ' rank alternative  score\\n    1     Utopia 0.6875\\n    2   Atlantis 0.5000'
    >>> ranking.contributions.round(4).loc["Utopia"].to_dict()
    {'safety': 0.5625, 'cost_of_living': 0.125}
    """

    problem: DecisionProblem
    method: str
    scores: NDArray[np.float64]
    ranks: NDArray[np.int64]
    order: NDArray[np.int64]
    weights: NDArray[np.float64]
    details: Mapping[str, NDArray[np.float64]]
    higher_is_better: bool = True
    tolerance: float = TIE_TOLERANCE

    @property
    def alternatives(self) -> tuple[str, ...]:
        return self.problem.alternative_names

    def _caption_extra(self) -> str:
        weights = ", ".join(f"{c} {w:.3f}" for c, w in zip(self.criteria, self.weights, strict=True))
        return f"{self.method_label}; normalised weights: {weights}"

    @property
    def criteria(self) -> tuple[str, ...]:
        return self.problem.criterion_ids

    @property
    def method_label(self) -> str:
        return METHODS[self.method].label

    @property
    def winners(self) -> tuple[str, ...]:
        """Every alternative ranked first (more than one when tied)."""
        return tuple(self.alternatives[i] for i in self.order if self.ranks[i] == 1)

    @cached_property
    def flags(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Per alternative, the (criterion, kind) of cells ranked on a midpoint, not a point."""
        found: dict[str, tuple[tuple[str, str], ...]] = {}
        for alt in self.alternatives:
            found[alt] = tuple(
                (crit, self.problem.scores[(alt, crit)].kind)
                for crit in self.criteria
                if self.problem.scores[(alt, crit)].kind in ("interval", "unknown")
            )
        return found

    def _frame(self, key: str) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(
            np.array(self.details[key]),
            index=pd.Index(self.alternatives, name="alternative"),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    @property
    def table(self) -> pd.DataFrame:
        """Best first: rank, alternative, score, and how many cells are intervals or unknown."""
        import pandas as pd

        rows = [
            {
                "rank": int(self.ranks[i]),
                "alternative": self.alternatives[i],
                "score": float(self.scores[i]),
                "intervals": sum(kind == "interval" for _, kind in self.flags[self.alternatives[i]]),
                "unknowns": sum(kind == "unknown" for _, kind in self.flags[self.alternatives[i]]),
            }
            for i in self.order
        ]
        return pd.DataFrame(rows)

    @property
    def contributions(self) -> pd.DataFrame:
        """Each criterion's part of each alternative's score (rows sum to the score), best first."""
        if "contributions" not in self.details:
            raise RequestError(f"method {self.method!r} does not split its score into contributions")
        frame = self._frame("contributions")
        return frame.iloc[list(self.order)]

    @property
    def normalized(self) -> pd.DataFrame:
        """The method's normalised matrix: for the weighted sum, each score on the 0–1 value scale with
        cost criteria inverted; for TOPSIS, the vector (or min–max) normalised scores, not inverted."""
        return self._frame("normalized")

    @property
    def weights_series(self) -> pd.Series[float]:
        """The normalised weights used, by criterion."""
        import pandas as pd

        return pd.Series(np.array(self.weights), index=pd.Index(self.criteria, name="criterion"), name="weight")

    def _labelled(self, array: Any) -> Any:
        """A detail array as JSON, keyed by alternative and/or criterion where its shape says so."""
        values = np.asarray(array)
        m, n = len(self.alternatives), len(self.criteria)
        plain = values.tolist()
        if values.ndim == 1 and len(values) == m:
            return dict(zip(self.alternatives, plain, strict=True))
        if values.ndim == 1 and len(values) == n:
            return dict(zip(self.criteria, plain, strict=True))
        if values.ndim == 2 and values.shape == (m, n):
            return {
                a: dict(zip(self.criteria, row, strict=True)) for a, row in zip(self.alternatives, plain, strict=True)
            }
        if values.ndim == 2 and values.shape == (m, m):
            return {
                a: dict(zip(self.alternatives, row, strict=True))
                for a, row in zip(self.alternatives, plain, strict=True)
            }
        return plain

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: ranking (best first), weights, flags and tie policy."""
        contributions = self.details.get("contributions")
        normalized = self.details.get("normalized")
        ranking = []
        for i in self.order:
            alt = self.alternatives[i]
            entry: dict[str, Any] = {"rank": int(self.ranks[i]), "alternative": alt, "score": float(self.scores[i])}
            if contributions is not None:
                entry["contributions"] = {c: float(contributions[i, j]) for j, c in enumerate(self.criteria)}
            if normalized is not None:
                entry["normalized"] = {c: float(normalized[i, j]) for j, c in enumerate(self.criteria)}
            entry["flags"] = [{"criterion": crit, "kind": kind} for crit, kind in self.flags[alt]]
            ranking.append(entry)
        return {
            "method": self.method,
            "higher_is_better": self.higher_is_better,
            "details": {key: self._labelled(array) for key, array in self.details.items()},
            "weights": {c: float(w) for c, w in zip(self.criteria, self.weights, strict=True)},
            "weight_notes": list(self.problem.weight_notes),
            "ranking": ranking,
            "tie_tolerance": self.tolerance,
        }


def _value_functions(problem: DecisionProblem) -> list[tuple[NDArray[np.float64], NDArray[np.float64]] | None] | None:
    found = [
        None
        if c.value_function is None
        else (np.array([x for x, _ in c.value_function]), np.array([v for _, v in c.value_function]))
        for c in problem.criteria
    ]
    return found if any(item is not None for item in found) else None


def _thresholds(problem: DecisionProblem, key: str) -> NDArray[np.float64]:
    values = [getattr(c.preference, key) for c in problem.criteria]
    return np.array([np.nan if v is None else v for v in values], dtype=float)


CRITERION_INPUTS: dict[str, Callable[[DecisionProblem], object]] = {
    "value_functions": _value_functions,
    "functions": lambda problem: [c.preference.function for c in problem.criteria],
    "q": lambda problem: _thresholds(problem, "q"),
    "p": lambda problem: _thresholds(problem, "p"),
    "s": lambda problem: _thresholds(problem, "s"),
}
"""Kernel options that come from the criteria (value functions, PROMETHEE preference functions), not from
``method_options``."""


def kernel_options(problem: DecisionProblem, method: str) -> dict[str, object]:
    """The keyword options a method's kernel gets for this problem: the file's ``method_options`` over the
    method's defaults, plus what the criteria say (value functions, preference functions and thresholds)."""
    declared: Mapping[str, object] = getattr(METHODS[method], "options", {}) or {}
    chosen = dict(problem.method_options.get(method, {}))
    return {
        key: CRITERION_INPUTS[key](problem) if key in CRITERION_INPUTS else chosen.get(key, default)
        for key, default in declared.items()
    }


def method_named(problem: DecisionProblem, method: str | None) -> tuple[str, Method]:
    """The method's name and registry entry (default: the problem's); a RequestError with a hint if unknown."""
    name = method or problem.method
    if name not in METHODS:
        hint = did_you_mean(name, METHODS)
        raise RequestError(
            f"unknown method {name!r}; expected one of: {', '.join(METHODS)}" + (f" ({hint})" if hint else "")
        )
    return name, METHODS[name]


def evaluate(problem: DecisionProblem, method: str | None = None) -> Ranking:
    """Rank the alternatives of ``problem`` with a registered method (default: the problem's).

    Weights are normalised to sum to 1 before the kernel sees them; the result keeps them.
    Interval and unknown cells enter at their midpoints and are listed in ``Ranking.flags``.
    """
    name, spec = method_named(problem, method)
    weights = problem.normalized_weights
    try:
        result = spec.run(
            problem.values,  # read-only: a kernel returns new arrays and never writes into its inputs
            weights,
            scale_min=problem.scale_min,
            scale_max=problem.scale_max,
            is_benefit=problem.is_benefit,
            **kernel_options(problem, name),
        )
    except ValueError as error:
        raise RequestError(f"method {name!r} cannot rank this problem: {error}") from None
    scores = np.asarray(result.scores, dtype=float)
    scores.flags.writeable = False
    details = result.details
    if not isinstance(details, LazyDetails):  # a lazy mapping makes its arrays read-only itself, when made
        details = dict(details)
        for array in details.values():
            if isinstance(array, np.ndarray):
                array.flags.writeable = False
    ranks, order = competition_ranks(scores, higher_is_better=spec.higher_is_better)
    return Ranking(
        problem=problem,
        method=name,
        scores=scores,
        ranks=ranks,
        order=order,
        weights=weights,
        details=details,
        higher_is_better=spec.higher_is_better,
    )
