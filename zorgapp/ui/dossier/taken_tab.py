"""Tab "Taken": the case's tasks (open ones first, by deadline), tick one off, add one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.dossier_tab_models import TaakRij, TaakTableModel
from zorgapp.ui.widgets.forms import button, date_edit, line_edit, to_date
from zorgapp.ui.widgets.tables import list_view


class TakenTab(DossierTab):
    """Tasks with their deadline and status; overdue open tasks read "verlopen"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = TaakTableModel(self)
        self.view = list_view(self.model, _("Taken"))
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.afvinken_button = button(_("Gekozen taak &afvinken"))
        self.afvinken_button.clicked.connect(self.afvinken)
        row.addWidget(self.afvinken_button)
        row.addStretch(1)
        layout.addLayout(row)
        box = QGroupBox(_("Nieuwe taak"))
        form = QFormLayout(box)
        self.omschrijving = line_edit(_("Omschrijving van de taak"))
        form.addRow(_("Omschrijving:"), self.omschrijving)
        self.deadline = date_edit(date.today() + timedelta(days=7), None, _("Deadline van de taak"))
        form.addRow(_("Deadline:"), self.deadline)
        self.eigenaar = line_edit(_("Wie voert de taak uit"), _("Organisatie of persoon"))
        form.addRow(_("Wie:"), self.eigenaar)
        self.toevoegen_button = button(_("Taak toevoegen"))
        self.toevoegen_button.clicked.connect(self.toevoegen)
        self.omschrijving.returnPressed.connect(self.toevoegen)
        form.addRow("", self.toevoegen_button)
        layout.addWidget(box)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        taken = sorted(dossier.taken, key=lambda t: (not t.open, t.deadline))
        self.model.set_rows([TaakRij(t, vandaag) for t in taken])
        self.view.resizeColumnToContents(0)

    def clear(self) -> None:
        super().clear()
        self.model.clear()

    def toevoegen(self) -> None:
        deadline = self.gather(lambda: to_date(self.deadline.date()))  # a wrong date is said
        if deadline is None:
            return
        omschrijving, eigenaar = self.omschrijving.text(), self.eigenaar.text()
        self.apply(lambda s, uuid: s.taak_toevoegen(uuid, omschrijving, deadline, eigenaar),
                   _("Taak toegevoegd."), on_success=self.omschrijving.clear)

    def afvinken(self) -> None:
        if self.dossier is None or self.service is None:
            return
        current = self.view.currentIndex()
        if not current.isValid():
            self.refuse(_("Kies eerst een taak."))
            return
        taak = self.model.row(current.row()).taak.uuid
        self.apply(lambda s, uuid: s.taak_afvinken(uuid, taak), _("Taak afgevinkt."))
