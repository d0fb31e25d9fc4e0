"""Consent (AVG) for one purpose: dated, withdrawable, possibly time-limited.

Who may consent depends on the client's age on the day of consent (under 16 a parent
or guardian; from 16 the client personally). Part of a ``Dossier`` (``dossier.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zorgapp.domain.codes import (
    ToestemmingDoel,
    code_uit,
    datum_naar_json,
    datum_uit_json,
    niet_in_toekomst,
    nieuw_uuid,
    vereiste_datum,
)
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.persoon import ZELF_TOESTEMMING_VANAF, Persoon


@dataclass
class Toestemming:
    """Consent for one purpose (AVG): dated, withdrawable, possibly time-limited.

    ``gegeven_door`` is empty when the client consented personally, else the name of
    whoever consented for them: under 16 a parent or guardian must; from 16 to 18 the
    minor signs personally; for adults a legal representative (mentor, curator) may.
    """

    doel: ToestemmingDoel
    datum: date
    uuid: str = field(default_factory=nieuw_uuid)
    partner: str = ""
    hoe_gegeven: str = ""
    gegeven_door: str = ""
    ingetrokken_op: date | None = None
    geldig_tot: date | None = None

    def geldig_op(self, d: date) -> bool:
        """Whether this consent covers day ``d``."""
        if d < self.datum:
            return False
        if self.ingetrokken_op is not None and d >= self.ingetrokken_op:
            return False
        return self.geldig_tot is None or d <= self.geldig_tot

    def valideer(self, persoon: Persoon, vandaag: date) -> None:
        """Checks before saving, including who may consent at the client's age."""
        niet_in_toekomst(self.datum, vandaag)
        if self.doel is ToestemmingDoel.DELEN_PARTNER and not self.partner.strip():
            raise DomainError(
                N_("Kies met welke partner gegevens gedeeld mogen worden.")
            )
        if self.geldig_tot is not None and self.geldig_tot < self.datum:
            raise DomainError(
                N_("Geldig tot {datum} ligt vóór de datum van de toestemming."),
                datum=self.geldig_tot.isoformat(),
            )
        if self.ingetrokken_op is not None:
            self._controleer_intrekking(self.ingetrokken_op, vandaag)
        leeftijd = persoon.leeftijd_op(self.datum)
        door = self.gegeven_door.strip()
        vertegenwoordiger = bool(door) and door != persoon.naam.strip()
        if (
            leeftijd is not None
            and leeftijd < ZELF_TOESTEMMING_VANAF
            and not vertegenwoordiger
        ):
            raise DomainError(
                N_(
                    "Onder de {leeftijd} jaar geeft een ouder of voogd toestemming: vul diens naam in."
                ),
                leeftijd=ZELF_TOESTEMMING_VANAF,
            )
        if (
            leeftijd is not None
            and ZELF_TOESTEMMING_VANAF <= leeftijd < 18
            and vertegenwoordiger
        ):
            raise DomainError(
                N_("Vanaf {leeftijd} jaar geeft de cliënt zelf toestemming."),
                leeftijd=ZELF_TOESTEMMING_VANAF,
            )

    def _controleer_intrekking(self, datum: date, vandaag: date) -> None:
        niet_in_toekomst(datum, vandaag)
        if datum < self.datum:
            raise DomainError(
                N_("Intrekken op {datum} kan niet vóór de toestemming zelf."),
                datum=datum.isoformat(),
            )

    def trek_in(self, datum: date, vandaag: date) -> None:
        """Withdraw from ``datum`` on; a withdrawal is final (new consent = new record)."""
        if self.ingetrokken_op is not None:
            raise DomainError(N_("Deze toestemming is al ingetrokken."))
        self._controleer_intrekking(datum, vandaag)
        self.ingetrokken_op = datum

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "doel": self.doel.value,
            "partner": self.partner,
            "datum": self.datum.isoformat(),
            "hoe_gegeven": self.hoe_gegeven,
            "gegeven_door": self.gegeven_door,
            "ingetrokken_op": datum_naar_json(self.ingetrokken_op),
            "geldig_tot": datum_naar_json(self.geldig_tot),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Toestemming:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            doel=code_uit(ToestemmingDoel, d.get("doel")),
            partner=str(d.get("partner", "")),
            datum=vereiste_datum(d, "datum"),
            hoe_gegeven=str(d.get("hoe_gegeven", "")),
            gegeven_door=str(d.get("gegeven_door", "")),
            ingetrokken_op=datum_uit_json(d.get("ingetrokken_op")),
            geldig_tot=datum_uit_json(d.get("geldig_tot")),
        )
