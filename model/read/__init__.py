"""Reading a model: the defensive YAML reader, the schema, quote verification and the loader.

``criteria.yaml`` becomes an immutable :class:`~model.problem.DecisionProblem` here and only
here: :mod:`.yamlsafe` reads located YAML data, :mod:`.schema` turns it into the parts of a
problem collecting every issue, :mod:`.quotes` finds each quote in its source, and
:mod:`.loader` puts them together. Nothing outside this package knows YAML exists. May import
the core (:mod:`model.problem`, :mod:`model.ranking`, :mod:`model.errors`),
:mod:`model.methods` and :mod:`model.weighting`.
"""

from model.read.loader import load, loads

__all__ = ["load", "loads"]
