"""Vaults of every earlier schema open in this version: backed up, then migrated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zorgapp.store import keyfile
from zorgapp.store.backup import backup_dir, list_backups
from zorgapp.store.connection import connect
from zorgapp.store.migrations import latest_version, migrations
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"
OLD_VAULTS = sorted(DATA.glob("schema-*.zorg"))


def test_there_is_an_old_vault_for_every_earlier_version() -> None:
    versions = {int(p.stem.split("-")[1]) for p in OLD_VAULTS}
    assert versions >= set(range(1, latest_version())), (
        "run tests/data/make_old_vaults.py for the previous schema version before adding a migration")


def test_migrations_are_numbered_without_gaps() -> None:
    assert [m[0] for m in migrations()] == list(range(1, latest_version() + 1))


@pytest.mark.parametrize("old", OLD_VAULTS, ids=lambda p: p.stem)
def test_upgrade_from_old_vault(old: Path, tmp_path: Path) -> None:
    version = int(old.stem.split("-")[1])
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        assert vault.schema_version() == latest_version()
        assert vault.meta("marker") == f"schema {version}"
        assert vault.check() == []
        if version >= 2:
            count = vault.conn.execute("SELECT count(*) FROM dossier").fetchone()[0]
            assert count == 12
        actions = [e.action for e in vault.audit.entries()]
        if version < latest_version():
            assert "migrate" in actions
            backups = list_backups(backup_dir(target))
            assert backups, "a backup is made before migrating"
            # The backup holds the old schema, untouched.
            key = keyfile.read_key_file(backups[-1].path).unwrap(OLD_PASSPHRASE)
            raw = connect(backups[-1].path, key, pragmas=False)
            assert raw.execute("PRAGMA user_version").fetchone()[0] == version
            raw.close()
    finally:
        vault.lock()
    # Opening again does not migrate or back up again.
    again = Vault.unlock(target, OLD_PASSPHRASE)
    again.lock()
    assert len(list_backups(backup_dir(target))) == (1 if version < latest_version() else 0)
