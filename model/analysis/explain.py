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
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from model.display import HtmlTable
from model.errors import RequestError, did_you_mean
from model.problem import DecisionProblem, Scale, Score
from model.ranking import TIE_TOLERANCE, Ranking, evaluate
from model.analysis.sensitivity import SLOPE_TOLERANCE, weight_sweeps

if TYPE_CHECKING:
    import pandas as pd

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

ADDITIVE = "weighted_sum"
BASE = "base"
"""The name :func:`compare_scenarios` gives the problem's own weights."""

_EDGE = 1e-12  # float slack at the ends of [0, 1] and of a scale


# ----- small helpers ----------------------------------------------------------------------
def _json(value: float | None) -> float | None:
    """A float for JSON: NaN and infinities become None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _frozen(array: Any, dtype: Any = float) -> NDArray[Any]:
    out = np.array(array, dtype=dtype)
    out.flags.writeable = False
    return out


def _number(value: float) -> str:
    """Short text of a number: 3 rather than 3.0, four significant digits otherwise."""
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


def _squash(text: str | None) -> str | None:
    """Text with runs of whitespace made one space (a reflowed YAML string is the same string)."""
    return None if text is None else " ".join(text.split())


def _require_additive(problem: DecisionProblem, analysis: str) -> None:
    if problem.method != ADDITIVE:
        raise RequestError(
            f"{analysis} needs the additive model (method {ADDITIVE}), which splits each score into "
            f"per-criterion contributions; got method {problem.method!r} "
            f"(rank with method {ADDITIVE} to use {analysis})"
        )


def _gains(problem: DecisionProblem, weights: FloatArray) -> FloatArray:
    """Score change per scale unit of each criterion, ``± w_k / (max_k - min_k)``; NaN where a value
    function bends the score-to-value line (no single rate)."""
    sign = np.where(problem.is_benefit, 1.0, -1.0)
    gains = sign * weights / (problem.scale_max - problem.scale_min)
    bent = np.array([c.value_function is not None for c in problem.criteria], dtype=bool)
    return np.asarray(np.where(bent, np.nan, gains), dtype=float)


# ----- explain ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CriterionDifference:
    """One criterion's part in the gap between an alternative and its rival.

    ``value``/``rival_value``: the scores the ranking uses (scale units; midpoints of intervals
    and ``unknown``). ``contribution = w_j v_j(a)``; ``difference = contribution -
    rival_contribution`` (the differences of all criteria add up to the gap). ``decisive`` and
    ``pivotal``: see :class:`Explanation`.
    """

    criterion: str
    weight: float
    value: float
    rival_value: float
    contribution: float
    rival_contribution: float
    difference: float
    decisive: bool
    pivotal: bool


@dataclass(frozen=True)
class WeightThreshold:
    """The weight of one criterion (others rescaled proportionally) at which the pair swaps.

    ``weight``: the normalised weight at which alternative and rival tie (NaN if their lines do
    not cross in ``[0, 1]``); ``swaps``: past it, in ``direction``, they swap (False when they
    only tie at a weight of exactly 0 or 1, which cannot be passed). ``raw_weight``: the same
    weight in the file's units, for :meth:`DecisionProblem.with_weights` or ``--weight``, the
    other raw weights unchanged (inf for a normalised weight of 1; NaN if none). ``change =
    weight - current``. ``place_weight``: the nearest weight, either way, at which the
    alternative swaps with any other alternative (its place changes first there; crossings at
    exactly 0 or 1 only tie and are left out), and ``place_other`` that alternative (NaN / None
    if none).
    """

    criterion: str
    current: float
    weight: float
    raw_weight: float
    change: float
    direction: Literal["increase", "decrease"] | None
    swaps: bool
    place_weight: float
    place_other: str | None


@dataclass(frozen=True)
class ScoreThreshold:
    """The change of one cell (scale units) at which the alternative and its rival tie.

    ``alternative`` owns the cell (the explained alternative or its rival). Changing ``value``
    by ``change`` moves its score by ``g_k change`` with ``g_k = ± w_k / (max_k - min_k)`` (minus
    for a cost criterion), so ``change = -gap / g_k`` for the explained alternative's own cell
    and ``+gap / g_k`` for the rival's; past ``new_value`` they swap. ``within_scale``: the new
    value lies on the criterion's scale (else the swap cannot happen through this cell).
    ``change`` is NaN when the criterion has no weight or a value function.
    """

    alternative: str
    criterion: str
    kind: str
    value: float
    change: float
    new_value: float
    within_scale: bool


@dataclass(frozen=True)
class Quote:
    """A verified quote: source id, the document's path, and the lines it is on (1-based)."""

    source: str
    file: str | None
    line: int
    end_line: int | None
    quote: str


