"""Partners: the address book of partner organisations and their contact persons, and
the fixed roles in which a partner works on a case (DOMAIN.md §5).

The address book is kept once per vault; a dossier links an organisation (and perhaps
one of its contact persons) in a role. The letter and the summary look for a role, never
for words in a free text; free-text roles of older vaults and bundles are mapped onto
the nearest role here (``rol_uit_tekst``), so every reader maps them the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from zorgapp.domain.codes import nieuw_uuid
from zorgapp.domain.errors import N_, DomainError

__all__ = [
    "PARTNER_ROL_LABELS",
    "Caseload",
    "CaseloadRij",
    "Contactpersoon",
    "Organisatie",
    "PartnerRol",
    "rol_uit_tekst",
]


class PartnerRol(StrEnum):
    """The role of a partner on one case; codes are stored and exported, never renamed."""

    POLITIE = "politiecontact"
    ADVOCAAT = "advocaat"
    VOOGD = "voogd"
    OPVANG = "opvangcontact"
    CASEMANAGER = "casemanager"
    TOLK = "tolk"
    ANDERS = "anders"


PARTNER_ROL_LABELS: dict[PartnerRol, str] = {
    PartnerRol.POLITIE: N_("Politiecontact"),
    PartnerRol.ADVOCAAT: N_("Advocaat"),
    PartnerRol.VOOGD: N_("Voogd (bijv. Nidos)"),
    PartnerRol.OPVANG: N_("Contact opvang"),
    PartnerRol.CASEMANAGER: N_("Casemanager"),
    PartnerRol.TOLK: N_("Tolk"),
    PartnerRol.ANDERS: N_("Anders"),
}

#: Words in an old free-text role, per role, checked in this order: the first role with
#: a word in the text wins ("Casemanager Fier" is a case manager, not a shelter).
_WOORDEN: tuple[tuple[PartnerRol, tuple[str, ...]], ...] = (
    (PartnerRol.POLITIE, ("politie", "police", "avim", "recherche", "marechaussee", "kmar",
                          "wijkagent", "zeden")),
    (PartnerRol.ADVOCAAT, ("advoca", "lawyer", "jurist", "raadsman", "raadsvrouw",
                           "rechtshulp", "attorney")),
    (PartnerRol.VOOGD, ("voogd", "nidos", "guardian", "mentor", "curator")),
    (PartnerRol.TOLK, ("tolk", "interpret", "vertaler", "translator")),
    (PartnerRol.CASEMANAGER, ("casemanag", "case manag", "case-manag", "trajectbegeleid",
                              "regievoer", "regisseur")),
    (PartnerRol.OPVANG, ("opvang", "shelter", "shop", "fier", "kadera", "blijf", "jade",
                         "humanitas", "leger des heils", "hvo", "querido", "coa")),
)


def rol_uit_tekst(tekst: str) -> PartnerRol:
    """The nearest fixed role for a free-text role (older vaults and bundles); a code
    maps onto itself, anything unrecognised is "anders"."""
    schoon = tekst.strip().casefold()
    try:
        return PartnerRol(schoon)
    except ValueError:
        pass
    woorden = re.sub(r"\s+", " ", schoon)
    for rol, kenmerken in _WOORDEN:
        if any(_komt_voor(k, woorden) for k in kenmerken):
            return rol
    return PartnerRol.ANDERS


def _komt_voor(kenmerk: str, tekst: str) -> bool:
    # Short names (SHOP, COA, HVO, Jade) only as whole words: "coach" is no COA.
    if len(kenmerk) <= 4:
        return re.search(rf"\b{re.escape(kenmerk)}\b", tekst) is not None
    return kenmerk in tekst


def _tekst(d: dict[str, Any], sleutel: str, maximum: int = 400) -> str:
    waarde = str(d.get(sleutel, "") or "")
    if len(waarde) > maximum:
        raise DomainError(N_("Een gegeven van een partner is te lang."))
    return waarde


def _controleer_email(email: str) -> None:
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise DomainError(N_("{email} is geen e-mailadres."), email=email)


@dataclass
class Contactpersoon:
    """A person at a partner organisation (a detective, a lawyer, a Nidos guardian)."""

    naam: str
    uuid: str = field(default_factory=nieuw_uuid)
    functie: str = ""
    telefoon: str = ""
    email: str = ""

    def valideer(self) -> None:
        if not self.naam.strip():
            raise DomainError(N_("Vul de naam van de contactpersoon in."))
        _controleer_email(self.email)

    def bereikbaar(self) -> str:
        """Name, phone and e-mail on one line, as a letter prints them."""
        return ", ".join(x for x in (self.naam, self.telefoon, self.email) if x.strip())

    def to_dict(self) -> dict[str, Any]:
        return {"uuid": self.uuid, "naam": self.naam, "functie": self.functie,
                "telefoon": self.telefoon, "email": self.email}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Contactpersoon:
        return cls(uuid=str(d.get("uuid") or nieuw_uuid()), naam=_tekst(d, "naam"),
                   functie=_tekst(d, "functie"), telefoon=_tekst(d, "telefoon"),
                   email=_tekst(d, "email"))


@dataclass
class Organisatie:
    """A partner organisation in the address book, with its contact persons."""

    naam: str
    uuid: str = field(default_factory=nieuw_uuid)
    telefoon: str = ""
    email: str = ""
    notitie: str = ""
    contactpersonen: list[Contactpersoon] = field(default_factory=list)

    def valideer(self) -> None:
        if not self.naam.strip():
            raise DomainError(N_("Vul de naam van de organisatie in."))
        _controleer_email(self.email)
        for persoon in self.contactpersonen:
            persoon.valideer()
        uuids = [p.uuid for p in self.contactpersonen]
        if len(set(uuids)) != len(uuids):
            raise DomainError(N_("Een contactpersoon staat twee keer bij de organisatie."))

    def contactpersoon(self, uuid: str) -> Contactpersoon | None:
        return next((p for p in self.contactpersonen if p.uuid == uuid), None)

    def bereikbaar(self, persoon: str = "") -> str:
        """What a letter prints under the organisation's name: the contact person (if
        any) or else the organisation's own phone and e-mail."""
        gekozen = self.contactpersoon(persoon) if persoon else None
        if gekozen is not None:
            return gekozen.bereikbaar()
        return ", ".join(x for x in (self.telefoon, self.email) if x.strip())

    def to_dict(self) -> dict[str, Any]:
        return {"uuid": self.uuid, "naam": self.naam, "telefoon": self.telefoon,
                "email": self.email, "notitie": self.notitie,
                "contactpersonen": [p.to_dict() for p in self.contactpersonen]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Organisatie:
        personen = d.get("contactpersonen", [])
        if not isinstance(personen, list):
            raise DomainError(N_("De contactpersonen van een partner zijn onleesbaar."))
        return cls(uuid=str(d.get("uuid") or nieuw_uuid()), naam=_tekst(d, "naam"),
                   telefoon=_tekst(d, "telefoon"), email=_tekst(d, "email"),
                   notitie=_tekst(d, "notitie", 4000),
                   contactpersonen=[Contactpersoon.from_dict(p) for p in personen])


@dataclass(frozen=True)
class Caseload:
    """Open dossiers of one organisation, per role (a dossier with two roles counts in
    both), and how many different open dossiers that is."""

    per_rol: dict[str, int]
    dossiers: int
    rijen: list[CaseloadRij]


@dataclass(frozen=True)
class CaseloadRij:
    """One open dossier of an organisation in one role (index columns only)."""

    dossier_uuid: str
    dossiernummer: str
    rol: str
    fase: str
