"""SMAA throughput: this engine against a plain numpy SMAA (and, optionally, a per-draw loop over pymcdm).

Run from the repository root:  python benchmarks/bench_smaa.py [--quick] [--peer]

The main table compares, case by case and interleaved (reference, engine with no extras,
engine with the default extras, then the next case; best of several rounds), the draws per
second of :func:`model.analysis.smaa.smaa` with ``workers=1`` against the reference, each in
its own process on one BLAS thread (OPENBLAS_NUM_THREADS=1), at the sizes of the SMAA issue:
5 × 4 random points; the shipped model (criteria.yaml, 5 alternatives × 6 criteria) with
scores uncertain; 20 × 10, 100 × 10, 200 × 10, 1000 × 20 and 1000 × 50 random points (weights
uncertain, scores fixed). Target: engine / reference >= 1 everywhere (>= 2 on the shipped model).

The reference is the textbook vectorised SMAA (Dirichlet weights, matrix product, argsort
ranks, bincount): it computes rank acceptabilities only, as the engine does with ``extras=()``;
the default extras add central weights, pairwise winning indices and confidence factors.

Then: peak memory of 100 M draws of the shipped model, scores fixed (VmHWM of a fresh
process; target < 500 MB), and 1000 × 20 at 100,000 draws, default call (target < 15 s).
``--peer`` adds pymcdm's weighted sum called once per draw on three cases; pymcdm is not a
project dependency: the first run installs it into benchmarks/.venv (ignored by git through
the `.venv/` rule) with `python -m venv` and `pip install pymcdm numpy`.
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

# Subprocesses get each problem as JSON on stdin, [low, span, samples]: benefit-oriented values on the
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

low, span, samples = json.loads(sys.stdin.read())
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

low, span, samples = json.loads(sys.stdin.read())
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

# The engine runs in its own process too, on the same single BLAS thread as the reference; it gets
# [spec, samples, extras] (extras None: the default call) and builds the problem with problem_for.
ENGINE_CODE = """
import json, sys, time
sys.path.insert(0, "benchmarks")
from bench_smaa import problem_for
from model.analysis.smaa import smaa

spec, samples, extras = json.loads(sys.stdin.read())
problem, vary = problem_for(spec)
kwargs = {} if extras is None else {"extras": extras}
smaa(problem, samples=min(samples, 20_000), vary_scores=vary, workers=1, **kwargs)  # warm-up
start = time.perf_counter()
smaa(problem, samples=samples, vary_scores=vary, workers=1, **kwargs)
print(samples / (time.perf_counter() - start))
"""

SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

Arrays = tuple[list[list[float]], list[list[float]]]
Spec = list[Any]  # ["shipped", vary] or ["random", m, n, interval, vary]


@dataclass
class Case:
    name: str
    spec: Spec
    samples: int
    target: float  # engine (no extras) / reference


CASES = [
    Case("5 × 4", ["random", 5, 4, 0.0, False], 4_000_000, 1.0),
    Case("5 × 6 shipped, scores uncertain", ["shipped", True], 1_000_000, 2.0),
    Case("20 × 10", ["random", 20, 10, 0.0, False], 1_000_000, 1.0),
    Case("100 × 10", ["random", 100, 10, 0.0, False], 200_000, 1.0),
    Case("200 × 10", ["random", 200, 10, 0.0, False], 100_000, 1.0),
    Case("1000 × 20", ["random", 1000, 20, 0.0, False], 50_000, 1.0),
    Case("1000 × 50", ["random", 1000, 50, 0.0, False], 50_000, 1.0),
]


@dataclass
class Row:
    case: Case
    reference: float  # draws/s, best of the rounds
    bare: float  # engine, extras=()
    default: float  # engine, default extras


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


def problem_for(spec: Spec) -> tuple[Any, bool]:
    """The problem of a case and whether its scores vary."""
    import model

    if spec[0] == "shipped":
        return model.load(MODEL), bool(spec[1])
    _, m, n, interval, vary = spec
    return random_problem(int(m), int(n), float(interval)), bool(vary)


def arrays(problem: Any, vary: bool) -> Arrays:
    """The normalised lower ends and spans the engine samples from, as nested lists."""
    from model.analysis.smaa.plan import normalized_ranges

    low, span = normalized_ranges(problem, vary)
    return low.tolist(), span.tolist()


def seconds_for(problem: Any, samples: int) -> float:
    from model.analysis.smaa import smaa

    start = time.perf_counter()
    smaa(problem, samples=samples)
    return time.perf_counter() - start


def run_python(python: Path | str, code: str, argument: object, env: dict[str, str] | None = None) -> float:
    """Run ``code`` with ``argument`` as JSON in ``python``; its last line of output, as a number."""
    result = subprocess.run(
        [str(python), "-c", code],
        input=json.dumps(argument),  # on stdin: a 1000 x 50 matrix is longer than a command line may be
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    return float(result.stdout.strip().splitlines()[-1])


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
    """Peak resident memory (MB, VmHWM; ru_maxrss where there is no /proc) and seconds of a fresh process
    running ``samples`` draws. Not ru_maxrss first: Linux carries it across exec, from this process."""
    code = textwrap.dedent(
        f"""
        import resource, time, model
        from model.analysis.smaa import smaa
        problem = model.load({str(MODEL)!r})
        start = time.perf_counter()
        smaa(problem, samples={samples}, vary_scores=False)
        seconds = time.perf_counter() - start
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
        except (OSError, StopIteration):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(peak, seconds)
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
    return f"{a / b:,.2f}×" if a / b < 100 else f"{a / b:,.0f}×"


