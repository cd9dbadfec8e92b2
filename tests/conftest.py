"""Shared test settings: command-line output is not fitted to a terminal unless a test asks for a width.

Text output is fitted to ``COLUMNS`` (or 80 in a pipe); most tests check long lines whole, so they
run with a wide ``COLUMNS``. Tests of the terminal layout set their own.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def wide_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "10000")
