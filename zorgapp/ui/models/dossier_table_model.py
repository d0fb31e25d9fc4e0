"""The dossier list: ids in, rows fetched lazily per page (Anki's browser table).

The service returns the ids of every match in display order (cheap: no documents);
the model asks for the rows of the page that is on screen only, and keeps a few pages
in a small LRU cache. Sorting re-queries the service (``sort_requested``) instead of
sorting 100,000 rows in Qt.

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
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from zorgapp.domain.codes import Fase
from zorgapp.i18n import N_, _
from zorgapp.services.dossier_service import gemeente_namen
from zorgapp.ui.models.dossier_labels import datum_label, fase_label, initialen, vormen_label

if TYPE_CHECKING:
    from zorgapp.store.dossiers import DossierRij
    from zorgapp.ui.tasks import TaskRunner

Fetch = Callable[[Sequence[int]], dict[int, "DossierRij"]]
#: ``warm(after_id, count)``: read rows after an id into the page cache; the last id read
Warm = Callable[[int, int], "int | None"]

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
UUID_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE_SIZE = 100
CACHE_PAGES = 30
#: pages a search fetches along with its ids (see ``set_ids``)
PREFETCH_PAGES = 1
#: rows one read-ahead task warms (about 2 ms: a search never waits long behind one), and
#: seconds it waits after a new list (``read_ahead``)
READ_AHEAD = 1000
READ_AHEAD_PAUSE = 0.3

OVERDUE_COLOR = QColor("#b00020")
_ROOT = QModelIndex()


class DossierColumn(IntEnum):
    DOSSIERNUMMER = 0
    NAAM = 1
    FASE = 2
    VORMEN = 3
    GEMEENTE = 4
    MELDDATUM = 5
    DEADLINE = 6


HEADERS = {
    DossierColumn.DOSSIERNUMMER: N_("Dossiernummer"),
    DossierColumn.NAAM: N_("Naam"),
    DossierColumn.FASE: N_("Fase"),
    DossierColumn.VORMEN: N_("Vormen"),
    DossierColumn.GEMEENTE: N_("Gemeente"),
    DossierColumn.MELDDATUM: N_("Melddatum"),
    DossierColumn.DEADLINE: N_("Volgende deadline"),
}

#: Column -> sort key of ``DossierRepository.ids``; None: not sortable.
SORT_KEYS: dict[DossierColumn, str | None] = {
    DossierColumn.DOSSIERNUMMER: "dossiernummer",
    DossierColumn.NAAM: "naam",
    DossierColumn.FASE: "fase",
    DossierColumn.VORMEN: None,
    DossierColumn.GEMEENTE: "gemeente",
    DossierColumn.MELDDATUM: "melddatum",
    DossierColumn.DEADLINE: "deadline",
}


#: The roles ``data`` answers, as plain ints: a view asks about seven roles per cell and
#: every paint, so the others are turned away first and cheaply (issue 15).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_COLUMNS = tuple(DossierColumn)  # by index: cheaper than DossierColumn(i) in ``data``
_COLUMN_COUNT = len(_COLUMNS)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, int(Qt.ItemDataRole.AccessibleTextRole), _FOREGROUND,
                    int(ROW_ROLE), int(SORT_ROLE), int(UUID_ROLE)})


class DossierTableModel(QAbstractTableModel):
    """Rows in through ``set_ids``; ``fetch(ids) -> {id: DossierRij}`` fills them lazily."""

    #: (sort key, descending): the page re-queries and calls ``set_ids``.
    sort_requested = Signal(str, bool)

    def __init__(self, fetch: Fetch | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._tasks: TaskRunner | None = None
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, DossierRij]] = OrderedDict()
        self._stale: dict[int, dict[int, DossierRij]] = {}  # shown while a page reloads
        self._loading: set[int] = set()
        self._texts: dict[tuple[int, int], str] = {}  # (row id, column) -> shown text
        self._generation = 0
        self._warm: Warm | None = None
        self._ahead: int | None = -1  # id after which to read ahead; None: not started, -1: done
        self._shown_at = 0.0  # time.monotonic() of the last set_ids
        self._privacy = False
        self._today = date.today()
        self.sort_column = DossierColumn.DOSSIERNUMMER
        self.sort_order = Qt.SortOrder.DescendingOrder
        self.fetch_count = 0  # pages fetched, for tests and benchmarks

    # -- input -----------------------------------------------------------------------

    def set_fetch(self, fetch: Fetch | None, tasks: TaskRunner | None = None,
                  warm: Warm | None = None) -> None:
        """``fetch(ids) -> {id: row}``; with ``tasks`` it runs on the worker, and so does
        ``warm`` (``read_ahead``)."""
        self._fetch = fetch
        self._tasks = tasks
        self._warm = warm
        self._ahead = None if warm is not None and tasks is not None else -1
        self.set_ids([])

    def set_ids(self, ids: Sequence[int], rows: dict[int, DossierRij] | None = None) -> None:
        """New result; ``rows`` (fetched with the ids, off the GUI thread) fill the first
        pages, so the first paint needs no database access on the GUI thread."""
        self.beginResetModel()
        self._ids = list(ids)
        self._forget()
        if rows:
            for page in range(PREFETCH_PAGES):
                chunk = self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
                if chunk and all(i in rows for i in chunk):
                    self._pages[page] = {i: rows[i] for i in chunk}
        self._today = date.today()
        self._shown_at = time.monotonic()
        self.endResetModel()
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
        """Forget cached rows (after a change) and repaint; with a task runner the old
        rows stay on screen until their page is fetched again."""
        stale = {**self._stale, **self._pages} if self._tasks is not None else {}
        self._forget()
        self._stale = stale
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(DossierColumn) - 1))

    def set_privacy(self, initials: bool) -> None:
        if initials == self._privacy:
            return
        self._privacy = initials
        self._texts.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, DossierColumn.NAAM),
                                  self.index(len(self._ids) - 1, DossierColumn.NAAM))

    @property
    def privacy(self) -> bool:
        return self._privacy

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
        """Fetch a page on the worker (once); repaint its rows when it arrives."""
        if page in self._loading or self._fetch is None or self._tasks is None:
            return
        self._loading.add(page)
        self.fetch_count += 1
        fetch, chunk, generation = self._fetch, self._chunk(page), self._generation

        def arrived(rows: dict[int, DossierRij]) -> None:
            if generation != self._generation:
                return
            self._store_page(page, rows)
            first = page * PAGE_SIZE
            last = min(first + PAGE_SIZE, len(self._ids)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(DossierColumn) - 1))

        def done() -> None:
            if generation == self._generation:
                self._loading.discard(page)

        self._tasks.run(lambda: fetch(chunk), on_done=arrived, on_finally=done, owner=self)

    def read_ahead(self) -> None:
        """Read every dossier's row once, on the worker, a few thousand at a time and only
        while it has nothing else to do; nothing is kept. The point is the vault's page
        cache: a search sorts its hits by reading their rows, which cold means decrypting
        a page per hit (40-150 ms for a common name at 100,000 dossiers) and warm 3-30 ms
        (issue 15). ``warm`` does it in SQL, so the GUI thread keeps the GIL meanwhile.
        Starts with the first list after ``set_fetch`` with a task runner and ``warm``
        (the Dossiers page's unlock); ``set_fetch`` stops it."""
        self._ahead = 0
        QTimer.singleShot(0, self, self._read_next)

    def _read_next(self) -> None:
        warm, tasks, after = self._warm, self._tasks, self._ahead
        if warm is None or tasks is None or after is None or after < 0:
            return
        if tasks.is_busy() or time.monotonic() - self._shown_at < READ_AHEAD_PAUSE:
            # the user's work goes first, and a new list's first paint
            QTimer.singleShot(100, self, self._read_next)
            return

        def next_chunk(last: int | None) -> None:
            if warm is self._warm:
                self._ahead = -1 if last is None else last
                QTimer.singleShot(0, self, self._read_next)

        tasks.run(lambda: warm(after, READ_AHEAD), on_done=next_chunk, owner=self)

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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(DossierColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(DossierColumn):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _(HEADERS[DossierColumn(section)])
        return None

    # No ``flags``: QAbstractTableModel's own (enabled, selectable, no children) is what
    # this table needs, and the view asks it twice per cell at every paint; answered in
    # Python that was about a fifth of a repaint at 100,000 dossiers (issue 15).

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        row, col = index.row(), index.column()  # an invalid index has -1, -1
        if not 0 <= row < len(self._ids) or not 0 <= col < _COLUMN_COUNT:
            return None
        if role == _DISPLAY:  # the common case, from the cache after the first paint
            key = (self._ids[row], col)
            text = self._texts.get(key)
            if text is None:
                rij = self.row_at(row)
                if rij is None:
                    return None
                text = self._texts[key] = self._text(rij, _COLUMNS[col])
            return text
        if role == _FOREGROUND and col != DossierColumn.DEADLINE:  # every cell, every paint
            return None
        rij = self.row_at(row)
        if rij is None:
            return None
        column = _COLUMNS[col]
        if role == ROW_ROLE:
            return rij
        if role == UUID_ROLE:
            return rij.uuid
        if role == SORT_ROLE:
            return self._sort_value(rij, column)
        if role == _FOREGROUND:
            if rij.deadline and rij.deadline < self._today.isoformat():
                return QBrush(OVERDUE_COLOR)
            return None
        text = self._text(rij, column)
        if role == _TOOLTIP and column == DossierColumn.DEADLINE \
                and rij.deadline and rij.deadline < self._today.isoformat():
            return _("Verlopen: {datum}").format(datum=text)
        return text

    def cellen(self, row: int) -> list[dict[int, Any]] | None:
        """What the view shows of a row, cell by cell (``DossierCellen``): the text, as
        tool tip too (the overdue deadline's says so, in red), and the dossier's uuid on
        the first cell. None while the row's page is on its way."""
        rij = self.row_at(row)
        if rij is None:
            return None
        cells: list[dict[int, Any]] = [{_DISPLAY: t, _TOOLTIP: t} for t in self._texts_of(rij)]
        late = cells[DossierColumn.DEADLINE]
        late[_FOREGROUND] = None  # the items keep roles not given again
        if rij.deadline and rij.deadline < self._today.isoformat():
            late[_TOOLTIP] = _("Verlopen: {datum}").format(datum=late[_DISPLAY])
            late[_FOREGROUND] = QBrush(OVERDUE_COLOR)
        cells[0][UUID_ROLE] = rij.uuid
        return cells

    def _texts_of(self, rij: DossierRij) -> list[str]:
        """The texts of a row's cells, in column order."""
        return [rij.dossiernummer, initialen(rij.naam) if self._privacy else rij.naam,
                fase_label(rij.fase), vormen_label(rij.vormen),
                gemeente_namen().get(rij.gemeente, rij.gemeente),
                datum_label(rij.melddatum), datum_label(rij.deadline)]

    def _sort_value(self, rij: DossierRij, column: DossierColumn) -> Any:
        if column == DossierColumn.DOSSIERNUMMER:
            return rij.dossiernummer
        if column == DossierColumn.NAAM:
            return rij.naam.casefold()
        if column == DossierColumn.FASE:
            codes = [f.value for f in Fase]
            return codes.index(rij.fase) if rij.fase in codes else -1
        if column == DossierColumn.VORMEN:
            return rij.vormen
        if column == DossierColumn.GEMEENTE:
            return gemeente_namen().get(rij.gemeente, rij.gemeente)
        if column == DossierColumn.MELDDATUM:
            return rij.melddatum or ""
        return rij.deadline or "9999-12-31"

    def _text(self, rij: DossierRij, column: DossierColumn) -> str:
        return self._texts_of(rij)[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Server-side sort: remember the choice and ask the owner to re-query."""
        if not 0 <= column < len(DossierColumn):
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
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(DossierColumn) - 1)
        self.invalidate()
