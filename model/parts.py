"""The frozen parts a decision problem is made of: sources and their bodies, scales, criteria,
alternatives, evidence, score cells, the uncertainty settings and scenarios, with the
vocabulary they share (directions, confidences, the unknown policy) and the bounds on every
number a problem holds.

May import numpy, :mod:`model.errors`, :mod:`model.documents` and :mod:`model.weighting`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Literal

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


MAX_MAGNITUDE = 1e12
"""Largest absolute value of any number a problem holds (weights, scale bounds, scores, thresholds):
sums and spans of such numbers stay finite, and exact to many digits, in 64-bit floats, so no
weight total or scale span can overflow."""


MIN_MAGNITUDE = 1e-12
"""Smallest absolute value of a non-zero number: below it, weights and thresholds vanish into rounding."""


def short_number(value: float) -> str:
    """Shortest faithful text of a number: 3 rather than 3.0.

    >>> short_number(3.0), short_number(2.5)
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
        text = f"{short_number(self.min)}–{short_number(self.max)}"
        if self.labels:
            text += " (" + ", ".join(f"{name} = {short_number(value)}" for name, value in self.labels) + ")"
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
            numbers = f"[{short_number(self.low)}, {short_number(self.high)}]"
            return f"[{', '.join(self.labels)}] = {numbers}" if self.labels else numbers
        if self.kind == "label":
            return f"{self.labels[0]} ({short_number(self.low)})"
        return short_number(self.low)


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
