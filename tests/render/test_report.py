"""The HTML report without a browser: structure, self-containment, the live view's data, the
evidence in context, and one value per quantity.

The report of the shipped ``criteria.yaml`` is built once (a few hundred SMAA draws) and parsed
with :mod:`html.parser`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

import model
from model.render.common import context_text
from model.render.html import SECTIONS, build_report
from model.render.report.format import points, raw_weight, score, share, signed, weight
from model.render.report.top import without_crossover

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "criteria.yaml"
SAMPLES = 300


class Page(HTMLParser):
    """Ids in document order, every src/href, tags seen, text, and the JSON payload."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.sections: list[str] = []
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.payload = ""
        self._in_payload = False
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.append(str(found["id"]))
            if tag == "section":
                self.sections.append(str(found["id"]))
        for key in ("src", "href", "action", "data", "poster"):
            if found.get(key) is not None:
                self.links.append(str(found[key]))
        self._in_payload = tag == "script" and found.get("id") == "report-data"
        self._in_code = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in_payload = self._in_code = False

    def handle_data(self, data: str) -> None:
        if self._in_payload:
            self.payload += data
        elif not self._in_code:
            self.text.append(data)


@pytest.fixture(scope="module")
def problem() -> model.DecisionProblem:
    return model.load(CRITERIA)


@pytest.fixture(scope="module")
def document(problem: model.DecisionProblem) -> str:
    return build_report(problem, samples=SAMPLES, seed=0).html


@pytest.fixture(scope="module")
def page(document: str) -> Page:
    parser = Page()
    parser.feed(document)
    parser.close()
    return parser


def test_every_section_in_order_with_sources_and_manifest_last(page: Page) -> None:
    positions = [page.ids.index(ident) for ident in SECTIONS]
    assert positions == sorted(positions), [page.ids[p] for p in sorted(positions)]
    assert page.sections[-2:] == ["sources", "manifest"]
    assert page.ids.count("verdict") == 1 and page.ids.count("ranking") == 1


def test_self_contained_no_network(document: str, page: Page) -> None:
    assert "http://" not in document and "https://" not in document
    assert all(link.startswith(("#", "data:")) for link in page.links), page.links
    assert not [t for t, attrs in page.tags if t in ("link", "iframe", "object", "embed")]
    assert all("src" not in attrs for t, attrs in page.tags if t == "script")
    assert '<meta name="viewport"' in document and "@media print" in document


def test_the_payload_is_the_engines_normalised_matrix(problem: model.DecisionProblem, page: Page) -> None:
    data = json.loads(page.payload)
    ranking = model.evaluate(problem)
    assert np.array_equal(np.array(data["normalized"]), np.asarray(ranking.details["normalized"]))
    assert data["weights"] == [c.weight for c in problem.criteria]
    assert data["criteria"] == list(problem.criterion_ids) and data["alternatives"] == list(problem.alternative_names)
    assert data["tolerance"] == model.TIE_TOLERANCE
    for entry in data["scenarios"]:
        changed = problem.with_scenario(entry["name"])
        assert entry["weights"] == [float(w) for w in changed.weights]
    top = max(entry_weight for entry in data["scenarios"] for entry_weight in entry["weights"])
    assert data["max"] >= max(top, *data["weights"])


def test_static_table_holds_the_engines_scores_in_order(problem: model.DecisionProblem, document: str) -> None:
    ranking = model.evaluate(problem)
    body = document.split('id="ranking-table"', 1)[1].split("</table>", 1)[0]
    found = re.findall(r'<tr data-index="(\d+)" data-score="([^"]+)"><td class="num rank">(\d+)</td>', body)
    assert [int(i) for i, _, _ in found] == list(ranking.order)
    for i, full, shown in found:
        assert float(full) == ranking.scores[int(i)] and int(shown) == ranking.ranks[int(i)]
        assert f'<td class="num score">{score(float(full))}</td>' in body


