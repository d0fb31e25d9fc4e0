"""Printing a document (the recovery-key sheet above all) never freezes the window
(issue 15, item 6): the pages are rendered into the printer on the task runner while
the GUI thread keeps handling events."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from tests.unit.reports import fixtures as fx
from zorgapp.reports.recovery import herstelsleutelblad
from zorgapp.ui.dialogs import pdf_preview
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.tasks import TaskRunner


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_printing_the_sheet_leaves_the_gui_thread_free(qtbot: Any, monkeypatch: Any,
                                                       tmp_path: Path) -> None:
    target = tmp_path / "afdruk.pdf"

    def accept(dialog: QPrintDialog) -> int:  # a real printer here would be paper
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    release = threading.Event()
    threads: list[threading.Thread] = []
    real = pdf_preview.render_into

    def held(printer: QPrinter, pdf: bytes) -> bool:
        threads.append(threading.current_thread())
        assert release.wait(30)  # the page is "still rendering" until the test says so
        return real(printer, pdf)

    monkeypatch.setattr(pdf_preview, "render_into", held)
    printed: list[bool] = []
    tasks = TaskRunner()
    preview = PdfPreviewDialog(herstelsleutelblad("ABCD" * 16, "k.zorg", fx.BRIEFHOOFD),
                               "Herstelsleutel", on_print=lambda: printed.append(True),
                               tasks=tasks)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    # Back on the GUI thread while the printing runs: events are handled.
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks) and bool(threads), timeout=10_000)
    assert preview.is_printing() and not preview.print_button.isEnabled()
    assert printed == [] and threads[0] is not threading.main_thread()
    release.set()
    qtbot.waitUntil(lambda: not preview.is_printing(), timeout=30_000)
    assert printed == [True] and preview.print_button.isEnabled()
    assert target.exists()
    tasks.shutdown()
