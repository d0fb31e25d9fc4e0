"""GUI timings on a vault: keystroke to updated list, longest GUI-thread stall.

Used by ``bench/run.py`` (``keystroke_ms``); also runnable on its own:

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py VAULT PASSPHRASE_FILE
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

WORDS = ["stefanescu", "nguyen", "HM-2026-0042", "wisniewski lukasz"]


def _wait(app: QCoreApplication, cond, timeout: float = 60) -> None:
    end = time.perf_counter() + timeout
    while not cond() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def measure(vault) -> dict[str, float]:
    from zorgapp.settings import Settings
    from zorgapp.ui.context import UiContext
    from zorgapp.ui.pages.dossiers import SEARCH_DELAY_MS, DossiersPage

    app = QApplication.instance() or QApplication(sys.argv)
    ctx = UiContext(Settings(Path(tempfile.mkdtemp()) / "settings.json"))
    page = DossiersPage(ctx)
    page.resize(1366, 768)
    page.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    start = time.perf_counter()
    page.set_vault(vault)
    _wait(app, lambda: not page.is_searching() and page.model.rowCount() > 0)
    figures = {"GUI: first rows after unlock (ms)": (time.perf_counter() - start) * 1000}
    after_key, stalls = [], []
    for word in WORDS:
        page.search_edit.clear()
        _wait(app, lambda: not page.is_searching())
        gaps.clear()
        last[0] = time.perf_counter()
        start = time.perf_counter()
        for i, ch in enumerate(word):  # a fast typist: 80 ms per key
            page.search_edit.insert(ch)
            start = time.perf_counter()
            if i == len(word) - 1:
                break
            end = start + 0.08
            while time.perf_counter() < end:
                app.processEvents()
                time.sleep(0.001)
        _wait(app, lambda: not page.is_searching())
        page.table.viewport().repaint()
        after_key.append((time.perf_counter() - start) * 1000 - SEARCH_DELAY_MS)
        stalls.append(max(gaps) * 1000 if gaps else 0.0)
    figures["GUI: last key to updated list, without debounce (ms, median)"] = statistics.median(after_key)
    figures["GUI: debounce delay (ms)"] = float(SEARCH_DELAY_MS)
    figures["GUI: longest GUI-thread stall while typing (ms)"] = max(stalls)
    timer.stop()
    page.clear()
    ctx.tasks.wait_idle()
    page.close()
    return figures


def keystroke_ms(vault) -> float:
    return measure(vault)["GUI: last key to updated list, without debounce (ms, median)"]


if __name__ == "__main__":
    from zorgapp.services import vault_service

    v = vault_service.unlock(Path(sys.argv[1]), Path(sys.argv[2]).read_text().strip())
    for name, value in measure(v).items():
        print(f"  {name:<62} {value:10.2f}")
    v.lock()
