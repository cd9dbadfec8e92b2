"""``main(argv) -> int``: parse, dispatch, map errors to exit codes (2 for bad input or usage, 3 for
a bug, 143 for SIGTERM), never raise and never call ``sys.exit``; and the console entry point.

May import the other modules of this package and :mod:`model.errors`.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import TextIO, cast

from model.cli.commands import COMMANDS
from model.cli.options import UsageError, build_parser
from model.cli.streams import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_TERMINATED,
    Fitted,
    MarkdownSafe,
    Terminated,
    terminate_cleanly,
    tolerant,
)
from model.errors import ConfigError, ModelError, RequestError, visible
from model.render.terminal import terminal_width, using_width
from model.version import __version__


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; return the exit code (never raises, never calls ``sys.exit``).

    ``out``, ``err`` and ``stdin`` default to the process's streams (a model path of ``-`` reads ``stdin``).
    """
    out = tolerant(out or sys.stdout)
    err = tolerant(err or sys.stderr)
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out):  # --help and --version print through argparse
            args = parser.parse_args(argv)
        args.stdin = stdin or sys.stdin
        fmt = getattr(args, "format", None)
        width = terminal_width(out) if fmt in (None, "table") else None
        with terminate_cleanly(), using_width(width):
            if fmt == "markdown":
                target = cast(TextIO, MarkdownSafe(out))
            elif width is not None and not (args.command == "report" and args.output == "-"):
                target = cast(TextIO, Fitted(out))
            else:
                target = out
            return COMMANDS[args.command](args, target, err)
    except Terminated:
        err.write("exile-model: terminated\n")
        return EXIT_TERMINATED
    except UsageError as error:
        err.write(f"{error}\n")
        return EXIT_INVALID
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    except ConfigError as error:
        for issue in error.issues:
            err.write(f"{issue}\n")
        count = len(error.issues)
        err.write(f"{count} problem{'s' if count != 1 else ''} found; nothing was computed.\n")
        return EXIT_INVALID
    except (RequestError, ModelError) as error:
        err.write(f"exile-model: {visible(str(error))}\n")
        return EXIT_INVALID
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        err.write("exile-model: interrupted\n")
        return 130
    except Exception as error:  # a bug: say so plainly, with what is needed to report it
        err.write(
            f"exile-model {__version__}: internal error: {type(error).__name__}: {error}\n"
            "  this is a bug in the engine, not in your file; please report it with the command you ran\n"
        )
        return EXIT_INTERNAL


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
