"""Render the weight elicitations and the method comparison. Renders; never computes.

May import the core, :mod:`model.weighting`, :mod:`model.analysis` (for typing) and
:mod:`.common`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from model.problem import DecisionProblem
from model.render.common import Table, json_text, manifest, manifest_line
from model.weighting.elicitation import consistency_rule

if TYPE_CHECKING:
    from model.analysis.method_comparison import MethodComparison
    from model.weighting.elicitation import ElicitationResult, GroupWeights


def _f(value: float, digits: int = 3) -> str:
    return "—" if not math.isfinite(value) else f"{value:.{digits}f}"


def _ahp_lines(found: ElicitationResult, criteria: tuple[str, ...]) -> list[str]:
    result = found.ahp
    if result is None:
        return []
    ri = "—" if result.ri is None else f"{result.ri:.4f}"
    cr = "—" if result.cr is None else f"{result.cr:.4f}"
    lines = [
        f"    AHP ({'principal eigenvector' if result.method == 'eigenvector' else 'row geometric mean'}): "
        f"λmax {result.lambda_max:.4f}, CI {result.ci:.4f}, RI {ri}, CR {cr}, GCI {result.gci:.4f} — "
        f"{'consistent' if result.consistent else 'NOT consistent'} ({consistency_rule(result)})"
    ]
    if not result.consistent and result.most_inconsistent is not None and result.suggested is not None:
        i, j = result.most_inconsistent
        lines.append(
            f"    least consistent judgement: {criteria[i]} vs {criteria[j]} = {result.matrix[i, j]:.3g}; "
            f"{result.suggested:.3g} (Saaty scale: {_saaty(result.suggested_saaty)}) would fit the other judgements"
        )
    lines += [f"    note: {note}" for note in result.notes]
    return lines


def _saaty(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if value >= 1 else f"1/{1 / value:g}"


def weights_text(
    problem: DecisionProblem,
    weighting: ElicitationResult | None,
    group: GroupWeights | None,
) -> str:
    """Each elicitation's weights, its consistency figures, the group aggregate and its spread."""
    criteria = problem.criterion_ids
    out = [
        f"Weights: {problem.question or problem.title}",
        f"{problem.where} · sha256 {(problem.sha256 or '')[:12]}",
        "",
    ]
    columns: list[tuple[str, list[float]]] = []
    if weighting is not None:
        out.append(f"weighting ({weighting.kind}):")
        out += _ahp_lines(weighting, criteria)
        out += [f"    note: {note}" for note in weighting.notes if weighting.ahp is None]
        columns.append((f"weighting ({weighting.kind})", list(weighting.weights)))
    if group is not None:
        for name, found in group.individual.items():
            out.append(f"analyst {name} ({found.kind}):")
            out += _ahp_lines(found, criteria)
            out += [f"    note: {note}" for note in found.notes if found.ahp is None]
            columns.append((name, list(found.weights)))
        columns.append(("group", list(group.weights)))
        out.append(f"group rule: {group.rule}")
        if group.ahp is not None:
            out += _ahp_lines_for_group(group, criteria)
    columns.append(("used (normalised)", list(problem.normalized_weights)))
    headers = ["criterion", *[name for name, _ in columns]]
    rows = [[c, *[_f(values[j]) for _, values in columns]] for j, c in enumerate(criteria)]
    if group is not None and group.individual:
        spread = group.spread
        headers += ["min", "max", "std"]
        for j, row in enumerate(rows):
            row += [_f(spread[j, 0]), _f(spread[j, 1]), _f(spread[j, 2])]
    out += ["", Table(headers, rows, [False] + [True] * (len(headers) - 1)).text("  ")]
    if weighting is None and group is None:
        out.append("  (direct weights from each criterion's 'weight:')")
    used = {
        "weighting": "the weighting block's weights",
        "analysts": "the analysts' group weights",
    }.get(problem.weight_source, "the criteria's own weights")
    tail = "; each analyst is also a scenario (--scenario analyst:NAME), and so is the group (analysts:group)"
    out.append(f"\nthe ranking uses {used}" + (tail if group is not None else ""))
    return "\n".join(out) + "\n"


def _ahp_lines_for_group(group: GroupWeights, criteria: tuple[str, ...]) -> list[str]:
    from model.weighting.elicitation import ElicitationResult

    return _ahp_lines(ElicitationResult("ahp", criteria, group.weights, group.ahp), criteria)


def weights_json(problem: DecisionProblem, weighting: ElicitationResult | None, group: GroupWeights | None) -> str:
    payload: dict[str, Any] = {
        "manifest": manifest(problem),
        "used": {c: float(w) for c, w in zip(problem.criterion_ids, problem.normalized_weights, strict=True)},
        "weighting": None,
        "group": group.to_dict() if group is not None else None,
    }
    if weighting is not None:
        payload["weighting"] = {
            "kind": weighting.kind,
            "weights": weighting.as_dict(),
            "ahp": weighting.ahp.to_dict() if weighting.ahp is not None else None,
        }
    if group is not None:
        payload["group"]["analysts_ahp"] = {
            name: found.ahp.to_dict() for name, found in group.individual.items() if found.ahp is not None
        }
        payload["group"]["ahp"] = group.ahp.to_dict() if group.ahp is not None else None
    return json_text(payload)


def comparison_text(comparison: MethodComparison, problem: DecisionProblem, *, markdown: bool = False) -> str:
    """Every method's rank of every alternative, rank correlations, and a line on first-place agreement."""
    methods = comparison.methods
    ranks = comparison.ranks
    rows = [[alt, *[str(ranks[i, k]) for k in range(len(methods))]] for i, alt in enumerate(comparison.alternatives)]
    table = Table(["alternative", *methods], rows, [False] + [True] * len(methods))
    kendall, spearman = comparison.kendall, comparison.spearman
    corr_rows = [
        [a, *[("" if i == j else f"{_f(kendall[i, j], 2)} / {_f(spearman[i, j], 2)}") for j in range(len(methods))]]
        for i, a in enumerate(methods)
    ]
    corr = Table(["τ-b / ρ", *methods], corr_rows, [False] + [True] * len(methods))
    firsts = comparison.first
    if comparison.agree_on_first:
        verdict = f"All {len(methods)} methods put {', '.join(next(iter(firsts.values())))} first."
    else:
        parts = "; ".join(f"{m}: {', '.join(w)}" for m, w in firsts.items())
        verdict = f"The methods DISAGREE on first place — {parts}."
    head = f"Method comparison: {problem.question or problem.title}"
    lines = [
        f"## {head}" if markdown else head,
        "",
        verdict,
        "",
        table.markdown() if markdown else table.text("  "),
        "",
        "Rank correlations between methods (Kendall's τ-b / Spearman's ρ):",
        corr.markdown() if markdown else corr.text("  "),
    ]
    for name, reason in comparison.refused.items():
        lines.append(f"not ranked by {name}: {reason}")
    lines.append(manifest_line(problem))
    return "\n".join(lines) + "\n"


def comparison_json(comparison: MethodComparison, problem: DecisionProblem) -> str:
    payload = {"manifest": manifest(problem), **comparison.to_dict()}
    return json_text(payload)
