"""Adding a document, a quote and a new country — and what the checker says when a quote is wrong.

Works on a copy in a temporary folder; the shipped files are never changed. The added
document is a made-up EXAMPLE, not reporting: it only shows the workflow.
Run from anywhere:  python examples/new_evidence.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[1]

DOCUMENT = """EXAMPLE DOCUMENT (not real reporting), used only to show how evidence is added.

Officials in Managua said the government would "welcome any friend of the Bolivarian revolution".

Nicaragua has no extradition treaty with the United States, the note adds.
"""

SOURCE = """\
  example_note:
    file: seeds/example_note.txt
    title: An example note (made up for this tutorial)
"""

COUNTRY = """\
  Nicaragua:
    extradition_risk:
      value: low
      confidence: low
      evidence:
        - source: example_note
          quote: "Nicaragua has no extradition treaty with the United States"
      rationale: No treaty, but a single unattributed note.
    willingness_to_host:
      value: high
      confidence: low
      evidence:
        - source: example_note
          quote: would “welcome any friend of the Bolivarian revolution”
      rationale: A public welcome for allies of the regime, from unnamed officials.
    financial_networks: {value: unknown, rationale: Nothing in the documents.}
    us_relations: {value: unknown, rationale: Nothing in the documents.}
    freedom_of_movement: {value: unknown, rationale: Nothing in the documents.}
    host_ties: {value: unknown, rationale: Nothing in the documents.}
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "seeds", work / "seeds")
        (work / "seeds" / "example_note.txt").write_text(DOCUMENT, encoding="utf-8")
        text = (ROOT / "criteria.yaml").read_text(encoding="utf-8")
        text = text.replace("\nscales:", SOURCE + "\nscales:", 1)
        text = text.replace(
            "  Iran:\n    description:",
            "  Nicaragua:\n    description: Example only.\n    aliases: [Managua]\n  Iran:\n    description:",
            1,
        )
        text = text.replace("\nuncertainty:", "\n" + COUNTRY + "\nuncertainty:", 1)
        path = work / "criteria.yaml"
        path.write_text(text, encoding="utf-8")

        problem = model.load(path)  # every quote, old and new, is found again
        cell = problem.score("Nicaragua", "willingness_to_host")
        print(f"Nicaragua willingness_to_host: {cell.describe()}, quote found on line {cell.evidence[0].line}")
        print(f"warnings: {len(problem.warnings)}")
        ranking = model.evaluate(problem)
        print(" > ".join(ranking.table["alternative"]))
        print("Nicaragua's unknown cells:", ", ".join(c for c, kind in ranking.flags["Nicaragua"] if kind == "unknown"))

        # A quote changed by one word is refused, with the closest passage as a hint.
        path.write_text(text.replace("has no extradition treaty", "has no formal extradition treaty"), encoding="utf-8")
        try:
            model.load(path)
        except model.ConfigError as error:
            print("\nwith one word changed, the checker says:\n" + str(error.issues[0]))

        # A quote that is in the document but drops the "no" before it is refused too.
        hostile = text.replace(
            "Nicaragua has no extradition treaty with the United States", "extradition treaty with the United States"
        )
        path.write_text(hostile, encoding="utf-8")
        try:
            model.load(path)
        except model.ConfigError as error:
            print("\nquoting past the 'no', the checker says:\n" + str(error.issues[0]))


if __name__ == "__main__":
    main()
