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


def plaatsingen(conn: Connection, van: date, tot: date) -> list[PlaatsingNachten]:
    """Placements with nights in ``[van, tot)``, oldest first (``ORDER BY van, id``)."""
    params = (tot.isoformat(), van.isoformat())
    tarieven: dict[int, list[tuple[date, int]]] = {}
    for pid, vanaf, tarief in conn.execute(
            "SELECT p.id, t.geldig_vanaf, t.dagtarief FROM plaatsing p "
            "JOIN plaatsing_tarief t ON t.plaatsing_uuid = p.uuid "
            f"WHERE {_IN_PERIODE} ORDER BY p.id, t.geldig_vanaf", params):
        tarieven.setdefault(pid, []).append((date.fromisoformat(vanaf), centen(tarief)))
    return [
        PlaatsingNachten(nummer=nummer or "?", type=soort, financier=financier,
                         van=date.fromisoformat(begin),
                         tot=date.fromisoformat(einde) if einde else None,
                         gemeente_code=code or None, dossier_gemeente=gemeente or None,
                         tarieven=tarieven.get(pid, []))
        for pid, soort, financier, begin, einde, code, gemeente, nummer in conn.execute(
            "SELECT p.id, p.type, p.financier, p.van, p.tot, p.gemeente_code, "
            "d.gemeente, d.dossiernummer FROM plaatsing p "
            "LEFT JOIN dossier d ON d.uuid = p.dossier_uuid "
            f"WHERE {_IN_PERIODE} ORDER BY p.van, p.id", params)
    ]


def kostenposten(conn: Connection, van: date, tot: date) -> list[tuple[int, bool, str | None]]:
    """(cents, nationally funded, the dossier's binding) of each cost post in ``[van, tot)``."""
    return [(centen(bedrag), bool(landelijk), gemeente or None)
            for bedrag, landelijk, gemeente in conn.execute(
                "SELECT k.bedrag, k.landelijk, d.gemeente FROM kostenpost k "
                "LEFT JOIN dossier d ON d.uuid = k.dossier_uuid "
                "WHERE k.datum >= ? AND k.datum < ?", (van.isoformat(), tot.isoformat()))]
