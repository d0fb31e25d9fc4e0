"""Who pays for a placement (DOMAIN §6 and §3), and when municipalities are not responsible.

One rule for the allocation, the statement and the placement letter, so the letter never
names a payer the allocation ignores:

- ``COSM``, ``OMM``, ``BO_AMV`` (and any national financier such as the bedenktijd
  allowance): funded nationally, listed but never allocated;
- ``JEUGD``: the Jeugdwet municipality (woonplaatsbeginsel): the municipality recorded on
  the placement, else the dossier's municipality of binding; it pays the whole placement,
  whatever the region's key;
- everything else (Wmo): the region's municipalities naar ratio, by the region's key.

``bedenktijd_perioden`` is the ONE place the money side asks when a client was in
bedenktijd (municipalities are not responsible then, so those nights are flagged).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from zorgapp.domain import verblijf
from zorgapp.domain.errors import N_
from zorgapp.domain.opvang import LANDELIJK_GEFINANCIERD, Financier, OpvangType

if TYPE_CHECKING:
    from zorgapp.domain.dossier import Dossier


class BetalerSoort(StrEnum):
    REGIO = "regio"  # the region's municipalities naar ratio
    JEUGDWET = "jeugdwet"  # one municipality, the whole placement
    LANDELIJK = "landelijk"  # national funding, never allocated


BETALER_LABELS: dict[BetalerSoort, str] = {
    BetalerSoort.REGIO: N_("Gemeenten van de regio, naar ratio"),
    BetalerSoort.JEUGDWET: N_("Jeugdwetgemeente"),
    BetalerSoort.LANDELIJK: N_("Landelijk gefinancierd"),
}


@dataclass(frozen=True)
class Betaler:
    """Who pays one placement: ``gemeente_code`` only for ``JEUGDWET`` (None: unknown,
    then the region pays by inhabitants until it is recorded)."""

    soort: BetalerSoort
    gemeente_code: str | None = None
    financier: Financier | None = None

    @property
    def landelijk(self) -> bool:
        return self.soort is BetalerSoort.LANDELIJK

    @property
    def direct(self) -> bool:
        """Charged wholly to one municipality, whatever the key."""
        return self.soort is BetalerSoort.JEUGDWET


def betaler(
    soort: OpvangType | str,
    financier: Financier | str | None,
    gemeente_code: str | None,
    dossier_binding: str | None,
) -> Betaler:
    """The payer of a placement from its type (and a national financier, when recorded)."""
    opvang = OpvangType(soort)
    fin = Financier(financier) if financier else Financier.GEMEENTE
    if opvang in LANDELIJK_GEFINANCIERD or fin.landelijk:
        if not fin.landelijk:
            fin = {OpvangType.COSM: Financier.COSM, OpvangType.OMM: Financier.OMM}.get(
                opvang, Financier.BO_AMV
            )
        return Betaler(BetalerSoort.LANDELIJK, financier=fin)
    if opvang is OpvangType.JEUGD:
        return Betaler(BetalerSoort.JEUGDWET, gemeente_code or dossier_binding or None)
    return Betaler(BetalerSoort.REGIO)


def bedenktijd_perioden(dossier: Dossier) -> list[tuple[date, date]]:
    """The client's bedenktijd as half-open ``[first day, day after the last)`` periods,
    from the legal track (``verblijf.bedenktijd_perioden``, which gives inclusive ends;
    the track also reads older vaults' bedenktijd stage). Every money path goes through
    here."""
    return [(van, tot + timedelta(days=1)) for van, tot in verblijf.bedenktijd_perioden(dossier)]


def nachten_in(
    van: date, tot: date, perioden: list[tuple[date, date]]
) -> int:
    """Nights of ``[van, tot)`` that fall inside any of ``perioden`` (half-open)."""
    nachten = 0
    for begin, einde in perioden:
        stuk = (min(tot, einde) - max(van, begin)).days
        if stuk > 0:
            nachten += stuk
    return nachten
