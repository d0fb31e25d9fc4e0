"""Beheer, Wachtwoordzin: a new passphrase for the open vault (the key file only)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from zorgapp.errors import KnownError
from zorgapp.i18n import _
from zorgapp.services import vault_service
from zorgapp.ui.context import UiContext
from zorgapp.ui.pages.beheer.common import BeheerSection, busy_bar, set_status, status_label
from zorgapp.ui.tasks import message_for


class PassphraseSection(BeheerSection):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
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
            lambda text: self.passphrase_hint.setText(_strength_hint(text)))
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
        self.passphrase_busy = busy_bar()
        layout.addWidget(self.passphrase_busy)
        self.passphrase_status = status_label()
        layout.addWidget(self.passphrase_status)
        layout.addStretch(1)

    def retranslate(self) -> None:
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
        self.passphrase_hint.setText(_strength_hint(self.new_edit.text()))
        self.passphrase_hint.setAccessibleName(_("Sterkte van de wachtwoordzin"))
        self.passphrase_button.setText(_("Wachtwoordzin wijzigen"))
        self.passphrase_button.setAccessibleName(self.passphrase_button.text())
        self.passphrase_busy.setAccessibleName(_("Bezig met wijzigen"))
        self.passphrase_status.setAccessibleName(_("Status wachtwoordzin"))

    def clear(self) -> None:
        self.passphrase_status.clear()
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        super().clear()

    def update_buttons(self) -> None:
        self.passphrase_button.setEnabled(self.vault is not None
                                          and not self.passphrase_busy.isVisible())

    def change_passphrase(self) -> None:
        vault = self.vault
        if vault is None or self.passphrase_busy.isVisible():
            return
        old, new, repeat = self.old_edit.text(), self.new_edit.text(), self.repeat_edit.text()
        try:
            vault_service.check_new_passphrase(new, repeat)
        except KnownError as exc:
            set_status(self.passphrase_status, exc.user_message(), False)
            return
        self.passphrase_busy.show()
        self.passphrase_status.clear()
        self.update_buttons()
        self.ctx.tasks.run(owner=self, fn=lambda: vault_service.change_passphrase(vault, old, new),
                           on_done=self._passphrase_changed, on_error=self._passphrase_failed,
                           on_finally=self._passphrase_finished)

    def _passphrase_changed(self, _result: object) -> None:
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        set_status(self.passphrase_status, _("De wachtwoordzin is gewijzigd."), True)

    def _passphrase_failed(self, exc: BaseException) -> None:
        self.old_edit.clear()
        set_status(self.passphrase_status, message_for(exc), False)

    def _passphrase_finished(self) -> None:
        self.passphrase_busy.hide()
        self.update_buttons()


def _strength_hint(passphrase: str) -> str:
    """The wizard's hint; its module (and the PDF preview) loads when first needed."""
    from zorgapp.ui.dialogs.first_run_pages import strength_hint

    return strength_hint(passphrase)
