"""What the Beheer sections share: the section base, a busy bar and a status line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.unlock_dialog import ERROR_STYLE

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

OK_STYLE = "color: #1b5e20;"


class BeheerSection(QWidget):
    """One tab of Beheer. Like a page: ``set_vault`` after unlock, ``clear`` on lock
    (drop everything shown from the vault), ``retranslate``, and ``activated`` when the
    user opens the tab."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vault: Vault | None = None

    def set_vault(self, vault: Vault) -> None:
        self.vault = vault
        self.update_buttons()

    def clear(self) -> None:
        self.vault = None
        self.update_buttons()

    def activated(self) -> None:
        """The user opened this tab."""

    def update_buttons(self) -> None:
        """Enable what can be done now (with a vault, when nothing is running)."""

    def retranslate(self) -> None:
        """Set every text in the active language."""


def busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.hide()
    return bar


def status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def set_status(label: QLabel, text: str, ok: bool) -> None:
    label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
    label.setText(text)
