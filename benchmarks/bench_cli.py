"""How fast `check` and `rank` start, against Python importing numpy, pandas and yaml.

The issue's target: `exile-model rank criteria.yaml` must not take much longer than the bare
imports. Run from the repository root:  python benchmarks/bench_cli.py [--runs N]
Prints medians (and min) of wall-clock times over N fresh processes, the ratios, and which
heavy modules the `rank` path imported.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = str(ROOT / "criteria.yaml")


def wall_times(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def in_process(runs: int) -> tuple[float, float]:
    """Median seconds of load (with quote verification) and of evaluate, in a warm process."""
    import model

    loads, evals = [], []
    for _ in range(runs):
        start = time.perf_counter()
        problem = model.load(MODEL)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.evaluate(problem)
        evals.append(time.perf_counter() - start)
    return statistics.median(loads), statistics.median(evals)


def heavy_modules() -> str:
    probe = (
        f"import sys, io, model.cli; model.cli.main(['rank', {MODEL!r}], out=io.StringIO());"
        "print(','.join(m for m in ('pandas', 'scipy', 'matplotlib') if m in sys.modules) or 'none')"
    )
    return subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    cases = {
        "python (empty)": [python, "-c", "pass"],
        "import numpy, pandas, yaml": [python, "-c", "import numpy, pandas, yaml"],
        "import numpy, yaml": [python, "-c", "import numpy, yaml"],
        "exile-model check": [python, "-m", "model", "check", MODEL],
        "exile-model rank": [python, "-m", "model", "rank", MODEL],
        "exile-model rank --format json": [python, "-m", "model", "rank", MODEL, "--format", "json"],
    }
    print(f"{args.runs} fresh processes each; Python {sys.version.split()[0]}\n")
    medians = {}
    for name, command in cases.items():
        times = wall_times(command, args.runs)
        medians[name] = statistics.median(times)
        print(f"  {name:<32} median {medians[name] * 1000:7.1f} ms   min {min(times) * 1000:7.1f} ms")
    baseline = medians["import numpy, pandas, yaml"]
    print()
    for name in ("exile-model check", "exile-model rank", "exile-model rank --format json"):
        print(f"  {name:<32} {medians[name] / baseline:5.2f} × the numpy+pandas+yaml import")
    load_s, eval_s = in_process(max(args.runs, 20))
    import model

    quotes = sum(len(score.evidence) for score in model.load(MODEL).cells())
    timing = f"load + verify and check {quotes} quotes {load_s * 1000:.1f} ms, evaluate {eval_s * 1000:.2f} ms"
    print(f"\n  in-process: {timing}")
    print(f"  heavy modules imported by `rank`: {heavy_modules()}")


if __name__ == "__main__":
    main()
