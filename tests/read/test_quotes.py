"""Quote verification (model/evidence.py): what counts as the same text, where a quote is, and why it is not.

The rules pinned here are the module's own: typographic and straight quotes are the same, every dash is
the same, any whitespace run (line breaks included) is one space, and nothing else is forgiven. ``...``
and ``…`` skip text within one paragraph; a quote never spans two paragraphs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.documents import Document
from model.read.quotes import Found, NotFound, find_quote, fragments_of, read_source, source_from_text

ROOT = Path(__file__).resolve().parents[2]
WAPO = ROOT / "seeds" / "000_f9c343182fad6f94.txt"
BELARUS = ROOT / "seeds" / "004_7432d0605556c3e4.txt"

FOX = "The quick brown fox jumps over the lazy dog.\n\nA totally different paragraph here.\n"


# ----- helpers ---------------------------------------------------------------------------------
def doc(text: str) -> Document:
    """An in-memory document."""
    return source_from_text(text)


def found(source: Document, quote: str) -> Found:
    """The result of ``find_quote``, asserted to be a match."""
    result = find_quote(source, quote)
    assert isinstance(result, Found), f"expected {quote!r} to be found, got {result}"
    return result


def not_found(source: Document, quote: str) -> NotFound:
    """The result of ``find_quote``, asserted to be a miss."""
    result = find_quote(source, quote)
    assert isinstance(result, NotFound), f"expected {quote!r} NOT to be found, got {result}"
    return result


def line_of(path: Path, phrase: str) -> int:
    """The 1-based line of ``path`` holding ``phrase``, found by a plain scan (as ``grep -n`` would)."""
    with path.open(encoding="utf-8") as handle:
        hits = [number for number, line in enumerate(handle, start=1) if phrase in line]
    assert len(hits) == 1, f"expected {phrase!r} on exactly one line of {path.name}, got lines {hits}"
    return hits[0]


def first_line_of(path: Path, phrase: str) -> int:
    """The first 1-based line of ``path`` holding ``phrase``."""
    with path.open(encoding="utf-8") as handle:
        return next(number for number, line in enumerate(handle, start=1) if phrase in line)


# ----- exact and forgiven differences ---------------------------------------------------------
def test_exact_quote_is_found_on_its_line() -> None:
    """A verbatim quote is found, with its first and last line."""
    assert found(doc(FOX), "quick brown fox jumps") == Found(1, 1)
    assert found(doc(FOX), "A totally different paragraph here.") == Found(3, 3)


def test_whole_paragraph_is_a_valid_quote() -> None:
    """The whole of a paragraph, punctuation included, is a quote of it."""
    assert found(doc(FOX), "The quick brown fox jumps over the lazy dog.") == Found(1, 1)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("He called him his “brother.” Then left.", 'his "brother." Then'),
        ('He called him his "brother." Then left.', "his “brother.” Then"),
        ("It’s the sweet spot, isn’t it?", "It's the sweet spot, isn't it?"),
        ("It's the sweet spot, isn't it?", "It’s the sweet spot, isn’t it?"),
        ("the ‘easy way’ or the hard way", "the 'easy way' or"),
        ("the 'easy way' or the hard way", "the ‘easy way’ or"),
        ("a „German“ quote", 'a "German" quote'),
        ("« bonjour »", '" bonjour "'),
    ],
)
def test_typographic_and_straight_quotes_are_the_same(text: str, quote: str) -> None:
    """Curly double/single quotes match straight ones, in both directions."""
    assert found(doc(text), quote) == Found(1, 1)


@pytest.mark.parametrize("dash", ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"])
@pytest.mark.parametrize("quote_dash", ["-", "\u2013", "\u2014", "\u2212"])
def test_every_dash_is_the_same(dash: str, quote_dash: str) -> None:
    """Hyphen, en dash, em dash, minus sign (…) all match each other."""
    source = doc(f"Maduro {dash} whom Trump wants out {dash} is looking to Turkey; a 20{dash}30 split.")
    assert found(source, f"Maduro {quote_dash} whom Trump wants out {quote_dash} is") == Found(1, 1)
    assert found(source, f"a 20{quote_dash}30 split.") == Found(1, 1)


def test_dash_does_not_match_other_punctuation() -> None:
    """Only dashes are folded: a dash is not a comma, and a double hyphen is not one dash."""
    source = doc("Maduro — whom Trump wants out — is looking to Turkey.")
    not_found(source, "Maduro, whom Trump wants out")
    not_found(source, "Maduro -- whom Trump")


@pytest.mark.parametrize(
    "quote",
    [
        "quick   brown fox",
        "quick\tbrown\nfox",
        "quick\n\nbrown fox",  # a blank line inside the quote is only whitespace in the quote
        "  quick brown fox  ",
        "quick\u00a0brown fox",
    ],
)
def test_whitespace_runs_in_the_quote_are_one_space(quote: str) -> None:
    """Runs of spaces, tabs and line breaks in the quote count as one space."""
    assert found(doc(FOX), quote) == Found(1, 1)


def test_line_breaks_and_space_runs_inside_a_paragraph_are_one_space() -> None:
    """A quote written on one line matches a paragraph wrapped over lines with ragged spacing."""
    source = doc("Title\n\nthe quick   brown\n   fox\tjumps over\nthe lazy dog.\n")
    assert found(source, "quick brown fox jumps over the lazy") == Found(3, 5)
    assert found(source, "brown fox") == Found(3, 4)


def test_case_difference_is_not_forgiven() -> None:
    """Case must match exactly."""
    not_found(doc(FOX), "the quick brown fox")
    not_found(doc(FOX), "QUICK BROWN FOX")


def test_other_punctuation_is_not_forgiven() -> None:
    """A missing full stop or an added comma is a different quote."""
    source = doc("He said it was over. Then he left.")
    not_found(source, "He said it was over Then")
    not_found(source, "He said, it was over.")


def test_quote_must_start_and_end_on_word_boundaries() -> None:
    """A quote is made of the document's words: a fragment cut out of a longer word is not in the document.

    ``legal detentions`` is not a quote of ``illegal detentions`` (it inverts the meaning), nor is
    ``he said no`` a quote of ``She said no``.
    """
    source = doc("He was held in illegal detentions for years.\n\nShe said no to the deal.\n")
    not_found(source, "legal detentions")
    not_found(source, "he said no")
    not_found(source, "held in illegal detention")
    not_found(source, "He was held ... legal detentions")
    assert found(source, "in illegal detentions") == Found(1, 1)


# ----- skipping with ... / … -----------------------------------------------------------------
@pytest.mark.parametrize("skip", ["...", "…", " ... ", " … ", "…..."])
def test_ellipsis_skips_text_within_one_paragraph(skip: str) -> None:
    """Fragments separated by ``...`` or ``…`` are found in order within one paragraph."""
    source = doc("Intro.\n\nHe wants him out “the easy way\nor the hard way” before winter.\n")
    assert found(source, f'"the easy way{skip}the hard way"') == Found(3, 4)
    assert found(source, f"He wants{skip}hard way{skip}winter.") == Found(3, 4)


def test_fragments_in_the_wrong_order_fail() -> None:
    """Skipped fragments must come in the document's order."""
    result = not_found(doc(FOX), "lazy dog ... quick brown")
    assert "fragment 2 of 2" in result.reason
    assert "'quick brown'" in result.reason


