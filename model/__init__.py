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
"""

from model import demo
from model.errors import ConfigError, Issue, ModelError, RequestError
from model.methods import METHODS, Method
from model.methods.contract import MethodResult
from model.problem import Alternative, Criterion, DecisionProblem, Evidence, Scale, Scenario, Score, Source
from model.ranking import TIE_TOLERANCE, Ranking, evaluate
from model.read.loader import load, loads
from model.version import __version__

__all__ = [
    "METHODS",
    "TIE_TOLERANCE",
    "Alternative",
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
    "demo",
    "evaluate",
    "load",
    "loads",
]
