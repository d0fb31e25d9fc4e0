"""Reading the audit trail the way the privacy officer asks: per case and filtered.

An entry belongs to a case when it names the case itself (``dossier``), one of its
placements (``plaatsing``: letters), cost items (``kostenpost``) or attachments
(``bijlage``, whose entries carry ``dossier:<uuid>`` in their fields). The lookup from
an entry to the case number is here too, so lists show ``HM-2026-0042``, not an id.
Callers hold the vault's read lock or transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from zorgapp.store.audit import AuditEntry, _entry
from zorgapp.store.connection import Connection

_ONDERDELEN = (("plaatsing", "SELECT uuid FROM plaatsing WHERE dossier_uuid = ?"),
               ("kostenpost", "SELECT uuid FROM kostenpost WHERE dossier_uuid = ?"),
               ("bijlage", "SELECT uuid FROM bijlage WHERE dossier_uuid = ?"))
#: Parts of a case whose entries name the part: the part's id -> its case.
_VIA = {"plaatsing": "SELECT uuid, dossier_uuid FROM plaatsing WHERE uuid IN ({})",
        "kostenpost": "SELECT uuid, dossier_uuid FROM kostenpost WHERE uuid IN ({})"}


@dataclass(frozen=True)
class AuditFilter:
    """Empty fields do not filter. ``tot`` is inclusive (a whole day, UTC)."""

    van: date | None = None
    tot: date | None = None
    dossier_uuid: str = ""
    gebruiker: str = ""
    handeling: str = ""


def _ids(db: Connection, sql: str, uuid: str) -> list[str]:
    return [str(r[0]) for r in db.execute(sql, (uuid,))]


def _case_clause(db: Connection, uuid: str) -> tuple[str, list[Any]]:
    """The WHERE part that selects every entry about one case."""
    parts = ["(record_type = 'dossier' AND record_uuid = ?)",
             "(record_type = 'bijlage' AND fields LIKE ?)"]
    params: list[Any] = [uuid, f'%"dossier:{uuid}"%']
    for soort, sql in _ONDERDELEN:
        ids = _ids(db, sql, uuid)
        if ids:
            parts.append(f"(record_type = '{soort}' AND record_uuid IN ({','.join('?' * len(ids))}))")
            params += ids
    return "(" + " OR ".join(parts) + ")", params


def entries(db: Connection, flt: AuditFilter, limit: int | None = None) -> list[AuditEntry]:
    """Matching entries, oldest first (the newest ``limit`` when given)."""
    where: list[str] = []
    params: list[Any] = []
    if flt.van is not None:
        where.append("ts >= ?")
        params.append(flt.van.isoformat())
    if flt.tot is not None:
        where.append("ts < ?")
        params.append((flt.tot + timedelta(days=1)).isoformat())
    if flt.gebruiker:
        where.append("actor = ?")
        params.append(flt.gebruiker)
    if flt.handeling:
        where.append("action = ?")
        params.append(flt.handeling)
    if flt.dossier_uuid:
        clause, extra = _case_clause(db, flt.dossier_uuid)
        where.append(clause)
        params += extra
    sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(where) if where else "")
    if limit:
        sql = f"SELECT * FROM ({sql} ORDER BY seq DESC LIMIT {int(limit)}) ORDER BY seq"
    else:
        sql += " ORDER BY seq"
    return [_entry(r) for r in db.execute(sql, params).fetchall()]


def gebruikers(db: Connection) -> list[str]:
    """Every user name in the trail, for the filter's list."""
    return [str(r[0]) for r in db.execute("SELECT DISTINCT actor FROM audit ORDER BY actor")]


def dossiernummers(db: Connection, items: Sequence[AuditEntry]) -> dict[int, str]:
    """Entry ``seq`` -> case number, for the entries that are about a case still in
    the vault (a destroyed case has no number to show)."""
    wanted: dict[str, set[str]] = {}
    for e in items:
        wanted.setdefault(e.record_type, set()).add(e.record_uuid)
        if e.record_type == "bijlage":
            wanted.setdefault("dossier", set()).update(
                f[8:] for f in e.fields if f.startswith("dossier:"))
    nummer = _lookup(db, "SELECT uuid, dossiernummer FROM dossier WHERE uuid IN ({})",
                     wanted.get("dossier", ()))
    via = {soort: _lookup(db, sql, wanted.get(soort, ())) for soort, sql in _VIA.items()}
    result: dict[int, str] = {}
    for e in items:
        if e.record_type == "dossier" and e.record_uuid in nummer:
            result[e.seq] = nummer[e.record_uuid]
        elif e.record_type in via and e.record_uuid in via[e.record_type]:
            result[e.seq] = nummer_van(db, via[e.record_type][e.record_uuid], nummer)
        elif e.record_type == "bijlage":
            for f in e.fields:
                if f.startswith("dossier:") and f[8:] in nummer:
                    result[e.seq] = nummer[f[8:]]
    return {k: v for k, v in result.items() if v}


def nummer_van(db: Connection, uuid: str, cache: dict[str, str]) -> str:
    if uuid not in cache:
        row = db.execute("SELECT dossiernummer FROM dossier WHERE uuid = ?", (uuid,)).fetchone()
        cache[uuid] = "" if row is None else str(row[0])
    return cache[uuid]


def _lookup(db: Connection, sql: str, uuids: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    wanted = [u for u in uuids if u]
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        rows = db.execute(sql.format(",".join("?" * len(part))), part).fetchall()
        found.update({str(a): str(b) for a, b in rows})
    return found


def velden(entry: AuditEntry) -> list[str]:
    """The field names, without the case link of attachment entries."""
    return [f for f in entry.fields if not f.startswith("dossier:")]


