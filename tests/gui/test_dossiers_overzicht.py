"""The dashboard: a case's deadlines show up, per-stage chart, new signals this week,
and activating a row opens the dossier."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from zorgapp.domain.codes import Fase, MelderType
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.i18n import format_date
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.vault import Vault
from zorgapp.ui.pages.overzicht import OverzichtPage


def _rows(table) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


@pytest.fixture
def case(vault):
    service = DossierService(vault)
    today = date.today()
    d = service.nieuwe_melding(Persoon(naam="Oksana Shevchenko"),
                               Melding(datum=today - timedelta(days=10), melder_type=MelderType.FAIRWORK))
    service.overgang(d.uuid, Fase.INTAKE, today - timedelta(days=5), "Intakegesprek")
    service.taak_toevoegen(d.uuid, "Terugbellen melder", today - timedelta(days=1))
    service.taak_toevoegen(d.uuid, "Huisvesting regelen", today + timedelta(days=3))
    return service, d


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_deadlines_of_a_case_appear_on_the_dashboard(qtbot, ctx, vault, case) -> None:
    service, d = case
    page = OverzichtPage(ctx)
    qtbot.addWidget(page)
    page.set_vault(vault)
    qtbot.waitUntil(lambda: page.overzicht is not None and not page.is_loading(), timeout=10_000)
    overdue = _rows(page.overdue_table)
    soon = _rows(page.soon_table)
    assert [d.dossiernummer, "Oksana Shevchenko", "Taak: Terugbellen melder"] == overdue[0][:3]
    assert [r[2] for r in soon] == ["Taak: Huisvesting regelen", "Aanmelden bij CoMensha"]
    assert soon[1][3] == format_date(date.today() - timedelta(days=5) + timedelta(days=14))
    assert page.overdue_box.title() == "Verlopen (1 dossier)"
    assert ("Intake", 1, "#4f83cc") in page.chart.data()
    assert "Afgesloten" not in [label for label, _v, _c in page.chart.data()]
    assert page.new_label.text().startswith("Nieuwe meldingen deze week: ")

    ctx.set_setting("privacy_initials", True)
    assert _rows(page.overdue_table)[0][1] == "O.S."

    page.resize(1100, 650)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.open_dossier) as blocker:
        rect = page.soon_table.visualRect(page.soon_table.model().index(0, 0))
        # Qt 6's QTest needs the press of a first click before the double click
        qtbot.mouseClick(page.soon_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.soon_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [d.uuid]

    # After ticking the task off, a refresh drops it.
    service.taak_afvinken(d.uuid, service.laad(d.uuid).taken[0].uuid)
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_loading() and page.overdue_table.rowCount() == 0, timeout=10_000)
    page.clear()
    assert page.soon_table.rowCount() == 0 and page.chart.data() == []


def test_dashboard_row_opens_the_dossier_in_the_main_window(qtbot, make_window, vault_path) -> None:
    vault, _key = Vault.create(vault_path, PASSPHRASE)
    service = DossierService(vault)
    d = service.nieuwe_melding(Persoon(naam="Ion Popa"),
                               Melding(datum=date.today() - timedelta(days=3), melder_type=MelderType.POLITIE))
    service.taak_toevoegen(d.uuid, "Terugbellen melder", date.today() + timedelta(days=2))
    window = make_window(vault=vault)
    window.show_page("overzicht")
    page = window.page("overzicht")
    qtbot.waitUntil(lambda: page.overzicht is not None and page.soon_table.rowCount() == 1, timeout=10_000)
    page.request_dossier(page.soon_table.model().index(0, 0).data(Qt.ItemDataRole.UserRole))
    assert window.current_page_name() == "dossiers"
    dossiers = window.page("dossiers")
    qtbot.waitUntil(lambda: dossiers.stack.currentWidget() is dossiers.view, timeout=10_000)
    assert dossiers.stack.currentWidget() is dossiers.view
    assert dossiers.view.dossier.uuid == d.uuid


def test_deadline_table_model_is_sound(qtmodeltester, vault, case) -> None:
    from zorgapp.ui.pages.overzicht import DeadlineTableModel, dashboard

    service, _d = case
    result = dashboard(service)
    model = DeadlineTableModel()
    model.set_rows(result.achterstallig + result.binnenkort, privacy=False)
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    model.set_rows([], privacy=True)
    qtmodeltester.check(model)
