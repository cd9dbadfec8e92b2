"""Read YAML defensively, keeping the line and column of every key and value.

PyYAML's own loaders are unsafe for hand-edited configuration in quiet ways: the last of
two duplicate keys wins, YAML 1.1 turns ``NO`` into ``False`` and ``0104`` into ``68``,
aliases can expand exponentially, and deep nesting overflows the recursion limit. So this
module builds the data itself from the parser's event stream, in one iterative pass:

* every scalar stays the exact text the analyst wrote (``None`` for an empty or ``null``
  value); the schema decides whether a field is a number, a date or a name;
* tags are refused, duplicate keys are refused, nesting and alias expansion are bounded,
  and the file size is checked before parsing;
* a table maps each key path to the position of its value and of its key.

May import PyYAML and :mod:`model.errors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from model.errors import ConfigError, Issue, KeyPath, format_path
from model.read.files import FileRefusedError, read_bounded

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 250_000

# the characters YAML 1.1 forbids (PyYAML's Reader.NON_PRINTABLE)
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

try:  # the C parser is ten times faster; the pure-Python one gives the same events
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Mark:
    """Where a node starts (1-based line and column) and whether its scalar was quoted."""

    line: int
    column: int
    quoted: bool = False


@dataclass
class Document:
    """Parsed YAML data plus the position of every node, by key path."""

    name: str
    data: Any
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)

    def mark(self, path: KeyPath, *, key: bool = False) -> Mark | None:
        """Position of ``path`` (its key when ``key``), else of its nearest located ancestor.

        Nodes reached through an alias share the anchor's data and have no marks of their
        own, hence the walk up the path.
        """
        if key and path in self.key_marks:
            return self.key_marks[path]
        for depth in range(len(path), -1, -1):
            found = self.value_marks.get(path[:depth])
            if found is not None:
                return found
        return None

    def is_quoted(self, path: KeyPath) -> bool:
        found = self.value_marks.get(path)
        return bool(found and found.quoted)

    def issue(self, path: KeyPath, message: str, hint: str | None = None, *, key: bool = False) -> Issue:
        """An :class:`Issue` located at ``path`` in this document."""
        found = self.mark(path, key=key)
        return Issue(
            self.name,
            found.line if found else None,
            found.column if found else None,
            path,
            message,
            hint,
        )


def _to_mark(event: Any, quoted: bool = False) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1, quoted)


@dataclass
class _Frame:
    """A mapping or sequence being built, and where it sits."""

    container: dict[str, Any] | list[Any]
    path: KeyPath
    mark: Mark
    anchor: str | None
    size: int = 1
    pending_key: str | None = None
    pending_key_mark: Mark | None = None
    expecting_key: bool = True
    skip_value: bool = False
    first_seen: dict[str, Mark] = field(default_factory=dict)


class _Builder:
    """Turns parser events into plain data, collecting issues instead of stopping."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.issues: list[Issue] = []
        self.doc = Document(name, None)
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.documents = 0

    def fail(self, mark: Mark | None, path: KeyPath, message: str, hint: str | None = None) -> None:
        self.issues.append(
            Issue(self.name, mark.line if mark else None, mark.column if mark else None, path, message, hint)
        )

    def child_path(self) -> KeyPath | None:
        """Path of the node about to be added, or None at the top level."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        if frame.expecting_key:
            return None  # this node is a key, not a value
        return (*frame.path, frame.pending_key if frame.pending_key is not None else "<invalid key>")

    def count(self, amount: int, mark: Mark) -> None:
        self.nodes += amount
        if self.nodes > MAX_NODES:
            raise _AbortError(
                mark,
                f"the document expands to more than {MAX_NODES:,} values",
                "a configuration this large is almost certainly an alias bomb (anchors "
                "referring to anchors); write the values out or split the model",
            )

    def add(self, value: Any, mark: Mark, size: int, anchor: str | None) -> None:
        """Attach a finished node to its parent (or make it the document)."""
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.doc.data = value
            self.doc.value_marks[()] = mark
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            self.doc.value_marks[(*frame.path, len(frame.container))] = mark
            frame.container.append(value)
            return
        if frame.expecting_key:
            self.take_key(frame, value, mark)
            return
        frame.expecting_key = True
        if frame.skip_value:
            frame.skip_value = False
            return
        assert frame.pending_key is not None
        path = (*frame.path, frame.pending_key)
        self.doc.value_marks[path] = mark
        if frame.pending_key_mark is not None:
            self.doc.key_marks[path] = frame.pending_key_mark
        frame.container[frame.pending_key] = value

    def take_key(self, frame: _Frame, key: Any, mark: Mark) -> None:
        frame.expecting_key = False
        if not isinstance(key, str):
            self.fail(mark, frame.path, "expected a plain name as key, got a list or mapping")
            frame.skip_value = True
            return
        if key in frame.first_seen:
            first = frame.first_seen[key]
            self.fail(
                mark,
                (*frame.path, key),
                f"duplicate key {key!r} (first defined at line {first.line})",
                "YAML would silently keep only the last one; merge the two entries or rename one",
            )
            frame.skip_value = True
            return
        frame.first_seen[key] = mark
        frame.pending_key = key
        frame.pending_key_mark = mark

    def refuse_tag(self, event: Any, path: KeyPath | None) -> bool:
        if event.tag is None:
            return False
        self.fail(
            _to_mark(event),
            path if path is not None else self.stack[-1].path if self.stack else (),
            f"expected plain YAML, got the tag {event.tag!r}",
            "tags are not allowed in this file: remove the tag (and quote the value if it must stay text)",
        )
        return True

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _AbortError(
                    _to_mark(event),
                    "expected a single YAML document, found a second one (a '---' line)",
                    "keep the whole model in one document; remove the extra '---'",
                )
            return
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.add(frame.container, frame.mark, frame.size, frame.anchor)

    def scalar(self, event: Any) -> None:
        quoted = event.style not in (None, "")
        mark = _to_mark(event, quoted)
        self.count(1, mark)
        path = self.child_path()
        self.refuse_tag(event, path)
        value: str | None = event.value
        if not quoted and path is not None and event.value in NULL_WORDS:
            value = None  # keys keep their text: '~:' is a name, however odd
        self.add(value, mark, 1, event.anchor)

    def alias(self, event: Any) -> None:
        mark = _to_mark(event)
        if event.anchor not in self.anchors:
            path = self.child_path()
            self.fail(
                mark,
                path or (),
                f"expected a defined anchor, got the alias *{event.anchor} with no &{event.anchor} before it",
            )
            value, size = None, 1
        else:
            value, size = self.anchors[event.anchor]
        self.count(size, mark)
        self.add(value, mark, size, None)

    def open(self, event: Any) -> None:
        mark = _to_mark(event)
        self.count(1, mark)
        path = self.child_path()
        self.refuse_tag(event, path)
        if len(self.stack) >= MAX_DEPTH:
            raise _AbortError(
                mark,
                f"expected at most {MAX_DEPTH} levels of nesting, found more",
                "the model needs about six levels; check for runaway brackets or indentation",
            )
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, path if path is not None else ("<key>",), mark, event.anchor))


class _AbortError(Exception):
    """Stop reading: what follows cannot be trusted or would cost too much."""

    def __init__(self, mark: Mark | None, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


def _events(text: str) -> Iterator[Any]:
    return yaml.parse(text, Loader=_Loader)


def parse_yaml(text: str, name: str = "<string>") -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`ConfigError` with every issue.

    >>> doc = parse_yaml("country: NO\\nweight: 0104\\n")
    >>> doc.data
    {'country': 'NO', 'weight': '0104'}
    >>> doc.value_marks[("weight",)].line
    2
    """
    builder = _Builder(name)
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_FILE_BYTES:
        raise ConfigError([_size_issue(name, size)])
    control = _NON_PRINTABLE.search(text)
    if control is not None:  # found here, by character, because the C reader counts bytes
        before = text[: control.start()]
        where = Mark(before.count("\n") + 1, control.start() - (before.rfind("\n") + 1) + 1)
        builder.fail(
            where,
            (),
            f"expected printable text, got the control character #x{ord(control.group()):04x}",
            "delete the invisible character (often pasted from a PDF or a word processor)",
        )
        raise ConfigError(builder.issues)
    try:
        for event in _events(text):
            builder.feed(event)
    except _AbortError as abort:
        builder.fail(abort.mark, (), abort.message, abort.hint)
        raise ConfigError(builder.issues) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        located = Mark(mark.line + 1, mark.column + 1) if mark else None
        problem = error.problem or "invalid YAML"
        context = f" ({error.context})" if error.context else ""
        offending = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
        builder.fail(
            located,
            (),
            f"expected valid YAML, got a syntax error: {problem}{context}",
            _syntax_hint(problem, offending),
        )
        raise ConfigError(builder.issues) from None
    except yaml.YAMLError as error:
        builder.fail(None, (), f"expected valid YAML, got: {error}")
        raise ConfigError(builder.issues) from None
    if builder.documents == 0:
        builder.fail(Mark(1, 1), (), "expected a YAML mapping, got an empty file")
    if builder.issues:
        raise ConfigError(builder.issues)
    return builder.doc


