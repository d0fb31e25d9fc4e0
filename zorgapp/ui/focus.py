"""Keyboard focus helpers for the main window: page shortcuts and the first control of
the page that is shown (WCAG 2.4.3, 2.1.1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

# Qt, QAction and QKeySequence are named where used: the main window imports this module
# before its lock screen shows, which needs none of them (issue 15).

MAX_PAGE_SHORTCUTS = 9  # Ctrl+1 … Ctrl+9


def page_shortcuts(window: QWidget, count: int,
                   go: Callable[[int], None]) -> list[QAction]:
    """Ctrl+1 … Ctrl+<count> (at most 9), one per page in navigation order."""
    actions = []
    for row in range(min(count, MAX_PAGE_SHORTCUTS)):
        action = QtGui.QAction(window)
        action.setShortcut(QtGui.QKeySequence(f"Ctrl+{row + 1}"))
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, r=row: go(r))
        window.addAction(action)
        actions.append(action)
    return actions


def shortcut_text(actions: list[QAction], row: int) -> str:
    """The shortcut of page ``row`` as shown in its tooltip ("" past Ctrl+9)."""
    if row >= len(actions):
        return ""
    return actions[row].shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)


def _takes_tab(widget: QWidget) -> bool:
    tab = QtCore.Qt.FocusPolicy.TabFocus
    return widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & tab == tab


def focus_first_in(container: QWidget | None, fallback: QWidget) -> QWidget:
    """Focus the first control of ``container`` in Tab order that is visible and takes
    Tab focus, else ``fallback``; returns the widget that got it."""
    target = fallback
    if container is not None:
        probe: QWidget | None = container.nextInFocusChain()
        for _ in range(5000):  # the chain is a ring over the whole window
            if probe is None or probe is container:
                break
            if container.isAncestorOf(probe) and _takes_tab(probe):
                target = probe
                break
            probe = probe.nextInFocusChain()
    target.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
    return target
