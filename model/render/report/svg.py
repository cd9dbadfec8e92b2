"""Small SVG drawing primitives for the report's figures, written as text without matplotlib.

A :class:`Drawing` collects elements (rectangles, lines, markers, text, hatch patterns) in
user units and renders one ``<svg>`` element with a ``viewBox``, ``role="img"``, a
``<title>`` and an ``aria-label``, ready to inline in HTML: it scales with the column (the
style sheet sets ``width:100%; height:auto``), its text stays real text, and it needs no
script and no other file. Every piece of text and every attribute value is escaped here, so a
hostile name renders as text. Also here: linear scales and round ticks, an estimate of text
width for layout (the page's font is not known when the file is written: the estimate errs
wide), wrapping, legends. The series styles come from :mod:`model.render.palette`, which the
matplotlib figures use too; what SVG spells its own way (dash patterns in line widths, the
cividis colour map) is written out here so the report never imports matplotlib, and
tests/render/test_report_charts.py pins it to matplotlib's.

May import the standard library and :mod:`model.render.palette`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

DASHES: tuple[tuple[float, ...], ...] = ((), (3.7, 1.6), (6.4, 1.6, 1, 1.6), (1, 1.65), (5, 1, 1, 1, 1, 1), (8, 2))
DASHES += ((1, 1), (3, 2, 1, 2))
"""The dash patterns of :data:`model.render.figures.LINESTYLES`, in line widths (as matplotlib scales them)."""

INK, SOFT_INK, GRID = "#111111", "#333333", "#d9d9d9"

FONT = 12.0
"""The body size of figure text, in user units (the figures are 720 units wide)."""

CIVIDIS = (
    "00224e00234f00245100255300255400265600275800285900285b00295d002a5f002a61002b62002c64002c66002d68"
    "002e6a002e6c002f6d00306f0030700031700031710132710533710833700c34700f357012357014367016377018376f"
    "1a386f1c396f1e3a6f203a6f213b6e233c6e243c6e263d6e273e6e293f6e2a3f6d2b406d2d416d2e416d2f426d31436d"
    "32436d33446d34456c35456c36466c38476c39486c3a486c3b496c3c4a6c3d4a6c3e4b6c3f4c6c404c6c414d6c424e6c"
    "434e6c444f6c45506c46516c47516c48526c49536c4a536c4b546c4c556c4d556c4e566c4f576c50576c51586d52596d"
    "535a6d545a6d555b6d555c6d565c6d575d6d585e6d595e6e5a5f6e5b606e5c616e5d616e5e626e5e636f5f636f60646f"
    "61656f62656f636670646770656870656870666970676a71686a71696b716a6c716b6d726c6d726c6e726d6f726e6f73"
    "6f70737071737172747272747273747374757474757575757676767777767777777878777979777a7a787b7a787c7b78"
    "7d7c787e7c787e7d787f7e78807f78817f788280798381798482798582798683798784788885788985788a86788b8778"
    "8c88788d88788e89788f8a78908b78918b78928c78928d78938e78948e77958f779690779791779892779992779a9376"
    "9b94769c95769d95769e96769f9775a09875a19975a29975a39a74a49b74a59c74a69c74a79d73a89e73a99f73aaa073"
    "aba072aca172ada272aea371afa471b0a571b1a570b3a670b4a76fb5a86fb6a96fb7a96eb8aa6eb9ab6dbaac6dbbad6d"
    "bcae6cbdae6cbeaf6bbfb06bc0b16ac1b26ac2b369c3b369c4b468c5b568c6b667c7b767c8b866c9b965cbb965ccba64"
    "cdbb63cebc63cfbd62d0be62d1bf61d2c060d3c05fd4c15fd5c25ed6c35dd7c45cd9c55cdac65bdbc75adcc859ddc858"
    "dec958dfca57e0cb56e1cc55e2cd54e4ce53e5cf52e6d051e7d150e8d24fe9d34eead34cebd44bedd54aeed649efd748"
    "f0d846f1d945f2da44f3db42f5dc41f6dd3ff7de3ef8df3cf9e03afbe138fce236fde334fee434fee535fee636fee838"
)
"""matplotlib's cividis map, its 256 colours as hex digits (Nuñez, Anderton & Renslow 2018)."""


