"""The decision problem: one immutable, validated object that every analysis reads.

A :class:`DecisionProblem` holds the criteria, the alternatives, one :class:`Score` per
(alternative, criterion) cell with its evidence, and the named scenarios. It never changes:
:meth:`DecisionProblem.with_weights` and :meth:`DecisionProblem.with_scenario` return new
problems, validated again, that remember how their weights came about.

May import numpy, :mod:`model.errors` and :mod:`model.weighting` (the elicitation spec); pandas
only when a DataFrame is asked for.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeVar

import numpy as np
from numpy.typing import NDArray

from model.documents import Document, EvidenceRules, QuoteContext, quote_context
from model.errors import Issue, RequestError, did_you_mean
from model.weighting.elicitation import Elicitation

if TYPE_CHECKING:
    import pandas as pd

Direction = Literal["benefit", "cost"]
Confidence = Literal["high", "medium", "low"]
ValueKind = Literal["point", "label", "interval", "unknown"]
UnknownPolicy = Literal["midpoint", "pessimistic"]

DIRECTIONS: tuple[Direction, ...] = ("benefit", "cost")
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low")
UNKNOWN_POLICIES: tuple[UnknownPolicy, ...] = ("midpoint", "pessimistic")
UNKNOWN_POLICY_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "midpoint": "unknown cells ranked on the scale midpoint (not evidence)",
        "pessimistic": "unknown cells ranked at the worst end of the scale (not evidence)",
    }
)


_ArrayT = TypeVar("_ArrayT", bound=np.ndarray)


def _read_only(array: _ArrayT) -> _ArrayT:
    array.flags.writeable = False
    return array


def _number(value: float) -> str:
    """Shortest faithful text of a number: 3 rather than 3.0.

    >>> _number(3.0), _number(2.5)
    ('3', '2.5')
    """
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Body:
    """Which part of a source file is the document: line ranges, or the paragraphs from the one holding
    ``start`` to the one holding ``end`` (each matched like a quote, exactly once)."""

    lines: tuple[tuple[int, int], ...] = ()
    start: str | None = None
    end: str | None = None

    def describe(self) -> str:
        if self.lines:
            return "lines " + ", ".join(f"{a}-{b}" for a, b in self.lines)
        return f"from «{self.start}» to «{self.end}»"


@dataclass(frozen=True)
class Source:
    """A document that evidence quotes come from.

    ``sha256`` is the hash of the file as read; ``pin``, when the file states one, the hash it
    must have (a mismatch is refused at load). ``body`` says which part of the file is the
    document; without it, quotes from paragraphs that look like page furniture are warned about.
    """

    id: str
    file: Path
    title: str
    publisher: str | None = None
    date: date | None = None
    sha256: str | None = None
    body: Body | None = None
    pin: str | None = None


@dataclass(frozen=True)
class Scale:
    """The range a criterion is scored on, with optional named points (labels)."""

    min: float
    max: float
    labels: tuple[tuple[str, float], ...] = ()
    name: str | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.min) and math.isfinite(self.max) and self.min < self.max):
            raise ValueError(f"a scale needs finite min < max, got [{self.min}, {self.max}]")

    def label_value(self, label: str) -> float | None:
        """The point a label stands for, or None if the scale has no such label."""
        for name, value in self.labels:
            if name == label:
                return value
        return None

    def label_band(self, label: str) -> tuple[float, float]:
        """The stretch of the scale a verbal label stands for: halfway to its neighbouring labels.

        >>> Scale(1, 9, (("low", 3), ("moderate", 5), ("high", 7))).label_band("low")
        (1.0, 4.0)
        """
        point = self.label_value(label)
        if point is None:
            raise KeyError(label)
        below = [p for _, p in self.labels if p < point]
        above = [p for _, p in self.labels if p > point]
        low = (max(below) + point) / 2 if below else self.min
        high = (min(above) + point) / 2 if above else self.max
        return float(low), float(high)

    def label_of(self, value: float) -> str | None:
        """The label placed exactly at ``value``, if any."""
        for name, point in self.labels:
            if point == value:
                return name
        return None

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2

    def describe(self) -> str:
        text = f"{_number(self.min)}–{_number(self.max)}"
        if self.labels:
            text += " (" + ", ".join(f"{name} = {_number(value)}" for name, value in self.labels) + ")"
        return text


@dataclass(frozen=True)
class Preference:
    """A PROMETHEE preference function for one criterion, thresholds in the scale's units."""

    function: str = "usual"
    q: float | None = None
    p: float | None = None
    s: float | None = None


