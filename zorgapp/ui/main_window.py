"""The main window: navigation on the left, one page per area, the lock screen.

The central widget is a stack of two: the lock screen and the content. Locking
(Ctrl+L, idle timeout, suspend, window close) clears every page, shows the lock
screen and locks the vault on the task runner (drops key and connection); unlocking
gives every page the new vault and returns to the page the user was on.

Adding an area: write a ``Page`` subclass (``zorgapp/ui/pages/base.py``) and list it
in ``zorgapp.ui.pages.page_classes()``. Pages reach the window's vault via
``set_vault``; use ``window.page(name)`` / ``show_page(name)`` to navigate. A page
opens a dossier with ``Page.request_dossier(uuid)``: the window connects every page's
``open_dossier`` signal once, to ``open_dossier``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zorgapp import APP_NAME
from zorgapp.i18n import N_, _
from zorgapp.services import vault_service
from zorgapp.ui import a11y, clipboard, translation
from zorgapp.ui.autolock import AutoLock
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.unlock_dialog import DEMO_STYLE, LockScreenWidget
from zorgapp.ui.focus import focus_first_in, page_shortcuts, shortcut_text
from zorgapp.ui.pages import page_classes
from zorgapp.ui.pages.base import Page
from zorgapp.ui.tasks import message_for
from zorgapp.ui.widgets.audit_banner import AuditBannerWidget

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
        self._close_progress: QProgressDialog | None = None
        self.pages: list[Page] = []
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
        self.lock_screen = LockScreenWidget(self.ctx.tasks)
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
        for cls in page_classes():
            page: Page = cls(self.ctx)
            self.pages.append(page)
            self.page_stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, page.name)
            self.nav.addItem(item)
            page.open_dossier.connect(self.open_dossier)
            restore = getattr(page, "restore_requested", None)
            if restore is not None:
                restore.connect(self.restore_backup)
        self._connect_pages()
        self.nav.currentRowChanged.connect(self._nav_changed)
        row.addWidget(self.nav)
        row.addWidget(a11y.scrolling(self.page_stack), 1)
        self.root.addWidget(content)

    def _build_status_bar(self) -> None:
        """File, schema version and the lock button in the status bar."""
        status = self.statusBar()
        self.file_label = QLabel()
        self.schema_label = QLabel()
        self.lock_button = QPushButton()
        self.lock_button.setFlat(True)
        self.lock_button.clicked.connect(self.lock)
        for label in (self.file_label, self.schema_label):
            label.setContentsMargins(8, 0, 8, 0)
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
        self.page_actions = page_shortcuts(self, len(page_classes()), self._shortcut_page)

    def _connect_pages(self) -> None:
        """Signals between pages: a change on the Dossiers page refreshes the dashboard."""
        names = {page.name: page for page in self.pages}
        overzicht, dossiers = names.get("overzicht"), names.get("dossiers")
        if overzicht is not None and dossiers is not None:
            dossiers.dossiers_changed.connect(overzicht.refresh)  # type: ignore[attr-defined]
        overleg = names.get("overleg")
        if overleg is not None and overzicht is not None:  # minutes add tasks to dossiers
            overleg.dossiers_changed.connect(overzicht.refresh)  # type: ignore[attr-defined]

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
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.setMinimumSize(960, 600)
            self.resize(1280, 740)
            return
        area = screen.availableGeometry()  # at 200 % a 1366x768 screen is 683x384
        self.setMinimumSize(min(960, area.width()), min(600, area.height() - 40))
        self.resize(min(1280, area.width()), min(800, area.height() - 40))

    def retranslate(self) -> None:
        if self.vault is not None:
            self.setWindowTitle(_("{app} — {kluis}").format(app=APP_NAME, kluis=self.vault.path.name))
        else:
            self.setWindowTitle(APP_NAME)
        self.setAccessibleName(_("Hoofdvenster van Zorgapp"))
        self.demo_banner.setText(_("DEMO — alle gegevens in deze kluis zijn verzonnen"))
        self.demo_banner.setAccessibleName(self.demo_banner.text())
        self.audit_banner.retranslate()
        self.nav.setAccessibleName(_("Navigatie"))
        self.page_stack.setAccessibleName(_("Inhoud"))
        for index, page in enumerate(self.pages):
            page.retranslate()
            item = self.nav.item(index)
            item.setText(page.title())
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.title())
            item.setToolTip(shortcut_text(self.page_actions, index))
        self.lock_button.setText(_("Vergrendelen (Ctrl+L)"))
        self.lock_button.setAccessibleName(_("Vergrendelen"))
        self.lock_button.setToolTip(_("Kluis vergrendelen en gegevens verbergen"))
        self.lock_action.setText(_("Vergrendelen"))
        self._update_status()

    def _update_status(self) -> None:
        if self.vault is not None and self.vault.is_open:
            self.file_label.setText(_("Kluis: {naam}").format(naam=self.vault.path.name))
            self.file_label.setToolTip(str(self.vault.path))
            if self._schema is None:
                self.schema_label.clear()
            else:
                self.schema_label.setText(_("Schemaversie {versie}").format(versie=self._schema))
        else:
            self.file_label.clear()
            self.schema_label.clear()
        self.file_label.setAccessibleDescription(_("Kluisbestand"))
        self.schema_label.setAccessibleDescription(_("Schemaversie"))
        locked = self.vault is None
        self.lock_button.setVisible(not locked)
        self.lock_button.setEnabled(not locked)
        self.lock_action.setEnabled(not locked)

    # -- navigation ----------------------------------------------------------------

    def page(self, name: str) -> Page:
        for page in self.pages:
            if page.name == name:
                return page
        raise KeyError(name)

    def page_names(self) -> list[str]:
        return [page.name for page in self.pages]

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
        self.page_stack.setCurrentIndex(row)
        if self.vault is not None:
            self.pages[row].activated()
        if in_nav:
            self.nav.setFocus()

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
        """Show the content for an open vault, back on the page the user left.

        The schema version and the demo mark are read on the worker; the status bar
        and the demo banner follow when they arrive."""
        self.vault = vault
        self.vault_path = vault.path
        self._schema = None
        self.demo_banner.setVisible(self.is_demo)
        self.audit_banner.show_for(vault)  # in memory: what the unlock noticed
        self.ctx.tasks.run(lambda: (vault.schema_version(), vault.meta("demo") == "1"),
                           on_done=lambda facts: self._vault_facts(vault, *facts), owner=self)
        for page in self.pages:
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
        """Hide everything, then drop key and connection (on the task runner).

        The lock is queued behind whatever the worker is doing, so it waits for a
        running task instead of closing the connection under it; results of earlier
        tasks are dropped (``TaskRunner.new_epoch``)."""
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
        self.ctx.tasks.new_epoch()
        for page in self.pages:
            page.clear()
        # Previews and forms left open (a letter, a stage dialog) show client data too.
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self._show_lock_screen()
        self.retranslate()

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

    # -- closing -------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """With an open vault: back up and lock first (off the GUI thread), then close."""
        vault = self.vault
        if vault is None or self._may_close:
            self.autolock.detach()
            event.accept()
            return
        event.ignore()
        if self._closing:
            return
        self._closing = True
        self._hide_contents()
        progress = QProgressDialog(_("Reservekopie maken en kluis vergrendelen…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowTitle(APP_NAME)
        progress.setAccessibleName(_("Afsluiten"))
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._close_progress = progress
        self.ctx.tasks.run(lambda: vault_service.backup_and_lock(vault), owner=self,
                           on_done=self._closed_after_backup,
                           on_finally=self._finish_close)

    def _closed_after_backup(self, problem: str | None) -> None:
        if problem:
            QMessageBox.warning(self, APP_NAME, _(
                "De kluis is vergrendeld, maar de reservekopie bij het afsluiten is mislukt: "
                "{melding}").format(melding=problem))

    def _finish_close(self) -> None:
        if self._close_progress is not None:
            self._close_progress.reset()
            self._close_progress.deleteLater()
            self._close_progress = None
        self._may_close = True
        self.close()
