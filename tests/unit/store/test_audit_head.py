"""Issue 11 items 4 and 5: the trail notices a cut at the next unlock and keeps saying so;
an anchor proves the trail up to it; the ``.failed`` file cannot forge entries."""

from __future__ import annotations

import json
from pathlib import Path

from zorgapp.store import audit as audit_mod
from zorgapp.store import failed_unlocks, keyfile
from zorgapp.store.audit import head_path
from zorgapp.store.connection import connect
from zorgapp.store.vault import Vault

from ...conftest import PASSPHRASE


def _with_entries(vault_path: Path, n: int = 5) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    with vault.transaction():
        for i in range(n):
            vault.audit.record("open", record_type="dossier", record_uuid=f"uuid-{i}")
    vault.lock()


def _insider(vault_path: Path, *sql: str) -> None:
    """What someone with the recovery key can do outside the app (nothing recorded)."""
    key = keyfile.read_key_file(vault_path).unwrap(PASSPHRASE)
    db = connect(vault_path, key)
    db.execute("DROP TRIGGER IF EXISTS audit_no_update")
    db.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in sql:
        db.execute(statement)
    db.commit()
    db.close()


def _tip(vault_path: Path) -> int:
    return int(json.loads(head_path(vault_path).read_text())["seq"])


def _crash(vault: Vault) -> None:
    """The process dies: the connection goes without a lock or head write, and the OS
    releases the one-process-per-vault lock."""
    vault._conn.close()
    vault._conn = None
    if vault._hold is not None:
        vault._hold.release()
        vault._hold = None


def _use(vault_path: Path) -> list[str]:
    """One ordinary session (like ``case list``): unlock, lock; what the unlock noticed."""
    vault = Vault.unlock(vault_path, PASSPHRASE)
    noticed = list(vault.audit.alarms_at_unlock)
    vault.lock()
    return noticed


def _verify(vault_path: Path, anchor: tuple[int, str] | None = None) -> list[str]:
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        return vault.audit.verify(anchor)
    finally:
        vault.lock()


def test_a_cut_tail_is_noticed_at_the_next_unlock_and_not_forgotten_after_use(vault_path: Path) -> None:
    _with_entries(vault_path)
    _insider(vault_path, f"DELETE FROM audit WHERE seq > {_tip(vault_path) - 3}")
    noticed = _use(vault_path)
    assert noticed and noticed[0].startswith("truncated"), noticed
    _use(vault_path)  # an ordinary session after it: the finding stays
    problems = _verify(vault_path)
    assert any(p.startswith("truncated") for p in problems), problems
    vault = Vault.unlock(vault_path, PASSPHRASE)
    alarms = vault.audit.alarms()
    assert [a.action for a in alarms] == ["alarm"] and alarms[0].actor == "zorgapp"
    vault.lock()


def test_a_removed_head_is_noticed_not_silently_recreated(vault_path: Path) -> None:
    _with_entries(vault_path)
    head_path(vault_path).unlink()
    assert _use(vault_path) == ["head:missing"]
    assert head_path(vault_path).exists()
    assert _use(vault_path) == []
    assert "head:missing" in _verify(vault_path)


def test_the_head_follows_every_commit_that_appends(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    with vault.transaction():
        vault.audit.record("open", record_type="dossier", record_uuid="x")
    assert _tip(vault_path) == vault.audit.head()[0]
    before = head_path(vault_path).read_bytes()
    vault.set_meta("iets", "anders")  # a commit without entries leaves the head alone
    assert head_path(vault_path).read_bytes() == before
    # a session that ends in a crash: its last entry can no longer be cut unnoticed
    _crash(vault)
    _insider(vault_path, f"DELETE FROM audit WHERE seq = {_tip(vault_path)}")
    assert _use(vault_path)


def test_a_crash_between_commit_and_head_write_is_not_an_alarm(vault_path: Path, monkeypatch) -> None:
    _with_entries(vault_path)
    vault = Vault.unlock(vault_path, PASSPHRASE)
    monkeypatch.setattr(vault.audit, "committed", lambda: None)
    with vault.transaction():
        vault.audit.record("open", record_type="dossier", record_uuid="y")
    assert _tip(vault_path) == vault.audit.head()[0] - 1
    _crash(vault)
    monkeypatch.undo()
    assert _use(vault_path) == []
    assert _verify(vault_path) == []


def test_an_anchor_proves_the_trail_against_a_consistent_rewrite(vault_path: Path) -> None:
    _with_entries(vault_path)
    vault = Vault.unlock(vault_path, PASSPHRASE)
    anchor = audit_mod.parse_anchor(vault.audit.anchor())
    assert anchor[0] == vault.audit.head()[0] and len(anchor[1]) == 64
    vault.lock()
    assert _verify(vault_path, anchor) == []
    # The recovery-key holder rewrites entry 2 and every hash after it, and the head.
    vault = Vault.unlock(vault_path, PASSPHRASE)
    db = vault.conn
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET actor = 'iemand anders' WHERE seq = 2")
    prev = audit_mod.GENESIS
    for entry in vault.audit.entries():
        fixed = audit_mod.entry_hash(prev, entry.seq, entry.uuid, entry.ts, entry.actor, entry.action,
                                     entry.record_type, entry.record_uuid, entry.outcome, entry.fields)
        db.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, fixed, entry.seq))
        prev = fixed
    vault.audit.write_head()
    _crash(vault)
    assert _use(vault_path) == []          # consistent: the head cannot tell
    assert _verify(vault_path) == []
    assert _verify(vault_path, anchor) == [f"anchor:mismatch:{anchor[0]}"]


