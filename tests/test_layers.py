"""The layering rule: only the UI package (and app.py) imports streamlit."""

from __future__ import annotations

import ast

from .conftest import ROOT

PACKAGE = ROOT / "gba_dash"


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_outside_the_ui_package_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted(PACKAGE.rglob("*.py"))
        if "ui" not in p.relative_to(PACKAGE).parts[:1] and {"streamlit", "streamlit_folium"} & _imports(p)
    ]
    assert offenders == []


def test_the_ui_package_is_where_streamlit_is():
    ui = sorted((PACKAGE / "ui").rglob("*.py"))
    assert len(ui) >= 8  # one module per panel
    assert any("streamlit" in _imports(p) for p in ui)