@dataclass(frozen=True)
class Criterion:
    """A criterion: what is measured, in which direction, on which scale, with what weight.

    ``value_function``: optional piecewise-linear points (score, value in [0, 1]) that the
    additive model uses instead of the straight line from the scale's worst to its best end.
    ``preference``: how PROMETHEE compares two scores on this criterion. ``weight_rationale``:
    why the criterion carries its weight, in the analyst's words.
    """

    id: str
    label: str
    direction: Direction
    weight: float
    scale: Scale
    description: str | None = None
    value_function: tuple[tuple[float, float], ...] | None = None
    preference: Preference = field(default_factory=Preference)
    weight_rationale: str | None = None

    @property
    def is_benefit(self) -> bool:
        return self.direction == "benefit"


@dataclass(frozen=True)
class Alternative:
    """A candidate (here, a country of exile). ``aliases``: other words a passage may name it by."""

    name: str
    description: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Evidence:
    """A quote from a source document, and what verification found.

    ``line``/``end_line``: where the quote is (1-based); ``paragraph`` and ``spans``: the
    paragraph of the source and each fragment's ``[start, end)`` in its normalised text;
    ``warnings``: the codes of the evidence rules this quote did not pass cleanly (see
    docs/schema.md).
    """

    source: str
    quote: str
    line: int | None = None
    end_line: int | None = None
    paragraph: int | None = None
    spans: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        return self.line is not None


@dataclass(frozen=True)
class Score:
    """One cell: how an alternative does on a criterion, how sure we are, and why.

    ``low`` and ``high`` bound the value on the criterion's scale: equal for a point or a
    label, the two ends for an interval, the whole scale for ``unknown``. Rankings use the
    midpoint, and flag intervals and unknowns so nobody mistakes them for evidence.
    """

    alternative: str
    criterion: str
    kind: ValueKind
    low: float
    high: float
    confidence: Confidence | None = None
    evidence: tuple[Evidence, ...] = ()
    rationale: str | None = None
    labels: tuple[str, ...] = ()
    accepted: tuple[tuple[str, str], ...] = ()  # (warning code, the analyst's reason)

    @property
    def midpoint(self) -> float:
        return (self.low + self.high) / 2

    @property
    def evidenced(self) -> bool:
        """True when the value is known and at least one quote passes every evidence rule
        (a warning the cell accepts, with its reason, counts as passed)."""
        accepted = {code for code, _ in self.accepted}
        return self.kind != "unknown" and any(
            item.verified and set(item.warnings) <= accepted for item in self.evidence
        )

    @property
    def is_point(self) -> bool:
        return self.kind in ("point", "label")

    @property
    def supported(self) -> bool:
        """True when at least one verified quote backs this cell (whatever the evidence rules say)."""
        return any(item.verified for item in self.evidence)

    def describe(self) -> str:
        """The value as an analyst wrote it, with its number.

        >>> Score("Cuba", "freedom", "interval", 1, 3, labels=("very low", "low")).describe()
        '[very low, low] = [1, 3]'
        """
        if self.kind == "unknown":
            return "unknown"
        if self.kind == "interval":
            numbers = f"[{_number(self.low)}, {_number(self.high)}]"
            return f"[{', '.join(self.labels)}] = {numbers}" if self.labels else numbers
        if self.kind == "label":
            return f"{self.labels[0]} ({_number(self.low)})"
        return _number(self.low)