def interleaved(cases: list[Case], rounds: int, scale: int, log: Callable[[str], None]) -> list[Row]:
    """Best draws/s of the reference and the engine (no extras, default extras), case by case and
    round by round, so that a busy moment of the machine hits all three alike."""
    best = {case.name: [0.0, 0.0, 0.0] for case in cases}
    for round_ in range(rounds):
        for case in cases:
            samples = max(case.samples // scale, 20_000)
            log(f"round {round_ + 1}/{rounds}: {case.name} ({samples:,} draws) ...")
            reference = run_python(
                sys.executable, REFERENCE_CODE, [*arrays(*problem_for(case.spec)), samples], SINGLE_THREAD
            )
            bare = run_python(sys.executable, ENGINE_CODE, [case.spec, samples, []], SINGLE_THREAD)
            default = run_python(sys.executable, ENGINE_CODE, [case.spec, samples, None], SINGLE_THREAD)
            rates = best[case.name]
            best[case.name] = [max(rates[0], reference), max(rates[1], bare), max(rates[2], default)]
    return [Row(case, *best[case.name]) for case in cases]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fifth of the draws, two rounds; 10 M draws for memory")
    parser.add_argument("--peer", action="store_true", help="also time pymcdm (installs it into benchmarks/.venv)")
    args = parser.parse_args()
    quick: bool = args.quick

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    scale = 5 if quick else 1
    rows = interleaved(CASES, 2 if quick else 3, scale, log)

    peers: list[tuple[str, float, float]] = []
    peer = peer_python(log) if args.peer else None
    if peer is not None:
        for case in (CASES[0], CASES[1], CASES[4]):
            log(f"{case.name}: pymcdm ...")
            row = next(r for r in rows if r.case is case)
            rate = run_python(peer, PEER_CODE, [*arrays(*problem_for(case.spec)), 20_000 // scale])
            peers.append((case.name, row.bare, rate))

    memory_draws = 10**8 // (10 if quick else 1)
    log(f"peak memory of {memory_draws:,} draws ...")
    megabytes, memory_seconds = peak_memory(memory_draws)
    big_draws = 10**5 // (10 if quick else 1)
    log(f"1000 × 20 at {big_draws:,} draws ...")
    big = [
        (label, seconds_for(random_problem(1000, 20, interval=w), big_draws))
        for label, w in (("points", 0.0), ("±1 intervals", 1.0))
    ]

    print(f"\nSMAA benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, numpy {np.__version__}")
    print("engine: smaa(workers=1); reference: plain vectorised numpy SMAA (ranks only); each on one BLAS thread\n")
    header = ("case", "reference", "no extras", "ratio", "default", "ratio", "target", "met")
    widths = (32, 10, 10, 7, 10, 7, 7, 3)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = (
            row.case.name,
            rate_text(row.reference),
            rate_text(row.bare),
            ratio_text(row.bare, row.reference),
            rate_text(row.default),
            ratio_text(row.default, row.reference),
            f">= {row.case.target:g}",
            "yes" if row.bare >= row.case.target * row.reference else "NO",
        )
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    print("(ratio: engine / reference draws per second; the target is for the engine with no extras, the")
    print(" reference's own work; the default extras add central weights, pairwise indices, confidence factors)")
    if peers:
        print("\npymcdm's weighted sum, one call per draw:")
        for name, engine, rate in peers:
            print(f"  {name}: {rate_text(rate)}; engine (no extras) {ratio_text(engine, rate)} faster")
    at = " (the target is for 100 M)" if quick else ""
    verdict = "yes" if megabytes < 500 else "NO"
    print(f"\n{memory_draws:,} draws, shipped, scores fixed: peak memory {megabytes:.0f} MB, {memory_seconds:.1f} s")
    print(f"  target < 500 MB{at}: {verdict}")
    for label, seconds in big:
        at = " (the target is for 100,000)" if quick else ""
        verdict = "yes" if seconds < 15 else "NO"
        print(f"1000 × 20 at {big_draws:,} draws, {label}: {seconds:.2f} s; target < 15 s{at}: {verdict}")
    if quick:
        print("\n--quick: fewer draws and rounds; run without it for the figures the targets refer to.")


if __name__ == "__main__":
    main()
