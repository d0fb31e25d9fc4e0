"""Two duties of a coordinator towards partners (DOMAIN.md §5, daily duties):

* **feedback to the melder**: whoever gave a signal hears what became of it. Every
  signal carries a due date (a region setting, ``TERUGKOPPELTERMIJN_DAGEN`` after the
  signal by default); the feedback itself is recorded with its date, how it was given
  and a short summary. An open duty is a deadline (``deadlines.py``).
* **RIEC referral**: as soon as a perpetrator's name or address is known the case is
  referred to the RIEC ([S4]). Today the only place where a perpetrator is written
  down is the safety section (``Veiligheid.daders_toelichting``, "where the exploiter
  lives"); once that holds something and no referral is recorded, Zorgapp asks.

The due date is fixed on the signal when it is recorded, so a later change of the
region setting never moves the deadline of a signal already given (and signals from
before this rule existed carry no duty).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from zorgapp.domain.codes import code_uit, niet_in_toekomst, vereiste_datum
from zorgapp.domain.errors import N_, DomainError

if TYPE_CHECKING:
    from zorgapp.domain.dossier import Dossier
    from zorgapp.domain.opvangbehoeften import Opvangbehoeften

#: Default days between a signal and the feedback to its melder (a region setting).
TERUGKOPPELTERMIJN_DAGEN = 14
#: The setting's key in the vault's ``meta`` table (it belongs to the region, so it
#: travels with the vault, not with the computer).
TERUGKOPPELTERMIJN_SLEUTEL = "terugkoppeltermijn_dagen"
MAX_TERMIJN_DAGEN = 365


def terugkoppeltermijn(waarde: object) -> int:
    """The stored setting as days; anything unreadable falls back to the default."""
    try:
        dagen = int(str(waarde))
    except ValueError:
        return TERUGKOPPELTERMIJN_DAGEN
    return dagen if 1 <= dagen <= MAX_TERMIJN_DAGEN else TERUGKOPPELTERMIJN_DAGEN


def controleer_termijn(dagen: int) -> int:
    """A new setting: between 1 day and a year."""
    if not 1 <= dagen <= MAX_TERMIJN_DAGEN:
        raise DomainError(
            N_("Een termijn van {dagen} dagen kan niet (1 tot en met {max})."),
            dagen=dagen, max=MAX_TERMIJN_DAGEN,
        )
    return dagen


def terugkoppelen_voor(meldingsdatum: date, termijn_dagen: int) -> date:
    """The day by which the melder should have heard what became of the signal."""
    return meldingsdatum + timedelta(days=termijn_dagen)


class TerugkoppelWijze(StrEnum):
    """How the feedback was given."""

    TELEFOON = "telefoon"
    EMAIL = "email"
    BRIEF = "brief"
    GESPREK = "gesprek"
    OVERLEG = "overleg"
    ANDERS = "anders"


TERUGKOPPEL_WIJZE_LABELS: dict[TerugkoppelWijze, str] = {
    TerugkoppelWijze.TELEFOON: N_("Telefonisch"),
    TerugkoppelWijze.EMAIL: N_("Per e-mail"),
    TerugkoppelWijze.BRIEF: N_("Per brief"),
    TerugkoppelWijze.GESPREK: N_("In een gesprek"),
    TerugkoppelWijze.OVERLEG: N_("In het signaleringsoverleg"),
    TerugkoppelWijze.ANDERS: N_("Anders"),
}


@dataclass
class Terugkoppeling:
    """Feedback given to the melder: when, how, and in short what was said."""

    datum: date
    wijze: TerugkoppelWijze
    samenvatting: str
    auteur: str = ""

    def valideer(self, meldingsdatum: date, vandaag: date) -> None:
        niet_in_toekomst(self.datum, vandaag)
        if self.datum < meldingsdatum:
            raise DomainError(N_("De terugkoppeling kan niet vóór de melding liggen."))
        if not self.samenvatting.strip():
            raise DomainError(N_("Schrijf kort op wat er aan de melder is verteld."))

    def to_dict(self) -> dict[str, Any]:
        return {
            "datum": self.datum.isoformat(),
            "wijze": self.wijze.value,
            "samenvatting": self.samenvatting,
            "auteur": self.auteur,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Terugkoppeling:
        return cls(
            datum=vereiste_datum(d, "datum"),
            wijze=code_uit(TerugkoppelWijze, d.get("wijze", TerugkoppelWijze.ANDERS.value)),
            samenvatting=str(d.get("samenvatting", "")),
            auteur=str(d.get("auteur", "")),
        )


@dataclass
class RiecVerwijzing:
    """The answer to "was the case referred to the RIEC?".

    ``gemeld`` False records "not (yet)": Zorgapp asks again the next time. A referral
    needs its date; the RIEC's reference is recorded when there is one.
    """

    gemeld: bool
    datum: date | None = None
    referentie: str = ""
    auteur: str = ""

    def valideer(self, vandaag: date) -> None:
        if not self.gemeld:
            return
        if self.datum is None:
            raise DomainError(N_("Vul de datum van de RIEC-melding in."))
        niet_in_toekomst(self.datum, vandaag)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gemeld": self.gemeld,
            "datum": None if self.datum is None else self.datum.isoformat(),
            "referentie": self.referentie,
            "auteur": self.auteur,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RiecVerwijzing:
        gemeld = bool(d.get("gemeld", False))
        return cls(
            gemeld=gemeld,
            datum=vereiste_datum(d, "datum") if gemeld else None,
            referentie=str(d.get("referentie", "")),
            auteur=str(d.get("auteur", "")),
        )


def dader_bekend(behoeften: Opvangbehoeften) -> bool:
    """Whether a perpetrator's name or address is written down in the case (the
    safety section's note on the perpetrators)."""
    return bool(behoeften.veiligheid.daders_toelichting.strip())


def riec_vraag_open(dossier: Dossier, behoeften: Opvangbehoeften | None = None) -> bool:
    """Zorgapp must ask about a RIEC referral: a perpetrator is known (in the stored
    case, or in ``behoeften`` about to be saved) and no referral is recorded (an
    earlier "not yet" keeps the question open)."""
    bekend = dader_bekend(behoeften if behoeften is not None else dossier.opvangbehoeften)
    return bekend and (dossier.riec is None or not dossier.riec.gemeld)
