"""Verify that a quote really is in its source document, and say where.

Matching is exact except for three things, and nothing else:

* typographic and straight quotation marks and apostrophes are the same character;
* every dash (hyphen, en dash, em dash, minus sign, …) is the same character;
* any run of whitespace, line breaks included, is one space.

``...`` or ``…`` inside a quote skips text: the fragments must appear in this order within
one paragraph (paragraphs are separated by blank lines). A quote, with or without skips,
never spans two paragraphs. Case, punctuation and spelling must match.

May import the standard library only.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_TRANSLATION = str.maketrans(
    {**dict.fromkeys(SINGLE_QUOTES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"'), **dict.fromkeys(DASHES, "-")}
)
_SKIP = re.compile(r"\.\.\.|\u2026")
_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")
MAX_SOURCE_BYTES = 20 * 1024 * 1024


def normalize_text(text: str) -> str:
    """The form in which quotes and documents are compared.

    >>> normalize_text("“Turkey is the  perfect\\nplace” — he said")
    '"Turkey is the perfect place" - he said'
    """
    return " ".join(text.translate(_TRANSLATION).split())


@dataclass(frozen=True)
class Paragraph:
    """A paragraph in normalised form, with a map back to the document's lines."""

    text: str
    lines: tuple[int, ...]  # line number (1-based) of each character of ``text``
    original: str  # ``text`` with the document's own quote marks and dashes, for display


@dataclass(frozen=True)
class SourceText:
    """A source document prepared for matching."""

    path: Path
    sha256: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Found:
    """Where a quote was found: first and last line in the document."""

    line: int
    end_line: int


@dataclass(frozen=True)
class NotFound:
    """Why a quote was not found, with the closest passage of the document as a hint."""

    reason: str
    closest_line: int | None = None
    closest_passage: str | None = None
    similarity: float = 0.0
    difference: str | None = None

    def hint(self) -> str | None:
        if self.closest_passage is None:
            return None
        text = f"closest passage (line {self.closest_line}, {self.similarity:.0%} alike): «{self.closest_passage}»"
        if self.difference:
            text += f"\n{self.difference}"
        return text


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    found: list[Paragraph] = []
    chars: list[str] = []
    originals: list[str] = []
    lines: list[int] = []

    def close() -> None:
        while chars and chars[-1] == " ":
            chars.pop()
            originals.pop()
            lines.pop()
        if chars:
            found.append(Paragraph("".join(chars), tuple(lines), "".join(originals)))
        chars.clear()
        originals.clear()
        lines.clear()

    def add(char: str, original: str, number: int) -> None:
        chars.append(char)
        originals.append(original)
        lines.append(number)

    # only "\n" ends a line, as in every editor; str.splitlines would also split on form feeds etc.
    for number, raw_line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not raw_line.strip():
            close()
            continue
        for raw_char, char in zip(raw_line, raw_line.translate(_TRANSLATION), strict=True):
            if not char.isspace():
                add(char, raw_char, number)
            elif chars and chars[-1] != " ":
                add(" ", " ", number)
        if chars and chars[-1] != " ":
            add(" ", " ", number)  # the line break inside a paragraph is whitespace too
    close()
    return tuple(found)


