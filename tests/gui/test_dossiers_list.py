"""The dossier list: lazy model (model tester), instant search with diacritics folded,
filters, privacy initials, opening a dossier with Enter, and the cells the view paints."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from zorgapp.domain.codes import Fase, MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.services.demo import fill_demo
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.dossiers import Filter
from zorgapp.ui.models import dossier_cells
from zorgapp.ui.models.dossier_table_model import (
    OVERDUE_COLOR,
    PAGE_SIZE,
    ROW_ROLE,
    SORT_ROLE,
    UUID_ROLE,
    DossierColumn,
    DossierTableModel,
)
from zorgapp.ui.pages.dossiers import DossiersPage


def _melding(dagen_geleden: int = 3) -> Melding:
    return Melding(datum=date.today() - timedelta(days=dagen_geleden), melder_type=MelderType.POLITIE,
                   vormen=[Uitbuitingsvorm.ARBEID])


@pytest.fixture
def filled(vault):
    fill_demo(vault, 300, vandaag=date.today())
    service = DossierService(vault)
    mihai = service.nieuwe_melding(Persoon(naam="Mihai Ștefănescu", gemeente_van_binding="GM0546"),
                                   _melding())
    return vault, service, mihai


@pytest.fixture
def page(qtbot, ctx, filled):
    vault, _service, _mihai = filled
    p = DossiersPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.set_vault(vault)
    qtbot.waitUntil(lambda: not p.is_searching() and p.model.rowCount() > 0, timeout=10_000)
    yield p
    p.clear()


def _names(model: DossierTableModel) -> list[str]:
    return [model.data(model.index(r, DossierColumn.NAAM)) for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, filled) -> None:
    _vault, service, _mihai = filled
    model = DossierTableModel(service.rijen)
    model.set_ids(service.zoek(Filter(), audit_search=False))
    qtmodeltester.check(model)


def test_model_fetches_only_the_pages_it_shows(filled) -> None:
    _vault, service, _mihai = filled
    model = DossierTableModel(service.rijen)
    ids = service.zoek(Filter(), audit_search=False)
    model.set_ids(ids)
    assert model.rowCount() == 301 and model.fetch_count == 0
    first = model.data(model.index(0, DossierColumn.DOSSIERNUMMER))
    model.data(model.index(PAGE_SIZE - 1, DossierColumn.NAAM))
    assert model.fetch_count == 1
    rij = model.data(model.index(PAGE_SIZE + 5, 0), ROW_ROLE)
    assert model.fetch_count == 2 and rij.id == ids[PAGE_SIZE + 5]
    assert first == service.rijen([ids[0]])[ids[0]].dossiernummer
    # fase is shown translated and sorts in path order, not alphabetically
    fase_code = model.data(model.index(0, 0), ROW_ROLE).fase
    assert model.data(model.index(0, DossierColumn.FASE), SORT_ROLE) == [f.value for f in Fase].index(fase_code)


def test_sorting_asks_the_service_instead_of_sorting_in_qt(qtbot, page) -> None:
    with qtbot.waitSignal(page.model.sort_requested) as blocker:
        page.table.sortByColumn(DossierColumn.NAAM, Qt.SortOrder.AscendingOrder)
    assert blocker.args == ["naam", False]
    qtbot.waitUntil(lambda: not page.is_searching(), timeout=10_000)
    names = _names(page.model)[:50]
    assert names == sorted(names, key=str.casefold)


def test_search_without_diacritics_finds_the_name(qtbot, page) -> None:
    qtbot.keyClicks(page.search_edit, "stefanescu")
    qtbot.waitUntil(lambda: not page.is_searching(), timeout=10_000)
    names = _names(page.model)
    assert "Mihai Ștefănescu" in names
    assert all("tef" in n.casefold() or "ștef" in n.casefold() for n in names)
    assert page.last_query_ms is not None
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "mihai stef")
    qtbot.waitUntil(lambda: not page.is_searching() and "Mihai Ștefănescu" in _names(page.model),
                    timeout=10_000)


def test_filters_narrow_the_list(qtbot, page, filled) -> None:
    _vault, _service, mihai = filled
    page.fase_combo.setCurrentIndex(page.fase_combo.findData(Fase.SIGNAAL.value))
    qtbot.waitUntil(lambda: not page.is_searching(), timeout=10_000)
    fasen = {page.model.data(page.model.index(r, 0), ROW_ROLE).fase for r in range(page.model.rowCount())}
    assert fasen == {"signaal"}
    page.gemeente_combo.setCurrentIndex(page.gemeente_combo.findData("GM0546"))
    page.vorm_combo.setCurrentIndex(page.vorm_combo.findData("arbeid"))
    page.melder_combo.setCurrentIndex(page.melder_combo.findData("politie"))
    page.jaar_combo.setCurrentIndex(page.jaar_combo.findData(mihai.meldingen[0].datum.year))
    qtbot.waitUntil(lambda: not page.is_searching(), timeout=10_000)
    rows = [page.model.data(page.model.index(r, 0), ROW_ROLE) for r in range(page.model.rowCount())]
    assert mihai.uuid in {r.uuid for r in rows}
    assert all(r.gemeente == "GM0546" and "arbeid" in r.vormen.split() and r.melder_type == "politie"
               for r in rows)
    assert page.model.data(page.model.index(0, DossierColumn.GEMEENTE)) == "Leiden"


def test_privacy_toggle_shows_initials_and_is_remembered(qtbot, page, ctx) -> None:
    qtbot.keyClicks(page.search_edit, "stefanescu")
    qtbot.waitUntil(lambda: not page.is_searching() and "Mihai Ștefănescu" in _names(page.model),
                    timeout=10_000)
    qtbot.mouseClick(page.privacy_check, Qt.MouseButton.LeftButton)
    assert ctx.privacy_initials() is True
    assert "M.Ș." in _names(page.model) and "Mihai Ștefănescu" not in _names(page.model)
    ctx.set_setting("privacy_initials", False)
    assert not page.privacy_check.isChecked() and "Mihai Ștefănescu" in _names(page.model)


def test_enter_opens_the_dossier_and_escape_returns(qtbot, page, filled) -> None:
    _vault, _service, mihai = filled
    qtbot.keyClicks(page.search_edit, "stefanescu mihai")
    qtbot.waitUntil(lambda: not page.is_searching() and "Mihai Ștefănescu" in _names(page.model),
                    timeout=10_000)
    assert set(_names(page.model)) == {"Mihai Ștefănescu"}  # demo data may hold namesakes
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.table.hasFocus() or page.table.currentIndex().isValid()
    row = next(r for r in range(page.model.rowCount())
               if page.model.data(page.model.index(r, 0), ROW_ROLE).uuid == mihai.uuid)
    page.table.setCurrentIndex(page.table.model().index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view, timeout=10_000)
    assert page.stack.currentWidget() is page.view
    assert page.view.dossier.uuid == mihai.uuid
    assert mihai.dossiernummer in page.view.info_label.text()
    assert page.view.naam_label.text() == "Mihai Ștefănescu"
    page.view.back_requested.emit()
    assert page.stack.currentWidget() is page.list_widget


def test_typing_fast_runs_few_queries_and_shows_the_last(qtbot, page, monkeypatch) -> None:
    calls: list[str] = []
    service = page.service
    original = service.zoek

    def counting(flt, *args, **kwargs):
        calls.append(flt.zoek)
        return original(flt, *args, **kwargs)

    monkeypatch.setattr(service, "zoek", counting)
    for ch in "stefanescu":
        qtbot.keyClicks(page.search_edit, ch)
    qtbot.waitUntil(lambda: not page.is_searching(), timeout=10_000)
    assert calls and calls[-1] == "stefanescu" and len(calls) <= 3
    assert "Mihai Ștefănescu" in _names(page.model)


def test_search_result_arrives_with_its_first_rows(qtbot, page) -> None:
    """The first paint after a search needs no database access on the GUI thread."""
    qtbot.keyClicks(page.search_edit, "a")
    qtbot.waitUntil(lambda: not page.is_searching(), timeout=10_000)
    before = page.model.fetch_count
    for r in range(min(page.model.rowCount(), 2 * PAGE_SIZE)):
        page.model.data(page.model.index(r, DossierColumn.NAAM))
    assert page.model.fetch_count == before


def test_labels_follow_the_language_although_they_are_cached() -> None:
    from zorgapp import i18n
    from zorgapp.ui.models.dossier_table_model import datum_label, fase_label

    dutch = (datum_label("2026-03-05"), fase_label(Fase.SIGNAAL.value))
    i18n.set_language("en")
    try:
        english = (datum_label("2026-03-05"), fase_label(Fase.SIGNAAL.value))
    finally:
        i18n.set_language("nl")
    assert dutch != english and "Mar" in english[0] and "mrt" in dutch[0]
    assert (datum_label("2026-03-05"), fase_label(Fase.SIGNAAL.value)) == dutch


def test_read_ahead_warms_every_row_once_on_the_worker_and_keeps_none(qtbot, filled,
                                                                       monkeypatch) -> None:
    """After the first list the model has the vault read every dossier's row on the
    worker, a chunk at a time in id order (it warms the vault's page cache for searches);
    it keeps no pages beyond those shown, and a new fetch function stops it."""
    import threading

    from zorgapp.ui.models import dossier_table_model
    from zorgapp.ui.models.dossier_table_model import PREFETCH_PAGES
    from zorgapp.ui.tasks import TaskRunner

    READ_AHEAD = 100  # three chunks of the 301 dossiers, and the end
    monkeypatch.setattr(dossier_table_model, "READ_AHEAD", READ_AHEAD)
    _vault, service, _mihai = filled
    ids = service.zoek(Filter(), audit_search=False)
    asked: list[tuple[int, int, int | None, bool]] = []

    def warm(after: int, count: int) -> int | None:
        last = service.verwarm(after, count)
        asked.append((after, count, last, threading.current_thread() is threading.main_thread()))
        return last

    tasks = TaskRunner()
    model = DossierTableModel()
    model.set_fetch(service.rijen, tasks, warm)
    first = ids[:PREFETCH_PAGES * PAGE_SIZE]
    model.set_ids(ids, service.rijen(first))
    qtbot.waitUntil(lambda: bool(asked) and asked[-1][2] is None, timeout=10_000)
    tasks.wait_idle()
    assert asked[0][0] == 0 and all(count == READ_AHEAD and not gui for _a, count, _l, gui in asked)
    assert [a for a, *_rest in asked[1:]] == [last for _a, _c, last, _g in asked[:-1]]
    assert asked[-2][2] == max(ids) and len(asked) == -(-len(ids) // READ_AHEAD) + 1
    assert model.fetch_count == 0 and not model.is_loading() and len(model._pages) == PREFETCH_PAGES

    asked.clear()
    model.set_fetch(service.rijen, tasks, warm)  # a new vault: the first list starts it again
    model.set_fetch(None)
    model.set_ids(ids)
    qtbot.wait(300)
    tasks.wait_idle()
    assert asked == []
    tasks.shutdown()


def test_warming_reads_the_rows_after_an_id_in_chunks(filled) -> None:
    _vault, service, _mihai = filled
    ids = sorted(service.zoek(Filter(), audit_search=False))
    assert service.verwarm(0, 3) == ids[2]
    assert service.verwarm(ids[2], len(ids)) == ids[-1]
    assert service.verwarm(ids[-1], 10) is None


# -- what the view paints: a C++ copy of the rows on screen (``DossierCellen``); it must
# always be the list's current rows, never an older list's, and never a full name in
# privacy mode

DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole


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
    assert cells.index(shown.stop + 100, DossierColumn.NAAM).data(DISPLAY) is None  # not copied
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


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
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
