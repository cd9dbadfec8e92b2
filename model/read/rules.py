"""The evidence rules: does a quote that is really in its document also carry what the document says?

A quote passes when it:

* has substance: every fragment at least ``min_fragment_words`` words, the whole quote at least
  ``min_quote_words``, at most ``max_skips`` ``...`` skips, each omitting at most
  ``max_skipped_words`` words;
* drops no negation or hedge in a skip, and does not start right after a negation in the same
  clause ("formal arrangement has been announced" from "no formal arrangement has been
  announced" is refused);
* matches exactly one place in its cited source, inside the source's declared body;

and, as warnings, when it is not introduced by a hedge ("U.S. officials have alleged that …"),
does not also match another source, does not come from a paragraph that looks like page
furniture (where no body is declared), and sits in a paragraph that names the cell's
alternative or one of its aliases. Each finding says what was expected and what was found, and
shows the sentence. Limits and word lists come from :class:`~model.documents.EvidenceRules`.

May import the standard library, :mod:`model.documents` and :mod:`model.read.quotes`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from model.documents import Document, EvidenceRules, Paragraph, flagged_words, quote_context, words
from model.read.quotes import Match, fragments_of

Severity = Literal["error", "warning"]

ERROR_CODES: Mapping[str, str] = {
    "too_short": "a fragment or the whole quote has too few words",
    "too_many_skips": "more '...' skips than allowed",
    "long_skip": "a skip omits too many words",
    "skipped_negation": "a skip omits a negation or hedge",
    "after_negation": "the quote starts right after a negation in the same clause",
    "ambiguous": "the quote matches more than one place in its source",
    "outside_body": "the quote is outside the source's declared body",
}
"""Rules whose breach refuses the file."""

WARNING_CODES: Mapping[str, str] = {
    "hedged": "a hedge introduces the quote (alleged, reportedly, claims, …)",
    "other_source": "the quote also matches another source",
    "furniture": "the quote comes from a paragraph that looks like page furniture (no body declared)",
    "off_topic": "the quote's paragraph does not name the cell's alternative or an alias",
    "same_passage": "the same passage is cited for the same criterion of two alternatives with different values",
    "counted_twice": "the same passage supports two criteria of one alternative",
    "scale_end": "a scale end rests on a single quote, or on one paragraph at high confidence",
}
"""Rules whose breach is reported; a cell may accept one with a stated reason (``accept:``)."""


@dataclass(frozen=True)
class Finding:
    """One rule a quote breaks: its code, whether it refuses the file, what was expected and found."""

    code: str
    severity: Severity
    message: str
    hint: str | None = None


def _sentence(paragraph: Paragraph, spans: Sequence[tuple[int, int]]) -> str:
    context = quote_context(paragraph, spans)
    return f"sentence (line {context.line}): «{' '.join(context.sentence.split())}»"


def _listing(items: Sequence[str]) -> str:
    return ", ".join(repr(item) for item in dict.fromkeys(items))


def substance(quote: str, rules: EvidenceRules) -> list[Finding]:
    """Word counts and skips, which need no document.

    >>> [f.code for f in substance("the", EvidenceRules())]
    ['too_short']
    >>> substance("he would not be extradited to the United States", EvidenceRules())
    []
    """
    fragments = fragments_of(quote)
    findings: list[Finding] = []
    counts = [len(words(fragment)) for fragment in fragments]
    total = sum(counts)
    short = [i for i, count in enumerate(counts) if count < rules.min_fragment_words]
    if total < rules.min_quote_words or short:
        got = f"{total} word{'s' if total != 1 else ''}"
        if short and len(fragments) > 1:
            got += f" with fragment {short[0] + 1} of {counts[short[0]]}"
        findings.append(
            Finding(
                "too_short",
                "error",
                f"expected a quote of at least {rules.min_quote_words} words, each fragment at least "
                f"{rules.min_fragment_words}, got {got}",
                "quote the whole clause that supports the score, so a reader can see what it says",
            )
        )
    skips = len(fragments) - 1
    if skips > rules.max_skips:
        findings.append(
            Finding(
                "too_many_skips",
                "error",
                f"expected at most {rules.max_skips} '...' skips in a quote, got {skips}",
                "cite the passages as separate quotes, or quote the sentence whole",
            )
        )
    return findings


def check_match(
    quote: str,
    document: Document,
    matches: Sequence[Match],
    rules: EvidenceRules,
    *,
    names: Sequence[str] = (),
    alternative: str | None = None,
    elsewhere: Mapping[str, int] | None = None,
) -> list[Finding]:
    """Every rule that needs the document, for a quote found at ``matches`` (at least one).

    ``names``: the alternative and its aliases, for the relevance warning; ``elsewhere``: how
    many times the quote matches each other source.
    """
    findings: list[Finding] = []
    match = matches[0]
    paragraph = document.paragraphs[match.paragraph]
    sentence = _sentence(paragraph, match.spans)
    if len(matches) > 1:
        lines = sorted({document.paragraphs[m.paragraph].lines[m.spans[0][0]] for m in matches})
        findings.append(
            Finding(
                "ambiguous",
                "error",
                f"expected a quote that matches one place in its source, got {len(matches)} places "
                f"(line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})",
                "quote more of the sentence, so that the quote says which passage it means",
            )
        )
    for left, right in zip(match.spans, match.spans[1:], strict=False):
        skipped = paragraph.text[left[1] : right[0]]
        count = len(words(skipped))
        if count > rules.max_skipped_words:
            findings.append(
                Finding(
                    "long_skip",
                    "error",
                    f"expected a '...' skip of at most {rules.max_skipped_words} words, got one of {count} words",
                    f"cite the parts as separate quotes\n{sentence}",
                )
            )
        dropped = flagged_words(skipped, [*rules.negations, *rules.hedges])
        if dropped:
            findings.append(
                Finding(
                    "skipped_negation",
                    "error",
                    "expected a '...' skip that keeps every negation and hedge, "
                    f"got one that drops {_listing(dropped)}",
                    f"quote the words the skip leaves out\n{sentence}",
                )
            )
    before = paragraph.clause_before(match.spans[0][0])
    negations = flagged_words(before, rules.negations)
    if negations:
        findings.append(
            Finding(
                "after_negation",
                "error",
                f"expected a quote that keeps the negation before it, got one that starts right after "
                f"{_listing(negations)}",
                f"start the quote at {negations[-1]!r}, or cite another passage\n{sentence}",
            )
        )
    hedges = flagged_words(before, rules.hedges)
    if hedges:
        findings.append(
            Finding(
                "hedged",
                "warning",
                f"expected a quote stated as fact, got one introduced by {_listing(hedges)} "
                f"(«{' '.join(before.split())}»)",
                f"the document reports this second-hand; say so in the rationale and the confidence\n{sentence}",
            )
        )
    if document.body_declared and not paragraph.in_body:
        body = document.body_lines()
        where = f"lines {body[0]}-{body[1]}" if body else "no paragraph"
        findings.append(
            Finding(
                "outside_body",
                "error",
                f"expected a quote from the article's body ({where}), got one from line {paragraph.first_line}, "
                "outside it",
                "quote the article itself, not the page around it",
            )
        )
    elif not document.body_declared and paragraph.furniture:
        findings.append(
            Finding(
                "furniture",
                "warning",
                f"expected a quote from the article, got one from a paragraph that looks like {paragraph.furniture} "
                f"(line {paragraph.first_line})",
                "declare the article's body under the source's body: (start/end markers or line ranges)",
            )
        )
    if names and not any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", paragraph.text) for name in names):
        subject = alternative or names[0]
        others = f" (nor {_listing(names[1:])})" if len(names) > 1 else ""
        findings.append(
            Finding(
                "off_topic",
                "warning",
                f"expected a passage about {subject}, got a paragraph that does not mention {subject}{others}",
                "cite a passage that names the alternative, or add the name the passage uses to its aliases",
            )
        )
    for other, count in (elsewhere or {}).items():
        if count:
            findings.append(
                Finding(
                    "other_source",
                    "warning",
                    f"expected a quote particular to its source, got one that also matches source {other!r} "
                    f"({count} place{'s' if count > 1 else ''})",
                    "quote enough of the passage that it identifies one document",
                )
            )
    return findings
