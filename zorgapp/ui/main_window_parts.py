"""The main window's parts the lock screen does not show: banners, navigation and page
stack, the status bar's widgets, the shortcuts and the auto-lock.

``MainWindow`` builds them in its constructor, or, at the start of the application,
just after its first paint (``MainWindow(first_paint_first=True)``): the lock screen then
appears without waiting for them, nor for the Python types PySide6 makes for every Qt
class and enum they name (``Qt`` alone: 40 ms; issue 15). This module is imported at
that moment, not before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _
from zorgapp.ui import a11y
from zorgapp.ui.autolock import AutoLock
from zorgapp.ui.dialogs.unlock_dialog import DEMO_STYLE
from zorgapp.ui.focus import page_shortcuts, shortcut_text
from zorgapp.ui.widgets.audit_banner import AuditBannerWidget
from zorgapp.ui.widgets.page_check import PageCheckWidget

if TYPE_CHECKING:
    from zorgapp.ui.main_window import MainWindow


def build(window: MainWindow, outer: QVBoxLayout) -> None:
    """Everything but the lock screen; ``outer`` is the central widget's layout."""
    _build_banners(window, outer)
    _build_content(window)
    _build_status_bar(window)
    _build_shortcuts(window)
    window.autolock = AutoLock(int(window.ctx.setting("autolock_minutes")), window)
    window.autolock.lock_requested.connect(window.lock)
    window.ctx.setting_changed.connect(window._setting_changed)


def _build_banners(window: MainWindow, outer: QVBoxLayout) -> None:
    """Demo and audit banners above the root stack (hidden until needed)."""
    window.demo_banner = QLabel()
    window.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.demo_banner.setStyleSheet(DEMO_STYLE.replace("border-radius: 3px;", ""))
    window.demo_banner.hide()
    outer.insertWidget(0, window.demo_banner)
    window.audit_banner = AuditBannerWidget()  # the trail did not match its head at unlock
    outer.insertWidget(1, window.audit_banner)


def _build_content(window: MainWindow) -> None:
    """Navigation list beside the page stack, one entry per page."""
    content = QWidget()
    row = QHBoxLayout(content)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    window.nav = QListWidget()
    window.nav.setObjectName("navigation")
    window.nav.setFixedWidth(190)
    window.nav.setIconSize(QSize(20, 20))
    window.nav.setSpacing(2)
    window.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; padding-top: 8px; }"
                             "QListWidget#navigation::item { padding: 6px 10px; }")
    window.page_stack = QStackedWidget()
    for entry in window.entries:
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, entry.name)
        window.nav.addItem(item)
    window.nav.currentRowChanged.connect(window._nav_changed)
    row.addWidget(window.nav)
    row.addWidget(a11y.scrolling(window.page_stack), 1)
    window.root.addWidget(content)


def _build_status_bar(window: MainWindow) -> None:
    """File, schema version and the lock button in the status bar."""
    status = window.statusBar()
    window.file_label = QLabel()
    window.schema_label = QLabel()  # stays empty: a schema number means nothing to a user
    window.lock_button = QPushButton()
    window.lock_button.setFlat(True)
    window.lock_button.clicked.connect(window.lock)
    for label in (window.file_label, window.schema_label):
        label.setContentsMargins(8, 0, 8, 0)
    window.page_check = PageCheckWidget()  # quiet, while every page is checked
    window.page_check.damaged.connect(window._vault_damaged)
    status.addPermanentWidget(window.page_check)
    status.addPermanentWidget(window.file_label)
    status.addPermanentWidget(window.schema_label)
    status.addPermanentWidget(window.lock_button)
    QWidget.setTabOrder(window.nav, window.page_stack)  # sidebar, page, then status bar


def _build_shortcuts(window: MainWindow) -> None:
    """Window-wide Ctrl+L (lock), Ctrl+N (new signal) and Ctrl+1 … (pages)."""
    window.lock_action = QAction(window)
    window.lock_action.setShortcut(QKeySequence("Ctrl+L"))
    window.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.lock_action.triggered.connect(window.lock)
    window.addAction(window.lock_action)

    window.new_signal_action = QAction(window)
    window.new_signal_action.setShortcut(QKeySequence("Ctrl+N"))
    window.new_signal_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.new_signal_action.triggered.connect(window.new_signal)
    window.addAction(window.new_signal_action)
    window.page_actions = page_shortcuts(window, len(window.entries), window._shortcut_page)


def retranslate(window: MainWindow) -> None:
    """The texts of these parts in the current language."""
    window.demo_banner.setText(_("DEMO — alle gegevens in deze kluis zijn verzonnen"))
    window.demo_banner.setAccessibleName(window.demo_banner.text())
    window.audit_banner.retranslate()
    window.page_check.retranslate()
    window.nav.setAccessibleName(_("Navigatie"))
    window.page_stack.setAccessibleName(_("Inhoud"))
    for index, entry in enumerate(window.entries):
        item = window.nav.item(index)
        item.setText(entry.title())
        item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title())
        item.setToolTip(shortcut_text(window.page_actions, index))
    for page in window._built.values():
        page.retranslate()
    window.lock_button.setText(_("Vergrendelen (Ctrl+L)"))
    window.lock_button.setAccessibleName(_("Vergrendelen"))
    window.lock_button.setToolTip(_("Kluis vergrendelen en gegevens verbergen"))
    window.lock_action.setText(_("Vergrendelen"))
