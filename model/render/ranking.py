"""The ranking as text, Markdown, CSV and JSON: scores, each criterion's contribution, the
flags of interval and unknown cells, ties, and the manifest. Renders; never computes. May
import the core and :mod:`.common`.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from model.methods import METHODS
from model.ranking import Ranking
from model.render.common import Table, json_text, manifest, manifest_line, weight_origin

FLAG_MARKS = {"interval": "~", "unknown": "?"}


CONTRIBUTION_MEANING = {
    "weighted_sum": "Each criterion column is its contribution (normalised weight × normalised score); "
    "a row adds up to its score.",
    "promethee_ii": "Each criterion column is its contribution to the net flow (weight × the criterion's net flow); "
    "a row adds up to φ.",
}


FLAG_LEGEND = "~ interval, ranked on its midpoint · ? unknown, ranked on the scale midpoint (not evidence)"


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
        out += ["", f"Ties: {_ties(ranking)}.", "", f"`{manifest_line(problem, ranking.method)}`"]
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
    out += [_ties(ranking), manifest_line(problem, ranking.method)]
    return "\n".join(line for line in out if line is not None) + "\n"


def ranking_csv(ranking: Ranking) -> str:
    """CSV (best first) after ``#`` comment lines holding the manifest and the weights."""
    buffer = io.StringIO()
    info = manifest(ranking.problem, method=ranking.method)
    buffer.write(f"# {manifest_line(ranking.problem, ranking.method)}\n")
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
