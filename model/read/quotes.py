"""Find a quote in its source document: every place it matches, and the closest passage when none.

Matching is exact except for three things, and nothing else:

* typographic and straight quotation marks and apostrophes are the same character;
* every dash (hyphen, en dash, em dash, minus sign, …) is the same character;
* any run of whitespace, line breaks included, is one space.

``...`` or ``…`` inside a quote skips text: the fragments must appear in this order within
one paragraph (paragraphs are separated by blank lines), each fragment at the nearest place
after the one before it. A quote, with or without skips, never spans two paragraphs. Case,
punctuation and spelling must match, and a quote starts and ends at word boundaries.

Reading a document also marks which paragraphs are the article (a declared ``body``) and,
where no body is declared, which look like web-page furniture (navigation, "Read more"
teasers, comment forms, copyright and credit lines, whatever follows a syndication footer).

May import the standard library, :mod:`model.documents` and :mod:`model.read.files`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from model.documents import TRANSLATION, Document, Paragraph, normalize_text, words
from model.read.files import MAX_SOURCE_BYTES, read_bounded

_SKIP = re.compile(r"\.\.\.|\u2026")
_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")

# Paragraphs that are the page, not the article (used only where no body is declared).
_FURNITURE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"appeared first on", re.I), "a syndication footer"),
    (re.compile(r"\A\[?read more\b", re.I), "a 'Read more' teaser"),
    (re.compile(r"\Aleave a (?:reply|comment)\b|your email address will not be published", re.I), "a comment form"),
    (re.compile(r"©|\ball rights reserved\b|\bcopyright\b", re.I), "a copyright line"),
    (re.compile(r"\A\[?photo(?: credit)?\b|\bphoto credit\b|\bimage credit\b", re.I), "a photo credit"),
    (re.compile(r"\A(?:no result|view all result|home\b.*|latest from\b.*|related\b.*)\Z", re.I), "site navigation"),
    (re.compile(r"\A\d+ mins? read\Z|\Ashare this\b|\Asubscribe\b|\Asign up\b|\Aadvertisement\Z", re.I), "page chrome"),
    (
        re.compile(r"\A(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                   r" \d{1,2}, \d{4}\Z"),
        "a date line",
    ),
)  # fmt: skip
_ARTICLE_ENDS = ("a syndication footer", "a 'Read more' teaser", "a comment form")


@dataclass(frozen=True)
class Match:
    """One place a quote matches: the paragraph (index) and each fragment's ``[start, end)`` in its text."""

    paragraph: int
    spans: tuple[tuple[int, int], ...]


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


# ----- reading ------------------------------------------------------------------------------
def _paragraphs(text: str) -> list[Paragraph]:
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
            found.append(Paragraph("".join(chars), tuple(lines), "".join(originals), len(found)))
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
        for raw_char, char in zip(raw_line, raw_line.translate(TRANSLATION), strict=True):
            if not char.isspace():
                add(char, raw_char, number)
            elif chars and chars[-1] != " ":
                add(" ", " ", number)
        if chars and chars[-1] != " ":
            add(" ", " ", number)  # the line break inside a paragraph is whitespace too
    close()
    return found


def furniture_reason(paragraph: Paragraph) -> str | None:
    """Why a paragraph looks like web-page furniture rather than article text, or None.

    >>> furniture_reason(Paragraph("The post X appeared first on Y.", (1,) * 31, ""))
    'a syndication footer'
    >>> furniture_reason(Paragraph("Russia has been a close ally.", (1,) * 29, "")) is None
    True
    """
    for pattern, reason in _FURNITURE:
        if pattern.search(paragraph.text):
            return reason
    if len(words(paragraph.text)) <= 3 and not re.search(r"[.!?\"]\Z", paragraph.text):
        return "a menu item or label"
    lines = _lines_of(paragraph)
    if len(lines) > 1 and all(len(words(line)) <= 4 and not re.search(r"[.!?\"]\s*\Z", line) for line in lines):
        return "site navigation"
    return None


def _lines_of(paragraph: Paragraph) -> list[str]:
    """The paragraph's text cut where the document's lines break."""
    lines: list[str] = []
    start = 0
    for position in range(1, len(paragraph.text) + 1):
        if position == len(paragraph.text) or paragraph.lines[position] != paragraph.lines[start]:
            lines.append(paragraph.text[start:position])
            start = position
    return lines


def _mark_furniture(paragraphs: list[Paragraph]) -> list[Paragraph]:
    marked: list[Paragraph] = []
    ended: str | None = None
    for paragraph in paragraphs:
        reason = furniture_reason(paragraph)
        if reason is None and ended is not None:
            reason = ended
        if reason in _ARTICLE_ENDS and ended is None:
            ended = f"after the end of the article ({reason} at line {paragraph.first_line})"
        marked.append(replace(paragraph, furniture=reason))
    return marked


def document_from_bytes(raw: bytes, path: Path) -> Document:
    """Prepare a UTF-8 document for matching; ``UnicodeDecodeError`` when it is not UTF-8."""
    text = raw.decode("utf-8-sig")
    return Document(path, hashlib.sha256(raw).hexdigest(), tuple(_mark_furniture(_paragraphs(text))))


def read_source(path: Path) -> Document:
    """Read a document file (a regular file of at most 20 MiB) and prepare it for matching.

    Raises :class:`~model.read.files.FileRefusedError` or ``UnicodeDecodeError``.
    """
    return document_from_bytes(read_bounded(Path(path), MAX_SOURCE_BYTES), Path(path))


