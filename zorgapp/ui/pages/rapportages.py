"""The Rapportages area: make a document, preview it, print or save it.

Documents are made on the task runner's worker (a year report over 100,000 cases
takes a moment) with a progress bar; the preview shows the PDF from memory. The
recovery key sheet is not here: the key is shown only when a vault is created.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import N_, _
from zorgapp.reports.style import Briefhoofd
from zorgapp.services.report_service import (
    ALLOCATION,
    ANNUAL,
    SUMMARY,
    Rapport,
    ReportService,
)
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dialogs.rapport_preview import toon_rapport
from zorgapp.ui.dialogs.statistiek_dialog import StatistiekDialog
from zorgapp.ui.pages.base import Page, heading
from zorgapp.ui.tasks import message_for

_SOORTEN = (
    (SUMMARY, N_("Dossieroverzicht")),
    (ALLOCATION, N_("Kostenverdeling")),
    (ANNUAL, N_("Jaarbeeld")),
)
_PERIODEN = (N_("Heel jaar"), N_("1e kwartaal"), N_("2e kwartaal"), N_("3e kwartaal"),
             N_("4e kwartaal"))


class RapportagesPage(Page):
    name = "rapportages"
    title_msgid = N_("Rapportages")

    progress_changed = Signal(float)  # emitted from the worker, delivered queued

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.preview: PdfPreviewDialog | None = None
        self.title_label = heading()
        self.soort = QComboBox()
        self.soort.setObjectName("rapport_soort")
        self.dossiernummer = QLineEdit()
        self.dossiernummer.setObjectName("rapport_dossiernummer")
        self.dossiernummer.setPlaceholderText("HM-2026-0001")
        self.jaar = QSpinBox()
        self.jaar.setObjectName("rapport_jaar")
        self.jaar.setRange(2000, 2100)
        self.jaar.setValue(date.today().year)
        self.periode = QComboBox()
        self.periode.setObjectName("rapport_periode")
        self.maak_knop = QPushButton()
        self.maak_knop.setObjectName("rapport_maak")
        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 1000)
        self.voortgang.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.statistiek_knop = QPushButton()
        self.statistiek_knop.setObjectName("rapport_statistiek")
        self.statistiek_dialoog: StatistiekDialog | None = None

        self.form = QFormLayout()
        self.lbl_soort, self.lbl_nummer = QLabel(), QLabel()
        self.lbl_jaar, self.lbl_periode = QLabel(), QLabel()
        self.form.addRow(self.lbl_soort, self.soort)
        self.form.addRow(self.lbl_nummer, self.dossiernummer)
        self.form.addRow(self.lbl_jaar, self.jaar)
        self.form.addRow(self.lbl_periode, self.periode)
        knoppen = QHBoxLayout()
        knoppen.addWidget(self.maak_knop)
        knoppen.addWidget(self.voortgang, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.title_label)
        layout.addLayout(self.form)
        layout.addLayout(knoppen)
        layout.addWidget(self.status)
        statistiek = QHBoxLayout()
        statistiek.addWidget(self.statistiek_knop)
        statistiek.addStretch(1)
        layout.addLayout(statistiek)
        layout.addStretch(1)

        self.soort.currentIndexChanged.connect(self._velden_tonen)
        self.maak_knop.clicked.connect(self.maak)
        self.statistiek_knop.clicked.connect(self.statistiek_kiezen)
        self.dossiernummer.returnPressed.connect(self.maak)
        self.progress_changed.connect(self._voortgang)
        self.retranslate()
        self._velden_tonen()

    # -- page API ------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        keuze, periode = self.soort.currentIndex(), self.periode.currentIndex()
        self.soort.clear()
        for code, msgid in _SOORTEN:
            self.soort.addItem(_(msgid), code)
        self.periode.clear()
        for msgid in _PERIODEN:
            self.periode.addItem(_(msgid))
        self.soort.setCurrentIndex(max(0, keuze))
        self.periode.setCurrentIndex(max(0, periode))
        self.lbl_soort.setText(_("Document"))
        self.lbl_nummer.setText(_("Dossiernummer"))
        self.lbl_jaar.setText(_("Jaar"))
        self.lbl_periode.setText(_("Periode"))
        self.maak_knop.setText(_("Maken en bekijken"))
        self.statistiek_knop.setText(_("Anonieme statistiek exporteren…"))
        for label, veld in ((self.lbl_soort, self.soort), (self.lbl_nummer, self.dossiernummer),
                            (self.lbl_jaar, self.jaar), (self.lbl_periode, self.periode)):
            veld.setAccessibleName(label.text())

    def set_vault(self, vault) -> None:
        super().set_vault(vault)
        self.status.clear()

    def clear(self) -> None:
        """Locked: close the preview and forget what was typed."""
        if self.preview is not None:
            self.preview.reject()
            self.preview = None
        if self.statistiek_dialoog is not None:
            self.statistiek_dialoog.reject()
        self.dossiernummer.clear()
        self.status.clear()
        super().clear()

    # -- making ----------------------------------------------------------------------------

    def _velden_tonen(self) -> None:
        soort = self.soort.currentData()
        for label, veld, zichtbaar in (
            (self.lbl_nummer, self.dossiernummer, soort == SUMMARY),
            (self.lbl_jaar, self.jaar, soort in (ALLOCATION, ANNUAL)),
            (self.lbl_periode, self.periode, soort == ALLOCATION),
        ):
            label.setVisible(zichtbaar)
            veld.setVisible(zichtbaar)

    def _service(self) -> ReportService:
        assert self.vault is not None
        return ReportService(self.vault, Briefhoofd.uit_instellingen(self.ctx.setting))

    def maak(self) -> None:
        if self.vault is None or not self.maak_knop.isEnabled():
            return
        soort = self.soort.currentData()
        service = self._service()
        jaar = self.jaar.value()
        if soort == SUMMARY:
            nummer = self.dossiernummer.text().strip().upper()
            if not nummer:
                self.status.setText(_("Vul een dossiernummer in."))
                return

            def werk() -> Rapport:
                return service.dossieroverzicht(nummer)
        elif soort == ALLOCATION:
            kwartaal = self.periode.currentIndex() or None

            def werk() -> Rapport:
                return service.kostenverdeling(jaar, kwartaal)
        else:
            def werk() -> Rapport:
                return service.jaarbeeld(jaar, progress=self.progress_changed.emit)

        self.maak_knop.setEnabled(False)
        self.voortgang.setValue(0)
        self.voortgang.setVisible(True)
        self.status.setText(_("Document wordt gemaakt…"))
        self.ctx.tasks.run(werk, on_done=self._klaar, on_error=self._fout,
                           on_finally=self._einde, owner=self)

    def _voortgang(self, fractie: float) -> None:
        self.voortgang.setValue(int(fractie * 1000))

    def _klaar(self, rapport: Rapport) -> None:
        self.status.clear()
        if self.vault is None:  # locked meanwhile: show nothing
            return
        self.preview = toon_rapport(self, rapport, self._service(), self.ctx.tasks,
                                    _(dict(_SOORTEN)[rapport.soort]), self.status.setText)
        self.preview.finished.connect(self._preview_dicht)

    def _preview_dicht(self) -> None:
        self.preview = None  # toon_rapport deletes the dialog itself

    def _fout(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc))

    def _einde(self) -> None:
        self.maak_knop.setEnabled(True)
        self.voortgang.setVisible(False)

    # -- anonymised statistics (docs/stats-format.md) ------------------------------------

    def statistiek_kiezen(self) -> None:
        """Ask the year and the files; the export runs when the user confirms."""
        if self.vault is None or self.statistiek_dialoog is not None:
            return
        self.statistiek_dialoog = StatistiekDialog(self)
        self.statistiek_dialoog.accepted.connect(self._statistiek_exporteren)
        self.statistiek_dialoog.finished.connect(self._statistiek_dicht)
        self.statistiek_dialoog.open()

    def _statistiek_dicht(self) -> None:
        if self.statistiek_dialoog is not None:
            self.statistiek_dialoog.deleteLater()
        self.statistiek_dialoog = None

    def _statistiek_exporteren(self) -> None:
        from zorgapp.errors import UsageError
        from zorgapp.fileio import check_target
        from zorgapp.services.statistiek_service import StatistiekService

        if self.vault is None or self.statistiek_dialoog is None:
            return
        jaar, json_pad, csv_pad = self.statistiek_dialoog.keuze()
        paden = [p for p in (json_pad, csv_pad) if p is not None]
        try:
            for pad in paden:
                check_target(pad)
        except UsageError as exc:  # a missing folder, a folder: say so, write nothing
            self._fout(exc)
            return
        service = StatistiekService(self.vault)
        self.statistiek_knop.setEnabled(False)
        self.status.setText(_("Statistiek wordt gemaakt…"))

        def klaar(_data: object) -> None:
            self.status.setText(_("Statistiek opgeslagen: {pad}").format(
                pad=", ".join(str(p) for p in paden)))

        self.ctx.tasks.run(lambda: service.exporteer(jaar, json_pad, csv_pad),
                           on_done=klaar, on_error=self._fout,
                           on_finally=lambda: self.statistiek_knop.setEnabled(True),
                           owner=self)
