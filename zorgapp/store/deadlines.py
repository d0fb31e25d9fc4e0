"""The open deadlines of every dossier as index rows (table ``deadline``).

The dashboard lists the earliest deadlines of all cases. Deriving them (``deadlines_voor``)
needs each case's document, and opening hundreds of documents took most of the
dashboard's time at 100,000 cases; these rows let it read a few by date instead.
They are ``deadlines_voor`` of the document and its placements, in its order, written
in the transaction of every change that derives them anew (``DossierRepository``:
insert, update, ``zet_deadlines``). Dates are absolute, so a new day needs no rewrite:
queries compare them to today. A case's rows go with it (ON DELETE CASCADE, and
``vernietigen.wis_rijen`` clears every table with a ``dossier_id``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from zorgapp.domain.deadlines import OMSCHRIJVING, Deadline, DeadlineSoort, deadlines_voor
from zorgapp.domain.dossier import Dossier
from zorgapp.store.connection import Connection
from zorgapp.store.doc_codec import decode

#: The columns a query selects to rebuild a ``Deadline`` (``uit_rij``), table alias ``dl``.
KOLOMMEN = "dl.soort, dl.datum, dl.verwijzing, dl.params"

Rij = tuple[int, int, str, str, str, str, str]

#: Cases per stage, from the table the triggers of the schema step keep.
FASE_TELLING = "SELECT fase, aantal FROM fase_telling WHERE aantal > 0"
#: Counts again (after ``DossierRepository.bulk``, which fills without triggers).
FASE_TELLING_OPNIEUW = ("DELETE FROM fase_telling",
                        "INSERT INTO fase_telling (fase, aantal) "
                        "SELECT fase, count(*) FROM dossier GROUP BY fase")


def eerste(deadlines: Sequence[Deadline]) -> date | None:
    """The next deadline (the list's column): the earliest."""
    return min((d.datum for d in deadlines), default=None)


def rijen(dossier_id: int, deadlines: Sequence[Deadline]) -> list[Rij]:
    """Index rows of one case's deadlines, in their order."""
    volgende = eerste(deadlines)
    return [(dossier_id, volgorde, d.datum.isoformat(), volgende.isoformat() if volgende else "",
             d.soort.value, d.verwijzing, _params(d.params))
            for volgorde, d in enumerate(deadlines)]


def schrijf(db: Connection, rows: Iterable[Rij], replace: Sequence[int] = ()) -> None:
    """Insert rows, after removing every row of the cases in ``replace``."""
    for start in range(0, len(replace), 500):
        chunk = list(replace[start:start + 500])
        db.execute(f"DELETE FROM deadline WHERE dossier_id IN ({','.join('?' * len(chunk))})",
                   chunk)
    db.executemany("INSERT INTO deadline (dossier_id, volgorde, datum, dossier_deadline, "
                   "soort, verwijzing, params) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def uit_rij(row: Sequence[Any], dossier_uuid: str) -> Deadline:
    """The ``Deadline`` of a row selected with ``KOLOMMEN``, as ``deadlines_voor`` made it."""
    soort = DeadlineSoort(row[0])
    return Deadline(soort, OMSCHRIJVING[soort], date.fromisoformat(row[1]), dossier_uuid,
                    row[2], json.loads(row[3]) if row[3] else {})


def _params(params: Mapping[str, str]) -> str:
    return json.dumps(dict(params), ensure_ascii=False, separators=(",", ":")) if params else ""


def vul_deadlines(db: Connection) -> int:
    """Migration step after ``NNN_deadlines.sql``: the rows of the stored cases, from
    their documents and open placements, and the list's next-deadline column with them
    (it was not rewritten when a newer version added a kind of deadline to open cases).

    A closed case whose column is empty is skipped without opening its document: its
    deadlines are its open tasks and the feedback it owes, which every version wrote
    into that column (and a case is closed again by a save that writes it). Most cases
    of a large vault are closed, and opening a document costs most of this step (about
    0.7 ms). Documents are read one at a time. Returns the number of rows written."""
    from zorgapp.store.opvang import PlaatsingRepository

    met_plaatsing = {r[0] for r in db.execute(
        "SELECT DISTINCT dossier_uuid FROM plaatsing WHERE status != 'beeindigd'")}
    plaatsingen = PlaatsingRepository(db, tarieven=False)  # deadlines need no rates
    ids = [int(r[0]) for r in db.execute(
        "SELECT id FROM dossier WHERE (fase != 'afgesloten' OR deadline IS NOT NULL) "
        "AND id IN (SELECT id FROM dossier_doc) ORDER BY id")]
    geschreven, kolom = 0, []
    for row_id in ids:
        doc = decode(db.execute("SELECT data FROM dossier_doc WHERE id = ?",
                                (row_id,)).fetchone()[0])
        dossier = Dossier.from_dict(doc)
        open_ = plaatsingen.voor_dossier(dossier.uuid) if dossier.uuid in met_plaatsing else []
        found = deadlines_voor(dossier, date.today(), open_)
        rows = rijen(row_id, found)
        schrijf(db, rows)
        geschreven += len(rows)
        volgende = eerste(found)
        kolom.append((volgende.isoformat() if volgende else None, row_id))
    db.executemany("UPDATE dossier SET deadline = ? WHERE id = ? AND deadline IS NOT ?",
                   [(d, i, d) for d, i in kolom])
    return geschreven
