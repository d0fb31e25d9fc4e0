"""What every tab of the dossier view shares: the dossier on show, the service its
changes go through, and the two ways it talks back to the view.

A tab never reloads the dossier itself: after a use case succeeded it emits
``applied(message)`` and the view reloads the stored dossier, refreshes every tab,
shows the message and tells the list. A refusal by the rules becomes
``message(text, False)`` for the line above the tabs.

Use cases run on the task runner (``apply``), never on the GUI thread: read what the
user typed into plain values first (``gather``), then hand the service call over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.errors import DomainError
from zorgapp.errors import KnownError
from zorgapp.services.dossier_service import DossierService
from zorgapp.ui.tasks import TaskRunner, message_for, runner

T = TypeVar("T")


class DossierTab(QWidget):
    """Base of the tabs that show a loaded ``Dossier`` and change it via ``service``."""

    #: a use case succeeded: reload the dossier and show this message
    applied = Signal(str)
    #: a message for the line above the tabs: (text, ok)
    message = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: DossierService | None = None
        self.dossier: Dossier | None = None
        self.tasks: TaskRunner = runner()

    def set_service(self, service: DossierService | None) -> None:
        self.service = service

    def vandaag(self) -> date:
        """Today by the service's clock (tests set it), else the system's."""
        return self.service.vandaag if self.service is not None else date.today()

    def show_dossier(self, dossier: Dossier, vandaag: date,
                     deadlines: Sequence[Deadline]) -> None:
        """Show ``dossier`` as stored; ``deadlines`` were worked out once by the view."""
        self.dossier = dossier
        self.fill(dossier, vandaag, deadlines)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        """Drop everything shown (lock)."""
        self.dossier = None

    def apply(self, action: Callable[[DossierService, str], object], done: str,
              on_success: Callable[[], object] | None = None) -> bool:
        """Run ``action(service, dossier_uuid)`` on the worker; on success call
        ``on_success`` and ask the view to reload and show ``done``, else show why not.
        False when there is no dossier to act on. ``action`` must not read widgets."""
        if self.dossier is None or self.service is None:
            return False
        service, uuid = self.service, self.dossier.uuid

        def succeeded(_result: object) -> None:
            if on_success is not None:
                on_success()
            self.applied.emit(done)

        self.tasks.run(lambda: action(service, uuid), on_done=succeeded,
                       on_error=lambda exc: self.message.emit(message_for(exc), False),
                       owner=self)
        return True

    def gather(self, read: Callable[[], T]) -> T | None:
        """Read the form on the GUI thread into a value; a refusal by the rules is
        shown and gives None."""
        try:
            return read()
        except (DomainError, KnownError) as exc:
            self.message.emit(message_for(exc), False)
            return None

    def refuse(self, text: str) -> None:
        self.message.emit(text, False)

    def dialog_done(self, dialog: QDialog, done: str) -> bool:
        """Show a modal dialog whose OK runs the use case; reload when it was accepted."""
        if dialog.exec():
            self.applied.emit(done)
            return True
        return False
