"""SMAA-2 acceptability indices: :func:`smaa` and its result, :class:`SmaaResult`.

Runs the first pass of :mod:`.tally` over the chunks of a :mod:`.plan` and turns the counts
into rank acceptabilities and holistic acceptabilities and, as requested (:data:`EXTRAS`),
central weights and pairwise winning indices, each with its standard error; :mod:`.confidence`
adds the confidence factors and their batch-means standard errors. May import numpy, the core
and the other modules of this package.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model.display import HtmlTable
from model.errors import RequestError, did_you_mean, one_of
from model.problem import DecisionProblem

if TYPE_CHECKING:
    import pandas as pd
from model.analysis.smaa.confidence import CONFIDENCE_BATCHES, Confidence, batch_edges, confidence_factors
from model.analysis.smaa.pairwise import EXACT_PAIRWISE_BUDGET, exact_pairwise_winning, exact_work
from model.analysis.smaa.plan import Plan, make_plan, run_chunks, segments, worker_count
from model.analysis.smaa.samplers import FloatArray, IntArray, Progress, Scratch
from model.analysis.smaa.tally import Codebook, Counters, WeightSums, tally_compared, tally_small, tally_sorted

EXTRAS: tuple[str, ...] = ("central_weights", "pairwise", "confidence")
"""What :func:`smaa` may compute besides rank and holistic acceptabilities (all of them by default).
An extra left out leaves its fields NaN (its counts 0, its sample count 0); ``"confidence"``
needs the central weights, so it computes them too (``SmaaResult.extras`` says what was computed)."""

PAIRWISE_BUDGET = 2**30
"""Comparisons spent on the pairwise winning indices when there are more than six alternatives
(``m**2`` a draw): they use the first ``max(PAIRWISE_BUDGET // m**2, MIN_BUDGET_SAMPLES)``
draws, or all of them if fewer (``SmaaResult.pairwise_samples``). With up to six alternatives
they come free with the ranks, from every draw."""


CONFIDENCE_BUDGET = 2**33
"""Multiply-adds spent on the confidence factors when scores vary and there are more than six
alternatives (``m * n * F`` a draw, ``F`` = alternatives ever first): they use the first
``max(CONFIDENCE_BUDGET // (m * n * F), MIN_BUDGET_SAMPLES)`` score draws, or all of them if
fewer (``SmaaResult.confidence_samples``). The batch-means standard errors evaluate every such
draw once more, at its batch's central weights, so the confidence pass does up to twice this."""


MIN_BUDGET_SAMPLES = 2_000


# ----- the result ----------------------------------------------------------------------------
def read_only(*arrays: NDArray[Any]) -> None:
    for array in arrays:
        array.flags.writeable = False


def _json_number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _percent(share: float) -> str:
    """A share as a percentage with two significant figures below 1 %, one decimal above."""
    if not np.isfinite(share):
        return "—"
    if share == 0 or share >= 0.01:
        return f"{100 * share:.1f}%"
    return f"{100 * share:.2g}%"


MAX_SMAA_ALTERNATIVES = 1_000
"""Most alternatives :func:`smaa` takes: its results hold several alternatives x alternatives
tables (rank acceptabilities, pairwise winning indices and their errors). At 1,000 alternatives
and 100,000 draws a run takes about 200 MB and 18 s; at 8,000 it took 5.4 GB."""


@dataclass(frozen=True, eq=False, repr=False)
class SmaaResult(HtmlTable):
    """SMAA-2 acceptability indices, with Monte Carlo standard errors. Compare with :meth:`equals`.

    ``rank_acceptability[a, r - 1]`` is the share of draws in which ``a`` has rank ``r``; tied
    alternatives share the better rank. ``holistic = rank_acceptability @ meta_weights``.
    ``central_weights[a]`` is NaN when ``a`` is never first; ``confidence[a]`` too. Standard
    errors are ``sqrt(p (1 - p) / N)`` for shares and ``s / sqrt(N_a)`` for means, except for the
    confidence factors (below). ``pairwise_winning[a, b] = P(S_a > S_b)`` is estimated on the
    first ``pairwise_samples`` draws and ``confidence`` on ``confidence_samples`` score draws (0
    when scores are fixed: the factors are then computed at the central weights directly).

    ``rank_counts[a, r - 1]`` is the number of draws behind ``rank_acceptability[a, r - 1]`` (which is
    ``rank_counts / samples``), ``pairwise_counts[a, b]`` the number of the first ``pairwise_samples``
    draws with ``S_a > S_b``. ``extras`` lists what was computed besides the acceptabilities
    (:data:`EXTRAS`): the fields of an extra left out are NaN, its counts 0 and its sample count 0.

    ``confidence[a]`` is counted at central weights estimated from the same run, so its error
    also carries their noise, which the binomial formula misses (it was 3-6 times too small).
    ``confidence_se`` comes from batch means: the draws are cut, in order, into ``B = 32``
    batches (batch ``b``: first-pass draws ``[b N / B, (b + 1) N / B)`` and score draws
    ``[b N_c / B, (b + 1) N_c / B)``); each batch computes its own central weights ``w_{a,b}^c``
    from its own first-pass draws and its own factor ``p_{a,b}`` from its own score draws at
    them, and

        ``confidence_se[a] = sd_b(p_{a,b}) / sqrt(B)``  (``sd`` with ``B - 1`` in the denominator).

    The estimate itself stays the whole run's, at the whole run's central weights. A batch needs
    ``MIN_BATCH_FIRSTS = 10`` draws with ``a`` first for its central weights: if one has fewer,
    batches are merged in pairs (``B = 16``), then in fours (``B = 8``); if even that fails,
    ``confidence_se[a]`` is NaN. ``confidence_batches[a]`` is the ``B`` behind ``confidence_se[a]``
    (0: no standard error; run more samples). With fixed scores ``p_{a,b}`` is 0 or 1 (``a`` first
    at ``w_{a,b}^c``, within ``TIE_TOLERANCE``), so the spread would show noisy central weights
    flipping the factor; they cannot, as central weights average weight vectors inside ``a``'s
    convex region of first place (``{w : (v_a - v_b) . w >= 0 for all b}``), so the factor is 1
    and its standard error 0.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    samples: int
    seed: int
    weights_mode: str
    scores_mode: str
    rank_acceptability: FloatArray
    rank_acceptability_se: FloatArray
    holistic: FloatArray
    holistic_se: FloatArray
    meta_weights: FloatArray
    central_weights: FloatArray
    central_weights_se: FloatArray
    confidence: FloatArray
    confidence_se: FloatArray
    pairwise_winning: FloatArray
    pairwise_winning_se: FloatArray
    pairwise_samples: int
    confidence_samples: int
    confidence_batches: IntArray
    rank_counts: IntArray
    pairwise_counts: IntArray
    extras: tuple[str, ...] = EXTRAS

    @property
    def first_rank(self) -> FloatArray:
        """First-rank acceptability ``b_a^1`` of each alternative."""
        return self.rank_acceptability[:, 0]

    @property
    def order(self) -> NDArray[np.intp]:
        """Alternatives by first-rank acceptability, highest first (file order among equals)."""
        return np.argsort(-self.first_rank, kind="stable")

    def _caption_extra(self) -> str:
        left_out = [name for name in EXTRAS if name not in self.extras]
        return (
            f"{self.samples:,} draws, seed {self.seed}, weights {self.weights_mode}, scores {self.scores_mode}; "
            + (f"not computed: {', '.join(left_out)}; " if left_out else "")
            + "shares in percent of draws (.table holds them as fractions)"
        )

    def _shown_table(self) -> pd.DataFrame:
        """The table with shares as percentages, the way the terminal view shows them."""
        shown = self.table.copy()
        shares = ["first", "first_se", *[c for c in shown.columns if c.startswith("rank_")]]
        for column in shares:
            shown[column] = [_percent(x) for x in shown[column]]
        return shown

    @property
    def table(self) -> pd.DataFrame:
        """One row per alternative, by first-rank acceptability (highest first)."""
        import pandas as pd

        rows = []
        for i in self.order:
            row: dict[str, Any] = {
                "alternative": self.alternatives[i],
                "first": float(self.first_rank[i]),
                "first_se": float(self.rank_acceptability_se[i, 0]),
                "holistic": float(self.holistic[i]),
                "holistic_se": float(self.holistic_se[i]),
                "confidence": float(self.confidence[i]),
                "confidence_se": float(self.confidence_se[i]),
            }
            for r in range(len(self.alternatives)):
                row[f"rank_{r + 1}"] = float(self.rank_acceptability[i, r])
            rows.append(row)
        return pd.DataFrame(rows)

    @property
    def central_weights_table(self) -> pd.DataFrame:
        """Central weight vectors, alternatives × criteria (NaN rows: never first)."""
        import pandas as pd

        return pd.DataFrame(
            np.array(self.central_weights),
            index=pd.Index(self.alternatives, name="alternative"),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (NaN as null), alternatives by first-rank acceptability."""
        alternatives = []
        for i in self.order:
            alternatives.append(
                {
                    "alternative": self.alternatives[i],
                    "first": float(self.first_rank[i]),
                    "first_se": float(self.rank_acceptability_se[i, 0]),
                    "holistic": float(self.holistic[i]),
                    "holistic_se": float(self.holistic_se[i]),
                    "confidence": _json_number(self.confidence[i]),
                    "confidence_se": _json_number(self.confidence_se[i]),
                    "confidence_batches": int(self.confidence_batches[i]),
                    "rank_acceptability": [float(v) for v in self.rank_acceptability[i]],
                    "rank_acceptability_se": [float(v) for v in self.rank_acceptability_se[i]],
                    "rank_counts": [int(v) for v in self.rank_counts[i]],
                    "central_weights": {
                        c: _json_number(self.central_weights[i, j]) for j, c in enumerate(self.criteria)
                    },
                    "central_weights_se": {
                        c: _json_number(self.central_weights_se[i, j]) for j, c in enumerate(self.criteria)
                    },
                }
            )
        return {
            "method": "smaa-2 (weighted sum)",
            "samples": self.samples,
            "seed": self.seed,
            "weights_mode": self.weights_mode,
            "scores_mode": self.scores_mode,
            "meta_weights": [float(v) for v in self.meta_weights],
            "tie_policy": "exactly equal scores share the better rank",
            "alternatives": alternatives,
            "extras": list(self.extras),
            "pairwise_samples": self.pairwise_samples,
            "confidence_samples": self.confidence_samples,
            "confidence_se_method": (
                "batch means over the draws in order: sd of the batches' own estimates / sqrt(batches); "
                "null with fewer than 8 batches of 10 first-place draws"
            ),
            "pairwise_winning": {
                a: {b: _json_number(self.pairwise_winning[i, k]) for k, b in enumerate(self.alternatives) if k != i}
                for i, a in enumerate(self.alternatives)
            },
        }

    def equals(self, other: object) -> bool:
        """True when both results hold the same labels, settings and numbers (NaN equal to NaN)."""
        if not isinstance(other, SmaaResult):
            return False
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, np.ndarray):
                if not np.array_equal(mine, theirs, equal_nan=True):
                    return False
            elif mine != theirs:
                return False
        return True


def _meta_weights(meta_weights: Sequence[float] | None, m: int) -> FloatArray:
    if meta_weights is None:
        return np.ones(1) if m == 1 else (m - 1 - np.arange(m)) / (m - 1)
    alpha = np.array(meta_weights, dtype=float)
    if alpha.shape != (m,) or not np.all(np.isfinite(alpha)):
        raise RequestError(f"meta_weights: expected {m} finite numbers (one per rank), got {list(meta_weights)}")
    return alpha


def _share_se(share: FloatArray, draws: int) -> FloatArray:
    return np.sqrt(np.clip(share * (1.0 - share), 0.0, None) / max(draws, 1))


def _budgeted(samples: int, budget: int, per_draw: int) -> int:
    """Draws an estimate may use: all of them if ``samples * per_draw <= budget``, else as many as
    the budget buys, but never fewer than ``min(samples, MIN_BUDGET_SAMPLES)``."""
    return min(samples, max(budget // max(per_draw, 1), MIN_BUDGET_SAMPLES))


def _central_weights(sums: WeightSums, first: IntArray) -> tuple[FloatArray, FloatArray]:
    """Means ``w_a^c`` of the weights over the draws where ``a`` is first, and their standard errors."""
    count = first[:, None].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = sums.weight_sum / count
        variance = np.clip((sums.weight_sq - count * central**2) / (count - 1), 0.0, None)
        standard_error = np.where(count > 1, np.sqrt(variance / count), np.nan)
    central[first == 0] = np.nan
    return central, standard_error


EXACT_PAIRWISE_COST = 256
"""One update step of the exact pairwise recursion costs about as much as this many of the byte
comparisons the Monte Carlo estimate makes (both measured on one core)."""


def _exact_pairs_pay(plan: Plan, pair_draws: int) -> bool:
    """True when the pairwise winning indices can be exact (more than six alternatives, fixed scores,
    weights uniform on the simplex, not supplied) and that costs less than comparing ``pair_draws``
    draws pair by pair, within :data:`EXACT_PAIRWISE_BUDGET`. With six or fewer the indices come free
    from the rank histogram, so they stay there."""
    if plan.small or plan.varies or plan.mode != "uniform" or plan.supplied is not None:
        return False
    work = exact_work(plan.m, plan.n)
    return work <= EXACT_PAIRWISE_BUDGET and work * EXACT_PAIRWISE_COST <= pair_draws * plan.m * plan.m


def _extras(extras: Iterable[str] | str) -> tuple[str, ...]:
    """The requested extras in the order of :data:`EXTRAS` (a single name may be given as a string)."""
    names = [extras] if isinstance(extras, str) else list(extras)
    for name in names:
        if not isinstance(name, str) or name not in EXTRAS:
            hint = did_you_mean(name, EXTRAS) if isinstance(name, str) else None
            raise RequestError(
                f"extras: unknown extra {name!r}; expected any of {one_of(EXTRAS)[len('one of ') :]}"
                + (f" ({hint})" if hint else "")
            )
    if "confidence" in names:  # factors are counted at the central weights
        names.append("central_weights")
    return tuple(name for name in EXTRAS if name in names)


def smaa(
    problem: DecisionProblem,
    *,
    samples: int = 100_000,
    seed: int = 0,
    weights: str = "uniform",
    vary_scores: bool = True,
    meta_weights: Sequence[float] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    extras: Iterable[str] | str = EXTRAS,
    weight_samples: ArrayLike | None = None,
) -> SmaaResult:
    """SMAA-2 of the additive model: acceptability indices from ``samples`` seeded draws.

    Parameters
    ----------
    problem
        The decision problem; its normalised values are those of :func:`model.evaluate`.
    samples, seed
        Number of Monte Carlo draws and the seed of every random stream.
    weights
        ``"uniform"``: uniform on the simplex (no preference information);
        ``"ordinal"``: uniform among weights in the order ``problem.uncertainty.weight_order``;
        ``"around"``: uniform on the simplex within ``±weight_spread`` (relative) of the file's weights.
    vary_scores
        Draw each cell uniformly on ``problem.ranges`` (intervals, label bands, confidence bands,
        ``unknown`` = the whole scale); if False, rank on the values :func:`model.evaluate` uses.
    meta_weights
        ``alpha_r`` for the holistic acceptability; default ``alpha_r = (m - r) / (m - 1)``.
    workers
        Threads (default: every core). The result does not depend on it.
    progress
        Called in the calling thread as ``progress(done, total)`` after every chunk. When scores
        vary and confidence factors are requested, they take a second pass over the score draws,
        counted as ``samples`` more (``total = 2 * samples``).
    extras
        What to compute besides rank and holistic acceptabilities, any of :data:`EXTRAS`
        (default: all). Rank acceptabilities do not depend on it: the same seed gives the same
        draws, the extras only add bookkeeping (and, with uncertain scores, the confidence
        factors a second pass). The fields of an extra left out are NaN.
    weight_samples
        Weight draws to use instead of a sampler: an ``(S, n)`` array of non-negative numbers,
        one column per criterion in ``problem.criterion_ids`` order, each row with a positive sum
        (rows are divided by their sums). Then ``samples`` is ``S`` (the argument is ignored),
        ``weights`` must stay ``"uniform"`` and ``weights_mode`` is ``"supplied"``; score draws,
        if any, still come from ``seed``.

    Notes
    -----
    ``S_a(w, x) = sum_j w_j v_j(x_aj)``; ``b_a^r = P(rank_a = r)``; ``a_a^h = sum_r alpha_r b_a^r``;
    ``w_a^c = E[w | rank_a = 1]``; ``p_a^c = P_x(rank_a(w_a^c, x) = 1)`` (Lahdelma & Salminen 2001).
    Exactly equal scores share the better rank. With fixed scores ``p_a^c`` is 1 or 0 (a score
    within ``TIE_TOLERANCE`` of the best counts as first; in fact 1, as ``w_a^c`` averages weight
    vectors of ``a``'s convex region of first place) and ``scores_mode`` is ``"fixed"``.
    With more than six alternatives, pairwise winning indices and confidence factors use the
    first draws only, as many as :data:`PAIRWISE_BUDGET` and :data:`CONFIDENCE_BUDGET` allow
    (``pairwise_samples``, ``confidence_samples``; their standard errors say so). With more
    than six alternatives, fixed scores and uniform weights, the pairwise winning indices are
    exact instead (:func:`~model.analysis.smaa.pairwise.exact_pairwise_winning`, Varsi's
    recursion; standard error 0, ``pairwise_samples`` 0) whenever that costs less than the
    comparisons it replaces (:func:`_exact_pairs_pay`).

    The standard error of ``p_a^c`` is a batch mean over ``B`` consecutive batches of the draws
    (``B = 32``, or 16 or 8 for an alternative rarely first, else NaN):
    ``se(p_a^c) = sd_b(p_{a,b}) / sqrt(B)``, where ``p_{a,b}`` is batch ``b``'s own factor at its
    own central weights; ``confidence_batches`` gives ``B`` (see :class:`SmaaResult`). Batches
    follow the draws' order, so they do not depend on ``workers``.

    >>> import model
    >>> result = smaa(model.loads(model.demo.DEMO_YAML), samples=2000, seed=1, workers=1)
    >>> result.table[["alternative", "first"]].round(2).to_dict("list")
    {'alternative': ['Utopia', 'Atlantis'], 'first': [0.87, 0.13]}
    >>> fast = smaa(model.loads(model.demo.DEMO_YAML), samples=2000, seed=1, workers=1, extras=())
    >>> bool((fast.rank_counts == result.rank_counts).all()), fast.extras, bool(np.isnan(fast.confidence).all())
    (True, (), True)
    """
    m_requested = len(problem.alternative_names)
    if m_requested > MAX_SMAA_ALTERNATIVES:
        raise RequestError(
            f"smaa holds an alternatives x alternatives table of rank acceptabilities and pairwise winning "
            f"indices: expected at most {MAX_SMAA_ALTERNATIVES:,} alternatives, got {m_requested:,}; "
            "for a problem this size use rank (with its rank ranges), explain or decision_drivers"
        )
    chosen = _extras(extras)
    plan = make_plan(
        problem, samples=samples, seed=seed, weights=weights, vary_scores=vary_scores, weight_samples=weight_samples
    )
    samples = plan.samples
    alpha = _meta_weights(meta_weights, plan.m)
    threads = worker_count(workers)
    m, n = plan.m, plan.n
    central_on, pairwise_on, confidence_on = (name in chosen for name in EXTRAS)
    total = samples * (2 if plan.varies and confidence_on else 1)
    book = Codebook.of(m) if plan.small else None
    pair_limit = 0
    if pairwise_on:
        pair_limit = samples if plan.small else _budgeted(samples, PAIRWISE_BUDGET, m * m)
    exact_pairs = pairwise_on and _exact_pairs_pay(plan, pair_limit)
    if exact_pairs:
        pair_limit = 0  # computed exactly below, no draw compared
    counters = Counters.of(m, plan.small, pairs=pair_limit > 0)
    buffers = Scratch()

    edges = batch_edges(samples)

    def first_pass(index: int, start: int, size: int) -> WeightSums | None:
        weight_rng, score_rng = plan.rngs(index)
        block = plan.weight_block(weight_rng, start, size, buffers)
        values = plan.score_block(score_rng, size, buffers)
        batches = segments(edges, start, size) if central_on else []
        if book is not None:
            return tally_small(plan, book, block, values, batches, buffers, counters, central_on)
        pair_rows = min(size, max(0, pair_limit - start))
        if plan.compared:
            return tally_compared(plan, block, values, pair_rows, batches, buffers, counters, central_on)
        return tally_sorted(plan, block, values, pair_rows, batches, buffers, counters, central_on)

    chunks = plan.chunks()
    sums = WeightSums.zeros(m, n, CONFIDENCE_BATCHES) if central_on else None
    for (_, start, size), part in zip(chunks, run_chunks(first_pass, chunks, threads), strict=True):
        if sums is not None and part is not None:
            sums.add(part)
        if progress is not None:
            progress(start + size, total)
    tally = counters.tally(m, book, min(pair_limit, samples), sums)

    rank_acceptability = tally.ranks / samples
    first_counts = tally.ranks[:, 0]
    central = central_se = np.full((m, n), np.nan)
    if tally.sums is not None:
        central, central_se = _central_weights(tally.sums, first_counts)
    confidence = Confidence(np.full(m, np.nan), np.full(m, np.nan), np.zeros(m, dtype=np.int64), 0)
    if confidence_on:
        work = m * n * int(np.count_nonzero(first_counts))
        confidence = confidence_factors(
            plan,
            tally,
            central,
            draws=samples if plan.small else _budgeted(samples, CONFIDENCE_BUDGET, work),
            threads=threads,
            buffers=buffers,
            progress=progress,
        )

    holistic = rank_acceptability @ alpha
    holistic_variance = rank_acceptability @ (alpha * alpha) - holistic**2
    holistic_se = np.sqrt(np.clip(holistic_variance, 0.0, None) / samples)
    pairwise = pairwise_se = np.full((m, m), np.nan)
    if exact_pairs:
        pairwise, pairwise_se = exact_pairwise_winning(plan.low), np.zeros((m, m))
    elif pairwise_on:
        pairwise = tally.pairs / max(tally.pair_draws, 1)
        pairwise_se = _share_se(pairwise, tally.pair_draws)
    result = SmaaResult(
        alternatives=problem.alternative_names,
        criteria=problem.criterion_ids,
        samples=int(samples),
        seed=int(seed),
        weights_mode=plan.mode,
        scores_mode="uncertain" if plan.varies else "fixed",
        rank_acceptability=rank_acceptability,
        rank_acceptability_se=_share_se(rank_acceptability, samples),
        holistic=holistic,
        holistic_se=holistic_se,
        meta_weights=alpha,
        central_weights=central,
        central_weights_se=central_se,
        confidence=confidence.factor,
        confidence_se=confidence.se,
        pairwise_winning=pairwise,
        pairwise_winning_se=pairwise_se,
        pairwise_samples=tally.pair_draws,
        confidence_samples=confidence.draws,
        confidence_batches=confidence.batches,
        rank_counts=tally.ranks,
        pairwise_counts=tally.pairs,
        extras=chosen,
    )
    read_only(*(getattr(result, f) for f in result.__dataclass_fields__ if isinstance(getattr(result, f), np.ndarray)))
    return result
