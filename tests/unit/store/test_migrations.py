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


def test_upgrade_clears_placement_dates_the_domain_now_refuses(tmp_path: Path) -> None:
    """Issue 12: an expected end before the start was accepted before; such a row would
    now make the placement unreadable, so the upgrade clears that impossible date."""
    from zorgapp.store.opvang import PlaatsingRepository

    old = DATA / "schema-5.zorg"
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    key = keyfile.read_key_file(target).unwrap(OLD_PASSPHRASE)
    raw = connect(target, key, pragmas=False)
    dossier_uuid = raw.execute("SELECT uuid FROM dossier LIMIT 1").fetchone()[0]
    raw.execute(
        "INSERT INTO plaatsing (uuid, dossier_uuid, type, status, aangevraagd_op, van, "
        "financier, verwachte_einddatum, evaluatiedatum, is_demo, gewijzigd_op) VALUES "
        "('p-oud', ?, 'VO', 'aangevraagd', '2026-05-01', '2026-06-01', 'gemeente', "
        "'2026-05-01', '2026-06-15', 0, '2026-05-01T00:00:00+00:00')", (dossier_uuid,))
    raw.commit()
    raw.close()
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        with vault.read() as db:
            p = PlaatsingRepository(db).get("p-oud")
    finally:
        vault.lock()
    assert p.verwachte_einddatum is None  # impossible: cleared
    assert p.evaluatiedatum is not None and p.van is not None  # the rest is kept
