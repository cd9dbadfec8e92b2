"""Validators of the small top-level sections: the header (version, title, question, as_of),
``sources``, ``alternatives``, ``scenarios``, ``uncertainty`` and ``method_options``.

May import the core, :mod:`model.methods` and :mod:`.reader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from model.errors import KeyPath, did_you_mean, one_of
from model.methods import METHODS
from model.problem import (
    CONFIDENCES,
    Alternative,
    Scenario,
    Source,
    Uncertainty,
)
from model.read.schema.reader import (
    ALTERNATIVE_KEYS,
    IDENTIFIER,
    SCENARIO_KEYS,
    SCHEMA_VERSION,
    SOURCE_KEYS,
    UNCERTAINTY_KEYS,
    Draft,
    Reader,
    shown,
)


def read_header(reader: Reader, root: dict[str, Any], draft: Draft) -> None:
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


def read_sources(reader: Reader, value: Any, draft: Draft) -> dict[str, Source]:
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


def read_alternatives(reader: Reader, value: Any, draft: Draft) -> None:
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


def read_scenarios(reader: Reader, value: Any, draft: Draft) -> None:
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


def read_uncertainty(reader: Reader, value: Any, draft: Draft) -> None:
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
                f"expected a list of at least two criterion ids, most important first, got {shown(items)}",
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


def read_method_options(reader: Reader, value: Any, draft: Draft) -> None:
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
