"""Modules a newcomer can read: no file in zorgapp/ over 450 lines, no function over 60.

A function may be longer when its docstring says why, with the word ``Long:`` and a
reason (a table of widgets built in one place, a state machine best read whole).
Counted with ``ast``: a function's lines run from its ``def`` to its last statement.
"""

from __future__ import annotations

import ast
from pathlib import Path

ZORGAPP = Path(__file__).resolve().parents[2] / "zorgapp"
MAX_FILE_LINES = 450
MAX_FUNCTION_LINES = 60


def offenders_in(source: str, name: str) -> list[str]:
    """What in one module breaks the limits, as readable lines."""
    found: list[str] = []
    lines = len(source.splitlines())
    if lines > MAX_FILE_LINES:
        found.append(f"{name}: {lines} lines (max {MAX_FILE_LINES})")
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length > MAX_FUNCTION_LINES and "Long:" not in (ast.get_docstring(node) or ""):
            found.append(f"{name}:{node.lineno} {node.name}() {length} lines "
                         f"(max {MAX_FUNCTION_LINES} without 'Long:' in the docstring)")
    return found


def all_offenders() -> list[str]:
    found: list[str] = []
    for path in sorted(ZORGAPP.rglob("*.py")):
        found += offenders_in(path.read_text(encoding="utf-8"),
                              str(path.relative_to(ZORGAPP.parent)))
    return found


def _function(lines: int, docstring: str = "") -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines - 2))
    return f'def f():\n    """{docstring}"""\n{body}'


def test_checker_counts_functions_and_files() -> None:
    assert offenders_in(_function(60), "m.py") == []
    assert [o.split()[1] for o in offenders_in(_function(61), "m.py")] == ["f()"]
    assert offenders_in(_function(61, "Long: one table, read whole."), "m.py") == []
    method = "class C:\n" + "".join("    " + line + "\n"
                                    for line in _function(70).splitlines())
    assert len(offenders_in(method, "m.py")) == 1
    assert offenders_in("x = 1\n" * 451, "m.py") == ["m.py: 451 lines (max 450)"]


def test_no_long_files_or_functions() -> None:
    found = all_offenders()
    print("\n".join(["Too long:", *found]) if found else "Nothing too long.")
    assert found == []
