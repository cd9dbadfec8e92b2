"""The entry point of schema version 1: :func:`parse_problem` reads every section of a model,
in an order that lets cross-references be checked, and returns the draft and every issue.

May import the other modules of this package.
"""

from __future__ import annotations

from model.errors import Issue
from model.read.schema.criteria import read_criteria, read_scales
from model.read.schema.reader import IDENTIFIER, TOP_LEVEL, Draft, Reader
from model.read.schema.scores import read_scores
from model.read.schema.sections import (
    read_alternatives,
    read_evidence_rules,
    read_header,
    read_method_options,
    read_scenarios,
    read_sources,
    read_uncertainty,
)
from model.read.schema.weighting import apply_elicitation, read_elicitation
from model.read.yamlsafe import Document


def parse_problem(doc: Document) -> tuple[Draft, list[Issue]]:
    """Read every part of a schema-1 model; return the draft and every issue found."""
    reader = Reader(doc)
    draft = Draft()
    root = reader.mapping((), doc.data, "a mapping with the keys version, title, criteria, alternatives, scores")
    if root is None:
        return draft, reader.issues
    reader.keys((), root, TOP_LEVEL, "the model")
    read_header(reader, root, draft)
    draft.sources = read_sources(reader, root.get("sources"), draft)
    scales = read_scales(reader, root.get("scales"))
    # weights come from each criterion, else from `weighting:`, else from the analysts' aggregate
    elicited = "weighting" in root
    optional = elicited or "analysts" in root
    criteria_ok = read_criteria(reader, root.get("criteria"), scales, draft, elicited=elicited, optional=optional)
    read_alternatives(reader, root.get("alternatives"), draft)
    if "scores" in root:
        read_scores(reader, root["scores"], draft)
    if criteria_ok:
        read_scenarios(reader, root.get("scenarios"), draft)
    if "uncertainty" in root:
        read_uncertainty(reader, root["uncertainty"], draft)
    if "evidence_rules" in root:
        read_evidence_rules(reader, root["evidence_rules"], draft)
    if "method_options" in root:
        read_method_options(reader, root["method_options"], draft)
    if criteria_ok and "weighting" in root:
        draft.weighting = read_elicitation(reader, ("weighting",), root["weighting"], draft)
    if criteria_ok and "analysts" in root:
        mapping = reader.mapping(("analysts",), root["analysts"], "a mapping of analyst name to their weights")
        for name, spec in (mapping or {}).items():
            if not IDENTIFIER.match(name):
                reader.error(
                    ("analysts", name), f"expected a name of letters, digits, '_' or '-', got {name!r}", key=True
                )
                continue
            found = read_elicitation(reader, ("analysts", name), spec, draft)
            if found is not None:
                draft.analysts[name] = found
    if criteria_ok and optional and not reader.issues:
        apply_elicitation(reader, draft)
    return draft, reader.issues
