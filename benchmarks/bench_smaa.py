"""SMAA throughput: this engine against a plain numpy SMAA and a per-draw loop over pymcdm.

Run from the repository root:  python benchmarks/bench_smaa.py [--quick] [--no-peer]

Cases (the targets of the SMAA issue, on this machine's cores):

* 5 × 5 shipped model (criteria.yaml), weights uncertain, scores fixed (>= 10 M draws/s);
* 5 × 5 shipped model, weights and scores uncertain (>= 3 M draws/s);
* 200 × 10 random point matrix, weights uncertain (>= 400 k draws/s);
* 100 M draws of the first case with peak memory under 500 MB (ru_maxrss of a fresh process);
* 1,000 × 20 random matrix at 100,000 draws in under 15 s (points; also with ±1 intervals).

The reference is the textbook vectorised SMAA (Dirichlet weights, matrix product, argsort
ranks, bincount), single-threaded (OPENBLAS_NUM_THREADS=1, in its own process); it computes
rank acceptabilities only, while the engine also computes central weights, pairwise winning
indices and confidence factors. The peer is pymcdm's weighted sum called once per draw. pymcdm
is not a project dependency: the first run installs it into benchmarks/.venv (ignored by git
through the `.venv/` rule) with `python -m venv` and `pip install pymcdm numpy`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "criteria.yaml"
PEER_VENV = ROOT / "benchmarks" / ".venv"

# Subprocesses get each problem as JSON [low, span, samples]: benefit-oriented values on the
# 0-1 scale, the same arrays the engine samples from (span 0 where a cell is fixed).
REFERENCE_CODE = '''
import json, sys, time
import numpy as np

def reference_smaa(low, span, samples, chunk=10_000, seed=0):
    """Textbook vectorised SMAA: rank acceptabilities only."""
    rng = np.random.default_rng(seed)
    m, n = low.shape
    counts = np.zeros(m * m, dtype=np.int64)
    varies = bool(np.any(span > 0))
    for start in range(0, samples, chunk):
        size = min(chunk, samples - start)
        w = rng.dirichlet(np.ones(n), size)
        if varies:
            scores = np.einsum("kaj,kj->ka", low + span * rng.random((size, m, n)), w)
        else:
            scores = w @ low.T
        order = np.argsort(-scores, axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(m), axis=1)
        counts += np.bincount((np.arange(m) * m + ranks).ravel(), minlength=m * m)
    return counts.reshape(m, m) / samples

low, span, samples = json.loads(sys.argv[1])
low, span = np.array(low), np.array(span)
reference_smaa(low, span, min(samples, 20_000))  # warm-up
start = time.perf_counter()
reference_smaa(low, span, samples)
print(samples / (time.perf_counter() - start))
'''

PEER_CODE = """
import json, sys, time
import numpy as np
from pymcdm.helpers import rrankdata
from pymcdm.methods import WSM

low, span, samples = json.loads(sys.argv[1])
low, span = np.array(low), np.array(span)
m, n = low.shape

def on_declared_scale(column, cost=False):
    return column  # the values are already normalised on their declared scales and benefit-oriented

method = WSM(normalization_function=on_declared_scale)  # so pymcdm computes the same additive model
types = np.ones(n)
rng = np.random.default_rng(0)
counts = np.zeros((m, m), dtype=np.int64)
varies = bool(np.any(span > 0))
start = time.perf_counter()
for _ in range(samples):
    w = rng.dirichlet(np.ones(n))
    matrix = low + span * rng.random((m, n)) if varies else low
    ranks = rrankdata(method(matrix, w, types)).astype(int) - 1
    counts[np.arange(m), ranks] += 1
print(samples / (time.perf_counter() - start))
"""

Arrays = tuple[list[list[float]], list[list[float]]]


@dataclass
class Row:
    case: str
    engine: float  # draws/s
    reference: float
    peer: float | None
    target: float


def random_problem(m: int, n: int, interval: float = 0.0, seed: int = 0) -> Any:
    import model

    rng = np.random.default_rng(seed)
    values = rng.uniform(1, 9, (m, n))
    return model.DecisionProblem.from_matrix(
        values,
        alternatives=[f"a{i}" for i in range(m)],
        criteria=[f"c{j}" for j in range(n)],
        weights=[1.0] * n,
        scale=(1, 9),
        low=np.clip(values - interval, 1, 9),
        high=np.clip(values + interval, 1, 9),
    )


def arrays(problem: Any, vary: bool) -> Arrays:
    """The normalised lower ends and spans the engine samples from, as nested lists."""
    from model.analysis.smaa.plan import normalized_ranges

    low, span = normalized_ranges(problem, vary)
    return low.tolist(), span.tolist()


def engine_rate(problem: Any, samples: int, repeats: int, **kwargs: Any) -> float:
    """Best-of-``repeats`` draws per second of :func:`model.analysis.smaa.smaa`, after a warm-up."""
    from model.analysis.smaa import smaa

    smaa(problem, samples=min(samples, 50_000), **kwargs)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        smaa(problem, samples=samples, **kwargs)
        best = min(best, time.perf_counter() - start)
    return samples / best


def seconds_for(problem: Any, samples: int) -> float:
    from model.analysis.smaa import smaa

    start = time.perf_counter()
    smaa(problem, samples=samples)
    return time.perf_counter() - start


def run_python(python: Path | str, code: str, argument: object, env: dict[str, str] | None = None) -> float:
    """Run ``code`` with ``argument`` as JSON in ``python``; its last line of output, as a number."""
    result = subprocess.run(
        [str(python), "-c", code, json.dumps(argument)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    return float(result.stdout.strip().splitlines()[-1])


def reference_rate(case: Arrays, samples: int) -> float:
    single = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    return run_python(sys.executable, REFERENCE_CODE, [*case, samples], env=single)


def peer_python(log: Callable[[str], None]) -> Path | None:
    """The peer's interpreter, creating its virtual environment on first use (None if that fails)."""
    python = PEER_VENV / "bin" / "python"
    probe = [str(python), "-c", "import pymcdm, numpy"]
    if python.exists() and subprocess.run(probe, check=False, capture_output=True).returncode == 0:
        return python
    log(f"installing pymcdm into {PEER_VENV.relative_to(ROOT)} (first run only) ...")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True, capture_output=True)
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "pymcdm", "numpy"]
        subprocess.run(pip, check=True, capture_output=True)
    except subprocess.CalledProcessError as error:
        log(f"could not install the peer, skipping it: {error.stderr.decode(errors='replace')[-300:]}")
        return None
    return python


