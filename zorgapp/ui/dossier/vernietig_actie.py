"""The dossier view's "Vernietigen…" (closed cases only): the same dialog as Beheer >
Bewaren, after which the view is emptied and the list asked to query again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zorgapp.services.bewaren_service import BewaarRegel, BewaarService
from zorgapp.ui.dialogs.vernietig_dialog import VernietigDialog
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.ui.dossier.view import DossierView


def vernietigen(view: DossierView) -> None:
    """Look up the case's retention on the worker, then ask for the confirmation."""
    base, dossier = view.service, view.dossier
    if base is None or dossier is None:
        return
    service = BewaarService(base.vault, actor=base.actor, vandaag=lambda: base.vandaag)
    nummer, uuid = dossier.dossiernummer, dossier.uuid

    def vraag(regel: BewaarRegel) -> None:
        dialog = VernietigDialog(service, regel, view.tasks, view)
        view.vernietig_dialog = dialog  # reachable for tests while it is open

        def gedaan() -> None:
            view.clear()
            view.destroyed_case.emit(uuid)

        dialog.accepted.connect(gedaan)
        dialog.open()

    view.tasks.run(lambda: service.regel(nummer), on_done=vraag,
                   on_error=lambda exc: view._show_message(message_for(exc), ok=False), owner=view)
