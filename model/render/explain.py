"""Render explain, scenario comparison and model diff for people (text or Markdown) and scripts (JSON).

May import the core, :mod:`model.analysis` (for typing) and :mod:`.common`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from model.problem import DecisionProblem
from model.render.common import Table, json_text, manifest, manifest_line

if TYPE_CHECKING:
    from model.analysis.explain import Explanation, ModelDiff, ScenarioComparison


def _f(value: float | None, digits: int = 3, sign: bool = False) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _table(table: Table, markdown: bool) -> str:
    return table.markdown() if markdown else table.text("  ")


def _heading(text: str, markdown: bool, level: int = 3) -> str:
    return f"{'#' * level} {text}" if markdown else text


# ----- explain ----------------------------------------------------------------------------------------
def explain_text(explanation: Explanation, problem: DecisionProblem, *, markdown: bool = False) -> str:
    e = explanation
    place = "first" if e.ahead else f"{_ordinal(e.rank)}"
    relation = "leads" if e.gap > 0 else "trails" if e.gap < 0 else "ties with"
    out = [
        _heading(f"Why {e.alternative} ranks {place}", markdown, 2),
        "",
        f"{e.alternative} ({_f(e.score)}) {relation} {e.rival} ({_f(e.rival_score)}, rank {e.rival_rank}) "
        f"by {_f(abs(e.gap))}.",
    ]
    if e.decisive:
        out.append(
            f"Decisive: {', '.join(e.decisive)} — were the two level on every other criterion, the order would stand."
        )
    out += [*(f"note: {note}" for note in e.notes), ""]
    rows = [
        [
            d.criterion,
            _f(d.weight),
            _f(d.value, 2),
            _f(d.rival_value, 2),
            _f(d.contribution),
            _f(d.rival_contribution),
            _f(d.difference, sign=True),
            ("decisive" if d.decisive else "") + (", pivotal" if d.pivotal else ""),
        ]
        for d in e.criteria
    ]
    headers = ["criterion", "weight", e.alternative, e.rival, "contribution", "rival's", "difference", ""]
    out += [
        _heading("Contributions against the rival", markdown),
        _table(Table(headers, rows, [False] + [True] * 6 + [False]), markdown),
        "",
    ]
    rows = [
        [t.criterion, _f(t.current), _f(t.weight), _f(t.raw_weight, 1), t.direction or "—"]
        for t in e.weight_thresholds
        if t.swaps
    ]
    out.append(
        _heading(f"Weight changes that swap {e.alternative} and {e.rival} (others rescaled proportionally)", markdown)
    )
    out.append(
        _table(
            Table(
                ["criterion", "weight now", "swaps at", "raw (--weight)", "direction"],
                rows,
                [False, True, True, True, False],
            ),
            markdown,
        )
        if rows
        else "  none: no single weight change swaps them"
    )
    rows = [
        [f"{t.alternative}.{t.criterion}", t.kind, _f(t.value, 2), _f(t.change, 2, sign=True), _f(t.new_value, 2)]
        for t in e.score_thresholds
        if t.within_scale
    ]
    out += ["", _heading("Single score changes that swap them (within the scale)", markdown)]
    out.append(
        _table(
            Table(["cell", "kind", "value", "change", "new value"], rows, [False, False, True, True, True]), markdown
        )
        if rows
        else "  none: no single score change within its scale swaps them"
    )
    out += ["", _heading("Evidence behind the decisive cells", markdown)]
    for cell in e.evidence:
        out.append(f"{cell.alternative}.{cell.criterion} = {cell.value} (confidence {cell.confidence or 'n/a'})")
        if cell.rationale:
            out.append(f"  rationale: {' '.join(cell.rationale.split())}")
        out += [f"  “{' '.join(q.quote.split())}” — {q.source}, {q.file}:{q.line}" for q in cell.quotes]
        if not cell.quotes:
            out.append("  no quote: rationale only")
    out += [
        "",
        manifest_line(problem),
    ]
    return "\n".join(out) + "\n"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def explain_json(explanation: Explanation, problem: DecisionProblem) -> str:
    return json_text({"manifest": manifest(problem), **explanation.to_dict()})


# ----- compare scenarios ------------------------------------------------------------------------------
def compare_text(comparison: ScenarioComparison, problem: DecisionProblem, *, markdown: bool = False) -> str:
    c = comparison
    headers = ["alternative"] + [f"{s}" for s in c.scenarios]
    rows = [
        [alt, *[f"{c.ranks[s, a]} ({_f(float(c.scores[s, a]))})" for s in range(len(c.scenarios))]]
        for a, alt in enumerate(c.alternatives)
    ]
    weight_rows = [
        [crit, *[_f(float(c.weights[s, j])) for s in range(len(c.scenarios))]] for j, crit in enumerate(c.criteria)
    ]
    out = [
        _heading(f"Scenarios side by side: {problem.question or problem.title}", markdown, 2),
        "",
        _heading("Rank (score)", markdown),
        _table(Table(headers, rows, [False] + [True] * len(c.scenarios)), markdown),
        "",
        _heading("Normalised weights", markdown),
        _table(Table(["criterion", *c.scenarios], weight_rows, [False] + [True] * len(c.scenarios)), markdown),
        "",
    ]
    if not c.moves:
        out.append("No rank changes: every scenario gives the base ranking.")
    else:
        out.append(_heading("Rank changes and the weight changes that caused them", markdown))
        for move in c.moves:
            verb = "rises" if move.rank_change > 0 else "falls"
            drivers = ", ".join(f"{crit} {part:+.3f}" for crit, part in move.drivers[:3])
            others = move.passed if move.rank_change > 0 else move.passed_by
            past = f" ({'passes' if move.rank_change > 0 else 'passed by'} {', '.join(others)})" if others else ""
            out.append(
                f"- {move.scenario}: {move.alternative} {verb} {move.rank_before} → {move.rank_after}{past}; "
                f"driven by {drivers or '—'}"
            )
    if c.exact:
        out.append(
            "\nEach score change splits exactly into per-criterion parts (Δ = Σ_j (w'_j − w_j) v_j); "
            "--format json lists them all."
        )
    out += [f"note: {note}" for note in c.notes]
    return "\n".join(out) + "\n"


def compare_json(comparison: ScenarioComparison, problem: DecisionProblem) -> str:
    return json_text({"manifest": manifest(problem), **comparison.to_dict()})


# ----- diff -------------------------------------------------------------------------------------------
def diff_text(model_diff: ModelDiff, old: DecisionProblem, new: DecisionProblem, *, markdown: bool = False) -> str:
    d = model_diff
    out = [
        _heading(f"What changed: {old.where} → {new.where}", markdown, 2),
        f"sha256 {(old.sha256 or '')[:12]} → {(new.sha256 or '')[:12]}",
        "",
    ]
    if d.empty:
        out.append("No changes that affect the model.")
        return "\n".join(out) + "\n"
    rows = [[c.kind, c.subject, _value(c.before), _value(c.after), c.detail] for c in d.changes]
    out += [
        _heading(f"{len(d.changes)} change{'s' if len(d.changes) != 1 else ''}", markdown),
        _table(Table(["kind", "subject", "before", "after", "detail"], rows, [False] * 5), markdown),
        "",
    ]
    rows = [
        [
            m.alternative,
            f"{m.rank_before} → {m.rank_after}",
            f"{_f(m.score_before)} → {_f(m.score_after)}",
            _f(m.score_change, sign=True),
            _f(m.weight_part, sign=True),
            _f(m.score_part, sign=True),
        ]
        for m in d.movements
    ]
    headers = ["alternative", "rank", "score", "change", "from weights", "from scores"]
    out += [_heading("How the ranking moved", markdown), _table(Table(headers, rows, [False] + [True] * 5), markdown)]
    if d.exact:
        out.append(
            "Each change splits exactly: Σ_j (w'_j − w_j) v_j from the weights + Σ_j w'_j (v'_j − v_j) from the "
            "scores; --format json lists every part."
        )
    out += [f"note: {note}" for note in d.notes]
    return "\n".join(out) + "\n"


def _value(value: object) -> str:
    if isinstance(value, float):
        return _f(value)
    if value is None:
        return "—"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def diff_json(model_diff: ModelDiff, old: DecisionProblem, new: DecisionProblem) -> str:
    return json_text({"old": manifest(old), "new": manifest(new), **model_diff.to_dict()})
