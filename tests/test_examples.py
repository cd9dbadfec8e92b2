"""Every script in examples/ runs to completion and says what it claims to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script: Path, tmp_path: Path) -> None:
    """Run from another directory: examples must find the model relative to themselves."""
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "an example should show its results"


def test_what_if_example_compares_every_scenario() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "what_if.py")], capture_output=True, text=True, check=True
    )
    header = next(line for line in done.stdout.splitlines() if "safety_first" in line)
    for column in ("base", "safety_first", "money_first", "deal_with_washington"):
        assert column in header
    assert "What-if extradition_risk = 0:" in done.stdout
    assert "10,000 random weightings at once" in done.stdout