@dataclass(frozen=True)
class CellEvidence:
    """What supports one cell: the value as written, confidence, rationale, verified quotes.

    ``unverified``: quotes that were not verified (a problem loaded with ``verify_evidence=False``).
    """

    alternative: str
    criterion: str
    value: str
    kind: str
    confidence: str | None
    rationale: str | None
    quotes: tuple[Quote, ...]
    unverified: int


@dataclass(frozen=True, eq=False)
class Explanation(HtmlTable):
    """Why an alternative ranks where it does: the gap to its rival, criterion by criterion.

    ``rival``: the runner-up when the alternative is first, else the alternative just above it
    (``ahead`` says which). ``gap = score - rival_score`` (positive for a leader, at most 0
    otherwise; ``tied`` when within the ranking's tie tolerance) and
    ``gap = sum_j (w_j v_j(a) - w_j v_j(rival))`` over ``criteria``, which are sorted with the
    criteria that favour the result first (largest ``difference`` first when ahead, most
    negative first when behind).

    ``decisive`` (empty when tied): with ``d_j`` the difference oriented towards the result
    (``+difference`` when ahead, ``-difference`` when behind), the smallest set of criteria,
    taken largest ``d_j`` first, whose ``d_j`` add up to more than the total of the criteria
    pulling the other way, ``-sum_{d_j < 0} d_j``. The decisive criteria alone settle the
    order: were the two level on every other criterion, the order would stand. A criterion is
    ``pivotal`` when ``d_j > |gap|``: levelling it alone would reverse the order.

    ``weight_thresholds`` (smallest change first) and ``score_thresholds`` (changes possible
    on the scale first, then smallest as a fraction of the scale) are the exact single
    changes that swap the pair; ``evidence``: the cells of the decisive criteria, the
    alternative's then the rival's.
    """

    alternative: str
    rank: int
    score: float
    rival: str
    rival_rank: int
    rival_score: float
    gap: float
    ahead: bool
    tied: bool
    criteria: tuple[CriterionDifference, ...]
    decisive: tuple[str, ...]
    weight_thresholds: tuple[WeightThreshold, ...]
    score_thresholds: tuple[ScoreThreshold, ...]
    evidence: tuple[CellEvidence, ...]
    weight_notes: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def table(self) -> pd.DataFrame:
        """One row per criterion (sorted as ``criteria``): the fields of :class:`CriterionDifference`."""
        import pandas as pd

        columns = list(CriterionDifference.__dataclass_fields__)
        return pd.DataFrame([[getattr(c, f) for f in columns] for c in self.criteria], columns=columns)

    @property
    def weight_table(self) -> pd.DataFrame:
        """One row per criterion: the fields of :class:`WeightThreshold`."""
        import pandas as pd

        columns = list(WeightThreshold.__dataclass_fields__)
        frame = pd.DataFrame([[getattr(t, f) for f in columns] for t in self.weight_thresholds], columns=columns)
        frame["direction"] = pd.Series([t.direction for t in self.weight_thresholds], dtype=object)
        frame["place_other"] = pd.Series([t.place_other for t in self.weight_thresholds], dtype=object)
        return frame

    @property
    def score_table(self) -> pd.DataFrame:
        """One row per cell of the pair: the fields of :class:`ScoreThreshold`."""
        import pandas as pd

        columns = list(ScoreThreshold.__dataclass_fields__)
        return pd.DataFrame([[getattr(t, f) for f in columns] for t in self.score_thresholds], columns=columns)

    @property
    def evidence_table(self) -> pd.DataFrame:
        """One row per verified quote behind a decisive cell: alternative, criterion, value,
        confidence, source, file, line, quote."""
        import pandas as pd

        columns = ["alternative", "criterion", "value", "confidence", "source", "file", "line", "quote"]
        rows = [
            [cell.alternative, cell.criterion, cell.value, cell.confidence, q.source, q.file, q.line, q.quote]
            for cell in self.evidence
            for q in cell.quotes
        ]
        return pd.DataFrame(rows, columns=columns)

    def _caption_extra(self) -> str:
        return f"{self.alternative} (rank {self.rank}) vs {self.rival} (rank {self.rival_rank}): gap {self.gap:+.4g}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every field, NaN and infinities as None."""
        return {
            "alternative": self.alternative,
            "rank": self.rank,
            "score": self.score,
            "rival": self.rival,
            "rival_rank": self.rival_rank,
            "rival_score": self.rival_score,
            "gap": self.gap,
            "ahead": self.ahead,
            "tied": self.tied,
            "criteria": [
                {k: (_json(v) if isinstance(v, float) else v) for k, v in c.__dict__.items()} for c in self.criteria
            ],
            "decisive": list(self.decisive),
            "weight_thresholds": [
                {k: (_json(v) if isinstance(v, float) else v) for k, v in t.__dict__.items()}
                for t in self.weight_thresholds
            ],
            "score_thresholds": [
                {k: (_json(v) if isinstance(v, float) else v) for k, v in t.__dict__.items()}
                for t in self.score_thresholds
            ],
            "evidence": [
                {
                    **{k: v for k, v in cell.__dict__.items() if k != "quotes"},
                    "quotes": [q.__dict__ for q in cell.quotes],
                }
                for cell in self.evidence
            ],
            "weight_notes": list(self.weight_notes),
            "notes": list(self.notes),
        }


