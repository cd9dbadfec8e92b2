"""The command line's streams and signals: output that degrades on narrow encodings, Markdown that
cannot inject HTML, SIGTERM that unwinds like Ctrl-C (so atomic writes clean up), and the
progress bar.

May import the standard library and :mod:`model.render.common`.
"""

from __future__ import annotations

import contextlib
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


class ProgressBar:
    """A progress bar on a terminal's stderr that appears only once a run has lasted ``delay`` seconds."""

    def __init__(
        self, stream: TextIO, label: str, *, delay: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.label = label
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if self.clock() - self.start < self.delay:
            return
        fraction = done / total if total else 1.0
        filled = int(30 * fraction)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {100 * fraction:5.1f}%")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
