"""Tab "CoMensha": the registration set of DOMAIN.md §2b, who registers, the consent it
rests on, and the printable aanmelding.

Until a set is stored the form shows one filled from the case (signals, client), marked
as a proposal; the step to ``aangemeld`` stores it too. Printing goes through the view
(``print_requested``), like the case summary, so it is previewed and audited the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.aanmelding import Aanmelding, voorstel
from zorgapp.domain.codes import (
    GESLACHT_LABELS,
    MELDER_LABELS,
    MELDPLICHTIGE_MELDERS,
    UITBUITINGSVORM_LABELS,
    Fase,
    Geslacht,
    MelderType,
    ToestemmingDoel,
    Uitbuitingsvorm,
)
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _, format_date
from zorgapp.ui.dossier.tab import DossierTab
from zorgapp.ui.widgets.forms import OptionalDate, button, combo, line_edit

#: Who may register: the coordinator, or an obliged reporter that registers itself.
AANMELDERS = (MelderType.ZORGCOORDINATIE, *sorted(MELDPLICHTIGE_MELDERS))


class AanmeldingTab(DossierTab):
    """Edit, save and print the CoMensha registration set."""

    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Stand van de aanmelding"))
        layout.addWidget(self.status_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        self.form = QFormLayout(inner)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self._build_form()
        row = QHBoxLayout()
        self.print_button = button(_("Aanmelding CoMensha af&drukken…"),
                                   _("Aanmelding CoMensha afdrukken"))
        self.print_button.clicked.connect(self.print_requested)
        self.save_button = button(_("Aanmeldset &opslaan"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def _build_form(self) -> None:
        f = self.form
        self.door_combo = combo(_("Aangemeld door"))
        for m in AANMELDERS:
            self.door_combo.addItem(_(MELDER_LABELS[m]), m.value)
        f.addRow(_("Aangemeld door:"), self.door_combo)
        self.opvang_check = QCheckBox(_("De aanmelding vraagt CoMensha om opvang"))
        self.opvang_check.setAccessibleName(self.opvang_check.text())
        f.addRow("", self.opvang_check)
        self.datum = OptionalDate(_("Datum aanmelding"), date.today())
        f.addRow(_("Datum:"), self.datum)
        self.melder_combo = combo(_("Soort melder"))
        self.melder_combo.addItem(_("(onbekend)"), "")
        for m in MelderType:
            self.melder_combo.addItem(_(MELDER_LABELS[m]), m.value)
        f.addRow(_("Soort melder:"), self.melder_combo)
        vormen = QWidget()
        grid = QGridLayout(vormen)
        grid.setContentsMargins(0, 0, 0, 0)
        self.vorm_checks: dict[Uitbuitingsvorm, QCheckBox] = {}
        for i, v in enumerate(Uitbuitingsvorm):
            check = QCheckBox(_(UITBUITINGSVORM_LABELS[v]))
            check.setAccessibleName(check.text())
            self.vorm_checks[v] = check
            grid.addWidget(check, i // 3, i % 3)
        f.addRow(_("Vorm van uitbuiting:"), vormen)
        self.sector_edit = line_edit(_("Sector"), _("bijv. horeca, land- en tuinbouw"))
        f.addRow(_("Sector:"), self.sector_edit)
        self.herkomst_edit = line_edit(_("Land van herkomst"), _("landcode, bijv. NG"))
        f.addRow(_("Land van herkomst:"), self.herkomst_edit)
        self.nationaliteit_edit = line_edit(_("Nationaliteit"), _("landcode, bijv. NG"))
        f.addRow(_("Nationaliteit:"), self.nationaliteit_edit)
        self.leeftijd_spin = QSpinBox()
        self.leeftijd_spin.setRange(-1, 120)
        self.leeftijd_spin.setSpecialValueText(_("onbekend"))
        self.leeftijd_spin.setAccessibleName(_("Leeftijd"))
        f.addRow(_("Leeftijd:"), self.leeftijd_spin)
        self.geslacht_combo = combo(_("Geslacht"))
        for g in Geslacht:
            self.geslacht_combo.addItem(_(GESLACHT_LABELS[g]), g.value)
        f.addRow(_("Geslacht:"), self.geslacht_combo)
        self.regio_edit = line_edit(_("Regio"))
        f.addRow(_("Regio:"), self.regio_edit)
        self.kenmerk_edit = line_edit(_("Kenmerk CoMensha"), _("het kenmerk dat CoMensha terugstuurt"))
        f.addRow(_("Kenmerk CoMensha:"), self.kenmerk_edit)

    # -- showing -----------------------------------------------------------------------

    def fill(self, dossier: Dossier, vandaag: date, deadlines: Sequence[Deadline]) -> None:
        stap = next((s for s in dossier.traject.stappen() if s.fase is Fase.AANGEMELD), None)
        aanmelding = dossier.aanmelding or voorstel(dossier, stap.datum if stap else vandaag)
        self._zet(aanmelding, vandaag)
        self.kenmerk_edit.setText(dossier.opvangbehoeften.comensha_kenmerk)
        self.status_label.setText(self._status(dossier, stap is not None, vandaag))

    def _zet(self, a: Aanmelding, vandaag: date) -> None:
        self.door_combo.setCurrentIndex(max(0, self.door_combo.findData(a.aangemeld_door.value)))
        self.opvang_check.setChecked(a.opvang_gevraagd)
        self.datum.set_value(a.datum)
        self.melder_combo.setCurrentIndex(
            max(0, self.melder_combo.findData(a.melder_type.value if a.melder_type else "")))
        for v, check in self.vorm_checks.items():
            check.setChecked(v in a.vormen)
        self.sector_edit.setText(a.sector)
        self.herkomst_edit.setText(a.land_van_herkomst)
        self.nationaliteit_edit.setText(a.nationaliteit)
        self.leeftijd_spin.setValue(-1 if a.leeftijd is None else a.leeftijd)
        self.geslacht_combo.setCurrentIndex(max(0, self.geslacht_combo.findData(a.geslacht.value)))
        self.regio_edit.setText(a.regio)

    @staticmethod
    def _status(dossier: Dossier, aangemeld: bool, vandaag: date) -> str:
        delen = [_("Aangemeld bij CoMensha.") if aangemeld else _("Nog niet aangemeld bij CoMensha.")]
        if dossier.aanmelding is None:
            delen.append(_("Dit is een voorstel uit de gegevens van het dossier: controleer "
                           "het en sla het op."))
        geldig = [t for t in dossier.toestemmingen
                  if t.doel is ToestemmingDoel.COMENSHA_AANMELDING and t.geldig_op(vandaag)]
        if geldig:
            delen.append(_("Toestemming voor de aanmelding gegeven op {datum}.").format(
                datum=format_date(geldig[0].datum)))
        else:
            delen.append(_("Er is geen toestemming voor de aanmelding vastgelegd."))
        return " ".join(delen)

    # -- saving ------------------------------------------------------------------------

    def aanmelding(self) -> Aanmelding:
        """The form as a registration set (refused by the domain when impossible)."""
        melder = self.melder_combo.currentData()
        leeftijd = self.leeftijd_spin.value()
        return Aanmelding(
            aangemeld_door=MelderType(self.door_combo.currentData()),
            opvang_gevraagd=self.opvang_check.isChecked(),
            datum=self.datum.value(),
            melder_type=MelderType(melder) if melder else None,
            vormen=[v for v, c in self.vorm_checks.items() if c.isChecked()],
            sector=self.sector_edit.text().strip(),
            land_van_herkomst=self.herkomst_edit.text(),
            nationaliteit=self.nationaliteit_edit.text(),
            leeftijd=None if leeftijd < 0 else leeftijd,
            geslacht=Geslacht(self.geslacht_combo.currentData()),
            regio=self.regio_edit.text().strip(),
        )

    def save(self) -> None:
        aanmelding = self.gather(self.aanmelding)
        kenmerk = self.kenmerk_edit.text()
        if aanmelding is not None:
            self.apply(lambda s, uuid: s.aanmelding_opslaan(uuid, aanmelding, kenmerk),
                       _("Aanmeldset opgeslagen."))
