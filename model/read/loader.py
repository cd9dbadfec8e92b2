"""Load a decision model: read the YAML safely, validate it, read its sources, check every quote.

The result is either a complete :class:`~model.problem.DecisionProblem` or a
:class:`~model.errors.ConfigError` that lists every problem of the file, in line order. The
steps: the schema (:mod:`.schema`); each source's provenance and bytes (:mod:`.files`), its
pin and its declared body; every quote found in its source (:mod:`.quotes`) and held to the
evidence rules (:mod:`.rules`); then the consistency lints across cells (:mod:`.lints`).
Errors refuse the file; warnings travel with the problem (``problem.warnings``), except those
a cell accepts with a stated reason (``problem.accepted``). The input file is only ever read.

May import the core, :mod:`model.methods` and the other modules of :mod:`model.read`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from pathlib import Path

from model.documents import Document, EvidenceRules
from model.errors import ConfigError, Issue, KeyPath, RequestError
from model.problem import Alternative, DecisionProblem, Evidence, Score, Source
from model.read.files import MAX_SOURCE_BYTES, FileRefusedError, file_identity, read_bounded, resolve_source
from model.read.lints import lint_cells
from model.read.quotes import (
    document_from_bytes,
    explain_miss,
    find_matches,
    found_at,
    fragments_of,
    marker_paragraphs,
    with_body_between,
    with_body_lines,
)
from model.read.rules import Finding, check_match, substance
from model.read.schema import Draft, parse_problem
from model.read.yamlsafe import Document as YamlDocument
from model.read.yamlsafe import parse_yaml, read_yaml

Cell = tuple[str, str]


def load(path: str | Path, *, verify_evidence: bool = True) -> DecisionProblem:
    """Load and validate a model file; verify every quote against its source document.

    Source ``file:`` paths are relative to the YAML file's folder and must stay inside it.
    Raises :class:`~model.errors.ConfigError` listing every problem found.

    >>> import model
    >>> problem = model.load("criteria.yaml")  # doctest: +SKIP
    """
    file = Path(path)
    doc, raw = read_yaml(file)
    return _build(doc, raw, file, file.parent, verify_evidence)


def loads(
    text: str, *, name: str = "<string>", base_dir: str | Path = ".", verify_evidence: bool = True
) -> DecisionProblem:
    """Load a model from YAML text (source paths relative to ``base_dir``, and inside it).

    >>> import model
    >>> model.loads(model.demo.DEMO_YAML).title
    'Where to retire'
    """
    doc = parse_yaml(text, name)
    return dataclasses.replace(_build(doc, text.encode("utf-8"), None, Path(base_dir), verify_evidence), origin=name)


def source_pins(
    path: str | Path | None = None, *, text: str | None = None, base_dir: str | Path = "."
) -> dict[str, tuple[str, str | None]]:
    """Each source's sha256 as the file reads now, and the pin the model states (None if none).

    Give the model's ``path``, or its ``text`` with the folder its sources resolve against. Only
    the ``sources`` section needs to be valid; pins are not enforced here (that is the point: to
    print the pins of documents that changed). The model file is never written.
    """
    if path is not None:
        file: Path | None = Path(path)
        doc, _ = read_yaml(Path(path))
        root = Path(path).parent
    else:
        file, doc, root = None, parse_yaml(text or "", "<stdin>"), Path(base_dir)
    draft, issues = parse_problem(doc)
    broken = [issue for issue in issues if issue.path[:1] == ("sources",)]
    if broken:
        raise ConfigError(broken)
    pins: dict[str, tuple[str, str | None]] = {}
    refusals: list[Issue] = []
    for source_id, source in draft.sources.items():
        try:
            real = resolve_source(str(source.file), root=root, model_file=file)
            digest = hashlib.sha256(read_bounded(real, MAX_SOURCE_BYTES)).hexdigest()
        except FileRefusedError as refusal:
            refusals.append(doc.issue(("sources", source_id, "file"), refusal.message, refusal.hint))
            continue
        pins[source_id] = (digest, source.pin)
    if refusals:
        raise ConfigError(refusals)
    return pins


def _build(doc: YamlDocument, raw: bytes, path: Path | None, base_dir: Path, verify: bool) -> DecisionProblem:
    draft, issues = parse_problem(doc)
    documents: dict[str, Document] = {}
    warnings: list[Issue] = list(draft.warnings)
    accepted: list[tuple[Issue, str]] = []
    if verify:
        documents = _read_sources(doc, draft.sources, base_dir, path, issues)
        _verify_quotes(doc, draft, documents, issues, warnings, accepted)
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
        warnings=tuple(sorted(warnings, key=lambda issue: (issue.line or 0, issue.column or 0))),
        weight_source=draft.weight_source,
        method=draft.method,
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        documents=documents,
        evidence_rules=draft.evidence_rules,
        accepted=tuple(accepted),
    )
    _try_methods(doc, problem)
    return problem


def _try_methods(doc: YamlDocument, problem: DecisionProblem) -> None:
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


# ----- sources ----------------------------------------------------------------------------------
def _read_sources(
    doc: YamlDocument, sources: dict[str, Source], base_dir: Path, model_file: Path | None, issues: list[Issue]
) -> dict[str, Document]:
    """Every source that passes the provenance checks, read and prepared; an issue for every other.

    A refused file is never opened, and nothing from it reaches a message.
    """
    documents: dict[str, Document] = {}
    owners: dict[tuple[int, int], str] = {}
    for source_id, source in list(sources.items()):
        where: KeyPath = ("sources", source_id, "file")
        try:
            real = resolve_source(str(source.file), root=base_dir, model_file=model_file)
            identity = file_identity(real)
            if identity in owners:
                raise FileRefusedError(
                    f"expected each source to name its own file, got {str(source.file)!r}, "
                    f"the same file as source {owners[identity]!r}",
                    "cite the first source id instead of declaring the file twice",
                )
            raw = read_bounded(real, MAX_SOURCE_BYTES)
            document = document_from_bytes(raw, real)
        except FileRefusedError as refusal:
            issues.append(doc.issue(where, refusal.message, refusal.hint))
            continue
        except UnicodeDecodeError:
            issues.append(
                doc.issue(
                    where,
                    f"expected a UTF-8 text document, got {str(source.file)!r} that is not UTF-8",
                    "save the document as UTF-8 text",
                )
            )
            continue
        owners[identity] = source_id
        if source.pin is not None and source.pin != document.sha256:
            issues.append(
                doc.issue(
                    ("sources", source_id, "sha256"),
                    f"expected source {source_id!r} to have the pinned sha256 {source.pin[:12]}…, "
                    f"got a file whose sha256 is {document.sha256[:12]}… (the document changed since it was pinned)",
                    "restore the document as it was pinned; if the change is intended, run `exile-model pin` again",
                )
            )
            continue
        if source.body is not None:
            bodied = _with_body(doc, source, document, issues)
            if bodied is None:
                continue
            document = bodied
        documents[source_id] = document
        sources[source_id] = dataclasses.replace(source, file=real, sha256=document.sha256)
    return documents


def _with_body(doc: YamlDocument, source: Source, document: Document, issues: list[Issue]) -> Document | None:
    body = source.body
    assert body is not None
    path: KeyPath = ("sources", source.id, "body")
    last_line = document.paragraphs[-1].last_line if document.paragraphs else 0
    if body.lines:
        bad = [(a, b) for a, b in body.lines if b > last_line]
        if bad:
            issues.append(
                doc.issue(
                    (*path, "lines"),
                    f"expected line ranges within the document (1-{last_line}), got {bad[0][0]}-{bad[0][1]}",
                )
            )
            return None
        return with_body_lines(document, body.lines)
    found: dict[str, int] = {}
    for key, marker in (("start", body.start), ("end", body.end)):
        assert marker is not None
        places = marker_paragraphs(document, marker)
        if len(places) != 1:
            got = "no paragraph" if not places else f"{len(places)} paragraphs"
            miss = explain_miss(document, fragments_of(marker)) if not places else None
            issues.append(
                doc.issue(
                    (*path, key),
                    f"expected a marker found in exactly one paragraph of {source.id!r}, got {got}",
                    (miss.hint() if miss else None) or "copy the words exactly from the document",
                )
            )
            continue
        found[key] = places[0]
    if len(found) < 2:
        return None
    if found["start"] > found["end"]:
        issues.append(doc.issue(path, "expected the start marker before the end marker, got them the other way round"))
        return None
    return with_body_between(document, found["start"], found["end"])


# ----- quotes -----------------------------------------------------------------------------------
def _quote_path(cell: Cell, index: int) -> KeyPath:
    return ("scores", cell[0], cell[1], "evidence", index, "quote")


def _verify_quotes(
    doc: YamlDocument,
    draft: Draft,
    documents: Mapping[str, Document],
    issues: list[Issue],
    warnings: list[Issue],
    accepted: list[tuple[Issue, str]],
) -> None:
    rules: EvidenceRules = draft.evidence_rules
    names = {alternative.name: alternative for alternative in draft.alternatives}
    raised: list[tuple[Cell, int | None, Finding, Cell | None]] = []
    for cell, score in list(draft.scores.items()):
        verified: list[Evidence] = []
        for index, item in enumerate(score.evidence):
            document = documents.get(item.source)
            raised += [(cell, index, finding, None) for finding in substance(item.quote, rules)]
            if document is None:
                verified.append(item)  # the source itself is broken; already reported
                continue
            findings: list[Finding] = []
            matches = find_matches(document, item.quote)
            if not matches:
                miss = explain_miss(document, fragments_of(item.quote)) if fragments_of(item.quote) else None
                reason = miss.reason if miss else "expected a quote with text, got only '...' or whitespace"
                issues.append(
                    doc.issue(
                        _quote_path(cell, index),
                        f"expected a passage of source {item.source!r} ({draft.sources[item.source].file}), "
                        f"got a quote that is not in it: {reason}",
                        miss.hint() if miss else None,
                    )
                )
                verified.append(item)
                continue
            alternative = names.get(cell[0], Alternative(cell[0]))
            elsewhere = {
                other_id: len(find_matches(other, item.quote))
                for other_id, other in documents.items()
                if other_id != item.source
            }
            findings = check_match(
                item.quote, document, matches, rules, names=alternative.names, alternative=cell[0], elsewhere=elsewhere
            )
            place = found_at(document, matches[0])
            codes = tuple(dict.fromkeys(f.code for f in findings if f.severity == "warning"))
            verified.append(
                dataclasses.replace(
                    item,
                    line=place.line,
                    end_line=place.end_line,
                    paragraph=matches[0].paragraph,
                    spans=matches[0].spans,
                    warnings=codes,
                )
            )
            raised += [(cell, index, finding, None) for finding in findings]
        draft.scores[cell] = dataclasses.replace(score, evidence=tuple(verified))
    clean = {cell: score for cell, score in draft.scores.items() if all(e.verified for e in score.evidence)}
    for lint in lint_cells(clean, draft.criteria):
        raised.append((lint.cell, lint.quote, lint.finding, lint.other))
    _report(doc, draft, raised, issues, warnings, accepted)


def _report(
    doc: YamlDocument,
    draft: Draft,
    raised: list[tuple[Cell, int | None, Finding, Cell | None]],
    issues: list[Issue],
    warnings: list[Issue],
    accepted: list[tuple[Issue, str]],
) -> None:
    """Errors to ``issues``; warnings to ``warnings`` or, where a cell accepts them, to ``accepted``.

    A lint's code is added to the flagged quote's warnings unless accepted, so that coverage counts
    only quotes that pass every rule.
    """
    for cell, index, finding, other in raised:
        score = draft.scores[cell]
        where = _quote_path(cell, index) if index is not None else ("scores", cell[0], cell[1])
        message = finding.message
        if index is not None and score.evidence[index].line is not None:
            item = score.evidence[index]
            message += f" [{item.source}, line {item.line}]"
        issue = dataclasses.replace(doc.issue(where, message, finding.hint), code=finding.code)
        if finding.severity == "error":
            issues.append(issue)
            continue
        reasons = dict(score.accepted)
        if other is not None and other in draft.scores:
            reasons = {**dict(draft.scores[other].accepted), **reasons}
        if finding.code in reasons:
            accepted.append((issue, reasons[finding.code]))
            continue
        warnings.append(issue)
        if index is not None and finding.code not in score.evidence[index].warnings:
            evidence = list(score.evidence)
            evidence[index] = dataclasses.replace(evidence[index], warnings=(*evidence[index].warnings, finding.code))
            draft.scores[cell] = _replace_score(score, evidence)
    used = {(cell, finding.code) for cell, _, finding, _ in raised} | {
        (other, finding.code) for _, _, finding, other in raised if other is not None
    }
    for cell, score in draft.scores.items():
        for code, _ in score.accepted:
            if (cell, code) not in used:
                warnings.append(
                    doc.issue(
                        ("scores", cell[0], cell[1], "accept", code),
                        f"expected a warning {code!r} to accept, got none for this cell",
                        "remove the accept entry: the cell passes that rule",
                    )
                )


def _replace_score(score: Score, evidence: list[Evidence]) -> Score:
    return dataclasses.replace(score, evidence=tuple(evidence))
