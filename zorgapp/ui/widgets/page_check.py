"""A quiet note in the status bar while every page of the vault is checked.

The window unlocks without the HMAC check of every page (``store/page_check.py``) so
that rows appear sooner; this widget starts that check, shows a small busy bar while
it runs, and emits ``damaged(vault, error)`` on the GUI thread if a page fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from zorgapp.i18n import _

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class PageCheckWidget(QWidget):
    damaged = Signal(object, object)  # the vault, its DamagedVaultError
    _result = Signal(object, object)  # from the checking thread; delivered queued

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the check reports no steps
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(60, 10)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        self._vault: Vault | None = None
        self._result.connect(self._finished)
        self.retranslate()
        self.hide()

    def start(self, vault: Vault) -> None:
        """Check every page of ``vault`` (opened with ``check_pages=False``)."""
        self._vault = vault

        def report(outcome: object) -> None:  # on the checking thread
            if shiboken6.isValid(self):
                self._result.emit(vault, outcome)

        self.show()
        vault.check_pages_later(report)

    def stop(self) -> None:
        """Forget the running check (the vault is being locked, which cancels it)."""
        self._vault = None
        self.hide()

    def is_checking(self) -> bool:
        return self._vault is not None

    def _finished(self, vault: Vault, outcome: object) -> None:
        if vault is not self._vault:
            return
        self.stop()
        if outcome is not None:
            self.damaged.emit(vault, outcome)

    def retranslate(self) -> None:
        self.label.setText(_("Kluis wordt gecontroleerd…"))
        self.setAccessibleName(_("Controle van de kluis"))
        self.setToolTip(_("Elke pagina van de kluis wordt op beschadiging gecontroleerd. "
                          "U kunt intussen gewoon doorwerken."))
