"""Browser code lives in files: no module outside ``map/js``, ``ui/browser`` and
``publish/templates`` holds more than 10 lines of JavaScript, CSS or HTML in a string.

Read with ``ast``: every string constant (an f-string's literal parts joined) of 11 lines
or more that looks like code (a function, a rule block, markup) is listed with its module
and line. Docstrings are prose, not code, and are skipped.
"""

from __future__ import annotations

import ast
import re

from .conftest import ROOT

PACKAGE = ROOT / "gba_dash"
ALLOWED = ("map/js", "ui/browser", "publish/templates")
MAX_LINES = 10
CODE = re.compile(
    r"function\s*\(|=>|\bvar |\bconst |\blet |document\.|window\.|"  # JavaScript
    r"[.#\w\]-]+\s*\{[^}]*:[^}]*;|@media|"  # CSS rules
    r"<(?:div|span|p|a|script|style|section|table|tr|td|ul|li|h\d|svg|html|body|head)\b",  # HTML
    re.IGNORECASE,
)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def code_strings(source: str) -> list[tuple[int, int]]:
    """(line, lines) of each string constant of more than MAX_LINES lines that looks like code."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
        else:
            continue
        lines = text.strip("\n").count("\n") + 1
        if lines > MAX_LINES and CODE.search(text):
            found.append((node.lineno, lines))
    return found


def test_no_module_holds_more_than_ten_lines_of_browser_code_in_a_string():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(ALLOWED):
            continue
        offenders += [f"{rel}:{line} ({n} lines)" for line, n in code_strings(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_check_sees_code_in_a_string():
    js = "X = '''\n" + "function () {\n  var a = 1;\n}\n" * 4 + "'''\n"
    css = 'X = """\n' + ".a { color: red; }\n" * 11 + '"""\n'
    prose = 'X = """\n' + "a line of words\n" * 20 + '"""\n'
    doc = '"""\n' + "function () { var a; }\n" * 12 + '"""\n'
    assert code_strings(js) and code_strings(css)
    assert not code_strings(prose) and not code_strings(doc)


def test_no_module_is_longer_than_600_lines():
    long = {
        p.relative_to(PACKAGE).as_posix(): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
