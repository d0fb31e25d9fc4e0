"""A case file (dossier): the client, the signals, the path, consents, partners, notes
and tasks, with a JSON form that is also the basis of handover bundles.

Key names are Dutch snake_case and stable: they are the export format, so renaming one
is a format change (bump ``DOSSIER_FORMAAT`` and keep reading the old name).

Signals (``melding``), consent (``toestemming``) and the path (``traject``) have modules
of their own; ``Melding``, ``IndicatorWaarneming`` and ``Toestemming`` are re-exported
here, where callers have always imported them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from zorgapp.domain.aanmelding import Aanmelding
from zorgapp.domain.codes import (
    Fase,
    ToestemmingDoel,
    datum_naar_json,
    datum_uit_json,
    niet_in_toekomst,
    nieuw_uuid,
    tijdstip_uit_json,
    vereiste_datum,
)
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.melding import IndicatorWaarneming, Melding
from zorgapp.domain.opvangbehoeften import Opvangbehoeften
from zorgapp.domain.partners import PartnerRol, rol_uit_tekst
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.terugkoppeling import RiecVerwijzing
from zorgapp.domain.toestemming import Toestemming
from zorgapp.domain.traject import Traject
from zorgapp.domain.verblijf_events import VerblijfEvent
from zorgapp.domain.verblijf_regels import controleer as controleer_verblijf
from zorgapp.domain.verblijf_regels import uit_traject

__all__ = [
    "DOSSIER_FORMAAT",
    "Dossier",
    "IndicatorWaarneming",
    "JournaalRegel",
    "Melding",
    "Partner",
    "Taak",
    "Toestemming",
    "maak_dossiernummer",
    "parse_dossiernummer",
]

#: 2 added ``opvangbehoeften`` (children, safety, care needs, CoMensha reference);
#: format 1 documents read with those empty. 3 added ``aanmelding`` (the CoMensha
#: registration set, None in older documents), the melder's feedback on signals, an
#: owner on tasks, the RIEC referral and ``verblijf`` (the legal track, DOMAIN §2a);
#: older documents read with those empty and their bedenktijd stage and decisions
#: mapped onto the track (``verblijf_regels.uit_traject``).
DOSSIER_FORMAAT = 3

_DOSSIERNUMMER = re.compile(r"^([A-Z]{1,8})-(\d{4})-(\d{4,})$")


def maak_dossiernummer(prefix: str, jaar: int, volgnummer: int) -> str:
    """ "HM-2026-0042": region prefix, year, sequence number of at least four digits."""
    prefix = prefix.strip().upper()
    if not re.fullmatch(r"[A-Z]{1,8}", prefix):
        raise DomainError(
            N_("Voorvoegsel {prefix} moet uit 1 tot 8 letters bestaan."), prefix=prefix
        )
    if not 1000 <= jaar <= 9999:
        raise DomainError(N_("Jaartal {jaar} kan niet."), jaar=jaar)
    if volgnummer < 1:
        raise DomainError(N_("Volgnummer {nummer} kan niet."), nummer=volgnummer)
    return f"{prefix}-{jaar:04d}-{volgnummer:04d}"


def parse_dossiernummer(nummer: str) -> tuple[str, int, int]:
    """(prefix, jaar, volgnummer) from a case number; refuses anything else."""
    m = _DOSSIERNUMMER.match(nummer.strip())
    if m is None or int(m.group(3)) < 1:
        raise DomainError(N_("{nummer} is geen geldig dossiernummer."), nummer=nummer)
    return m.group(1), int(m.group(2)), int(m.group(3))


@dataclass
class Partner:
    """A partner organisation on this case, in a fixed role (``PartnerRol``).

    ``organisatie`` and ``contactpersoon`` point into the vault's address book (empty
    for a partner that is not in it); ``naam`` and ``contact`` are what the address
    book said when the link was made or last updated, so a letter, a summary and a
    bundle read the case without the address book. ``toelichting`` is a free note; a
    free-text role from before the fixed roles is kept there.
    """

    naam: str
    uuid: str = field(default_factory=nieuw_uuid)
    rol: PartnerRol = PartnerRol.ANDERS
    contact: str = ""
    organisatie: str = ""
    contactpersoon: str = ""
    toelichting: str = ""

    @property
    def in_adresboek(self) -> bool:
        return bool(self.organisatie)

    def valideer(self) -> None:
        if not self.naam.strip():
            raise DomainError(N_("Vul de naam van de partner in."))
        if self.contactpersoon and not self.organisatie:
            raise DomainError(N_("Een contactpersoon hoort bij een partner uit het adresboek."))

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "naam": self.naam,
            "rol": self.rol.value,
            "contact": self.contact,
            "organisatie": self.organisatie,
            "contactpersoon": self.contactpersoon,
            "toelichting": self.toelichting,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Partner:
        """Also reads a free-text ``rol`` (before the fixed roles): mapped onto the
        nearest role, the text kept as ``toelichting``."""
        tekst = str(d.get("rol", "") or "")
        rol = rol_uit_tekst(tekst)
        toelichting = str(d.get("toelichting", "") or "")
        if tekst.strip() and tekst.strip().casefold() != rol.value and not toelichting:
            toelichting = tekst.strip()
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            naam=str(d.get("naam", "")),
            rol=rol,
            contact=str(d.get("contact", "")),
            organisatie=str(d.get("organisatie", "") or ""),
            contactpersoon=str(d.get("contactpersoon", "") or ""),
            toelichting=toelichting,
        )


@dataclass
class JournaalRegel:
    """A dated note in the case log (contact, overleg, phone call)."""

    datum: date
    tekst: str
    uuid: str = field(default_factory=nieuw_uuid)
    soort: str = ""
    auteur: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "datum": self.datum.isoformat(),
            "soort": self.soort,
            "tekst": self.tekst,
            "auteur": self.auteur,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> JournaalRegel:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            datum=vereiste_datum(d, "datum"),
            soort=str(d.get("soort", "")),
            tekst=str(d.get("tekst", "")),
            auteur=str(d.get("auteur", "")),
        )


@dataclass
class Taak:
    """A to-do with a due date; open tasks show up as deadlines."""

    omschrijving: str
    deadline: date
    uuid: str = field(default_factory=nieuw_uuid)
    gedaan_op: date | None = None
    auteur: str = ""
    #: who must do it: an organisation or a person (a decision of an overleg names one)
    eigenaar: str = ""

    @property
    def open(self) -> bool:
        return self.gedaan_op is None

    def afvinken(self, datum: date, vandaag: date) -> None:
        """Mark done on ``datum`` (not in the future)."""
        niet_in_toekomst(datum, vandaag)
        self.gedaan_op = datum

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "omschrijving": self.omschrijving,
            "deadline": self.deadline.isoformat(),
            "gedaan_op": datum_naar_json(self.gedaan_op),
            "auteur": self.auteur,
            "eigenaar": self.eigenaar,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Taak:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            omschrijving=str(d.get("omschrijving", "")),
            deadline=vereiste_datum(d, "deadline"),
            gedaan_op=datum_uit_json(d.get("gedaan_op")),
            auteur=str(d.get("auteur", "")),
            eigenaar=str(d.get("eigenaar", "")),
        )


@dataclass
class Dossier:
    """One case. The path lives in ``traject``; everything else is plain data."""

    dossiernummer: str
    persoon: Persoon = field(default_factory=Persoon)
    uuid: str = field(default_factory=nieuw_uuid)
    meldingen: list[Melding] = field(default_factory=list)
    traject: Traject = field(default_factory=Traject)
    toestemmingen: list[Toestemming] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    journaal: list[JournaalRegel] = field(default_factory=list)
    taken: list[Taak] = field(default_factory=list)
    opvangbehoeften: Opvangbehoeften = field(default_factory=Opvangbehoeften)
    aanmelding: Aanmelding | None = None
    riec: RiecVerwijzing | None = None
    #: Steps of the legal track recorded in this format (``domain.verblijf`` reads them).
    verblijf: list[VerblijfEvent] = field(default_factory=list)
    aangemaakt_op: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        parse_dossiernummer(self.dossiernummer)

    @property
    def huidige_fase(self) -> Fase | None:
        return self.traject.huidige_fase

    def voeg_melding_toe(self, melding: Melding, vandaag: date) -> None:
        melding.valideer(vandaag)
        self.meldingen.append(melding)

    def voeg_toestemming_toe(self, toestemming: Toestemming, vandaag: date) -> None:
        """Validated against the client's age on the day of consent."""
        toestemming.valideer(self.persoon, vandaag)
        if toestemming.partner and toestemming.partner not in {
            p.uuid for p in self.partners
        }:
            raise DomainError(N_("Deze partner hoort niet bij het dossier."))
        self.toestemmingen.append(toestemming)

    def partners_in_rol(self, rol: PartnerRol) -> list[Partner]:
        """The partners in one role, in the order they were added."""
        return [p for p in self.partners if p.rol is rol]

    def toestemming_geldig(
        self, doel: ToestemmingDoel, op: date, partner: str = ""
    ) -> bool:
        """Whether some consent for ``doel`` (and ``partner``, when sharing) covers ``op``."""
        return any(
            t.doel is doel and t.geldig_op(op) and (not partner or t.partner == partner)
            for t in self.toestemmingen
        )

    def to_dict(self) -> dict[str, Any]:
        """The whole case as JSON-safe data (export and handover bundle)."""
        return {
            "formaat": DOSSIER_FORMAAT,
            "uuid": self.uuid,
            "dossiernummer": self.dossiernummer,
            "aangemaakt_op": self.aangemaakt_op.isoformat(),
            "persoon": self.persoon.to_dict(),
            "meldingen": [m.to_dict() for m in self.meldingen],
            "traject": self.traject.to_dict(),
            "toestemmingen": [t.to_dict() for t in self.toestemmingen],
            "partners": [p.to_dict() for p in self.partners],
            "journaal": [j.to_dict() for j in self.journaal],
            "taken": [t.to_dict() for t in self.taken],
            "opvangbehoeften": self.opvangbehoeften.to_dict(),
            "aanmelding": self.aanmelding.to_dict() if self.aanmelding else None,
            "riec": None if self.riec is None else self.riec.to_dict(),
            "verblijf": {"events": [e.to_dict() for e in self.verblijf]},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Dossier:
        """The inverse of ``to_dict``; a newer format than we know is refused."""
        formaat = int(d.get("formaat", DOSSIER_FORMAAT))
        if formaat > DOSSIER_FORMAAT:
            raise DomainError(
                N_(
                    "Dit dossier heeft formaat {formaat}; werk Zorgapp bij om het te openen."
                ),
                formaat=formaat,
            )
        traject = Traject.from_dict(d.get("traject", {}))
        verblijf = [VerblijfEvent.from_dict(e)
                    for e in (d.get("verblijf") or {}).get("events", [])]
        controleer_verblijf([*uit_traject(traject, verblijf), *verblijf])
        return cls(
            uuid=str(d["uuid"]),
            dossiernummer=str(d.get("dossiernummer", "")),
            aangemaakt_op=tijdstip_uit_json(d.get("aangemaakt_op")),
            persoon=Persoon.from_dict(d.get("persoon", {})),
            meldingen=[Melding.from_dict(m) for m in d.get("meldingen", [])],
            traject=traject,
            verblijf=verblijf,
            toestemmingen=[
                Toestemming.from_dict(t) for t in d.get("toestemmingen", [])
            ],
            partners=[Partner.from_dict(p) for p in d.get("partners", [])],
            journaal=[JournaalRegel.from_dict(j) for j in d.get("journaal", [])],
            taken=[Taak.from_dict(t) for t in d.get("taken", [])],
            opvangbehoeften=Opvangbehoeften.from_dict(d.get("opvangbehoeften", {})),
            aanmelding=Aanmelding.from_dict(d["aanmelding"]) if d.get("aanmelding") else None,
            riec=RiecVerwijzing.from_dict(d["riec"]) if d.get("riec") else None,
        )
