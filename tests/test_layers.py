"""The layout shows the architecture, and imports only run down the data flow.

Every module of ``model`` is given a layer; a module may import modules of lower layers, and of
its own layer only inside its own package. An upward import (an analysis importing a renderer,
a kernel importing the problem) fails here, so it fails CI. Imports inside functions and under
``TYPE_CHECKING`` count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "model"

# Lowest first. A module belongs to the longest prefix listed.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("model.version", "model.errors", "model.demo"),
    ("model.methods", "model.weighting", "model.display", "model.documents"),
    ("model.parts",),
    ("model.cells",),
    ("model.problem",),
    ("model.ranking",),
    ("model.batch",),
    ("model.read", "model.analysis"),
    ("model.render",),
    ("model.cli",),
    ("model", "model.__main__"),
)

MAX_LINES = 800
"""No module is longer than this: past it, a module mixes jobs and should be split along a seam."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def group_of(name: str) -> str:
    """The listed prefix a module belongs to (the longest that matches)."""
    matches = [prefix for layer in LAYERS for prefix in layer if name == prefix or name.startswith(prefix + ".")]
    assert matches, f"{name} is in no layer: add it to LAYERS"
    return max(matches, key=len)


def layer_of(name: str) -> int:
    group = group_of(name)
    return next(i for i, layer in enumerate(LAYERS) if group in layer)


def imported_modules(path: Path, name: str) -> set[str]:
    """Every ``model`` module that ``path`` imports, at any depth (functions, TYPE_CHECKING)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "model")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if base.split(".")[0] != "model":
                continue
            for alias in node.names:  # `from model.x import y`: y may be a module of its own
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    found.discard(name)
    return found


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        group_of(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_only_run_down_the_layers(name: str) -> None:
    mine = layer_of(name)
    for target in sorted(imported_modules(MODULES[name], name)):
        if target not in MODULES:
            continue
        theirs = layer_of(target)
        same_package = group_of(target) == group_of(name)
        assert theirs < mine or (theirs == mine and same_package), (
            f"{name} (layer {mine}, {group_of(name)}) imports {target} (layer {theirs}, {group_of(target)}): "
            "imports must run down the data flow"
        )


def test_layer_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The check itself can fail: an analysis importing a renderer is an upward import."""
    fake = PACKAGE / "analysis" / "fake.py"
    source = "from model.render.common import Table\n"
    path = tmp_path / "fake.py"
    path.write_text(source, encoding="utf-8")
    targets = imported_modules(path, "model.analysis.fake")
    assert targets == {"model.render.common"}
    assert layer_of("model.render.common") > layer_of(module_name(fake))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small_and_say_what_they_hold(name: str) -> None:
    path = MODULES[name]
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{name} has {len(text.splitlines())} lines; split it along a seam"
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring, f"{name} opens without a docstring saying what it holds"
    assert "import" in " ".join(docstring.split()).lower(), f"{name}'s docstring does not say what it may import"


def test_public_api_is_flat() -> None:
    import model

    for name in (
        "load",
        "loads",
        "evaluate",
        "evaluate_many",
        "sensitivity",
        "smaa",
        "decision_drivers",
        "explain",
        "compare_scenarios",
        "diff",
        "compare_methods",
        "report",
        "plots",
        "weighting",
    ):
        assert hasattr(model, name), name
    assert set(model.__all__) <= set(dir(model))
