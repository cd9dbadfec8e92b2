"""Tests of model.read.yamlsafe: literal scalars, refused YAML features, bounds and positions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.errors import ConfigError, Issue
from model.read import yamlsafe
from model.read.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, Document, Mark, parse_yaml, read_yaml

TAG_HINT = "tags are not allowed in this file: remove the tag (and quote the value if it must stay text)"


def issues_of(text: str, name: str = "f.yaml") -> tuple[Issue, ...]:
    """The issues parse_yaml raises for ``text`` (fails the test if it parses)."""
    with pytest.raises(ConfigError) as excinfo:
        parse_yaml(text, name)
    return excinfo.value.issues


def only_issue(text: str, name: str = "f.yaml") -> Issue:
    """The single issue parse_yaml raises for ``text``."""
    issues = issues_of(text, name)
    assert len(issues) == 1, [str(issue) for issue in issues]
    return issues[0]


def alias_bomb(levels: int = 9, fan_out: int = 10) -> str:
    """Billion laughs: each anchor is a list of ``fan_out`` aliases of the one before."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * fan_out) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * fan_out) + "]")
    return "\n".join(lines) + "\n"


# ----- scalars stay the text the analyst wrote -------------------------------------------


@pytest.mark.parametrize("text", ["NO", "yes", "off", "On", "y", "0104", "1e3", "0x1F", "2025-11-27", "12:30", ".inf"])
def test_yaml11_surprises_stay_literal_text(text: str) -> None:
    """Words and numbers that YAML 1.1 would convert are kept exactly as written."""
    doc = parse_yaml(f"value: {text}\nitems: [{text}]\n")
    assert doc.data == {"value": text, "items": [text]}


def test_documented_example_keeps_country_code_and_octal_lookalike() -> None:
    """The docstring's example: 'NO' is not False and '0104' is not 68."""
    doc = parse_yaml("country: NO\nweight: 0104\n")
    assert doc.data == {"country": "NO", "weight": "0104"}
    assert isinstance(doc.data["country"], str)


@pytest.mark.parametrize("word", ["~", "null", "Null", "NULL"])
def test_null_words_become_none_for_values(word: str) -> None:
    """Plain null words are None as values, in mappings and in lists."""
    doc = parse_yaml(f"a: {word}\nb: [{word}]\n")
    assert doc.data == {"a": None, "b": [None]}


def test_empty_value_is_none() -> None:
    """A key with nothing after it has the value None."""
    assert parse_yaml("a:\nb: 1\n").data == {"a": None, "b": "1"}


def test_quoted_null_words_stay_text() -> None:
    """Quoting a null word keeps it as text."""
    doc = parse_yaml("a: 'null'\nb: \"~\"\nc: ''\n")
    assert doc.data == {"a": "null", "b": "~", "c": ""}


def test_null_words_as_keys_keep_their_text() -> None:
    """Keys are names: '~' and 'null' as keys stay those strings, in block and flow style."""
    doc = parse_yaml("~: 1\nnull: 2\nNULL: 3\nflow: {~: 4, null: 5}\n")
    assert doc.data == {"~": "1", "null": "2", "NULL": "3", "flow": {"~": "4", "null": "5"}}


def test_nested_structures_are_plain_dicts_lists_and_strings() -> None:
    """Mappings become dicts (in file order), sequences lists, scalars str."""
    doc = parse_yaml("b:\n  - 1\n  - {x: y}\na: text\n")
    assert doc.data == {"b": ["1", {"x": "y"}], "a": "text"}
    assert list(doc.data) == ["b", "a"]


# ----- positions --------------------------------------------------------------------------


