"""Beheer: backups and restore, passphrase, settings, and the audit log.

Slow work (backup, passphrase change, reading and checking the log) runs on the task
runner. Restoring needs the vault closed, so the page only asks for the backup's
passphrase and emits ``restore_requested``; the main window does the rest.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zorgapp import i18n
from zorgapp.errors import KnownError, UsageError, WrongPassphraseError
from zorgapp.i18n import N_, _, format_datetime
from zorgapp.services import vault_service
from zorgapp.store import keyfile
from zorgapp.store.backup import BackupInfo, backup_dir, list_backups
from zorgapp.store.vault import Vault
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.first_run_wizard import strength_hint
from zorgapp.ui.dialogs.unlock_dialog import ERROR_STYLE
from zorgapp.ui.models.audit_model import AuditColumn, AuditTableModel
from zorgapp.ui.pages.base import Page, heading
from zorgapp.ui.tasks import message_for

OK_STYLE = "color: #1b5e20;"
AUDIT_LIMIT = 200


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.hide()
    return bar


def _status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _set_status(label: QLabel, text: str, ok: bool) -> None:
    label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
    label.setText(text)


def _change_passphrase(vault: Vault, old: str, new: str) -> None:
    """Check the current passphrase against the key file, then rewrap the key."""
    try:
        keyfile.read_key_file(vault.path).unwrap(old)
    except WrongPassphraseError:
        raise WrongPassphraseError(N_("De huidige wachtwoordzin klopt niet.")) from None
    vault.change_passphrase(new)


class RestoreDialog(QDialog):
    """Confirm a restore and ask for the backup's passphrase."""

    def __init__(self, backup: BackupInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reservekopie terugzetten"))
        self.setAccessibleName(_("Reservekopie terugzetten"))
        layout = QVBoxLayout(self)
        text = QLabel(_(
            "De kluis wordt gesloten en vervangen door de reservekopie van {moment}. "
            "De huidige kluis wordt ernaast bewaard. Geef de wachtwoordzin die gold toen "
            "de reservekopie werd gemaakt.").format(moment=format_datetime(backup.made_at.astimezone().replace(tzinfo=None), "short")))
        text.setWordWrap(True)
        text.setAccessibleName(_("Uitleg"))
        layout.addWidget(text)
        form = QFormLayout()
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(_("Wachtwoordzin van de reservekopie"))
        form.addRow(_("Wachtwoordzin:"), self.passphrase_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Terugzetten"))
        ok.setAccessibleName(_("Terugzetten"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Annuleren"))
        cancel.setAccessibleName(_("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def passphrase(self) -> str:
        return self.passphrase_edit.text()


class BeheerPage(Page):
    name = "beheer"
    title_msgid = N_("Beheer")

    restore_requested = Signal(object, str)  # backup path, its passphrase

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        self.title_label = heading()
        outer.addWidget(self.title_label)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_backups(), "")
        self.tabs.addTab(self._build_passphrase(), "")
        self.tabs.addTab(self._build_settings(), "")
        self.tabs.addTab(self._build_audit(), "")
        from zorgapp.ui.dialogs.overdracht_panel import OverdrachtPanel

        self.overdracht = OverdrachtPanel(ctx, lambda: self.vault)
        self.tabs.addTab(self.overdracht, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.retranslate()

    # -- building ------------------------------------------------------------------

    def _build_backups(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.backup_intro = QLabel()
        self.backup_intro.setWordWrap(True)
        layout.addWidget(self.backup_intro)
        row = QHBoxLayout()
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.make_backup)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.backup_busy = _busy_bar()
        layout.addWidget(self.backup_busy)
        self.backup_status = _status_label()
        layout.addWidget(self.backup_status)
        self.backups_label = QLabel()
        layout.addWidget(self.backups_label)
        self.backup_list = QListWidget()
        self.backup_list.itemSelectionChanged.connect(self._update_buttons)
        self.backup_list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        layout.addWidget(self.backup_list, 1)
        self.backup_folder_label = _status_label()
        self.backup_folder_label.setWordWrap(False)
        layout.addWidget(self.backup_folder_label)
        row = QHBoxLayout()
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _build_passphrase(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.passphrase_intro = QLabel()
        self.passphrase_intro.setWordWrap(True)
        layout.addWidget(self.passphrase_intro)
        form = QFormLayout()
        self.old_edit, self.new_edit, self.repeat_edit = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaximumWidth(420)
        self.passphrase_hint = QLabel()
        self.passphrase_hint.setWordWrap(True)
        self.new_edit.textChanged.connect(
            lambda text: self.passphrase_hint.setText(strength_hint(text)))
        self.old_label, self.new_label, self.repeat_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.old_label, self.old_edit)
        form.addRow(self.new_label, self.new_edit)
        form.addRow(self.repeat_label, self.repeat_edit)
        form.addRow("", self.passphrase_hint)
        self.passphrase_button = QPushButton()
        self.passphrase_button.clicked.connect(self.change_passphrase)
        button_row = QHBoxLayout()
        button_row.addWidget(self.passphrase_button)
        button_row.addStretch(1)
        form.addRow("", button_row)
        layout.addLayout(form)
        self.passphrase_busy = _busy_bar()
        layout.addWidget(self.passphrase_busy)
        self.passphrase_status = _status_label()
        layout.addWidget(self.passphrase_status)
        layout.addStretch(1)
        return tab

    def _build_settings(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.general_box = QGroupBox()
        form = QFormLayout(self.general_box)
        self.language_combo = QComboBox()
        self.language_combo.addItem("", "nl")
        self.language_combo.addItem("", "en")
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.autolock_spin = QSpinBox()
        self.autolock_spin.setRange(1, 120)
        self.autolock_spin.setMaximumWidth(140)
        self.language_combo.setMaximumWidth(260)
        self.autolock_spin.valueChanged.connect(
            lambda value: self.ctx.set_setting("autolock_minutes", int(value)))
        self.privacy_check = QCheckBox()
        self.privacy_check.toggled.connect(
            lambda on: self.ctx.set_setting("privacy_initials", bool(on)))
        self.language_label, self.autolock_label = QLabel(), QLabel()
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.autolock_label, self.autolock_spin)
        form.addRow("", self.privacy_check)
        layout.addWidget(self.general_box)

        self.letter_box = QGroupBox()
        form = QFormLayout(self.letter_box)
        self.letter_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.letter_labels: dict[str, QLabel] = {}
        for key in ("letter_organisation", "letter_address", "letter_contact", "letter_place"):
            edit: QLineEdit | QPlainTextEdit
            if key == "letter_address":
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
            else:
                edit = QLineEdit()
            edit.setMaximumWidth(520)
            label = QLabel()
            self.letter_edits[key], self.letter_labels[key] = edit, label
            form.addRow(label, edit)
        self.logo_edit = QLineEdit()
        self.logo_edit.setMaximumWidth(520)
        self.logo_button = QPushButton()
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_label = QLabel()
        self.logo_label.setBuddy(self.logo_edit)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(self.logo_button)
        form.addRow(self.logo_label, logo_row)
        self.letter_button = QPushButton()
        self.letter_button.clicked.connect(self.save_letterhead)
        self.letter_status = _status_label()
        row = QHBoxLayout()
        row.addWidget(self.letter_button)
        row.addWidget(self.letter_status, 1)
        form.addRow("", row)
        layout.addWidget(self.letter_box)
        layout.addStretch(1)
        self._load_settings()
        return tab

    def _build_audit(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.audit_intro = QLabel()
        self.audit_intro.setWordWrap(True)
        row.addWidget(self.audit_intro, 1)
        self.audit_refresh_button = QPushButton()
        self.audit_refresh_button.clicked.connect(self.load_audit)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify_audit)
        row.addWidget(self.audit_refresh_button)
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        self.audit_status = _status_label()
        layout.addWidget(self.audit_status)
        self.audit_model = AuditTableModel(self)
        self.audit_view = QTableView()
        self.audit_view.setModel(self.audit_model)
        self.audit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.audit_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_view.setAlternatingRowColors(True)
        self.audit_view.verticalHeader().hide()
        self.audit_view.verticalHeader().setDefaultSectionSize(
            self.audit_view.fontMetrics().height() + 8)
        header = self.audit_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.audit_view, 1)
        return tab

    def retranslate(self) -> None:
        super().retranslate()
        self.tabs.setAccessibleName(_("Onderdelen van beheer"))
        if hasattr(self, "overdracht"):
            self.overdracht.retranslate()
        for index, text in enumerate((_("Reservekopieën"), _("Wachtwoordzin"),
                                      _("Instellingen"), _("Logboek"), _("Overdracht"))):
            self.tabs.setTabText(index, text)
            tab = self.tabs.widget(index)
            if tab is not None:
                tab.setAccessibleName(text)
        # backups
        self.backup_intro.setText(_(
            "Zorgapp maakt automatisch een reservekopie bij het afsluiten. Bewaar af en toe "
            "een reservekopie op een versleutelde USB-stick of netwerkschijf."))
        self.backup_intro.setAccessibleName(self.backup_intro.text())
        self.backup_button.setText(_("Nu een reservekopie maken"))
        self.backup_button.setAccessibleName(self.backup_button.text())
        self.backup_busy.setAccessibleName(_("Bezig met reservekopie"))
        self.backup_status.setAccessibleName(_("Status reservekopie"))
        self.backups_label.setText(_("Reservekopieën (nieuwste eerst):"))
        self.backups_label.setAccessibleName(self.backups_label.text())
        self.backup_list.setAccessibleName(_("Lijst van reservekopieën"))
        self.restore_button.setText(_("Reservekopie terugzetten…"))
        self.restore_button.setAccessibleName(_("Reservekopie terugzetten"))
        self.backup_folder_label.setAccessibleName(_("Map met reservekopieën"))
        # passphrase
        self.passphrase_intro.setText(_(
            "Een nieuwe wachtwoordzin vervangt alleen het sleutelbestand; de herstelsleutel "
            "blijft dezelfde."))
        self.passphrase_intro.setAccessibleName(self.passphrase_intro.text())
        self.old_label.setText(_("Huidige wachtwoordzin:"))
        self.old_edit.setAccessibleName(_("Huidige wachtwoordzin"))
        self.new_label.setText(_("Nieuwe wachtwoordzin:"))
        self.new_edit.setAccessibleName(_("Nieuwe wachtwoordzin"))
        self.repeat_label.setText(_("Herhaal nieuwe wachtwoordzin:"))
        self.repeat_edit.setAccessibleName(_("Herhaal nieuwe wachtwoordzin"))
        self.passphrase_hint.setText(strength_hint(self.new_edit.text()))
        self.passphrase_hint.setAccessibleName(_("Sterkte van de wachtwoordzin"))
        self.passphrase_button.setText(_("Wachtwoordzin wijzigen"))
        self.passphrase_button.setAccessibleName(self.passphrase_button.text())
        self.passphrase_busy.setAccessibleName(_("Bezig met wijzigen"))
        self.passphrase_status.setAccessibleName(_("Status wachtwoordzin"))
        # settings
        self.general_box.setTitle(_("Algemeen"))
        self.general_box.setAccessibleName(_("Algemeen"))
        self.language_label.setText(_("Taal:"))
        self.language_combo.setAccessibleName(_("Taal"))
        was = self.language_combo.blockSignals(True)
        self.language_combo.setItemText(0, _("Nederlands"))
        self.language_combo.setItemText(1, _("Engels (English)"))
        self.language_combo.blockSignals(was)
        self.autolock_label.setText(_("Automatisch vergrendelen na:"))
        self.autolock_spin.setAccessibleName(_("Automatisch vergrendelen na (minuten)"))
        self.autolock_spin.setSuffix(_(" min"))
        self.privacy_check.setText(_("Initialen in plaats van namen in lijsten"))
        self.privacy_check.setAccessibleName(self.privacy_check.text())
        self.letter_box.setTitle(_("Briefhoofd"))
        self.letter_box.setAccessibleName(_("Briefhoofd"))
        for key, text in (("letter_organisation", _("Organisatie:")),
                          ("letter_address", _("Adres:")),
                          ("letter_contact", _("Contact:")),
                          ("letter_place", _("Plaats:"))):
            self.letter_labels[key].setText(text)
            self.letter_edits[key].setAccessibleName(text.rstrip(":"))
        self.logo_label.setText(_("&Logo:"))
        self.logo_edit.setAccessibleName(_("Logo (PNG of JPEG)"))
        self.logo_edit.setPlaceholderText(_("Geen logo"))
        self.logo_button.setText(_("&Kiezen…"))
        self.logo_button.setAccessibleName(_("Logo kiezen"))
        self.letter_button.setText(_("Briefhoofd opslaan"))
        self.letter_button.setAccessibleName(_("Briefhoofd opslaan"))
        self.letter_status.setAccessibleName(_("Status briefhoofd"))
        # audit
        self.audit_intro.setText(_(
            "De laatste {aantal} regels van het logboek: wie wat wanneer deed. Waarden "
            "worden nooit vastgelegd, alleen namen van velden.").format(aantal=AUDIT_LIMIT))
        self.audit_intro.setAccessibleName(self.audit_intro.text())
        self.audit_refresh_button.setText(_("Vernieuwen"))
        self.audit_refresh_button.setAccessibleName(_("Logboek vernieuwen"))
        self.verify_button.setText(_("Logboek controleren"))
        self.verify_button.setAccessibleName(_("Logboek controleren"))
        self.audit_status.setAccessibleName(_("Uitkomst van de controle"))
        self.audit_view.setAccessibleName(_("Logboek"))
        self.audit_model.retranslate()
        self._fill_backups()

    # -- vault ---------------------------------------------------------------------

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self._load_settings()
        self._fill_backups()
        self._update_buttons()
        if self.isVisible() and self.tabs.currentIndex() == 3:
            self.load_audit()

    def clear(self) -> None:
        super().clear()
        self.audit_model.clear()
        self.backup_list.clear()
        for label in (self.backup_status, self.passphrase_status, self.audit_status,
                      self.letter_status, self.backup_folder_label):
            label.clear()
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        self._update_buttons()

    def activated(self) -> None:
        self._fill_backups()
        if self.tabs.currentIndex() == 3:
            self.load_audit()

    def _tab_changed(self, index: int) -> None:
        if index == 3 and self.vault is not None:
            self.load_audit()
        elif index == 0:
            self._fill_backups()

    def _update_buttons(self) -> None:
        has_vault = self.vault is not None
        self.backup_button.setEnabled(has_vault and not self.backup_busy.isVisible())
        self.restore_button.setEnabled(has_vault and bool(self.backup_list.selectedItems()))
        self.passphrase_button.setEnabled(has_vault and not self.passphrase_busy.isVisible())
        self.verify_button.setEnabled(has_vault)
        self.audit_refresh_button.setEnabled(has_vault)

    # -- backups -------------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        if self.vault is None:
            return []
        stem = self.vault.path.name.removesuffix(".zorg")
        return list_backups(backup_dir(self.vault.path), stem)

    def _fill_backups(self) -> None:
        self.backup_list.clear()
        if self.vault is None:
            return
        for info in self.backups():
            moment = format_datetime(info.made_at.astimezone().replace(tzinfo=None), "medium")
            item = QListWidgetItem(_("{moment}  —  {bestand}").format(moment=moment,
                                                                      bestand=info.path.name))
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.backup_list.addItem(item)
        self.backup_folder_label.setText(
            _("Map: {map}").format(map=str(backup_dir(self.vault.path))))
        self._update_buttons()

    def make_backup(self) -> None:
        vault = self.vault
        if vault is None or self.backup_busy.isVisible():
            return
        self.backup_busy.show()
        self.backup_status.clear()
        self._update_buttons()
        self.ctx.tasks.run(owner=self, fn=lambda: vault_service.backup(vault), on_done=self._backup_done,
                           on_error=lambda exc: _set_status(self.backup_status, message_for(exc), False),
                           on_finally=self._backup_finished)

    def _backup_done(self, path: Path) -> None:
        _set_status(self.backup_status,
                    _("Reservekopie gemaakt: {bestand}").format(bestand=path.name), True)
        self._fill_backups()

    def _backup_finished(self) -> None:
        self.backup_busy.hide()
        self._update_buttons()

    def restore_selected(self, passphrase: str | None = None) -> None:
        """Ask for the backup's passphrase (unless given) and ask the window to restore."""
        items = self.backup_list.selectedItems()
        if not items or self.vault is None:
            return
        info: BackupInfo = items[0].data(Qt.ItemDataRole.UserRole)
        if passphrase is None:
            dialog = RestoreDialog(info, self)
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.passphrase():
                return
            passphrase = dialog.passphrase()
        self.restore_requested.emit(info.path, passphrase)

    # -- passphrase ------------------------------------------------------------------

    def change_passphrase(self) -> None:
        vault = self.vault
        if vault is None or self.passphrase_busy.isVisible():
            return
        old, new, repeat = self.old_edit.text(), self.new_edit.text(), self.repeat_edit.text()
        try:
            keyfile.check_passphrase(new)
            if new != repeat:
                raise UsageError(N_("De wachtwoordzinnen zijn niet gelijk."))
        except KnownError as exc:
            _set_status(self.passphrase_status, exc.user_message(), False)
            return
        self.passphrase_busy.show()
        self.passphrase_status.clear()
        self._update_buttons()
        self.ctx.tasks.run(owner=self, fn=lambda: _change_passphrase(vault, old, new),
                           on_done=self._passphrase_changed, on_error=self._passphrase_failed,
                           on_finally=self._passphrase_finished)

    def _passphrase_changed(self, _result: object) -> None:
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        _set_status(self.passphrase_status, _("De wachtwoordzin is gewijzigd."), True)

    def _passphrase_failed(self, exc: BaseException) -> None:
        self.old_edit.clear()
        _set_status(self.passphrase_status, message_for(exc), False)

    def _passphrase_finished(self) -> None:
        self.passphrase_busy.hide()
        self._update_buttons()

    # -- settings ------------------------------------------------------------------

    def _load_settings(self) -> None:
        settings = self.ctx.settings
        for widget in (self.language_combo, self.autolock_spin, self.privacy_check):
            widget.blockSignals(True)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.language())))
        self.autolock_spin.setValue(int(settings.get("autolock_minutes")))
        self.privacy_check.setChecked(bool(settings.get("privacy_initials")))
        for widget in (self.language_combo, self.autolock_spin, self.privacy_check):
            widget.blockSignals(False)
        self.logo_edit.setText(str(settings.get("letter_logo")))
        for key, edit in self.letter_edits.items():
            value = str(settings.get(key))
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)

    def _language_chosen(self, index: int) -> None:
        language = self.language_combo.itemData(index)
        if not language or language == i18n.language():
            return
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Store and apply at once; every registered window retranslates."""
        self.ctx.set_setting("language", language)
        i18n.set_language(language)

    def logo_dialog(self) -> str:
        """The file dialog, separate so that tests can answer it."""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Logo kiezen"), str(Path.home()), _("Afbeeldingen (*.png *.jpg *.jpeg)"))
        return path

    def choose_logo(self) -> None:
        path = self.logo_dialog()
        if path:
            self.logo_edit.setText(path)

    def save_letterhead(self) -> None:
        """Saves everything or nothing: a logo that cannot be read is refused first."""
        logo = self.logo_edit.text().strip()
        if logo and QImageReader(logo).size().isEmpty():
            _set_status(self.letter_status,
                        _("Het logo {pad} kan niet worden gelezen. Kies een PNG- of "
                          "JPEG-bestand.").format(pad=logo), False)
            return
        for key, edit in self.letter_edits.items():
            value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            self.ctx.set_setting(key, value.strip())
        self.ctx.set_setting("letter_logo", logo)
        _set_status(self.letter_status, _("Briefhoofd opgeslagen."), True)

    # -- audit ---------------------------------------------------------------------

    def load_audit(self) -> None:
        vault = self.vault
        if vault is None:
            return

        def read() -> list:
            with vault.read():
                return vault.audit.entries(limit=AUDIT_LIMIT)

        self.ctx.tasks.run(owner=self, fn=read, on_done=self._audit_loaded,
                           on_error=lambda exc: _set_status(self.audit_status, message_for(exc), False))

    def _audit_loaded(self, entries: list) -> None:
        if self.vault is None:
            return
        self.audit_model.set_entries(entries)

    def verify_audit(self) -> None:
        vault = self.vault
        if vault is None:
            return

        def verify() -> int:
            with vault.read():
                vault_service.verify_audit(vault)
                return vault.audit.head()[0]

        self.verify_button.setEnabled(False)
        self.audit_status.clear()
        self.ctx.tasks.run(owner=self, fn=
            verify,
            on_done=lambda count: _set_status(
                self.audit_status,
                _("Het logboek is ongeschonden ({aantal} regels).").format(aantal=count), True),
            on_error=lambda exc: _set_status(self.audit_status, message_for(exc), False),
            on_finally=self._update_buttons)


__all__ = ["AuditColumn", "BeheerPage", "RestoreDialog"]
