"""Preview from memory, print into a printer's painter, save only where asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from tests.unit.reports import fixtures as fx
from zorgapp.reports.letter import plaatsingsbrief
from zorgapp.services.demo import fill_demo
from zorgapp.settings import Settings
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.pages.rapportages import RapportagesPage
from zorgapp.ui.tasks import TaskRunner


def _pdf() -> bytes:
    d = fx.dossier()
    return plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), fx.BRIEFHOOFD, vandaag=fx.VANDAAG)


def test_preview_loads_pages_from_memory_and_saves_only_on_request(qtbot, tmp_path,
                                                                   monkeypatch) -> None:
    saved: list[Path] = []
    dialog = PdfPreviewDialog(_pdf(), "Plaatsingsbrief", suggested_name="brief.pdf",
                              on_save=saved.append)
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 2
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "brief"), "PDF"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [tmp_path / "brief.pdf"]  # .pdf added; the callback writes the file


def test_printing_renders_every_page_into_the_printer(qtbot, tmp_path) -> None:
    printed: list[bool] = []
    dialog = PdfPreviewDialog(_pdf(), "Plaatsingsbrief", on_print=lambda: printed.append(True))
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    uit = tmp_path / "afdruk.pdf"
    printer.setOutputFileName(str(uit))
    assert dialog.print_to(printer)
    from pypdf import PdfReader

    assert len(PdfReader(str(uit)).pages) == 2


@pytest.fixture
def page(qtbot, vault, tmp_path):
    fill_demo(vault, 60, seed=3, vandaag=date(2026, 11, 22))
    tasks = TaskRunner()
    ctx = UiContext(Settings(tmp_path / "settings.json"), tasks)
    widget = RapportagesPage(ctx)
    qtbot.addWidget(widget)
    widget.set_vault(vault)
    yield widget
    tasks.wait_idle()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_year_report_is_made_off_the_gui_thread_and_previewed(qtbot, page) -> None:
    page.soort.setCurrentIndex(page.soort.findData("annual"))
    page.jaar.setValue(2026)
    assert not page.dossiernummer.isVisible()
    qtbot.mouseClick(page.maak_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview is not None, timeout=20_000)
    assert page.preview.page_count() >= 1
    assert page.maak_knop.isEnabled()
    page.clear()
    assert page.preview is None


def test_unknown_case_number_gives_a_message_not_a_crash(qtbot, page) -> None:
    page.soort.setCurrentIndex(page.soort.findData("summary"))
    qtbot.keyClicks(page.dossiernummer, "HM-1999-0001")
    qtbot.mouseClick(page.maak_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "HM-1999-0001" in page.status.text(), timeout=10_000)
    assert page.preview is None
