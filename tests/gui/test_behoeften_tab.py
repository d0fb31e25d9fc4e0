"""The "Zorg & veiligheid" tab: children, safety and care needs saved into the dossier,
impossible input refused with a message and nothing stored, Ctrl+S on this tab."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import settle
from zorgapp.domain.codes import MelderType
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.ui.widgets.behoeften_form import KindDialog


def _open(qtbot, dossier_view, dossier_service):
    melding = Melding(datum=date.today() - timedelta(days=30), melder_type=MelderType.POLITIE)
    dossier = dossier_service.nieuwe_melding(Persoon(naam="Réka Szőke", nationaliteiten=["HU"]), melding)
    dossier_view.show_dossier(dossier_service.open(dossier.uuid))
    settle(qtbot)
    dossier_view.tabs.setCurrentWidget(dossier_view.behoeften_tab)
    return dossier


def _add_child(form, monkeypatch, naam: str, mee: bool) -> None:
    def exec_(dialog: KindDialog) -> int:
        dialog.naam_edit.setText(naam)
        dialog.geboortedatum.set_value(date(2022, 6, 1))
        dialog.mee_check.setChecked(mee)
        return 1
    monkeypatch.setattr(KindDialog, "exec", exec_)
    form.kind_toevoegen()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_needs_are_saved_with_ctrl_s_and_shown_again(qtbot, dossier_view, dossier_service, monkeypatch) -> None:
    dossier = _open(qtbot, dossier_view, dossier_service)
    form = dossier_view.behoeften_tab.form
    form.comensha_edit.setText("CM-2026-0815")
    _add_child(form, monkeypatch, "Zoltán Szőke", mee=True)
    _add_child(form, monkeypatch, "Anna Szőke", mee=False)
    assert form.kinderen_model.rowCount() == 2
    form.kinderen_view.setCurrentIndex(form.kinderen_model.index(1, 0))
    form.kind_verwijderen()
    form.daders_combo.set_value(True)
    form.daders_edit.setText("Uitbuiter in Gouda")
    form.geheim_combo.set_value(False)
    form.medicatie_edit.setPlainText("Insuline")
    form.zwanger_combo.set_value(True)
    form.uitgerekend.set_value(date.today() + timedelta(days=90))

    dossier_view.show()
    qtbot.waitExposed(dossier_view)
    dossier_view.activateWindow()
    form.comensha_edit.setFocus()
    qtbot.waitUntil(form.comensha_edit.hasFocus)
    qtbot.keyClick(form.comensha_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)

    stored = dossier_service.laad(dossier.uuid).opvangbehoeften
    assert stored.comensha_kenmerk == "CM-2026-0815"
    assert [(k.naam, k.gaat_mee) for k in stored.kinderen] == [("Zoltán Szőke", True)]
    assert stored.veiligheid.daders_in_de_buurt is True
    assert stored.veiligheid.geheim_adres_nodig is False
    assert stored.zorg.medicatie == "Insuline" and stored.zorg.zwanger is True
    assert "opgeslagen" in dossier_view.message_label.text()

    # The other dossier fields are untouched, and reopening shows what was saved.
    dossier_view.show_dossier(dossier_service.open(dossier.uuid))
    settle(qtbot)
    assert dossier_view.behoeften_tab.form.behoeften() == stored
    assert dossier_view.persoon_tab.form.persoon().naam == "Réka Szőke"


def test_due_date_without_pregnancy_is_refused_and_nothing_changes(qtbot, dossier_view,
                                                                   dossier_service) -> None:
    dossier = _open(qtbot, dossier_view, dossier_service)
    before = dossier_service.laad(dossier.uuid).to_dict()
    form = dossier_view.behoeften_tab.form
    form.medisch_edit.setPlainText("Rugklachten")
    form.zwanger_combo.set_value(None)
    form.uitgerekend.set_value(date.today() + timedelta(days=30))
    dossier_view.behoeften_tab.save()
    settle(qtbot)
    assert "zwanger" in dossier_view.message_label.text()
    assert dossier_service.laad(dossier.uuid).to_dict() == before
