"""Evidence discovery: the passages about an alternative that no quote of the model cites.

Every paragraph of each source's article (its declared body; where none is declared, every
paragraph that does not look like page furniture) that names an alternative — by its name
or one of its aliases, as a whole word — and from which no quote of the file is taken. A
paragraph naming several alternatives is listed under each. This is how an analyst finds the
evidence they did not read, and how a reviewer sees what the encoding left out.

May import the core (:mod:`model.problem`, :mod:`model.documents`, :mod:`model.display`,
:mod:`model.errors`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model.display import HtmlTable
from model.problem import DecisionProblem

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class UncitedPassage:
    """A paragraph that names ``alternative`` and that no quote cites."""

    alternative: str
    source: str
    line: int
    end_line: int
    text: str  # the paragraph as the document writes it
    names: tuple[str, ...]  # the names of the alternative the paragraph uses


@dataclass(frozen=True, eq=False, repr=False)
class Uncited(HtmlTable):
    """Passages about each alternative that the model does not cite, grouped by alternative (file order)."""

    alternatives: tuple[str, ...]
    passages: tuple[UncitedPassage, ...]

    def counts(self) -> dict[str, int]:
        """Uncited passages per alternative, every alternative listed (0 included)."""
        counts = dict.fromkeys(self.alternatives, 0)
        for passage in self.passages:
            counts[passage.alternative] += 1
        return counts

    def of(self, alternative: str) -> tuple[UncitedPassage, ...]:
        return tuple(p for p in self.passages if p.alternative == alternative)

    @property
    def table(self) -> pd.DataFrame:
        """One row per (alternative, passage)."""
        import pandas as pd

        rows = [
            {
                "alternative": p.alternative,
                "source": p.source,
                "line": p.line,
                "end_line": p.end_line,
                "names": ", ".join(p.names),
                "passage": p.text,
            }
            for p in self.passages
        ]
        return pd.DataFrame(rows, columns=["alternative", "source", "line", "end_line", "names", "passage"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "passages": {
                alternative: [
                    {
                        "source": p.source,
                        "line": p.line,
                        "end_line": p.end_line,
                        "names": list(p.names),
                        "passage": p.text,
                    }
                    for p in self.of(alternative)
                ]
                for alternative in self.alternatives
            },
        }


def _named(text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text))


def uncited(problem: DecisionProblem, alternative: str | None = None) -> Uncited:
    """The passages naming each alternative (or only ``alternative``) that no quote of ``problem`` cites.

    >>> import model
    >>> result = uncited(model.loads(model.demo.DEMO_YAML))
    >>> result.counts()
    {'Atlantis': 0, 'Utopia': 0}
    """
    wanted = problem.alternatives if alternative is None else (problem.alternative(alternative),)
    cited = {
        (item.source, item.paragraph)
        for score in problem.cells()
        for item in score.evidence
        if item.verified and item.paragraph is not None
    }
    passages: list[UncitedPassage] = []
    for candidate in wanted:
        names = candidate.names
        for source_id, document in problem.documents.items():
            for paragraph in document.paragraphs:
                if (source_id, paragraph.index) in cited:
                    continue
                if (document.body_declared and not paragraph.in_body) or paragraph.furniture:
                    continue
                used = _named(paragraph.text, names)
                if used:
                    passages.append(
                        UncitedPassage(
                            candidate.name,
                            source_id,
                            paragraph.first_line,
                            paragraph.last_line,
                            " ".join(paragraph.original.split()),
                            used,
                        )
                    )
    return Uncited(tuple(a.name for a in wanted), tuple(passages))
