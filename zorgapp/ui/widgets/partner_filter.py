"""The "filter by partner" combo of the dossier list: every organisation in the address
book, read on the task runner (the list of partners changes on the Partners page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from zorgapp.i18n import _
from zorgapp.services.partner_service import PartnerService
from zorgapp.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class PartnerFilterCombo(QComboBox):
    """First item "Alle partners" (no filter); data is the organisation's uuid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._namen: list[tuple[str, str]] = []
        self.vullen()

    def laad(self, vault: Vault | None, tasks: TaskRunner) -> None:
        if vault is None or not vault.is_open:
            return
        tasks.run(lambda: PartnerService(vault).namen(), on_done=self._gelezen, owner=self)

    def _gelezen(self, namen: list[tuple[str, str]]) -> None:
        if namen != self._namen:
            self._namen = namen
            self.vullen()

    def vullen(self) -> None:
        """(Re)fill in the current language, keeping the choice; no signal unless the
        chosen partner disappeared."""
        gekozen = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(_("Alle partners"), None)
        for uuid, naam in self._namen:
            self.addItem(naam, uuid)
        index = self.findData(gekozen)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self.setAccessibleName(_("Filter op partner"))
        if gekozen and index < 0:
            self.currentIndexChanged.emit(0)

    def leeg(self) -> None:
        self._namen = []
        self.vullen()
