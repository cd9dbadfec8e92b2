"""Validators of ``scales`` and ``criteria``: scales and their labels, directions, weights, value
functions and PROMETHEE preference functions with their thresholds.

May import the core, :mod:`model.methods` and :mod:`.reader`.
"""

from __future__ import annotations

from typing import Any, cast

from model.errors import KeyPath, did_you_mean
from model.methods.preference import THRESHOLDS_USED
from model.problem import (
    DIRECTIONS,
    Criterion,
    Direction,
    Preference,
    Scale,
)
from model.read.schema.reader import (
    CRITERION_KEYS,
    NUMBER,
    PREFERENCE_KEYS,
    SCALE_KEYS,
    SNAKE_CASE,
    UNKNOWN,
    Draft,
    Reader,
    shown,
    snake_case,
)
from model.read.schema.scores import read_point


def _read_scale(reader: Reader, path: KeyPath, value: Any, name: str | None) -> Scale | None:
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
            if not reader.printable(label_path, label, "a label", key=True):
                continue
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


def read_scales(reader: Reader, value: Any) -> dict[str, Scale | None]:
    scales: dict[str, Scale | None] = {}
    if value is None:
        return scales
    mapping = reader.mapping(("scales",), value, "a mapping of scale name to {min, max, labels}")
    for name, spec in (mapping or {}).items():
        scales[name] = _read_scale(reader, ("scales", name), spec, name)
    return scales


def read_criteria(
    reader: Reader, value: Any, scales: dict[str, Scale | None], draft: Draft, *, elicited: bool, optional: bool
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
                f"e.g. {snake_case(criterion_id)!r}",
                key=True,
            )
            ok = False
        entry = reader.mapping(path, spec, "a mapping with direction, weight and scale")
        if entry is None:
            ok = False
            continue
        reader.keys(path, entry, {**CRITERION_KEYS, "weight": not optional}, f"criterion {criterion_id!r}")
        label = reader.text((*path, "label"), entry.get("label"), required=False, one_line=True)
        description = reader.text((*path, "description"), entry.get("description"), required=False)
        weight_rationale = reader.text((*path, "weight_rationale"), entry.get("weight_rationale"), required=False)
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
            weight_rationale,
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


def _criterion_scale(reader: Reader, path: KeyPath, value: Any, scales: dict[str, Scale | None]) -> Scale | None:
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


def _read_value_function(
    reader: Reader, path: KeyPath, value: Any, scale: Scale
) -> tuple[tuple[float, float], ...] | None:
    """Piecewise-linear points [score, value]: scores (numbers or labels) strictly increasing, values in [0, 1]."""
    example = f"e.g. [[{scale.min:g}, 0], [{(scale.min + scale.max) / 2:g}, 0.8], [{scale.max:g}, 1]]"
    if not isinstance(value, list) or len(value) < 2:
        reader.error(path, f"expected a list of at least two [score, value] points, got {shown(value)}", example)
        return None
    points: list[tuple[float, float]] = []
    for index, item in enumerate(value):
        item_path = (*path, index)
        if not isinstance(item, list) or len(item) != 2:
            reader.error(item_path, f"expected a [score, value] pair, got {shown(item)}", example)
            return None
        point = read_point(
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


def _read_preference(reader: Reader, path: KeyPath, value: Any, scale: Scale | None) -> Preference:
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
