"""Beheer, Instellingen: settings of the vault (the region), not of this computer.

For now one: the term within which a melder hears what became of their signal
(``domain.terugkoppeling``). It is stored in the vault, so every coordinator of the
region works with the same term; a change applies to signals recorded from then on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from zorgapp.domain.terugkoppeling import MAX_TERMIJN_DAGEN
from zorgapp.i18n import _
from zorgapp.services.terugkoppeling_service import TerugkoppelingService
from zorgapp.ui.pages.beheer.common import set_status, status_label
from zorgapp.ui.tasks import TaskRunner, message_for
from zorgapp.ui.widgets.forms import button

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class KluisInstellingenBox(QGroupBox):
    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.service: TerugkoppelingService | None = None
        form = QFormLayout(self)
        self.termijn = QSpinBox()
        self.termijn.setRange(1, MAX_TERMIJN_DAGEN)
        self.termijn.setMaximumWidth(140)
        self.termijn_label = QLabel()
        self.termijn_label.setBuddy(self.termijn)
        self.opslaan = button("")
        self.opslaan.clicked.connect(self.save)
        self.status = status_label()
        row = QHBoxLayout()
        row.addWidget(self.termijn)
        row.addWidget(self.opslaan)
        row.addWidget(self.status, 1)
        form.addRow(self.termijn_label, row)
        self.setEnabled(False)

    def retranslate(self) -> None:
        self.setTitle(_("Afspraken van de regio (in de kluis)"))
        self.setAccessibleName(self.title())
        self.termijn_label.setText(_("&Terugkoppeling aan melder binnen:"))
        self.termijn.setSuffix(_(" dagen"))
        self.termijn.setAccessibleName(_("Terugkoppeling aan melder binnen (dagen)"))
        self.termijn.setToolTip(_("Geldt voor meldingen die vanaf nu worden vastgelegd"))
        self.opslaan.setText(_("Termijn opslaan"))
        self.opslaan.setAccessibleName(_("Termijn opslaan"))

    def set_vault(self, vault: Vault) -> None:
        self.service = service = TerugkoppelingService(vault)
        self.tasks.run(service.termijn, on_done=self._loaded, owner=self)

    def _loaded(self, dagen: int) -> None:
        self.termijn.setValue(dagen)
        self.setEnabled(True)

    def clear(self) -> None:
        self.service = None
        self.status.clear()
        self.setEnabled(False)

    def save(self) -> None:
        service, dagen = self.service, self.termijn.value()
        if service is None:
            return
        self.tasks.run(lambda: service.zet_termijn(dagen), owner=self,
                       on_done=lambda _r: set_status(self.status, _("Termijn opgeslagen."), True),
                       on_error=lambda exc: set_status(self.status, message_for(exc), False))