def read_source(path: Path) -> SourceText:
    """Read a UTF-8 document and prepare it for matching; ``OSError``/``ValueError`` on failure."""
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise ValueError(f"expected a document of at most {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return SourceText(path, hashlib.sha256(raw).hexdigest(), _paragraphs(text))


def source_from_text(text: str, path: Path = Path("<text>")) -> SourceText:
    """Prepare an in-memory document for matching (used by tests and notebooks)."""
    return SourceText(path, hashlib.sha256(text.encode()).hexdigest(), _paragraphs(text))


def fragments_of(quote: str) -> list[str]:
    """The parts of a quote that must appear in order.

    >>> fragments_of("the easy way … or the hard way")
    ['the easy way', 'or the hard way']
    """
    return [part for part in (normalize_text(piece) for piece in _SKIP.split(quote)) if part]


def find_quote(source: SourceText, quote: str) -> Found | NotFound:
    """Locate ``quote`` in ``source`` under the matching rules of this module.

    >>> doc = source_from_text("First line.\\n\\nHe said “the easy way … or\\nthe hard way” today.\\n")
    >>> find_quote(doc, '"the easy way ... the hard way"')
    Found(line=3, end_line=4)
    >>> find_quote(doc, "the hard road").reason
    'quote not found in the document'
    """
    fragments = fragments_of(quote)
    if not fragments:
        return NotFound("expected a quote with text, got only '...' or whitespace")
    patterns = [_whole_words(fragment) for fragment in fragments]
    best_progress = 0
    for paragraph in source.paragraphs:
        position, start = 0, -1
        for index, pattern in enumerate(patterns):
            match = pattern.search(paragraph.text, position)
            if match is None:
                best_progress = max(best_progress, index)
                break
            if index == 0:
                start = match.start()
            position = match.end()
        else:
            return Found(paragraph.lines[start], paragraph.lines[position - 1])
    if len(fragments) == 1:
        return _closest(source, fragments[0], "quote not found in the document")
    missing = fragments[best_progress]
    reason = f"fragment {best_progress + 1} of {len(fragments)} ({_shorten(missing)!r}) not found" + (
        " after the fragments before it, within one paragraph" if best_progress else ""
    )
    return _closest(source, missing, reason)


def _whole_words(fragment: str) -> re.Pattern[str]:
    """A pattern for ``fragment`` that cannot start or end inside a word of the document.

    Without this, "legal detentions" would be "found" in "illegal detentions".
    """
    before = r"(?<!\w)" if fragment[0].isalnum() or fragment[0] == "_" else ""
    after = r"(?!\w)" if fragment[-1].isalnum() or fragment[-1] == "_" else ""
    return re.compile(before + re.escape(fragment) + after)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _closest(source: SourceText, fragment: str, reason: str) -> NotFound:
    """The passage of ``source`` most like ``fragment``: anchored on the longest common run."""
    best: tuple[int, Paragraph, int] | None = None
    for paragraph in source.paragraphs:
        matcher = difflib.SequenceMatcher(None, paragraph.text, fragment, autojunk=False)
        match = matcher.find_longest_match(0, len(paragraph.text), 0, len(fragment))
        if best is None or match.size > best[0]:
            best = (match.size, paragraph, match.a - match.b)
    if best is None or best[0] == 0:
        return NotFound(reason)
    _, paragraph, offset = best
    slack = 12  # room for words the quote dropped or added near its ends
    start = max(0, offset - slack)
    end = min(len(paragraph.text), offset + len(fragment) + slack)
    while start > 0 and paragraph.text[start - 1] != " ":
        start -= 1
    while end < len(paragraph.text) and paragraph.text[end] != " ":
        end += 1
    passage = paragraph.original[start:end].strip()
    compared = normalize_text(passage)
    core = paragraph.text[max(0, offset) : offset + len(fragment)]  # the slack would understate the likeness
    similarity = difflib.SequenceMatcher(None, core, fragment, autojunk=False).ratio()
    return NotFound(reason, paragraph.lines[start], passage, similarity, _first_difference(fragment, compared))


def _first_difference(quote: str, passage: str) -> str | None:
    """The first words where the quote and the passage part, in words an analyst can act on."""
    quote_words, passage_words = _TOKEN.findall(quote), _TOKEN.findall(passage)
    matcher = difflib.SequenceMatcher(None, quote_words, passage_words, autojunk=False)
    for tag, q_start, q_end, p_start, p_end in matcher.get_opcodes():
        at_an_end = q_start == 0 or q_start == len(quote_words)
        if tag == "equal" or (tag == "insert" and at_an_end):
            continue  # the passage is a window cut at word ends: extra words there mean nothing
        wrote = " ".join(quote_words[q_start:q_end])
        reads = " ".join(passage_words[p_start:p_end])
        if tag == "replace":
            return f"the quote has {wrote!r} where the document has {reads!r}"
        if tag == "delete":
            return f"the quote has {wrote!r}, which the document does not"
        return f"the document has {reads!r}, which the quote leaves out (mark the gap with '...')"
    return None