def _cell_evidence(problem: DecisionProblem, score: Score) -> CellEvidence:
    quotes = tuple(
        Quote(
            item.source,
            str(problem.sources[item.source].file) if item.source in problem.sources else None,
            item.line,
            item.end_line,
            item.quote,
        )
        for item in score.evidence
        if item.line is not None
    )
    return CellEvidence(
        score.alternative,
        score.criterion,
        score.describe(),
        score.kind,
        score.confidence,
        score.rationale,
        quotes,
        sum(not item.verified for item in score.evidence),
    )


def _decisive(oriented: FloatArray, tied: bool) -> list[int]:
    """The smallest set of criteria, largest oriented difference first, that outweighs all the others."""
    if tied:
        return []
    against = -float(oriented[oriented < 0].sum())
    chosen: list[int] = []
    total = 0.0
    for j in np.argsort(-oriented, kind="stable").tolist():
        if oriented[j] <= 0:
            break
        chosen.append(j)
        total += float(oriented[j])
        if total > against:
            return chosen
    return []  # the favourable criteria never outweigh the rest: the order is a float-level tie


def _raw_weight(problem: DecisionProblem, k: int, weight: float) -> float:
    """The raw weight of criterion ``k`` whose normalised weight is ``weight``, the others' raw weights kept."""
    others = float(problem.weights.sum() - problem.weights[k])
    if not math.isfinite(weight) or others <= 0:
        return math.nan
    return math.inf if weight >= 1.0 else weight * others / (1.0 - weight) + 0.0