DEFAULT_CONFIDENCE_BANDS: Mapping[str, float] = MappingProxyType({"high": 0.0, "medium": 0.1, "low": 0.2})
DEFAULT_WEIGHT_SPREAD = 0.5


@dataclass(frozen=True)
class Uncertainty:
    """How the robustness analyses turn evidence into ranges (the YAML's ``uncertainty:`` block).

    ``confidence_bands``: by confidence, how far the range of a point or labelled value reaches
    beyond the value (a point) or beyond the label's own band (a label), as a fraction of the
    scale's span on each side; high <= medium <= low, so more confidence never widens a range.
    ``widen_intervals``: whether an interval's stated ends widen by its confidence band too
    (by default an interval keeps the ends the analyst wrote). ``weight_order``: optional
    ordinal weight information, most important first (w[0] >= w[1] >= ...).
    ``weight_spread``: for weights sampled "around" the analyst's, each weight may move by this
    fraction of itself. ``unknowns``: how an ``unknown`` cell enters the point ranking —
    ``"midpoint"`` (the scale's midpoint) or ``"pessimistic"`` (the scale's worst end); the
    robustness analyses always give it the whole scale.
    """

    confidence_bands: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_CONFIDENCE_BANDS))
    weight_order: tuple[str, ...] = ()
    weight_spread: float = DEFAULT_WEIGHT_SPREAD
    unknowns: UnknownPolicy = "midpoint"
    widen_intervals: bool = False

    def __post_init__(self) -> None:
        bands = {**DEFAULT_CONFIDENCE_BANDS, **dict(self.confidence_bands)}
        if set(bands) != set(CONFIDENCES) or any(not 0 <= v <= 1 for v in bands.values()):
            raise ValueError(f"confidence bands must be fractions in [0, 1] for {CONFIDENCES}, got {bands}")
        if not bands["high"] <= bands["medium"] <= bands["low"]:
            raise ValueError(
                f"confidence bands must not narrow as confidence falls (high <= medium <= low), got {bands}"
            )
        if not 0 <= self.weight_spread < 1:
            raise ValueError(f"weight_spread must be in [0, 1), got {self.weight_spread}")
        if self.unknowns not in UNKNOWN_POLICIES:
            raise ValueError(f"unknowns must be one of {UNKNOWN_POLICIES}, got {self.unknowns!r}")
        object.__setattr__(self, "confidence_bands", MappingProxyType(bands))
        object.__setattr__(self, "weight_order", tuple(self.weight_order))


@dataclass(frozen=True)
class Scenario:
    """A named what-if stance: weights that replace the base weights of the criteria named."""

    name: str
    weights: Mapping[str, float]
    description: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))


