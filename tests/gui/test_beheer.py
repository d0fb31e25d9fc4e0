"""Beheer: passphrase, backups and restore, settings and language, audit log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from zorgapp import i18n
from zorgapp.i18n import _
from zorgapp.services.logboek_service import AuditFilter, LogboekService, LogRegel
from zorgapp.services.organisatie_service import OrganisatieService
from zorgapp.store.backup import backup_dir, list_backups
from zorgapp.store.vault import Vault
from zorgapp.ui.models.logregel_model import LogColumn, LogRegelTableModel

NEW = "een andere lange wachtwoordzin"


def _beheer(qtbot, make_window, path: Path):
    vault = Vault.unlock(path, PASSPHRASE)
    window = make_window(vault=vault)
    window.show_page("beheer")
    return window, window.page("beheer"), vault


def test_change_passphrase_then_unlock_with_new(qtbot, make_window, locked_vault) -> None:
    window, page, vault = _beheer(qtbot, make_window, locked_vault)
    page.tabs.setCurrentIndex(1)
    tab = page.passphrase_tab
    tab.old_edit.setText("niet de huidige zin")
    tab.new_edit.setText(NEW)
    tab.repeat_edit.setText(NEW)
    qtbot.mouseClick(tab.passphrase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.passphrase_busy.isVisible(), timeout=10_000)
    assert tab.passphrase_status.text() == _("De huidige wachtwoordzin klopt niet.")

    qtbot.keyClicks(tab.old_edit, PASSPHRASE)
    qtbot.mouseClick(tab.passphrase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.passphrase_status.text() == _("De wachtwoordzin is gewijzigd."),
                    timeout=10_000)
    assert tab.new_edit.text() == ""
    window.lock()
    qtbot.waitUntil(lambda: not vault.is_open, timeout=5_000)
    screen = window.lock_screen
    screen.passphrase_edit.setText(PASSPHRASE)  # the old one no longer works
    screen.unlock()
    qtbot.waitUntil(lambda: screen.message_label.isVisible() and not screen._busy, timeout=10_000)
    assert window.vault is None
    unlock(qtbot, window, NEW)
    assert window.current_page_name() == "beheer"


def test_backup_listed_and_restored(qtbot, make_window, locked_vault) -> None:
    window, beheer, vault = _beheer(qtbot, make_window, locked_vault)
    page = beheer.backups_tab
    assert page.backup_list.count() == 0
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backup_list.count() == 1, timeout=10_000)
    made = list_backups(backup_dir(locked_vault))
    assert len(made) == 1 and made[0].path.name in page.backup_list.item(0).text()
    assert made[0].path.name in page.backup_status.text()

    vault.set_meta("na_kopie", "1")
    page.backup_list.setCurrentRow(0)
    assert page.restore_button.isEnabled()
    page.restore_selected(passphrase=PASSPHRASE)
    qtbot.waitUntil(lambda: window.vault is not None and window.vault is not vault, timeout=10_000)
    assert not vault.is_open
    assert window.current_page_name() == "beheer"
    assert window.vault.meta("na_kopie") == ""  # the state of the backup is back
    assert list(locked_vault.parent.glob("*.voor-terugzetten-*"))


def test_restore_with_wrong_passphrase_leaves_lock_screen_with_message(qtbot, make_window, locked_vault) -> None:
    window, beheer, vault = _beheer(qtbot, make_window, locked_vault)
    page = beheer.backups_tab
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backup_list.count() == 1, timeout=10_000)
    page.backup_list.setCurrentRow(0)
    page.restore_selected(passphrase="verkeerde wachtwoordzin")
    qtbot.waitUntil(lambda: window.lock_screen.message_label.isVisible(), timeout=10_000)
    assert window.is_locked()
    unlock(qtbot, window)  # the current vault is untouched
    assert window.vault.meta("vault_id") == vault.vault_id


def test_language_switch_retranslates(qtbot, make_window, locked_vault, monkeypatch) -> None:
    window, page, _vault = _beheer(qtbot, make_window, locked_vault)
    calls = []
    original = type(window).retranslate

    def counted(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(type(window), "retranslate", counted)
    page.tabs.setCurrentIndex(2)
    combo = page.settings_tab.language_combo
    combo.setCurrentIndex(combo.findData("en"))
    assert i18n.language() == "en"
    assert window.ctx.setting("language") == "en"
    assert calls
    for index, pg in enumerate(window.pages):
        assert window.nav.item(index).text() == _(pg.title_msgid)
    assert page.tabs.tabText(3) == _("Logboek")
    assert window.lock_button.text() == _("Vergrendelen (Ctrl+L)")
    combo.setCurrentIndex(combo.findData("nl"))
    assert i18n.language() == "nl"
    assert window.nav.item(0).text() == "Overzicht"


def test_settings_apply(qtbot, make_window, locked_vault) -> None:
    window, beheer, vault = _beheer(qtbot, make_window, locked_vault)
    page = beheer.settings_tab
    page.autolock_spin.setValue(7)
    assert window.ctx.setting("autolock_minutes") == 7
    assert window.autolock.interval_ms() == 7 * 60_000
    page.privacy_check.setChecked(True)
    assert window.ctx.privacy_initials()
    qtbot.waitUntil(lambda: page.prefix_edit.text() == "HM")  # the vault's letterhead is shown
    page.letter_edits["letter_organisation"].setText("Veilig Thuis IJsselland")
    page.letter_edits["letter_address"].setPlainText("Straat 1\n8000 AA Zwolle")
    page.letter_edits["letter_phone"].setText("038 123 45 67")
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "opgeslagen" in page.letter_status.text())
    # the letterhead belongs to the vault now (issue 13), not to settings.json
    velden = OrganisatieService(vault).briefhoofd_velden()
    assert velden["letter_address"] == "Straat 1\n8000 AA Zwolle"
    assert velden["letter_organisation"] == "Veilig Thuis IJsselland"
    assert velden["letter_phone"] == "038 123 45 67"
    assert window.ctx.setting("letter_organisation") == ""


def test_logo_chosen_refused_when_unreadable_and_printed_on_the_letter(
        qtbot, make_window, locked_vault, tmp_path, monkeypatch) -> None:
    from PySide6.QtGui import QColor, QImage

    from tests.unit.reports import fixtures as fx
    from tests.unit.reports.pdftext import reader
    from zorgapp.reports.letter import plaatsingsbrief
    from zorgapp.reports.style import Briefhoofd

    _window, beheer, vault = _beheer(qtbot, make_window, locked_vault)
    beheer.tabs.setCurrentIndex(2)
    page = beheer.settings_tab
    qtbot.waitUntil(lambda: page.prefix_edit.text() == "HM")
    kapot = tmp_path / "kapot.png"
    kapot.write_bytes(b"geen plaatje")
    monkeypatch.setattr(type(page), "logo_dialog", lambda self: str(kapot))
    qtbot.mouseClick(page.logo_button, Qt.MouseButton.LeftButton)
    page.letter_edits["letter_organisation"].setText("Andere naam")
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    assert "kan niet worden gelezen" in page.letter_status.text()
    assert OrganisatieService(vault).logo() == b""  # nothing saved, not even the name
    assert OrganisatieService(vault).briefhoofd_velden()["letter_organisation"] != "Andere naam"

    logo = tmp_path / "logo.png"
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    assert image.save(str(logo))
    monkeypatch.setattr(type(page), "logo_dialog", lambda self: str(logo))
    qtbot.mouseClick(page.logo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "opgeslagen" in page.letter_status.text())
    assert OrganisatieService(vault).logo() == logo.read_bytes()  # kept inside the vault

    hoofd = OrganisatieService(vault).briefhoofd()
    assert isinstance(hoofd, Briefhoofd)
    d = fx.dossier()
    pdf = plaatsingsbrief(d, fx.plaatsing(d), fx.locatie(), hoofd, vandaag=fx.VANDAAG)
    assert len(reader(pdf).pages[0].images) == 1


def test_audit_view_and_verify(qtbot, make_window, locked_vault) -> None:
    _window, beheer, _vault = _beheer(qtbot, make_window, locked_vault)
    beheer.tabs.setCurrentIndex(3)
    page = beheer.audit_tab
    qtbot.waitUntil(lambda: page.audit_model.rowCount() > 0, timeout=10_000)
    actions = {page.audit_model.index(r, 2).data() for r in range(page.audit_model.rowCount())}
    assert _("ontgrendeld") in actions and _("aangemaakt") in actions
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.audit_status.text()), timeout=10_000)
    assert page.audit_status.text().startswith(_("Het logboek is ongeschonden ({aantal} regels).")[:20])


def test_audit_model_is_sound(qtmodeltester, vault) -> None:
    model = LogRegelTableModel()
    model.set_regels(LogboekService(vault).zoek(AuditFilter(), 200))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_the_trail_shows_field_names_as_words() -> None:
    """Letterhead keys and the notes of failed unlocks are words in the table; other
    field names stay as recorded (the export keeps every name as it is)."""
    regel = LogRegel(volgnummer=1, tijdstip_utc="", tijd="", gebruiker="", handeling="change",
                     omschrijving="", gegeven="", dossiernummer="", uitkomst="ok",
                     uitkomst_tekst="", velden=("letter_phone", "dropped:3", "naam"), hash="")
    model = LogRegelTableModel()
    model.set_regels([regel])
    shown = model.index(0, LogColumn.FIELDS).data()
    assert shown == ", ".join([_("telefoon"), _("{aantal} meldingen niet overgenomen "
                                                 "(ongeldig of te veel)").format(aantal="3"), "naam"])
