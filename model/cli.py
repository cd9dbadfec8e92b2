"""The ``exile-model`` command line: a thin layer that parses, calls the library, prints.

Exit codes: 0 success; 2 invalid input or usage (one message per problem, on stderr);
3 an internal error (a bug: the message names the engine version).

May import every layer; nothing imports it.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from model.errors import ConfigError, ModelError, RequestError, visible
from model.methods import METHODS
from model.version import __version__

if TYPE_CHECKING:
    from model.problem import DecisionProblem

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INTERNAL = 3
EXIT_TERMINATED = 143  # 128 + SIGTERM, as shells report it

MAX_SAMPLES = 100_000_000
"""Most Monte Carlo draws a command accepts: 10^8 (standard errors below 5e-5; beyond, more draws buy nothing)."""

# What a terminal that cannot show a character sees instead: the nearest ASCII, else "?".
_ASCII_FALLBACK = {
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "—": "--", "–": "-", "−": "-", "…": "...",
    "×": "x", "·": "-", "→": "->", "←": "<-", "≤": "<=", "≥": ">=", "≈": "~", "±": "+/-", "«": "<<", "»": ">>",
    "⟨": "<", "⟩": ">", "φ": "phi", "τ": "tau", "ρ": "rho", "λ": "lambda", "δ": "delta", "Σ": "sum", "√": "sqrt",
    "⁺": "+", "⁻": "-", "‑": "-", " ": " ", "é": "e", "á": "a", "í": "i", "ó": "o", "ú": "u", "ñ": "n",
}  # fmt: skip


def _replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the ASCII look-alike of each character the stream cannot encode, else "?"."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_ASCII_FALLBACK.get(char, "?") for char in text), error.end


codecs.register_error("exile-model", _replace_unencodable)


def _tolerant(stream: TextIO) -> TextIO:
    """A standard stream that degrades characters its encoding lacks (PYTHONIOENCODING=ascii, cp1252…)."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if reconfigure is not None and encoding not in ("utf8", "utf8sig"):
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="exile-model")
    return stream


