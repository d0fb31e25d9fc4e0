"""Auto-lock after idle time, Ctrl+L, and locking with a backup when the window closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from zorgapp.store.backup import backup_dir, list_backups
from zorgapp.store.vault import Vault
from zorgapp.ui.main_window import CONTENT_INDEX, LOCK_INDEX


def _open_window(make_window, path: Path):
    vault = Vault.unlock(path, PASSPHRASE)
    return make_window(vault=vault), vault


def test_autolock_hides_contents_drops_key_and_returns_to_page(qtbot, make_window, locked_vault) -> None:
    window, vault = _open_window(make_window, locked_vault)
    window.show_page("beheer")
    beheer = window.page("beheer")
    assert beheer.vault is vault
    window.autolock.set_interval_ms(150)

    qtbot.waitUntil(window.is_locked, timeout=5_000)
    assert window.root.currentIndex() == LOCK_INDEX
    assert beheer.vault is None and beheer.backups_tab.backup_list.count() == 0
    assert not window.lock_button.isEnabled()
    qtbot.waitUntil(lambda: not vault.is_open, timeout=5_000)
    assert vault._key is None

    unlock(qtbot, window)
    assert window.root.currentIndex() == CONTENT_INDEX
    assert window.current_page_name() == "beheer"
    assert window.vault is not vault and window.vault.is_open


def test_activity_postpones_autolock(qtbot, make_window, locked_vault, fake_clock) -> None:
    window, _vault = _open_window(make_window, locked_vault)
    window.autolock.set_clock(fake_clock)
    window.autolock.set_minutes(5)
    for _ in range(6):
        fake_clock.advance(4 * 60)
        window.autolock.check()
        assert not window.is_locked()
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    fake_clock.advance(4 * 60 + 59)
    window.autolock.check()
    assert not window.is_locked()
    fake_clock.advance(1)
    window.autolock.check()
    assert window.is_locked()


def test_ctrl_l_locks(qtbot, make_window, locked_vault) -> None:
    window, vault = _open_window(make_window, locked_vault)
    window.show_page("dossiers")
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    qtbot.keyClick(window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked()
    qtbot.waitUntil(lambda: not vault.is_open, timeout=5_000)
    unlock(qtbot, window)
    assert window.current_page_name() == "dossiers"


def test_lock_button_in_status_bar(qtbot, make_window, locked_vault) -> None:
    window, vault = _open_window(make_window, locked_vault)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked()
    qtbot.waitUntil(lambda: not vault.is_open, timeout=5_000)


def test_close_makes_backup_then_locks(qtbot, ctx, locked_vault) -> None:
    from zorgapp.ui.main_window import MainWindow

    vault = Vault.unlock(locked_vault, PASSPHRASE)
    window = MainWindow(ctx, vault=vault)
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert window.is_locked()  # contents hidden at once
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert not vault.is_open
    assert len(list_backups(backup_dir(locked_vault))) == 1
