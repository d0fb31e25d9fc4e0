"""The vault use cases the GUI and the command line share: passphrase, recovery,
backups and restore, the audit log, and the printed sheets (audited here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import UsageError, WrongPassphraseError
from zorgapp.services import vault_service
from zorgapp.services.bundle_service import BundleService
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault, failed_path

NEW = "een andere lange wachtwoordzin"


def _last(vault: Vault) -> tuple[str, str]:
    entry = vault.audit.entries()[-1]
    return entry.action, entry.record_type


def test_change_passphrase_checks_the_current_one_first(vault: Vault, vault_path: Path) -> None:
    before = keyfile.key_path(vault_path).read_bytes()
    with pytest.raises(WrongPassphraseError) as caught:
        vault_service.change_passphrase(vault, "niet de huidige zin", NEW)
    assert caught.value.msgid == "De huidige wachtwoordzin klopt niet."
    assert keyfile.key_path(vault_path).read_bytes() == before
    assert not failed_path(vault_path).exists()  # not a failed unlock
    with pytest.raises(UsageError):
        vault_service.change_passphrase(vault, PASSPHRASE, "te kort")
    vault_service.change_passphrase(vault, PASSPHRASE, NEW)
    assert _last(vault) == ("passphrase", "vault")
    vault.lock()
    Vault.unlock(vault_path, NEW).lock()


def test_change_passphrase_at_a_path_is_the_same_use_case(vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE)[0].lock()
    with pytest.raises(WrongPassphraseError):
        vault_service.change_passphrase_at(vault_path, "niet de huidige zin", NEW)
    vault_service.change_passphrase_at(vault_path, PASSPHRASE, NEW)
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, PASSPHRASE)
    Vault.unlock(vault_path, NEW).lock()


def test_new_passphrase_typed_twice() -> None:
    vault_service.check_new_passphrase(NEW, NEW)
    with pytest.raises(UsageError) as caught:
        vault_service.check_new_passphrase(NEW, NEW + "!")
    assert caught.value.msgid == "De wachtwoordzinnen zijn niet gelijk."
    with pytest.raises(UsageError):
        vault_service.check_new_passphrase("kort", "kort")


def test_recover_and_unlock_keeps_the_vault_open(vault_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    vault_service.check_recovery_key(recovery)
    with pytest.raises(UsageError):
        vault_service.recover_and_unlock(vault_path, recovery, "kort")
    opened = vault_service.recover_and_unlock(vault_path, recovery.lower(), NEW)
    assert opened.is_open and _last(opened) == ("passphrase", "vault")
    opened.lock()
    Vault.unlock(vault_path, NEW).lock()


def test_backups_listed_newest_first_and_restored_in_place(vault_path: Path) -> None:
    vault, _key = Vault.create(vault_path, PASSPHRASE)
    assert vault_service.backups(vault) == []
    first = vault_service.backup(vault)
    vault.set_meta("na_kopie", "1")
    second = vault_service.backup(vault)
    listed = vault_service.backups(vault)
    assert {b.path for b in listed} == {first, second}
    assert listed[0].made_at >= listed[1].made_at  # newest first
    assert first.parent == vault_service.backup_folder(vault)
    reopened = vault_service.restore_and_reopen(vault, first, PASSPHRASE)
    assert not vault.is_open and reopened.path == vault_path
    assert reopened.meta("na_kopie") == ""
    reopened.lock()


def test_backup_and_lock_on_closing(vault_path: Path) -> None:
    vault, _key = Vault.create(vault_path, PASSPHRASE)
    assert vault_service.backup_and_lock(vault) is None
    assert not vault.is_open
    reopened = Vault.unlock(vault_path, PASSPHRASE)
    [made] = vault_service.backups(reopened)
    assert made.path.name.startswith("kluis-")
    reopened.lock()


def test_audit_entries_and_verify(vault: Vault) -> None:
    """(Tampering is detected: tests/unit/store/test_audit.py.)"""
    vault.set_meta("x", "1")
    vault_service.recovery_sheet_printed(vault)
    entries = vault_service.audit_entries(vault, limit=1)
    assert [(e.seq, e.action) for e in entries] == [(2, "print")]
    assert len(vault_service.audit_entries(vault)) == 2
    assert vault_service.verify_audit(vault) == 2


def _files_beside(vault_path: Path) -> list[Path]:
    """Files in the vault's folder, without SQLite's own (encrypted) -wal/-shm companions,
    which any read may create."""
    return sorted(p for p in vault_path.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))


def test_recovery_sheet_made_in_memory_and_printing_audited(vault: Vault, vault_path: Path) -> None:
    before = _files_beside(vault_path)
    pdf = vault_service.recovery_sheet(vault, "ABCD-" * 15 + "ABCD")
    assert pdf.startswith(b"%PDF")
    assert _files_beside(vault_path) == before
    vault_service.recovery_sheet_printed(vault)
    assert _last(vault) == ("print", "herstelsleutel")


def test_contact_card_printed_and_saved_are_audited(vault: Vault, tmp_path: Path) -> None:
    service = BundleService(vault)
    card = service.kaart()
    pdf = service.kaart_pdf(card)
    assert pdf.startswith(b"%PDF")
    service.kaart_afgedrukt()
    assert _last(vault) == ("print", "contactkaart")
    saved = service.bewaar_kaart_pdf(pdf, tmp_path / "kaart.pdf")
    assert saved.read_bytes() == pdf and (saved.stat().st_mode & 0o777) == 0o600
    assert _last(vault) == ("export", "contactkaart")
    text = service.bewaar_kaart_tekst(card, tmp_path / "kaart.txt")
    assert text.read_text(encoding="utf-8") == card.to_text()
