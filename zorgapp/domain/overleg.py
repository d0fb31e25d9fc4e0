"""The signaleringsoverleg: the monthly meeting where partners put the pieces of a case
together ([S0]: "iedereen legt een stukje van de puzzel bij elkaar").

A meeting (``Overleg``) has a date, the organisations present and an agenda of cases.
Cases are pseudonymised on the agenda: an ``Agendapunt`` knows the case number and the
client's initials, never the name (the repository fills the initials; the name itself
never enters these objects, so nothing printed from them can show it). Per case the
meeting records what was discussed and its decisions; each decision becomes a task on
the dossier with an owner and a due date (``besluit_taak``).

The organisations present and the owners of decisions are plain names for now. They
are read and written only here (``organisaties_uit_tekst``), so that linking them to
the partner address book later changes one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from zorgapp.domain.codes import nieuw_uuid, vereiste_datum
from zorgapp.domain.dossier import Taak
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.persoon import Persoon

#: A monthly meeting: a new one is planned this many days after the last.
OVERLEG_INTERVAL_DAGEN = 28
#: Without an earlier meeting, the first is planned a week ahead (time to invite).
EERSTE_OVERLEG_DAGEN = 7


def initialen(naam: str) -> str:
    """The client's initials as the agenda shows them ("Ș.P."), "?" without a name."""
    return Persoon(naam=naam).initialen() if naam.strip() else "?"


def pseudoniem(dossiernummer: str, initialen_: str) -> str:
    """How a case is named on the agenda and in the minutes."""
    return f"{dossiernummer} ({initialen_})"


def organisaties_uit_tekst(tekst: str) -> list[str]:
    """The organisations present from what the user typed (one per line, or separated
    by commas or semicolons), without blanks or repeats, in the order typed."""
    delen = [d.strip() for regel in tekst.splitlines() for d in regel.replace(";", ",").split(",")]
    return list(dict.fromkeys(d for d in delen if d))


@dataclass
class OverlegBesluit:
    """A decision about one case: what, who does it (organisation or person), by when.
    ``taak_uuid`` is the task it became on the dossier."""

    tekst: str
    eigenaar: str
    deadline: date
    uuid: str = field(default_factory=nieuw_uuid)
    taak_uuid: str = ""

    def valideer(self, overleg_datum: date) -> None:
        if not self.tekst.strip():
            raise DomainError(N_("Beschrijf het besluit."))
        if not self.eigenaar.strip():
            raise DomainError(N_("Kies wie het besluit uitvoert (organisatie of persoon)."))
        if self.deadline < overleg_datum:
            raise DomainError(N_("De deadline van een besluit kan niet vóór het overleg liggen."))

    def to_dict(self) -> dict[str, Any]:
        return {"uuid": self.uuid, "tekst": self.tekst, "eigenaar": self.eigenaar,
                "deadline": self.deadline.isoformat(), "taak_uuid": self.taak_uuid}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OverlegBesluit:
        return cls(tekst=str(d.get("tekst", "")), eigenaar=str(d.get("eigenaar", "")),
                   deadline=vereiste_datum(d, "deadline"),
                   uuid=str(d.get("uuid") or nieuw_uuid()),
                   taak_uuid=str(d.get("taak_uuid", "")))


def besluit_taak(besluit: OverlegBesluit, auteur: str) -> Taak:
    """The task a decision becomes on the dossier (same owner and due date)."""
    return Taak(omschrijving=besluit.tekst.strip(), deadline=besluit.deadline,
                auteur=auteur, eigenaar=besluit.eigenaar.strip())


@dataclass
class Agendapunt:
    """One case on the agenda, pseudonymised, with what was discussed and decided.
    ``journaal_uuid`` is the line in the dossier's journal about this discussion."""

    dossier_uuid: str
    dossiernummer: str = ""
    initialen: str = ""
    uuid: str = field(default_factory=nieuw_uuid)
    besproken: str = ""
    besluiten: list[OverlegBesluit] = field(default_factory=list)
    journaal_uuid: str = ""

    @property
    def pseudoniem(self) -> str:
        return pseudoniem(self.dossiernummer, self.initialen)

    @property
    def is_besproken(self) -> bool:
        return bool(self.besproken.strip() or self.besluiten)


@dataclass
class Overleg:
    """One meeting: date, organisations present, agenda in order."""

    datum: date
    organisaties: list[str] = field(default_factory=list)
    uuid: str = field(default_factory=nieuw_uuid)
    agenda: list[Agendapunt] = field(default_factory=list)

    def valideer(self) -> None:
        self.organisaties = list(dict.fromkeys(o.strip() for o in self.organisaties
                                               if o.strip()))
        for o in self.organisaties:
            if len(o) > 200:
                raise DomainError(N_("De naam van een organisatie is te lang."))

    def punt(self, dossier_uuid: str) -> Agendapunt | None:
        return next((a for a in self.agenda if a.dossier_uuid == dossier_uuid), None)

    def agenderen(self, punt: Agendapunt) -> Agendapunt:
        """Put a case on the agenda; a case is on one agenda only once."""
        if self.punt(punt.dossier_uuid) is not None:
            raise DomainError(N_("Dossier {nummer} staat al op de agenda van dit overleg."),
                              nummer=punt.dossiernummer)
        self.agenda.append(punt)
        return punt


def volgende_overleg(overleggen: Iterable[Overleg], vandaag: date) -> Overleg | None:
    """The first meeting on or after today: "bespreken in overleg" puts a case there."""
    komend = [o for o in overleggen if o.datum >= vandaag]
    return min(komend, key=lambda o: o.datum) if komend else None


def datum_nieuw_overleg(data: Sequence[date], vandaag: date) -> date:
    """The date of a meeting planned when none is coming up: a month after the last one
    (a month further while that has passed), or a week from today without one."""
    if not data:
        return vandaag + timedelta(days=EERSTE_OVERLEG_DAGEN)
    datum = max(data) + timedelta(days=OVERLEG_INTERVAL_DAGEN)
    while datum < vandaag:
        datum += timedelta(days=OVERLEG_INTERVAL_DAGEN)
    return datum
