"""Load a decision model: read the YAML safely, validate it, verify every quote.

The result is either a complete :class:`~model.problem.DecisionProblem` or a
:class:`~model.errors.ConfigError` that lists every problem of the file, in line order.
The input file is only ever read.

May import the core, :mod:`model.methods` and the other modules of :mod:`model.read`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from pathlib import Path

from model.errors import ConfigError, Issue, RequestError, did_you_mean
from model.problem import DecisionProblem, Evidence, Score, Source
from model.read.quotes import Found, SourceText, find_quote, read_source
from model.read.schema import Draft, parse_problem
from model.read.yamlsafe import Document, parse_yaml, read_yaml


def load(path: str | Path, *, verify_evidence: bool = True) -> DecisionProblem:
    """Load and validate a model file; verify every quote against its source document.

    Source ``file:`` paths are relative to the YAML file. Raises
    :class:`~model.errors.ConfigError` listing every problem found.

    >>> import model
    >>> problem = model.load("criteria.yaml")  # doctest: +SKIP
    """
    file = Path(path)
    doc, raw = read_yaml(file)
    return _build(doc, raw, file, file.parent, verify_evidence)


def loads(
    text: str, *, name: str = "<string>", base_dir: str | Path = ".", verify_evidence: bool = True
) -> DecisionProblem:
    """Load a model from YAML text (source paths relative to ``base_dir``).

    >>> import model
    >>> model.loads(model.demo.DEMO_YAML).title
    'Where to retire'
    """
    doc = parse_yaml(text, name)
    return _build(doc, text.encode("utf-8"), None, Path(base_dir), verify_evidence)


def _build(doc: Document, raw: bytes, path: Path | None, base_dir: Path, verify: bool) -> DecisionProblem:
    draft, issues = parse_problem(doc)
    if verify:
        texts = _read_sources(doc, draft.sources, base_dir, issues)
        _verify_quotes(doc, draft, texts, issues)
    if issues:
        raise ConfigError(sorted(issues, key=lambda issue: (issue.line or 0, issue.column or 0)))
    problem = DecisionProblem(
        title=draft.title,
        question=draft.question,
        as_of=draft.as_of,
        criteria=tuple(draft.criteria),
        alternatives=tuple(draft.alternatives),
        scores=draft.scores,
        sources=draft.sources,
        scenarios=draft.scenarios,
        uncertainty=draft.uncertainty,
        method_options=draft.method_options,
        weighting=draft.weighting,
        analysts=draft.analysts,
        warnings=tuple(draft.warnings),
        weight_source=draft.weight_source,
        method=draft.method,
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    _try_methods(doc, problem)
    return problem


def _try_methods(doc: Document, problem: DecisionProblem) -> None:
    """Rank once with the file's method and with every method it sets options for, so that an option
    the kernel refuses (VIKOR's v = 2, say) is reported at its line now, not at the first ranking."""
    from model.ranking import evaluate

    issues = []
    for name in dict.fromkeys([problem.method, *problem.method_options]):
        try:
            evaluate(problem, name)
        except RequestError as error:
            where = ("method_options", name) if name in problem.method_options else ("method",)
            issues.append(doc.issue(where, str(error)))
    if issues:
        raise ConfigError(issues)


def _read_sources(
    doc: Document, sources: dict[str, Source], base_dir: Path, issues: list[Issue]
) -> dict[str, SourceText]:
    texts: dict[str, SourceText] = {}
    for source_id, source in list(sources.items()):
        where = ("sources", source_id, "file")
        full = source.file if source.file.is_absolute() else base_dir / source.file
        if not full.is_file():
            nearby = [p.name for p in full.parent.iterdir()] if full.parent.is_dir() else []
            hint = did_you_mean(full.name, nearby)
            hint = (
                f"{hint} (in {full.parent})" if hint else f"paths are relative to the YAML file's folder ({base_dir})"
            )
            issues.append(
                doc.issue(where, f"expected an existing document, got {str(source.file)!r} (no such file)", hint)
            )
            continue
        try:
            text = read_source(full)
        except UnicodeDecodeError:
            issues.append(
                doc.issue(
                    where,
                    f"expected a UTF-8 text document, got {str(source.file)!r} that is not UTF-8",
                    "save the document as UTF-8 text",
                )
            )
            continue
        except (OSError, ValueError) as error:
            issues.append(doc.issue(where, f"expected a readable text document, got {str(source.file)!r}: {error}"))
            continue
        texts[source_id] = text
        sources[source_id] = dataclasses.replace(source, file=full, sha256=text.sha256)
    return texts


def _verify_quotes(doc: Document, draft: Draft, texts: Mapping[str, SourceText], issues: list[Issue]) -> None:
    for key, score in list(draft.scores.items()):
        verified: list[Evidence] = []
        for index, item in enumerate(score.evidence):
            text = texts.get(item.source)
            if text is None:
                verified.append(item)  # the source itself is broken; already reported
                continue
            result = find_quote(text, item.quote)
            if isinstance(result, Found):
                verified.append(dataclasses.replace(item, line=result.line, end_line=result.end_line))
                continue
            where = ("scores", score.alternative, score.criterion, "evidence", index, "quote")
            issues.append(
                doc.issue(
                    where,
                    f"expected a passage of source {item.source!r} ({draft.sources[item.source].file}), "
                    f"got a quote that is not in it: {result.reason}",
                    result.hint(),
                )
            )
        draft.scores[key] = Score(**{**score.__dict__, "evidence": tuple(verified)})