def esc(value: object) -> str:
    """Text escaped for SVG inside HTML (and for XML): ``<``, ``>``, ``&`` and both quotes."""
    return html.escape(str(value), quote=True)


def num(value: float) -> str:
    """A coordinate: two decimals, no trailing zeros (``12.5``, ``3``, ``-0.25``)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attributes(values: dict[str, object]) -> str:
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else str(value)
        parts.append(f' {key.rstrip("_").replace("_", "-")}="{esc(shown)}"')
    return "".join(parts)


# ----- text measure -----------------------------------------------------------------------------
_NARROW = set("fijlrtI.,:;()[]'|!-/· ")
_WIDE = set("mwMW%@—~+=±−<>#&")


def text_width(text: str, size: float = FONT, *, bold: bool = False) -> float:
    """An estimate of the width of ``text`` (measured on DejaVu Sans, wider than most system fonts,
    so labels laid out by it do not overlap in other fonts either)."""
    units = sum(0.36 if c in _NARROW else 0.92 if c in _WIDE else 0.74 if c.isupper() else 0.62 for c in str(text))
    return units * size * (1.1 if bold else 1.0)


def wrap(text: str, width: float, size: float = FONT, *, bold: bool = False) -> list[str]:
    """``text`` cut at spaces into lines no wider than ``width`` (a longer word keeps its own line)."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size, bold=bold) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def clip(text: str, width: float, size: float = FONT) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` (the full text goes in a ``<title>``)."""
    if text_width(text, size) <= width:
        return text
    shown = str(text)
    while shown and text_width(shown + "…", size) > width:
        shown = shown[:-1]
    return shown + "…"


# ----- scales and ticks -------------------------------------------------------------------------
@dataclass(frozen=True)
class Scale:
    """A linear map from data ``[low, high]`` to drawing ``[start, end]``."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (float(value) - self.low) / span * (self.end - self.start)


def ticks(low: float, high: float, count: int = 7) -> list[float]:
    """Round tick values (steps 1, 2, 2.5 or 5 × 10^k) inside ``[low, high]``, about ``count`` of them."""
    span = high - low
    if not math.isfinite(span) or span <= 0:
        return [low]
    raw = span / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw * 0.999)
    first = math.ceil(low / step - 1e-9)
    values = []
    k = first
    while k * step <= high + step * 1e-9:
        values.append(round(k * step, 12) + 0.0)
        k += 1
    return values


def tick_text(value: float, values: Sequence[float]) -> str:
    """A tick label with as many decimals as the step needs, the same for every tick (``0.0``, ``0.2``)."""
    step = abs(values[1] - values[0]) if len(values) > 1 else 1.0
    decimals = 0
    while decimals < 6 and abs(round(step, decimals) - step) > 1e-9:
        decimals += 1
    decimals = max(decimals, 1) if step < 1 or any(v != int(v) for v in values) else decimals
    return f"{value:.{decimals}f}".replace("-", "−")


# ----- colours ----------------------------------------------------------------------------------
def _rgb(colour: str) -> tuple[float, float, float]:
    code = colour.lstrip("#")
    return (int(code[0:2], 16) / 255, int(code[2:4], 16) / 255, int(code[4:6], 16) / 255)


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrasting_ink(background: str) -> str:
    """``white`` or ``black``, whichever contrasts more with ``background`` (as the figures choose).

    >>> contrasting_ink("#00204d"), contrasting_ink("#fee838")
    ('white', 'black')
    """
    light = luminance(background)
    return "white" if 1.05 / (light + 0.05) > (light + 0.05) / 0.05 else "black"


def cividis(value: float) -> str:
    """The colour of ``value`` in [0, 1] on matplotlib's 256-step cividis map (colour-blind safe)."""
    index = min(max(int(float(value) * 256), 0), 255) if math.isfinite(value) else 0
    return "#" + CIVIDIS[6 * index : 6 * index + 6]


