"""What every renderer shares: plain-text and Markdown tables, strict JSON, and the manifest
(input file and hash, sources and their hashes, method, seed, engine version, where the
weights came from) so that every result can be traced and reproduced.

Renders; never computes. May import the core.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.problem import DecisionProblem
from model.version import __version__


def _plain(value: Any) -> Any:
    """JSON-safe: NaN and infinities as null, numpy scalars as Python numbers, tuples as lists."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def json_text(payload: dict[str, Any]) -> str:
    """Strict JSON (no NaN), indented, UTF-8 kept readable, ending in a newline."""
    return json.dumps(_plain(payload), indent=2, ensure_ascii=False, allow_nan=False, default=str) + "\n"


def engine_version() -> str:
    return __version__


def manifest(problem: DecisionProblem, *, method: str | None = None, seed: int | None = None) -> dict[str, Any]:
    """What produced a result: input, its hash, sources and their hashes, method, seed, engine."""
    return {
        "engine": "exile-model",
        "version": engine_version(),
        "file": str(problem.path) if problem.path else None,
        "sha256": problem.sha256,
        "method": method or problem.method,
        "seed": seed,
        "weights_from": weight_origin(problem),
        "sources": {
            source.id: {"file": str(source.file), "sha256": source.sha256} for source in problem.sources.values()
        },
    }


BASE_WEIGHTS = {
    "criteria": "base weights of the file",
    "weighting": "weights of the file's weighting block",
    "analysts": "the analysts' group weights",
}


def weight_origin(problem: DecisionProblem) -> list[str]:
    return [BASE_WEIGHTS.get(problem.weight_source, "base weights of the file"), *problem.weight_notes]


def manifest_line(problem: DecisionProblem, method: str) -> str:
    digest = (problem.sha256 or "")[:12]
    where = str(problem.path) if problem.path else "<text>"
    return f"{where} · sha256 {digest} · method {method} · engine {engine_version()} · deterministic (no seed)"


# ----- generic tables ----------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    right: Sequence[bool]  # per column: right-align (numbers)

    def text(self, indent: str = "") -> str:
        widths = [
            max(len(h), *(len(r[i]) for r in self.rows)) if self.rows else len(h) for i, h in enumerate(self.headers)
        ]

        def line(cells: Sequence[str]) -> str:
            parts = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, self.right, strict=True)]
            return (indent + "  ".join(parts)).rstrip()

        rule = indent + "  ".join("-" * w for w in widths)
        return "\n".join([line(self.headers), rule, *(line(r) for r in self.rows)])

    def markdown(self) -> str:
        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        rule = "|" + "|".join("---:" if r else ":---" for r in self.right) + "|"
        return "\n".join([line(self.headers), rule, *(line(r) for r in self.rows)])
