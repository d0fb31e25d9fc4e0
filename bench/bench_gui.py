"""GUI timings on a vault: keystroke to updated list, longest GUI-thread stall.

``bench/run.py --only gui`` (``figures``); also runnable on its own:

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py VAULT PASSPHRASE_FILE

"Updated list" is the end of the table's first paint after its model took the new
result: what the user waits for. (Until issue 15 the script stopped waiting as soon as
no query was pending and then repainted the table itself: most of the time the event
loop had painted the new rows already, so the figure held two paints, and the list's
own paint often landed in the next word's typing, where it counted as a stall.)
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, Qt, QTimer

from bench.run import PASSPHRASE, Context, Figure

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


def bare_repaint_ms(rows: int, like: Any = None) -> float:
    """Peer of the keystroke figure: repainting a plain QTableView (QStandardItemModel)
    after a reset. With ``like`` (the Dossiers page's table) it shows the same cells as
    that table does: the same size, row height, column widths, header and texts, so it
    draws as much as the list must (the peer used to be a default table of 100-pixel
    columns and taller rows: a quarter fewer rows and shorter texts)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    columns = like.model().columnCount() if like is not None else 7

    def text(r: int, c: int) -> str:
        if like is None or r >= like.model().rowCount():
            return f"HM-2026-{r:04d} kolom {c}"
        return like.model().index(r, c).data() or ""

    model = QStandardItemModel(0, columns)
    for r in range(rows):
        model.appendRow([QStandardItem(text(r, c)) for c in range(columns)])
    view = QTableView()
    view.setAlternatingRowColors(True)
    view.setModel(model)
    if like is None:
        view.resize(1366, 700)
    else:
        view.setWordWrap(like.wordWrap())
        view.verticalHeader().setVisible(like.verticalHeader().isVisible())
        view.verticalHeader().setDefaultSectionSize(like.verticalHeader().defaultSectionSize())
        view.horizontalHeader().setStretchLastSection(like.horizontalHeader().stretchLastSection())
        for c in range(columns):
            view.setColumnWidth(c, like.columnWidth(c))
            model.setHeaderData(c, Qt.Orientation.Horizontal, like.model().headerData(
                c, Qt.Orientation.Horizontal))
        view.resize(like.size())
        view.selectRow(0)
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


@contextmanager
def paint_clock(view_class: Any) -> Iterator[list[float]]:
    """End times of every paint of tables of ``view_class`` made meanwhile: its
    ``paintEvent`` is wrapped for the run (set on the class before the page is built)."""
    ends: list[float] = []
    original = view_class.paintEvent

    def paint_event(view: Any, event: Any) -> None:
        original(view, event)
        ends.append(time.perf_counter())

    view_class.paintEvent = paint_event
    try:
        yield ends
    finally:
        del view_class.paintEvent


def _shown(app: QCoreApplication, page: Any, resets: list[float], paints: list[float]) -> float:
    """Wait until no query is pending and the table has painted since its model was last
    reset; the end of that first paint."""
    def painted() -> float | None:
        if page.is_searching() or not resets:
            return None
        return next((t for t in paints if t > resets[-1]), None)

    _wait(app, lambda: painted() is not None)
    shown = painted()
    if shown is None:  # no paint (a hidden table): time a repaint instead
        page.table.viewport().repaint()
        shown = time.perf_counter()
    return shown


def measure(vault) -> dict[str, float]:
    from zorgapp.ui.widgets.enter_table import EnterTableView

    with paint_clock(EnterTableView) as paints:
        return _measure(vault, paints)


def _measure(vault: Any, paints: list[float]) -> dict[str, float]:
    from zorgapp.settings import Settings
    from zorgapp.ui import a11y
    from zorgapp.ui.application import create_application, freeze_after_unlock
    from zorgapp.ui.context import UiContext
    from zorgapp.ui.pages.dossiers import SEARCH_DELAY_MS, DossiersPage

    # the application's own setup: palette, style sheet, accessibility filter (the list
    # paints under the style sheet), and the collector frozen after the unlock
    app = create_application()
    a11y.install_filter(app)
    ctx = UiContext(Settings(Path(tempfile.mkdtemp()) / "settings.json"))
    page = DossiersPage(ctx)
    resets: list[float] = []
    page.model.modelReset.connect(lambda: resets.append(time.perf_counter()))
    page.resize(1366, 768)
    page.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    # the idle peer first, while no worker runs (the list's read-ahead would run after)
    idle = idle_stall_ms(app, 4.0)
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    start = time.perf_counter()
    page.set_vault(vault)
    freeze_after_unlock(vault)  # as MainWindow.vault_unlocked does in the application
    _wait(app, lambda: not page.is_searching() and page.model.rowCount() > 0)
    figures = {"GUI: first rows after unlock (ms)": (time.perf_counter() - start) * 1000}
    # A user types into the search field, which then has the focus (the list takes it
    # with the first rows; with it, the list is painted with its focus frame's style sheet).
    page.search_edit.setFocus()
    after_key, stalls = [], []
    for word in WORDS:
        page.search_edit.clear()
        _shown(app, page, resets, paints)  # the whole list is back on screen
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
        shown = _shown(app, page, resets, paints)
        after_key.append((shown - start) * 1000 - SEARCH_DELAY_MS)
        _wait(app, lambda: False, timeout=0.02)  # the timer's tick after that paint
        stalls.append(max(gaps) * 1000 if gaps else 0.0)
    figures["GUI: last key to updated list, without debounce (ms, median)"] = statistics.median(after_key)
    figures["GUI: debounce delay (ms)"] = float(SEARCH_DELAY_MS)
    figures["GUI: longest GUI-thread stall while typing (ms)"] = max(stalls)
    figures["peer: longest gap of an idle event loop (ms)"] = idle
    figures["peer: repaint of a plain table of 200 rows (ms)"] = bare_repaint_ms(200, page.table)
    timer.stop()
    page.clear()
    gc.unfreeze()  # as the lock does
    ctx.tasks.wait_idle()
    page.close()
    return figures


def keystroke_ms(vault) -> float:
    return measure(vault)["GUI: last key to updated list, without debounce (ms, median)"]


def as_figures(shown: dict[str, float], size: int) -> list[Figure]:
    """The table rows of ``measure``, each with its peer from the same run."""
    peers = {"last key": ("repaint of a plain table, same size",
                          shown.get("peer: repaint of a plain table of 200 rows (ms)")),
             "stall": ("idle event loop, same timer",
                       shown.get("peer: longest gap of an idle event loop (ms)"))}
    result = []
    for name, value in shown.items():
        if "debounce delay" in name or name.startswith("peer:"):
            continue
        goal = ("≤ 30 ms" if "last key" in name else "≤ 50 ms" if "stall" in name else "")
        floor_name, floor = next((p for k, p in peers.items() if k in name), ("", None))
        result.append(Figure(f"{name.split(' (ms')[0]} at {size:,}", value, "ms", floor_name,
                             floor, goal if size == 100_000 else ""))
    return result


def figures(ctx: Context) -> list[Figure]:
    from zorgapp.store.vault import Vault

    result: list[Figure] = []
    for size in ctx.sizes:
        vault = Vault.unlock(ctx.vault(size), PASSPHRASE)
        try:
            result += as_figures(measure(vault), size)
        finally:
            vault.lock()
    return result


if __name__ == "__main__":
    from zorgapp.services import vault_service

    v = vault_service.unlock(Path(sys.argv[1]), Path(sys.argv[2]).read_text().strip())
    for name, value in measure(v).items():
        print(f"  {name:<62} {value:10.2f}")
    v.lock()
