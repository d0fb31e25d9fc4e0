"""Beheer, Reservekopieën: make a backup now, list this vault's backups, restore one.

Restoring needs the vault closed, so the section only asks for the backup's
passphrase and emits ``restore_requested``; the main window does the rest
(``vault_service.restore_and_reopen``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _, format_datetime, format_moment
from zorgapp.services import vault_service
from zorgapp.ui.context import UiContext
from zorgapp.ui.pages.beheer.common import BeheerSection, busy_bar, set_status, status_label
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.store.backup import BackupInfo
    from zorgapp.store.vault import Vault


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
            "de reservekopie werd gemaakt.").format(
                moment=format_moment(backup.made_at.astimezone().replace(tzinfo=None))))
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


class BackupsSection(BeheerSection):
    restore_requested = Signal(object, str)  # backup path, its passphrase

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.backup_intro = QLabel()
        self.backup_intro.setWordWrap(True)
        layout.addWidget(self.backup_intro)
        row = QHBoxLayout()
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.make_backup)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.backup_busy = busy_bar()
        layout.addWidget(self.backup_busy)
        self.backup_status = status_label()
        layout.addWidget(self.backup_status)
        self.backups_label = QLabel()
        layout.addWidget(self.backups_label)
        self.backup_list = QListWidget()
        self.backup_list.itemSelectionChanged.connect(self.update_buttons)
        self.backup_list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        layout.addWidget(self.backup_list, 1)
        self.backup_folder_label = status_label()
        self.backup_folder_label.setWordWrap(False)
        layout.addWidget(self.backup_folder_label)
        row = QHBoxLayout()
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)

    def retranslate(self) -> None:
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
        self.fill_backups()  # the dates follow the language

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self.fill_backups()

    def clear(self) -> None:
        self.backup_list.clear()
        self.backup_status.clear()
        self.backup_folder_label.clear()
        super().clear()

    def activated(self) -> None:
        self.fill_backups()

    def update_buttons(self) -> None:
        has_vault = self.vault is not None
        self.backup_button.setEnabled(has_vault and not self.backup_busy.isVisible())
        self.restore_button.setEnabled(has_vault and bool(self.backup_list.selectedItems()))

    def backups(self) -> list[BackupInfo]:
        return [] if self.vault is None else vault_service.backups(self.vault)

    def fill_backups(self) -> None:
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
            _("Map: {map}").format(map=str(vault_service.backup_folder(self.vault))))
        self.update_buttons()

    def make_backup(self) -> None:
        vault = self.vault
        if vault is None or self.backup_busy.isVisible():
            return
        self.backup_busy.show()
        self.backup_status.clear()
        self.update_buttons()
        self.ctx.tasks.run(owner=self, fn=lambda: vault_service.backup(vault), on_done=self._backup_done,
                           on_error=lambda exc: set_status(self.backup_status, message_for(exc), False),
                           on_finally=self._backup_finished)

    def _backup_done(self, path: Path) -> None:
        set_status(self.backup_status,
                   _("Reservekopie gemaakt: {bestand}").format(bestand=path.name), True)
        self.fill_backups()

    def _backup_finished(self) -> None:
        self.backup_busy.hide()
        self.update_buttons()

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
