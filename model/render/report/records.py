"""The report's records: the evidence table (each quote in its sentence), the passages no quote
cites, the sources and the run manifest (the last two close the page). Criteria appear by label.
Renders; never computes. May import the core, :mod:`model.analysis` (for typing),
:mod:`model.render.common` and :mod:`.format`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from model.problem import DecisionProblem
from model.render.common import context_text
from model.render.report.format import e, section, table

if TYPE_CHECKING:
    from model.analysis.uncited import Uncited


def evidence(problem: DecisionProblem) -> str:
    rows = []
    for cell in problem.cells():
        quotes = "".join(
            f"<blockquote>{context_text(problem.quote_context(item), 'html') or e(' '.join(item.quote.split()))}"
            f'<br><small class="where">{e(item.source)} · {e(problem.sources[item.source].file)}, '
            f"line {e(item.line)}</small>"
            "</blockquote>"
            for item in cell.evidence
        )
        quotes += "".join(
            f"<p><small>accepted warning <code>{e(code)}</code>: {e(reason)}</small></p>"
            for code, reason in cell.accepted
        )
        rows.append(
            [
                e(cell.alternative),
                e(problem.criterion(cell.criterion).label),
                e(cell.describe()),
                e(cell.confidence or "—"),
                (quotes or "<em>no evidence: rationale only</em>") + f"<p>{e(cell.rationale or '')}</p>",
            ]
        )
    body = (
        "<p>Each quote is shown in its sentence: the quoted words <mark>highlighted</mark>, the words a "
        "'...' skips <del>struck through</del>.</p>"
        + table(
            ["alternative", "criterion", "value", "confidence", "quotes (verified, with line) and rationale"],
            rows,
            classes="evidence",
        )
    )
    return section("evidence", "Evidence", body)


def uncited(result: Uncited) -> str:
    rows = [[e(p.alternative), f"{e(p.source)}:{p.line}", e(", ".join(p.names)), e(p.text)] for p in result.passages]
    counts = ", ".join(f"{e(name)} {count}" for name, count in result.counts().items())
    body = (
        f"<p>Paragraphs of the articles that name an alternative and that no score cites ({counts}): "
        "the evidence a reviewer may want weighed.</p>"
        + table(["alternative", "source:line", "names", "passage"], rows, classes="evidence")
    )
    return section("uncited", "Passages no quote cites", body)


def sources(problem: DecisionProblem) -> str:
    rows = [
        [
            e(s.id),
            e(s.title),
            e(s.publisher or "not stated"),
            e(s.date.isoformat() if s.date else "not stated"),
            f'<span class="where">{e(s.file)}</span>',
            f'<code class="hash">{e(s.sha256 or "")}</code>',
        ]
        for s in problem.sources.values()
    ]
    return section("sources", "Sources", table(["id", "title", "publisher", "date", "file", "sha256"], rows))


def manifest(info: dict[str, Any], samples: int, when: str) -> str:
    rows = [
        ["input file", e(info["file"] or "<text>")],
        ["input sha256", f'<code class="hash">{e(info["sha256"])}</code>'],
        ["engine", e(f"{info['engine']} {info['version']}")],
        ["method", e(info["method"])],
        ["unknown cells", e(info["unknowns"])],
        ["weights", e(" + ".join(info["weights_from"]))],
        ["SMAA seed", e(info["seed"])],
        ["SMAA samples", e(f"{samples:,}")],
        ["generated", e(when)],
    ]
    return section("manifest", "Run manifest", table(["", ""], rows))
