"""Issue 12.4 (g): all four keys configurable from Financiën; issuing a statement; the
region dialog keeps inhabitants per year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt

from tests.gui.conftest import settle
from tests.unit.services.opvang_fixtures import VANDAAG, dossier
from zorgapp.domain.allocation import Sleutel
from zorgapp.services.opvang_service import OpvangService
from zorgapp.services.region_service import RegionService
from zorgapp.store.vault import Vault
from zorgapp.ui.dialogs.regio_dialog import COL_CODE, COL_INWONERS, RegioDialog
from zorgapp.ui.dialogs.sleutel_dialog import COL_PCT, SleutelDialog

LEFT = Qt.MouseButton.LeftButton


def test_all_four_keys_in_the_key_dialog(qtbot: Any, vault: Vault) -> None:
    service = RegionService(vault)
    service.stel_demo_in()
    dialog = SleutelDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    assert dialog.knoppen[Sleutel.INWONERS].isChecked()
    assert not dialog.table.isEnabled()
    dialog.knoppen[Sleutel.VAST].setChecked(True)
    assert dialog.table.isEnabled() and dialog.table.rowCount() == 18
    for r in range(18):
        dialog.table.item(r, COL_PCT).setText("5,5" if r < 17 else "6,4")
    assert "99,9" in dialog.som_label.text()
    dialog.save()
    settle(qtbot)
    assert "100" in dialog.message.text() and service.sleutel(0).soort is Sleutel.INWONERS
    dialog.table.item(17, COL_PCT).setText("6,5")
    dialog.save()
    settle(qtbot)
    sleutel = service.sleutel(0)
    assert sleutel.soort is Sleutel.VAST
    assert sleutel.vaste_percentages is not None
    assert sum(sleutel.vaste_percentages.values()) == 100

    dialog = SleutelDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    assert dialog.knoppen[Sleutel.VAST].isChecked()  # read back
    dialog.knoppen[Sleutel.MIX].setChecked(True)
    dialog.mix_spin.setValue(40)
    dialog.save()
    settle(qtbot)
    assert service.sleutel(0).mix_inwoners_pct == Decimal("40.00")
    dialog = SleutelDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    dialog.jaar_combo.setCurrentIndex(dialog.jaar_combo.findData(2025))
    settle(qtbot)
    dialog.knoppen[Sleutel.BINDING].setChecked(True)
    dialog.save()
    settle(qtbot)
    assert service.sleutel(2025).soort is Sleutel.BINDING
    assert service.sleutel(2026).soort is Sleutel.MIX


def test_financien_reaches_the_key_dialog_and_issues(qtbot: Any, ctx: Any, vault: Vault,
                                                     monkeypatch: Any) -> None:
    from zorgapp.ui.pages.financien import FinancienPage

    RegionService(vault).stel_demo_in()
    uuid = dossier(vault, gemeente="GM0546")
    OpvangService(vault, vandaag=lambda: VANDAAG).plaats_direct(uuid, "VO", date(2026, 1, 1),
                                                                 dagtarief="100")
    page = FinancienPage(ctx, vandaag=lambda: date(2026, 7, 2))
    qtbot.addWidget(page)
    page.jaar_spin.setValue(2026)
    page.soort_combo.setCurrentIndex(page.soort_combo.findData("kwartaal"))
    page.periode_combo.setCurrentIndex(0)
    page.set_vault(vault)
    settle(qtbot)
    assert "Concept" in page.vaststelling_label.text()
    geopend: list[Any] = []
    def exec_(self: SleutelDialog) -> int:
        geopend.append(self)
        return 0

    monkeypatch.setattr(SleutelDialog, "exec", exec_)
    assert page.sleutel_button.isEnabled()
    qtbot.mouseClick(page.sleutel_button, LEFT)
    assert len(geopend) == 1
    settle(qtbot)
    page.bevestig_vaststellen = lambda periode: True
    assert page.vaststel_button.isEnabled()
    qtbot.mouseClick(page.vaststel_button, LEFT)
    settle(qtbot)
    ctx.tasks.wait_idle()
    settle(qtbot)
    assert page.uitkomst is not None and page.uitkomst.vastgesteld
    assert "Vastgesteld" in page.vaststelling_label.text()
    assert not page.vaststel_button.isEnabled()


def test_region_dialog_keeps_inhabitants_per_year(qtbot: Any, vault: Vault) -> None:
    service = RegionService(vault)
    service.stel_demo_in()
    dialog = RegioDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    dialog.peildatum_edit.setDate(QDate(2026, 1, 1))
    rij = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, COL_CODE).text() == "GM0546")
    vorig = dialog.table.item(rij, COL_INWONERS).text()
    dialog.table.item(rij, COL_INWONERS).setText("300000")
    dialog.save()
    settle(qtbot)
    assert service.regio_in_jaar(2026).gemeenten["GM0546"].inwoners == 300000
    assert str(service.regio_in_jaar(2025).gemeenten["GM0546"].inwoners) == vorig
    assert service.inwoners_per_jaar()["GM0547"] == {2025: service.regio_in_jaar(2025)
                                                      .gemeenten["GM0547"].inwoners}
