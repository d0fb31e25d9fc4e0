"""Opvang tab, Opvang page and Financiën page driven like a user would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from tests.gui.conftest import settle
from tests.unit.services.opvang_fixtures import VANDAAG, dossier
from zorgapp.domain.codes import Fase
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault

LEFT = Qt.MouseButton.LeftButton


def fake_dialogs(qtbot: Any, widget: Any, fill: list[Any]) -> list[QDialog]:
    """Replace ``run_dialog``: each call fills the dialog with the next function and
    presses OK (the dialog's own accept runs the service on the worker, like a click
    would; the fake waits for it as ``exec`` would)."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        fill.pop(0)(dialog)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
        return dialog.result() == QDialog.DialogCode.Accepted

    widget.run_dialog = run
    return seen


def set_date(edit: Any, d: date) -> None:
    edit.setDate(QDate(d.year, d.month, d.day))


@pytest.fixture
def setup(vault: Vault) -> tuple[Vault, str, str]:
    RegionService(vault).stel_demo_in()
    loc = OpvangService(vault, actor="t", vandaag=lambda: VANDAAG).nieuwe_locatie(
        "Stichting Voorbeeld (fictief)", "Opvanglocatie Noord (fictief)", "VO", capaciteit=4,
        dagtarief="120,00", geldig_vanaf=date(2025, 1, 1)).uuid
    uuid = dossier(vault, gemeente="GM0546",
                   fasen=((Fase.INTAKE, date(2026, 1, 5)), (Fase.AANGEMELD, date(2026, 1, 8))))
    return vault, uuid, loc


def test_model_contracts(qtmodeltester: Any, setup: tuple[Vault, str, str], ctx: Any) -> None:
    from zorgapp.services.allocation_service import AllocationService
    from zorgapp.ui.models import financien_models as f
    from zorgapp.ui.models import opvang_models as m

    vault, uuid, loc = setup
    service = OpvangService(vault, vandaag=lambda: VANDAAG)
    service.plaats_direct(uuid, "VO", date(2026, 2, 1), locatie_uuid=loc,
                          verwachte_einddatum=date(2026, 7, 5))
    service.voeg_kostenpost_toe(uuid, "tolk", date(2026, 2, 2), "50")
    uitkomst = AllocationService(vault, vandaag=lambda: VANDAAG).bereken(2026, 1)
    models: list[tuple[Any, list[Any]]] = [
        (m.BezettingTableModel(), service.bezetting()),
        (m.EindigendTableModel(), service.eindigend()),
        (m.KostenpostTableModel(), service.kostenposten(uuid)),
        (f.AandeelTableModel(), uitkomst.verdeling.aandelen),
        (f.ToelichtingTableModel(), [f.ToelichtingRij(r, "HM-2026-0001")
                                     for r in uitkomst.verdeling.aandelen[0].regels]),
    ]
    p = service.plaatsingen(uuid)[0]
    models.append((m.PlaatsingTableModel(), [m.PlaatsingRij(p, "Noord", Decimal(120), 3,
                                                             Decimal(360))]))
    for model, rows in models:
        assert rows
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows)


