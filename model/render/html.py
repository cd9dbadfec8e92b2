"""One self-contained HTML report an analyst can send to a colleague.

Everything is computed by the library (ranking, sensitivity, SMAA, drivers, verdict) and
rendered here; figures come from :mod:`model.render.figures` and are embedded as PNG data, so the
file needs no network and no other file to be read. Writing is atomic and never touches
the input YAML.

May import every layer below it, matplotlib through :mod:`.figures`, and the other renderers.
"""

from __future__ import annotations

import base64
import html
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from model.problem import DecisionProblem
from model.render.common import context_text, manifest, weight_origin

SECTIONS = (
    "question",
    "manifest",
    "verdict",
    "ranking",
    "weights",
    "sweeps",
    "tornado",
    "acceptability",
    "drivers",
    "evidence",
    "uncited",
)

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#111;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:1px solid #888;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}td,th{border:1px solid #bbb;padding:.25em .5em;
vertical-align:top}th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #ddd}figcaption{font-size:.85em;color:#333}
blockquote{margin:.2em 0 .2em 1em;padding-left:.6em;border-left:3px solid #999}.flag{font-weight:bold}
.verdict{background:#f3f3f3;border:1px solid #999;padding:.8em 1em}
"""


@dataclass
class Report:
    """The finished report: the HTML text and the figures it embeds (name → Figure)."""

    html: str
    figures: dict[str, Any] = field(default_factory=dict)

    def write(self, path: str | Path, *, protect: tuple[Path, ...] = ()) -> Path:
        """Write the HTML atomically (see :func:`write_atomic`); never over ``protect`` or a YAML file."""
        return write_atomic(path, self.html, protect=protect)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: float, digits: int = 3) -> str:
    return "—" if value is None or not np.isfinite(value) else f"{value:.{digits}f}"


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figure(png: bytes, name: str, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure id="fig-{_e(name)}"><img alt="{_e(caption)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


def build_report(
    problem: DecisionProblem,
    *,
    samples: int = 10_000,
    seed: int = 0,
    drivers_samples: int | None = None,
    generated: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Compute every analysis of ``problem`` and render the report (additive model)."""
    from model.analysis.sensitivity import analyse
    from model.analysis.smaa import decision_drivers, smaa
    from model.ranking import evaluate
    from model.render import figures as plots
    from model.render.robustness import verdict
    from model.weighting.elicitation import group

    ranking = evaluate(problem)
    sensitivity = analyse(problem)
    result = smaa(problem, samples=samples, seed=seed, progress=progress)
    drivers = decision_drivers(problem, samples=drivers_samples or max(1_000, samples // 5), seed=seed)
    text = verdict(problem, result, sensitivity.stability, drivers)
    together = group(problem.analysts, problem.criterion_ids) if problem.analysts else None

    figures: dict[str, Any] = {
        "contributions": plots.contribution_bars(ranking),
        "weights": plots.weights(problem, together),
        "sweeps": plots.weight_sweeps(sensitivity.sweeps),
        "rank_acceptability": plots.rank_acceptability(result),
        "central_weights": plots.central_weights(result),
    }
    if sensitivity.tornado is not None:
        figures["tornado"] = plots.tornado(sensitivity.tornado)
    pngs = {name: plots.to_png_bytes(figure) for name, figure in figures.items()}

    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    info = manifest(problem, seed=seed)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(problem.title)}</title><style>{STYLE}</style></head><body>",
        f'<section id="question"><h1>{_e(problem.title)}</h1><p>{_e(problem.question or "")}</p>',
        f"<p>Evidence as of {_e(problem.as_of.isoformat() if problem.as_of else 'not stated')}.</p>",
        _sources(problem),
        "</section>",
        _manifest(info, samples, when),
        f'<section id="verdict"><h2>Verdict</h2><p class="verdict">{_e(text)}</p></section>',
        _ranking(ranking, pngs),
        _weights(problem, together, pngs),
        _sweeps(sensitivity, pngs),
        _tornado(sensitivity, pngs),
        _acceptability(result, pngs),
        _drivers(problem, drivers),
        _evidence(problem),
        _uncited(problem),
        "</body></html>",
    ]
    return Report("\n".join(parts), figures)


def _sources(problem: DecisionProblem) -> str:
    rows = [
        [
            _e(s.id),
            _e(s.title),
            _e(s.publisher or "not stated"),
            _e(s.date.isoformat() if s.date else "not stated"),
            _e(s.file),
            _e((s.sha256 or "")[:16]),
        ]
        for s in problem.sources.values()
    ]
    return "<h3>Sources</h3>" + _table(["id", "title", "publisher", "date", "file", "sha256"], rows)


def _manifest(info: dict[str, Any], samples: int, when: str) -> str:
    rows = [
        ["input file", _e(info["file"] or "<text>")],
        ["input sha256", _e(info["sha256"])],
        ["engine", _e(f"{info['engine']} {info['version']}")],
        ["method", _e(info["method"])],
        ["weights", _e(" + ".join(info["weights_from"]))],
        ["SMAA seed", _e(info["seed"])],
        ["SMAA samples", _e(f"{samples:,}")],
        ["generated", _e(when)],
    ]
    return '<section id="manifest"><h2>Run manifest</h2>' + _table(["", ""], rows) + "</section>"


def _ranking(ranking: Any, pngs: dict[str, bytes]) -> str:
    problem = ranking.problem
    rows = []
    for i in ranking.order:
        alt = ranking.alternatives[i]
        flags = ", ".join(f"{c} {k}" for c, k in ranking.flags[alt]) or "—"
        rows.append([str(ranking.ranks[i]), _e(alt), _num(ranking.scores[i]), _e(flags)])
    return (
        '<section id="ranking"><h2>Ranking</h2>'
        f"<p>{_e(ranking.method_label)}; weights: {_e(' + '.join(weight_origin(problem)))}. Intervals rank on "
        "their midpoint and unknown cells on the scale midpoint; both are flagged.</p>"
        + _table(["rank", "alternative", "score", "cells ranked on a midpoint"], rows, {0, 2})
        + _figure(pngs["contributions"], "contributions", "Each criterion's contribution to each score")
        + "</section>"
    )


def _weights(problem: DecisionProblem, together: Any, pngs: dict[str, bytes]) -> str:
    headers = ["criterion", "label", "direction", "weight (normalised)"]
    columns: list[tuple[str, Any]] = []
    if together is not None:
        columns = [(name, found.weights) for name, found in together.individual.items()]
        headers += [f"analyst {name}" for name, _ in columns] + ["min", "max", "std"]
    rows = []
    for j, c in enumerate(problem.criteria):
        row = [_e(c.id), _e(c.label), _e(c.direction), _num(problem.normalized_weights[j])]
        if together is not None:
            spread = together.spread
            row += [_num(values[j]) for _, values in columns] + [_num(spread[j, k]) for k in range(3)]
        rows.append(row)
    numeric = set(range(3, len(headers)))
    return (
        '<section id="weights"><h2>Weights</h2>'
        + _table(headers, rows, numeric)
        + _figure(pngs["weights"], "weights", "The normalised weights (and the analysts' spread, if any)")
        + "</section>"
    )


def _sweeps(sensitivity: Any, pngs: dict[str, bytes]) -> str:
    stability = sensitivity.stability
    rows = [
        [
            _e(c),
            _num(stability.current[j]),
            f"[{_num(stability.top[j, 0])}, {_num(stability.top[j, 1])}]",
            f"[{_num(stability.ranking[j, 0])}, {_num(stability.ranking[j, 1])}]",
        ]
        for j, c in enumerate(stability.criteria)
    ]
    crossings = [c for c in sensitivity.sweeps.crossovers if 1e-9 < c.weight < 1 - 1e-9]
    cross_rows = [[_e(c.criterion), _num(c.weight), _e(c.gainer), _e(c.loser)] for c in crossings]
    return (
        '<section id="sweeps"><h2>Weight sweeps ("walking weights")</h2>'
        f"<p>Each criterion's weight moved from 0 to 1, the others keeping their proportions. "
        f"{_e(stability.winner)} stays first while each weight stays in its interval (Mareschal 1988).</p>"
        + _table(["criterion", "weight", "winner stays first", "ranking unchanged"], rows, {1, 2, 3})
        + _figure(pngs["sweeps"], "sweeps", "Scores as each weight sweeps from 0 to 1; crossovers marked")
        + "<h3>Exact crossovers</h3>"
        + _table(["criterion", "weight", "overtakes", "overtaken"], cross_rows, {1})
        + "</section>"
    )


def _tornado(sensitivity: Any, pngs: dict[str, bytes]) -> str:
    if sensitivity.tornado is None or "tornado" not in pngs:
        return '<section id="tornado"><h2>Tornado</h2><p>Not available with value functions.</p></section>'
    tornado = sensitivity.tornado
    return (
        '<section id="tornado"><h2>Tornado</h2>'
        f"<p>{_e(tornado.winner)}'s lead over the best other ({tornado.margin:+.3f}) as each weight swings by "
        f"±{100 * tornado.weight_range:.0f}% and each score over its evidence range.</p>"
        + _figure(pngs["tornado"], "tornado", "Swing of the winner's lead, largest first; hatched bars flip the winner")
        + "</section>"
    )


def _acceptability(result: Any, pngs: dict[str, bytes]) -> str:
    order = np.argsort(-result.first_rank, kind="stable")
    rows = [
        [
            _e(result.alternatives[i]),
            f"{100 * result.first_rank[i]:.1f}% ± {100 * result.rank_acceptability_se[i, 0]:.2f}%",
            _num(result.holistic[i]),
            _num(result.confidence[i]),
        ]
        for i in order
    ]
    return (
        '<section id="acceptability"><h2>Rank acceptability (SMAA-2)</h2>'
        f"<p>{result.samples:,} draws, seed {result.seed}, weights {_e(result.weights_mode)}, scores "
        f"{_e(result.scores_mode)} (Lahdelma &amp; Salminen 2001). Meta-weights "
        f"{_e(', '.join(f'{a:.2f}' for a in result.meta_weights))}.</p>"
        + _table(["alternative", "first place (± s.e.)", "holistic", "confidence"], rows, {1, 2, 3})
        + _figure(pngs["rank_acceptability"], "rank_acceptability", "Share of draws giving each rank")
        + _figure(
            pngs["central_weights"], "central_weights", "Central weights: the typical weights that make each first"
        )
        + "</section>"
    )


def _drivers(problem: DecisionProblem, drivers: Any) -> str:
    impact = drivers.impact
    rows = [
        [
            _e(f"{drivers.alternatives[c]}.{drivers.criteria[c]}"),
            _e(problem.scores[(drivers.alternatives[c], drivers.criteria[c])].describe()),
            f"[{_num(float(drivers.low[c]), 2)}, {_num(float(drivers.high[c]), 2)}]",
            f"{100 * drivers.first_if_low[c]:.1f}%",
            f"{100 * drivers.first_if_high[c]:.1f}%",
            f"{100 * impact[c]:.1f}",
        ]
        for c in np.argsort(-impact, kind="stable")[:15]
    ]
    return (
        '<section id="drivers"><h2>What would change the decision</h2>'
        f"<p>{_e(drivers.winner)} is first in {100 * drivers.base:.1f}% of draws; each row pins one uncertain cell "
        "at the low or high end of its range (same draws otherwise). The evidence worth finding is at the top.</p>"
        + _table(["cell", "value", "range", "if low", "if high", "impact (points)"], rows, {2, 3, 4, 5})
        + "</section>"
    )


def _evidence(problem: DecisionProblem) -> str:
    rows = []
    for score in problem.cells():
        quotes = "".join(
            f"<blockquote>{context_text(problem.quote_context(item), 'html') or _e(' '.join(item.quote.split()))}"
            f"<br><small>{_e(item.source)} · {_e(problem.sources[item.source].file)}, line {_e(item.line)}</small>"
            "</blockquote>"
            for item in score.evidence
        )
        quotes += "".join(
            f"<p><small>accepted warning <code>{_e(code)}</code>: {_e(reason)}</small></p>"
            for code, reason in score.accepted
        )
        rows.append(
            [
                _e(score.alternative),
                _e(score.criterion),
                _e(score.describe()),
                _e(score.confidence or "—"),
                (quotes or "<em>no evidence: rationale only</em>") + f"<p>{_e(score.rationale or '')}</p>",
            ]
        )
    return (
        '<section id="evidence"><h2>Evidence</h2>'
        + "<p>Each quote is shown in its sentence: the quoted words <mark>highlighted</mark>, the words a "
        "'...' skips <del>struck through</del>.</p>"
        + _table(
            ["alternative", "criterion", "value", "confidence", "quotes (verified, with line) and rationale"], rows
        )
        + "</section>"
    )


def _uncited(problem: DecisionProblem) -> str:
    from model.analysis.uncited import uncited

    result = uncited(problem)
    rows = [
        [_e(p.alternative), f"{_e(p.source)}:{p.line}", _e(", ".join(p.names)), _e(p.text)] for p in result.passages
    ]
    counts = ", ".join(f"{_e(name)} {count}" for name, count in result.counts().items())
    return (
        '<section id="uncited"><h2>Passages no quote cites</h2>'
        f"<p>Paragraphs of the articles that name an alternative and that no score cites ({counts}): "
        "the evidence a reviewer may want weighed.</p>"
        + _table(["alternative", "source:line", "names", "passage"], rows)
        + "</section>"
    )


def write_atomic(path: str | Path, text: str, *, protect: tuple[Path, ...] = ()) -> Path:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a partial file.

    Refuses to write over any path in ``protect`` (the input YAML) or over a ``.yaml``/``.yml`` file.
    """
    target = Path(path)
    if target.suffix.lower() in (".yaml", ".yml") or any(
        target.resolve() == p.resolve() for p in protect if p is not None
    ):
        raise ValueError(f"refusing to overwrite {target}: it is (or looks like) the input model")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; a report is meant to be shared
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
