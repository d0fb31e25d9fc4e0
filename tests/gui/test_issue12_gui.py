"""Issue 12 in the window: registering without consent, closing with a running
placement, placing into a full location, and the CoMensha tab with its form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.gui.conftest import settle
from tests.unit.reports.pdftext import squash, text
from zorgapp.domain.codes import Fase, MelderType, Sluitreden, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.opvang import OpvangType, PlaatsingStatus
from zorgapp.domain.persoon import Persoon
from zorgapp.i18n import _
from zorgapp.services.opvang_service import OpvangService
from zorgapp.ui.dialogs.opvang_dialogs import PlaatsingDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
TODAY = date.today()


def _case(service, melder: MelderType, naam: str = "Ana Popescu") -> str:
    d = service.nieuwe_melding(
        Persoon(naam=naam, geboortedatum=date(1990, 1, 1), nationaliteiten=["NG"]),
        Melding(datum=TODAY - timedelta(days=30), melder_type=melder,
                vormen=[Uitbuitingsvorm.ARBEID]))
    service.overgang(d.uuid, Fase.INTAKE, TODAY - timedelta(days=25), "intake")
    return d.uuid


def _open(qtbot, view, service, uuid: str) -> None:
    view.show_dossier(service.open(uuid))
    settle(qtbot)


def test_registering_without_consent_asks_for_it_in_the_dialog(qtbot, dossier_view,
                                                               dossier_service) -> None:
    uuid = _case(dossier_service, MelderType.WIJKTEAM)
    _open(qtbot, dossier_view, dossier_service, uuid)
    dialog = dossier_view.traject_tab.volgende_fase_dialog()
    assert dialog.select(Fase.AANGEMELD)
    assert dialog.aanmelding.isVisibleTo(dialog)
    dialog.reden_edit.setText("aanmelden")
    dialog.accept()
    settle(qtbot)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert _("toestemming") in dialog.error_label.text()
    dialog.aanmelding.toestemming_check.setChecked(True)
    dialog.accept()
    settle(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    stored = dossier_service.laad(uuid)
    assert stored.huidige_fase is Fase.AANGEMELD and len(stored.toestemmingen) == 1
    assert stored.aanmelding is not None


def test_closing_offers_to_end_the_running_placement(qtbot, vault, dossier_view,
                                                     dossier_service) -> None:
    uuid = _case(dossier_service, MelderType.POLITIE)
    opvang = OpvangService(vault)
    loc = opvang.nieuwe_locatie("Stichting (fictief)", "Huis (fictief)", "VO", capaciteit=4,
                                dagtarief="220,00", geldig_vanaf=TODAY - timedelta(days=400)).uuid
    opvang.plaats_direct(uuid, "VO", TODAY - timedelta(days=20), locatie_uuid=loc)
    _open(qtbot, dossier_view, dossier_service, uuid)
    dialog = dossier_view.traject_tab.volgende_fase_dialog()
    assert dialog.select(Fase.AFGESLOTEN)
    assert dialog.beeindig_check.isVisibleTo(dialog)
    dialog.sluitreden_combo.setCurrentIndex(
        dialog.sluitreden_combo.findData(Sluitreden.OVERGEDRAGEN.value))
    dialog.reden_edit.setText("naar regio Utrecht")
    dialog.accept()
    settle(qtbot)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert _("lopende plaatsing") in dialog.error_label.text()
    dialog.beeindig_check.setChecked(True)
    dialog.accept()
    settle(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    [p] = opvang.plaatsingen(uuid)
    assert p.status is PlaatsingStatus.BEEINDIGD and p.tot == TODAY
    dossier_view._reload()
    settle(qtbot)
    assert not dossier_view.opvang_tab.plaats_direct_button.isEnabled()
    assert not dossier_view.opvang_tab.aanvraag_button.isEnabled()


def test_placing_into_a_full_location_asks_for_a_reason(qtbot, vault, dossier_service) -> None:
    opvang = OpvangService(vault)
    loc = opvang.nieuwe_locatie("Stichting (fictief)", "COSM-plek (fictief)", "COSM",
                                capaciteit=1).uuid
    eerste = _case(dossier_service, MelderType.POLITIE)
    tweede = _case(dossier_service, MelderType.POLITIE, naam="Eva Nowak")
    opvang.plaats_direct(eerste, "COSM", TODAY - timedelta(days=5), locatie_uuid=loc)
    rijen = opvang.locaties(alleen_actief=True)

    def submit(v):
        return opvang.plaats_direct(tweede, v["type"], v["datum"], locatie_uuid=v["locatie_uuid"],
                                    overschrijding_reden=v["overschrijding_reden"])

    dialog = PlaatsingDialog(rijen, TODAY, True, submit)
    qtbot.addWidget(dialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(OpvangType.COSM.value))
    assert dialog.locatie_combo.currentData() == loc
    assert dialog.overschrijding.isHidden()
    dialog.accept()
    settle(qtbot)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.overschrijding.isHidden()
    assert "vol" in dialog.error_label.text()
    dialog.overschrijding.reden_edit.setText("Noodgeval, afgestemd met CoMensha")
    dialog.accept()
    settle(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    [bezetting] = [b for b in opvang.bezetting() if b.locatie.uuid == loc]
    assert bezetting.vrij == 0 and bezetting.boven_capaciteit == 1


def test_comensha_tab_shows_the_set_and_prints_the_form(qtbot, dossier_view,
                                                        dossier_service) -> None:
    uuid = _case(dossier_service, MelderType.POLITIE)
    _open(qtbot, dossier_view, dossier_service, uuid)
    tab = dossier_view.aanmelding_tab
    assert tab.door_combo.currentData() == MelderType.POLITIE.value
    assert tab.nationaliteit_edit.text() == "NG"
    assert _("voorstel") in tab.status_label.text()
    tab.kenmerk_edit.setText("CM-123456")
    tab.save()
    settle(qtbot)
    assert dossier_service.laad(uuid).aanmelding is not None
    assert dossier_service.laad(uuid).opvangbehoeften.comensha_kenmerk == "CM-123456"
    tab.print_button.click()
    qtbot.waitUntil(lambda: dossier_view.preview is not None, timeout=10_000)
    body = squash(text(dossier_view.preview.pdf))
    assert "AanmeldingCoMensha" in body and "CM-123456" in body
    assert "AnaPopescu" not in body
    dossier_view.preview.close()
