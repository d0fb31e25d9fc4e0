"""The dossier list's view paints a C++ copy of the rows on screen (``DossierCellen``):
what it shows must always be the list's current rows, never an older list's, and never a
full name in privacy mode."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from tests.gui.test_dossiers_list import _names, filled, page  # noqa: F401 (fixtures)
from zorgapp.ui.models import dossier_cells
from zorgapp.ui.models.dossier_table_model import (
    OVERDUE_COLOR,
    ROW_ROLE,
    UUID_ROLE,
    DossierColumn,
)

DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _on_screen(page) -> range:
    table = page.table
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    return range(first, (last if last >= 0 else table.model().rowCount() - 1) + 1)


def _shown_as_listed(page) -> bool:
    """Every cell on screen has the list's text, tool tip and uuid."""
    cells, rows = page.table.model(), page.model
    for r in _on_screen(page):
        if rows.data(rows.index(r, 0), ROW_ROLE) is None:  # its page is on its way
            return False
        for c in DossierColumn:
            if cells.index(r, c).data(DISPLAY) != rows.data(rows.index(r, c)):
                return False
        if cells.index(r, 0).data(UUID_ROLE) != rows.data(rows.index(r, 0), ROW_ROLE).uuid:
            return False
    return True


def test_the_view_paints_a_copy_of_the_rows_on_screen_only(qtbot, page) -> None:
    cells = page.table.model()
    assert cells is not page.model and cells.rowCount() == page.model.rowCount() == 301
    qtbot.waitUntil(lambda: _shown_as_listed(page), timeout=10_000)
    shown = _on_screen(page)
    assert len(shown) > 10
    below = shown.stop + dossier_cells.ROWS_BELOW + 1
    assert cells.index(below, DossierColumn.NAAM).data(DISPLAY) is None  # not copied
    flags = cells.flags(cells.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & Qt.ItemFlag.ItemIsEditable  # a screen reader must not call it editable
    name = cells.index(0, DossierColumn.NAAM)
    assert name.data(TOOLTIP) == name.data(DISPLAY)


def test_scrolling_gives_the_rows_that_come_on_screen_their_cells(qtbot, page) -> None:
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: 300 in _on_screen(page) and _shown_as_listed(page), timeout=10_000)
    last = page.table.model().index(300, DossierColumn.DOSSIERNUMMER).data(DISPLAY)
    assert last == page.model.data(page.model.index(300, DossierColumn.DOSSIERNUMMER))


def test_an_overdue_deadline_is_red_until_it_no_longer_is(qtbot, page) -> None:
    cells, rows = page.table.model(), page.model
    today = date.today().isoformat()
    late = next(r for r in _on_screen(page)
                if (rows.data(rows.index(r, 0), ROW_ROLE).deadline or "9999") < today)
    cell = cells.index(late, DossierColumn.DEADLINE)
    assert cell.data(FOREGROUND) == QBrush(OVERDUE_COLOR)
    assert cell.data(TOOLTIP).startswith("Verlopen") and cell.data(TOOLTIP) != cell.data(DISPLAY)
    rows._today = date(2000, 1, 1)  # as if every deadline still lies ahead
    rows.invalidate()
    qtbot.waitUntil(lambda: cells.index(late, DossierColumn.DEADLINE).data(FOREGROUND) is None,
                    timeout=10_000)
    assert cells.index(late, DossierColumn.DEADLINE).data(TOOLTIP) == cell.data(DISPLAY)


def test_privacy_mode_leaves_no_full_name_on_screen(qtbot, page, ctx) -> None:
    qtbot.keyClicks(page.search_edit, "stefanescu")
    qtbot.waitUntil(lambda: not page.is_searching() and "Mihai Ștefănescu" in _names(page.model),
                    timeout=10_000)
    qtbot.waitUntil(lambda: _shown_as_listed(page), timeout=10_000)
    painted = [page.table.model().index(r, DossierColumn.NAAM).data() for r in _on_screen(page)]
    assert "Mihai Ștefănescu" in painted
    ctx.set_setting("privacy_initials", True)
    painted = [page.table.model().index(r, DossierColumn.NAAM).data() for r in _on_screen(page)]
    assert "Mihai Ștefănescu" not in painted and "M.Ș." in painted
    ctx.set_setting("privacy_initials", False)


def test_a_new_list_leaves_nothing_of_the_last_one(qtbot, page) -> None:
    """A cell the new list has not copied yet is empty: it never shows a row of the last
    list (its page may take a moment to arrive)."""
    cells = page.table.model()
    qtbot.waitUntil(lambda: _shown_as_listed(page), timeout=10_000)
    page.table.scrollToBottom()  # the rows at the top and at the bottom have cells now
    qtbot.waitUntil(lambda: 300 in _on_screen(page) and _shown_as_listed(page), timeout=10_000)
    with qtbot.waitSignal(page.model.modelReset, timeout=10_000):
        page.table.sortByColumn(DossierColumn.NAAM, Qt.SortOrder.AscendingOrder)
    assert cells.rowCount() == page.model.rowCount() == 301
    near = set(_on_screen(page))
    near |= set(range(max(near) + 1, max(near) + 1 + dossier_cells.ROWS_BELOW))
    assert not [r for r in range(301) if r not in near and cells.index(r, 0).data() is not None]
    qtbot.waitUntil(lambda: not page.is_searching() and _shown_as_listed(page), timeout=10_000)
    page.table.scrollToTop()
    qtbot.waitUntil(lambda: _shown_as_listed(page), timeout=10_000)


def test_rows_far_from_the_screen_give_up_their_cells(qtbot, page,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dossier_cells, "KEPT_ROWS", 60)
    monkeypatch.setattr(dossier_cells, "ROWS_NEAR", 5)
    cells, table = page.table.model(), page.table
    page.show()
    qtbot.waitExposed(page)
    table.selectRow(2)
    bar = table.verticalScrollBar()
    assert bar.maximum() > 200
    for value in range(0, bar.maximum() + 1, max(bar.pageStep() // 2, 1)):
        bar.setValue(value)
        qtbot.waitUntil(lambda: _shown_as_listed(page), timeout=10_000)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: _shown_as_listed(page), timeout=10_000)
    kept = [r for r in range(cells.rowCount()) if cells.index(r, 0).data(UUID_ROLE)]
    assert len(kept) <= 60 + len(_on_screen(page)) + dossier_cells.ROWS_BELOW
    assert 2 in kept and table.currentIndex().row() == 2  # the current row keeps its cells
    assert cells.rowCount() == 301 and 10 not in kept
    table.scrollToTop()
    qtbot.waitUntil(lambda: _shown_as_listed(page), timeout=10_000)
