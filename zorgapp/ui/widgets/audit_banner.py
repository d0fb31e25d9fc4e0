"""A banner above the app when the unlock found the audit trail cut or its head missing.

The finding is in the trail already (an ``alarm`` entry, see ``store/audit.py``); the
banner makes sure the user sees it in this session and knows whom to tell. It hides at
lock and can be closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from zorgapp.errors import KnownError
from zorgapp.i18n import _

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

BANNER_STYLE = "background: #b00020; color: white; padding: 6px; font-weight: bold;"


class AuditBannerWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_banner")
        self.setStyleSheet(BANNER_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.label = QLabel()
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.close_button)
        self._alarm: KnownError | None = None
        self.hide()

    def show_for(self, vault: Vault) -> None:
        """Visible when this vault's unlock noticed a mismatch."""
        from zorgapp.services.audit_service import alarm_at_unlock  # not before the unlock

        self._alarm = alarm_at_unlock(vault)
        self.retranslate()
        self.setVisible(self._alarm is not None)

    def clear(self) -> None:
        self._alarm = None
        self.hide()

    def retranslate(self) -> None:
        self.close_button.setText(_("Sluiten"))
        if self._alarm is not None:
            self.label.setText(self._alarm.user_message())
            self.label.setAccessibleName(self.label.text())
