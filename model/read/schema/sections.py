"""Validators of the small top-level sections: the header (version, title, question, as_of),
``sources``, ``alternatives``, ``scenarios``, ``uncertainty`` and ``method_options``.

May import the core, :mod:`model.methods` and :mod:`.reader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from model.documents import EvidenceRules
from model.errors import KeyPath, did_you_mean, one_of
from model.methods import METHODS
from model.problem import (
    CONFIDENCES,
    DEFAULT_CONFIDENCE_BANDS,
    UNKNOWN_POLICIES,
    Alternative,
    Body,
    Scenario,
    Source,
    Uncertainty,
    UnknownPolicy,
)
from model.read.schema.reader import (
    ALTERNATIVE_KEYS,
    BODY_KEYS,
    EVIDENCE_RULE_KEYS,
    IDENTIFIER,
    SCENARIO_KEYS,
    SCHEMA_VERSION,
    SHA256,
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
    draft.title = reader.text(("title",), root.get("title"), "a title", one_line=True) or "" if "title" in root else ""
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
        title = (
            reader.text((*path, "title"), entry["title"], "the document's title", one_line=True)
            if "title" in entry
            else None
        )
        publisher = reader.text((*path, "publisher"), entry.get("publisher"), required=False, one_line=True)
        published = reader.iso_date((*path, "date"), entry.get("date"))
        reader.text((*path, "url"), entry.get("url"), "an address", required=False)
        body = _read_body(reader, (*path, "body"), entry["body"]) if "body" in entry else None
        pin = None
        if "sha256" in entry:
            pin = reader.text((*path, "sha256"), entry["sha256"], "a SHA-256 digest (64 hexadecimal digits)")
            if pin is not None and not SHA256.match(pin.lower()):
                reader.error(
                    (*path, "sha256"),
                    f"expected a SHA-256 digest (64 hexadecimal digits), got {pin!r}",
                    "run `exile-model pin FILE` and paste the line it prints",
                )
                pin = None
        if file is not None and title is not None:
            sources[source_id] = Source(
                source_id, Path(file), title, publisher, published, body=body, pin=None if pin is None else pin.lower()
            )
    return sources


def _line_number(reader: Reader, path: KeyPath, value: Any) -> int | None:
    number = reader.number(path, value, "a line number (1 or more)")
    if number is None:
        return None
    if not number.is_integer() or number < 1:
        reader.error(path, f"expected a line number (a whole number >= 1), got {value!r}")
        return None
    return int(number)


def _read_body(reader: Reader, path: KeyPath, value: Any) -> Body | None:
    """``body: {lines: [first, last]}`` (or a list of such ranges) or ``body: {start: TEXT, end: TEXT}``."""
    entry = reader.mapping(path, value, "a mapping with lines: [first, last], or start: and end: markers")
    if entry is None:
        return None
    reader.keys(path, entry, BODY_KEYS, "a body")
    markers = "start" in entry or "end" in entry
    if ("lines" in entry) == markers:
        reader.error(
            path,
            "expected either lines: [first, last] or both start: and end: markers, got "
            + ("both" if markers else "neither"),
            "e.g. body: {start: 'first words of the article', end: 'last words of the article'}",
        )
        return None
    if markers:
        start = reader.text((*path, "start"), entry.get("start"), "the first words of the article")
        end = reader.text((*path, "end"), entry.get("end"), "the last words of the article")
        return Body(start=start, end=end) if start and end else None
    raw = entry["lines"]
    ranges_raw = raw if isinstance(raw, list) and raw and all(isinstance(r, list) for r in raw) else [raw]
    ranges: list[tuple[int, int]] = []
    for index, item in enumerate(ranges_raw):
        item_path = (*path, "lines") if ranges_raw is not raw else (*path, "lines", index)
        if not isinstance(item, list) or len(item) != 2:
            reader.error(item_path, f"expected a line range [first, last], got {shown(item)}", "e.g. lines: [16, 68]")
            continue
        first = _line_number(reader, (*item_path, 0), item[0])
        last = _line_number(reader, (*item_path, 1), item[1])
        if first is not None and last is not None:
            if first > last:
                reader.error(
                    item_path, f"expected a line range [first, last] with first <= last, got [{first}, {last}]"
                )
                continue
            ranges.append((first, last))
    return Body(lines=tuple(ranges)) if len(ranges) == len(ranges_raw) else None


def read_alternatives(reader: Reader, value: Any, draft: Draft) -> None:
    mapping = reader.mapping(("alternatives",), value, "a mapping of alternative name to {description}")
    if mapping is None:
        return
    draft.declared_alternatives = list(mapping)
    for name, spec in mapping.items():
        path: KeyPath = ("alternatives", name)
        if not reader.printable(path, name, "an alternative name", key=True):
            continue
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
        aliases: list[str] = []
        if "aliases" in entry:
            raw = entry["aliases"]
            if not isinstance(raw, list):
                reader.error(
                    (*path, "aliases"),
                    f"expected a list of other names the documents use, got {shown(raw)}",
                    "e.g. aliases: [Turkish, Erdogan, Ankara]",
                )
                raw = []
            for index, item in enumerate(raw):
                alias = reader.text((*path, "aliases", index), item, "a name", one_line=True)
                if alias is not None and alias not in aliases and alias != name:
                    aliases.append(alias)
        draft.alternatives.append(Alternative(name, description, tuple(aliases)))


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
    merged = {**DEFAULT_CONFIDENCE_BANDS, **bands}
    if not merged["high"] <= merged["medium"] <= merged["low"]:
        reader.error(
            (*path, "confidence_bands"),
            "expected bands that do not narrow as confidence falls (high <= medium <= low), got "
            + ", ".join(f"{level} {merged[level]:g}" for level in CONFIDENCES),
        )
        bands = {}
    unknowns: UnknownPolicy = "midpoint"
    if "unknowns" in entry:
        chosen = reader.choice((*path, "unknowns"), entry["unknowns"], UNKNOWN_POLICIES, "a policy for unknown cells")
        unknowns = cast(UnknownPolicy, chosen or "midpoint")
    widen = False
    if "widen_intervals" in entry:
        widen = (
            reader.choice((*path, "widen_intervals"), entry["widen_intervals"], ("true", "false"), "a yes/no") == "true"
        )
    draft.uncertainty = Uncertainty(bands, tuple(order), spread, unknowns, widen)


def read_evidence_rules(reader: Reader, value: Any, draft: Draft) -> None:
    """``evidence_rules:``: the quote rules' limits, and words to add to the negation and hedge lists."""
    path: KeyPath = ("evidence_rules",)
    entry = reader.mapping(path, value, "a mapping of evidence-rule settings")
    if entry is None:
        return
    reader.keys(path, entry, EVIDENCE_RULE_KEYS, "the evidence rules")
    defaults = EvidenceRules()
    limits: dict[str, int] = {}
    floors = {"min_fragment_words": 1, "min_quote_words": 1, "max_skips": 0, "max_skipped_words": 0}
    for key, floor in floors.items():
        if key not in entry:
            continue
        number = reader.number((*path, key), entry[key], f"a whole number >= {floor}")
        if number is None:
            continue
        if not number.is_integer() or number < floor or number > 1000:
            reader.error((*path, key), f"expected a whole number in [{floor}, 1000], got {entry[key]!r}")
            continue
        limits[key] = int(number)
    extra: dict[str, tuple[str, ...]] = {}
    for key in ("extra_negations", "extra_hedges"):
        if key not in entry:
            continue
        raw = entry[key]
        if not isinstance(raw, list):
            reader.error((*path, key), f"expected a list of words, got {shown(raw)}", "e.g. [refuted, dubious]")
            continue
        found = [reader.text((*path, key, i), item, "a word") for i, item in enumerate(raw)]
        extra[key] = tuple(word.lower() for word in found if word)
    draft.evidence_rules = EvidenceRules(
        **limits,
        negations=defaults.negations
        + tuple(w for w in extra.get("extra_negations", ()) if w not in defaults.negations),
        hedges=defaults.hedges + tuple(w for w in extra.get("extra_hedges", ()) if w not in defaults.hedges),
    )


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
