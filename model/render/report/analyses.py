"""The report's analyses below the fold: what would change the decision (stability intervals,
crossovers, critical cells, tornado), SMAA, the scenarios side by side, the methods compared and
explain for the leader and each close pair. Criteria appear by label. Renders; never computes.
May import numpy, the core, :mod:`model.analysis` (for typing) and :mod:`.format`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from model.problem import DecisionProblem
from model.render.report.format import (
    cell_value,
    correlation,
    e,
    figure,
    points,
    raw_weight,
    score,
    section,
    share,
    signed,
    table,
    weight,
)

if TYPE_CHECKING:
    from model.analysis.explain import Explanation, ScenarioComparison
    from model.analysis.method_comparison import MethodComparison
    from model.analysis.sensitivity import SensitivityReport
    from model.analysis.smaa import DecisionDrivers, SmaaResult

END = 1e-9


def _label(problem: DecisionProblem, criterion: str) -> str:
    return e(problem.criterion(criterion).label)


def change(
    problem: DecisionProblem,
    sensitivity: SensitivityReport,
    drivers: DecisionDrivers,
    svgs: dict[str, str],
) -> str:
    """Crossovers and stability intervals, critical cells, tornado: one section, three parts."""
    stability = sensitivity.stability
    rows = [
        [
            _label(problem, c),
            weight(stability.current[j]),
            f"{weight(stability.top[j, 0])} – {weight(stability.top[j, 1])}",
            f"{weight(stability.ranking[j, 0])} – {weight(stability.ranking[j, 1])}",
        ]
        for j, c in enumerate(stability.criteria)
    ]
    crossings = [c for c in sensitivity.sweeps.crossovers if END < c.weight < 1 - END]
    cross_rows = [[_label(problem, c.criterion), weight(c.weight), e(c.gainer), e(c.loser)] for c in crossings]
    sweeps = (
        f"<p>Each criterion's normalised weight moved from 0 to 1, the others keeping their proportions. "
        f"{e(stability.winner)} stays first while each weight stays in its interval (Mareschal 1988).</p>"
        + table(["criterion", "weight", f"{stability.winner} stays first", "ranking unchanged"], rows, {1, 2, 3})
        + "<h4>Exact crossovers</h4>"
        + (
            table(["criterion", "weight", "overtakes", "overtaken"], cross_rows, {1})
            if cross_rows
            else "<p>None: no two alternatives swap for any single weight in (0, 1).</p>"
        )
        + figure(svgs["sweeps"], "sweeps", "Scores as each weight sweeps from 0 to 1; crossovers marked")
    )
    impact = drivers.impact
    cells = [
        [
            f"{e(drivers.alternatives[c])} · {_label(problem, drivers.criteria[c])}",
            e(problem.scores[(drivers.alternatives[c], drivers.criteria[c])].describe()),
            f"{cell_value(drivers.low[c])} – {cell_value(drivers.high[c])}",
            share(drivers.first_if_low[c]),
            share(drivers.first_if_high[c]),
            points(impact[c]),
        ]
        for c in np.argsort(-impact, kind="stable")[:12]
    ]
    critical = (
        f"<p>Each row pins one uncertain cell at the low or the high end of its range, every other draw "
        f"unchanged ({drivers.samples:,} draws, seed {drivers.seed}), and gives {e(drivers.winner)}'s share of "
        "first places then. The evidence worth finding is at the top.</p>"
        + table(["cell", "value", "range", "first if low", "first if high", "impact (points)"], cells, {2, 3, 4, 5})
    )
    tornado = "<p>Not available with value functions.</p>"
    if sensitivity.tornado is not None and "tornado" in svgs:
        t = sensitivity.tornado
        tornado = (
            f"<p>{e(t.winner)}'s lead over the best other ({signed(t.margin)}) as each weight swings by "
            f"±{100 * t.weight_range:.0f}% and each score over its evidence range.</p>"
            + figure(
                svgs["tornado"], "tornado", "Swing of the winner's lead, largest first; hatched bars flip the winner"
            )
        )
    return (
        '<section id="change"><h2>What would change the decision</h2>'
        + section("sweeps", "Stability intervals and crossovers", sweeps, level=3)
        + section("drivers", "Critical cells", critical, level=3)
        + section("tornado", "Tornado", tornado, level=3)
        + "</section>"
    )


def acceptability(result: SmaaResult, svgs: dict[str, str]) -> str:
    """Rank acceptability (SMAA-2): the one run whose first-rank shares the whole page uses."""
    order = np.argsort(-result.first_rank, kind="stable")
    m = len(result.alternatives)
    ranks = [f"rank {r + 1}" for r in range(m)]
    rows = [
        [
            e(result.alternatives[i]),
            *[share(result.rank_acceptability[i, r]) for r in range(m)],
            score(result.holistic[i]),
        ]
        for i in order
    ]
    body = (
        f"<p>{result.samples:,} draws, seed {result.seed}, weights {e(result.weights_mode)}, scores "
        f"{e(result.scores_mode)} (Lahdelma &amp; Salminen 2001). Each cell: the share of draws giving the "
        "alternative that rank; holistic: the acceptability index weighted by rank.</p>"
        + table(["alternative", *ranks, "holistic"], rows, set(range(1, m + 2)), classes="acceptability")
        + figure(svgs["rank_acceptability"], "rank_acceptability", "Share of draws giving each rank (heat map)")
        + figure(
            svgs["central_weights"], "central_weights", "Central weights: the typical weights that make each first"
        )
    )
    return section("acceptability", "SMAA: rank acceptability", body)


def scenarios(problem: DecisionProblem, compared: ScenarioComparison | None, svgs: dict[str, str]) -> str:
    weights_figure = figure(svgs["weights"], "weights", "The normalised weights (and the analysts' spread, if any)")
    if compared is None:
        return section("scenarios", "Scenarios", "<p>The file names no scenarios.</p>" + weights_figure)
    names = list(compared.scenarios)
    weight_rows = [
        [e(c.label), *[weight(compared.weights[s, j]) for s in range(len(names))]]
        for j, c in enumerate(problem.criteria)
    ]
    score_rows = [
        [e(a), *[f"{score(compared.scores[s, i])} ({int(compared.ranks[s, i])})" for s in range(len(names))]]
        for i, a in enumerate(compared.alternatives)
    ]
    described = "".join(
        f"<li><b>{e(name)}</b>: {e(compared.descriptions[s] or '')}</li>" for s, name in enumerate(names) if s > 0
    )
    moves = "".join(
        f"<li>{e(m.scenario)}: {e(m.alternative)} {m.rank_before} → {m.rank_after}"
        + (
            " (" + ", ".join(f"{_label(problem, c)} {signed(part)}" for c, part in m.drivers[:3]) + ")"
            if m.drivers
            else ""
        )
        + "</li>"
        for m in compared.moves
        if m.rank_change
    )
    body = (
        f'<ul class="plain">{described}</ul>'
        + table(["criterion", *names], weight_rows, set(range(1, len(names) + 1)), caption="normalised weights")
        + table(["alternative", *names], score_rows, set(range(1, len(names) + 1)), caption="score (rank)")
        + (f"<h4>Rank moves and the weight changes behind them</h4><ul>{moves}</ul>" if moves else "")
        + weights_figure
    )
    return section("scenarios", "Scenarios side by side", body)


def methods(compared: MethodComparison) -> str:
    names = list(compared.methods)
    rows = [
        [e(a), *[str(int(compared.ranks[i, k])) for k in range(len(names))]]
        for i, a in enumerate(compared.alternatives)
    ]
    kendall = compared.kendall
    corr_rows = [[e(a), *[correlation(kendall[i, k]) for k in range(len(names))]] for i, a in enumerate(names)]
    refused = "".join(f"<li>{e(name)}: {e(reason)}</li>" for name, reason in compared.refused.items())
    agree = (
        "All methods put the same alternative first."
        if compared.agree_on_first
        else "The methods disagree on first place."
    )
    body = (
        f"<p>{e(agree)} Ranks under every method (1 = best), then Kendall's tau-b between methods.</p>"
        + table(["alternative", *names], rows, set(range(1, len(names) + 1)), caption="rank by method")
        + table(["", *names], corr_rows, set(range(1, len(names) + 1)), caption="Kendall's tau-b")
        + (f"<p>Could not rank:</p><ul>{refused}</ul>" if refused else "")
    )
    return section("methods", "Method comparison", body)


def _explanation(problem: DecisionProblem, found: Explanation) -> str:
    relation = "ahead of" if found.ahead else ("tied with" if found.tied else "behind")
    rows = [
        [
            _label(problem, c.criterion),
            weight(c.weight),
            score(c.value),
            score(c.rival_value),
            signed(c.difference),
            "decisive" if c.decisive else "",
        ]
        for c in found.criteria
    ]
    thresholds = [
        [
            _label(problem, t.criterion),
            weight(t.current),
            weight(t.weight),
            f"<code>--weight {e(t.criterion)}={raw_weight(t.raw_weight)}</code>",
        ]
        for t in found.weight_thresholds
        if t.swaps
    ]
    return (
        f"<h3>{e(found.alternative)} ({found.rank}) against {e(found.rival)} ({found.rival_rank})</h3>"
        f"<p>{e(found.alternative)} is {relation} {e(found.rival)} by {signed(found.gap)} in score; the per-criterion "
        "differences (weight × value difference) add up to it.</p>"
        + table(
            ["criterion", "weight", f"value {found.alternative}", f"value {found.rival}", "difference", ""],
            rows,
            {1, 2, 3, 4},
        )
        + (
            "<p>The pair swaps if one weight (others proportional) moves past:</p>"
            + table(["criterion", "weight now", "swaps at", "in the file's units"], thresholds, {1, 2})
            if thresholds
            else "<p>No single weight change swaps the pair.</p>"
        )
    )


def explain(problem: DecisionProblem, found: list[Explanation], refused: str | None, svgs: dict[str, str]) -> str:
    contributions = figure(
        svgs["contributions"], "contributions", "Each criterion's contribution to each score, at the file's weights"
    )
    if refused is not None:
        return section("explain", "Why the leader leads", f"<p>{e(refused)}</p>" + contributions)
    body = "<p>The leader against the runner-up, then each pair whose order the evidence leaves open.</p>" + "".join(
        _explanation(problem, item) for item in found
    )
    body += contributions
    return section("explain", "Why the leader leads, and the close pairs", body)
