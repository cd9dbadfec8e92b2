"""The command line's streams and signals: output that degrades on narrow encodings, Markdown that
cannot inject HTML, SIGTERM that unwinds like Ctrl-C (so atomic writes clean up), and the
progress bar.

May import the standard library and :mod:`model.render.common`.
"""

from __future__ import annotations

import contextlib
import math
import signal
import time
from collections.abc import Callable, Iterator
from typing import TextIO

EXIT_OK = 0


EXIT_INVALID = 2


EXIT_INTERNAL = 3


EXIT_TERMINATED = 143  # 128 + SIGTERM, as shells report it


# What a terminal that cannot show a character sees instead: the nearest ASCII, else "?".
_ASCII_FALLBACK = {
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "—": "--", "–": "-", "−": "-", "…": "...",
    "×": "x", "·": "-", "→": "->", "←": "<-", "≤": "<=", "≥": ">=", "≈": "~", "±": "+/-", "«": "<<", "»": ">>",
    "⟨": "<", "⟩": ">", "φ": "phi", "τ": "tau", "ρ": "rho", "λ": "lambda", "δ": "delta", "Σ": "sum", "√": "sqrt",
    "⁺": "+", "⁻": "-", "‑": "-", " ": " ", "é": "e", "á": "a", "í": "i", "ó": "o", "ú": "u", "ñ": "n",
}  # fmt: skip


def replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the ASCII look-alike of each character the stream cannot encode, else "?"."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_ASCII_FALLBACK.get(char, "?") for char in text), error.end


def tolerant(stream: TextIO) -> TextIO:
    """A standard stream that degrades characters its encoding lacks (PYTHONIOENCODING=ascii, cp1252…)."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if reconfigure is not None and encoding not in ("utf8", "utf8sig"):
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="exile-model")
    return stream


class MarkdownSafe:
    """A stream wrapper for Markdown output: names from the model cannot inject HTML (see markdown_document)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from model.render.common import markdown_document

        return self._stream.write(markdown_document(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that ``finally`` blocks (atomic writes) clean up."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Within the block, SIGTERM unwinds the stack like Ctrl-C (temporary files are removed)."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Fitted:
    """A stream wrapper for text output: every write is fitted to the output width (see
    :func:`model.render.terminal.fit`); tables were already laid out for it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from model.render.terminal import fit

        return self._stream.write(fit(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _clock_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _count_text(value: float) -> str:
    for size, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return f"{value:.0f}"


class ProgressBar:
    """A progress line on a terminal's stderr, drawn only once a run has lasted ``delay`` seconds:
    label, bar, done/total, rate and time left, shortened to fit ``width`` (never wider, so a narrow
    pane is not flooded with wrapped lines), redrawn at most every ``interval`` seconds."""

    def __init__(
        self,
        stream: TextIO,
        label: str,
        *,
        delay: float = 1.0,
        interval: float = 0.1,
        width: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from model.render.terminal import terminal_width

        self.stream = stream
        self.label = label
        self.delay = delay
        self.interval = interval
        self.width = width if width is not None else terminal_width(stream)
        self.clock = clock
        self.start = clock()
        self.drawn = False
        self.last = -math.inf

    def line(self, done: int, total: int, now: float) -> str:
        """The progress line for ``done`` of ``total`` at time ``now``, at most ``width - 1`` characters.

        >>> import io
        >>> bar = ProgressBar(io.StringIO(), "smaa", width=60, clock=lambda: 0.0)
        >>> bar.line(1_250_000, 2_000_000, 10.0)
        'smaa [#########.......] 1.2 M/2.0 M  62% 125.0 k/s ETA 0:06'
        >>> ProgressBar(io.StringIO(), "smaa", width=24, clock=lambda: 0.0).line(1, 2, 1.0)
        ' 50% ETA 0:01'
        """
        fraction = min(1.0, done / total) if total else 1.0
        rate = done / max(now - self.start, 1e-9)
        left = (total - done) / rate if rate > 0 else math.inf
        eta = _clock_text(left) if math.isfinite(left) else "--:--"
        percent = f"{100 * fraction:3.0f}%"
        room = self.width - 1
        full = f"{_count_text(done)}/{_count_text(total)} {percent} {_count_text(rate)}/s ETA {eta}"
        for prefix, suffix in ((f"{self.label} ", full), ("", f"{percent} ETA {eta}")):
            space = room - len(prefix) - len(suffix) - 3  # the brackets and a space
            if space >= 10:
                filled = int(space * fraction)
                return f"{prefix}[{'#' * filled}{'.' * (space - filled)}] {suffix}"
        for text in (f"{percent} ETA {eta}", percent):
            if len(text) <= room:
                return text
        return percent[:room]

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.start < self.delay or (now - self.last < self.interval and done < total):
            return
        self.last = now
        text = self.line(done, total, now)
        self.stream.write("\r" + text.ljust(min(self.width - 1, len(text))))
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
