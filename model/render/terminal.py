"""Text that fits its terminal: the output width, tables that fit it or stack, prose that wraps.

The command line sets the width once per run (:func:`using_width`): ``COLUMNS`` when set, else the
terminal's own width, else 80 (a pipe or a file). Under it, :meth:`Table.text` lays a table out in
columns when it fits and otherwise *stacks* it — each row's leading columns on one line, the
others as ``name value`` pairs wrapped beneath — rather than letting the terminal wrap rows in the
middle; :func:`fit` then wraps every other line that is too long at a word, keeping its
indentation. Without a width (library use), nothing is fitted.

May import the standard library only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import textwrap
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import TextIO

DEFAULT_WIDTH = 80
MIN_WIDTH = 20

_width: ContextVar[int | None] = ContextVar("output_width", default=None)
_GLUE = "\x00"  # holds a stacked cell's name to its value while wrapping


def terminal_width(stream: TextIO | None = None) -> int:
    """``COLUMNS`` if set to a number, else the width of the terminal ``stream`` is, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def current_width() -> int | None:
    """The width output is being fitted to, or None (no fitting)."""
    return _width.get()


@contextlib.contextmanager
def using_width(width: int | None) -> Iterator[None]:
    """Fit every table and line rendered inside the block to ``width`` columns."""
    token = _width.set(None if width is None else max(MIN_WIDTH, width))
    try:
        yield
    finally:
        _width.reset(token)


def layout(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool], indent: str = "") -> str:
    """A table in aligned columns, or stacked when the columns do not fit the current width.

    >>> with using_width(34):
    ...     print(layout(["rank", "alternative", "score", "money", "safety"], [["1", "Turkey", "0.838", "0.200",
    ...     "0.225"]], [1, 0, 1, 1, 1]))
    rank  alternative
    ----  -----------
       1  Turkey
          score 0.838 · money 0.200 ·
          safety 0.225
    """
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    width = current_width()

    def line(cells: Sequence[str], columns: Sequence[int]) -> str:
        parts = [cells[i].rjust(widths[i]) if right[i] else cells[i].ljust(widths[i]) for i in columns]
        return (indent + "  ".join(parts)).rstrip()

    everything = range(len(headers))
    total = len(indent) + sum(widths) + 2 * (len(widths) - 1)
    if width is None or total <= width or len(headers) < 2:
        rule = indent + "  ".join("-" * w for w in widths)
        return "\n".join([line(headers, everything), rule, *(line(r, everything) for r in rows)])
    # keep as many leading columns as fit in about 60% of the width; the rest go under each row
    kept, used = 1, len(indent) + widths[0]
    while kept < len(headers) - 1 and used + 2 + widths[kept] <= max(width * 3 // 5, MIN_WIDTH):
        used += 2 + widths[kept]
        kept += 1
    head = range(kept)
    pad = " " * (len(indent) + min(widths[0] + 2, 6))
    out = [line(headers, head), indent + "  ".join("-" * widths[i] for i in head)]
    for row in rows:
        out.append(line(row, head))
        # a name and its value stay on one line, and a separator ends a line rather than starts one:
        # glue them for the wrap, then unglue
        pairs = [f"{headers[i]}{_GLUE}{row[i].strip()}" for i in range(kept, len(headers)) if row[i].strip()]
        if pairs:
            wrapped = textwrap.wrap(
                (_GLUE + "· ").join(pairs),
                width=width,
                initial_indent=pad,
                subsequent_indent=pad,
                break_on_hyphens=False,
            )
            out += [part.replace(_GLUE, " ") for part in wrapped]
    return "\n".join(out)


def fit(text: str, width: int | None = None) -> str:
    """Every line of ``text`` wrapped at a word to ``width`` (default: the current width), keeping its
    indentation; continuation lines are indented two more. Lines that fit are left alone.

    >>> fit("  a verdict that is far too long for a narrow pane", 20)
    '  a verdict that is\\n    far too long for\\n    a narrow pane'
    """
    width = current_width() if width is None else width
    if width is None:
        return text
    out: list[str] = []
    for raw in text.split("\n"):
        if len(raw) <= width:
            out.append(raw)
            continue
        indent = raw[: len(raw) - len(raw.lstrip(" "))]
        if len(indent) > width // 2:
            indent = indent[: width // 2]
        # a " · " separator ends a line rather than starts one
        wrapped = textwrap.wrap(
            raw.strip().replace(" · ", _GLUE + "· "),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=True,
            break_on_hyphens=False,
        )
        out += [part.replace(_GLUE, " ") for part in wrapped] or [raw[:width]]
    return "\n".join(out)