def test_place_change_rate_end_and_see_costs(qtbot: Any, ctx: Any,
                                             setup: tuple[Vault, str, str]) -> None:
    from zorgapp.ui.pages.financien import FinancienPage
    from zorgapp.ui.dossier.opvang_tab import OpvangTab

    vault, uuid, loc = setup
    tab = OpvangTab(ctx, vandaag=lambda: VANDAAG)
    qtbot.addWidget(tab)
    tab.set_vault(vault)
    tab.set_dossier(uuid)
    settle(qtbot)
    changed: list[str] = []
    tab.dossier_changed.connect(changed.append)
    assert tab.plaatsing_model.rowCount() == 0
    assert not tab.beeindig_button.isEnabled()

    finance = FinancienPage(ctx, vandaag=lambda: VANDAAG)
    qtbot.addWidget(finance)
    finance.jaar_spin.setValue(2026)
    finance.soort_combo.setCurrentIndex(finance.soort_combo.findData("kwartaal"))
    finance.periode_combo.setCurrentIndex(0)
    finance.set_vault(vault)
    ctx.tasks.wait_idle()
    assert finance.uitkomst is not None and finance.uitkomst.verdeling.totaal == 0

    def place(d: Any) -> None:
        d.type_combo.setCurrentIndex(d.type_combo.findData("VO"))
        assert d.locatie_combo.currentData() == loc
        set_date(d.datum_edit, date(2026, 1, 15))
        d.evaluatie.check.setChecked(True)
        set_date(d.evaluatie.edit, date(2026, 7, 3))

    def rate(d: Any) -> None:
        set_date(d.datum_edit, date(2026, 3, 1))
        qtbot.keyClicks(d.bedrag_edit, "150,00")

    def end(d: Any) -> None:
        set_date(d.datum_edit, date(2026, 4, 10))
        qtbot.keyClicks(d.reden_edit, "Zelfstandig wonen")

    def post(d: Any) -> None:
        d.soort_combo.setCurrentIndex(d.soort_combo.findData("tolk"))
        set_date(d.datum_edit, date(2026, 2, 10))
        qtbot.keyClicks(d.bedrag_edit, "99,99")

    fake_dialogs(qtbot, tab, [place, rate, end, post])
    qtbot.mouseClick(tab.plaats_direct_button, LEFT)
    settle(qtbot)
    assert tab.plaatsing_model.rowCount() == 1
    assert "fase Geplaatst" in tab.melding_label.text()
    assert DossierService(vault).laad(uuid).traject.huidige_fase is Fase.GEPLAATST
    assert changed == [uuid]
    assert tab.beeindig_button.isEnabled()  # the new placement is selected

    qtbot.mouseClick(tab.tarief_button, LEFT)
    settle(qtbot)
    qtbot.mouseClick(tab.beeindig_button, LEFT)
    settle(qtbot)
    rij = tab.plaatsing_model.row(0)
    assert rij.plaatsing.tot == date(2026, 4, 10)
    assert rij.nachten == 85
    assert rij.kosten == Decimal(45) * 120 + Decimal(40) * 150
    qtbot.mouseClick(tab.post_button, LEFT)
    settle(qtbot)
    assert tab.post_model.rowCount() == 1
    assert "11.499,99" in tab.totaal_label.text()

    # the allocation of Q1 now holds 76 nights (45 x 120 + 31 x 150) plus the interpreter
    qtbot.mouseClick(finance.bereken_button, LEFT)
    ctx.tasks.wait_idle()
    v = finance.uitkomst.verdeling
    assert v.totaal == Decimal("5400.00") + Decimal("4650.00") + Decimal("99.99")
    assert sum(a.bedrag for a in v.aandelen) == v.totaal
    assert finance.aandeel_model.rowCount() == 18
    assert "10.149,99" in finance.samenvatting_label.text()
    # drill-down by dossiernummer
    assert finance.selecteer_gemeente("GM0546")
    nummers = {r.dossiernummer for r in finance.toelichting_model.rows()}
    assert nummers == {DossierService(vault).laad(uuid).dossiernummer}
    texts = [finance.toelichting_model.index(r, 0).data() for r in
             range(finance.toelichting_model.rowCount())]
    assert all(t.startswith("HM-") for t in texts)
    # binding key: Leiden pays everything
    finance.sleutel_combo.setCurrentIndex(finance.sleutel_combo.findData("binding"))
    qtbot.mouseClick(finance.bereken_button, LEFT)
    ctx.tasks.wait_idle()
    leiden = finance.uitkomst.verdeling.aandeel("GM0546")
    assert leiden is not None and leiden.bedrag == v.totaal


