"""Render problems and rankings as text, Markdown, CSV and JSON. Renders; never computes.

Every rendering carries a manifest (input file and hash, method, weights and where they
came from, engine version, seed) so that a result can always be traced and reproduced.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.methods import METHODS
from model.problem import DecisionProblem, Score
from model.ranking import Ranking
from model.version import __version__

FLAG_MARKS = {"interval": "~", "unknown": "?"}
CONTRIBUTION_MEANING = {
    "weighted_sum": "Each criterion column is its contribution (normalised weight × normalised score); "
    "a row adds up to its score.",
    "promethee_ii": "Each criterion column is its contribution to the net flow (weight × the criterion's net flow); "
    "a row adds up to φ.",
}
FLAG_LEGEND = "~ interval, ranked on its midpoint · ? unknown, ranked on the scale midpoint (not evidence)"


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


def _manifest_line(problem: DecisionProblem, method: str) -> str:
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


def _flag(ranking: Ranking, alternative: str, criterion: str) -> str:
    kind = ranking.problem.scores[(alternative, criterion)].kind
    return FLAG_MARKS.get(kind, "")


def _ranking_table(ranking: Ranking) -> Table:
    contributions = ranking.details.get("contributions")
    headers = ["rank", "alternative", "score"] + (list(ranking.criteria) if contributions is not None else [])
    rows = []
    for i in ranking.order:
        alt = ranking.alternatives[i]
        row = [str(ranking.ranks[i]), alt, f"{ranking.scores[i]:.3f}"]
        if contributions is not None:
            row += [f"{contributions[i, j]:.3f}{_flag(ranking, alt, c) or ' '}" for j, c in enumerate(ranking.criteria)]
        rows.append(row)
    if contributions is not None:
        rows.append(["", "weight", f"{sum(ranking.weights):.3f}"] + [f"{w:.3f} " for w in ranking.weights])
    return Table(headers, rows, [True, False, True] + [True] * (len(headers) - 3))


def _ties(ranking: Ranking) -> str:
    groups: dict[int, list[str]] = {}
    for i in ranking.order:
        groups.setdefault(int(ranking.ranks[i]), []).append(ranking.alternatives[i])
    tied = [names for names in groups.values() if len(names) > 1]
    if not tied:
        return f"no ties (scores within {ranking.tolerance:g} would tie)"
    return "tied: " + "; ".join(" = ".join(names) for names in tied) + f" (scores within {ranking.tolerance:g})"


def _flag_lines(ranking: Ranking) -> list[str]:
    lines = []
    for alt in (ranking.alternatives[i] for i in ranking.order):
        flagged = ranking.flags[alt]
        if flagged:
            parts = [f"{crit} {kind}" for crit, kind in flagged]
            lines.append(f"{alt}: " + ", ".join(parts))
    return lines


def _score_meaning(ranking: Ranking) -> str:
    summary = METHODS[ranking.method].summary
    better = "higher is better" if ranking.higher_is_better else "LOWER is better"
    return f"{summary} ({better})" if summary else better


def _method_notes(ranking: Ranking) -> list[str]:
    """Method-specific conclusions worth a line: VIKOR's compromise solution."""
    notes = []
    if "compromise" in ranking.details:
        chosen = [a for a, flag in zip(ranking.alternatives, ranking.details["compromise"], strict=True) if flag]
        advantage = bool(ranking.details.get("advantage", True))
        stability = bool(ranking.details.get("stability", True))
        notes.append(
            f"compromise solution (Opricovic & Tzeng 2004): {', '.join(chosen)} — acceptable advantage: "
            f"{'yes' if advantage else 'no'}, acceptable stability: {'yes' if stability else 'no'}"
        )
    if "incomparable" in ranking.details:
        incomparable = np.asarray(ranking.details["incomparable"])
        alts = ranking.alternatives
        pairs = [
            f"{alts[i]} ~ {alts[j]}" for i in range(len(alts)) for j in range(i + 1, len(alts)) if incomparable[i, j]
        ]
        notes.append(
            "PROMETHEE I partial order (φ⁺ and φ⁻ separately): "
            + (
                f"incomparable pairs: {', '.join(pairs)}"
                if pairs
                else "no incomparable pairs; it agrees with the net flow"
            )
        )
    return notes


