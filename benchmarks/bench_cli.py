"""How fast `check`, `rank` and `sensitivity` start, against Python importing numpy, pandas and yaml.

The targets: `exile-model rank criteria.yaml` must not take much longer than the bare imports,
and `exile-model sensitivity criteria.yaml` at most 1.2 times as long. Run from the repository
root:  python benchmarks/bench_cli.py [--runs N]
Prints medians (and min) of wall-clock times over N fresh processes (the commands interleaved,
so a busy machine slows them alike), the ratios, and which heavy modules `rank` and
`sensitivity` imported. `benchmarks/bench_report.py` times `report`.
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


def wall_times(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Seconds per run of each command, interleaved: run 1 of each, then run 2 of each, ..."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            times[name].append(time.perf_counter() - start)
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


def heavy_modules(command: str) -> str:
    probe = (
        f"import sys, io, model.cli; model.cli.main([{command!r}, {MODEL!r}], out=io.StringIO());"
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
        "exile-model sensitivity": [python, "-m", "model", "sensitivity", MODEL],
    }
    print(f"{args.runs} fresh processes each; Python {sys.version.split()[0]}\n")
    medians = {}
    for name, times in wall_times(cases, args.runs).items():
        medians[name] = statistics.median(times)
        print(f"  {name:<32} median {medians[name] * 1000:7.1f} ms   min {min(times) * 1000:7.1f} ms")
    baseline = medians["import numpy, pandas, yaml"]
    print()
    targets = {"exile-model sensitivity": 1.2}
    for name in ("exile-model check", "exile-model rank", "exile-model rank --format json", "exile-model sensitivity"):
        ratio = medians[name] / baseline
        verdict = (
            f"   target <= {targets[name]}: {'met' if ratio <= targets[name] else 'NOT met'}" if name in targets else ""
        )
        print(f"  {name:<32} {ratio:5.2f} × the numpy+pandas+yaml import{verdict}")
    load_s, eval_s = in_process(max(args.runs, 20))
    import model

    quotes = sum(len(score.evidence) for score in model.load(MODEL).cells())
    timing = f"load + verify and check {quotes} quotes {load_s * 1000:.1f} ms, evaluate {eval_s * 1000:.2f} ms"
    print(f"\n  in-process: {timing}")
    print(f"  heavy modules imported by `rank`: {heavy_modules('rank')}")
    print(f"  heavy modules imported by `sensitivity`: {heavy_modules('sensitivity')}")


if __name__ == "__main__":
    main()
