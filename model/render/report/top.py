"""What the report shows above the fold: the question, the verdict, the ranking with a
contribution bar per row, the distance to the next crossover and the weights panel, plus the
JSON payload the page's script (``report.js``) reads to recompute all of it live.

The live view is the additive model ``S(a) = sum_j (w_j / sum w) v_aj`` on the engine's own
normalised matrix (``evaluate(problem, "weighted_sum").details["normalized"]``: values on the
0–1 scale, cost criteria inverted). Renders; never computes beyond the distance to the next
crossover, which it reads from the engine's stability intervals. May import the core,
:mod:`model.analysis` (for typing), :mod:`model.render.ranking` and :mod:`.format`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from model.problem import DecisionProblem
from model.ranking import TIE_TOLERANCE, Ranking
from model.render.common import weight_origin
from model.render.report.format import e, raw_weight, score, section, signed, weight

if TYPE_CHECKING:
    from model.analysis.explain import ScenarioComparison
    from model.analysis.rank_ranges import RankRanges
    from model.analysis.sensitivity import StabilityIntervals

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac")
"""One colour per criterion (Tableau 10, repeated past ten), the same in bars and legend."""


def colour(j: int) -> str:
    return PALETTE[j % len(PALETTE)]


@dataclass(frozen=True)
class Crossover:
    """The smallest change of one normalised weight (others proportional) at which the leader
    loses first place: ``criterion`` moves from ``current`` to ``bound``; ``raw`` is that weight
    in the file's units, the other raw weights unchanged."""

    leader: str
    criterion: str
    current: float
    bound: float
    raw: float

    @property
    def distance(self) -> float:
        return abs(self.bound - self.current)


def next_crossover(problem: DecisionProblem, stability: StabilityIntervals) -> Crossover | None:
    """The nearest end of the winner's stability intervals strictly inside (0, 1), if any."""
    best: Crossover | None = None
    raw = problem.weights
    for j, criterion in enumerate(stability.criteria):
        current = float(stability.current[j])
        for bound in (float(stability.top[j, 0]), float(stability.top[j, 1])):
            if not (math.isfinite(bound) and 0 < bound < 1) or bound == current:
                continue
            others = float(raw.sum() - raw[j])
            found = Crossover(stability.winner, criterion, current, bound, bound * others / (1 - bound))
            if best is None or found.distance < best.distance:
                best = found
    return best


def crossover_text(problem: DecisionProblem, found: Crossover | None, leader: str) -> str:
    """The sentence ``report.js`` writes too (keep the two in step)."""
    if found is None:
        return f"No change of a single weight, however large, takes first place from {leader}."
    verb = "rises above" if found.bound > found.current else "falls below"
    label = problem.criterion(found.criterion).label
    return (
        f"{found.leader} stays first unless the weight of {label} {verb} {weight(found.bound)} "
        f"(now {weight(found.current)}; the others keep their proportions): a change of "
        f"{weight(found.distance)}, or --weight {found.criterion}={raw_weight(found.raw)}."
    )


def header(problem: DecisionProblem) -> str:
    title = problem.question or problem.title
    as_of = problem.as_of.isoformat() if problem.as_of else "not stated"
    subtitle = f"{problem.title} · evidence as of {as_of}" if problem.question else f"evidence as of {as_of}"
    return f'<header id="question"><h1>{e(title)}</h1><p class="sub">{e(subtitle)}</p></header>'


FRAGILE = ("Moving one weight at a time", "proportions). ")
"""The verdict's sentence on the nearest single-weight crossover: the page says it once, in the
ranking section, formatted like every other weight (and kept live), so it is left out here."""