def ranking_text(ranking: Ranking, *, markdown: bool = False) -> str:
    """A ranking for people: table of scores and contributions, weights, flags, ties, manifest."""
    problem = ranking.problem
    table = _ranking_table(ranking)
    title = problem.question or problem.title
    as_of = f" (as of {problem.as_of.isoformat()})" if problem.as_of else ""
    weights_from = " + ".join(weight_origin(problem))
    explain = (
        CONTRIBUTION_MEANING.get(
            ranking.method, "Each criterion column is its contribution; a row adds up to its score."
        )
        if "contributions" in ranking.details
        else "normalised weights: "
        + ", ".join(f"{c} {w:.3f}" for c, w in zip(ranking.criteria, ranking.weights, strict=True))
    )
    flags = _flag_lines(ranking)
    if markdown:
        out = [
            f"## {title}{as_of}",
            "",
            f"**Method:** {ranking.method_label} — {_score_meaning(ranking)}  ",
            f"**Weights:** {weights_from}  ",
            *[f"{note}  " for note in _method_notes(ranking)],
            "",
        ]
        out += [table.markdown(), "", explain, "", f"Flags: {FLAG_LEGEND}.", ""]
        out += [f"- {line}" for line in flags] or ["- none"]
        out += ["", f"Ties: {_ties(ranking)}.", "", f"`{_manifest_line(problem, ranking.method)}`"]
        return "\n".join(out) + "\n"
    out = [
        f"{title}{as_of}",
        f"method: {ranking.method_label} — {_score_meaning(ranking)}",
        f"weights: {weights_from} (normalised to sum to 1)",
        *_method_notes(ranking),
        "",
    ]
    out += [table.text(), "", explain, f"flags: {FLAG_LEGEND}"]
    out += [f"  {line}" for line in flags] or ["  none"]
    out += [_ties(ranking), _manifest_line(problem, ranking.method)]
    return "\n".join(line for line in out if line is not None) + "\n"


def ranking_csv(ranking: Ranking) -> str:
    """CSV (best first) after ``#`` comment lines holding the manifest and the weights."""
    buffer = io.StringIO()
    info = manifest(ranking.problem, method=ranking.method)
    buffer.write(f"# {_manifest_line(ranking.problem, ranking.method)}\n")
    buffer.write(f"# weights from: {' + '.join(info['weights_from'])}\n")
    buffer.write(
        "# normalised weights: "
        + ", ".join(f"{c}={w:.6g}" for c, w in zip(ranking.criteria, ranking.weights, strict=True))
        + "\n"
    )
    writer = csv.writer(buffer, lineterminator="\n")
    contributions = ranking.details.get("contributions")
    columns = [f"contribution_{c}" for c in ranking.criteria] if contributions is not None else []
    writer.writerow(["rank", "alternative", "score", *columns, "flags"])
    for i in ranking.order:
        alt = ranking.alternatives[i]
        parts = (
            [f"{contributions[i, j]:.6g}" for j in range(len(ranking.criteria))] if contributions is not None else []
        )
        flags = ";".join(f"{crit}={kind}" for crit, kind in ranking.flags[alt])
        writer.writerow([int(ranking.ranks[i]), alt, f"{ranking.scores[i]:.6g}", *parts, flags])
    return buffer.getvalue()


def ranking_json(ranking: Ranking) -> str:
    payload = {"manifest": manifest(ranking.problem, method=ranking.method), **ranking.to_dict()}
    payload["question"] = ranking.problem.question
    return json_text(payload)


def render_ranking(ranking: Ranking, fmt: str) -> str:
    """Render a ranking as ``table``, ``markdown``, ``csv`` or ``json``."""
    if fmt == "json":
        return ranking_json(ranking)
    if fmt == "csv":
        return ranking_csv(ranking)
    return ranking_text(ranking, markdown=fmt == "markdown")


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


__all__ = [
    "FLAG_LEGEND",
    "Table",
    "check_summary",
    "check_text",
    "coverage",
    "evidence_records",
    "manifest",
    "render_evidence",
    "render_ranking",
]