# ----- the drawing ------------------------------------------------------------------------------
class Drawing:
    """SVG elements in user units; :meth:`render` wraps them in one accessible ``<svg>``.

    ``prefix`` makes the ids of hatch patterns unique on the page (every figure of one report
    has its own), so one figure's patterns never fill another's bars.
    """

    def __init__(self, prefix: str, width: float) -> None:
        self.prefix = prefix
        self.width = width
        self.parts: list[str] = []
        self._patterns: dict[tuple[str, str, float], str] = {}
        self._defs: list[str] = []

    def element(self, tag: str, attributes: dict[str, object], *, title: str | None = None) -> None:
        """One element; ``title`` (escaped) becomes its tooltip and accessible name."""
        if title is None:
            self.parts.append(f"<{tag}{_attributes(attributes)}/>")
        else:
            self.parts.append(f"<{tag}{_attributes(attributes)}><title>{esc(title)}</title></{tag}>")

    def rect(self, x: float, y: float, width: float, height: float, **attributes: object) -> None:
        title = attributes.pop("title", None)
        if width < 0:
            x, width = x + width, -width
        self.element(
            "rect",
            {"x": float(x), "y": float(y), "width": float(width), "height": float(height), **attributes},
            title=None if title is None else str(title),
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, **attributes: object) -> None:
        attributes.setdefault("stroke", INK)
        self.element("line", {"x1": float(x1), "y1": float(y1), "x2": float(x2), "y2": float(y2), **attributes})

    def polyline(self, points: Iterable[tuple[float, float]], **attributes: object) -> None:
        attributes.setdefault("fill", "none")
        joined = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        self.element("polyline", {"points": joined, **attributes})

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: float = FONT,
        anchor: str = "start",
        bold: bool = False,
        middle: bool = True,
        rotate: float | None = None,
        tooltip: str | None = None,
        **attributes: object,
    ) -> None:
        """``content`` (escaped) at ``(x, y)``, centred vertically on ``y`` if ``middle`` (else on its baseline)."""
        extra = {
            "x": float(x),
            "y": float(y),
            "font-size": float(size),
            "text-anchor": None if anchor == "start" else anchor,
            "font-weight": "bold" if bold else None,
            "dy": ".35em" if middle else None,
            "transform": f"rotate({num(rotate)} {num(x)} {num(y)})" if rotate else None,
            **attributes,
        }
        hint = f"<title>{esc(tooltip)}</title>" if tooltip else ""
        self.parts.append(f"<text{_attributes(extra)}>{hint}{esc(content)}</text>")

    def label(self, x: float, y: float, content: str, width: float, *, size: float = FONT, **options: object) -> None:
        """``content`` clipped to ``width`` (see :func:`clip`), the full text as its tooltip if clipped."""
        shown = clip(content, width, size)
        self.text(x, y, shown, size=size, tooltip=content if shown != content else None, **options)  # type: ignore[arg-type]

    def define(self, markup: str) -> None:
        """Markup for ``<defs>`` (a gradient), written by the caller with ids from :attr:`prefix`."""
        self._defs.append(markup)

    def lines(
        self, x: float, y: float, rows: Sequence[str], *, size: float = FONT, leading: float = 1.3, **options: object
    ) -> float:
        """Several lines of text from baseline ``y`` down; returns the baseline after the last."""
        for row in rows:
            self.text(x, y, row, size=size, middle=False, **options)  # type: ignore[arg-type]
            y += size * leading
        return y

    def hatch(self, hatch: str, colour: str, *, spacing: float = 7.0) -> str:
        """A fill of ``colour`` with matplotlib's ``hatch`` drawn in black on it (``url(#…)``), or the colour."""
        if not hatch:
            return colour
        key = (hatch, colour, spacing)
        if key not in self._patterns:
            ident = f"{self.prefix}-p{len(self._patterns)}"
            self._patterns[key] = ident
            s = spacing
            strokes = {
                "/": f"M0 {num(s)}L{num(s)} 0M{num(-s / 2)} {num(s / 2)}L{num(s / 2)} {num(-s / 2)}"
                f"M{num(s / 2)} {num(3 * s / 2)}L{num(3 * s / 2)} {num(s / 2)}",
                "\\": f"M0 0L{num(s)} {num(s)}M{num(s / 2)} {num(-s / 2)}L{num(3 * s / 2)} {num(s / 2)}"
                f"M{num(-s / 2)} {num(s / 2)}L{num(s / 2)} {num(3 * s / 2)}",
                "x": "",
                "+": f"M0 {num(s / 2)}H{num(s)}M{num(s / 2)} 0V{num(s)}",
                "-": f"M0 {num(s / 2)}H{num(s)}",
                "*": f"M{num(s / 2)} {num(s * 0.2)}V{num(s * 0.8)}M{num(s * 0.24)} {num(s * 0.35)}L{num(s * 0.76)} "
                f"{num(s * 0.65)}M{num(s * 0.24)} {num(s * 0.65)}L{num(s * 0.76)} {num(s * 0.35)}",
            }
            strokes["x"] = strokes["/"] + strokes["\\"]
            kind = hatch[0]
            if kind == ".":
                ink = f'<circle cx="{num(s / 2)}" cy="{num(s / 2)}" r="1.1" fill="{INK}"/>'
            elif kind == "o":
                ink = (
                    f'<circle cx="{num(s / 2)}" cy="{num(s / 2)}" r="2" fill="none" stroke="{INK}" stroke-width=".8"/>'
                )
            else:
                ink = f'<path d="{strokes.get(kind, strokes["/"])}" stroke="{INK}" stroke-width=".8"/>'
            self._defs.append(
                f'<pattern id="{esc(ident)}" width="{num(s)}" height="{num(s)}" patternUnits="userSpaceOnUse">'
                f'<rect width="{num(s)}" height="{num(s)}" fill="{esc(colour)}"/>{ink}</pattern>'
            )
        return f"url(#{self._patterns[key]})"

    def marker(
        self, shape: str, x: float, y: float, size: float, *, fill: str, stroke: str = INK, width: float = 0.8
    ) -> None:
        """A matplotlib-style marker (``o s ^ v < > D d P X * h p |``) of diameter ``size`` centred on ``(x, y)``."""
        r = size / 2
        paint = {"fill": fill, "stroke": stroke, "stroke-width": float(width)}
        if shape == "o":
            self.element("circle", {"cx": float(x), "cy": float(y), "r": float(r), **paint})
            return
        if shape == "|":
            self.line(x, y - r, x, y + r, stroke=stroke, stroke_width=float(width))
            return
        self.element(
            "polygon", {"points": " ".join(f"{num(x + r * u)},{num(y + r * v)}" for u, v in _SHAPES[shape]), **paint}
        )

    def render(self, height: float, title: str, *, label: str | None = None, description: str = "") -> str:
        """The ``<svg>`` element: ``viewBox`` of the drawing, ``role="img"``, ``<title>``, ``aria-label``."""
        defs = f"<defs>{''.join(self._defs)}</defs>" if self._defs else ""
        desc = f"<desc>{esc(description)}</desc>" if description else ""
        return (
            f'<svg viewBox="0 0 {num(self.width)} {num(height)}" role="img" aria-label="{esc(label or title)}" '
            f'class="chart" font-size="{num(FONT)}" fill="{INK}">'
            f"<title>{esc(title)}</title>{desc}{defs}"
            f'<rect width="{num(self.width)}" height="{num(height)}" fill="#fff"/>' + "".join(self.parts) + "</svg>"
        )


