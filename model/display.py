"""Notebook display: results with a ``.table`` render as HTML tables in Jupyter.

Imports nothing from the engine: result objects of the core and the analyses inherit it, so it
sits with the core, below every renderer.
"""

from __future__ import annotations

import html
import re
from typing import Any

_ROLE = re.compile(r":\w+:`~?([^`]+)`")


class HtmlTable:
    """Mixin for result objects with a ``table`` DataFrame: ``_repr_html_`` for Jupyter.

    The caption is the first line of the class's docstring; subclasses may add a ``_caption_extra``.
    """

    table: Any

    def _caption_extra(self) -> str:
        return ""

    def _repr_html_(self) -> str:
        first_line = (type(self).__doc__ or type(self).__name__).strip().splitlines()[0]
        caption = _ROLE.sub(r"\1", first_line).split(". ")[0].rstrip(".")
        extra = self._caption_extra()
        body = self.table.to_html(index=False, float_format=lambda x: f"{x:.4g}", na_rep="—", border=0)
        note = f"<div>{html.escape(extra)}</div>" if extra else ""
        return f"<div><strong>{html.escape(caption)}</strong>{note}{body}</div>"
