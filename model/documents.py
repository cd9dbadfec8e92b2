"""Source documents as the engine reads them: paragraphs, sentences, words, and what a quote covers.

A :class:`Document` is a source split into paragraphs (blank lines separate them), each kept
in two forms of equal length: ``text``, normalised for comparison (one kind of quote mark,
one kind of dash, every run of whitespace one space), and ``original``, the same characters
as the document writes them, for display. ``lines`` maps every character back to its line.
Whether a paragraph belongs to the article (``in_body``) or looks like web-page furniture
(``furniture``) is decided when the document is read (:mod:`model.read.quotes`); this module
only holds the result, together with the word lists and limits of the evidence rules
(:class:`EvidenceRules`) and the sentence and clause arithmetic that the rules and the
renderers share.

Imports the standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
TRANSLATION = str.maketrans(
    {**dict.fromkeys(SINGLE_QUOTES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"'), **dict.fromkeys(DASHES, "-")}
)

WORD = re.compile(r"\w+(?:'\w+)*")
"""A word: letters and digits, with inner apostrophes (``won't`` is one word)."""

# Titles and initials whose period does not end a sentence ("Sen. Mark Kelly", "U.S. troops").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Gov|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr|No|Vol|vs)|\b[A-Z])\.\Z"
)
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?= )")
_CLAUSE_MARK = re.compile(r"[,;:()\[\]\"…]| - ")

DEFAULT_NEGATIONS: tuple[str, ...] = (
    "not", "no", "never", "n't", "without", "nor", "neither", "none", "nobody", "nothing", "nowhere",
    "cannot", "denied", "denies", "deny", "denying", "discounted", "discounts", "discount", "rejected",
    "rejects", "refused", "refuses", "dismissed", "dismisses", "unlikely", "hardly", "barely", "false",
    "falsely", "lacks", "lacked",
)  # fmt: skip
"""Words that turn a statement round: dropping one, or quoting right after one, inverts the quote."""

DEFAULT_HEDGES: tuple[str, ...] = (
    "whether", "if", "unless", "alleged", "allegedly", "alleges", "allege", "reportedly", "reported",
    "reports", "claims", "claimed", "claim", "according", "purportedly", "purported", "supposedly",
    "rumored", "rumoured", "presumably", "apparently", "possibly", "perhaps", "suspected", "unconfirmed",
    "may", "might", "could",
)  # fmt: skip
"""Words that make a statement conditional or second-hand: a quote must not drop them silently."""


def normalize_text(text: str) -> str:
    """The form in which quotes and documents are compared.

    >>> normalize_text("“Turkey is the  perfect\\nplace” — he said")
    '"Turkey is the perfect place" - he said'
    """
    return " ".join(text.translate(TRANSLATION).split())


def words(text: str) -> list[str]:
    """The words of a text, as the evidence rules count them.

    >>> words("he won't be “extradited” to the U.S.")
    ['he', "won't", 'be', 'extradited', 'to', 'the', 'U', 'S']
    """
    return WORD.findall(text.translate(TRANSLATION))


def flagged_words(text: str, vocabulary: Sequence[str]) -> list[str]:
    """The words of ``text`` found in ``vocabulary`` (case-insensitive; ``n't`` matches any word ending in it).

    >>> flagged_words("he won't be extradited, it was alleged", ["n't", "alleged"])
    ["won't", 'alleged']
    """
    plain = {word.lower() for word in vocabulary if not word.startswith("'") and word != "n't"}
    suffixes = tuple(word.lower() for word in vocabulary if word == "n't" or word.startswith("'"))
    return [word for word in words(text) if word.lower() in plain or (suffixes and word.lower().endswith(suffixes))]


@dataclass(frozen=True)
class EvidenceRules:
    """Limits and word lists of the quote rules (the YAML's ``evidence_rules:``; defaults in docs/schema.md).

    A file may change the limits (each is reported by ``check`` when it differs from the default)
    and add words to the lists, never remove them.
    """

    min_fragment_words: int = 4
    min_quote_words: int = 5
    max_skips: int = 2
    max_skipped_words: int = 12
    negations: tuple[str, ...] = DEFAULT_NEGATIONS
    hedges: tuple[str, ...] = DEFAULT_HEDGES

    def changed(self) -> dict[str, tuple[object, object]]:
        """Every setting that differs from the default: name → (default, this file's value)."""
        default = EvidenceRules()
        out: dict[str, tuple[object, object]] = {}
        for name in ("min_fragment_words", "min_quote_words", "max_skips", "max_skipped_words"):
            if getattr(self, name) != getattr(default, name):
                out[name] = (getattr(default, name), getattr(self, name))
        for name in ("negations", "hedges"):
            extra = tuple(w for w in getattr(self, name) if w not in getattr(default, name))
            if extra:
                out[f"extra_{name}"] = ((), extra)
        return out