def test_value_and_key_marks_are_one_based_line_and_column() -> None:
    """value_marks and key_marks give the 1-based line and column of each value and key."""
    doc = parse_yaml("top:\n  name: Turkey\n  list:\n    - first\n    - 'second'\n")
    assert doc.value_marks[()] == Mark(1, 1)
    assert doc.key_marks[("top",)] == Mark(1, 1)
    assert doc.value_marks[("top",)] == Mark(2, 3)
    assert doc.key_marks[("top", "name")] == Mark(2, 3)
    assert doc.value_marks[("top", "name")] == Mark(2, 9)
    assert doc.value_marks[("top", "list")] == Mark(4, 5)
    assert doc.value_marks[("top", "list", 0)] == Mark(4, 7)
    assert doc.value_marks[("top", "list", 1)] == Mark(5, 7, quoted=True)


def test_marks_in_flow_style() -> None:
    """Positions inside a flow mapping point at each key and value."""
    doc = parse_yaml("a: {x: 1, y: [2, 3]}\n")
    assert doc.key_marks[("a", "y")] == Mark(1, 11)
    assert doc.value_marks[("a", "y")] == Mark(1, 14)
    assert doc.value_marks[("a", "y", 1)] == Mark(1, 18)


def test_is_quoted_distinguishes_quoted_and_plain() -> None:
    """Document.is_quoted is True for single- and double-quoted scalars and block scalars only."""
    doc = parse_yaml("plain: 30\nsingle: '30'\ndouble: \"30\"\nfolded: >-\n  30\nmapping: {a: 1}\n")
    assert not doc.is_quoted(("plain",))
    assert doc.is_quoted(("single",))
    assert doc.is_quoted(("double",))
    assert doc.is_quoted(("folded",))
    assert not doc.is_quoted(("mapping",))
    assert not doc.is_quoted(("missing",))
    assert doc.data["single"] == doc.data["plain"] == "30"


def test_mark_falls_back_to_nearest_located_ancestor() -> None:
    """Nodes reached through an alias have no marks of their own: mark() walks up the path."""
    doc = parse_yaml("base: &b {x: 1}\ncopy: *b\n")
    assert doc.data == {"base": {"x": "1"}, "copy": {"x": "1"}}
    assert ("copy", "x") not in doc.value_marks
    assert doc.mark(("copy", "x")) == Mark(2, 7)
    assert doc.mark(("copy",), key=True) == Mark(2, 1)


def test_document_issue_is_located() -> None:
    """Document.issue builds an Issue at the path's position, or its key's with key=True."""
    doc = parse_yaml("a:\n  b: 3\n", "x.yaml")
    assert str(doc.issue(("a", "b"), "too big", "make it smaller")) == (
        "x.yaml:2:6: a.b: too big\n    hint: make it smaller"
    )
    assert str(doc.issue(("a", "b"), "bad key", key=True)) == "x.yaml:2:3: a.b: bad key"


# ----- refused features -------------------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    """A repeated key is an error at the second one that names the line of the first."""
    issue = only_issue("a: 1\nb: 2\na: 3\n")
    assert str(issue) == (
        "f.yaml:3:1: a: duplicate key 'a' (first defined at line 1)\n"
        "    hint: YAML would silently keep only the last one; merge the two entries or rename one"
    )


def test_duplicate_key_nested_and_through_quoting() -> None:
    """'a' and \"a\" are the same key; duplicates are found inside nested mappings too."""
    issue = only_issue("top:\n  x: 1\n  y: 2\n  'x': 3\n")
    assert (issue.line, issue.column, issue.path) == (4, 3, ("top", "x"))
    assert "first defined at line 2" in issue.message


def test_every_duplicate_key_is_reported() -> None:
    """Duplicates do not stop the reading: all of them are listed."""
    issues = issues_of("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert [(issue.line, issue.path) for issue in issues] == [(2, ("a",)), (5, ("b", "c"))]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("x: !!python/object/apply:os.system ['echo pwned']\n", "python/object/apply:os.system"),
        ("x: !custom value\n", "!custom"),
        ("x: !!str 3\n", "tag:yaml.org,2002:str"),
        ("x: !!map {a: 1}\n", "tag:yaml.org,2002:map"),
        ("x: !!seq [1]\n", "tag:yaml.org,2002:seq"),
    ],
)
def test_explicit_tags_are_refused_with_the_tag_in_the_message(text: str, tag: str) -> None:
    """Any explicit tag is an error naming the tag, at the tagged node."""
    issue = only_issue(text)
    assert tag in issue.message
    assert issue.message.startswith("expected plain YAML, got the tag ")
    assert issue.hint == TAG_HINT
    assert (issue.line, issue.column) == (1, 4)


