"""What every figure shares, whoever draws it (matplotlib or the report's SVG): colours, hatches,
markers, the marks and words of flagged cells, the score axis of each method, how shares and
input values are written on them.

Kept apart from :mod:`model.render.figures` so that the report's own charts look and read the
same without importing matplotlib. May import nothing from the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008), dark and light alternating."""

HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "oo", "++", "--", "**")
"""One hatch per series, so that figures still read in grey."""

MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")
"""One marker per series."""

LOW_END, HIGH_END = PALETTE[1], PALETTE[0]  # light orange, dark blue: they differ in grey too

MAX_LABELLED_RANKS = 25
"""The rank-acceptability heat map writes percentages up to this many alternatives; beyond, cells are too small."""

FLAG_SYMBOLS: Mapping[str, str] = MappingProxyType({"interval": "~", "unknown": "?"})
"""The mark of a flagged cell, as in the text reports."""

FLAG_MEANING: Mapping[str, str] = MappingProxyType(
    {
        "interval": "interval: ranked on its midpoint",
        "unknown": "unknown: ranked on the scale midpoint (not evidence)",
    }
)

PLAIN_FLAG_MEANING: Mapping[str, str] = MappingProxyType(
    {
        "interval": "interval cells, ranked on their midpoints",
        "unknown": "unknown cells, ranked on the scale midpoint (not evidence)",
    }
)

SCORE_AXIS: Mapping[str, str] = MappingProxyType(
    {
        "weighted_sum": "score (0–1)",
        "topsis": "closeness to the ideal (0–1)",
        "vikor": "Q (0–1, lower is better)",
        "promethee_ii": "net flow φ (−1 to 1)",
        "weighted_product": "score (product of weighted values)",
    }
)
"""Each method's score axis, in words."""


def format_share(share: float) -> str:
    """A share of draws as the percentage written on the figures.

    >>> [format_share(v) for v in (0.0, 0.0001, 0.25, 0.97034, 0.99999, 1.0)]
    ['0%', '<0.1%', '25.0%', '97.0%', '>99.9%', '100%']
    """
    value = float(share)
    if value == 0.0:
        return "0%"
    if value == 1.0:
        return "100%"
    if value < 0.0005:
        return "<0.1%"
    if value > 0.9995:
        return ">99.9%"
    return f"{value:.1%}"


def flagged_totals(
    names: Sequence[str], scores: Iterable[float], flags: Mapping[str, Sequence[tuple[str, str]]]
) -> list[str]:
    """Each score as written at the end of its bar, with how many of its cells are flagged.

    >>> flagged_totals(["A", "B"], [0.5, 0.25], {"A": [("c1", "interval"), ("c2", "unknown")], "B": []})
    ['0.500  (~1 ?1)', '0.250']
    """
    totals = []
    for name, score in zip(names, scores, strict=True):
        kinds = [kind for _, kind in flags[name]]
        counts = [f"{symbol}{kinds.count(kind)}" for kind, symbol in FLAG_SYMBOLS.items() if kind in kinds]
        totals.append(f"{score:.3f}" + (f"  ({' '.join(counts)})" if counts else ""))
    return totals


def short_number(value: float) -> str:
    """An input value for a label: three significant digits, no trailing zeros."""
    return f"{value:.3g}"


__all__ = [
    "FLAG_MEANING",
    "FLAG_SYMBOLS",
    "HATCHES",
    "HIGH_END",
    "LOW_END",
    "MARKERS",
    "MAX_LABELLED_RANKS",
    "PALETTE",
    "PLAIN_FLAG_MEANING",
    "SCORE_AXIS",
    "flagged_totals",
    "format_share",
    "short_number",
]
