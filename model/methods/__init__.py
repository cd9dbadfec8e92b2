"""Aggregation methods: kernels on arrays and the registry that names them.

Layout: :mod:`.contract` (what a kernel takes and returns), :mod:`.inputs` (the checks every
kernel runs and :class:`MethodInputError`), :mod:`.normalize` (scale normalisation, value
functions), one module per method family (:mod:`.additive`: weighted sum and product;
:mod:`.ideal`: TOPSIS and VIKOR; :mod:`.promethee`: PROMETHEE I and II; :mod:`.ahp`: AHP on
ratio-scale scores, distributive or ideal synthesis) and
:mod:`.registry` (:data:`METHODS`). Imports numpy and :mod:`model.errors` only: kernels never
see names, evidence or files.
"""

from model.methods.additive import weighted_product, weighted_sum
from model.methods.ahp import ahp_relative
from model.methods.contract import Kernel, MethodResult
from model.methods.ideal import topsis, vikor
from model.methods.inputs import MethodInputError
from model.methods.promethee import promethee_i, promethee_ii
from model.methods.registry import METHODS, Method, kernel_options

__all__ = [
    "METHODS",
    "Kernel",
    "Method",
    "MethodInputError",
    "MethodResult",
    "ahp_relative",
    "kernel_options",
    "promethee_i",
    "promethee_ii",
    "topsis",
    "vikor",
    "weighted_product",
    "weighted_sum",
]
