"""Dialogs of the legal track (verblijf en strafzaak): add a step, void a step.

The dialog gathers values; ``submit`` calls ``DossierService.verblijf_stap``, which
holds the step to the track's order rules (``domain.verblijf_regels``). A refusal shows
inside the dialog, which stays open; warnings that do not stop a step (bedenktijd for a
Dutch or EU citizen) come back in ``result_value`` for the tab to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from zorgapp.domain.verblijf_events import (
    UITKOMST_LABELS,
    UITKOMSTEN,
    VERBLIJF_SOORT_LABELS,
    Uitkomst,
    VerblijfEvent,
    VerblijfSoort,
)
from zorgapp.i18n import _, format_date
from zorgapp.ui.widgets.forms import FormDialog, OptionalDate, date_edit, to_date

S = VerblijfSoort
#: Steps the user adds, in the order they usually come.
STAPPEN = (S.BEDENKTIJD_AANGEBODEN, S.BEDENKTIJD_BESLUIT, S.AANGIFTE, S.BIJZONDERE_GROND,
           S.GETUIGE_AANGEVER, S.IND_BESLUIT, S.OM_BESLUIT, S.VOORTGEZET_VERBLIJF)


class VerblijfStapDialog(FormDialog):
    """One step of the legal track: kind, outcome, date and what belongs to the kind."""

    def __init__(self, vandaag: date, submit: Callable[[VerblijfEvent], object],
                 parent: QWidget | None = None, soort: VerblijfSoort | None = None) -> None:
        super().__init__(_("Stap verblijf of strafzaak vastleggen"),
                         lambda v: submit(v["event"]), parent)
        self._vandaag = vandaag
        self.soort_combo = QComboBox()
        for s in STAPPEN:
            self.soort_combo.addItem(_(VERBLIJF_SOORT_LABELS[s]), s.value)
        if soort is not None:
            self.soort_combo.setCurrentIndex(max(0, self.soort_combo.findData(soort.value)))
        self.add_row(_("Stap:"), self.soort_combo)
        self.uitkomst_combo = QComboBox()
        self.add_row(_("Uitkomst:"), self.uitkomst_combo)
        self.datum_edit = date_edit(vandaag, vandaag, _("Datum"))
        self.add_row(_("Datum:"), self.datum_edit)
        self.dublin_box = QCheckBox(_("Dublinclaimant (30 dagen in plaats van 90)"))
        self.add_row(_("Dublin:"), self.dublin_box)
        self.onderbouwing_edit = QLineEdit()
        self.onderbouwing_edit.setPlaceholderText(_("Verklaring van politie of arts"))
        self.add_row(_("Onderbouwing:"), self.onderbouwing_edit)
        self.geldig_tot = OptionalDate(_("Geldig tot"), vandaag + timedelta(days=365))
        self.add_row(_("Geldig tot:"), self.geldig_tot)
        self.toelichting_edit = QLineEdit()
        self.add_row(_("Toelichting:"), self.toelichting_edit)
        self.soort_combo.currentIndexChanged.connect(self._soort_gekozen)
        self._soort_gekozen()

    def soort(self) -> VerblijfSoort:
        return VerblijfSoort(self.soort_combo.currentData())

    def _soort_gekozen(self) -> None:
        """Offer only the outcomes and fields that belong to the chosen kind."""
        soort = self.soort()
        self.uitkomst_combo.clear()
        for uitkomst in Uitkomst:
            if uitkomst in UITKOMSTEN[soort]:
                self.uitkomst_combo.addItem(_(UITKOMST_LABELS[uitkomst]), uitkomst.value)
        self.uitkomst_combo.setEnabled(self.uitkomst_combo.count() > 1)
        for widget, zichtbaar in (
                (self.dublin_box, soort is S.BEDENKTIJD_AANGEBODEN),
                (self.onderbouwing_edit, soort is S.BIJZONDERE_GROND),
                (self.geldig_tot, soort is S.IND_BESLUIT)):
            widget.setVisible(zichtbaar)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(zichtbaar)

    def values(self) -> dict[str, Any]:
        soort = self.soort()
        event = VerblijfEvent(
            soort, to_date(self.datum_edit.date()), "", datetime.now(UTC),
            Uitkomst(self.uitkomst_combo.currentData()),
            toelichting=self.toelichting_edit.text().strip(),
            dublin=soort is S.BEDENKTIJD_AANGEBODEN and self.dublin_box.isChecked(),
            onderbouwing=self.onderbouwing_edit.text().strip()
            if soort is S.BIJZONDERE_GROND else "",
            geldig_tot=self.geldig_tot.value() if soort is S.IND_BESLUIT else None)
        return {"event": event}


class VervallenDialog(FormDialog):
    """Void a step entered by mistake: a new step, the original stays in the history."""

    def __init__(self, stappen: Sequence[VerblijfEvent], vandaag: date,
                 submit: Callable[[VerblijfEvent], object], parent: QWidget | None = None,
                 gekozen: str | None = None) -> None:
        super().__init__(_("Stap laten vervallen"), lambda v: submit(v["event"]), parent)
        uitleg = QLabel(_("Vervallen overschrijft niets: de stap blijft zichtbaar in de "
                          "geschiedenis, maar telt niet meer mee."))
        uitleg.setWordWrap(True)
        uitleg.setAccessibleName(uitleg.text())
        self.form.addRow(uitleg)
        self._vandaag = vandaag
        self.stap_combo = QComboBox()
        for e in stappen:
            if e.gemigreerd:
                continue  # read from the care path: correct it there
            self.stap_combo.addItem(_("{stap} op {datum}").format(
                stap=_(VERBLIJF_SOORT_LABELS[e.soort]), datum=format_date(e.datum)), e.uuid)
        if gekozen is not None and self.stap_combo.findData(gekozen) >= 0:
            self.stap_combo.setCurrentIndex(self.stap_combo.findData(gekozen))
        self.add_row(_("Welke stap:"), self.stap_combo)
        self.reden_edit = QLineEdit()
        self.add_row(_("Reden:"), self.reden_edit)

    def values(self) -> dict[str, Any]:
        from zorgapp.domain.errors import N_, DomainError

        if self.stap_combo.currentData() is None:
            raise DomainError(N_("Er is geen stap om te laten vervallen."))
        if not self.reden_edit.text().strip():
            raise DomainError(N_("Geef een reden op voor deze correctie."))
        return {"event": VerblijfEvent(S.VERVALT, self._vandaag, "", datetime.now(UTC),
                                       corrigeert=str(self.stap_combo.currentData()),
                                       toelichting=self.reden_edit.text().strip())}
