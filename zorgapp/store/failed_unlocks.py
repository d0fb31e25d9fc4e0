"""Failed unlocks, noted beside the vault and moved into the audit trail at the next unlock.

A wrong passphrase must not touch the vault, so the attempt goes to ``NAME.zorg.failed``
(time and local user). That file needs no key to write: anyone with access to the folder
can put anything in it. So its entries are taken in only within bounds (at most
``MAX_ENTRIES`` per unlock, a user name of at most ``MAX_ACTOR`` printable characters
without control or direction-changing characters, a time after the vault was created
and not in the future), and each one is marked ``unverified``: *gemeld door het
bestandssysteem, niet geverifieerd*. Whatever is dropped is counted in one entry.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from zorgapp import safejson
from zorgapp.fileio import atomic_write
from zorgapp.store import audit as audit_mod

MAX_FILE_BYTES = 128 << 10
MAX_KEPT = 1000                 # attempts kept in the file between two unlocks
MAX_ENTRIES = 50                # attempts taken into the trail at one unlock (the newest)
MAX_ACTOR = 64
CLOCK_SLACK = timedelta(minutes=5)
UNVERIFIED = "unverified"       # in ``fields``: reported by the file system, not verified
_BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def failed_path(vault_path: Path) -> Path:
    return Path(str(vault_path) + ".failed")


_UNREADABLE: list[Any] = []     # the file is there but too large, too deep or not a list


def _read(path: Path) -> list[Any] | None:
    """The attempts in the file; None when there is no file, ``_UNREADABLE`` if unusable."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return _UNREADABLE
    try:
        attempts = safejson.loads(data, max_bytes=MAX_FILE_BYTES, max_depth=3)
    except safejson.JsonLimitError:
        return _UNREADABLE
    return attempts if isinstance(attempts, list) else _UNREADABLE


def remember(vault_path: Path) -> None:
    """Note a failed unlock beside the vault, never inside it (it must stay unchanged)."""
    target = failed_path(vault_path)
    found = _read(target)
    attempts = [] if found is None or found is _UNREADABLE else list(found)
    attempts.append({"ts": audit_mod.utc_now(), "actor": audit_mod.local_user()})
    atomic_write(target, json.dumps(attempts[-MAX_KEPT:]).encode())


def valid_actor(value: Any) -> bool:
    """A user name: 1-64 printable characters, no control, format or bidi characters."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ACTOR or value != value.strip():
        return False
    return all(unicodedata.category(c) not in _BAD_CATEGORIES for c in value)


def valid_time(value: Any, created: datetime, now: datetime) -> bool:
    """``YYYY-MM-DDThh:mm:ssZ`` between the vault's creation and now."""
    if not isinstance(value, str) or len(value) != 20 or not value.endswith("Z"):
        return False
    try:
        moment = datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
    except ValueError:
        return False
    return created - CLOCK_SLACK <= moment <= now + CLOCK_SLACK


def created_at(trail: audit_mod.AuditTrail) -> datetime:
    """When the vault was made: the time of its first entry."""
    first = trail.entries_from(1)[:1]
    try:
        return datetime.fromisoformat(first[0].ts) if first else datetime.now(UTC)
    except ValueError:
        return datetime.now(UTC)


def take_in(trail: audit_mod.AuditTrail, vault_path: Path, vault_id: str) -> int:
    """Record the valid attempts (call inside the unlock's transaction); returns how many."""
    path = failed_path(vault_path)
    attempts = _read(path)
    if attempts is None:
        return 0
    created, now = created_at(trail), datetime.now(UTC)
    valid = [a for a in attempts if isinstance(a, dict) and valid_time(a.get("ts"), created, now)
             and valid_actor(a.get("actor"))]
    valid.sort(key=lambda a: str(a["ts"]))
    kept = valid[-MAX_ENTRIES:]
    for attempt in kept:
        trail.record(audit_mod.UNLOCK, record_type="vault", record_uuid=vault_id, outcome="failed",
                     ts=str(attempt["ts"]), actor=str(attempt["actor"]), fields=[UNVERIFIED])
    dropped = len(attempts) - len(kept)
    if dropped or attempts is _UNREADABLE:
        note = "unreadable" if attempts is _UNREADABLE else f"dropped:{dropped}"
        trail.record(audit_mod.UNLOCK, record_type="vault", record_uuid=vault_id, outcome="failed",
                     actor="zorgapp", fields=[UNVERIFIED, note])
    path.unlink(missing_ok=True)
    return len(kept)
