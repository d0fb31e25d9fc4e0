"""Dialogs of the client's privacy rights on one case: who opened it (the audit lines
about it), and the reason for a correction or a restriction."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _
from zorgapp.services.logboek_service import LogRegel
from zorgapp.ui.models.logregel_model import LogRegelTableModel


def log_view(model: LogRegelTableModel, name: str) -> QTableView:
    """A read-only table of audit lines (also Beheer's)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAccessibleName(name)
    return view


class IngezienDialog(QDialog):
    """"Wie heeft dit dossier ingezien": every audit line about the case, newest first."""

    def __init__(self, nummer: str, regels: list[LogRegel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        titel = _("Wie heeft dossier {nummer} ingezien").format(nummer=nummer)
        self.setWindowTitle(titel)
        self.setAccessibleName(titel)
        self.resize(820, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Wie het dossier opende, wijzigde, afdrukte of meegaf, en wanneer "
                         "({aantal} regels uit het logboek).").format(aantal=len(regels)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = LogRegelTableModel(self)
        self.model.set_regels(regels)
        self.view = log_view(self.model, titel)
        layout.addWidget(self.view, 1)
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        knoppen.rejected.connect(self.reject)
        layout.addWidget(knoppen)


class RedenDialog(QDialog):
    """The reason (and for a correction, the corrected fields) of a privacy event."""

    def __init__(self, titel: str, uitleg: str, velden: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titel)
        self.setAccessibleName(titel)
        layout = QVBoxLayout(self)
        tekst = QLabel(uitleg)
        tekst.setWordWrap(True)
        layout.addWidget(tekst)
        form = QFormLayout()
        self.reden = QLineEdit()
        self.reden.setAccessibleName(_("Reden of verzoek"))
        form.addRow(_("Reden of verzoek:"), self.reden)
        self.velden = QLineEdit()
        self.velden.setAccessibleName(_("Gecorrigeerde gegevens"))
        self.velden.setPlaceholderText(_("bijvoorbeeld: naam, geboortedatum"))
        if velden:
            form.addRow(_("Gecorrigeerde gegevens:"), self.velden)
        layout.addLayout(form)
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        knoppen.accepted.connect(self.accept)
        knoppen.rejected.connect(self.reject)
        layout.addWidget(knoppen)

    def veldnamen(self) -> list[str]:
        return [v.strip() for v in self.velden.text().split(",") if v.strip()]
