"""Use cases around the vault itself, shared by the GUI and the command line."""

from __future__ import annotations

from pathlib import Path

from zorgapp.errors import N_, TamperedError
from zorgapp.store import keyfile
from zorgapp.store.backup import make_backup, restore
from zorgapp.store.vault import Vault

__all__ = [
    "backup",
    "change_passphrase",
    "check",
    "create_vault",
    "recover",
    "restore",
    "unlock",
    "unlock_with_recovery_key",
    "verify_audit",
]


def create_vault(path: Path, passphrase: str) -> tuple[Vault, str]:
    """A new vault with its own keys for case bundles (its contact card)."""
    from zorgapp.services.bundle_service import ensure_identity_for

    vault, recovery_key = Vault.create(Path(path), passphrase)
    ensure_identity_for(vault)
    return vault, recovery_key


def unlock(path: Path, passphrase: str) -> Vault:
    return Vault.unlock(Path(path), passphrase)


def unlock_with_recovery_key(path: Path, recovery_key: str) -> Vault:
    return Vault.unlock_with_recovery_key(Path(path), recovery_key)


def change_passphrase(path: Path, old: str, new: str) -> None:
    keyfile.check_passphrase(new)
    vault = Vault.unlock(Path(path), old)
    try:
        vault.change_passphrase(new)
    finally:
        vault.lock()


def recover(path: Path, recovery_key: str, new_passphrase: str) -> None:
    """A new passphrase from the recovery key; works when the key file is lost."""
    keyfile.check_passphrase(new_passphrase)
    vault = Vault.unlock_with_recovery_key(Path(path), recovery_key)
    try:
        vault.change_passphrase(new_passphrase)
    finally:
        vault.lock()


def backup(vault: Vault, dest: Path | None = None) -> Path:
    return make_backup(vault, dest)


def check(vault: Vault) -> list[str]:
    return vault.check()


def verify_audit(vault: Vault) -> None:
    """Raise TamperedError when the audit chain is broken or its tail was cut off."""
    problems = vault.audit.verify()
    if problems:
        raise TamperedError(
            N_("Het logboek is gewijzigd of ingekort ({problemen}). Neem contact op met de privacyfunctionaris."),
            problemen=", ".join(problems),
        )

