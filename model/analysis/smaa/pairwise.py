"""Exact pairwise winning indices of SMAA when the scores are fixed and the weights uniform on the simplex.

``p_ab = P(S_a(w) > S_b(w))`` for ``w`` uniform on the simplex is one minus the share of the
simplex where the linear function ``d · w`` (``d = v_a - v_b``, per criterion) is at most zero.
That share is the content of a frustum of the simplex, given by Varsi's recursion as Ali
formulated it: with the vertex values split into negatives ``x_1 … x_J`` and non-negatives
``y_1 … y_K``, start from ``a = (1, 0, …, 0)`` (length ``K + 1``) and for each ``x_i`` update
``a_k = (y_k a_k - x_i a_{k-1}) / (y_k - x_i)`` for ``k = 1 … K``; the share is ``a_K``. Every
update is a convex combination (``y_k >= 0 > x_i``), so the recursion is numerically stable,
unlike the divided-difference formula. Arrays in, arrays out: one recursion for many pairs at
once, vectorised over the pairs.

Varsi, G. (1973). The multidimensional content of the frustum of the simplex. *Pacific Journal
of Mathematics* 46(1), 303–314. Ali, M.M. (1973). Content of the frustum of a simplex.
*Pacific Journal of Mathematics* 48(2), 313–322.

May import numpy.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

EXACT_PAIRWISE_BUDGET = 2**26
"""Most (ordered pair × update) steps the exact pairwise indices may take (about a quarter of a
second); past it the Monte Carlo estimate, budgeted as before, is used."""

_PAIRS_PER_BLOCK = 1 << 14
"""Pairs updated together: bounded scratch (a few MB at 50 criteria), whatever the number of pairs."""


def share_at_most_zero(gaps: FloatArray) -> FloatArray:
    """For each row ``d`` of ``gaps`` (pairs × criteria), the share of the simplex where ``d · w <= 0``.

    ``(-1, 1, 0)``: ``w_1 >= w_2``, half the triangle; ``(-1, 1, 1)``: ``w_1 >= 1/2``, a quarter;
    ``(-1, 3, 3)``: ``w_1 >= 3/4``, a sixteenth; ``(2, 0, 1)``: never below zero.

    >>> share_at_most_zero(np.array([[-1.0, 1.0, 0.0], [-1.0, 1.0, 1.0], [-1.0, 3.0, 3.0], [2.0, 0.0, 1.0]])).tolist()
    [0.5, 0.25, 0.0625, 0.0]
    """
    rows, n = gaps.shape
    ordered = np.sort(gaps, axis=1)  # negatives first: x_1 … x_J, then y_1 … y_K
    negatives = np.count_nonzero(ordered < 0, axis=1)
    positives = n - negatives
    # y_k of each row at column k - 1, padded with the row's last value where k > K (never used)
    columns = np.minimum(negatives[:, None] + np.arange(n), n - 1)
    ys = np.take_along_axis(ordered, columns, axis=1)
    share = np.zeros((rows, n + 1))
    share[:, 0] = 1.0
    for i in range(int(negatives.max(initial=0))):
        updating = negatives > i
        x = ordered[:, i]
        for k in range(1, int(positives[updating].max(initial=0)) + 1):
            step = updating & (positives >= k)
            y = ys[:, k - 1]
            blended = (y * share[:, k] - x * share[:, k - 1]) / np.where(step, y - x, 1.0)
            share[:, k] = np.where(step, blended, share[:, k])
    return np.asarray(share[np.arange(rows), positives], dtype=np.float64)


def exact_work(m: int, n: int) -> int:
    """Update steps :func:`exact_pairwise_winning` takes at most for ``m`` alternatives on ``n`` criteria."""
    return m * (m - 1) * (n // 2) * (n - n // 2)


def exact_pairwise_winning(values: FloatArray) -> FloatArray:
    """``P(S_a > S_b)`` for every ordered pair, weights uniform on the simplex, scores fixed (``values``:
    alternatives × criteria on the additive model's 0–1 value scale). The diagonal is 0; two
    alternatives with the same values never beat each other (their tie has probability one).

    >>> exact_pairwise_winning(np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])).round(3).tolist()
    [[0.0, 0.5, 0.5], [0.5, 0.0, 0.5], [0.5, 0.5, 0.0]]
    """
    m = values.shape[0]
    first, second = np.nonzero(~np.eye(m, dtype=bool))
    winning = np.zeros((m, m))
    for start in range(0, len(first), _PAIRS_PER_BLOCK):
        a, b = first[start : start + _PAIRS_PER_BLOCK], second[start : start + _PAIRS_PER_BLOCK]
        gaps = values[a] - values[b]
        beats = 1.0 - share_at_most_zero(gaps)
        beats[~np.any(gaps != 0, axis=1)] = 0.0  # identical alternatives: always tied, never ahead
        winning[a, b] = np.clip(beats, 0.0, 1.0)
    return winning


__all__ = ["EXACT_PAIRWISE_BUDGET", "exact_pairwise_winning", "exact_work", "share_at_most_zero"]
