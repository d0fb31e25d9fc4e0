"""Retention of closed cases (Wmo 2015 art. 5.3.4) and the legal hold that stops it.

A closed case is kept for a term that depends on why it was closed (15 years by
default) and must then be destroyed. A legal hold (bewaarplicht, e.g. while a criminal
case runs) stops the clock: the days under hold are added to the end, and a case under
hold is never due. Pure rules here, so that the GUI, the command line and the tests
decide the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from zorgapp.domain.codes import Sluitreden

#: Wmo 2015 art. 5.3.4: fifteen years after the file is closed.
STANDAARD_TERMIJN_JAREN = 15
MAX_TERMIJN_JAREN = 100

#: Why a case was destroyed (stored codes).
REDEN_TERMIJN = "termijn_verstreken"
REDEN_VERZOEK = "verzoek_art17"


def standaard_termijnen() -> dict[str, int]:
    """The term in years per closure reason, as a new vault has them."""
    return {reden.value: STANDAARD_TERMIJN_JAREN for reden in Sluitreden}


def termijnen_uit(opgeslagen: Mapping[str, object]) -> dict[str, int]:
    """Stored terms completed with defaults; a value that is not a sane number of
    years falls back to the default (a damaged setting must never shorten a term)."""
    result = standaard_termijnen()
    for reden, jaren in opgeslagen.items():
        if reden in result and isinstance(jaren, int) and 1 <= jaren <= MAX_TERMIJN_JAREN:
            result[reden] = jaren
    return result


def plus_jaren(start: date, jaren: int) -> date:
    """``start`` plus whole years; 29 February becomes 28 February."""
    try:
        return start.replace(year=start.year + jaren)
    except ValueError:
        return start.replace(year=start.year + jaren, day=28)


@dataclass(frozen=True)
class Bewaarplicht:
    """One legal hold: from ``van`` until ``tot`` (exclusive; None while it runs)."""

    van: date
    tot: date | None
    reden: str

    def dagen(self, vandaag: date) -> int:
        return max(0, ((self.tot or vandaag) - self.van).days)


def bewaren_tot(afgesloten_op: date, sluitreden: str | None, termijnen: Mapping[str, int],
                holds: Iterable[Bewaarplicht], vandaag: date) -> date:
    """Closing date + the term for the reason + every day spent under a legal hold. An
    unknown reason gets the longest term (never destroy too early)."""
    jaren = termijnen.get(sluitreden or "") or max(termijnen.values(), default=STANDAARD_TERMIJN_JAREN)
    extra = sum(h.dagen(vandaag) for h in holds)
    return plus_jaren(afgesloten_op, jaren) + timedelta(days=extra)


def loopt(holds: Iterable[Bewaarplicht]) -> Bewaarplicht | None:
    """The hold in force, if any."""
    return next((h for h in holds if h.tot is None), None)


def verstreken(einde: date, holds: Iterable[Bewaarplicht], vandaag: date) -> bool:
    """Due for destruction: the term has passed and no hold is on."""
    return loopt(holds) is None and einde <= vandaag
