"""The client's details as a form: used by the intake wizard and the Persoon tab.

``persoon()`` builds a ``Persoon`` and lets the domain refuse what is wrong (BSN
eleven test, ISO country codes, municipality code); the BSN is also checked while the
user types, so a wrong number shows before saving.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from zorgapp.domain.codes import GESLACHT_LABELS, Geslacht
from zorgapp.domain.persoon import Persoon, bsn_geldig
from zorgapp.i18n import _
from zorgapp.services.dossier_service import gemeente_namen
from zorgapp.ui.widgets.code_list import country_list, language_list
from zorgapp.ui.widgets.forms import OptionalDate

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"


def _lijst(text: str) -> list[str]:
    return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]


class PersoonForm(QWidget):
    """Fields of a ``Persoon``; ``changed`` fires on edits of name or birth date."""

    identity_changed = Signal()

    def __init__(self, vandaag: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vandaag = vandaag or date.today()
        self._uuid: str | None = None
        self.form = QFormLayout(self)
        self._build_identity()
        self._build_languages()
        self._build_contact()
        self._connect_signals()

    def _row(self, label: str, widget: QWidget, name: str) -> None:
        """One form row; the accessible name says what the field is without its label."""
        widget.setAccessibleName(name)
        self.form.addRow(label, widget)

    def _build_identity(self) -> None:
        """Name, aliases, birth date or estimated age, sex and nationalities."""
        row = self._row
        self.naam_edit = QLineEdit()
        self.naam_edit.setPlaceholderText(_("Naam zoals bekend"))
        row(_("&Naam:"), self.naam_edit, _("Naam"))
        self.aliassen_edit = QLineEdit()
        self.aliassen_edit.setPlaceholderText(_("Gescheiden door komma's"))
        row(_("&Alias(sen):"), self.aliassen_edit, _("Aliassen"))
        self.geboortedatum = OptionalDate(_("Bekend"), date(self._vandaag.year - 25, 1, 1),
                                          self._vandaag)
        row(_("&Geboortedatum:"), self.geboortedatum, _("Geboortedatum"))
        self.geboortedatum.check.setAccessibleName(_("Geboortedatum bekend"))
        self.geboortedatum.edit.setAccessibleName(_("Geboortedatum"))
        self.leeftijd_spin = QSpinBox()
        self.leeftijd_spin.setRange(-1, 120)
        self.leeftijd_spin.setSpecialValueText(_("onbekend"))
        self.leeftijd_spin.setValue(-1)
        row(_("Geschatte &leeftijd:"), self.leeftijd_spin, _("Geschatte leeftijd"))
        self.geslacht_combo = QComboBox()
        for g in Geslacht:
            self.geslacht_combo.addItem(_(GESLACHT_LABELS[g]), g.value)
        self.geslacht_combo.setCurrentIndex(self.geslacht_combo.findData(Geslacht.ONBEKEND.value))
        row(_("G&eslacht:"), self.geslacht_combo, _("Geslacht"))
        self.nationaliteit_edit = country_list(_("Nationaliteit zoeken"))
        self.nationaliteit_edit.combo.lineEdit().setPlaceholderText(_("Typ om te zoeken, bijv. Roemenië"))
        row(_("Nationaliteit(en):"), self.nationaliteit_edit, _("Nationaliteiten"))

    def _build_languages(self) -> None:
        """Languages and whether an interpreter is needed, on one row."""
        taal = QWidget()
        taal_row = QHBoxLayout(taal)
        taal_row.setContentsMargins(0, 0, 0, 0)
        self.talen_edit = language_list(_("Taal zoeken"))
        self.talen_edit.combo.lineEdit().setPlaceholderText(_("Typ om te zoeken, bijv. Roemeens"))
        self.talen_edit.setAccessibleName(_("Talen"))
        self.tolk_check = QCheckBox(_("Tolk nodig"))
        self.tolk_check.setAccessibleName(_("Tolk nodig"))
        taal_row.addWidget(self.talen_edit, 1)
        taal_row.addWidget(self.tolk_check)
        self._row(_("&Talen:"), taal, _("Talen en tolk"))

    def _build_contact(self) -> None:
        """BSN (checked while typing), V-number, contact, residence and municipality."""
        row = self._row
        bsn = QWidget()
        bsn_row = QHBoxLayout(bsn)
        bsn_row.setContentsMargins(0, 0, 0, 0)
        self.bsn_edit = QLineEdit()
        self.bsn_edit.setMaxLength(11)
        self.bsn_edit.setAccessibleName(_("BSN"))
        self.bsn_status = QLabel()
        self.bsn_status.setAccessibleName(_("Controle BSN"))
        bsn_row.addWidget(self.bsn_edit, 1)
        bsn_row.addWidget(self.bsn_status)
        row(_("&BSN:"), bsn, _("BSN met controle"))
        self.vnummer_edit = QLineEdit()
        row(_("&V-nummer:"), self.vnummer_edit, _("V-nummer"))
        self.contact_edit = QLineEdit()
        row(_("&Contact:"), self.contact_edit, _("Contact"))
        self.verblijf_edit = QLineEdit()
        row(_("Huidige &verblijfplaats:"), self.verblijf_edit, _("Huidige verblijfplaats"))
        self.gemeente_combo = QComboBox()
        self.gemeente_combo.addItem(_("(onbekend)"), "")
        for code, naam in gemeente_namen().items():
            self.gemeente_combo.addItem(naam, code)
        row(_("Gemeente van &binding:"), self.gemeente_combo, _("Gemeente van binding"))

    def _connect_signals(self) -> None:
        """BSN check while typing; identity edits tell listeners (duplicate search)."""
        self.bsn_edit.textChanged.connect(self._check_bsn)
        self.naam_edit.textChanged.connect(self.identity_changed)
        self.aliassen_edit.textChanged.connect(self.identity_changed)
        self.geboortedatum.check.toggled.connect(self.identity_changed)
        self.geboortedatum.edit.dateChanged.connect(self.identity_changed)

    def _check_bsn(self) -> None:
        text = self.bsn_edit.text().strip()
        if not text:
            self.bsn_status.clear()
        elif bsn_geldig(text):
            self.bsn_status.setStyleSheet(OK_STYLE)
            self.bsn_status.setText(_("BSN klopt"))
        else:
            self.bsn_status.setStyleSheet(ERROR_STYLE)
            self.bsn_status.setText(_("BSN klopt niet (elfproef)"))

    def naam(self) -> str:
        return self.naam_edit.text().strip() or (_lijst(self.aliassen_edit.text()) or [""])[0]

    def persoon(self) -> Persoon:
        """A new ``Persoon`` from the fields; raises ``DomainError`` for wrong input."""
        leeftijd = self.leeftijd_spin.value()
        geboortedatum = self.geboortedatum.value()
        persoon = Persoon(
            naam=self.naam_edit.text().strip(),
            aliassen=_lijst(self.aliassen_edit.text()),
            geboortedatum=geboortedatum,
            geschatte_leeftijd=None if leeftijd < 0 or geboortedatum else leeftijd,
            leeftijd_geschat_op=None if leeftijd < 0 or geboortedatum else self._vandaag,
            geslacht=Geslacht(self.geslacht_combo.currentData()),
            nationaliteiten=self.nationaliteit_edit.codes(),
            talen=self.talen_edit.codes(),
            tolk_nodig=self.tolk_check.isChecked(),
            bsn=self.bsn_edit.text().strip(),
            v_nummer=self.vnummer_edit.text().strip(),
            contact=self.contact_edit.text().strip(),
            verblijfplaats=self.verblijf_edit.text().strip(),
            gemeente_van_binding=self.gemeente_combo.currentData() or "",
        )
        if self._uuid:
            persoon.uuid = self._uuid
        return persoon

    def set_persoon(self, p: Persoon, vandaag: date | None = None) -> None:
        if vandaag is not None:
            self._vandaag = vandaag
        self._uuid = p.uuid
        self.naam_edit.setText(p.naam)
        self.aliassen_edit.setText(", ".join(p.aliassen))
        self.geboortedatum.set_value(p.geboortedatum)
        leeftijd = p.leeftijd_op(self._vandaag) if p.geboortedatum is None else None
        self.leeftijd_spin.setValue(-1 if leeftijd is None else leeftijd)
        self.geslacht_combo.setCurrentIndex(max(0, self.geslacht_combo.findData(p.geslacht.value)))
        self.nationaliteit_edit.set_codes(p.nationaliteiten)
        self.talen_edit.set_codes(p.talen)
        self.tolk_check.setChecked(p.tolk_nodig)
        self.bsn_edit.setText(p.bsn)
        self.vnummer_edit.setText(p.v_nummer)
        self.contact_edit.setText(p.contact)
        self.verblijf_edit.setText(p.verblijfplaats)
        self.gemeente_combo.setCurrentIndex(max(0, self.gemeente_combo.findData(p.gemeente_van_binding)))

    def clear(self) -> None:
        self.set_persoon(Persoon())
        self._uuid = None
