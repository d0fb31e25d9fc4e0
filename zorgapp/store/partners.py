"""The address book of partner organisations, and the index of which organisation works
on which case in which role (``dossier_partner``, written with every dossier).

The index is what makes "dossiers of this partner" and a partner's caseload cheap: they
read index rows only, never a document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from zorgapp.domain.codes import Fase, nieuw_uuid
from zorgapp.domain.dossier import Dossier, Partner
from zorgapp.domain.partners import Caseload, CaseloadRij, Organisatie, rol_uit_tekst
from zorgapp.domain.zoeken import vouw
from zorgapp.errors import N_, NotFoundError
from zorgapp.store.connection import Connection
from zorgapp.store.doc_codec import decode, encode


def index_rows(row_id: int, dossier: Dossier | dict[str, Any]) -> list[tuple[int, str, str]]:
    """(dossier_id, organisatie, rol) for the linked partners of one case."""
    partners = (dossier.partners if isinstance(dossier, Dossier)
                else [_Link(p) for p in dossier.get("partners", [])])
    return sorted({(row_id, p.organisatie, str(p.rol)) for p in partners if p.organisatie})


class _Link:
    """A partner of a raw document, enough for ``index_rows``."""

    def __init__(self, d: dict[str, Any]) -> None:
        self.organisatie = str(d.get("organisatie", "") or "")
        self.rol = rol_uit_tekst(str(d.get("rol", "") or ""))


def write_index(db: Connection, rows: Sequence[tuple[int, str, str]],
                replace: Iterable[int] = ()) -> None:
    """Rows as (dossier_id, organisation uuid, role); stored as small numbers
    (``partner_sleutel``, ``partner_rol``: schema 18), a tenth of the text's size."""
    for row_id in replace:
        db.execute("DELETE FROM dossier_partner WHERE dossier_id = ?", (row_id,))
    if not rows:
        return
    orgs = _nummers(db, "partner_sleutel", "uuid", {r[1] for r in rows})
    rollen = _nummers(db, "partner_rol", "rol", {r[2] for r in rows})
    db.executemany("INSERT OR IGNORE INTO dossier_partner (organisatie_id, dossier_id, rol_id) "
                   "VALUES (?, ?, ?)", [(orgs[o], d, rollen[r]) for d, o, r in rows])


def _nummers(db: Connection, table: str, column: str, values: set[str]) -> dict[str, int]:
    """The number of every value in a lookup table, adding those it lacks."""
    db.executemany(f"INSERT OR IGNORE INTO {table} ({column}) VALUES (?)",
                   [(v,) for v in sorted(values)])
    marks = ", ".join("?" for _ in values)
    return {str(r[1]): int(r[0]) for r in db.execute(
        f"SELECT id, {column} FROM {table} WHERE {column} IN ({marks})", sorted(values))}


#: The partner index joined with its lookup tables, as the queries below read it.
_INDEX = ("dossier_partner p JOIN partner_sleutel s ON s.id = p.organisatie_id "
          "JOIN partner_rol r ON r.id = p.rol_id")


