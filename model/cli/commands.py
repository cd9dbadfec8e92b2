"""One function per subcommand: load, call the library, render, write. Nothing here computes.

May import every layer of the engine.
"""

from __future__ import annotations

import argparse
import codecs
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from model.errors import ConfigError, RequestError

if TYPE_CHECKING:
    from model.problem import DecisionProblem
from model.cli.streams import EXIT_INVALID, EXIT_OK, ProgressBar, replace_unencodable

codecs.register_error("exile-model", replace_unencodable)


STDIN = "-"
"""The model path that means standard input (its sources resolve against the working folder)."""


def _stdin_text(args: argparse.Namespace) -> str:
    """The model text from standard input, read with the model-file size limit enforced while reading."""
    from model.read.yamlsafe import MAX_FILE_BYTES

    text: str = args.stdin.read(MAX_FILE_BYTES + 1)
    if len(text.encode("utf-8", "surrogateescape")) > MAX_FILE_BYTES:
        raise RequestError(f"standard input: expected a model of at most {MAX_FILE_BYTES // 2**20} MiB, got more")
    return text


def _read(args: argparse.Namespace, name: str) -> DecisionProblem:
    from model.read.loader import load, loads

    if name == STDIN:
        return loads(_stdin_text(args), name="<stdin>", base_dir=Path.cwd())
    return load(name)


def _load(args: argparse.Namespace, err: TextIO, *, list_warnings: bool = False) -> DecisionProblem:
    """Load the file (``-``: standard input). Its warnings go to stderr: every one when ``list_warnings``
    (``check``), else a count; none with ``--quiet``."""
    problem = _read(args, args.file)
    if getattr(args, "quiet", False):
        return problem
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
    from model.render.evidence import check_summary, check_text, issue_record

    try:
        problem = _load(args, err, list_warnings=args.format != "json")
    except ConfigError as error:
        if args.format != "json":
            raise
        out.write(json_text({"ok": False, "issues": [issue_record(issue) for issue in error.issues]}))
        return EXIT_INVALID
    passages = uncited(problem)
    if args.format == "json":
        out.write(json_text({"ok": True, **check_summary(problem, list_quotes=not args.no_quotes, uncited=passages)}))
    else:
        out.write(check_text(problem, list_quotes=not args.no_quotes, uncited=passages))
    return EXIT_OK


def _pin(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.read.loader import source_pins

    pins = source_pins(text=_stdin_text(args), base_dir=Path.cwd()) if args.file == STDIN else source_pins(args.file)
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
    from model.analysis.smaa import EXTRAS, decision_drivers, smaa
    from model.render.robustness import smaa_json, smaa_text, verdict

    wanted = args.extras.strip().lower()
    extras = EXTRAS if wanted == "all" else () if wanted == "none" else [x.strip() for x in wanted.split(",")]
    problem = _weighted_problem(args, err)
    show = not args.no_progress and not args.quiet and err.isatty()
    bar = ProgressBar(err, "smaa") if show else None
    try:
        result = smaa(
            problem,
            samples=args.samples,
            seed=args.seed,
            weights=args.weights,
            vary_scores=not args.fixed_scores,
            progress=bar,
            extras=extras,
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
    from model.render.html import build_report, write_atomic

    to_stdout = args.output == STDIN
    model_file = Path(args.file) if args.file != STDIN else Path.cwd() / "<stdin>"
    targets = ([] if to_stdout else [(Path(args.output), False)]) + (
        [(Path(args.figures), True)] if args.figures else []
    )
    for target, is_folder in targets:
        problem_with_target = _writable_target(target, folder=is_folder, model_file=model_file)
        if problem_with_target:
            raise RequestError(f"cannot write the report: {problem_with_target}; nothing was written")
    problem = _weighted_problem(args, err)
    bar = ProgressBar(err, "report") if not args.no_progress and not args.quiet and err.isatty() else None
    try:
        report = build_report(problem, samples=args.samples, seed=args.seed, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    try:
        written: list[Path] = []
        if to_stdout:
            out.write(report.html)
        else:
            written.append(write_atomic(args.output, report.html, protect=(model_file,)))
        if args.figures:
            from model.render import figures as plots  # matplotlib: only for the files asked for

            folder = Path(args.figures)
            folder.mkdir(parents=True, exist_ok=True)
            written += [
                plots.save(figure, folder / f"{name}.{args.figure_format}") for name, figure in report.figures.items()
            ]
    except (OSError, ValueError) as error:
        raise RequestError(f"cannot write the report: {error}") from None
    notes = err if to_stdout else out  # with the HTML on stdout, what was written is said on stderr
    if not args.quiet:
        if not to_stdout:
            target = written[0]
            embedded = len(report.figure_names)
            notes.write(f"wrote {target} ({target.stat().st_size:,} bytes, {embedded} figures embedded)\n")
        if args.figures:
            notes.write(f"wrote {len(report.figure_names)} figures to {args.figures}\n")
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
    from model.render.explain import diff_json, diff_text

    if args.old == STDIN and args.new == STDIN:
        raise RequestError("diff: only one of OLD and NEW can be read from standard input")
    old, new = _read(args, args.old), _read(args, args.new)
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
