"""Aggregation methods: kernels on arrays and the registry that names them.

Holds the kernel contract (:mod:`.contract`), normalisation (:mod:`.normalize`), each method
family and the :data:`METHODS` registry. Imports numpy and :mod:`model.errors` only: kernels
never see names, evidence or files.
"""

from model.methods.contract import Kernel, MethodResult
from model.methods.registry import METHODS, Method, MethodInputError, topsis, vikor, weighted_product, weighted_sum

__all__ = [
    "METHODS",
    "Kernel",
    "Method",
    "MethodInputError",
    "MethodResult",
    "topsis",
    "vikor",
    "weighted_product",
    "weighted_sum",
]