def _syntax_hint(problem: str, offending: str) -> str:
    if "tab" in problem or offending == "\t":
        return "indent with spaces, never tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted"
    return "check the indentation and quotes on this line and the one before"


def _size_issue(name: str, size: int) -> Issue:
    return Issue(
        name,
        None,
        None,
        (),
        f"expected a file of at most {MAX_FILE_BYTES // (1024 * 1024)} MiB, got {size:,} bytes",
        "a decision model is a few hundred lines; is this the right file?",
    )


def read_yaml(path: Path) -> tuple[Document, bytes]:
    """Read and parse a YAML file; return the document and the file's raw bytes (for hashing).

    Only a regular file is read (a FIFO, a device or a folder is refused from its metadata, so
    ``check /dev/zero`` or a named pipe can neither hang nor exhaust memory), and the size limit
    is enforced while reading.
    """
    name = str(path)
    try:
        raw = read_bounded(path, MAX_FILE_BYTES, what="file")
    except FileRefusedError as refusal:
        if refusal.message.endswith("got a larger file"):
            raise ConfigError([_size_issue(name, path.stat().st_size)]) from None
        if refusal.message.endswith("which is a folder"):
            raise ConfigError([Issue(name, None, None, (), "expected a YAML file, got a directory")]) from None
        raise ConfigError([Issue(name, None, None, (), refusal.message, refusal.hint)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(
            [Issue(name, line, None, (), "expected UTF-8 text, got bytes that are not UTF-8", "save the file as UTF-8")]
        ) from None
    return parse_yaml(text, name), raw


__all__ = ["Document", "Mark", "format_path", "parse_yaml", "read_yaml"]
