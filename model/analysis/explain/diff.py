"""What changed between two versions of a model and how the ranking moved: :func:`diff`.

Every change that can move the ranking, and each alternative's score change split exactly
into the part due to the weights and the part due to the scores. May import numpy, the core
and :mod:`.common`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from model.display import HtmlTable
from model.problem import DecisionProblem, Scale
from model.ranking import evaluate

if TYPE_CHECKING:
    import pandas as pd
from model.analysis.explain.common import ADDITIVE, ChangeKind, json_number, short_number, squash


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


@dataclass(frozen=True, eq=False, repr=False)
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
            return {k: (json_number(v) if isinstance(v, float) else v) for k, v in record.__dict__.items()}

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
    return ", ".join(f"{c}={short_number(w)}" for c, w in weights.items())


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
            detail = f"{c.direction}, raw weight {short_number(c.weight)}, scale {c.scale.describe()}"
            changes.append(Change("criterion_removed", cid, c.label, None, detail, criterion=cid))
    for cid, c in after.items():
        if cid not in before:
            detail = f"{c.direction}, raw weight {short_number(c.weight)}, scale {c.scale.describe()}"
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
            raw = f"raw weight {short_number(b.weight)} → {short_number(c.weight)}"
            detail = f"{raw}; normalised {old_w[cid]:.4g} → {new_w[cid]:.4g}"
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
        add(
            "score",
            b.describe(),
            a.describe(),
            f"ranking value {short_number(b.midpoint)} → {short_number(a.midpoint)}",
        )
    if b.confidence != a.confidence:
        add("confidence", b.confidence, a.confidence)
    if squash(b.rationale) != squash(a.rationale):
        add("rationale", b.rationale, a.rationale)
    old_quotes = Counter((item.source, squash(item.quote)) for item in b.evidence)
    new_quotes = Counter((item.source, squash(item.quote)) for item in a.evidence)
    removed, added = old_quotes - new_quotes, new_quotes - old_quotes
    for item in b.evidence:
        key = (item.source, squash(item.quote))
        if removed[key] > 0:
            removed[key] -= 1
            add("evidence_removed", item.quote, None, _where(old, item.source, item.line))
    for item in a.evidence:
        key = (item.source, squash(item.quote))
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
