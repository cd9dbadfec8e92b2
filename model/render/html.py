"""One self-contained HTML report an analyst can send to a colleague, answer first.

Above the fold: the question, the verdict (the places the evidence settles, the SMAA verdict),
the ranking with a contribution bar per row and the weights panel, whose sliders and buttons
recompute ranking, scores, bars and the distance to the next crossover in the page (a small
inlined script on the engine's own normalised matrix). Then a table of contents, what would
change the decision, SMAA, scenarios, methods, explain, the evidence, the passages no quote
cites, and last the sources and the run manifest. Everything is computed by the library and
rendered by :mod:`model.render.report`; its six figures are inline SVG drawn by
:mod:`model.render.report.charts` (no matplotlib: the report starts fast), the style sheet and
script come from ``report.css`` / ``report.js``: the file needs no network and no other file.
The matplotlib twins of the figures (:mod:`model.render.figures`, for ``report --figures`` and
the library) are built only when :attr:`Report.figures` is first read. Writing is atomic and
never touches the input YAML.

May import every layer below it, the other renderers, and matplotlib through :mod:`.figures`
only inside :attr:`Report.figures`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from typing import Any

from model.errors import RequestError
from model.problem import DecisionProblem
from model.render.common import manifest
from model.render.report import analyses, records, top
from model.render.report.format import e

SECTIONS = (
    "question",
    "verdict",
    "ranking",
    "weights",
    "contents",
    "change",
    "sweeps",
    "drivers",
    "tornado",
    "acceptability",
    "scenarios",
    "methods",
    "explain",
    "evidence",
    "uncited",
    "sources",
    "manifest",
)
"""Every section id, in page order (the sources and the run manifest close the page)."""

CONTENTS = (
    ("change", "What would change the decision"),
    ("acceptability", "SMAA: rank acceptability"),
    ("scenarios", "Scenarios side by side"),
    ("methods", "Method comparison"),
    ("explain", "Why the leader leads"),
    ("evidence", "Evidence"),
    ("uncited", "Passages no quote cites"),
    ("sources", "Sources"),
    ("manifest", "Run manifest"),
)


@dataclass(eq=False)
class Report:
    """The finished report: the HTML text, the names of the figures it embeds (as SVG), and
    their matplotlib twins in :attr:`figures`, drawn on first use."""

    html: str
    figure_names: tuple[str, ...] = ()
    draw: Callable[[], dict[str, Any]] | None = field(default=None, repr=False)

    @cached_property
    def figures(self) -> dict[str, Any]:
        """The embedded figures as matplotlib Figures (name → Figure), built on first use: the
        report itself never imports matplotlib; ``report --figures DIR`` and the library do."""
        return self.draw() if self.draw is not None else {}

    def write(self, path: str | Path, *, protect: tuple[Path, ...] = ()) -> Path:
        """Write the HTML atomically (see :func:`write_atomic`); never over ``protect`` or a YAML file."""
        return write_atomic(path, self.html, protect=protect)


def _asset(name: str) -> str:
    return files("model.render.report").joinpath(name).read_text(encoding="utf-8")


def build_report(
    problem: DecisionProblem,
    *,
    samples: int = 10_000,
    seed: int = 0,
    drivers_samples: int | None = None,
    generated: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Compute every analysis of ``problem`` and render the report."""
    from model.analysis.explain import compare_scenarios, explain
    from model.analysis.method_comparison import compare_methods
    from model.analysis.rank_ranges import rank_ranges
    from model.analysis.sensitivity import analyse
    from model.analysis.smaa import decision_drivers, smaa
    from model.analysis.uncited import uncited
    from model.ranking import evaluate
    from model.render.ranking import places_text
    from model.render.report import charts
    from model.render.robustness import verdict
    from model.weighting.elicitation import group

    ranking = evaluate(problem)
    is_additive = problem.method == "weighted_sum"
    # the exact analyses, SMAA and the live view are those of the additive model; for another
    # method they run on the additive model of the same values, and the page says so
    robust = problem if is_additive else replace(problem, method="weighted_sum")
    additive = ranking if is_additive else evaluate(robust)
    sensitivity = analyse(robust)
    result = smaa(robust, samples=samples, seed=seed, progress=progress)
    drivers = decision_drivers(robust, samples=drivers_samples or max(1_000, samples // 5), seed=seed)
    said = verdict(robust, result, sensitivity.stability, drivers)
    together = group(problem.analysts, problem.criterion_ids) if problem.analysts else None
    ranges = rank_ranges(robust)
    places = places_text(ranges) if is_additive else []
    compared = compare_scenarios(problem) if problem.scenarios else None
    explained, refused = [], None
    try:
        leader = explain(problem)
        explained.append(leader)
        order = [ranking.alternatives[i] for i in ranking.order]
        open_pairs = set(ranges.open_pairs())
        for above, below in pairwise(order):
            if (above, below) in open_pairs and below != leader.rival:
                explained.append(explain(problem, below))
    except RequestError as error:
        refused = str(error)
    lead = explained[0].gap if explained else None
    shown_ranges = ranges if is_additive else None  # the additive model's ranges do not describe other methods' ranks
    if not is_additive:
        said = (
            f"Ranked by {ranking.method_label}. The verdict below, the sensitivity and SMAA analyses and the "
            f"live view use the additive model (weighted sum) on the same values. {said}"
        )

    def every_figure(drawer: Any) -> dict[str, Any]:
        """The six figures, drawn by ``drawer``: the report's SVG charts, or matplotlib's (same names)."""
        drawn = {
            "contributions": drawer.contribution_bars(ranking),
            "weights": drawer.weights(problem, together),
            "sweeps": drawer.weight_sweeps(sensitivity.sweeps),
            "rank_acceptability": drawer.rank_acceptability(result),
            "central_weights": drawer.central_weights(result),
        }
        if sensitivity.tornado is not None:
            drawn["tornado"] = drawer.tornado(sensitivity.tornado)
        return drawn

    svgs: dict[str, str] = every_figure(charts)

    def draw() -> dict[str, Any]:
        """The same figures drawn by matplotlib, in the same order, for files and the library."""
        from model.render import figures as plots

        return every_figure(plots)

    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    crossover = top.crossover_text(
        problem, top.next_crossover(problem, sensitivity.stability), sensitivity.stability.winner
    )
    contents = "".join(f'<li><a href="#{ident}">{e(title)}</a></li>' for ident, title in CONTENTS)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(problem.title)}</title><style>{_asset('report.css')}</style></head><body>",
        top.header(problem),
        '<div class="fold"><div class="answer">',
        top.verdict(places, said),
        top.ranking_section(problem, ranking, additive, shown_ranges, lead, crossover),
        '</div><aside class="panel">',
        top.weights_panel(problem, compared, problem.method == "weighted_sum"),
        "</aside></div>",
        f'<nav id="contents" aria-label="contents"><h2>Contents</h2><ol>{contents}</ol></nav>',
        analyses.change(problem, sensitivity, drivers, svgs),
        analyses.acceptability(result, svgs),
        analyses.scenarios(problem, compared, svgs),
        analyses.methods(compare_methods(problem)),
        analyses.explain(problem, explained, refused, svgs),
        records.evidence(problem),
        records.uncited(uncited(problem)),
        records.sources(problem),
        records.manifest(manifest(problem, seed=seed), samples, when),
        f'<script type="application/json" id="report-data">{top.payload(problem, additive, compared, problem.method)}'
        "</script>",
        f"<script>{_asset('report.js')}</script>",
        "</body></html>",
    ]
    return Report("\n".join(parts), tuple(svgs), draw)


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
