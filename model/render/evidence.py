"""What ``check`` and ``evidence`` show: the verified quotes with their lines, evidence coverage,
unsupported, unknown and interval cells, and each cell's value, confidence and rationale.
Renders; never computes. May import the core and :mod:`.common`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from model.problem import DecisionProblem, Score
from model.render.common import json_text, manifest


# ----- check ------------------------------------------------------------------------------
def _cell_name(score: Score) -> str:
    return f"{score.alternative}.{score.criterion}"


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def coverage(problem: DecisionProblem) -> tuple[int, int]:
    """(cells with at least one verified quote, all cells)."""
    cells = problem.cells()
    return sum(score.supported for score in cells), len(cells)


def check_summary(problem: DecisionProblem, *, list_quotes: bool = True) -> dict[str, Any]:
    """Everything ``check`` reports, as data."""
    cells = problem.cells()
    supported, total = coverage(problem)
    quotes = [
        {
            "cell": _cell_name(score),
            "source": item.source,
            "file": str(problem.sources[item.source].file),
            "line": item.line,
            "end_line": item.end_line,
            "quote": item.quote,
        }
        for score in cells
        for item in score.evidence
    ]
    return {
        "manifest": manifest(problem),
        "alternatives": len(problem.alternatives),
        "criteria": len(problem.criteria),
        "cells": total,
        "quotes_verified": len(quotes),
        "coverage": {"supported": supported, "cells": total, "fraction": supported / total},
        "unsupported": [
            {"cell": _cell_name(s), "value": s.describe(), "rationale": s.rationale} for s in cells if not s.supported
        ],
        "unknown": [_cell_name(s) for s in cells if s.kind == "unknown"],
        "intervals": [_cell_name(s) for s in cells if s.kind == "interval"],
        "weights": {c.id: float(w) for c, w in zip(problem.criteria, problem.normalized_weights, strict=True)},
        "scenarios": list(problem.scenarios),
        "warnings": [str(warning) for warning in problem.warnings],
        "quotes": quotes if list_quotes else [],
    }


def check_text(problem: DecisionProblem, *, list_quotes: bool = True) -> str:
    summary = check_summary(problem, list_quotes=list_quotes)
    where = str(problem.path) if problem.path else "<text>"
    per_source: dict[str, int] = {}
    for score in problem.cells():
        for item in score.evidence:
            per_source[item.source] = per_source.get(item.source, 0) + 1
    cov = summary["coverage"]
    out = [
        f"{where}: OK — schema 1, sha256 {(problem.sha256 or '')[:12]}",
        f"  {summary['alternatives']} alternatives × {summary['criteria']} criteria = {summary['cells']} cells; "
        f"{len(problem.sources)} sources; {len(problem.scenarios)} scenarios",
        f"  quotes verified: {sum(per_source.values())} of {sum(per_source.values())}"
        + (" (" + ", ".join(f"{sid}: {n}" for sid, n in per_source.items()) + ")" if per_source else ""),
        f"  evidence coverage: {cov['supported']}/{cov['cells']} cells ({cov['fraction']:.0%}) have verified evidence",
    ]
    unsupported = summary["unsupported"]
    out.append(f"  unsupported cells (rationale only): {len(unsupported)}")
    out += [f"    - {u['cell']} = {u['value']}: {_shorten(u['rationale'] or '')}" for u in unsupported]
    out.append(f"  unknown cells (ranked on the scale midpoint): {', '.join(summary['unknown']) or 'none'}")
    out.append(f"  interval cells (ranked on their midpoint): {', '.join(summary['intervals']) or 'none'}")
    out.append("  normalised weights: " + ", ".join(f"{c} {w:.3f}" for c, w in summary["weights"].items()))
    if problem.warnings:
        out.append(f"  warnings: {len(problem.warnings)} (listed on stderr)")
    if list_quotes and summary["quotes"]:
        out.append("  verified quotes (cell, source:line):")
        for quote in summary["quotes"]:
            lines = f"{quote['line']}" if quote["line"] == quote["end_line"] else f"{quote['line']}-{quote['end_line']}"
            out.append(f"    - {quote['cell']}  {quote['source']}:{lines}  “{_shorten(quote['quote'], 70)}”")
    return "\n".join(out) + "\n"


# ----- evidence ---------------------------------------------------------------------------
def evidence_records(problem: DecisionProblem, cells: Sequence[Score]) -> list[dict[str, Any]]:
    records = []
    for score in cells:
        criterion = problem.criterion(score.criterion)
        records.append(
            {
                "alternative": score.alternative,
                "criterion": score.criterion,
                "criterion_label": criterion.label,
                "direction": criterion.direction,
                "scale": criterion.scale.describe(),
                "kind": score.kind,
                "value": score.describe(),
                "low": score.low,
                "high": score.high,
                "confidence": score.confidence,
                "rationale": score.rationale,
                "evidence": [
                    {
                        "source": item.source,
                        "file": str(problem.sources[item.source].file),
                        "line": item.line,
                        "end_line": item.end_line,
                        "quote": item.quote,
                    }
                    for item in score.evidence
                ],
            }
        )
    return records


def evidence_text(problem: DecisionProblem, cells: Sequence[Score], *, markdown: bool = False) -> str:
    out: list[str] = []
    for record in evidence_records(problem, cells):
        head = (
            f"{record['alternative']} · {record['criterion']} "
            f"({record['criterion_label']}, {record['direction']}, scale {record['scale']})"
        )
        confidence = record["confidence"] or "n/a (unknown spans the whole scale)"
        if markdown:
            out += [f"### {head}", "", f"- **value:** {record['value']}", f"- **confidence:** {confidence}"]
            out.append(f"- **rationale:** {record['rationale'] or '—'}")
            for item in record["evidence"]:
                out.append(
                    f"- > {_shorten(item['quote'], 10_000)} — `{item['source']}` ({item['file']}, line {item['line']})"
                )
            if not record["evidence"]:
                out.append("- **evidence:** none (unsupported: rationale only)")
            out.append("")
            continue
        out += [head, f"  value: {record['value']}    confidence: {confidence}"]
        out.append(f"  rationale: {record['rationale'] or '—'}")
        if not record["evidence"]:
            out.append("  evidence: none (unsupported: rationale only)")
        for item in record["evidence"]:
            lines = f"{item['line']}" if item["line"] == item["end_line"] else f"{item['line']}-{item['end_line']}"
            out.append(f"  [{item['source']} {item['file']}:{lines}] “{' '.join(item['quote'].split())}”")
        out.append("")
    return "\n".join(out)


def render_evidence(problem: DecisionProblem, cells: Sequence[Score], fmt: str) -> str:
    if fmt == "json":
        payload = {"manifest": manifest(problem), "cells": evidence_records(problem, cells)}
        return json_text(payload)
    return evidence_text(problem, cells, markdown=fmt == "markdown")