def without_crossover(text: str) -> str:
    """The verdict without its crossover sentence (unchanged if the sentence is not found)."""
    start = text.find(FRAGILE[0])
    end = text.find(FRAGILE[1], start) if start >= 0 else -1
    if start < 0 or end < 0:
        end = text.find("proportions).", start) if start >= 0 else -1
        return text if end < 0 or text[end + len("proportions).") :].strip() else text[:start].strip()
    return (text[:start] + text[end + len(FRAGILE[1]) :]).strip()


def verdict(places: list[str], text: str) -> str:
    text = without_crossover(text)
    items = "".join(f"<li>{e(line)}</li>" for line in places)
    listing = f'<ul class="places">{items}</ul>' if items else ""
    return section("verdict", "Verdict", f'{listing}<p class="verdict">{e(text)}</p>')


def _bar(problem: DecisionProblem, contributions: np.ndarray[Any, Any], i: int) -> str:
    spans = "".join(
        f'<span class="seg" style="width:{100 * max(float(c), 0.0):.4f}%;background:{colour(j)}" '
        f'title="{e(problem.criteria[j].label)}: {score(c)}"></span>'
        for j, c in enumerate(contributions[i])
    )
    return f'<div class="bar" role="img" aria-label="contributions">{spans}</div>'


def ranking_section(
    problem: DecisionProblem,
    ranking: Ranking,
    additive: Ranking,
    ranges: RankRanges | None,
    lead: float | None,
    crossover: str,
) -> str:
    """The ranking table (server-rendered at the file's weights), the lead and the next crossover."""
    contributions = np.asarray(additive.details["contributions"])
    rows = []
    for i in ranking.order:
        alt = ranking.alternatives[i]
        span = "—"
        if ranges is not None:
            best, worst = int(ranges.best_rank[i]), int(ranges.worst_rank[i])
            span = str(best) if best == worst else f"{best}–{worst}"
        rows.append(
            f'<tr data-index="{int(i)}" data-score="{float(ranking.scores[i])!r}">'
            f'<td class="num rank">{int(ranking.ranks[i])}</td><td class="alt">{e(alt)}</td>'
            f'<td class="num score">{score(ranking.scores[i])}</td><td class="num range">{e(span)}</td>'
            f'<td class="contrib">{_bar(problem, contributions, int(i))}</td></tr>'
        )
    legend = "".join(
        f'<span class="key"><i style="background:{colour(j)}"></i>{e(c.label)}</span>'
        for j, c in enumerate(problem.criteria)
    )
    leader, runner = _top_two(ranking)
    lead_text = f"{e(leader)} leads {e(runner)} by {signed(lead)} in score." if lead is not None and runner else ""
    note = (
        ""
        if ranking.method == "weighted_sum"
        else f'<p class="note">Ranked by {e(ranking.method_label)}; the bars and the live view (weights panel) '
        "use the additive model (weighted sum) on the same values.</p>"
    )
    head = (
        '<thead><tr><th scope="col" class="num">rank</th><th scope="col">alternative</th>'
        '<th scope="col" class="num">score</th><th scope="col" class="num" title="best–worst rank the evidence '
        'allows at the file\'s weights">range</th><th scope="col">contributions</th></tr></thead>'
    )
    body = (
        f'<p class="note">{e(ranking.method_label)}; weights: {e(" + ".join(weight_origin(problem)))}. '
        "Range: the best–worst rank the evidence allows at the file's weights, every uncertain cell "
        "anywhere in its range.</p>"
        + note
        + f'<table id="ranking-table" class="ranking">{head}<tbody>{"".join(rows)}</tbody></table>'
        + f'<p class="legend">{legend}</p>'
        + f'<p id="lead" class="lead">{lead_text}</p>'
        + f'<p id="crossover" class="crossover">{e(crossover)}</p>'
    )
    return section("ranking", "Ranking", body)


def _top_two(ranking: Ranking) -> tuple[str, str | None]:
    order = [ranking.alternatives[i] for i in ranking.order]
    return order[0], (order[1] if len(order) > 1 else None)


