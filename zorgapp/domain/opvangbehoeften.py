"""What a shelter needs to know to receive a client safely (DOMAIN.md §7).

Children who come along, safety agreements and care needs belong to the case, not to
one placement: they go with the client from crisis bed to OMM and into the handover
bundle. They are printed in the placement letter, never indicators or the journal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zorgapp.domain.codes import datum_naar_json, datum_uit_json, nieuw_uuid
from zorgapp.domain.errors import N_, DomainError


def _ja_nee_onbekend(waarde: Any) -> bool | None:
    """JSON true/false/null; anything else is unknown rather than a guess."""
    return waarde if isinstance(waarde, bool) else None


@dataclass
class Kind:
    """A child of the client; ``gaat_mee`` says whether it comes along to the shelter."""

    naam: str
    uuid: str = field(default_factory=nieuw_uuid)
    geboortedatum: date | None = None
    gaat_mee: bool = True
    bijzonderheden: str = ""

    def valideer(self, vandaag: date) -> None:
        if not self.naam.strip():
            raise DomainError(N_("Vul de naam van het kind in."))
        if self.geboortedatum is not None and self.geboortedatum > vandaag:
            raise DomainError(
                N_("Een geboortedatum in de toekomst kan niet: {datum}."),
                datum=self.geboortedatum.isoformat(),
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "naam": self.naam,
            "geboortedatum": datum_naar_json(self.geboortedatum),
            "gaat_mee": self.gaat_mee,
            "bijzonderheden": self.bijzonderheden,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Kind:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            naam=str(d.get("naam", "")),
            geboortedatum=datum_uit_json(d.get("geboortedatum")),
            gaat_mee=bool(d.get("gaat_mee", True)),
            bijzonderheden=str(d.get("bijzonderheden", "")),
        )


@dataclass
class Veiligheid:
    """Safety agreements. ``None`` in a yes/no field means nobody knows yet."""

    daders_in_de_buurt: bool | None = None
    daders_toelichting: str = ""
    geheim_adres_nodig: bool | None = None
    telefoon_afspraken: str = ""
    bij_vertrek: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "daders_in_de_buurt": self.daders_in_de_buurt,
            "daders_toelichting": self.daders_toelichting,
            "geheim_adres_nodig": self.geheim_adres_nodig,
            "telefoon_afspraken": self.telefoon_afspraken,
            "bij_vertrek": self.bij_vertrek,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Veiligheid:
        return cls(
            daders_in_de_buurt=_ja_nee_onbekend(d.get("daders_in_de_buurt")),
            daders_toelichting=str(d.get("daders_toelichting", "")),
            geheim_adres_nodig=_ja_nee_onbekend(d.get("geheim_adres_nodig")),
            telefoon_afspraken=str(d.get("telefoon_afspraken", "")),
            bij_vertrek=str(d.get("bij_vertrek", "")),
        )

    @property
    def leeg(self) -> bool:
        return self == Veiligheid()


@dataclass
class Zorgbehoeften:
    """Care the shelter must arrange or continue: medical, GGZ, medication, pregnancy."""

    medisch: str = ""
    ggz: str = ""
    medicatie: str = ""
    zwanger: bool | None = None
    uitgerekend_op: date | None = None

    def valideer(self) -> None:
        """A due date only makes sense for a pregnancy that is known."""
        if self.uitgerekend_op is not None and self.zwanger is not True:
            raise DomainError(
                N_("Een uitgerekende datum kan alleen als de cliënt zwanger is.")
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "medisch": self.medisch,
            "ggz": self.ggz,
            "medicatie": self.medicatie,
            "zwanger": self.zwanger,
            "uitgerekend_op": datum_naar_json(self.uitgerekend_op),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Zorgbehoeften:
        return cls(
            medisch=str(d.get("medisch", "")),
            ggz=str(d.get("ggz", "")),
            medicatie=str(d.get("medicatie", "")),
            zwanger=_ja_nee_onbekend(d.get("zwanger")),
            uitgerekend_op=datum_uit_json(d.get("uitgerekend_op")),
        )

    @property
    def leeg(self) -> bool:
        return self == Zorgbehoeften()


@dataclass
class Opvangbehoeften:
    """Everything in this module together, as one part of a dossier."""

    comensha_kenmerk: str = ""
    kinderen: list[Kind] = field(default_factory=list)
    veiligheid: Veiligheid = field(default_factory=Veiligheid)
    zorg: Zorgbehoeften = field(default_factory=Zorgbehoeften)

    def valideer(self, vandaag: date) -> None:
        for kind in self.kinderen:
            kind.valideer(vandaag)
        self.zorg.valideer()

    @property
    def kinderen_mee(self) -> list[Kind]:
        return [k for k in self.kinderen if k.gaat_mee]

    def to_dict(self) -> dict[str, Any]:
        return {
            "comensha_kenmerk": self.comensha_kenmerk,
            "kinderen": [k.to_dict() for k in self.kinderen],
            "veiligheid": self.veiligheid.to_dict(),
            "zorg": self.zorg.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Opvangbehoeften:
        """Missing keys (dossiers of format 1) give empty, unknown values."""
        return cls(
            comensha_kenmerk=str(d.get("comensha_kenmerk", "")),
            kinderen=[Kind.from_dict(k) for k in d.get("kinderen", [])],
            veiligheid=Veiligheid.from_dict(d.get("veiligheid", {})),
            zorg=Zorgbehoeften.from_dict(d.get("zorg", {})),
        )