def test_python_tag_is_never_executed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The python/object/apply tag is refused without calling anything."""
    calls: list[str] = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command) or 0)
    issues_of("x: !!python/object/apply:os.system ['echo pwned']\n")
    assert calls == []


def test_alias_bomb_is_refused() -> None:
    """Billion laughs (9 levels of 10 aliases) stops with the expansion limit, not a hang."""
    issues = issues_of(alias_bomb())
    assert len(issues) == 1
    assert "expands to more than" in issues[0].message
    assert "alias bomb" in (issues[0].hint or "")


def test_moderate_aliases_are_allowed() -> None:
    """Aliases that stay within the node budget are expanded normally."""
    doc = parse_yaml(alias_bomb(levels=3, fan_out=3))
    assert doc.data["l2"] == [[["lol"] * 3] * 3] * 3


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1000 + "]" * 1000,
        "{a: " * 1000 + "1" + "}" * 1000,
        "".join("  " * level + f"k{level}:\n" for level in range(60)) + "  " * 60 + "leaf\n",
        "".join("  " * level + "-\n" for level in range(60)) + "  " * 60 + "- leaf\n",
    ],
    ids=["flow-lists", "flow-maps", "block-maps", "block-lists"],
)
def test_nesting_deeper_than_max_depth_is_refused(text: str) -> None:
    """Runaway nesting is refused with a clear message instead of a RecursionError."""
    issue = only_issue(text)
    assert issue.message == f"expected at most {MAX_DEPTH} levels of nesting, found more"


def test_nesting_up_to_max_depth_is_allowed() -> None:
    """Exactly MAX_DEPTH levels is fine; one more is refused."""
    assert parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH).data is not None
    issues_of("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_deep_block_mapping_error_is_at_the_level_too_deep() -> None:
    """The depth error points at the first node past the limit."""
    text = "".join("  " * level + f"k{level}:\n" for level in range(60)) + "  " * 60 + "leaf\n"
    issue = only_issue(text)
    assert issue.line == MAX_DEPTH + 1


def test_second_document_is_refused() -> None:
    """A '---' starting a second document is an error at that line."""
    issue = only_issue("a: 1\n---\nb: 2\n")
    assert str(issue) == (
        "f.yaml:2:1: (top level): expected a single YAML document, found a second one (a '---' line)\n"
        "    hint: keep the whole model in one document; remove the extra '---'"
    )


def test_explicit_single_document_start_is_fine() -> None:
    """One leading '---' is just one document."""
    assert parse_yaml("---\na: 1\n").data == {"a": "1"}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_an_error(text: str) -> None:
    """An empty (or comment-only) file is an error at 1:1."""
    assert str(only_issue(text)) == "f.yaml:1:1: (top level): expected a YAML mapping, got an empty file"


def test_tab_indentation_gives_the_tab_hint() -> None:
    """A tab used for indentation is a syntax error with the 'never tabs' hint, on its line."""
    issue = only_issue("a: x\nb:\n\tc: 1\n")
    assert (issue.line, issue.column) == (3, 1)
    assert issue.message.startswith("expected valid YAML, got a syntax error: ")
    assert issue.hint == "indent with spaces, never tabs"


def test_unquoted_colon_gives_the_quoting_hint() -> None:
    """'a: b: c' is a syntax error whose hint says to quote the value."""
    issue = only_issue("title: ok\nrationale: see: here\n")
    assert issue.line == 2
    assert issue.hint == "a value containing ': ' must be quoted"


def test_unclosed_bracket_is_a_located_syntax_error() -> None:
    """Other syntax errors are located and carry the generic hint."""
    issue = only_issue("a: [1, 2\nb: 3\n")
    assert issue.line == 2
    assert issue.message.startswith("expected valid YAML, got a syntax error: ")
    assert issue.hint == "check the indentation and quotes on this line and the one before"


def test_control_character_gives_its_line_and_column() -> None:
    """An invisible control character is reported with its own line and column."""
    issue = only_issue("a: 1\nb: 2\nc: xy\x01z\n")
    assert str(issue) == (
        "f.yaml:3:6: (top level): expected printable text, got the control character #x0001\n"
        "    hint: delete the invisible character (often pasted from a PDF or a word processor)"
    )


def test_control_character_position_after_non_ascii_text() -> None:
    """Accented letters before the control character do not shift its reported position."""
    issue = only_issue("title: Nicolás Maduro\nb: 2\nc: éé\x01z\n")
    assert (issue.line, issue.column) == (3, 6)


def test_undefined_alias_is_an_error() -> None:
    """An alias with no anchor before it is reported at the alias."""
    issue = only_issue("a: 1\nb: *nowhere\n")
    assert str(issue) == "f.yaml:2:4: b: expected a defined anchor, got the alias *nowhere with no &nowhere before it"


# ----- files ------------------------------------------------------------------------------


def test_read_yaml_returns_document_and_raw_bytes(tmp_path: Path) -> None:
    """read_yaml parses the file, names issues after its path and returns the exact bytes."""
    path = tmp_path / "m.yaml"
    raw = "name: Nicolás\n".encode()
    path.write_bytes(raw)
    doc, got = read_yaml(path)
    assert isinstance(doc, Document)
    assert doc.data == {"name": "Nicolás"}
    assert doc.name == str(path)
    assert got == raw


def test_read_yaml_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    """A UTF-8 BOM is dropped and does not shift positions."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    doc, _ = read_yaml(path)
    assert doc.data == {"a": "1"}
    assert doc.value_marks[("a",)] == Mark(1, 4)


