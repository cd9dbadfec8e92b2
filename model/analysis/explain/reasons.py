"""Why an alternative ranks where it does: :func:`explain`.

One alternative against its rival, criterion by criterion (the differences add up exactly to
the gap), the decisive criteria, the exact weights and single scores at which the two swap,
and the verified quotes behind the decisive cells. May import numpy, the core,
:mod:`model.analysis.sensitivity` and :mod:`.common`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from model.analysis.sensitivity import crossings, difference_lines, line_roots
from model.display import HtmlTable
from model.errors import RequestError
from model.problem import DecisionProblem, Score
from model.ranking import TIE_TOLERANCE, evaluate

if TYPE_CHECKING:
    import pandas as pd
from model.analysis.explain.common import EDGE, FloatArray, gain_rates, json_number, require_additive


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

    Decided on the pair's difference line ``d(t) = S_a(t) - S_rival(t)``, built from the
    per-criterion differences, with the ranking's tie policy (``|d| <= TIE_TOLERANCE`` is a
    tie). ``swaps``: ``d`` is beyond the tolerance at both ends of ``[0, 1]``, with opposite
    signs; ``weight`` is then its exact root, strictly inside ``(0, 1)``, and past it, in
    ``direction``, they swap. When they are tied at one end only, ``weight`` is that end,
    exactly 0 or 1, and ``swaps`` is False (the end cannot be passed; a tie made inexact by
    rounding is still an end tie). NaN when neither: apart on the same side at every weight,
    or tied at every weight. ``raw_weight``: the same weight in the file's units, for
    :meth:`DecisionProblem.with_weights` or ``--weight``, the other raw weights unchanged (inf
    for a normalised weight of 1; NaN if none). ``change = weight - current``.
    ``place_weight``: the nearest weight, either way, at which the alternative swaps with any
    other alternative (its place changes first there; ties at exactly 0 or 1 are left out, and
    so is a crossing at the current weight itself), and ``place_other`` that alternative (NaN /
    None if none).
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


@dataclass(frozen=True, eq=False, repr=False)
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
                {k: (json_number(v) if isinstance(v, float) else v) for k, v in c.__dict__.items()}
                for c in self.criteria
            ],
            "decisive": list(self.decisive),
            "weight_thresholds": [
                {k: (json_number(v) if isinstance(v, float) else v) for k, v in t.__dict__.items()}
                for t in self.weight_thresholds
            ],
            "score_thresholds": [
                {k: (json_number(v) if isinstance(v, float) else v) for k, v in t.__dict__.items()}
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


def _pair_weight(start: float, end: float) -> tuple[float, bool]:
    """The weight at which a pair whose difference line runs from ``start`` (t = 0) to ``end``
    (t = 1) swaps or ties, and whether it swaps there (the tie policy of
    :func:`~model.analysis.sensitivity.crossings`)."""
    apart_start, apart_end = abs(start) > TIE_TOLERANCE, abs(end) > TIE_TOLERANCE
    if apart_start and apart_end and (start > 0) != (end > 0):
        return float(line_roots(np.array([start]), np.array([end]))[0]), True
    if apart_start != apart_end:  # tied at one end only: 0 or 1, which cannot be passed
        return (1.0 if apart_start else 0.0), False
    return math.nan, False  # apart on one side throughout, or tied at every weight


def _raw_weight(problem: DecisionProblem, k: int, weight: float) -> float:
    """The raw weight of criterion ``k`` whose normalised weight is ``weight``, the others' raw weights kept."""
    others = float(problem.weights.sum() - problem.weights[k])
    if not math.isfinite(weight) or others <= 0:
        return math.nan
    return math.inf if weight >= 1.0 else weight * others / (1.0 - weight) + 0.0


def explain(problem: DecisionProblem, alternative: str | None = None) -> Explanation:
    """Why ``alternative`` (default: the first-ranked) ranks where it does, and what would change it.

    The rival is the runner-up for the first-ranked alternative, else the alternative just
    above. ``gap = S(a) - S(rival) = sum_j w_j (v_j(a) - v_j(rival))``; whether the two are
    tied is decided on that sum of per-criterion differences. The weight at which the pair
    swaps is the exact root of their difference line
    (:func:`model.analysis.sensitivity.difference_lines`), ``t = d(0) / (d(0) - d(1))``,
    counted as a swap only when the difference is beyond the tie tolerance at both ends (see
    :class:`WeightThreshold`); a single cell of criterion ``k`` swaps them when it moves by
    ``∓gap / g_k`` with ``g_k = ± w_k / (max_k - min_k)``.

    Raises :class:`RequestError` for an unknown alternative (with a "did you mean"), a
    problem with a single alternative, or a method other than the additive model.

    >>> import model
    >>> why = explain(model.loads(model.demo.DEMO_YAML))
    >>> why.alternative, why.rival, round(why.gap, 4), why.decisive
    ('Utopia', 'Atlantis', 0.1875, ('safety',))
    """
    require_additive(problem, "explain")
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
    normalized = np.asarray(ranking.details["normalized"], dtype=float)
    # the gap, and whether the pair is tied, from the per-criterion differences, not from two rounded totals
    gap = float((normalized[a] - normalized[r]) @ weights)
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

    # weights: where the pair's difference line crosses, and where this alternative crosses anyone
    # only the pairs of this alternative: m - 1 lines per criterion, not every pair of the problem
    others = np.array([b for b in range(len(names)) if b != a], dtype=np.int64)
    crit, at_weight, gainer, loser = crossings(
        normalized, weights, pairs=(np.full(others.size, a, dtype=np.int64), others)
    )
    own_crossovers = [
        (criteria[int(k)], float(w), names[int(g)], names[int(lo)])
        for k, w, g, lo in zip(crit, at_weight, gainer, loser, strict=True)
    ]
    starts, ends = difference_lines(normalized, weights, np.array([a]), np.array([r]))
    weight_rows: list[WeightThreshold] = []
    for k, c in enumerate(criteria):
        now = float(weights[k])
        at, swaps = _pair_weight(float(starts[k, 0]), float(ends[k, 0]))
        direction: Literal["increase", "decrease"] | None = None
        if math.isfinite(at) and at != now:
            direction = "increase" if at > now else "decrease"
        crossing = [
            x
            for x in own_crossovers
            if x[0] == c and abs(x[1] - now) > EDGE and 0.0 < x[1] < 1.0  # crossovers at exactly 0 or 1 only tie
        ]
        nearest = min(crossing, key=lambda x: abs(x[1] - now), default=None)
        weight_rows.append(
            WeightThreshold(
                criterion=c,
                current=now,
                weight=at,
                raw_weight=_raw_weight(problem, k, at),
                change=at - now,
                direction=direction,
                swaps=swaps,
                place_weight=math.nan if nearest is None else nearest[1],
                place_other=None if nearest is None else (nearest[3] if nearest[2] == names[a] else nearest[2]),
            )
        )
    weight_rows.sort(key=lambda t: (not t.swaps, not math.isfinite(t.change), abs(t.change) if t.swaps else 0.0))

    # scores: one cell of either alternative moves the pair's gap at rate g_k per scale unit
    gains = gain_rates(problem, weights)
    span = problem.scale_max - problem.scale_min
    score_rows: list[ScoreThreshold] = []
    for owner, sign in ((a, -1.0), (r, 1.0)):
        for k, c in enumerate(criteria):
            usable = math.isfinite(gains[k]) and gains[k] != 0
            change = sign * gap / float(gains[k]) if usable else math.nan
            new = float(values[owner, k]) + change
            scale = problem.criteria[k].scale
            slack = EDGE * float(span[k])
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
