"""The lock screen: a wrong passphrase changes nothing; the right one opens the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from tests.gui.conftest import settle, unlock
from zorgapp.i18n import _
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault
from zorgapp.ui.dialogs.unlock_dialog import LockScreenWidget, UnlockDialog
from zorgapp.ui.main_window import CONTENT_INDEX, LOCK_INDEX

WRONG = _("De wachtwoordzin klopt niet. Probeer het opnieuw, of gebruik de herstelsleutel.")


def test_wrong_passphrase_changes_nothing_right_one_opens(qtbot, make_window, locked_vault: Path) -> None:
    before = (locked_vault.read_bytes(), keyfile.key_path(locked_vault).read_bytes())
    window = make_window(vault_path=locked_vault)
    screen = window.lock_screen
    assert window.root.currentIndex() == LOCK_INDEX
    assert screen.passphrase_edit.echoMode() == screen.passphrase_edit.EchoMode.Password
    assert locked_vault.name in screen.vault_label.text()

    qtbot.keyClicks(screen.passphrase_edit, "dit is niet de goede zin")
    qtbot.keyClick(screen.passphrase_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message_label.isVisible() and not screen._busy, timeout=10_000)
    assert screen.message_label.text() == WRONG
    assert screen.passphrase_edit.text() == ""
    assert window.vault is None
    assert (locked_vault.read_bytes(), keyfile.key_path(locked_vault).read_bytes()) == before

    unlock(qtbot, window)
    settle(qtbot)  # the schema version and the demo mark are read on the worker
    assert window.root.currentIndex() == CONTENT_INDEX
    assert window.vault is not None and window.vault.is_open
    assert window.current_page_name() == "overzicht"
    assert not screen.message_label.isVisible()
    assert locked_vault.name in window.windowTitle()
    assert locked_vault.name in window.file_label.text()
    assert window.ctx.setting("last_vault") == str(locked_vault)


def test_empty_passphrase_asks_for_it(qtbot, make_window, locked_vault: Path) -> None:
    window = make_window(vault_path=locked_vault)
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert window.lock_screen.message_label.text() == _("Vul uw wachtwoordzin in.")


def test_recovery_key_forces_new_passphrase(qtbot, make_window, vault_path: Path) -> None:
    v, recovery = Vault.create(vault_path, PASSPHRASE)
    v.lock()
    window = make_window(vault_path=vault_path)
    screen = window.lock_screen
    qtbot.mouseClick(screen.mode_button, Qt.MouseButton.LeftButton)
    assert screen.mode() == screen.RECOVERY
    new = "een heel nieuwe wachtwoordzin"
    qtbot.keyClicks(screen.recovery_edit, recovery.lower().replace("-", " "))
    qtbot.keyClicks(screen.new_edit, new)
    qtbot.keyClicks(screen.repeat_edit, new + "!")
    qtbot.mouseClick(screen.recover_button, Qt.MouseButton.LeftButton)
    assert screen.message_label.text() == _("De wachtwoordzinnen zijn niet gelijk.")
    screen.repeat_edit.setText(new)
    qtbot.mouseClick(screen.recover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    window.lock()
    qtbot.waitUntil(lambda: not v.is_open, timeout=5_000)
    assert screen.mode() == screen.PASSPHRASE
    unlock(qtbot, window, new)


def test_wrong_recovery_key_message(qtbot, ctx, locked_vault: Path) -> None:
    screen = LockScreenWidget(ctx.tasks)
    qtbot.addWidget(screen)
    screen.set_vault_path(locked_vault)
    screen.set_mode(screen.RECOVERY)
    screen.recovery_edit.setText("0" * 64)
    screen.new_edit.setText(PASSPHRASE)
    screen.repeat_edit.setText(PASSPHRASE)
    screen.unlock()
    qtbot.waitUntil(lambda: not screen._busy, timeout=10_000)
    assert screen.message_label.text() == _("Deze herstelsleutel hoort niet bij deze kluis.")


def test_unlock_dialog_demo_passphrase_shown(qtbot, ctx, locked_vault: Path) -> None:
    dialog = UnlockDialog(locked_vault, demo_passphrase=PASSPHRASE, tasks=ctx.tasks)
    qtbot.addWidget(dialog)
    screen = dialog.lock_screen  # not shown: the offscreen plugin warns about dialogs
    assert not screen.demo_label.isHidden() and not screen.demo_mark.isHidden()
    assert screen.demo_label.text() == _("Demo-wachtwoordzin: {zin}").format(zin=PASSPHRASE)
    screen.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        screen.unlock()
    assert dialog.vault is not None and dialog.vault.is_open
    dialog.vault.lock()


def _tab_order(screen: LockScreenWidget, start) -> list[str]:
    """Names of the screen's attributes in Tab order from ``start``, visible ones only."""
    names = {id(widget): name for name, widget in vars(screen).items()}
    found, widget = [], start
    for _step in range(500):
        if (id(widget) in names and widget.isVisible()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus):
            found.append(names[id(widget)])
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return found


def test_tab_goes_through_the_lock_screen_in_reading_order(qtbot, make_window,
                                                          locked_vault: Path) -> None:
    """In either mode, on the window the start shows: fields, then the two links (2.4.3)."""
    window = make_window(vault_path=locked_vault, demo_passphrase=PASSPHRASE)
    screen = window.lock_screen
    assert _tab_order(screen, screen.demo_label) == [
        "demo_label", "passphrase_edit", "unlock_button", "mode_button", "other_button"]
    screen.set_mode(screen.RECOVERY)
    assert _tab_order(screen, screen.demo_label) == [
        "demo_label", "recovery_edit", "new_edit", "repeat_edit", "recover_button",
        "mode_button", "other_button"]
