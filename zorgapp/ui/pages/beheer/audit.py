"""Beheer, Logboek: the audit trail filtered by period, dossier, user and action, a
check of its chain, and the exports for the privacy officer (CSV, PDF with the check
result). Without a filter it shows the newest lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from zorgapp.i18n import _
from zorgapp.services import vault_service
from zorgapp.services.logboek_service import AuditFilter, LogboekService, LogRegel
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.privacy_dialogs import log_view
from zorgapp.ui.models.logregel_model import LogRegelTableModel
from zorgapp.ui.pages.beheer.audit_filter import AuditFilterBar
from zorgapp.ui.pages.beheer.common import BeheerSection, set_status, status_label
from zorgapp.ui.tasks import message_for

AUDIT_LIMIT = 200
Waarden = tuple[date | None, date | None, str, str, str]


class AuditSection(BeheerSection):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.audit_intro = QLabel()
        self.audit_intro.setWordWrap(True)
        row.addWidget(self.audit_intro, 1)
        self.audit_refresh_button = QPushButton()
        self.audit_refresh_button.clicked.connect(self.load_audit)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify_audit)
        row.addWidget(self.audit_refresh_button)
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        self.filter_bar = AuditFilterBar()
        self.filter_bar.filter_button.clicked.connect(self.load_audit)
        self.filter_bar.dossier.returnPressed.connect(self.load_audit)
        self.filter_bar.csv_button.clicked.connect(lambda: self.export("csv"))
        self.filter_bar.pdf_button.clicked.connect(lambda: self.export("pdf"))
        layout.addWidget(self.filter_bar)
        self.audit_status = status_label()
        layout.addWidget(self.audit_status)
        self.audit_model = LogRegelTableModel(self)
        self.audit_view = log_view(self.audit_model, "")
        self.audit_view.verticalHeader().setDefaultSectionSize(
            self.audit_view.fontMetrics().height() + 8)
        layout.addWidget(self.audit_view, 1)

    def retranslate(self) -> None:
        self.audit_intro.setText(_(
            "Het logboek: wie wat wanneer deed. Zonder filter de laatste {aantal} regels. "
            "Waarden worden nooit vastgelegd, alleen namen van velden.").format(aantal=AUDIT_LIMIT))
        self.audit_intro.setAccessibleName(self.audit_intro.text())
        self.audit_refresh_button.setText(_("Vernieuwen"))
        self.audit_refresh_button.setAccessibleName(_("Logboek vernieuwen"))
        self.verify_button.setText(_("Logboek controleren"))
        self.verify_button.setAccessibleName(_("Logboek controleren"))
        self.audit_status.setAccessibleName(_("Uitkomst van de controle"))
        self.audit_view.setAccessibleName(_("Logboek"))
        self.filter_bar.retranslate()
        self.audit_model.retranslate()

    def clear(self) -> None:
        self.audit_model.clear()
        self.audit_status.clear()
        super().clear()

    def activated(self) -> None:
        if self.vault is not None:
            self.load_audit()

    def update_buttons(self) -> None:
        for b in (self.verify_button, self.audit_refresh_button, self.filter_bar.filter_button,
                  self.filter_bar.csv_button, self.filter_bar.pdf_button):
            b.setEnabled(self.vault is not None)

    def _service(self) -> LogboekService | None:
        return None if self.vault is None else LogboekService(self.vault)

    @staticmethod
    def _filter(service: LogboekService, waarden: Waarden) -> AuditFilter:
        """Runs on the worker: the case number becomes its id (NotFoundError if unknown)."""
        van, tot, nummer, gebruiker, handeling = waarden
        return AuditFilter(van=van, tot=tot, gebruiker=gebruiker, handeling=handeling,
                           dossier_uuid=service.dossier_uuid(nummer) if nummer else "")

    def load_audit(self) -> None:
        service = self._service()
        if service is None:
            return
        waarden = self.filter_bar.waarden()
        leeg = not any(waarden)

        def fetch() -> tuple[list[LogRegel], list[str]]:
            return (service.zoek(self._filter(service, waarden), AUDIT_LIMIT if leeg else None),
                    service.gebruikers())

        self.ctx.tasks.run(owner=self, fn=fetch, on_done=self._audit_loaded,
                           on_error=lambda exc: set_status(self.audit_status, message_for(exc), False))

    def _audit_loaded(self, result: tuple[list[LogRegel], list[str]]) -> None:
        if self.vault is None:
            return
        regels, gebruikers = result
        self.audit_model.set_regels(regels)
        self.filter_bar.set_gebruikers(gebruikers)

    def export(self, soort: str) -> None:
        service = self._service()
        if service is None:
            return
        filters = _("CSV-bestanden (*.csv)") if soort == "csv" else _("PDF-bestanden (*.pdf)")
        pad, _filter = QFileDialog.getSaveFileName(self, _("Logboek bewaren"),
                                                   f"logboek.{soort}", filters)
        if not pad:
            return
        doel, waarden = Path(pad), self.filter_bar.waarden()

        def run() -> str:
            regels, controle = service.exporteer(
                self._filter(service, waarden), csv_pad=doel if soort == "csv" else None,
                pdf_pad=doel if soort == "pdf" else None)
            return _("{aantal} regels opgeslagen in {pad}. {controle}").format(
                aantal=len(regels), pad=doel, controle=controle.tekst())

        self.ctx.tasks.run(owner=self, fn=run,
                           on_done=lambda tekst: set_status(self.audit_status, tekst, True),
                           on_error=lambda exc: set_status(self.audit_status, message_for(exc), False))

    def verify_audit(self) -> None:
        vault = self.vault
        if vault is None:
            return
        self.verify_button.setEnabled(False)
        self.audit_status.clear()
        self.ctx.tasks.run(
            owner=self, fn=lambda: vault_service.verify_audit(vault),
            on_done=lambda count: set_status(
                self.audit_status,
                _("Het logboek is ongeschonden ({aantal} regels).").format(aantal=count), True),
            on_error=lambda exc: set_status(self.audit_status, message_for(exc), False),
            on_finally=self.update_buttons)
