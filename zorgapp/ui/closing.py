"""Closing the window with an open vault: a backup and the lock run on the worker while
a small progress dialog shows; the window closes when they are done, whatever happened
(a failed backup is said, the vault is locked anyway)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from zorgapp import APP_NAME
from zorgapp.i18n import _

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault
    from zorgapp.ui.main_window import MainWindow


def backup_lock_and_close(window: MainWindow, vault: Vault) -> None:
    """Back up and lock ``vault`` off the GUI thread, then let ``window`` close."""
    from zorgapp.services import vault_service  # not at start: the lock screen needs none of it

    progress = QProgressDialog(_("Reservekopie maken en kluis vergrendelen…"), "", 0, 0, window)
    progress.setCancelButton(None)
    progress.setWindowTitle(APP_NAME)
    progress.setAccessibleName(_("Afsluiten"))
    progress.setMinimumDuration(300)
    progress.setWindowModality(Qt.WindowModality.WindowModal)

    def said(problem: str | None) -> None:
        if problem:
            QMessageBox.warning(window, APP_NAME, _(
                "De kluis is vergrendeld, maar de reservekopie bij het afsluiten is mislukt: "
                "{melding}").format(melding=problem))

    def finish() -> None:
        progress.reset()
        progress.deleteLater()
        window._may_close = True
        window.close()

    window.ctx.tasks.run(lambda: vault_service.backup_and_lock(vault), owner=window,
                         on_done=said, on_finally=finish)
