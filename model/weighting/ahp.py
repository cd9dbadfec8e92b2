"""The analytic hierarchy process: pairwise judgements → reciprocal matrix → priorities, with
λmax, CI, CR (Saaty's or Alonso & Lamata's random index), GCI and the least consistent
judgement; the group's geometric mean of judgements (Aczél & Saaty 1983); and the alternatives
judged pairwise on each criterion, synthesised in distributive or ideal mode (Belton & Gear 1983).

May import numpy and :mod:`.common`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from model.weighting.common import (
    FloatArray,
    WeightsError,
    check_choice,
    fmt,
    frozen_array,
    index_of,
    number_vector,
    real_number,
    same_number,
)

AHP_METHODS: tuple[str, ...] = ("eigenvector", "geometric")
"""Ways :func:`ahp` derives weights from a matrix."""


SAATY_VALUES: tuple[float, ...] = tuple([1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])
"""Saaty's fundamental scale and its reciprocals: 1/9, 1/8, …, 1/2, 1, 2, …, 9."""


SAATY_MIN, SAATY_MAX = 1.0 / 9.0, 9.0


CR_THRESHOLD = 0.10
"""Saaty's acceptance rule: a matrix is consistent enough when CR <= 0.10 (Saaty 1980)."""


RANDOM_INDEX: Mapping[str, Mapping[int, float]] = {
    # Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill, p. 21: mean CI of
    # random reciprocal matrices on the 1-9 scale, extended to n = 15. Printed as is, including
    # the dip at n = 12 (1.48 < 1.51), an artefact of the small samples used for n > 10.
    "saaty": {
        1: 0.0,
        2: 0.0,
        3: 0.58,
        4: 0.9,
        5: 1.12,
        6: 1.24,
        7: 1.32,
        8: 1.41,
        9: 1.45,
        10: 1.49,
        11: 1.51,
        12: 1.48,
        13: 1.56,
        14: 1.57,
        15: 1.59,
    },
    # Alonso, J. A. & Lamata, M. T. (2006). Consistency in the analytic hierarchy process: a new
    # approach. Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445-459:
    # 100,000 random matrices per size.
    "alonso_lamata": {
        1: 0.0,
        2: 0.0,
        3: 0.5245,
        4: 0.8815,
        5: 1.1086,
        6: 1.2479,
        7: 1.3417,
        8: 1.4056,
        9: 1.4499,
        10: 1.4854,
        11: 1.5141,
        12: 1.5365,
        13: 1.5551,
        14: 1.5713,
        15: 1.5838,
    },
}
"""Random consistency indices RI(n) by table name; both end at n = 15 (see :func:`ahp` beyond)."""


RANDOM_INDEX_TABLES: tuple[str, ...] = tuple(RANDOM_INDEX)


def gci_threshold(n: int) -> float | None:
    """Aguarón & Moreno-Jiménez (2003) GCI thresholds: 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).

    ``None`` for ``n <= 2``, where the GCI is not defined (and every reciprocal matrix is consistent).
    """
    if n <= 2:
        return None
    return 0.31 if n == 3 else 0.35 if n == 4 else 0.37


_LOG_TOLERANCE = 1e-9  # two ratios agree when their logarithms differ by no more than this


# ----- Saaty's scale ------------------------------------------------------------------------
def nearest_saaty_value(ratio: float) -> float:
    """The value of Saaty's scale (1/9 … 1 … 9) nearest to ``ratio`` on a logarithmic scale.

    Log distance makes a pair and its reverse round to reciprocal values (2.4 → 2 and
    1/2.4 → 1/2); a ratio beyond the scale rounds to 9 or 1/9.

    >>> nearest_saaty_value(2.4), fmt(nearest_saaty_value(1 / 2.4)), nearest_saaty_value(40.0)
    (2.0, '1/2', 9.0)
    """
    x = float(ratio)
    if not (math.isfinite(x) and x > 0):
        raise WeightsError("ratio", "a finite number > 0", fmt(ratio))
    logs = np.log(np.array(SAATY_VALUES))
    return SAATY_VALUES[int(np.argmin(np.abs(logs - math.log(x))))]


# ----- pairwise judgements → matrix ---------------------------------------------------------
def check_n(n: object) -> int:
    count = index_of(n)
    if count is None or count < 1:
        raise WeightsError("n", "a number of criteria >= 1", fmt(n))
    return count


