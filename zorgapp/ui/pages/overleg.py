"""The Overleggen area: the monthly signaleringsoverleg. List and plan meetings, set
who was present, keep the agenda (cases by number and initials only), record the
minutes per case (decisions become tasks in the dossier) and print agenda and minutes.

Every vault access runs on the task runner through ``OverlegService`` (audited there);
opening a meeting is a read of case data and is recorded like opening a dossier.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.overleg import Agendapunt, Overleg, datum_nieuw_overleg, organisaties_uit_tekst
from zorgapp.i18n import N_, _, format_date
from zorgapp.reports.style import Briefhoofd
from zorgapp.services.overleg_service import OverlegService
from zorgapp.services.report_service import Rapport
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.overleg_dialogs import VerslagDialog
from zorgapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from zorgapp.ui.dialogs.rapport_preview import toon_rapport
from zorgapp.ui.models.overleg_models import AgendaTableModel, OverlegRij, OverlegTableModel
from zorgapp.ui.pages.base import Page
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.forms import ERROR_STYLE, OK_STYLE, button, date_edit, line_edit, to_date, to_qdate
from zorgapp.ui.widgets.tables import list_view

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class OverlegPage(Page):
    name = "overleg"
    title_msgid = N_("Overleggen")

    #: a minutes entry changed a dossier (tasks, journal): lists may refresh
    dossiers_changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service: OverlegService | None = None
        self.overleg: Overleg | None = None
        self.preview: PdfPreviewDialog | None = None
        self.rapport: Rapport | None = None  # the document last shown
        outer, top = self.header()
        self.nieuw_button = button(_("&Nieuw overleg"))
        self.nieuw_button.clicked.connect(self.nieuw)
        top.addWidget(self.nieuw_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.lijst_model = OverlegTableModel(self)
        self.lijst = list_view(self.lijst_model, _("Overleggen"))
        self.lijst.selectionModel().selectionChanged.connect(self._gekozen)
        splitter.addWidget(self.lijst)
        splitter.addWidget(self._build_detail())
        splitter.setSizes([330, 800])
        outer.addWidget(splitter, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        outer.addWidget(self.status)
        self.retranslate()
        self._show_overleg(None)

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(8, 0, 0, 0)
        self.gegevens = QGroupBox()
        form = QFormLayout(self.gegevens)
        self.datum = date_edit(date.today(), None, _("Datum van het overleg"))
        self.organisaties = QPlainTextEdit()
        self.organisaties.setTabChangesFocus(True)
        self.organisaties.setAccessibleName(_("Aanwezige organisaties"))
        self.organisaties.setFixedHeight(self.organisaties.fontMetrics().lineSpacing() * 3 + 14)
        self.opslaan_button = button(_("&Opslaan"), _("Datum en aanwezigen opslaan"))
        self.opslaan_button.clicked.connect(self.opslaan)
        self.datum_label, self.org_label = QLabel(), QLabel()
        form.addRow(self.datum_label, self.datum)
        form.addRow(self.org_label, self.organisaties)
        knoppen = QHBoxLayout()
        knoppen.addWidget(self.opslaan_button)
        knoppen.addStretch(1)
        form.addRow("", knoppen)
        layout.addWidget(self.gegevens)
        self.agenda_box = QGroupBox()
        box = QVBoxLayout(self.agenda_box)
        self.agenda_model = AgendaTableModel(self)
        self.agenda = list_view(self.agenda_model, _("Agenda"))
        self.agenda.doubleClicked.connect(lambda *_a: self.verslag())
        box.addWidget(self.agenda, 1)
        row = QHBoxLayout()
        self.nummer = line_edit(_("Dossiernummer om te agenderen"), "HM-2026-0001")
        self.nummer.setMaximumWidth(160)
        self.nummer.returnPressed.connect(self.agenderen)
        self.agenderen_button = button(_("&Agenderen"), _("Dossier op de agenda zetten"))
        self.agenderen_button.clicked.connect(self.agenderen)
        self.verwijder_button = button(_("Van agenda &halen"))
        self.verwijder_button.clicked.connect(self.van_agenda)
        self.verslag_button = button(_("&Verslag vastleggen…"))
        self.verslag_button.clicked.connect(self.verslag)
        self.dossier_button = button(_("Dossier &openen"))
        self.dossier_button.clicked.connect(self.dossier_openen)
        for w in (self.nummer, self.agenderen_button, self.verwijder_button,
                  self.verslag_button, self.dossier_button):
            row.addWidget(w)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(self.agenda_box, 1)
        prints = QHBoxLayout()
        self.agenda_pdf_button = button(_("Agenda af&drukken…"))
        self.agenda_pdf_button.clicked.connect(lambda: self.afdrukken(agenda=True))
        self.verslag_pdf_button = button(_("Verslag afdr&ukken…"))
        self.verslag_pdf_button.clicked.connect(lambda: self.afdrukken(agenda=False))
        prints.addStretch(1)
        prints.addWidget(self.agenda_pdf_button)
        prints.addWidget(self.verslag_pdf_button)
        layout.addLayout(prints)
        return detail

    def retranslate(self) -> None:
        super().retranslate()
        self.gegevens.setTitle(_("Overleg"))
        self.datum_label.setText(_("&Datum:"))
        self.datum_label.setBuddy(self.datum)
        self.org_label.setText(_("Aan&wezig:"))
        self.org_label.setBuddy(self.organisaties)
        self.organisaties.setPlaceholderText(_("Eén organisatie per regel, bijv. Politie, "
                                               "Gemeente Leiden, FairWork"))
        self.agenda_box.setTitle(_("Agenda (dossiernummer en initialen)"))
        self.lijst_model.retranslate()
        self.agenda_model.retranslate()

    # -- vault -------------------------------------------------------------------------

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self.service = OverlegService(vault, Briefhoofd.uit_instellingen(self.ctx.setting))
        self.refresh()

    def clear(self) -> None:
        super().clear()
        self.service = None
        self.lijst_model.clear()
        self._show_overleg(None)
        self.status.clear()

    def activated(self) -> None:
        self.refresh()

    def _run(self, fn: Any, on_done: Any = None) -> None:
        """Run a use case on the worker; a refusal is shown in the status line."""
        self.ctx.tasks.run(fn, on_done=on_done, owner=self,
                           on_error=lambda exc: self._say(message_for(exc), ok=False))

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def refresh(self, kies: str | None = None) -> None:
        """Reload the list; keep (or move to) the meeting ``kies``."""
        service = self.service
        if service is None:
            return
        kies = kies or (self.overleg.uuid if self.overleg else None)
        self._run(service.lijst, lambda rows: self._gevuld(rows, kies))

    def _gevuld(self, rows: list[tuple[Overleg, int]], kies: str | None) -> None:
        self.lijst_model.set_rows([OverlegRij(o, n) for o, n in rows])
        for col in range(2):
            self.lijst.resizeColumnToContents(col)
        for i, (o, _n) in enumerate(rows):
            if o.uuid == kies:
                self.lijst.setCurrentIndex(self.lijst_model.index(i, 0))
                return

    def _gekozen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self.service is None:
            return
        uuid = self.lijst_model.row(indexes[0].row()).overleg.uuid
        if self.overleg is not None and self.overleg.uuid == uuid:
            return
        self.laad(uuid)

    def laad(self, uuid: str) -> None:
        """Open a meeting (audited) and show it."""
        if self.service is not None:
            self._run(lambda s=self.service: s.open(uuid), self._show_overleg)

    def _show_overleg(self, overleg: Overleg | None) -> None:
        self.overleg = overleg
        for w in (self.gegevens, self.agenda_box, self.agenda_pdf_button,
                  self.verslag_pdf_button):
            w.setEnabled(overleg is not None)
        if overleg is None:
            self.organisaties.clear()
            self.agenda_model.clear()
            return
        self.datum.setDate(to_qdate(overleg.datum))
        self.organisaties.setPlainText("\n".join(overleg.organisaties))
        self.agenda_model.set_rows(overleg.agenda)
        self.agenda.resizeColumnToContents(0)
        self.agenda.resizeColumnToContents(1)

    # -- actions -----------------------------------------------------------------------

    def nieuw(self) -> None:
        """A new meeting, a month after the last one (change the date, then save)."""
        service = self.service
        if service is None:
            return
        datum = datum_nieuw_overleg([r.overleg.datum for r in self.lijst_model.rows()],
                                    service.vandaag)
        self._run(lambda: service.nieuw(datum), lambda o: self._na(
            o.uuid, _("Overleg van {datum} aangemaakt.").format(datum=format_date(o.datum))))

    def _na(self, uuid: str, tekst: str) -> None:
        self._say(tekst)
        self.overleg = None
        self.refresh(kies=uuid)
        self.laad(uuid)

    def opslaan(self) -> None:
        service, o = self.service, self.overleg
        if service is None or o is None:
            return
        datum = to_date(self.datum.date())
        organisaties = organisaties_uit_tekst(self.organisaties.toPlainText())
        self._run(lambda: service.wijzig(o.uuid, datum, organisaties),
                  lambda _r: self._na(o.uuid, _("Overleg opgeslagen.")))

    def _punt(self) -> Agendapunt | None:
        current = self.agenda.currentIndex()
        if not current.isValid():
            self._say(_("Kies eerst een dossier op de agenda."), ok=False)
            return None
        return self.agenda_model.row(current.row())

    def agenderen(self) -> None:
        service, o = self.service, self.overleg
        nummer = self.nummer.text().strip().upper()
        if service is None or o is None or not nummer:
            return

        def done(punt: Agendapunt) -> None:
            self.nummer.clear()
            self._na(o.uuid, _("Dossier {nummer} staat op de agenda.").format(nummer=nummer))

        self._run(lambda: service.agenderen(o.uuid, nummer), done)

    def van_agenda(self) -> None:
        service, o, punt = self.service, self.overleg, self._punt()
        if service is None or o is None or punt is None:
            return
        self._run(lambda: service.van_agenda(o.uuid, punt.uuid),
                  lambda _r: self._na(o.uuid, _("Dossier {nummer} is van de agenda gehaald.")
                                      .format(nummer=punt.dossiernummer)))

    def verslag(self) -> None:
        service, o, punt = self.service, self.overleg, self._punt()
        if service is None or o is None or punt is None:
            return

        def submit(values: dict[str, Any]) -> object:
            return service.verslag(o.uuid, punt.uuid, values["besproken"], values["besluiten"])

        dialog = VerslagDialog(punt, o.datum, o.organisaties, submit, self, self.ctx.tasks)
        if dialog.exec():
            self.dossiers_changed.emit()
            self.ctx.data_changed.emit(self.name)  # the dashboard shows the new tasks
            self._na(o.uuid, _("Verslag van dossier {nummer} vastgelegd.").format(
                nummer=punt.dossiernummer))

    def dossier_openen(self) -> None:
        punt = self._punt()
        if punt is not None:
            self.request_dossier(punt.dossier_uuid)

    def afdrukken(self, agenda: bool) -> None:
        """Make the agenda or the minutes on the worker and show the preview."""
        service, o = self.service, self.overleg
        if service is None or o is None:
            return
        titel = _("Agenda signaleringsoverleg") if agenda else _("Verslag signaleringsoverleg")

        def toon(rapport: Rapport) -> None:
            if self.service is None:  # locked meanwhile
                return
            self.rapport = rapport
            self.preview = toon_rapport(self, rapport, service, self.ctx.tasks, titel, self._say)

        self._run(lambda: service.agenda(o.uuid) if agenda else service.verslag_pdf(o.uuid), toon)
