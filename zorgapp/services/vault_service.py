"""Use cases around the vault itself, shared by the GUI and the command line.

Opening, creating, the passphrase, the recovery key and its sheet, backups and
restore, and the audit log. The GUI reaches the store only through here (import-linter
contract "UI reaches data through services"), so the few store names the GUI needs at
run time (``SUFFIX``, ``MIN_PASSPHRASE_LENGTH``, the ``Vault`` type) are re-exported here.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from zorgapp.errors import N_, KnownError, TamperedError, UsageError, WrongPassphraseError
from zorgapp.store import audit, keyfile
from zorgapp.store.audit import AuditEntry
from zorgapp.store.backup import BackupInfo, backup_dir, list_backups, make_backup
from zorgapp.store.backup import restore as restore_backup
from zorgapp.store.keyfile import MIN_PASSPHRASE_LENGTH
from zorgapp.store.vault import SUFFIX, Vault

if TYPE_CHECKING:
    from zorgapp.reports.style import Briefhoofd

log = logging.getLogger(__name__)

__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "SUFFIX",
    "AuditEntry",
    "BackupInfo",
    "Vault",
    "audit_entries",
    "backup",
    "backup_and_lock",
    "backup_folder",
    "backups",
    "change_passphrase",
    "change_passphrase_at",
    "check",
    "check_new_passphrase",
    "check_passphrase",
    "check_recovery_key",
    "create_vault",
    "recover",
    "recover_and_unlock",
    "recovery_sheet",
    "recovery_sheet_printed",
    "restore",
    "restore_and_reopen",
    "unlock",
    "unlock_with_recovery_key",
    "verify_audit",
]


# -- creating and opening ---------------------------------------------------------------

def create_vault(path: Path, passphrase: str) -> tuple[Vault, str]:
    """A new vault with its own keys for case bundles (its contact card)."""
    from zorgapp.services.bundle_service import ensure_identity_for

    vault, recovery_key = Vault.create(Path(path), passphrase)
    ensure_identity_for(vault)
    return vault, recovery_key


def unlock(path: Path, passphrase: str, *, check_pages: bool = True) -> Vault:
    """``check_pages=False``: the caller runs ``vault.check_pages_later`` (the window)."""
    return Vault.unlock(Path(path), passphrase, check_pages=check_pages)


def unlock_with_recovery_key(path: Path, recovery_key: str) -> Vault:
    return Vault.unlock_with_recovery_key(Path(path), recovery_key)


# -- checking input before slow work ------------------------------------------------------

def check_passphrase(passphrase: str) -> None:
    """Raise UsageError when a new passphrase is too short (before any Argon2 work)."""
    keyfile.check_passphrase(passphrase)


def check_new_passphrase(new: str, repeat: str) -> None:
    """A new passphrase typed twice: long enough, and the same both times."""
    keyfile.check_passphrase(new)
    if new != repeat:
        raise UsageError(N_("De wachtwoordzinnen zijn niet gelijk."))


def check_recovery_key(text: str) -> None:
    """Raise a KnownError when ``text`` cannot be a recovery key (any spacing or case)."""
    keyfile.parse_recovery_key(text)


# -- passphrase and recovery key --------------------------------------------------------

def change_passphrase(vault: Vault, old: str, new: str) -> None:
    """Give the open vault a new passphrase; the current one must be right.

    Only the key file is rewritten (the vault is not re-encrypted). The current
    passphrase is checked against the key file, so a wrong one changes nothing and is
    not counted as a failed unlock.
    """
    keyfile.check_passphrase(new)
    try:
        keyfile.read_key_file(vault.path).unwrap(old)
    except WrongPassphraseError:
        raise WrongPassphraseError(N_("De huidige wachtwoordzin klopt niet.")) from None
    vault.change_passphrase(new)


def change_passphrase_at(path: Path, old: str, new: str) -> None:
    """``change_passphrase`` for a locked vault on disk (the command line)."""
    keyfile.check_passphrase(new)
    vault = Vault.unlock(Path(path), old)
    try:
        change_passphrase(vault, old, new)
    finally:
        vault.lock()


def recover_and_unlock(path: Path, recovery_key: str, new_passphrase: str) -> Vault:
    """Open with the recovery key and set a new passphrase at once; returns the open vault.

    Works when the key file is lost: a new one is written.
    """
    keyfile.check_passphrase(new_passphrase)
    vault = Vault.unlock_with_recovery_key(Path(path), recovery_key)
    try:
        vault.change_passphrase(new_passphrase)
    except BaseException:
        vault.lock()
        raise
    return vault


def recover(path: Path, recovery_key: str, new_passphrase: str) -> None:
    """``recover_and_unlock``, then lock again (the command line)."""
    recover_and_unlock(path, recovery_key, new_passphrase).lock()


def recovery_sheet(vault: Vault, recovery_key: str, briefhoofd: Briefhoofd | None = None) -> bytes:
    """The recovery-key sheet to print, made in memory (never saved: see the wizard)."""
    from zorgapp.reports.recovery import herstelsleutelblad

    if briefhoofd is None:  # the vault's letterhead
        from zorgapp.services.organisatie_service import OrganisatieService

        briefhoofd = OrganisatieService(vault).briefhoofd()
    return herstelsleutelblad(recovery_key, vault.path.name, briefhoofd,
                              demo=vault.meta("demo") == "1")


def recovery_sheet_printed(vault: Vault) -> None:
    """Record that the recovery-key sheet went to a printer."""
    with vault.transaction():
        vault.audit.record(audit.PRINT, record_type="herstelsleutel")


# -- backups ----------------------------------------------------------------------------

def backup(vault: Vault, dest: Path | None = None, reason: str = "manual") -> Path:
    return make_backup(vault, dest, reason=reason)


def backup_folder(vault: Vault) -> Path:
    """Where automatic and "Nu een reservekopie maken" backups of this vault go."""
    return backup_dir(vault.path)


def backups(vault: Vault) -> list[BackupInfo]:
    """This vault's backups in its backup folder, newest first."""
    return list_backups(backup_dir(vault.path), vault.path.name.removesuffix(SUFFIX))


