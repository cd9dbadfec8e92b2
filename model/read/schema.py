"""Schema version 1 of a decision model: located YAML data → the parts of a problem.

One pass over the whole file collects every issue (structure and cross-references alike),
skipping only what depends on a part that is already broken, so an analyst sees all the
problems of a file in one run. Files are not touched here: the loader resolves sources and
verifies quotes afterwards.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from model.errors import Issue, KeyPath, did_you_mean, one_of
from model.methods import METHODS
from model.problem import (
    CONFIDENCES,
    DIRECTIONS,
    Alternative,
    Confidence,
    Criterion,
    Direction,
    Elicitation,
    Evidence,
    Preference,
    Scale,
    Scenario,
    Score,
    Source,
    Uncertainty,
    ValueKind,
)
from model.methods.promethee import THRESHOLDS_USED
from model.read.yamlsafe import Document

SCHEMA_VERSION = 1

TOP_LEVEL = {
    "version": True,
    "title": True,
    "question": False,
    "as_of": False,
    "method": False,
    "sources": False,
    "scales": False,
    "criteria": True,
    "alternatives": True,
    "scores": True,
    "scenarios": False,
    "uncertainty": False,
    "method_options": False,
    "weighting": False,
    "analysts": False,
}
UNCERTAINTY_KEYS = {"confidence_bands": False, "weight_order": False, "weight_spread": False}
SOURCE_KEYS = {"file": True, "title": True, "publisher": False, "date": False, "url": False}
SCALE_KEYS = {"min": True, "max": True, "labels": False}
CRITERION_KEYS = {
    "label": False,
    "description": False,
    "direction": True,
    "weight": True,
    "scale": True,
    "value_function": False,
    "preference": False,
}
PREFERENCE_KEYS = {"function": False, "q": False, "p": False, "s": False}
ELICITATION_KEYS = {"weights": False, "ahp": False, "order": False, "order_method": False, "swing": False}
AHP_KEYS = {"judgements": True, "method": False}
AHP_METHODS = ("eigenvector", "geometric")
ORDER_METHODS = ("roc", "rank_sum", "reciprocal")
RATIO = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*/\s*([0-9]*\.?[0-9]+)\s*\Z")
ALTERNATIVE_KEYS = {"description": False}
CELL_KEYS = {"value": True, "confidence": False, "evidence": False, "rationale": False}
EVIDENCE_KEYS = {"source": True, "quote": True}
SCENARIO_KEYS = {"description": False, "weights": True}

SNAKE_CASE = re.compile(r"[a-z][a-z0-9_]*\Z")
IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*\Z")
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\Z")
LEADING_ZERO = re.compile(r"[-+]?0\d")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
UNKNOWN = "unknown"


@dataclass
class Draft:
    """The parts of a problem read from a file, before sources are opened."""

    title: str = ""
    question: str | None = None
    as_of: date | None = None
    method: str = "weighted_sum"
    sources: dict[str, Source] = field(default_factory=dict)
    criteria: list[Criterion] = field(default_factory=list)
    alternatives: list[Alternative] = field(default_factory=list)
    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    method_options: dict[str, dict[str, float | str]] = field(default_factory=dict)
    weighting: Elicitation | None = None
    analysts: dict[str, Elicitation] = field(default_factory=dict)
    warnings: list[Issue] = field(default_factory=list)
    weighted: list[str] = field(default_factory=list)  # criteria with their own `weight:`
    weight_source: str = "criteria"
    declared_criteria: list[str] | None = None  # None: the section itself is unreadable
    declared_alternatives: list[str] | None = None
    declared_scales: dict[str, Scale] = field(default_factory=dict)  # also of criteria broken elsewhere
    declared_sources: list[str] = field(default_factory=list)


def _got(value: Any) -> str:
    """How a found value reads in an error message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return repr(value)


def _snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "criterion"