def test_fragments_in_two_paragraphs_fail() -> None:
    """A skip never crosses a paragraph break."""
    result = not_found(doc(FOX), "lazy dog. ... A totally")
    assert result.reason.startswith("fragment 2 of 2 ('A totally') not found")
    assert "within one paragraph" in result.reason


def test_quote_spanning_two_paragraphs_fails() -> None:
    """Without a skip, a quote that runs over a blank line into the next paragraph is not found."""
    not_found(doc(FOX), "lazy dog. A totally")
    not_found(doc(FOX), "lazy dog.\n\nA totally")


def test_blank_line_with_only_spaces_separates_paragraphs() -> None:
    """A line holding only whitespace is a paragraph break too."""
    source = doc("first part of it\n   \t \nsecond part of it\n")
    not_found(source, "first part of it second part")
    not_found(source, "first ... second")
    assert found(source, "second part") == Found(3, 3)


def test_fragments_of_splits_on_both_ellipses() -> None:
    """``fragments_of`` splits on ``...`` and ``…`` and normalises each part."""
    assert fragments_of("“the easy way” … or\nthe hard — way...") == ['"the easy way"', "or the hard - way"]


# ----- the document's own ellipses ------------------------------------------------------------
def test_documents_own_ellipsis_can_be_quoted_or_skipped() -> None:
    """A ``…`` in the document is matched by a quote that reproduces it (as a skip) or skips around it."""
    source = doc("Maduro “trusts Erdogan … [and] Erdogan has good relations with Trump.”\n")
    assert found(source, "Maduro “trusts Erdogan … [and] Erdogan has good relations") == Found(1, 1)
    assert found(source, 'Maduro "trusts Erdogan ... [and] Erdogan') == Found(1, 1)
    assert found(source, "trusts Erdogan … Trump") == Found(1, 1)


