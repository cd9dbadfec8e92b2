"""What-if weightings (one at a time and ten thousand at once) and a scenario comparison, through the library.

Run from the repository root:  python examples/what_if.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import model

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    problem = model.load(ROOT / "criteria.yaml")  # validates the file and verifies every quote
    base = model.evaluate(problem)
    print(f"Base ranking (weights: {', '.join(f'{c} {w:.2f}' for c, w in base.weights_series.items())})")
    print(base.table.to_string(index=False), end="\n\n")

    # What if extradition risk did not matter at all? Other weights keep their proportions.
    no_risk = model.evaluate(problem.with_weights({"extradition_risk": 0}))
    print("What-if extradition_risk = 0:", " > ".join(no_risk.table["alternative"]))

    # How much must extradition risk (where Russia scores best) dominate before Turkey loses first place?
    for weight in (30, 100, 300, 1000):
        what_if = model.evaluate(problem.with_weights({"extradition_risk": weight}))
        share = what_if.weights_series["extradition_risk"]
        print(f"  extradition_risk = {weight:>4} (normalised {share:.2f}): winner {', '.join(what_if.winners)}")
    print()

    # Every scenario of the file side by side: rank and score of each alternative.
    columns = {"base": base}
    columns.update({name: model.evaluate(problem.with_scenario(name)) for name in problem.scenarios})
    comparison = pd.DataFrame(
        {
            name: ranking.table.set_index("alternative")["rank"].astype(str)
            + " ("
            + ranking.table.set_index("alternative")["score"].map("{:.3f}".format)
            + ")"
            for name, ranking in columns.items()
        }
    ).loc[list(problem.alternative_names)]
    print("Rank (score) under each scenario:")
    print(comparison.to_string())
    print()

    # Ten thousand what-ifs in one call: random weightings (seeded), each ranked exactly as
    # evaluate(problem.with_weights(row)) would rank it. How often does each country come first?
    rng = np.random.default_rng(7)
    stack = rng.dirichlet(np.ones(len(problem.criterion_ids)), size=10_000)
    batch = model.evaluate_many(problem, stack)
    print(f"{len(batch):,} random weightings at once — share of them ranking each country first:")
    shown = batch.table.assign(
        first=batch.table["first"].map("{:.2%}".format), mean_rank=batch.table["mean_rank"].round(2)
    )
    print(shown.to_string(index=False))
    print()

    # Why does the winner win? Its contributions against the runner-up, criterion by criterion.
    winner, runner_up = base.table["alternative"].iloc[0], base.table["alternative"].iloc[1]
    gap = (base.contributions.loc[winner] - base.contributions.loc[runner_up]).sort_values(ascending=False)
    print(f"{winner} over {runner_up}, by criterion (contribution difference):")
    print(gap.round(3).to_string())


if __name__ == "__main__":
    main()
