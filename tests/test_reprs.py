"""What a notebook or a REPL shows of each result: a short readable summary, and an HTML table.

A ``repr`` that dumps every array floods a REPL; one that says nothing forces a reader to dig.
Every public result is checked for both: bounded length, its class and caption first, the leading
alternative visible, and an HTML rendering that parses as a table.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import model
from model.display import REPR_LIMIT

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def problem() -> model.DecisionProblem:
    return model.load(ROOT / "criteria.yaml")


def _results(problem: model.DecisionProblem) -> dict[str, Any]:
    return {
        "ranking": model.evaluate(problem),
        "sensitivity": model.sensitivity(problem),
        "smaa": model.smaa(problem, samples=4000, seed=3),
        "drivers": model.decision_drivers(problem, samples=2000, seed=3),
        "explain": model.explain(problem),
        "scenarios": model.compare_scenarios(problem),
        "methods": model.compare_methods(problem),
        "rank_ranges": model.rank_ranges(problem),
        "uncited": model.uncited(problem),
    }


class _TableCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tables += tag == "table"
        self.cells += tag in ("td", "th")


@pytest.mark.parametrize(
    "name", ["ranking", "sensitivity", "smaa", "drivers", "explain", "scenarios", "methods", "rank_ranges", "uncited"]
)
def test_repr_is_short_readable_and_names_the_result(problem: model.DecisionProblem, name: str) -> None:
    result = _results(problem)[name]
    text = repr(result)
    assert 40 < len(text) <= REPR_LIMIT + 40, (name, len(text))
    assert text.startswith("<") or text.startswith(type(result).__name__), text[:80]
    assert type(result).__name__ in text.splitlines()[0]
    assert "array(" not in text, "raw numpy arrays leak into the repr"
    assert "DataFrame" not in text
    assert max(len(line) for line in text.splitlines()) <= 200


@pytest.mark.parametrize("name", ["ranking", "sensitivity", "smaa", "explain", "methods", "rank_ranges"])
def test_repr_html_is_a_table_a_notebook_can_show(problem: model.DecisionProblem, name: str) -> None:
    result = _results(problem)[name]
    counter = _TableCounter()
    counter.feed(result._repr_html_())
    assert counter.tables >= 1 and counter.cells >= 4


def test_smaa_repr_says_how_it_was_drawn_and_leads_with_the_front_runner(problem: model.DecisionProblem) -> None:
    result = model.smaa(problem, samples=4000, seed=3)
    text = repr(result)
    assert "4,000 draws, seed 3" in text
    first_row = text.splitlines()[3]
    assert first_row.split()[0] == result.alternatives[int(result.order[0])]
    # shares in percent, as on the terminal; the DataFrame keeps fractions for computing
    assert first_row.split()[1] == f"{100 * result.first_rank[result.order[0]]:.1f}%"
    assert "%" in result._repr_html_()
    assert result.table["first"].dtype.kind == "f"


def test_problem_repr_summarises_the_model(problem: model.DecisionProblem) -> None:
    text = repr(problem)
    assert len(text) <= REPR_LIMIT + 40
    assert "5 alternatives × 6 criteria" in text and "sha256" in text
    counter = _TableCounter()
    counter.feed(problem._repr_html_())
    assert counter.tables >= 1