class _Reader:
    """Typed accessors over a :class:`Document` that record issues instead of raising."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.issues: list[Issue] = []

    def error(self, path: KeyPath, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.issues.append(self.doc.issue(path, message, hint, key=key))

    def mapping(self, path: KeyPath, value: Any, what: str, *, allow_empty: bool = False) -> dict[str, Any] | None:
        if isinstance(value, dict):
            if not value and not allow_empty:
                self.error(path, f"expected {what}, got an empty mapping")
                return None
            return value
        if value is None and allow_empty:
            return {}
        self.error(path, f"expected {what}, got {_got(value)}")
        return None

    def keys(self, path: KeyPath, mapping: Mapping[str, Any], spec: Mapping[str, bool], what: str) -> None:
        """Unknown keys (with a "did you mean") and missing required keys."""
        for key in mapping:
            if key not in spec:
                hint = did_you_mean(key, spec) or f"the keys of {what} are: {', '.join(spec)}"
                if key == "<<":
                    hint = "YAML merge keys are not supported: write the keys out"
                self.error((*path, key), f"unknown key {key!r} in {what}", hint, key=True)
        for key, required in spec.items():
            if required and key not in mapping:
                self.error(path, f"missing required key {key!r} in {what}", key=True)

    def text(self, path: KeyPath, value: Any, what: str = "text", *, required: bool = True) -> str | None:
        if value is None:
            if required:
                self.error(path, f"expected {what}, got nothing (an empty value)")
            return None
        if not isinstance(value, str):
            self.error(path, f"expected {what}, got {_got(value)}")
            return None
        stripped = value.strip()
        if not stripped:
            if required:
                self.error(path, f"expected {what}, got an empty string")
            return None
        return stripped

    def number(self, path: KeyPath, value: Any, what: str = "a number") -> float | None:
        if not isinstance(value, str):
            self.error(path, f"expected {what}, got {_got(value)}")
            return None
        if not NUMBER.match(value):
            hint = "write digits only, e.g. 1000 or 0.25" if re.fullmatch(r"[\d_.,+-]+", value) else None
            self.error(path, f"expected {what}, got {value!r}", hint)
            return None
        if self.doc.is_quoted(path):
            self.error(path, f"expected {what}, got the quoted text {value!r}", "remove the quotes around the number")
            return None
        if LEADING_ZERO.match(value):
            self.error(
                path,
                f"expected {what}, got {value!r} with a leading zero",
                f"YAML 1.1 tools read a leading zero as octal; write {value.lstrip('+-0') or '0'} if you mean decimal",
            )
            return None
        return float(value)

    def iso_date(self, path: KeyPath, value: Any) -> date | None:
        text = self.text(path, value, "a date (YYYY-MM-DD)", required=False)
        if text is None:
            return None
        try:
            if not ISO_DATE.match(text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            self.error(path, f"expected a date (YYYY-MM-DD), got {text!r}", "e.g. 2025-11-27")
            return None

    def choice(self, path: KeyPath, value: Any, choices: tuple[str, ...], what: str) -> str | None:
        text = self.text(path, value, f"{what} ({one_of(choices)})")
        if text is None:
            return None
        if text not in choices:
            self.error(path, f"expected {what} ({one_of(choices)}), got {text!r}", did_you_mean(text, choices))
            return None
        return text


def parse_problem(doc: Document) -> tuple[Draft, list[Issue]]:
    """Read every part of a schema-1 model; return the draft and every issue found."""
    reader = _Reader(doc)
    draft = Draft()
    root = reader.mapping((), doc.data, "a mapping with the keys version, title, criteria, alternatives, scores")
    if root is None:
        return draft, reader.issues
    reader.keys((), root, TOP_LEVEL, "the model")
    _read_header(reader, root, draft)
    draft.sources = _read_sources(reader, root.get("sources"), draft)
    scales = _read_scales(reader, root.get("scales"))
    # weights come from each criterion, else from `weighting:`, else from the analysts' aggregate
    elicited = "weighting" in root
    optional = elicited or "analysts" in root
    criteria_ok = _read_criteria(reader, root.get("criteria"), scales, draft, elicited=elicited, optional=optional)
    _read_alternatives(reader, root.get("alternatives"), draft)
    if "scores" in root:
        _read_scores(reader, root["scores"], draft)
    if criteria_ok:
        _read_scenarios(reader, root.get("scenarios"), draft)
    if "uncertainty" in root:
        _read_uncertainty(reader, root["uncertainty"], draft)
    if "method_options" in root:
        _read_method_options(reader, root["method_options"], draft)
    if criteria_ok and "weighting" in root:
        draft.weighting = _read_elicitation(reader, ("weighting",), root["weighting"], draft)
    if criteria_ok and "analysts" in root:
        mapping = reader.mapping(("analysts",), root["analysts"], "a mapping of analyst name to their weights")
        for name, spec in (mapping or {}).items():
            if not IDENTIFIER.match(name):
                reader.error(
                    ("analysts", name), f"expected a name of letters, digits, '_' or '-', got {name!r}", key=True
                )
                continue
            found = _read_elicitation(reader, ("analysts", name), spec, draft)
            if found is not None:
                draft.analysts[name] = found
    if criteria_ok and optional and not reader.issues:
        _apply_elicitation(reader, draft)
    return draft, reader.issues


def _read_header(reader: _Reader, root: dict[str, Any], draft: Draft) -> None:
    if "version" in root:
        version = reader.number(("version",), root["version"], f"the schema version {SCHEMA_VERSION}")
        if version is not None and version != SCHEMA_VERSION:
            reader.error(
                ("version",),
                f"expected schema version {SCHEMA_VERSION}, got {root['version']}",
                f"this engine reads version {SCHEMA_VERSION} files",
            )
    draft.title = reader.text(("title",), root.get("title"), "a title") or "" if "title" in root else ""
    draft.question = reader.text(("question",), root.get("question"), required=False)
    draft.as_of = reader.iso_date(("as_of",), root.get("as_of"))
    if "method" in root:
        draft.method = reader.choice(("method",), root["method"], tuple(METHODS), "a method") or draft.method


def _read_sources(reader: _Reader, value: Any, draft: Draft) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    if value is None:
        return sources
    mapping = reader.mapping(("sources",), value, "a mapping of source id to {file, title, ...}")
    draft.declared_sources = list(mapping or {})
    for source_id, spec in (mapping or {}).items():
        path: KeyPath = ("sources", source_id)
        if not IDENTIFIER.match(source_id):
            reader.error(path, f"expected a source id of letters, digits, '_' or '-', got {source_id!r}", key=True)
        entry = reader.mapping(path, spec, "a mapping with file and title")
        if entry is None:
            continue
        reader.keys(path, entry, SOURCE_KEYS, f"source {source_id!r}")
        file = (
            reader.text((*path, "file"), entry["file"], "a file path relative to this YAML file")
            if "file" in entry
            else None
        )
        title = reader.text((*path, "title"), entry["title"], "the document's title") if "title" in entry else None
        publisher = reader.text((*path, "publisher"), entry.get("publisher"), required=False)
        published = reader.iso_date((*path, "date"), entry.get("date"))
        reader.text((*path, "url"), entry.get("url"), "an address", required=False)
        if file is not None and title is not None:
            sources[source_id] = Source(source_id, Path(file), title, publisher, published)
    return sources


def _read_scale(reader: _Reader, path: KeyPath, value: Any, name: str | None) -> Scale | None:
    entry = reader.mapping(path, value, "a scale mapping {min, max, labels}")
    if entry is None:
        return None
    reader.keys(path, entry, SCALE_KEYS, "a scale")
    low = reader.number((*path, "min"), entry.get("min"), "a number (the scale's minimum)") if "min" in entry else None
    high = reader.number((*path, "max"), entry.get("max"), "a number (the scale's maximum)") if "max" in entry else None
    if low is None or high is None:
        return None
    if not low < high:
        reader.error((*path, "max"), f"expected max > min ({low:g}), got {high:g}")
        return None
    labels: list[tuple[str, float]] = []
    raw_labels = entry.get("labels")
    if raw_labels is not None:
        mapping = reader.mapping((*path, "labels"), raw_labels, "a mapping of label to number, e.g. {low: 3, high: 7}")
        for label, point_text in (mapping or {}).items():
            label_path = (*path, "labels", label)
            if label == UNKNOWN or NUMBER.match(label):
                reader.error(
                    label_path,
                    f"expected a word as label, got {label!r}",
                    "'unknown' and numbers are reserved",
                    key=True,
                )
                continue
            point = reader.number(label_path, point_text, f"a number in [{low:g}, {high:g}]")
            if point is None:
                continue
            if not low <= point <= high:
                reader.error(label_path, f"expected a number in [{low:g}, {high:g}], got {point:g}")
                continue
            labels.append((label, point))
    return Scale(low, high, tuple(labels), name)


def _read_scales(reader: _Reader, value: Any) -> dict[str, Scale | None]:
    scales: dict[str, Scale | None] = {}
    if value is None:
        return scales
    mapping = reader.mapping(("scales",), value, "a mapping of scale name to {min, max, labels}")
    for name, spec in (mapping or {}).items():
        scales[name] = _read_scale(reader, ("scales", name), spec, name)
    return scales


def _read_criteria(
    reader: _Reader, value: Any, scales: dict[str, Scale | None], draft: Draft, *, elicited: bool, optional: bool
) -> bool:
    """Read the criteria; False when any is broken (so cells cannot be checked against them).

    ``elicited``: the weights come from a ``weighting:`` block, so a criterion's own ``weight:``
    is a conflict. ``optional``: a ``weighting:`` or ``analysts:`` block can give the weights,
    so a criterion's ``weight:`` is not required (all or none of the criteria must have one).
    """
    mapping = reader.mapping(("criteria",), value, "a mapping of criterion id to {direction, weight, scale}")
    if mapping is None:
        return False
    draft.declared_criteria = list(mapping)
    ok = True
    for criterion_id, spec in mapping.items():
        path: KeyPath = ("criteria", criterion_id)
        if not SNAKE_CASE.match(criterion_id):
            reader.error(
                path,
                f"expected a snake_case criterion id, got {criterion_id!r}",
                f"e.g. {_snake(criterion_id)!r}",
                key=True,
            )
            ok = False
        entry = reader.mapping(path, spec, "a mapping with direction, weight and scale")
        if entry is None:
            ok = False
            continue
        reader.keys(path, entry, {**CRITERION_KEYS, "weight": not optional}, f"criterion {criterion_id!r}")
        label = reader.text((*path, "label"), entry.get("label"), required=False)
        description = reader.text((*path, "description"), entry.get("description"), required=False)
        direction = (
            reader.choice((*path, "direction"), entry["direction"], DIRECTIONS, "a direction")
            if "direction" in entry
            else None
        )
        weight = None
        if "weight" in entry:
            weight = reader.number((*path, "weight"), entry["weight"], "a weight >= 0")
            if weight is not None and weight < 0:
                reader.error(
                    (*path, "weight"),
                    f"expected a weight >= 0, got {weight:g}",
                    "weights are relative importance; use 0 to ignore a criterion",
                )
                weight = None
        if weight is not None:
            draft.weighted.append(criterion_id)
        if weight is not None and elicited:
            reader.error(
                (*path, "weight"),
                "expected no weight here: the weights come from the 'weighting:' or 'analysts:' block",
                "give the weights in one place only; remove this 'weight:' or the elicitation block",
                key=True,
            )
        scale = _criterion_scale(reader, (*path, "scale"), entry.get("scale"), scales) if "scale" in entry else None
        if scale is not None:
            draft.declared_scales[criterion_id] = scale
        value_function = None
        if "value_function" in entry and scale is not None:
            value_function = _read_value_function(reader, (*path, "value_function"), entry["value_function"], scale)
        preference = Preference()
        if "preference" in entry:
            preference = _read_preference(reader, (*path, "preference"), entry["preference"], scale)
        if direction is None or (weight is None and not optional) or scale is None:
            ok = False
            continue
        criterion = Criterion(
            criterion_id,
            label or criterion_id.replace("_", " "),
            cast(Direction, direction),
            weight if weight is not None else 0.0,
            scale,
            description,
            value_function,
            preference,
        )
        draft.criteria.append(criterion)
    if ok and optional and not elicited and draft.weighted and len(draft.weighted) != len(mapping):
        missing = [c for c in mapping if c not in draft.weighted]
        reader.error(
            ("criteria",),
            f"missing 'weight' for {', '.join(missing)}",
            "give every criterion a weight, or none (the analysts' group weights are then used)",
            key=True,
        )
        ok = False
    if ok and draft.weighted and not elicited and draft.criteria and sum(c.weight for c in draft.criteria) <= 0:
        reader.error(("criteria",), "expected at least one positive weight, got all weights zero")
        ok = False
    return ok


def _criterion_scale(reader: _Reader, path: KeyPath, value: Any, scales: dict[str, Scale | None]) -> Scale | None:
    if isinstance(value, dict):
        return _read_scale(reader, path, value, None)
    name = reader.text(path, value, "a scale name or an inline {min, max, labels}")
    if name is None:
        return None
    if name not in scales:
        hint = did_you_mean(name, scales) or (
            f"defined scales: {', '.join(scales)}" if scales else "define it under 'scales:' or write {min: 1, max: 9}"
        )
        reader.error(path, f"expected a scale defined under 'scales:', got {name!r}", hint)
        return None
    return scales[name]  # None when that scale is itself broken (already reported)


def _read_alternatives(reader: _Reader, value: Any, draft: Draft) -> None:
    mapping = reader.mapping(("alternatives",), value, "a mapping of alternative name to {description}")
    if mapping is None:
        return
    draft.declared_alternatives = list(mapping)
    for name, spec in mapping.items():
        path: KeyPath = ("alternatives", name)
        if name != name.strip() or not name:
            reader.error(path, f"expected a name without surrounding spaces, got {name!r}", key=True)
            continue
        if spec is None:
            draft.alternatives.append(Alternative(name))
            continue
        entry = reader.mapping(path, spec, "a mapping {description: ...} or nothing")
        if entry is None:
            continue
        reader.keys(path, entry, ALTERNATIVE_KEYS, f"alternative {name!r}")
        description = reader.text((*path, "description"), entry.get("description"), required=False)
        draft.alternatives.append(Alternative(name, description))


def _read_scores(reader: _Reader, value: Any, draft: Draft) -> None:
    """Read every cell, check it names a declared alternative and criterion, demand completeness.

    A cell of a criterion whose own definition is broken is still read (confidence, evidence,
    rationale); only its value, which needs the criterion's scale, is left unchecked.
    """
    mapping = reader.mapping(("scores",), value, "a mapping of alternative to criterion to score")
    if mapping is None:
        return
    criteria = draft.declared_criteria
    alternatives = draft.declared_alternatives
    for alt_name, row in mapping.items():
        alt_path: KeyPath = ("scores", alt_name)
        if alternatives is not None and alt_name not in alternatives:
            hint = did_you_mean(alt_name, alternatives) or "add it under 'alternatives:' first"
            reader.error(alt_path, f"unknown alternative {alt_name!r}", hint, key=True)
            continue
        cells = reader.mapping(alt_path, row, f"a mapping of criterion to score for {alt_name!r}")
        if cells is None:
            continue
        for crit_id, cell in cells.items():
            cell_path = (*alt_path, crit_id)
            if criteria is not None and crit_id not in criteria:
                hint = did_you_mean(crit_id, criteria) or f"criteria are: {', '.join(criteria)}"
                reader.error(cell_path, f"unknown criterion {crit_id!r}", hint, key=True)
                continue
            scale = draft.declared_scales.get(crit_id)
            score = _read_cell(reader, cell_path, cell, alt_name, crit_id, scale, draft.sources, draft.declared_sources)
            if score is not None:
                draft.scores[(alt_name, crit_id)] = score
        if criteria is not None:
            for crit_id in criteria:
                if crit_id not in cells:
                    reader.error(
                        alt_path,
                        f"missing score for criterion {crit_id!r}",
                        key=True,
                        hint=f"if the sources say nothing, write '{crit_id}: {{value: unknown, rationale: ...}}'",
                    )
    if alternatives is not None:
        for alt_name in alternatives:
            if alt_name not in mapping:
                reader.error(
                    ("scores",),
                    f"missing scores for alternative {alt_name!r}",
                    key=True,
                    hint=f"add '{alt_name}:' under 'scores:' with a score (or 'value: unknown') for every criterion",
                )


def _read_value(
    reader: _Reader, path: KeyPath, value: Any, scale: Scale
) -> tuple[ValueKind, float, float, tuple[str, ...]] | None:
    """A cell's value as (kind, low, high, labels as written)."""
    point_expected = f"a number in [{scale.min:g}, {scale.max:g}]"
    if scale.labels:
        point_expected += ", a label (" + ", ".join(name for name, _ in scale.labels) + ")"
    expected = point_expected + ", an interval [low, high] or 'unknown'"
    if isinstance(value, list):
        if len(value) != 2:
            reader.error(path, f"expected an interval [low, high] of two values, got {_got(value)}")
            return None
        ends = [
            _read_point(reader, (*path, i), item, scale, "an interval end: " + point_expected)
            for i, item in enumerate(value)
        ]
        if ends[0] is None or ends[1] is None:
            return None
        (low, low_label), (high, high_label) = ends[0], ends[1]
        if low > high:
            reader.error(
                path, f"expected an interval [low, high] with low <= high, got [{low:g}, {high:g}]", "swap the two ends"
            )
            return None
        labels = (low_label, high_label) if low_label and high_label else ()
        return "interval", low, high, labels
    if isinstance(value, str) and value.strip() == UNKNOWN:
        return "unknown", scale.min, scale.max, ()
    point = _read_point(reader, path, value, scale, expected)
    if point is None:
        return None
    number, label = point
    return ("label", number, number, (label,)) if label else ("point", number, number, ())


