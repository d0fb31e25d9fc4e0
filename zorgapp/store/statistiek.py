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
from zorgapp.domain.statistiek import EU, EU_EER, NIET_EU, NL, UNKNOWN, StatRij, index_velden
from zorgapp.store.connection import Connection
from zorgapp.store.doc_codec import decode

_GEEN = Sluitreden.GEEN_MENSENHANDEL.value


def _leeftijd_sql(op: str) -> str:
    """The age on the date ``op`` (an SQL expression) as ``jaarbeeld._leeftijd`` counts
    it: from the birth date, else from the estimate and its date; NULL when unknown.
    ISO dates compare as text, and 'MM-DD' decides whether the birthday has passed."""
    jaren = "CAST(substr({op}, 1, 4) AS INTEGER) - CAST(substr({d}, 1, 4) AS INTEGER) - " \
            "(substr({op}, 6, 5) < substr({d}, 6, 5))"
    return (
        "CASE WHEN coalesce(d.geboortedatum, '') <> '' THEN "
        f"CASE WHEN {op} < d.geboortedatum THEN NULL "
        f"ELSE {jaren.format(op=op, d='d.geboortedatum')} END "
        "WHEN d.geschatte_leeftijd IS NULL THEN NULL "
        "WHEN coalesce(d.leeftijd_geschat_op, '') = '' THEN d.geschatte_leeftijd "
        f"ELSE max(0, d.geschatte_leeftijd + {jaren.format(op=op, d='d.leeftijd_geschat_op')}) "
        "END")


def _groep_sql(leeftijd: str) -> str:
    """``jaarbeeld.leeftijdsgroep`` in SQL, built from its own boundaries."""
    delen = [f"WHEN a IS NULL THEN '{jb.ONBEKEND}'"]
    delen += [f"WHEN a < {grens} THEN '{groep}'" for grens, groep in jb._GRENZEN]
    return (f"(SELECT CASE {' '.join(delen)} ELSE '{jb.LEEFTIJDSGROEPEN[-2]}' END "
            f"FROM (SELECT {leeftijd} AS a))")


#: Counted in SQL per distinct row: 100,000 cases make a few thousand groups.
#: ``statistiek.nationaliteitsgroep`` in SQL, so equal groups are counted together.
_NATIONALITEIT = (
    f"CASE WHEN d.nationaliteit = '' THEN '{UNKNOWN}' WHEN d.nationaliteit = 'NL' THEN '{NL}' "
    f"WHEN d.nationaliteit IN ({', '.join(repr(c) for c in sorted(EU_EER))}) THEN '{EU}' "
    f"ELSE '{NIET_EU}' END")
_GROEP_KOLOMMEN = ("d.geslacht, d.gemeente, d.melder_type, d.vormen, "
                   f"{_NATIONALITEIT}, d.sector, d.comensha, COALESCE(d.sluitreden, '') = ?")


def _stat_rij(jaar: int, row: tuple[object, ...]) -> StatRij:
    groep, geslacht, gemeente, melder, vormen, nationaliteit, sector, comensha, geen = row[:9]
    return StatRij(jaar=jaar, geslacht=str(geslacht) or jb.ONBEKEND,
                   leeftijdsgroep=str(groep), gemeente=str(gemeente),
                   melder=str(melder) or jb.ONBEKEND, vormen=tuple(str(vormen).split()),
                   nationaliteit=str(nationaliteit), sector=str(sector),
                   geregistreerd=bool(comensha), slachtoffer=not geen)


def dossier_rijen(db: Connection, jaar: int) -> Iterator[tuple[StatRij, int]]:
    """Cases whose first signal falls in ``jaar`` (and cases without signals whose
    path starts then), as (row, number of such cases)."""
    van, tot = date(jaar, 1, 1).isoformat(), date(jaar + 1, 1, 1).isoformat()
    sql = (f"SELECT {_groep_sql(_leeftijd_sql('d.melddatum'))}, {_GROEP_KOLOMMEN}, count(*) "
           "FROM dossier d WHERE d.melddatum >= ? AND d.melddatum < ? "
           "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9")
    for row in db.execute(sql, (_GEEN, van, tot)):
        yield _stat_rij(jaar, row), int(row[9])
    yield from zonder_signaal_rijen(db, jaar)


def zonder_signaal_rijen(db: Connection, jaar: int) -> Iterator[tuple[StatRij, int]]:
    """Cases without signals whose path starts in ``jaar`` (rare; their documents are
    opened), as (row, 1): the ones the counts kept per year leave out."""
    van, tot = date(jaar, 1, 1).isoformat(), date(jaar + 1, 1, 1).isoformat()
    zonder = (f"SELECT '', {_GROEP_KOLOMMEN}, c.data FROM dossier d JOIN dossier_doc c "
              "ON c.id = d.id WHERE d.melddatum IS NULL")
    for row in db.execute(zonder, (_GEEN,)):
        begin = jb.rij(decode(row[9]))  # rare: a case without signals
        if begin[0] is not None and van <= begin[0] < tot:
            r = _stat_rij(jaar, row)
            yield StatRij(jaar, begin[1], begin[2], begin[3], begin[4], begin[5],
                          r.nationaliteit, r.sector, r.geregistreerd, r.slachtoffer), 1


def plaatsing_rijen(db: Connection, jaar: int) -> Iterator[tuple[StatRij, int]]:
    """Placements that started in ``jaar``, with their case's row (age on the first
    signal, or on the start when the case has none), as (row, number)."""
    van, tot = date(jaar, 1, 1).isoformat(), date(jaar + 1, 1, 1).isoformat()
    leeftijd = _leeftijd_sql("coalesce(d.melddatum, p.van)")
    sql = (f"SELECT {_groep_sql(leeftijd)}, {_GROEP_KOLOMMEN}, count(*) FROM plaatsing p "
           "JOIN dossier d ON d.uuid = p.dossier_uuid WHERE p.van >= ? AND p.van < ? "
           "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9")
    for row in db.execute(sql, (_GEEN, van, tot)):
        yield _stat_rij(jaar, row), int(row[9])


def vul_statistiek_kolommen(db: Connection) -> int:
    """Migration step after ``012_statistiek.sql``: fill the new columns from every
    stored document, one at a time. Returns the number of cases filled."""
    ids = [int(r[0]) for r in db.execute("SELECT id FROM dossier_doc ORDER BY id")]
    for row_id in ids:
        doc = decode(db.execute("SELECT data FROM dossier_doc WHERE id = ?",
                                (row_id,)).fetchone()[0])
        velden = index_velden(Dossier.from_dict(doc))
        db.execute("UPDATE dossier SET nationaliteit = ?, sector = ?, comensha = ?, "
                   "sluitreden = ? WHERE id = ?", (*velden.values(), row_id))
    return len(ids)
