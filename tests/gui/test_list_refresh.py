"""The dossier list and the dashboard follow changes made elsewhere (issue 15, item 4):
after a bundle is read in (Beheer > Overdracht) the list shows the new dossiers without
the user typing in the search box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import settle
from tests.unit.exchange.conftest import make_pair

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def pair(tmp_path: Path) -> Any:
    p = make_pair(tmp_path)
    yield p
    from zorgapp.ui.tasks import runner

    runner().wait_idle()
    for v in (p.a, p.b):
        if v.is_open:
            v.lock()


def test_list_shows_imported_dossiers_without_typing(qtbot: Any, make_window: Any,
                                                      pair: Any) -> None:
    from zorgapp.ui.dialogs.import_dialog import ImportDialog

    bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "uit", [pair.sb.kaart().age_recipient]).pad
    window = make_window(vault=pair.b)
    window.show_page("dossiers")
    dossiers = window.page("dossiers")
    settle(qtbot)
    qtbot.waitUntil(lambda: not dossiers.is_searching(), timeout=10_000)
    before = dossiers.model.rowCount()
    refreshed: list[str] = []
    window.ctx.data_changed.connect(refreshed.append)

    dialog = ImportDialog(window.ctx, pair.b, bundle, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20_000)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert refreshed == ["import"]
    assert dossiers.search_edit.text() == ""  # nobody typed
    qtbot.waitUntil(lambda: dossiers.model.rowCount() == before + len(pair.uuids),
                    timeout=20_000)


def test_a_change_elsewhere_refreshes_list_and_shown_dashboard(qtbot: Any, make_window: Any,
                                                               pair: Any) -> None:
    window = make_window(vault=pair.a)
    dossiers = window.page("dossiers")
    overzicht = window.page("overzicht")
    window.show_page("overzicht")
    settle(qtbot)
    queries, refreshes = [], []
    dossiers.run_query = lambda: queries.append(1)
    overzicht.refresh = lambda: refreshes.append(1)
    window.ctx.data_changed.emit("opvang")
    assert queries == [1] and refreshes == [1]
    window.ctx.data_changed.emit("dossiers")  # its own change: the list has it already
    assert queries == [1] and refreshes == [1, 1]


def test_a_typed_search_is_still_recorded(qtbot: Any, make_window: Any, pair: Any) -> None:
    """The list shows the rows before the search's audit entry is committed; the entry
    follows on the same worker, with the count found (issue 15, item 4)."""
    window = make_window(vault=pair.a)
    window.show_page("dossiers")
    dossiers = window.page("dossiers")
    settle(qtbot)
    with pair.a.read() as db:
        before = db.execute("SELECT count(*) FROM audit WHERE action = 'search'").fetchone()[0]
    qtbot.keyClicks(dossiers.search_edit, "a")
    qtbot.waitUntil(lambda: not dossiers.is_searching(), timeout=10_000)
    settle(qtbot)
    with pair.a.read() as db:
        rows = db.execute("SELECT outcome, fields FROM audit WHERE action = 'search' "
                          "ORDER BY seq").fetchall()
    assert len(rows) == before + 1
    assert rows[-1] == (str(dossiers.model.rowCount()), '["zoektekst"]')
