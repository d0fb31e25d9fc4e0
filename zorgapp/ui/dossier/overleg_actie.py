"""The dossier view's "Bespreken in overleg": put the case on the agenda of the next
signaleringsoverleg (planned when there is none) and say which one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zorgapp.domain.overleg import Overleg
from zorgapp.i18n import _, format_date
from zorgapp.services.overleg_service import OverlegService
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.ui.dossier.view import DossierView


def bespreken_in_overleg(view: DossierView) -> None:
    """Runs on the worker; the answer appears in the view's message line."""
    base, dossier = view.service, view.dossier
    if base is None or dossier is None:
        return
    service = OverlegService(base.vault, actor=base.actor, vandaag=lambda: base.vandaag)
    uuid, nummer = dossier.uuid, dossier.dossiernummer

    def done(overleg: Overleg) -> None:
        view._show_message(_("Dossier {nummer} staat op de agenda van het overleg van "
                             "{datum}.").format(nummer=nummer, datum=format_date(overleg.datum)),
                           ok=True)

    view.tasks.run(lambda: service.bespreken_in_overleg(uuid), on_done=done,
                   on_error=lambda exc: view._show_message(message_for(exc), ok=False),
                   owner=view)
