"""The reliability suite's tables: every kill tally of the session (and the bundle attack
corpus), printed at its end."""

from __future__ import annotations

from typing import Any

from .killing import SUMMARIES, TALLIES, table


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLIES:
        terminalreporter.section("reliability: SIGKILLs (tries, kills, held)")
        terminalreporter.write_line(table(TALLIES))
    for title, text in SUMMARIES:
        terminalreporter.section(f"reliability: {title}")
        terminalreporter.write_line(text)
