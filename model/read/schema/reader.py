"""The schema's vocabulary and its reader: allowed keys, name patterns, the draft being built,
and :class:`Reader`, which checks one located value at a time and collects the issues.

May import the core (:mod:`model.problem`, :mod:`model.errors`) and :mod:`model.read.yamlsafe`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from model.documents import EvidenceRules
from model.errors import Issue, KeyPath, did_you_mean, one_of
from model.problem import (
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    Alternative,
    Criterion,
    Scale,
    Scenario,
    Score,
    Source,
    Uncertainty,
)
from model.read.yamlsafe import Document
from model.weighting.elicitation import Elicitation

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
    "evidence_rules": False,
}


UNCERTAINTY_KEYS = {
    "confidence_bands": False,
    "weight_order": False,
    "weight_spread": False,
    "unknowns": False,
    "widen_intervals": False,
}


SOURCE_KEYS = {
    "file": True,
    "title": True,
    "publisher": False,
    "date": False,
    "url": False,
    "body": False,
    "sha256": False,
}


BODY_KEYS = {"lines": False, "start": False, "end": False}


EVIDENCE_RULE_KEYS = {
    "min_fragment_words": False,
    "min_quote_words": False,
    "max_skips": False,
    "max_skipped_words": False,
    "extra_negations": False,
    "extra_hedges": False,
}


SHA256 = re.compile(r"[0-9a-f]{64}\Z")


SCALE_KEYS = {"min": True, "max": True, "labels": False}


CRITERION_KEYS = {
    "label": False,
    "description": False,
    "direction": True,
    "weight": True,
    "scale": True,
    "value_function": False,
    "preference": False,
    "weight_rationale": False,
}


PREFERENCE_KEYS = {"function": False, "q": False, "p": False, "s": False}


ELICITATION_KEYS = {"weights": False, "ahp": False, "order": False, "order_method": False, "swing": False}


AHP_KEYS = {"judgements": True, "method": False}


AHP_METHODS = ("eigenvector", "geometric")


ORDER_METHODS = ("roc", "rank_sum", "reciprocal")


RATIO = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*/\s*([0-9]*\.?[0-9]+)\s*\Z")


ALTERNATIVE_KEYS = {"description": False, "aliases": False}


CELL_KEYS = {"value": True, "confidence": False, "evidence": False, "rationale": False, "accept": False}


EVIDENCE_KEYS = {"source": True, "quote": True}


SCENARIO_KEYS = {"description": False, "weights": True}


SNAKE_CASE = re.compile(r"[a-z][a-z0-9_]*\Z")


IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*\Z")


NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\Z")


LEADING_ZERO = re.compile(r"[-+]?0\d")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


UNKNOWN = "unknown"


BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Characters that reorder how text is displayed (a name could show as another); refused in every text."""


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
    evidence_rules: EvidenceRules = field(default_factory=EvidenceRules)


def shown(value: Any) -> str:
    """How a found value reads in an error message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return repr(value)


def snake_case(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "criterion"


class Reader:
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
        self.error(path, f"expected {what}, got {shown(value)}")
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

    def text(
        self, path: KeyPath, value: Any, what: str = "text", *, required: bool = True, one_line: bool = False
    ) -> str | None:
        """Text without control characters (none at all when ``one_line``: names, labels, titles)."""
        if value is None:
            if required:
                self.error(path, f"expected {what}, got nothing (an empty value)")
            return None
        if not isinstance(value, str):
            self.error(path, f"expected {what}, got {shown(value)}")
            return None
        stripped = value.strip()
        if not stripped:
            if required:
                self.error(path, f"expected {what}, got an empty string")
            return None
        return stripped if self.printable(path, stripped, what, one_line=one_line) else None

    def printable(self, path: KeyPath, text: str, what: str, *, one_line: bool = True, key: bool = False) -> bool:
        """True when ``text`` holds no character that could rewrite a terminal or break a table row:
        control characters (ESC, BEL, …; line breaks and tabs too in one-line text) and the
        bidirectional overrides that make text display in another order than it is stored."""
        allowed = "" if one_line else "\n\t"
        bad = [c for c in text if (unicodedata.category(c) == "Cc" and c not in allowed) or c in BIDI_CONTROLS]
        if bad:
            where = "a line break or tab" if bad[0] in "\n\t\r" else f"the control character U+{ord(bad[0]):04X}"
            self.error(path, f"expected {what} without control characters, got one with {where}", key=key)
            return False
        return True

    def number(self, path: KeyPath, value: Any, what: str = "a number") -> float | None:
        if not isinstance(value, str):
            self.error(path, f"expected {what}, got {shown(value)}")
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
        number = float(value)
        if not math.isfinite(number) or (number != 0 and abs(number) < MIN_MAGNITUDE):
            shown_text = value if len(value) <= 24 else f"{value[:12]}…{value[-6:]} ({len(value):,} characters)"
            self.error(
                path,
                f"expected {what} between ±{MIN_MAGNITUDE:g} and ±{MAX_MAGNITUDE:g} (or 0), got {shown_text}, "
                "which a 64-bit float cannot hold",
                "write a number of ordinary size: only ratios of weights matter, and scores live on their scale",
            )
            return None
        if abs(number) > MAX_MAGNITUDE:
            self.error(
                path,
                f"expected {what} between ±{MIN_MAGNITUDE:g} and ±{MAX_MAGNITUDE:g} (or 0), got {number:g}",
                "numbers this large overflow when added up; write a number of ordinary size",
            )
            return None
        return number

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
