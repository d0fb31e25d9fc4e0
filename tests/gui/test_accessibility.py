"""Accessibility rules that need no screen reader (offscreen): they walk every page and
every dossier tab, so a page or control added later is checked too (issue 16).

What is checked is what Qt hands to the accessibility bus (``QAccessibleInterface``):
a name for every control that is not its value, Tab leaves every item view, labels
expose the value they show, buttons' names contain their visible text (2.5.3), and
focus goes where the keyboard user is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from tests.gui.a11y_walk import screens
from tests.gui.conftest import settle, unlock
from zorgapp.ui import a11y


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, str]:
    from zorgapp.services.demo import make_demo_vault

    result = make_demo_vault(tmp_path / "demo.zorg", 8)
    return result.path, str(result.passphrase)


@pytest.fixture
def window(qtbot: Any, make_window: Any, demo: tuple[Path, str]) -> Any:
    path, phrase = demo
    win = make_window(vault_path=path, demo_passphrase=phrase)
    unlock(qtbot, win, phrase)
    settle(qtbot)
    return win


def test_every_screen_reads_well_and_lets_tab_out(window: Any) -> None:
    found = []
    seen = []
    for screen, root in screens(window):
        seen.append(screen)
        found += [f"{screen}: {p}" for p in a11y.problems(root)]
    assert len(seen) >= len(window.page_names()) + 6  # pages, dossier tabs, lock screen
    assert found == []
    trapping = [v.accessibleName() for v in window.findChildren(QAbstractItemView)
                if v.testAttribute(Qt.WidgetAttribute.WA_WState_Polished) and v.tabKeyNavigation()]
    assert trapping == []


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_problems_catches_a_combo_box_without_a_purpose(qtbot: Any) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    combo = QComboBox(root)
    combo.addItems(["Alle fasen", "Intake"])
    root.resize(400, 300)
    root.show()
    assert any("no accessible name" in p or "named by its value" in p
               for p in a11y.problems(root))


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_combo_box_is_named_by_its_buddy_label_and_keeps_its_value(qtbot: Any) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    combo = QComboBox()
    combo.addItems(["Vrouw", "Man"])
    form.addRow(QLabel("&Geslacht:"), combo)
    editable = QComboBox()
    editable.setEditable(True)
    editable.addItems(["contact", "telefoon"])
    form.addRow(QLabel("Soort:"), editable)
    root.resize(400, 300)
    root.show()
    qtbot.waitExposed(root)
    assert a11y.accessible_texts(combo) == ("Geslacht", "Vrouw")
    assert a11y.accessible_texts(editable)[0] == "Soort"
    inner = editable.lineEdit()
    assert inner is not None and a11y.accessible_texts(inner)[0] == "Soort"
    assert a11y.problems(root) == []


def test_a_label_names_its_purpose_and_its_value(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.setAccessibleName("Nieuwe meldingen")
    label.setText("3")
    assert a11y.accessible_texts(label)[0] == "Nieuwe meldingen: 3"
    label.setText("Nieuwe meldingen deze week: 4")
    assert a11y.accessible_texts(label)[0] == "Nieuwe meldingen deze week: 4"


def test_lock_screen_reads_out_the_demo_passphrase(make_window: Any,
                                                   demo: tuple[Path, str]) -> None:
    path, phrase = demo
    win = make_window(vault_path=path, demo_passphrase=phrase)
    name, _value = a11y.accessible_texts(win.lock_screen.demo_label)
    assert phrase in name
    assert win.lock_screen.demo_label.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert path.name in a11y.accessible_texts(win.lock_screen.vault_label)[0]


def test_focus_after_unlock_is_on_the_visible_page(window: Any) -> None:
    focused = window.focusWidget()
    page = window.page_stack.currentWidget()
    assert focused is not None and focused.isVisible()
    assert page.isAncestorOf(focused) or focused is window.nav


def test_arrowing_in_the_sidebar_keeps_focus_there(qtbot: Any, window: Any) -> None:
    window.nav.setFocus()
    for _ in range(len(window.page_names()) - 1):
        before = window.current_page_name()
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        assert window.current_page_name() != before
        assert window.nav.hasFocus(), window.current_page_name()


def test_sidebar_comes_before_the_lock_button_in_tab_order(window: Any) -> None:
    chain = []
    widget = window.nav
    for _ in range(3000):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.nav:
            break
    # From the sidebar, Tab reaches the page before it reaches the status bar.
    page_index = next(i for i, w in enumerate(chain) if window.page_stack.isAncestorOf(w))
    assert page_index < chain.index(window.lock_button)
    # From the top of the window, the sidebar comes before the status bar's button.
    ring: list[Any] = []
    widget = window.nextInFocusChain()
    while widget is not window and len(ring) < 3000:
        ring.append(widget)
        widget = widget.nextInFocusChain()
    assert ring.index(window.nav) < ring.index(window.lock_button)


def test_a_shortcut_per_page_in_navigation_order(window: Any) -> None:
    names = window.page_names()
    assert len(window.page_actions) == min(9, len(names))
    for row, action in enumerate(window.page_actions):
        assert action.shortcut().toString() == f"Ctrl+{row + 1}"
        action.trigger()
        assert window.current_page_name() == names[row]
        focused = window.focusWidget()
        assert focused is window.nav or window.page(names[row]).isAncestorOf(focused)
    window.lock()
    window.page_actions[0].trigger()  # locked: no page opens behind the lock screen
    assert window.is_locked()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_dialog_taller_than_the_screen_scrolls_and_fits(qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    tall = QLabel("lang formulier")
    layout.addWidget(tall)
    screen = dialog.screen().availableGeometry()
    tall.setMinimumHeight(screen.height() * 2)
    a11y.install(QApplication.instance())  # type: ignore[arg-type]
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.property("a11y_scrolls")
    qtbot.waitUntil(lambda: dialog.height() <= screen.height())
    assert tall.window() is dialog  # still in the dialog, inside the scroll area


def test_main_window_fits_a_small_screen(window: Any) -> None:
    screen = window.screen().availableGeometry()
    assert window.minimumWidth() <= screen.width()
    assert window.minimumHeight() <= screen.height()
