"""Vaults the app must not open, and failed attempts that must not go unnoticed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import KnownError, WrongPassphraseError
from zorgapp.store import keyfile
from zorgapp.store.migrations import latest_version
from zorgapp.store.vault import Vault, failed_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_vault_from_a_newer_zorgapp_is_refused_and_left_alone(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    vault.lock()
    before = _digest(vault_path)
    with pytest.raises(KnownError) as info:
        Vault.unlock(vault_path, PASSPHRASE)
    assert "nieuwere versie" in info.value.user_message()
    assert _digest(vault_path) == before  # no migration, no audit entry written


def test_a_wrong_recovery_key_without_a_key_file_is_a_wrong_key(vault_path: Path) -> None:
    """Without the key file nothing says whether the key or the vault is at fault."""
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    keyfile.key_path(vault_path).unlink()
    with pytest.raises(WrongPassphraseError) as info:
        Vault.unlock_with_recovery_key(vault_path, "-".join(["ABCD"] * 16))
    assert "herstelsleutel" in info.value.user_message()


def test_failed_unlocks_reach_the_audit_trail_at_the_next_unlock(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    before = _digest(vault_path)
    for _ in range(2):
        with pytest.raises(WrongPassphraseError):
            Vault.unlock(vault_path, "niet de goede wachtwoordzin")
    assert _digest(vault_path) == before and failed_path(vault_path).exists()
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        failed = [e for e in vault.audit.entries()
                  if e.action == "unlock" and e.outcome == "failed"]
        problems = vault.audit.verify()
    finally:
        vault.lock()
    assert len(failed) == 2 and problems == []
    assert not failed_path(vault_path).exists()
