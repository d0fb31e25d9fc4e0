"""Tab "Verblijf & strafzaak": steps through the dialog, refusals inside it, the status,
the bedenktijd deadline while placed, and voiding a step (issue 12.1)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate

from tests.gui.conftest import settle
from zorgapp.domain.codes import Fase, MelderType
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.verblijf_events import Uitkomst, VerblijfSoort
from zorgapp.i18n import _
from zorgapp.ui.dossier.verblijf_tab import VerblijfTableModel

S = VerblijfSoort


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _stap(qtbot, view, soort: VerblijfSoort, uitkomst: Uitkomst, datum: date,
          **velden: str) -> Any:
    dialog = view.verblijf_tab.stap_dialog(soort)
    dialog.uitkomst_combo.setCurrentIndex(dialog.uitkomst_combo.findData(uitkomst.value))
    dialog.datum_edit.setDate(_qdate(datum))
    if "onderbouwing" in velden:
        dialog.onderbouwing_edit.setText(velden["onderbouwing"])
    dialog.accept()
    settle(qtbot)
    return dialog


def test_track_tab_adds_steps_refuses_bad_order_and_keeps_bedenktijd(
        qtbot, qtmodeltester, dossier_view, dossier_service) -> None:
    service, view = dossier_service, dossier_view
    start = date.today() - timedelta(days=30)
    dossier = service.nieuwe_melding(Persoon(naam="Amara Okafor", nationaliteiten=["NG"]),
                                     Melding(datum=start, melder_type=MelderType.POLITIE))
    service.overgang(dossier.uuid, Fase.INTAKE, start, "intake")
    view.show_dossier(service.open(dossier.uuid))
    settle(qtbot)
    assert view.tabs.indexOf(view.verblijf_tab) >= 0
    # a permanent permit first is refused inside the dialog, which stays open
    dialog = _stap(qtbot, view, S.VOORTGEZET_VERBLIJF, Uitkomst.VERLEEND, start)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "Voortgezet verblijf vraagt eerst" in dialog.error_label.text()
    dialog.reject()
    # offer and accept bedenktijd, then place the client
    for soort, uitkomst in ((S.BEDENKTIJD_AANGEBODEN, Uitkomst.POLITIE),
                            (S.BEDENKTIJD_BESLUIT, Uitkomst.AANVAARD)):
        dialog = _stap(qtbot, view, soort, uitkomst, start + timedelta(days=1))
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    service.overgang(dossier.uuid, Fase.GEPLAATST, start + timedelta(days=2), "geplaatst")
    view._reload()
    settle(qtbot)
    tab = view.verblijf_tab
    assert _("Nu in bedenktijd, tot en met {datum}.").split(",")[0] in tab.status_label.text()
    assert _("Einde bedenktijd") in tab.deadlines_label.text()
    assert tab.model.rowCount() == 2
    qtmodeltester.check(tab.model)
    # void the acceptance: no longer in bedenktijd
    tab.view.setCurrentIndex(tab.model.index(1, 0))
    void = tab.vervallen_dialog()
    void.reden_edit.setText("verkeerd dossier")
    void.accept()
    settle(qtbot)
    assert void.result() == void.DialogCode.Accepted, void.error_label.text()
    view._reload()
    settle(qtbot)
    assert _("Nu in bedenktijd, tot en met {datum}.").split(",")[0] not in tab.status_label.text()
    assert _("vervallen") in [tab.model.data(tab.model.index(r, 5)) for r in range(tab.model.rowCount())]


def test_model_columns_are_translated() -> None:
    model = VerblijfTableModel()
    assert model.columnCount() == 7