def _parse_judgements(n: int, judgements: Iterable[Sequence[float]]) -> tuple[FloatArray, list[WeightsError]]:
    """The matrix built from the judgements, and every problem found (in input order)."""
    matrix = np.ones((n, n))
    given: dict[tuple[int, int], tuple[int, int, int, float]] = {}  # pair (low, high) -> position, i, j, value
    attempted: set[tuple[int, int]] = set()
    problems: list[WeightsError] = []
    scale = "a number in [1/9, 9] (Saaty's 1-9 scale or a reciprocal 1/9 ... 1)"
    for position, item in enumerate(judgements):
        if isinstance(item, str | bytes) or not isinstance(item, Sequence) or len(item) != 3:
            problems.append(
                WeightsError(
                    f"judgement #{position}",
                    "a triple (i, j, a_ij): criterion i compared with criterion j",
                    fmt(item),
                    positions=(position,),
                )
            )
            continue
        raw_i, raw_j, value = item
        i, j = index_of(raw_i), index_of(raw_j)
        subject = f"judgement ({fmt(raw_i) if i is None else i}, {fmt(raw_j) if j is None else j})"
        if i is None or j is None or not (0 <= i < n and 0 <= j < n):
            bad = [raw for raw, k in ((raw_i, i), (raw_j, j)) if k is None or not 0 <= k < n]
            problems.append(
                WeightsError(
                    subject,
                    f"criterion indices from 0 to {n - 1}",
                    ", ".join(fmt(x) for x in bad),
                    positions=(position,),
                )
            )
            continue
        if i == j:
            problems.append(
                WeightsError(
                    subject,
                    "two different criteria (a criterion compared with itself is 1 by definition)",
                    f"criterion {i} twice",
                    pairs=((i, j),),
                    positions=(position,),
                )
            )
            continue
        pair = (min(i, j), max(i, j))
        attempted.add(pair)
        x = real_number(value)
        if x is None:
            problems.append(WeightsError(subject, scale, fmt(value), pairs=((i, j),), positions=(position,)))
            continue
        if not math.isfinite(x) or x <= 0:
            problems.append(
                WeightsError(
                    subject,
                    scale,
                    fmt(value) + (" (a judgement is a ratio, > 0)" if math.isfinite(x) else ""),
                    pairs=((i, j),),
                    positions=(position,),
                )
            )
            continue
        if not SAATY_MIN * (1 - 1e-9) <= x <= SAATY_MAX * (1 + 1e-9):
            problems.append(
                WeightsError(
                    subject,
                    scale,
                    fmt(value),
                    hint="9 is extreme importance on Saaty's scale, and 1/9 the same the other way",
                    pairs=((i, j),),
                    positions=(position,),
                )
            )
            continue
        log_upper = math.log(x) if i < j else -math.log(x)
        if pair in given:
            first_position, i0, j0, x0 = given[pair]
            first_upper = math.log(x0) if i0 < j0 else -math.log(x0)
            if abs(log_upper - first_upper) > _LOG_TOLERANCE:
                agreeing = x0 if (i0, j0) == (i, j) else 1.0 / x0
                relation = "the same value as" if (i0, j0) == (i, j) else "the reciprocal of"
                problems.append(
                    WeightsError(
                        subject,
                        f"{fmt(agreeing)}, {relation} judgement ({i0}, {j0}) = {fmt(x0)} given earlier "
                        "(a pair is judged once; the reverse judgement is implied)",
                        f"{fmt(value)}, which contradicts it",
                        pairs=((i0, j0), (i, j)),
                        positions=(first_position, position),
                    )
                )
            continue  # an agreeing repetition adds nothing
        given[pair] = (position, i, j, x)
        matrix[i, j], matrix[j, i] = x, 1.0 / x  # the value as given; its reverse implied
    missing = [(i, j) for i in range(n) for j in range(i + 1, n) if (i, j) not in attempted]
    if missing:
        total = n * (n - 1) // 2
        problems.append(
            WeightsError(
                "judgements",
                f"a judgement for each of the {total} pairs of {n} criteria "
                "(full matrices only: incomplete pairwise comparisons are not supported)",
                f"none for {len(missing)} pair{'s' if len(missing) > 1 else ''}: "
                + ", ".join(f"({i}, {j})" for i, j in missing),
                pairs=missing,
            )
        )
    return matrix, problems


