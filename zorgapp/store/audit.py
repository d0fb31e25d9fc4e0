"""The audit trail (NEN 7513 in spirit): who did what, when, to which record.

Entries are hash-chained: each one's hash covers its fields and the previous hash, so
altering, removing or reordering an entry breaks the chain. The chain head is also
kept outside the vault in ``NAME.zorg.head`` (authenticated with a key derived from
the vault key), written after every commit that appended entries, so cutting off the
newest entries is detected too.

At every unlock, before anything is appended, the head is checked against the chain
(``check_at_unlock``). A mismatch, or no head for a chain that has entries, is recorded
as an ``alarm`` entry and kept in ``alarms_at_unlock`` for the app and the command line
to show; ``verify`` keeps reporting recorded alarms, so the next commit, which writes a
new head, does not make the finding disappear.

Whoever holds the vault key (the recovery key) can rewrite the whole trail and its head
consistently; against that only a copy kept elsewhere helps: an *anchor* (``anchor``,
``SEQ:HASH``) that ``verify`` checks the chain against.

Only field *names* are recorded for changes, never values: the trail itself must not
become a second copy of personal data.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import itertools
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from zorgapp import safejson
from zorgapp.errors import N_, TamperedError, UsageError
from zorgapp.fileio import atomic_write
from zorgapp.store.connection import Connection

log = logging.getLogger(__name__)

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
DELETE = "delete"          # e.g. an attachment removed from a dossier
ALARM = "alarm"            # the head beside the vault did not match the chain at unlock
HOLD = "hold"              # a legal hold (bewaarplicht) placed on a closed dossier
RELEASE = "release"        # a legal hold released
DESTROY = "destroy"        # a dossier destroyed; the note keeps no personal data

MAX_HEAD_BYTES = 4096
_ANCHOR = re.compile(r"^\s*(\d{1,12})\s*:\s*([0-9a-fA-F]{64})\s*$")


class AuditAlarmError(TamperedError):
    """The trail did not match its head when the vault was opened (exit code 4).

    The command itself still ran; the exit code tells a script that the privacy officer
    must look at the trail (docs/admin.md).
    """

    exit_code = 4


def alarm_message(problems: Iterable[str]) -> AuditAlarmError:
    return AuditAlarmError(
        N_("Let op: het logboek klopte bij het openen niet met de kopregel naast de kluis ({problemen}). "
           "Mogelijk zijn regels verwijderd of gewijzigd. Dit is in het logboek vastgelegd; "
           "meld het aan de privacyfunctionaris."),
        problemen=", ".join(problems))


def parse_anchor(text: str) -> tuple[int, str]:
    """``SEQ:HASH`` as printed by ``audit anchor``."""
    match = _ANCHOR.match(text or "")
    if match is None:
        raise UsageError(N_("Een anker heeft de vorm VOLGNUMMER:HASH (zoals 'zorgapp audit anchor' het toont)."))
    return int(match.group(1)), match.group(2).lower()


def local_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001  # pragma: no cover - no user name in the environment
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
        self._pending = False           # entries appended in the open transaction
        self.written = 0                # entries appended through this object (``Vault.stamp``)
        self.alarms_at_unlock: list[str] = []

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
        self.written += 1
        self._pending = True

    # -- the head follows every commit ---------------------------------------------

    def committed(self) -> None:
        """Call after COMMIT: a commit that appended entries moves the head beside the vault.

        The entries are safe in the vault already; a head that cannot be written (disk
        full) only lags behind the chain, which the next unlock accepts.
        """
        if not self._pending:
            return
        self._pending = False
        try:
            self.write_head()
        except OSError:
            log.warning("audit head not written after a commit")

    def rolled_back(self) -> None:
        self._pending = False

    def check_at_unlock(self, transaction: Callable[[], AbstractContextManager[Any]]) -> list[str]:
        """Compare head and chain before anything is appended; record what does not match.

        ``transaction`` is the vault's: the alarm entries are committed (and the head
        rewritten after them) at once, so the finding cannot be lost by a crash.
        """
        problems = self.head_problems()
        if problems:
            with transaction():
                for problem in problems:
                    self.record(ALARM, record_type="audit", record_uuid=self._vault_id,
                                outcome=problem[:120], actor="zorgapp")
        self.alarms_at_unlock = problems
        return problems

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit ORDER BY seq"
        if limit:
            sql = "SELECT * FROM (SELECT * FROM audit ORDER BY seq DESC LIMIT ?) ORDER BY seq"
        rows = self._conn.execute(sql, (limit,) if limit else ()).fetchall()
        return [_entry(r) for r in rows]

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

    def anchor(self) -> str:
        """The current head as ``SEQ:HASH``, for the privacy officer to keep elsewhere."""
        seq, digest = self.head()
        return f"{seq}:{digest}"

    def alarms(self, after: int = 0) -> list[AuditEntry]:
        """Alarm entries (head and chain did not match at an unlock) after sequence ``after``."""
        rows = self._conn.execute("SELECT * FROM audit WHERE action = ? AND seq > ? ORDER BY seq",
                                  (ALARM, after)).fetchall()
        return [_entry(r) for r in rows]

    def entries_from(self, seq: int) -> list[AuditEntry]:
        rows = self._conn.execute("SELECT * FROM audit WHERE seq >= ? ORDER BY seq", (seq,)).fetchall()
        return [_entry(r) for r in rows]

    def verify(self, anchor: tuple[int, str] | None = None) -> list[str]:
        """Problems found in the chain (empty when intact). Codes, not prose.

        Besides the chain and the head: alarms recorded at earlier unlocks (after the
        anchor, when one is given: an anchor taken after an alarm acknowledges it), and
        whether the entry at the anchor still has the anchored hash.
        """
        problems = self._verify_chain()
        problems += self._verify_head()
        if anchor is not None:
            problems += self._verify_anchor(*anchor)
        for entry in self.alarms(after=anchor[0] if anchor else 0):
            if entry.outcome not in problems:
                problems.append(entry.outcome)
        return problems

    def _verify_anchor(self, seq: int, digest: str) -> list[str]:
        row = self._conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            return [f"anchor:missing:{seq}"]
        if not hmac.compare_digest(row[0], digest):
            return [f"anchor:mismatch:{seq}"]
        return []

    def _verify_chain(self) -> list[str]:
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
        return problems

    def head_problems(self) -> list[str]:
        """The head beside the vault against the chain: what an unlock checks.

        A head behind the chain is fine when the entries after it link up (a crash
        between a commit and the head write); a missing head is fine only for an empty
        chain.
        """
        problems = self._verify_head()
        if problems == ["head:missing"] and self.head()[0] == 0:
            return []
        if problems:
            return problems
        seq = self._read_head()[0]
        later = self.entries_from(seq)
        for before, entry in itertools.pairwise(later):
            if entry.seq != before.seq + 1 or entry.prev_hash != before.hash \
                    or entry.computed_hash() != entry.hash:
                return [f"link:{entry.seq}"]
        return []

    def _read_head(self) -> tuple[int, str, str]:
        data = head_path(self._vault_path).read_bytes()
        doc = safejson.loads(data, max_bytes=MAX_HEAD_BYTES, max_depth=2)
        return int(doc["seq"]), str(doc["hash"]), str(doc["mac"])

    def _verify_head(self) -> list[str]:
        try:
            seq, digest, mac = self._read_head()
        except FileNotFoundError:
            return ["head:missing"]
        except (OSError, ValueError, KeyError, TypeError):
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


def _entry(r: Any) -> AuditEntry:
    return AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(json.loads(r[8])), r[9], r[10])