def explain(problem: DecisionProblem, alternative: str | None = None) -> Explanation:
    """Why ``alternative`` (default: the first-ranked) ranks where it does, and what would change it.

    The rival is the runner-up for the first-ranked alternative, else the alternative just
    above. ``gap = S(a) - S(rival) = sum_j w_j (v_j(a) - v_j(rival))``. The weight at which
    the pair swaps is the root of their sweep lines (:func:`model.analysis.sensitivity.weight_sweeps`),
    ``t = (I_rival - I_a) / (s_a - s_rival)``; a single cell of criterion ``k`` swaps them when
    it moves by ``∓gap / g_k`` with ``g_k = ± w_k / (max_k - min_k)``.

    Raises :class:`RequestError` for an unknown alternative (with a "did you mean"), a
    problem with a single alternative, or a method other than the additive model.

    >>> import model
    >>> why = explain(model.loads(model.demo.DEMO_YAML))
    >>> why.alternative, why.rival, round(why.gap, 4), why.decisive
    ('Utopia', 'Atlantis', 0.1875, ('safety',))
    """
    _require_additive(problem, "explain")
    names = problem.alternative_names
    if alternative is not None:
        problem.alternative(alternative)  # unknown names: RequestError with a hint
    if len(names) < 2:
        raise RequestError(f"explain needs at least two alternatives to compare, got only {names[0]!r}")
    ranking = evaluate(problem)
    order = [int(i) for i in ranking.order]
    a = order[0] if alternative is None else names.index(alternative)
    position = order.index(a)
    ahead = position == 0
    r = order[1] if ahead else order[position - 1]
    weights = np.asarray(ranking.weights, dtype=float)
    contributions = np.asarray(ranking.details["contributions"], dtype=float)
    values = np.asarray(problem.values, dtype=float)
    difference = contributions[a] - contributions[r]
    gap = float(ranking.scores[a] - ranking.scores[r])
    tied = abs(gap) <= TIE_TOLERANCE
    oriented = difference if ahead else -difference
    decisive = set(_decisive(oriented, tied))
    criteria = problem.criterion_ids
    rows = [
        CriterionDifference(
            criterion=c,
            weight=float(weights[j]),
            value=float(values[a, j]),
            rival_value=float(values[r, j]),
            contribution=float(contributions[a, j]),
            rival_contribution=float(contributions[r, j]),
            difference=float(difference[j]),
            decisive=j in decisive,
            pivotal=not tied and float(oriented[j]) > abs(gap),
        )
        for j, c in enumerate(criteria)
    ]
    sorted_rows = tuple(rows[j] for j in np.argsort(-oriented, kind="stable").tolist())

    # weights: where the two sweep lines cross, and where this alternative first crosses anyone
    sweeps = weight_sweeps(problem)
    weight_rows: list[WeightThreshold] = []
    for k, c in enumerate(criteria):
        now = float(weights[k])
        slope = float(sweeps.slopes[k, a] - sweeps.slopes[k, r])
        at = math.nan
        if abs(slope) > SLOPE_TOLERANCE:
            root = float(sweeps.intercepts[k, r] - sweeps.intercepts[k, a]) / slope
            if -_EDGE <= root <= 1 + _EDGE:
                at = min(max(root, 0.0), 1.0) + 0.0  # + 0.0: no -0.0
        direction: Literal["increase", "decrease"] | None = None
        if math.isfinite(at) and at != now:
            direction = "increase" if at > now else "decrease"
        crossing = [
            x
            for x in sweeps.crossovers
            if x.criterion == c
            and names[a] in (x.gainer, x.loser)
            and abs(x.weight - now) > _EDGE
            and _EDGE < x.weight < 1 - _EDGE
        ]
        nearest = min(crossing, key=lambda x: abs(x.weight - now), default=None)
        weight_rows.append(
            WeightThreshold(
                criterion=c,
                current=now,
                weight=at,
                raw_weight=_raw_weight(problem, k, at),
                change=at - now,
                direction=direction,
                swaps=math.isfinite(at) and _EDGE < at < 1 - _EDGE,
                place_weight=math.nan if nearest is None else nearest.weight,
                place_other=None
                if nearest is None
                else (nearest.loser if nearest.gainer == names[a] else nearest.gainer),
            )
        )
    weight_rows.sort(key=lambda t: (not t.swaps, not math.isfinite(t.change), abs(t.change) if t.swaps else 0.0))

    # scores: one cell of either alternative moves the pair's gap at rate g_k per scale unit
    gains = _gains(problem, weights)
    span = problem.scale_max - problem.scale_min
    score_rows: list[ScoreThreshold] = []
    for owner, sign in ((a, -1.0), (r, 1.0)):
        for k, c in enumerate(criteria):
            usable = math.isfinite(gains[k]) and gains[k] != 0
            change = sign * gap / float(gains[k]) if usable else math.nan
            new = float(values[owner, k]) + change
            scale = problem.criteria[k].scale
            slack = _EDGE * float(span[k])
            score_rows.append(
                ScoreThreshold(
                    alternative=names[owner],
                    criterion=c,
                    kind=problem.scores[(names[owner], c)].kind,
                    value=float(values[owner, k]),
                    change=change,
                    new_value=new,
                    within_scale=bool(math.isfinite(new) and scale.min - slack <= new <= scale.max + slack),
                )
            )
    score_rows.sort(
        key=lambda t: (
            not t.within_scale,
            not math.isfinite(t.change),
            abs(t.change) / float(span[criteria.index(t.criterion)]) if math.isfinite(t.change) else 0.0,
        )
    )

    evidence = tuple(
        _cell_evidence(problem, problem.scores[(names[owner], criteria[j])])
        for j in sorted(decisive, key=lambda j: -float(oriented[j]))
        for owner in (a, r)
    )
    notes: list[str] = []
    bent = [c.id for c in problem.criteria if c.value_function is not None]
    if bent:
        notes.append(
            f"no score thresholds for {', '.join(bent)}: a value function bends the score-to-value line "
            "(the weight thresholds still apply)"
        )
    if tied:
        notes.append(f"{names[a]} and {names[r]} are tied (scores within {TIE_TOLERANCE:g}): nothing is decisive")
    return Explanation(
        alternative=names[a],
        rank=int(ranking.ranks[a]),
        score=float(ranking.scores[a]),
        rival=names[r],
        rival_rank=int(ranking.ranks[r]),
        rival_score=float(ranking.scores[r]),
        gap=gap,
        ahead=ahead,
        tied=tied,
        criteria=sorted_rows,
        decisive=tuple(criteria[j] for j in sorted(decisive, key=lambda j: -float(oriented[j]))),
        weight_thresholds=tuple(weight_rows),
        score_thresholds=tuple(score_rows),
        evidence=evidence,
        weight_notes=problem.weight_notes,
        notes=tuple(notes),
    )


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
@dataclass(frozen=True, eq=False)
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
        weights=_frozen(weights),
        raw_weights=_frozen([p.weights for p in problems]),
        scores=_frozen([r.scores for r in rankings]),
        ranks=_frozen([r.ranks for r in rankings], np.int64),
        parts=_frozen(parts),
        moves=tuple(moves),
        overtakes=tuple(overtakes),
        weight_notes=tuple(p.weight_notes for p in problems),
        notes=notes,
    )


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


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a model.

    ``kind`` (one of :data:`ChangeKind`); ``subject``: what changed — a criterion id, an
    alternative, a scenario, ``"method"``, or ``"Alternative.criterion"`` for a cell (also in
    ``alternative`` and ``criterion``). ``before``/``after``: the old and new value (None when
    absent) — normalised weights for ``weight``, the value as written for ``score``, the quote
    for evidence. ``detail``: the rest in words (raw weights, ranking values, sources and lines).
    """

    kind: ChangeKind
    subject: str
    before: str | float | None
    after: str | float | None
    detail: str
    alternative: str | None = None
    criterion: str | None = None


@dataclass(frozen=True)
class Movement:
    """How one alternative present in both versions moved.

    ``rank_change = rank_before - rank_after`` (positive: up); ``score_change = score_after -
    score_before`` ``= weight_part + score_part`` in the additive model with unchanged criteria,
    where ``weight_part = sum_j (w'_j - w_j) v_j`` and ``score_part = sum_j w'_j (v'_j - v_j)``
    (both NaN when no exact split exists).
    """

    alternative: str
    rank_before: int
    rank_after: int
    rank_change: int
    score_before: float
    score_after: float
    score_change: float
    weight_part: float
    score_part: float


@dataclass(frozen=True)
class Part:
    """One term of a score change: ``kind`` ``"weight"`` — ``(after - before) v_j`` with the
    normalised weights ``before``/``after`` and the old value ``v_j``; ``"score"`` —
    ``w'_j (after - before)`` with the old and new values ``v_j`` on the 0–1 scale (whatever
    moved it: the score, the scale, the direction or a value function); ``"criteria_set"`` —
    the whole change, unsplit, when criteria were added or removed (``criterion`` None)."""

    alternative: str
    kind: Literal["weight", "score", "criteria_set"]
    criterion: str | None
    before: float
    after: float
    part: float


@dataclass(frozen=True, eq=False)
class ModelDiff(HtmlTable):
    """What changed between two versions of a model, and how the ranking moved.

    ``changes`` in a fixed order: method, criteria and alternatives added or removed, then per
    criterion (direction, scale, value function, preference, weight), scenarios, then per cell
    (score, confidence, rationale, evidence removed, evidence added). A ``weight`` change is
    reported where the raw weight changed; every criterion's normalised weight before and
    after is in ``weights_before``/``weights_after``. Not compared: labels, descriptions,
    title, question, source metadata and the ``uncertainty`` block.

    ``movements``: every alternative in both, best first in the new ranking. ``parts``: the
    exact split of each score change (``exact``: both additive, same criteria); with the
    criteria changed, one ``criteria_set`` part per alternative holds the whole change.
    """

    changes: tuple[Change, ...]
    movements: tuple[Movement, ...]
    parts: tuple[Part, ...]
    exact: bool
    method_before: str
    method_after: str
    weights_before: Mapping[str, float]
    weights_after: Mapping[str, float]
    notes: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True when nothing compared differs."""
        return not self.changes

    @property
    def table(self) -> pd.DataFrame:
        """One row per change: kind, subject, before, after, detail."""
        import pandas as pd

        columns = ["kind", "subject", "before", "after", "detail"]
        frame = pd.DataFrame([[getattr(c, f) for f in columns] for c in self.changes], columns=columns)
        for f in ("before", "after"):  # mixed text and numbers; None stays None
            frame[f] = pd.Series([getattr(c, f) for c in self.changes], dtype=object)
        return frame

    @property
    def movement(self) -> pd.DataFrame:
        """One row per alternative in both versions: the fields of :class:`Movement`."""
        import pandas as pd

        columns = list(Movement.__dataclass_fields__)
        return pd.DataFrame([[getattr(m, f) for f in columns] for m in self.movements], columns=columns)

    @property
    def attribution(self) -> pd.DataFrame:
        """One row per :class:`Part`: alternative, kind, criterion, before, after, part."""
        import pandas as pd

        columns = list(Part.__dataclass_fields__)
        frame = pd.DataFrame([[getattr(p, f) for f in columns] for p in self.parts], columns=columns)
        frame["criterion"] = pd.Series([p.criterion for p in self.parts], dtype=object)
        return frame

    def _caption_extra(self) -> str:
        return f"{len(self.changes)} change{'s' if len(self.changes) != 1 else ''}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: changes, movements, parts, weights and notes (NaN as None)."""

        def plain(record: Any) -> dict[str, Any]:
            return {k: (_json(v) if isinstance(v, float) else v) for k, v in record.__dict__.items()}

        return {
            "exact": self.exact,
            "method_before": self.method_before,
            "method_after": self.method_after,
            "changes": [plain(c) for c in self.changes],
            "movements": [plain(m) for m in self.movements],
            "parts": [plain(p) for p in self.parts],
            "weights_before": dict(self.weights_before),
            "weights_after": dict(self.weights_after),
            "notes": list(self.notes),
        }


def _scale_key(scale: Scale) -> tuple[float, float, tuple[tuple[str, float], ...]]:
    return scale.min, scale.max, tuple(sorted(scale.labels))


def _scenario_text(weights: Mapping[str, float]) -> str:
    return ", ".join(f"{c}={_number(w)}" for c, w in weights.items())


def _where(problem: DecisionProblem, source: str, line: int | None) -> str:
    file = problem.sources[source].file if source in problem.sources else None
    place = f"{file}:{line}" if file is not None and line is not None else (str(file) if file else "unverified")
    return f"source {source} ({place})"


def _criteria_changes(old: DecisionProblem, new: DecisionProblem) -> list[Change]:
    before = {c.id: c for c in old.criteria}
    after = {c.id: c for c in new.criteria}
    old_w = dict(zip(old.criterion_ids, old.normalized_weights.tolist(), strict=True))
    new_w = dict(zip(new.criterion_ids, new.normalized_weights.tolist(), strict=True))
    changes: list[Change] = []
    for cid, c in before.items():
        if cid not in after:
            detail = f"{c.direction}, raw weight {_number(c.weight)}, scale {c.scale.describe()}"
            changes.append(Change("criterion_removed", cid, c.label, None, detail, criterion=cid))
    for cid, c in after.items():
        if cid not in before:
            detail = f"{c.direction}, raw weight {_number(c.weight)}, scale {c.scale.describe()}"
            changes.append(Change("criterion_added", cid, None, c.label, detail, criterion=cid))
    changes += _alternative_changes(old, new)
    for cid, c in after.items():
        if cid not in before:
            continue
        b = before[cid]
        if b.direction != c.direction:
            changes.append(Change("direction", cid, b.direction, c.direction, "", criterion=cid))
        if _scale_key(b.scale) != _scale_key(c.scale):
            changes.append(Change("scale", cid, b.scale.describe(), c.scale.describe(), "", criterion=cid))
        if b.value_function != c.value_function:
            changes.append(
                Change("value_function", cid, str(b.value_function), str(c.value_function), "", criterion=cid)
            )
        if b.preference != c.preference:
            changes.append(Change("preference", cid, str(b.preference), str(c.preference), "", criterion=cid))
        if b.weight != c.weight:
            detail = (
                f"raw weight {_number(b.weight)} → {_number(c.weight)}; normalised {old_w[cid]:.4g} → {new_w[cid]:.4g}"
            )
            changes.append(Change("weight", cid, old_w[cid], new_w[cid], detail, criterion=cid))
    return changes


def _alternative_changes(old: DecisionProblem, new: DecisionProblem) -> list[Change]:
    before = {a.name: a for a in old.alternatives}
    after = {a.name: a for a in new.alternatives}
    changes = [
        Change("alternative_removed", name, name, None, alt.description or "", alternative=name)
        for name, alt in before.items()
        if name not in after
    ]
    changes += [
        Change("alternative_added", name, None, name, alt.description or "", alternative=name)
        for name, alt in after.items()
        if name not in before
    ]
    return changes


def _scenario_changes(old: DecisionProblem, new: DecisionProblem) -> list[Change]:
    changes: list[Change] = []
    for name, s in old.scenarios.items():
        if name not in new.scenarios:
            changes.append(Change("scenario_removed", name, _scenario_text(s.weights), None, s.description or ""))
    for name, s in new.scenarios.items():
        if name not in old.scenarios:
            changes.append(Change("scenario_added", name, None, _scenario_text(s.weights), s.description or ""))
        elif dict(old.scenarios[name].weights) != dict(s.weights):
            changes.append(
                Change(
                    "scenario",
                    name,
                    _scenario_text(old.scenarios[name].weights),
                    _scenario_text(s.weights),
                    s.description or "",
                )
            )
    return changes


def _cell_changes(old: DecisionProblem, new: DecisionProblem, alt: str, cid: str) -> list[Change]:
    b, a = old.scores[(alt, cid)], new.scores[(alt, cid)]
    subject = f"{alt}.{cid}"
    changes: list[Change] = []

    def add(kind: ChangeKind, before: str | float | None, after: str | float | None, detail: str = "") -> None:
        changes.append(Change(kind, subject, before, after, detail, alternative=alt, criterion=cid))

    if (b.kind, b.low, b.high, b.labels) != (a.kind, a.low, a.high, a.labels):
        add("score", b.describe(), a.describe(), f"ranking value {_number(b.midpoint)} → {_number(a.midpoint)}")
    if b.confidence != a.confidence:
        add("confidence", b.confidence, a.confidence)
    if _squash(b.rationale) != _squash(a.rationale):
        add("rationale", b.rationale, a.rationale)
    old_quotes = Counter((item.source, _squash(item.quote)) for item in b.evidence)
    new_quotes = Counter((item.source, _squash(item.quote)) for item in a.evidence)
    removed, added = old_quotes - new_quotes, new_quotes - old_quotes
    for item in b.evidence:
        key = (item.source, _squash(item.quote))
        if removed[key] > 0:
            removed[key] -= 1
            add("evidence_removed", item.quote, None, _where(old, item.source, item.line))
    for item in a.evidence:
        key = (item.source, _squash(item.quote))
        if added[key] > 0:
            added[key] -= 1
            add("evidence_added", None, item.quote, _where(new, item.source, item.line))
    return changes


def _options_text(options: Mapping[str, Mapping[str, float | str]]) -> str:
    return "; ".join(f"{m}: " + ", ".join(f"{k}={v}" for k, v in o.items()) for m, o in sorted(options.items()))


def diff(old: DecisionProblem, new: DecisionProblem) -> ModelDiff:
    """Every change between two versions of a model, how the ranking moved, and why.

    Each alternative in both is ranked in each version with its own method. When both use the
    additive model with the same criteria (in any order), every score change splits exactly:
    ``S'(a) - S(a) = sum_j (w'_j - w_j) v_j(a) + sum_j w'_j (v'_j(a) - v_j(a))`` — the weight
    changes' part, then one part per changed cell. With criteria added or removed the change
    is attributed to the criteria set, unsplit; with another method it is not split.

    >>> import model
    >>> problem = model.loads(model.demo.DEMO_YAML)
    >>> change = diff(problem, problem.with_scenario("cheap_first"))
    >>> [(c.kind, c.subject) for c in change.changes]
    [('weight', 'cost_of_living')]
    >>> diff(problem, problem).empty
    True
    """
    changes: list[Change] = []
    if old.method != new.method:
        changes.append(Change("method", "method", old.method, new.method, ""))
    if {k: dict(v) for k, v in old.method_options.items()} != {k: dict(v) for k, v in new.method_options.items()}:
        changes.append(
            Change(
                "method_options",
                "method_options",
                _options_text(old.method_options),
                _options_text(new.method_options),
                "",
            )
        )
    changes += _criteria_changes(old, new)
    changes += _scenario_changes(old, new)
    common_alts = [a for a in new.alternative_names if a in old.alternative_names]
    common_crits = [c for c in new.criterion_ids if c in old.criterion_ids]
    for alt in common_alts:
        for cid in common_crits:
            changes += _cell_changes(old, new, alt, cid)

    before, after = evaluate(old), evaluate(new)
    same_criteria = set(old.criterion_ids) == set(new.criterion_ids)
    exact = same_criteria and old.method == ADDITIVE and new.method == ADDITIVE
    notes: list[str] = []
    parts: list[Part] = []
    split: dict[str, tuple[float, float]] = {}
    if exact:
        columns = [old.criterion_ids.index(c) for c in new.criterion_ids]  # old aligned to the new order
        w_old = np.asarray(before.weights, dtype=float)[columns]
        w_new = np.asarray(after.weights, dtype=float)
        v_old_all = np.asarray(before.details["normalized"], dtype=float)[:, columns]
        v_new_all = np.asarray(after.details["normalized"], dtype=float)
        for alt in common_alts:
            v_old = v_old_all[old.alternative_names.index(alt)]
            v_new = v_new_all[new.alternative_names.index(alt)]
            weight_terms = (w_new - w_old) * v_old
            score_terms = w_new * (v_new - v_old)
            split[alt] = (float(weight_terms.sum()), float(score_terms.sum()))
            for j, cid in enumerate(new.criterion_ids):
                if w_new[j] != w_old[j]:
                    parts.append(Part(alt, "weight", cid, float(w_old[j]), float(w_new[j]), float(weight_terms[j])))
            for j, cid in enumerate(new.criterion_ids):
                if v_new[j] != v_old[j]:
                    parts.append(Part(alt, "score", cid, float(v_old[j]), float(v_new[j]), float(score_terms[j])))
    elif not same_criteria and old.method == new.method == ADDITIVE:
        notes.append("criteria set changed: score changes are attributed to it as a whole, without an exact split")
        for alt in common_alts:
            change = float(
                after.scores[new.alternative_names.index(alt)] - before.scores[old.alternative_names.index(alt)]
            )
            parts.append(Part(alt, "criteria_set", None, math.nan, math.nan, change))
    elif old.method != new.method:
        notes.append(f"method changed ({old.method} → {new.method}): scores are on different scales and are not split")
    else:
        notes.append(f"method {new.method!r} is not additive: ranks and scores are compared, but not split")
    if not same_criteria and old.method != new.method:
        notes.append("criteria set changed as well")

    movements = []
    for i in after.order.tolist():
        alt = new.alternative_names[i]
        if alt not in old.alternative_names:
            continue
        k = old.alternative_names.index(alt)
        weight_part, score_part = split.get(alt, (math.nan, math.nan))
        movements.append(
            Movement(
                alternative=alt,
                rank_before=int(before.ranks[k]),
                rank_after=int(after.ranks[i]),
                rank_change=int(before.ranks[k] - after.ranks[i]),
                score_before=float(before.scores[k]),
                score_after=float(after.scores[i]),
                score_change=float(after.scores[i] - before.scores[k]),
                weight_part=weight_part,
                score_part=score_part,
            )
        )
    return ModelDiff(
        changes=tuple(changes),
        movements=tuple(movements),
        parts=tuple(parts),
        exact=exact,
        method_before=old.method,
        method_after=new.method,
        weights_before=dict(zip(old.criterion_ids, map(float, old.normalized_weights), strict=True)),
        weights_after=dict(zip(new.criterion_ids, map(float, new.normalized_weights), strict=True)),
        notes=tuple(notes),
    )
