"""The Overzicht area (dashboard): overdue deadlines, what falls due in the next 14
days, open cases per stage as a bar chart, and new signals this week.

The figures come from ``DossierService.overzicht()`` on the task runner (index rows
only), and so do the texts of the deadline rows (Babel's dates cost more than the
tables): the GUI thread only resets two small models. Activating a row emits
``open_dossier(uuid)`` (``Page.request_dossier``); the main window shows it on the
Dossiers page.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.codes import FASE_LABELS, Fase
from zorgapp.domain.deadlines import Deadline
from zorgapp.i18n import N_, _, format_date, format_moment, format_number, ngettext
from zorgapp.services.bewaren_service import BewaarService
from zorgapp.services.dossier_service import DossierService, Overzicht
from zorgapp.ui.context import UiContext
from zorgapp.ui.models.dossier_table_model import initialen
from zorgapp.ui.models.labels import deadline_tekst
from zorgapp.ui.pages.base import Page
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.bar_chart import BarChartWidget
from zorgapp.ui.widgets.timeline import FASE_KLEUR

if TYPE_CHECKING:
    from zorgapp.store.dossiers import DossierRij
    from zorgapp.store.vault import Vault

log = logging.getLogger(__name__)

#: Rows shown per table; the group title gives the full count.
MAX_ROWS = 500
OVERDUE_STYLE = "color: #b00020;"
_HEADERS = (N_("Dossiernummer"), N_("Naam"), N_("Wat"), N_("Datum"))
_ROOT = QModelIndex()


@dataclass(frozen=True)
class DeadlineRegel:
    """One row of a deadline table as shown, its texts made on the worker."""

    dossiernummer: str
    naam: str
    initialen: str
    wat: str
    datum: str
    uuid: str


@dataclass(frozen=True)
class Dashboard:
    """What the worker hands the page: the figures and the rows of both tables."""

    overzicht: Overzicht
    achterstallig: list[DeadlineRegel]
    binnenkort: list[DeadlineRegel]


def regels(items: Sequence[tuple[Deadline, DossierRij]]) -> list[DeadlineRegel]:
    """The rows of a table, in the active language (runs on the worker)."""
    return [DeadlineRegel(rij.dossiernummer, rij.naam, initialen(rij.naam),
                          deadline_tekst(deadline), format_date(deadline.datum), rij.uuid)
            for deadline, rij in items[:MAX_ROWS]]


def dashboard(service: DossierService) -> Dashboard:
    """The task the page runs: figures and texts, all off the GUI thread."""
    o = service.overzicht()
    return Dashboard(o, regels(o.achterstallig), regels(o.binnenkort))


class DeadlineTableModel(QAbstractTableModel):
    """Rows of texts ready to show; the dossier's uuid under ``UserRole``."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DeadlineRegel] = []
        self._privacy = False

    def set_rows(self, rows: list[DeadlineRegel], privacy: bool) -> None:
        self.beginResetModel()
        self._rows, self._privacy = rows, privacy
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            naam = r.initialen if self._privacy else r.naam
            return (r.dossiernummer, naam, r.wat, r.datum)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r.uuid
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(_HEADERS)):
            return _(_HEADERS[section])
        return None


class _DeadlineTable(QTableView):
    def __init__(self) -> None:
        super().__init__()
        self.rows = DeadlineTableModel()
        self.setModel(self.rows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 120)
        self.setColumnWidth(1, 170)
        self.setColumnWidth(3, 100)

    def set_headers(self) -> None:
        self.rows.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)

    def fill(self, rows: list[DeadlineRegel], privacy: bool) -> None:
        self.rows.set_rows(rows, privacy)

    def rowCount(self) -> int:
        return self.rows.rowCount()