def peak_memory(samples: int) -> tuple[float, float]:
    """Peak resident memory (MB, ru_maxrss) and seconds of a fresh process running ``samples`` draws."""
    code = textwrap.dedent(
        f"""
        import resource, time, model
        from model.analysis.smaa import smaa
        problem = model.load({str(MODEL)!r})
        start = time.perf_counter()
        smaa(problem, samples={samples}, vary_scores=False)
        seconds = time.perf_counter() - start
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, seconds)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    megabytes, seconds = out.stdout.split()
    return float(megabytes), float(seconds)


def rate_text(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 1e6:.2f} M/s" if value >= 1e6 else f"{value / 1e3:.0f} k/s"


def ratio_text(a: float, b: float | None) -> str:
    if b is None:
        return "-"
    return f"{a / b:,.1f}×" if a / b < 100 else f"{a / b:,.0f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer draws; 10 M draws for the memory run")
    parser.add_argument("--no-peer", action="store_true", help="skip pymcdm (no virtual environment, no network)")
    args = parser.parse_args()
    quick: bool = args.quick

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    import model

    shipped = model.load(MODEL)
    repeats = 2 if quick else 3
    peer = None if args.no_peer else peer_python(log)
    scale = 10 if quick else 1
    cases = [
        ("5 × 5 shipped, weights uncertain", shipped, False, 10**7 // scale, 20_000, 10e6),
        ("5 × 5 shipped, weights + scores uncertain", shipped, True, 4 * 10**6 // scale, 20_000, 3e6),
        ("200 × 10, weights uncertain", random_problem(200, 10), False, 10**6 // scale, 2_000, 400e3),
    ]
    rows = []
    for name, problem, vary, samples, peer_samples, target in cases:
        case = arrays(problem, vary)
        log(f"{name}: engine ...")
        engine = engine_rate(problem, samples, repeats, vary_scores=vary)
        log(f"{name}: reference ...")
        reference = reference_rate(case, max(samples // 10, 20_000))
        peer_rate = None
        if peer is not None:
            log(f"{name}: pymcdm ...")
            peer_rate = run_python(peer, PEER_CODE, [*case, peer_samples // scale])
        rows.append(Row(name, engine, reference, peer_rate, target))

    memory_draws = 10**8 // scale
    log(f"peak memory of {memory_draws:,} draws ...")
    megabytes, memory_seconds = peak_memory(memory_draws)
    big_draws = 10**5 // scale
    log(f"1000 × 20 at {big_draws:,} draws ...")
    big = [
        (label, seconds_for(random_problem(1000, 20, interval=w), big_draws))
        for label, w in (("points", 0.0), ("±1 intervals", 1.0))
    ]

    print(f"\nSMAA benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, numpy {np.__version__}")
    print("reference: plain vectorised numpy SMAA, one thread; pymcdm: its weighted sum (WSM), one call per draw\n")
    header = ("case", "engine", "reference", "pymcdm", "engine/ref", "engine/pymcdm", "target", "met")
    widths = (42, 10, 10, 9, 10, 13, 14, 3)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = (
            row.case,
            rate_text(row.engine),
            rate_text(row.reference),
            rate_text(row.peer),
            ratio_text(row.engine, row.reference),
            ratio_text(row.engine, row.peer),
            f">= {rate_text(row.target)}",
            "yes" if row.engine >= row.target else "NO",
        )
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    at = " (the target is for 100 M)" if quick else ""
    verdict = "yes" if megabytes < 500 else "NO"
    print(f"\n{memory_draws:,} draws, 5 × 5 weights uncertain: peak memory {megabytes:.0f} MB, {memory_seconds:.1f} s")
    print(f"  target < 500 MB{at}: {verdict}")
    for label, seconds in big:
        at = " (the target is for 100,000)" if quick else ""
        verdict = "yes" if seconds < 15 else "NO"
        print(f"1000 × 20 at {big_draws:,} draws, {label}: {seconds:.2f} s; target < 15 s{at}: {verdict}")
    if quick:
        print("\n--quick: a tenth of the draws; run without it for the figures the targets refer to.")


if __name__ == "__main__":
    main()
