"""A passphrase change is always in the audit trail, also when the process is killed
between renaming the new key file in and committing its entry (issue 11, item 13: one
kill in thirty of ``vault passwd`` left a new passphrase without its entry)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.store import audit as audit_mod
from zorgapp.store.failed_unlocks import UNVERIFIED
from zorgapp.store.vault import Vault

NEW = "een heel nieuwe wachtwoordzin"


class Killed(BaseException):
    """The process dies here."""


def _passphrase_entries(path: Path, passphrase: str) -> list[audit_mod.AuditEntry]:
    vault = Vault.unlock(path, passphrase)
    try:
        assert vault.audit.verify() == []
        return [e for e in vault.audit.entries() if e.action == audit_mod.PASSPHRASE]
    finally:
        vault.lock()


def test_a_change_cut_off_before_its_entry_is_recorded_at_the_next_unlock(
        vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)

    def killed_transaction() -> None:
        raise Killed

    monkeypatch.setattr(vault, "transaction", killed_transaction)
    with pytest.raises(Killed):
        vault.change_passphrase(NEW)  # the key file is in place, its entry is not
    vault._drop()  # no lock entry, no head write; the OS lets go of the vault
    (entry,) = _passphrase_entries(vault_path, NEW)
    assert entry.actor == "zorgapp" and entry.fields == (UNVERIFIED,)
    assert len(_passphrase_entries(vault_path, NEW)) == 1  # noted once, not at every unlock


def test_an_ordinary_change_has_one_entry_and_unlocks_add_none(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    assert _passphrase_entries_open(vault) == []
    vault.change_passphrase(NEW)
    vault.lock()
    for _ in range(2):
        (entry,) = _passphrase_entries(vault_path, NEW)
        assert entry.fields == () and entry.actor != "zorgapp"


def test_a_vault_that_never_knew_its_key_file_learns_it_silently(vault_path: Path) -> None:
    """Vaults of earlier versions have no ``key_file`` in meta: no entry for them."""
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    with vault.transaction() as db:
        db.execute("DELETE FROM meta WHERE key = 'key_file'")
    vault.lock()
    assert _passphrase_entries(vault_path, PASSPHRASE) == []
    vault = Vault.unlock(vault_path, PASSPHRASE)
    assert vault.meta("key_file")
    vault.lock()


def _passphrase_entries_open(vault: Vault) -> list[audit_mod.AuditEntry]:
    return [e for e in vault.audit.entries() if e.action == audit_mod.PASSPHRASE]