class PartnerRepository:
    """Address-book organisations <-> rows. Callers hold the transaction or read lock."""

    def __init__(self, conn: Connection) -> None:
        self.db = conn

    def bewaar(self, organisatie: Organisatie, is_demo: bool = False) -> None:
        """Insert or replace one organisation (validated by the caller)."""
        data = json.dumps(organisatie.to_dict(), ensure_ascii=False, sort_keys=True)
        self.db.execute(
            "INSERT INTO partner_organisatie (uuid, naam, data, is_demo) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (uuid) DO UPDATE SET naam = excluded.naam, data = excluded.data",
            (organisatie.uuid, organisatie.naam.strip(), data, int(is_demo)))

    def bestaat(self, uuid: str) -> bool:
        return self.db.execute("SELECT 1 FROM partner_organisatie WHERE uuid = ?",
                               (uuid,)).fetchone() is not None

    def get(self, uuid: str) -> Organisatie:
        row = self.db.execute("SELECT data FROM partner_organisatie WHERE uuid = ?",
                              (uuid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("Deze partner staat niet in het adresboek."))
        return Organisatie.from_dict(json.loads(row[0]))

    def alle(self) -> list[Organisatie]:
        return [Organisatie.from_dict(json.loads(r[0])) for r in self.db.execute(
            "SELECT data FROM partner_organisatie ORDER BY naam COLLATE NOCASE, id")]

    def namen(self) -> list[tuple[str, str]]:
        """(uuid, naam) of every organisation, by name: for filters and choosers."""
        return [(str(r[0]), str(r[1])) for r in self.db.execute(
            "SELECT uuid, naam FROM partner_organisatie ORDER BY naam COLLATE NOCASE, id")]

    def verwijder(self, uuid: str) -> None:
        self.db.execute("DELETE FROM partner_organisatie WHERE uuid = ?", (uuid,))

    def op_naam(self, naam: str) -> str | None:
        """The organisation whose name folds to the same text, if any."""
        gezocht = vouw(naam)
        for uuid, bestaand in self.namen():
            if vouw(bestaand) == gezocht:
                return uuid
        return None

    # -- the index -------------------------------------------------------------------

    def dossier_uuids(self, organisatie: str) -> list[str]:
        return [str(r[0]) for r in self.db.execute(
            f"SELECT DISTINCT d.uuid FROM {_INDEX} JOIN dossier d ON d.id = p.dossier_id "
            "WHERE s.uuid = ? ORDER BY d.id", (organisatie,))]

    def caseload(self, organisatie: str) -> Caseload:
        """Open (not closed) dossiers of one organisation, per role; index rows only."""
        open_ = "s.uuid = ? AND d.fase <> ?"
        per_rol = {str(r[0]): int(r[1]) for r in self.db.execute(
            f"SELECT r.rol, count(DISTINCT p.dossier_id) FROM {_INDEX} "
            f"JOIN dossier d ON d.id = p.dossier_id WHERE {open_} GROUP BY r.rol",
            (organisatie, Fase.AFGESLOTEN.value))}
        totaal = self.db.execute(
            f"SELECT count(DISTINCT p.dossier_id) FROM {_INDEX} "
            f"JOIN dossier d ON d.id = p.dossier_id WHERE {open_}",
            (organisatie, Fase.AFGESLOTEN.value)).fetchone()[0]
        rijen = [CaseloadRij(*map(str, r)) for r in self.db.execute(
            f"SELECT d.uuid, d.dossiernummer, r.rol, d.fase FROM {_INDEX} "
            f"JOIN dossier d ON d.id = p.dossier_id WHERE {open_} "
            "ORDER BY d.jaar DESC, d.volgnummer DESC, r.rol",
            (organisatie, Fase.AFGESLOTEN.value))]
        return Caseload(per_rol, int(totaal), rijen)

    def in_gebruik(self, organisatie: str) -> int:
        """How many dossiers (open or closed) link this organisation."""
        return int(self.db.execute(
            f"SELECT count(DISTINCT p.dossier_id) FROM {_INDEX} WHERE s.uuid = ?",
            (organisatie,)).fetchone()[0])


def koppel_losse_partners(db: Connection) -> int:
    """Migration step after ``006_partners.sql``: every partner of every stored case
    gets a fixed role (the nearest to its free text, the text kept as ``toelichting``)
    and a link to an address-book organisation of the same name, created when there is
    none. Returns the number of partners linked. Runs inside the migration's
    transaction; documents are read one at a time."""
    repo = PartnerRepository(db)
    op_naam = {vouw(naam): uuid for uuid, naam in repo.namen()}
    gekoppeld = 0
    ids = [(int(r[0]), bool(r[1])) for r in db.execute(
        "SELECT id, is_demo FROM dossier WHERE id IN (SELECT id FROM dossier_doc) ORDER BY id")]
    for row_id, is_demo in ids:
        doc = decode(db.execute("SELECT data FROM dossier_doc WHERE id = ?",
                                (row_id,)).fetchone()[0])
        partners = doc.get("partners") or []
        if not partners:
            continue
        for p in partners:
            gekoppeld += _koppel(repo, op_naam, p, is_demo)
        # The partners as this version writes them (fixed role, old text as a note).
        doc["partners"] = [Partner.from_dict(p).to_dict() for p in partners]
        db.execute("UPDATE dossier_doc SET data = ? WHERE id = ?", (encode(doc), row_id))
        # The index as schema 6 to 16 keep it (text); step 17 turns it into numbers.
        db.execute("DELETE FROM dossier_partner WHERE dossier_id = ?", (row_id,))
        db.executemany("INSERT OR IGNORE INTO dossier_partner (dossier_id, organisatie, rol) "
                       "VALUES (?, ?, ?)", index_rows(row_id, doc))
    return gekoppeld


def _koppel(repo: PartnerRepository, op_naam: dict[str, str], p: dict[str, Any],
            is_demo: bool) -> int:
    naam = str(p.get("naam", "") or "").strip()
    if p.get("organisatie") or not naam:
        return 0
    sleutel = vouw(naam)
    if sleutel not in op_naam:
        org = Organisatie(naam=naam, uuid=nieuw_uuid())
        repo.bewaar(org, is_demo=is_demo)
        op_naam[sleutel] = org.uuid
    p["organisatie"] = op_naam[sleutel]
    return 1
