"""The HTML report in a real headless Chromium (Playwright): no console errors, no network,
the answer above the fold, the live view equal to the engine, and the verdict printed on page 1.

The live view is checked against :func:`model.evaluate` to 1e-9: sliders are moved to 20 seeded
random weight sets and every scenario button is clicked; the page's scores are read from the
``data-score`` attributes (the full-precision number, not the rounded text), its weights from the
sliders' ``data-weight`` (what the page computed with, after the slider snapped to its step).
The distance to the next crossover the page computes is compared with the engine's stability
intervals (:func:`model.sensitivity`) at the same weights.

Page 1 of the print: Chromium lays out print media with the same engine it paginates with, so
the test emulates print media in a viewport exactly as wide as the printable area of the PDF
it asks for (A4, 1 cm margins: 190 mm = 718 CSS px; height 277 mm = 1047 px) and checks that
the verdict and the ranking table end above 1047 px: nothing before them can be pushed to a
later page (content that fits the first page is never fragmented). It also prints the PDF with
those settings and checks it is a PDF of more than one page. Parsing the PDF's text would need
decoding Skia's subset fonts (ToUnicode maps in compressed streams): more fragile, not more
telling.

Needs ``playwright`` (Python) and ``/usr/bin/chromium``; skips, saying why, without them (CI
installs both: see ``.ci/run``).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import model
from model.render.html import build_report
from model.render.report.top import next_crossover

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "criteria.yaml"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PRINT_WIDTH, PRINT_HEIGHT = 718, 1047  # A4 less 1 cm margins, in CSS px (96 per inch)


def _why_not() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def problem() -> model.DecisionProblem:
    return model.load(CRITERIA)


@pytest.fixture(scope="module")
def report_file(problem: model.DecisionProblem, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    build_report(problem, samples=300, seed=0).write(target)
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _why_not()
    if reason is not None:
        print(f"skipping the browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page with every console error, page error and request recorded."""

    def __init__(self, browser: Any, url: str, **options: Any) -> None:
        self.page = browser.new_page(**options)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(url)

    def foreign_requests(self, url: str) -> list[str]:
        return [r for r in self.requests if r != url and not r.startswith("data:")]


@pytest.fixture()
def watched(browser: Any, report_file: Path) -> Iterator[Watched]:
    found = Watched(browser, report_file.as_uri(), viewport={"width": 1280, "height": 800})
    yield found
    assert found.errors == []
    assert found.foreign_requests(report_file.as_uri()) == []
    found.page.close()


def _rows(page: Any) -> list[tuple[int, float, int]]:
    """(alternative index, full-precision score, rank) in the page's order."""
    rows = page.eval_on_selector_all(
        "#ranking-table tbody tr",
        "rows => rows.map(r => [r.dataset.index, r.dataset.score,"
        " r.dataset.rank || r.querySelector('.rank').textContent, r.querySelector('.score').textContent])",
    )
    for _, full, _, shown in rows:
        assert shown == f"{float(full):.3f}"
    return [(int(i), float(s), int(r)) for i, s, r, _ in rows]


def _weights(page: Any, problem: model.DecisionProblem) -> dict[str, float]:
    return {c: float(page.get_attribute(f"#w-{c}", "data-weight")) for c in problem.criterion_ids}


def _agrees(page: Any, problem: model.DecisionProblem, weights: dict[str, float]) -> None:
    changed = problem.with_weights(weights)
    ranking = model.evaluate(changed)
    rows = _rows(page)
    assert [i for i, _, _ in rows] == list(ranking.order)
    for i, found, rank in rows:
        assert math.isclose(found, float(ranking.scores[i]), rel_tol=0, abs_tol=1e-9)
        assert rank == int(ranking.ranks[i])
    crossing = next_crossover(changed, model.sensitivity(changed).stability)
    distance = float(page.get_attribute("#crossover", "data-distance"))
    if ranking.ranks[ranking.order[1]] == 1:
        assert distance == 0
    elif crossing is None:
        assert math.isinf(distance)
    else:
        assert math.isclose(distance, crossing.distance, rel_tol=0, abs_tol=1e-9)


