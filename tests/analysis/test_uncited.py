"""Evidence discovery: the passages about each alternative that no quote of the model cites."""

from __future__ import annotations

from pathlib import Path

import model
from model.analysis.uncited import uncited

ROOT = Path(__file__).resolve().parents[2]


def test_every_uncited_body_paragraph_naming_an_alternative_is_listed() -> None:
    """On the shipped model: every listed passage is in the body, names its alternative (or an alias),
    and no quote is taken from it; and every body paragraph that names an alternative is either
    cited or listed under it."""
    problem = model.load(ROOT / "criteria.yaml")
    result = uncited(problem)
    cited = {(e.source, e.paragraph) for s in problem.cells() for e in s.evidence}
    listed = {(p.alternative, p.source, p.line) for p in result.passages}
    for alternative in problem.alternatives:
        for source_id, document in problem.documents.items():
            for paragraph in document.paragraphs:
                names = [n for n in alternative.names if f" {n} " in f" {paragraph.text} ".replace(",", " ")]
                expected = paragraph.in_body and (source_id, paragraph.index) not in cited and bool(names)
                if expected:
                    assert (alternative.name, source_id, paragraph.first_line) in listed, paragraph.text[:60]
    for passage in result.passages:
        document = problem.documents[passage.source]
        paragraph = next(p for p in document.paragraphs if p.first_line == passage.line)
        assert paragraph.in_body and (passage.source, paragraph.index) not in cited
    # the experts' dismissal of Russia, Iran and Cuba is read but cited by no cell: it must show
    assert any(p.line == 50 for p in result.of("Russia"))
    assert sum(result.counts().values()) == len(result.passages)


def test_one_alternative_and_the_counts() -> None:
    problem = model.load(ROOT / "criteria.yaml")
    belarus = uncited(problem, "Belarus")
    assert belarus.alternatives == ("Belarus",)
    assert set(belarus.counts()) == {"Belarus"}
    assert all(p.source == "belarus_shelter" for p in belarus.passages)
    data = belarus.to_dict()
    assert data["counts"]["Belarus"] == len(data["passages"]["Belarus"])
    assert list(belarus.table.columns) == ["alternative", "source", "line", "end_line", "names", "passage"]


def test_without_a_body_furniture_is_never_listed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Home\n\nAlpha is safe and Alpha is calm, the report says.\n\nThe post about Alpha appeared first on X.\n",
        encoding="utf-8",
    )
    text = """\
version: 1
title: U
sources:
  a: {file: a.txt, title: A}
criteria:
  c: {direction: benefit, weight: 1, scale: {min: 0, max: 1}}
alternatives:
  Alpha:
scores:
  Alpha:
    c: {value: unknown, rationale: r.}
"""
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    result = uncited(model.load(tmp_path / "m.yaml"))
    assert [p.line for p in result.passages] == [3]
