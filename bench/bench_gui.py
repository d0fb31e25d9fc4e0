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


def idle_stall_ms(app: QCoreApplication, seconds: float) -> float:
    """Peer of the stall figure: the longest gap of the same 5 ms timer in this event
    loop doing nothing else (on a shared machine the scheduler alone causes gaps)."""
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return max(gaps) * 1000 if gaps else 0.0


def bare_repaint_ms(rows: int) -> float:
    """Peer of the keystroke figure: repainting a plain QTableView of the same size with
    the same number of rows and columns, after a reset (QStandardItemModel)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(0, 7)
    for r in range(rows):
        model.appendRow([QStandardItem(f"HM-2026-{r:04d} kolom {c}") for c in range(7)])
    view = QTableView()
    view.setAlternatingRowColors(True)
    view.setModel(model)
    view.resize(1366, 700)
    view.show()
    app = QCoreApplication.instance()
    if app is not None:
        app.processEvents()
    times = []
    for _ in range(5):
        model.layoutChanged.emit()
        start = time.perf_counter()
        view.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    view.close()
    return statistics.median(times)


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
    figures["peer: longest gap of an idle event loop (ms)"] = idle_stall_ms(app, 4.0)
    figures["peer: repaint of a plain table of 200 rows (ms)"] = bare_repaint_ms(200)
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
