"""Issue 11 item 4 through the installed ``zorgapp`` console script: a cut trail is
reported by the next ordinary command (message, exit code 4) and by ``audit verify``
ever after; ``audit anchor`` and ``audit verify --anchor`` prove the trail up to a point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.store import audit as audit_mod
from zorgapp.store import keyfile
from zorgapp.store.audit import head_path
from zorgapp.store.connection import connect
from zorgapp.store.vault import Vault

SCRIPT = Path(sys.executable).with_name("zorgapp")
ALARM_EXIT = audit_mod.AuditAlarmError.exit_code


def zorgapp(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ZORGAPP_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([str(SCRIPT), *argv, "--data-dir", str(tmp_path / "data")], env=env,
                          capture_output=True, text=True, timeout=180, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def kluis(tmp_path: Path) -> Path:
    assert SCRIPT.exists(), "the zorgapp console script is not installed beside this Python"
    path = tmp_path / "kluis.zorg"
    vault, _ = Vault.create(path, PASSPHRASE)  # the cheap test KDF, stored in the key file
    with vault.transaction():
        for i in range(5):
            vault.audit.record("open", record_type="dossier", record_uuid=f"uuid-{i}")
    vault.lock()
    return path


def insider(path: Path, *sql: str) -> None:
    """With the raw key (as the recovery-key holder could), outside the app."""
    db = connect(path, keyfile.read_key_file(path).unwrap(PASSPHRASE))
    db.execute("DROP TRIGGER IF EXISTS audit_no_update")
    db.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in sql:
        db.execute(statement)
    db.commit()
    db.close()


def test_cut_trail_is_reported_by_the_next_command_and_stays_reported(kluis: Path, tmp_path: Path) -> None:
    tip = json.loads(head_path(kluis).read_text())["seq"]
    insider(kluis, f"DELETE FROM audit WHERE seq > {tip - 3}")
    listed = zorgapp(tmp_path, "case", "list", str(kluis), "--json")
    assert listed.returncode == ALARM_EXIT == 4
    assert json.loads(listed.stdout) == []  # the command itself did its work
    assert "logboek klopte bij het openen niet" in listed.stderr and "truncated" in listed.stderr
    again = zorgapp(tmp_path, "case", "list", str(kluis), "--json")
    assert again.returncode == 0  # found once, recorded once
    verified = zorgapp(tmp_path, "audit", "verify", str(kluis))
    assert verified.returncode == 1 and "truncated" in verified.stderr


def test_removed_head_is_reported_not_silently_recreated(kluis: Path, tmp_path: Path) -> None:
    head_path(kluis).unlink()
    listed = zorgapp(tmp_path, "case", "list", str(kluis), "--json")
    assert listed.returncode == 4 and "head:missing" in listed.stderr
    verified = zorgapp(tmp_path, "audit", "verify", str(kluis))
    assert verified.returncode == 1 and "head:missing" in verified.stderr


def test_anchor_proves_the_trail_up_to_it(kluis: Path, tmp_path: Path) -> None:
    shown = zorgapp(tmp_path, "audit", "anchor", str(kluis))
    assert shown.returncode == 0
    anchor = shown.stdout.strip()
    seq, digest = anchor.split(":")
    assert int(seq) > 1 and len(digest) == 64
    ok = zorgapp(tmp_path, "audit", "verify", str(kluis), "--anchor", anchor)
    assert ok.returncode == 0 and "anker" in ok.stderr
    # a consistent rewrite of entry 2 by the key holder: the chain and head agree again ...
    vault = Vault.unlock(kluis, PASSPHRASE)
    db = vault.conn
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET actor = 'iemand anders' WHERE seq = 2")
    prev = audit_mod.GENESIS
    for e in vault.audit.entries():
        fixed = audit_mod.entry_hash(prev, e.seq, e.uuid, e.ts, e.actor, e.action, e.record_type,
                                     e.record_uuid, e.outcome, e.fields)
        db.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, fixed, e.seq))
        prev = fixed
    vault.audit.write_head()
    vault._conn.close()  # as if the process died: no lock, no head write
    vault._conn = None
    if vault._hold is not None:  # the OS drops a dead process's lock
        vault._hold.release()
        vault._hold = None
    assert zorgapp(tmp_path, "audit", "verify", str(kluis)).returncode == 0
    # ... but not with the anchor kept on paper
    caught = zorgapp(tmp_path, "audit", "verify", str(kluis), "--anchor", anchor)
    assert caught.returncode == 1 and f"anchor:mismatch:{seq}" in caught.stderr


def test_a_malformed_anchor_is_a_usage_error(kluis: Path, tmp_path: Path) -> None:
    bad = zorgapp(tmp_path, "audit", "verify", str(kluis), "--anchor", "12:xyz")
    assert bad.returncode == 2 and "VOLGNUMMER:HASH" in bad.stderr
