"""The client (cliënt) of a case: identity, age and the facts care depends on.

Many clients arrive without papers: the birth date is often unknown and only an age
estimate exists, names have aliases, and a BSN or V-nummer may come later. So nearly
every field is optional, and age questions answer ``None`` when nobody can know.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zorgapp.domain.codes import (
    Geslacht,
    code_uit,
    datum_naar_json,
    datum_uit_json,
    nieuw_uuid,
)
from zorgapp.domain.errors import N_, DomainError

MEERDERJARIG = 18
#: Below this age a parent or guardian consents (AVG/UAVG art. 5; WGBO for care).
ZELF_TOESTEMMING_VANAF = 16

_GEMEENTECODE = re.compile(r"^GM\d{4}$")
_LANDCODE = re.compile(r"^[A-Z]{2,3}$")


def bsn_geldig(s: str) -> bool:
    """Whether ``s`` is a valid BSN (9 digits, eleven test).

    The one exception to "domain imports the standard library only": python-stdnum is
    imported lazily here, because it is pure Python and the reference for Dutch numbers.
    Without it we fall back to the same eleven test, so the domain keeps working.
    """
    nummer = re.sub(r"[\s.\-]", "", s)
    try:
        from stdnum.nl import bsn  # lazy on purpose, see docstring
    except ImportError:  # stdnum is a dependency of the app; tested without it too
        if not (nummer.isascii() and nummer.isdigit() and len(nummer) == 9):
            return False
        som = sum((9 - i) * int(c) for i, c in enumerate(nummer[:8])) - int(nummer[8])
        return som % 11 == 0 and int(nummer) > 0
    return bool(bsn.is_valid(nummer))


def _eerste_teken(deel: str) -> str:
    """The first letter with its combining marks, so "Ș" written as S + U+0326 stays whole."""
    teken = deel[0]
    for c in deel[1:]:
        if not unicodedata.combining(c):
            break
        teken += c
    return teken.upper()


@dataclass
class Persoon:
    """A client. ``geschatte_leeftijd`` is an estimate made on ``leeftijd_geschat_op``."""

    naam: str = ""
    uuid: str = field(default_factory=nieuw_uuid)
    aliassen: list[str] = field(default_factory=list)
    geboortedatum: date | None = None
    geschatte_leeftijd: int | None = None
    leeftijd_geschat_op: date | None = None
    geslacht: Geslacht = Geslacht.ONBEKEND
    nationaliteiten: list[str] = field(default_factory=list)
    talen: list[str] = field(default_factory=list)
    tolk_nodig: bool = False
    bsn: str = ""
    v_nummer: str = ""
    contact: str = ""
    verblijfplaats: str = ""
    gemeente_van_binding: str = ""

    def __post_init__(self) -> None:
        self.bsn = re.sub(r"[\s.\-]", "", self.bsn)
        self.nationaliteiten = [n.strip().upper() for n in self.nationaliteiten]
        self.gemeente_van_binding = self.gemeente_van_binding.strip().upper()
        self._controleer_vorm()

    def _controleer_vorm(self) -> None:
        """Checks that do not depend on today's date, so they hold from construction on."""
        if self.bsn and not bsn_geldig(self.bsn):
            raise DomainError(N_("Het BSN {bsn} klopt niet (elfproef)."), bsn=self.bsn)
        if (
            self.geschatte_leeftijd is not None
            and not 0 <= self.geschatte_leeftijd <= 120
        ):
            raise DomainError(
                N_("Een geschatte leeftijd van {leeftijd} jaar kan niet."),
                leeftijd=self.geschatte_leeftijd,
            )
        if self.gemeente_van_binding and not _GEMEENTECODE.match(
            self.gemeente_van_binding
        ):
            raise DomainError(
                N_("Gemeentecode {code} heeft niet de vorm GM0000."),
                code=self.gemeente_van_binding,
            )
        for land in self.nationaliteiten:
            if not _LANDCODE.match(land):
                raise DomainError(
                    N_("Nationaliteit {code} is geen ISO-landcode."), code=land
                )

    def valideer(self, vandaag: date) -> None:
        """All checks, including those against today's date (call before saving)."""
        self._controleer_vorm()
        if self.geboortedatum is not None and self.geboortedatum > vandaag:
            raise DomainError(
                N_("Een geboortedatum in de toekomst kan niet: {datum}."),
                datum=self.geboortedatum.isoformat(),
            )
        if self.leeftijd_geschat_op is not None and self.leeftijd_geschat_op > vandaag:
            raise DomainError(
                N_("Een datum in de toekomst kan niet: {datum}."),
                datum=self.leeftijd_geschat_op.isoformat(),
            )

    def leeftijd_op(self, d: date) -> int | None:
        """Age in whole years on ``d``; from the estimate when no birth date is known.

        Someone born on 29 February turns a year older on 1 March in common years.
        """
        if self.geboortedatum is not None:
            if d < self.geboortedatum:
                return None
            b = self.geboortedatum
            return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
        if self.geschatte_leeftijd is None:
            return None
        if self.leeftijd_geschat_op is None:
            return self.geschatte_leeftijd
        g = self.leeftijd_geschat_op
        verschil = d.year - g.year - ((d.month, d.day) < (g.month, g.day))
        return max(0, self.geschatte_leeftijd + verschil)

    def minderjarig_op(self, d: date) -> bool | None:
        """Whether the client is under 18 on ``d``; None when the age is unknown."""
        leeftijd = self.leeftijd_op(d)
        return None if leeftijd is None else leeftijd < MEERDERJARIG

    def initialen(self) -> str:
        """Initials for the privacy toggle: "Ștefania Popescu" -> "Ș.P.".

        Lower-case particles (van, de, dos) are skipped, as in Dutch initials, unless
        the whole name is lower case.
        """
        naam = unicodedata.normalize("NFC", self.naam)
        delen = [d for d in re.split(r"[\s\-]+", naam) if d]
        hoofd = [d for d in delen if not d[0].islower()] or delen
        return "".join(_eerste_teken(d) + "." for d in hoofd if d[0].isalpha())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict with stable Dutch keys."""
        return {
            "uuid": self.uuid,
            "naam": self.naam,
            "aliassen": list(self.aliassen),
            "geboortedatum": datum_naar_json(self.geboortedatum),
            "geschatte_leeftijd": self.geschatte_leeftijd,
            "leeftijd_geschat_op": datum_naar_json(self.leeftijd_geschat_op),
            "geslacht": self.geslacht.value,
            "nationaliteiten": list(self.nationaliteiten),
            "talen": list(self.talen),
            "tolk_nodig": self.tolk_nodig,
            "bsn": self.bsn,
            "v_nummer": self.v_nummer,
            "contact": self.contact,
            "verblijfplaats": self.verblijfplaats,
            "gemeente_van_binding": self.gemeente_van_binding,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Persoon:
        """The inverse of ``to_dict``; missing optional keys get their defaults."""
        leeftijd = d.get("geschatte_leeftijd")
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            naam=str(d.get("naam", "")),
            aliassen=[str(a) for a in d.get("aliassen", [])],
            geboortedatum=datum_uit_json(d.get("geboortedatum")),
            geschatte_leeftijd=None if leeftijd is None else int(leeftijd),
            leeftijd_geschat_op=datum_uit_json(d.get("leeftijd_geschat_op")),
            geslacht=code_uit(Geslacht, d.get("geslacht", Geslacht.ONBEKEND.value)),
            nationaliteiten=[str(n) for n in d.get("nationaliteiten", [])],
            talen=[str(t) for t in d.get("talen", [])],
            tolk_nodig=bool(d.get("tolk_nodig", False)),
            bsn=str(d.get("bsn", "")),
            v_nummer=str(d.get("v_nummer", "")),
            contact=str(d.get("contact", "")),
            verblijfplaats=str(d.get("verblijfplaats", "")),
            gemeente_van_binding=str(d.get("gemeente_van_binding", "")),
        )