class OverzichtPage(Page):
    name = "overzicht"
    title_msgid = N_("Overzicht")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service: DossierService | None = None
        self.bewaar_service: BewaarService | None = None
        self.overzicht: Overzicht | None = None
        self._regels: tuple[list[DeadlineRegel], list[DeadlineRegel]] = ([], [])
        self._loading = False
        self._again = False
        self._generation = 0

        outer, top = self.header()
        self.status_label = QLabel()
        top.addWidget(self.status_label)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        ctx.data_changed.connect(self._data_changed)

        self.new_label = QLabel()
        font = self.new_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.new_label.setFont(font)
        outer.addWidget(self.new_label)

        body = QHBoxLayout()
        lists = QVBoxLayout()
        self.overdue_box = QGroupBox()
        box_layout = QVBoxLayout(self.overdue_box)
        self.overdue_table = _DeadlineTable()
        box_layout.addWidget(self.overdue_table)
        lists.addWidget(self.overdue_box, 1)
        self.soon_box = QGroupBox()
        box_layout = QVBoxLayout(self.soon_box)
        self.soon_table = _DeadlineTable()
        box_layout.addWidget(self.soon_table)
        lists.addWidget(self.soon_box, 1)
        body.addLayout(lists, 3)

        self.chart_box = QGroupBox()
        chart_layout = QVBoxLayout(self.chart_box)
        self.chart = BarChartWidget()
        chart_layout.addWidget(self.chart)
        self.closed_label = QLabel()
        self.closed_label.setWordWrap(True)
        chart_layout.addWidget(self.closed_label)
        self.bewaren_label = QLabel()  # cases past their retention term (issue 14)
        self.bewaren_label.setWordWrap(True)
        chart_layout.addWidget(self.bewaren_label)
        self.verstreken: int | None = None
        chart_layout.addStretch(1)
        body.addWidget(self.chart_box, 2)
        outer.addLayout(body, 1)

        self._last_open: tuple[str, float] = ("", 0.0)
        for table in (self.overdue_table, self.soon_table):
            table.activated.connect(self._activated)
            table.doubleClicked.connect(self._activated)
        ctx.setting_changed.connect(self._setting_changed)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh_button.setText(_("&Vernieuwen"))
        self.refresh_button.setAccessibleName(_("Overzicht vernieuwen"))
        self.refresh_button.setToolTip(_("Overzicht opnieuw berekenen (F5)"))
        self.refresh_button.setShortcut("F5")
        self.overdue_table.set_headers()
        self.soon_table.set_headers()
        self.overdue_table.setAccessibleName(_("Verlopen deadlines"))
        self.soon_table.setAccessibleName(_("Deadlines in de komende 14 dagen"))
        self.chart.setAccessibleName(_("Open dossiers per fase"))
        self.chart_box.setTitle(_("Open dossiers per fase"))
        self.status_label.setAccessibleDescription(_("Status van het overzicht"))  # text is the name
        self.new_label.setAccessibleDescription(_("Nieuwe meldingen deze week"))
        self._show()
        if self.overzicht is not None:
            self.refresh()  # the rows' texts are made on the worker, in the new language

    # -- vault -----------------------------------------------------------------------

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self.service = DossierService(vault)
        self.bewaar_service = BewaarService(vault)
        self.refresh()

    def clear(self) -> None:
        self._generation += 1
        self.service = None
        self.overzicht = None
        self._regels = ([], [])
        self.verstreken = None
        self.chart.set_data([])
        self._show()
        super().clear()

    def activated(self) -> None:
        self.refresh()

    def _data_changed(self, _source: str) -> None:
        """Data changed anywhere: recompute now if shown (else when next opened)."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Recompute off the GUI thread; a second request while busy runs once after."""
        if self.service is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._again = False
        self._generation += 1
        generation = self._generation
        service = self.service
        self.status_label.setText(_("Bezig met berekenen…"))
        self.refresh_button.setEnabled(False)
        self.ctx.tasks.run(lambda: dashboard(service),
                           on_done=lambda result: self._loaded(generation, result),
                           on_error=self._failed, on_finally=self._finished, owner=self)
        if self.bewaar_service is not None:
            self.ctx.tasks.run(self.bewaar_service.aantal_verstreken, owner=self,
                               on_done=lambda n: self._verstreken(generation, n))

    def _verstreken(self, generation: int, aantal: int) -> None:
        if generation == self._generation:
            self.verstreken = aantal
            if self.overzicht is not None:
                self._show_bewaren()  # only its label: the tables stay as they are

    def _loaded(self, generation: int, result: Dashboard) -> None:
        if generation != self._generation:
            return
        self.overzicht = result.overzicht
        self._regels = (result.achterstallig, result.binnenkort)
        self.status_label.setText(_("Bijgewerkt om {tijd}").format(
            tijd=format_moment(datetime.now())))
        self._show()

    def _failed(self, exc: BaseException) -> None:
        self.status_label.setText(message_for(exc))

    def _finished(self) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        if self._again:
            self.refresh()

    def is_loading(self) -> bool:
        return self._loading

    # -- showing ---------------------------------------------------------------------

    def _show(self) -> None:
        o = self.overzicht
        privacy = self.ctx.privacy_initials()
        # Titles count dossiers (all of them); the tables list the earliest deadlines.
        n_overdue = o.dossiers_achterstallig if o else 0
        n_soon = o.dossiers_binnenkort if o else 0
        self.overdue_box.setTitle(ngettext(
            "Verlopen ({aantal} dossier)", "Verlopen ({aantal} dossiers)", n_overdue
        ).format(aantal=format_number(n_overdue)))
        self.soon_box.setTitle(ngettext(
            "Binnenkort: de komende 14 dagen ({aantal} dossier)",
            "Binnenkort: de komende 14 dagen ({aantal} dossiers)", n_soon,
        ).format(aantal=format_number(n_soon)))
        _set_style(self.overdue_box, "QGroupBox { " + OVERDUE_STYLE + " }" if n_overdue else "")
        self.overdue_table.fill(self._regels[0], privacy)
        self.soon_table.fill(self._regels[1], privacy)
        if o is None:
            self.new_label.setText("")
            self.chart.set_data([])
            self.closed_label.clear()
            return
        self.new_label.setText(_("Nieuwe meldingen deze week: {aantal}").format(
            aantal=format_number(o.nieuw_deze_week)))
        self.chart.set_data([(_(FASE_LABELS[f]), o.per_fase.get(f.value, 0), FASE_KLEUR[f])
                             for f in Fase if f is not Fase.AFGESLOTEN])
        # Bedenktijd is a legal status beside the care path: counted from the track.
        self.closed_label.setText("\n".join((
            _("In bedenktijd (verblijf, in elke fase): {aantal}").format(
                aantal=format_number(o.in_bedenktijd)),
            _("Afgesloten: {aantal}").format(
                aantal=format_number(o.per_fase.get(Fase.AFGESLOTEN.value, 0))))))
        self.closed_label.setAccessibleName(self.closed_label.text())
        self._show_bewaren()

    def _show_bewaren(self) -> None:
        n = self.verstreken or 0
        self.bewaren_label.setText(ngettext(
            "Bewaartermijn verstreken: {aantal} dossier (Beheer > Bewaren)",
            "Bewaartermijn verstreken: {aantal} dossiers (Beheer > Bewaren)", n,
        ).format(aantal=format_number(n)) if n else "")
        _set_style(self.bewaren_label, OVERDUE_STYLE if n else "")

    def _setting_changed(self, key: str) -> None:
        if key == "privacy_initials":
            self._show()

    # -- opening ---------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        uuid = index.data(Qt.ItemDataRole.UserRole)
        if not uuid:
            return
        # activated and doubleClicked may both fire for one double-click
        import time

        now = time.monotonic()
        if self._last_open[0] == uuid and now - self._last_open[1] < 0.5:
            return
        self._last_open = (uuid, now)
        self.request_dossier(uuid)


def _set_style(widget: QWidget, sheet: str) -> None:
    """A style sheet set again repolishes the widget and all it holds: only on change."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
