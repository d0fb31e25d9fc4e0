"""The HMAC check of every page after the window's unlock (issue 15, item 2).

``Vault.unlock`` still checks every page first unless told not to; the later check
finds the same damage and reports it with the same error."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import DamagedVaultError, KnownError
from zorgapp.store.vault import Vault


def damaged_in_a_quiet_table(vault_path: Path) -> None:
    """A vault whose damage sits in a table nothing reads at unlock: the unlock without
    the page check succeeds, the check itself must find it."""
    vault, _key = Vault.create(vault_path, PASSPHRASE)
    with vault.transaction() as db:
        db.execute("CREATE TABLE ballast (x BLOB)")
        for _ in range(400):
            db.execute("INSERT INTO ballast VALUES (?)", (os.urandom(4000),))
    vault.lock()
    data = bytearray(vault_path.read_bytes())
    data[len(data) // 2] ^= 0x01
    vault_path.write_bytes(bytes(data))


def _later(vault: Vault) -> KnownError | None:
    done = threading.Event()
    found: list[KnownError | None] = []

    def report(outcome: KnownError | None) -> None:
        found.append(outcome)
        done.set()

    vault.check_pages_later(report)
    assert done.wait(60)
    return found[0]


def test_the_full_check_up_front_still_finds_it(vault_path: Path) -> None:
    damaged_in_a_quiet_table(vault_path)
    with pytest.raises(DamagedVaultError) as info:
        Vault.unlock(vault_path, PASSPHRASE)
    assert "reservekopie" in info.value.user_message()


def test_the_later_check_finds_the_damaged_page(vault_path: Path) -> None:
    damaged_in_a_quiet_table(vault_path)
    vault = Vault.unlock(vault_path, PASSPHRASE, check_pages=False)
    try:
        assert not vault.pages_checked
        outcome = _later(vault)
        assert isinstance(outcome, DamagedVaultError)
        assert "reservekopie" in outcome.user_message()
    finally:
        vault.abandon()
    assert not vault.is_open


def test_a_whole_vault_passes_the_later_check(vault_path: Path) -> None:
    vault, _key = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    vault = Vault.unlock(vault_path, PASSPHRASE, check_pages=False)
    try:
        assert _later(vault) is None
    finally:
        vault.lock()
    assert Vault.unlock(vault_path, PASSPHRASE).pages_checked is True


def test_locking_stops_a_running_check(vault_path: Path) -> None:
    vault, _key = Vault.create(vault_path, PASSPHRASE)
    vault.lock()
    vault = Vault.unlock(vault_path, PASSPHRASE, check_pages=False)
    vault.check_pages_later(lambda outcome: None)
    vault.lock()  # cancels and waits for the check's thread
    assert not vault.is_open
    assert Vault.unlock(vault_path, PASSPHRASE).is_open