class _MarkdownSafe:
    """A stream wrapper for Markdown output: names from the model cannot inject HTML (see markdown_document)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from model.render.common import markdown_document

        return self._stream.write(markdown_document(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that ``finally`` blocks (atomic writes) clean up."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
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
    check.add_argument("file", help="the model (criteria.yaml)")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--no-quotes", action="store_true", help="do not list each verified quote")

    pin = commands.add_parser("pin", help="print each source's sha256, to paste as its pin (never edits the file)")
    pin.add_argument("file", help="the model (criteria.yaml)")

    uncited = commands.add_parser("uncited", help="passages that name an alternative and that no quote cites")
    uncited.add_argument("file", help="the model (criteria.yaml)")
    uncited.add_argument("--alternative", help="only this alternative")
    uncited.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    rank = commands.add_parser("rank", help="rank the alternatives, with weights and contributions")
    rank.add_argument("file", help="the model (criteria.yaml)")
    _add_weights_options(rank)
    rank.add_argument("--method", choices=tuple(METHODS), help="aggregation method (default: the file's)")
    rank.add_argument("--format", choices=FORMATS, default="table")

    evidence = commands.add_parser("evidence", help="show each cell's value, confidence, rationale and quotes")
    evidence.add_argument("file", help="the model (criteria.yaml)")
    evidence.add_argument("--alternative", help="only this alternative")
    evidence.add_argument("--criterion", help="only this criterion")
    evidence.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    sensitivity = commands.add_parser(
        "sensitivity", help="exact weight and score sensitivity: stability intervals, crossovers, tornado"
    )
    sensitivity.add_argument("file", help="the model (criteria.yaml)")
    _add_weights_options(sensitivity)
    sensitivity.add_argument(
        "--weight-range", type=_fraction, default=0.5, metavar="R", help="tornado: swing each weight by ±R of itself"
    )
    sensitivity.add_argument("--top", type=_positive_int, default=12, help="rows shown in the long tables")
    sensitivity.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    smaa = commands.add_parser("smaa", help="Monte Carlo acceptability (SMAA-2) under uncertain weights and scores")
    smaa.add_argument("file", help="the model (criteria.yaml)")
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
    smaa.add_argument("--no-drivers", action="store_true", help="skip 'what would change the decision'")
    smaa.add_argument("--no-progress", action="store_true", help="never draw a progress bar")
    smaa.add_argument("--top", type=_positive_int, default=10, help="rows shown in the drivers table")
    smaa.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    weights = commands.add_parser(
        "weights", help="the weights each elicitation gives (AHP, rank order, swing, analysts) and their consistency"
    )
    weights.add_argument("file", help="the model (criteria.yaml)")
    weights.add_argument("--format", choices=("table", "json"), default="table")

    compare = commands.add_parser(
        "compare-methods", help="every aggregation method's ranking side by side, with rank correlations"
    )
    compare.add_argument("file", help="the model (criteria.yaml)")
    _add_weights_options(compare)
    compare.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    report = commands.add_parser("report", help="one self-contained HTML report with figures (no network needed)")
    report.add_argument("file", help="the model (criteria.yaml)")
    _add_weights_options(report)
    report.add_argument("-o", "--output", default="report.html", help="the HTML file to write (default report.html)")
    report.add_argument("--samples", type=_samples, default=10_000, help="SMAA draws (default 10000, at most 10^8)")
    report.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    report.add_argument("--figures", metavar="DIR", help="also write every figure to DIR")
    report.add_argument("--figure-format", choices=("png", "svg"), default="png", help="format of --figures")
    report.add_argument("--no-progress", action="store_true", help="never draw a progress bar")

    explain = commands.add_parser("explain", help="why an alternative ranks where it does, and what would change it")
    explain.add_argument("file", help="the model (criteria.yaml)")
    explain.add_argument("alternative", nargs="?", help="the alternative (default: the winner)")
    _add_weights_options(explain)
    explain.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    compare = commands.add_parser("compare", help="scenarios side by side, each rank change attributed to weights")
    compare.add_argument("file", help="the model (criteria.yaml)")
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
    return parser


def _load(args: argparse.Namespace, err: TextIO, *, list_warnings: bool = False) -> DecisionProblem:
    """Load the file. Its warnings go to stderr: every one when ``list_warnings`` (``check``), else a count."""
    from model.read.loader import load

    problem = load(args.file)
    if list_warnings:
        for warning in problem.warnings:
            err.write(f"warning: {warning}\n")
    elif problem.warnings:
        count = len(problem.warnings)
        err.write(
            f"exile-model: {args.file} has {count} warning{'s' if count != 1 else ''}; "
            f"`exile-model check {args.file}` lists them\n"
        )
    return problem


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.uncited import uncited
    from model.render.common import json_text
    from model.render.evidence import check_summary, check_text

    problem = _load(args, err, list_warnings=True)
    passages = uncited(problem)
    if args.format == "json":
        out.write(json_text(check_summary(problem, list_quotes=not args.no_quotes, uncited=passages)))
    else:
        out.write(check_text(problem, list_quotes=not args.no_quotes, uncited=passages))
    return EXIT_OK


def _pin(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.read.loader import source_pins

    pins = source_pins(args.file)
    out.write(f"# sha256 of each source of {args.file}, as read now: paste each line under its source\n")
    out.write("sources:\n")
    for source_id, (digest, pinned) in pins.items():
        note = "" if pinned is None else ("  # pinned: matches" if pinned == digest else "  # pinned: DIFFERS")
        out.write(f"  {source_id}:\n    sha256: {digest}{note}\n")
    return EXIT_OK


def _uncited(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.uncited import uncited
    from model.render.evidence import render_uncited

    problem = _load(args, err)
    out.write(render_uncited(problem, uncited(problem, args.alternative), args.format))
    return EXIT_OK


def _weighted_problem(args: argparse.Namespace, err: TextIO) -> DecisionProblem:
    """Load the file, then apply --scenario and --weight, in that order."""
    problem = _load(args, err)
    if getattr(args, "unknowns", None):
        problem = problem.with_unknowns(args.unknowns)
    if args.scenario:
        problem = problem.with_scenario(args.scenario)
    if args.weight:
        names = [name for name, _ in args.weight]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise RequestError(f"--weight: expected each criterion once, got {', '.join(repeated)} more than once")
        problem = problem.with_weights(dict(args.weight))
    return problem


def _rank(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.ranking import evaluate
    from model.render.ranking import render_ranking

    problem = _weighted_problem(args, err)
    ranking = evaluate(problem, args.method)
    ranges = None
    if ranking.method == "weighted_sum":
        from model.analysis.rank_ranges import rank_ranges

        ranges = rank_ranges(problem)
    out.write(render_ranking(ranking, args.format, ranges))
    return EXIT_OK


def _sensitivity(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.sensitivity import analyse
    from model.render.robustness import sensitivity_json, sensitivity_text

    problem = _weighted_problem(args, err)
    report = analyse(problem, weight_range=args.weight_range)
    if args.format == "json":
        out.write(sensitivity_json(report, problem))
    else:
        out.write(sensitivity_text(report, problem, markdown=args.format == "markdown", top=args.top))
    return EXIT_OK


def _smaa(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.sensitivity import stability_intervals
    from model.analysis.smaa import decision_drivers, smaa
    from model.render.robustness import smaa_json, smaa_text, verdict

    problem = _weighted_problem(args, err)
    show = not args.no_progress and err.isatty()
    bar = ProgressBar(err, "smaa") if show else None
    try:
        result = smaa(
            problem,
            samples=args.samples,
            seed=args.seed,
            weights=args.weights,
            vary_scores=not args.fixed_scores,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
    drivers = None
    if not args.no_drivers and not args.fixed_scores:
        bar = ProgressBar(err, "what would change the decision") if show else None
        try:
            drivers = decision_drivers(
                problem, samples=args.drivers_samples, seed=args.seed, weights=args.weights, progress=bar
            )
        finally:
            if bar is not None:
                bar.close()
    text = verdict(problem, result, stability_intervals(problem), drivers)
    if args.format == "json":
        out.write(smaa_json(result, problem, drivers=drivers, verdict_text=text))
    else:
        out.write(
            smaa_text(
                result, problem, drivers=drivers, verdict_text=text, markdown=args.format == "markdown", top=args.top
            )
        )
    return EXIT_OK


def _evidence(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.render.evidence import render_evidence

    problem = _load(args, err)
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


def _weights(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.render.methods import weights_json, weights_text
    from model.weighting.elicitation import elicit, group

    problem = _load(args, err)
    ids = problem.criterion_ids
    weighting = elicit(problem.weighting, ids) if problem.weighting is not None else None
    together = group(problem.analysts, ids) if problem.analysts else None
    if args.format == "json":
        out.write(weights_json(problem, weighting, together))
    else:
        out.write(weights_text(problem, weighting, together))
    return EXIT_OK


def _compare_methods(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.method_comparison import compare_methods
    from model.render.methods import comparison_json, comparison_text

    problem = _weighted_problem(args, err)
    comparison = compare_methods(problem)
    if args.format == "json":
        out.write(comparison_json(comparison, problem))
    else:
        out.write(comparison_text(comparison, problem, markdown=args.format == "markdown"))
    return EXIT_OK


def _writable_target(path: Path, *, folder: bool, model_file: Path) -> str | None:
    """Why ``path`` cannot be written (as a file, or as a folder of files), or None: checked before
    anything is computed or written, so a bad target never leaves half the outputs behind."""
    import os

    if path.exists():
        if folder and not path.is_dir():
            return f"{path} exists and is not a folder"
        if not folder and path.is_dir():
            return f"{path} is a folder"
    if not folder and (path.suffix.lower() in (".yaml", ".yml") or (path.exists() and path.samefile(model_file))):
        return f"refusing to overwrite {path}: it is (or looks like) the input model"
    ancestor = path if folder and path.is_dir() else path.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        return f"{ancestor} is not a folder"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return f"{ancestor} is not writable"
    return None


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.render import figures as plots
    from model.render.html import build_report, write_atomic

    targets = [(Path(args.output), False)] + ([(Path(args.figures), True)] if args.figures else [])
    for target, is_folder in targets:
        problem_with_target = _writable_target(target, folder=is_folder, model_file=Path(args.file))
        if problem_with_target:
            raise RequestError(f"cannot write the report: {problem_with_target}; nothing was written")
    problem = _weighted_problem(args, err)
    bar = ProgressBar(err, "report") if not args.no_progress and err.isatty() else None
    try:
        report = build_report(problem, samples=args.samples, seed=args.seed, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    try:
        target = write_atomic(args.output, report.html, protect=(Path(args.file),))
        written = [target]
        if args.figures:
            folder = Path(args.figures)
            folder.mkdir(parents=True, exist_ok=True)
            written += [
                plots.save(figure, folder / f"{name}.{args.figure_format}") for name, figure in report.figures.items()
            ]
    except (OSError, ValueError) as error:
        raise RequestError(f"cannot write the report: {error}") from None
    out.write(f"wrote {target} ({target.stat().st_size:,} bytes, {len(report.figures)} figures embedded)\n")
    if args.figures:
        out.write(f"wrote {len(written) - 1} figures to {args.figures}\n")
    return EXIT_OK


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.explain import explain
    from model.render.explain import explain_json, explain_text

    problem = _weighted_problem(args, err)
    explanation = explain(problem, args.alternative)
    if args.format == "json":
        out.write(explain_json(explanation, problem))
    else:
        out.write(explain_text(explanation, problem, markdown=args.format == "markdown"))
    return EXIT_OK


def _compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.explain import compare_scenarios
    from model.render.explain import compare_json, compare_text

    problem = _load(args, err)
    comparison = compare_scenarios(problem, args.scenarios or None)
    if args.format == "json":
        out.write(compare_json(comparison, problem))
    else:
        out.write(compare_text(comparison, problem, markdown=args.format == "markdown"))
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.analysis.explain import diff
    from model.read.loader import load
    from model.render.explain import diff_json, diff_text

    old, new = load(args.old), load(args.new)
    changes = diff(old, new)
    if args.format == "json":
        out.write(diff_json(changes, old, new))
    else:
        out.write(diff_text(changes, old, new, markdown=args.format == "markdown"))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "explain": _explain,
    "compare": _compare,
    "diff": _diff,
    "report": _report,
    "check": _check,
    "pin": _pin,
    "uncited": _uncited,
    "rank": _rank,
    "evidence": _evidence,
    "sensitivity": _sensitivity,
    "smaa": _smaa,
    "weights": _weights,
    "compare-methods": _compare_methods,
}


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit code (never raises, never calls ``sys.exit``)."""
    out = _tolerant(out or sys.stdout)
    err = _tolerant(err or sys.stderr)
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out):  # --help and --version print through argparse
            args = parser.parse_args(argv)
        with _terminate_cleanly():
            target = cast(TextIO, _MarkdownSafe(out)) if getattr(args, "format", None) == "markdown" else out
            return COMMANDS[args.command](args, target, err)
    except _Terminated:
        err.write("exile-model: terminated\n")
        return EXIT_TERMINATED
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
