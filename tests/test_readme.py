"""README.md shows real output: every ``$ exile-model`` block is what the command prints today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_command_output_is_current() -> None:
    spec = importlib.util.spec_from_file_location("refresh_readme", ROOT / "docs" / "refresh_readme.py")
    assert spec is not None and spec.loader is not None
    refresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(refresh)
    assert refresh.main(["--check"]) == 0, "README.md is stale: run `python docs/refresh_readme.py`"
