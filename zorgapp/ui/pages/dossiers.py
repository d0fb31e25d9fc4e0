"""The Dossiers area: search and filter the list, open a dossier, record a new signal.

Typing searches at once (debounced 150 ms). The query runs on the task runner, so the
window never waits for it; while one runs, keystrokes only mark the list stale and
the newest text is queried when it returns (no queue of outdated searches). Rows
for the visible page and an opened dossier are read on the worker too.

Keyboard: Ctrl+F search, Ctrl+N new signal, Enter opens, Esc / Alt+Left back, Ctrl+S saves.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zorgapp import i18n
from zorgapp.domain.codes import FASE_LABELS, MELDER_LABELS, UITBUITINGSVORM_LABELS, Fase, MelderType, Uitbuitingsvorm
from zorgapp.i18n import N_, _, format_number, ngettext
from zorgapp.services.dossier_service import DossierService, Filter, gemeente_namen
from zorgapp.ui.context import UiContext
from zorgapp.ui.dossier.view import DossierView
from zorgapp.ui.models.dossier_cells import DossierCellen
from zorgapp.ui.models.dossier_table_model import (
    HEADERS,
    PAGE_SIZE,
    PREFETCH_PAGES,
    UUID_ROLE,
    DossierColumn,
    DossierTableModel,
)
from zorgapp.ui.pages.base import Page
from zorgapp.ui.pages.view_language import rebuild_view
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.enter_table import EnterTableView
from zorgapp.ui.widgets.partner_filter import PartnerFilterCombo
from zorgapp.ui.widgets.tables import fit_columns

if TYPE_CHECKING:
    from zorgapp.store.dossiers import DossierRij
    from zorgapp.store.vault import Vault

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
FIRST_YEAR = 2010


class DossiersPage(Page):
    name = "dossiers"
    title_msgid = N_("Dossiers")

    #: emitted after a dossier was created or changed (the dashboard may refresh)
    dossiers_changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service: DossierService | None = None
        self._generation = 0
        self._in_flight = False
        self._stale = False
        self._started = 0.0
        self._opening: str | None = None
        self.last_query_ms: float | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self._build_list()
        self.stack.addWidget(self.list_widget)
        self.view = self._make_view()  # one dossier
        self.stack.addWidget(self.view)

        self._fill_filters()
        self._connect_signals(ctx)
        self._add_shortcuts()
        self.retranslate()

    def _build_list(self) -> None:
        """The list page: search bar, filters, table and a status line."""
        self.list_widget = QWidget()
        layout = QVBoxLayout(self.list_widget)
        layout.setContentsMargins(12, 8, 12, 8)
        self._build_bar(layout)
        self._build_filters(layout)
        self._build_table(layout)
        self.status_label = QLabel()
        layout.addWidget(self.status_label)

    def _build_bar(self, layout: QVBoxLayout) -> None:
        """Search field with the New and Hand-over buttons."""
        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        bar.addWidget(self.search_edit, 3)
        self.new_button = QPushButton()
        bar.addWidget(self.new_button)
        self.export_button = QPushButton()
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

    def _build_filters(self, layout: QVBoxLayout) -> None:
        """One combo per filter, then the privacy (initials only) check."""
        filters = QHBoxLayout()
        self.fase_combo = QComboBox()
        self.vorm_combo = QComboBox()
        self.gemeente_combo = QComboBox()
        self.melder_combo = QComboBox()
        self.jaar_combo = QComboBox()
        self.partner_combo = PartnerFilterCombo()
        for combo in (self.fase_combo, self.vorm_combo, self.gemeente_combo, self.melder_combo,
                      self.jaar_combo, self.partner_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            filters.addWidget(combo, 1)
        self.privacy_check = QCheckBox()
        filters.addWidget(self.privacy_check)
        layout.addLayout(filters)

    def _build_table(self, layout: QVBoxLayout) -> None:
        """The result table, sorted on dossier number (newest first) by default."""
        self.model = DossierTableModel(parent=self)  # the list; the view paints a copy:
        self.table = EnterTableView()
        DossierCellen(self.model, self).show_in(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # always there: a list of a few rows after one of thousands would otherwise lose it,
        # and the table, now wider, is painted a second time (11 ms at 100,000, issue 15)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        fit_columns(self.table, {  # the last column, "Volgende deadline", takes the rest
            DossierColumn.DOSSIERNUMMER: "HMD-2026-0000", DossierColumn.NAAM: "Katarzyna Wiśniewska",
            DossierColumn.FASE: max((_(FASE_LABELS[f]) for f in Fase), key=len),
            DossierColumn.VORMEN: "Seksuele uitbuiting",
            DossierColumn.GEMEENTE: "Alphen aan den Rijn", DossierColumn.MELDDATUM: "30 sep 2026"},
            {c: _(HEADERS[c]) for c in DossierColumn})
        header.setSortIndicator(DossierColumn.DOSSIERNUMMER, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)

    def _connect_signals(self, ctx: UiContext) -> None:
        """Search (delayed while typing), filters, table, buttons, settings and the view."""
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one: up to 7 ms late
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_query)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._search_return)
        for combo in (self.fase_combo, self.vorm_combo, self.gemeente_combo, self.melder_combo,
                      self.jaar_combo, self.partner_combo):
            combo.currentIndexChanged.connect(self.run_query)
        self.model.sort_requested.connect(lambda *_args: self.run_query())
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated_row.connect(self._open_index)
        self.new_button.clicked.connect(self.nieuwe_melding)
        self.export_button.clicked.connect(self.overdragen)
        self.privacy_check.setChecked(ctx.privacy_initials())
        self.model.set_privacy(ctx.privacy_initials())
        self.privacy_check.toggled.connect(lambda on: ctx.set_setting("privacy_initials", on))
        ctx.setting_changed.connect(self._setting_changed)
        ctx.data_changed.connect(self._data_changed)

    def _make_view(self) -> DossierView:
        """The view of one dossier, in the active language, wired to this page."""
        view = DossierView(self.ctx)
        view.back_requested.connect(self.show_list)
        view.changed.connect(self._dossier_changed)
        view.destroyed_case.connect(lambda _uuid: self.show_list())
        view.destroyed_case.connect(self._dossier_changed)
        view.destroyed_case.connect(lambda _uuid: self.run_query())
        view.opened.connect(self._dossier_opened)
        view.failed.connect(self._open_failed)
        self._view_language = i18n.language()
        return view

    def _add_shortcuts(self) -> None:
        """Ctrl+N (new signal) and Find (focus search) while this page has focus."""
        for keys, slot in (("Ctrl+N", self.nieuwe_melding), (QKeySequence.StandardKey.Find, self.focus_search)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- texts -----------------------------------------------------------------------

    def _fill_filters(self) -> None:
        def fill(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, value in items:
                combo.addItem(label, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

        fill(self.fase_combo, _("Alle fasen"), [(_(FASE_LABELS[f]), f.value) for f in Fase])
        fill(self.vorm_combo, _("Alle vormen"),
             [(_(UITBUITINGSVORM_LABELS[v]), v.value) for v in Uitbuitingsvorm])
        fill(self.gemeente_combo, _("Alle gemeenten"), [(n, c) for c, n in gemeente_namen().items()])
        fill(self.melder_combo, _("Alle melders"),
             sorted(((_(MELDER_LABELS[m]), m.value) for m in MelderType), key=lambda x: x[0].casefold()))
        fill(self.jaar_combo, _("Alle jaren"),
             [(str(y), y) for y in range(date.today().year, FIRST_YEAR - 1, -1)])

    def retranslate(self) -> None:
        super().retranslate()
        if getattr(self, "_view_language", i18n.language()) != i18n.language():
            rebuild_view(self)  # the open dossier in the new language
        self.search_edit.setPlaceholderText(
            _("Zoek op naam, alias, dossiernummer of BSN (Ctrl+F)"))
        self.search_edit.setAccessibleName(_("Zoeken in dossiers"))
        self.new_button.setText(_("&Nieuwe melding"))
        self.new_button.setToolTip(_("Nieuwe melding vastleggen (Ctrl+N)"))
        self.new_button.setAccessibleName(_("Nieuwe melding"))
        self.export_button.setText(_("Overdragen…"))
        self.export_button.setToolTip(_("Het geselecteerde dossier versleuteld overdragen aan een andere coördinator"))
        self.export_button.setAccessibleName(_("Dossier overdragen"))
        self.fase_combo.setAccessibleName(_("Filter op fase"))
        self.vorm_combo.setAccessibleName(_("Filter op vorm van uitbuiting"))
        self.gemeente_combo.setAccessibleName(_("Filter op gemeente van binding"))
        self.melder_combo.setAccessibleName(_("Filter op melder"))
        self.jaar_combo.setAccessibleName(_("Filter op jaar van melding"))
        self.privacy_check.setText(_("&Initialen tonen"))
        self.privacy_check.setAccessibleName(_("Initialen in plaats van namen tonen"))
        self.privacy_check.setToolTip(_("Toon in lijsten initialen in plaats van namen "
                                        "(bijvoorbeeld als iemand meekijkt)"))
        self.table.setAccessibleName(_("Lijst van dossiers"))
        self.status_label.setAccessibleName(_("Aantal gevonden dossiers"))
        self._fill_filters()
        self.partner_combo.vullen()
        self.model.retranslate()
        self._update_status()

    # -- vault -----------------------------------------------------------------------

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        self.service = DossierService(vault)
        self.model.set_fetch(self.service.rijen, self.ctx.tasks, self.service.verwarm)
        self.view.set_service(self.service)
        self.partner_combo.laad(vault, self.ctx.tasks)
        self.show_list()
        self.run_query()

    def clear(self) -> None:
        self._search_timer.stop()
        self._generation += 1  # results of running queries are dropped
        self._opening = None
        self.service = None
        self.model.set_fetch(None)
        self.view.clear()
        self.view.set_service(None)
        self.partner_combo.leeg()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.stack.setCurrentWidget(self.list_widget)
        self.status_label.clear()
        super().clear()

    def activated(self) -> None:
        self.partner_combo.laad(self.vault, self.ctx.tasks)
        if self.stack.currentWidget() is self.list_widget:
            self.search_edit.setFocus()
            if self.service is not None:
                self.run_query()  # cases read from a bundle elsewhere show up at once

    # -- search ----------------------------------------------------------------------

    def current_filter(self) -> Filter:
        return Filter(fase=self.fase_combo.currentData() or "",
                      vorm=self.vorm_combo.currentData() or "",
                      gemeente=self.gemeente_combo.currentData() or "",
                      melder_type=self.melder_combo.currentData() or "",
                      jaar=self.jaar_combo.currentData() or None,
                      zoek=self.search_edit.text(), partner=self.partner_combo.currentData() or "")

    def run_query(self) -> None:
        """Query now, or as soon as the running query returns."""
        self._search_timer.stop()
        if self.service is None:
            return
        if self._in_flight:
            self._stale = True
            return
        self._generation += 1
        generation = self._generation
        service = self.service
        flt = self.current_filter()
        sort, descending = self.model.sort_key()
        self._in_flight = True
        self._stale = False
        self._started = time.perf_counter()
        self.status_label.setText(_("Zoeken…"))
        found: list[int] = []

        def work() -> tuple[list[int], dict[int, DossierRij]]:
            ids = service.zoek(flt, sort, descending, audit_search=False)
            found.append(len(ids))
            return ids, service.rijen(ids[:PREFETCH_PAGES * PAGE_SIZE])

        self.ctx.tasks.run(work, on_done=lambda result: self._got_ids(generation, *result),
                           on_error=self._query_failed,
                           on_finally=self._query_finished, owner=self)
        if flt.zoek.strip():  # recorded right after, on the same worker (issue 15)
            def record() -> None:
                if found:
                    service.noteer_zoekopdracht(found[0])

            self.ctx.tasks.run(record)

    def _got_ids(self, generation: int, ids: list[int], rows: dict[int, DossierRij]) -> None:
        if generation != self._generation or self._stale:
            return
        self.last_query_ms = (time.perf_counter() - self._started) * 1000
        self.model.set_ids(ids, rows)
        if ids:
            self.table.selectRow(0)
        self._update_status()

    def _query_failed(self, exc: BaseException) -> None:
        self.status_label.setText(message_for(exc))

    def _query_finished(self) -> None:
        self._in_flight = False
        if self._stale and self.service is not None:
            self.run_query()

    def is_searching(self) -> bool:
        return self._in_flight or self._search_timer.isActive()

    def _update_status(self) -> None:
        if self.service is None:
            self.status_label.clear()
            return
        n = self.model.rowCount()
        self.status_label.setText(ngettext("{n} dossier", "{n} dossiers", n).format(n=format_number(n)))

    def _search_return(self) -> None:
        """Enter in the search field: search now and go to the list."""
        self.run_query()
        self.table.setFocus()

    def focus_search(self) -> None:
        self.show_list()
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _setting_changed(self, key: str) -> None:
        if key == "privacy_initials":
            on = self.ctx.privacy_initials()
            self.model.set_privacy(on)
            if self.privacy_check.isChecked() != on:
                self.privacy_check.setChecked(on)

    # -- opening ---------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        uuid = self.model.data(self.model.index(index.row(), 0), UUID_ROLE)
        if uuid:
            self.show_dossier(uuid)

    def show_dossier(self, uuid: str) -> bool:
        """Open one dossier (audited as a read) on the worker; the view appears when it
        has arrived. Other pages reach this through ``Page.request_dossier`` and the
        main window. False when no vault is open."""
        if self.service is None:
            return False
        self.status_label.setText(_("Dossier wordt geopend…"))
        self._opening = uuid
        self.view.open(uuid)
        return True

    def _dossier_opened(self, uuid: str) -> None:
        if uuid != self._opening:  # the user went back to the list meanwhile
            return
        self._opening = None
        self._update_status()
        self.stack.setCurrentWidget(self.view)
        self.view.tabs.setFocus()

    def _open_failed(self, text: str) -> None:
        self._opening = None
        self.status_label.setText(text)

    def show_list(self) -> None:
        self._opening = None
        self.stack.setCurrentWidget(self.list_widget)
        self.table.setFocus()

    def _dossier_changed(self, _uuid: str) -> None:
        self.model.invalidate()
        self.dossiers_changed.emit()
        self.ctx.data_changed.emit(self.name)

    def _data_changed(self, source: str) -> None:
        """Changed elsewhere (an import, another page): the list queries again."""
        if source != self.name and self.service is not None:
            self.run_query()

    def overdragen(self) -> None:
        """Export the selected dossier as an encrypted case bundle."""
        index = self.table.currentIndex()
        uuid = self.model.data(self.model.index(index.row(), 0), UUID_ROLE) if index.isValid() else None
        if self.vault is None or not uuid:
            return
        from zorgapp.ui.dialogs.export_dialog import ExportDialog

        ExportDialog(self.ctx, self.vault, [str(uuid)], parent=self).exec()

    def nieuwe_melding(self) -> None:
        from zorgapp.ui.dialogs.nieuwe_melding_wizard import NieuweMeldingWizard

        if self.service is None:
            return
        wizard = NieuweMeldingWizard(self.service, self.ctx, self)
        self.wizard: NieuweMeldingWizard | None = wizard  # reachable for tests while it is open
        if wizard.exec() and wizard.dossier is not None:
            self.dossiers_changed.emit()
            self.ctx.data_changed.emit(self.name)
            self.run_query()
            self.show_dossier(wizard.dossier.uuid)
        self.wizard = None
