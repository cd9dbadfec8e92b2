"""Many what-ifs in one call: a problem evaluated under a stack of weight vectors.

:func:`evaluate_many` ranks a problem once per row of an ``(S, n)`` array of weights and
returns every score and rank as arrays (:class:`BatchRanking`). Row ``k`` gives the same
scores, to the bit, and the same ranks as ``evaluate(problem.with_weights(row k))``: the
weights are normalised the same way, the scores formed by the same product, and ties decided by
the same policy (:func:`model.ranking.competition_ranks_rows`). For a method whose score is
linear in the weights (the weighted sum) the kernel runs once and each vector costs one
product; any other method runs its kernel once per vector.

May import numpy, :mod:`model.problem`, :mod:`model.ranking`, :mod:`model.methods`,
:mod:`model.display` and :mod:`model.errors`; pandas only when a table is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from model.display import HtmlTable
from model.errors import RequestError
from model.methods import METHODS
from model.parts import MAX_MAGNITUDE, short_number
from model.problem import DecisionProblem
from model.ranking import TIE_TOLERANCE, Ranking, competition_ranks_rows, evaluate, kernel_options, method_named

if TYPE_CHECKING:
    import pandas as pd

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

MAX_BATCH_CELLS = 10_000_000
"""Most (weight vector, alternative) pairs one call holds: scores, ranks and order take 24 bytes
each, so 240 MB; evaluate a longer stack in slices."""


def _weight_rows(problem: DecisionProblem, weights: object) -> FloatArray:
    """The raw weights as an ``(S, n)`` float array, validated as :meth:`DecisionProblem.with_weights` does."""
    criteria = problem.criterion_ids
    n = len(criteria)
    if hasattr(weights, "to_numpy") and hasattr(weights, "columns"):
        frame: Any = weights  # a pandas DataFrame whose columns name the criteria
        columns = [str(c) for c in frame.columns]
        unknown = [c for c in columns if c not in criteria]
        if unknown:
            problem.criterion(unknown[0])  # the RequestError with its did-you-mean
        missing = [c for c in criteria if c not in columns]
        if missing:
            raise RequestError(f"weights: expected a column for every criterion, missing {', '.join(missing)}")
        weights = frame[list(criteria)].to_numpy(dtype=float)
    elif isinstance(weights, Sequence) and weights and all(isinstance(row, Mapping) for row in weights):
        base = dict(zip(criteria, problem.weights.tolist(), strict=True))
        for row in weights:
            for key in row:
                problem.criterion(str(key))
        weights = [[row.get(c, base[c]) for c in criteria] for row in weights]
    try:
        rows = np.array(weights, dtype=float)
    except (TypeError, ValueError) as error:
        raise RequestError(
            f"weights: expected an (S, {n}) array of numbers, got {type(weights).__name__} ({error})"
        ) from None
    if rows.ndim == 1:
        rows = rows[None, :]
    if rows.ndim != 2 or rows.shape[1] != n or rows.shape[0] < 1:
        raise RequestError(
            f"weights: expected an (S, {n}) array, one weight per criterion ({', '.join(criteria)}) in each row, "
            f"got shape {rows.shape}"
        )
    if rows.shape[0] * len(problem.alternative_names) > MAX_BATCH_CELLS:
        raise RequestError(
            f"weights: expected at most {MAX_BATCH_CELLS:,} (vector, alternative) pairs per call, got "
            f"{rows.shape[0]:,} vectors × {len(problem.alternative_names):,} alternatives; evaluate the stack in slices"
        )
    bad = ~((rows >= 0) & (rows <= MAX_MAGNITUDE))  # NaN fails both comparisons
    if bad.any():
        k, j = (int(x) for x in np.argwhere(bad)[0])
        raise RequestError(
            f"weights[{k}, {j}] ({criteria[j]}): expected a number in [0, {MAX_MAGNITUDE:g}], "
            f"got {short_number(float(rows[k, j]))}"
        )
    zero = np.flatnonzero(rows.sum(axis=1) <= 0)
    if zero.size:
        raise RequestError(f"weights[{int(zero[0])}]: expected at least one positive weight, got all weights zero")
    return rows


@dataclass(frozen=True, eq=False, repr=False)
class BatchRanking(HtmlTable):
    """One ranking per weight vector: scores, ranks and best-first orders as ``(S, m)`` arrays.

    ``weights`` holds the normalised vectors (each row sums to 1). Ties follow the policy of
    :func:`model.evaluate` row by row. :meth:`ranking` gives row ``k`` as a full
    :class:`~model.ranking.Ranking`, with its intermediates.
    """

    problem: DecisionProblem
    method: str
    weights: FloatArray  # (S, n), rows sum to 1
    scores: FloatArray  # (S, m)
    ranks: IntArray  # (S, m), 1 = best, ties shared
    order: IntArray  # (S, m), best first
    higher_is_better: bool = True
    tolerance: float = TIE_TOLERANCE

    def __len__(self) -> int:
        return int(self.scores.shape[0])

    @property
    def alternatives(self) -> tuple[str, ...]:
        return self.problem.alternative_names

    @property
    def criteria(self) -> tuple[str, ...]:
        return self.problem.criterion_ids

    @cached_property
    def first_counts(self) -> IntArray:
        """``(m,)``: how many vectors rank each alternative first (tied first places count for each)."""
        return np.asarray(np.count_nonzero(self.ranks == 1, axis=0), dtype=np.int64)

    def _caption_extra(self) -> str:
        return f"{len(self):,} weight vectors · {METHODS[self.method].label}"

    @property
    def table(self) -> pd.DataFrame:
        """Per alternative: the share of vectors that rank it first, and its mean, best and worst rank."""
        import pandas as pd

        frame = pd.DataFrame(
            {
                "alternative": self.alternatives,
                "first": self.first_counts / len(self),
                "mean_rank": self.ranks.mean(axis=0),
                "best_rank": self.ranks.min(axis=0),
                "worst_rank": self.ranks.max(axis=0),
            }
        )
        return frame.sort_values(["first", "mean_rank"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def ranking(self, k: int) -> Ranking:
        """Row ``k`` as a full :class:`~model.ranking.Ranking` (with its contributions and flags)."""
        if not -len(self) <= k < len(self):
            raise RequestError(f"ranking: expected a row in [0, {len(self)}), got {k}")
        row = self.weights[k]
        note = f"row {k % len(self)} of a batch of {len(self)} weight vectors"
        problem = self.problem.with_weights(dict(zip(self.criteria, row.tolist(), strict=True)), note=note)
        return evaluate(problem, self.method)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: the method, the number of vectors, and per alternative its first
        count, mean, best and worst rank (the full arrays stay in ``scores`` and ``ranks``)."""
        return {
            "method": self.method,
            "vectors": len(self),
            "higher_is_better": self.higher_is_better,
            "tie_tolerance": self.tolerance,
            "alternatives": {
                alt: {
                    "first": int(self.first_counts[i]),
                    "mean_rank": float(self.ranks[:, i].mean()),
                    "best_rank": int(self.ranks[:, i].min()),
                    "worst_rank": int(self.ranks[:, i].max()),
                }
                for i, alt in enumerate(self.alternatives)
            },
        }


