"""The command line's grammar: every subcommand, its options and their types (whole numbers within
bounds, CRITERION=VALUE weights, fractions), and usage errors that name what was expected.

May import the standard library, :mod:`model.errors` and :mod:`model.methods` (the method names).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from model.errors import did_you_mean
from model.methods import METHODS
from model.version import __version__

MAX_SAMPLES = 100_000_000
"""Most Monte Carlo draws a command accepts: 10^8 (standard errors below 5e-5; beyond, more draws buy nothing)."""


FORMATS = ("table", "markdown", "csv", "json")

MODEL_HELP = (
    "the model (criteria.yaml), or - to read it from standard input (sources then resolve against the working folder)"
)


_INVALID_CHOICE = re.compile(
    r"argument (?P<what>[^:]+): invalid choice: '(?P<got>[^']*)' \(choose from (?P<choices>.*)\)"
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as exit code 2 without leaving ``main``, with a "did you
    mean" for a mistyped command, method or other choice."""

    def error(self, message: str) -> None:  # type: ignore[override]
        found = _INVALID_CHOICE.match(message)
        if found:
            choices = re.findall(r"'([^']*)'", found["choices"])
            what = "command" if found["what"] in ("COMMAND", "command") else found["what"]
            hint = did_you_mean(found["got"], choices)
            listing = ", ".join(choices)
            text = f"{self.prog}: unknown {what} {found['got']!r}; expected one of: {listing}"
            raise UsageError(text + (f"\n  hint: {hint}" if hint else f"\n  hint: try '{self.prog} --help'"))
        raise UsageError(f"{self.prog}: {message}\n  hint: try '{self.prog} --help'")


class UsageError(Exception):
    pass


