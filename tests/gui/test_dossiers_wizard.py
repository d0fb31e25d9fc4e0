"""Recording a new signal through the intake wizard, with the similar-person warning."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer

from tests.gui.conftest import settle
from zorgapp.domain.codes import Fase, Geslacht, Indicator, MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.services.dossier_service import DossierService
from zorgapp.ui.dialogs.nieuwe_melding_wizard import NieuweMeldingWizard
from zorgapp.ui.pages.dossiers import DossiersPage

GEBOREN = date(1994, 10, 1)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _fill(wizard: NieuweMeldingWizard, qtbot, naam: str) -> None:
    form = wizard.persoon_page.form
    form.naam_edit.insert(naam)  # QTest.keyClicks handles ASCII only
    form.geboortedatum.check.setChecked(True)
    form.geboortedatum.edit.setDate(_qdate(GEBOREN))
    form.geslacht_combo.setCurrentIndex(form.geslacht_combo.findData(Geslacht.MAN.value))
    form.nationaliteit_edit.setText("RO")
    form.talen_edit.setText("ro, en")
    form.tolk_check.setChecked(True)
    form.gemeente_combo.setCurrentIndex(form.gemeente_combo.findData("GM0546"))


def _signal_and_indicators(wizard: NieuweMeldingWizard) -> None:
    page = wizard.melding_page
    page.datum_edit.setDate(_qdate(date.today() - timedelta(days=2)))
    page.melder_combo.setCurrentIndex(page.melder_combo.findData(MelderType.ARBEIDSINSPECTIE.value))
    page.organisatie_edit.setText("NLA regio West")
    page.vindplaats_edit.setText("kwekerij")
    page.set_vorm(Uitbuitingsvorm.ARBEID)
    page.sector_edit.setText("land- en tuinbouw")
    wizard.next()
    assert wizard.currentPage() is wizard.indicator_page, page.error_label.text()
    row = wizard.indicator_page.row(Indicator.INHOUDEN_IDENTITEITSPAPIEREN)
    row.check.setChecked(True)
    row.door.setText("inspecteur")
    row.tekst.setText("Paspoort bij werkgever")


def test_record_a_signal_through_the_wizard(qtbot, vault) -> None:
    service = DossierService(vault)
    wizard = NieuweMeldingWizard(service)
    qtbot.addWidget(wizard)
    wizard.next()  # without a name: stays, says why
    assert wizard.currentPage() is wizard.persoon_page
    assert wizard.persoon_page.error_label.text() == "Vul een naam of alias in."
    _fill(wizard, qtbot, "Mihai Ștefănescu")
    wizard.next()
    assert wizard.currentPage() is wizard.melding_page
    _signal_and_indicators(wizard)
    # An indicator without observer is refused.
    wizard.indicator_page.row(Indicator.ISOLATIE).check.setChecked(True)
    wizard.next()
    assert wizard.indicator_page.error_label.text() == "Vul in wie de indicator heeft waargenomen."
    wizard.indicator_page.row(Indicator.ISOLATIE).check.setChecked(False)
    wizard.next()
    assert wizard.currentPage() is wizard.samenvatting_page
    summary = wizard.samenvatting_page.summary_label.text()
    assert "Mihai Ștefănescu" in summary and "Leiden" in summary and "Arbeidsuitbuiting" in summary
    assert not wizard.samenvatting_page.warning_label.isVisibleTo(wizard)
    wizard.button(wizard.WizardButton.FinishButton).click()
    settle(qtbot)
    assert wizard.dossier is not None

    stored = service.laad(wizard.dossier.uuid)
    assert stored.huidige_fase is Fase.SIGNAAL
    assert stored.persoon.naam == "Mihai Ștefănescu" and stored.persoon.geboortedatum == GEBOREN
    assert stored.persoon.tolk_nodig and stored.persoon.talen == ["ro", "en"]
    assert stored.persoon.gemeente_van_binding == "GM0546"
    melding = stored.meldingen[0]
    assert melding.melder_type is MelderType.ARBEIDSINSPECTIE and melding.vormen == [Uitbuitingsvorm.ARBEID]
    assert [(w.indicator, w.waargenomen_door, w.toelichting) for w in melding.indicatoren] == [
        (Indicator.INHOUDEN_IDENTITEITSPAPIEREN, "inspecteur", "Paspoort bij werkgever")]
    assert stored.dossiernummer.startswith(f"HM-{melding.datum.year}-")


def test_warns_when_a_similar_person_with_that_birth_date_exists(qtbot, vault) -> None:
    service = DossierService(vault)
    bestaand = service.nieuwe_melding(
        Persoon(naam="Mihai Ștefănescu", geboortedatum=GEBOREN),
        Melding(datum=date.today() - timedelta(days=30), melder_type=MelderType.POLITIE))
    wizard = NieuweMeldingWizard(service)
    qtbot.addWidget(wizard)
    _fill(wizard, qtbot, "mihai stefanescu")
    wizard.persoon_page.check_similar()
    settle(qtbot)
    label = wizard.persoon_page.warning_label
    assert label.isVisibleTo(wizard) and bestaand.dossiernummer in label.text()
    assert label.text().startswith("Let op:")
    # Another birth date: no warning.
    wizard.persoon_page.form.geboortedatum.edit.setDate(_qdate(date(1990, 1, 1)))
    wizard.persoon_page.check_similar()
    settle(qtbot)
    assert not label.isVisibleTo(wizard)
    # Back to the same date: the warning is repeated on the summary, recording still allowed.
    wizard.persoon_page.form.geboortedatum.edit.setDate(_qdate(GEBOREN))
    wizard.next()
    _signal_and_indicators(wizard)
    wizard.next()
    settle(qtbot)
    assert wizard.samenvatting_page.warning_label.isVisibleTo(wizard)
    wizard.button(wizard.WizardButton.FinishButton).click()
    settle(qtbot)
    assert wizard.dossier is not None and wizard.dossier.uuid != bestaand.uuid


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_ctrl_n_on_the_list_opens_the_wizard_and_shows_the_new_case(qtbot, ctx, vault) -> None:
    page = DossiersPage(ctx)
    qtbot.addWidget(page)
    page.set_vault(vault)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.search_edit.setFocus()
    qtbot.waitUntil(page.search_edit.hasFocus)
    seen = {}

    def drive() -> None:
        wizard = page.wizard
        seen["wizard"] = wizard
        _fill(wizard, qtbot, "Ana Țurcanu")
        wizard.next()
        _signal_and_indicators(wizard)
        wizard.next()
        wizard.button(wizard.WizardButton.FinishButton).click()

    QTimer.singleShot(0, drive)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen["wizard"] is not None
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view, timeout=10_000)
    assert page.stack.currentWidget() is page.view
    assert page.view.naam_label.text() == "Ana Țurcanu"
    qtbot.waitUntil(lambda: not page.is_searching() and page.model.rowCount() == 1, timeout=10_000)
    page.clear()
