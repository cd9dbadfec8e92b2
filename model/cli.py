"""The ``exile-model`` command line: a thin layer that parses, calls the library, prints.

Exit codes: 0 success; 2 invalid input or usage (one message per problem, on stderr);
3 an internal error (a bug: the message names the engine version).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import TextIO

from model.errors import ConfigError, ModelError, RequestError
from model.methods import METHODS
from model.version import __version__

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INTERNAL = 3

FORMATS = ("table", "markdown", "csv", "json")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as exit code 2 without leaving ``main``."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}\n  hint: try '{self.prog} --help'")


class _UsageError(Exception):
    pass


def _weight(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    try:
        if not sep or not name.strip():
            raise ValueError
        return name.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected CRITERION=VALUE (e.g. extradition_risk=40), got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="exile-model",
        description="Evidence-backed multi-criteria decisions: verified quotes, transparent rankings, what-ifs.",
    )
    parser.add_argument("--version", action="version", version=f"exile-model {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("check", help="validate a model and verify every quote against its source")
    check.add_argument("file", help="the model (criteria.yaml)")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--no-quotes", action="store_true", help="do not list each verified quote")

    rank = commands.add_parser("rank", help="rank the alternatives, with weights and contributions")
    rank.add_argument("file", help="the model (criteria.yaml)")
    rank.add_argument("--scenario", help="apply a named scenario's weights")
    rank.add_argument(
        "--weight",
        action="append",
        type=_weight,
        default=[],
        metavar="CRITERION=VALUE",
        help="what-if: set one criterion's weight (same units as the file's weights); repeatable",
    )
    rank.add_argument("--method", choices=tuple(METHODS), help="aggregation method (default: the file's)")
    rank.add_argument("--format", choices=FORMATS, default="table")

    evidence = commands.add_parser("evidence", help="show each cell's value, confidence, rationale and quotes")
    evidence.add_argument("file", help="the model (criteria.yaml)")
    evidence.add_argument("--alternative", help="only this alternative")
    evidence.add_argument("--criterion", help="only this criterion")
    evidence.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    return parser


def _check(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from model.loader import load
    from model.report import check_summary, check_text

    problem = load(args.file)
    if args.format == "json":
        out.write(
            json.dumps(check_summary(problem, list_quotes=not args.no_quotes), indent=2, ensure_ascii=False) + "\n"
        )
    else:
        out.write(check_text(problem, list_quotes=not args.no_quotes))
    return EXIT_OK


def _rank(args: argparse.Namespace, out: TextIO) -> int:
    from model.loader import load
    from model.ranking import evaluate
    from model.report import render_ranking

    problem = load(args.file)
    if args.scenario:
        problem = problem.with_scenario(args.scenario)
    if args.weight:
        names = [name for name, _ in args.weight]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise RequestError(f"--weight: expected each criterion once, got {', '.join(repeated)} more than once")
        problem = problem.with_weights(dict(args.weight))
    out.write(render_ranking(evaluate(problem, args.method), args.format))
    return EXIT_OK


def _evidence(args: argparse.Namespace, out: TextIO) -> int:
    from model.loader import load
    from model.report import render_evidence

    problem = load(args.file)
    if args.alternative:
        problem.alternative(args.alternative)
    if args.criterion:
        problem.criterion(args.criterion)
    cells = [
        score
        for score in problem.cells()
        if (args.alternative in (None, score.alternative)) and (args.criterion in (None, score.criterion))
    ]
    out.write(render_evidence(problem, cells, args.format))
    return EXIT_OK


COMMANDS = {"check": _check, "rank": _rank, "evidence": _evidence}


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit code (never raises, never calls ``sys.exit``)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out):  # --help and --version print through argparse
            args = parser.parse_args(argv)
        return COMMANDS[args.command](args, out)
    except _UsageError as error:
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
        err.write(f"exile-model: {error}\n")
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
