"""Issued (vastgesteld) statements stay put; later changes become correction lines.

DOMAIN §6: once a period's statement is issued, a late end date or a corrected rate for
that period never rewrites it: the difference between what the period costs now and what
was issued (minus corrections already booked) appears as a correction line in the next
statement, and is booked with it when that one is issued. Quarterly rounding can differ
from the year by a few cents: the year statement shows a settlement line (verrekening) so
that the quarters, their corrections and the settlement add up to the year exactly.

All amounts are whole cents per CBS code; nothing here rounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

Centen = Mapping[str, int]
Periode = tuple[date, date]  # [van, tot)


@dataclass(frozen=True)
class Correctie:
    """A correction of the issued period ``[van, tot)`` for one municipality."""

    van: date
    tot: date
    cbs_code: str
    centen: int


def verschil(nu: Centen, eerder: Centen) -> dict[str, int]:
    """``nu - eerder`` per municipality, zeros left out."""
    uit = {c: nu.get(c, 0) - eerder.get(c, 0) for c in set(nu) | set(eerder)}
    return {c: n for c, n in sorted(uit.items()) if n}


def optellen(delen: Iterable[Centen]) -> dict[str, int]:
    som: dict[str, int] = {}
    for deel in delen:
        for code, n in deel.items():
            som[code] = som.get(code, 0) + n
    return som


def binnen(binnenste: Periode, buitenste: Periode) -> bool:
    return buitenste[0] <= binnenste[0] and binnenste[1] <= buitenste[1]


def overlappen(a: Periode, b: Periode) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def maximale(perioden: Iterable[Periode]) -> list[Periode]:
    """Issued periods not inside another issued one: a year statement supersedes its
    quarters (its settlement absorbed their differences)."""
    lijst = sorted(set(perioden))
    return [p for p in lijst if not any(q != p and binnen(p, q) for q in lijst)]


def open_correcties(
    periode: Periode,
    vastgesteld: Centen,
    geboekt: Centen,
    nu: Centen,
) -> list[Correctie]:
    """What the issued ``periode`` still misses: now minus issued minus booked."""
    rest = verschil(nu, optellen([vastgesteld, geboekt]))
    return [Correctie(periode[0], periode[1], code, n) for code, n in rest.items()]


def verrekening(jaar: Centen, kwartalen: Iterable[Centen],
                correcties: Iterable[Centen] = ()) -> dict[str, int]:
    """The year's settlement per municipality: the year minus what its quarterly
    statements (and the corrections booked for the year's periods) already charged."""
    al = optellen([*kwartalen, *correcties])
    return {c: jaar.get(c, 0) - al.get(c, 0) for c in sorted(set(jaar) | set(al))}