def test_no_errors_no_network_and_the_answer_above_the_fold(watched: Watched) -> None:
    page = watched.page
    for selector in ("#verdict", "#ranking-table", "#weights"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, (selector, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_sliders_match_the_engine_for_random_weights(watched: Watched, problem: model.DecisionProblem) -> None:
    page = watched.page
    top = float(page.get_attribute(f"#w-{problem.criterion_ids[0]}", "max"))
    step = float(page.get_attribute(f"#w-{problem.criterion_ids[0]}", "step"))
    rng = random.Random(20261203)
    for _ in range(20):
        wanted = {c: rng.randint(0, int(top / step)) * step for c in problem.criterion_ids}
        if not any(wanted.values()):
            wanted[problem.criterion_ids[0]] = top
        for criterion, value in wanted.items():
            page.fill(f"#w-{criterion}", repr(value))
        used = _weights(page, problem)
        assert all(abs(used[c] - wanted[c]) <= step / 2 + 1e-9 for c in wanted), (used, wanted)
        _agrees(page, problem, used)
        assert page.get_attribute("body", "data-live") == "custom"


def test_buttons_match_the_engine(watched: Watched, problem: model.DecisionProblem) -> None:
    page = watched.page
    for name in problem.scenarios:
        page.click(f"button[data-name={name}]")
        assert _weights(page, problem) == {
            c: float(w) for c, w in zip(problem.criterion_ids, problem.with_scenario(name).weights, strict=True)
        }
        _agrees(page, problem, _weights(page, problem))
        assert page.get_attribute(f"button[data-name={name}]", "aria-pressed") == "true"
    # one button per weight set: a scenario of equal weights stands for the built-in one
    equal_scenarios = [n for n in problem.scenarios if len(set(problem.with_scenario(n).normalized_weights)) == 1]
    assert page.locator("button[data-set=equal]").count() == (0 if equal_scenarios else 1)
    page.click(f"button[data-name={equal_scenarios[0]}]" if equal_scenarios else "button[data-set=equal]")
    weights = _weights(page, problem)
    assert len(set(weights.values())) == 1
    _agrees(page, problem, weights)
    page.click("button[data-set=base]")
    assert _weights(page, problem) == {c.id: float(c.weight) for c in problem.criteria}
    _agrees(page, problem, _weights(page, problem))
    ranking = model.evaluate(problem)
    assert page.locator("#ranking-table tbody tr .score").all_inner_texts() == [
        f"{ranking.scores[i]:.3f}" for i in ranking.order
    ]


def test_the_static_crossover_is_the_live_one(watched: Watched) -> None:
    page = watched.page
    before = page.inner_text("#crossover")
    page.click("button[data-set=base]")
    assert page.inner_text("#crossover") == before
    assert page.inner_text("#lead") != ""


def test_small_screen_has_no_horizontal_scroll(browser: Any, report_file: Path) -> None:
    small = Watched(browser, report_file.as_uri(), viewport={"width": 600, "height": 900})
    page = small.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 600
    widest = page.eval_on_selector_all(
        "table", "tables => Math.max(...tables.map(t => t.getBoundingClientRect().right))"
    )
    assert widest <= 600
    assert small.errors == [] and small.foreign_requests(report_file.as_uri()) == []
    page.close()


def test_the_verdict_prints_on_page_one(browser: Any, report_file: Path) -> None:
    printed = Watched(browser, report_file.as_uri(), viewport={"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
    page = printed.page
    page.emulate_media(media="print")
    for selector in ("#verdict", "#ranking-table"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= PRINT_HEIGHT, (selector, box)
    assert page.locator(".sets").is_hidden()
    pdf = page.pdf(format="A4", margin={"top": "1cm", "bottom": "1cm", "left": "1cm", "right": "1cm"})
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) > 1
    assert printed.errors == [] and printed.foreign_requests(report_file.as_uri()) == []
    page.close()


FIGURES = ("contributions", "weights", "sweeps", "tornado", "rank_acceptability", "central_weights")


@pytest.mark.parametrize("width", [1280, 600])
def test_every_figure_is_drawn_and_fits_the_column(browser: Any, report_file: Path, width: int) -> None:
    """Each inline SVG figure is visible with a real box, scales to the column (no horizontal
    overflow at 600 px) and keeps its aspect; its text is laid out as text (not an image)."""
    shown = Watched(browser, report_file.as_uri(), viewport={"width": width, "height": 900})
    page = shown.page
    for name in FIGURES:
        chart = page.locator(f"#fig-{name} svg")
        assert chart.count() == 1 and chart.is_visible(), name
        box = chart.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50, (name, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
        view = [float(v) for v in str(chart.get_attribute("viewBox")).split()]
        assert math.isclose(box["height"] / box["width"], view[3] / view[2], rel_tol=0.02), name
        words = chart.evaluate("svg => [...svg.querySelectorAll('text')].filter(t => t.getBBox().width > 0).length")
        assert words > 5, name
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert shown.errors == [] and shown.foreign_requests(report_file.as_uri()) == []
    page.close()
