"""Speed at every size, as ratios measured in one run with the contenders interleaved.

Run from the repository root:  python benchmarks/bench_speed.py [--quick] [--rounds N] [--only SECTION]

Every figure is a ratio of two timings taken in this run, round by round (contender A, then
B, then A ...), so a busy machine slows both alike. Medians over the rounds. Sections:

1. SMAA against a plain-numpy SMAA (normalised-exponential weights, one matrix product,
   argsort, bincount; chunked), both on one thread: the engine with ``workers=1`` and no
   extras (rank acceptabilities only, what the reference computes), and with its default
   extras (central weights, pairwise winning indices, confidence factors) for information.
   Target: >= 1.0x the reference at every size, >= 2x at 5x5 with scores uncertain.
2. ``DecisionProblem.from_matrix`` + ``evaluate`` against plain numpy (normalise on the
   declared scale, weight, sum, argsort). Target: <= 3x plain numpy at 1,000x20 and 100,000x20.
3. What-ifs: 1,000 weight vectors at 200x10 through ``evaluate_many`` (one call), through a
   loop of ``with_weights`` + ``evaluate``, and through plain numpy. Target: >= 20 k vectors/s
   through the batch call.
4. Whole processes: ``exile-model rank | sensitivity | smaa | report`` on the shipped model
   against ``python -c "import numpy, pandas, yaml"``. Targets: report <= 2.5x, sensitivity
   <= 1.2x.
5. Peak memory (VmHWM of a fresh process) for 10^8 SMAA draws of the shipped model
   (target: about 50 MB, unchanged), and the exact first-rank acceptability at 50x8.

Tests never assert these figures: wall-clock time belongs here, not in CI.
"""

from __future__ import annotations

import os

# one thread for both contenders, set before numpy loads its BLAS
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import textwrap  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

import model  # noqa: E402
from model.analysis.smaa.plan import normalized_ranges  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "criteria.yaml"
FloatArray = NDArray[np.float64]
SECTIONS = ("smaa", "path", "what-ifs", "processes", "memory")


