"""What every renderer shares: plain-text and Markdown tables, strict JSON, and the manifest
(input file and hash, sources and their hashes, method, seed, engine version, where the
weights came from) so that every result can be traced and reproduced.

Renders; never computes. May import the core.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.documents import QuoteContext
from model.problem import DecisionProblem
from model.render.terminal import layout
from model.version import __version__


def _plain(value: Any) -> Any:
    """JSON-safe: NaN and infinities as null, numpy scalars as Python numbers, tuples as lists."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def json_text(payload: dict[str, Any]) -> str:
    """Strict JSON (no NaN), indented, UTF-8 kept readable, ending in a newline."""
    return json.dumps(_plain(payload), indent=2, ensure_ascii=False, allow_nan=False, default=str) + "\n"


def engine_version() -> str:
    return __version__


def manifest(problem: DecisionProblem, *, method: str | None = None, seed: int | None = None) -> dict[str, Any]:
    """What produced a result: input, its hash, sources and their hashes, method, seed, engine."""
    return {
        "engine": "exile-model",
        "version": engine_version(),
        "file": problem.where,
        "sha256": problem.sha256,
        "method": method or problem.method,
        "seed": seed,
        "unknowns": problem.uncertainty.unknowns,
        "weights_from": weight_origin(problem),
        "sources": {
            source.id: {"file": str(source.file), "sha256": source.sha256} for source in problem.sources.values()
        },
    }


BASE_WEIGHTS = {
    "criteria": "base weights of the file",
    "weighting": "weights of the file's weighting block",
    "analysts": "the analysts' group weights",
}


def weight_origin(problem: DecisionProblem) -> list[str]:
    return [BASE_WEIGHTS.get(problem.weight_source, "base weights of the file"), *problem.weight_notes]


def manifest_line(
    problem: DecisionProblem, method: str | None = None, *, seed: int | None = None, extra: str = ""
) -> str:
    """The one-line manifest every text output ends with: file, hash, method, unknowns, engine, seed."""
    digest = (problem.sha256 or "")[:12]
    where = problem.where
    randomness = f"seed {seed}" if seed is not None else "deterministic (no seed)"
    line = (
        f"{where} · sha256 {digest} · method {method or problem.method} · unknowns {problem.uncertainty.unknowns} · "
        f"engine {engine_version()} · {randomness}"
    )
    return line + (f" · {extra}" if extra else "")


# ----- generic tables ----------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    right: Sequence[bool]  # per column: right-align (numbers)

    def text(self, indent: str = "") -> str:
        """Aligned columns, or a stacked layout when they do not fit the output width (see :mod:`.terminal`)."""
        return layout(self.headers, self.rows, self.right, indent)

    def markdown(self) -> str:
        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(markdown_escape(c) for c in cells) + " |"

        rule = "|" + "|".join("---:" if r else ":---" for r in self.right) + "|"
        return "\n".join([line(self.headers), rule, *(line(r) for r in self.rows)])


def context_text(context: QuoteContext | None, style: str = "text") -> str:
    """A quote inside its sentence: the quoted words marked, the words a ``...`` skipped shown.

    ``text``: quoted words in «», skipped ones as ⟨skipped: …⟩; ``markdown``: quoted in bold,
    skipped struck through; ``html``: ``<mark>`` and ``<del>``, everything else escaped.
    """
    if context is None:
        return ""
    parts: list[str] = []
    for segment in context.segments:
        words = " ".join(segment.text.split())
        space_before = " " if segment.text[:1].isspace() else ""
        space_after = " " if segment.text[-1:].isspace() else ""
        if not words:
            parts.append(space_before or space_after)
            continue
        if style == "html":
            body = html.escape(words)
            if segment.kind == "quoted":
                body = f"<mark>{body}</mark>"
            elif segment.kind == "skipped":
                body = f'<del class="skipped" title="skipped by the quote">{body}</del>'
        elif style == "markdown":
            body = markdown_escape(words)
            if segment.kind == "quoted":
                body = f"**{body}**"
            elif segment.kind == "skipped":
                body = f"~~{body}~~"
        else:
            body = words
            if segment.kind == "quoted":
                body = f"«{body}»"
            elif segment.kind == "skipped":
                body = f"⟨skipped: {body}⟩"
        parts.append(space_before + body + space_after)
    return " ".join("".join(parts).split())


_MARKDOWN_SPECIAL = "\\`*_[]<>|~#"


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written: its punctuation escaped, line breaks folded.

    >>> markdown_escape("<script> *x* | y")
    '\\\\<script\\\\> \\\\*x\\\\* \\\\| y'
    """
    folded = " ".join(text.split())
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in folded)


_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def markdown_document(text: str) -> str:
    """Markdown that renders as meant: every table set off by blank lines (so a footer line never
    becomes a table row, and a heading line never swallows the table), and text that cannot inject
    HTML (``<``, ``>`` and ``&`` outside code spans become entities: a name such as ``<script>``
    must show as text, not run).

    >>> markdown_document("| <script> | `a<b` |")
    '| &lt;script&gt; | `a<b` |'
    >>> markdown_document("title\\n| a |\\n|---|\\nfooter")
    'title\\n\\n| a |\\n|---|\\n\\nfooter'
    """
    lines = text.split("\n")
    spaced: list[str] = []
    for index, line in enumerate(lines):
        row = line.startswith("|")
        if row and spaced and spaced[-1].strip() and not spaced[-1].startswith("|"):
            spaced.append("")
        if not row and line.strip() and index > 0 and lines[index - 1].startswith("|"):
            spaced.append("")
        spaced.append(line)
    text = "\n".join(spaced)
    out: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_entities(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_entities(text[position:]))
    return "".join(out)


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def csv_text(value: str) -> str:
    """A text cell for CSV that a spreadsheet will not run as a formula: a leading ``=``, ``+``, ``-``,
    ``@``, tab or carriage return (and, so that reading back is exact, a leading ``'``) gets a ``'``
    in front. Read it back with :func:`csv_text_back`.

    >>> csv_text("=SUM(A1)"), csv_text("Turkey"), csv_text("'quoted")
    ("'=SUM(A1)", 'Turkey', "''quoted")
    """
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r", "'") else value


def csv_text_back(value: str) -> str:
    """The text :func:`csv_text` guarded.

    >>> all(csv_text_back(csv_text(s)) == s for s in ["=1", "'a", "-x", "NA", "#b", ""])
    True
    """
    return value[1:] if value[:1] == "'" else value