def test_overlap_message_stays_in_dialog(qtbot: Any, ctx: Any,
                                         setup: tuple[Vault, str, str]) -> None:
    from zorgapp.ui.dossier.opvang_tab import OpvangTab

    vault, uuid, loc = setup
    OpvangService(vault, vandaag=lambda: VANDAAG).plaats_direct(uuid, "VO", date(2026, 2, 1),
                                                                 locatie_uuid=loc)
    tab = OpvangTab(vault=vault, dossier_uuid=uuid, vandaag=lambda: VANDAAG)
    qtbot.addWidget(tab)
    settle(qtbot)
    seen = fake_dialogs(qtbot, tab, [lambda d: set_date(d.datum_edit, date(2026, 3, 1))])
    qtbot.mouseClick(tab.plaats_direct_button, LEFT)
    settle(qtbot)
    assert seen[0].result() != QDialog.DialogCode.Accepted
    assert "overlapt" in seen[0].error_label.text()
    assert tab.plaatsing_model.rowCount() == 1


def test_opvang_page_registry_and_ending(qtbot: Any, ctx: Any,
                                         setup: tuple[Vault, str, str]) -> None:
    from zorgapp.ui.pages.opvang import OpvangPage

    vault, uuid, loc = setup
    OpvangService(vault, vandaag=lambda: VANDAAG).plaats_direct(
        uuid, "VO", date(2026, 6, 1), locatie_uuid=loc, verwachte_einddatum=date(2026, 7, 8))
    page = OpvangPage(ctx, vandaag=lambda: VANDAAG)
    qtbot.addWidget(page)
    page.set_vault(vault)
    settle(qtbot)
    assert page.locatie_model.rowCount() == 1
    bezet = page.locatie_model.index(0, 4).data()
    assert bezet == "1"
    assert page.locatie_model.index(0, 7).data() == "geheim"
    assert page.eindigend_model.rowCount() == 1
    assert page.eindigend_model.index(0, 1).data().startswith("HM-2026-")
    opened: list[str] = []
    page.open_dossier.connect(opened.append)
    page.eindigend_view.activated.emit(page.eindigend_model.index(0, 1))
    assert opened == [uuid]

    def new_without_organisation(d: Any) -> None:
        qtbot.keyClicks(d.naam_edit, "Crisisplek Oost (fictief)")

    def new(d: Any) -> None:
        d.organisatie_combo.setCurrentIndex(0)  # the existing organisation
        qtbot.keyClicks(d.naam_edit, "Crisisplek Oost (fictief)")
        d.type_combo.setCurrentIndex(d.type_combo.findData("CRISIS"))
        qtbot.keyClicks(d.tarief_edit, "250")
        assert d.geheim_check.isChecked()

    seen = fake_dialogs(qtbot, page, [new_without_organisation, new])
    qtbot.mouseClick(page.nieuw_button, LEFT)
    settle(qtbot)
    assert "organisatie" in seen[0].error_label.text() and page.locatie_model.rowCount() == 1
    qtbot.mouseClick(page.nieuw_button, LEFT)
    settle(qtbot)
    assert page.locatie_model.rowCount() == 2
    names = {r.locatie.naam for r in page.locatie_model.rows()}
    assert "Crisisplek Oost (fictief)" in names


def test_csv_export_via_file_dialog(qtbot: Any, ctx: Any, setup: tuple[Vault, str, str],
                                    tmp_path: Path) -> None:
    from zorgapp.ui.pages.financien import FinancienPage

    vault, uuid, loc = setup
    OpvangService(vault, vandaag=lambda: VANDAAG).plaats_direct(uuid, "VO", date(2026, 1, 1),
                                                                 locatie_uuid=loc)
    page = FinancienPage(ctx, vandaag=lambda: VANDAAG)
    qtbot.addWidget(page)
    page.jaar_spin.setValue(2026)
    page.set_vault(vault)
    ctx.tasks.wait_idle()
    target = tmp_path / "verdeling"
    page.ask_save_path = lambda suggestion: str(target)
    qtbot.mouseClick(page.export_button, LEFT)
    settle(qtbot)
    ctx.tasks.wait_idle()
    written = tmp_path / "verdeling.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Opgeslagen" in page.status_label.text()