def _polygon(corners: int, start: float, radius: float = 1.0) -> tuple[tuple[float, float], ...]:
    return tuple(
        (radius * math.cos(start + 2 * math.pi * k / corners), radius * math.sin(start + 2 * math.pi * k / corners))
        for k in range(corners)
    )


def _star() -> tuple[tuple[float, float], ...]:
    outer, inner = _polygon(5, -math.pi / 2), _polygon(5, -math.pi / 2 + math.pi / 5, 0.42)
    return tuple(point for pair in zip(outer, inner, strict=True) for point in pair)


_T = 0.34  # half the thickness of the filled plus and cross
_PLUS: tuple[tuple[float, float], ...] = (
    (-_T, -1),
    (_T, -1),
    (_T, -_T),
    (1, -_T),
    (1, _T),
    (_T, _T),
    (_T, 1),
    (-_T, 1),
    (-_T, _T),
    (-1, _T),
)
_PLUS = (*_PLUS, (-1, -_T), (-_T, -_T))
_TURN = math.cos(math.pi / 4)
_SHAPES: dict[str, tuple[tuple[float, float], ...]] = {
    "s": ((-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)),
    "^": ((0, -1), (0.9, 0.7), (-0.9, 0.7)),
    "v": ((0, 1), (0.9, -0.7), (-0.9, -0.7)),
    "<": ((-1, 0), (0.7, -0.9), (0.7, 0.9)),
    ">": ((1, 0), (-0.7, -0.9), (-0.7, 0.9)),
    "D": ((0, -1), (0.85, 0), (0, 1), (-0.85, 0)),
    "d": ((0, -1), (0.6, 0), (0, 1), (-0.6, 0)),
    "P": _PLUS,
    "X": tuple(((u - v) * _TURN, (u + v) * _TURN) for u, v in _PLUS),
    "*": _star(),
    "h": _polygon(6, -math.pi / 2),
    "p": _polygon(5, -math.pi / 2),
}


