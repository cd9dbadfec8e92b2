"""Evidence-backed multi-criteria decision engine.

Load a model whose every score cites a verified quote, rank its alternatives, and ask
what-if questions::

    >>> import model
    >>> problem = model.loads(model.demo.DEMO_YAML)
    >>> ranking = model.evaluate(problem)
    >>> ranking.winners
    ('Utopia',)
    >>> model.evaluate(problem.with_scenario("cheap_first")).winners
    ('Utopia',)

The public API is flat: :func:`load` / :func:`loads`, :func:`evaluate` (and :func:`evaluate_many` for a
stack of weight vectors in one call), and one entry point
per analysis — :func:`sensitivity` (every exact analysis), :func:`smaa`,
:func:`decision_drivers`, :func:`explain`, :func:`compare_scenarios`, :func:`diff`,
:func:`compare_methods`, :func:`rank_ranges`, :func:`uncited`, :func:`report` — plus
:mod:`plots` (figures) and :mod:`weighting` (AHP, rank order, swing, groups). The analyses,
the report and the figures are imported on first use, so ``import model`` stays light
(``check`` and ``rank`` never load scipy, pandas or matplotlib). Deeper module paths are
implementation.

The packages follow the data flow, and imports only go down it::

    model.errors, model.version                 issues and exceptions
    model.methods, model.weighting, model.display   kernels on arrays; the notebook mixin
    model.cells, model.problem                  columnar cells; the immutable problem
    model.ranking, model.batch                  evaluate and ties; many weight vectors at once
    model.read, model.analysis                  YAML → problem; problem → results
    model.render                                results → text, JSON, figures, HTML
    model.cli, model (this module)              parse, call, print
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from model import demo, weighting
from model.batch import BatchRanking, evaluate_many
from model.errors import ConfigError, Issue, ModelError, RequestError
from model.methods import METHODS, Method, MethodResult
from model.problem import Alternative, Criterion, DecisionProblem, Evidence, Scale, Scenario, Score, Source
from model.ranking import TIE_TOLERANCE, Ranking, evaluate
from model.read import load, loads
from model.version import __version__

if TYPE_CHECKING:
    from model.analysis.explain import compare_scenarios, diff, explain
    from model.analysis.method_comparison import compare_methods
    from model.analysis.rank_ranges import rank_ranges
    from model.analysis.sensitivity import analyse as sensitivity
    from model.analysis.smaa import decision_drivers, exact_first_rank_acceptability, smaa
    from model.analysis.uncited import uncited
    from model.render import figures as plots
    from model.render.html import build_report as report

_LAZY: dict[str, tuple[str, str | None]] = {
    "sensitivity": ("model.analysis.sensitivity", "analyse"),
    "smaa": ("model.analysis.smaa", "smaa"),
    "decision_drivers": ("model.analysis.smaa", "decision_drivers"),
    "exact_first_rank_acceptability": ("model.analysis.smaa", "exact_first_rank_acceptability"),
    "explain": ("model.analysis.explain", "explain"),
    "compare_scenarios": ("model.analysis.explain", "compare_scenarios"),
    "diff": ("model.analysis.explain", "diff"),
    "compare_methods": ("model.analysis.method_comparison", "compare_methods"),
    "rank_ranges": ("model.analysis.rank_ranges", "rank_ranges"),
    "uncited": ("model.analysis.uncited", "uncited"),
    "report": ("model.render.html", "build_report"),
    "plots": ("model.render.figures", None),
}


def __getattr__(name: str) -> Any:
    """The analyses, the report and the figures, imported on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "METHODS",
    "TIE_TOLERANCE",
    "Alternative",
    "BatchRanking",
    "ConfigError",
    "Criterion",
    "DecisionProblem",
    "Evidence",
    "Issue",
    "Method",
    "MethodResult",
    "ModelError",
    "Ranking",
    "RequestError",
    "Scale",
    "Scenario",
    "Score",
    "Source",
    "__version__",
    "compare_methods",
    "compare_scenarios",
    "decision_drivers",
    "demo",
    "diff",
    "evaluate",
    "evaluate_many",
    "exact_first_rank_acceptability",
    "explain",
    "load",
    "loads",
    "plots",
    "rank_ranges",
    "report",
    "sensitivity",
    "smaa",
    "uncited",
    "weighting",
]