def _read_point(
    reader: _Reader, path: KeyPath, value: Any, scale: Scale, expected: str
) -> tuple[float, str | None] | None:
    if not isinstance(value, str) or not value.strip():
        reader.error(path, f"expected {expected}, got {_got(value)}")
        return None
    text = value.strip()
    labelled = scale.label_value(text)
    if labelled is not None:
        return labelled, text
    if NUMBER.match(text):
        number = reader.number(path, text, expected)
        if number is None:
            return None
        if not scale.min <= number <= scale.max:
            reader.error(path, f"expected {expected}, got {number:g}, outside the scale")
            return None
        return number, None
    hint = did_you_mean(text, [name for name, _ in scale.labels] + [UNKNOWN])
    reader.error(path, f"expected {expected}, got {text!r}", hint)
    return None


def _read_cell(
    reader: _Reader,
    path: KeyPath,
    cell: Any,
    alternative: str,
    criterion_id: str,
    scale: Scale | None,
    sources: Mapping[str, Source],
    declared_sources: Collection[str],
) -> Score | None:
    entry = reader.mapping(path, cell, "a score mapping {value, confidence, evidence, rationale}")
    if entry is None:
        return None
    reader.keys(path, entry, CELL_KEYS, "a score")
    parsed = None
    if "value" in entry and scale is not None:
        parsed = _read_value(reader, (*path, "value"), entry["value"], scale)
    raw_value = entry.get("value")
    kind = None if "value" not in entry else "unknown" if str(raw_value).strip() == UNKNOWN else "known"
    confidence: str | None = None
    if kind == "unknown" and "confidence" in entry:
        reader.error(
            (*path, "confidence"),
            "expected no confidence for an unknown value, got one",
            "an unknown value already spans the whole scale; remove 'confidence' or give a value",
            key=True,
        )
    elif kind == "known":
        if "confidence" not in entry:
            reader.error(path, f"missing required key 'confidence' ({one_of(CONFIDENCES)}) for a known value", key=True)
        else:
            confidence = reader.choice((*path, "confidence"), entry["confidence"], CONFIDENCES, "a confidence")
    evidence = _read_evidence(reader, (*path, "evidence"), entry.get("evidence"), sources, declared_sources)
    rationale = reader.text(
        (*path, "rationale"), entry.get("rationale"), "the reasoning behind the score", required=False
    )
    if ("evidence" not in entry or evidence == ()) and rationale is None:
        reader.error(
            path,
            "expected evidence or a rationale, got neither",
            key=True,
            hint="cite a quote under 'evidence:' or explain the score (or why it is unknown) under 'rationale:'",
        )
    if parsed is None or evidence is None:
        return None
    value_kind, low, high, labels = parsed
    return Score(
        alternative, criterion_id, value_kind, low, high, cast(Confidence, confidence), evidence, rationale, labels
    )


