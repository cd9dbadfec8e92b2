"""Validator of ``scores``: one cell per alternative and criterion — a number, a label, an
interval or ``unknown`` — with its confidence, evidence quotes and rationale.

May import the core and :mod:`.reader`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, cast

from model.errors import KeyPath, did_you_mean, one_of
from model.problem import (
    CONFIDENCES,
    Confidence,
    Evidence,
    Scale,
    Score,
    Source,
    ValueKind,
)
from model.read.rules import WARNING_CODES
from model.read.schema.reader import CELL_KEYS, EVIDENCE_KEYS, NUMBER, UNKNOWN, Draft, Reader, shown


def read_scores(reader: Reader, value: Any, draft: Draft) -> None:
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
    reader: Reader, path: KeyPath, value: Any, scale: Scale
) -> tuple[ValueKind, float, float, tuple[str, ...]] | None:
    """A cell's value as (kind, low, high, labels as written)."""
    point_expected = f"a number in [{scale.min:g}, {scale.max:g}]"
    if scale.labels:
        point_expected += ", a label (" + ", ".join(name for name, _ in scale.labels) + ")"
    expected = point_expected + ", an interval [low, high] or 'unknown'"
    if isinstance(value, list):
        if len(value) != 2:
            reader.error(path, f"expected an interval [low, high] of two values, got {shown(value)}")
            return None
        ends = [
            read_point(reader, (*path, i), item, scale, "an interval end: " + point_expected)
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
    point = read_point(reader, path, value, scale, expected)
    if point is None:
        return None
    number, label = point
    return ("label", number, number, (label,)) if label else ("point", number, number, ())


def read_point(
    reader: Reader, path: KeyPath, value: Any, scale: Scale, expected: str
) -> tuple[float, str | None] | None:
    if not isinstance(value, str) or not value.strip():
        reader.error(path, f"expected {expected}, got {shown(value)}")
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
    reader: Reader,
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
    accepted = _read_accept(reader, (*path, "accept"), entry["accept"]) if "accept" in entry else ()
    if parsed is None or evidence is None or accepted is None:
        return None
    value_kind, low, high, labels = parsed
    return Score(
        alternative,
        criterion_id,
        value_kind,
        low,
        high,
        cast(Confidence, confidence),
        evidence,
        rationale,
        labels,
        accepted,
    )


def _read_accept(reader: Reader, path: KeyPath, value: Any) -> tuple[tuple[str, str], ...] | None:
    """``accept: {warning code: the reason it is acceptable here}``."""
    mapping = reader.mapping(path, value, "a mapping of warning code to the reason it is acceptable here")
    if mapping is None:
        return None
    accepted: list[tuple[str, str]] = []
    for code, reason in mapping.items():
        if code not in WARNING_CODES:
            hint = did_you_mean(code, WARNING_CODES) or f"warnings that can be accepted: {', '.join(WARNING_CODES)}"
            reader.error(
                (*path, code), f"expected a warning code ({one_of(tuple(WARNING_CODES))}), got {code!r}", hint, key=True
            )
            continue
        text = reader.text((*path, code), reason, "the reason this warning is acceptable here")
        if text is not None:
            accepted.append((code, text))
    return tuple(accepted) if len(accepted) == len(mapping) else None


def _read_evidence(
    reader: Reader, path: KeyPath, value: Any, sources: Mapping[str, Source], declared_sources: Collection[str]
) -> tuple[Evidence, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error(path, f"expected a list of {{source, quote}}, got {shown(value)}", "start each item with '- '")
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