def test_documents_own_ellipsis_cannot_be_silently_dropped() -> None:
    """Leaving the document's ``…`` out of a quote without a skip is a different text."""
    source = doc("He paused… then left the room.\n")
    assert found(source, "He paused… then left") == Found(1, 1)
    result = not_found(source, "He paused then left")
    assert result.difference is not None
    assert "which the quote leaves out (mark the gap with '...')" in result.difference


# ----- empty quotes ---------------------------------------------------------------------------
@pytest.mark.parametrize("quote", ["", "   ", "\n", "...", "…", " ... … ", "......"])
def test_quote_without_text_is_refused(quote: str) -> None:
    """An empty quote, or one made only of skips, is never 'found' and has no closest passage."""
    result = not_found(doc(FOX), quote)
    assert result.reason == "expected a quote with text, got only '...' or whitespace"
    assert result.hint() is None
    assert result.closest_line is None


def test_empty_document_finds_nothing() -> None:
    """A document without text has no passage to offer."""
    result = not_found(doc("\n\n   \n"), "anything")
    assert result.reason == "quote not found in the document"
    assert result.hint() is None


# ----- hints for a quote that is not found ----------------------------------------------------
def test_altered_word_hint_names_closest_passage_line_and_both_words() -> None:
    """One changed word: the hint shows the closest passage, its line, and both words."""
    source = doc("Header\n\nUnrelated text about markets.\n\nThe quick brown fox jumps over the lazy dog.\n")
    result = not_found(source, "quick brown cat jumps over")
    assert result.reason == "quote not found in the document"
    assert result.closest_line == 5
    assert result.closest_passage is not None
    assert "quick brown fox jumps over" in result.closest_passage
    assert result.difference == "the quote has 'cat' where the document has 'fox'"
    hint = result.hint()
    assert hint is not None
    assert hint.startswith("closest passage (line 5, ")
    assert "% alike): «" in hint
    assert "quick brown fox jumps over" in hint
    assert hint.endswith("\nthe quote has 'cat' where the document has 'fox'")


def test_case_difference_hint_names_both_spellings() -> None:
    """A case-only difference is shown as the word the quote has and the word the document has."""
    result = not_found(doc(FOX), "the quick brown")
    assert result.difference == "the quote has 'the' where the document has 'The'"


def test_dropped_word_hint_says_mark_the_gap() -> None:
    """A word left out without a skip: the hint names it and suggests '...'."""
    result = not_found(doc(FOX), "quick fox jumps over")
    assert result.difference == "the document has 'brown', which the quote leaves out (mark the gap with '...')"
    hint = result.hint()
    assert hint is not None
    assert "(mark the gap with '...')" in hint


def test_added_word_hint_names_it() -> None:
    """A word the document does not have is named."""
    result = not_found(doc(FOX), "quick brown red fox jumps")
    assert result.difference == "the quote has 'red', which the document does not"


def test_hint_for_a_missing_fragment_points_at_its_closest_passage() -> None:
    """With skips, the hint is about the fragment that could not be placed."""
    source = doc("One.\n\nTwo paragraph here.\n\nThe quick brown fox jumps over the lazy dog.\n")
    result = not_found(source, "The quick ... lazy cat.")
    assert result.reason.startswith("fragment 2 of 2 ('lazy cat.') not found after the fragments before it")
    assert result.closest_line == 5
    assert result.difference == "the quote has 'cat' where the document has 'dog'"


# ----- line numbers ---------------------------------------------------------------------------
def test_line_and_end_line_in_multi_line_paragraphs() -> None:
    """``line`` is where the quote starts and ``end_line`` where it ends, across wrapped lines."""
    text = "Title line\n\nalpha beta gamma\ndelta epsilon\nzeta eta theta\n\niota kappa\nlambda\n"
    source = doc(text)
    assert found(source, "alpha beta") == Found(3, 3)
    assert found(source, "gamma delta") == Found(3, 4)
    assert found(source, "epsilon") == Found(4, 4)
    assert found(source, "beta gamma delta epsilon zeta") == Found(3, 5)
    assert found(source, "delta ... theta") == Found(4, 5)
    assert found(source, "kappa lambda") == Found(7, 8)


