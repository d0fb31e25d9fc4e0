"""Dialogs of the dossier's Opvang tab: a new placement, a date with an amount (placing
a request, a rate change), ending a placement, and another cost.

Each gathers values and hands them to ``submit`` (the tab calls ``OpvangService``
there); a refusal by the rules (an overlapping stay, a date in the future, a missing
rate) shows inside the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QWidget

from zorgapp.domain.kosten import KOSTENSOORT_LABELS, KostenSoort
from zorgapp.domain.opvang import FINANCIER_LABELS, OPVANG_LABELS, Financier, OpvangType
from zorgapp.i18n import _
from zorgapp.services.opvang_plaatsingen import OverschrijdingNodigError
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.forms import (
    FormDialog,
    OptionalDate,
    combo,
    date_edit,
    line_edit,
    to_date,
)

if TYPE_CHECKING:
    from zorgapp.store.opvang import LocatieRij


class Overschrijding(QGroupBox):
    """Hidden until the service asks for an override (a full location, COSM for a
    client it does not fit); then the user must type why, and that reason is recorded."""

    def __init__(self) -> None:
        super().__init__(_("Toch plaatsen?"))
        form = QFormLayout(self)
        self.reden_edit = line_edit(_("Reden om toch te plaatsen"),
                                    _("waarom dit toch de juiste plek is"))
        form.addRow(_("Reden:"), self.reden_edit)
        self.hide()

    def reden(self) -> str | None:
        return (self.reden_edit.text().strip() or None) if not self.isHidden() else None


def _overschrijding_gevraagd(dialog: FormDialog, box: Overschrijding,
                             exc: BaseException) -> None:
    """Show the refusal; for an override, open the reason field and say what it does."""
    tekst = message_for(exc)
    if isinstance(exc, OverschrijdingNodigError):
        box.show()
        box.reden_edit.setFocus()
        tekst += " " + _("Vul hieronder een reden in en kies Vastleggen om toch te plaatsen.")
    dialog.show_error(tekst)


class PlaatsingDialog(FormDialog):
    """A new placement: requested for later, or placed right away (``direct``)."""

    def __init__(self, locaties: Sequence[LocatieRij], vandaag: date, direct: bool,
                 submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None) -> None:
        """``locaties``: the active shelter locations (read on the worker beforehand)."""
        title = _("Plaatsen") if direct else _("Plaatsing aanvragen")
        super().__init__(title, submit, parent)
        today = vandaag
        self.type_combo = combo(_("Soort opvang"))
        for soort in OpvangType:
            self.type_combo.addItem(_(OPVANG_LABELS[soort]), soort.value)
        self.add_row(_("Soort opvang:"), self.type_combo)
        self.locatie_combo = combo(_("Opvanglocatie"))
        self._locaties = list(locaties)
        self.type_combo.currentIndexChanged.connect(self._vul_locaties)
        self.add_row(_("Locatie:"), self.locatie_combo)
        self.datum_edit = date_edit(today, today if direct else None,
                                    _("Begindatum (eerste nacht)") if direct
                                    else _("Geplande begindatum"))
        self.add_row(_("Eerste nacht:") if direct else _("Gepland vanaf:"), self.datum_edit)
        self.tarief_edit = line_edit(_("Dagtarief"), _("leeg: het tarief van de locatie"))
        if direct:
            self.add_row(_("Dagtarief (€):"), self.tarief_edit)
        self.financier_combo = combo(_("Wie betaalt"))
        self.financier_combo.addItem(_("Volgens soort opvang"), "")
        for f in Financier:
            self.financier_combo.addItem(_(FINANCIER_LABELS[f]), f.value)
        self.add_row(_("Betaald door:"), self.financier_combo)
        self.evaluatie = OptionalDate(_("Evaluatiedatum"), today)
        self.add_row(_("Evaluatie:"), self.evaluatie)
        self.einde = OptionalDate(_("Verwachte einddatum"), today)
        self.add_row(_("Verwacht einde:"), self.einde)
        self.overschrijding = Overschrijding()
        self.layout_.insertWidget(1, self.overschrijding)
        self._vul_locaties()

    def submit_failed(self, exc: BaseException) -> None:
        _overschrijding_gevraagd(self, self.overschrijding, exc)

    def _vul_locaties(self) -> None:
        soort = self.type_combo.currentData()
        self.locatie_combo.clear()
        self.locatie_combo.addItem(_("(geen vaste locatie)"), "")
        for rij in self._locaties:
            if rij.locatie.type.value == soort:
                self.locatie_combo.addItem(rij.locatie.naam, rij.locatie.uuid)
        if self.locatie_combo.count() > 1:
            self.locatie_combo.setCurrentIndex(1)

    def values(self) -> dict[str, Any]:
        return {
            "type": self.type_combo.currentData(),
            "locatie_uuid": self.locatie_combo.currentData() or None,
            "datum": to_date(self.datum_edit.date()),
            "dagtarief": self.tarief_edit.text().strip() or None,
            "financier": self.financier_combo.currentData() or None,
            "evaluatiedatum": self.evaluatie.value(),
            "verwachte_einddatum": self.einde.value(),
            "overschrijding_reden": self.overschrijding.reden(),
        }


class DatumBedragDialog(FormDialog):
    """A date plus an amount (placing a request, a rate change)."""

    def __init__(self, title: str, datum_label: str, vandaag: date, bedrag_label: str | None,
                 submit: Callable[[dict[str, Any]], object], maximum: date | None = None,
                 parent: QWidget | None = None, bedrag_hint: str = "") -> None:
        super().__init__(title, submit, parent)
        self.datum_edit = date_edit(vandaag, maximum, datum_label.rstrip(":"))
        self.add_row(datum_label, self.datum_edit)
        self.bedrag_edit = line_edit((bedrag_label or "").rstrip(":"), bedrag_hint)
        if bedrag_label:
            self.add_row(bedrag_label, self.bedrag_edit)
        self.overschrijding = Overschrijding()
        self.layout_.insertWidget(1, self.overschrijding)

    def submit_failed(self, exc: BaseException) -> None:
        _overschrijding_gevraagd(self, self.overschrijding, exc)

    def values(self) -> dict[str, Any]:
        return {"datum": to_date(self.datum_edit.date()),
                "bedrag": self.bedrag_edit.text().strip() or None,
                "overschrijding_reden": self.overschrijding.reden()}


class BeeindigDialog(FormDialog):
    """End a placement (departure date and reason) or withdraw a request (reason only)."""

    def __init__(self, vandaag: date, aanvraag: bool,
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None) -> None:
        super().__init__(_("Aanvraag intrekken") if aanvraag else _("Plaatsing beëindigen"),
                         submit, parent)
        self.aanvraag = aanvraag
        self.datum_edit = date_edit(vandaag, vandaag, _("Vertrekdatum"))
        if not aanvraag:
            self.add_row(_("Vertrokken op:"), self.datum_edit)
        self.reden_edit = line_edit(_("Reden"), _("Bijv. zelfstandig wonen, doorgeplaatst"))
        self.add_row(_("Reden:"), self.reden_edit)
        uitleg = QLabel(_("De nacht van de vertrekdatum telt niet meer mee."))
        uitleg.setWordWrap(True)
        uitleg.setAccessibleName(uitleg.text())
        if not aanvraag:
            self.layout_.insertWidget(1, uitleg)

    def values(self) -> dict[str, Any]:
        return {"datum": None if self.aanvraag else to_date(self.datum_edit.date()),
                "reden": self.reden_edit.text()}


class KostenpostDialog(FormDialog):
    """Another cost of the client (an interpreter, travel); "landelijk" is not allocated."""

    def __init__(self, vandaag: date, submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Kostenpost toevoegen"), submit, parent)
        self.soort_combo = combo(_("Soort kosten"))
        for soort in KostenSoort:
            self.soort_combo.addItem(_(KOSTENSOORT_LABELS[soort]), soort.value)
        self.add_row(_("Soort:"), self.soort_combo)
        self.datum_edit = date_edit(vandaag, None, _("Datum"))
        self.add_row(_("Datum:"), self.datum_edit)
        self.bedrag_edit = line_edit(_("Bedrag"), _("bijv. 85,50"))
        self.add_row(_("Bedrag (€):"), self.bedrag_edit)
        self.omschrijving_edit = line_edit(_("Omschrijving"))
        self.add_row(_("Omschrijving:"), self.omschrijving_edit)
        self.landelijk_check = QCheckBox(_("Landelijk betaald (niet verdelen over gemeenten)"))
        self.landelijk_check.setAccessibleName(self.landelijk_check.text())
        self.add_row("", self.landelijk_check)

    def values(self) -> dict[str, Any]:
        return {"soort": self.soort_combo.currentData(), "datum": to_date(self.datum_edit.date()),
                "bedrag": self.bedrag_edit.text(), "omschrijving": self.omschrijving_edit.text(),
                "landelijk": self.landelijk_check.isChecked()}


__all__ = ["BeeindigDialog", "DatumBedragDialog", "KostenpostDialog", "PlaatsingDialog"]
