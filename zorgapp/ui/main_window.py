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

At the start the window shows its lock screen first: banners, navigation, status-bar
widgets, shortcuts and the auto-lock (``main_window_parts``) follow its first paint
(issue 15); every method that needs them builds them first (``complete``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from zorgapp import APP_NAME
from zorgapp.i18n import N_, _
from zorgapp.ui import a11y, translation, window_state
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.unlock_dialog import LockScreenWidget
from zorgapp.ui.focus import focus_first_in
from zorgapp.ui.pages import PageEntry, page_entries
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:  # event classes too: naming QCloseEvent makes QEvent's type (5 ms)
    from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

    from zorgapp.store.vault import Vault
    from zorgapp.ui.autolock import AutoLock
    from zorgapp.ui.pages.base import Page
    from zorgapp.ui.widgets.audit_banner import AuditBannerWidget
    from zorgapp.ui.widgets.page_check import PageCheckWidget

log = logging.getLogger(__name__)

LOCK_INDEX, CONTENT_INDEX = 0, 1
DEFAULT_PAGE = "overzicht"


class MainWindow(QMainWindow):
    """Signals ``vault_unlocked(vault)`` and ``vault_locked()`` for the application.

    ``first_paint_first``: the start shows the lock screen before the other parts are
    built (``main_window_parts``); they follow the first paint, or the first call that
    needs them (``complete``)."""

    vault_unlocked = Signal(object)
    vault_locked = Signal()

    # Built by main_window_parts.build:
    demo_banner: QLabel
    audit_banner: AuditBannerWidget
    nav: QListWidget
    page_stack: QStackedWidget
    file_label: QLabel
    schema_label: QLabel
    lock_button: QPushButton
    page_check: PageCheckWidget
    lock_action: QAction
    new_signal_action: QAction
    page_actions: list[QAction]
    autolock: AutoLock

    def __init__(self, ctx: UiContext, vault_path: Path | None = None,
                 vault: Vault | None = None, demo_passphrase: str | None = None,
                 parent: QWidget | None = None, *, first_paint_first: bool = False) -> None:
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
        self._parts_built = False
        self.entries: list[PageEntry] = page_entries()
        self._built: dict[str, Page] = {}  # pages built so far, by name
        a11y.install(QApplication.instance())  # type: ignore[arg-type]
        self._build_frame()
        self._build_lock_screen()
        translation.register(self)
        if not first_paint_first or vault is not None or self.is_demo:
            self.complete()
        self.retranslate()
        self._fit_to_screen()
        if vault is not None:
            self.set_vault(vault)
        else:
            self._show_lock_screen()

    # -- building ------------------------------------------------------------------

    def _build_frame(self) -> None:
        """Central widget: (banners, built with the other parts) above the root stack of
        lock screen and content; the status bar (its widgets come later)."""
        central = QWidget()
        self._outer = QVBoxLayout(central)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self.root = QStackedWidget()
        self._outer.addWidget(self.root, 1)
        self.setCentralWidget(central)
        self.statusBar()  # now, so that the lock screen does not move when it fills

    def _build_lock_screen(self) -> None:
        """The lock screen, first page of the root stack."""
        self.lock_screen = LockScreenWidget(self.ctx.tasks, check_pages_later=True,
                                            complete_later=True)
        self.lock_screen.set_vault_path(self.vault_path)
        self.lock_screen.set_demo_passphrase(self.demo_passphrase)
        self.lock_screen.unlocked.connect(self.set_vault)
        self.lock_screen.path_changed.connect(self._path_chosen)
        self.root.addWidget(a11y.scrolling(self.lock_screen))  # 200 %: scroll, not cut off

    def complete(self) -> None:
        """Build the parts the lock screen does without (once)."""
        if self._parts_built:
            return
        self._parts_built = True
        from zorgapp.ui import main_window_parts

        self.lock_screen.complete()
        main_window_parts.build(self, self._outer)
        self.retranslate()
        self.demo_banner.setVisible(self.is_demo)

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
        if self._parts_built:
            from zorgapp.ui import main_window_parts

            main_window_parts.retranslate(self)
            self._update_status()

    def _update_status(self) -> None:
        if not self._parts_built:
            return
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
        self.complete()
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
        self.complete()
        self.nav.setCurrentRow(index)

    def current_page_name(self) -> str:
        from zorgapp.ui.pages.base import Page

        if not self._parts_built:
            return DEFAULT_PAGE
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
        self.complete()
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
        from zorgapp.ui import clipboard

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
        if self._parts_built:
            self.demo_banner.setVisible(self.is_demo)
        self._update_status()
        self.lock_screen.focus_field()

    def _path_chosen(self, path: Path) -> None:
        self.vault_path = path
        self.is_demo = False
        self.demo_passphrase = None
        if self._parts_built:
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
        """Once the window is on screen: the other parts, and the accessibility filter
        (``a11y.install`` left it for now when the start asked so)."""
        self.complete()
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
            if self._parts_built:
                self.autolock.detach()
            event.accept()
            return
        event.ignore()
        if not self._closing:
            self._closing = True
            self._hide_contents()  # drops self.vault: the one captured above is closed
            from zorgapp.ui import closing

            closing.backup_lock_and_close(self, vault)