def _weight(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    try:
        if not sep or not name.strip():
            raise ValueError
        return name.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected CRITERION=VALUE (e.g. extradition_risk=40), got {text!r}") from None


def _whole_number(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number >= ``minimum`` (and <= ``maximum``)."""

    def parse(text: str) -> int:
        try:
            value = int(text.replace("_", "")) if len(text) <= 40 else minimum - 1
        except ValueError:
            value = minimum - 1
        if value < minimum or (maximum is not None and value > maximum):
            bound = f"in [{minimum:,}, {maximum:,}]" if maximum is not None else f">= {minimum}"
            raise argparse.ArgumentTypeError(f"expected a whole number {bound}, got {text!r}")
        return value

    return parse


_positive_int = _whole_number(1)


_samples = _whole_number(1, MAX_SAMPLES)


_seed = _whole_number(0, 2**63 - 1)


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a fraction in [0, 1], got {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"expected a fraction in [0, 1], got {text!r}")
    return value


def _add_weights_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", help="apply a named scenario's weights")
    parser.add_argument(
        "--unknowns",
        choices=("midpoint", "pessimistic"),
        help="how unknown cells enter the ranking: the scale's midpoint or its worst end (default: the file's)",
    )
    parser.add_argument(
        "--weight",
        action="append",
        type=_weight,
        default=[],
        metavar="CRITERION=VALUE",
        help="what-if: set one criterion's weight (same units as the file's weights); repeatable",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="exile-model",
        description="Evidence-backed multi-criteria decisions: verified quotes, transparent rankings, what-ifs.",
    )
    parser.add_argument("--version", action="version", version=f"exile-model {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("check", help="validate a model and verify every quote against its source")
    check.add_argument("file", help=MODEL_HELP)
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--no-quotes", action="store_true", help="do not list each verified quote")

    pin = commands.add_parser("pin", help="print each source's sha256, to paste as its pin (never edits the file)")
    pin.add_argument("file", help=MODEL_HELP)

    uncited = commands.add_parser("uncited", help="passages that name an alternative and that no quote cites")
    uncited.add_argument("file", help=MODEL_HELP)
    uncited.add_argument("--alternative", help="only this alternative")
    uncited.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    rank = commands.add_parser("rank", help="rank the alternatives, with weights and contributions")
    rank.add_argument("file", help=MODEL_HELP)
    _add_weights_options(rank)
    rank.add_argument("--method", choices=tuple(METHODS), help="aggregation method (default: the file's)")
    rank.add_argument("--format", choices=FORMATS, default="table")

    evidence = commands.add_parser("evidence", help="show each cell's value, confidence, rationale and quotes")
    evidence.add_argument("file", help=MODEL_HELP)
    evidence.add_argument("--alternative", help="only this alternative")
    evidence.add_argument("--criterion", help="only this criterion")
    evidence.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    sensitivity = commands.add_parser(
        "sensitivity", help="exact weight and score sensitivity: stability intervals, crossovers, tornado"
    )
    sensitivity.add_argument("file", help=MODEL_HELP)
    _add_weights_options(sensitivity)
    sensitivity.add_argument(
        "--weight-range", type=_fraction, default=0.5, metavar="R", help="tornado: swing each weight by ±R of itself"
    )
    sensitivity.add_argument("--top", type=_positive_int, default=12, help="rows shown in the long tables")
    sensitivity.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    smaa = commands.add_parser("smaa", help="Monte Carlo acceptability (SMAA-2) under uncertain weights and scores")
    smaa.add_argument("file", help=MODEL_HELP)
    _add_weights_options(smaa)
    smaa.add_argument(
        "--samples", type=_samples, default=100_000, help="Monte Carlo draws (default 100000, at most 10^8)"
    )
    smaa.add_argument("--seed", type=_seed, default=0, help="random seed (default 0); same seed, same result")
    smaa.add_argument(
        "--weights",
        choices=("uniform", "ordinal", "around"),
        default="uniform",
        help="uniform on the simplex; consistent with uncertainty.weight_order; or within "
        "uncertainty.weight_spread of the file's weights",
    )
    smaa.add_argument("--fixed-scores", action="store_true", help="keep every score at its ranking value")
    smaa.add_argument(
        "--drivers-samples",
        type=_samples,
        default=20_000,
        help="draws for 'what would change the decision' (default 20000)",
    )
    smaa.add_argument(
        "--extras",
        default="all",
        metavar="LIST",
        help="what to compute besides the acceptabilities: all (default), none, or a comma-separated "
        "list of central_weights, pairwise, confidence; fewer is faster, the acceptabilities stay the same",
    )
    smaa.add_argument("--no-drivers", action="store_true", help="skip 'what would change the decision'")
    smaa.add_argument("--no-progress", action="store_true", help="never draw a progress bar")
    smaa.add_argument("--top", type=_positive_int, default=10, help="rows shown in the drivers table")
    smaa.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    weights = commands.add_parser(
        "weights", help="the weights each elicitation gives (AHP, rank order, swing, analysts) and their consistency"
    )
    weights.add_argument("file", help=MODEL_HELP)
    weights.add_argument("--format", choices=("table", "json"), default="table")

    compare = commands.add_parser(
        "compare-methods", help="every aggregation method's ranking side by side, with rank correlations"
    )
    compare.add_argument("file", help=MODEL_HELP)
    _add_weights_options(compare)
    compare.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    report = commands.add_parser("report", help="one self-contained HTML report with figures (no network needed)")
    report.add_argument("file", help=MODEL_HELP)
    _add_weights_options(report)
    report.add_argument(
        "-o",
        "--output",
        default="report.html",
        help="the HTML file to write (default report.html), or - for standard output",
    )
    report.add_argument("--samples", type=_samples, default=10_000, help="SMAA draws (default 10000, at most 10^8)")
    report.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    report.add_argument("--figures", metavar="DIR", help="also write every figure to DIR")
    report.add_argument("--figure-format", choices=("png", "svg"), default="png", help="format of --figures")
    report.add_argument("--no-progress", action="store_true", help="never draw a progress bar")

    explain = commands.add_parser("explain", help="why an alternative ranks where it does, and what would change it")
    explain.add_argument("file", help=MODEL_HELP)
    explain.add_argument("alternative", nargs="?", help="the alternative (default: the winner)")
    _add_weights_options(explain)
    explain.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    compare = commands.add_parser("compare", help="scenarios side by side, each rank change attributed to weights")
    compare.add_argument("file", help=MODEL_HELP)
    compare.add_argument(
        "--scenario",
        action="append",
        default=[],
        dest="scenarios",
        metavar="NAME",
        help="a scenario to compare (repeatable; default: every scenario of the file); 'base' is the file's weights",
    )
    compare.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    diff = commands.add_parser("diff", help="what changed between two versions of a model, and how the ranking moved")
    diff.add_argument("old", help="the earlier version")
    diff.add_argument("new", help="the later version")
    diff.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    for subcommand in commands.choices.values():
        subcommand.add_argument(
            "-q", "--quiet", action="store_true", help="print only the result: no warnings count, progress or notes"
        )
    return parser
