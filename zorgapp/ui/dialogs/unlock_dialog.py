"""The lock screen: unlock a vault with its passphrase or its recovery key.

``LockScreenWidget`` is used both at start (inside the main window) and after an
auto-lock; ``UnlockDialog`` wraps it for places that need a modal dialog. Unlocking
runs Argon2 (about 0.7 s), so it runs on the task runner with a busy bar.

With the recovery key the user must choose a new passphrase at once: the vault is
opened with the key and the key file rewritten (``vault_service.recover_and_unlock``).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zorgapp.errors import KnownError
from zorgapp.i18n import N_, _
from zorgapp.ui import translation
from zorgapp.ui.tasks import TaskRunner, message_for, runner

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

ERROR_STYLE = "color: #b00020;"
DEMO_STYLE = ("background: #c75000; color: white; font-weight: bold; "
              "padding: 4px 10px; border-radius: 3px;")


class LockScreenWidget(QWidget):
    """Vault name, passphrase, Ontgrendelen; or recovery key plus a new passphrase."""

    unlocked = Signal(object)  # the open Vault
    path_changed = Signal(object)  # the user chose another vault file

    PASSPHRASE, RECOVERY = 0, 1

    def __init__(self, tasks: TaskRunner | None = None, parent: QWidget | None = None, *,
                 check_pages_later: bool = False, complete_later: bool = False) -> None:
        super().__init__(parent)
        self.tasks = tasks or runner()
        # True: the unlock leaves the HMAC check of every page to the caller (the main
        # window runs it in the background, ``vault.pages_checked`` is False).
        self.check_pages_later = check_pages_later
        self.path: Path | None = None
        self.demo_passphrase: str | None = None
        self._busy = False
        self._message_id: tuple[str, dict[str, object]] | None = None
        self._preparing: str | None = None
        self._complete = False
        self._build()
        translation.register(self)
        if not complete_later:
            self.complete()
        self.retranslate()
        self._update_state()

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        """A centred card: title, vault, demo note, the passphrase, status and links."""
        layout = self._build_card()
        self._build_title(layout)
        self._build_modes(layout)
        self._build_status(layout)
        self._build_links(layout)

    def complete(self) -> None:
        """What the first look does without (``complete_later``: the main window calls
        this after its first paint): recovery-key mode, selectable texts, link cursors.
        They name Qt classes whose Python types PySide6 makes on first use (``Qt``: 40 ms)."""
        if self._complete:
            return
        self._complete = True
        flag = QtCore.Qt.TextInteractionFlag
        self.vault_label.setTextInteractionFlags(flag.TextSelectableByMouse)
        self.demo_label.setTextInteractionFlags(  # Tab reaches it: read, select, copy
            flag.TextSelectableByMouse | flag.TextSelectableByKeyboard)
        self.demo_label.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        for link in (self.mode_button, self.other_button):
            link.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.modes.addWidget(self._build_recovery_page())
        # Made after the links, its fields would come after them on Tab: back in place.
        chain = (self.unlock_button, self.recovery_edit, self.new_edit, self.repeat_edit, self.recover_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.modes.currentChanged.connect(self._fit_mode)
        self._fit_mode(self.modes.currentIndex())
        self.retranslate()
        self._update_state()

    def _build_card(self) -> QVBoxLayout:
        """The centred frame everything sits in; returns its layout."""
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(460)
        card.setMaximumWidth(560)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        return layout

    def _build_title(self, layout: QVBoxLayout) -> None:
        """Title with the DEMO mark, then the vault path and the demo note."""
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.demo_mark = QLabel()
        self.demo_mark.setStyleSheet(DEMO_STYLE)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addStretch(1)
        title_row.addWidget(self.demo_mark)
        layout.addLayout(title_row)

        self.vault_label = QLabel()  # selectable: see complete()
        self.vault_label.setWordWrap(True)
        layout.addWidget(self.vault_label)

        self.demo_label = QLabel()
        self.demo_label.setWordWrap(True)
        layout.addWidget(self.demo_label)

    def _build_modes(self, layout: QVBoxLayout) -> None:
        """The passphrase page; the recovery-key page joins it in ``complete``."""
        self.modes = QStackedWidget()
        self.modes.addWidget(self._build_passphrase_page())
        layout.addWidget(self.modes)

    def _build_passphrase_page(self) -> QWidget:
        """Passphrase mode: one field and the unlock button."""
        pw_page = QWidget()
        pw_form = QFormLayout(pw_page)
        pw_form.setContentsMargins(0, 0, 0, 0)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.returnPressed.connect(self.unlock)
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase_edit)
        pw_form.addRow(self.passphrase_label, self.passphrase_edit)
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        pw_form.addRow("", self.unlock_button)
        return pw_page

    def _build_recovery_page(self) -> QWidget:
        """Recovery mode: recovery key, new passphrase twice, and the recover button."""
        rk_page = QWidget()
        rk_form = QFormLayout(rk_page)
        rk_form.setContentsMargins(0, 0, 0, 0)
        self.recovery_edit = QLineEdit()
        fonts = QtGui.QFontDatabase
        self.recovery_edit.setFont(fonts.systemFont(fonts.SystemFont.FixedFont))
        self.recovery_edit.setPlaceholderText("XXXX-XXXX-…")
        self.recovery_label = QLabel()
        self.recovery_label.setBuddy(self.recovery_edit)
        self.new_edit = QLineEdit()
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_label = QLabel()
        self.new_label.setBuddy(self.new_edit)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.returnPressed.connect(self.unlock)
        self.repeat_label = QLabel()
        self.repeat_label.setBuddy(self.repeat_edit)
        rk_form.addRow(self.recovery_label, self.recovery_edit)
        rk_form.addRow(self.new_label, self.new_edit)
        rk_form.addRow(self.repeat_label, self.repeat_edit)
        self.recover_button = QPushButton()
        self.recover_button.clicked.connect(self.unlock)
        rk_form.addRow("", self.recover_button)
        return rk_page

    def _build_status(self, layout: QVBoxLayout) -> None:
        """Busy bar and the (error) message line, both hidden at first."""
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.hide()
        layout.addWidget(self.busy_bar)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        layout.addWidget(self.message_label)

    def _build_links(self, layout: QVBoxLayout) -> None:
        """Flat link buttons: switch mode, choose another vault."""
        links = QHBoxLayout()
        self.mode_button = QPushButton()
        self.mode_button.setFlat(True)  # a link: its cursor follows in complete()
        self.mode_button.clicked.connect(self.toggle_mode)
        self.other_button = QPushButton()
        self.other_button.setFlat(True)
        self.other_button.clicked.connect(self._choose_other)
        links.addWidget(self.mode_button)
        links.addStretch(1)
        links.addWidget(self.other_button)
        layout.addLayout(links)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Vergrendelscherm"))
        self.title_label.setText(_("Kluis vergrendeld"))
        self.title_label.setAccessibleName(self.title_label.text())
        self.demo_mark.setText(_("DEMO"))
        self.demo_mark.setAccessibleName(_("Demoversie met fictieve gegevens"))
        self.passphrase_label.setText(_("&Wachtwoordzin:"))
        self.passphrase_edit.setAccessibleName(_("Wachtwoordzin"))
        self.unlock_button.setText(_("Ontgrendelen"))
        self.unlock_button.setAccessibleName(_("Ontgrendelen"))
        if self._complete:
            self.recovery_label.setText(_("&Herstelsleutel:"))
            self.recovery_edit.setAccessibleName(_("Herstelsleutel"))
            self.new_label.setText(_("&Nieuwe wachtwoordzin:"))
            self.new_edit.setAccessibleName(_("Nieuwe wachtwoordzin"))
            self.repeat_label.setText(_("&Herhaal nieuwe wachtwoordzin:"))
            self.repeat_edit.setAccessibleName(_("Herhaal nieuwe wachtwoordzin"))
            self.recover_button.setText(_("Ontgrendelen en wachtwoordzin instellen"))
            self.recover_button.setAccessibleName(self.recover_button.text())
        self.other_button.setText(_("Andere kluis openen…"))
        self.other_button.setAccessibleName(_("Andere kluis openen"))
        self.busy_bar.setAccessibleName(_("Bezig met ontgrendelen"))
        self.message_label.setAccessibleName(_("Melding"))
        self.vault_label.setAccessibleDescription(_("Kluis"))  # its text (the file) is the name
        self.demo_label.setAccessibleDescription(_("Demo-wachtwoordzin"))
        self._update_texts()

    def _update_texts(self) -> None:
        if self.modes.currentIndex() == self.PASSPHRASE:
            self.mode_button.setText(_("Herstelsleutel gebruiken"))
        else:
            self.mode_button.setText(_("Wachtwoordzin gebruiken"))
        self.mode_button.setAccessibleName(self.mode_button.text())
        if self._preparing is not None:
            self.vault_label.setText(_(self._preparing))
        elif self.path is not None:
            self.vault_label.setText(_("Kluis: {naam}").format(naam=self.path.name))
        else:
            self.vault_label.setText(_("Geen kluis gekozen."))
        if self.demo_passphrase:
            self.demo_label.setText(_("Demo-wachtwoordzin: {zin}").format(zin=self.demo_passphrase))
        if self._message_id is not None:
            msgid, params = self._message_id
            self.message_label.setText(_(msgid).format(**params))

    # -- state ---------------------------------------------------------------------

    def set_vault_path(self, path: Path | None) -> None:
        self.path = Path(path) if path else None
        self._update_texts()
        self._update_state()

    def set_demo_passphrase(self, passphrase: str | None) -> None:
        self.demo_passphrase = passphrase
        self._update_texts()
        self._update_state()

    def set_preparing(self, msgid: str | None) -> None:
        """Show ``msgid`` (translated here) and a busy bar while the vault is made ready."""
        self._preparing = msgid
        self._update_texts()
        self.set_busy(msgid is not None)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_state()

    def _update_state(self) -> None:
        demo = bool(self.demo_passphrase)
        self.demo_mark.setVisible(demo)
        self.demo_label.setVisible(demo)
        ready = self.path is not None and not self._busy
        for widget in (self.passphrase_edit, self.unlock_button, self.mode_button,
                       *self._recovery_edits()):
            widget.setEnabled(ready)
        if self._complete:
            self.recover_button.setEnabled(ready)
        self.other_button.setEnabled(not self._busy)
        self.busy_bar.setVisible(self._busy)

    def _recovery_edits(self) -> tuple[QLineEdit, ...]:
        """The recovery mode's fields, once built (``complete``)."""
        return (self.recovery_edit, self.new_edit, self.repeat_edit) if self._complete else ()

    def show_message(self, text: str) -> None:
        """Show ``text`` (already translated) under the fields."""
        self._message_id = None
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def show_message_id(self, msgid: str, **params: object) -> None:
        """Show a message that follows language switches."""
        self._message_id = (msgid, params)
        self.message_label.setText(_(msgid).format(**params))
        self.message_label.show()

    def clear_message(self) -> None:
        self.show_message("")

    def toggle_mode(self) -> None:
        self.set_mode(self.RECOVERY if self.modes.currentIndex() == self.PASSPHRASE
                      else self.PASSPHRASE)

    def set_mode(self, mode: int) -> None:
        self.complete()
        self.modes.setCurrentIndex(mode)
        self.clear_message()
        self._update_texts()
        self.focus_field()

    def _fit_mode(self, index: int) -> None:
        """Size the stack to the visible mode only (hidden pages are 'Ignored')."""
        for i in range(self.modes.count()):
            page = self.modes.widget(i)
            policies = QtWidgets.QSizePolicy.Policy
            policy = policies.Preferred if i == index else policies.Ignored
            page.setSizePolicy(policy, policy)
        self.modes.updateGeometry()

    def mode(self) -> int:
        return self.modes.currentIndex()

    def focus_field(self) -> None:
        target = self.passphrase_edit if self.mode() == self.PASSPHRASE else self.recovery_edit
        target.setFocus()  # Qt.FocusReason.OtherFocusReason, without naming Qt (see complete)

    def reset(self) -> None:
        """Back to the passphrase, with all fields empty."""
        for edit in (self.passphrase_edit, *self._recovery_edits()):
            edit.clear()
        self.modes.setCurrentIndex(self.PASSPHRASE)
        self._update_texts()

    # -- actions -------------------------------------------------------------------

    def _choose_other(self) -> None:
        from zorgapp.services import vault_service

        start = str(self.path.parent) if self.path else str(Path.home())
        name, _filter = QtWidgets.QFileDialog.getOpenFileName(
            self, _("Kluis openen"), start, _("Zorgapp-kluis (*{ext})").format(ext=vault_service.SUFFIX))
        if name:
            self.set_vault_path(Path(name))
            self.set_demo_passphrase(None)
            self.clear_message()
            self.path_changed.emit(Path(name))

    def unlock(self) -> None:
        """Start unlocking with what the user typed."""
        if self._busy or self.path is None:
            return
        from zorgapp.services import vault_service  # loaded by application.warm_up()

        path, later = self.path, self.check_pages_later
        if self.mode() == self.PASSPHRASE:
            phrase = self.passphrase_edit.text()
            if not phrase:
                self.show_message_id(N_("Vul uw wachtwoordzin in."))
                return
            def job() -> object:
                return vault_service.unlock(path, phrase, check_pages=not later)
        else:
            key, new, repeat = (self.recovery_edit.text(), self.new_edit.text(),
                                self.repeat_edit.text())
            try:
                vault_service.check_recovery_key(key)
                vault_service.check_new_passphrase(new, repeat)
            except KnownError as exc:
                self.show_message(exc.user_message())
                return
            def job() -> object:
                return vault_service.recover_and_unlock(path, key, new)
        self.clear_message()
        self.set_busy(True)
        self.tasks.run(job, owner=self, on_done=self._unlocked, on_error=self._failed,
                       on_finally=self._finished)

    def _unlocked(self, vault: Vault) -> None:
        self.reset()
        self.clear_message()
        self.unlocked.emit(vault)

    def _failed(self, exc: BaseException) -> None:
        self.show_message(message_for(exc))
        if self.mode() == self.PASSPHRASE:
            self.passphrase_edit.clear()
        else:
            self.recovery_edit.selectAll()
        self.focus_field()

    def _finished(self) -> None:
        self.set_busy(False)
        if self.message_label.isVisible():
            self.focus_field()


class UnlockDialog(QDialog):
    """A modal lock screen; after ``exec()`` the open vault is in ``self.vault``."""

    def __init__(self, path: Path, demo_passphrase: str | None = None,
                 tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = None
        layout = QVBoxLayout(self)
        self.lock_screen = LockScreenWidget(tasks, self)
        self.lock_screen.set_vault_path(path)
        self.lock_screen.set_demo_passphrase(demo_passphrase)
        self.lock_screen.unlocked.connect(self._unlocked)
        layout.addWidget(self.lock_screen)
        translation.register(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Kluis ontgrendelen"))
        self.setAccessibleName(_("Kluis ontgrendelen"))

    def _unlocked(self, vault: Vault) -> None:
        self.vault = vault
        self.accept()
