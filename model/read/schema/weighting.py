"""Validators of ``weighting`` and ``analysts``: direct weights, AHP judgements, rank orders and
swing points; then the weights they give (and the AHP consistency warnings), applied to the
criteria when the file gives no weights of its own.

May import the core, :mod:`model.weighting` and :mod:`.reader`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from model.errors import KeyPath, did_you_mean
from model.problem import (
    Scenario,
)
from model.read.schema.reader import (
    AHP_KEYS,
    AHP_METHODS,
    ELICITATION_KEYS,
    ORDER_METHODS,
    RATIO,
    Draft,
    Reader,
    shown,
)
from model.weighting.elicitation import Elicitation


def _read_ratio(reader: Reader, path: KeyPath, value: Any) -> float | None:
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


def _criterion_name(reader: Reader, path: KeyPath, value: Any, known: Sequence[str]) -> str | None:
    name = reader.text(path, value, "a criterion id")
    if name is not None and name not in known:
        reader.error(path, f"unknown criterion {name!r}", did_you_mean(name, known) or f"criteria: {', '.join(known)}")
        return None
    return name


def _read_points(reader: Reader, path: KeyPath, value: Any, known: Sequence[str], what: str) -> dict[str, float] | None:
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


def read_elicitation(reader: Reader, path: KeyPath, value: Any, draft: Draft) -> Elicitation | None:
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


def _read_order(reader: Reader, path: KeyPath, entry: Mapping[str, Any], known: Sequence[str]) -> Elicitation | None:
    order_path = (*path, "order")
    items = entry["order"]
    example = "e.g. order: [extradition_risk, [financial_networks, us_relations], host_ties]"
    if not isinstance(items, list) or not items:
        reader.error(
            order_path,
            f"expected a list of criteria (or [tied, criteria]), most important first, got {shown(items)}",
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


def _read_ahp(reader: Reader, path: KeyPath, value: Any, known: Sequence[str]) -> Elicitation | None:
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
            (*path, "judgements"),
            f"expected a list of [criterion, criterion, judgement], got {shown(raw)}",
            example,
        )
        return None
    judgements: list[tuple[str, str, float]] = []
    broken = False
    for index, item in enumerate(raw or []):
        item_path = (*path, "judgements", index)
        if not isinstance(item, list) or len(item) != 3:
            reader.error(item_path, f"expected [criterion, criterion, judgement], got {shown(item)}", example)
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


def _ahp_warning(reader: Reader, path: KeyPath, result: Any, criteria: Sequence[str], draft: Draft) -> None:
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


def apply_elicitation(reader: Reader, draft: Draft) -> None:
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
