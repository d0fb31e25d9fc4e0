"""Financiën > Regio bewerken: choose municipalities, type inhabitants, record a merger."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import settle
from zorgapp.services.region_service import RegionService
from zorgapp.ui.dialogs.regio_dialog import COL_CODE, COL_IN, COL_INWONERS, RegioDialog


def _row(dialog: RegioDialog, code: str) -> int:
    for r in range(dialog.table.rowCount()):
        if dialog.table.item(r, COL_CODE).text() == code:
            return r
    raise AssertionError(code)


def test_choose_municipalities_and_type_inhabitants(qtbot, vault) -> None:
    dialog = RegioDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    dialog.naam_edit.setText("Testregio")
    for code, figure in (("GM0546", "127.500"), ("GM0547", "28000")):
        r = _row(dialog, code)
        dialog.table.item(r, COL_IN).setCheckState(Qt.CheckState.Checked)
        dialog.table.item(r, COL_INWONERS).setText(figure)
    dialog.save()
    settle(qtbot)
    regio = RegionService(vault).regio()
    assert regio is not None and regio.naam == "Testregio"
    assert set(regio.gemeenten) >= {"GM0546", "GM0547"}
    assert regio.gemeenten["GM0546"].inwoners == 127500
    assert regio.gemeenten["GM0547"].peildatum is not None


def test_bad_figure_changes_nothing(qtbot, vault) -> None:
    dialog = RegioDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    dialog.naam_edit.setText("Testregio")
    r = _row(dialog, "GM0546")
    dialog.table.item(r, COL_IN).setCheckState(Qt.CheckState.Checked)
    dialog.table.item(r, COL_INWONERS).setText("veel")
    dialog.save()
    settle(qtbot)
    assert "GM0546" in dialog.message.text()
    assert RegionService(vault).regio() is None or not RegionService(vault).regio().gemeenten


def test_merger_moves_to_successor(qtbot, vault) -> None:
    RegionService(vault).stel_demo_in()
    dialog = RegioDialog(vault)
    qtbot.addWidget(dialog)
    settle(qtbot)
    dialog.oud_edit.setText("GM0547, GM0638")
    dialog.nieuw_code_edit.setText("GM9999")
    dialog.nieuw_naam_edit.setText("Leiderwoude")
    dialog.fusie()
    settle(qtbot)
    assert "GM9999" in dialog.message.text()
    regio = RegionService(vault).regio()
    assert regio.opvolger("GM0547") == "GM9999"
