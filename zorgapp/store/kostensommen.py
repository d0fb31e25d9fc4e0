"""What the amounts of a cost allocation read from the vault: plain values, no objects.

``AllocationService`` explains an allocation line by line from ``Plaatsing`` and
``Kostenpost`` objects; for the amounts alone (``zorgapp allocation``) building those
objects cost seconds at 100,000 dossiers, so these queries give each placement's dates,
rates in cents and binding, and each cost post's cents and binding, nothing more.
Money is stored as decimal text with two decimals (``store.opvang._geld``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from zorgapp.domain.geld import centen_exact
from zorgapp.store.connection import Connection

# Placements with nights in [van, tot): the same rows as PlaatsingRepository.in_periode.
_IN_PERIODE = ("p.status != 'aangevraagd' AND p.van IS NOT NULL AND p.van < ? "
               "AND (p.tot IS NULL OR p.tot > ?)")


# Cases received from another region: the latest takeover day and who handed it over.
_OVERNAMES = ("SELECT dossier_uuid, substr(max(ts), 1, 10) AS overname, "
              "max(tegenpartij) AS wie FROM overdracht WHERE richting = 'import' "
              "GROUP BY dossier_uuid")


def _overnames(conn: Connection, sleutel: str) -> tuple[str, str]:
    """(columns, join) that give each row its takeover day and sender: a join only in a
    vault that ever received a case (most never do, and the join costs time)."""
    if conn.execute("SELECT 1 FROM overdracht WHERE richting = 'import' LIMIT 1").fetchone():
        return ("o.overname, o.wie",
                f"LEFT JOIN ({_OVERNAMES}) o ON o.dossier_uuid = {sleutel}")
    return "NULL, NULL", ""


def centen(tekst: str) -> int:
    """Stored money (``"123.45"``) in whole cents, exactly; any other spelling goes
    through ``centen_exact``, which refuses a part of a cent."""
    euro, punt, rest = tekst.partition(".")
    if punt and len(rest) == 2 and euro.isdigit() and rest.isdigit():
        return int(euro + rest)
    return int(centen_exact(Decimal(tekst)) * 100)


class PlaatsingNachten(NamedTuple):
    """A placement as the amounts of an allocation read it (a tuple: tens of thousands
    are made per allocation)."""

    nummer: str  # dossiernummer, for a message
    type: str
    financier: str
    van: date
    tot: date | None
    gemeente_code: str | None  # who pays when not the dossier's binding
    dossier_gemeente: str | None
    tarieven: list[tuple[date, int]]  # (valid from, cents per night), oldest first
    overname: date | None = None  # received from another region on this day
    overdrager: str = ""  # who handed it over


class _Gelezen:
    """Dates and amounts as read, each distinct text parsed once: tens of thousands of
    rows share a few hundred days and a handful of rates."""

    def __init__(self) -> None:
        self._dagen: dict[str, date] = {}
        self._centen: dict[str, int] = {}

    def dag(self, tekst: str) -> date:
        found = self._dagen.get(tekst)
        if found is None:
            found = self._dagen[tekst] = date.fromisoformat(tekst)
        return found

    def centen(self, tekst: str) -> int:
        found = self._centen.get(tekst)
        if found is None:
            found = self._centen[tekst] = centen(tekst)
        return found


def plaatsingen(conn: Connection, van: date, tot: date) -> list[PlaatsingNachten]:
    """Placements with nights in ``[van, tot)``, oldest first (``ORDER BY van, id``)."""
    params = (tot.isoformat(), van.isoformat())
    kolommen, join = _overnames(conn, "p.dossier_uuid")
    lees = _Gelezen()
    dag = lees.dag
    tarieven: dict[int, list[tuple[date, int]]] = {}
    for pid, vanaf, tarief in conn.execute(
            "SELECT p.id, t.geldig_vanaf, t.dagtarief FROM plaatsing p "
            "JOIN plaatsing_tarief t ON t.plaatsing_id = p.id "
            f"WHERE {_IN_PERIODE} ORDER BY p.id, t.geldig_vanaf", params):
        rij = (dag(vanaf), lees.centen(tarief))
        lijst = tarieven.get(pid)
        if lijst is None:
            tarieven[pid] = [rij]
        else:
            lijst.append(rij)
    return [
        PlaatsingNachten(nummer or "?", soort, financier, dag(begin),
                         dag(einde) if einde else None, code or None, gemeente or None,
                         tarieven.get(pid, []), dag(overname) if overname else None,
                         wie or "")
        for pid, soort, financier, begin, einde, code, gemeente, nummer, overname, wie
        in conn.execute(
            "SELECT p.id, p.type, p.financier, p.van, p.tot, p.gemeente_code, "
            f"d.gemeente, d.dossiernummer, {kolommen} FROM plaatsing p "
            f"LEFT JOIN dossier d ON d.uuid = p.dossier_uuid {join} "
            f"WHERE {_IN_PERIODE} ORDER BY p.van, p.id", params)
    ]


class PostCenten(NamedTuple):
    """A cost post as the amounts read it; days as ISO text (``"2025-03-02"``), which
    compare like dates and cost nothing to read."""

    datum: str
    centen: int
    landelijk: bool
    binding: str | None
    overname: str | None
    overdrager: str


def kostenposten(conn: Connection, van: date, tot: date) -> list[PostCenten]:
    """Each cost post in ``[van, tot)`` with its dossier's binding and takeover day."""
    kolommen, join = _overnames(conn, "k.dossier_uuid")
    geld = _Gelezen().centen
    return [PostCenten(datum, geld(bedrag), bool(landelijk), gemeente or None,
                       overname or None, wie or "")
            for datum, bedrag, landelijk, gemeente, overname, wie in conn.execute(
                f"SELECT k.datum, k.bedrag, k.landelijk, d.gemeente, {kolommen} "
                f"FROM kostenpost k LEFT JOIN dossier d ON d.uuid = k.dossier_uuid {join} "
                "WHERE k.datum >= ? AND k.datum < ?", (van.isoformat(), tot.isoformat()))]
