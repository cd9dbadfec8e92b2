"""Scenarios side by side: :func:`compare_scenarios`.

Only the weights change between stances, so each alternative's score change splits exactly
into ``(w'_j - w_j) v_j(a)``; every rank move comes with the parts that drove it. May import
numpy, the core and :mod:`.common`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from model.display import HtmlTable
from model.errors import RequestError, did_you_mean
from model.problem import DecisionProblem
from model.ranking import Ranking, evaluate

if TYPE_CHECKING:
    import pandas as pd
from model.analysis.explain.common import ADDITIVE, BASE, FloatArray, IntArray, frozen_array


# ----- rank movements (shared by compare_scenarios and diff) --------------------------------
def _relation(ranks: IntArray) -> IntArray:
    """``rel[a, b] = sign(rank_b - rank_a)``: +1 when ``a`` ranks above ``b``, 0 when tied."""
    relation: IntArray = np.sign(ranks[None, :] - ranks[:, None]).astype(np.int64)
    return relation


@dataclass(frozen=True)
class Overtake:
    """Between the base and ``scenario``, ``gainer`` improved its standing against ``loser``.

    It passed it, caught up with it (a tie) or broke a tie in its favour. ``margin_before`` /
    ``margin_after``: ``S(gainer) - S(loser)`` under each weighting. ``parts``: (criterion,
    ``(w'_j - w_j)(v_j(gainer) - v_j(loser))``), largest first, adding up exactly to
    ``margin_after - margin_before`` (empty when the method is not additive).
    """

    scenario: str
    gainer: str
    loser: str
    margin_before: float
    margin_after: float
    parts: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class RankMove:
    """An alternative whose standing against another changed between the base and ``scenario``.

    ``rank_change = rank_before - rank_after`` (positive: it moved up). ``passed``: the
    alternatives it gained on; ``passed_by``: those that gained on it (see :class:`Overtake`).
    ``drivers``: the criteria whose weight changes made the move, largest first, as (criterion,
    part) with a positive part: for a move up, ``sum over passed b of (w'_j - w_j)(v_j(a) -
    v_j(b))``; for a move down, ``sum over passed_by b of (w'_j - w_j)(v_j(b) - v_j(a))``; none
    when the rank did not change (the :class:`Overtake` records still tell) or the method is
    not additive.
    """

    alternative: str
    scenario: str
    rank_before: int
    rank_after: int
    rank_change: int
    passed: tuple[str, ...]
    passed_by: tuple[str, ...]
    drivers: tuple[tuple[str, float], ...]


def _moves(
    scenario: str,
    names: tuple[str, ...],
    criteria: tuple[str, ...],
    before: Ranking,
    after: Ranking,
    delta_weights: FloatArray | None,
    values: FloatArray | None,
) -> tuple[list[Overtake], list[RankMove]]:
    """Overtakes and rank moves between two rankings of the same alternatives under two weightings."""
    gained = _relation(after.ranks) - _relation(before.ranks)  # > 0: a improved against b
    pair_parts = None if delta_weights is None or values is None else delta_weights * values  # m × n
    overtakes: list[Overtake] = []
    for g, loser in zip(*np.nonzero(gained > 0), strict=True):
        parts: tuple[tuple[str, float], ...] = ()
        if pair_parts is not None:
            row = pair_parts[g] - pair_parts[loser]
            parts = tuple((criteria[j], float(row[j])) for j in np.argsort(-row, kind="stable").tolist())
        overtakes.append(
            Overtake(
                scenario,
                names[g],
                names[loser],
                float(before.scores[g] - before.scores[loser]),
                float(after.scores[g] - after.scores[loser]),
                parts,
            )
        )
    moves: list[RankMove] = []
    for a in before.order.tolist():
        passed = np.flatnonzero(gained[a] > 0)
        passed_by = np.flatnonzero(gained[a] < 0)
        if not len(passed) and not len(passed_by):
            continue
        change = int(before.ranks[a] - after.ranks[a])
        drivers: tuple[tuple[str, float], ...] = ()
        if pair_parts is not None and change != 0:
            if change > 0:
                total = (pair_parts[a] - pair_parts[passed]).sum(axis=0)
            else:
                total = (pair_parts[passed_by] - pair_parts[a]).sum(axis=0)
            drivers = tuple(
                (criteria[j], float(total[j])) for j in np.argsort(-total, kind="stable").tolist() if total[j] > 0
            )
        moves.append(
            RankMove(
                names[a],
                scenario,
                int(before.ranks[a]),
                int(after.ranks[a]),
                change,
                tuple(names[b] for b in passed.tolist()),
                tuple(names[b] for b in passed_by.tolist()),
                drivers,
            )
        )
    return overtakes, moves


# ----- compare_scenarios ------------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
class ScenarioComparison(HtmlTable):
    """The base weights and named scenarios side by side, with each score change split by criterion.

    ``scenarios[0]`` is ``"base"`` (the problem's own weights). Arrays are indexed
    ``[scenario, alternative(, criterion)]`` in the order of ``scenarios``, ``alternatives``
    and ``criteria``: ``weights`` (normalised), ``raw_weights``, ``scores``, ``ranks``, and
    ``parts[s, a, j] = (w^s_j - w^base_j) v_j(a)``, which add up over ``j`` to
    ``scores[s, a] - scores[0, a]`` exactly (additive model only: ``exact``; NaN otherwise, the
    ranks and scores are still compared). ``moves`` and ``overtakes`` attribute each rank
    change to the weight changes that caused it. ``rank_change = base rank - rank`` (positive:
    up).
    """

    method: str
    exact: bool
    scenarios: tuple[str, ...]
    descriptions: tuple[str | None, ...]
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: FloatArray
    raw_weights: FloatArray
    scores: FloatArray
    ranks: IntArray
    parts: FloatArray
    moves: tuple[RankMove, ...]
    overtakes: tuple[Overtake, ...]
    weight_notes: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]

    @property
    def score_changes(self) -> FloatArray:
        """``scores - scores[0]`` (scenario × alternative)."""
        return np.asarray(self.scores - self.scores[0], dtype=float)

    @property
    def rank_changes(self) -> IntArray:
        """``ranks[0] - ranks`` (scenario × alternative): positive when an alternative moved up."""
        return np.asarray(self.ranks[0] - self.ranks, dtype=np.int64)

    def winners(self, scenario: str) -> tuple[str, ...]:
        """The alternatives ranked first under ``scenario``."""
        s = self._index(scenario)
        return tuple(a for i, a in enumerate(self.alternatives) if self.ranks[s, i] == 1)

    def _index(self, scenario: str) -> int:
        if scenario in self.scenarios:
            return self.scenarios.index(scenario)
        raise _unknown("scenario", scenario, self.scenarios)

    @property
    def table(self) -> pd.DataFrame:
        """One row per (alternative, scenario): alternative, scenario, rank, score, rank_change,
        score_change; alternatives in base order (best first), scenarios as given."""
        import pandas as pd

        rows = [
            {
                "alternative": self.alternatives[a],
                "scenario": name,
                "rank": int(self.ranks[s, a]),
                "score": float(self.scores[s, a]),
                "rank_change": int(self.rank_changes[s, a]),
                "score_change": float(self.score_changes[s, a]),
            }
            for a in self._base_order()
            for s, name in enumerate(self.scenarios)
        ]
        columns = ["alternative", "scenario", "rank", "score", "rank_change", "score_change"]
        return pd.DataFrame(rows, columns=columns)

    @property
    def attribution(self) -> pd.DataFrame:
        """One row per (alternative, scenario other than base, criterion): alternative, scenario,
        criterion, weight_before, weight_after, part — ``part = (weight_after - weight_before) v``.
        Empty for a method other than the additive model."""
        import pandas as pd

        columns = ["alternative", "scenario", "criterion", "weight_before", "weight_after", "part"]
        if not self.exact:
            return pd.DataFrame(columns=columns)
        rows = [
            (self.alternatives[a], name, c, float(self.weights[0, j]), float(self.weights[s, j]), self.parts[s, a, j])
            for a in self._base_order()
            for s, name in enumerate(self.scenarios)
            if s > 0
            for j, c in enumerate(self.criteria)
        ]
        return pd.DataFrame(rows, columns=columns)

    def _base_order(self) -> list[int]:
        return sorted(range(len(self.alternatives)), key=lambda a: (int(self.ranks[0, a]), a))

    def _caption_extra(self) -> str:
        return " vs ".join(self.scenarios)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: per scenario its weights and ranking (best first, with each alternative's
        score change and its parts), then the moves and overtakes (NaN as None)."""
        scenarios = []
        for s, name in enumerate(self.scenarios):
            order = sorted(range(len(self.alternatives)), key=lambda a: (int(self.ranks[s, a]), a))
            scenarios.append(
                {
                    "name": name,
                    "description": self.descriptions[s],
                    "weight_notes": list(self.weight_notes[s]),
                    "weights": {c: float(self.weights[s, j]) for j, c in enumerate(self.criteria)},
                    "raw_weights": {c: float(self.raw_weights[s, j]) for j, c in enumerate(self.criteria)},
                    "ranking": [
                        {
                            "alternative": self.alternatives[a],
                            "rank": int(self.ranks[s, a]),
                            "score": float(self.scores[s, a]),
                            "rank_change": int(self.rank_changes[s, a]),
                            "score_change": float(self.score_changes[s, a]),
                            "parts": None
                            if not self.exact
                            else {c: float(self.parts[s, a, j]) for j, c in enumerate(self.criteria)},
                        }
                        for a in order
                    ],
                }
            )
        return {
            "method": self.method,
            "exact": self.exact,
            "scenarios": scenarios,
            "moves": [
                {**m.__dict__, "passed": list(m.passed), "passed_by": list(m.passed_by), "drivers": dict(m.drivers)}
                for m in self.moves
            ],
            "overtakes": [{**o.__dict__, "parts": dict(o.parts)} for o in self.overtakes],
            "notes": list(self.notes),
        }


def _unknown(kind: str, name: str, known: Sequence[str]) -> RequestError:
    hint = did_you_mean(name, known)
    message = f"unknown {kind} {name!r}; expected one of: {', '.join(known) if known else 'none defined'}"
    return RequestError(message + (f" ({hint})" if hint else ""))


def compare_scenarios(problem: DecisionProblem, scenarios: Sequence[str] | None = None) -> ScenarioComparison:
    """Rank under the base weights and each named scenario; split every score change by criterion.

    ``scenarios``: names of ``problem.scenarios`` (default: all of them); ``"base"`` means the
    problem's own weights and always comes first. Only weights differ between scenarios, so in
    the additive model ``S^s(a) - S(a) = sum_j (w^s_j - w_j) v_j(a)`` exactly. A rank change is
    attributed pair by pair: ``a`` gains on ``b`` by ``sum_j (w^s_j - w_j)(v_j(a) - v_j(b))``.
    Any method ranks; only the additive model gives the split (``exact``).

    >>> import model
    >>> comparison = compare_scenarios(model.loads(model.demo.DEMO_YAML), ["cheap_first"])
    >>> comparison.scenarios, comparison.winners("cheap_first")
    (('base', 'cheap_first'), ('Utopia',))
    """
    if isinstance(scenarios, str):
        scenarios = [scenarios]
    names = list(problem.scenarios) if scenarios is None else list(scenarios)
    known = (BASE, *problem.scenarios)
    for name in names:
        if name not in known:
            raise _unknown("scenario", name, known)
    columns = (BASE, *(name for name in dict.fromkeys(names) if name != BASE))
    problems = [problem, *(problem.with_scenario(name) for name in columns[1:])]
    rankings = [evaluate(p) for p in problems]
    exact = problem.method == ADDITIVE
    weights = np.array([r.weights for r in rankings], dtype=float)
    m, n = len(problem.alternatives), len(problem.criteria)
    parts = np.full((len(columns), m, n), np.nan)
    values: FloatArray | None = None
    if exact:
        values = np.asarray(rankings[0].details["normalized"], dtype=float)  # v does not depend on the weights
        parts = (weights - weights[0])[:, None, :] * values[None, :, :]
    overtakes: list[Overtake] = []
    moves: list[RankMove] = []
    for s, name in enumerate(columns):
        if s == 0:
            continue
        found = _moves(
            name,
            problem.alternative_names,
            problem.criterion_ids,
            rankings[0],
            rankings[s],
            weights[s] - weights[0] if exact else None,
            values,
        )
        overtakes += found[0]
        moves += found[1]
    notes = (
        ()
        if exact
        else (
            f"method {problem.method!r} is not additive: ranks and scores are compared, "
            "but score changes are not split by criterion",
        )
    )
    return ScenarioComparison(
        method=problem.method,
        exact=exact,
        scenarios=columns,
        descriptions=(None, *(problem.scenarios[name].description for name in columns[1:])),
        alternatives=problem.alternative_names,
        criteria=problem.criterion_ids,
        weights=frozen_array(weights),
        raw_weights=frozen_array([p.weights for p in problems]),
        scores=frozen_array([r.scores for r in rankings]),
        ranks=frozen_array([r.ranks for r in rankings], np.int64),
        parts=frozen_array(parts),
        moves=tuple(moves),
        overtakes=tuple(overtakes),
        weight_notes=tuple(p.weight_notes for p in problems),
        notes=notes,
    )
