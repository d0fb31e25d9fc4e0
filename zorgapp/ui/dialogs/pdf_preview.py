"""Preview a PDF from memory, print it, or save it where the user chooses.

The document never touches the disk on its way to the screen or the printer: QtPdf
reads it from a ``QBuffer`` and printing renders its pages into the printer's painter.
A file is written only by "Opslaan als PDF…" (``on_save(path)``: the service writes it
atomically and records the export); a finished print calls ``on_print()`` for the
audit trail. ``paper_only`` (the recovery-key sheet) also shuts the back door of the
print dialog: no "print to file", and a printer that writes a file (PDF, XPS) is
refused with the reason, because an unencrypted file with the key undoes the vault.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _, ngettext
from zorgapp.ui.tasks import TaskRunner, runner

#: Pages go to the printer as images of at most this resolution: enough for text and
#: a QR code on paper, and a 1200-dpi A4 page (half a gigabyte) took ten seconds or more.
MAX_PRINT_DPI = 600


class PdfPreviewDialog(QDialog):
    """Shows ``pdf`` bytes; ``on_save(path)`` writes the file, ``on_print()`` audits."""

    _printer: QPrinter | None = None  # while the pages go to it on the worker

    def __init__(
        self,
        pdf: bytes,
        title: str,
        *,
        suggested_name: str = "document.pdf",
        on_print: Callable[[], None] | None = None,
        on_save: Callable[[Path], None] | None = None,
        paper_only: bool = False, tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks or runner()
        self.setObjectName("pdf_preview")
        self.setWindowTitle(title)
        self.resize(820, 960)
        scherm = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if scherm is not None:  # on a 768-pixel laptop screen the buttons must stay visible
            ruimte = scherm.availableGeometry()
            self.resize(min(820, ruimte.width() - 40), min(960, ruimte.height() - 60))
        self._on_print, self._on_save = on_print, on_save
        self._paper_only, self._suggested = paper_only, suggested_name

        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(_("Voorbeeld van het document"))

        self.pages_label = QLabel()
        self.print_button = QPushButton(_("Afdrukken…"))
        self.save_button = QPushButton(_("Opslaan als PDF…"))
        self.close_button = QPushButton(_("Sluiten"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        self.save_button.setVisible(on_save is not None)  # e.g. the recovery key: print only

        self.paper_label = _paper_note(paper_only)

        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.paper_label)
        layout.addLayout(buttons)
        self.pages_label.setText(ngettext("{aantal} pagina", "{aantal} pagina's", self.page_count()).format(
            aantal=self.page_count()))

    @property
    def pdf(self) -> bytes:
        """The bytes shown (kept in memory only)."""
        return bytes(self._bytes.data())

    def page_count(self) -> int:
        return int(self.document.pageCount())

    # -- printing ----------------------------------------------------------------------

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Afdrukken"))
        if self._paper_only:
            dialog.setWindowTitle(_("Afdrukken op papier (niet naar een bestand)"))
            dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self._paper_only and writes_a_file(printer):
            QMessageBox.warning(self, _("Afdrukken"), _(
                "Deze printer schrijft een bestand in plaats van op papier af te drukken. "
                "De herstelsleutel mag niet in een bestand op de computer komen: wie dat "
                "bestand vindt, opent de kluis zonder wachtwoordzin. Kies een echte printer."))
            return
        self._printer = printer
        self.print_button.setEnabled(False)
        self.print_button.setText(_("Bezig met afdrukken…"))
        pdf = self.pdf
        self._tasks.run(lambda: render_into(printer, pdf), owner=self,
                        on_done=self._printed, on_finally=self._print_finished)

    def is_printing(self) -> bool:
        return self._printer is not None

    def _printed(self, ok: bool) -> None:
        if not ok:
            QMessageBox.warning(self, _("Afdrukken"), _("De printer kon niet worden gestart."))
        elif self._on_print is not None:
            self._on_print()

    def _print_finished(self) -> None:
        self._printer = None
        self.print_button.setEnabled(True)
        self.print_button.setText(_("Afdrukken…"))

    def print_to(self, printer: QPrinter) -> bool:
        """Render every page into ``printer`` now; False when it failed (with a message).
        ``print_document`` does the same on the task runner."""
        if render_into(printer, self.pdf):
            return True
        QMessageBox.warning(self, _("Afdrukken"), _("De printer kon niet worden gestart."))
        return False

    # -- saving ------------------------------------------------------------------------

    def save_document(self) -> None:
        if self._on_save is None:
            return
        naam, _filter = QFileDialog.getSaveFileName(
            self, _("Opslaan als PDF"), self._suggested, _("PDF-bestanden (*.pdf)"))
        if not naam:
            return
        pad = Path(naam)
        if pad.suffix.lower() != ".pdf":
            pad = pad.with_suffix(".pdf")
        self._on_save(pad)

    def done(self, result: int) -> None:
        # Drop the document from memory as soon as the preview closes.
        self.document.close()
        self._buffer.close()
        super().done(result)


def render_into(printer: QPrinter, pdf: bytes) -> bool:
    """Paint every page of ``pdf`` into ``printer``; False when the printer did not start.

    Runs on the worker: Qt allows painting on a QPrinter and QImage outside the GUI
    thread, and the document is opened here, in this thread, from the bytes."""
    data = QByteArray(pdf)
    buffer = QBuffer()
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            return False
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            size = document.pagePointSize(index)
            pixels = QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))
            image = document.render(index, pixels)
            target = painter.viewport()
            scaled = pixels.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
        return True
    finally:
        if painter.isActive():
            painter.end()
        document.close()
        buffer.close()


def _paper_note(shown: bool) -> QLabel:
    """Why the recovery-key sheet goes to paper only (shown above the buttons)."""
    label = QLabel(_(
        "Dit blad kan alleen op papier worden afgedrukt, niet naar een bestand (PDF): "
        "met een bestand van de herstelsleutel op een computer is de wachtwoordzin "
        "niets meer waard."))
    label.setWordWrap(True)
    label.setVisible(shown)
    return label


#: Printers that are really files: Microsoft Print to PDF, XPS Document Writer, CUPS-PDF,
#: "Save as PDF", OneNote, "Print to File".
_FILE_PRINTER = re.compile(r"pdf|xps|onenote|(?<![a-z])file(?![a-z])|bestand|document writer",
                           re.IGNORECASE)


def writes_a_file(printer: QPrinter) -> bool:
    """Whether ``printer`` puts the pages in a file rather than on paper."""
    return (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
            or bool(printer.outputFileName())
            or bool(_FILE_PRINTER.search(printer.printerName())))


__all__ = ["PdfPreviewDialog", "render_into", "writes_a_file"]
