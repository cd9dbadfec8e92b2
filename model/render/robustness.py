"""Render the robustness analyses (sensitivity, SMAA) and the plain-language verdict.

Renders; never computes: every figure comes from a result object of :mod:`model.analysis.sensitivity`
or :mod:`model.analysis.smaa`. Like the other renderers, every rendering carries a manifest.

May import numpy, the core, :mod:`model.analysis` (for typing) and :mod:`.common`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from model.problem import DecisionProblem
from model.render.common import Table, json_text, manifest, manifest_line, weight_origin

if TYPE_CHECKING:
    from model.analysis.sensitivity import SensitivityReport, StabilityIntervals
    from model.analysis.smaa import DecisionDrivers, SmaaResult

END_TOLERANCE = 1e-9


def _pct(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{100 * value:.1f}%"


def _se(value: float, *, percent: bool = True) -> str:
    """A standard error with enough digits to be non-zero (two significant figures)."""
    if not math.isfinite(value):
        return "—"
    scaled = 100 * value if percent else value
    digits = max(1, 1 - math.floor(math.log10(scaled))) if scaled > 0 else 1
    return f"{scaled:.{digits}f}" + ("%" if percent else "")


def _num(value: float, digits: int = 3) -> str:
    if not math.isfinite(value):
        return "—"
    return f"{value:.{digits}f}"


def _section(title: str, body: str, markdown: bool) -> str:
    return f"### {title}\n\n{body}\n" if markdown else f"{title}\n{body}\n"


def _table(table: Table, markdown: bool) -> str:
    return table.markdown() if markdown else table.text("  ")


def _header(problem: DecisionProblem, what: str, markdown: bool, extra: str = "", seed: int | None = None) -> str:
    title = problem.question or problem.title
    weights = ", ".join(f"{c} {w:.3f}" for c, w in zip(problem.criterion_ids, problem.normalized_weights, strict=True))
    lines = [
        f"{what}: {title}",
        f"weights: {' + '.join(weight_origin(problem))} → {weights}",
        manifest_line(problem, seed=seed, extra=extra),
    ]
    if markdown:
        return f"## {lines[0]}\n\n" + "  \n".join(lines[1:]) + "\n"
    return "\n".join(lines) + "\n"


# ----- sensitivity ----------------------------------------------------------------------------
def sensitivity_text(
    report: SensitivityReport, problem: DecisionProblem, *, markdown: bool = False, top: int = 12
) -> str:
    """The deterministic sensitivity analyses of the additive model, for people."""
    out = [_header(problem, "Sensitivity", markdown, "exact (no sampling)")]
    stability = report.stability
    rows = [
        [
            crit,
            _num(stability.current[j]),
            f"[{_num(stability.top[j, 0])}, {_num(stability.top[j, 1])}]",
            f"[{_num(stability.ranking[j, 0])}, {_num(stability.ranking[j, 1])}]",
        ]
        for j, crit in enumerate(stability.criteria)
    ]
    out.append(
        _section(
            f"Stability intervals (Mareschal 1988) — {stability.winner} stays first while the weight stays in "
            "the first interval; the whole ranking holds in the second (others rescaled proportionally)",
            _table(
                Table(
                    ["criterion", "weight", "winner stays first", "ranking unchanged"], rows, [False, True, True, True]
                ),
                markdown,
            ),
            markdown,
        )
    )
    # a "crossing" exactly at weight 0 or 1 is only a tie at the end of the range, not an overtaking
    crossings = [c for c in report.sweeps.crossovers if END_TOLERANCE < c.weight < 1 - END_TOLERANCE]
    rows = [[c.criterion, _num(c.weight), c.gainer, c.loser] for c in crossings]
    out.append(
        _section(
            "Walking weights — exact crossovers: as the criterion's weight rises past the value, the first "
            "alternative overtakes the second",
            _table(
                Table(["criterion", "weight", "overtakes", "overtaken"], rows, [False, True, False, False]), markdown
            )
            if rows
            else "  none: no two alternatives swap for any single weight in [0, 1]",
            markdown,
        )
    )
    critical = report.critical
    lines = []
    for name, found in (("percent-top", critical.percent_top), ("percent-any", critical.percent_any)):
        if found is None:
            lines.append(f"  {name}: no single weight change can do it")
        else:
            crit, delta, relative = found
            current = stability.current[stability.criteria.index(crit)]
            # Triantaphyllou & Sánchez's delta is subtracted: the new weight is W - delta, renormalised afterwards
            verb = "lowering" if delta > 0 else "raising"
            lines.append(
                f"  {name} critical criterion: {crit} — {verb} its weight by {abs(relative):.1f}% "
                f"({current:.3f} → {current - delta:.3f} before renormalising)"
            )
    rows = [
        [crit, ("—" if not math.isfinite(d) else f"{d:.1f}%"), _num(s, 4)]
        for crit, d, s in zip(stability.criteria, critical.criticality, critical.sensitivity, strict=True)
    ]
    body = (
        "\n".join(lines)
        + "\n"
        + _table(
            Table(["criterion", "criticality degree", "sensitivity coefficient"], rows, [False, True, True]), markdown
        )
    )
    out.append(_section("Critical criteria (Triantaphyllou & Sánchez 1997)", body, markdown))
    change = report.min_change
    rows = []
    for i, alt in enumerate(change.alternatives):
        if alt == change.winner:
            continue
        distance = change.distances[i]
        target = (
            ", ".join(f"{c} {w:.3f}" for c, w in zip(change.criteria, change.weights[i], strict=True))
            if math.isfinite(distance)
            else "impossible"
        )
        rows.append([alt, _num(distance), target])
    out.append(
        _section(
            "Smallest total weight change (L1, Wolters & Mareschal 1995) that puts each alternative first",
            _table(Table(["alternative", "change", "weights that do it"], rows, [False, True, False]), markdown),
            markdown,
        )
    )
    if report.ordinal is not None:
        ordinal = report.ordinal
        rows = [
            [
                alt,
                "yes" if ordinal.potentially_optimal[i] else "no",
                ", ".join(b for k, b in enumerate(ordinal.alternatives) if ordinal.dominates[i, k]) or "—",
            ]
            for i, alt in enumerate(ordinal.alternatives)
        ]
        out.append(
            _section(
                "Ordinal weights " + " ≥ ".join(ordinal.order) + " — exact, over every consistent weight vector",
                _table(Table(["alternative", "can be first", "always beats"], rows, [False, False, False]), markdown),
                markdown,
            )
        )
    if report.scores is None or report.tornado is None:
        out.append(
            _section(
                "Score sensitivity and tornado",
                "  not available: a value function bends a criterion's score-to-value line "
                "(the weight analyses above use it)",
                markdown,
            )
        )
        return "\n".join(out)
    cells = report.scores
    critical_cells = sorted(zip(*np.nonzero(cells.critical), strict=True), key=lambda ik: abs(cells.change_to_top[ik]))
    rows = [
        [
            f"{cells.alternatives[i]}.{cells.criteria[k]}",
            _num(float(cells.values[i, k]), 2),
            f"{cells.change_to_top[i, k]:+.2f}",
            "weakest evidence" if cells.weakest[i, k] else "",
        ]
        for i, k in critical_cells[:top]
    ]
    out.append(
        _section(
            f"Score cells that can change the winner on their own ({len(critical_cells)} of {cells.critical.size}; "
            "smallest change first)",
            _table(Table(["cell", "value", "change needed", ""], rows, [False, True, True, False]), markdown)
            if rows
            else f"  none: no single score change within its scale dethrones {cells.winner}",
            markdown,
        )
    )
    tornado = report.tornado
    bars = sorted(tornado.bars, key=lambda bar: -bar.swing)
    rows = [
        [
            f"weight {bar.criterion}" if bar.input == "weight" else f"{bar.alternative}.{bar.criterion}",
            f"[{_num(bar.low, 3)}, {_num(bar.high, 3)}]",
            f"{bar.margin_at_low:+.3f}",
            f"{bar.margin_at_high:+.3f}",
            _num(bar.swing),
            f"flips at {bar.flip_value:.3f}" if bar.flips else "",
        ]
        for bar in bars[:top]
    ]
    out.append(
        _section(
            f"Tornado — {tornado.winner}'s lead over the best other ({tornado.margin:+.3f}); weights swung "
            f"±{100 * tornado.weight_range:.0f}%, scores over their ranges",
            _table(
                Table(
                    ["input", "range", "lead at low", "lead at high", "swing", ""],
                    rows,
                    [False, True, True, True, True, False],
                ),
                markdown,
            ),
            markdown,
        )
    )
    return "\n".join(out)


def sensitivity_json(report: SensitivityReport, problem: DecisionProblem) -> str:
    payload: dict[str, Any] = {"manifest": manifest(problem)}
    for name in ("sweeps", "stability", "critical", "min_change", "ordinal", "scores", "tornado"):
        part = getattr(report, name)
        payload[name] = None if part is None else part.to_dict()
    return json_text(payload)


# ----- SMAA -----------------------------------------------------------------------------------
def smaa_text(
    result: SmaaResult,
    problem: DecisionProblem,
    *,
    drivers: DecisionDrivers | None = None,
    verdict_text: str | None = None,
    markdown: bool = False,
    top: int = 10,
) -> str:
    extra = f"{result.samples:,} draws · weights {result.weights_mode} · scores {result.scores_mode}"
    out = [_header(problem, "SMAA-2", markdown, extra, seed=result.seed)]
    if verdict_text:
        out.append(_section("Verdict", ("" if markdown else "  ") + verdict_text, markdown))
    m = len(result.alternatives)
    order = np.argsort(-result.first_rank, kind="stable")
    confidence = "confidence" in result.extras  # an extra left out (library calls) gets no column or table
    rows = [
        [
            result.alternatives[i],
            f"{_pct(result.first_rank[i])} ± {_se(result.rank_acceptability_se[i, 0])}",
            f"{_num(result.holistic[i])} ± {_se(result.holistic_se[i], percent=False)}",
            *([f"{_num(result.confidence[i])} ± {_se(result.confidence_se[i], percent=False)}"] if confidence else []),
            *[_pct(result.rank_acceptability[i, r]) for r in range(m)],
        ]
        for i in order
    ]
    headers = [
        "alternative",
        "first (± s.e.)",
        "holistic (± s.e.)",
        *(["confidence (± s.e.)"] if confidence else []),
        *[f"rank {r + 1}" for r in range(m)],
    ]
    meta = ", ".join(f"{a:.2f}" for a in result.meta_weights)
    out.append(
        _section(
            "Rank acceptability (share of draws with each rank), holistic acceptability (meta-weights "
            f"{meta})" + (", confidence factors" if confidence else ""),
            _table(Table(headers, rows, [False] + [True] * (len(headers) - 1)), markdown),
            markdown,
        )
    )
    rows = [
        [result.alternatives[i], *[_num(w) for w in result.central_weights[i]]]
        for i in order
        if np.all(np.isfinite(result.central_weights[i]))
    ]
    if "central_weights" in result.extras:
        criteria = Table(["alternative", *result.criteria], rows, [False] + [True] * len(result.criteria))
        out.append(
            _section(
                "Central weights (the typical weights that make each alternative first)",
                _table(criteria, markdown),
                markdown,
            )
        )
    rows = [
        [result.alternatives[i], *[("" if i == k else _pct(result.pairwise_winning[i, k])) for k in order]]
        for i in order
    ]
    if "pairwise" in result.extras:
        out.append(
            _section(
                "Pairwise winning indices (row beats column)",
                _table(Table(["", *[result.alternatives[k] for k in order]], rows, [False] + [True] * m), markdown),
                markdown,
            )
        )
    if drivers is not None:
        impact = drivers.impact
        rows = [
            [
                f"{drivers.alternatives[c]}.{drivers.criteria[c]}",
                f"[{_num(float(drivers.low[c]), 2)}, {_num(float(drivers.high[c]), 2)}]",
                _pct(float(drivers.first_if_low[c])),
                _pct(float(drivers.first_if_high[c])),
                f"{100 * impact[c]:.1f} pts",
            ]
            for c in np.argsort(-impact, kind="stable")[:top]
        ]
        out.append(
            _section(
                f"What would change the decision — {drivers.winner}'s first-rank acceptability "
                f"({_pct(drivers.base)}, {drivers.samples:,} draws, seed {drivers.seed}) if one uncertain cell "
                "were pinned at either end",
                _table(
                    Table(["cell", "range", "if low", "if high", "impact"], rows, [False, True, True, True, True]),
                    markdown,
                )
                if rows
                else "  no uncertain cells",
                markdown,
            )
        )
    return "\n".join(out)


def smaa_json(
    result: SmaaResult,
    problem: DecisionProblem,
    *,
    drivers: DecisionDrivers | None = None,
    verdict_text: str | None = None,
) -> str:
    info = manifest(problem, seed=result.seed)
    info.update(samples=result.samples, weights_mode=result.weights_mode, scores_mode=result.scores_mode)
    payload = {
        "manifest": info,
        "verdict": verdict_text,
        "smaa": result.to_dict(),
        "drivers": drivers.to_dict() if drivers is not None else None,
    }
    return json_text(payload)


# ----- verdict --------------------------------------------------------------------------------
def _cell_words(problem: DecisionProblem, alternative: str, criterion: str) -> str:
    score = problem.scores[(alternative, criterion)]
    label = problem.criterion(criterion).label.lower()
    if score.kind == "unknown":
        return f"the unknown {label} of {alternative}"
    if score.kind == "interval":
        return f"the uncertain {label} of {alternative} (only bracketed, {score.describe()})"
    confidence = f"{score.confidence}-confidence " if score.confidence in ("low", "medium") else ""
    return f"the {confidence}{label} score of {alternative} ({score.describe()})"


def verdict(
    problem: DecisionProblem,
    result: SmaaResult,
    stability: StabilityIntervals,
    drivers: DecisionDrivers | None = None,
) -> str:
    """One plain-language paragraph: who wins how often, what would dethrone it, what it rests on."""
    order = np.argsort(-result.first_rank, kind="stable")
    best = int(order[0])
    name = result.alternatives[best]
    share = result.first_rank[best]
    if result.weights_mode == "ordinal":
        spread = "weightings consistent with " + " ≥ ".join(problem.uncertainty.weight_order)
    elif result.weights_mode == "around":
        spread = f"weightings within ±{100 * problem.uncertainty.weight_spread:.0f}% of the analyst's"
    else:
        spread = "all possible weightings of the criteria"
    scores = "every score drawn within its evidence range" if result.scores_mode == "uncertain" else "scores fixed"
    text = (
        f"{name} is first in {_pct(share)} ± {_se(result.rank_acceptability_se[best, 0])} (s.e.) of "
        f"{result.samples:,} draws over {spread}, with {scores}"
    )
    if len(order) > 1:
        second = int(order[1])
        text += f"; the nearest rival, {result.alternatives[second]}, in {_pct(result.first_rank[second])}"
    text += ". "
    if stability.winner != name:
        text += f"At the analyst's own weights, however, {stability.winner} ranks first. "
    fragile = _most_fragile(stability)
    if fragile is None:
        text += f"No single weight change from the analyst's weights, however large, dethrones {stability.winner}. "
    else:
        criterion, bound, side = fragile
        label = problem.criterion(criterion).label.lower()
        verb = "falls below" if side == "low" else "rises above"
        text += (
            f"Moving one weight at a time from the analyst's weights, {stability.winner} loses first place only "
            f"if the weight of {label} {verb} {bound:.2f} (now "
            f"{stability.current[stability.criteria.index(criterion)]:.2f}; the others keep their proportions). "
        )
    if drivers is not None and len(drivers.impact):
        c = int(np.argmax(drivers.impact))
        text += (
            f"The result rests most on {_cell_words(problem, drivers.alternatives[c], drivers.criteria[c])}: "
            f"pinning it at either end moves {drivers.winner}'s first-place share by up to "
            f"{100 * drivers.impact[c]:.0f} points."
        )
    return text.strip()


def _most_fragile(stability: StabilityIntervals) -> tuple[str, float, str] | None:
    """The single-weight change (relative to the current weight) that dethrones the winner soonest."""
    best: tuple[float, str, float, str] | None = None
    for j, criterion in enumerate(stability.criteria):
        current = stability.current[j]
        low, high = stability.top[j]
        for bound, side in ((low, "low"), (high, "high")):
            at_edge = bound <= 0 if side == "low" else bound >= 1
            if at_edge or not math.isfinite(bound):
                continue
            distance = abs(current - bound)
            if best is None or distance < best[0]:
                best = (distance, criterion, float(bound), side)
    return None if best is None else (best[1], best[2], best[3])
