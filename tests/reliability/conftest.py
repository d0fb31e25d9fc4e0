"""The reliability suite's table: every kill tally of the session, printed at its end."""

from __future__ import annotations

from typing import Any

from .killing import TALLIES, table


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLIES:
        terminalreporter.section("reliability: SIGKILLs (tries, kills, held)")
        terminalreporter.write_line(table(TALLIES))
