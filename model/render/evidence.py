"""What ``check``, ``evidence`` and ``uncited`` show: every quote inside its sentence (quoted words
marked, skipped words shown), evidence coverage, the warnings of the evidence rules and those a
cell accepts with its reason, unsupported, unknown and interval cells, and the passages about
each alternative that no quote cites.

Renders; never computes. May import the core, :mod:`model.analysis` (for typing) and :mod:`.common`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from model.errors import Issue, format_path
from model.problem import UNKNOWN_POLICY_WORDS, DecisionProblem, Evidence, Score
from model.render.common import context_text, json_text, manifest, markdown_escape

if TYPE_CHECKING:
    from model.analysis.uncited import Uncited


def _cell_name(score: Score) -> str:
    return f"{score.alternative}.{score.criterion}"


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lines(item: Evidence) -> str:
    return f"{item.line}" if item.line == item.end_line else f"{item.line}-{item.end_line}"


def coverage(problem: DecisionProblem) -> tuple[int, int]:
    """(cells whose value is known and that have at least one quote passing every evidence rule, all cells)."""
    cells = problem.cells()
    return sum(score.evidenced for score in cells), len(cells)


def issue_record(issue: Issue) -> dict[str, Any]:
    return {
        "file": issue.file,
        "line": issue.line,
        "column": issue.column,
        "path": format_path(issue.path),
        "code": issue.code,
        "message": issue.message,
        "hint": issue.hint,
    }


def check_summary(
    problem: DecisionProblem, *, list_quotes: bool = True, uncited: Uncited | None = None
) -> dict[str, Any]:
    """Everything ``check`` reports, as data."""
    cells = problem.cells()
    evidenced, total = coverage(problem)
    quotes = [
        {
            "cell": _cell_name(score),
            "source": item.source,
            "file": str(problem.sources[item.source].file),
            "line": item.line,
            "end_line": item.end_line,
            "quote": item.quote,
            "in_context": context_text(problem.quote_context(item)),
            "warnings": list(item.warnings),
        }
        for score in cells
        for item in score.evidence
    ]
    rules = problem.evidence_rules
    return {
        "manifest": manifest(problem),
        "alternatives": len(problem.alternatives),
        "criteria": len(problem.criteria),
        "cells": total,
        "quotes_verified": len(quotes),
        "coverage": {"evidenced": evidenced, "cells": total, "fraction": evidenced / total},
        "unsupported": [
            {"cell": _cell_name(s), "value": s.describe(), "rationale": s.rationale} for s in cells if not s.evidenced
        ],
        "unknown": [_cell_name(s) for s in cells if s.kind == "unknown"],
        "unknowns_policy": problem.uncertainty.unknowns,
        "intervals": [_cell_name(s) for s in cells if s.kind == "interval"],
        "weights": {c.id: float(w) for c, w in zip(problem.criteria, problem.normalized_weights, strict=True)},
        "scenarios": list(problem.scenarios),
        "evidence_rules": {
            "min_fragment_words": rules.min_fragment_words,
            "min_quote_words": rules.min_quote_words,
            "max_skips": rules.max_skips,
            "max_skipped_words": rules.max_skipped_words,
            "changed_from_defaults": {k: list(v) for k, v in rules.changed().items()},
        },
        "bodies": {
            source_id: (list(document.body_lines() or ()) or None) for source_id, document in problem.documents.items()
        },
        "warnings": [issue_record(warning) for warning in problem.warnings],
        "accepted": [{**issue_record(issue), "reason": reason} for issue, reason in problem.accepted],
        "uncited": uncited.counts() if uncited is not None else None,
        "quotes": quotes if list_quotes else [],
    }


def check_text(problem: DecisionProblem, *, list_quotes: bool = True, uncited: Uncited | None = None) -> str:
    summary = check_summary(problem, list_quotes=list_quotes, uncited=uncited)
    where = problem.where
    per_source: dict[str, int] = {}
    for score in problem.cells():
        for item in score.evidence:
            per_source[item.source] = per_source.get(item.source, 0) + 1
    cov = summary["coverage"]
    verdict = "OK" if not problem.warnings else f"OK with {len(problem.warnings)} warning(s)"
    out = [
        f"{where}: {verdict} — schema 1, sha256 {(problem.sha256 or '')[:12]}",
        f"  {summary['alternatives']} alternatives × {summary['criteria']} criteria = {summary['cells']} cells; "
        f"{len(problem.sources)} sources; {len(problem.scenarios)} scenarios",
        f"  quotes verified: {sum(per_source.values())} of {sum(per_source.values())}"
        + (" (" + ", ".join(f"{sid}: {n}" for sid, n in per_source.items()) + ")" if per_source else ""),
        f"  evidence coverage: {cov['evidenced']}/{cov['cells']} cells ({cov['fraction']:.0%}) have a known value "
        "and a quote that passes every evidence rule",
    ]
    for source_id, lines in summary["bodies"].items():
        out.append(
            f"  {source_id}: article body "
            + (f"lines {lines[0]}-{lines[1]}" if lines else "not declared (furniture is only warned about)")
        )
    changed = problem.evidence_rules.changed()
    if changed:
        out.append(
            "  evidence rules changed from the defaults: "
            + ", ".join(f"{name} {old or '—'} → {new}" for name, (old, new) in changed.items())
        )
    unsupported = summary["unsupported"]
    out.append(f"  cells without evidence that passes every rule: {len(unsupported)}")
    out += [f"    - {u['cell']} = {u['value']}: {_shorten(u['rationale'] or '')}" for u in unsupported]
    policy = UNKNOWN_POLICY_WORDS[problem.uncertainty.unknowns]
    out.append(f"  unknown cells ({policy.removeprefix('unknown cells ')}): {', '.join(summary['unknown']) or 'none'}")
    out.append(f"  interval cells (ranked on their midpoint): {', '.join(summary['intervals']) or 'none'}")
    out.append("  normalised weights: " + ", ".join(f"{c} {w:.3f}" for c, w in summary["weights"].items()))
    if uncited is not None:
        counts = uncited.counts()
        out.append(
            f"  uncited passages that name an alternative: {sum(counts.values())} ("
            + ", ".join(f"{name} {count}" for name, count in counts.items())
            + ") — `exile-model uncited` lists them"
        )
    if problem.warnings:
        out.append(f"  warnings: {len(problem.warnings)}")
        for warning in problem.warnings:
            out += ["    " + line for line in str(warning).splitlines()]
    if problem.accepted:
        out.append(f"  warnings accepted by their cell, with the analyst's reason: {len(problem.accepted)}")
        for issue, reason in problem.accepted:
            cell = ".".join(str(p) for p in issue.path[1:3])
            out.append(f"    - {cell} [{issue.code}]: {_shorten(reason, 200)}")
    if list_quotes and summary["quotes"]:
        out.append("  verified quotes (cell, source:line), each in its sentence («quoted», ⟨skipped⟩):")
        for quote in summary["quotes"]:
            lines = f"{quote['line']}" if quote["line"] == quote["end_line"] else f"{quote['line']}-{quote['end_line']}"
            out.append(f"    - {quote['cell']}  {quote['source']}:{lines}")
            out.append(f"        {quote['in_context'] or _shorten(quote['quote'], 200)}")
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
                "evidenced": score.evidenced,
                "accepted": [{"code": code, "reason": reason} for code, reason in score.accepted],
                "evidence": [
                    {
                        "source": item.source,
                        "file": str(problem.sources[item.source].file),
                        "line": item.line,
                        "end_line": item.end_line,
                        "quote": item.quote,
                        "in_context": context_text(problem.quote_context(item)),
                        "in_context_markdown": context_text(problem.quote_context(item), "markdown"),
                        "warnings": list(item.warnings),
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
            out += [
                f"### {markdown_escape(head)}",
                "",
                f"- **value:** {markdown_escape(record['value'])}",
                f"- **confidence:** {confidence}",
            ]
            out.append(f"- **rationale:** {markdown_escape(record['rationale'] or '—')}")
            for item in record["evidence"]:
                context = item["in_context_markdown"] or markdown_escape(item["quote"])
                out.append(f"- {context} — `{item['source']}` (line {item['line']})")
            for accepted in record["accepted"]:
                out.append(f"- **accepted warning** `{accepted['code']}`: {markdown_escape(accepted['reason'])}")
            if not record["evidence"]:
                out.append("- **evidence:** none (rationale only)")
            out.append("")
            continue
        out += [head, f"  value: {record['value']}    confidence: {confidence}"]
        out.append(f"  rationale: {record['rationale'] or '—'}")
        if not record["evidence"]:
            out.append("  evidence: none (rationale only)")
        for item in record["evidence"]:
            lines = f"{item['line']}" if item["line"] == item["end_line"] else f"{item['line']}-{item['end_line']}"
            out.append(f"  [{item['source']} {item['file']}:{lines}]")
            out.append(f"    {item['in_context'] or ' '.join(item['quote'].split())}")
            if item["warnings"]:
                out.append(f"    warnings: {', '.join(item['warnings'])}")
        for accepted in record["accepted"]:
            out.append(f"  accepted warning [{accepted['code']}]: {' '.join(accepted['reason'].split())}")
        out.append("")
    return "\n".join(out)


def render_evidence(problem: DecisionProblem, cells: Sequence[Score], fmt: str) -> str:
    if fmt == "json":
        payload = {"manifest": manifest(problem), "cells": evidence_records(problem, cells)}
        return json_text(payload)
    return evidence_text(problem, cells, markdown=fmt == "markdown")


# ----- uncited ----------------------------------------------------------------------------
def render_uncited(problem: DecisionProblem, result: Uncited, fmt: str) -> str:
    """The passages about each alternative that no quote cites, grouped by alternative."""
    if fmt == "json":
        return json_text({"manifest": manifest(problem), **result.to_dict()})
    markdown = fmt == "markdown"
    counts = result.counts()
    out: list[str] = []
    title = "Passages that name an alternative and that no quote cites"
    out += [f"## {title}", ""] if markdown else [title, ""]
    for alternative in result.alternatives:
        passages = result.of(alternative)
        head = f"{alternative}: {counts[alternative]} uncited passage{'s' if counts[alternative] != 1 else ''}"
        out += [f"### {markdown_escape(head)}", ""] if markdown else [head]
        for passage in passages:
            where = f"{passage.source}:{passage.line}" + (
                f"-{passage.end_line}" if passage.end_line != passage.line else ""
            )
            names = ", ".join(passage.names)
            if markdown:
                out.append(f"- `{where}` (names: {markdown_escape(names)}): {markdown_escape(passage.text)}")
            else:
                out += [f"  - {where} (names: {names})", f"      {passage.text}"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
