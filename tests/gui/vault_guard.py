"""A test-only guard that notes every SQL statement run on the GUI thread.

``sqlcipher3.connect`` is wrapped so that each connection the store opens while the
guard is installed gets a trace callback. SQLite calls it on the thread that runs the
statement, so a statement traced on the main (GUI) thread is vault access on the GUI
thread. The guard keeps only where it came from (the innermost ``zorgapp/ui`` frame and
the statement's first word), never the statement itself: the key pragma would be in it.
"""

from __future__ import annotations

import threading
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

import zorgapp

UI_DIR = str(Path(zorgapp.__file__).parent / "ui")
ZORGAPP_DIR = str(Path(zorgapp.__file__).parent)


@dataclass(frozen=True)
class Access:
    """One statement on the GUI thread: the UI frame that caused it, and what it did."""

    ui_frame: str
    service_frame: str
    verb: str

    def __str__(self) -> str:
        return f"{self.ui_frame} -> {self.service_frame} ({self.verb})"


@dataclass
class VaultAccessGuard:
    """Install with ``install(monkeypatch)``; records only while ``enabled``."""

    enabled: bool = False
    accesses: list[Access] = field(default_factory=list)

    def install(self, monkeypatch: Any) -> None:
        original: Callable[..., Any] = sqlcipher3.connect

        def connect(*args: Any, **kwargs: Any) -> Any:
            conn = original(*args, **kwargs)
            conn.set_trace_callback(self._trace)
            return conn

        monkeypatch.setattr(sqlcipher3, "connect", connect)

    def _trace(self, statement: str) -> None:
        if not self.enabled or threading.current_thread() is not threading.main_thread():
            return
        frames = traceback.extract_stack()[:-1]
        ui = [f for f in frames if f.filename.startswith(UI_DIR)]
        ours = [f for f in frames if f.filename.startswith(ZORGAPP_DIR)
                and not f.filename.startswith(UI_DIR)]
        verb = (statement.split() or ["?"])[0].upper()
        self.accesses.append(Access(_where(ui[-1]) if ui else "(no ui frame)",
                                    _where(ours[0]) if ours else "(store)", verb))

    def offenders(self) -> Counter[str]:
        """UI frame -> statements run from it on the GUI thread."""
        return Counter(a.ui_frame for a in self.accesses)

    def call_sites(self) -> Counter[str]:
        """``ui frame -> first zorgapp frame below it`` -> statements, one per call site."""
        return Counter(f"{a.ui_frame} -> {a.service_frame.rsplit(' ', 1)[-1]}"
                       for a in self.accesses)

    def report(self) -> str:
        sites = self.call_sites()
        lines = [f"{n:4d} statements  {site}" for site, n in sorted(sites.items())]
        return f"{len(sites)} call sites:\n" + "\n".join(lines)


def _where(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    try:
        shown = path.relative_to(Path(ZORGAPP_DIR).parent)
    except ValueError:
        shown = path
    return f"{shown}:{frame.lineno} {frame.name}"
