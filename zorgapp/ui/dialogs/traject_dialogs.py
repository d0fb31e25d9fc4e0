"""Dialogs that change a case's path: next stage, reopen, decision, correction.

Each dialog gathers values and hands them to a ``submit`` callable (the Traject tab
calls the service there). A refusal by the rules (``DomainError``/``KnownError``)
appears as a translated message inside the dialog, which stays open so the user can
fix the input; the machinery is ``FormDialog`` in ui/widgets/forms.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.aanmelding import meldplichtige_melder
from zorgapp.domain.codes import (
    BESLUIT_SOORT_LABELS,
    BESLUIT_UITKOMST_LABELS,
    FASE_LABELS,
    MELDER_LABELS,
    MELDPLICHTIGE_MELDERS,
    SLUITREDEN_LABELS,
    UITKOMSTEN,
    BesluitSoort,
    Fase,
    MelderType,
    Sluitreden,
    ToestemmingDoel,
)
from zorgapp.domain.dossier import Dossier, Toestemming
from zorgapp.domain.traject import Traject
from zorgapp.i18n import _, format_date
from zorgapp.ui.widgets.forms import FormDialog, OptionalDate, date_edit, to_date


class VolgendeFaseDialog(FormDialog):
    """Offers only the stages the rules allow from here (``mogelijke_overgangen``).

    To ``aangemeld`` it asks who registers and, when no consent is recorded, lets the
    user record the written consent on the spot (``AanmeldingVelden``); closing offers
    to end running placements on the closing date. The rules themselves are the
    domain's: the dialog only gathers what they need.
    """

    def __init__(self, traject: Traject, vandaag: date,
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None,
                 dossier: Dossier | None = None) -> None:
        super().__init__(_("Volgende fase"), submit, parent)
        huidig = traject.huidige_fase
        uitleg = QLabel(_("Huidige fase: {fase}").format(
            fase=_(FASE_LABELS[huidig]) if huidig else "—"))
        uitleg.setAccessibleName(uitleg.text())
        self.form.addRow(uitleg)
        self.fase_combo = QComboBox()
        for fase in Fase:
            if fase in traject.mogelijke_overgangen():
                self.fase_combo.addItem(_(FASE_LABELS[fase]), fase.value)
        self.add_row(_("Naar fase:"), self.fase_combo)
        self.datum_edit = date_edit(vandaag, vandaag, _("Datum"))
        self.add_row(_("Datum:"), self.datum_edit)
        self.reden_edit = QLineEdit()
        self.reden_edit.setPlaceholderText(_("Waarom deze stap?"))
        self.add_row(_("Reden:"), self.reden_edit)
        self.sluitreden_combo = QComboBox()
        for reden in Sluitreden:
            self.sluitreden_combo.addItem(_(SLUITREDEN_LABELS[reden]), reden.value)
        self.sluitreden_label = QLabel(_("Reden van afsluiten:"))
        self.sluitreden_combo.setAccessibleName(_("Reden van afsluiten"))
        self.form.addRow(self.sluitreden_label, self.sluitreden_combo)
        self.beeindig_check = QCheckBox(_("Lopende plaatsingen en open aanvragen op de "
                                          "sluitdatum beëindigen"))
        self.beeindig_check.setAccessibleName(self.beeindig_check.text())
        self.form.addRow("", self.beeindig_check)
        self.aanmelding = AanmeldingVelden(dossier, vandaag)
        self.form.addRow(self.aanmelding)
        self.fase_combo.currentIndexChanged.connect(self._fase_changed)
        self._fase_changed()
        if self.fase_combo.count() == 0:
            self.show_error(_("Vanuit deze fase is geen volgende fase mogelijk."))
            self.ok_button.setEnabled(False)
        self.fase_combo.setFocus()

    def _fase_changed(self) -> None:
        closing = self.fase_combo.currentData() == Fase.AFGESLOTEN.value
        self.sluitreden_label.setVisible(closing)
        self.sluitreden_combo.setVisible(closing)
        self.beeindig_check.setVisible(closing)
        self.aanmelding.setVisible(self.fase_combo.currentData() == Fase.AANGEMELD.value)
        self.adjustSize()  # the consent fields come and go: no clipped explanation

    def show_error(self, text: str) -> None:
        """Grow with the message (its wrapped lines), so no field is squeezed."""
        super().show_error(text)
        self.adjustSize()

    def select(self, fase: Fase) -> bool:
        index = self.fase_combo.findData(fase.value)
        if index >= 0:
            self.fase_combo.setCurrentIndex(index)
        return index >= 0

    def values(self) -> dict[str, Any]:
        naar = Fase(self.fase_combo.currentData())
        datum = to_date(self.datum_edit.date())
        aanmelden = naar is Fase.AANGEMELD
        return {
            "naar": naar,
            "datum": datum,
            "reden": self.reden_edit.text(),
            "sluitreden": Sluitreden(self.sluitreden_combo.currentData())
            if naar is Fase.AFGESLOTEN else None,
            "plaatsingen_beeindigen": naar is Fase.AFGESLOTEN and self.beeindig_check.isChecked(),
            "aangemeld_door": self.aanmelding.door() if aanmelden else None,
            "opvang_gevraagd": self.aanmelding.opvang_check.isChecked() if aanmelden else None,
            "toestemming": self.aanmelding.toestemming() if aanmelden else None,
        }


class AanmeldingVelden(QGroupBox):
    """Who registers with CoMensha, and the written consent when none is recorded yet."""

    def __init__(self, dossier: Dossier | None, vandaag: date) -> None:
        super().__init__(_("Aanmelding bij CoMensha"))
        box = QVBoxLayout(self)
        form = QFormLayout()
        box.addLayout(form)
        self.door_combo = QComboBox()
        self.door_combo.setAccessibleName(_("Aangemeld door"))
        for m in (MelderType.ZORGCOORDINATIE, *sorted(MELDPLICHTIGE_MELDERS)):
            self.door_combo.addItem(_(MELDER_LABELS[m]), m.value)
        form.addRow(_("Aangemeld door:"), self.door_combo)
        self.opvang_check = QCheckBox(_("De aanmelding vraagt CoMensha om opvang"))
        self.opvang_check.setAccessibleName(self.opvang_check.text())
        form.addRow("", self.opvang_check)
        heeft = dossier is not None and dossier.toestemming_geldig(
            ToestemmingDoel.COMENSHA_AANMELDING, vandaag)
        # One short line (a wrapped label is clipped by the form); the refusal says more.
        uitleg = QLabel(_("Toestemming voor de aanmelding is vastgelegd.") if heeft else _(
            "Schriftelijke toestemming nodig (onder 16 jaar: van ouder of voogd)."))
        uitleg.setAccessibleName(uitleg.text())
        box.addWidget(uitleg)
        form = QFormLayout()
        box.addLayout(form)
        self.toestemming_check = QCheckBox(_("Schriftelijke toestemming nu vastleggen"))
        self.toestemming_check.setAccessibleName(self.toestemming_check.text())
        self.toestemming_datum = date_edit(vandaag, vandaag, _("Datum van de toestemming"))
        self.gegeven_door = QLineEdit()
        self.gegeven_door.setAccessibleName(_("Gegeven door"))
        self.gegeven_door.setPlaceholderText(_("leeg: de cliënt zelf; onder 16: ouder of voogd"))
        self.hoe_gegeven = QLineEdit(_("schriftelijk"))
        self.hoe_gegeven.setAccessibleName(_("Hoe gegeven"))
        for widget, label in ((self.toestemming_check, ""),
                              (self.toestemming_datum, _("Datum toestemming:")),
                              (self.gegeven_door, _("Gegeven door:")),
                              (self.hoe_gegeven, _("Hoe gegeven:"))):
            if heeft:
                widget.hide()
            elif label:
                form.addRow(label, widget)
            else:
                form.addRow("", widget)
        if dossier is not None:
            plichtig = meldplichtige_melder(dossier)
            door = dossier.aanmelding.aangemeld_door if dossier.aanmelding else plichtig
            if door is not None:
                self.door_combo.setCurrentIndex(max(0, self.door_combo.findData(door.value)))

    def door(self) -> MelderType:
        return MelderType(self.door_combo.currentData())

    def toestemming(self) -> Toestemming | None:
        """The consent typed in, if the user chose to record it now."""
        if self.toestemming_check.isHidden() or not self.toestemming_check.isChecked():
            return None
        # Its own date, never moved: consent given after the step does not cover it.
        datum = to_date(self.toestemming_datum.date())
        return Toestemming(doel=ToestemmingDoel.COMENSHA_AANMELDING, datum=datum,
                           hoe_gegeven=self.hoe_gegeven.text().strip(),
                           gegeven_door=self.gegeven_door.text().strip())


class HeropenDialog(FormDialog):
    """Reopen a closed case: back to the stage before closing, or to intake."""

    def __init__(self, traject: Traject, vandaag: date,
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None) -> None:
        super().__init__(_("Dossier heropenen"), submit, parent)
        stappen = traject.stappen()
        vorige = stappen[-2].fase if len(stappen) >= 2 else Fase.INTAKE
        self.naar_combo = QComboBox()
        for fase in dict.fromkeys([vorige, Fase.INTAKE]):
            self.naar_combo.addItem(_(FASE_LABELS[fase]), fase.value)
        self.add_row(_("Terug naar fase:"), self.naar_combo)
        self.datum_edit = date_edit(vandaag, vandaag, _("Datum"))
        self.add_row(_("Datum:"), self.datum_edit)
        self.reden_edit = QLineEdit()
        self.add_row(_("Reden:"), self.reden_edit)

    def values(self) -> dict[str, Any]:
        return {"naar": Fase(self.naar_combo.currentData()),
                "datum": to_date(self.datum_edit.date()),
                "reden": self.reden_edit.text()}


class BesluitDialog(FormDialog):
    """Record a decision: aangifte (ja/nee) or a residence permit step."""

    def __init__(self, vandaag: date, submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Besluit vastleggen"), submit, parent)
        self.soort_combo = QComboBox()
        for soort in BesluitSoort:
            self.soort_combo.addItem(_(BESLUIT_SOORT_LABELS[soort]), soort.value)
        self.add_row(_("Besluit:"), self.soort_combo)
        self.uitkomst_combo = QComboBox()
        self.add_row(_("Uitkomst:"), self.uitkomst_combo)
        self.datum_edit = date_edit(vandaag, vandaag, _("Datum"))
        self.add_row(_("Datum:"), self.datum_edit)
        self.geldig_tot = OptionalDate(_("Geldig tot"), vandaag.replace(year=vandaag.year + 1)
                                       if not (vandaag.month == 2 and vandaag.day == 29)
                                       else vandaag)
        self.add_row(_("Geldigheid:"), self.geldig_tot)
        self.toelichting_edit = QLineEdit()
        self.add_row(_("Toelichting:"), self.toelichting_edit)
        self.soort_combo.currentIndexChanged.connect(self._fill_uitkomsten)
        self._fill_uitkomsten()

    def _fill_uitkomsten(self) -> None:
        soort = BesluitSoort(self.soort_combo.currentData())
        self.uitkomst_combo.clear()
        for uitkomst, label in BESLUIT_UITKOMST_LABELS.items():
            if uitkomst in UITKOMSTEN[soort]:
                self.uitkomst_combo.addItem(_(label), uitkomst.value)
        self.geldig_tot.setVisible(soort is BesluitSoort.VERBLIJFSVERGUNNING)

    def values(self) -> dict[str, Any]:
        from zorgapp.domain.codes import BesluitUitkomst

        soort = BesluitSoort(self.soort_combo.currentData())
        return {"soort": soort,
                "uitkomst": BesluitUitkomst(self.uitkomst_combo.currentData()),
                "datum": to_date(self.datum_edit.date()),
                "toelichting": self.toelichting_edit.text(),
                "geldig_tot": self.geldig_tot.value()
                if soort is BesluitSoort.VERBLIJFSVERGUNNING else None}


class CorrectieDialog(FormDialog):
    """Correct an earlier step or decision: a new event, the original stays visible."""

    def __init__(self, traject: Traject, vandaag: date,
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None,
                 event_uuid: str | None = None) -> None:
        super().__init__(_("Correctie vastleggen"), submit, parent)
        uitleg = QLabel(_("Een correctie overschrijft niets: de oorspronkelijke stap blijft "
                          "zichtbaar in de geschiedenis."))
        uitleg.setWordWrap(True)
        uitleg.setAccessibleName(uitleg.text())
        self.form.addRow(uitleg)
        self.event_combo = QComboBox()
        self._fases: dict[str, Fase] = {}
        for s in traject.stappen():
            self.event_combo.addItem(_("{fase} op {datum}").format(
                fase=_(FASE_LABELS[s.fase]), datum=format_date(s.datum)), s.event_uuid)
            self._fases[s.event_uuid] = s.fase
        for b in traject.besluiten():
            self.event_combo.addItem(_("{soort} op {datum}").format(
                soort=_(BESLUIT_SOORT_LABELS[b.soort]), datum=format_date(b.datum)), b.event_uuid)
        if event_uuid is not None:
            index = self.event_combo.findData(event_uuid)
            if index >= 0:
                self.event_combo.setCurrentIndex(index)
        self.add_row(_("Wat corrigeren:"), self.event_combo)
        self.nieuwe_datum = OptionalDate(_("Nieuwe datum"), vandaag, vandaag)
        self.add_row(_("Datum:"), self.nieuwe_datum)
        self.nieuwe_reden = QLineEdit()
        self.nieuwe_reden.setPlaceholderText(_("Leeg laten: reden blijft"))
        self.add_row(_("Nieuwe reden:"), self.nieuwe_reden)
        self.sluitreden_combo = QComboBox()
        self.sluitreden_combo.addItem(_("(ongewijzigd)"), "")
        for reden in Sluitreden:
            self.sluitreden_combo.addItem(_(SLUITREDEN_LABELS[reden]), reden.value)
        self.add_row(_("Reden van afsluiten:"), self.sluitreden_combo)
        self.vervalt_check = QCheckBox(_("Vervalt (ten onrechte vastgelegd)"))
        self.vervalt_check.setAccessibleName(_("Vervalt"))
        self.form.addRow("", self.vervalt_check)
        self.reden_edit = QLineEdit()
        self.reden_edit.setPlaceholderText(_("Waarom deze correctie?"))
        self.add_row(_("Reden van de correctie:"), self.reden_edit)
        self.event_combo.currentIndexChanged.connect(self._event_changed)
        self._event_changed()

    def _event_changed(self) -> None:
        fase = self._fases.get(self.event_combo.currentData())
        self.sluitreden_combo.setEnabled(fase is Fase.AFGESLOTEN)

    def values(self) -> dict[str, Any]:
        nieuwe_reden = self.nieuwe_reden.text()
        sluit = self.sluitreden_combo.currentData()
        return {"event_uuid": self.event_combo.currentData(),
                "reden": self.reden_edit.text(),
                "nieuwe_datum": self.nieuwe_datum.value(),
                "nieuwe_reden": nieuwe_reden if nieuwe_reden.strip() else None,
                "nieuwe_sluitreden": Sluitreden(sluit) if sluit and self.sluitreden_combo.isEnabled()
                else None,
                "vervalt": self.vervalt_check.isChecked()}


__all__ = ["BesluitDialog", "CorrectieDialog", "HeropenDialog", "VolgendeFaseDialog"]