def pairwise_problems(n: int, judgements: Iterable[Sequence[float]]) -> tuple[WeightsError, ...]:
    """Every problem with a set of judgements, in input order (the missing pairs last); empty if none.

    The same checks as :func:`pairwise_matrix`, for a caller that reports all problems at once.
    """
    return tuple(_parse_judgements(check_n(n), judgements)[1])


def pairwise_matrix(n: int, judgements: Iterable[Sequence[float]]) -> FloatArray:
    """The full positive reciprocal matrix of ``n`` criteria from pairwise judgements.

    Parameters
    ----------
    n
        Number of criteria (>= 1).
    judgements
        Triples ``(i, j, a_ij)``: criterion ``i`` is ``a_ij`` times as important as criterion
        ``j``, on Saaty's 1-9 scale or its reciprocals (any number in ``[1/9, 9]``). Each
        unordered pair ``{i, j}`` is judged once, in either orientation: ``a_ji = 1/a_ij`` and
        ``a_ii = 1`` are implied. A repetition that agrees (``(j, i, 1/a_ij)``) is accepted.

    Returns
    -------
    ndarray
        ``n × n`` matrix with a unit diagonal, each judgement as given and its reverse ``1/a_ij``.

    Raises
    ------
    WeightsError
        The first problem found: a malformed triple, an index out of range or repeated
        (``(i, i)``), a value that is not a number in ``[1/9, 9]``, a pair judged twice with
        different values, or — listing all of them — the pairs with no judgement (full
        matrices only). :func:`pairwise_problems` returns them all.

    >>> pairwise_matrix(3, [(0, 1, 3), (2, 0, 5), (1, 2, 1 / 2)]).round(4).tolist()
    [[1.0, 3.0, 0.2], [0.3333, 1.0, 0.5], [5.0, 2.0, 1.0]]
    """
    matrix, problems = _parse_judgements(check_n(n), judgements)
    if problems:
        raise problems[0]
    return matrix