# ----- axes and legends -------------------------------------------------------------------------
def x_axis(
    drawing: Drawing,
    scale: Scale,
    values: Sequence[float],
    top: float,
    bottom: float,
    *,
    label: str = "",
    grid: bool = True,
    size: float = FONT - 1,
    form: Callable[[float], str] | None = None,
    room: float | None = None,
) -> float:
    """Ticks, tick labels and grid lines of a horizontal axis below ``bottom``, and its ``label``
    wrapped to ``room`` (default: a little wider than the axis); returns the y below the label."""
    for value in values:
        x = scale(value)
        if grid:
            drawing.line(x, top, x, bottom, stroke=GRID, stroke_width=0.7)
        drawing.line(x, bottom, x, bottom + 4, stroke_width=0.8)
        drawing.text(
            x,
            bottom + 6 + size,
            form(value) if form else tick_text(value, values),
            size=size,
            anchor="middle",
            middle=False,
        )
    y = bottom + 8 + size
    if label:
        for row in wrap(label, room or abs(scale.end - scale.start) + 60, size + 1):
            y += (size + 1) * 1.3
            drawing.text((scale.start + scale.end) / 2, y, row, size=size + 1, anchor="middle", middle=False)
    return y + 4


def y_axis(
    drawing: Drawing,
    scale: Scale,
    values: Sequence[float],
    left: float,
    right: float,
    *,
    grid: bool = True,
    size: float = FONT - 1,
    form: Callable[[float], str] | None = None,
) -> None:
    """Ticks, tick labels (left of ``left``) and grid lines of a vertical axis."""
    for value in values:
        y = scale(value)
        if grid:
            drawing.line(left, y, right, y, stroke=GRID, stroke_width=0.7)
        drawing.line(left - 4, y, left, y, stroke_width=0.8)
        drawing.text(left - 6, y, form(value) if form else tick_text(value, values), size=size, anchor="end")


def _title_rows(label: str, length: float, size: float) -> list[str]:
    rows = wrap(label, length + 30, size)
    return rows if len(rows) <= 2 else [rows[0], clip(" ".join(rows[1:]), length + 30, size)]


def axis_room(label: str, length: float, size: float = FONT) -> float:
    """The width a vertical axis's title takes at the figure's left edge (one or two turned lines)."""
    return 8 + size * 1.3 * len(_title_rows(label, length, size))