def backup_and_lock(vault: Vault) -> str | None:
    """For closing: back up, then lock whatever happens. Returns a message on failure."""
    problem = None
    try:
        make_backup(vault, reason="close")
    except KnownError as exc:
        log.warning("backup on close failed: %s", type(exc).__name__)
        problem = exc.user_message()
    finally:
        vault.lock()
    return problem


def restore(backup: Path, target: Path, *, passphrase: str | None = None,
            recovery_key: str | None = None) -> Path | None:
    """Put a checked backup in place at ``target``; returns where the old vault went."""
    return restore_backup(backup, target, passphrase=passphrase, recovery_key=recovery_key)


def restore_and_reopen(vault: Vault, backup: Path, passphrase: str) -> Vault:
    """Lock the open vault, restore ``backup`` in its place and open that."""
    path = vault.path
    vault.lock()
    restore(backup, path, passphrase=passphrase)
    return unlock(path, passphrase)


# -- checks and the audit log -----------------------------------------------------------

def check(vault: Vault) -> list[str]:
    return vault.check()


def audit_entries(vault: Vault, limit: int | None = None) -> list[AuditEntry]:
    """The newest ``limit`` lines of the audit log."""
    with vault.read():
        return vault.audit.entries(limit=limit)


def verify_audit(vault: Vault) -> int:
    """The number of lines in the audit log; TamperedError when the chain is broken or
    its tail was cut off."""
    with vault.read():
        problems = vault.audit.verify()
        if problems:
            raise TamperedError(
                N_("Het logboek is gewijzigd of ingekort ({problemen}). Neem contact op met de privacyfunctionaris."),
                problemen=", ".join(problems),
            )
        return vault.audit.head()[0]
