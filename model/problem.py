"""The decision problem: one immutable, validated object that every analysis reads.

A :class:`DecisionProblem` holds the criteria, the alternatives, one :class:`Score` per
(alternative, criterion) cell with its evidence, and the named scenarios. It never changes:
:meth:`DecisionProblem.with_weights` and :meth:`DecisionProblem.with_scenario` return new
problems, validated again, that remember how their weights came about.

The problem is columnar: values, ranges, flags and weights are arrays built once
(:class:`~model.cells.ScoreGrid`), and a cell's :class:`Score` object is made only when asked
for unless the cell came with one (a model file, with its evidence). ``from_matrix`` builds
the arrays without one object per cell, and ``with_weights`` shares them (it costs O(n)).

May import numpy, :mod:`model.parts`, :mod:`model.cells`, :mod:`model.documents`, :mod:`model.errors` and
:mod:`model.weighting`; pandas only when a DataFrame is asked for.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from model.cells import Alternatives, ScoreGrid
from model.documents import Document, EvidenceRules, QuoteContext, quote_context
from model.errors import Issue, RequestError, did_you_mean
from model.weighting.elicitation import Elicitation

if TYPE_CHECKING:
    import pandas as pd
from model.parts import (
    CONFIDENCES,
    DEFAULT_CONFIDENCE_BANDS,
    DEFAULT_WEIGHT_SPREAD,
    DIRECTIONS,
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    UNKNOWN_POLICIES,
    UNKNOWN_POLICY_WORDS,
    Alternative,
    Body,
    Confidence,
    Criterion,
    Direction,
    Evidence,
    Preference,
    Scale,
    Scenario,
    Score,
    Source,
    Uncertainty,
    UnknownPolicy,
    ValueKind,
    short_number,
)

_ArrayT = TypeVar("_ArrayT", bound=np.ndarray)


def _read_only(array: _ArrayT) -> _ArrayT:
    array.flags.writeable = False
    return array


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
    alternatives: Sequence[Alternative]  # held as Alternatives: names in a tuple, objects on demand
    scores: Mapping[tuple[str, str], Score]  # held as a ScoreGrid: arrays, objects on demand
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
    origin: str | None = None  # where a model without a file came from ("<stdin>", "<string>")

    @property
    def where(self) -> str:
        """The model's file, or the name it was read under (``<stdin>``), for manifests and messages."""
        return str(self.path) if self.path is not None else (self.origin or "<text>")

    def __post_init__(self) -> None:
        alternatives = Alternatives.of(self.alternatives)
        object.__setattr__(self, "alternatives", alternatives)
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
        # a grid over the same names is kept as it is (with_weights, with_scenario): O(m + n), no copy
        object.__setattr__(self, "scores", ScoreGrid.of_scores(alternatives, self.criterion_ids, self.scores))
        weights = [crit.weight for crit in self.criteria]
        if any(not math.isfinite(w) or w < 0 for w in weights) or not 0 < sum(weights) < math.inf:
            raise ValueError(f"weights must be finite, non-negative and not all zero, got {weights}")
        order = self.uncertainty.weight_order
        unknown = [c for c in order if c not in self.criterion_ids]
        if unknown or len(set(order)) != len(order):
            raise ValueError(f"weight_order must name distinct criteria, got {list(order)}")

    @classmethod
    def from_matrix(
        cls,
        matrix: Sequence[Sequence[float]] | NDArray[np.float64] | pd.DataFrame,
        *,
        alternatives: Sequence[str] | None = None,
        criteria: Sequence[str] | None = None,
        weights: Sequence[float] | None = None,
        directions: Sequence[Direction] | None = None,
        scale: tuple[float, float] | Sequence[tuple[float, float]] | Literal["observed"] = (0.0, 1.0),
        title: str = "matrix",
        low: Sequence[Sequence[float]] | NDArray[np.float64] | None = None,
        high: Sequence[Sequence[float]] | NDArray[np.float64] | None = None,
        uncertainty: Uncertainty | None = None,
    ) -> DecisionProblem:
        """A problem from a plain matrix of point scores (no evidence), e.g. a published example.

        ``matrix`` is alternatives × criteria: a nested sequence, an array, or a pandas DataFrame
        whose index and columns name the alternatives and criteria (unless given). ``weights``
        default to equal. ``scale`` is one ``(min, max)`` for every criterion, one per criterion,
        or ``"observed"``: each criterion's scale is then the observed range of its values (a
        constant column gets ``[v − 0.5, v + 0.5]``, so it contributes nothing to the ranking).
        Give ``low`` and ``high`` matrices too to make the cells where they differ intervals
        (``matrix`` is then ignored for those cells, which rank on their midpoints).

        Everything is validated as a model file is: a value off its scale, a non-finite or
        out-of-range number, a shape or weight that does not fit is a :class:`RequestError`
        naming the cell, never a silently wrong score.

        >>> problem = DecisionProblem.from_matrix([[25, 20], [10, 30]], alternatives=["A1", "A2"],
        ...     criteria=["c1", "c2"], weights=[1, 1], scale=(0, 100))
        >>> problem.values.tolist()
        [[25.0, 20.0], [10.0, 30.0]]
        >>> DecisionProblem.from_matrix([[250.0]], alternatives=["a"], criteria=["c"], weights=[1])
        Traceback (most recent call last):
        ...
        model.errors.RequestError: matrix[0, 0] (a, c): expected a value on the scale [0, 1], got 250; ...
        """
        if hasattr(matrix, "to_numpy") and hasattr(matrix, "index") and hasattr(matrix, "columns"):
            frame: Any = matrix  # a pandas DataFrame, without importing pandas to say so
            alternatives = list(alternatives) if alternatives is not None else [str(x) for x in frame.index]
            criteria = list(criteria) if criteria is not None else [str(x) for x in frame.columns]
            matrix = frame.to_numpy(dtype=float)
        values, extremes = _finite_matrix(matrix, "matrix")
        m, n = values.shape if values.ndim == 2 else (0, 0)
        # numbered names are distinct by construction and spelled out only when someone reads them
        rows = Alternatives.numbered(m) if alternatives is None else Alternatives.of_names(map(str, alternatives))
        criteria = [str(c) for c in criteria] if criteria is not None else [f"c{j + 1}" for j in range(n)]
        weights = list(weights) if weights is not None else [1.0] * len(criteria)
        if values.shape != (len(rows), len(criteria)) or len(weights) != len(criteria):
            raise RequestError(
                f"expected a {len(rows)}×{len(criteria)} matrix and {len(criteria)} weights, "
                f"got a matrix of shape {values.shape} and {len(weights)} weights"
            )
        named = (("alternative", rows.names),) if alternatives is not None else ()
        for kind, names in (*named, ("criterion", tuple(criteria))):
            if len(set(names)) != len(names):  # a set, not names.count(): 100,000 names must not take m² steps
                counts = Counter(names)
                repeated = sorted(name for name, count in counts.items() if count > 1)
                raise RequestError(f"expected each {kind} name once, got {repeated[0]!r} more than once")
        lows, low_extremes = (values, extremes) if low is None else _finite_matrix(low, "low")
        highs, high_extremes = (values, extremes) if high is None else _finite_matrix(high, "high")
        if lows.shape != values.shape or highs.shape != values.shape:
            raise RequestError(
                f"expected low and high matrices of shape {values.shape}, got {lows.shape}, {highs.shape}"
            )
        if lows is not highs and np.any(lows > highs):
            i, j = (int(k) for k in np.argwhere(lows > highs)[0])
            raise RequestError(
                f"low[{i}, {j}] ({rows.names[i]}, {criteria[j]}): expected low <= high, "
                f"got [{short_number(lows[i, j])}, {short_number(highs[i, j])}]"
            )
        if isinstance(scale, str):
            if scale != "observed":
                raise RequestError(f"scale: expected (min, max), one per criterion, or 'observed', got {scale!r}")
            bottom, top = lows.min(axis=0), highs.max(axis=0)
            flat = bottom == top
            bounds = np.column_stack([np.where(flat, bottom - 0.5, bottom), np.where(flat, top + 0.5, top)])
        else:
            try:
                bounds = np.array(np.broadcast_to(np.asarray(scale, dtype=float), (len(criteria), 2)))
            except ValueError:
                raise RequestError(
                    f"scale: expected one (min, max) or {len(criteria)} of them, got {np.shape(scale)}"
                ) from None
        broken = ~(np.isfinite(bounds).all(axis=1) & (bounds[:, 0] < bounds[:, 1]))
        if broken.any():
            j = int(np.argmax(broken))
            raise RequestError(f"scale of {criteria[j]!r}: expected finite min < max, got {bounds[j].tolist()}")
        huge = (np.abs(bounds) > MAX_MAGNITUDE).any(axis=1)
        if huge.any():
            raise RequestError(
                f"scale of {criteria[int(np.argmax(huge))]!r}: expected bounds within ±{MAX_MAGNITUDE:g}"
            )
        # column extremes first (no m × n temporary); the first offending cell only when one is off
        uniform = bool(np.all(bounds == bounds[:1]))  # one scale for all: the overall extremes decide
        if lows.size and (
            (low_extremes[0] < bounds[0, 0] or high_extremes[1] > bounds[0, 1])
            if uniform
            else (np.any(lows.min(axis=0) < bounds[:, 0]) or np.any(highs.max(axis=0) > bounds[:, 1]))
        ):
            i, j = (int(k) for k in np.argwhere((lows < bounds[:, 0]) | (highs > bounds[:, 1]))[0])
            got = (
                short_number(values[i, j])
                if lows[i, j] == highs[i, j]
                else f"[{short_number(lows[i, j])}, {short_number(highs[i, j])}]"
            )
            raise RequestError(
                f"matrix[{i}, {j}] ({rows.names[i]}, {criteria[j]}): expected a value on the scale "
                f"[{short_number(bounds[j, 0])}, {short_number(bounds[j, 1])}], got {got}; "
                "give each criterion its scale with scale=..., or scale='observed'"
            )
        refused = np.array([not _weight_number(w) for w in weights], dtype=bool)
        if refused.any():
            j = int(np.argmax(refused))
            raise RequestError(
                f"weight of {criteria[j]!r}: expected a number in [0, {MAX_MAGNITUDE:g}], got {weights[j]!r}"
            )
        if directions is not None and (
            len(directions) != len(criteria) or any(d not in DIRECTIONS for d in directions)
        ):
            raise RequestError(f"directions: expected {len(criteria)} of {DIRECTIONS}, got {list(directions)}")
        scales = {ends: Scale(*ends) for ends in set(map(tuple, bounds.tolist()))}  # one object per distinct scale
        usual = Preference()  # frozen, so one object serves every criterion
        crits = tuple(
            Criterion(
                cid, cid, directions[j] if directions else "benefit", weight, scales[tuple(ends)], preference=usual
            )
            for j, (cid, weight, ends) in enumerate(zip(criteria, map(float, weights), bounds.tolist(), strict=True))
        )
        criterion_ids = tuple(crit.id for crit in crits)
        return cls(
            title=title,
            criteria=crits,
            alternatives=rows,
            scores=ScoreGrid.of_arrays(rows, criterion_ids, lows, highs),
            uncertainty=uncertainty or Uncertainty(),
        )

    # ----- display ---------------------------------------------------------------------
    def __repr__(self) -> str:
        grid = self.grid
        unknown = int(np.count_nonzero(self.unknown_mask))
        evidenced = sum(score.evidenced for score in self.cells()) if grid.has_objects else 0
        digest = f" · sha256 {self.sha256[:12]}" if self.sha256 else ""
        return (
            f"<DecisionProblem {self.title!r}: {len(self.alternatives)} alternatives × {len(self.criteria)} "
            f"criteria ({evidenced} cells evidenced, {unknown} unknown) · {len(self.sources)} sources · "
            f"{len(self.scenarios)} scenarios · method {self.method} · {self.where}{digest}>"
        )

    def _repr_html_(self) -> str:
        """Scores as written, alternatives × criteria, with flags (~ interval, ? unknown) and quote counts."""
        import html

        head = "".join(f"<th>{html.escape(c.label)}</th>" for c in self.criteria)
        rows = []
        for alternative in self.alternative_names:
            cells = []
            for criterion in self.criterion_ids:
                score = self.scores[(alternative, criterion)]
                mark = {"interval": " ~", "unknown": " ?"}.get(score.kind, "")
                quotes = sum(item.verified for item in score.evidence)
                note = f"{score.confidence or 'no'} confidence · {quotes} quote{'s' if quotes != 1 else ''}"
                cells.append(f"<td>{html.escape(score.describe())}{mark}<br><small>{html.escape(note)}</small></td>")
            rows.append(f"<tr><th>{html.escape(alternative)}</th>{''.join(cells)}</tr>")
        caption = html.escape(repr(self)[1:-1])
        return (
            f"<div><strong>{caption}</strong><table><thead><tr><th></th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table><small>~ interval · ? unknown</small></div>"
        )

    # ----- names -----------------------------------------------------------------------
    @property
    def grid(self) -> ScoreGrid:
        """The cells as arrays (lows, highs, kinds, confidences): what :attr:`scores` maps over."""
        return cast(ScoreGrid, self.scores)

    @property
    def alternative_names(self) -> tuple[str, ...]:
        return cast(Alternatives, self.alternatives).names

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
        index = self.grid.alternative_index.get(name)
        if index is None:
            raise _unknown("alternative", name, self.alternative_names)
        return self.alternatives[index]

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

    @property
    def lows(self) -> NDArray[np.float64]:
        """Lower ends of every cell (alternatives × criteria)."""
        return self.grid.lows

    @property
    def highs(self) -> NDArray[np.float64]:
        """Upper ends of every cell (alternatives × criteria)."""
        return self.grid.highs

    @cached_property
    def values(self) -> NDArray[np.float64]:
        """The values rankings use: points as given, midpoints of intervals, and for ``unknown`` the
        scale's midpoint or, under ``uncertainty.unknowns = "pessimistic"``, its worst end."""
        values = self.grid.midpoints
        if self.uncertainty.unknowns == "pessimistic":
            worst = np.where(self.is_benefit, self.scale_min, self.scale_max)
            unknown = self.unknown_mask
            values = np.where(unknown, np.broadcast_to(worst, values.shape), values)
        return _read_only(np.asarray(values, dtype=float))

    @cached_property
    def unknown_mask(self) -> NDArray[np.bool_]:
        """True where a cell is ``unknown`` (alternatives × criteria)."""
        return self.grid.mask("unknown")

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
        grid = self.grid
        bands = self.uncertainty.confidence_bands
        # a cell without a stated confidence is taken at high confidence
        band = np.array([*(bands[c] for c in CONFIDENCES), bands["high"]], dtype=float)
        half = band[grid.confidences] * (self.scale_max - self.scale_min)
        low, high = np.array(grid.lows), np.array(grid.highs)
        widened = grid.mask("point") | (grid.mask("interval") if self.uncertainty.widen_intervals else False)
        low[widened] -= half[widened]
        high[widened] += half[widened]
        for i, j in np.argwhere(grid.mask("label")):  # labels: few, and each knows its own band of the scale
            crit = self.criteria[j]
            score = self.scores[(self.alternative_names[i], crit.id)]
            band_lo, band_hi = crit.scale.label_band(score.labels[0])
            low[i, j], high[i, j] = band_lo - half[i, j], band_hi + half[i, j]
        np.maximum(low, self.scale_min, out=low)
        np.minimum(high, self.scale_max, out=high)
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
                raise RequestError(
                    f"weight of {criterion_id!r}: expected a number in [0, {MAX_MAGNITUDE:g}], got {raw!r}"
                ) from None
            if not math.isfinite(weight) or weight < 0 or weight > MAX_MAGNITUDE:
                expected = f"expected a number in [0, {MAX_MAGNITUDE:g}]"
                raise RequestError(f"weight of {criterion_id!r}: {expected}, got {short_number(weight)}")
            changed[criterion_id] = weight
        criteria = tuple(
            dataclasses.replace(crit, weight=changed[crit.id]) if crit.id in changed else crit for crit in self.criteria
        )
        if sum(crit.weight for crit in criteria) <= 0:
            raise RequestError("expected at least one positive weight, got all weights zero")
        if note is None:
            note = "what-if: " + ", ".join(f"{key}={short_number(value)}" for key, value in changed.items())
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


