"""The dossier list paints from Qt items (issue 15): what Qt reads through
``QModelIndex.data`` (the view, tool tips, screen readers) must say what the model's
Python ``data`` says, also after privacy, language and data changes and when scrolling."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from zorgapp import i18n
from zorgapp.store.dossiers import DossierRij
from zorgapp.ui.models.dossier_cells import HEADERS, datum_label
from zorgapp.ui.models.dossier_table_model import UUID_ROLE, DossierColumn, DossierTableModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _rij(i: int, deadline: date | None = None) -> DossierRij:
    return DossierRij(id=i, uuid=f"uuid-{i}", dossiernummer=f"HM-2026-{i:04d}",
                      naam=f"Ana Popescu {i}", fase="signaal", fase_sinds=None, vormen="arbeid",
                      melder_type="politie", gemeente="GM0546", melddatum="2026-01-05",
                      deadline=deadline.isoformat() if deadline else None, geboortedatum=None)


def _model(n: int = 120, late: int | None = None) -> DossierTableModel:
    rows = {i: _rij(i, date.today() - timedelta(days=1) if i == late else None) for i in range(n)}
    model = DossierTableModel(lambda ids: {i: rows[i] for i in ids})
    model.set_ids(list(range(n)), rows)
    return model


def _same_in_qt_and_python(model: DossierTableModel, rows: range) -> None:
    for r in rows:
        for c in range(model.columnCount()):
            index = model.index(r, c)
            for role in ROLES:
                assert index.data(role) == model.data(index, role), (r, c, role)
        assert model.index(r, 0).data(UUID_ROLE) == model.data(model.index(r, 0), UUID_ROLE)


def test_first_rows_have_items_that_say_what_data_says() -> None:
    model = _model(late=3)
    _same_in_qt_and_python(model, range(10))
    deadline = model.index(3, DossierColumn.DEADLINE)
    assert deadline.data(Qt.ItemDataRole.ForegroundRole) == model.data(deadline, Qt.ItemDataRole.ForegroundRole)
    assert deadline.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(4, DossierColumn.DEADLINE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_rows_shown_later_get_items_and_far_rows_none() -> None:
    model = _model(n=400)
    assert model.index(300, 1).data() is None  # no items before they are on screen
    model.show_rows(290, 320)
    _same_in_qt_and_python(model, range(290, 321))


def test_privacy_and_language_change_the_items_on_screen() -> None:
    model = _model()
    model.set_privacy(True)
    assert model.index(2, DossierColumn.NAAM).data() == "A.P."
    assert not any("Popescu" in (model.index(r, 1).data() or "") for r in range(model.rowCount()))
    model.set_privacy(False)
    i18n.set_language("en")
    try:
        model.retranslate()
        _same_in_qt_and_python(model, range(5))
        assert model.index(0, DossierColumn.MELDDATUM).data() == datum_label("2026-01-05")
        assert model.headerData(1, Qt.Orientation.Horizontal) == i18n._(HEADERS[DossierColumn.NAAM])
    finally:
        i18n.set_language("nl")
        model.retranslate()
    assert model.index(0, DossierColumn.MELDDATUM).data() == "5 jan 2026"


def test_date_labels_are_babels() -> None:
    for language in ("nl", "en"):
        i18n.set_language(language)
        try:
            for days in range(0, 800, 37):
                day = date(2025, 1, 1) + timedelta(days=days)
                assert datum_label(day.isoformat()) == i18n.format_date(day)
        finally:
            i18n.set_language("nl")


@pytest.fixture
def shown(qtbot, ctx, vault):
    from zorgapp.services.demo import fill_demo
    from zorgapp.ui.pages.dossiers import DossiersPage

    fill_demo(vault, 300, vandaag=date.today())
    page = DossiersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.set_vault(vault)
    qtbot.waitUntil(lambda: not page.is_searching() and page.model.rowCount() > 0, timeout=10_000)
    yield page
    page.clear()


def test_the_view_paints_without_asking_python(shown, monkeypatch) -> None:
    asked = []
    python_data = DossierTableModel._python_data

    def counted(self: DossierTableModel, *args: Any) -> Any:
        asked.append(args)
        return python_data(self, *args)

    monkeypatch.setattr(DossierTableModel, "_python_data", counted)
    shown.table.viewport().repaint()
    assert asked == []
    monkeypatch.undo()
    last = shown.table.rowAt(shown.table.viewport().height() - 1)
    assert last > 10
    _same_in_qt_and_python(shown.model, range(last + 1))


def test_scrolling_and_changes_reach_the_items(qtbot, shown) -> None:
    model, table = shown.model, shown.table
    table.scrollToBottom()
    end = model.rowCount() - 1
    qtbot.waitUntil(lambda: model.index(end, 0).data() is not None, timeout=10_000)
    _same_in_qt_and_python(model, range(end - 5, end + 1))

    table.scrollToTop()
    before = model.index(0, DossierColumn.NAAM).data()
    uuid = model.index(0, 0).data(UUID_ROLE)
    persoon = shown.service.laad(uuid).persoon
    shown.service.persoon_opslaan(uuid, replace(persoon, naam=before + " Nieuw"))
    model.invalidate()  # what the page does after a change in the dossier view
    qtbot.waitUntil(lambda: model.index(0, DossierColumn.NAAM).data() == before + " Nieuw",
                    timeout=10_000)


def test_rows_far_from_the_screen_give_up_their_items(monkeypatch) -> None:
    from zorgapp.ui.models import dossier_table_model

    monkeypatch.setattr(dossier_table_model, "KEPT_ROWS", 60)
    model = _model(n=400)
    for first in range(0, 400, 30):
        model.show_rows(first, first + 29)
    assert model.index(0, 1).data() is None and model.item(0, 1) is None
    _same_in_qt_and_python(model, range(370, 400))
    assert model.data(model.index(0, 1)) == "Ana Popescu 0"
    model.show_rows(0, 29)
    _same_in_qt_and_python(model, range(30))
