"""One route to a dossier: every page that lists dossiers opens one through the page
base class's ``open_dossier`` signal, which the main window connects once, and the
dossier lands in the dossier view on the Dossiers page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import SIGNAL

from tests.conftest import PASSPHRASE
from zorgapp.domain.codes import Fase, MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault

TODAY = date.today()  # the main window's pages run on the real clock


@pytest.fixture
def placed(vault_path: Path) -> tuple[Vault, str]:
    """A case in Leiden, placed until five days from now, with a cost item today.

    The vault is the window's to close (not the ``vault`` fixture's): closing the
    window backs it up and locks it."""
    vault, _key = Vault.create(vault_path, PASSPHRASE)
    RegionService(vault).stel_demo_in()
    opvang = OpvangService(vault)
    loc = opvang.nieuwe_locatie("Stichting Voorbeeld (fictief)", "Opvanglocatie Noord (fictief)",
                                "VO", capaciteit=4, dagtarief="120,00",
                                geldig_vanaf=TODAY - timedelta(days=400)).uuid
    service = DossierService(vault)
    d = service.nieuwe_melding(Persoon(naam="Ana Popescu", gemeente_van_binding="GM0546"),
                               Melding(datum=TODAY - timedelta(days=45),
                                       melder_type=MelderType.POLITIE,
                                       vormen=[Uitbuitingsvorm.ARBEID]))
    service.overgang(d.uuid, Fase.INTAKE, TODAY - timedelta(days=40), "test")
    service.overgang(d.uuid, Fase.AANGEMELD, TODAY - timedelta(days=35), "test")
    service.taak_toevoegen(d.uuid, "Terugbellen melder", TODAY + timedelta(days=2))
    opvang.plaats_direct(d.uuid, "VO", TODAY - timedelta(days=20), locatie_uuid=loc,
                         verwachte_einddatum=TODAY + timedelta(days=5))
    opvang.voeg_kostenpost_toe(d.uuid, "tolk", TODAY, "50")
    return vault, d.uuid


def _overzicht_row(qtbot: Any, page: Any) -> Any:
    qtbot.waitUntil(lambda: page.overzicht is not None and not page.is_loading()
                    and page.soon_table.rowCount() > 0, timeout=10_000)
    return lambda: page.soon_table.activated.emit(page.soon_table.model().index(0, 0))


def _opvang_row(qtbot: Any, page: Any) -> Any:
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.eindigend_model.rowCount() == 1
    return lambda: page.eindigend_view.activated.emit(page.eindigend_model.index(0, 1))


def _financien_row(qtbot: Any, page: Any) -> Any:
    page.jaar_spin.setValue(TODAY.year)
    page.soort_combo.setCurrentIndex(page.soort_combo.findData("jaar"))
    with qtbot.waitSignal(page.berekend, timeout=10_000):
        page.bereken()
    assert page.selecteer_gemeente("GM0546")
    assert page.toelichting_model.rowCount() > 0
    return lambda: page.toelichting_view.activated.emit(page.toelichting_model.index(0, 0))


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("name, find_row", [("overzicht", _overzicht_row),
                                            ("opvang", _opvang_row),
                                            ("financien", _financien_row)])
def test_page_opens_a_dossier_through_the_one_signal(qtbot: Any, make_window: Any,
                                                      placed: tuple[Vault, str], name: str,
                                                      find_row: Any) -> None:
    vault, uuid = placed
    window = make_window(vault=vault)
    for page in window.pages:  # the window's one connection, and no other
        assert page.receivers(SIGNAL("open_dossier(QString)")) == 1
    window.show_page(name)
    page = window.page(name)
    activate = find_row(qtbot, page)
    with qtbot.waitSignal(page.open_dossier, timeout=5_000) as blocker:
        activate()
    assert blocker.args == [uuid]
    assert window.current_page_name() == "dossiers"
    dossiers = window.page("dossiers")
    qtbot.waitUntil(lambda: dossiers.stack.currentWidget() is dossiers.view, timeout=10_000)
    assert dossiers.stack.currentWidget() is dossiers.view
    assert dossiers.view.dossier.uuid == uuid
