"""How long `exile-model report criteria.yaml` takes end to end (10,000 SMAA draws by default).

Targets: under 5 seconds on this machine, and (the aim) at most 2.5 times as long as Python
importing numpy, pandas and yaml. Run from the repository root:
python benchmarks/bench_report.py [--runs N] [--samples N]
The report and the import run interleaved in fresh processes (a busy machine slows both
alike); then one fresh process times the stages: importing the model and loading the file, the
analyses, drawing the six figures as inline SVG, and the whole page (which redoes the analyses
and the figures, plus explain, the method comparison and the HTML). The report never imports
matplotlib: its figures are drawn by :mod:`model.render.report.charts`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "criteria.yaml"


def stages(samples: int) -> dict[str, float]:
    """Seconds of each stage of the report in this (fresh) process, in order."""
    took: dict[str, float] = {}
    start = time.perf_counter()
    import model

    problem = model.load(MODEL)
    took["import model, load"] = time.perf_counter() - start
    start = time.perf_counter()
    from model.analysis.sensitivity import analyse
    from model.analysis.smaa import smaa

    ranking = model.evaluate(problem)
    sensitivity = analyse(problem)
    result = smaa(problem, samples=samples, seed=0)
    took["rank, sensitivity, SMAA"] = time.perf_counter() - start
    start = time.perf_counter()
    from model.render.report import charts

    drawn = [
        charts.contribution_bars(ranking),
        charts.weights(problem),
        charts.weight_sweeps(sensitivity.sweeps),
        charts.rank_acceptability(result),
        charts.central_weights(result),
    ]
    if sensitivity.tornado is not None:
        drawn.append(charts.tornado(sensitivity.tornado))
    took[f"draw {len(drawn)} figures as SVG"] = time.perf_counter() - start
    start = time.perf_counter()
    from model.render.html import build_report

    build_report(problem, samples=samples, seed=0)
    took["the whole page, again"] = time.perf_counter() - start
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--samples", type=int, default=10_000)
    args = parser.parse_args()
    times: list[float] = []
    imports: list[float] = []
    yardstick = [sys.executable, "-c", "import numpy, pandas, yaml"]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.html"
        command = [sys.executable, "-m", "model", "report", str(MODEL), "-o", str(target)]
        command += ["--samples", str(args.samples)]
        for _ in range(args.runs):
            for timed, run in ((imports, yardstick), (times, command)):
                start = time.perf_counter()
                subprocess.run(run, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
                timed.append(time.perf_counter() - start)
        size = target.stat().st_size
    median, baseline = statistics.median(times), statistics.median(imports)
    print(f"exile-model report, {args.samples:,} SMAA draws, {args.runs} runs in fresh processes")
    print(f"  median {median:.2f} s, min {min(times):.2f} s, max {max(times):.2f} s")
    print(f"  import numpy, pandas, yaml: median {baseline:.3f} s; report / import {median / baseline:.2f}")
    print(f"  report size {size:,} bytes; target < 5 s: {'met' if median < 5 else 'NOT met'}; ", end="")
    print(f"aim <= 2.5 × the import: {'met' if median <= 2.5 * baseline else 'NOT met'}")
    probe = f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import bench_report as b;"
    probe += f"[print(f'  {{k:<30}} {{v:6.3f}} s') for k, v in b.stages({args.samples}).items()]"
    print("stages, in one fresh process:")
    print(subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT).stdout)


if __name__ == "__main__":
    main()
