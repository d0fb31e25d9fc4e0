"""Tab "Bijlagen": the dossier's attachments (signed consent, IND letters, a police report).

Files come in through the file dialog or by dragging them onto the tab, and go straight
into the vault (never copied anywhere else); PDFs and images are shown from memory.
Every vault access runs on the task runner through ``BijlageService``, which writes the
audit entries (add, view, print, save as, delete). The list is this tab's own: adding
or removing an attachment does not reload the dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.bijlage import MAX_MB, Bijlage
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.errors import UserFacingError
from zorgapp.i18n import _, ngettext
from zorgapp.services.bijlage_service import BijlageService
from zorgapp.ui.dialogs.afbeelding_preview import AfbeeldingPreviewDialog, lees_afbeelding
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.bijlage_model import BijlageTableModel
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.forms import button, line_edit
from zorgapp.ui.widgets.tables import list_view


def lokale_bestanden(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files being dragged (empty when anything else is dragged)."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    urls = data.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


class BijlagenTab(DossierTab):
    """The attachments of the dossier on show; drop files here to add them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.preview: QDialog | None = None
        self._generation = 0
        layout = QVBoxLayout(self)
        self.model = BijlageTableModel(self)
        self.view = list_view(self.model, _("Bijlagen"))
        self.view.doubleClicked.connect(lambda _index: self.bekijk())
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.bekijk_button = button(_("Be&kijken"), _("Gekozen bijlage bekijken"))
        self.bekijk_button.clicked.connect(self.bekijk)
        self.opslaan_button = button(_("&Opslaan als…"), _("Gekozen bijlage opslaan als bestand"))
        self.opslaan_button.clicked.connect(self.opslaan_als)
        self.verwijder_button = button(_("Verwij&deren…"), _("Gekozen bijlage verwijderen"))
        self.verwijder_button.clicked.connect(self.verwijder)
        for b in (self.bekijk_button, self.opslaan_button, self.verwijder_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        box = QGroupBox(_("Nieuwe bijlage"))
        form = QFormLayout(box)
        self.omschrijving = line_edit(_("Korte omschrijving van de nieuwe bijlage"))
        self.omschrijving.setPlaceholderText(_("bijvoorbeeld: getekende toestemming, brief IND"))
        form.addRow(_("Omschrijving:"), self.omschrijving)
        self.toevoegen_button = button(_("Bestand kiezen en toevoe&gen…"))
        self.toevoegen_button.clicked.connect(self.kies_bestanden)
        knoppen = QHBoxLayout()
        knoppen.addWidget(self.toevoegen_button)
        knoppen.addStretch(1)
        form.addRow("", knoppen)
        self.hint = QLabel(_("Of sleep bestanden naar dit tabblad. Hoogstens {max} MB per bestand. "
                             "Bijlagen worden alleen versleuteld in de kluis bewaard.").format(max=MAX_MB))
        self.hint.setWordWrap(True)
        form.addRow("", self.hint)
        layout.addWidget(box)

    # -- data ------------------------------------------------------------------------

    def bijlage_service(self) -> BijlageService | None:
        s = self.service
        return None if s is None else BijlageService(s.vault, s.actor, lambda: s.vandaag)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        self.laad()

    def laad(self) -> None:
        """Fetch the list on the worker; an answer for another dossier is dropped."""
        service, dossier = self.bijlage_service(), self.dossier
        if service is None or dossier is None:
            return
        self._generation += 1
        generation, uuid = self._generation, dossier.uuid

        def shown(rows: list[Bijlage]) -> None:
            if generation == self._generation:
                self.model.set_rows(rows)
                for column in range(self.model.columnCount() - 1):  # the last one stretches
                    self.view.resizeColumnToContents(column)

        self.tasks.run(lambda: service.lijst(uuid), on_done=shown,
                       on_error=lambda exc: self.refuse(message_for(exc)), owner=self)

    def clear(self) -> None:
        super().clear()
        self._generation += 1
        self.model.clear()
        if self.preview is not None:
            self.preview.reject()
            self.preview = None

    def gekozen(self) -> Bijlage | None:
        index: QModelIndex = self.view.currentIndex()
        if not index.isValid():
            self.refuse(_("Kies eerst een bijlage."))
            return None
        return self.model.row(index.row())

    # -- adding ----------------------------------------------------------------------

    def kies_bestanden(self) -> None:
        namen, _filter = QFileDialog.getOpenFileNames(self, _("Bijlage kiezen"), str(Path.home()),
                                                      _("Alle bestanden (*)"))
        if namen:
            self.voeg_toe([Path(n) for n in namen])

    def voeg_toe(self, paden: Sequence[Path]) -> bool:
        """Add these files on the worker: each is checked (size) and stored on its own."""
        service, dossier = self.bijlage_service(), self.dossier
        if service is None or dossier is None or not paden:
            return False
        omschrijving, uuid = self.omschrijving.text(), dossier.uuid

        def work() -> list[tuple[str, BaseException | None]]:
            results: list[tuple[str, BaseException | None]] = []
            for pad in paden:
                try:
                    results.append((service.voeg_bestand_toe(uuid, pad, omschrijving).naam, None))
                except UserFacingError as exc:  # refused (too large, unreadable): per file
                    results.append((pad.name, exc))
            return results

        self.tasks.run(work, on_done=self._toegevoegd,
                       on_error=lambda exc: self.refuse(message_for(exc)), owner=self)
        return True

    def _toegevoegd(self, results: list[tuple[str, BaseException | None]]) -> None:
        gelukt = [naam for naam, fout in results if fout is None]
        fouten = [message_for(fout) for _naam, fout in results if fout is not None]
        if gelukt:
            self.omschrijving.clear()
            self.laad()
        if fouten:
            self.refuse(" ".join(fouten))
        else:
            self.message.emit(ngettext("Bijlage toegevoegd: {namen}.", "Bijlagen toegevoegd: {namen}.",
                                       len(gelukt)).format(namen=", ".join(gelukt)), True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dossier is not None and lokale_bestanden(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paden = lokale_bestanden(event)
        if paden and self.voeg_toe(paden):
            event.acceptProposedAction()
        else:
            event.ignore()

    # -- viewing, saving, deleting ---------------------------------------------------

    def bekijk(self) -> None:
        """Show a PDF or an image from memory (audited as a view)."""
        bijlage, service = self.gekozen(), self.bijlage_service()
        if bijlage is None or service is None:
            return
        if not bijlage.te_bekijken:
            self.refuse(_("Zorgapp kan dit soort bestand ({soort}) niet tonen. Kies 'Opslaan als…' "
                          "en open het met een ander programma.").format(soort=bijlage.type))
            return
        self.tasks.run(lambda: service.bekijk(bijlage.uuid), on_done=self._toon,
                       on_error=lambda exc: self.refuse(message_for(exc)), owner=self)

    def _toon(self, gevonden: tuple[Bijlage, bytes]) -> None:
        bijlage, data = gevonden
        if self.dossier is None or bijlage.dossier_uuid != self.dossier.uuid:
            return  # locked or another dossier meanwhile
        service = self.bijlage_service()
        assert service is not None

        def bewaren(pad: Path) -> None:
            self._bewaar(bijlage, pad)

        def afgedrukt() -> None:
            self.tasks.run(lambda: service.afgedrukt(bijlage.uuid), owner=self)

        dialog: QDialog
        if bijlage.is_pdf:
            dialog = PdfPreviewDialog(data, bijlage.naam, suggested_name=bijlage.naam, parent=self,
                                      on_save=bewaren, on_print=afgedrukt)
        else:
            image = lees_afbeelding(data)
            if image.isNull():
                self.refuse(_("De afbeelding {naam} kan niet worden getoond (beschadigd of een "
                              "onbekend formaat).").format(naam=bijlage.naam))
                return
            dialog = AfbeeldingPreviewDialog(image, bijlage.naam, suggested_name=bijlage.naam,
                                             on_save=bewaren, parent=self)
        del data
        self.preview = dialog
        dialog.finished.connect(lambda *_args: self._preview_closed(dialog))
        dialog.open()

    def _preview_closed(self, dialog: Any) -> None:
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    def opslaan_als(self) -> None:
        bijlage = self.gekozen()
        if bijlage is None:
            return
        naam, _filter = QFileDialog.getSaveFileName(self, _("Bijlage opslaan als"),
                                                    str(Path.home() / bijlage.naam))
        if naam:
            self._bewaar(bijlage, Path(naam))

    def _bewaar(self, bijlage: Bijlage, pad: Path) -> None:
        service = self.bijlage_service()
        if service is None:
            return
        self.tasks.run(lambda: service.bewaar_als(bijlage.uuid, pad),
                       on_done=lambda p: self.message.emit(
                           _("Bijlage opgeslagen in {bestand}.").format(bestand=str(p)), True),
                       on_error=lambda exc: self.refuse(message_for(exc)), owner=self)

    def bevestig_verwijderen(self, bijlage: Bijlage) -> bool:
        answer = QMessageBox.question(self, _("Bijlage verwijderen"), _(
            "Bijlage {naam} uit de kluis verwijderen? Dit kan niet ongedaan worden gemaakt.").format(
                naam=bijlage.naam))
        return answer == QMessageBox.StandardButton.Yes

    def verwijder(self) -> None:
        bijlage, service = self.gekozen(), self.bijlage_service()
        if bijlage is None or service is None or not self.bevestig_verwijderen(bijlage):
            return

        def done(weg: Bijlage) -> None:
            self.laad()
            self.message.emit(_("Bijlage {naam} verwijderd.").format(naam=weg.naam), True)

        self.tasks.run(lambda: service.verwijder(bijlage.uuid), on_done=done,
                       on_error=lambda exc: self.refuse(message_for(exc)), owner=self)
