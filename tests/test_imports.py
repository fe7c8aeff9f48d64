"""The import contract: the package's modules form layers, and no module imports from a
layer above its own, nor is any import cycle allowed: at module level or inside a function.

Read from the source with ``ast`` (nothing is imported). An import inside ``if
TYPE_CHECKING:`` is a type annotation's, not a dependency, and is not counted. A layer may
import from any layer below it and from its own layer; the cycle check covers imports
within a layer too. Every module of ``gba_dash`` must be in exactly one layer, so a new
module is placed on purpose.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "gba_dash"

# Top first. Each layer: (what it is, the modules in it, as names or patterns).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entry points", ("gba_dash.__main__", "gba_dash.cli")),
    ("the page (the only Streamlit code)", ("gba_dash.ui", "gba_dash.ui.*")),
    ("publishing: the charts, the exports, the offline bundle", ("gba_dash.publish", "gba_dash.publish.*")),
    ("the map", ("gba_dash.map", "gba_dash.map.*")),
    ("a reader's own data", ("gba_dash.own", "gba_dash.own.*")),
    ("the loaded dataset", ("gba_dash.dataset", "gba_dash.dataset.*")),
    ("the view: parameters, filters, links, tours", ("gba_dash.view", "gba_dash.view.*")),
    (
        "reading the files: the field table, validation, readers, join, later values",
        ("gba_dash.read", "gba_dash.read.*"),
    ),
    ("words: every string a reader sees, escaping, citations", ("gba_dash.words", "gba_dash.words.*")),
    ("the base: the package, paths", ("gba_dash", "gba_dash.paths")),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST):
    """Every import statement, at any depth (functions included), but not under TYPE_CHECKING."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        todo.extend(ast.iter_child_nodes(node))


def imports_of(name: str, source: str, *, is_package: bool) -> set[str]:
    """The gba_dash modules ``name`` imports (its source given): ``from . import x`` counts
    as an import of the module ``x`` where there is one, else of the package."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module for a in node.names]
        for target in targets:
            # the deepest gba_dash module the import names
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    return {
        name: imports_of(name, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")
        for name, path in MODULES.items()
    }


def layer_of(name: str) -> int:
    hits = [i for i, (_, patterns) in enumerate(LAYERS) if any(fnmatch(name, p) or name == p for p in patterns)]
    assert len(hits) == 1, f"{name} is in {len(hits)} layers of tests/test_imports.py::LAYERS (place it in one)"
    return hits[0]


def back_arrows(edges: dict[str, set[str]]) -> list[str]:
    """Each import of a module in a layer above the importer's (layers are listed top first)."""
    return sorted(
        f"{a} (layer {LAYERS[layer_of(a)][0]!r}) imports {b} (layer {LAYERS[layer_of(b)][0]!r}, above it)"
        for a, targets in edges.items()
        for b in targets
        if layer_of(b) < layer_of(a)
    )


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles, each as a path that returns to its start (Tarjan's components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_one_layer():
    for name in MODULES:
        layer_of(name)


def test_no_module_imports_from_a_layer_above_its_own():
    assert back_arrows(graph()) == []


def test_there_is_no_import_cycle():
    assert cycles(graph()) == []


@pytest.mark.parametrize(
    ("importer", "source", "why"),
    [
        ("gba_dash.read.load", "from ..view.share import Vocab\n", "back-arrow at module level"),
        ("gba_dash.read.fields", "def f():\n    from ..dataset import Dataset\n", "back-arrow inside a function"),
        ("gba_dash.read.history", "from ..view.filters import FilterState\n", "a layer up, as a cycle's half"),
    ],
)
def test_the_contract_sees_a_back_arrow_wherever_it_is(importer, source, why):
    edges = graph()
    edges[importer] = edges[importer] | imports_of(importer, source, is_package=False)
    assert back_arrows(edges), why


def test_the_contract_sees_a_cycle_within_a_layer_and_skips_type_checking_imports():
    edges = graph()
    edges["gba_dash.view.filters"] = edges["gba_dash.view.filters"] | {"gba_dash.view.share"}  # share imports filters
    assert any({"gba_dash.view.filters", "gba_dash.view.share"} <= set(c) for c in cycles(edges))
    typed = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..dataset import Dataset\n"
    assert imports_of("gba_dash.read.history", typed, is_package=False) == set()