def _read_evidence(
    reader: _Reader, path: KeyPath, value: Any, sources: Mapping[str, Source], declared_sources: Collection[str]
) -> tuple[Evidence, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error(path, f"expected a list of {{source, quote}}, got {_got(value)}", "start each item with '- '")
        return None
    items: list[Evidence] = []
    broken = False
    for index, item in enumerate(value):
        item_path = (*path, index)
        entry = reader.mapping(item_path, item, "a mapping {source, quote}")
        if entry is None:
            broken = True
            continue
        reader.keys(item_path, entry, EVIDENCE_KEYS, "an evidence item")
        source = reader.text((*item_path, "source"), entry["source"], "a source id") if "source" in entry else None
        quote = (
            reader.text((*item_path, "quote"), entry["quote"], "a quote from the source") if "quote" in entry else None
        )
        if source is not None and source in declared_sources and source not in sources:
            broken = True  # a declared source with a broken definition: already reported there
        elif source is not None and source not in sources:
            hint = did_you_mean(source, sources) or (
                f"sources are: {', '.join(sources)}" if sources else "declare it under 'sources:'"
            )
            reader.error((*item_path, "source"), f"unknown source {source!r}", hint)
            broken = True
        if source is None or quote is None:
            broken = True
            continue
        items.append(Evidence(source, quote))
    return None if broken else tuple(items)


def _read_scenarios(reader: _Reader, value: Any, draft: Draft) -> None:
    if value is None:
        return
    mapping = reader.mapping(("scenarios",), value, "a mapping of scenario name to {description, weights}")
    criteria = {c.id: c.weight for c in draft.criteria}
    for name, spec in (mapping or {}).items():
        path: KeyPath = ("scenarios", name)
        if not IDENTIFIER.match(name):
            reader.error(path, f"expected a scenario name of letters, digits, '_' or '-', got {name!r}", key=True)
            continue
        entry = reader.mapping(path, spec, "a mapping with weights (and a description)")
        if entry is None:
            continue
        reader.keys(path, entry, SCENARIO_KEYS, f"scenario {name!r}")
        description = reader.text((*path, "description"), entry.get("description"), required=False)
        raw = (
            reader.mapping((*path, "weights"), entry.get("weights"), "a mapping of criterion id to weight")
            if "weights" in entry
            else None
        )
        if raw is None:
            continue
        weights: dict[str, float] = {}
        for crit_id, weight_text in raw.items():
            weight_path = (*path, "weights", crit_id)
            if crit_id not in criteria:
                hint = did_you_mean(crit_id, criteria) or f"criteria are: {', '.join(criteria)}"
                reader.error(weight_path, f"unknown criterion {crit_id!r}", hint, key=True)
                continue
            weight = reader.number(weight_path, weight_text, "a weight >= 0")
            if weight is not None and weight < 0:
                reader.error(weight_path, f"expected a weight >= 0, got {weight:g}")
            elif weight is not None:
                weights[crit_id] = weight
        if len(weights) == len(raw):
            if sum({**criteria, **weights}.values()) <= 0:
                reader.error((*path, "weights"), "expected at least one positive weight, got all weights zero")
                continue
            draft.scenarios[name] = Scenario(name, weights, description)


def _read_uncertainty(reader: _Reader, value: Any, draft: Draft) -> None:
    """The ``uncertainty:`` block: confidence bands, ordinal weight information, weight spread."""
    path: KeyPath = ("uncertainty",)
    entry = reader.mapping(path, value, "a mapping with confidence_bands, weight_order or weight_spread")
    if entry is None:
        return
    reader.keys(path, entry, UNCERTAINTY_KEYS, "the uncertainty block")
    bands: dict[str, float] = {}
    if "confidence_bands" in entry:
        band_path = (*path, "confidence_bands")
        mapping = reader.mapping(band_path, entry["confidence_bands"], "a mapping of confidence to a fraction")
        for level, text in (mapping or {}).items():
            if level not in CONFIDENCES:
                hint = did_you_mean(level, CONFIDENCES)
                reader.error(
                    (*band_path, level), f"expected a confidence ({one_of(CONFIDENCES)}), got {level!r}", hint, key=True
                )
                continue
            fraction = reader.number((*band_path, level), text, "a fraction of the scale's span in [0, 1]")
            if fraction is not None and not 0 <= fraction <= 1:
                reader.error(
                    (*band_path, level), f"expected a fraction of the scale's span in [0, 1], got {fraction:g}"
                )
            elif fraction is not None:
                bands[level] = fraction
    order: list[str] = []
    if "weight_order" in entry:
        order_path = (*path, "weight_order")
        items = entry["weight_order"]
        if not isinstance(items, list) or len(items) < 2:
            reader.error(
                order_path,
                f"expected a list of at least two criterion ids, most important first, got {_got(items)}",
                "e.g. weight_order: [extradition_risk, financial_networks, us_relations]",
            )
            items = []
        known = draft.declared_criteria or []
        for index, item in enumerate(items):
            name = reader.text((*order_path, index), item, "a criterion id")
            if name is None:
                continue
            if name not in known:
                reader.error((*order_path, index), f"unknown criterion {name!r}", did_you_mean(name, known))
            elif name in order:
                reader.error((*order_path, index), f"expected each criterion once, got {name!r} again")
            else:
                order.append(name)
    spread = Uncertainty().weight_spread
    if "weight_spread" in entry:
        number = reader.number((*path, "weight_spread"), entry["weight_spread"], "a fraction in [0, 1)")
        if number is not None and not 0 <= number < 1:
            reader.error((*path, "weight_spread"), f"expected a fraction in [0, 1), got {number:g}")
        elif number is not None:
            spread = number
    draft.uncertainty = Uncertainty(bands, tuple(order), spread)


def _read_value_function(
    reader: _Reader, path: KeyPath, value: Any, scale: Scale
) -> tuple[tuple[float, float], ...] | None:
    """Piecewise-linear points [score, value]: scores (numbers or labels) strictly increasing, values in [0, 1]."""
    example = f"e.g. [[{scale.min:g}, 0], [{(scale.min + scale.max) / 2:g}, 0.8], [{scale.max:g}, 1]]"
    if not isinstance(value, list) or len(value) < 2:
        reader.error(path, f"expected a list of at least two [score, value] points, got {_got(value)}", example)
        return None
    points: list[tuple[float, float]] = []
    for index, item in enumerate(value):
        item_path = (*path, index)
        if not isinstance(item, list) or len(item) != 2:
            reader.error(item_path, f"expected a [score, value] pair, got {_got(item)}", example)
            return None
        point = _read_point(
            reader, (*item_path, 0), item[0], scale, f"a score in [{scale.min:g}, {scale.max:g}] or a label"
        )
        level = reader.number((*item_path, 1), item[1], "a value in [0, 1]")
        if point is None or level is None:
            return None
        if not 0 <= level <= 1:
            reader.error((*item_path, 1), f"expected a value in [0, 1], got {level:g}")
            return None
        if points and point[0] <= points[-1][0]:
            reader.error(
                (*item_path, 0), f"expected scores in increasing order, got {point[0]:g} after {points[-1][0]:g}"
            )
            return None
        points.append((point[0], level))
    if points[0][0] != scale.min or points[-1][0] != scale.max:
        reader.error(
            path,
            f"expected points from the scale's minimum {scale.min:g} to its maximum {scale.max:g}, "
            f"got {points[0][0]:g} to {points[-1][0]:g}",
            example,
        )
        return None
    return tuple(points)


def _read_preference(reader: _Reader, path: KeyPath, value: Any, scale: Scale | None) -> Preference:
    """A PROMETHEE preference function with the thresholds it needs (in scale units)."""
    entry = reader.mapping(path, value, "a mapping {function, q, p, s}")
    if entry is None:
        return Preference()
    reader.keys(path, entry, PREFERENCE_KEYS, "a preference function")
    function = "usual"
    if "function" in entry:
        function = (
            reader.choice((*path, "function"), entry["function"], tuple(THRESHOLDS_USED), "a preference function")
            or "usual"
        )
    thresholds: dict[str, float | None] = {}
    for key in ("q", "p", "s"):
        if key not in entry:
            thresholds[key] = None
            continue
        number = reader.number((*path, key), entry[key], f"a threshold {key} >= 0 in the scale's units")
        if number is not None and number < 0:
            reader.error((*path, key), f"expected a threshold {key} >= 0 in the scale's units, got {number:g}")
            number = None
        thresholds[key] = number
    needs = THRESHOLDS_USED[function]
    for key in needs:
        if key not in entry:
            reader.error(path, f"missing threshold {key!r} for the {function!r} preference function", key=True)
    for key in ("q", "p", "s"):
        if key in entry and key not in needs:
            reader.error(
                (*path, key),
                f"expected no {key!r} for the {function!r} preference function (it uses {', '.join(needs) or 'none'})",
                key=True,
            )
    q, p = thresholds.get("q"), thresholds.get("p")
    if q is not None and p is not None and p <= q:
        reader.error(
            (*path, "p"),
            f"expected p > q ({q:g}), got {p:g}",
            "q is the indifference threshold, p the preference threshold",
        )
    if thresholds.get("s") == 0:
        reader.error((*path, "s"), "expected s > 0, got 0")
    if thresholds.get("p") == 0 and q is None:
        reader.error(
            (*path, "p"), "expected p > 0, got 0", "p is the difference from which one score is strictly preferred"
        )
    return Preference(function, thresholds.get("q"), thresholds.get("p"), thresholds.get("s"))


def _read_method_options(reader: _Reader, value: Any, draft: Draft) -> None:
    """``method_options: {method: {option: value}}``, checked against each method's declared options."""
    mapping = reader.mapping(("method_options",), value, "a mapping of method name to its options")
    for name, options in (mapping or {}).items():
        path: KeyPath = ("method_options", name)
        if name not in METHODS:
            reader.error(
                path,
                f"unknown method {name!r}",
                did_you_mean(name, METHODS) or f"methods: {', '.join(METHODS)}",
                key=True,
            )
            continue
        from model.ranking import CRITERION_INPUTS

        declared: Mapping[str, object] = getattr(METHODS[name], "options", {}) or {}
        accepted = {key: default for key, default in declared.items() if key not in CRITERION_INPUTS}
        entry = reader.mapping(path, options, f"a mapping of the options of {name}")
        if entry is None:
            continue
        if not accepted:
            reader.error(path, f"expected no options: method {name!r} has none", key=True)
            continue
        reader.keys(path, entry, dict.fromkeys(accepted, False), f"the options of {name}")
        parsed: dict[str, float | str] = {}
        for key, raw in entry.items():
            if key not in accepted:
                continue
            default = accepted[key]
            if isinstance(default, str):
                text = reader.text((*path, key), raw, f"a word (default {default!r})")
                if text is not None:
                    parsed[key] = text
            elif isinstance(default, (int, float)) and not isinstance(default, bool):
                number = reader.number((*path, key), raw, f"a number (default {default:g})")
                if number is not None:
                    parsed[key] = number
        draft.method_options[name] = parsed


def _read_ratio(reader: _Reader, path: KeyPath, value: Any) -> float | None:
    """A pairwise judgement: a number such as 3 or 0.5, or a fraction such as 1/3."""
    if isinstance(value, str):
        fraction = RATIO.match(value)
        if fraction is not None:
            top, bottom = float(fraction.group(1)), float(fraction.group(2))
            if top > 0 and bottom > 0:
                return top / bottom
    number = reader.number(path, value, "a judgement: a positive number or a fraction such as 1/3")
    if number is not None and number <= 0:
        reader.error(path, f"expected a judgement > 0, got {number:g}", "write 1/3 for 'a third as important'")
        return None
    return number


def _criterion_name(reader: _Reader, path: KeyPath, value: Any, known: Sequence[str]) -> str | None:
    name = reader.text(path, value, "a criterion id")
    if name is not None and name not in known:
        reader.error(path, f"unknown criterion {name!r}", did_you_mean(name, known) or f"criteria: {', '.join(known)}")
        return None
    return name


def _read_points(
    reader: _Reader, path: KeyPath, value: Any, known: Sequence[str], what: str
) -> dict[str, float] | None:
    """``{criterion: number >= 0}`` naming every criterion once."""
    mapping = reader.mapping(path, value, f"a mapping of criterion id to {what}")
    if mapping is None:
        return None
    found: dict[str, float] = {}
    for key, raw in mapping.items():
        if key not in known:
            reader.error((*path, key), f"unknown criterion {key!r}", did_you_mean(key, known), key=True)
            continue
        number = reader.number((*path, key), raw, f"{what} >= 0")
        if number is not None and number < 0:
            reader.error((*path, key), f"expected {what} >= 0, got {number:g}")
        elif number is not None:
            found[key] = number
    missing = [c for c in known if c not in mapping]
    if missing:
        reader.error(
            path, f"missing {what} for {', '.join(missing)}", "every criterion needs one (0 is allowed)", key=True
        )
        return None
    if found and not any(found.values()):
        reader.error(path, f"expected at least one positive {what}, got all zero", key=True)
        return None
    return found if len(found) == len(known) else None


def _read_elicitation(reader: _Reader, path: KeyPath, value: Any, draft: Draft) -> Elicitation | None:
    """One way of giving weights: direct ``weights``, ``ahp`` judgements, a rank ``order`` or ``swing`` points."""
    known = [c.id for c in draft.criteria]
    entry = reader.mapping(path, value, "a mapping with one of weights, ahp, order or swing")
    if entry is None:
        return None
    reader.keys(path, entry, ELICITATION_KEYS, "a weighting")
    given = [key for key in ("weights", "ahp", "order", "swing") if key in entry]
    if len(given) != 1:
        got = ", ".join(given) if given else "none of them"
        reader.error(path, f"expected exactly one of weights, ahp, order or swing, got {got}", key=True)
        return None
    if "order_method" in entry and given != ["order"]:
        reader.error((*path, "order_method"), "expected order_method only with an 'order:'", key=True)
    kind = given[0]
    if kind == "weights":
        direct = _read_points(reader, (*path, "weights"), entry["weights"], known, "a weight")
        return None if direct is None else Elicitation("direct", direct=direct)
    if kind == "swing":
        swing = _read_points(reader, (*path, "swing"), entry["swing"], known, "swing points")
        return None if swing is None else Elicitation("swing", swing=swing)
    if kind == "order":
        return _read_order(reader, path, entry, known)
    return _read_ahp(reader, (*path, "ahp"), entry["ahp"], known)


def _read_order(reader: _Reader, path: KeyPath, entry: Mapping[str, Any], known: Sequence[str]) -> Elicitation | None:
    order_path = (*path, "order")
    items = entry["order"]
    example = "e.g. order: [extradition_risk, [financial_networks, us_relations], host_ties]"
    if not isinstance(items, list) or not items:
        reader.error(
            order_path,
            f"expected a list of criteria (or [tied, criteria]), most important first, got {_got(items)}",
            example,
        )
        return None
    groups: list[tuple[str, ...]] = []
    seen: set[str] = set()
    broken = False
    for index, item in enumerate(items):
        members = item if isinstance(item, list) else [item]
        group: list[str] = []
        for position, member in enumerate(members):
            member_path = (*order_path, index, position) if isinstance(item, list) else (*order_path, index)
            name = _criterion_name(reader, member_path, member, known)
            if name is None:
                broken = True
            elif name in seen:
                reader.error(member_path, f"expected each criterion once, got {name!r} again")
                broken = True
            else:
                seen.add(name)
                group.append(name)
        if group:
            groups.append(tuple(group))
    missing = [c for c in known if c not in seen]
    if missing and not broken:
        reader.error(
            order_path, f"missing from the order: {', '.join(missing)}", "rank every criterion (ties go in [brackets])"
        )
        return None
    method = "roc"
    if "order_method" in entry:
        method = (
            reader.choice((*path, "order_method"), entry["order_method"], ORDER_METHODS, "a rank-order method") or "roc"
        )
    return None if broken else Elicitation("order", order=tuple(groups), order_method=method)


def _read_ahp(reader: _Reader, path: KeyPath, value: Any, known: Sequence[str]) -> Elicitation | None:
    entry = reader.mapping(path, value, "a mapping {judgements, method}")
    if entry is None:
        return None
    reader.keys(path, entry, AHP_KEYS, "an AHP block")
    method = "eigenvector"
    if "method" in entry:
        method = reader.choice((*path, "method"), entry["method"], AHP_METHODS, "an AHP priority method") or method
    raw = entry.get("judgements")
    example = "e.g. - [extradition_risk, financial_networks, 3]   # 3 times as important; 1/3 for a third"
    if "judgements" in entry and not isinstance(raw, list):
        reader.error(
            (*path, "judgements"), f"expected a list of [criterion, criterion, judgement], got {_got(raw)}", example
        )
        return None
    judgements: list[tuple[str, str, float]] = []
    broken = False
    for index, item in enumerate(raw or []):
        item_path = (*path, "judgements", index)
        if not isinstance(item, list) or len(item) != 3:
            reader.error(item_path, f"expected [criterion, criterion, judgement], got {_got(item)}", example)
            broken = True
            continue
        first = _criterion_name(reader, (*item_path, 0), item[0], known)
        second = _criterion_name(reader, (*item_path, 1), item[1], known)
        ratio = _read_ratio(reader, (*item_path, 2), item[2])
        if first is None or second is None or ratio is None:
            broken = True
            continue
        if first == second:
            reader.error(item_path, f"expected two different criteria, got {first!r} twice")
            broken = True
            continue
        judgements.append((first, second, ratio))
    return None if broken else Elicitation("ahp", judgements=tuple(judgements), ahp_method=method)


def _elicitation_path(base: KeyPath, elicitation: Elicitation) -> KeyPath:
    return (*base, {"direct": "weights", "ahp": "ahp", "order": "order", "swing": "swing"}[elicitation.kind])


def _ahp_warning(reader: _Reader, path: KeyPath, result: Any, criteria: Sequence[str], draft: Draft) -> None:
    from model.weighting.elicitation import consistency_rule

    if result is None or result.consistent:
        return
    hint = None
    if result.most_inconsistent is not None and result.suggested is not None:
        i, j = result.most_inconsistent
        hint = (
            f"the least consistent judgement is {criteria[i]} vs {criteria[j]} = {result.matrix[i, j]:.3g}; "
            f"{result.suggested:.3g} would fit the other judgements (revise it, then check again)"
        )
    ratio = "undefined" if result.cr is None else f"{result.cr:.3f}"
    draft.warnings.append(
        reader.doc.issue(
            path,
            f"AHP judgements are not consistent: CR {ratio}, GCI {result.gci:.3f} ({consistency_rule(result)})",
            hint,
        )
    )


def _named(error: ValueError, criteria: Sequence[str]) -> str:
    """The elicitation's message with criterion indices replaced by the criteria's ids."""

    def name(index: str) -> str:
        return criteria[int(index)] if int(index) < len(criteria) else index

    text = re.sub(r"\((\d+), (\d+)\)", lambda m: f"({name(m.group(1))}, {name(m.group(2))})", str(error))
    return re.sub(r"\bcriterion (\d+)\b", lambda m: f"criterion {name(m.group(1))!r}", text)


def _apply_elicitation(reader: _Reader, draft: Draft) -> None:
    """Weights from ``weighting:`` (else the analysts' aggregate); each analyst becomes a scenario."""
    from model.weighting.elicitation import elicit, group

    ids = [c.id for c in draft.criteria]
    weights = None
    if draft.weighting is not None:
        path = _elicitation_path(("weighting",), draft.weighting)
        try:
            found = elicit(draft.weighting, ids)
        except ValueError as error:
            reader.error(path, _named(error, ids))
            return
        _ahp_warning(reader, path, found.ahp, ids, draft)
        weights = found.weights
        draft.weight_source = "weighting"
    for name, analyst in draft.analysts.items():
        path = _elicitation_path(("analysts", name), analyst)
        try:
            found = elicit(analyst, ids)
        except ValueError as error:
            reader.error(path, _named(error, ids))
            continue
        _ahp_warning(reader, path, found.ahp, ids, draft)
        description = f"the weights of analyst {name} ({found.kind})"
        draft.scenarios[f"analyst:{name}"] = Scenario(f"analyst:{name}", found.as_dict(), description)
    if reader.issues:
        return
    if draft.analysts:
        try:
            together = group(draft.analysts, ids)
        except ValueError as error:
            reader.error(("analysts",), _named(error, ids))
            return
        names = ", ".join(draft.analysts)
        draft.scenarios["analysts:group"] = Scenario(
            "analysts:group", together.as_dict(), f"the group's weights ({names}): {together.rule}"
        )
        if weights is None and not draft.weighted:
            weights = together.weights
            draft.weight_source = "analysts"
    if weights is not None:
        draft.criteria = [dataclasses.replace(c, weight=float(w)) for c, w in zip(draft.criteria, weights, strict=True)]
