"""A quiet note in the status bar while every page of the vault is checked.

The window unlocks without the HMAC check of every page (``store/page_check.py``) so
that rows appear sooner; this widget starts that check, shows a small busy bar while
it runs, and emits ``damaged(vault, error)`` on the GUI thread if a page fails.
"""

from __future__ import annotations

import threading
from itertools import count
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from zorgapp.i18n import _

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class PageCheckWidget(QWidget):
    damaged = Signal(object, object)  # the vault, its DamagedVaultError
    _result = Signal(int)  # from the checking thread, queued: the key of its outcome

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
        # Only a number crosses the threads (see ui/tasks.py: PySide6 miscounts
        # references of Python objects in queued signals).
        self._outcomes: dict[int, tuple[Vault, object]] = {}
        self._keys = count(1)
        self._guard = threading.Lock()
        self._result.connect(self._finished)
        self.retranslate()
        self.hide()

    def start(self, vault: Vault) -> None:
        """Check every page of ``vault`` (opened with ``check_pages=False``)."""
        self._vault = vault

        def report(outcome: object) -> None:  # on the checking thread
            if shiboken6.isValid(self):
                with self._guard:
                    key = next(self._keys)
                    self._outcomes[key] = (vault, outcome)
                self._result.emit(key)

        self.show()
        vault.check_pages_later(report)

    def stop(self) -> None:
        """Forget the running check (the vault is being locked, which cancels it)."""
        self._vault = None
        self.hide()

    def is_checking(self) -> bool:
        return self._vault is not None

    def _finished(self, key: int) -> None:
        with self._guard:
            vault, outcome = self._outcomes.pop(key)
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