def test_file_over_max_size_is_refused(tmp_path: Path) -> None:
    """A file above MAX_FILE_BYTES is refused with its size in the message."""
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ConfigError) as excinfo:
        read_yaml(path)
    (issue,) = excinfo.value.issues
    assert str(issue) == (
        f"{path}: (top level): expected a file of at most 4 MiB, got {MAX_FILE_BYTES + 1:,} bytes\n"
        "    hint: a decision model is a few hundred lines; is this the right file?"
    )


def test_file_over_max_size_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size check comes first: the parser never sees an oversized file."""
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 16)

    def no_parsing(text: str) -> None:
        raise AssertionError("the parser must not run on an oversized file")

    monkeypatch.setattr(yamlsafe, "_events", no_parsing)
    path = tmp_path / "big.yaml"
    path.write_text("a: [unclosed\nb: 2\nc: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        read_yaml(path)
    (issue,) = excinfo.value.issues
    assert issue.message.startswith("expected a file of at most")
    assert issue.message.endswith(f"got {path.stat().st_size:,} bytes")
    assert issue.line is None


def test_text_over_max_size_is_refused_by_parse_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_yaml applies the same size limit to text given directly."""
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 8)
    issue = only_issue("a: 1\nb: 2\n")
    assert issue.message.startswith("expected a file of at most")
    assert issue.message.endswith("got 10 bytes")


def test_non_utf8_bytes_give_a_line_number(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are refused with the line they are on."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"a: 1\nb: 2\nc: caf\xe9\n")
    with pytest.raises(ConfigError) as excinfo:
        read_yaml(path)
    (issue,) = excinfo.value.issues
    assert str(issue) == (
        f"{path}:3: (top level): expected UTF-8 text, got bytes that are not UTF-8\n    hint: save the file as UTF-8"
    )


def test_missing_file_and_directory_are_errors(tmp_path: Path) -> None:
    """A missing path and a directory are ConfigErrors, not OSErrors."""
    with pytest.raises(ConfigError, match="expected a readable file"):
        read_yaml(tmp_path / "absent.yaml")
    with pytest.raises(ConfigError, match="expected a YAML file, got a directory"):
        read_yaml(tmp_path)
