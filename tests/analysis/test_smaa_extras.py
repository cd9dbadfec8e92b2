"""SMAA extras, counts and supplied weight draws.

Properties: leaving extras out never changes the rank counts of a seed; counts over draws are
the shares times the draws; SMAA over a known set of weight vectors gives exactly the counts a
brute-force ranking of that set gives. Errors are pinned by their exact text. Problems of 3, 9
and 25 alternatives go through the three rankers (rank-vector codes, pairwise comparisons,
sorted keys).
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from model.analysis.smaa import EXTRAS, smaa
from model.analysis.smaa.plan import normalized_ranges
from model.analysis.smaa.tally import _byte_column_sums
from model.errors import RequestError
from model.problem import DecisionProblem
from model.render.robustness import smaa_text

SIZES = (3, 9, 25)  # codes, comparisons, sorted keys


def problem_of(m: int, n: int = 3, *, spread: float = 0.0, seed: int = 0, coarse: bool = False) -> DecisionProblem:
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.2, 0.8, (m, n))
    if coarse:  # values on a grid of 0.1 make exact ties likely
        values = np.round(values, 1)
    return DecisionProblem.from_matrix(
        values,
        alternatives=[f"A{i}" for i in range(m)],
        criteria=[f"c{j}" for j in range(n)],
        weights=[1.0] * n,
        low=values - spread if spread else None,
        high=values + spread if spread else None,
    )


def brute_force(values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rank counts (competition ranks), pairwise counts and central weights of every row of
    ``weights`` (normalised), one draw at a time."""
    m = values.shape[0]
    ranks, pairs = np.zeros((m, m), np.int64), np.zeros((m, m), np.int64)
    central, firsts = np.zeros((m, values.shape[1])), np.zeros(m)
    for w in weights / weights.sum(axis=1, keepdims=True):
        scores = values @ w
        for a in range(m):
            rank = int(np.sum(scores > scores[a]))
            ranks[a, rank] += 1
            pairs[a] += scores[a] > scores
            if rank == 0:
                central[a] += w
                firsts[a] += 1
    with np.errstate(invalid="ignore"):
        return ranks, pairs, central / firsts[:, None]


# ----- extras ----------------------------------------------------------------------------------
@pytest.mark.parametrize("m", SIZES)
@pytest.mark.parametrize("spread", [0.0, 0.15])
def test_leaving_extras_out_keeps_the_rank_counts_of_the_seed(m: int, spread: float) -> None:
    problem = problem_of(m, spread=spread, seed=m)
    full = smaa(problem, samples=20_000, seed=4, workers=1)
    assert full.extras == EXTRAS
    for extras in [(), ("pairwise",), ("central_weights",), ("confidence",)]:
        part = smaa(problem, samples=20_000, seed=4, workers=2, extras=extras)
        np.testing.assert_array_equal(part.rank_counts, full.rank_counts)
        np.testing.assert_array_equal(part.rank_acceptability, full.rank_acceptability)
        np.testing.assert_array_equal(part.holistic, full.holistic)
        kept = set(extras) | ({"central_weights"} if "confidence" in extras else set())
        assert set(part.extras) == kept
        for name, fields in {
            "central_weights": ("central_weights", "central_weights_se"),
            "pairwise": ("pairwise_winning", "pairwise_winning_se"),
            "confidence": ("confidence", "confidence_se"),
        }.items():
            for field in fields:
                if name in kept:
                    np.testing.assert_array_equal(getattr(part, field), getattr(full, field))
                else:
                    assert np.isnan(getattr(part, field)).all(), field
        if "pairwise" not in kept:
            assert part.pairwise_samples == 0 and not part.pairwise_counts.any()
        if "confidence" not in kept:
            assert part.confidence_samples == 0 and not part.confidence_batches.any()


def test_without_confidence_there_is_no_second_pass() -> None:
    calls: list[tuple[int, int]] = []
    smaa(problem_of(4, spread=0.1), samples=10_000, extras=("pairwise",), progress=lambda *c: calls.append(c))
    assert calls[-1] == (10_000, 10_000)


@pytest.mark.parametrize("m", SIZES)
def test_counts_over_draws_are_the_shares(m: int) -> None:
    result = smaa(problem_of(m, spread=0.1, seed=1, coarse=True), samples=7_001, seed=2)
    assert result.rank_counts.dtype == np.int64 and result.pairwise_counts.dtype == np.int64
    np.testing.assert_array_equal(result.rank_counts / result.samples, result.rank_acceptability)
    np.testing.assert_array_equal(result.pairwise_counts / result.pairwise_samples, result.pairwise_winning)
    assert (result.rank_counts.sum(axis=1) == result.samples).all()


def test_results_with_extras_off_do_not_crash_the_views() -> None:
    problem = problem_of(4, spread=0.1)
    result = smaa(problem, samples=2_000, extras=[])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["extras"] == [] and data["alternatives"][0]["confidence"] is None
    assert all(v is None for row in data["pairwise_winning"].values() for v in row.values())
    assert len(result.table) == 4 and repr(result) and result._repr_html_()
    text = smaa_text(result, problem)
    assert "Rank acceptability" in text and "Pairwise winning indices" not in text  # left out, not dashes


