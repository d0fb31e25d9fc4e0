"""What the anonymised statistics read: index columns, one row per case or placement.

Opening (decrypting, inflating, parsing) every case document would cost more than the
whole export may take at 100,000 cases, so the rows come from the ``dossier`` index
columns; a document is opened only for a case without signals (rare: its year is then
the date of its path), as the year report does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.codes import Sluitreden
from zorgapp.domain.dossier import Dossier
from zorgapp.domain.statistiek import StatRij, index_velden
from zorgapp.store.connection import Connection
from zorgapp.store.doc_codec import decode

_KOLOMMEN = ("d.melddatum, d.geslacht, d.geboortedatum, d.geschatte_leeftijd, "
             "d.leeftijd_geschat_op, d.gemeente, d.melder_type, d.vormen, d.nationaliteit, "
             "d.sector, d.comensha, d.sluitreden")
_GEEN = Sluitreden.GEEN_MENSENHANDEL.value


def _stat_rij(datum: str, row: tuple[object, ...]) -> StatRij:
    melddatum, geslacht, geboren, geschat, geschat_op, gemeente, melder, vormen = row[:8]
    nationaliteit, sector, comensha, sluitreden = row[8:12]
    r = jb.index_rij(str(melddatum or datum), str(geslacht), geboren,  # type: ignore[arg-type]
                     geschat, geschat_op, str(gemeente), str(melder),  # type: ignore[arg-type]
                     str(vormen).split())
    return StatRij(jaar=int(datum[:4]), geslacht=r[1], leeftijdsgroep=r[2], gemeente=r[3],
                   melder=r[4], vormen=r[5], nationaliteit=str(nationaliteit),
                   sector=str(sector), geregistreerd=bool(comensha),
                   slachtoffer=sluitreden != _GEEN)


def dossier_rijen(db: Connection, jaar: int) -> Iterator[StatRij]:
    """Cases whose first signal falls in ``jaar`` (and cases without signals whose
    path starts then)."""
    van, tot = date(jaar, 1, 1).isoformat(), date(jaar + 1, 1, 1).isoformat()
    sql = (f"SELECT {_KOLOMMEN}, CASE WHEN d.melddatum IS NULL THEN (SELECT c.data FROM "
           "dossier_doc c WHERE c.id = d.id) END FROM dossier d "
           "WHERE (d.melddatum >= ? AND d.melddatum < ?) OR d.melddatum IS NULL")
    for row in db.execute(sql, (van, tot)):
        if row[0] is not None:
            yield _stat_rij(str(row[0]), row)
            continue
        begin = jb.rij(decode(row[12]))
        if begin[0] is not None and van <= begin[0] < tot:
            r = _stat_rij(begin[0], row)
            yield StatRij(r.jaar, begin[1], begin[2], begin[3], begin[4], begin[5],
                          r.nationaliteit, r.sector, r.geregistreerd, r.slachtoffer)


def plaatsing_rijen(db: Connection, jaar: int) -> Iterator[StatRij]:
    """Placements that started in ``jaar``, each with its case's row (age on the
    first signal, or on the start when the case has none)."""
    van, tot = date(jaar, 1, 1).isoformat(), date(jaar + 1, 1, 1).isoformat()
    sql = (f"SELECT {_KOLOMMEN}, p.van FROM plaatsing p JOIN dossier d "
           "ON d.uuid = p.dossier_uuid WHERE p.van >= ? AND p.van < ?")
    for row in db.execute(sql, (van, tot)):
        r = _stat_rij(str(row[12]), row)
        yield r


def vul_statistiek_kolommen(db: Connection) -> int:
    """Migration step after ``010_statistiek.sql``: fill the new columns from every
    stored document, one at a time. Returns the number of cases filled."""
    ids = [int(r[0]) for r in db.execute("SELECT id FROM dossier_doc ORDER BY id")]
    for row_id in ids:
        doc = decode(db.execute("SELECT data FROM dossier_doc WHERE id = ?",
                                (row_id,)).fetchone()[0])
        velden = index_velden(Dossier.from_dict(doc))
        db.execute("UPDATE dossier SET nationaliteit = ?, sector = ?, comensha = ?, "
                   "sluitreden = ? WHERE id = ?", (*velden.values(), row_id))
    return len(ids)
