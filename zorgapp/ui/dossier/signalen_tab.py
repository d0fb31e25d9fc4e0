"""Tab "Signalen & indicatoren": every report with the indicators observed under it,
and below it the feedback each melder is owed (or was given)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _
from zorgapp.services.terugkoppeling_service import TerugkoppelingService
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.dossier.terugkoppeling_widgets import (
    TerugkoppelDialog,
    TerugkoppelRij,
    TerugkoppelTableModel,
)
from zorgapp.ui.models.signalen_model import SignaalTreeModel
from zorgapp.ui.widgets.forms import button
from zorgapp.ui.widgets.tables import list_view


class SignalenTab(DossierTab):
    """Signals are recorded with a new report (the wizard); here the feedback to their
    melders is recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = SignaalTreeModel(self)
        self.view = list_view(self.model, _("Signalen en indicatoren"), tree=True)
        layout.addWidget(self.view, 3)
        layout.addWidget(QLabel(_("Terugkoppeling aan de melder")))
        self.terug_model = TerugkoppelTableModel(self)
        self.terug_view = list_view(self.terug_model, _("Terugkoppeling aan de melder"))
        layout.addWidget(self.terug_view, 1)
        row = QHBoxLayout()
        self.terug_button = button(_("&Terugkoppeling vastleggen…"),
                                   _("Terugkoppeling aan de melder vastleggen"))
        self.terug_button.setToolTip(_("Vastleggen wanneer en hoe de melder heeft gehoord "
                                       "wat er met de melding is gedaan"))
        self.terug_button.clicked.connect(self.terugkoppelen)
        row.addWidget(self.terug_button)
        row.addStretch(1)
        layout.addLayout(row)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.model.set_meldingen(dossier.meldingen)
        self.view.expandAll()
        for col in range(3):
            self.view.resizeColumnToContents(col)
        self.terug_model.set_rows([TerugkoppelRij(m, vandaag) for m in dossier.meldingen])
        for col in range(3):
            self.terug_view.resizeColumnToContents(col)

    def clear(self) -> None:
        super().clear()
        self.model.clear()
        self.terug_model.clear()

    def terugkoppelen(self) -> None:
        """For the chosen signal, or the one signal there is."""
        if self.dossier is None or self.service is None:
            return
        rows = self.terug_model.rows()
        current = self.terug_view.currentIndex()
        if current.isValid():
            melding = rows[current.row()].melding
        elif len(rows) == 1:
            melding = rows[0].melding
        else:
            self.refuse(_("Kies eerst een melding in de lijst met terugkoppelingen."))
            return
        base = self.service
        service = TerugkoppelingService(base.vault, base.actor, lambda: base.vandaag)
        uuid, melding_uuid = self.dossier.uuid, melding.uuid

        def submit(values: dict[str, Any]) -> object:
            return service.terugkoppeling_vastleggen(uuid, melding_uuid,
                                                     values["terugkoppeling"])

        dialog = TerugkoppelDialog(melding, self.vandaag(), submit, self, self.tasks)
        self.dialog_done(dialog, _("Terugkoppeling aan de melder vastgelegd."))
