"""How long `exile-model report criteria.yaml` takes end to end (10,000 SMAA draws by default).

Target: under 5 seconds on this machine. Run from the repository root:
python benchmarks/bench_report.py [--runs N] [--samples N]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--samples", type=int, default=10_000)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.html"
        command = [sys.executable, "-m", "model", "report", str(ROOT / "criteria.yaml"), "-o", str(target)]
        command += ["--samples", str(args.samples)]
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        size = target.stat().st_size
    print(f"exile-model report, {args.samples:,} SMAA draws, {args.runs} runs in fresh processes")
    print(f"  median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s")
    print(f"  report size {size:,} bytes; target < 5 s: {'met' if statistics.median(times) < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