# ----- AHP ----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class AhpResult:
    """Priorities and consistency of one pairwise comparison matrix.

    Attributes
    ----------
    matrix
        The matrix analysed (for :func:`group_ahp`, the aggregated one).
    weights
        Priorities, summing to 1 (principal eigenvector or row geometric mean: ``method``).
    lambda_max, ci
        Principal eigenvalue of ``matrix`` and ``CI = (lambda_max - n) / (n - 1)``; properties
        of the matrix, whatever ``method``. ``lambda_max >= n`` (rounding below ``n`` is clipped).
    ri, cr
        Random index of ``random_index`` for this ``n`` and ``CR = CI / RI``. For ``n <= 2``
        every reciprocal matrix is consistent: RI = 0 and CR is reported as 0. For ``n`` beyond
        the table (n > 15) both are ``None``.
    consistent, consistency_rule
        The verdict and its rule: ``"trivial"`` (n <= 2), ``"cr"`` (CR <= 0.10) or, beyond the
        random-index table, ``"gci"`` (GCI <= 0.37).
    gci, gci_threshold
        Geometric consistency index (Aguarón & Moreno-Jiménez 2003), always computed with the
        row-geometric-mean priorities as in its definition, and its threshold for ``n``.
    deviations
        ``epsilon[i, j] = a_ij w_j / w_i`` with the result's ``weights``: 1 everywhere iff the
        matrix is consistent.
    most_inconsistent, suggested, suggested_saaty
        When the matrix is not consistent: the judgement ``(i, j)``, ``i < j``, with the largest
        ``|log epsilon_ij|`` (on a tie within 1e-9, the first in row order, and ``notes`` says
        so: with three criteria all three judgements always deviate equally), the value
        ``w_i / w_j`` that would agree with the current weights, and that value rounded to
        Saaty's scale (:func:`nearest_saaty_value`). ``None`` when consistent.
    notes
        Plain statements about how the numbers were obtained (aggregation, undefined CR, …).
    """

    matrix: FloatArray
    weights: FloatArray
    method: str
    lambda_max: float
    ci: float
    ri: float | None
    cr: float | None
    random_index: str
    consistent: bool
    consistency_rule: str
    gci: float
    gci_threshold: float | None
    deviations: FloatArray
    most_inconsistent: tuple[int, int] | None
    suggested: float | None
    suggested_saaty: float | None
    notes: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        """Number of criteria."""
        return int(self.weights.shape[0])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every field, arrays as (nested) lists."""
        worst = None
        if self.most_inconsistent is not None:
            i, j = self.most_inconsistent
            worst = {
                "pair": [i, j],
                "value": float(self.matrix[i, j]),
                "deviation": float(self.deviations[i, j]),
                "suggested": self.suggested,
                "suggested_saaty": self.suggested_saaty,
            }
        return {
            "n": self.n,
            "method": self.method,
            "weights": self.weights.tolist(),
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "ri": self.ri,
            "cr": self.cr,
            "random_index": self.random_index,
            "consistent": self.consistent,
            "consistency_rule": self.consistency_rule,
            "gci": self.gci,
            "gci_threshold": self.gci_threshold,
            "most_inconsistent": worst,
            "matrix": self.matrix.tolist(),
            "deviations": self.deviations.tolist(),
            "notes": list(self.notes),
        }

    def equals(self, other: object, *, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
        """Same results up to floating-point tolerance."""
        if not isinstance(other, AhpResult):
            return False
        scalars = ("lambda_max", "ci", "ri", "cr", "gci", "gci_threshold", "suggested", "suggested_saaty")
        return (
            self.method == other.method
            and self.random_index == other.random_index
            and self.consistent == other.consistent
            and self.consistency_rule == other.consistency_rule
            and self.most_inconsistent == other.most_inconsistent
            and self.notes == other.notes
            and all(same_number(getattr(self, s), getattr(other, s), rtol, atol) for s in scalars)
            and all(
                getattr(self, a).shape == getattr(other, a).shape
                and np.allclose(getattr(self, a), getattr(other, a), rtol=rtol, atol=atol)
                for a in ("matrix", "weights", "deviations")
            )
        )


def _reciprocal_matrix(matrix: ArrayLike, *, analyst: int | None = None) -> FloatArray:
    """A validated copy of a positive reciprocal matrix (any positive ratios, not only Saaty's)."""
    who = "" if analyst is None else f"analyst {analyst}, "
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise WeightsError(
            f"{who}matrix", "a square matrix of numbers", "a ragged or non-numeric table", analyst=analyst
        ) from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise WeightsError(f"{who}matrix", "a square n × n matrix, n >= 1", f"shape {a.shape}", analyst=analyst)
    bad = np.argwhere(~(np.isfinite(a) & (a > 0)))
    if bad.size:
        i, j = (int(k) for k in bad[0])
        raise WeightsError(
            f"{who}judgement ({i}, {j})", "a finite ratio > 0", fmt(a[i, j]), pairs=((i, j),), analyst=analyst
        )
    logs = np.log(a)
    off = np.argwhere(np.abs(np.diag(logs)) > _LOG_TOLERANCE)
    if off.size:
        i = int(off[0, 0])
        raise WeightsError(
            f"{who}judgement ({i}, {i})",
            "1 on the diagonal (a criterion is as important as itself)",
            fmt(a[i, i]),
            pairs=((i, i),),
            analyst=analyst,
        )
    skew = np.abs(logs + logs.T)
    bad = np.argwhere(np.triu(skew > _LOG_TOLERANCE, 1))
    if bad.size:
        i, j = (int(k) for k in bad[0])
        raise WeightsError(
            f"{who}judgement ({j}, {i})",
            f"{fmt(1.0 / a[i, j])}, the reciprocal of judgement ({i}, {j}) = {fmt(a[i, j])} (a_ji = 1/a_ij)",
            fmt(a[j, i]),
            hint="write fractions exactly (1/3, not 0.333), or build the matrix with pairwise_matrix()",
            pairs=((i, j), (j, i)),
            analyst=analyst,
        )
    return a


def _perron(a: FloatArray) -> tuple[float, FloatArray]:
    """Principal (Perron) eigenvalue and eigenvector, normalised to sum 1, of a positive matrix.

    The Perron root of a positive matrix is real, simple and the largest in modulus
    (Perron-Frobenius), so it is the eigenvalue with the largest real part; its eigenvector has
    one sign. One multiplication by the (positive) matrix afterwards removes any rounding sign.
    """
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    vector = vectors[:, k]
    vector = vector / vector[int(np.argmax(np.abs(vector)))]  # fix the phase: largest entry real, 1
    w = a @ np.abs(vector.real)
    return float(values[k].real), w / w.sum()


def ahp(
    matrix: ArrayLike,
    *,
    method: str = "eigenvector",
    random_index: str = "saaty",
) -> AhpResult:
    """Priorities and consistency of a positive reciprocal matrix (Saaty 1977, 1980).

    Weights:

    - ``"eigenvector"``: the principal right eigenvector, ``A w = lambda_max w``, normalised to
      sum 1 (Saaty 1977), from ``numpy.linalg.eig`` taking the Perron root;
    - ``"geometric"``: the row geometric mean ``w_i ∝ (prod_j a_ij)^(1/n)``, the logarithmic
      least-squares solution (Crawford & Williams 1985).

    Consistency:

    - ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)`` with ``RI`` from
      :data:`RANDOM_INDEX` (``"saaty"``: Saaty 1980, the table behind every published AHP
      example; ``"alonso_lamata"``: Alonso & Lamata 2006). Consistent when ``CR <= 0.10``.
    - ``GCI = 2 / ((n - 1)(n - 2)) sum_{i<j} log^2(a_ij w_j / w_i)`` with the row-geometric-mean
      ``w`` (Aguarón & Moreno-Jiménez 2003), thresholds 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).
    - ``n <= 2``: every reciprocal matrix is consistent; CI, RI, CR and GCI are reported as 0.
    - ``n > 15``, beyond both random-index tables: RI and CR are ``None`` (no extrapolation), and
      the verdict is ``GCI <= 0.37`` instead (``consistency_rule == "gci"``), said in ``notes``.

    When not consistent, the judgement with the largest ``|log epsilon_ij|``,
    ``epsilon_ij = a_ij w_j / w_i``, is reported with the value ``w_i / w_j`` that would agree
    with the weights (Saaty 2003). A wrong judgement has pulled those weights too, so the
    suggestion is a step, not an answer: revise that judgement, recompute, repeat.

    Parameters
    ----------
    matrix
        ``n × n``, positive, unit diagonal, ``a_ji = 1/a_ij`` (to 1e-9 relative). Any positive
        ratios are accepted here (aggregated or measured ones too); :func:`pairwise_matrix`
        enforces Saaty's scale on elicited judgements.
    method, random_index
        See above.

    Raises
    ------
    WeightsError
        Not square, not positive and finite, diagonal not 1, or not reciprocal: the message
        names the judgement ``(i, j)``. Also an unknown ``method`` or ``random_index``.

    References
    ----------
    Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures.
    *J. Mathematical Psychology* 15(3), 234-281. — Saaty, T. L. (1980). *The Analytic Hierarchy
    Process*. McGraw-Hill. — Saaty, T. L. (2003). Decision-making with the AHP: why is the
    principal eigenvector necessary. *EJOR* 145(1), 85-91. — Crawford, G. & Williams, C. (1985).
    A note on the analysis of subjective judgment matrices. *J. Math. Psychology* 29(4), 387-405.
    — Aguarón, J. & Moreno-Jiménez, J. M. (2003). The geometric consistency index: approximated
    thresholds. *EJOR* 147(1), 137-145. — Alonso & Lamata (2006), see :data:`RANDOM_INDEX`.

    Saaty's (1990, Table 2) house criteria, printed as λmax 9.669, CR 0.169: the judgement
    furthest from the weights is ``a_37 = 6`` (indices 2, 6), where the weights imply 1.13:

    >>> house = [[1, 5, 3, 7, 6, 6, 1/3, 1/4], [1/5, 1, 1/3, 5, 3, 3, 1/5, 1/7],
    ...     [1/3, 3, 1, 6, 3, 4, 6, 1/5], [1/7, 1/5, 1/6, 1, 1/3, 1/4, 1/7, 1/8],
    ...     [1/6, 1/3, 1/3, 3, 1, 1/2, 1/5, 1/6], [1/6, 1/3, 1/4, 4, 2, 1, 1/5, 1/6],
    ...     [3, 5, 1/6, 7, 5, 5, 1, 1/2], [4, 7, 5, 8, 6, 6, 2, 1]]
    >>> result = ahp(house)
    >>> round(result.lambda_max, 3), round(result.cr, 3), result.consistent
    (9.669, 0.169, False)
    >>> result.most_inconsistent, round(result.suggested, 2), result.suggested_saaty
    ((2, 6), 1.13, 1.0)
    """
    method = check_choice("method", method, AHP_METHODS)
    table = check_choice("random_index", random_index, RANDOM_INDEX_TABLES)
    a = _reciprocal_matrix(matrix)
    return _ahp(a, method, table, ())


def _ahp(a: FloatArray, method: str, table: str, notes: tuple[str, ...]) -> AhpResult:
    n = a.shape[0]
    logs = np.log(a)
    row_means = logs.mean(axis=1)
    geometric = np.exp(row_means - row_means.max())
    geometric /= geometric.sum()
    if n <= 2:
        lambda_max = float(n)  # a 1 × 1 or 2 × 2 reciprocal matrix is consistent
        weights = geometric  # which is then also its principal eigenvector
    else:
        lambda_max, eigen = _perron(a)
        lambda_max = max(lambda_max, float(n))  # lambda_max >= n for reciprocal matrices (Saaty 1977)
        weights = eigen if method == "eigenvector" else geometric
    deviations = a * weights[np.newaxis, :] / weights[:, np.newaxis]

    ri: float | None
    cr: float | None
    gci = 0.0
    threshold = gci_threshold(n)
    if n <= 2:
        ci, ri, cr, consistent, rule = 0.0, 0.0, 0.0, True, "trivial"
        notes = (*notes, f"n = {n}: every reciprocal matrix is consistent; CR is undefined and reported as 0")
    else:
        ci = (lambda_max - n) / (n - 1)
        residuals = logs - (row_means[:, np.newaxis] - row_means[np.newaxis, :])
        gci = float(2.0 / ((n - 1) * (n - 2)) * np.sum(np.triu(residuals, 1) ** 2))
        ri = RANDOM_INDEX[table].get(n)
        if ri is not None:
            cr = ci / ri
            consistent, rule = bool(cr <= CR_THRESHOLD), "cr"
        else:
            cr = None
            assert threshold is not None
            consistent, rule = bool(gci <= threshold), "gci"
            last = max(RANDOM_INDEX[table])
            notes = (
                *notes,
                f"n = {n} is beyond the random-index table {table!r} (n <= {last}): CR is undefined; "
                f"consistency judged by GCI <= {threshold} instead",
            )

    most: tuple[int, int] | None = None
    suggested: float | None = None
    suggested_saaty: float | None = None
    if not consistent:
        upper = np.triu_indices(n, 1)
        distance = np.abs(np.log(deviations[upper]))
        # Equal deviations (all three judgements of an inconsistent 3 × 3 matrix deviate by
        # exactly |log k| / 3) must not be split by rounding: the first in row order is reported.
        tied = np.flatnonzero(distance >= distance.max() - _LOG_TOLERANCE)
        k = int(tied[0])
        i, j = int(upper[0][k]), int(upper[1][k])
        if tied.size > 1:
            notes = (*notes, f"{tied.size} judgements deviate equally; the first in row order is reported")
        most = (i, j)
        suggested = float(weights[i] / weights[j])
        suggested_saaty = nearest_saaty_value(suggested)
    return AhpResult(
        matrix=frozen_array(a),
        weights=frozen_array(weights),
        method=method,
        lambda_max=float(lambda_max),
        ci=float(ci),
        ri=None if ri is None else float(ri),
        cr=None if cr is None else float(cr),
        random_index=table,
        consistent=consistent,
        consistency_rule=rule,
        gci=gci,
        gci_threshold=threshold,
        deviations=frozen_array(deviations),
        most_inconsistent=most,
        suggested=suggested,
        suggested_saaty=suggested_saaty,
        notes=notes,
    )


def group_ahp(
    matrices: Sequence[ArrayLike],
    *,
    method: str = "eigenvector",
    random_index: str = "saaty",
) -> AhpResult:
    """AHP on the element-wise geometric mean of several analysts' matrices (AIJ).

    ``g_ij = (prod_k a_ij^(k))^(1/m)``: the only aggregation of judgements that keeps the
    matrix reciprocal and respects unanimity (Aczél & Saaty 1983); the aggregate stays within
    the analysts' range of each judgement. The result is :func:`ahp` of that matrix (its
    ``matrix`` field), with a note saying how many analysts it combines. Each analyst's own
    consistency is :func:`ahp` of their matrix.

    Raises
    ------
    WeightsError
        No matrices, matrices of different sizes, or one that :func:`ahp` refuses; the
        message names the analyst (position in ``matrices``) and the judgement ``(i, j)``.

    References
    ----------
    Aczél, J. & Saaty, T. L. (1983). Procedures for synthesizing ratio judgements.
    *J. Mathematical Psychology* 27(1), 93-102. — Forman, E. & Peniwati, K. (1998). Aggregating
    individual judgments and priorities with the AHP. *EJOR* 108(1), 165-169.

    >>> group_ahp([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]]).matrix.tolist()
    [[1.0, 2.0], [0.5, 1.0]]
    """
    method = check_choice("method", method, AHP_METHODS)
    table = check_choice("random_index", random_index, RANDOM_INDEX_TABLES)
    if isinstance(matrices, np.ndarray) and matrices.ndim == 3:
        matrices = list(matrices)
    if isinstance(matrices, str | bytes) or not isinstance(matrices, Sequence) or len(matrices) == 0:
        raise WeightsError("matrices", "one matrix per analyst, at least one", fmt(matrices))
    checked = [_reciprocal_matrix(m, analyst=k) for k, m in enumerate(matrices)]
    size = checked[0].shape
    for k, a in enumerate(checked):
        if a.shape != size:
            raise WeightsError(
                f"analyst {k}, matrix",
                f"{size[0]} × {size[0]}, the size of analyst 0's matrix",
                f"{a.shape[0]} × {a.shape[1]}",
                analyst=k,
            )
    aggregate = np.exp(np.mean([np.log(a) for a in checked], axis=0))
    lower = np.tril_indices(size[0], -1)
    aggregate[lower] = 1.0 / aggregate.T[lower]  # exactly reciprocal, not only to rounding
    np.fill_diagonal(aggregate, 1.0)
    note = f"aggregated from {len(checked)} analysts by the element-wise geometric mean of their judgements (AIJ)"
    return _ahp(aggregate, method, table, (note,))


# ----- AHP over the alternatives: one matrix per criterion, then synthesis ---------------------
SYNTHESIS_MODES: tuple[str, ...] = ("distributive", "ideal")
"""How :func:`ahp_alternatives` turns each criterion's eigenvector into local priorities."""


@dataclass(frozen=True, eq=False)
class AlternativePriorities:
    """Global priorities of alternatives judged pairwise on each criterion (:func:`ahp_alternatives`).

    ``priorities`` sum to 1: ``composite / composite.sum()``, where ``composite`` is
    ``sum_j w_j local[:, j]`` (already summing to 1 in distributive mode; in ideal mode, the
    figures Belton & Gear 1983 print). ``local`` (``m × n``) holds each criterion's eigenvector,
    summing to 1 (distributive) or divided by its largest entry (ideal). ``criteria`` holds
    :func:`ahp` of each matrix (``lambda_max``, CI, CR, GCI, worst judgement); ``notes`` says
    which matrices fail their consistency rule.
    """

    priorities: FloatArray
    composite: FloatArray
    local: FloatArray
    weights: FloatArray
    synthesis: str
    criteria: tuple[AhpResult, ...]
    notes: tuple[str, ...] = ()

    @property
    def cr(self) -> tuple[float | None, ...]:
        """Each criterion's consistency ratio (``None`` beyond the random-index table)."""
        return tuple(result.cr for result in self.criteria)

    @property
    def consistent(self) -> bool:
        """Every criterion's matrix passes its consistency rule."""
        return all(result.consistent for result in self.criteria)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every field, arrays as (nested) lists, each criterion as :meth:`AhpResult.to_dict`."""
        return {
            "synthesis": self.synthesis,
            "priorities": self.priorities.tolist(),
            "composite": self.composite.tolist(),
            "local": self.local.tolist(),
            "weights": self.weights.tolist(),
            "cr": list(self.cr),
            "consistent": self.consistent,
            "criteria": [result.to_dict() for result in self.criteria],
            "notes": list(self.notes),
        }

    def equals(self, other: object, *, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
        """Same results up to floating-point tolerance (each criterion's by :meth:`AhpResult.equals`)."""
        if not isinstance(other, AlternativePriorities) or len(self.criteria) != len(other.criteria):
            return False
        arrays = ("priorities", "composite", "local", "weights")
        return (
            (self.synthesis, self.notes) == (other.synthesis, other.notes)
            and all(a.equals(b, rtol=rtol, atol=atol) for a, b in zip(self.criteria, other.criteria, strict=True))
            and all(getattr(self, k).shape == getattr(other, k).shape for k in arrays)
            and all(np.allclose(getattr(self, k), getattr(other, k), rtol=rtol, atol=atol) for k in arrays)
        )


def ahp_alternatives(
    matrices: Sequence[ArrayLike],
    weights: ArrayLike,
    *,
    synthesis: str = "distributive",
    method: str = "eigenvector",
    random_index: str = "saaty",
) -> AlternativePriorities:
    """AHP over the alternatives: one pairwise matrix of the ``m`` alternatives per criterion, then synthesis.

    Each matrix goes through :func:`ahp`; its priority vector ``v_j`` (sum 1) gives the local
    priorities ``l_j = v_j`` (``"distributive"``, the classic AHP, Saaty 1980) or ``v_j / max(v_j)``
    (``"ideal"``; Belton & Gear 1983, Saaty 1994), and the global ones are ``sum_j w_j l_j`` over
    their sum. Distributive ranks can reverse when an alternative is added, even a copy (Belton &
    Gear 1983); ideal ones only if the newcomer becomes some criterion's best (Saaty & Vargas 1984;
    Millet & Saaty 2000). ``weights``, one per matrix, must sum to 1 (within 1e-6; not renormalised).

    Raises
    ------
    WeightsError
        A matrix :func:`ahp` refuses or of another size (subject and ``positions`` name the
        criterion, 0-based), the wrong number of weights, or an unknown ``synthesis``.

    >>> judged = [[[1, 1 / 9, 1], [9, 1, 9], [1, 1 / 9, 1]], [[1, 9, 9], [1 / 9, 1, 1], [1 / 9, 1, 1]],
    ...     [[1, 8 / 9, 8], [9 / 8, 1, 9], [1 / 8, 1 / 9, 1]]]
    >>> ahp_alternatives(judged, [1 / 3] * 3).priorities.round(4).tolist()
    [0.4512, 0.4697, 0.0791]
    >>> ahp_alternatives(judged, [1 / 3] * 3, synthesis="ideal").composite.round(4).tolist()
    [0.6667, 0.7037, 0.1111]
    """
    synthesis = check_choice("synthesis", synthesis, SYNTHESIS_MODES)
    method = check_choice("method", method, AHP_METHODS)
    table = check_choice("random_index", random_index, RANDOM_INDEX_TABLES)
    if isinstance(matrices, np.ndarray) and matrices.ndim == 3:
        matrices = list(matrices)
    if isinstance(matrices, str | bytes) or not isinstance(matrices, Sequence) or len(matrices) == 0:
        raise WeightsError("matrices", "one pairwise matrix of the alternatives per criterion", fmt(matrices))
    w = number_vector(weights, "weight")
    if w.size != len(matrices) or abs(float(w.sum()) - 1.0) > 1e-6:
        raise WeightsError(
            "weights",
            f"one weight per matrix ({len(matrices)}), summing to 1 (normalise them first)",
            f"{w.size} weight{'s' if w.size != 1 else ''} summing to {float(w.sum()):g}",
        )
    results: list[AhpResult] = []
    for j, matrix in enumerate(matrices):
        try:
            a = _reciprocal_matrix(matrix)
            if results and a.shape != results[0].matrix.shape:
                size = f"{results[0].n} × {results[0].n}"
                raise WeightsError("matrix", f"{size}, the size of criterion 0's", f"{a.shape[0]} × {a.shape[1]}")
            results.append(_ahp(a, method, table, ()))
        except WeightsError as error:  # say which criterion's matrix it is
            subject = f"criterion {j}, {error.subject}"
            raise WeightsError(
                subject, error.expected, error.found, hint=error.hint, pairs=error.pairs, positions=(j,)
            ) from None
    vectors = np.column_stack([result.weights for result in results])
    local = vectors / vectors.max(axis=0) if synthesis == "ideal" else vectors
    composite = local @ w
    notes = tuple(
        f"criterion {j}: the judgements fail the consistency rule ({result.consistency_rule})"
        for j, result in enumerate(results)
        if not result.consistent
    )
    return AlternativePriorities(
        priorities=frozen_array(composite / composite.sum()),
        composite=frozen_array(composite),
        local=frozen_array(local),
        weights=frozen_array(w),
        synthesis=synthesis,
        criteria=tuple(results),
        notes=notes,
    )
