"""Stochastic multicriteria acceptability analysis (SMAA-2) for the additive value model.

SMAA asks which alternatives win, and how often, when the weights (and the scores) are only
known to lie in a set: it draws weight vectors ``w`` and score matrices ``x`` from that set and
ranks the alternatives on ``S_a = sum_j w_j v_j(x_aj)``, the additive model of
:func:`model.methods.weighted_sum` with scores normalised on their declared scales.

Descriptive measures (Lahdelma & Salminen 2001):

* rank acceptability ``b_a^r``: the share of draws in which ``a`` has rank ``r``;
* holistic acceptability ``a_a^h = sum_r alpha_r b_a^r`` with meta-weights ``alpha``
  (default ``alpha_r = (m - r) / (m - 1)``: 1 for first place, 0 for last);
* central weight vector ``w_a^c``: the mean weight vector of the draws in which ``a`` is first;
* confidence factor ``p_a^c``: the share of score draws in which ``a`` is first when the
  weights are fixed at ``w_a^c``;
* pairwise winning index ``p_ab = P(S_a > S_b)`` (Leskinen et al. 2006).

Ties (exactly equal scores) share the better rank (competition ranking, as in
:mod:`model.ranking`), so with ties a rank column can add up to more than 1.

Every draw comes from a stream seeded by ``(seed, chunk index)``: results are a pure function of
the problem, ``samples``, ``seed`` and the modes, whatever the number of worker threads.
Draws are processed in vectorised chunks of a few megabytes on a thread pool and reduced in
chunk order. Ranks are scale-free, so weight draws stay unnormalised exponentials except where
central weights need them normalised; up to six alternatives are ranked from all pairwise
comparisons (``r_a = #{b : S_b > S_a}``) into a histogram of rank vectors, up to twenty from all
pairwise comparisons too, more from one sort per draw of keys that pack the alternative's
index into the score's last mantissa bits, with an exact re-ranking of the rare rows where that
could misorder a near-tie. Integer counts go to per-thread tables added up once at the end.

Central weights, pairwise winning indices and confidence factors are extras (:data:`EXTRAS`):
leaving them out leaves the draws, and so the rank acceptabilities, unchanged and skips their
bookkeeping (and, with uncertain scores, the confidence factors' second pass). ``smaa`` also
runs on weight draws the caller supplies (``weight_samples``).

References
----------
Lahdelma, R., Hokkanen, J. & Salminen, P. (1998). SMAA - Stochastic multiobjective
acceptability analysis. *European Journal of Operational Research* 106(1), 137-143.
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis
for group decision making. *Operations Research* 49(3), 444-454.
Tervonen, T. & Lahdelma, R. (2007). Implementing stochastic multicriteria acceptability
analysis. *European Journal of Operational Research* 178(2), 500-513.
Leskinen, P., Viitanen, J., Kangas, A. & Kangas, J. (2006). Alternatives to incorporate
uncertainty and risk attitude in multicriteria evaluation of forest plans. *Forest Science*
52(3), 304-312.

Layout: :mod:`.samplers` (weight samplers, scratch buffers), :mod:`.plan` (arrays, chunks,
threads), :mod:`.tally` (the per-chunk passes), :mod:`.confidence` (confidence factors and
their batch-means standard errors), :mod:`.acceptability` (:func:`smaa` and
:class:`SmaaResult`), :mod:`.exact` (polytope volumes), :mod:`.drivers` (decision drivers).
The package imports numpy, the core and :mod:`model.methods`; scipy only in :mod:`.exact`.
"""

from model.analysis.smaa.acceptability import (
    CONFIDENCE_BUDGET,
    EXTRAS,
    MAX_SMAA_ALTERNATIVES,
    MIN_BUDGET_SAMPLES,
    PAIRWISE_BUDGET,
    SmaaResult,
    smaa,
)
from model.analysis.smaa.confidence import CONFIDENCE_BATCHES, MIN_BATCH_FIRSTS, MIN_CONFIDENCE_BATCHES
from model.analysis.smaa.drivers import DecisionDrivers, decision_drivers
from model.analysis.smaa.exact import (
    EXACT_BUDGET,
    MAX_EXACT_CRITERIA,
    exact_first_rank_acceptability,
    first_rank_volumes,
)
from model.analysis.smaa.plan import MAX_SAMPLES
from model.analysis.smaa.samplers import WEIGHT_MODES, around_weights, ordinal_weights, uniform_weights

__all__ = [
    "CONFIDENCE_BATCHES",
    "CONFIDENCE_BUDGET",
    "EXACT_BUDGET",
    "EXTRAS",
    "MAX_EXACT_CRITERIA",
    "MAX_SAMPLES",
    "MAX_SMAA_ALTERNATIVES",
    "MIN_BATCH_FIRSTS",
    "MIN_BUDGET_SAMPLES",
    "MIN_CONFIDENCE_BATCHES",
    "PAIRWISE_BUDGET",
    "WEIGHT_MODES",
    "DecisionDrivers",
    "SmaaResult",
    "around_weights",
    "decision_drivers",
    "exact_first_rank_acceptability",
    "first_rank_volumes",
    "ordinal_weights",
    "smaa",
    "uniform_weights",
]
