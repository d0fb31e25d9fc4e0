"""Tab "Signalen & indicatoren": every report with the indicators observed under it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.signalen_model import SignaalTreeModel
from zorgapp.ui.widgets.tables import list_view


class SignalenTab(DossierTab):
    """Read-only: signals are recorded with a new report (the wizard), not here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = SignaalTreeModel(self)
        self.view = list_view(self.model, _("Signalen en indicatoren"), tree=True)
        layout.addWidget(self.view)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.model.set_meldingen(dossier.meldingen)
        self.view.expandAll()
        for col in range(3):
            self.view.resizeColumnToContents(col)

    def clear(self) -> None:
        super().clear()
        self.model.clear()
