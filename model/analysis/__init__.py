"""Analyses of a problem: exact sensitivity, SMAA, explain / compare / diff, method comparison.

Each analysis takes a :class:`~model.problem.DecisionProblem` and returns a frozen result
object (the numbers as arrays, a ``table`` DataFrame and ``to_dict()``): results are data,
never text. :mod:`.sensitivity` (exact, no sampling), :mod:`.smaa` (Monte Carlo, seeded),
:mod:`.explain` (explain, compare scenarios, diff two versions) and
:mod:`.method_comparison`. May import numpy, the core, :mod:`model.methods` and
:mod:`model.weighting`; scipy only inside the analyses that need it.
"""
