"""Backups: made with the backup API, rotated, restorable on their own."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from zorgapp.errors import DamagedVaultError
from zorgapp.store import keyfile
from zorgapp.store.backup import backup_dir, list_backups, make_backup, restore, rotate
from zorgapp.store.vault import Vault

from ...conftest import PASSPHRASE


def test_backup_and_restore(vault_path: Path, tmp_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.set_meta("versie", "voor")
    backup = make_backup(vault)
    vault.set_meta("versie", "na")
    vault.lock()
    assert backup.parent == backup_dir(vault_path)
    assert keyfile.key_path(backup).exists()
    aside = restore(backup, vault_path, passphrase=PASSPHRASE)
    assert aside is not None and aside.exists()  # nothing is lost: the old vault is kept
    restored = Vault.unlock(vault_path, PASSPHRASE)
    assert restored.meta("versie") == "voor"
    assert restored.check() == []
    restored.lock()


def test_backup_alone_restores_with_recovery_key(vault_path: Path, tmp_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    vault.set_meta("marker", "1")
    backup = make_backup(vault, tmp_path / "usb")
    vault.lock()
    elsewhere = tmp_path / "nieuw" / "kluis.zorg"
    keyfile.key_path(backup).unlink()
    restore(backup, elsewhere, recovery_key=recovery)
    reopened = Vault.unlock_with_recovery_key(elsewhere, recovery)
    assert reopened.meta("marker") == "1"
    reopened.lock()


def test_damaged_backup_is_refused(vault_path: Path, tmp_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    backup = make_backup(vault, tmp_path / "usb")
    vault.lock()
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    before = vault_path.read_bytes()
    with pytest.raises(DamagedVaultError):
        restore(backup, vault_path, passphrase=PASSPHRASE)
    assert vault_path.read_bytes() == before


def test_rotation_keeps_last_ten_and_one_per_month(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(0, 120, 3):
        stamp = (start + timedelta(days=day)).strftime("%Y%m%dT%H%M%SZ")
        (folder / f"kluis-{stamp}.zorg").write_bytes(b"x")
    rotate(folder, "kluis")
    left = list_backups(folder, "kluis")
    months = {b.made_at.strftime("%Y-%m") for b in left}
    assert months == {"2026-01", "2026-02", "2026-03", "2026-04"}
    newest_ten = sorted((start + timedelta(days=d) for d in range(0, 120, 3)), reverse=True)[:10]
    assert {b.made_at for b in left} >= set(newest_ten)
    assert len(left) <= 10 + 4


def test_backup_is_a_consistent_copy_not_a_file_copy(vault_path: Path, tmp_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    with vault.transaction() as db:
        db.execute("INSERT INTO meta (key, value) VALUES ('in_wal', 'ja')")
    backup = make_backup(vault, tmp_path / "b")
    vault.lock()
    # The backup is complete on its own, without the vault's WAL file.
    copy = tmp_path / "los" / "kopie.zorg"
    copy.parent.mkdir()
    shutil.copy(backup, copy)
    shutil.copy(keyfile.key_path(backup), keyfile.key_path(copy))
    opened = Vault.unlock(copy, PASSPHRASE)
    assert opened.meta("in_wal") == "ja"
    opened.lock()


class Killed(BaseException):
    """The process dies here (no ``except Exception`` catches it)."""


def test_a_backup_is_found_under_its_name_only_when_whole(vault_path: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed right before the copy is renamed in: no backup without key file or head
    (a restore would refuse it); the key file and head it wrote go at the next backup."""
    import os

    vault, _ = Vault.create(vault_path, PASSPHRASE)
    real_replace = os.replace

    def die_at_the_database(source: str, dest: str) -> None:
        if str(dest).endswith(".zorg"):
            raise Killed
        real_replace(source, dest)

    for dest in (tmp_path / "usb", None):
        monkeypatch.setattr(os, "replace", die_at_the_database)
        with pytest.raises(Killed):
            make_backup(vault, dest)
        monkeypatch.setattr(os, "replace", real_replace)
        folder = dest or backup_dir(vault_path)
        assert not list(folder.glob("*.zorg"))  # nothing that looks like a backup
        assert list(folder.glob("*.zorg.key")) and list(folder.glob("*.zorg.head"))
    good = make_backup(vault)
    vault.lock()
    names = sorted(p.name for p in backup_dir(vault_path).iterdir())
    assert names == [good.name, good.name + ".head", good.name + ".key"]
    restore(good, tmp_path / "terug.zorg", passphrase=PASSPHRASE)