@dataclass(frozen=True)
class Paragraph:
    """A paragraph in normalised form, with a map back to the document's lines.

    ``text`` and ``original`` have the same length: ``original[i]`` is ``text[i]`` as written.
    """

    text: str
    lines: tuple[int, ...]
    original: str
    index: int = 0
    in_body: bool = True
    furniture: str | None = None  # why the paragraph looks like page furniture (no body declared)

    @property
    def first_line(self) -> int:
        return self.lines[0]

    @property
    def last_line(self) -> int:
        return self.lines[-1]

    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of every sentence of ``text``, in order, covering it without gaps but spaces.

        >>> Paragraph("Sen. Kelly spoke. He left the U.S. today. Done!", (1,) * 48, "").sentence_spans()
        ((0, 17), (18, 41), (42, 47))
        """
        spans: list[tuple[int, int]] = []
        start = 0
        for match in _SENTENCE_END.finditer(self.text):
            end = match.end()
            if _ABBREVIATION.search(self.text[start:end]) and not self.text[end + 1 : end + 2].islower():
                # "Sen." or "U." before a capital: a title or initial, not the end of a sentence
                continue
            if self.text[end + 1 : end + 2].islower():
                continue
            spans.append((start, end))
            start = end + 1
        if start < len(self.text):
            spans.append((start, len(self.text)))
        return tuple(spans)

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentences that ``[start, end)`` touches."""
        touched = [span for span in self.sentence_spans() if span[0] < max(end, start + 1) and span[1] > start]
        if not touched:
            return start, end
        return touched[0][0], touched[-1][1]

    def clause_before(self, start: int) -> str:
        """The words of the same clause right before ``start``: back to a comma, semicolon, colon,
        bracket, quote mark, spaced dash or the start of the sentence, whichever is nearest."""
        sentence_start = self.sentence_around(start, start)[0]
        prefix = self.text[sentence_start:start]
        marks = list(_CLAUSE_MARK.finditer(prefix))
        return prefix[marks[-1].end() :] if marks else prefix


@dataclass(frozen=True)
class Document:
    """A source document prepared for matching: its paragraphs and whether a body was declared."""

    path: Path
    sha256: str
    paragraphs: tuple[Paragraph, ...]
    body_declared: bool = False

    def body_lines(self) -> tuple[int, int] | None:
        """First and last line of the declared body, or None when none was declared."""
        inside = [p for p in self.paragraphs if p.in_body]
        if not self.body_declared or not inside:
            return None
        return inside[0].first_line, inside[-1].last_line


SegmentKind = Literal["context", "quoted", "skipped"]


@dataclass(frozen=True)
class Segment:
    """A run of a quote's sentence: words around the quote, quoted words, or words a ``...`` skipped."""

    kind: SegmentKind
    text: str


@dataclass(frozen=True)
class QuoteContext:
    """A quote inside its whole sentence (or sentences), as the document writes them."""

    line: int
    segments: tuple[Segment, ...] = field(default_factory=tuple)

    @property
    def sentence(self) -> str:
        return "".join(segment.text for segment in self.segments)

    @property
    def skipped(self) -> tuple[str, ...]:
        return tuple(segment.text.strip() for segment in self.segments if segment.kind == "skipped")


def quote_context(paragraph: Paragraph, spans: Sequence[tuple[int, int]]) -> QuoteContext:
    """The sentence(s) a quote covers, split into context, quoted and skipped runs.

    >>> p = Paragraph("Experts say he would not be extradited soon. Other news.", tuple(range(56)), "")
    >>> p = Paragraph(p.text, p.lines, p.text)
    >>> [(s.kind, s.text) for s in quote_context(p, [(12, 20), (25, 38)]).segments]
    [('context', 'Experts say '), ('quoted', 'he would'), ('skipped', ' not '), ('quoted', 'be extradited'), \
('context', ' soon.')]
    """
    first, last = spans[0][0], spans[-1][1]
    start, end = paragraph.sentence_around(first, last)
    pieces: list[Segment] = []
    cursor = start
    for index, (a, b) in enumerate(spans):
        if a > cursor:
            kind: SegmentKind = "context" if index == 0 else "skipped"
            pieces.append(Segment(kind, paragraph.original[cursor:a]))
        pieces.append(Segment("quoted", paragraph.original[a:b]))
        cursor = b
    if cursor < end:
        pieces.append(Segment("context", paragraph.original[cursor:end]))
    return QuoteContext(paragraph.lines[first], tuple(pieces))
