"""Vernietigen…: the coordinator confirms by typing the case number.

Early destruction (on request, art. 17 AVG) needs a reason; the service refuses it
while a legal hold is on. After the destruction the verklaring van vernietiging is
offered for print or save (``PdfPreviewDialog``); it never touches the disk otherwise.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zorgapp.fileio import atomic_write
from zorgapp.i18n import _
from zorgapp.services.bewaren_service import BewaarRegel, BewaarService, Vernietiging, verklaring_pdf
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dialogs.unlock_dialog import ERROR_STYLE
from zorgapp.ui.tasks import TaskRunner, message_for


class VernietigDialog(QDialog):
    def __init__(self, service: BewaarService, regel: BewaarRegel, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vernietig_dialog")
        self.service, self.regel, self.tasks = service, regel, tasks
        self.gedaan: Vernietiging | None = None
        self.setWindowTitle(_("Dossier {nummer} vernietigen").format(nummer=regel.dossiernummer))
        layout = QVBoxLayout(self)
        uitleg = QLabel(_("Alle gegevens van dit dossier worden onherroepelijk uit de kluis en uit de "
                          "reservekopieën verwijderd. Alleen een aantekening zonder persoonsgegevens "
                          "blijft in het logboek. Typ het dossiernummer {nummer} om te bevestigen."
                          ).format(nummer=regel.dossiernummer))
        uitleg.setWordWrap(True)
        layout.addWidget(uitleg)
        self.bevestiging = QLineEdit()
        self.bevestiging.setAccessibleName(_("Dossiernummer ter bevestiging"))
        self.bevestiging.setPlaceholderText(regel.dossiernummer)
        layout.addWidget(self.bevestiging)
        self.vroeg = QCheckBox(_("Vóór het einde van de termijn, op verzoek (art. 17 AVG)"))
        self.vroeg.setChecked(not regel.verstreken)
        self.vroeg.setEnabled(not regel.verstreken)
        layout.addWidget(self.vroeg)
        self.reden = QLineEdit()
        self.reden.setAccessibleName(_("Reden van het verzoek"))
        self.reden.setPlaceholderText(_("Reden van het verzoek (zonder naam, geboortedatum of BSN)"))
        self.reden.setVisible(not regel.verstreken)
        layout.addWidget(self.reden)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.status)
        self.knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.knoppen.addButton(_("Vernietigen"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self._vernietig)
        self.knoppen.rejected.connect(self.reject)
        layout.addWidget(self.knoppen)
        self.bevestiging.textChanged.connect(
            lambda text: self.ok.setEnabled(text.strip() == regel.dossiernummer))

    def _vernietig(self) -> None:
        nummer, bevestiging = self.regel.dossiernummer, self.bevestiging.text()
        vroeg, reden = self.vroeg.isChecked(), self.reden.text()
        self.ok.setEnabled(False)
        self.tasks.run(lambda: self.service.vernietig(nummer, bevestiging, vroegtijdig=vroeg, reden=reden),
                       owner=self, on_done=self._klaar,
                       on_error=self._fout)

    def _fout(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc))
        self.ok.setEnabled(True)

    def _klaar(self, gedaan: Vernietiging) -> None:
        self.gedaan = gedaan
        self.accept()
        toon_verklaring(gedaan, self.service.vault.path.name, self.parentWidget())


def toon_verklaring(gedaan: Vernietiging, kluis: str, parent: QWidget | None) -> PdfPreviewDialog:
    """Offer the verklaring for print or save."""
    dialog = PdfPreviewDialog(
        verklaring_pdf(gedaan, kluis), _("Verklaring van vernietiging"),
        suggested_name=f"verklaring-vernietiging-{gedaan.dossiernummer}.pdf",
        on_save=lambda pad: atomic_write(Path(pad), verklaring_pdf(gedaan, kluis)), parent=parent)
    dialog.open()
    return dialog
