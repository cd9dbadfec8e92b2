"""The kernel contract shared by every aggregation method: arrays in, scores and intermediates out.

Kept apart from the registry (:mod:`model.methods`) so that method modules such as
:mod:`model.methods.promethee` can build on it while the registry imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


class LazyDetails(Mapping[str, NDArray[Any]]):
    """A kernel's intermediates, some computed only when first read (and then kept, read-only).

    A weighted sum's contributions (``w_j v_j(a)``, alternatives × criteria) cost as much as the
    score itself; a ranking of 100,000 alternatives that nobody explains never needs them.

    >>> details = LazyDetails({"normalized": np.ones((2, 2))}, {"double": lambda: np.full((2, 2), 2.0)})
    >>> sorted(details), details["double"].flags.writeable
    (['double', 'normalized'], False)
    """

    def __init__(self, ready: Mapping[str, NDArray[Any]], later: Mapping[str, Callable[[], NDArray[Any]]]) -> None:
        self._ready = dict(ready)
        self._later = dict(later)
        for array in self._ready.values():
            array.flags.writeable = False

    def __getitem__(self, key: str) -> NDArray[Any]:
        if key not in self._ready:
            make = self._later.pop(key)  # KeyError for a name that is neither ready nor pending
            array = make()
            array.flags.writeable = False
            self._ready[key] = array
        return self._ready[key]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._ready, *self._later])

    def __len__(self) -> int:
        return len(self._ready) + len(self._later)

    def __contains__(self, key: object) -> bool:
        return key in self._ready or key in self._later

    def __repr__(self) -> str:
        return f"LazyDetails({', '.join(self)})"


class MethodResult(NamedTuple):
    """What a kernel returns: one score per alternative and its named intermediates."""

    scores: FloatArray
    details: Mapping[str, NDArray[Any]]


class Kernel(Protocol):
    def __call__(
        self,
        matrix: FloatArray,
        weights: FloatArray,
        *,
        scale_min: FloatArray,
        scale_max: FloatArray,
        is_benefit: NDArray[np.bool_],
    ) -> MethodResult: ...
