"""Refresh (or check) the real command output shown in README.md.

Every ```text block of README.md that starts with ``$ exile-model …`` is the output of that
command, run from the repository root on the shipped files (or on the example files the
README describes: ``analysts.yaml``, ``old.yaml``/``new.yaml``, ``broken.yaml``, made here in a
temporary folder). A block that ends in a line ``...`` shows only the beginning of the output; otherwise a block
shows as many blank-line-separated sections of the output as it held before. Output is shown as a
terminal 120 columns wide prints it.
A block without a ``$`` line is a section of the previous command's output: it starts at the
line that begins like the block's first line and runs to the next blank line.

    python docs/refresh_readme.py           # rewrite README.md
    python docs/refresh_readme.py --check   # exit 1, naming the stale blocks, if README.md is stale
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 120  # the terminal width the README's output is shown at
README = ROOT / "README.md"
BLOCK = re.compile(r"```text\n(.*?)```", re.S)

ANALYSTS = (
    (ROOT / "examples" / "analysts.py").read_text(encoding="utf-8").split('ANALYSTS = """\\\n')[1].split('"""')[0]
)

BROKEN = """\
version: 1
title: Broken
criteria:
  extradition_risk: {direction: cots, weight: 30, scale: {min: 1, max: 9}}
  money: {direction: benefit, weight: "20", scale: {min: 1, max: 9}}
alternatives:
  Turkey:
  NO:
scores:
  Turkey:
    extradition_risk: {value: 3, confidence: hihg, rationale: x}
    money: {value: 12, confidence: high, rationale: y}
  Turkye:
    money: {value: 3}
"""


def _workspace(folder: Path) -> None:
    """The shipped model and the README's example files, side by side in ``folder``."""
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    text = (ROOT / "criteria.yaml").read_text(encoding="utf-8")
    (folder / "criteria.yaml").write_text(text, encoding="utf-8")
    (folder / "analysts.yaml").write_text(
        text.replace("uncertainty:\n", ANALYSTS + "uncertainty:\n", 1), encoding="utf-8"
    )
    (folder / "old.yaml").write_text(text, encoding="utf-8")
    weight = "    weight: 15\n    weight_rationale: >-\n      An exit negotiated"
    new = text.replace(weight, weight.replace("15", "20"), 1)
    cell = "    us_relations:\n      value: moderate\n      confidence: medium\n      evidence:\n"
    cell += "        - source: belarus_shelter"
    assert text.count(weight) == 1 and text.count(cell) == 1
    new = new.replace(cell, cell.replace("moderate", "high"), 1)
    (folder / "new.yaml").write_text(new, encoding="utf-8")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    misquote = text.replace(
        "Maduro “has been moving gold there forever”", "Maduro “has been moving silver there forever”"
    )
    negation = text.replace(
        'quote: "While no formal arrangement has been announced"', 'quote: "formal arrangement has been announced"'
    )
    assert text not in (misquote, negation)
    (folder / "misquote.yaml").write_text(misquote, encoding="utf-8")
    (folder / "negation.yaml").write_text(negation, encoding="utf-8")


def _run(command: str, folder: Path) -> str:
    import model.cli

    argv = command.split("#", maxsplit=1)[0].split()[1:]  # drop "exile-model" and any trailing comment
    out, err = io.StringIO(), io.StringIO()
    here, columns = Path.cwd(), os.environ.get("COLUMNS")
    os.chdir(folder)
    os.environ["COLUMNS"] = str(WIDTH)
    try:
        model.cli.main(argv, out=out, err=err)
    finally:
        os.chdir(here)
        if columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = columns
    return (out.getvalue() + err.getvalue()).rstrip("\n")


def _section(output: str, first_line: str) -> str | None:
    key = first_line.split(" — ", maxsplit=1)[0].split(" (", maxsplit=1)[0][:40]
    lines = output.split("\n")
    for start, line in enumerate(lines):
        if line.startswith(key):
            end = start
            while end < len(lines) and lines[end].strip():
                end += 1
            return "\n".join(lines[start:end])
    return None


def refreshed(text: str, folder: Path) -> str:
    last_output = ""

    def replace(match: re.Match[str]) -> str:
        nonlocal last_output
        body = match.group(1)
        lines = body.rstrip("\n").split("\n")
        if lines[0].startswith("$ exile-model "):
            last_output = _run(lines[0][2:], folder)
            if "..." in lines[1:]:
                keep = lines[1:].index("...")
                shown = "\n".join([*last_output.split("\n")[:keep], "..."])
            elif len(lines) == 1:
                shown = last_output
            else:
                sections = "\n".join(lines[1:]).count("\n\n") + 1
                shown = "\n\n".join(last_output.split("\n\n")[:sections])
            return f"```text\n{lines[0]}\n{shown}\n```"
        if last_output:
            section = _section(last_output, lines[0])
            if section is not None:
                return f"```text\n{section}\n```"
        return match.group(0)

    return BLOCK.sub(replace, text)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _workspace(folder)
        current = README.read_text(encoding="utf-8")
        fresh = refreshed(current, folder).replace(str(folder) + "/", "")
    if "--check" in argv:
        stale = [old for old, new in zip(BLOCK.findall(current), BLOCK.findall(fresh), strict=True) if old != new]
        for block in stale:
            print("stale README block:\n" + block[:400], file=sys.stderr)
        return 1 if stale else 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
