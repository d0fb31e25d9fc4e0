"""Issue 11 item 4 in the app: a trail that does not match its head at unlock shows a
banner until the vault is locked; a clean unlock shows none."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE
from zorgapp.store.audit import head_path
from zorgapp.store.vault import Vault


def test_banner_shows_when_the_head_was_removed(qtbot, make_window, locked_vault: Path) -> None:
    head_path(locked_vault).unlink()
    vault = Vault.unlock(locked_vault, PASSPHRASE)
    window = make_window(vault=vault)
    banner = window.audit_banner
    assert banner.isVisible()
    assert "privacyfunctionaris" in banner.label.text() and "head:missing" in banner.label.text()
    window.lock()
    assert not banner.isVisible()


def test_no_banner_for_an_intact_trail(qtbot, make_window, locked_vault: Path) -> None:
    window = make_window(vault=Vault.unlock(locked_vault, PASSPHRASE))
    assert not window.audit_banner.isVisible()


def test_the_banner_can_be_closed(qtbot, make_window, locked_vault: Path) -> None:
    from PySide6.QtCore import Qt

    head_path(locked_vault).unlink()
    window = make_window(vault=Vault.unlock(locked_vault, PASSPHRASE))
    qtbot.mouseClick(window.audit_banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.audit_banner.isVisible()
