"""Dossiers in the vault: the JSON document plus index columns for lists and search.

The document is ``Dossier.to_dict()``, stored compressed (``doc_codec``: SQL cannot read
it, so read documents through this repository and give a query what it needs an index
column); index columns are derived from it on every write, so they can never disagree
with it for long. Lists
fetch ids first and rows lazily (the list view asks for what it shows), which keeps
100,000 dossiers smooth. A case's open deadlines (``deadlines_voor``, worked out by the
caller, who can see its placements) are written with it as index rows
(``store/deadlines.py``), which the dashboard reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from zorgapp.domain.codes import Fase
from zorgapp.domain.deadlines import Deadline
from zorgapp.domain.dossier import Dossier, parse_dossiernummer
from zorgapp.domain.statistiek import index_velden as statistiek_velden
from zorgapp.domain.verblijf import bedenktijd_perioden
from zorgapp.domain.zoeken import fts_query, vouw
from zorgapp.errors import N_, NotFoundError
from zorgapp.store import deadlines as deadline_index
from zorgapp.store import jaartelling
from zorgapp.store.connection import Connection
from zorgapp.store.doc_codec import decode, encode
from zorgapp.store.partners import index_rows, write_index


@dataclass(frozen=True)
class DossierRij:
    """What a list row shows; never the whole document."""

    id: int
    uuid: str
    dossiernummer: str
    naam: str
    fase: str
    fase_sinds: str | None
    vormen: str
    melder_type: str
    gemeente: str
    melddatum: str | None
    deadline: str | None
    geboortedatum: str | None


@dataclass
class Filter:
    """Filters of the dossier list; empty fields do not filter."""

    fase: str = ""
    vorm: str = ""
    gemeente: str = ""
    melder_type: str = ""
    jaar: int | None = None
    zoek: str = ""
    partner: str = ""  # uuid of an address-book organisation


# Tables ``bulk`` fills without their indexes (the search index hangs on ``dossier``).
_BULK_TABLES = ("dossier", "dossier_vorm", "dossier_partner", "plaatsing", "kostenpost",
                "deadline")

SORTABLE = {
    "dossiernummer": "jaar {dir}, volgnummer {dir}",
    "naam": "naam COLLATE NOCASE {dir}, id",
    "fase": "fase {dir}, id",
    "melddatum": "melddatum {dir}, id",
    "deadline": "deadline IS NULL, deadline {dir}, id",
    "gemeente": "gemeente {dir}, id",
}

_ROW_COLUMNS = ("id, uuid, dossiernummer, naam, fase, fase_sinds, vormen, melder_type, "
                "gemeente, melddatum, deadline, geboortedatum")
_ROW_COLUMNS_D = ", ".join(f"d.{c}" for c in _ROW_COLUMNS.split(", "))


def index_fields(dossier: Dossier, deadline: date | None) -> dict[str, Any]:
    """The columns derived from a document."""
    persoon = dossier.persoon
    _prefix, jaar, volgnummer = parse_dossiernummer(dossier.dossiernummer)
    stappen = dossier.traject.stappen()
    vormen: list[str] = []
    for melding in dossier.meldingen:
        vormen += [v.value for v in melding.vormen if v.value not in vormen]
    eerste = min(dossier.meldingen, key=lambda m: m.datum) if dossier.meldingen else None
    bedenktijd = bedenktijd_perioden(dossier)
    aangemeld = next((s.datum for s in stappen if s.fase is Fase.AANGEMELD), None)
    sluitreden = stappen[-1].sluitreden if stappen else None
    return {
        "uuid": dossier.uuid,
        "dossiernummer": dossier.dossiernummer,
        "jaar": jaar,
        "volgnummer": volgnummer,
        "naam": persoon.naam or (persoon.aliassen[0] if persoon.aliassen else ""),
        "aliassen": " ".join(persoon.aliassen),
        "bsn": persoon.bsn,
        "geboortedatum": persoon.geboortedatum.isoformat() if persoon.geboortedatum else None,
        "geslacht": persoon.geslacht.value,
        "geschatte_leeftijd": persoon.geschatte_leeftijd,
        "leeftijd_geschat_op": (persoon.leeftijd_geschat_op.isoformat()
                                if persoon.leeftijd_geschat_op else None),
        "fase": stappen[-1].fase.value if stappen else "",
        "fase_sinds": stappen[-1].datum.isoformat() if stappen else None,
        "vormen": " ".join(vormen),
        "melder_type": eerste.melder_type.value if eerste else "",
        "gemeente": persoon.gemeente_van_binding,
        "melddatum": eerste.datum.isoformat() if eerste else None,
        "deadline": deadline.isoformat() if deadline else None,
        "bedenktijd_van": bedenktijd[-1][0].isoformat() if bedenktijd else None,
        "bedenktijd_tot": bedenktijd[-1][1].isoformat() if bedenktijd else None,
        "aangemeld_op": aangemeld.isoformat() if aangemeld else None,
        "sluitreden": sluitreden.value if sluitreden else None,
        "zoektekst": vouw(" ".join([persoon.naam, *persoon.aliassen, dossier.dossiernummer,
                                     persoon.bsn])),
        **statistiek_velden(dossier),
    }


@dataclass
class Regel:
    """A dossier made ready to insert: its index columns (``index_fields``, without
    the row id), its stored document and its partner links as (organisatie, rol)."""

    fields: dict[str, Any]
    doc: bytes
    partners: list[tuple[str, str]]
    deadlines: list[Deadline]

    def met_deadlines(self, deadlines: Sequence[Deadline]) -> None:
        """Its open deadlines, and with them the list's next-deadline column."""
        self.deadlines = list(deadlines)
        volgende = deadline_index.eerste(self.deadlines)
        self.fields["deadline"] = volgende.isoformat() if volgende else None