def source_from_text(text: str, path: Path = Path("<text>")) -> Document:
    """Prepare an in-memory document for matching (tests and notebooks)."""
    return document_from_bytes(text.encode("utf-8"), path)


def with_body_lines(document: Document, ranges: Sequence[tuple[int, int]]) -> Document:
    """The document with its body declared as line ranges: a paragraph is in the body when all its lines are."""
    marked = tuple(
        replace(p, in_body=any(a <= p.first_line and p.last_line <= b for a, b in ranges), furniture=None)
        for p in document.paragraphs
    )
    return replace(document, paragraphs=marked, body_declared=True)


def marker_paragraphs(document: Document, marker: str) -> list[int]:
    """Indices of the paragraphs in which ``marker`` occurs (matched like a quote)."""
    return sorted({match.paragraph for match in find_matches(document, marker)})


def with_body_between(document: Document, first: int, last: int) -> Document:
    """The document with its body declared as the paragraphs ``first`` to ``last`` (indices, inclusive)."""
    marked = tuple(replace(p, in_body=first <= p.index <= last, furniture=None) for p in document.paragraphs)
    return replace(document, paragraphs=marked, body_declared=True)


# ----- matching -----------------------------------------------------------------------------
def fragments_of(quote: str) -> list[str]:
    """The parts of a quote that must appear in order.

    >>> fragments_of("the easy way … or the hard way")
    ['the easy way', 'or the hard way']
    """
    return [part for part in (normalize_text(piece) for piece in _SKIP.split(quote)) if part]


def _whole_words(fragment: str) -> re.Pattern[str]:
    """A pattern for ``fragment`` that cannot start or end inside a word of the document.

    Without this, "legal detentions" would be "found" in "illegal detentions".
    """
    before = r"(?<!\w)" if fragment[0].isalnum() or fragment[0] == "_" else ""
    after = r"(?!\w)" if fragment[-1].isalnum() or fragment[-1] == "_" else ""
    return re.compile(before + re.escape(fragment) + after)


def _starts(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of ``pattern`` in ``text``, overlapping ones included."""
    found, position = [], 0
    while (match := pattern.search(text, position)) is not None:
        found.append(match)
        position = match.start() + 1
    return found


def find_matches(document: Document, quote: str) -> list[Match]:
    """Every place ``quote`` matches in ``document``: one per position of its first fragment from which
    the other fragments follow, each at the nearest place after the one before it.

    >>> doc = source_from_text("He said no.\\n\\nHe said yes, he said.\\n")
    >>> [(m.paragraph, m.spans) for m in find_matches(doc, "he said")]
    [(1, ((13, 20),))]
    >>> len(find_matches(doc, "said"))
    3
    """
    fragments = fragments_of(quote)
    if not fragments:
        return []
    patterns = [_whole_words(fragment) for fragment in fragments]
    matches: list[Match] = []
    for paragraph in document.paragraphs:
        for first in _starts(patterns[0], paragraph.text):
            spans = [(first.start(), first.end())]
            for pattern in patterns[1:]:
                following = pattern.search(paragraph.text, spans[-1][1])
                if following is None:
                    break
                spans.append((following.start(), following.end()))
            else:
                matches.append(Match(paragraph.index, tuple(spans)))
    return matches


def find_quote(document: Document, quote: str) -> Found | NotFound:
    """Locate ``quote`` in ``document`` (its first match), or say why it is not there.

    >>> doc = source_from_text("First line.\\n\\nHe said “the easy way … or\\nthe hard way” today.\\n")
    >>> find_quote(doc, '"the easy way ... the hard way"')
    Found(line=3, end_line=4)
    >>> find_quote(doc, "the hard road").reason
    'quote not found in the document'
    """
    fragments = fragments_of(quote)
    if not fragments:
        return NotFound("expected a quote with text, got only '...' or whitespace")
    matches = find_matches(document, quote)
    if matches:
        return found_at(document, matches[0])
    return explain_miss(document, fragments)


def found_at(document: Document, match: Match) -> Found:
    paragraph = document.paragraphs[match.paragraph]
    return Found(paragraph.lines[match.spans[0][0]], paragraph.lines[match.spans[-1][1] - 1])


def explain_miss(document: Document, fragments: Sequence[str]) -> NotFound:
    """Why a quote with these fragments is not in the document: the first fragment that fails, and
    the passage closest to it."""
    patterns = [_whole_words(fragment) for fragment in fragments]
    best_progress = 0
    for paragraph in document.paragraphs:
        position = 0
        for index, pattern in enumerate(patterns):
            match = pattern.search(paragraph.text, position)
            if match is None:
                best_progress = max(best_progress, index)
                break
            position = match.end()
    if len(fragments) == 1:
        return _closest(document, fragments[0], "quote not found in the document")
    missing = fragments[best_progress]
    reason = f"fragment {best_progress + 1} of {len(fragments)} ({_shorten(missing)!r}) not found" + (
        " after the fragments before it, within one paragraph" if best_progress else ""
    )
    return _closest(document, missing, reason)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _closest(document: Document, fragment: str, reason: str) -> NotFound:
    """The passage of ``document`` most like ``fragment``: anchored on the longest common run."""
    best: tuple[int, Paragraph, int] | None = None
    for paragraph in document.paragraphs:
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


__all__ = [
    "Found",
    "Match",
    "NotFound",
    "document_from_bytes",
    "explain_miss",
    "find_matches",
    "find_quote",
    "found_at",
    "fragments_of",
    "furniture_reason",
    "marker_paragraphs",
    "normalize_text",
    "read_source",
    "source_from_text",
    "with_body_between",
    "with_body_lines",
]
