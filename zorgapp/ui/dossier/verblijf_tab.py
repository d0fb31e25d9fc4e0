"""Tab "Verblijf & strafzaak": the legal track beside the care path (DOMAIN §2a).

The status in words, the track's own deadlines (end of bedenktijd, end of a permit),
every step with its outcome, and buttons that open the step dialog preset to the usual
next steps. Shown whatever the care stage: a client placed in shelter is often still
in bedenktijd.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from zorgapp.domain import verblijf
from zorgapp.domain.deadlines import Deadline, DeadlineSoort
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.verblijf_events import (
    UITKOMST_LABELS,
    VERBLIJF_SOORT_LABELS,
    Uitkomst,
    VerblijfEvent,
    VerblijfSoort,
)
from zorgapp.domain.verblijf_regels import effectief
from zorgapp.i18n import N_, _, format_date
from zorgapp.reports.verblijf_tekst import strafzaak, verblijfsstatus
from zorgapp.ui.dialogs.verblijf_dialogs import VerblijfStapDialog, VervallenDialog
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.labels import deadline_tekst
from zorgapp.ui.models.rij_table_model import Kolom, RijTableModel, datum_sort, datum_tekst
from zorgapp.ui.widgets.forms import button
from zorgapp.ui.widgets.tables import list_view

S = VerblijfSoort
_TRACK_DEADLINES = (DeadlineSoort.BEDENKTIJD_EINDE, DeadlineSoort.VERBLIJFSVERGUNNING_VERLOOPT)


@dataclass(frozen=True)
class VerblijfRij:
    """One step with whether it still counts (a voided step stays in the list)."""

    event: VerblijfEvent
    geldig: bool


def _uitkomst(r: VerblijfRij) -> str:
    e = r.event
    return "" if e.uitkomst is Uitkomst.GEEN else _(UITKOMST_LABELS[e.uitkomst])


def _status(r: VerblijfRij) -> str:
    if r.event.soort is S.VERVALT:
        return ""
    if not r.geldig:
        return _("vervallen")
    return _("vastgelegd in het traject") if r.event.gemigreerd else ""


class VerblijfTableModel(RijTableModel[VerblijfRij]):
    """The track's steps in date order, voided ones marked."""

    KOLOMMEN = (
        Kolom(N_("Datum"), lambda r: format_date(r.event.datum), lambda r: r.event.datum.isoformat()),
        Kolom(N_("Stap"), lambda r: _(VERBLIJF_SOORT_LABELS[r.event.soort])),
        Kolom(N_("Uitkomst"), _uitkomst),
        Kolom(N_("Geldig tot"), lambda r: datum_tekst(r.event.geldig_tot),
              lambda r: datum_sort(r.event.geldig_tot)),
        Kolom(N_("Toelichting"), lambda r: r.event.onderbouwing or r.event.toelichting),
        Kolom(N_("Status"), _status),
        Kolom(N_("Door"), lambda r: r.event.auteur),
    )


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class VerblijfTab(DossierTab):
    """Legal status, its deadlines and steps, and the dialogs that add a step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.status_label = _label(_("Verblijfsstatus"))
        layout.addWidget(self.status_label)
        self.deadlines_label = _label(_("Deadlines verblijf"))
        layout.addWidget(self.deadlines_label)
        row = QHBoxLayout()
        self.knoppen = {}
        for soort, tekst in ((S.BEDENKTIJD_AANGEBODEN, _("&Bedenktijd…")),
                             (S.AANGIFTE, _("Aan&gifte…")),
                             (S.IND_BESLUIT, _("&IND-besluit…")),
                             (S.OM_BESLUIT, _("&OM-besluit…")),
                             (None, _("A&ndere stap…"))):
            knop = button(tekst)
            knop.clicked.connect(lambda _checked=False, s=soort: self.stap(s))
            row.addWidget(knop)
            self.knoppen[soort] = knop
        self.vervallen_button = button(_("Stap laten verva&llen…"))
        self.vervallen_button.clicked.connect(self.vervallen)
        row.addWidget(self.vervallen_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.model = VerblijfTableModel(self)
        self.view = list_view(self.model, _("Stappen verblijf en strafzaak"))
        layout.addWidget(self.view, 1)

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        status = verblijfsstatus(dossier)
        om = strafzaak(dossier)
        if om:
            status += "; " + _("strafzaak: {uitkomst}").format(uitkomst=om)
        tekst = _("Verblijfsstatus: {status}").format(status=status)
        lopend = [tot for van, tot in verblijf.bedenktijd_perioden(dossier)
                  if van <= vandaag <= tot]
        if lopend:
            tekst += "\n" + _("Nu in bedenktijd, tot en met {datum}.").format(
                datum=format_date(lopend[0]))
        self.status_label.setText(tekst)
        eigen = [d for d in deadlines if d.soort in _TRACK_DEADLINES]
        self.deadlines_label.setText(
            _("Deadlines: {lijst}").format(lijst="; ".join(
                _("{wat} op {datum}").format(wat=deadline_tekst(x), datum=format_date(x.datum))
                for x in eigen)) if eigen else _("Geen open deadlines."))
        alle = verblijf.alle_events(dossier)
        geldig = {e.uuid for e in effectief(alle)}
        rijen = [VerblijfRij(e, e.uuid in geldig or e.soort is S.VERVALT) for e in alle]
        self.model.set_rows(sorted(rijen, key=lambda r: r.event.datum))
        for kolom in range(3):
            self.view.resizeColumnToContents(kolom)

    def clear(self) -> None:
        super().clear()
        self.model.clear()
        self.status_label.clear()
        self.deadlines_label.clear()

    # -- dialogs (built by the ``*_dialog`` methods, so tests can drive them) ----------

    def stap_dialog(self, soort: VerblijfSoort | None = None) -> VerblijfStapDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return VerblijfStapDialog(self.vandaag(), lambda e: service.verblijf_stap(uuid, e),
                                  self, soort=soort)

    def stap(self, soort: VerblijfSoort | None = None) -> None:
        if self.dossier is None or self.service is None:
            return
        dialog = self.stap_dialog(soort)
        if dialog.exec():
            uitkomst = dialog.result_value
            warnings: list[str] = list(uitkomst[1]) if isinstance(uitkomst, tuple) else []
            tekst = " ".join([_("Stap vastgelegd."), *(_(w) for w in warnings)])
            self.applied.emit(tekst)

    def vervallen_dialog(self) -> VervallenDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        current = self.view.currentIndex()
        gekozen = self.model.row(current.row()).event.uuid if current.isValid() else None
        return VervallenDialog(verblijf.stappen(self.dossier), self.vandaag(),
                               lambda e: service.verblijf_stap(uuid, e), self, gekozen=gekozen)

    def vervallen(self) -> None:
        if self.dossier is not None and self.service is not None:
            self.dialog_done(self.vervallen_dialog(), _("Stap vervallen verklaard."))
