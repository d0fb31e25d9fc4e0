"""Part 5 of issue 13: what a new user tripped over in the first hour."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from zorgapp import i18n
from zorgapp.domain.errors import DomainError
from zorgapp.ui.widgets.forms import OptionalDate, date_edit, to_date


def _type_date(qtbot: Any, edit: Any, text: str) -> None:
    """Type the way a user does: select what is there, type the whole date."""
    edit.line.setFocus()
    edit.line.selectAll()
    qtbot.keyClicks(edit.line, text)


@pytest.mark.parametrize("typed", ["31-12-2030", "31122030"])
def test_a_typed_future_birth_date_is_kept_and_refused_with_a_reason(qtbot: Any, typed: str) -> None:
    field = OptionalDate("Bekend", date(2001, 1, 1), date(2026, 11, 29))
    qtbot.addWidget(field)
    field.check.setChecked(True)
    field.edit.setAccessibleName("Geboortedatum")
    _type_date(qtbot, field.edit, typed)
    assert field.edit.text() == "31-12-2030"  # kept as typed, not 01-12-2001
    with pytest.raises(DomainError) as refused:
        field.value()
    message = refused.value.params["melding"]
    assert "31 dec 2030" in message and "2030-12-31" not in message
    field.edit.line.editingFinished.emit()
    assert field.edit.line.toolTip() == message


def test_an_impossible_date_is_named_not_changed(qtbot: Any) -> None:
    edit = date_edit(date(2026, 1, 1), None, "Deadline")
    qtbot.addWidget(edit)
    _type_date(qtbot, edit, "31-02-2026")
    assert edit.text() == "31-02-2026"
    assert edit.problem() == "Deadline: 31-02-2026 is geen bestaande datum (dd-mm-jjjj)."
    with pytest.raises(DomainError):
        edit.date()


def test_a_date_within_the_limit_is_accepted(qtbot: Any) -> None:
    edit = date_edit(date(2026, 1, 1), date(2026, 11, 29), "Datum")
    qtbot.addWidget(edit)
    changed: list[Any] = []
    edit.dateChanged.connect(changed.append)
    _type_date(qtbot, edit, "28-02-2026")
    assert to_date(edit.date()) == date(2026, 2, 28)
    assert edit.problem() is None and edit.line.toolTip() == ""
    assert changed and to_date(changed[-1]) == date(2026, 2, 28)


def test_messages_write_dates_the_way_the_user_reads_them() -> None:
    from zorgapp.errors import user_message

    exc = DomainError(i18n.N_("De datum {datum} ligt vóór de vorige stap ({vorige})."),
                      datum="2026-10-29", vorige=date(2026, 11, 2))
    assert user_message(exc) == "De datum 29 okt 2026 ligt vóór de vorige stap (2 nov 2026)."
    i18n.set_language("en")
    try:
        assert "29 Oct 2026" in user_message(exc)
    finally:
        i18n.set_language("nl")


def test_singular_and_plural() -> None:
    assert i18n.ngettext("{aantal} pagina", "{aantal} pagina's", 1).format(aantal=1) == "1 pagina"
    assert i18n.ngettext("{aantal} pagina", "{aantal} pagina's", 2).format(aantal=2) == "2 pagina's"
    i18n.set_language("en")
    try:
        assert i18n.ngettext("{aantal} pagina", "{aantal} pagina's", 1).format(aantal=1) == "1 page"
        assert i18n.ngettext("{aantal} pagina", "{aantal} pagina's", 3).format(aantal=3) == "3 pages"
    finally:
        i18n.set_language("nl")


def test_every_plural_entry_is_translated_in_both_forms() -> None:
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    with (root / "translations" / "en" / "LC_MESSAGES" / "zorgapp.po").open("rb") as fh:
        catalog = read_po(fh, locale="en")
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert plurals
    assert not [m.id[0] for m in plurals if not isinstance(m.string, tuple) or not all(m.string)]


def test_journal_text_has_several_lines_and_ctrl_enter_adds(qtbot: Any) -> None:
    from zorgapp.ui.dossier.journaal_tab import JournaalTekstEdit

    edit = JournaalTekstEdit("Tekst")
    qtbot.addWidget(edit)
    fired: list[bool] = []
    edit.submitted.connect(lambda: fired.append(True))
    qtbot.keyClicks(edit, "regel een")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "regel twee")
    assert edit.text() == "regel een\nregel twee" and not fired
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]


def test_ctrl_n_opens_the_intake_on_the_dossiers_page_and_elsewhere(
        qtbot: Any, make_window: Any, locked_vault: Any, monkeypatch: Any) -> None:
    from tests.gui.conftest import unlock
    from zorgapp.ui.pages.dossiers import DossiersPage

    opened: list[str] = []
    monkeypatch.setattr(DossiersPage, "nieuwe_melding", lambda self: opened.append("wizard"))
    window = make_window(vault_path=locked_vault)
    unlock(qtbot, window)
    for name in ("dossiers", "overzicht"):
        window.show_page(name)
        window.activateWindow()
        page = window.page(name)
        page.setFocus()
        before = len(opened)
        qtbot.keyClick(window.focusWidget() or page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert len(opened) == before + 1, name


def test_the_status_bar_shows_no_schema_version(qtbot: Any, make_window: Any, locked_vault: Any) -> None:
    from tests.gui.conftest import unlock

    window = make_window(vault_path=locked_vault)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window._schema is not None)
    window._update_status()
    texts = [w.text() for w in window.statusBar().findChildren(type(window.file_label))]
    assert not [t for t in texts if "chema" in t]


def test_the_window_remembers_its_geometry_and_nothing_else(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtWidgets import QWidget

    from zorgapp.paths import config_dir
    from zorgapp.ui import window_state

    first = QWidget()
    qtbot.addWidget(first)
    first.setGeometry(40, 50, 700, 500)
    window_state.save(first)
    second = QWidget()
    qtbot.addWidget(second)
    assert window_state.restore(second)
    assert second.size().width() == 700 and second.size().height() == 500
    stored = (config_dir() / "window.ini").read_text(encoding="utf-8")
    assert [line.split("=")[0] for line in stored.splitlines() if "=" in line] == ["geometry"]


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completer popup, offscreen
def test_nationality_is_picked_by_name_in_the_users_language_and_stored_as_code(qtbot: Any) -> None:
    from zorgapp.ui.widgets.code_list import country_list, language_list

    countries = country_list("Nationaliteit")
    qtbot.addWidget(countries)
    qtbot.keyClicks(countries.combo.lineEdit(), "TURKIJE")
    assert countries.codes() == ["TR"]  # typed, not yet confirmed: still understood
    qtbot.keyClick(countries.combo.lineEdit(), Qt.Key.Key_Return)
    countries.add("ro")
    assert countries.codes() == ["TR", "RO"] and countries.combo.currentText() == ""
    labels = countries.chip_texts()
    assert any("Turkije" in t for t in labels) and any("Roemenië" in t for t in labels)
    countries.combo.setEditText("Atlantis")
    with pytest.raises(DomainError):
        countries.codes()
    countries.combo.setEditText("")
    languages = language_list("Talen")
    qtbot.addWidget(languages)
    languages.setText("ro, EN")
    assert languages.codes() == ["ro", "en"]
    i18n.set_language("en")
    try:
        labels = countries.chip_texts()
        assert any("Türkiye" in t or "Turkey" in t for t in labels)
        assert countries.codes() == ["TR", "RO"]
        assert countries.resolve("romania") == "RO"
    finally:
        i18n.set_language("nl")


def test_first_run_asks_identity_letterhead_and_prefix(qtbot: Any, ctx: Any, tmp_path: Any) -> None:
    from PySide6.QtWidgets import QWizard

    from tests.conftest import PASSPHRASE
    from zorgapp.services.bundle_service import BundleService
    from zorgapp.services.organisatie_service import OrganisatieService
    from zorgapp.ui.dialogs.first_run_wizard import PAGE_KEY, PAGE_ORG, FirstRunWizard

    wizard = FirstRunWizard(ctx.tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.fill_new_vault(tmp_path / "kluis", PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_KEY, timeout=10_000)
    wizard.key_page.saved_check.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_ORG
    page = wizard.org_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # name and organisation are needed
    page.naam_edit.setText("Fatima de Vries")
    page.organisatie_edit.setText("Zorgcoördinatie Holland Midden")
    page.regio_edit.setText("Holland Midden")
    page.telefoon_edit.setText("071 555 12 34")
    page.plaats_edit.setText("Leiden")
    page.prefix_edit.setText("hmd")
    assert finish.isEnabled()
    finish.click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=10_000)
    vault = wizard.vault
    assert vault is not None
    try:
        card = BundleService(vault).kaart()
        assert (card.name, card.organisation, card.region) == (
            "Fatima de Vries", "Zorgcoördinatie Holland Midden", "Holland Midden")
        hoofd = OrganisatieService(vault).briefhoofd()
        assert hoofd.organisatie == "Zorgcoördinatie Holland Midden" and hoofd.telefoon == "071 555 12 34"
        assert OrganisatieService(vault).prefix() == "HMD"
    finally:
        vault.lock()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_first_export_asks_who_hands_over(qtbot: Any, ctx: Any, tmp_path: Any) -> None:
    from tests.gui.conftest import settle
    from tests.unit.exchange.conftest import make_pair
    from zorgapp.store.audit import local_user
    from zorgapp.ui.dialogs.export_dialog import ExportDialog
    from zorgapp.ui.tasks import runner

    pair = make_pair(tmp_path)
    try:
        pair.sa.stel_identiteit_in(local_user(), "", "")  # as a vault before issue 13
        dialog = ExportDialog(ctx, pair.a, pair.uuids, default_folder=pair.tmp)
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot)
        qtbot.waitUntil(lambda: not dialog.is_loading())
        assert dialog.identity_box.isVisible() and dialog.identity_box.naam_edit.text() == ""
        dialog.contacts.item(0).setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert "afzender" in dialog.status.text()
        dialog.identity_box.naam_edit.setText("Anna de Vries")
        dialog.identity_box.organisatie_edit.setText("Veilig Thuis IJsselland")
        with qtbot.waitSignal(dialog.exported, timeout=20000):
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        card = pair.sa.kaart()
        assert (card.name, card.organisation) == ("Anna de Vries", "Veilig Thuis IJsselland")
    finally:
        runner().wait_idle()
        for v in (pair.a, pair.b):
            if v.is_open:
                v.lock()


def test_a_handover_by_passphrase_names_no_empty_recipient(qtbot: Any) -> None:
    from types import SimpleNamespace

    from zorgapp.ui.dossier.traject_tab import TrajectTab

    tab = TrajectTab()
    qtbot.addWidget(tab)
    tab.set_overdrachten([SimpleNamespace(ts="2026-11-29T10:00:00Z", richting="export", tegenpartij="")])
    text = tab._overdrachten()
    assert text == "Overgedragen met een wachtwoordzin op 29 nov 2026"


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_after_an_import_the_dialog_says_what_was_imported(qtbot: Any, ctx: Any, tmp_path: Any) -> None:
    from PySide6.QtWidgets import QDialog

    from tests.unit.exchange.conftest import make_pair
    from zorgapp.ui.dialogs.import_dialog import ImportDialog
    from zorgapp.ui.tasks import runner

    p = make_pair(tmp_path)
    try:
        bundle = p.sa.exporteer(p.uuids, p.tmp / "x", [p.sb.kaart().age_recipient]).pad
        dialog = ImportDialog(ctx, p.b, bundle)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.check()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
        numbers = [d.dossiernummer for d in dialog.preview.dossiers]
        assert dialog.sender_name.text() == "Anna de Vries — Veilig Thuis IJsselland (IJsselland)"
        with qtbot.waitSignal(dialog.imported, timeout=20000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        text = dialog.notice.text()
        assert "Ingelezen van Anna de Vries" in text and "3 nieuwe dossiers" in text
        assert all(n in text for n in numbers)
        assert dialog.isVisible() and not dialog.import_button.isVisible()
        dialog.reject()  # "Sluiten"
        assert dialog.result() == QDialog.DialogCode.Accepted
    finally:
        runner().wait_idle()
        p.a.lock()
        p.b.lock()


def test_import_summary_singular() -> None:
    from types import SimpleNamespace

    from zorgapp.ui.dialogs.import_summary import import_summary

    result = SimpleNamespace(al_ontvangen=False, afzender="Bob", nieuw=["u1"], vervangen=[], kopie=[],
                             hernummerd=[], ongewijzigd=["u2"], gewijzigd=1)
    text = import_summary(result, {"u1": "HM-2026-0001", "u2": "HM-2026-0002"})
    assert text == "Ingelezen van Bob:\n1 nieuw dossier: HM-2026-0001\n1 dossier ongewijzigd."


def test_the_audit_log_names_the_dossier_number(qtbot: Any, vault: Any) -> None:
    from zorgapp.domain.codes import MelderType
    from zorgapp.domain.melding import Melding
    from zorgapp.domain.persoon import Persoon
    from zorgapp.services.dossier_service import DossierService
    from zorgapp.services.logboek_service import AuditFilter, LogboekService
    from zorgapp.ui.models.logregel_model import LogColumn, LogRegelTableModel

    dossier = DossierService(vault).nieuwe_melding(Persoon(naam="Test Persoon"),
                                                   Melding(datum=date(2026, 11, 2), melder_type=MelderType.POLITIE))
    model = LogRegelTableModel()
    model.set_regels(LogboekService(vault).zoek(AuditFilter(), 50))
    shown = [model.index(r, LogColumn.RECORD).data() for r in range(model.rowCount())]
    assert any(dossier.dossiernummer in t for t in shown)
    assert not any(dossier.uuid[:8] in t for t in shown)


def test_timeline_labels_never_overlap(qtbot: Any) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from zorgapp.domain.codes import Fase
    from zorgapp.domain.traject import Traject
    from zorgapp.ui.widgets.timeline import TimelineWidget, place_in_rows

    assert place_in_rows([(0, 50), (20, 50), (60, 10)], 3, 8) == [0, 1, 0]
    vandaag = date(2026, 11, 29)
    traject = Traject.begin(date(2026, 1, 5), "Melding", "zc", vandaag)
    for fase, dag in ((Fase.INTAKE, date(2026, 6, 1)), (Fase.BEDENKTIJD, date(2026, 11, 27)),
                      (Fase.GEPLAATST, date(2026, 11, 29))):
        traject.overgang(fase, dag, "reden", "zc", vandaag)
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(700, 186)
    widget.set_traject(traject, vandaag)
    small = QFont(widget.font())
    small.setPointSizeF(small.pointSizeF() * 0.85)
    labels = widget.date_labels(QFontMetrics(small))
    assert [t for t, *_rest in labels][-1] == "vandaag"
    for i, (_t, x, y, w, _s) in enumerate(labels):
        for _t2, x2, y2, w2, _s2 in labels[i + 1:]:
            assert y != y2 or x + w <= x2 or x2 + w2 <= x, labels
        assert y < widget.minimumHeight()


def test_switching_to_english_redraws_the_open_dossier(qtbot: Any, make_window: Any, locked_vault: Any) -> None:
    from tests.conftest import PASSPHRASE
    from tests.gui.conftest import unlock
    from zorgapp.domain.codes import MelderType
    from zorgapp.domain.melding import Melding
    from zorgapp.domain.persoon import Persoon
    from zorgapp.services.dossier_service import DossierService
    from zorgapp.store.vault import Vault

    vault = Vault.unlock(locked_vault, PASSPHRASE)
    dossier = DossierService(vault).nieuwe_melding(
        Persoon(naam="Elena Popescu", nationaliteiten=["RO"]),
        Melding(datum=date(2026, 11, 2), melder_type=MelderType.POLITIE))
    vault.lock()
    window = make_window(vault_path=locked_vault)
    unlock(qtbot, window)
    page = window.page("dossiers")
    window.show_page("dossiers")
    page.show_dossier(dossier.uuid)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view and page.view.dossier is not None,
                    timeout=10_000)
    assert page.view.tabs.tabText(0) == "&Persoon"
    assert "Roemenië" in " ".join(page.view.persoon_tab.form.nationaliteit_edit.chip_texts())
    i18n.set_language("en")
    try:
        qtbot.waitUntil(lambda: page.view.dossier is not None, timeout=10_000)
        assert page.stack.currentWidget() is page.view
        assert page.view.dossier.uuid == dossier.uuid
        assert page.view.tabs.tabText(0) == "&Person"
        assert "Romania" in " ".join(page.view.persoon_tab.form.nationaliteit_edit.chip_texts())
    finally:
        i18n.set_language("nl")


def test_the_qt_file_dialog_speaks_dutch(qtbot: Any) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel

    from zorgapp.ui import translation

    translation.install_qt_translations("nl")
    try:
        dialog = QFileDialog()
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert labels == ["&Zoeken in:", "Bestands&naam:", "Bestanden van &type:"]
    finally:
        translation.install_qt_translations("nl")
