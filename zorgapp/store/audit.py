"""The audit trail (NEN 7513 in spirit): who did what, when, to which record.

Entries are hash-chained: each one's hash covers its fields and the previous hash, so
altering, removing or reordering an entry breaks the chain. The chain head is also
kept outside the vault in ``NAME.zorg.head`` (authenticated with a key derived from
the vault key), so cutting off the newest entries is detected too.

Only field *names* are recorded for changes, never values: the trail itself must not
become a second copy of personal data.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from zorgapp.fileio import atomic_write
from zorgapp.store.connection import Connection

GENESIS = "0" * 64

# Actions (stable codes; the UI translates them for display).
OPEN = "open"
CHANGE = "change"
CREATE = "create"
SEARCH = "search"
PRINT = "print"
EXPORT = "export"
IMPORT = "import"
UNLOCK = "unlock"
LOCK = "lock"
BACKUP = "backup"
RESTORE = "restore"
PASSPHRASE = "passphrase"
MIGRATE = "migrate"


def local_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no user name in the environment
        return "onbekend"


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    uuid: str
    ts: str
    actor: str
    action: str
    record_type: str
    record_uuid: str
    outcome: str
    fields: tuple[str, ...]
    prev_hash: str
    hash: str

    def computed_hash(self) -> str:
        return entry_hash(self.prev_hash, self.seq, self.uuid, self.ts, self.actor,
                          self.action, self.record_type, self.record_uuid, self.outcome,
                          self.fields)


def entry_hash(prev_hash: str, seq: int, entry_uuid: str, ts: str, actor: str,
               action: str, record_type: str, record_uuid: str, outcome: str,
               fields: Iterable[str]) -> str:
    body = json.dumps(
        [prev_hash, seq, entry_uuid, ts, actor, action, record_type, record_uuid,
         outcome, sorted(fields)],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def head_path(vault_path: Path) -> Path:
    return Path(str(vault_path) + ".head")


class AuditTrail:
    """Append and verify entries in one vault."""

    def __init__(self, conn: Connection, vault_path: Path, vault_key: bytes,
                 vault_id: str) -> None:
        self._conn = conn
        self._vault_path = vault_path
        self._mac_key = hmac.new(vault_key, b"zorgapp audit head", hashlib.sha256).digest()
        self._vault_id = vault_id

    def record(self, action: str, *, record_type: str = "", record_uuid: str = "",
               outcome: str = "ok", fields: Iterable[str] = (), ts: str | None = None,
               actor: str | None = None) -> None:
        """Append one entry; call inside the transaction of the change it records."""
        row = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        entry_uuid = str(uuid.uuid4())
        ts = ts or utc_now()
        actor = actor or local_user()
        names = sorted(set(fields))
        digest = entry_hash(prev, seq, entry_uuid, ts, actor, action, record_type,
                            record_uuid, outcome, names)
        self._conn.execute(
            "INSERT INTO audit (seq, uuid, ts, actor, action, record_type, record_uuid,"
            " outcome, fields, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (seq, entry_uuid, ts, actor, action, record_type, record_uuid, outcome,
             json.dumps(names), prev, digest),
        )

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit ORDER BY seq"
        if limit:
            sql = "SELECT * FROM (SELECT * FROM audit ORDER BY seq DESC LIMIT ?) ORDER BY seq"
        rows = self._conn.execute(sql, (limit,) if limit else ()).fetchall()
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                           tuple(json.loads(r[8])), r[9], r[10]) for r in rows]

    def head(self) -> tuple[int, str]:
        row = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    # -- the head outside the vault ----------------------------------------------

    def _mac(self, seq: int, digest: str) -> str:
        msg = f"{self._vault_id}:{seq}:{digest}".encode()
        return hmac.new(self._mac_key, msg, hashlib.sha256).hexdigest()

    def write_head(self, target: Path | None = None) -> None:
        """Store the chain head beside the vault (at lock, close and backup)."""
        seq, digest = self.head()
        doc = {"vault_id": self._vault_id, "seq": seq, "hash": digest,
               "mac": self._mac(seq, digest)}
        atomic_write(target or head_path(self._vault_path),
                     (json.dumps(doc, indent=2) + "\n").encode())

    def verify(self) -> list[str]:
        """Problems found in the chain (empty when intact). Codes, not prose."""
        problems: list[str] = []
        prev = GENESIS
        expected_seq = 1
        for entry in self.entries():
            if entry.seq != expected_seq:
                problems.append(f"gap:{expected_seq}")
                expected_seq = entry.seq
            if entry.prev_hash != prev:
                problems.append(f"link:{entry.seq}")
            if entry.computed_hash() != entry.hash:
                problems.append(f"altered:{entry.seq}")
            prev = entry.hash
            expected_seq += 1
        problems += self._verify_head()
        return problems

    def _verify_head(self) -> list[str]:
        path = head_path(self._vault_path)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            seq, digest, mac = int(doc["seq"]), str(doc["hash"]), str(doc["mac"])
        except FileNotFoundError:
            return ["head:missing"]
        except (ValueError, KeyError, TypeError):
            return ["head:damaged"]
        if not hmac.compare_digest(mac, self._mac(seq, digest)):
            return ["head:forged"]
        if seq == 0:
            return []
        row = self._conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            return [f"truncated:{seq}"]
        if row[0] != digest:
            return [f"head:mismatch:{seq}"]
        return []
