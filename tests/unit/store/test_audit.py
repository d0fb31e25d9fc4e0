"""The audit trail detects altered, removed, reordered and cut-off entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zorgapp.errors import TamperedError
from zorgapp.services.vault_service import verify_audit
from zorgapp.store.audit import head_path
from zorgapp.store.connection import DatabaseError
from zorgapp.store.vault import Vault

from ...conftest import PASSPHRASE


def _with_entries(vault_path: Path, n: int = 5) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    with vault.transaction():
        for i in range(n):
            vault.audit.record("open", record_type="dossier", record_uuid=f"uuid-{i}",
                               fields=["naam", "geboortedatum"])
    vault.lock()


def _tamper(vault_path: Path, *sql: str) -> None:
    """What someone with the key could do outside the app: bypass the triggers."""
    vault = Vault.unlock(vault_path, PASSPHRASE)
    db = vault.conn
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("DROP TRIGGER audit_no_delete")
    for statement in sql:
        db.execute(statement)
    vault._conn.close()  # leave without the app recording the lock
    vault._conn = None


def test_intact_chain_verifies(vault_path: Path) -> None:
    _with_entries(vault_path)
    vault = Vault.unlock(vault_path, PASSPHRASE)
    assert vault.audit.verify() == []
    entry = vault.audit.entries()[2]
    assert entry.fields == ("geboortedatum", "naam")  # names, never values
    assert entry.ts.endswith("Z") and len(entry.ts) == 20
    vault.lock()


def test_app_cannot_update_or_delete_entries(vault: Vault) -> None:
    with pytest.raises(DatabaseError, match="append-only"), vault.transaction() as db:
        db.execute("DELETE FROM audit")
    assert vault.audit.head()[0] >= 1


@pytest.mark.parametrize("attack,expected", [
    ("UPDATE audit SET outcome = 'failed' WHERE seq = 3", "altered:3"),
    ("DELETE FROM audit WHERE seq = 3", "gap:3"),
    ("UPDATE audit SET seq = seq + 100 WHERE seq IN (3, 4)", "gap"),
])
def test_tampering_is_detected(vault_path: Path, attack: str, expected: str) -> None:
    _with_entries(vault_path)
    _tamper(vault_path, attack)
    vault = Vault.unlock(vault_path, PASSPHRASE)
    problems = vault.audit.verify()
    assert any(p.startswith(expected) for p in problems), problems
    with pytest.raises(TamperedError):
        verify_audit(vault)
    vault._conn.close()


def test_reordering_is_detected(vault_path: Path) -> None:
    _with_entries(vault_path)
    _tamper(vault_path,
            "UPDATE audit SET seq = 1000 WHERE seq = 3",
            "UPDATE audit SET seq = 3 WHERE seq = 4",
            "UPDATE audit SET seq = 4 WHERE seq = 1000")
    vault = Vault.unlock(vault_path, PASSPHRASE)
    assert any(p.startswith("link") for p in vault.audit.verify())
    vault._conn.close()


def test_cut_off_tail_is_detected_by_the_head_outside(vault_path: Path) -> None:
    _with_entries(vault_path)
    head = json.loads(head_path(vault_path).read_text())
    _tamper(vault_path, f"DELETE FROM audit WHERE seq >= {head['seq'] - 2}")
    vault = Vault.unlock(vault_path, PASSPHRASE)
    problems = vault.audit.verify()
    # The chain inside is consistent up to the cut; only the head outside tells.
    assert any(p.startswith(("truncated", "head:mismatch")) for p in problems), problems
    vault._conn.close()


def test_forged_head_is_detected(vault_path: Path) -> None:
    _with_entries(vault_path)
    doc = json.loads(head_path(vault_path).read_text())
    doc["seq"] = 2
    head_path(vault_path).write_text(json.dumps(doc))
    vault = Vault.unlock(vault_path, PASSPHRASE)
    assert "head:forged" in vault.audit.verify()
    vault._conn.close()
