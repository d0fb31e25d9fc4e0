"""Issue 14 parts 3 and 5 in the window: the restriction banner and the privacy menu
of the dossier view, who opened the case, and Beheer's audit filter with the exports."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.conftest import PASSPHRASE
from tests.gui.conftest import settle
from tests.unit.services.opvang_fixtures import dossier
from zorgapp.i18n import _
from zorgapp.services.privacy_service import PrivacyService
from zorgapp.store.vault import Vault
from zorgapp.ui.dialogs.privacy_dialogs import IngezienDialog
from zorgapp.ui.models.logregel_model import LogRegelTableModel

LEFT = Qt.MouseButton.LeftButton


def test_restricted_case_shows_a_banner_and_who_opened_it(qtbot, dossier_view, vault,
                                                          monkeypatch) -> None:
    uuid = dossier(vault, naam="Łukasz Wiśniewski")
    PrivacyService(vault).beperk(uuid, "Verzoek cliënt")
    dossier_view.open(uuid)
    qtbot.waitUntil(lambda: dossier_view.dossier is not None and not dossier_view.is_loading(),
                    timeout=10_000)
    assert not dossier_view.privacy.balk.isHidden()
    assert "art. 18" in dossier_view.privacy.balk.text()
    assert dossier_view.privacy.beperk_action.text() == _("Beperking opheffen…")
    shown: list[IngezienDialog] = []
    monkeypatch.setattr(IngezienDialog, "open", lambda self: shown.append(self))
    dossier_view.privacy.ingezien_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    model = shown[0].model
    rows = {(model.index(r, 2).data(), model.index(r, 3).data()) for r in range(model.rowCount())}
    nummer = dossier_view.dossier.dossiernummer
    assert (_("geopend"), f"{_('dossier')} {nummer}") in rows
    shown[0].deleteLater()


def test_beheer_filters_the_trail_by_case_and_exports_csv(qtbot, make_window, locked_vault,
                                                          tmp_path, monkeypatch) -> None:
    vault = Vault.unlock(locked_vault, PASSPHRASE)
    a = dossier(vault, naam="Ana Pop")
    dossier(vault, naam="Ion Rusu")
    with vault.read() as db:
        nummer = db.execute("SELECT dossiernummer FROM dossier WHERE uuid = ?", (a,)).fetchone()[0]
    window = make_window(vault=vault)
    window.show_page("beheer")
    beheer = window.page("beheer")
    beheer.tabs.setCurrentIndex(3)
    page = beheer.audit_tab
    qtbot.waitUntil(lambda: page.audit_model.rowCount() > 0, timeout=10_000)
    page.filter_bar.dossier.setText(nummer)
    qtbot.mouseClick(page.filter_bar.filter_button, LEFT)
    qtbot.waitUntil(lambda: all(nummer in page.audit_model.index(r, 3).data()
                                for r in range(page.audit_model.rowCount())), timeout=10_000)
    assert page.audit_model.rowCount() >= 1
    target = tmp_path / "fg.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.filter_bar.csv_button, LEFT)
    qtbot.waitUntil(lambda: target.exists() and bool(page.audit_status.text()), timeout=10_000)
    settle(qtbot)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows and {r["dossiernummer"] for r in rows} == {nummer}
    assert "ongeschonden" in page.audit_status.text()


def test_log_model_is_sound(qtmodeltester, vault) -> None:
    from zorgapp.services.logboek_service import AuditFilter, LogboekService

    model = LogRegelTableModel()
    model.set_regels(LogboekService(vault).zoek(AuditFilter()))
    qtmodeltester.check(model)

