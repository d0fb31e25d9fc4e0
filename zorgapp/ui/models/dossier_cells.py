"""What the dossier list's view paints: the cells on screen, held by Qt in C++.

The view of 100,000 dossiers asks a model about seven roles (and the row and column
counts) for each of its 200-odd visible cells at every paint. Answered by a Python model
that is nine calls into Python per cell: 10-15 ms of a 30 ms paint, most of it the
binding's cost per call (issue 15). So the view shows this ``QStandardItemModel``, which
answers in C++, and ``DossierTableModel`` (lazy pages, the row objects, the sort, what
Python callers ask) fills it with the rows the view has on screen.

Its items are made by Qt from one prototype (``setItemPrototype``), and their data is set
through model indexes (``setItemData``): no Python object stands for an item. (An earlier
version made the items in Python and the scripted GUI session crashed in the garbage
collector now and then; the cause was not found, so this one gives the binding nothing
of the kind to track.)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from zorgapp.ui.models.dossier_table_model import DossierTableModel

#: rows below the screen that get their cells with those on it
ROWS_BELOW = 3
#: rows that keep their cells; past it those far from the screen give theirs up
KEPT_ROWS = 3000
#: rows with cells a new list empties one by one; more, and it starts again
STALE_ROWS = 200
#: rows either side of the screen that keep their cells when others give them up
ROWS_NEAR = 100
#: what QAbstractTableModel's cells were: selectable, enabled, not editable
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_HEADER_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


class DossierCellen(QStandardItemModel):
    """A copy, for the view, of the cells of ``rows`` that are on screen."""

    def __init__(self, rows: DossierTableModel, parent: QObject | None = None) -> None:
        super().__init__(0, rows.columnCount(), parent)
        prototype = QStandardItem()
        prototype.setFlags(_FLAGS)
        self.setItemPrototype(prototype)  # the model owns it; Qt clones it in C++
        self.rows = rows
        self._filled: set[int] = set()  # rows whose cells show the current row
        self._kept: set[int] = set()  # rows that have cells (some may show an older row)
        self._on_screen = (0, 39)  # first and last row on screen, until a view says
        self._view: QTableView | None = None
        self._headers()
        rows.modelReset.connect(self._reset)
        rows.dataChanged.connect(self._changed)
        rows.headerDataChanged.connect(self._headers)

    def show_in(self, view: QTableView) -> None:
        """``view`` shows these cells; the rows it scrolls to or grows into get theirs."""
        view.setModel(self)
        self._view = view
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self._follow_view)
        bar.rangeChanged.connect(self._follow_view)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # a taller table shows more rows
            self._follow_view()
        return False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The header's sort goes to the list (it queries the vault again)."""
        self.rows.sort(column, order)

    # -- following the list -------------------------------------------------------------

    def _headers(self, *_args: object) -> None:
        for column in range(self.columnCount()):
            for role in _HEADER_ROLES:
                self.setHeaderData(column, Qt.Orientation.Horizontal,
                                   self.rows.headerData(column, Qt.Orientation.Horizontal, role),
                                   role)

    def _reset(self) -> None:
        """A new list: as many rows, then the cells of those on screen, before the view
        paints (their rows came with the list). The cells the last list had on screen
        are written over, or emptied (a few thousand empty items cost more to remake
        than to keep: 1.5 ms at 100,000 rows)."""
        old, new = self.rowCount(), self.rows.rowCount()
        stale = [r for r in self._kept if r < new]
        self.beginResetModel()
        blocked = self.blockSignals(True)  # the reset tells the view everything
        try:
            if len(stale) > STALE_ROWS:
                self.setRowCount(0)
                stale = []
            if new < self.rowCount():
                self.removeRows(new, old - new)
            self.setRowCount(new)
            self._filled.clear()
            self._kept.clear()
            self._fill(self._shown_rows())  # before the view hears of the reset: no signals
        finally:
            self.blockSignals(blocked)
        self.endResetModel()
        self._follow_view()  # the rows the view shows after the reset, if others
        for row in stale:
            if row not in self._kept:
                for column in range(self.columnCount()):
                    self.clearItemData(self.index(row, column))

    def _changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        """Rows of the list changed (a page arrived, a change elsewhere, privacy mode):
        those on screen get their cells again, the others when they come on screen."""
        changed = range(top.row(), bottom.row() + 1)
        self._filled.difference_update(changed if len(changed) < len(self._filled)
                                       else [r for r in self._filled if r in changed])
        self._fill([r for r in self._shown_rows() if r in changed])

    def _follow_view(self, *_args: object) -> None:
        view = self._view
        if view is not None:
            first = max(view.rowAt(0), 0)
            step = max(view.verticalHeader().defaultSectionSize(), 1)
            self._on_screen = (first, first + view.viewport().height() // step + ROWS_BELOW)
        if len(self._kept) > KEPT_ROWS:
            self._let_go()
        self._fill(self._shown_rows())

    def _shown_rows(self) -> range:
        first, last = self._on_screen
        return range(first, min(last + 1, self.rows.rowCount()))

    def _fill(self, rows: Any) -> None:
        """Cells for ``rows`` that have none yet, from the list's pages (a missing page is
        fetched on the worker; its rows follow when it arrives); one ``dataChanged``."""
        done: list[int] = []
        blocked = self.blockSignals(True)
        try:
            for row in rows:
                if row in self._filled:
                    continue
                cells = self.rows.cellen(row)
                if cells is None:
                    continue
                for column, data in enumerate(cells):
                    self.setItemData(self.index(row, column), data)
                self._filled.add(row)
                self._kept.add(row)
                done.append(row)
        finally:
            self.blockSignals(blocked)
        if done:
            self.dataChanged.emit(self.index(min(done), 0),
                                  self.index(max(done), self.columnCount() - 1))

    def _let_go(self) -> None:
        """Scrolled through more than ``KEPT_ROWS`` rows: the rows far from the screen
        give up their cells (the current row keeps its own). Their rows are taken out
        and put back empty with the signals blocked: the view has nothing to redo, and
        the model keeps its persistent indexes (the selection) right itself."""
        first, last = self._on_screen
        current = self._view.currentIndex().row() if self._view is not None else -1
        far = sorted((r for r in self._kept
                      if not first - ROWS_NEAR <= r <= last + ROWS_NEAR and r != current),
                     reverse=True)
        blocked = self.blockSignals(True)
        try:
            for start, count in _runs(far):
                self.removeRows(start, count)
                self.insertRows(start, count)
        finally:
            self.blockSignals(blocked)
        self._filled.difference_update(far)
        self._kept.difference_update(far)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """(first row, count) of each run of consecutive rows in ``rows`` (descending)."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return runs