def axis_title(drawing: Drawing, x: float, top: float, bottom: float, label: str, *, size: float = FONT) -> None:
    """A vertical axis's title, turned a quarter, centred on ``[top, bottom]``, its first line at ``x``
    (a long title takes a second line to the right: see :func:`axis_room`)."""
    for row, text in enumerate(_title_rows(label, bottom - top, size)):
        y = (top + bottom) / 2
        drawing.text(x + row * size * 1.3, y, text, size=size, anchor="middle", rotate=-90, tooltip=None)


def frame(drawing: Drawing, left: float, top: float, right: float, bottom: float) -> None:
    drawing.rect(left, top, right - left, bottom - top, fill="none", stroke=INK, stroke_width=0.9)


def heading(drawing: Drawing, title: str, subtitle: str, *, top: float = 6) -> float:
    """The figure's bold title and its grey subtitle, centred and wrapped; returns the y below them."""
    y = top
    for row in wrap(title, drawing.width - 20, 16, bold=True):
        y += 20
        drawing.text(drawing.width / 2, y, row, size=16, bold=True, anchor="middle", middle=False)
    y += 4 if subtitle else 0
    for row in wrap(subtitle, drawing.width - 20, 11.5) if subtitle else ():
        y += 15
        drawing.text(drawing.width / 2, y, row, size=11.5, anchor="middle", middle=False, fill=SOFT_INK)
    return y + 10


@dataclass(frozen=True)
class Key:
    """One legend entry: its label and how to draw its sample in a 24 × 12 box at (x, y centre)."""

    label: str
    sample: Callable[[Drawing, float, float], None] | None


def box_key(label: str, fill: str, *, stroke: str = INK, width: float = 0.6) -> Key:
    return Key(label, lambda d, x, y: d.rect(x, y - 6, 24, 12, fill=fill, stroke=stroke, stroke_width=float(width)))


def line_key(label: str, colour: str, *, dash: str | None = None, marker: str | None = None, width: float = 1.8) -> Key:
    def sample(drawing: Drawing, x: float, y: float) -> None:
        drawing.line(x, y, x + 24, y, stroke=colour, stroke_width=float(width), stroke_dasharray=dash)
        if marker:
            drawing.marker(marker, x + 12, y, 7, fill=colour)

    return Key(label, sample)


def marker_key(label: str, shape: str, fill: str, *, size: float = 9, width: float = 0.8) -> Key:
    return Key(label, lambda d, x, y: d.marker(shape, x + 12, y, size, fill=fill, width=width))


def symbol_key(label: str, symbol: str) -> Key:
    """A key whose sample is a bold character (the ``~`` and ``?`` of flagged cells)."""
    return Key(label, lambda d, x, y: d.text(x + 12, y, symbol, size=FONT + 2, bold=True, anchor="middle"))


def legend(
    drawing: Drawing, keys: Sequence[Key], top: float, *, columns: int = 3, title: str = "", size: float = FONT - 1
) -> float:
    """The keys in up to ``columns`` columns (filled down first, as matplotlib does), centred; returns the y below."""
    if not keys:
        return top
    widest = max(text_width(k.label, size) for k in keys) + 34
    fits = max(1, min(columns, int((drawing.width - 20) // widest)))
    rows = math.ceil(len(keys) / fits)
    fits = math.ceil(len(keys) / rows)
    room = (drawing.width - 20) / fits
    column_width = min(widest, room)
    left = (drawing.width - column_width * fits) / 2
    y = top
    if title:
        y += size * 1.3
        drawing.text(drawing.width / 2, y, title, size=size, anchor="middle", middle=False)
        y += 4
    for index, key in enumerate(keys):
        column, row = divmod(index, rows)
        x, centre = left + column * column_width, y + (row + 0.5) * size * 1.6
        if key.sample is not None:
            key.sample(drawing, x, centre)
        drawing.label(x + 30, centre, key.label, column_width - 34, size=size)
    return y + rows * size * 1.6 + 6