# ----- the plain-numpy contenders ------------------------------------------------------------
def reference_smaa(low: FloatArray, span: FloatArray, samples: int, seed: int = 0) -> FloatArray:
    """Textbook chunked SMAA: rank acceptabilities only (benefit-oriented 0-1 values ``low + span * U``)."""
    rng = np.random.default_rng(seed)
    m, n = low.shape
    varies = bool(np.any(span > 0))
    chunk = max(64, (1 << 21) // (m * (n if varies else 1)))
    counts = np.zeros(m * m, dtype=np.int64)
    offsets = np.arange(m) * m
    for start in range(0, samples, chunk):
        size = min(chunk, samples - start)
        weights = rng.standard_exponential((size, n))
        weights /= weights.sum(axis=1, keepdims=True)
        drawn = low + span * rng.random((size, m, n)) if varies else None
        scores = weights @ low.T if drawn is None else np.einsum("kaj,kj->ka", drawn, weights)
        order = np.argsort(-scores, axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(m), axis=1)
        counts += np.bincount((offsets + ranks).ravel(), minlength=m * m)
    return counts.reshape(m, m) / samples


def plain_rank(values: FloatArray, weights: FloatArray, low: float, high: float) -> NDArray[np.intp]:
    """Plain numpy: normalise on the declared scale, weight, sum, order best first."""
    normalized = (values - low) / (high - low)
    return np.argsort(-(normalized @ (weights / weights.sum())), kind="stable")


def plain_what_ifs(normalized: FloatArray, stack: FloatArray) -> NDArray[np.intp]:
    weights = stack / stack.sum(axis=1, keepdims=True)
    return np.argsort(-(weights @ normalized.T), axis=1, kind="stable")


# ----- timing --------------------------------------------------------------------------------
def interleaved(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median seconds of each contender, run one after the other in each round (after one warm-up)."""
    for run in contenders.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def random_problem(m: int, n: int, interval: float = 0.0, seed: int = 0) -> model.DecisionProblem:
    rng = np.random.default_rng(seed)
    values = rng.uniform(1, 9, (m, n))
    return model.DecisionProblem.from_matrix(
        values,
        weights=rng.uniform(0.5, 1.5, n),
        scale=(1, 9),
        low=np.clip(values - interval, 1, 9),
        high=np.clip(values + interval, 1, 9),
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def section_smaa(quick: bool, rounds: int, out: Callable[[str], None]) -> None:
    shipped = model.load(MODEL)
    cases: list[tuple[str, model.DecisionProblem, bool, int, float]] = [
        ("5x4, weights only", random_problem(5, 4), False, 1_000_000, 1.0),
        ("5x5, scores uncertain (±1 on 1-9)", random_problem(5, 5, interval=1.0), True, 200_000, 2.0),
        ("shipped 5x6, scores uncertain", shipped, True, 200_000, 1.0),
        ("20x10", random_problem(20, 10), False, 200_000, 1.0),
        ("100x10", random_problem(100, 10), False, 100_000, 1.0),
        ("200x10", random_problem(200, 10), False, 50_000, 1.0),
        ("1000x20", random_problem(1000, 20), False, 20_000, 1.0),
        ("1000x50", random_problem(1000, 50), False, 20_000, 1.0),
    ]
    out("## SMAA: engine (workers=1) against plain numpy (one thread), draws per second")
    out(
        f"{'case':42} {'samples':>9} {'reference':>11} {'engine':>11} {'ratio':>6} {'target':>7}  "
        f"{'default extras':>14}"
    )
    for label, problem, vary, draws, target in cases:
        samples = draws // 10 if quick else draws
        seconds = time_smaa(problem, vary, samples, rounds)
        ratio = seconds["reference"] / seconds["engine"]
        rates = f"{samples / seconds['reference']:>11,.0f} {samples / seconds['engine']:>11,.0f}"
        extras = seconds["reference"] / seconds["extras"]
        out(
            f"{label:42} {samples:>9,} {rates} {ratio:>5.2f}x {target:>5.1f}x  {extras:>13.2f}x  "
            f"{verdict(ratio >= target)}"
        )


def time_smaa(problem: model.DecisionProblem, vary: bool, samples: int, rounds: int) -> dict[str, float]:
    low, span = (np.array(a) for a in normalized_ranges(problem, vary))
    return interleaved(
        {
            "reference": lambda: reference_smaa(low, span, samples),
            "engine": lambda: model.smaa(problem, samples=samples, vary_scores=vary, workers=1, extras=()),
            "extras": lambda: model.smaa(problem, samples=samples, vary_scores=vary, workers=1),
        },
        rounds,
    )


def section_public_path(rounds: int, out: Callable[[str], None]) -> None:
    out("\n## from_matrix + evaluate against plain numpy (normalise, weight, sum, argsort)")
    out(f"{'size':>12} {'plain numpy':>12} {'engine':>10} {'ratio':>7} {'target':>7}")
    for m, n, target in ((5, 4, None), (1000, 20, 3.0), (100_000, 20, 3.0)):
        seconds = time_public_path(m, n, rounds)
        ratio = seconds["engine"] / seconds["plain"]
        goal = f"<= {target:.0f}x" if target else "—"
        met = verdict(ratio <= target) if target else ""
        out(
            f"{f'{m:,}x{n}':>12} {seconds['plain'] * 1e3:>10.2f}ms {seconds['engine'] * 1e3:>8.2f}ms {ratio:>6.2f}x "
            f"{goal:>7}  {met}"
        )


def time_public_path(m: int, n: int, rounds: int) -> dict[str, float]:
    rng = np.random.default_rng(1)
    values = rng.uniform(0, 1, (m, n))
    weights = rng.uniform(0.5, 1.5, n)
    return interleaved(
        {
            "plain": lambda: plain_rank(values, weights, 0.0, 1.0),
            "engine": lambda: model.evaluate(model.DecisionProblem.from_matrix(values, weights=weights)),
        },
        rounds,
    )


def section_what_ifs(rounds: int, out: Callable[[str], None]) -> None:
    out("\n## What-ifs: 1,000 weight vectors at 200x10, vectors per second")
    problem = random_problem(200, 10)
    stack = np.random.default_rng(2).uniform(0, 1, (1000, 10))
    normalized = np.array(model.evaluate(problem).details["normalized"])
    ids = problem.criterion_ids

    def loop() -> None:
        for row in stack[:100]:  # a tenth of the stack: the per-call path is the slow one
            model.evaluate(problem.with_weights(dict(zip(ids, row, strict=True))))

    seconds = interleaved(
        {
            "plain": lambda: plain_what_ifs(normalized, stack),
            "batch": lambda: model.evaluate_many(problem, stack),
            "loop": loop,
        },
        rounds,
    )
    batch_rate = 1000 / seconds["batch"]
    out(f"plain numpy             {1000 / seconds['plain']:>12,.0f} /s")
    out(
        f"evaluate_many (batch)   {batch_rate:>12,.0f} /s   target >= 20,000 /s  {verdict(batch_rate >= 20_000)}"
        f"   ({seconds['batch'] / seconds['plain']:.2f}x plain numpy's time)"
    )
    out(f"with_weights + evaluate {100 / seconds['loop']:>12,.0f} /s   (one call per vector)")


def section_processes(rounds: int, out: Callable[[str], None]) -> None:
    out('\n## Whole processes on the shipped model against `python -c "import numpy, pandas, yaml"`')
    cli = [sys.executable, "-m", "model"]
    with tempfile.TemporaryDirectory() as folder:
        report = str(Path(folder) / "report.html")
        commands = {
            "yardstick": [sys.executable, "-c", "import numpy, pandas, yaml"],
            "rank": [*cli, "rank", str(MODEL)],
            "sensitivity": [*cli, "sensitivity", str(MODEL)],
            "smaa": [*cli, "smaa", str(MODEL), "--no-progress"],
            "report": [*cli, "report", str(MODEL), "-o", report],
        }
        env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}  # as a user runs it
        seconds = interleaved(
            {
                name: (
                    lambda command=command: subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
                )
                for name, command in commands.items()
            },
            rounds,
        )
    targets = {"sensitivity": 1.2, "report": 2.5}
    base = seconds["yardstick"]
    out(f"{'yardstick':12} {base:>7.3f} s")
    for name in ("rank", "sensitivity", "smaa", "report"):
        ratio = seconds[name] / base
        target = targets.get(name)
        goal = f"target <= {target}x  {verdict(ratio <= target)}" if target else ""
        out(f"{name:12} {seconds[name]:>7.3f} s  {ratio:>5.2f}x  {goal}")


def section_memory_and_exact(quick: bool, out: Callable[[str], None]) -> None:
    samples = 10**7 if quick else 10**8
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of this (large)
    # process would report this process's peak as its own
    code = textwrap.dedent(
        f"""
        import resource, time, model
        problem = model.load({str(MODEL)!r})
        start = time.perf_counter()
        model.smaa(problem, samples={samples})
        seconds = time.perf_counter() - start
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
        except (OSError, StopIteration):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(seconds, peak)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    seconds, peak = (float(x) for x in result.stdout.split())
    out(f"\n## SMAA of the shipped model, {samples:.0e} draws in a fresh process: {seconds:.1f} s, peak {peak:.0f} MB")
    problem = random_problem(50, 8, seed=4)
    start = time.perf_counter()
    shares = model.exact_first_rank_acceptability(problem)
    out(
        f"## Exact first-rank acceptability, 50x8: {time.perf_counter() - start:.2f} s (shares sum to "
        f"{float(np.sum(shares)):.12f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the draws, 10^7 for the memory check")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per comparison (default 5)")
    parser.add_argument(
        "--only", choices=SECTIONS, action="append", help="run only this section (repeatable; default: all)"
    )
    args = parser.parse_args(argv)
    chosen = args.only or list(SECTIONS)

    def out(line: str) -> None:
        print(line, flush=True)

    versions = f"engine {model.__version__} · Python {sys.version.split()[0]} · numpy {np.__version__}"
    out(f"{versions} · {os.cpu_count()} cores")
    runs: dict[str, Callable[[], None]] = {
        "smaa": lambda: section_smaa(args.quick, args.rounds, out),
        "path": lambda: section_public_path(args.rounds, out),
        "what-ifs": lambda: section_what_ifs(args.rounds, out),
        "processes": lambda: section_processes(args.rounds, out),
        "memory": lambda: section_memory_and_exact(args.quick, out),
    }
    for name in SECTIONS:
        if name in chosen:
            runs[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
