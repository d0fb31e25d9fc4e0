"""A case file (dossier): the client, the signals, the path, consents, partners, notes
and tasks, with a JSON form that is also the basis of handover bundles.

Key names are Dutch snake_case and stable: they are the export format, so renaming one
is a format change (bump ``DOSSIER_FORMAAT`` and keep reading the old name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from zorgapp.domain.codes import (
    Fase,
    Indicator,
    MelderType,
    ToestemmingDoel,
    Uitbuitingsvorm,
    code_uit,
    datum_naar_json,
    datum_uit_json,
    nieuw_uuid,
    tijdstip_uit_json,
)
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.opvangbehoeften import Opvangbehoeften
from zorgapp.domain.persoon import ZELF_TOESTEMMING_VANAF, Persoon
from zorgapp.domain.traject import Traject

#: 2 added ``opvangbehoeften`` (children, safety, care needs, CoMensha reference);
#: format 1 documents read with those empty.
DOSSIER_FORMAAT = 2

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


def _vereiste_datum(d: dict[str, Any], sleutel: str) -> date:
    waarde = datum_uit_json(d.get(sleutel))
    if waarde is None:
        raise DomainError(N_("Datum {veld} ontbreekt."), veld=sleutel)
    return waarde


def _niet_in_toekomst(d: date, vandaag: date) -> None:
    if d > vandaag:
        raise DomainError(
            N_("Een datum in de toekomst kan niet: {datum}."), datum=d.isoformat()
        )


@dataclass
class IndicatorWaarneming:
    """One ticked indicator: who saw it, when, and what. Never a verdict on its own."""

    indicator: Indicator
    waargenomen_door: str
    datum: date
    toelichting: str = ""

    def valideer(self, vandaag: date) -> None:
        """Who observed it matters to weigh it, so it is required."""
        _niet_in_toekomst(self.datum, vandaag)
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
            datum=_vereiste_datum(d, "datum"),
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

    def __post_init__(self) -> None:
        self.vormen = list(dict.fromkeys(self.vormen))
        if Uitbuitingsvorm.ONBEKEND in self.vormen and len(self.vormen) > 1:
            raise DomainError(
                N_("'Onbekend' kan niet samen met een bekende uitbuitingsvorm.")
            )

    def valideer(self, vandaag: date) -> None:
        """Checks against today's date, before the signal is saved."""
        _niet_in_toekomst(self.datum, vandaag)
        for w in self.indicatoren:
            w.valideer(vandaag)

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
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Melding:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            datum=_vereiste_datum(d, "datum"),
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
        )


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
        _niet_in_toekomst(self.datum, vandaag)
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
        _niet_in_toekomst(datum, vandaag)
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
            datum=_vereiste_datum(d, "datum"),
            hoe_gegeven=str(d.get("hoe_gegeven", "")),
            gegeven_door=str(d.get("gegeven_door", "")),
            ingetrokken_op=datum_uit_json(d.get("ingetrokken_op")),
            geldig_tot=datum_uit_json(d.get("geldig_tot")),
        )


@dataclass
class Partner:
    """An organisation or person involved in this case (police, shelter, lawyer)."""

    naam: str
    uuid: str = field(default_factory=nieuw_uuid)
    rol: str = ""
    contact: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "naam": self.naam,
            "rol": self.rol,
            "contact": self.contact,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Partner:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            naam=str(d.get("naam", "")),
            rol=str(d.get("rol", "")),
            contact=str(d.get("contact", "")),
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
            datum=_vereiste_datum(d, "datum"),
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

    @property
    def open(self) -> bool:
        return self.gedaan_op is None

    def afvinken(self, datum: date, vandaag: date) -> None:
        """Mark done on ``datum`` (not in the future)."""
        _niet_in_toekomst(datum, vandaag)
        self.gedaan_op = datum

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "omschrijving": self.omschrijving,
            "deadline": self.deadline.isoformat(),
            "gedaan_op": datum_naar_json(self.gedaan_op),
            "auteur": self.auteur,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Taak:
        return cls(
            uuid=str(d.get("uuid") or nieuw_uuid()),
            omschrijving=str(d.get("omschrijving", "")),
            deadline=_vereiste_datum(d, "deadline"),
            gedaan_op=datum_uit_json(d.get("gedaan_op")),
            auteur=str(d.get("auteur", "")),
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
        return cls(
            uuid=str(d["uuid"]),
            dossiernummer=str(d.get("dossiernummer", "")),
            aangemaakt_op=tijdstip_uit_json(d.get("aangemaakt_op")),
            persoon=Persoon.from_dict(d.get("persoon", {})),
            meldingen=[Melding.from_dict(m) for m in d.get("meldingen", [])],
            traject=Traject.from_dict(d.get("traject", {})),
            toestemmingen=[
                Toestemming.from_dict(t) for t in d.get("toestemmingen", [])
            ],
            partners=[Partner.from_dict(p) for p in d.get("partners", [])],
            journaal=[JournaalRegel.from_dict(j) for j in d.get("journaal", [])],
            taken=[Taak.from_dict(t) for t in d.get("taken", [])],
            opvangbehoeften=Opvangbehoeften.from_dict(d.get("opvangbehoeften", {})),
        )
