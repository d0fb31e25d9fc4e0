"""The main window: navigation on the left, one page per area, the lock screen.

The central widget is a stack of two: the lock screen and the content. Locking
(Ctrl+L, idle timeout, suspend, window close) clears every page, shows the lock
screen and locks the vault on the task runner (drops key and connection); unlocking
gives every page the new vault and returns to the page the user was on.

Adding an area: write a ``Page`` subclass (``zorgapp/ui/pages/base.py``) and add a
``PageEntry`` to ``zorgapp.ui.pages.PAGES``; it is built when first shown or asked for
(``page(name)``, ``show_page(name)``), with the open vault. A page opens a dossier with
``Page.request_dossier(uuid)``: the window connects every page's ``open_dossier``
signal once, to ``open_dossier``. Changes reach other pages via ``UiContext.data_changed``.
Every page's HMAC is checked after the unlock (``widgets/page_check.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zorgapp import APP_NAME
from zorgapp.i18n import N_, _
from zorgapp.ui import a11y, clipboard, closing, translation, window_state
from zorgapp.ui.autolock import AutoLock
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.unlock_dialog import DEMO_STYLE, LockScreenWidget
from zorgapp.ui.focus import focus_first_in, page_shortcuts, shortcut_text
from zorgapp.ui.pages import PageEntry, page_entries
from zorgapp.ui.pages.base import Page
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.audit_banner import AuditBannerWidget
from zorgapp.ui.widgets.page_check import PageCheckWidget

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault

log = logging.getLogger(__name__)

LOCK_INDEX, CONTENT_INDEX = 0, 1
DEFAULT_PAGE = "overzicht"


class MainWindow(QMainWindow):
    """Signals ``vault_unlocked(vault)`` and ``vault_locked()`` for the application."""

    vault_unlocked = Signal(object)
    vault_locked = Signal()

    def __init__(self, ctx: UiContext, vault_path: Path | None = None,
                 vault: Vault | None = None, demo_passphrase: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vault: Vault | None = None
        self.vault_path: Path | None = Path(vault_path) if vault_path else None
        self.demo_passphrase = demo_passphrase
        self.is_demo = demo_passphrase is not None
        self._return_page = DEFAULT_PAGE
        self._schema: int | None = None
        self._closing = False
        self._may_close = False
        self._painted = False
        self.entries: list[PageEntry] = page_entries()
        self._built: dict[str, Page] = {}  # pages built so far, by name
        a11y.install(QApplication.instance())  # type: ignore[arg-type]
        self._build()
        self.autolock = AutoLock(int(ctx.setting("autolock_minutes")), self)
        self.autolock.lock_requested.connect(self.lock)
        ctx.setting_changed.connect(self._setting_changed)
        translation.register(self)
        self.retranslate()
        self._fit_to_screen()
        if vault is not None:
            self.set_vault(vault)
        else:
            self._show_lock_screen()

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        """Banners over a stack of lock screen and content, a status bar, shortcuts."""
        self._build_frame()
        self._build_lock_screen()
        self._build_content()
        self._build_status_bar()
        self._build_shortcuts()

    def _build_frame(self) -> None:
        """Central widget: demo and audit banners above the root stack."""
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.demo_banner = QLabel()
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setStyleSheet(DEMO_STYLE.replace("border-radius: 3px;", ""))
        self.demo_banner.hide()
        outer.addWidget(self.demo_banner)
        self.audit_banner = AuditBannerWidget()  # the trail did not match its head at unlock
        outer.addWidget(self.audit_banner)
        self.root = QStackedWidget()
        outer.addWidget(self.root, 1)
        self.setCentralWidget(central)

    def _build_lock_screen(self) -> None:
        """The lock screen, first page of the root stack."""
        self.lock_screen = LockScreenWidget(self.ctx.tasks, check_pages_later=True)
        self.lock_screen.set_vault_path(self.vault_path)
        self.lock_screen.set_demo_passphrase(self.demo_passphrase)
        self.lock_screen.unlocked.connect(self.set_vault)
        self.lock_screen.path_changed.connect(self._path_chosen)
        self.root.addWidget(a11y.scrolling(self.lock_screen))  # 200 %: scroll, not cut off

    def _build_content(self) -> None:
        """Navigation list beside the page stack, one entry per page."""
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; padding-top: 8px; }"
                               "QListWidget#navigation::item { padding: 6px 10px; }")
        self.page_stack = QStackedWidget()
        for entry in self.entries:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.name)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._nav_changed)
        row.addWidget(self.nav)
        row.addWidget(a11y.scrolling(self.page_stack), 1)
        self.root.addWidget(content)

    def _build_status_bar(self) -> None:
        """File, schema version and the lock button in the status bar."""
        status = self.statusBar()
        self.file_label = QLabel()
        self.schema_label = QLabel()  # stays empty: a schema number means nothing to a user
        self.lock_button = QPushButton()
        self.lock_button.setFlat(True)
        self.lock_button.clicked.connect(self.lock)
        for label in (self.file_label, self.schema_label):
            label.setContentsMargins(8, 0, 8, 0)
        self.page_check = PageCheckWidget()  # quiet, while every page is checked
        self.page_check.damaged.connect(self._vault_damaged)
        status.addPermanentWidget(self.page_check)
        status.addPermanentWidget(self.file_label)
        status.addPermanentWidget(self.schema_label)
        status.addPermanentWidget(self.lock_button)
        QWidget.setTabOrder(self.nav, self.page_stack)  # sidebar, page, then status bar

    def _build_shortcuts(self) -> None:
        """Window-wide Ctrl+L (lock) and Ctrl+N (new signal)."""
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)

        self.new_signal_action = QAction(self)
        self.new_signal_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_signal_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_signal_action.triggered.connect(self.new_signal)
        self.addAction(self.new_signal_action)
        self.page_actions = page_shortcuts(self, len(self.entries), self._shortcut_page)

    def _build_page(self, entry: PageEntry) -> Page:
        """Import and build one page on first use; it gets the open vault at once."""
        page: Page = entry.load()(self.ctx)
        self._built[entry.name] = page
        self.page_stack.addWidget(page)
        page.open_dossier.connect(self.open_dossier)
        if hasattr(page, "restore_requested"):
            page.restore_requested.connect(self.restore_backup)
        if self.vault is not None:
            page.set_vault(self.vault)
        return page

    def open_dossier(self, uuid: str) -> None:
        """Every page's ``open_dossier`` signal lands here: show it on the Dossiers page."""
        self.show_page("dossiers")
        self.page("dossiers").show_dossier(uuid)  # type: ignore[attr-defined]

    def new_signal(self) -> None:
        """Ctrl+N anywhere in the window: the intake wizard for a new signal."""
        if self.is_locked():
            return
        self.show_page("dossiers")
        self.page("dossiers").nieuwe_melding()  # type: ignore[attr-defined]

    def _fit_to_screen(self) -> None:
        """Last run's size and position, else a first size (maximised on small screens);
        the minimum follows the screen (at 200 % a 1366x768 screen is 683x384)."""
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        self.setMinimumSize(min(960, area.width()) if area else 960,
                            min(600, area.height() - 40) if area else 600)
        if not window_state.restore(self):
            window_state.first_size(self)

    def retranslate(self) -> None:
        if self.vault is not None:
            self.setWindowTitle(_("{app} — {kluis}").format(app=APP_NAME, kluis=self.vault.path.name))
        else:
            self.setWindowTitle(APP_NAME)
        self.setAccessibleName(_("Hoofdvenster van Zorgapp"))
        self.demo_banner.setText(_("DEMO — alle gegevens in deze kluis zijn verzonnen"))
        self.demo_banner.setAccessibleName(self.demo_banner.text())
        self.audit_banner.retranslate()
        self.page_check.retranslate()
        self.nav.setAccessibleName(_("Navigatie"))
        self.page_stack.setAccessibleName(_("Inhoud"))
        for index, entry in enumerate(self.entries):
            item = self.nav.item(index)
            item.setText(entry.title())
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title())
            item.setToolTip(shortcut_text(self.page_actions, index))
        for page in self._built.values():
            page.retranslate()
        self.lock_button.setText(_("Vergrendelen (Ctrl+L)"))
        self.lock_button.setAccessibleName(_("Vergrendelen"))
        self.lock_button.setToolTip(_("Kluis vergrendelen en gegevens verbergen"))
        self.lock_action.setText(_("Vergrendelen"))
        self._update_status()

    def _update_status(self) -> None:
        if self.vault is not None and self.vault.is_open:
            self.file_label.setText(_("Kluis: {naam}").format(naam=self.vault.path.name))
            self.file_label.setToolTip(str(self.vault.path))
            self.schema_label.clear()
        else:
            self.file_label.clear()
            self.schema_label.clear()
        self.file_label.setAccessibleDescription(_("Kluisbestand"))
        locked = self.vault is None
        self.lock_button.setVisible(not locked)
        self.lock_button.setEnabled(not locked)
        self.lock_action.setEnabled(not locked)
        self._sync_new_signal()

    # -- navigation ----------------------------------------------------------------

    def page(self, name: str) -> Page:
        """The page called ``name``, built now if it was not yet (KeyError: no such page)."""
        if name not in self._built:
            self._build_page({entry.name: entry for entry in self.entries}[name])
        return self._built[name]

    @property
    def pages(self) -> list[Page]:
        """Every page in navigation order, building those not built yet (tests, tools)."""
        return [self.page(name) for name in self.page_names()]

    def page_names(self) -> list[str]:
        return [entry.name for entry in self.entries]

    def show_page(self, name: str) -> None:
        index = self.page_names().index(name)
        self.nav.setCurrentRow(index)

    def current_page_name(self) -> str:
        page = self.page_stack.currentWidget()
        return page.name if isinstance(page, Page) else DEFAULT_PAGE

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        in_nav = self.nav.hasFocus()  # arrowing through the sidebar stays in the sidebar
        self.page_stack.setCurrentWidget(page := self.page(self.entries[row].name))
        self._sync_new_signal()
        if self.vault is not None:
            page.activated()
        if in_nav:
            self.nav.setFocus()

    def _sync_new_signal(self) -> None:
        """The Dossiers page has its own Ctrl+N; two enabled shortcuts for one key are
        ambiguous to Qt (neither fires), so the window's yields while that page shows."""
        self.new_signal_action.setEnabled(
            self.vault is not None and self.current_page_name() != "dossiers")

    def _shortcut_page(self, row: int) -> None:
        """Ctrl+<n>: open the n-th page and put the keyboard there."""
        if self.is_locked() or row >= self.nav.count():
            return
        self.nav.setCurrentRow(row)
        focus_first_in(self.page_stack.currentWidget(), self.nav)

    # -- locking -------------------------------------------------------------------

    def is_locked(self) -> bool:
        return self.vault is None

    def set_vault(self, vault: Vault) -> None:
        """Show the content for an open vault, back on the page the user left; the demo
        mark is read on the worker and the banner follows when it arrives."""
        self.vault = vault
        self.vault_path = vault.path
        self._schema = None
        self.demo_banner.setVisible(self.is_demo)
        self.audit_banner.show_for(vault)  # in memory: what the unlock noticed
        if not vault.pages_checked:
            self.page_check.start(vault)
        self.ctx.tasks.run(lambda: (vault.schema_version(), vault.meta("demo") == "1"),
                           on_done=lambda facts: self._vault_facts(vault, *facts), owner=self)
        for page in self._built.values():
            page.set_vault(vault)
        self.root.setCurrentIndex(CONTENT_INDEX)
        self.show_page(self._return_page if self._return_page in self.page_names() else DEFAULT_PAGE)
        focus_first_in(self.page_stack.currentWidget(), self.nav)  # not a hidden page's table
        self.lock_screen.set_vault_path(vault.path)
        self.retranslate()
        self.autolock.set_minutes(int(self.ctx.setting("autolock_minutes")))
        self.autolock.start()
        log.info("vault unlocked")
        self.vault_unlocked.emit(vault)

    def _vault_facts(self, vault: Vault, schema: int, demo: bool) -> None:
        if vault is not self.vault:
            return
        self._schema = schema
        self.is_demo = self.is_demo or demo
        self.demo_banner.setVisible(self.is_demo)
        if not self.is_demo:
            self.ctx.set_setting("last_vault", str(vault.path))
        self._update_status()

    def lock(self) -> None:
        """Hide everything, then drop key and connection (on the task runner), queued
        behind a running task instead of closing the connection under it; results of
        earlier tasks are dropped (``TaskRunner.new_epoch``)."""
        vault = self.vault
        if vault is None:
            return
        self._return_page = self.current_page_name()
        self._hide_contents()
        self.ctx.tasks.run(vault.lock)
        log.info("vault locked")
        self.vault_locked.emit()

    def _hide_contents(self) -> None:
        self.autolock.stop()
        self.vault = None
        clipboard.clear_ours()  # a copied name or key must not outlive the lock
        self.audit_banner.clear()
        self.page_check.stop()
        self.ctx.tasks.new_epoch()
        for page in self._built.values():
            page.clear()
        # Previews and forms left open (a letter, a stage dialog) show client data too.
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self._show_lock_screen()
        self.retranslate()

    def _vault_damaged(self, vault: Vault, error: BaseException) -> None:
        """A page failed the check after the unlock: stop as that unlock would have."""
        if vault is self.vault:
            self._hide_contents()
            self.ctx.tasks.run(vault.abandon)  # closed without writing anything
            self.lock_screen.show_message(message_for(error))
            self.vault_locked.emit()

    def _show_lock_screen(self) -> None:
        self.root.setCurrentIndex(LOCK_INDEX)
        self.lock_screen.reset()
        self.lock_screen.set_vault_path(self.vault_path)
        self.demo_banner.setVisible(self.is_demo)
        self._update_status()
        self.lock_screen.focus_field()

    def _path_chosen(self, path: Path) -> None:
        self.vault_path = path
        self.is_demo = False
        self.demo_passphrase = None
        self.demo_banner.hide()
        self._return_page = DEFAULT_PAGE

    def _setting_changed(self, key: str) -> None:
        if key == "autolock_minutes":
            self.autolock.set_minutes(int(self.ctx.setting(key)))

    # -- restore -------------------------------------------------------------------

    def restore_backup(self, backup: Path, passphrase: str) -> None:
        """Close the vault, put ``backup`` in its place and open it with ``passphrase``."""
        vault = self.vault
        if vault is None:
            return
        self._return_page = self.current_page_name()
        self._hide_contents()
        self.lock_screen.set_preparing(N_("Reservekopie wordt teruggezet…"))
        from zorgapp.services import vault_service  # not at start: the lock screen needs none of it

        self.ctx.tasks.run(lambda: vault_service.restore_and_reopen(vault, Path(backup), passphrase),
                           owner=self, on_done=self._restored, on_error=self._restore_failed,
                           on_finally=lambda: self.lock_screen.set_preparing(None))

    def _restored(self, vault: Vault) -> None:
        self.lock_screen.set_preparing(None)
        self.set_vault(vault)
        self.statusBar().showMessage(_("De reservekopie is teruggezet."), 10_000)

    def _restore_failed(self, exc: BaseException) -> None:
        self.lock_screen.set_preparing(None)
        self.lock_screen.show_message(message_for(exc))

    # -- after the first paint -----------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """The first paint schedules what the lock screen can show without."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Once the window is on screen: the accessibility filter (``a11y.install``
        left it for now when the start asked so)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            a11y.install_filter(app)

    # -- closing -------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """With an open vault: back up and lock first (off the GUI thread), then close."""
        vault = self.vault
        if not self._closing:
            window_state.save(self)
        if vault is None or self._may_close:
            self.autolock.detach()
            event.accept()
            return
        event.ignore()
        if not self._closing:
            self._closing = True
            self._hide_contents()  # drops self.vault: the one captured above is closed
            closing.backup_lock_and_close(self, vault)
