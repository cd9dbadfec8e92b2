"""Columnar storage of a problem's alternatives and cells: arrays built once, objects made on demand.

A :class:`ScoreGrid` is the read-only mapping ``(alternative, criterion) → Score`` that a
:class:`~model.problem.DecisionProblem` holds. Underneath it keeps what every analysis reads as
arrays (lows, highs, kinds, confidences), built once; a :class:`~model.parts.Score` object with
its evidence exists only for the cells that were given as objects (a model file), and is
made when asked for anywhere else (a matrix). So a 100,000 × 20 matrix costs a few arrays,
not two million frozen objects, while ``problem.scores[("Cuba", "host_ties")]`` still works.

:class:`Alternatives` does the same for the alternatives: their names as one tuple, an
:class:`~model.parts.Alternative` object made when asked for unless one with a description or
aliases was given.

May import numpy and :mod:`model.parts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from model.parts import CONFIDENCES, Alternative, Confidence, Score, ValueKind

KINDS: tuple[ValueKind, ...] = ("point", "label", "interval", "unknown")
"""The kinds of a cell, in the order of their codes in :attr:`ScoreGrid.kinds`."""

NO_CONFIDENCE = len(CONFIDENCES)
"""The code in :attr:`ScoreGrid.confidences` of a cell without a stated confidence."""

_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}
_CONFIDENCE_CODE: dict[Confidence | None, int] = {c: code for code, c in enumerate(CONFIDENCES)}
_CONFIDENCE_CODE[None] = NO_CONFIDENCE


def _read_only(array: NDArray[Any]) -> NDArray[Any]:
    array.flags.writeable = False
    return array


class Alternatives(Sequence[Alternative]):
    """The alternatives of a problem, in order: a tuple of names, objects on demand.

    Compares equal to any sequence of the same :class:`~model.parts.Alternative` objects, a
    tuple included.

    >>> alternatives = Alternatives.of_names(["Atlantis", "Utopia"])
    >>> alternatives[1], len(alternatives)
    (Alternative(name='Utopia', description=None, aliases=()), 2)
    >>> alternatives == (Alternative("Atlantis"), Alternative("Utopia"))
    True
    """

    __slots__ = ("_count", "_described", "_names", "_prefix")

    def __init__(self, names: tuple[str, ...], described: Mapping[str, Alternative]) -> None:
        self._names: tuple[str, ...] | None = names
        self._count = len(names)
        self._prefix = ""
        self._described = dict(described)  # only the alternatives that say more than their name

    @classmethod
    def of(cls, alternatives: Iterable[Alternative]) -> Alternatives:
        if isinstance(alternatives, Alternatives):
            return alternatives
        given = tuple(alternatives)
        described = {alt.name: alt for alt in given if alt != Alternative(alt.name)}
        return cls(tuple(alt.name for alt in given), described)

    @classmethod
    def of_names(cls, names: Iterable[str]) -> Alternatives:
        return cls(tuple(names), {})

    @classmethod
    def numbered(cls, count: int, prefix: str = "A") -> Alternatives:
        """``A1 … An``, distinct by construction; the names are spelled out when first asked for.

        >>> Alternatives.numbered(3).names
        ('A1', 'A2', 'A3')
        """
        alternatives = cls((), {})
        alternatives._names, alternatives._count, alternatives._prefix = None, count, prefix
        return alternatives

    @property
    def names(self) -> tuple[str, ...]:
        """Every name, in order."""
        if self._names is None:  # numbered: 100,000 names cost more than ranking them, so only on demand
            self._names = tuple(f"{self._prefix}{i}" for i in range(1, self._count + 1))
        return self._names

    def _make(self, name: str) -> Alternative:
        found = self._described.get(name)
        return found if found is not None else Alternative(name)

    @overload
    def __getitem__(self, index: int) -> Alternative: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Alternative, ...]: ...
    def __getitem__(self, index: int | slice) -> Alternative | tuple[Alternative, ...]:
        if isinstance(index, slice):
            return tuple(self._make(name) for name in self.names[index])
        return self._make(self.names[index])

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Alternative]:
        return (self._make(name) for name in self.names)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Alternatives):
            return self.names == other.names and self._described == other._described
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, so it may not hash unlike one

    def __repr__(self) -> str:
        shown = ", ".join(repr(name) for name in self.names[:5])
        more = f", … {len(self.names) - 5} more" if len(self.names) > 5 else ""
        return f"Alternatives({shown}{more})"


class ScoreGrid(Mapping[tuple[str, str], Score]):
    """Every cell of a problem: a read-only mapping ``(alternative, criterion) → Score`` over arrays.

    The arrays (alternatives × criteria, read-only): :attr:`lows`, :attr:`highs`,
    :attr:`kinds` (codes into :data:`KINDS`) and :attr:`confidences` (codes into
    :data:`~model.parts.CONFIDENCES`, :data:`NO_CONFIDENCE` for none). Iteration runs over the
    alternatives in order and the criteria in order within each.

    >>> rows = Alternatives.of_names(["A", "B"])
    >>> grid = ScoreGrid.of_arrays(rows, ("c",), np.array([[1.0], [2.0]]), np.array([[1.0], [3.0]]))
    >>> grid[("B", "c")].kind, grid[("B", "c")].high, grid.kinds.tolist()
    ('interval', 3.0, [[0], [2]])
    """

    def __init__(
        self,
        alternatives: Alternatives,
        criteria: tuple[str, ...],
        *,
        lows: NDArray[np.float64],
        highs: NDArray[np.float64],
        kinds: NDArray[np.int8],
        confidences: NDArray[np.int8],
        cells: Mapping[tuple[str, str], Score] | None = None,
        rationale: str | None = None,
    ) -> None:
        self.owner = alternatives  # the alternatives the rows belong to (names made on demand)
        self.criteria = criteria
        self.lows = _read_only(lows)
        self.highs = _read_only(highs)
        self.kinds = _read_only(kinds)
        self.confidences = _read_only(confidences)
        self._cells = cells  # the cells given as objects (every cell, or None: all made on demand)
        self.rationale = rationale

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The alternatives' names, in row order."""
        return self.owner.names

    @classmethod
    def of_scores(
        cls, owner: Alternatives, criteria: tuple[str, ...], scores: Mapping[tuple[str, str], Score]
    ) -> ScoreGrid:
        """A grid of these Score objects; a ``ValueError`` listing missing cells if any is missing.

        A grid over the same alternatives and criteria is returned as it is: O(n), no copy.
        """
        same_rows = isinstance(scores, ScoreGrid) and (scores.owner is owner or scores.alternatives == owner.names)
        if isinstance(scores, ScoreGrid) and same_rows and scores.criteria == criteria:
            return scores
        alternatives = owner.names
        missing = [(alt, crit) for alt in alternatives for crit in criteria if (alt, crit) not in scores]
        if missing:
            raise ValueError(f"every cell needs a score; missing {missing[:5]}")
        m, n = len(alternatives), len(criteria)
        cells = {(alt, crit): scores[(alt, crit)] for alt in alternatives for crit in criteria}
        ordered = list(cells.values())
        return cls(
            owner,
            criteria,
            lows=np.array([s.low for s in ordered], dtype=float).reshape(m, n),
            highs=np.array([s.high for s in ordered], dtype=float).reshape(m, n),
            kinds=np.array([_KIND_CODE[s.kind] for s in ordered], dtype=np.int8).reshape(m, n),
            confidences=np.array([_CONFIDENCE_CODE[s.confidence] for s in ordered], dtype=np.int8).reshape(m, n),
            cells=cells,
        )

    @classmethod
    def of_arrays(
        cls,
        alternatives: Alternatives,
        criteria: tuple[str, ...],
        lows: NDArray[np.float64],
        highs: NDArray[np.float64],
        *,
        confidence: Confidence = "high",
        rationale: str | None = "matrix input",
    ) -> ScoreGrid:
        """Points where ``lows == highs``, intervals elsewhere, all at one confidence; no evidence.

        The grid keeps the arrays it is given (made read-only), without a copy: pass arrays
        nobody else holds. Pass the same array twice for a matrix of points.
        """
        if lows is highs:
            kinds = np.full(lows.shape, _KIND_CODE["point"], dtype=np.int8)
        else:
            kinds = np.where(lows == highs, _KIND_CODE["point"], _KIND_CODE["interval"]).astype(np.int8)
        confidences = np.full(lows.shape, _CONFIDENCE_CODE[confidence], dtype=np.int8)
        return cls(
            alternatives, criteria, lows=lows, highs=highs, kinds=kinds, confidences=confidences, rationale=rationale
        )

    # ----- indices ---------------------------------------------------------------------
    @cached_property
    def alternative_index(self) -> Mapping[str, int]:
        return {name: i for i, name in enumerate(self.alternatives)}

    @cached_property
    def criterion_index(self) -> Mapping[str, int]:
        return {cid: j for j, cid in enumerate(self.criteria)}

    def mask(self, kind: ValueKind) -> NDArray[np.bool_]:
        """True where a cell is of this kind (alternatives × criteria); kept, as the grid is shared."""
        found = self._masks.get(kind)
        if found is None:
            found = self._masks[kind] = _read_only(self.kinds == _KIND_CODE[kind])
        return found

    @cached_property
    def _masks(self) -> dict[ValueKind, NDArray[np.bool_]]:
        return {}

    @cached_property
    def midpoints(self) -> NDArray[np.float64]:
        """``(low + high) / 2`` of every cell, computed once for every problem that shares the grid
        (``with_weights`` does); a grid of points is its own midpoints ((x + x) / 2 == x exactly)."""
        if self.lows is self.highs:
            return self.lows
        return _read_only((self.lows + self.highs) / 2)

    @property
    def has_objects(self) -> bool:
        """True when the cells were given as Score objects (with their evidence), not as arrays."""
        return self._cells is not None

    # ----- the mapping -----------------------------------------------------------------
    def __getitem__(self, key: tuple[str, str]) -> Score:
        if self._cells is not None:
            return self._cells[key]
        try:
            alternative, criterion = key
            i, j = self.alternative_index[alternative], self.criterion_index[criterion]
        except (KeyError, TypeError, ValueError):
            raise KeyError(key) from None
        confidence = int(self.confidences[i, j])
        return Score(
            alternative,
            criterion,
            KINDS[int(self.kinds[i, j])],
            float(self.lows[i, j]),
            float(self.highs[i, j]),
            None if confidence == NO_CONFIDENCE else CONFIDENCES[confidence],
            (),
            self.rationale,
        )

    def __contains__(self, key: object) -> bool:
        if self._cells is not None:
            return key in self._cells
        if not (isinstance(key, tuple) and len(key) == 2):
            return False
        return key[0] in self.alternative_index and key[1] in self.criterion_index

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((alt, crit) for alt in self.alternatives for crit in self.criteria)

    def __len__(self) -> int:
        return len(self.owner) * len(self.criteria)

    def __repr__(self) -> str:
        return f"<ScoreGrid {len(self.owner)} alternatives × {len(self.criteria)} criteria>"


__all__ = ["KINDS", "NO_CONFIDENCE", "Alternatives", "ScoreGrid"]
