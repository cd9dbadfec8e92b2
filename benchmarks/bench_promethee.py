"""PROMETHEE II speed: 10,000 alternatives × 50 criteria, one run per preference function.

Run from the repository root:  python benchmarks/bench_promethee.py [--quick] [--repeats N]

Each case draws a random matrix on a 0-10 scale (seed 0), gives every criterion the same
preference function (q = 0.5, p = 2, s = 1 in scale units) and times
:func:`model.methods.promethee.promethee_ii` end to end (validation, flows, details), reporting the
median of ``--repeats`` runs (3 for the Gaussian, whose runs take seconds). At this size the
``m x m`` details are left out (m > PAIRWISE_LIMIT), so the figures are the flows.

Types I-V use sorting and prefix sums (O(n m log m)); the Gaussian is evaluated pairwise over
each criterion's sorted values out to 10 s, so with s = 1 on a 0-10 scale every pair is
evaluated (the worst case). One more line shows it with s = 0.1, where only pairs within 1
(a tenth of the scale) are. For scale, the pairwise definition (``preference_matrix``, the
``m x m`` index, cache-blocked and threaded) is timed at 2,000 × 50 and projected to 10,000.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from model.methods.preference import PREFERENCE_FUNCTIONS
from model.methods.promethee import PAIRWISE_LIMIT, preference_matrix, promethee_i, promethee_ii

THRESHOLDS: dict[str, dict[str, float]] = {
    "usual": {},
    "u_shape": {"q": 0.5},
    "v_shape": {"p": 2.0},
    "level": {"q": 0.5, "p": 2.0},
    "linear": {"q": 0.5, "p": 2.0},
    "gaussian": {"s": 1.0},
}


def median_seconds(run: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1,000 × 50 instead of 10,000 × 50, fewer runs")
    parser.add_argument("--repeats", type=int, default=7, help="runs per case for types I-V (default 7)")
    args = parser.parse_args(argv)
    m, n = (1_000, 50) if args.quick else (10_000, 50)
    repeats = 3 if args.quick else args.repeats
    gaussian_repeats = 1 if args.quick else 3

    rng = np.random.default_rng(0)
    matrix = rng.random((m, n)) * 10.0
    weights = np.full(n, 1.0 / n)
    common: dict[str, Any] = {
        "scale_min": np.zeros(n),
        "scale_max": np.full(n, 10.0),
        "is_benefit": rng.random(n) < 0.7,
    }
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"PROMETHEE II on {m:,} × {n} (random 0-10 scale, seed 0); numpy {np.__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load average {load:.2f}"
    )
    details = "without" if m > PAIRWISE_LIMIT else "with"
    print(
        f"median of {repeats} runs ({gaussian_repeats} for the Gaussian); details {details} the m × m matrices "
        f"(PAIRWISE_LIMIT = {PAIRWISE_LIMIT:,})"
    )
    print()
    print(f"{'preference function':<36}{'median':>10}{'min':>10}{'max':>10}")
    cases: list[tuple[str, str, dict[str, float], int]] = [
        (name, name, THRESHOLDS[name], gaussian_repeats if name == "gaussian" else repeats)
        for name in PREFERENCE_FUNCTIONS
    ]
    cases.append(("gaussian (s = 0.1: reach 1/10 scale)", "gaussian", {"s": 0.1}, gaussian_repeats))
    for label, function, thresholds, runs in cases:
        kwargs: dict[str, Any] = {key: [value] * n for key, value in thresholds.items()}

        def run(function: str = function, kwargs: dict[str, Any] = kwargs) -> object:
            return promethee_ii(matrix, weights, functions=[function] * n, **common, **kwargs)

        median, times = median_seconds(run, runs)
        print(f"{label:<36}{median:>9.3f}s{min(times):>9.3f}s{max(times):>9.3f}s")

    linear: dict[str, Any] = {"functions": ["linear"] * n, "q": [0.5] * n, "p": [2.0] * n}
    median, times = median_seconds(lambda: promethee_i(matrix, weights, **common, **linear), repeats)
    print(f"{'promethee_i, linear (flows only)':<36}{median:>9.3f}s{min(times):>9.3f}s{max(times):>9.3f}s")

    small = matrix[: min(m, 2_000)]
    median, times = median_seconds(
        lambda: preference_matrix(small, weights, is_benefit=common["is_benefit"], **linear),
        min(repeats, 3),
    )
    print()
    line = f"pairwise definition (m × m index, linear) at {small.shape[0]:,} × {n}: {median:.3f}s"
    if m > small.shape[0]:
        projected = median * (m / small.shape[0]) ** 2
        line += f"; projected to {m:,} × {n}: ~{projected:.0f}s, and {m * m * 8 / 1e9:.1f} GB for the matrix"
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
