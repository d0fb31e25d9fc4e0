"""Fixtures shared by the store's page-check tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.store.vault import Vault


@pytest.fixture
def filled(vault_path: Path) -> bytes:
    """A locked vault of a few hundred pages; returns its key."""
    vault, _recovery = Vault.create(vault_path, PASSPHRASE)
    key = bytes(vault.key)
    with vault.transaction() as db:
        db.execute("CREATE TABLE ballast (x BLOB)")
        for _ in range(300):
            db.execute("INSERT INTO ballast VALUES (?)", (os.urandom(3000),))
    vault.lock()
    return key
