"""Sources must be real: provenance, pins, declared bodies — and a refused file never leaks into a message.

Every attack on a source's path from the hostile review is tried here: the model file itself, a
second id for the same file, an absolute path, a path that climbs out of the model's folder, a
symlink out of it, a FIFO, a device, a folder, an over-long name, an over-size file. Each is
refused with its location, and no text of the refused file reaches stdout or stderr.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import model
import model.cli
from model.errors import ConfigError
from model.read.files import FileRefusedError, read_bounded

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = "An article.\n\nThe host said it would welcome him and keep him safe from extradition.\n"
SECRET = "SECRET-TOKEN-7f3a the host said it would welcome him and keep him safe"


def write(folder: Path, file_line: str, *, extra_source: str = "", pin: str = "", body: str = "") -> Path:
    (folder / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    text = f"""\
version: 1
title: Provenance
sources:
  doc:
    file: {file_line}
    title: A document
{pin}{body}{extra_source}criteria:
  safety: {{direction: benefit, weight: 1, scale: {{min: 1, max: 9}}}}
alternatives:
  Host:
scores:
  Host:
    safety:
      value: 7
      confidence: medium
      rationale: r.
      evidence:
        - source: doc
          quote: "The host said it would welcome him and keep him safe"
"""
    path = folder / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = model.cli.main([str(arg) for arg in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def refusal(path: Path) -> model.Issue:
    with pytest.raises(ConfigError) as excinfo:
        model.load(path)
    (issue,) = excinfo.value.issues
    assert issue.path[:2] == ("sources", "doc") or issue.path[:2] == ("sources", "twin")
    return issue


def test_a_source_inside_the_folder_loads(tmp_path: Path) -> None:
    problem = model.load(write(tmp_path, "doc.txt"))
    assert problem.sources["doc"].file == (tmp_path / "doc.txt").resolve()


def test_the_model_file_itself_is_refused(tmp_path: Path) -> None:
    issue = refusal(write(tmp_path, "m.yaml"))
    assert issue.message == "expected a source document, got 'm.yaml', which is the model file itself"


def test_a_second_id_for_the_same_file_is_refused(tmp_path: Path) -> None:
    twin = "  twin:\n    file: ./doc.txt\n    title: A misleading title\n"
    issue = refusal(write(tmp_path, "doc.txt", extra_source=twin))
    assert issue.path == ("sources", "twin", "file")
    assert issue.message == "expected each source to name its own file, got 'doc.txt', the same file as source 'doc'"


def test_an_absolute_path_is_refused(tmp_path: Path) -> None:
    issue = refusal(write(tmp_path, str(tmp_path / "doc.txt")))
    assert issue.message.startswith("expected a path relative to the model's folder, got the absolute path")


@pytest.mark.parametrize("declared", ["../../etc/passwd", "../outside.txt"])
def test_a_path_out_of_the_folder_is_refused_and_never_read(tmp_path: Path, declared: str) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "outside.txt").write_text(SECRET, encoding="utf-8")
    path = write(inner, declared)
    issue = refusal(path)
    assert "which resolves outside it" in issue.message or "no such file" in issue.message
    code, out, err = run("check", path)
    assert code == 2 and "SECRET-TOKEN" not in out + err and "root:" not in out + err


def test_a_symlink_out_of_the_folder_is_refused_and_its_text_never_shown(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "private.txt").write_text(SECRET, encoding="utf-8")
    (inner / "link.txt").symlink_to(tmp_path / "private.txt")
    path = write(inner, "link.txt")
    issue = refusal(path)
    assert "resolves outside it" in issue.message
    for command in ("check", "rank", "evidence"):
        code, out, err = run(command, path)
        assert code == 2 and "SECRET-TOKEN" not in out + err


def test_the_process_environment_through_proc_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXILE_SECRET_ENV", "SECRET-TOKEN-env")
    (tmp_path / "environ").symlink_to("/proc/self/environ")
    for declared in ("/proc/self/environ", "environ"):
        path = write(tmp_path, declared)
        code, out, err = run("check", path)
        assert code == 2 and "SECRET-TOKEN" not in out + err and "EXILE_SECRET_ENV" not in out + err


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """Run in a child process with a timeout: a reader that opened the FIFO would wait forever."""
    os.mkfifo(tmp_path / "pipe.txt")
    path = write(tmp_path, "pipe.txt")
    code = "import sys, model.cli; sys.exit(model.cli.main(['check', sys.argv[1]]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], check=False, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "expected a regular file, got 'pipe.txt', which is a named pipe (FIFO)" in done.stderr


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "zero").symlink_to("/dev/zero")
    assert "resolves outside it" in refusal(write(tmp_path, "zero")).message
    (tmp_path / "folder").mkdir()
    assert refusal(write(tmp_path, "folder")).message == "expected a regular file, got 'folder', which is a folder"


def test_an_over_long_name_is_a_located_error(tmp_path: Path) -> None:
    issue = refusal(write(tmp_path, "x" * 300 + ".txt"))
    assert issue.message == "expected file and folder names of at most 255 bytes, got one of 304"


def test_reading_stops_at_the_size_limit(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    target.write_bytes(b"x" * 11)
    with pytest.raises(FileRefusedError, match="at most 10 bytes"):
        read_bounded(target, 10)
    assert read_bounded(target, 11) == b"x" * 11


def test_a_pin_that_does_not_match_is_refused_naming_the_source(tmp_path: Path) -> None:
    path = write(tmp_path, "doc.txt", pin="    sha256: " + "0" * 64 + "\n")
    with pytest.raises(ConfigError) as excinfo:
        model.load(path)
    (issue,) = excinfo.value.issues
    assert issue.path == ("sources", "doc", "sha256")
    assert issue.message.startswith("expected source 'doc' to have the pinned sha256 000000000000…, got a file whose")


def test_pin_prints_the_pins_and_never_rewrites_the_model(tmp_path: Path) -> None:
    path = write(tmp_path, "doc.txt")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    code, out, err = run("pin", path)
    assert code == 0 and err == ""
    import hashlib

    digest = hashlib.sha256(DOCUMENT.encode()).hexdigest()
    assert f"  doc:\n    sha256: {digest}\n" in out
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    pinned = write(tmp_path, "doc.txt", pin=f"    sha256: {digest}\n")
    assert model.load(pinned).sources["doc"].pin == digest
    code, out, _ = run("pin", pinned)
    assert "# pinned: matches" in out


def test_a_body_marker_that_is_not_in_the_document_is_located(tmp_path: Path) -> None:
    body = "    body: {start: The hots said, end: keep him safe}\n"
    with pytest.raises(ConfigError) as excinfo:
        model.load(write(tmp_path, "doc.txt", body=body))
    (issue,) = excinfo.value.issues
    assert issue.path == ("sources", "doc", "body", "start")
    assert issue.message == "expected a marker found in exactly one paragraph of 'doc', got no paragraph"
    assert issue.hint is not None and "the quote has 'hots' where the document has 'host'" in issue.hint


def test_body_as_line_ranges(tmp_path: Path) -> None:
    problem = model.load(write(tmp_path, "doc.txt", body="    body: {lines: [3, 3]}\n"))
    assert problem.documents["doc"].body_lines() == (3, 3)
    with pytest.raises(ConfigError, match="outside it"):
        model.load(write(tmp_path, "doc.txt", body="    body: {lines: [1, 1]}\n"))
    with pytest.raises(ConfigError, match=r"expected line ranges within the document \(1-3\), got 5-9"):
        model.load(write(tmp_path, "doc.txt", body="    body: {lines: [5, 9]}\n"))
    with pytest.raises(ConfigError, match="expected either lines"):
        model.load(write(tmp_path, "doc.txt", body="    body: {lines: [1, 3], start: An article.}\n"))
