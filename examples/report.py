"""Produce the HTML report and the figures from the library, then explain the runner-up.

Writes into the folder given on the command line (default: ./exile-report).
Run from anywhere:  python examples/report.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "exile-report"
    problem = model.load(ROOT / "criteria.yaml")

    report = model.report(problem, samples=5_000, seed=1)  # every analysis, seeded
    page = report.write(folder / "report.html", protect=(ROOT / "criteria.yaml",))
    print(f"report: {page} ({page.stat().st_size:,} bytes, {len(report.figures)} figures embedded)")
    for name, figure in report.figures.items():
        print("figure:", model.plots.save(figure, folder / f"{name}.svg"))

    runner_up = model.evaluate(problem).table["alternative"].iloc[1]
    why = model.explain(problem, runner_up)
    print(f"\n{runner_up} trails {why.rival} by {abs(why.gap):.3f}; decisive: {', '.join(why.decisive)}")
    for threshold in why.weight_thresholds:
        if threshold.swaps:
            print(f"  it passes {why.rival} if {threshold.criterion}'s weight goes to {threshold.weight:.3f}")


if __name__ == "__main__":
    main()
