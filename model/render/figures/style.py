"""The figures' shared style and plumbing: the colour-blind-safe palette, hatches, line styles
and markers, titles and grids, and writing a figure out (:func:`save` atomically, or as PNG
bytes or SVG text for embedding).

May import numpy, matplotlib and :mod:`model.errors`.
"""

from __future__ import annotations

import contextlib
import io
import os
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from numpy.typing import NDArray

from model.errors import RequestError, did_you_mean
from model.render.palette import (
    SCORE_AXIS,
)

if TYPE_CHECKING:
    from model.ranking import Ranking


FIGURES: Mapping[str, str] = MappingProxyType(
    {
        "contribution_bars": "stacked bars of each criterion's contribution to each alternative's score, best on "
        "top, interval (~) and unknown (?) cells marked, total at the end (plain score bars for methods "
        "without contributions)",
        "weight_sweep": "each alternative's score as one criterion's weight goes from 0 to 1 (others "
        "proportional), the current weight, and every crossover labelled with its weight",
        "weight_sweeps": "the weight sweep of every criterion as small multiples with a shared score axis",
        "tornado": "the winner's lead at the low and high end of each input, largest swing first; inputs that "
        "can change the winner hatched and labelled with the value where they do",
        "rank_acceptability": "heat map of the share of SMAA draws giving each alternative each rank",
        "central_weights": "the mean weights that make each alternative first (SMAA central weights), with "
        "standard errors",
        "weights": "the normalised weights used; with a group, each analyst's weights and the spread between them",
    }
)
"""Every figure this module draws: function name → what it shows."""


LINESTYLES: tuple[str | tuple[int, tuple[int, ...]], ...] = (
    "-",
    "--",
    "-.",
    ":",
    (0, (5, 1, 1, 1, 1, 1)),
    (0, (8, 2)),
    (0, (1, 1)),
    (0, (3, 2, 1, 2)),
)


MAX_INCHES = 30.0
"""No figure is wider or taller than this (30 in, 4,500 pixels at the default 150 dpi)."""


FLAG_MARKERS = {"interval": r"$\sim$", "unknown": "$?$"}  # in mathtext "~" is a space


_GRID = "#d9d9d9"


FloatArray = NDArray[np.float64]


# ----- small helpers ----------------------------------------------------------------------------


def new_figure(width: float, height: float) -> Figure:
    # capped: figures grow with the problem, but a raster must stay drawable (Agg stops at 2**16 pixels)
    return Figure(figsize=(min(width, MAX_INCHES), min(height, MAX_INCHES)), dpi=100, layout="constrained")


def canvas(ax: Axes | None, width: float, height: float) -> tuple[Figure, Axes]:
    """A new figure of this size with one axes, or the caller's ``ax`` (matplotlib's convention:
    a plotting function draws into the axes it is given and leaves the rest of its figure alone)."""
    if ax is not None:
        figure = ax.get_figure()
        if not isinstance(figure, Figure):
            raise RequestError("ax: expected axes that belong to a matplotlib Figure")
        return figure, ax
    figure = new_figure(width, height)
    axes = figure.add_subplot()
    axes._exile_own = True  # type: ignore[attr-defined]  # marks axes made here, see owns()
    return figure, axes


def owns(figure: Figure, ax: Axes) -> bool:
    """True when the axes and its figure were made here (not the caller's): titles and legends go on the figure."""
    return bool(getattr(ax, "_exile_own", False)) and ax.get_figure() is figure


def set_titles(figure: Figure, ax: Axes, title: str, subtitle: str) -> None:
    if owns(figure, ax):
        figure.suptitle(title, fontsize=13, fontweight="bold")
        ax.set_title(subtitle, fontsize=9, color="#333333")
    else:  # drawn into the caller's axes: the title stays with them
        ax.set_title(f"{title}\n{subtitle}", fontsize=9)


def legend(figure: Figure, ax: Axes, **options: Any) -> None:
    """The figure's legend below the plot, or the axes' own legend inside the caller's axes."""
    if owns(figure, ax):
        figure.legend(loc="outside lower center", **options)
    else:
        ax.legend(loc="best", **{k: v for k, v in options.items() if k != "ncols"})


def index_of(kind: str, name: str, known: Sequence[str]) -> int:
    if name in known:
        return list(known).index(name)
    hint = did_you_mean(name, known)
    message = f"unknown {kind} {name!r}; expected one of: {', '.join(known)}"
    raise RequestError(message + (f" ({hint})" if hint else ""))


