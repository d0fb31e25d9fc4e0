"""Registration with CoMensha (DOMAIN.md §2b): who registers, the consent it needs, and
the registration set that goes to CoMensha.

Police, KMar and the Arbeidsinspectie register a victim themselves; everyone else,
the coordinator included, needs the victim's written consent (under 16: a parent or
guardian signs, see ``toestemming.py``). When the registration asks CoMensha for
shelter, consent is needed whoever registers. ``controleer_toestemming`` is the one
place this is decided: the service calls it before the step to ``aangemeld`` and the
bundle import calls it for every such step, so the GUI, the command line and a
handover obey the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from zorgapp.domain.codes import (
    MELDPLICHTIGE_MELDERS,
    Fase,
    Geslacht,
    MelderType,
    ToestemmingDoel,
    Uitbuitingsvorm,
    code_uit,
    datum_naar_json,
    datum_uit_json,
)
from zorgapp.domain.errors import N_, DomainError

if TYPE_CHECKING:
    from zorgapp.domain.dossier import Dossier


class ToestemmingNodig(DomainError):
    """The step to ``aangemeld`` lacks the written consent it needs."""


@dataclass
class Aanmelding:
    """The registration set of DOMAIN.md §2b, as sent to CoMensha (editable).

    ``aangemeld_door`` is who registers: ``zorgcoordinatie`` (the coordinator) or the
    obliged reporter that registers itself (``politie``, ``kmar``, ``arbeidsinspectie``).
    The CoMensha reference that comes back is kept in ``Opvangbehoeften.comensha_kenmerk``
    (the placement letter reads it there too).
    """

    aangemeld_door: MelderType = MelderType.ZORGCOORDINATIE
    opvang_gevraagd: bool = False
    datum: date | None = None
    melder_type: MelderType | None = None
    vormen: list[Uitbuitingsvorm] = field(default_factory=list)
    sector: str = ""
    land_van_herkomst: str = ""
    nationaliteit: str = ""
    leeftijd: int | None = None
    geslacht: Geslacht = Geslacht.ONBEKEND
    regio: str = ""

    def __post_init__(self) -> None:
        self.land_van_herkomst = self.land_van_herkomst.strip().upper()
        self.nationaliteit = self.nationaliteit.strip().upper()
        if self.leeftijd is not None and not 0 <= self.leeftijd <= 120:
            raise DomainError(
                N_("Een geschatte leeftijd van {leeftijd} jaar kan niet."),
                leeftijd=self.leeftijd,
            )

    @property
    def meldplichtig(self) -> bool:
        """Registered by police, KMar or the Arbeidsinspectie themselves."""
        return self.aangemeld_door in MELDPLICHTIGE_MELDERS

    def to_dict(self) -> dict[str, Any]:
        return {
            "aangemeld_door": self.aangemeld_door.value,
            "opvang_gevraagd": self.opvang_gevraagd,
            "datum": datum_naar_json(self.datum),
            "melder_type": self.melder_type.value if self.melder_type else None,
            "vormen": [v.value for v in self.vormen],
            "sector": self.sector,
            "land_van_herkomst": self.land_van_herkomst,
            "nationaliteit": self.nationaliteit,
            "leeftijd": self.leeftijd,
            "geslacht": self.geslacht.value,
            "regio": self.regio,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Aanmelding:
        melder = d.get("melder_type")
        leeftijd = d.get("leeftijd")
        return cls(
            aangemeld_door=code_uit(
                MelderType, d.get("aangemeld_door", MelderType.ZORGCOORDINATIE.value)
            ),
            opvang_gevraagd=bool(d.get("opvang_gevraagd", False)),
            datum=datum_uit_json(d.get("datum")),
            melder_type=code_uit(MelderType, melder) if melder else None,
            vormen=[code_uit(Uitbuitingsvorm, v) for v in d.get("vormen", [])],
            sector=str(d.get("sector", "")),
            land_van_herkomst=str(d.get("land_van_herkomst", "")),
            nationaliteit=str(d.get("nationaliteit", "")),
            leeftijd=None if leeftijd is None else int(leeftijd),
            geslacht=code_uit(Geslacht, d.get("geslacht", Geslacht.ONBEKEND.value)),
            regio=str(d.get("regio", "")),
        )


def meldplichtige_melder(dossier: Dossier) -> MelderType | None:
    """The obliged reporter (police, KMar, Arbeidsinspectie) among the signals, if any."""
    for melding in dossier.meldingen:
        if melding.melder_type in MELDPLICHTIGE_MELDERS:
            return melding.melder_type
    return None


def registreert_zelf(dossier: Dossier) -> bool:
    """Whether an obliged reporter registers this case itself, so the coordinator has
    no registration deadline: the stored set says so, or (before one is stored) an
    obliged reporter made the signal."""
    if dossier.aanmelding is not None:
        return dossier.aanmelding.meldplichtig
    return meldplichtige_melder(dossier) is not None


def voorstel(dossier: Dossier, op: date, regio: str = "") -> Aanmelding:
    """The registration set filled from what the case already knows (to be checked
    and completed by the coordinator)."""
    persoon = dossier.persoon
    eerste = dossier.meldingen[0] if dossier.meldingen else None
    vormen: list[Uitbuitingsvorm] = []
    for melding in dossier.meldingen:
        vormen += [v for v in melding.vormen if v not in vormen]
    plichtig = meldplichtige_melder(dossier)
    nationaliteit = persoon.nationaliteiten[0] if persoon.nationaliteiten else ""
    return Aanmelding(
        aangemeld_door=plichtig or MelderType.ZORGCOORDINATIE,
        datum=op,
        melder_type=eerste.melder_type if eerste else None,
        vormen=vormen,
        sector=next((m.sector for m in dossier.meldingen if m.sector), ""),
        land_van_herkomst=nationaliteit,
        nationaliteit=nationaliteit,
        leeftijd=persoon.leeftijd_op(op),
        geslacht=persoon.geslacht,
        regio=regio,
    )


def controleer_toestemming(dossier: Dossier, datum: date) -> None:
    """The step to ``aangemeld`` on ``datum``: refused without written consent, unless
    an obliged reporter registers and no shelter is asked for."""
    aanmelding = dossier.aanmelding
    if aanmelding is None and meldplichtige_melder(dossier) is not None:
        return  # a case from before the registration set: the obliged reporter registered
    if aanmelding is not None and aanmelding.meldplichtig and not aanmelding.opvang_gevraagd:
        return
    if dossier.toestemming_geldig(ToestemmingDoel.COMENSHA_AANMELDING, datum):
        return
    if aanmelding is not None and aanmelding.meldplichtig:
        raise ToestemmingNodig(N_(
            "De aanmelding vraagt CoMensha om opvang: daarvoor is schriftelijke toestemming "
            "van de cliënt nodig, wie er ook aanmeldt (onder 16 jaar: van een ouder of "
            "voogd). Leg eerst de toestemming vast."))
    raise ToestemmingNodig(N_(
        "Aanmelden bij CoMensha door de zorgcoördinator kan alleen met schriftelijke "
        "toestemming van de cliënt (onder 16 jaar: van een ouder of voogd). Leg de "
        "toestemming vast, of geef aan dat politie, KMar of Arbeidsinspectie zelf aanmeldt."))


def controleer_aanmeldingen(dossier: Dossier, bekend: frozenset[str] = frozenset()) -> None:
    """Every step to ``aangemeld`` in the path obeys ``controleer_toestemming``, except
    the steps in ``bekend`` (event ids already accepted here before)."""
    for stap in dossier.traject.stappen():
        if stap.fase is Fase.AANGEMELD and not stap.heropend and stap.event_uuid not in bekend:
            controleer_toestemming(dossier, stap.datum)
