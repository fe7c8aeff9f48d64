"""The mutation score per module, and each surviving mutant as a one-line diff.

Run after ``mutmut run`` from the project directory (it reads ``mutants/``, which mutmut
writes)::

    python scripts/mutation_report.py            # the table
    python scripts/mutation_report.py --survivors  # and every survivor, one line each

mutmut itself lists survivors by name (``mutmut results``) and shows one at a time
(``mutmut show NAME``); this prints the score of each module (killed of checked) in the
Markdown table ``tests/README.md`` records, and every survivor's changed line without
starting mutmut once per mutant.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import tomllib
from pathlib import Path

KILLED, SURVIVED = 1, 0


def modules(pyproject: Path = Path("pyproject.toml")) -> list[str]:
    """The mutated modules, as ``[tool.mutmut] only_mutate`` names them, within the package
    ("gba_dash/view/filters.py" -> "view/filters")."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["mutmut"]
    return [Path(path).relative_to("gba_dash").with_suffix("").as_posix() for path in config["only_mutate"]]


def _results(root: Path, module: str) -> dict[str, int | None]:
    return json.loads((root / f"{module}.py.meta").read_text(encoding="utf-8"))["exit_code_by_key"]


def table(root: Path, names: list[str]) -> list[str]:
    """Markdown rows: module, mutants, checked, killed, survived, other (timeouts...), score."""
    lines = [
        "| module | mutants | checked | killed | survived | other | killed of checked |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    sums = [0] * 5
    for module in names:
        codes = list(_results(root, module).values())
        checked = [c for c in codes if c is not None]
        killed = sum(c == KILLED for c in checked)
        survived = sum(c == SURVIVED for c in checked)
        row = [len(codes), len(checked), killed, survived, len(checked) - killed - survived]
        sums = [a + b for a, b in zip(sums, row, strict=True)]
        lines.append(_row(module, row))
    lines.append(_row("**all**", sums))
    return lines


def _row(name: str, row: list[int]) -> str:
    total, checked, killed, survived, other = row
    score = f"{100 * killed / checked:.0f}%" if checked else "—"
    return f"| {name} | {total:,} | {checked:,} | {killed:,} | {survived:,} | {other:,} | {score} |"


def survivors(root: Path, module: str) -> list[str]:
    """One line per surviving mutant: its name and the lines it changed."""
    source = (root / f"{module}.py").read_text(encoding="utf-8")
    functions = {
        node.name: ast.get_source_segment(source, node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    out = []
    for key, code in _results(root, module).items():
        if code != SURVIVED:
            continue
        name = key.rsplit(".", 1)[-1]
        orig_name = name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
        # Each copy has its own function name; with the names made equal, the def line
        # differs only when the mutation is on it (a default argument).
        original = functions.get(orig_name, "").replace(orig_name, "f", 1)
        mutant = functions.get(name, "").replace(name, "f", 1)
        changed = [
            line[0] + " " + line[1:].strip()
            for line in difflib.unified_diff(original.splitlines(), mutant.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        out.append(f"{key}: " + " | ".join(changed)[:400])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list every survivor as a one-line diff")
    parser.add_argument("--mutants", type=Path, default=Path("mutants/gba_dash"), help="mutmut's copy of the package")
    args = parser.parse_args(argv)
    names = modules()
    print("\n".join(table(args.mutants, names)))
    if args.survivors:
        for module in names:
            for line in survivors(args.mutants, module):
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