def test_an_anchor_taken_after_an_alarm_acknowledges_it(vault_path: Path) -> None:
    _with_entries(vault_path)
    head_path(vault_path).unlink()
    _use(vault_path)
    vault = Vault.unlock(vault_path, PASSPHRASE)
    anchor = audit_mod.parse_anchor(vault.audit.anchor())
    vault.lock()
    assert "head:missing" in _verify(vault_path)
    assert _verify(vault_path, anchor) == []


def test_anchor_text_is_checked() -> None:
    import pytest

    from zorgapp.errors import UsageError

    assert audit_mod.parse_anchor(f" 12 : {'AB' * 32} ") == (12, "ab" * 32)
    for bad in ("", "12", "12:abc", "x:" + "a" * 64, "1:" + "g" * 64):
        with pytest.raises(UsageError):
            audit_mod.parse_anchor(bad)


# -- item 5: the .failed file ---------------------------------------------------------------

def _failed(vault_path: Path, attempts: object) -> None:
    failed_unlocks.failed_path(vault_path).write_text(json.dumps(attempts), encoding="utf-8")


def _failed_entries(vault_path: Path) -> list[audit_mod.AuditEntry]:
    vault = Vault.unlock(vault_path, PASSPHRASE)
    entries = [e for e in vault.audit.entries() if e.outcome == "failed"]
    vault.lock()
    return entries


def test_forged_failed_unlocks_are_bounded_and_marked_unverified(vault_path: Path) -> None:
    _with_entries(vault_path)
    now = audit_mod.utc_now()
    _failed(vault_path, [
        {"ts": "2019-03-01T10:00:00Z", "actor": "privacyfunctionaris"},     # before the vault
        {"ts": "2999-01-01T00:00:00Z", "actor": "jan"},                     # in the future
        {"ts": now, "actor": "x" * 100_000},                                # 100 KB actor
        {"ts": now, "actor": "ab\u202ecd"},                                 # right-to-left override
        {"ts": now, "actor": "tab\there"},                                  # control character
        {"ts": now, "actor": ["nested"]},
        {"ts": 12, "actor": "jan"},
        "not even an object",
        {"ts": now, "actor": "marieke"},                                    # plausible: kept, unverified
    ])
    entries = _failed_entries(vault_path)
    kept = [e for e in entries if e.actor == "marieke"]
    assert len(kept) == 1 and kept[0].fields == (failed_unlocks.UNVERIFIED,)
    notes = [e for e in entries if e.actor == "zorgapp"]
    assert len(notes) == 1 and set(notes[0].fields) == {failed_unlocks.UNVERIFIED, "dropped:8"}
    assert not any("privacyfunctionaris" in e.actor or "\u202e" in e.actor or len(e.actor) > 64 for e in entries)
    assert not failed_unlocks.failed_path(vault_path).exists()
    assert _verify(vault_path) == []


def test_many_failed_unlocks_are_capped(vault_path: Path) -> None:
    _with_entries(vault_path)
    _failed(vault_path, [{"ts": audit_mod.utc_now(), "actor": "jan"}] * 500)
    entries = _failed_entries(vault_path)
    assert len(entries) == failed_unlocks.MAX_ENTRIES + 1
    assert "dropped:450" in entries[-1].fields


def test_a_huge_or_nested_failed_file_costs_one_entry(vault_path: Path) -> None:
    _with_entries(vault_path)
    line = {"ts": audit_mod.utc_now(), "actor": "jan"}
    failed_unlocks.failed_path(vault_path).write_text("\n".join(json.dumps(line) for _ in range(100_000)))
    size_before = vault_path.stat().st_size
    entries = _failed_entries(vault_path)
    assert [set(e.fields) for e in entries] == [{failed_unlocks.UNVERIFIED, "unreadable"}]
    assert vault_path.stat().st_size < size_before + (1 << 20)
    failed_unlocks.failed_path(vault_path).write_text("[" * 100_000 + "]" * 100_000)
    failed_unlocks.remember(vault_path)  # a wrong passphrase meets the nested file first
    assert [e.fields for e in _failed_entries(vault_path)][-1] == (failed_unlocks.UNVERIFIED,)


def test_a_genuine_failed_unlock_is_recorded_unverified(vault_path: Path) -> None:
    import pytest

    from zorgapp.errors import WrongPassphraseError

    _with_entries(vault_path)
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, "dit is niet de goede zin")
    (entry,) = _failed_entries(vault_path)
    assert entry.actor == audit_mod.local_user() and entry.fields == (failed_unlocks.UNVERIFIED,)