def test_every_quote_appears_in_its_sentence(problem: model.DecisionProblem, document: str, page: Page) -> None:
    text = " ".join(" ".join(page.text).split())
    count = 0
    for cell in problem.cells():
        for item in cell.evidence:
            in_context = context_text(problem.quote_context(item), "html")
            assert in_context, (cell.alternative, cell.criterion)
            assert in_context in document
            count += 1
    assert count == len(problem.evidence_table)
    for quote in problem.evidence_table["quote"]:
        assert " ".join(quote.split()) in text


def test_the_first_rank_share_shows_one_value(problem: model.DecisionProblem, document: str, page: Page) -> None:
    """The SMAA run's first-rank share of the winner is shown, and no other run's value of it."""
    from model.analysis.smaa import decision_drivers, smaa

    result = smaa(problem, samples=SAMPLES, seed=0)
    drivers = decision_drivers(problem, samples=max(1_000, SAMPLES // 5), seed=0)
    winner = int(np.argmax(result.first_rank))
    name = result.alternatives[winner]
    text = " ".join(" ".join(page.text).split())
    shown = share(result.first_rank[winner])
    assert f"{name} is first in {shown}" in text
    row = re.search(rf"<tr><td>{name}</td><td class=\"num\">([^<]+)</td>", document.split('id="acceptability"')[1])
    assert row is not None and row.group(1) == shown
    said = set(re.findall(rf"{name}[^.%]*? (?:is first|first) in (\d+\.\d%)", text))
    assert said == {shown}
    if share(drivers.base) != shown:
        assert f"{name} is first in {share(drivers.base)}" not in text


def test_the_crossover_is_said_once_with_one_rounding(problem: model.DecisionProblem, page: Page) -> None:
    text = " ".join(" ".join(page.text).split())
    assert "Moving one weight at a time" not in text
    assert text.count("stays first unless the weight of") == 1
    stability = model.sensitivity(problem).stability
    assert f"(now {weight(stability.current[stability.criteria.index('willingness_to_host')])};" in text


def test_criteria_show_by_label_in_tables(problem: model.DecisionProblem, document: str) -> None:
    for section in ("sweeps", "scenarios", "explain", "evidence"):
        part = document.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
        assert "<td>Extradition risk</td>" in part or "Extradition risk</td>" in part, section
        assert "<td>extradition_risk</td>" not in part, section


def test_formatters() -> None:
    assert (share(0.9712), points(0.123), score(0.8376), signed(0.0521), weight(0.25)) == (
        "97.1%",
        "12",
        "0.838",
        "+0.052",
        "0.250",
    )
    assert (raw_weight(25.0), raw_weight(12.5), raw_weight(float("nan"))) == ("25", "12.5", "—")


def test_the_verdict_loses_only_its_crossover_sentence() -> None:
    text = (
        "A is first in 90.0%. Moving one weight at a time from the analyst's weights, A loses first place only if "
        "the weight of b rises above 0.83 (now 0.20; the others keep their proportions). The result rests on c."
    )
    assert without_crossover(text) == "A is first in 90.0%. The result rests on c."
    assert without_crossover("A is first.") == "A is first."


def test_a_non_additive_method_says_the_live_view_is_additive(problem: model.DecisionProblem) -> None:
    topsis = dataclasses.replace(problem, method="topsis")
    document = build_report(topsis, samples=200, seed=0).html
    assert "the live view (weights panel) use the additive model" in document
    assert "The live view is the additive model (weighted sum)" in document
    assert '<section id="manifest">' in document


def test_one_button_per_weight_set(problem: model.DecisionProblem, document: str) -> None:
    """The shipped file has an ``equal_weights`` scenario: it stands for the built-in button."""
    assert 'data-name="equal_weights"' in document
    assert 'data-set="equal"' not in document
    reference = model.load(Path(__file__).resolve().parents[1] / "fixtures" / "reference" / "criteria.yaml")
    without = build_report(reference, samples=200, seed=0).html
    assert without.count('data-set="equal"') == 1
