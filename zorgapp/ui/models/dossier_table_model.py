"""The dossier list: ids in, rows fetched lazily per page (Anki's browser table).

The service returns the ids of every match in display order (cheap: no documents);
the model asks for the rows of the page that is on screen only, and keeps a few pages
in a small LRU cache. Sorting re-queries the service (``sort_requested``) instead of
sorting 100,000 rows in Qt.

The view paints from ``QStandardItem``s that the model makes for the rows it is shown
(``show_rows``, called by the Dossiers page as the table scrolls): Qt answers its own
questions in C++ (``dossier_cells``). Python callers (the page, tests, scripts) ask
``data``, which fetches a missing page as before.

With a task runner (``set_fetch(fetch, tasks)``, as the Dossiers page does) a missing
page is fetched on the worker: its rows stay empty (or show the rows from before an
``invalidate``) until it arrives, then repaint. Without one, ``fetch`` runs at once
(model tests, scripts).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QStandardItemModel
from PySide6.QtWidgets import QTableView

from zorgapp.i18n import _
from zorgapp.ui.models.dossier_cells import (
    COLUMNS,
    HEADERS,
    ITEM_FLAGS,
    OVERDUE_COLOR,
    ROW_ROLE,
    SORT_KEYS,
    SORT_ROLE,
    UUID_ROLE,
    DossierColumn,
    cell_text,
    overdue,
    overdue_tip,
    put_row,
    sort_value,
)
from zorgapp.ui.models.dossier_cells import initialen as initialen  # the overview's import

if TYPE_CHECKING:
    from zorgapp.store.dossiers import DossierRij
    from zorgapp.ui.tasks import TaskRunner

Fetch = Callable[[Sequence[int]], dict[int, "DossierRij"]]

PAGE_SIZE = 50  # a search reads PREFETCH_PAGES of them with its ids, before the first paint
CACHE_PAGES = 60
#: pages a search fetches along with its ids (see ``set_ids``)
PREFETCH_PAGES = 2
#: rows one read-ahead task reads, and seconds it waits after a new list (``read_ahead``)
READ_AHEAD = 100  # small: the query of the last key waits for at most one task
READ_AHEAD_PAUSE = 0.3
#: rows a new result shows before the page has said which rows are on screen
FIRST_ROWS = 50
#: rows below the screen that get their items with those on it (``show_in``)
ROWS_BELOW = 3
#: rows that keep their items; beyond it those far from the screen give theirs up
KEPT_ROWS = 1000


#: The roles ``data`` answers, as plain ints.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_COLUMN_COUNT = len(COLUMNS)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, int(Qt.ItemDataRole.AccessibleTextRole), _FOREGROUND,
                    int(ROW_ROLE), int(SORT_ROLE), int(UUID_ROLE)})


class DossierTableModel(QStandardItemModel):
    """Rows in through ``set_ids``; ``fetch(ids) -> {id: DossierRij}`` fills them lazily."""

    #: (sort key, descending): the page re-queries and calls ``set_ids``.
    sort_requested = Signal(str, bool)

    def __init__(self, fetch: Fetch | None = None, parent: Any = None) -> None:
        super().__init__(0, _COLUMN_COUNT, parent)
        self._fetch = fetch
        self._tasks: TaskRunner | None = None
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, DossierRij]] = OrderedDict()
        self._stale: dict[int, dict[int, DossierRij]] = {}  # shown while a page reloads
        self._loading: set[int] = set()
        self._texts: dict[tuple[int, int], str] = {}  # (row id, column) -> shown text
        self._shown: dict[int, DossierRij] = {}  # row -> the row its items show
        self._fresh: set[int] = set()  # rows whose items show the current row
        self._window = (0, FIRST_ROWS - 1)  # rows on screen, from ``show_rows``
        self._view: QTableView | None = None
        self._generation = 0
        self._ahead: list[int] | None = []  # rows still to read ahead; None: not started
        self._shown_at = 0.0  # time.monotonic() of the last set_ids
        self._privacy = False
        self._today = date.today()
        self.sort_column = DossierColumn.DOSSIERNUMMER
        self.sort_order = Qt.SortOrder.DescendingOrder
        self.fetch_count = 0  # pages fetched, for tests and benchmarks
        self._set_headers()

    # -- input -----------------------------------------------------------------------

    def set_fetch(self, fetch: Fetch | None, tasks: TaskRunner | None = None) -> None:
        """``fetch(ids) -> {id: row}``; with ``tasks`` it runs on the worker."""
        self._fetch = fetch
        self._tasks = tasks
        self._ahead = None if fetch is not None and tasks is not None else []
        self.set_ids([])

    def set_ids(self, ids: Sequence[int], rows: dict[int, DossierRij] | None = None) -> None:
        """New result; ``rows`` (fetched with the ids, off the GUI thread) fill the first
        pages, and the rows on screen get their items before the reset ends, so the first
        paint needs no database access and no call into Python."""
        self.beginResetModel()
        blocked = self.blockSignals(True)  # the reset below tells the view everything
        try:
            self._ids = list(ids)
            self._forget()
            self._shown.clear()
            self._fresh.clear()
            if rows:
                for page in range(PREFETCH_PAGES):
                    chunk = self._chunk(page)
                    if chunk and all(i in rows for i in chunk):
                        self._pages[page] = {i: rows[i] for i in chunk}
            self._today = date.today()
            self._shown_at = time.monotonic()
            self.setRowCount(0)
            self.setRowCount(len(self._ids))
            first = self._present(range(min(self._window[1] - self._window[0] + 1, len(self._ids))))
            today = self._today.isoformat()
            for row, rij in first.items():
                put_row(self, row, rij, self._privacy, today)
                self._shown[row] = rij
                self._fresh.add(row)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()
        if self._view is not None:
            self._follow_view()
        if self._ahead is None and self._ids:  # the first list after ``set_fetch``
            self.read_ahead()

    def ids(self) -> list[int]:
        return list(self._ids)

    def clear(self) -> None:
        self.set_ids([])

    def _forget(self) -> None:
        self._generation += 1  # pages on their way are dropped
        self._texts.clear()
        self._pages.clear()
        self._stale.clear()
        self._loading.clear()

    def invalidate(self) -> None:
        """Forget cached rows (after a change) and read the rows on screen again; with a
        task runner the old rows stay on screen until their page is fetched again."""
        stale = {**self._stale, **self._pages} if self._tasks is not None else {}
        self._forget()
        self._stale = stale
        self._fresh.clear()
        self.show_rows(*self._window)

    def set_privacy(self, initials: bool) -> None:
        if initials == self._privacy:
            return
        self._privacy = initials
        self._texts.clear()
        self._put(dict(self._shown), keep_fresh=True)  # no full name stays on screen

    @property
    def privacy(self) -> bool:
        return self._privacy

    # -- the view's items --------------------------------------------------------------

    def show_in(self, view: QTableView) -> None:
        """``view`` shows this model; the rows it has on screen get their items as it
        scrolls or grows (``show_rows``; a taller table changes the scroll bar's range).
        Nothing is editable (as the items' flags)."""
        view.setModel(self)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self._view = view
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self._follow_view)
        bar.rangeChanged.connect(self._follow_view)

    def _follow_view(self, *_args: object) -> None:
        view = self._view
        if view is None:
            return
        first = max(view.rowAt(0), 0)
        step = max(view.verticalHeader().defaultSectionSize(), 1)
        self.show_rows(first, first + view.viewport().height() // step + ROWS_BELOW)

    def show_rows(self, first: int, last: int) -> None:
        """Rows ``first``..``last`` are on screen: give them items, from the pages at
        hand, or fetch their pages (on the worker with a task runner, then they follow)."""
        self._window = (max(first, 0), max(last, first, 0))
        rows = range(self._window[0], min(self._window[1] + 1, len(self._ids)))
        todo = [r for r in rows if r not in self._fresh]
        if todo:
            self._put(self._present(todo, fetch=True))

    def _present(self, rows: Sequence[int], fetch: bool = False) -> dict[int, DossierRij]:
        """The current row objects of ``rows`` among the pages at hand; with ``fetch``,
        missing pages are fetched (at once without a task runner)."""
        found: dict[int, DossierRij] = {}
        for row in rows:
            page = row // PAGE_SIZE
            got = self._pages.get(page)
            if got is None and fetch:
                if self._tasks is None:
                    got = self._load_page(page)
                else:
                    self._request_page(page)
            rij = got.get(self._ids[row]) if got is not None else None
            if rij is not None:
                found[row] = rij
        return found

    def _put(self, rows: dict[int, DossierRij], keep_fresh: bool = False) -> None:
        """New items for ``rows``; one ``dataChanged`` instead of Qt's signals per item."""
        if not rows:
            return
        today = self._today.isoformat()
        blocked = self.blockSignals(True)
        try:
            for row, rij in rows.items():
                put_row(self, row, rij, self._privacy, today)
                self._shown[row] = rij
                if not keep_fresh:
                    self._fresh.add(row)
            self._trim()
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), _COLUMN_COUNT - 1))

    def _trim(self) -> None:
        """Rows far from the screen give up their items once more than ``KEPT_ROWS``
        have them (scrolling through 100,000 dossiers would otherwise keep them all)."""
        if len(self._shown) <= KEPT_ROWS:
            return
        first, last = self._window
        for row in [r for r in self._shown if not first - FIRST_ROWS <= r <= last + FIRST_ROWS]:
            del self._shown[row]
            self._fresh.discard(row)
            for column in range(_COLUMN_COUNT):
                self.takeItem(row, column)

    def _set_headers(self) -> None:
        for column in COLUMNS:
            title = _(HEADERS[column])
            self.setHeaderData(column, Qt.Orientation.Horizontal, title)
            self.setHeaderData(column, Qt.Orientation.Horizontal, title,
                               Qt.ItemDataRole.ToolTipRole)

    # -- rows ------------------------------------------------------------------------

    def row_at(self, row: int) -> DossierRij | None:
        """The row object; fetches its page on first use."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
        elif self._tasks is None:
            rows = self._load_page(page)
        else:
            self._request_page(page)
            rows = self._stale.get(page, {})
        return rows.get(self._ids[row])

    def _chunk(self, page: int) -> list[int]:
        return self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]

    def _load_page(self, page: int) -> dict[int, DossierRij]:
        rows = self._fetch(self._chunk(page)) if self._fetch is not None else {}
        self.fetch_count += 1
        self._store_page(page, rows)
        return rows

    def _store_page(self, page: int, rows: dict[int, DossierRij]) -> None:
        self._texts.clear()  # texts made from the stale rows meanwhile
        self._pages[page] = rows
        self._stale.pop(page, None)
        while len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)

    def _request_page(self, page: int) -> None:
        """Fetch a page on the worker (once); its rows on screen or with items get new
        items when it arrives."""
        if page in self._loading or self._fetch is None or self._tasks is None:
            return
        self._loading.add(page)
        self.fetch_count += 1
        fetch, chunk, generation = self._fetch, self._chunk(page), self._generation

        def arrived(rows: dict[int, DossierRij]) -> None:
            if generation != self._generation:
                return
            self._store_page(page, rows)
            first, last = self._window
            start = page * PAGE_SIZE
            shown = [r for r in range(start, min(start + PAGE_SIZE, len(self._ids)))
                     if first <= r <= last or r in self._shown]
            self._put(self._present(shown))

        def done() -> None:
            if generation == self._generation:
                self._loading.discard(page)

        self._tasks.run(lambda: fetch(chunk), on_done=arrived, on_finally=done, owner=self)
    def read_ahead(self) -> None:
        """Read the rows of every id of the current result once, on the worker, a
        hundred at a time and only while it has nothing else to do; they are not kept.
        The point is the vault's page cache: a search sorts its hits by reading their
        rows, which cold means decrypting a page per hit (40-150 ms for a common name at
        100,000 dossiers) and warm 3-30 ms (issue 15). Starts with the first list after
        ``set_fetch`` with a task runner (the Dossiers page's unlock); ``set_fetch`` stops it."""
        cached = {i for rows in self._pages.values() for i in rows}
        self._ahead = [i for i in self._ids if i not in cached]
        QTimer.singleShot(0, self, self._read_next)

    def _read_next(self) -> None:
        fetch, tasks = self._fetch, self._tasks
        if not self._ahead or fetch is None or tasks is None:
            return
        if tasks.is_busy() or time.monotonic() - self._shown_at < READ_AHEAD_PAUSE:
            # the user's work goes first, and a new list's first paint (it needs the GIL)
            QTimer.singleShot(100, self, self._read_next)
            return
        chunk, self._ahead = self._ahead[:READ_AHEAD], self._ahead[READ_AHEAD:]

        def next_chunk(_rows: object) -> None:
            if fetch is self._fetch:
                QTimer.singleShot(0, self, self._read_next)

        tasks.run(lambda: fetch(chunk), on_done=next_chunk, owner=self)

    def is_loading(self) -> bool:
        """Pages are on their way from the worker."""
        return bool(self._loading)

    def row_for_uuid(self, uuid: str) -> int:
        """Row of a dossier among the cached pages, else -1 (no full scan)."""
        for rows in self._pages.values():
            for row_id, rij in rows.items():
                if rij.uuid == uuid:
                    return self._ids.index(row_id)
        return -1

    # -- Qt --------------------------------------------------------------------------

    # rowCount, columnCount, index and headerData are QStandardItemModel's, in C++: the
    # view asks them for every cell at every paint (issue 15).

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """``ITEM_FLAGS`` for every cell, answered here and not set on the items: taking
        a C++-made item into Python (``itemFromIndex``) to set its flags made the
        process crash in the garbage collector (two runs in three of the scripted GUI
        session, tests/gui/test_gui_thread.py); a Python call per cell costs far less."""
        return ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    @property
    def data(self) -> Callable[..., Any]:
        """``model.data(index, role)`` for Python callers: the row's answer for every role,
        fetching its page if needed (``row_at``). It is a property giving a ``partial``,
        not a method, on purpose: PySide routes Qt's own calls to a Python override only
        if the attribute is a bound method, so the view's calls (paint, tool tips,
        accessibility) stay in C++ with the items of ``show_rows`` (issue 15)."""
        return partial(DossierTableModel._python_data, self)

    def _python_data(self, index: QModelIndex | QPersistentModelIndex,
                     role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        row, col = index.row(), index.column()  # an invalid index has -1, -1
        if not 0 <= row < len(self._ids) or not 0 <= col < _COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            key = (self._ids[row], col)
            text = self._texts.get(key)
            if text is None:
                rij = self.row_at(row)
                if rij is None:
                    return None
                text = self._texts[key] = cell_text(rij, COLUMNS[col], self._privacy)
            return text
        rij = self.row_at(row)
        if rij is None:
            return None
        column = COLUMNS[col]
        if role == ROW_ROLE:
            return rij
        if role == UUID_ROLE:
            return rij.uuid
        if role == SORT_ROLE:
            return sort_value(rij, column)
        late = column == DossierColumn.DEADLINE and overdue(rij, self._today.isoformat())
        if role == _FOREGROUND:
            return QBrush(OVERDUE_COLOR) if late else None
        text = cell_text(rij, column, self._privacy)
        return overdue_tip(text) if role == _TOOLTIP and late else text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Server-side sort: remember the choice and ask the owner to re-query."""
        if not 0 <= column < _COLUMN_COUNT:
            return
        key = SORT_KEYS[DossierColumn(column)]
        if key is None:
            return
        self.sort_column = DossierColumn(column)
        self.sort_order = order
        self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)

    def sort_key(self) -> tuple[str, bool]:
        key = SORT_KEYS[self.sort_column] or "dossiernummer"
        return key, self.sort_order == Qt.SortOrder.DescendingOrder

    def retranslate(self) -> None:
        self._set_headers()
        self._texts.clear()
        self._put(dict(self._shown), keep_fresh=True)  # labels in the new language at once
        self.invalidate()