def test_windows_line_endings_count_lines_like_unix() -> None:
    r"""``\r\n`` line endings give the same line numbers as ``\n``."""
    source = doc("first\r\n\r\nsecond line\r\nthird line\r\n")
    assert found(source, "second line third") == Found(3, 4)


def test_line_numbers_count_only_newline_characters() -> None:
    r"""Line numbers are those of ``grep -n``, ``sed -n`` and Python's file iteration: only ``\n`` ends a line.

    A form feed, vertical tab, NEL or Unicode line separator inside a line is whitespace, not a new line,
    so it must not shift the line numbers of everything after it.
    """
    wrong: dict[str, tuple[Found | NotFound, Found | NotFound]] = {}
    for separator in ["\x0c", "\x0b", "\x1c", "\x85", "\u2028", "\u2029"]:
        text = f"alpha{separator}beta\ngamma delta\n\nzeta eta\n"
        assert text.split("\n").index("gamma delta") + 1 == 2
        got = (find_quote(doc(text), "gamma delta"), find_quote(doc(text), "zeta eta"))
        if got != (Found(2, 2), Found(4, 4)):
            wrong[repr(separator)] = got
    assert not wrong, f"expected Found(2, 2) and Found(4, 4) whatever the separator, got {wrong}"


def test_utf8_bom_is_ignored_when_reading_a_file(tmp_path: Path) -> None:
    """A byte-order mark does not hide the first word of a file."""
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffFirst words here.\n\nSecond paragraph.\n".encode())
    assert found(read_source(path), "First words here.") == Found(1, 1)


# ----- the real seeds -------------------------------------------------------------------------
def test_seed_turkey_gold_quote_is_on_its_line() -> None:
    """'has been moving gold there forever' is found on the line a plain scan of the file finds."""
    source = read_source(WAPO)
    expected = line_of(WAPO, "has been moving gold there forever")
    assert found(source, "has been moving gold there forever") == Found(expected, expected)
    assert found(source, 'Maduro "has been moving gold there forever"') == Found(expected, expected)
    assert found(source, "Maduro “has been moving gold there forever”") == Found(expected, expected)


def test_seed_belarus_quote_is_on_its_line() -> None:
    """A Belarus quote is found in the Belarus seed, on its line, and not in the Turkey seed."""
    quote = "Maduro would be welcomed in Belarus and should consider visiting soon"
    expected = line_of(BELARUS, quote)
    assert found(read_source(BELARUS), quote) == Found(expected, expected)
    assert found(read_source(BELARUS), "Washington has recently eased sanctions on Belarus") == Found(
        line_of(BELARUS, "Washington has recently eased sanctions on Belarus"),
        line_of(BELARUS, "Washington has recently eased sanctions on Belarus"),
    )
    not_found(read_source(WAPO), quote)


def test_seed_typographic_text_matches_straight_quote() -> None:
    """The seed's curly quotes, apostrophes and em dashes match straight ones."""
    source = read_source(WAPO)
    expected = line_of(WAPO, "whom President Donald Trump has said")
    quote = 'if Maduro - whom President Donald Trump has said he wants to push out of office "the easy way'
    assert found(source, quote) == Found(expected, expected)
    title_line = first_line_of(WAPO, "Maduro’s ties to Turkey could smooth path to possible exile")
    assert found(source, "Maduro's ties to Turkey could smooth path to possible exile") == Found(title_line, title_line)


def test_seed_skip_within_a_paragraph_and_not_across() -> None:
    """A skip inside one seed paragraph is found; the same skip across paragraphs is not."""
    source = read_source(WAPO)
    expected = line_of(WAPO, "If he goes to Cuba")
    assert found(source, "“Turkey is the sweet spot ... “good luck.”") == Found(expected, expected)
    not_found(source, "Turkey is the sweet spot ... loss of face for Trump")


def test_seed_altered_word_hint_points_at_the_real_line() -> None:
    """A misquote of the seed names the closest passage's line and the changed word."""
    result = not_found(read_source(WAPO), "has been moving silver there forever")
    assert result.closest_line == line_of(WAPO, "has been moving gold there forever")
    assert result.difference == "the quote has 'silver' where the document has 'gold'"


