"""Telling the environment from damage at the OS and SQLite boundary (no mounts needed:
the real-disk versions are in tests/reliability/test_full_and_read_only_disk.py)."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlcipher3

from zorgapp.errors import (
    EXIT_DAMAGED,
    EXIT_ENVIRONMENT,
    EXIT_USAGE,
    DamagedVaultError,
    DiskFullError,
    EnvironmentStoppedError,
    KnownError,
    ReadOnlyError,
    VaultInUseError,
    from_os_error,
)
from zorgapp.store import connection
from zorgapp.store.connection import DatabaseError, environment_problem, known_or_none, problem_for


def sqlite_error(code: int, message: str = "x") -> DatabaseError:
    exc = sqlcipher3.OperationalError(message)
    exc.sqlite_errorcode = code  # what sqlcipher3 sets, like Python's sqlite3
    return exc


def test_environment_has_its_own_exit_code() -> None:
    assert len({EXIT_DAMAGED, EXIT_USAGE, EXIT_ENVIRONMENT}) == 3
    for cls in (EnvironmentStoppedError, DiskFullError, ReadOnlyError, VaultInUseError):
        assert issubclass(cls, KnownError) and cls.exit_code == EXIT_ENVIRONMENT


def test_sqlcipher3_exceptions_carry_the_result_code(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(os.urandom(8192))
    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{'00' * 32}'\"")
    with pytest.raises(DatabaseError) as info:
        conn.execute("SELECT count(*) FROM sqlite_master")
    assert connection.sqlite_code(info.value) == connection.SQLITE_NOTADB


@pytest.mark.parametrize(("number", "cls", "words"), [
    (errno.ENOSPC, DiskFullError, "De schijf is vol"),
    (getattr(errno, "EDQUOT", errno.ENOSPC), DiskFullError, "De schijf is vol"),
    (errno.EROFS, ReadOnlyError, "alleen-lezen"),
    (errno.EACCES, ReadOnlyError, "Geen toegang"),
    (errno.EIO, EnvironmentStoppedError, "lees- of schrijffout"),
])
def test_os_errors_by_errno(number: int, cls: type, words: str) -> None:
    found = from_os_error(OSError(number, os.strerror(number)), "/media/usb/kluis.zorg")
    assert type(found) is cls
    assert words in found.user_message() and "/media/usb/kluis.zorg" in found.user_message()


def test_other_os_errors_are_not_the_environment() -> None:
    assert from_os_error(OSError(errno.EINVAL, "x"), "p") is None


@pytest.fixture
def healthy_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "disk_state", lambda path: None)


@pytest.mark.parametrize(("code", "cls", "words"), [
    (13, DiskFullError, "De schijf is vol"),            # SQLITE_FULL
    (5, EnvironmentStoppedError, "bezet"),              # SQLITE_BUSY
    (6, EnvironmentStoppedError, "bezet"),              # SQLITE_LOCKED
    (8, ReadOnlyError, "alleen-lezen"),                 # SQLITE_READONLY
    (264, ReadOnlyError, "alleen-lezen"),               # SQLITE_READONLY_RECOVERY
    (10, EnvironmentStoppedError, "lees- of schrijffout"),  # SQLITE_IOERR
    (778, EnvironmentStoppedError, "lees- of schrijffout"),  # SQLITE_IOERR_WRITE
    (14, ReadOnlyError, "Geen toegang"),                # SQLITE_CANTOPEN
])
def test_sqlite_codes(healthy_disk: None, code: int, cls: type, words: str) -> None:
    found = problem_for(Path("/v/kluis.zorg"), sqlite_error(code), "open")
    assert isinstance(found, cls) and words in found.user_message()


@pytest.mark.parametrize("code", [11, 26])  # SQLITE_CORRUPT, SQLITE_NOTADB
def test_corruption_on_a_healthy_disk_is_damage(healthy_disk: None, code: int) -> None:
    assert isinstance(problem_for(Path("/v/kluis.zorg"), sqlite_error(code)), DamagedVaultError)
    assert isinstance(known_or_none(Path("/v/kluis.zorg"), sqlite_error(code)), DamagedVaultError)


def test_a_bug_stays_a_bug(healthy_disk: None) -> None:
    assert known_or_none(Path("/v/kluis.zorg"), sqlite_error(19)) is None  # SQLITE_CONSTRAINT


def test_a_bug_on_a_full_disk_stays_a_bug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda p: SimpleNamespace(free=0))
    assert known_or_none(tmp_path / "kluis.zorg", sqlite_error(19)) is None  # SQLITE_CONSTRAINT
    assert known_or_none(tmp_path / "kluis.zorg", sqlite_error(1)) is None  # SQLITE_ERROR


def test_io_error_on_a_full_disk_is_full(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """SQLite says only "disk I/O error" when the -shm file cannot grow: ask the disk."""
    monkeypatch.setattr(shutil, "disk_usage", lambda p: SimpleNamespace(free=0))
    found = environment_problem(tmp_path / "kluis.zorg", sqlite_error(10, "disk I/O error"))
    assert isinstance(found, DiskFullError)
    # Even an error that looks like damage is first the full disk's (restoring would fail).
    assert isinstance(environment_problem(tmp_path / "kluis.zorg", sqlite_error(26)), DiskFullError)


def test_read_only_mount_is_read_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = os.statvfs(tmp_path)
    fake = SimpleNamespace(f_flag=real.f_flag | os.ST_RDONLY)
    monkeypatch.setattr(os, "statvfs", lambda p: fake)
    found = environment_problem(tmp_path / "kluis.zorg", sqlite_error(10))
    assert isinstance(found, ReadOnlyError) and "alleen-lezen" in found.user_message()


def test_full_disk_while_unlocking_keeps_the_vault(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing the unlock into the trail fails on a full disk (simulated at the OS boundary:
    the disk reports no free space and SQLite reports an I/O error)."""
    from tests.conftest import PASSPHRASE
    from zorgapp.store.vault import Vault

    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    before = vault_path.read_bytes()

    def failing_connect(*args: object, **kwargs: object) -> object:
        raise sqlite_error(10, "disk I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(shutil, "disk_usage", lambda p: SimpleNamespace(free=4096))
        patch.setattr(sqlcipher3, "connect", failing_connect)
        with pytest.raises(DiskFullError):
            Vault.unlock(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == before
    assert not Path(str(vault_path) + ".lock").exists()  # let go again
    Vault.unlock(vault_path, PASSPHRASE).lock()
