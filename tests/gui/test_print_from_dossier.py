"""Printing where the coordinator works: the placement letter from the Opvang tab, the
case summary from the dossier view; previews from memory, audited, closed on lock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import settle
from tests.unit.reports.pdftext import squash, text
from tests.unit.services.opvang_fixtures import VANDAAG, dossier
from zorgapp.domain.codes import Fase
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault
from zorgapp.ui.dialogs.brief_dialog import BriefDialog
from zorgapp.ui.dossier.opvang_tab import OpvangTab

LEFT = Qt.MouseButton.LeftButton
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def geplaatst(vault: Vault) -> str:
    """A client with one placement at a shelter whose address is secret."""
    RegionService(vault).stel_demo_in()
    opvang = OpvangService(vault, actor="t", vandaag=lambda: VANDAAG)
    loc = opvang.nieuwe_locatie("Stichting Voorbeeld (fictief)", "Huis Noord (fictief)", "VO",
                                capaciteit=4, dagtarief="120,00", geldig_vanaf=date(2025, 1, 1),
                                adres="Geheimweg 7, 2300 AA Leiden", adres_geheim=True).uuid
    uuid = dossier(vault, gemeente="GM0546", naam="Ștefania Ștefănescu",
                   fasen=((Fase.INTAKE, date(2026, 1, 5)), (Fase.AANGEMELD, date(2026, 1, 8))))
    opvang.plaats_direct(uuid, "VO", date(2026, 1, 15), locatie_uuid=loc,
                         evaluatiedatum=date(2026, 3, 1))
    return uuid


def test_placement_letter_from_the_opvang_tab(qtbot, ctx, vault, geplaatst) -> None:
    tab = OpvangTab(ctx, vandaag=lambda: VANDAAG)
    qtbot.addWidget(tab)
    tab.set_vault(vault)
    tab.set_dossier(geplaatst)
    settle(qtbot)
    assert not tab.brief_button.isEnabled()  # nothing chosen yet
    tab.plaatsing_view.selectRow(0)
    assert tab.brief_button.isEnabled()

    def answer(dialog: BriefDialog) -> bool:
        dialog.alias_check.setChecked(True)
        dialog.ondertekenaar_edit.setText("Łukasz Szőke")
        return True

    tab.run_dialog = answer
    qtbot.mouseClick(tab.brief_button, LEFT)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=10_000)
    body = squash(text(tab.preview.pdf))
    assert squash("Plaatsingsbrief") in body and squash("Łukasz Szőke") in body
    assert "Ștefănescu" not in body  # alias asked: initials instead of the name
    assert "Geheimweg" not in body
    assert ctx.setting("letter_signer") == "Łukasz Szőke"  # remembered for next time

    entries = vault.audit.entries()
    assert (entries[-1].action, entries[-1].outcome) == ("open", "letter")
    tab.preview._on_print()  # what a finished print calls
    ctx.tasks.wait_idle()
    assert vault.audit.entries()[-1].action == "print"


def test_cancelled_letter_dialog_makes_nothing(qtbot, ctx, vault, geplaatst) -> None:
    tab = OpvangTab(ctx, vandaag=lambda: VANDAAG)
    qtbot.addWidget(tab)
    tab.set_vault(vault)
    tab.set_dossier(geplaatst)
    settle(qtbot)
    tab.plaatsing_view.selectRow(0)
    before = len(vault.audit.entries())
    tab.run_dialog = lambda dialog: False
    qtbot.mouseClick(tab.brief_button, LEFT)
    ctx.tasks.wait_idle()
    assert tab.preview is None and len(vault.audit.entries()) == before


def test_case_summary_from_the_dossier_view_and_closed_on_lock(
        qtbot, make_window, vault, geplaatst, tmp_path: Path) -> None:
    window = make_window(vault=vault)
    window.open_dossier(geplaatst)
    view = window.page("dossiers").view
    qtbot.waitUntil(lambda: view.dossier is not None, timeout=10_000)
    qtbot.mouseClick(view.overzicht_button, LEFT)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10_000)
    preview = view.preview
    body = squash(text(preview.pdf))
    assert squash("Ștefania Ștefănescu") in body
    assert squash(DossierService(vault).laad(geplaatst).dossiernummer) in body
    assert preview.isVisible()
    assert list(tmp_path.glob("*.pdf")) == []

    window.lock()
    assert not preview.isVisible()  # a document with client data never outlives the lock
