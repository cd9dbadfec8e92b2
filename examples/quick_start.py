"""Quick start: load the model, check its evidence, rank, and read why the winner wins.

Run from anywhere:  python examples/quick_start.py
"""

from __future__ import annotations

from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    # 1. Load: the YAML is validated and every quote is found in its source document.
    problem = model.load(ROOT / "criteria.yaml")
    quotes = problem.evidence_table
    print(f"{len(problem.alternatives)} alternatives, {len(problem.criteria)} criteria, {len(quotes)} verified quotes")
    print(quotes[["alternative", "criterion", "source", "line"]].head(3).to_string(index=False), end="\n\n")

    # 2. Rank with the additive model; the normalised weights are part of the result.
    ranking = model.evaluate(problem)
    print(ranking.table.to_string(index=False), end="\n\n")
    print("weights:", ", ".join(f"{c} {w:.2f}" for c, w in ranking.weights_series.items()))

    # 3. Why: the winner's contributions against the runner-up, criterion by criterion.
    winner, runner_up = ranking.table["alternative"].iloc[:2]
    lead = ranking.contributions.loc[winner] - ranking.contributions.loc[runner_up]
    print(f"\n{winner} leads {runner_up} by {lead.sum():.3f}:")
    print(lead.sort_values(ascending=False).round(3).to_string())

    # 4. What the ranking rests on that is not evidence: intervals and unknown cells.
    for alternative, flagged in ranking.flags.items():
        if flagged:
            print(f"{alternative}: " + ", ".join(f"{criterion} is {kind}" for criterion, kind in flagged))


if __name__ == "__main__":
    main()