def slider_range(problem: DecisionProblem, scenarios: ScenarioComparison | None) -> tuple[float, float]:
    """Slider maximum (3× the largest weight, at least every scenario's weights) and a small step."""
    largest = float(problem.weights.max())
    top = 3 * largest
    if scenarios is not None:
        top = max(top, float(np.max(scenarios.raw_weights)))
    step = 10.0 ** math.floor(math.log10(top / 1000)) if top > 0 else 0.01
    return top, step


def weights_panel(problem: DecisionProblem, scenarios: ScenarioComparison | None, additive: bool) -> str:
    """A slider per criterion in the file's units, buttons for base, equal weights and each scenario."""
    top, step = slider_range(problem, scenarios)
    normalized = problem.normalized_weights
    rows = "".join(
        f'<div class="wrow"><label for="w-{e(c.id)}">{e(c.label)}</label>'
        f'<input type="range" id="w-{e(c.id)}" data-criterion="{j}" min="0" max="{top!r}" step="{step!r}" '
        f'value="{float(c.weight)!r}" data-weight="{float(c.weight)!r}">'
        f'<output class="raw" id="raw-{e(c.id)}">{raw_weight(c.weight)}</output>'
        f'<output class="norm" id="norm-{e(c.id)}">{weight(normalized[j])}</output></div>'
        for j, c in enumerate(problem.criteria)
    )
    buttons = ['<button type="button" data-set="base" aria-pressed="true">base</button>']
    # a scenario that already is equal weights stands for them: one button per weight set
    equal_scenario = scenarios is not None and any(
        bool(np.all(np.abs(row - 1.0 / len(row)) <= 1e-12)) for row in np.asarray(scenarios.weights)[1:]
    )
    if not equal_scenario:
        buttons.append('<button type="button" data-set="equal" aria-pressed="false">equal weights</button>')
    if scenarios is not None:
        for s, name in enumerate(scenarios.scenarios[1:], start=1):
            description = scenarios.descriptions[s] or ""
            buttons.append(
                f'<button type="button" data-set="scenario" data-name="{e(name)}" title="{e(description)}" '
                f'aria-pressed="false">{e(name)}</button>'
            )
    note = (
        "Move a slider or pick a set: the ranking, scores, bars and crossover above update at once "
        "(normalised weight on the right; the others keep theirs)."
        if additive
        else "The live view is the additive model (weighted sum), not this file's method."
    )
    body = (
        f'<p class="note">{e(note)}</p><div class="sliders">{rows}</div>'
        f'<div class="sets" role="group" aria-label="weight sets">{"".join(buttons)}</div>'
        '<p id="live-status" class="status">At the file\'s weights.</p>'
        '<noscript><p class="note">With scripts off the page shows the file\'s weights; '
        "the sliders need scripts.</p></noscript>"
    )
    return section("weights", "Weights", body)


def payload(problem: DecisionProblem, additive: Ranking, scenarios: ScenarioComparison | None, method: str) -> str:
    """The data ``report.js`` reads, as JSON safe inside a <script> element."""
    top, step = slider_range(problem, scenarios)
    sets = []
    if scenarios is not None:
        sets = [
            {"name": name, "weights": [float(w) for w in scenarios.raw_weights[s]]}
            for s, name in enumerate(scenarios.scenarios)
            if s > 0
        ]
    data = {
        "method": method,
        "additive": method == "weighted_sum",
        "tolerance": TIE_TOLERANCE,
        "alternatives": list(problem.alternative_names),
        "criteria": list(problem.criterion_ids),
        "labels": [c.label for c in problem.criteria],
        "colours": [colour(j) for j in range(len(problem.criteria))],
        "weights": [float(w) for w in problem.weights],
        "normalized": np.asarray(additive.details["normalized"], dtype=float).tolist(),
        "scenarios": sets,
        "equal": [float(problem.weights.max())] * len(problem.criteria),
        "max": top,
        "step": step,
    }
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