def _luminance(colour: Any) -> float:
    """WCAG relative luminance of a colour."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrasting_ink(background: Any) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG contrast ratio).

    >>> contrasting_ink("#00204d"), contrasting_ink("#fee838")
    ('white', 'black')
    """
    light = _luminance(background)
    return "white" if 1.05 / (light + 0.05) > (light + 0.05) / 0.05 else "black"


def score_axis_label(ranking: Ranking) -> str:
    better = "higher" if ranking.higher_is_better else "lower"
    return SCORE_AXIS.get(ranking.method, f"score ({better} is better)")


def light_grid(ax: Axes, axis: Literal["x", "y", "both"]) -> None:
    ax.grid(axis=axis, color=_GRID, linewidth=0.7)
    ax.set_axisbelow(True)


# ----- output -----------------------------------------------------------------------------------
def _format(target: Path, format: str | None) -> str:
    suffix = target.suffix.lower().lstrip(".")
    chosen = (format or suffix).lower().lstrip(".")
    if chosen not in ("png", "svg"):
        raise RequestError(f"figure format: expected png or svg (from the suffix or format=), got {chosen!r}")
    if format is not None and suffix in ("png", "svg") and suffix != chosen:
        raise RequestError(f"figure format {chosen!r} does not match the file name {target.name!r}")
    return chosen


def _write(figure: Figure, handle: IO[bytes], kind: str, dpi: float) -> None:
    """Lay out and draw ``figure`` once, straight onto the backend's canvas, into ``handle``.

    ``Figure.savefig`` draws a figure with a layout engine twice: a dry run that lays it out and
    walks every artist with drawing switched off, then the real drawing with the layout engine
    off. Drawn here through the canvas, the layout runs inside the one real drawing, at the same
    resolution and with the same renderer, so the bytes are the same (tests/render/test_figures.py
    compares them) and the dry run (some 15 % of the drawing time) is saved. The figure's
    canvas and resolution are restored afterwards, as ``savefig`` restores them; the user's
    ``savefig.*`` rc settings are not read (the figures set their own colours and size).
    """
    canvas, resolution = figure.canvas, figure.dpi

    def restore() -> None:
        figure.set_canvas(canvas)
        figure.dpi = resolution  # print_svg leaves 72 behind

    try:
        if kind == "svg":
            from matplotlib.backends.backend_svg import FigureCanvasSVG

            svg = FigureCanvasSVG(figure)
            # no timestamp: same figure, same file; matplotlib's backends are not annotated
            svg.print_svg(handle, metadata={"Date": None})  # type: ignore[no-untyped-call]
        else:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            figure.dpi = dpi
            FigureCanvasAgg(figure).print_png(handle)  # type: ignore[no-untyped-call]
    except BaseException:
        # a drawing cut short (SIGTERM, Ctrl-C) can leave a layout that restoring trips over
        # ("Invalid bounding box"): that error must not replace the interruption
        with contextlib.suppress(Exception):
            restore()
        raise
    restore()


def save(figure: Figure, path: str | os.PathLike[str], *, format: str | None = None, dpi: float = 150) -> Path:
    """Write ``figure`` as PNG or SVG (from the suffix, or ``format``), atomically; return the path.

    The figure goes to a temporary file in the target's directory, which then replaces the
    target (:func:`os.replace`): readers see the old file or the new one, never a partial one,
    and on any error the temporary file is removed. A ``.yaml``/``.yml`` target is refused
    (a model file is never overwritten by a figure), as is a format other than PNG or SVG.
    The directory must exist.
    """
    target = Path(path)
    if target.suffix.lower() in (".yaml", ".yml"):
        raise RequestError(f"refusing to write a figure to {str(target)!r}: it is named like a model file")
    kind = _format(target, format)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    # os.open with 0o666, unlike mkstemp's 0o600, leaves the file the permissions the umask gives
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            _write(figure, handle, kind, dpi)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return target


def to_png_bytes(figure: Figure, *, dpi: float = 150) -> bytes:
    """The figure as PNG bytes (e.g. for a ``data:image/png;base64,`` URL)."""
    buffer = io.BytesIO()
    _write(figure, buffer, "png", dpi)
    return buffer.getvalue()


def to_svg_text(figure: Figure) -> str:
    """The figure as an ``<svg>`` element, ready to inline in HTML (no XML prolog or doctype)."""
    buffer = io.BytesIO()
    _write(figure, buffer, "svg", 0)
    text = buffer.getvalue().decode("utf-8")
    return text[text.index("<svg") :]
