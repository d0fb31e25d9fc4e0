"""Beheer, Logboek: the filter row (period, dossier, user, action) and the FG exports.

The filter is turned into a ``services.logboek_service.AuditFilter`` by the section;
this widget only holds the fields, so the section stays short.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from zorgapp.domain.logboek import HANDELINGEN
from zorgapp.i18n import _
from zorgapp.ui.widgets.forms import OptionalDate, button


class AuditFilterBar(QWidget):
    """Fields of the filter and the buttons Filteren / CSV… / PDF…."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        today = date.today()
        self.van = OptionalDate(_("Vanaf"), today.replace(day=1), today)
        self.tot = OptionalDate(_("Tot en met"), today, today)
        self.dossier = QLineEdit()
        self.dossier.setPlaceholderText("HM-2026-0001")
        self.gebruiker = QComboBox()
        self.gebruiker.setEditable(True)
        self.handeling = QComboBox()
        self.dossier_label, self.gebruiker_label, self.handeling_label = QLabel(), QLabel(), QLabel()
        self.filter_button = button(_("Filteren"))
        self.csv_button = button(_("Bewaren als CSV…"))
        self.pdf_button = button(_("Bewaren als PDF…"))
        grid.addWidget(self.van, 0, 0, 1, 2)
        grid.addWidget(self.tot, 0, 2, 1, 2)
        grid.addWidget(self.dossier_label, 1, 0)
        grid.addWidget(self.dossier, 1, 1)
        grid.addWidget(self.gebruiker_label, 1, 2)
        grid.addWidget(self.gebruiker, 1, 3)
        grid.addWidget(self.handeling_label, 1, 4)
        grid.addWidget(self.handeling, 1, 5)
        grid.addWidget(self.filter_button, 0, 4)
        grid.addWidget(self.csv_button, 0, 5)
        grid.addWidget(self.pdf_button, 0, 6)

    def retranslate(self) -> None:
        self.dossier_label.setText(_("Dossier:"))
        self.dossier.setAccessibleName(_("Filter op dossiernummer"))
        self.gebruiker_label.setText(_("Gebruiker:"))
        self.gebruiker.setAccessibleName(_("Filter op gebruiker"))
        self.handeling_label.setText(_("Handeling:"))
        self.handeling.setAccessibleName(_("Filter op handeling"))
        keuze = self.handeling.currentData()
        self.handeling.clear()
        self.handeling.addItem(_("alle"), "")
        for code, msgid in HANDELINGEN.items():
            self.handeling.addItem(_(msgid), code)
        self.handeling.setCurrentIndex(max(0, self.handeling.findData(keuze or "")))
        self.filter_button.setText(_("Filteren"))
        self.csv_button.setText(_("Bewaren als CSV…"))
        self.csv_button.setToolTip(_("Het gefilterde logboek als CSV bewaren voor de "
                                     "privacyfunctionaris"))
        self.pdf_button.setText(_("Bewaren als PDF…"))
        self.pdf_button.setToolTip(_("Het gefilterde logboek als PDF bewaren, met de uitkomst "
                                     "van de controle van de hash-keten"))

    def set_gebruikers(self, namen: list[str]) -> None:
        huidig = self.gebruiker.currentText()
        self.gebruiker.clear()
        self.gebruiker.addItem("")
        self.gebruiker.addItems(namen)
        self.gebruiker.setCurrentText(huidig)

    def waarden(self) -> tuple[date | None, date | None, str, str, str]:
        """(van, tot, dossiernummer, gebruiker, handeling); empty strings do not filter."""
        return (self.van.value(), self.tot.value(), self.dossier.text().strip().upper(),
                self.gebruiker.currentText().strip(), str(self.handeling.currentData() or ""))
