"""Beheer, Bewaren: closed cases with their retention end, legal holds, the terms per
closure reason (a vault setting), and "Vernietigen…" (services/bewaren_service.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.bewaren import MAX_TERMIJN_JAREN
from zorgapp.domain.codes import SLUITREDEN_LABELS
from zorgapp.i18n import _
from zorgapp.services.bewaren_service import BewaarRegel, BewaarService
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.vernietig_dialog import VernietigDialog
from zorgapp.ui.models.bewaar_model import ROW_ROLE, SORT_ROLE, BewaarColumn, BewaarTableModel
from zorgapp.ui.pages.beheer.common import BeheerSection, set_status, status_label
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class BewarenSection(BeheerSection):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service: BewaarService | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        self.alleen_verstreken = QCheckBox()
        self.alleen_verstreken.setChecked(True)
        self.alleen_verstreken.toggled.connect(self.load)
        row.addWidget(self.alleen_verstreken, 1)
        self.hold_button, self.release_button, self.destroy_button = QPushButton(), QPushButton(), QPushButton()
        self.hold_button.clicked.connect(self.hold)
        self.release_button.clicked.connect(self.release)
        self.destroy_button.clicked.connect(self.vernietig)
        for b in (self.hold_button, self.release_button, self.destroy_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.status = status_label()
        layout.addWidget(self.status)
        self.model = BewaarTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(BewaarColumn.BEWAREN_TOT, Qt.SortOrder.AscendingOrder)  # due first
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())
        layout.addWidget(self.view, 1)
        self.termijnen_box = QGroupBox()
        grid = QGridLayout(self.termijnen_box)  # three per row: the list keeps the height
        self.termijn_spins: dict[str, QSpinBox] = {}
        self.termijn_labels: dict[str, QLabel] = {}
        for i, reden in enumerate(SLUITREDEN_LABELS):
            spin = QSpinBox()
            spin.setRange(1, MAX_TERMIJN_JAREN)
            spin.setMaximumWidth(110)
            label = QLabel()
            label.setBuddy(spin)
            self.termijn_spins[reden.value], self.termijn_labels[reden.value] = spin, label
            grid.addWidget(label, i // 3, (i % 3) * 2)
            grid.addWidget(spin, i // 3, (i % 3) * 2 + 1)
        self.save_terms = QPushButton()
        self.save_terms.clicked.connect(self.save_termijnen)
        grid.addWidget(self.save_terms, (len(SLUITREDEN_LABELS) + 2) // 3, 4, 1, 2)
        layout.addWidget(self.termijnen_box)
        self.update_buttons()

    def retranslate(self) -> None:
        self.intro.setText(_("Een afgesloten dossier wordt bewaard tot de termijn voor de reden van "
                             "afsluiten verstreken is (standaard 15 jaar, Wmo 2015 art. 5.3.4). Een "
                             "bewaarplicht zet de klok stil. Daarna moet het dossier vernietigd worden."))
        self.alleen_verstreken.setText(_("Alleen dossiers waarvan de termijn verstreken is"))
        self.hold_button.setText(_("Bewaarplicht…"))
        self.release_button.setText(_("Bewaarplicht opheffen"))
        self.destroy_button.setText(_("Vernietigen…"))
        self.termijnen_box.setTitle(_("Bewaartermijn per reden van afsluiten (in de kluis)"))
        for reden, label in SLUITREDEN_LABELS.items():
            self.termijn_labels[reden.value].setText(_(label))
            self.termijn_spins[reden.value].setSuffix(_(" jaar"))
            self.termijn_spins[reden.value].setAccessibleName(_(label))
        self.save_terms.setText(_("Termijnen opslaan"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def set_vault(self, vault: Vault) -> None:
        self.service = BewaarService(vault)
        super().set_vault(vault)
        self.load()

    def clear(self) -> None:
        self.service = None
        self.model.set_rows([])
        self.status.clear()
        super().clear()

    def activated(self) -> None:
        self.load()

    def load(self) -> None:
        service, alleen = self.service, self.alleen_verstreken.isChecked()
        if service is None:
            return
        self.ctx.tasks.run(lambda: (service.lijst(alleen), service.termijnen()), owner=self,
                           on_done=self._loaded,
                           on_error=lambda exc: set_status(self.status, message_for(exc), False))

    def _loaded(self, result: tuple[list[BewaarRegel], dict[str, int]]) -> None:
        regels, termijnen = result
        self.model.set_rows(regels)
        for reden, jaren in termijnen.items():
            if reden in self.termijn_spins:
                self.termijn_spins[reden].setValue(jaren)
        self.update_buttons()

    def selected(self) -> BewaarRegel | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return rows[0].data(ROW_ROLE) if rows else None

    def update_buttons(self) -> None:
        regel = self.selected() if self.service is not None else None
        self.hold_button.setEnabled(regel is not None and not regel.bewaarplicht)
        self.release_button.setEnabled(regel is not None and regel.bewaarplicht)
        self.destroy_button.setEnabled(regel is not None and not regel.bewaarplicht)
        self.save_terms.setEnabled(self.service is not None)

    def _after(self, text: str) -> None:
        set_status(self.status, text, True)
        self.load()

    def hold(self) -> None:
        regel, service = self.selected(), self.service
        if regel is None or service is None:
            return
        reden, ok = QInputDialog.getText(self, _("Bewaarplicht"), _("Reden van de bewaarplicht:"))
        if ok and reden.strip():
            self.ctx.tasks.run(lambda: service.zet_bewaarplicht(regel.dossiernummer, reden), owner=self,
                               on_done=lambda _r: self._after(_("Bewaarplicht gezet.")),
                               on_error=lambda exc: set_status(self.status, message_for(exc), False))

    def release(self) -> None:
        regel, service = self.selected(), self.service
        if regel is None or service is None:
            return
        self.ctx.tasks.run(lambda: service.hef_bewaarplicht_op(regel.dossiernummer), owner=self,
                           on_done=lambda _r: self._after(_("Bewaarplicht opgeheven.")),
                           on_error=lambda exc: set_status(self.status, message_for(exc), False))

    def vernietig(self) -> None:
        regel, service = self.selected(), self.service
        if regel is None or service is None:
            return
        dialog = VernietigDialog(service, regel, self.ctx.tasks, self)
        dialog.accepted.connect(lambda: self._after(_("Dossier vernietigd.")))
        dialog.open()

    def save_termijnen(self) -> None:
        service = self.service
        if service is None:
            return
        termijnen = {reden: spin.value() for reden, spin in self.termijn_spins.items()}
        self.ctx.tasks.run(lambda: service.termijnen_opslaan(termijnen), owner=self,
                           on_done=lambda _r: self._after(_("Termijnen opgeslagen.")),
                           on_error=lambda exc: set_status(self.status, message_for(exc), False))