def _finite_matrix(values: object, what: str) -> tuple[NDArray[np.float64], tuple[float, float]]:
    """A 2-D float array of finite numbers within ±MAX_MAGNITUDE and its (min, max), or a RequestError naming
    the first bad cell."""
    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise RequestError(f"{what}: expected a matrix of numbers, got {type(values).__name__} ({error})") from None
    if array.ndim != 2:
        raise RequestError(f"{what}: expected a 2-D matrix (alternatives × criteria), got {array.ndim} dimension(s)")
    if not array.size:
        return array, (math.inf, -math.inf)
    # two reductions, no temporary: NaN makes both comparisons false, ±inf fails one
    smallest, largest = float(array.min()), float(array.max())
    if not (largest <= MAX_MAGNITUDE and smallest >= -MAX_MAGNITUDE):
        bad = np.argwhere(~np.isfinite(array) | (np.abs(array) > MAX_MAGNITUDE))
        i, j = (int(k) for k in bad[0])
        raise RequestError(f"{what}[{i}, {j}]: expected a finite number within ±{MAX_MAGNITUDE:g}, got {array[i, j]}")
    return array, (smallest, largest)


def _weight_number(weight: object) -> bool:
    """True when ``weight`` reads as a number in [0, MAX_MAGNITUDE] (NaN fails both comparisons)."""
    try:
        number = float(weight)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return 0 <= number <= MAX_MAGNITUDE


def _plain(value: object) -> object:
    """Read-only mappings as dicts, so that they compare by content."""
    return dict(value) if isinstance(value, Mapping) else value


def _unknown(kind: str, name: str, known: tuple[str, ...]) -> RequestError:
    hint = did_you_mean(name, known)
    listing = ", ".join(known) if known else "none defined"
    message = f"unknown {kind} {name!r}; expected one of: {listing}"
    return RequestError(message + (f" ({hint})" if hint else ""))


__all__ = [
    "CONFIDENCES",
    "DEFAULT_CONFIDENCE_BANDS",
    "DEFAULT_WEIGHT_SPREAD",
    "DIRECTIONS",
    "MAX_MAGNITUDE",
    "MIN_MAGNITUDE",
    "UNKNOWN_POLICIES",
    "UNKNOWN_POLICY_WORDS",
    "Alternative",
    "Body",
    "Confidence",
    "Criterion",
    "DecisionProblem",
    "Direction",
    "Evidence",
    "Preference",
    "Scale",
    "Scenario",
    "Score",
    "Source",
    "Uncertainty",
    "UnknownPolicy",
    "ValueKind",
    "short_number",
]
