"""The ranking as text, Markdown, CSV and JSON: scores, each criterion's contribution, the
flags of interval and unknown cells, the rank range the evidence allows beside every rank and
which places it settles, ties, how unknowns entered, and the manifest. Renders; never
computes. May import the core, :mod:`model.analysis` (for typing) and :mod:`.common`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from model.methods import METHODS
from model.problem import UNKNOWN_POLICY_WORDS, DecisionProblem
from model.ranking import Ranking
from model.render.common import Table, csv_text, json_text, manifest, manifest_line, weight_origin

if TYPE_CHECKING:
    from model.analysis.rank_ranges import RankRanges

FLAG_MARKS = {"interval": "~", "unknown": "?"}


CONTRIBUTION_MEANING = {
    "weighted_sum": "Each criterion column is its contribution (normalised weight × normalised score); "
    "a row adds up to its score.",
    "promethee_ii": "Each criterion column is its contribution to the net flow (weight × the criterion's net flow); "
    "a row adds up to φ.",
}


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def flag_legend(problem: DecisionProblem) -> str:
    """What the ``~`` and ``?`` marks mean, with the unknown policy this problem uses."""
    unknown = UNKNOWN_POLICY_WORDS[problem.uncertainty.unknowns].removeprefix("unknown cells ")
    return f"~ interval, ranked on its midpoint · ? unknown, {unknown}"


def ordinal(rank: int) -> str:
    """``first`` … ``tenth``, then ``11th``, ``12th``, ``21st``.

    >>> ordinal(2), ordinal(11), ordinal(22)
    ('second', '11th', '22nd')
    """
    if rank <= len(ORDINALS):
        return ORDINALS[rank - 1]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _names(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def places_text(ranges: RankRanges) -> list[str]:
    """Which places the evidence settles and which it leaves open, in plain words, one line each.

    Consecutive open places with shared candidates are said together ("second to fourth places
    are open between …").
    """
    lines: list[str] = []
    places = list(ranges.places)
    index = 0
    while index < len(places):
        place = places[index]
        if not place.candidates:
            index += 1
            continue
        if place.settled:
            lines.append(f"{ordinal(place.rank).capitalize()} place is settled by the evidence: {place.candidates[0]}.")
            index += 1
            continue
        block = [place]
        pool = set(place.candidates)
        while index + len(block) < len(places):
            following = places[index + len(block)]
            if following.settled or not following.candidates or not pool & set(following.candidates):
                break
            block.append(following)
            pool |= set(following.candidates)
        members = [a for a in (ranges.alternatives[i] for i in ranges.order) if a in pool]
        if len(block) == 1:
            lines.append(f"{ordinal(place.rank).capitalize()} place is open between {_names(members)}.")
        else:
            lines.append(
                f"{ordinal(block[0].rank).capitalize()} to {ordinal(block[-1].rank)} places are open between "
                f"{_names(members)}."
            )
        index += len(block)
    return lines


def _flag(ranking: Ranking, alternative: str, criterion: str) -> str:
    kind = ranking.problem.scores[(alternative, criterion)].kind
    return FLAG_MARKS.get(kind, "")


def _rank_range(ranges: RankRanges | None, alternative: str) -> str:
    if ranges is None:
        return ""
    i = ranges.alternatives.index(alternative)
    best, worst = int(ranges.best_rank[i]), int(ranges.worst_rank[i])
    return str(best) if best == worst else f"{best}-{worst}"


def _ranking_table(ranking: Ranking, ranges: RankRanges | None = None) -> Table:
    contributions = ranking.details.get("contributions")
    extra = ["range"] if ranges is not None else []
    headers = ["rank", *extra, "alternative", "score"] + (list(ranking.criteria) if contributions is not None else [])
    rows = []
    for i in ranking.order:
        alt = ranking.alternatives[i]
        row = [str(ranking.ranks[i]), *([_rank_range(ranges, alt)] if ranges is not None else []), alt]
        row.append(f"{ranking.scores[i]:.3f}")
        if contributions is not None:
            row += [f"{contributions[i, j]:.3f}{_flag(ranking, alt, c) or ' '}" for j, c in enumerate(ranking.criteria)]
        rows.append(row)
    if contributions is not None:
        blank = [""] * len(extra)
        rows.append(["", *blank, "weight", f"{sum(ranking.weights):.3f}"] + [f"{w:.3f} " for w in ranking.weights])
    right = [True, *([True] * len(extra)), False, True] + [True] * (len(headers) - 3 - len(extra))
    return Table(headers, rows, right)


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


RANGE_NOTE = (
    "range: the best and worst rank the evidence allows at these weights, every uncertain cell anywhere "
    "in its range (unknown: the whole scale)."
)


def ranking_text(ranking: Ranking, *, markdown: bool = False, ranges: RankRanges | None = None) -> str:
    """A ranking for people: scores and contributions, rank ranges and settled places, weights,
    flags, the unknown policy, ties, manifest."""
    problem = ranking.problem
    table = _ranking_table(ranking, ranges)
    places = places_text(ranges) if ranges is not None else []
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
        out += [table.markdown(), "", explain, ""]
        if places:
            out += [RANGE_NOTE, "", *[f"- {line}" for line in places], ""]
        out += [f"Flags: {flag_legend(problem)}.", ""]
        out += [f"- {line}" for line in flags] or ["- none"]
        out += ["", f"Ties: {_ties(ranking)}.", "", f"`{manifest_line(problem, ranking.method)}`"]
        return "\n".join(out) + "\n"
    out = [
        f"{title}{as_of}",
        f"method: {ranking.method_label} — {_score_meaning(ranking)}",
        f"weights: {weights_from} (normalised to sum to 1)",
        *_method_notes(ranking),
        "",
    ]
    out += [table.text(), "", explain]
    if places:
        out += [RANGE_NOTE, *places]
    out += [f"flags: {flag_legend(problem)}"]
    out += [f"  {line}" for line in flags] or ["  none"]
    out += [_ties(ranking), manifest_line(problem, ranking.method)]
    return "\n".join(line for line in out if line is not None) + "\n"


def ranking_csv(ranking: Ranking) -> str:
    """CSV (best first) after ``#`` comment lines holding the manifest and the weights."""
    buffer = io.StringIO()
    info = manifest(ranking.problem, method=ranking.method)
    # exactly three comment lines, each one line whatever the paths hold: `skiprows=3` reads the table
    buffer.write("# " + " ".join(manifest_line(ranking.problem, ranking.method).split()) + "\n")
    buffer.write("# " + " ".join(f"weights from: {' + '.join(info['weights_from'])}".split()) + "\n")
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
        writer.writerow([int(ranking.ranks[i]), csv_text(alt), f"{ranking.scores[i]:.6g}", *parts, flags])
    return buffer.getvalue()


def ranking_json(ranking: Ranking, ranges: RankRanges | None = None) -> str:
    payload = {"manifest": manifest(ranking.problem, method=ranking.method), **ranking.to_dict()}
    payload["question"] = ranking.problem.question
    payload["unknowns"] = ranking.problem.uncertainty.unknowns
    if ranges is not None:
        payload["rank_ranges"] = ranges.to_dict()
        payload["places"] = places_text(ranges)
    return json_text(payload)


def render_ranking(ranking: Ranking, fmt: str, ranges: RankRanges | None = None) -> str:
    """Render a ranking as ``table``, ``markdown``, ``csv`` or ``json`` (rank ranges beside, when given)."""
    if fmt == "json":
        return ranking_json(ranking, ranges)
    if fmt == "csv":
        return ranking_csv(ranking)
    return ranking_text(ranking, markdown=fmt == "markdown", ranges=ranges)
