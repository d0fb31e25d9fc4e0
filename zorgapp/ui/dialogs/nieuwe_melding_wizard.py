"""Intake wizard for a new signal: person, signal, indicators, summary.

It warns (a visible label, not a blocking question) when the vault already holds a
person with a similar name and the same date of birth: the coordinator decides whether
it is the same person. Finishing creates the dossier through
``DossierService.nieuwe_melding`` (audited there); a refusal by the rules is shown on
the summary page and the wizard stays open.

Both the look-up and the creation run on the task runner: the warning appears when
the answer arrives, and Finish closes the wizard once the dossier exists
(``is_busy()`` in between).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from zorgapp.domain.codes import (
    GESLACHT_LABELS,
    INDICATOR_LABELS,
    MELDER_LABELS,
    UITBUITINGSVORM_LABELS,
    Indicator,
    MelderType,
    Uitbuitingsvorm,
)
from zorgapp.domain.dossier import Dossier, IndicatorWaarneming, Melding
from zorgapp.domain.errors import DomainError
from zorgapp.domain.persoon import Persoon
from zorgapp.i18n import _, format_date
from zorgapp.services.dossier_service import DossierService, gemeente_namen
from zorgapp.ui.tasks import TaskRunner, message_for, runner
from zorgapp.ui.widgets.forms import date_edit, to_date, to_qdate
from zorgapp.ui.widgets.persoon_form import PersoonForm

if TYPE_CHECKING:
    from zorgapp.store.dossiers import DossierRij

WARN_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; border: 1px solid #c9a227;"
ERROR_STYLE = "color: #b00020;"


def _warning_text(found: list[DossierRij]) -> str:
    lijst = ", ".join(f"{r.dossiernummer} ({r.naam})" for r in found[:5])
    return _("Let op: er bestaat al een dossier van iemand met een vergelijkbare naam en "
             "dezelfde geboortedatum: {lijst}. Controleer of het dezelfde persoon is.").format(lijst=lijst)



def _message_labels(layout: QVBoxLayout) -> tuple[QLabel, QLabel]:
    """The similar-person warning and the error line that several pages show."""
    warning = QLabel()
    warning.setWordWrap(True)
    warning.setStyleSheet(WARN_STYLE)
    warning.setAccessibleName(_("Waarschuwing: mogelijk bestaand dossier"))
    warning.hide()
    layout.addWidget(warning)
    error = QLabel()
    error.setWordWrap(True)
    error.setStyleSheet(ERROR_STYLE)
    error.setAccessibleName(_("Foutmelding"))
    layout.addWidget(error)  # empty until there is an error
    return warning, error

class PersoonPage(QWizardPage):
    def __init__(self, wizard: NieuweMeldingWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Persoon"))
        self.setSubTitle(_("Wie is het? Vul in wat bekend is; een alias is genoeg."))
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.form = PersoonForm(wizard.vandaag)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        self.warning_label, self.error_label = _message_labels(layout)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.check_similar)
        self.form.identity_changed.connect(self._timer.start)

    def check_similar(self) -> None:
        """Look for similar people; the label shows only with the same birth date."""
        self._timer.stop()
        try:
            geboortedatum = self.form.geboortedatum.value()
        except DomainError:
            geboortedatum = None  # still being typed, or wrong: said on Volgende
        self.w.zoek_vergelijkbaar(self.form.naam(), geboortedatum)

    def show_similar(self, found: list[DossierRij]) -> None:
        if found:
            self.warning_label.setText(_warning_text(found))
            self.warning_label.show()
        else:
            self.warning_label.clear()
            self.warning_label.hide()

    def validatePage(self) -> bool:
        self.error_label.hide()
        if not self.form.naam():
            self.error_label.setText(_("Vul een naam of alias in."))
            self.error_label.show()
            return False
        try:
            persoon = self.form.persoon()
            persoon.valideer(self.w.vandaag)
        except DomainError as exc:
            self.error_label.setText(message_for(exc))
            self.error_label.show()
            return False
        self.w.persoon = persoon
        self.check_similar()
        return True


class MeldingPage(QWizardPage):
    def __init__(self, wizard: NieuweMeldingWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Signaal"))
        self.setSubTitle(_("Wie meldde wat, wanneer en waar?"))
        form = QFormLayout(self)
        self.datum_edit = date_edit(wizard.vandaag, wizard.vandaag, _("Datum van de melding"))
        form.addRow(_("&Datum:"), self.datum_edit)
        self.melder_combo = QComboBox()
        for m in MelderType:
            self.melder_combo.addItem(_(MELDER_LABELS[m]), m.value)
        self.melder_combo.setAccessibleName(_("Soort melder"))
        form.addRow(_("&Melder:"), self.melder_combo)
        self.organisatie_edit = QLineEdit()
        self.organisatie_edit.setAccessibleName(_("Organisatie van de melder"))
        form.addRow(_("&Organisatie:"), self.organisatie_edit)
        self.hoe_combo = QComboBox()
        self.hoe_combo.setEditable(True)
        for hoe in (_("telefoon"), _("e-mail"), _("overleg"), _("persoonlijk"), _("brief")):
            self.hoe_combo.addItem(hoe)
        self.hoe_combo.setAccessibleName(_("Hoe ontvangen"))
        form.addRow(_("&Hoe ontvangen:"), self.hoe_combo)
        self.vindplaats_edit = QLineEdit()
        self.vindplaats_edit.setAccessibleName(_("Vindplaats"))
        self.vindplaats_edit.setPlaceholderText(_("Bijv. vakantiepark, kapsalon, kwekerij"))
        form.addRow(_("&Vindplaats:"), self.vindplaats_edit)
        self.vormen_list = QListWidget()
        self.vormen_list.setAccessibleName(_("Vormen van uitbuiting (meer mogelijk)"))
        for v in Uitbuitingsvorm:
            item = QListWidgetItem(_(UITBUITINGSVORM_LABELS[v]))
            item.setData(Qt.ItemDataRole.UserRole, v.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.vormen_list.addItem(item)
        self.vormen_list.setMaximumHeight(150)
        form.addRow(_("Vormen (spatie = aan/uit):"), self.vormen_list)
        self.sector_edit = QLineEdit()
        self.sector_edit.setAccessibleName(_("Sector"))
        self.sector_edit.setPlaceholderText(_("Bijv. horeca, land- en tuinbouw"))
        form.addRow(_("&Sector:"), self.sector_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(_("Foutmelding"))
        form.addRow(self.error_label)

    def vormen(self) -> list[Uitbuitingsvorm]:
        out = []
        for i in range(self.vormen_list.count()):
            item = self.vormen_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(Uitbuitingsvorm(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_vorm(self, vorm: Uitbuitingsvorm, checked: bool = True) -> None:
        for i in range(self.vormen_list.count()):
            item = self.vormen_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == vorm.value:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def validatePage(self) -> bool:
        self.error_label.clear()
        try:
            melding = Melding(datum=to_date(self.datum_edit.date()),
                              melder_type=MelderType(self.melder_combo.currentData()),
                              melder_organisatie=self.organisatie_edit.text().strip(),
                              hoe_ontvangen=self.hoe_combo.currentText().strip(),
                              vindplaats=self.vindplaats_edit.text().strip(),
                              vormen=self.vormen() or [Uitbuitingsvorm.ONBEKEND],
                              sector=self.sector_edit.text().strip())
            melding.valideer(self.w.vandaag)
        except DomainError as exc:
            self.error_label.setText(message_for(exc))
            return False
        self.w.melding = melding
        self.w.indicator_page.set_default_date(melding.datum)
        return True


class _IndicatorRow:
    def __init__(self, indicator: Indicator, grid: QGridLayout, row: int, vandaag: date) -> None:
        self.indicator = indicator
        label = _(INDICATOR_LABELS[indicator])
        self.check = QCheckBox(label)
        self.check.setAccessibleName(label)
        self.door = QLineEdit()
        self.door.setPlaceholderText(_("Waargenomen door"))
        self.door.setAccessibleName(_("{indicator}: waargenomen door").format(indicator=label))
        self.datum = date_edit(vandaag, vandaag, _("{indicator}: datum").format(indicator=label))
        self.tekst = QLineEdit()
        self.tekst.setPlaceholderText(_("Toelichting"))
        self.tekst.setAccessibleName(_("{indicator}: toelichting").format(indicator=label))
        for col, widget in enumerate((self.check, self.door, self.datum, self.tekst)):
            grid.addWidget(widget, row, col)
            if col:
                widget.setEnabled(False)
                self.check.toggled.connect(widget.setEnabled)


class IndicatorenPage(QWizardPage):
    def __init__(self, wizard: NieuweMeldingWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Indicatoren"))
        self.setSubTitle(_("Vink aan wat is waargenomen, door wie en wanneer. Indicatoren zijn "
                           "waarnemingen, geen oordeel."))
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(3, 1)
        self.rows: list[_IndicatorRow] = []
        for i, indicator in enumerate(Indicator):
            self.rows.append(_IndicatorRow(indicator, grid, i, wizard.vandaag))
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(_("Foutmelding"))
        layout.addWidget(self.error_label)

    def set_default_date(self, d: date) -> None:
        for r in self.rows:
            if not r.check.isChecked():
                r.datum.setDate(to_qdate(d))

    def row(self, indicator: Indicator) -> _IndicatorRow:
        return next(r for r in self.rows if r.indicator is indicator)

    def validatePage(self) -> bool:
        self.error_label.clear()
        waarnemingen = []
        try:
            for r in self.rows:
                if r.check.isChecked():
                    w = IndicatorWaarneming(indicator=r.indicator, waargenomen_door=r.door.text().strip(),
                                            datum=to_date(r.datum.date()), toelichting=r.tekst.text().strip())
                    w.valideer(self.w.vandaag)
                    waarnemingen.append(w)
        except DomainError as exc:
            self.error_label.setText(message_for(exc))
            return False
        if self.w.melding is not None:
            self.w.melding.indicatoren = waarnemingen
        return True


class SamenvattingPage(QWizardPage):
    def __init__(self, wizard: NieuweMeldingWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Samenvatting"))
        self.setSubTitle(_("Controleer de gegevens en leg de melding vast."))
        layout = QVBoxLayout(self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setAccessibleName(_("Samenvatting van de melding"))
        layout.addWidget(self.summary_label)
        self.warning_label, self.error_label = _message_labels(layout)
        layout.addStretch(1)

    def initializePage(self) -> None:
        p, m = self.w.persoon, self.w.melding
        if p is None or m is None:
            return
        regels = [
            _("Naam: {naam}").format(naam=p.naam or ", ".join(p.aliassen)),
            _("Geboortedatum: {datum}").format(
                datum=format_date(p.geboortedatum) if p.geboortedatum else
                (_("ongeveer {jaar} jaar").format(jaar=p.geschatte_leeftijd)
                 if p.geschatte_leeftijd is not None else _("onbekend"))),
            _("Geslacht: {geslacht}").format(geslacht=_(GESLACHT_LABELS[p.geslacht])),
            _("Gemeente van binding: {gemeente}").format(
                gemeente=gemeente_namen().get(p.gemeente_van_binding, _("onbekend"))),
            _("Melding op {datum} door {melder}").format(
                datum=format_date(m.datum), melder=_(MELDER_LABELS[m.melder_type])),
            _("Vormen: {vormen}").format(vormen=", ".join(_(UITBUITINGSVORM_LABELS[v]) for v in m.vormen)),
            _("Indicatoren: {aantal}").format(aantal=len(m.indicatoren)),
        ]
        self.summary_label.setText("\n".join(regels))
        self.show_similar(self.w.similar)

    def show_similar(self, found: list[DossierRij]) -> None:
        if found:
            self.warning_label.setText(_warning_text(found))
            self.warning_label.show()
        else:
            self.warning_label.hide()

    def validatePage(self) -> bool:
        self.error_label.clear()
        return self.w.create()


class NieuweMeldingWizard(QWizard):
    """Record a new signal; ``dossier`` holds the created case after ``accept``."""

    def __init__(self, service: DossierService, ctx: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.ctx = ctx
        self.tasks: TaskRunner = ctx.tasks if ctx is not None else runner()
        self._searches = 0
        self._busy = 0
        self._creating = False
        self.vandaag = service.vandaag
        self.persoon: Persoon | None = None
        self.melding: Melding | None = None
        self.similar: list[DossierRij] = []
        self.dossier: Dossier | None = None
        self.setWindowTitle(_("Nieuwe melding"))
        self.setAccessibleName(_("Nieuwe melding"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.persoon_page = PersoonPage(self)
        self.melding_page = MeldingPage(self)
        self.indicator_page = IndicatorenPage(self)
        self.samenvatting_page = SamenvattingPage(self)
        for page in (self.persoon_page, self.melding_page, self.indicator_page, self.samenvatting_page):
            self.addPage(page)
        for which, text in ((QWizard.WizardButton.NextButton, _("&Volgende >")),
                            (QWizard.WizardButton.BackButton, _("< V&orige")),
                            (QWizard.WizardButton.FinishButton, _("Melding &vastleggen")),
                            (QWizard.WizardButton.CancelButton, _("Annuleren"))):
            self.setButtonText(which, text)
            self.button(which).setAccessibleName(text.replace("&", "").strip("<> "))
        self.resize(820, 620)
        self.restart()  # first page current before show (keyboard and tests)

    def is_busy(self) -> bool:
        """A look-up or the creation is running on the worker."""
        return self._busy > 0

    def _run(self, work: Any, on_done: Any, on_error: Any = None) -> None:
        self._busy += 1
        self.tasks.run(work, on_done=on_done, on_error=on_error,
                       on_finally=self._idle, owner=self)

    def _idle(self) -> None:
        self._busy -= 1
        if self._creating and not self._busy:
            self._creating = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def zoek_vergelijkbaar(self, naam: str, geboortedatum: date | None) -> None:
        """Look for similar people on the worker; the newest question wins."""
        self._searches += 1
        search = self._searches
        if not (naam and geboortedatum):
            self._gevonden(search, [])
            return
        service = self.service
        self._run(lambda: service.vergelijkbaar(naam, geboortedatum),
                  lambda found: self._gevonden(search, found),
                  lambda _exc: self._gevonden(search, []))

    def _gevonden(self, search: int, found: list[DossierRij]) -> None:
        if search != self._searches:
            return
        self.similar = found
        self.persoon_page.show_similar(found)
        if self.currentPage() is self.samenvatting_page:
            self.samenvatting_page.show_similar(found)

    def create(self) -> bool:  # type: ignore[override]  # a wizard step, not QWidget.create
        """Finish: create the dossier on the worker, then close (``done`` asks again)."""
        if self.dossier is not None:
            return True
        if self.persoon is None or self.melding is None or self._creating:
            return False
        service, persoon, melding = self.service, self.persoon, self.melding
        self._creating = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

        def created(dossier: Dossier) -> None:
            self.dossier = dossier
            self.accept()

        def refused(exc: BaseException) -> None:
            self.samenvatting_page.error_label.setText(message_for(exc))

        self._run(lambda: service.nieuwe_melding(persoon, melding), created, refused)
        return False
