"""A signal (melding) and the indicators seen in it, with their JSON form.

Many signals turn out not to be trafficking; an indicator is an observation with who
saw it and when, never a verdict on its own. Part of a ``Dossier`` (``dossier.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zorgapp.domain.codes import (
    Indicator,
    MelderType,
    Uitbuitingsvorm,
    code_uit,
    datum_naar_json,
    datum_uit_json,
    niet_in_toekomst,
    nieuw_uuid,
    vereiste_datum,
)
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.terugkoppeling import Terugkoppeling


@dataclass
class IndicatorWaarneming:
    """One ticked indicator: who saw it, when, and what. Never a verdict on its own."""

    indicator: Indicator
    waargenomen_door: str
    datum: date
    toelichting: str = ""

    def valideer(self, vandaag: date) -> None:
        """Who observed it matters to weigh it, so it is required."""
        niet_in_toekomst(self.datum, vandaag)
        if not self.waargenomen_door.strip():
            raise DomainError(N_("Vul in wie de indicator heeft waargenomen."))

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator.value,
            "waargenomen_door": self.waargenomen_door,
            "datum": self.datum.isoformat(),
            "toelichting": self.toelichting,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IndicatorWaarneming:
        return cls(
            indicator=code_uit(Indicator, d.get("indicator")),
            waargenomen_door=str(d.get("waargenomen_door", "")),
            datum=vereiste_datum(d, "datum"),
            toelichting=str(d.get("toelichting", "")),
        )


@dataclass
class Melding:
    """A "niet-pluis" signal from a melder; many turn out not to be trafficking."""

    datum: date
    melder_type: MelderType
    uuid: str = field(default_factory=nieuw_uuid)
    melder_organisatie: str = ""
    hoe_ontvangen: str = ""
    vindplaats: str = ""
    vormen: list[Uitbuitingsvorm] = field(default_factory=list)
    sector: str = ""
    indicatoren: list[IndicatorWaarneming] = field(default_factory=list)
    #: the day by which the melder should hear what became of the signal (None for
    #: signals recorded before this duty was tracked); see ``terugkoppeling.py``
    terugkoppelen_voor: date | None = None
    terugkoppeling: Terugkoppeling | None = None

    def __post_init__(self) -> None:
        self.vormen = list(dict.fromkeys(self.vormen))
        if Uitbuitingsvorm.ONBEKEND in self.vormen and len(self.vormen) > 1:
            raise DomainError(
                N_("'Onbekend' kan niet samen met een bekende uitbuitingsvorm.")
            )

    def valideer(self, vandaag: date) -> None:
        """Checks against today's date, before the signal is saved."""
        niet_in_toekomst(self.datum, vandaag)
        for w in self.indicatoren:
            w.valideer(vandaag)

    @property
    def terugkoppeling_open(self) -> bool:
        """The melder is still owed feedback."""
        return self.terugkoppelen_voor is not None and self.terugkoppeling is None

    def koppel_terug(self, terugkoppeling: Terugkoppeling, vandaag: date) -> None:
        """Record the feedback given to the melder (replacing an earlier record)."""
        terugkoppeling.valideer(self.datum, vandaag)
        self.terugkoppeling = terugkoppeling

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "datum": self.datum.isoformat(),
            "melder_type": self.melder_type.value,
            "melder_organisatie": self.melder_organisatie,
            "hoe_ontvangen": self.hoe_ontvangen,
            "vindplaats": self.vindplaats,
            "vormen": [v.value for v in self.vormen],
            "sector": self.sector,
            "indicatoren": [w.to_dict() for w in self.indicatoren],
            "terugkoppelen_voor": datum_naar_json(self.terugkoppelen_voor),
            "terugkoppeling": (
                None if self.terugkoppeling is None else self.terugkoppeling.to_dict()
            ),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Melding:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            datum=vereiste_datum(d, "datum"),
            melder_type=code_uit(
                MelderType, d.get("melder_type", MelderType.OVERIG.value)
            ),
            melder_organisatie=str(d.get("melder_organisatie", "")),
            hoe_ontvangen=str(d.get("hoe_ontvangen", "")),
            vindplaats=str(d.get("vindplaats", "")),
            vormen=[code_uit(Uitbuitingsvorm, v) for v in d.get("vormen", [])],
            sector=str(d.get("sector", "")),
            indicatoren=[
                IndicatorWaarneming.from_dict(w) for w in d.get("indicatoren", [])
            ],
            terugkoppelen_voor=datum_uit_json(d.get("terugkoppelen_voor")),
            terugkoppeling=(
                Terugkoppeling.from_dict(d["terugkoppeling"])
                if d.get("terugkoppeling") else None
            ),
        )
