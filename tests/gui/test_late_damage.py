"""A damaged page found by the check after the unlock stops work (issue 15, item 2):
the window locks again and the lock screen shows the unlock's own message with its
way out (restore the latest backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from tests.unit.store.test_page_check import damaged_in_a_quiet_table
from zorgapp.store.connection import damaged
from zorgapp.ui.main_window import LOCK_INDEX


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_damage_found_after_the_unlock_locks_with_the_same_message(
        qtbot: Any, make_window: Any, vault_path: Path) -> None:
    damaged_in_a_quiet_table(vault_path)
    window = make_window(vault_path=vault_path)
    screen = window.lock_screen
    unlocked: list[Any] = []
    window.vault_unlocked.connect(unlocked.append)
    qtbot.keyClicks(screen.passphrase_edit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_locked, timeout=60_000):
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert len(unlocked) == 1 and not unlocked[0].pages_checked  # rows came first
    assert window.vault is None and window.root.currentIndex() == LOCK_INDEX
    assert screen.message_label.text() == damaged().user_message()
    assert "reservekopie" in screen.message_label.text()
    assert not window.page_check.is_checking() and not window.page_check.isVisible()
    qtbot.waitUntil(lambda: not unlocked[0].is_open, timeout=10_000)  # closed, nothing written


def test_a_whole_vault_is_checked_quietly(qtbot: Any, make_window: Any,
                                          locked_vault: Path) -> None:
    window = make_window(vault_path=locked_vault)
    screen = window.lock_screen
    qtbot.keyClicks(screen.passphrase_edit, PASSPHRASE)
    with qtbot.waitSignal(window.vault_unlocked, timeout=30_000):
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.page_check.is_checking(), timeout=30_000)
    assert window.vault is not None and window.vault.is_open
    assert not screen.message_label.isVisible()
