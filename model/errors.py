"""Errors that carry their location in the input, so an analyst can go straight to the line.

Every problem with an input file becomes an :class:`Issue`; the loader collects all
issues of a file before raising one :class:`ConfigError`, so a single run lists them all.

Imports nothing from the engine: every layer may import it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

KeyPath = tuple[str | int, ...]


_INVISIBLE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str, *, keep_newlines: bool = True) -> str:
    r"""Text safe to print on a terminal: control characters and bidirectional overrides shown as escapes.

    A name from a hostile file can hold ESC or BEL; printed raw it would rewrite the terminal.

    >>> visible("AL\x1b[31mPHA\a")
    'AL\\x1b[31mPHA\\x07'
    """
    out = []
    for char in text:
        if (char == "\n" and keep_newlines) or (char not in _INVISIBLE and (char.isprintable() or char in "\t")):
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


def format_path(path: KeyPath) -> str:
    """Render a key path the way it reads in YAML: ``scores.Turkey.evidence[0].quote``.

    >>> format_path(("scores", "Turkey", "evidence", 0, "quote"))
    'scores.Turkey.evidence[0].quote'
    >>> format_path(())
    '(top level)'
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = visible(str(part), keep_newlines=False)
            text += f".{name}" if text else name
    return text or "(top level)"


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean" hint for a misspelt name, or None when nothing is close.

    >>> did_you_mean("extradition_risc", ["extradition_risk", "financial_networks"])
    "did you mean 'extradition_risk'?"
    """
    pool = list(candidates)
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f"did you mean {close[0]!r}?" if close else None


def one_of(candidates: Sequence[str]) -> str:
    """A readable list of valid choices for an error message.

    >>> one_of(["benefit", "cost"])
    "one of 'benefit', 'cost'"
    """
    return "one of " + ", ".join(repr(c) for c in candidates)


@dataclass(frozen=True)
class Issue:
    """One problem found in an input file, with where it is and how to fix it."""

    file: str
    line: int | None
    column: int | None
    path: KeyPath
    message: str
    hint: str | None = None
    code: str | None = None  # the evidence rule a warning comes from (see docs/schema.md), if any

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{visible(where)}: {format_path(self.path)}: {visible(self.message, keep_newlines=False)}"
        if self.hint:
            text += "\n    hint: " + visible(self.hint).replace("\n", "\n          ")
        return text


class ModelError(ValueError):
    """Base class of every error the engine raises on purpose (bad input, bad request)."""


class ConfigError(ModelError):
    """An input file is invalid; ``issues`` lists every problem found in one pass."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        count = len(self.issues)
        summary = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(summary + ":\n" + "\n".join(str(issue) for issue in self.issues))


class RequestError(ModelError):
    """A request made of a valid problem cannot be honoured (unknown name, negative weight)."""