def evaluate_many(problem: DecisionProblem, weights: object, method: str | None = None) -> BatchRanking:
    """Rank ``problem`` under each of a stack of weight vectors, in one call.

    Parameters
    ----------
    problem
        The decision problem.
    weights
        ``(S, n)`` raw non-negative weights, one row per what-if and one column per criterion in
        the problem's order (each row is normalised to sum to 1); or a DataFrame whose columns
        name the criteria; or a sequence of mappings ``{criterion: weight}`` (criteria a mapping
        leaves out keep the problem's weight), as :meth:`DecisionProblem.with_weights` takes.
    method
        A registered method (default: the problem's).

    Row ``k`` equals ``evaluate(problem.with_weights(row k), method)``: the same scores to the
    bit and the same ranks. At most :data:`MAX_BATCH_CELLS` (vector, alternative) pairs.

    >>> import model
    >>> problem = model.loads(model.demo.DEMO_YAML)
    >>> batch = evaluate_many(problem, [[3, 1], [1, 3], [1, 1]])
    >>> batch.scores.round(4).tolist()
    [[0.5, 0.6875], [0.5, 0.5625], [0.5, 0.625]]
    >>> batch.ranks.tolist()
    [[2, 1], [2, 1], [2, 1]]
    """
    name, spec = method_named(problem, method)
    raw = _weight_rows(problem, weights)
    normalized = raw / raw.sum(axis=1, keepdims=True)
    m = len(problem.alternative_names)
    scores = np.empty((len(raw), m))
    options: dict[str, Any] = kernel_options(problem, name)
    inputs: dict[str, Any] = {
        "scale_min": problem.scale_min,
        "scale_max": problem.scale_max,
        "is_benefit": problem.is_benefit,
    }
    try:
        if spec.linear_in is not None:
            values = spec.run(problem.values, normalized[0], **inputs, **options).details[spec.linear_in]
            for k, row in enumerate(normalized):
                # the kernel's own product (a matrix-vector product per row: one matrix-matrix
                # product would round differently in the last bit)
                np.matmul(values, row, out=scores[k])
        else:
            for k, row in enumerate(normalized):
                scores[k] = spec.run(problem.values, row, **inputs, **options).scores
    except ValueError as error:
        raise RequestError(f"method {name!r} cannot rank this problem: {error}") from None
    ranks, order = competition_ranks_rows(scores, higher_is_better=spec.higher_is_better)
    for array in (normalized, scores, ranks, order):
        array.flags.writeable = False
    return BatchRanking(
        problem=problem,
        method=name,
        weights=normalized,
        scores=scores,
        ranks=ranks,
        order=order,
        higher_is_better=spec.higher_is_better,
    )


__all__ = ["MAX_BATCH_CELLS", "BatchRanking", "evaluate_many"]
