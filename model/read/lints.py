"""Consistency lints across cells: evidence used in ways a hostile reviewer would question.

* the same passage (overlapping quote spans) cited for the same criterion of two alternatives
  with different values (``same_passage``);
* the same passage cited for two criteria of one alternative (``counted_twice``);
* a scale end (the scale's min or max, or its first or last label) resting on a single quote,
  or at high confidence on one paragraph (``scale_end``).

Each is a warning attached to a cell; a cell may accept it with a stated reason
(``accept: {code: reason}``), and a pair warning accepted by either of its cells is accepted.

May import the standard library, the core (:mod:`model.problem`) and :mod:`model.read.rules`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from model.problem import Criterion, Evidence, Score
from model.read.rules import Finding

Cell = tuple[str, str]


@dataclass(frozen=True)
class Lint:
    """A lint finding on ``cell`` (its quote ``quote``, or None for the cell), and the other cell involved."""

    cell: Cell
    quote: int | None
    finding: Finding
    other: Cell | None = None


def _overlap(a: Evidence, b: Evidence) -> bool:
    if a.source != b.source or a.paragraph is None or a.paragraph != b.paragraph:
        return False
    return any(x0 < y1 and y0 < x1 for x0, x1 in a.spans for y0, y1 in b.spans)


def _where(item: Evidence) -> str:
    return f"{item.source}:{item.line}"


def _value_key(score: Score) -> tuple[str, float, float]:
    return score.kind, score.low, score.high


def lint_cells(scores: Mapping[Cell, Score], criteria: Sequence[Criterion]) -> list[Lint]:
    """Every consistency warning of a set of verified cells, in file order."""
    found: list[Lint] = []
    cells = list(scores.items())
    quotes = [
        (cell, index, item) for cell, score in cells for index, item in enumerate(score.evidence) if item.verified
    ]
    seen: set[tuple[Cell, Cell, str]] = set()
    for position, (cell, index, item) in enumerate(quotes):
        for other_cell, _, other in quotes[:position]:
            if other_cell == cell or not _overlap(item, other):
                continue
            (alternative, criterion), (other_alternative, other_criterion) = cell, other_cell
            if criterion == other_criterion and _value_key(scores[cell]) != _value_key(scores[other_cell]):
                key = (other_cell, cell, "same_passage")
                if key in seen:
                    continue
                seen.add(key)
                message = (
                    f"expected the same value for the same passage ({_where(item)}), got "
                    f"{other_alternative}.{criterion} = {scores[other_cell].describe()} and "
                    f"{alternative}.{criterion} = {scores[cell].describe()}"
                )
                hint = "the same clause gets the same value for every alternative it describes"
                found.append(Lint(cell, index, Finding("same_passage", "warning", message, hint), other_cell))
            elif alternative == other_alternative and criterion != other_criterion:
                key = (other_cell, cell, "counted_twice")
                if key in seen:
                    continue
                seen.add(key)
                message = (
                    f"expected each passage to support one criterion, got the same passage ({_where(item)}) "
                    f"counted twice: for {alternative}.{other_criterion} and {alternative}.{criterion}"
                )
                hint = (
                    "a remark supports only the criterion it is about; if both cells really rest on it, "
                    "say why under the cell's accept: {counted_twice: ...}"
                )
                found.append(Lint(cell, index, Finding("counted_twice", "warning", message, hint), other_cell))
    by_id = {criterion.id: criterion for criterion in criteria}
    for cell, score in cells:
        definition = by_id.get(cell[1])
        if definition is None or score.kind not in ("point", "label"):
            continue
        scale = definition.scale
        ends = {scale.min, scale.max}
        if scale.labels:
            ends |= {min(v for _, v in scale.labels), max(v for _, v in scale.labels)}
        if score.low not in ends:
            continue
        verified = [item for item in score.evidence if item.verified]
        paragraphs = {(item.source, item.paragraph) for item in verified}
        if len(verified) == 1 or (score.confidence == "high" and len(paragraphs) == 1):
            why = (
                "a single quote"
                if len(verified) == 1
                else f"{len(verified)} quotes from one paragraph at confidence high"
            )
            found.append(
                Lint(
                    cell,
                    None,
                    Finding(
                        "scale_end",
                        "warning",
                        f"expected strong evidence for a scale end ({score.describe()}), got {why}",
                        "a scale end needs evidence that meets the criterion's own definition of that end; "
                        "cite more, lower the confidence, or accept it with a reason (accept: {scale_end: ...})",
                    ),
                )
            )
    return found
