"""Tab "Traject": the path as a timeline, its deadlines and handovers, every recorded
event as a list, and the buttons that open the stage dialogs.

Each dialog gets a ``submit`` that calls the ``DossierService`` use case; the dialog
stays open with the rule's message when it is refused (see traject_dialogs.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from zorgapp.domain import verblijf
from zorgapp.domain.codes import Fase
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _, format_date
from zorgapp.ui.dialogs.traject_dialogs import (
    BesluitDialog,
    CorrectieDialog,
    HeropenDialog,
    VolgendeFaseDialog,
)
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.models.dossier_tab_models import GebeurtenisTableModel
from zorgapp.ui.models.labels import deadline_tekst
from zorgapp.ui.widgets.forms import button
from zorgapp.ui.widgets.tables import list_view
from zorgapp.ui.widgets.timeline import TimelineWidget


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class TrajectTab(DossierTab):
    """The path of the case and the dialogs that move it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.timeline = TimelineWidget()
        layout.addWidget(self.timeline)
        row = QHBoxLayout()
        self.volgende_button = button(_("&Volgende fase…"))
        self.volgende_button.clicked.connect(self.volgende_fase)
        self.heropen_button = button(_("&Heropenen…"))
        self.heropen_button.clicked.connect(self.heropenen)
        self.besluit_button = button(_("&Besluit vastleggen…"))
        self.besluit_button.clicked.connect(self.besluit)
        self.correctie_button = button(_("&Correctie…"))
        self.correctie_button.clicked.connect(self.correctie)
        for b in (self.volgende_button, self.heropen_button, self.besluit_button,
                  self.correctie_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.deadlines_label = _label(_("Deadlines"))
        layout.addWidget(self.deadlines_label)
        self.overdracht_label = _label(_("Overdrachten"))
        layout.addWidget(self.overdracht_label)
        self.events_model = GebeurtenisTableModel(self)
        self.events_view = list_view(self.events_model, _("Gebeurtenissen"))
        layout.addWidget(self.events_view, 1)
        self._overdracht_rijen: list[Any] = []

    # -- showing ---------------------------------------------------------------------

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        bedenktijd = verblijf.bedenktijd(dossier)
        self.timeline.set_traject(dossier.traject, vandaag,
                                  None if bedenktijd is None else bedenktijd.einde)
        self.events_model.set_rows(dossier.traject.events)
        closed = dossier.huidige_fase is Fase.AFGESLOTEN
        self.volgende_button.setEnabled(not closed)
        self.heropen_button.setEnabled(closed)
        self.deadlines_label.setText(
            _("Deadlines: {lijst}").format(lijst="; ".join(
                _("{wat} op {datum}").format(wat=deadline_tekst(x), datum=format_date(x.datum))
                for x in deadlines)) if deadlines else _("Geen open deadlines."))
        self.overdracht_label.setText(self._overdrachten())

    def set_overdrachten(self, rijen: Sequence[Any]) -> None:
        """The handover history of the dossier about to be shown (read by the view on
        the worker, with the dossier)."""
        self._overdracht_rijen = list(rijen)

    def _overdrachten(self) -> str:
        """The handover history ("overgedragen aan …", "ontvangen van …"), local to this vault."""
        regels = []
        for rij in self._overdracht_rijen:
            try:
                datum = format_date(date.fromisoformat(rij.ts[:10]))
            except ValueError:
                datum = rij.ts[:10]
            if rij.richting == "export" and not rij.tegenpartij.strip():
                regels.append(_("Overgedragen met een wachtwoordzin op {datum}").format(datum=datum))
            elif rij.richting == "export":
                regels.append(_("Overgedragen aan {wie} op {datum}").format(wie=rij.tegenpartij, datum=datum))
            else:
                regels.append(_("Ontvangen van {wie} op {datum}").format(wie=rij.tegenpartij, datum=datum))
        return "; ".join(regels)

    def clear(self) -> None:
        super().clear()
        self.timeline.set_traject(None)
        self.events_model.clear()
        self.deadlines_label.clear()
        self.overdracht_label.clear()
        self._overdracht_rijen = []

    def gekozen_event(self) -> str | None:
        """The uuid of the event chosen in the list, if any."""
        current = self.events_view.currentIndex()
        return self.events_model.row(current.row()).uuid if current.isValid() else None

    # -- dialogs (built by the ``*_dialog`` methods, so tests can drive them) ----------

    def volgende_fase_dialog(self) -> VolgendeFaseDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return VolgendeFaseDialog(
            self.dossier.traject, self.vandaag(),
            lambda v: service.overgang(uuid, v["naar"], v["datum"], v["reden"],
                                       sluitreden=v["sluitreden"],
                                       toestemming=v["toestemming"],
                                       aangemeld_door=v["aangemeld_door"],
                                       opvang_gevraagd=v["opvang_gevraagd"],
                                       plaatsingen_beeindigen=v["plaatsingen_beeindigen"]),
            self, dossier=self.dossier)

    def volgende_fase(self) -> None:
        if self.dossier is not None and self.service is not None:
            self.dialog_done(self.volgende_fase_dialog(), _("Fase gewijzigd."))

    def heropen_dialog(self) -> HeropenDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return HeropenDialog(self.dossier.traject, self.vandaag(), lambda v: service.heropen(
            uuid, v["datum"], v["reden"], naar=v["naar"]), self)

    def heropenen(self) -> None:
        if self.dossier is not None and self.service is not None:
            self.dialog_done(self.heropen_dialog(), _("Dossier heropend."))

    def besluit_dialog(self) -> BesluitDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return BesluitDialog(self.vandaag(), lambda v: service.besluit(
            uuid, v["soort"], v["uitkomst"], v["datum"], v["toelichting"], v["geldig_tot"]), self)

    def besluit(self) -> None:
        if self.dossier is not None and self.service is not None:
            self.dialog_done(self.besluit_dialog(), _("Besluit vastgelegd."))

    def correctie_dialog(self) -> CorrectieDialog:
        assert self.dossier is not None and self.service is not None
        uuid, service = self.dossier.uuid, self.service
        return CorrectieDialog(self.dossier.traject, self.vandaag(), lambda v: service.corrigeer(
            uuid, v["event_uuid"], v["reden"], nieuwe_datum=v["nieuwe_datum"],
            nieuwe_reden=v["nieuwe_reden"], nieuwe_sluitreden=v["nieuwe_sluitreden"],
            vervalt=v["vervalt"]), self, event_uuid=self.gekozen_event())

    def correctie(self) -> None:
        if self.dossier is not None and self.service is not None:
            self.dialog_done(self.correctie_dialog(), _("Correctie vastgelegd."))
