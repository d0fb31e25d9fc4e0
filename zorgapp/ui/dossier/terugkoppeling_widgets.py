"""Feedback to the melder and the RIEC referral in the dossier view: the list of what
each melder is owed (Signalen tab), and the two dialogs that record an answer. The
rules are the domain's (``domain.terugkoppeling``); the use cases are
``TerugkoppelingService``'s."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QLabel, QPlainTextEdit, QRadioButton, QWidget

from zorgapp.domain.deadlines import Deadline, DeadlineSoort
from zorgapp.domain.dossier import Melding
from zorgapp.domain.terugkoppeling import (
    TERUGKOPPEL_WIJZE_LABELS,
    RiecVerwijzing,
    Terugkoppeling,
    TerugkoppelWijze,
)
from zorgapp.i18n import N_, _, format_date
from zorgapp.ui.models.rij_table_model import Kolom, RijTableModel, datum_sort, datum_tekst
from zorgapp.ui.models.signalen_model import melding_kop
from zorgapp.ui.tasks import TaskRunner
from zorgapp.ui.widgets.forms import FormDialog, combo, date_edit, line_edit, to_date


def verdeel_deadlines(deadlines: Sequence[Deadline]) -> tuple[list[Deadline], list[Deadline]]:
    """(the care path's deadlines and tasks, the feedback owed to melders): the header
    names the next of the first, and the feedback beside it."""
    terug = [d for d in deadlines if d.soort is DeadlineSoort.TERUGKOPPELING]
    return [d for d in deadlines if d.soort is not DeadlineSoort.TERUGKOPPELING], terug


def terugkoppel_kop(terug: Sequence[Deadline], vandaag: date) -> str:
    """" · feedback to the melder: overdue since …" for the dossier's header."""
    if not terug:
        return ""
    eerste = min(d.datum for d in terug)
    if eerste < vandaag:
        return _(" · terugkoppeling aan melder te laat (uiterlijk {datum})").format(
            datum=format_date(eerste))
    return _(" · terugkoppeling aan melder uiterlijk {datum}").format(datum=format_date(eerste))


@dataclass(frozen=True)
class TerugkoppelRij:
    melding: Melding
    vandaag: date


def terugkoppel_status(r: TerugkoppelRij) -> str:
    """"given on …, by phone", "due …", "overdue since …", or "not tracked"."""
    m = r.melding
    if m.terugkoppeling is not None:
        return _("gegeven op {datum} ({wijze})").format(
            datum=format_date(m.terugkoppeling.datum),
            wijze=_(TERUGKOPPEL_WIJZE_LABELS[m.terugkoppeling.wijze]).lower())
    if m.terugkoppelen_voor is None:
        return _("niet bijgehouden (melding van vóór deze regel)")
    if m.terugkoppelen_voor < r.vandaag:
        return _("te laat: uiterlijk {datum}").format(datum=format_date(m.terugkoppelen_voor))
    return _("open: uiterlijk {datum}").format(datum=format_date(m.terugkoppelen_voor))


class TerugkoppelTableModel(RijTableModel[TerugkoppelRij]):
    KOLOMMEN = (
        Kolom(N_("Melding"), lambda r: melding_kop(r.melding)),
        Kolom(N_("Datum"), lambda r: datum_tekst(r.melding.datum),
              lambda r: datum_sort(r.melding.datum)),
        Kolom(N_("Terugkoppeling aan melder"), terugkoppel_status),
        Kolom(N_("Wat is verteld"), lambda r: r.melding.terugkoppeling.samenvatting
              if r.melding.terugkoppeling else ""),
    )


class TerugkoppelDialog(FormDialog):
    """When, how and in short what the melder was told."""

    def __init__(self, melding: Melding, vandaag: date,
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(_("Terugkoppeling aan melder vastleggen"), submit, parent, tasks)
        self.add_row(_("Melding:"), QLabel(_("{kop} van {datum}").format(
            kop=melding_kop(melding), datum=format_date(melding.datum))))
        self.datum = date_edit(vandaag, vandaag, _("Datum van de terugkoppeling"))
        self.add_row(_("&Datum:"), self.datum)
        self.wijze = combo(_("Hoe is teruggekoppeld"))
        for wijze, label in TERUGKOPPEL_WIJZE_LABELS.items():
            self.wijze.addItem(_(label), wijze.value)
        self.add_row(_("&Hoe:"), self.wijze)
        self.samenvatting = QPlainTextEdit()
        self.samenvatting.setTabChangesFocus(True)
        self.samenvatting.setAccessibleName(_("Wat is er verteld"))
        self.samenvatting.setPlaceholderText(_("In het kort wat de melder heeft gehoord"))
        self.samenvatting.setFixedHeight(self.samenvatting.fontMetrics().lineSpacing() * 4 + 14)
        self.add_row(_("&Wat is verteld:"), self.samenvatting)

    def values(self) -> dict[str, Any]:
        return {"terugkoppeling": Terugkoppeling(
            datum=to_date(self.datum.date()),
            wijze=TerugkoppelWijze(self.wijze.currentData()),
            samenvatting=self.samenvatting.toPlainText().strip())}


class RiecDialog(FormDialog):
    """Asked when a perpetrator's name or address is recorded: referred to the RIEC?"""

    def __init__(self, huidig: RiecVerwijzing | None, vandaag: date,
                 submit: Callable[[dict[str, Any]], object], parent: QWidget | None = None,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(_("Melding bij het RIEC"), submit, parent, tasks)
        vraag = QLabel(_("Er is een naam of adres van een dader vastgelegd. Zodra die bekend "
                         "is, hoort de zaak bij het RIEC te worden gemeld. Is dat gebeurd?"))
        vraag.setWordWrap(True)
        self.form.addRow(vraag)
        self.ja = QRadioButton(_("&Ja, gemeld bij het RIEC"))
        self.nee = QRadioButton(_("&Nog niet (later opnieuw vragen)"))
        self.groep = QButtonGroup(self)
        for knop in (self.ja, self.nee):
            self.groep.addButton(knop)
            self.form.addRow(knop)
        self.datum = date_edit((huidig.datum if huidig and huidig.datum else vandaag), vandaag,
                               _("Datum van de RIEC-melding"))
        self.add_row(_("&Datum melding:"), self.datum)
        self.referentie = line_edit(_("Kenmerk van het RIEC"), _("Kenmerk, als dat er is"))
        self.referentie.setText(huidig.referentie if huidig else "")
        self.add_row(_("&Kenmerk:"), self.referentie)
        self.ja.toggled.connect(self.datum.setEnabled)
        self.ja.toggled.connect(self.referentie.setEnabled)
        (self.ja if huidig is None or huidig.gemeld else self.nee).setChecked(True)

    def values(self) -> dict[str, Any]:
        if not self.ja.isChecked():
            return {"riec": RiecVerwijzing(gemeld=False)}
        return {"riec": RiecVerwijzing(gemeld=True, datum=to_date(self.datum.date()),
                                       referentie=self.referentie.text().strip())}


def riec_tekst(riec: RiecVerwijzing | None) -> str:
    """The RIEC line in the Zorg & veiligheid tab."""
    if riec is None:
        return _("RIEC: nog niets vastgelegd.")
    if not riec.gemeld or riec.datum is None:
        return _("RIEC: nog niet gemeld.")
    if riec.referentie:
        return _("RIEC: gemeld op {datum}, kenmerk {kenmerk}.").format(
            datum=format_date(riec.datum), kenmerk=riec.referentie)
    return _("RIEC: gemeld op {datum}.").format(datum=format_date(riec.datum))
