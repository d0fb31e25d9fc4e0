"""Issue 11, item 10: one process per vault; restore refuses while the vault is open.

Did: with the vault open in the app, ``vault restore`` on the same path moved it aside
and later edits went silently into the moved file.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import EXIT_ENVIRONMENT, VaultInUseError
from zorgapp.store import keyfile
from zorgapp.store.backup import make_backup
from zorgapp.store.vault import Vault

from .helpers import run_cli

IN_USE = "Deze kluis is al geopend"

HOLDER = """
import sys
from zorgapp.store import keyfile
keyfile.DEFAULT_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)
from zorgapp.store.vault import Vault
vault = Vault.unlock(sys.argv[1], sys.argv[2])
print("open", flush=True)
sys.stdin.readline()
vault.set_meta("marker", "bewerkt terwijl open")
vault.lock()
print("closed", flush=True)
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def locked(vault_path: Path) -> Path:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.set_meta("marker", "origineel")
    vault.lock()
    return vault_path


@pytest.fixture
def held_open(locked: Path) -> Iterator[subprocess.Popen[str]]:
    """The vault open in another process (as the app would have it)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(locked), PASSPHRASE],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "open"
    yield holder
    if holder.poll() is None:
        holder.kill()
    holder.wait(timeout=60)


def test_second_opener_in_this_process_is_told(locked: Path) -> None:
    first = Vault.unlock(locked, PASSPHRASE)
    try:
        with pytest.raises(VaultInUseError) as info:
            Vault.unlock(locked, PASSPHRASE)
        assert info.value.user_message().startswith(IN_USE)
        assert info.value.exit_code == EXIT_ENVIRONMENT
        with pytest.raises(VaultInUseError):
            Vault.unlock_with_recovery_key(locked, keyfile.format_recovery_key(first.key))
    finally:
        first.lock()
    Vault.unlock(locked, PASSPHRASE).lock()  # free again after lock


def test_second_process_is_told_and_restore_refuses(locked: Path, tmp_path: Path,
                                                     held_open: subprocess.Popen[str]) -> None:
    backup = tmp_path / "reserve.zorg"  # a copy of the closed vault is a valid backup
    data = tmp_path / "data"
    check = run_cli(data, "vault", "check", str(locked))
    assert check.returncode == EXIT_ENVIRONMENT
    assert IN_USE in check.stderr and "Traceback" not in check.stderr

    for name in ("", ".key", ".head"):
        Path(str(backup) + name).write_bytes(Path(str(locked) + name).read_bytes())
    before = digest(locked)
    restore = run_cli(data, "vault", "restore", str(backup), str(locked))
    assert restore.returncode == EXIT_ENVIRONMENT
    assert IN_USE in restore.stderr
    assert digest(locked) == before
    assert not list(tmp_path.glob("kluis.zorg.voor-terugzetten-*"))

    # The open instance's edits land in the vault at the path, and its lock is let go.
    assert held_open.stdin is not None and held_open.stdout is not None
    held_open.stdin.write("\n")
    held_open.stdin.flush()
    assert held_open.stdout.readline().strip() == "closed"
    held_open.wait(timeout=60)
    assert run_cli(data, "vault", "check", str(locked)).returncode == 0
    vault = Vault.unlock(locked, PASSPHRASE)
    assert vault.meta("marker") == "bewerkt terwijl open"
    vault.lock()


def test_lock_is_released_when_the_holder_is_killed(locked: Path, tmp_path: Path,
                                                     held_open: subprocess.Popen[str]) -> None:
    held_open.kill()
    held_open.wait(timeout=60)
    assert run_cli(tmp_path / "data", "vault", "check", str(locked)).returncode == 0


def test_restore_in_process_refuses_while_open(locked: Path, tmp_path: Path) -> None:
    from zorgapp.store.backup import restore

    vault = Vault.unlock(locked, PASSPHRASE)
    try:
        backup = make_backup(vault, tmp_path / "usb")
        with pytest.raises(VaultInUseError):
            restore(backup, locked, passphrase=PASSPHRASE)
        assert vault.meta("marker") == "origineel"
    finally:
        vault.lock()
    assert Vault.unlock(locked, PASSPHRASE).check() == []


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_lock_screen_shows_the_message(qtbot, locked: Path) -> None:
    """The GUI's unlock screen shows the KnownError as it is: no change needed there."""
    from PySide6.QtCore import Qt

    from zorgapp.ui.dialogs.unlock_dialog import LockScreenWidget
    from zorgapp.ui.tasks import runner

    other = Vault.unlock(locked, PASSPHRASE)
    try:
        screen = LockScreenWidget(runner())
        qtbot.addWidget(screen)
        screen.set_vault_path(locked)
        screen.show()
        qtbot.keyClicks(screen.passphrase_edit, PASSPHRASE)
        qtbot.keyClick(screen.passphrase_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.message_label.isVisible() and not screen._busy, timeout=20_000)
        assert screen.message_label.text().startswith(IN_USE)
    finally:
        other.lock()
        runner().wait_idle()
