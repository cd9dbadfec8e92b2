"""AHP in relative measurement, as an aggregation kernel: the scores are ratio-scale measurements.

Each criterion's scores ``x_1 … x_m`` stand for the pairwise judgements ``a_ik = x_i / x_k``
(``x_k / x_i`` on a cost criterion). Such a matrix is perfectly consistent (``a_ik a_kl = a_il``,
``lambda_max = m``, CR = 0), so its principal eigenvector is known without computing it: the
column of the (oriented) scores normalised to sum 1 (distributive mode) or to a maximum of 1
(ideal mode). The pairwise judgements themselves (elicited, possibly inconsistent) are handled by
:func:`model.weighting.ahp_alternatives`, which this module mirrors for the consistent case.

May import numpy, :mod:`model.errors` and the other modules of :mod:`model.methods`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from model.methods.contract import MethodResult
from model.methods.inputs import FloatArray, MethodInputError, check_inputs

SYNTHESIS_MODES: tuple[str, ...] = ("distributive", "ideal")
"""Values of the ``synthesis`` option of :func:`ahp_relative` (Saaty 1994; Millet & Saaty 2000)."""


def ahp_relative(
    matrix: FloatArray,
    weights: FloatArray,
    *,
    scale_min: FloatArray,
    scale_max: FloatArray,
    is_benefit: NDArray[np.bool_],
    synthesis: str = "distributive",
) -> MethodResult:
    """AHP with the alternatives compared through their scores: ``P(a) = sum_j w_j l_j(a)``, renormalised.

    Local priorities, with ``y_j(a) = x_j(a)`` on a benefit and ``1 / x_j(a)`` on a cost criterion
    (the eigenvector of the consistent matrix ``a_ik = y_j(i) / y_j(k)``)::

        distributive   l_j(a) = y_j(a) / sum_b y_j(b)     (each criterion's priorities sum to 1)
        ideal          l_j(a) = y_j(a) / max_b y_j(b)     (the best alternative gets 1)

    The composite ``C(a) = sum_j w_j l_j(a)`` is divided by its sum, so the scores sum to 1 in
    both modes (in distributive mode ``C`` sums to 1 already; in ideal mode it is what Belton &
    Gear 1983 and Saaty 1994 print, kept in ``details["composite"]``).

    Assumes ratio-scale scores (a true zero: twice the score is twice as good), so every score
    must be > 0; a score ``<= 0`` is refused on every criterion, weighted or not, so that whether
    AHP can rank a problem never depends on the weights. Scaling one criterion's scores by a
    positive factor changes nothing. Distributive mode is the classic AHP and its ranks can
    reverse when an alternative is added or removed, even a copy of one already there (Belton &
    Gear 1983); ideal mode keeps the order of the others when the newcomer is not better than the
    current best on any criterion, a copy included (Saaty 1994; Millet & Saaty 2000), but not
    when it becomes the new best somewhere (Saaty & Vargas 1984). A dominating alternative never
    scores below the one it dominates.

    Details: ``local`` (``l_j(a)``, ``m x n``), ``composite`` (``C``) and ``contributions``
    (``w_j l_j(a) / sum_b C(b)``, whose rows sum to the score).

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill. — Belton, V. & Gear, T.
    (1983). On a short-coming of Saaty's method of analytic hierarchies. *Omega* 11(3), 228-230.
    — Saaty, T. L. & Vargas, L. G. (1984). The legitimacy of rank reversal. *Omega* 12(5),
    513-516. — Saaty, T. L. (1994). Highlights and critical points in the theory and application
    of the analytic hierarchy process. *EJOR* 74(3), 426-447. — Millet, I. & Saaty, T. L. (2000).
    On the relativity of relative measures: accommodating both rank preservation and rank
    reversals in the AHP. *EJOR* 121(1), 205-212.

    >>> result = ahp_relative(np.array([[1.0, 9.0], [9.0, 1.0], [1.0, 1.0]]), np.array([0.5, 0.5]),
    ...     scale_min=np.ones(2), scale_max=np.full(2, 9.0), is_benefit=np.array([True, True]))
    >>> (result.scores * 22).round(12).tolist()
    [10.0, 10.0, 2.0]
    >>> ahp_relative(np.array([[2.0], [4.0]]), np.ones(1), scale_min=np.ones(1), scale_max=np.full(1, 9.0),
    ...     is_benefit=np.array([False]), synthesis="ideal").details["local"].tolist()
    [[1.0], [0.5]]
    """
    matrix = np.asarray(matrix, dtype=float)
    check_inputs("AHP", matrix, weights, scale_min, scale_max, is_benefit)
    if not isinstance(synthesis, str) or synthesis not in SYNTHESIS_MODES:
        raise MethodInputError(
            f"AHP option synthesis must be one of {', '.join(map(repr, SYNTHESIS_MODES))}; got {synthesis!r}"
        )
    bad = np.argwhere(~(matrix > 0))
    if bad.size:
        i, j = (int(k) for k in bad[0])
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        raise MethodInputError(
            f"AHP needs positive, ratio-scale scores; got {matrix[i, j]:g} at alternative {i + 1}, criterion {j + 1} "
            f"(1-based){more}. Criterion {j + 1}'s scale is [{scale_min[j]:g}, {scale_max[j]:g}]: the scores stand "
            "for ratio judgements x_i / x_k, so a scale starting at 0 cannot be used (use one whose scores are all "
            "> 0, e.g. 1–9)",
            alternative=i,
            criterion=j,
        )
    with np.errstate(over="ignore"):
        oriented = np.where(is_benefit, matrix, 1.0 / matrix)
    huge = np.argwhere(np.isinf(oriented))
    if huge.size:  # 1 / x overflows for a cost score below ~5.6e-309
        i, j = (int(k) for k in huge[0])
        raise MethodInputError(
            f"AHP cannot invert the cost score {matrix[i, j]:g} at alternative {i + 1}, criterion {j + 1} "
            "(1-based): its reciprocal overflows",
            alternative=i,
            criterion=j,
        )
    # Divide by the largest value first: the ratios are what matters, and the sums stay in range.
    ratios = oriented / oriented.max(axis=0)
    local = ratios if synthesis == "ideal" else ratios / ratios.sum(axis=0)
    weighted = local * weights
    composite = weighted.sum(axis=1)
    total = float(composite.sum())  # > 0: every l_j > 0 and the weights sum to 1
    details = {"local": local, "composite": composite, "contributions": weighted / total}
    return MethodResult(composite / total, details)