@dataclass(frozen=True, eq=False)
class DecisionProblem:
    """A validated multi-criteria decision problem. Immutable; compare with :meth:`equals`.

    Build one with :func:`model.load` or :func:`model.loads`:

    >>> import model
    >>> problem = model.loads(model.demo.DEMO_YAML)
    >>> problem.alternative_names
    ('Atlantis', 'Utopia')
    >>> problem.normalized_weights.round(3).tolist()
    [0.75, 0.25]
    >>> problem.with_weights({"cost_of_living": 3}).normalized_weights.tolist()
    [0.5, 0.5]
    """

    title: str
    criteria: tuple[Criterion, ...]
    alternatives: tuple[Alternative, ...]
    scores: Mapping[tuple[str, str], Score]
    question: str | None = None
    as_of: date | None = None
    sources: Mapping[str, Source] = field(default_factory=dict)
    scenarios: Mapping[str, Scenario] = field(default_factory=dict)
    method: str = "weighted_sum"
    path: Path | None = None
    sha256: str | None = None
    weight_notes: tuple[str, ...] = ()
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    method_options: Mapping[str, Mapping[str, float | str]] = field(default_factory=dict)
    weighting: Elicitation | None = None
    analysts: Mapping[str, Elicitation] = field(default_factory=dict)
    warnings: tuple[Issue, ...] = ()
    weight_source: str = "criteria"  # where the base weights come from: criteria | weighting | analysts
    documents: Mapping[str, Document] = field(default_factory=dict)  # source id → the document as read
    evidence_rules: EvidenceRules = field(default_factory=EvidenceRules)
    accepted: tuple[tuple[Issue, str], ...] = ()  # warnings a cell accepts, with the analyst's reason

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", MappingProxyType(dict(self.scores)))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        object.__setattr__(self, "documents", MappingProxyType(dict(self.documents)))
        object.__setattr__(self, "scenarios", MappingProxyType(dict(self.scenarios)))
        object.__setattr__(
            self,
            "method_options",
            MappingProxyType({k: MappingProxyType(dict(v)) for k, v in self.method_options.items()}),
        )
        object.__setattr__(self, "analysts", MappingProxyType(dict(self.analysts)))
        if len(self.alternatives) < 1 or len(self.criteria) < 1:
            raise ValueError("a decision problem needs at least one alternative and one criterion")
        missing = [
            (alt.name, crit.id)
            for alt in self.alternatives
            for crit in self.criteria
            if (alt.name, crit.id) not in self.scores
        ]
        if missing:
            raise ValueError(f"every cell needs a score; missing {missing[:5]}")
        weights = [crit.weight for crit in self.criteria]
        if any(not math.isfinite(w) or w < 0 for w in weights) or sum(weights) <= 0:
            raise ValueError(f"weights must be finite, non-negative and not all zero, got {weights}")
        order = self.uncertainty.weight_order
        unknown = [c for c in order if c not in self.criterion_ids]
        if unknown or len(set(order)) != len(order):
            raise ValueError(f"weight_order must name distinct criteria, got {list(order)}")

    @classmethod
    def from_matrix(
        cls,
        matrix: Sequence[Sequence[float]] | NDArray[np.float64],
        *,
        alternatives: Sequence[str],
        criteria: Sequence[str],
        weights: Sequence[float],
        directions: Sequence[Direction] | None = None,
        scale: tuple[float, float] | Sequence[tuple[float, float]] = (0.0, 1.0),
        title: str = "matrix",
        low: Sequence[Sequence[float]] | NDArray[np.float64] | None = None,
        high: Sequence[Sequence[float]] | NDArray[np.float64] | None = None,
        uncertainty: Uncertainty | None = None,
    ) -> DecisionProblem:
        """A problem from a plain matrix of point scores (no evidence), e.g. a published example.

        ``scale`` is one ``(min, max)`` for every criterion or one per criterion. Give ``low``
        and ``high`` matrices too to make the cells where they differ intervals (``matrix`` is
        then ignored for those cells, which rank on their midpoints).

        >>> problem = DecisionProblem.from_matrix([[25, 20], [10, 30]], alternatives=["A1", "A2"],
        ...     criteria=["c1", "c2"], weights=[1, 1], scale=(0, 100))
        >>> problem.values.tolist()
        [[25.0, 20.0], [10.0, 30.0]]
        """
        values = np.asarray(matrix, dtype=float)
        if values.shape != (len(alternatives), len(criteria)) or len(weights) != len(criteria):
            raise ValueError(
                f"expected a {len(alternatives)}×{len(criteria)} matrix and {len(criteria)} weights, "
                f"got {values.shape} and {len(weights)}"
            )
        bounds = np.broadcast_to(np.asarray(scale, dtype=float), (len(criteria), 2))
        crits = tuple(
            Criterion(
                cid,
                cid,
                directions[j] if directions else "benefit",
                float(weights[j]),
                Scale(float(bounds[j, 0]), float(bounds[j, 1])),
            )
            for j, cid in enumerate(criteria)
        )
        lows = values if low is None else np.asarray(low, dtype=float)
        highs = values if high is None else np.asarray(high, dtype=float)
        scores = {
            (alt, cid): Score(
                alt,
                cid,
                "point" if lows[i, j] == highs[i, j] else "interval",
                float(lows[i, j]),
                float(highs[i, j]),
                "high",
                (),
                "matrix input",
            )
            for i, alt in enumerate(alternatives)
            for j, cid in enumerate(criteria)
        }
        return cls(
            title=title,
            criteria=crits,
            alternatives=tuple(Alternative(a) for a in alternatives),
            scores=scores,
            uncertainty=uncertainty or Uncertainty(),
        )

    # ----- names -----------------------------------------------------------------------
    @property
    def alternative_names(self) -> tuple[str, ...]:
        return tuple(alt.name for alt in self.alternatives)

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(crit.id for crit in self.criteria)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id; a :class:`RequestError` with a hint if there is none."""
        for crit in self.criteria:
            if crit.id == criterion_id:
                return crit
        raise _unknown("criterion", criterion_id, self.criterion_ids)

    def alternative(self, name: str) -> Alternative:
        """The alternative with this name; a :class:`RequestError` with a hint if there is none."""
        for alt in self.alternatives:
            if alt.name == name:
                return alt
        raise _unknown("alternative", name, self.alternative_names)

    def score(self, alternative: str, criterion: str) -> Score:
        """The score of one cell."""
        self.alternative(alternative)
        self.criterion(criterion)
        return self.scores[(alternative, criterion)]

    def cells(self) -> tuple[Score, ...]:
        """Every score, alternatives in file order, criteria in file order within each."""
        return tuple(self.scores[(alt, crit)] for alt in self.alternative_names for crit in self.criterion_ids)

    # ----- arrays (read-only; what the kernels see) --------------------------------------
    @cached_property
    def weights(self) -> NDArray[np.float64]:
        """Raw weights as written (or overridden), in criterion order."""
        return _read_only(np.array([crit.weight for crit in self.criteria], dtype=float))

    @cached_property
    def normalized_weights(self) -> NDArray[np.float64]:
        """Weights divided by their sum, so they add up to 1."""
        return _read_only(self.weights / self.weights.sum())

    @cached_property
    def lows(self) -> NDArray[np.float64]:
        """Lower ends of every cell (alternatives × criteria)."""
        return self._grid(lambda s: s.low)

    @cached_property
    def highs(self) -> NDArray[np.float64]:
        """Upper ends of every cell (alternatives × criteria)."""
        return self._grid(lambda s: s.high)

    @cached_property
    def values(self) -> NDArray[np.float64]:
        """The values rankings use: points as given, midpoints of intervals, and for ``unknown`` the
        scale's midpoint or, under ``uncertainty.unknowns = "pessimistic"``, its worst end."""
        values = (self.lows + self.highs) / 2
        if self.uncertainty.unknowns == "pessimistic":
            worst = np.where(self.is_benefit, self.scale_min, self.scale_max)
            unknown = self.unknown_mask
            values = np.where(unknown, np.broadcast_to(worst, values.shape), values)
        return _read_only(np.asarray(values, dtype=float))

    @cached_property
    def unknown_mask(self) -> NDArray[np.bool_]:
        """True where a cell is ``unknown`` (alternatives × criteria)."""
        grid = [[self.scores[(a, c)].kind == "unknown" for c in self.criterion_ids] for a in self.alternative_names]
        return _read_only(np.array(grid, dtype=bool).reshape(len(self.alternatives), len(self.criteria)))

    @cached_property
    def ranges(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(low, high) arrays (alternatives × criteria): where each cell may lie, for robustness analyses.

        The rule (``uncertainty.confidence_bands`` gives each confidence a fraction ``b`` of the
        scale's span; by default high 0, medium 0.1, low 0.2):

        * a point ``x``: ``[x - b·span, x + b·span]`` (a high-confidence point stays fixed);
        * a label: its own band of the scale (halfway to the neighbouring labels), widened on
          each side by ``b·span`` — so high, medium and low give three different ranges;
        * an interval: its two stated ends (also widened by ``b·span`` when
          ``uncertainty.widen_intervals`` is true);
        * ``unknown``: the whole scale.

        Everything is clipped to the scale. Missing evidence is uncertainty, never a guess.
        Worked example on the 1–9 scale (labels 1, 3, 5, 7, 9; span 8): ``low`` is 3 with the
        band [2, 4]; at high confidence its range is [2, 4], at medium [1.2, 4.8], at low
        [1, 5.6] (0.4 clipped to the scale's 1).
        """
        low = np.empty((len(self.alternatives), len(self.criteria)))
        high = np.empty_like(low)
        bands = self.uncertainty.confidence_bands
        widen_intervals = self.uncertainty.widen_intervals
        for j, crit in enumerate(self.criteria):
            scale = crit.scale
            for i, alt in enumerate(self.alternative_names):
                score = self.scores[(alt, crit.id)]
                lo, hi = score.low, score.high
                half = bands[score.confidence or "high"] * (scale.max - scale.min)
                if score.kind == "label":
                    band_lo, band_hi = scale.label_band(score.labels[0])
                    lo, hi = band_lo - half, band_hi + half
                elif score.kind == "point" or (score.kind == "interval" and widen_intervals):
                    lo, hi = lo - half, hi + half
                low[i, j], high[i, j] = max(lo, scale.min), min(hi, scale.max)
        return _read_only(low), _read_only(high)

    @cached_property
    def scale_min(self) -> NDArray[np.float64]:
        return _read_only(np.array([crit.scale.min for crit in self.criteria], dtype=float))

    @cached_property
    def scale_max(self) -> NDArray[np.float64]:
        return _read_only(np.array([crit.scale.max for crit in self.criteria], dtype=float))

    @cached_property
    def is_benefit(self) -> NDArray[np.bool_]:
        return _read_only(np.array([crit.is_benefit for crit in self.criteria], dtype=bool))

    def _grid(self, pick: Callable[[Score], float]) -> NDArray[np.float64]:
        grid = np.array(
            [[pick(self.scores[(alt, crit)]) for crit in self.criterion_ids] for alt in self.alternative_names],
            dtype=float,
        )
        return _read_only(grid)

    # ----- tables --------------------------------------------------------------------
    @property
    def matrix(self) -> pd.DataFrame:
        """The values rankings use, as a DataFrame (alternatives × criteria)."""
        import pandas as pd

        return pd.DataFrame(
            np.array(self.values),
            index=pd.Index(self.alternative_names, name="alternative"),
            columns=self.criterion_ids,
        )

    @property
    def scores_table(self) -> pd.DataFrame:
        """One row per cell: value as written, low/high/midpoint, confidence, evidence count."""
        import pandas as pd

        rows = [
            {
                "alternative": s.alternative,
                "criterion": s.criterion,
                "kind": s.kind,
                "value": s.describe(),
                "low": s.low,
                "high": s.high,
                "midpoint": s.midpoint,
                "confidence": s.confidence,
                "quotes": len(s.evidence),
                "supported": s.supported,
                "rationale": s.rationale,
            }
            for s in self.cells()
        ]
        return pd.DataFrame(rows)

    @property
    def evidence_table(self) -> pd.DataFrame:
        """One row per quote: the cell it supports, the source, the quote and its line."""
        import pandas as pd

        rows = [
            {
                "alternative": s.alternative,
                "criterion": s.criterion,
                "source": item.source,
                "line": item.line,
                "quote": item.quote,
            }
            for s in self.cells()
            for item in s.evidence
        ]
        columns = ["alternative", "criterion", "source", "line", "quote"]
        return pd.DataFrame(rows, columns=columns)

    # ----- derived problems -----------------------------------------------------------
    def with_weights(self, weights: Mapping[str, float], *, note: str | None = None) -> DecisionProblem:
        """A new problem whose named criteria take these weights; the others keep theirs.

        Weights are relative: they are normalised to sum to 1 when the problem is evaluated.
        Raises :class:`RequestError` for an unknown criterion, a negative or non-finite
        weight, or a set that leaves every weight at zero.
        """
        changed: dict[str, float] = {}
        for criterion_id, raw in weights.items():
            self.criterion(criterion_id)
            try:
                weight = float(raw)
            except (TypeError, ValueError):
                raise RequestError(f"weight of {criterion_id!r}: expected a number >= 0, got {raw!r}") from None
            if not math.isfinite(weight) or weight < 0:
                raise RequestError(f"weight of {criterion_id!r}: expected a finite number >= 0, got {_number(weight)}")
            changed[criterion_id] = weight
        criteria = tuple(
            dataclasses.replace(crit, weight=changed[crit.id]) if crit.id in changed else crit for crit in self.criteria
        )
        if sum(crit.weight for crit in criteria) <= 0:
            raise RequestError("expected at least one positive weight, got all weights zero")
        if note is None:
            note = "what-if: " + ", ".join(f"{key}={_number(value)}" for key, value in changed.items())
        return dataclasses.replace(self, criteria=criteria, weight_notes=(*self.weight_notes, note))

    def with_scenario(self, name: str) -> DecisionProblem:
        """A new problem with the weights of the named scenario applied.

        >>> import model
        >>> problem = model.loads(model.demo.DEMO_YAML)
        >>> problem.with_scenario("cheap_first").weight_notes
        ("scenario 'cheap_first'",)
        """
        if name not in self.scenarios:
            raise _unknown("scenario", name, tuple(self.scenarios))
        return self.with_weights(self.scenarios[name].weights, note=f"scenario {name!r}")

    def with_unknowns(self, policy: UnknownPolicy) -> DecisionProblem:
        """A new problem whose ``unknown`` cells enter the point ranking at the scale's midpoint or worst end.

        >>> import model
        >>> problem = model.loads(model.demo.DEMO_YAML)
        >>> problem.with_unknowns("pessimistic").uncertainty.unknowns
        'pessimistic'
        """
        if policy not in UNKNOWN_POLICIES:
            hint = did_you_mean(str(policy), UNKNOWN_POLICIES)
            raise RequestError(
                f"unknowns: expected one of {', '.join(UNKNOWN_POLICIES)}, got {policy!r}"
                + (f" ({hint})" if hint else "")
            )
        return dataclasses.replace(self, uncertainty=dataclasses.replace(self.uncertainty, unknowns=policy))

    def quote_context(self, evidence: Evidence) -> QuoteContext | None:
        """The sentence a verified quote sits in, with the quoted and the skipped words marked."""
        document = self.documents.get(evidence.source)
        if document is None or evidence.paragraph is None or not evidence.spans:
            return None
        return quote_context(document.paragraphs[evidence.paragraph], evidence.spans)

    def equals(self, other: object) -> bool:
        """True when both problems hold the same data (arrays compared exactly)."""
        if not isinstance(other, DecisionProblem):
            return False
        return all(_plain(getattr(self, f.name)) == _plain(getattr(other, f.name)) for f in dataclasses.fields(self))


def _plain(value: object) -> object:
    """Read-only mappings as dicts, so that they compare by content."""
    return dict(value) if isinstance(value, Mapping) else value


def _unknown(kind: str, name: str, known: tuple[str, ...]) -> RequestError:
    hint = did_you_mean(name, known)
    listing = ", ".join(known) if known else "none defined"
    message = f"unknown {kind} {name!r}; expected one of: {listing}"
    return RequestError(message + (f" ({hint})" if hint else ""))
