"""How results show in a notebook and a REPL: an HTML table in Jupyter, a few readable lines in ``repr``.

Imports nothing from the engine: result objects of the core and the analyses inherit it, so it
sits with the core, below every renderer.
"""

from __future__ import annotations

import html
import re
from typing import Any

_ROLE = re.compile(r":\w+:`~?([^`]+)`")


REPR_ROWS = 8
"""Rows of a result's table that its ``repr`` shows (the rest are counted, not printed)."""

REPR_LIMIT = 1200
"""Most characters a result's ``repr`` takes: a REPL never floods with a whole result."""


class HtmlTable:
    """Mixin for result objects with a ``table`` DataFrame: ``_repr_html_`` for Jupyter, and a short
    ``__repr__`` (class, caption, the first rows of the table) for a REPL. Result dataclasses that
    use it are declared with ``repr=False`` so that this ``__repr__`` is theirs.

    The caption is the first line of the class's docstring; subclasses may add a ``_caption_extra``.
    """

    table: Any

    def _caption_extra(self) -> str:
        return ""

    def _shown_table(self) -> Any:
        """The table as a person should read it (a subclass may format shares as percentages)."""
        return self.table

    def _caption(self) -> str:
        first_line = (type(self).__doc__ or type(self).__name__).strip().splitlines()[0]
        return _ROLE.sub(r"\1", first_line).split(". ")[0].rstrip(".")

    def __repr__(self) -> str:
        table = self._shown_table()
        shown = table.head(REPR_ROWS).to_string(index=False, max_colwidth=28, float_format=lambda x: f"{x:.4g}")
        more = len(table) - REPR_ROWS
        lines = [f"<{type(self).__name__}: {self._caption()}>"]
        extra = self._caption_extra()
        if extra:
            lines.append(extra)
        lines += shown.splitlines()
        if more > 0:
            lines.append(f"… {more} more row{'s' if more != 1 else ''} (.table has them all)")
        text = "\n".join(line[:160] for line in lines)
        return text if len(text) <= REPR_LIMIT else text[: REPR_LIMIT - 1] + "…"

    def _repr_html_(self) -> str:
        caption = self._caption()
        extra = self._caption_extra()
        body = self._shown_table().to_html(index=False, float_format=lambda x: f"{x:.4g}", na_rep="—", border=0)
        note = f"<div>{html.escape(extra)}</div>" if extra else ""
        return f"<div><strong>{html.escape(caption)}</strong>{note}{body}</div>"
