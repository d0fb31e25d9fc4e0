"""The Overleggen page and the dossier's part in the daily duties, driven through the
widgets: plan a meeting, put a case on the agenda from the dossier, record the minutes
(a decision becomes a task), print the agenda; feedback to the melder; the RIEC question."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import settle
from tests.unit.reports.pdftext import text
from zorgapp.domain.codes import MelderType
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.terugkoppeling import TerugkoppelWijze

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _dossier(dossier_service: Any, naam: str = "Ștefania Popescu", dagen: int = 30) -> Any:
    melding = Melding(datum=date.today() - timedelta(days=dagen), melder_type=MelderType.POLITIE,
                      melder_organisatie="Politie Leiden")
    return dossier_service.nieuwe_melding(Persoon(naam=naam), melding)


@pytest.fixture
def page(qtbot: Any, ctx: Any, vault: Any) -> Any:
    from zorgapp.ui.pages.overleg import OverlegPage

    p = OverlegPage(ctx)
    qtbot.addWidget(p)
    p.resize(1100, 650)
    p.set_vault(vault)
    settle(qtbot)
    return p


def test_models_keep_the_qt_contract(qtmodeltester: Any, vault: Any, dossier_service: Any) -> None:
    from zorgapp.services.overleg_service import OverlegService
    from zorgapp.ui.dossier.terugkoppeling_widgets import TerugkoppelRij, TerugkoppelTableModel
    from zorgapp.ui.models.overleg_models import AgendaTableModel, OverlegRij, OverlegTableModel

    d = _dossier(dossier_service)
    s = OverlegService(vault)
    o = s.bespreken_in_overleg(d.uuid)
    lijst = OverlegTableModel()
    lijst.set_rows([OverlegRij(x, n) for x, n in s.lijst()])
    agenda = AgendaTableModel()
    agenda.set_rows(s.open(o.uuid).agenda)
    terug = TerugkoppelTableModel()
    terug.set_rows([TerugkoppelRij(m, date.today()) for m in d.meldingen])
    for model in (lijst, agenda, terug):
        qtmodeltester.check(model)
    assert agenda.index(0, 0).data() == f"{d.dossiernummer} (Ș.P.)"
    assert "te laat" in terug.index(0, 2).data()


def test_plan_agenda_minutes_and_print(qtbot: Any, page: Any, dossier_service: Any,
                                       monkeypatch: Any) -> None:
    from zorgapp.ui.dialogs.overleg_dialogs import VerslagDialog

    d = _dossier(dossier_service)
    qtbot.mouseClick(page.nieuw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.overleg is not None, timeout=10_000)
    settle(qtbot)
    assert page.lijst_model.rowCount() == 1
    # held today: the minutes may be recorded
    page.datum.setDate(date.today())
    page.organisaties.setPlainText("Politie Hollands Midden\nGemeente Leiden, FairWork")
    page.opslaan()
    settle(qtbot)
    assert page.overleg.organisaties == ["Politie Hollands Midden", "Gemeente Leiden", "FairWork"]
    qtbot.keyClicks(page.nummer, d.dossiernummer.lower())
    qtbot.keyClick(page.nummer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.agenda_model.rowCount() == 1, timeout=10_000)
    assert page.agenda_model.index(0, 0).data() == f"{d.dossiernummer} (Ș.P.)"

    def exec_(dialog: VerslagDialog) -> int:
        dialog.besproken.setPlainText("Zorgen over huisvesting.")
        dialog.besluit.setText("Huisbezoek afleggen")
        dialog.eigenaar.setCurrentText("Gemeente Leiden")
        assert dialog.eigenaar.findText("FairWork") >= 0  # the organisations present
        assert dialog.besluit_toevoegen()
        dialog._submit(dialog.values())
        return 1

    monkeypatch.setattr(VerslagDialog, "exec", exec_)
    page.agenda.setCurrentIndex(page.agenda_model.index(0, 0))
    page.verslag()
    settle(qtbot)
    taak = dossier_service.laad(d.uuid).taken[-1]
    assert (taak.omschrijving, taak.eigenaar) == ("Huisbezoek afleggen", "Gemeente Leiden")
    qtbot.waitUntil(lambda: page.agenda_model.rowCount() == 1
                    and page.agenda_model.index(0, 1).data() == "1 besluit", timeout=10_000)

    page.afdrukken(agenda=True)
    qtbot.waitUntil(lambda: page.preview is not None, timeout=10_000)
    pdf = text(page.rapport.pdf)
    assert d.dossiernummer in pdf and "Popescu" not in pdf and "VERTROUWELIJK" in pdf
    page.preview.reject()


def test_bespreken_in_overleg_from_the_dossier(qtbot: Any, dossier_view: Any,
                                                 dossier_service: Any) -> None:
    d = _dossier(dossier_service)
    dossier_view.show_dossier(dossier_service.open(d.uuid))
    settle(qtbot)
    qtbot.mouseClick(dossier_view.overleg_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert "staat op de agenda" in dossier_view.message_label.text()
    from zorgapp.services.overleg_service import OverlegService

    assert [datum for datum, _u in OverlegService(dossier_service.vault).voor_dossier(d.uuid)]


def test_feedback_recorded_from_the_signals_tab(qtbot: Any, dossier_view: Any,
                                                 dossier_service: Any, monkeypatch: Any) -> None:
    from zorgapp.ui.dossier.terugkoppeling_widgets import TerugkoppelDialog

    d = _dossier(dossier_service)
    dossier_view.show_dossier(dossier_service.open(d.uuid))
    settle(qtbot)
    assert "terugkoppeling aan melder te laat" in dossier_view.info_label.text()

    def exec_(dialog: TerugkoppelDialog) -> int:
        dialog.wijze.setCurrentIndex(dialog.wijze.findData(TerugkoppelWijze.EMAIL.value))
        dialog.samenvatting.setPlainText("Cliënt is opgevangen.")
        dialog._submit(dialog.values())
        return 1

    monkeypatch.setattr(TerugkoppelDialog, "exec", exec_)
    dossier_view.signalen_tab.terugkoppelen()
    settle(qtbot)
    given = dossier_service.laad(d.uuid).meldingen[0].terugkoppeling
    assert given is not None and given.wijze is TerugkoppelWijze.EMAIL
    qtbot.waitUntil(lambda: "gegeven op" in dossier_view.signalen_tab.terug_model.index(0, 2).data(),
                    timeout=10_000)


def test_saving_a_perpetrators_address_asks_about_the_riec(qtbot: Any, dossier_view: Any,
                                                           dossier_service: Any) -> None:
    d = _dossier(dossier_service)
    dossier_view.show_dossier(dossier_service.open(d.uuid))
    settle(qtbot)
    tab = dossier_view.behoeften_tab
    assert not tab.riec_button.isVisibleTo(dossier_view)
    tab.form.daders_edit.setText("Uitbuiter woont aan de Marktstraat")
    tab.save()
    qtbot.waitUntil(lambda: tab.riec_dialog is not None and tab.riec_dialog.isVisible(),
                    timeout=10_000)
    dialog = tab.riec_dialog
    dialog.ja.setChecked(True)
    dialog.referentie.setText("RIEC-2026-12")
    dialog.accept()
    qtbot.waitUntil(lambda: dossier_service.laad(d.uuid).riec is not None, timeout=10_000)
    settle(qtbot)
    riec = dossier_service.laad(d.uuid).riec
    assert riec.gemeld and riec.referentie == "RIEC-2026-12" and riec.datum == date.today()
    qtbot.waitUntil(lambda: "RIEC-2026-12" in tab.riec_label.text(), timeout=10_000)
