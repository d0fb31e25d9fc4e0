"""Destroying one case so that nothing of it stays in the file or in its backups.

Every row that belongs to the case goes: the dossier, its document and index, its FTS
entries, and every table with a ``dossier_uuid`` or ``dossier_id`` column (placements,
costs, attachments, meeting items, partner links, handovers, legal holds; a table added
later is found the same way). Then the bytes: ``secure_delete`` overwrites freed cells
and pages with zeros, an FTS ``optimize`` merges the index so that no old segment still
lists the person's words, and a ``wal_checkpoint(TRUNCATE)`` leaves no WAL frame behind.
Backups in the vault's own backup folder (and a vault kept aside by a restore) that hold
the case are rewritten the same way; one that cannot be opened with the vault key is
retired (removed), because it cannot be checked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zorgapp.fileio import fsync_dir
from zorgapp.store import keyfile
from zorgapp.store.audit import AuditTrail, head_path
from zorgapp.store.backup import backup_dir, copy_into, list_backups
from zorgapp.store.connection import Connection, DatabaseError, connect
from zorgapp.store.vault import SUFFIX

HERSCHREVEN = "herschreven"
VERWIJDERD = "verwijderd"


@dataclass(frozen=True)
class KopieUitkomst:
    """What happened to one backup that held the case."""

    pad: Path
    actie: str  # HERSCHREVEN or VERWIJDERD


def wis_rijen(db: Connection, dossier_uuid: str) -> int:
    """Delete every row of the case (inside the caller's transaction); returns its id
    (0 when the case is not in this file)."""
    row = db.execute("SELECT id FROM dossier WHERE uuid = ?", (dossier_uuid,)).fetchone()
    if row is None:
        return 0
    dossier_id = int(row[0])
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT IN ('dossier', 'audit') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'dossier_fts%'")]
    for table in tables:
        columns = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
        if "dossier_uuid" in columns:
            db.execute(f'DELETE FROM "{table}" WHERE dossier_uuid = ?', (dossier_uuid,))
        if "dossier_id" in columns:
            db.execute(f'DELETE FROM "{table}" WHERE dossier_id = ?', (dossier_id,))
    db.execute("DELETE FROM dossier_doc WHERE id = ?", (dossier_id,))
    db.execute("DELETE FROM dossier WHERE id = ?", (dossier_id,))  # the FTS trigger follows
    # An FTS5 delete only adds a tombstone; merging all segments drops the old words.
    db.execute("INSERT INTO dossier_fts (dossier_fts) VALUES ('optimize')")
    return dossier_id


def schoon_bestand(db: Connection) -> None:
    """After the commit: no WAL frame keeps an old page (the vault's only connection)."""
    busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise DatabaseError("wal checkpoint blocked")


def kopieen(vault_path: Path) -> list[Path]:
    """Every file beside the vault that is a copy of it: its backups, and vaults kept
    aside by a restore (``NAME.zorg.voor-terugzetten-*``)."""
    stem = vault_path.name.removesuffix(SUFFIX)
    found = [b.path for b in list_backups(backup_dir(vault_path), stem)]
    found += sorted(p for p in vault_path.parent.glob(vault_path.name + ".voor-terugzetten-*")
                    if not p.name.endswith((".key", ".head", "-wal", "-shm")))
    return found


def herschrijf_kopieen(vault_path: Path, key: bytes | bytearray, vault_id: str, dossier_uuid: str,
                       notitie: Callable[[AuditTrail], None]) -> list[KopieUitkomst]:
    """Rewrite (or retire) every copy that still holds the case; ``notitie`` records the
    destruction note in each rewritten copy's own trail, so a restore of it explains why
    the case is missing and its chain still verifies."""
    results = []
    for pad in kopieen(vault_path):
        try:
            source = connect(pad, key, pragmas=False)
        except Exception:  # noqa: BLE001 - any reason it cannot be read: it cannot be checked
            _retire(pad)
            results.append(KopieUitkomst(pad, VERWIJDERD))
            continue
        try:
            holds = source.execute("SELECT 1 FROM dossier WHERE uuid = ?", (dossier_uuid,)).fetchone()
            if holds is not None:
                tmp = pad.with_name(pad.name + ".vernietigen.partial")
                copy_into(source, key, tmp)
        except DatabaseError:
            source.close()
            _retire(pad)
            results.append(KopieUitkomst(pad, VERWIJDERD))
            continue
        source.close()
        if holds is None:
            continue
        _purge_copy(tmp, pad, key, vault_id, dossier_uuid, notitie)
        results.append(KopieUitkomst(pad, HERSCHREVEN))
    return results


def _purge_copy(tmp: Path, target: Path, key: bytes | bytearray, vault_id: str, dossier_uuid: str,
                notitie: Callable[[AuditTrail], None]) -> None:
    """Purge the fresh copy ``tmp``, then put it in place of ``target``."""
    conn = connect(tmp, key, pragmas=False)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        trail = AuditTrail(conn, target, bytes(key), vault_id)
        conn.execute("BEGIN IMMEDIATE")
        wis_rijen(conn, dossier_uuid)
        notitie(trail)
        conn.execute("COMMIT")
        conn.execute("VACUUM")  # a backup is small and rarely rewritten: no free page at all
    except BaseException:
        conn.close()
        for suffix in ("", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        raise
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    fsync_dir(target.parent)
    trail.write_head(head_path(target))  # after the copy: a head behind the chain is accepted
    conn.close()


def _retire(pad: Path) -> None:
    for extra in (pad, keyfile.key_path(pad), head_path(pad), Path(str(pad) + "-wal"),
                  Path(str(pad) + "-shm"), Path(str(pad) + "-journal")):
        with contextlib.suppress(OSError):
            extra.unlink()
