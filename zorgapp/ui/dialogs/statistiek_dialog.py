"""Choose the year and where the anonymised statistics go (JSON, CSV or both).

Nothing is written here: the page runs the export on the task runner once the user
has said where. The files hold counts only, small ones suppressed
(``docs/stats-format.md``); the dialog says so, because people ask before sending.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _


class StatistiekDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, jaar: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Anonieme statistiek exporteren"))
        uitleg = QLabel(_("Alleen aantallen per jaar, zonder namen of data. Aantallen van 1 "
                          "tot en met 4 staan er als \"<5\" in, en waar nodig is nog een "
                          "getal verborgen (\"x\"), zodat niemand herkenbaar is."))
        uitleg.setWordWrap(True)
        self.jaar = QSpinBox()
        self.jaar.setObjectName("statistiek_jaar")
        self.jaar.setRange(2000, 2100)
        self.jaar.setValue(jaar or date.today().year - 1)
        self.json_pad = QLineEdit()
        self.json_pad.setObjectName("statistiek_json")
        self.csv_pad = QLineEdit()
        self.csv_pad.setObjectName("statistiek_csv")
        form = QFormLayout()
        form.addRow(_("Jaar"), self.jaar)
        form.addRow(_("JSON-bestand"), self._met_knop(self.json_pad, "JSON (*.json)"))
        form.addRow(_("CSV-bestand"), self._met_knop(self.csv_pad, "CSV (*.csv)"))
        self.jaar.setAccessibleName(_("Jaar"))
        self.json_pad.setAccessibleName(_("JSON-bestand"))
        self.csv_pad.setAccessibleName(_("CSV-bestand"))
        self.knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.knoppen.button(QDialogButtonBox.StandardButton.Ok).setText(_("Exporteren"))
        self.knoppen.accepted.connect(self.accept)
        self.knoppen.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(uitleg)
        layout.addLayout(form)
        layout.addWidget(self.knoppen)
        self.json_pad.textChanged.connect(self._knop_bijwerken)
        self.csv_pad.textChanged.connect(self._knop_bijwerken)
        self._knop_bijwerken()

    def _met_knop(self, veld: QLineEdit, filter_: str) -> QWidget:
        rij = QWidget()
        layout = QHBoxLayout(rij)
        layout.setContentsMargins(0, 0, 0, 0)
        knop = QPushButton(_("Bladeren…"))
        knop.clicked.connect(lambda: self._kies(veld, filter_))
        layout.addWidget(veld, 1)
        layout.addWidget(knop)
        return rij

    def _kies(self, veld: QLineEdit, filter_: str) -> None:
        extensie = filter_.split("*")[1].rstrip(")")
        voorstel = veld.text() or f"statistiek-{self.jaar.value()}{extensie}"
        naam, _filter = QFileDialog.getSaveFileName(self, _("Opslaan als"), voorstel, filter_)
        if naam:
            veld.setText(naam)

    def _knop_bijwerken(self) -> None:
        self.knoppen.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.json_pad.text().strip() or self.csv_pad.text().strip()))

    def keuze(self) -> tuple[int, Path | None, Path | None]:
        """(year, JSON file or None, CSV file or None) as the user chose them."""
        json_tekst, csv_tekst = self.json_pad.text().strip(), self.csv_pad.text().strip()
        return (self.jaar.value(), Path(json_tekst) if json_tekst else None,
                Path(csv_tekst) if csv_tekst else None)
