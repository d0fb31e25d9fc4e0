"""Beheer > Bewaren: the retention list, a legal hold, and Vernietigen… confirmed by
typing the case number, with the verklaring offered afterwards (issue 14 parts 1-2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import PASSPHRASE
from zorgapp.store.vault import Vault
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dialogs.vernietig_dialog import VernietigDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_destroy_from_beheer_needs_the_number_and_offers_the_verklaring(
        qtbot, make_window, demo_vault: Path, qtmodeltester) -> None:
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    window = make_window(vault=vault)
    window.show_page("beheer")
    page = window.page("beheer")
    tab = page.bewaren_tab
    page.tabs.setCurrentWidget(tab)
    tab.alleen_verstreken.setChecked(False)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=20_000)
    qtmodeltester.check(tab.model)
    count = tab.model.rowCount()
    tab.view.selectRow(0)
    regel = tab.selected()
    assert regel is not None and tab.destroy_button.isEnabled()
    qtbot.mouseClick(tab.destroy_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(VernietigDialog)
    assert dialog is not None and not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.bevestiging, regel.dossiernummer)
    assert dialog.ok.isEnabled() and dialog.vroeg.isChecked()  # the demo cases closed recently
    qtbot.keyClicks(dialog.reden, "verzoek betrokkene")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(isinstance(w, PdfPreviewDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=30_000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == count - 1, timeout=20_000)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, PdfPreviewDialog):
            w.close()
    assert regel.dossiernummer not in [tab.model.row(i).dossiernummer for i in range(tab.model.rowCount())]


def test_dossier_view_offers_destroy_for_a_closed_case_only(qtbot, make_window, demo_vault: Path) -> None:
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    with vault.read() as db:
        gesloten = db.execute("SELECT uuid FROM dossier WHERE fase = 'afgesloten' LIMIT 1").fetchone()[0]
        open_ = db.execute("SELECT uuid FROM dossier WHERE fase != 'afgesloten' LIMIT 1").fetchone()[0]
    window = make_window(vault=vault)
    window.show_page("dossiers")
    page = window.page("dossiers")
    page.show_dossier(open_)
    qtbot.waitUntil(lambda: page.view.dossier is not None and page.view.dossier.uuid == open_, timeout=20_000)
    assert page.view.vernietig_button.isHidden()
    page.show_dossier(gesloten)
    qtbot.waitUntil(lambda: page.view.dossier is not None and page.view.dossier.uuid == gesloten, timeout=20_000)
    assert not page.view.vernietig_button.isHidden()
    qtbot.mouseClick(page.view.vernietig_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.view.vernietig_dialog is not None, timeout=20_000)
    dialog = page.view.vernietig_dialog
    assert isinstance(dialog, VernietigDialog)
    qtbot.keyClicks(dialog.bevestiging, dialog.regel.dossiernummer)
    qtbot.keyClicks(dialog.reden, "verzoek betrokkene")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.view.dossier is None, timeout=30_000)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, PdfPreviewDialog):
            w.close()
    with vault.read() as db:
        assert db.execute("SELECT count(*) FROM dossier WHERE uuid = ?", (gesloten,)).fetchone()[0] == 0


def test_dashboard_says_how_many_cases_are_past_their_term(qtbot, make_window, demo_vault: Path) -> None:
    from datetime import date

    from zorgapp.services.bewaren_service import BewaarService

    vault = Vault.unlock(demo_vault, PASSPHRASE)
    window = make_window(vault=vault)
    window.show_page("overzicht")
    page = window.page("overzicht")
    qtbot.waitUntil(lambda: not page.is_loading() and page.verstreken is not None, timeout=20_000)
    assert page.bewaren_label.text() == ""  # the demo cases closed recently
    later = BewaarService(vault, vandaag=lambda: date(2100, 1, 1))
    page.bewaar_service = later
    page.refresh()
    due = len(later.lijst(alleen_verstreken=True))
    qtbot.waitUntil(lambda: str(due) in page.bewaren_label.text(), timeout=20_000)
    assert due > 0 and "Bewaartermijn verstreken" in page.bewaren_label.text()