def test_unknown_extras_are_refused_with_a_hint() -> None:
    problem = problem_of(3)
    expected = "extras: unknown extra 'pairwse'; expected any of 'central_weights', 'pairwise', 'confidence'"
    with pytest.raises(RequestError, match=re.escape(expected + " (did you mean 'pairwise'?)")):
        smaa(problem, samples=10, extras=("central_weights", "pairwse"))
    with pytest.raises(RequestError, match=re.escape("extras: unknown extra 'all'; expected any of")):
        smaa(problem, samples=10, extras="all")
    with pytest.raises(RequestError, match=re.escape("extras: unknown extra 3;")):
        smaa(problem, samples=10, extras=[3])  # type: ignore[list-item]
    assert smaa(problem, samples=10, extras="pairwise").extras == ("pairwise",)


# ----- supplied weight draws ----------------------------------------------------------------
@pytest.mark.parametrize("m", SIZES)
def test_supplied_weights_give_the_brute_force_counts(m: int) -> None:
    problem = problem_of(m, seed=10 + m)  # no exact ties: their rounding is the engine's business
    rng = np.random.default_rng(m)
    weights = np.vstack([np.eye(3), np.ones((2, 3)), rng.integers(0, 4, (300, 3)) + np.eye(3)[rng.integers(0, 3, 300)]])
    ranks, pairs, central = brute_force(normalized_ranges(problem, False)[0], weights.astype(float))
    result = smaa(problem, weight_samples=weights, vary_scores=False, workers=2)
    assert result.samples == len(weights) and result.weights_mode == "supplied"
    np.testing.assert_array_equal(result.rank_counts, ranks)
    np.testing.assert_array_equal(result.pairwise_counts, pairs)
    np.testing.assert_allclose(result.central_weights, central, rtol=1e-12, equal_nan=True)
    # rows are normalised: scaling a row changes nothing (powers of two, so exact ties stay exact)
    factors = rng.choice([0.25, 0.5, 2.0, 8.0], (len(weights), 1))
    scaled = smaa(problem, weight_samples=weights * factors, vary_scores=False)
    np.testing.assert_array_equal(scaled.rank_counts, ranks)


def test_supplied_weights_with_uncertain_scores_are_seeded_and_worker_free() -> None:
    problem = problem_of(9, spread=0.2)
    weights = np.random.default_rng(0).dirichlet(np.ones(3), 5_000)
    runs = [smaa(problem, weight_samples=weights, seed=3, workers=w, samples=10) for w in (1, 2)]
    assert runs[0].equals(runs[1]) and runs[0].samples == 5_000
    assert not np.array_equal(smaa(problem, weight_samples=weights, seed=4).rank_counts, runs[0].rank_counts)


def test_bad_weight_samples_are_refused() -> None:
    problem = problem_of(3)
    cases = [
        (
            np.ones((4, 2)),
            "weight_samples: expected an (S, 3) array, one column per criterion (c0, c1, c2) and at "
            "least one row, got shape (4, 2)",
        ),
        (
            np.ones(3),
            "weight_samples: expected an (S, 3) array, one column per criterion (c0, c1, c2) and at least "
            "one row, got shape (3,)",
        ),
        (np.ones((0, 3)), "got shape (0, 3)"),
        ([[1, 2, "x"]], "weight_samples: expected an (S, 3) array of numbers, got could not convert string to float"),
        (
            [[1, 1, 1], [1, np.nan, 1]],
            "weight_samples: row 1, c1: a value that is not finite (nan); 1 such value(s) in all",
        ),
        ([[1, -0.5, 1], [1, 1, -2]], "weight_samples: row 0, c1: a negative weight (-0.5); 2 such value(s) in all"),
        (
            [[1, 1, 1], [0, 0, 0]],
            "weight_samples: row 1 has weights summing to 0 (1 such row(s)); every draw needs a "
            "positive total to be normalised",
        ),
    ]
    for weights, message in cases:
        with pytest.raises(RequestError, match=re.escape(message)):
            smaa(problem, weight_samples=weights)
    with pytest.raises(RequestError, match=re.escape("weights mode 'ordinal' and weight_samples both given")):
        smaa(problem, weights="ordinal", weight_samples=np.ones((2, 3)))


# ----- kernels ---------------------------------------------------------------------------------
@pytest.mark.parametrize("columns", [1, 8, 13, 64, 2_047, 2_048])
def test_byte_column_sums_match_a_plain_sum(columns: int) -> None:
    flags = np.random.default_rng(columns).random((7, columns)) < 0.6
    out = np.ones(7, dtype=np.int64)
    _byte_column_sums(flags, out)
    np.testing.assert_array_equal(out, 1 + flags.sum(axis=1))
    strided = np.zeros(7, dtype=np.int64)
    _byte_column_sums(flags[:, ::2], strided)
    np.testing.assert_array_equal(strided, flags[:, ::2].sum(axis=1))
