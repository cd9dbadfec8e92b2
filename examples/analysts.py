"""Several analysts' weights: AHP, rank order and swing, their group, and each as a scenario.

The shipped model keeps its direct weights; this example adds an `analysts:` block to a copy
in a temporary folder (the shipped file is never changed) and compares the stances.
Run from anywhere:  python examples/analysts.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[1]

ANALYSTS = """\
analysts:
  ana:   # only an order of importance, with a tie
    order: [extradition_risk, willingness_to_host, [financial_networks, us_relations], freedom_of_movement, host_ties]
  ben:   # swing weights: points for the swing from worst to best
    swing:
      extradition_risk: 100
      willingness_to_host: 90
      financial_networks: 80
      us_relations: 60
      freedom_of_movement: 30
      host_ties: 20
  cyd:   # AHP pairwise judgements: [a, b, 3] means a is three times as important as b
    ahp:
      judgements:
        - [extradition_risk, willingness_to_host, 2]
        - [extradition_risk, financial_networks, 2]
        - [extradition_risk, us_relations, 3]
        - [extradition_risk, freedom_of_movement, 4]
        - [extradition_risk, host_ties, 4]
        - [willingness_to_host, financial_networks, 1]
        - [willingness_to_host, us_relations, 2]
        - [willingness_to_host, freedom_of_movement, 2]
        - [willingness_to_host, host_ties, 3]
        - [financial_networks, us_relations, 2]
        - [financial_networks, freedom_of_movement, 2]
        - [financial_networks, host_ties, 3]
        - [us_relations, freedom_of_movement, 1]
        - [us_relations, host_ties, 2]
        - [freedom_of_movement, host_ties, 1]

"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "seeds", work / "seeds")
        text = (ROOT / "criteria.yaml").read_text(encoding="utf-8")
        (work / "criteria.yaml").write_text(
            text.replace("uncertainty:\n", ANALYSTS + "uncertainty:\n", 1), encoding="utf-8"
        )
        problem = model.load(work / "criteria.yaml")

    together = model.weighting.group(problem.analysts, problem.criterion_ids)
    ahp = together.individual["cyd"].ahp
    assert ahp is not None
    print(f"cyd's AHP: CR {ahp.cr:.3f} ({'consistent' if ahp.consistent else 'inconsistent'}), GCI {ahp.gci:.3f}")
    print(f"group rule: {together.rule}")
    spread = together.spread
    for j, criterion in enumerate(problem.criterion_ids):
        print(f"  {criterion:<20} group {together.weights[j]:.3f}   analysts {spread[j, 0]:.3f}–{spread[j, 1]:.3f}")

    print("\nwinner under each stance:")
    for name in ["analyst:ana", "analyst:ben", "analyst:cyd", "analysts:group"]:
        ranking = model.evaluate(problem.with_scenario(name))
        print(f"  {name:<15} {' > '.join(ranking.table['alternative'])}")


if __name__ == "__main__":
    main()