def regel(dossier: Dossier, deadlines: Sequence[Deadline] | None) -> Regel:
    """What ``insert_regels`` writes for a dossier; picklable, so a worker can make it."""
    deadlines = list(deadlines or ())
    return Regel(index_fields(dossier, deadline_index.eerste(deadlines)),
                 encode(dossier.to_dict()),
                 [(organisatie, rol) for _id, organisatie, rol in index_rows(0, dossier)],
                 deadlines)


class DossierRepository:
    """Rows <-> ``Dossier`` objects. Callers hold the vault's transaction or read lock."""

    def __init__(self, conn: Connection) -> None:
        self.db = conn

    # -- writing ---------------------------------------------------------------------

    def insert(self, dossier: Dossier, deadlines: Sequence[Deadline] | None = None,
               is_demo: bool = False) -> int:
        return self.insert_many([(dossier, deadlines)], is_demo=is_demo)[0]

    def insert_many(self, items: Iterable[tuple[Dossier, Sequence[Deadline] | None]],
                    is_demo: bool = False) -> list[int]:
        """Insert dossiers with their open deadlines (``None``: none); one transaction
        is the caller's. Returns their row ids."""
        return self.insert_regels((regel(dossier, deadlines) for dossier, deadlines in items),
                                  is_demo=is_demo)

    def insert_regels(self, regels: Iterable[Regel], is_demo: bool = False) -> list[int]:
        """Insert dossiers made ready by ``regel`` (a big demo vault makes them in worker
        processes), with their deadline rows; returns their row ids.

        Rows go in 500 at a time with ids given here (what SQLite would choose: the
        next after the largest), which saves a round trip per table and dossier.
        """
        ids: list[int] = []
        row = self.db.execute("SELECT coalesce(max(id), 0) FROM dossier").fetchone()
        volgende = int(row[0]) + 1
        now = _now()
        sql = None
        rows: list[tuple[Any, ...]] = []
        docs: list[tuple[int, bytes]] = []
        vormen: list[tuple[int, str]] = []
        partners: list[tuple[int, str, str]] = []
        termijnen: list[deadline_index.Rij] = []
        for item in regels:
            fields = item.fields
            fields.update(id=volgende, is_demo=int(is_demo), gewijzigd_op=now)
            if sql is None:
                sql = (f"INSERT INTO dossier ({', '.join(fields)}) VALUES "
                       f"({', '.join('?' for _ in fields)})")
            rows.append(tuple(fields.values()))
            docs.append((volgende, item.doc))
            vormen += [(volgende, v) for v in fields["vormen"].split()]
            partners += [(volgende, organisatie, rol) for organisatie, rol in item.partners]
            termijnen += deadline_index.rijen(volgende, item.deadlines)
            ids.append(volgende)
            volgende += 1
            if len(rows) == 500:
                self._schrijf(sql, rows, docs, vormen, partners, termijnen)
        if sql is not None:
            self._schrijf(sql, rows, docs, vormen, partners, termijnen)
        return ids

    def _schrijf(self, sql: str, rows: list[tuple[Any, ...]], docs: list[tuple[int, bytes]],
                 vormen: list[tuple[int, str]], partners: list[tuple[int, str, str]],
                 termijnen: list[deadline_index.Rij]) -> None:
        self.db.executemany(sql, rows)
        self.db.executemany("INSERT INTO dossier_doc (id, data) VALUES (?, ?)", docs)
        self.db.executemany("INSERT INTO dossier_vorm (dossier_id, vorm) VALUES (?, ?)",
                            vormen)
        write_index(self.db, partners)
        deadline_index.schrijf(self.db, termijnen)
        termijnen.clear()
        partners.clear()
        rows.clear()
        docs.clear()
        vormen.clear()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Fill many rows at once (a demo vault, inside one transaction): the indexes and
        the search index of dossiers, placements and costs are dropped, and built once
        at the end from what their own ``CREATE`` statements say, not row by row."""
        saved = self.db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL AND tbl_name IN "
            f"({', '.join(repr(t) for t in _BULK_TABLES)}) ORDER BY type, name").fetchall()
        for soort, naam, _sql in saved:
            self.db.execute(f'DROP {"INDEX" if soort == "index" else "TRIGGER"} "{naam}"')
        yield
        for _soort, _naam, sql in saved:
            self.db.execute(sql)
        for sql in deadline_index.FASE_TELLING_OPNIEUW:  # filled without its triggers
            self.db.execute(sql)
        jaartelling.tel_opnieuw(self.db)
        self.db.execute("INSERT INTO dossier_fts (dossier_fts) VALUES ('rebuild')")

    def update(self, dossier: Dossier, deadlines: Sequence[Deadline] | None = None) -> list[str]:
        """Write a changed dossier with its open deadlines; returns the names of top-level
        parts that changed. ``None`` leaves the deadlines as stored, for a caller that
        sets them (``zet_deadlines``) later in the same transaction."""
        old = self.document(dossier.uuid)
        new = dossier.to_dict()
        changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        changed += sorted(f"persoon.{k}" for k in set(old.get("persoon", {})) | set(new["persoon"])
                          if old.get("persoon", {}).get(k) != new["persoon"].get(k))
        fields = index_fields(dossier, deadline_index.eerste(deadlines or ()))
        fields.update(gewijzigd_op=_now())
        if deadlines is None:
            del fields["deadline"]
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(f"UPDATE dossier SET {assignments} WHERE uuid = ?",
                        (*fields.values(), dossier.uuid))
        row_id = self._id(dossier.uuid)
        self.db.execute("UPDATE dossier_doc SET data = ? WHERE id = ?", (encode(new), row_id))
        self.db.execute("DELETE FROM dossier_vorm WHERE dossier_id = ?", (row_id,))
        self.db.executemany("INSERT INTO dossier_vorm (dossier_id, vorm) VALUES (?, ?)",
                            [(row_id, v) for v in fields["vormen"].split()])
        write_index(self.db, index_rows(row_id, dossier), replace=[row_id])
        if deadlines is not None:
            deadline_index.schrijf(self.db, deadline_index.rijen(row_id, deadlines),
                                   replace=[row_id])
        return changed

    def zet_deadlines(self, uuid: str, deadlines: Sequence[Deadline]) -> None:
        """Store a case's open deadlines anew (its placements changed, or a bundle's
        placements came in after the case): the rows and the list's column."""
        row_id = self._id(uuid)
        volgende = deadline_index.eerste(deadlines)
        self.db.execute("UPDATE dossier SET deadline = ? WHERE id = ?",
                        (volgende.isoformat() if volgende else None, row_id))
        deadline_index.schrijf(self.db, deadline_index.rijen(row_id, deadlines), replace=[row_id])

    def herindexeer(self) -> int:
        """Fill the index columns of the legal track and the year figures from every
        document, once, after the migration that added them (``meta.herindexeer``);
        SQL cannot read compressed documents. Returns the number of dossiers."""
        vlag = self.db.execute("SELECT value FROM meta WHERE key = 'herindexeer'").fetchone()
        if vlag is None or vlag[0] != "1":
            return 0
        rijen = []
        for row_id, data in self.db.execute(
                "SELECT id, data FROM dossier_doc ORDER BY id").fetchall():
            fields = index_fields(Dossier.from_dict(decode(data)), None)
            rijen.append((fields["bedenktijd_van"], fields["bedenktijd_tot"],
                          fields["aangemeld_op"], fields["sluitreden"], row_id))
        self.db.executemany("UPDATE dossier SET bedenktijd_van = ?, bedenktijd_tot = ?, "
                            "aangemeld_op = ?, sluitreden = ? WHERE id = ?", rijen)
        self.db.execute("DELETE FROM meta WHERE key = 'herindexeer'")
        return len(rijen)

    def _id(self, uuid: str) -> int:
        row = self.db.execute("SELECT id FROM dossier WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("Dossier niet gevonden."))
        return int(row[0])

    # -- reading ---------------------------------------------------------------------

    def document(self, uuid: str) -> dict[str, Any]:
        row = self.db.execute("SELECT d.data FROM dossier_doc d JOIN dossier USING (id) "
                              "WHERE dossier.uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("Dossier niet gevonden."))
        return decode(row[0])

    def get(self, uuid: str) -> Dossier:
        return Dossier.from_dict(self.document(uuid))

    def uuid_for(self, dossiernummer: str) -> str:
        row = self.db.execute("SELECT uuid FROM dossier WHERE dossiernummer = ?",
                              (dossiernummer.strip().upper(),)).fetchone()
        if row is None:
            raise NotFoundError(N_("Dossier {nummer} bestaat niet in deze kluis."),
                             nummer=dossiernummer)
        return str(row[0])

    def is_demo(self, uuid: str) -> bool:
        row = self.db.execute("SELECT is_demo FROM dossier WHERE uuid = ?", (uuid,)).fetchone()
        return bool(row and row[0])

    def next_volgnummer(self, jaar: int) -> int:
        row = self.db.execute("SELECT max(volgnummer) FROM dossier WHERE jaar = ?", (jaar,)).fetchone()
        return int(row[0] or 0) + 1

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM dossier").fetchone()[0])

    def ids(self, flt: Filter | None = None, sort: str = "dossiernummer",
            descending: bool = True) -> list[int]:
        """Ids of matching dossiers in display order (cheap: no documents are read)."""
        where, params = _where(flt or Filter())
        order = SORTABLE.get(sort, SORTABLE["dossiernummer"]).format(
            dir="DESC" if descending else "ASC")
        sql = f"SELECT id FROM dossier {where} ORDER BY {order}"
        return [r[0] for r in self.db.execute(sql, params)]

    def rows(self, ids: Sequence[int]) -> dict[int, DossierRij]:
        """Rows for these ids (a page of the list), keyed by id."""
        result: dict[int, DossierRij] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ",".join("?" for _ in chunk)
            for row in self.db.execute(
                    f"SELECT {_ROW_COLUMNS} FROM dossier WHERE id IN ({marks})", chunk):
                result[row[0]] = DossierRij(*row)
        return result

    def verwarm(self, na: int, aantal: int) -> int | None:
        """Read the rows of up to ``aantal`` dossiers after id ``na``, in id order, and
        keep nothing: the pages land in the vault's page cache, so a search sorting its
        hits by reading their rows finds them decrypted (a common name at 100,000 cases:
        about 70 ms cold, 5 ms warm). The last id read, None past the last. In SQL only,
        so the worker holds no GIL meanwhile (issue 15)."""
        row = self.db.execute(
            "SELECT max(id), count(volgnummer) FROM (SELECT id, volgnummer FROM dossier "
            "NOT INDEXED WHERE id > ? ORDER BY id LIMIT ?)", (na, aantal)).fetchone()
        return None if row[0] is None else int(row[0])

    def deadlines_tussen(self, van: date | None, tot: date, zonder: Iterable[str] = (),
                         limit: int = 200) -> list[tuple[Deadline, DossierRij]]:
        """The earliest open deadlines from ``van`` (``None``: any) up to ``tot``
        exclusive, leaving out the kinds in ``zonder``, each with its case's row. Equal
        dates come in the order of their cases' next deadline, id and own order: the
        order of the index, so only the rows returned are read."""
        where, params = ["dl.datum < ?"], [tot.isoformat()]
        if van is not None:
            where.append("dl.datum >= ?")
            params.append(van.isoformat())
        uit = sorted(set(zonder))
        if uit:
            where.append(f"dl.soort NOT IN ({','.join('?' * len(uit))})")
            params += uit
        rows = self.db.execute(
            f"SELECT {deadline_index.KOLOMMEN}, {_ROW_COLUMNS_D} FROM deadline dl "
            f"JOIN dossier d ON d.id = dl.dossier_id WHERE {' AND '.join(where)} "
            "ORDER BY dl.datum, dl.dossier_deadline, dl.dossier_id, dl.volgorde LIMIT ?",
            (*params, limit))
        return [(deadline_index.uit_rij(r, r[5]), DossierRij(*r[4:])) for r in rows]

    def all_uuids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT uuid FROM dossier ORDER BY id")]

    def documents(self, uuids: Sequence[str] | None = None) -> Iterable[dict[str, Any]]:
        """Documents one by one (reports, export) without holding them all."""
        if uuids is None:
            for (data,) in self.db.execute("SELECT data FROM dossier_doc ORDER BY id"):
                yield decode(data)
            return
        for uuid in uuids:
            yield self.document(uuid)


def _where(flt: Filter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.zoek.strip():
        query = fts_query(flt.zoek)
        if query:
            clauses.append("id IN (SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ?)")
            params.append(query)
    for column, value in (("fase", flt.fase), ("gemeente", flt.gemeente),
                          ("melder_type", flt.melder_type)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if flt.vorm:
        clauses.append("id IN (SELECT dossier_id FROM dossier_vorm WHERE vorm = ?)")
        params.append(flt.vorm)
    if flt.jaar:
        clauses.append("jaar = ?")
        params.append(flt.jaar)
    if flt.partner:
        clauses.append("id IN (SELECT dossier_id FROM dossier_partner WHERE organisatie_id = "
                       "(SELECT id FROM partner_sleutel WHERE uuid = ?))")
        params.append(flt.partner)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