def test_hint_shows_the_passage_as_the_document_writes_it() -> None:
    """The closest passage keeps the document's curly quotes and dashes; the comparison still ignores them."""
    result = not_found(doc("He said — “no” — twice.\n"), 'He said - "yes" - twice.')
    assert result.closest_passage == "He said — “no” — twice."
    assert result.difference == "the quote has 'yes' where the document has 'no'"
    seed = not_found(read_source(WAPO), 'Maduro "has been moving silver there forever"')
    assert seed.closest_passage is not None
    assert "Maduro “has been moving gold there forever”" in seed.closest_passage


def test_read_source_hashes_the_raw_bytes() -> None:
    """``read_source`` records the SHA-256 of the file's bytes."""
    import hashlib

    assert read_source(WAPO).sha256 == hashlib.sha256(WAPO.read_bytes()).hexdigest()


# ----- properties -----------------------------------------------------------------------------
WORD = st.text(alphabet="abcxyzABCXYZ019'\"-,.;:!?()", min_size=1, max_size=7).filter(lambda w: "..." not in w)
PARAGRAPH = st.lists(WORD, min_size=1, max_size=12)
TYPOGRAPHIC = {"'": "\u2019", '"': "\u201c", "-": "\u2014"}
LINE_BREAK = st.sampled_from([" ", "  ", "\n", " \n  ", "\t"])


@st.composite
def document_and_quote(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """A document of word paragraphs, a run of whole words from one of them, and its expected lines."""
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    pick = draw(st.integers(0, len(paragraphs) - 1))
    words = paragraphs[pick]
    start = draw(st.integers(0, len(words) - 1))
    stop = draw(st.integers(start + 1, len(words)))
    text, line, first, last = "", 1, 0, 0
    for index, paragraph in enumerate(paragraphs):
        for position, word in enumerate(paragraph):
            if position:
                gap = draw(LINE_BREAK)
                text += gap
                line += gap.count("\n")
            if index == pick and position == start:
                first = line
            if index == pick and position == stop - 1:
                last = line
            text += word
        text += "\n\n"
        line += 2
    return text, " ".join(words[start:stop]), first, last


def _check_found(text: str, quote: str, first: int, last: int) -> None:
    source = doc(text)
    result = find_quote(source, quote)
    assert isinstance(result, Found), (text, quote, result)
    normalized = " ".join(re.sub(r"\s+", " ", quote).split())
    overlapping = re.compile(f"(?={re.escape(normalized)})")
    occurrences = sum(len(overlapping.findall(p.text)) for p in source.paragraphs)
    if occurrences == 1:
        assert result == Found(first, last), (text, quote)
    else:  # the same words occur earlier too: the first occurrence is reported
        assert result.line <= first


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(case=document_and_quote())
def test_any_run_of_whole_words_is_found(case: tuple[str, str, int, int]) -> None:
    """Any run of whole words of a paragraph is found, on the lines where it starts and ends."""
    _check_found(*case)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(case=document_and_quote(), flip=st.booleans())
def test_typographic_variants_of_a_found_quote_are_found(case: tuple[str, str, int, int], flip: bool) -> None:
    """Curly quotes/dashes in the quote (or in the document instead) do not stop a match."""
    text, quote, first, _ = case
    curly = quote.translate(str.maketrans(TYPOGRAPHIC))
    if flip:
        text = text.translate(str.maketrans(TYPOGRAPHIC))
        result = find_quote(doc(text), quote)
    else:
        result = find_quote(doc(text), curly)
    assert isinstance(result, Found), (text, quote, result)
    assert result.line <= first


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(case=document_and_quote())
def test_quote_with_line_breaks_for_spaces_is_found(case: tuple[str, str, int, int]) -> None:
    """Writing the quote's spaces as line breaks (as a folded YAML string might) changes nothing."""
    text, quote, first, _ = case
    result = find_quote(doc(text), quote.replace(" ", "\n"))
    assert isinstance(result, Found), (text, quote, result)
    assert result.line <= first


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(case=document_and_quote(), data=st.data())
def test_two_runs_of_words_joined_by_a_skip_are_found(case: tuple[str, str, int, int], data: st.DataObject) -> None:
    """Splitting a found quote at a word gap and joining the parts with '...' or '…' is still found."""
    text, quote, _, _ = case
    words = quote.split(" ")
    if len(words) < 2:
        return
    cut = data.draw(st.integers(1, len(words) - 1))
    skip = data.draw(st.sampled_from([" ... ", " … ", "\n...\n", " …"]))
    result = find_quote(doc(text), " ".join(words[:cut]) + skip + " ".join(words[cut:]))
    assert isinstance(result, Found), (text, quote, result)
