"""Issue 11, item 1: a full or read-only disk is not a damaged vault.

On a real 4 MiB tmpfs (skipped where mounting is not allowed): ``vault check`` and
``case list`` on a full disk, ``vault restore`` on a full disk, ``vault create`` on a
nearly full disk, the same commands on a read-only mount. Each must say what stopped
it, exit 3, and leave the vault as it was: following the advice must never lose it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import EXIT_ENVIRONMENT, DiskFullError, EnvironmentStoppedError
from zorgapp.store.backup import make_backup
from zorgapp.store.vault import Vault

from .helpers import fill_disk, make_read_only, make_writable, names_in, run_cli, small_disk

FULL = "De schijf is vol"
READ_ONLY = "alleen-lezen"
VAULT_FILES = {"kluis.zorg", "kluis.zorg.key", "kluis.zorg.head"}


@pytest.fixture
def disk(tmp_path: Path):
    with small_disk(tmp_path / "disk") as folder:
        yield folder


def _vault_on(disk: Path, marker: str = "origineel") -> Path:
    path = disk / "kluis.zorg"
    vault, _ = Vault.create(path, PASSPHRASE)
    vault.set_meta("marker", marker)
    vault.lock()
    return path


def _marker(path: Path) -> str:
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        return vault.meta("marker")
    finally:
        vault.lock()


def _assert_told(result, text: str) -> None:
    assert result.returncode == EXIT_ENVIRONMENT, result.stderr
    assert text in result.stderr
    assert "De kluis is beschadigd" not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [("vault", "check"), ("case", "list", "--json")])
def test_full_disk_is_full_not_damage(disk: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    path = _vault_on(disk)
    filler = fill_disk(disk)
    result = run_cli(tmp_path / "data", *command, str(path))
    _assert_told(result, FULL)
    filler.unlink()
    assert run_cli(tmp_path / "data", "vault", "check", str(path)).returncode == 0
    assert _marker(path) == "origineel"


def test_restore_on_full_disk_keeps_the_vault(disk: Path, tmp_path: Path) -> None:
    path = _vault_on(disk)
    vault = Vault.unlock(path, PASSPHRASE)
    backup = make_backup(vault)  # on the same small disk, as in the report
    vault.set_meta("marker", "na de reservekopie")
    vault.lock()
    filler = fill_disk(disk)
    result = run_cli(tmp_path / "data", "vault", "restore", str(backup), str(path))
    _assert_told(result, FULL)
    assert names_in(disk) == VAULT_FILES | {"kluis.zorg.backups", filler.name}
    filler.unlink()
    assert run_cli(tmp_path / "data", "vault", "check", str(path)).returncode == 0
    assert _marker(path) == "na de reservekopie"
    # With room again, the same backup restores.
    assert run_cli(tmp_path / "data", "vault", "restore", str(backup), str(path)).returncode == 0
    assert _marker(path) == "origineel"


def test_create_on_nearly_full_disk_leaves_nothing(disk: Path, tmp_path: Path) -> None:
    filler = fill_disk(disk, leave=96 * 1024)  # a new vault needs about 240 KB
    result = run_cli(tmp_path / "data", "vault", "create", str(disk / "nieuw.zorg"))
    _assert_told(result, FULL)
    assert names_in(disk) == {filler.name}
    filler.unlink()
    vault, _ = Vault.create(disk / "nieuw.zorg", PASSPHRASE)  # no "Er staat al een kluis"
    vault.lock()


@pytest.mark.parametrize("leave_kib", [0, 4, 32, 64, 128, 200])
def test_create_that_runs_out_of_room_anywhere_leaves_nothing(disk: Path, leave_kib: int) -> None:
    filler = fill_disk(disk, leave=leave_kib * 1024)
    try:
        vault, _ = Vault.create(disk / "nieuw.zorg", PASSPHRASE)
    except DiskFullError:
        assert names_in(disk) == {filler.name}
    else:  # it fitted after all: then it is a whole vault
        vault.lock()
        assert {"nieuw.zorg", "nieuw.zorg.key", "nieuw.zorg.head"} <= names_in(disk)
    filler.unlink()
    if not (disk / "nieuw.zorg").exists():
        Vault.create(disk / "nieuw.zorg", PASSPHRASE)[0].lock()
    assert Vault.unlock(disk / "nieuw.zorg", PASSPHRASE).check() == []


@pytest.mark.parametrize("command", [("vault", "check"), ("case", "list", "--json"),
                                     ("vault", "backup", "{path}", "{disk}/reserve")])
def test_read_only_disk_is_read_only_not_damage(disk: Path, tmp_path: Path,
                                                command: tuple[str, ...]) -> None:
    path = _vault_on(disk)
    make_read_only(disk)
    try:
        args = [a.format(path=path, disk=disk) for a in command]
        if "{path}" not in command:
            args.append(str(path))
        result = run_cli(tmp_path / "data", *args)
        _assert_told(result, READ_ONLY)
        # A wrong passphrase is still told as such (exit 2), not as the disk.
        wrong = run_cli(tmp_path / "data", "vault", "check", str(path),
                        ZORGAPP_PASSPHRASE="dit is niet de goede zin")
        assert wrong.returncode == 2 and "wachtwoordzin klopt niet" in wrong.stderr
    finally:
        make_writable(disk)
    assert run_cli(tmp_path / "data", "vault", "check", str(path)).returncode == 0


def test_vault_busy_in_another_program_is_busy_not_damage(vault_path: Path) -> None:
    """Another SQLite program holding a write lock (not Zorgapp: that is the lock file)."""
    from zorgapp.store.connection import connect

    vault, _ = Vault.create(vault_path, PASSPHRASE)
    key = bytes(vault.key)  # a copy: lock() zeroes the vault's own
    vault.lock()
    other = connect(vault_path, key)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(EnvironmentStoppedError) as info:
            Vault.unlock(vault_path, PASSPHRASE)
        assert "bezet door een ander programma" in info.value.user_message()
        assert info.value.exit_code == EXIT_ENVIRONMENT
    finally:
        other.execute("ROLLBACK")
        other.close()
    Vault.unlock(vault_path, PASSPHRASE).lock()
