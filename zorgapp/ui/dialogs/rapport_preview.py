"""Show a made document: preview from memory, print and save audited on the worker.

One place for the wiring that the Rapportages page, the dossier view (case summary)
and the Opvang tab (placement letter) share, so every printed or saved document lands
in the audit trail the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from zorgapp.i18n import _
from zorgapp.services.report_service import Rapport, ReportService
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.tasks import TaskRunner, message_for


def toon_rapport(parent: QWidget, rapport: Rapport, service: ReportService, tasks: TaskRunner,
                 titel: str, status: Callable[[str], None]) -> PdfPreviewDialog:
    """Open the preview (non-modal); ``status`` gets "saved" and error messages."""

    def fout(exc: BaseException) -> None:
        status(message_for(exc))

    def gedrukt() -> None:
        tasks.run(lambda: service.afgedrukt(rapport), on_error=fout, owner=parent)

    def bewaren(pad: Path) -> None:
        tasks.run(lambda: service.bewaar(rapport, pad),
                  on_done=lambda p: status(_("PDF opgeslagen: {pad}").format(pad=p)),
                  on_error=fout, owner=parent)

    preview = PdfPreviewDialog(rapport.pdf, titel, suggested_name=rapport.bestandsnaam,
                               on_print=gedrukt, on_save=bewaren, parent=parent)
    preview.finished.connect(preview.deleteLater)
    preview.open()
    return preview
