"""Other costs of a dossier besides shelter nights: interpreter, travel, living money.

They are allocated like shelter nights (by the dossier's binding or by inhabitants),
unless paid nationally. Amounts are whole cents and never negative: a mistake is
corrected by changing or removing the post, which the audit trail records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.geld import centen_exact


class KostenSoort(StrEnum):
    TOLK = "tolk"
    REISKOSTEN = "reiskosten"
    LEEFGELD = "leefgeld"
    JURIDISCH = "juridisch"
    MEDISCH = "medisch"
    OVERIG = "overig"


KOSTENSOORT_LABELS: dict[KostenSoort, str] = {
    KostenSoort.TOLK: N_("Tolk"),
    KostenSoort.REISKOSTEN: N_("Reiskosten"),
    KostenSoort.LEEFGELD: N_("Leefgeld"),
    KostenSoort.JURIDISCH: N_("Juridische kosten"),
    KostenSoort.MEDISCH: N_("Medische kosten"),
    KostenSoort.OVERIG: N_("Overige kosten"),
}


@dataclass(frozen=True)
class Kostenpost:
    """One cost on one day for one dossier."""

    uuid: str
    dossier_uuid: str
    soort: KostenSoort
    datum: date
    bedrag: Decimal
    omschrijving: str = ""
    landelijk: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "soort", KostenSoort(self.soort))
        bedrag = centen_exact(self.bedrag, veld="Bedrag")
        if bedrag < 0:
            raise DomainError(
                N_("Bedrag {bedrag} mag niet negatief zijn."), bedrag=str(bedrag)
            )
        object.__setattr__(self, "bedrag", bedrag)
