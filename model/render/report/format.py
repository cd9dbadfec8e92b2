"""One formatter per quantity, and the small HTML helpers every part of the report shares.

Every number on the page goes through exactly one of these functions, chosen by what it is
(a share of draws, a score, a normalised weight, a raw weight of the file), so one quantity
never shows with two roundings. ``report.js`` mirrors :func:`score` and :func:`weight`
(``toFixed(3)``) for the live view. May import numpy and the standard library.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence


def e(value: object) -> str:
    """Text escaped for HTML, attributes included."""
    return html.escape(str(value), quote=True)


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(float(value))


def share(value: float) -> str:
    """A share of draws or of cases: ``0.9712`` → ``97.1%``."""
    return f"{100 * float(value):.1f}%" if _finite(value) else "—"


def points(value: float) -> str:
    """A change of a share, in whole percentage points (as the verdict says it): ``0.123`` → ``12``."""
    return f"{100 * float(value):.0f}" if _finite(value) else "—"


def score(value: float) -> str:
    """A score (or a contribution, a gap, a value on the 0–1 scale): ``0.838``."""
    return f"{float(value):.3f}" if _finite(value) else "—"


def signed(value: float) -> str:
    """A signed score difference: ``+0.052``."""
    return f"{float(value):+.3f}" if _finite(value) else "—"


def weight(value: float) -> str:
    """A normalised weight (sums to 1): ``0.250``."""
    return f"{float(value):.3f}" if _finite(value) else "—"


def raw_weight(value: float) -> str:
    """A weight in the file's own units: ``25`` or ``12.5`` (four significant digits)."""
    if not _finite(value):
        return "—"
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:.4g}"


def correlation(value: float) -> str:
    """A rank correlation: ``0.80``."""
    return f"{float(value):.2f}" if _finite(value) else "—"


def cell_value(value: float) -> str:
    """A value on a criterion's own scale: ``6.5``."""
    return f"{float(value):.4g}" if _finite(value) else "—"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: set[int] | None = None,
    *,
    classes: str = "",
    caption: str = "",
) -> str:
    """A table; ``headers`` are plain text (escaped here), cells are HTML already."""
    numeric = numeric or set()
    head = "".join(f'<th scope="col"{" class=num" if i in numeric else ""}>{e(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    klass = f' class="{e(classes)}"' if classes else ""
    return f"<table{klass}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure(svg: str, name: str, caption: str) -> str:
    """An inline SVG figure (drawn by :mod:`.charts`, its text escaped there), with its caption
    kept on the same printed page."""
    return f'<figure id="fig-{e(name)}">{svg}<figcaption>{e(caption)}</figcaption></figure>'


def section(ident: str, title: str, body: str, *, level: int = 2) -> str:
    return f'<section id="{e(ident)}"><h{level}>{e(title)}</h{level}>{body}</section>'
