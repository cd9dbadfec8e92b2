"""Time every aggregation method on a large random problem: median of several runs.

Run from the repository root:  python benchmarks/bench_methods.py [--alternatives M] [--criteria N] [--runs R]

The target: every method on 10,000 alternatives × 50 criteria well under a second (the
kernels are whole-array numpy, with no Python loop over alternatives). The data: scores
uniform on the scale [1, 9] (positive, so the weighted product runs), weights drawn from
Dirichlet(1, ..., 1), each criterion a benefit or a cost with even odds, seed 0. Each
configuration is timed through ``Method.run``, as the engine calls it, including the input
checks; the first call is a warm-up and not counted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import numpy as np

from model.methods import METHODS

BUDGET_SECONDS = 1.0


def configurations(n: int, rng: np.random.Generator) -> dict[str, tuple[str, dict[str, Any]]]:
    """Method name and options for every configuration timed; value functions: 5 random rising points each."""
    xs = np.linspace(1.0, 9.0, 5)
    curves = [(xs, np.sort(rng.random(5))) for _ in range(n)]
    return {
        "weighted_sum": ("weighted_sum", {}),
        "weighted_sum + value functions": ("weighted_sum", {"value_functions": curves}),
        "weighted_product": ("weighted_product", {}),
        "topsis (vector)": ("topsis", {"normalization": "vector"}),
        "topsis (minmax)": ("topsis", {"normalization": "minmax"}),
        "vikor (v = 0.5)": ("vikor", {"v": 0.5}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alternatives", type=int, default=10_000)
    parser.add_argument("--criteria", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    m, n = args.alternatives, args.criteria
    matrix = rng.uniform(1.0, 9.0, (m, n))
    weights = rng.dirichlet(np.ones(n))
    inputs = {
        "scale_min": np.full(n, 1.0),
        "scale_max": np.full(n, 9.0),
        "is_benefit": rng.random(n) < 0.5,
    }
    print(f"{m:,} alternatives × {n} criteria, median of {args.runs} runs (after one warm-up), numpy {np.__version__}")
    print(f"{'method':<32}{'median':>12}{'min':>12}{'max':>12}  within {BUDGET_SECONDS:g} s")
    slowest = 0.0
    for label, (name, options) in configurations(n, rng).items():
        method = METHODS[name]
        method.run(matrix, weights, **inputs, **options)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            method.run(matrix, weights, **inputs, **options)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        slowest = max(slowest, median)
        verdict = "yes" if median < BUDGET_SECONDS else "NO"
        print(f"{label:<32}{median * 1e3:>10.1f} ms{min(times) * 1e3:>9.1f} ms{max(times) * 1e3:>9.1f} ms  {verdict}")
    print(f"slowest median: {slowest * 1e3:.1f} ms ({slowest / BUDGET_SECONDS:.1%} of the budget)")


if __name__ == "__main__":
    main()
