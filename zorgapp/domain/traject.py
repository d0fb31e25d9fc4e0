"""A case's path (traject) as a state machine over an append-only list of events.

Nothing recorded is ever changed or removed: a wrong date, reason or stage is fixed
with a *correction* event that points at the original, so the history shows both what
was recorded and what is now believed (design, DOMAIN.md §2). Every change goes through
one validator over the whole effective history, so no sequence of calls can leave an
impossible path behind.

Split by job: the events and the effective view are in ``traject_events``, the rules
(allowed transitions, bedenktijd) in ``traject_regels``; this module records through
``Traject`` and re-exports the names callers have always imported from here. No date
after today: checked here, when an event is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from zorgapp.domain.codes import (
    BesluitSoort,
    BesluitUitkomst,
    Fase,
    Sluitreden,
    niet_in_toekomst,
)
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.traject_events import (
    Besluit,
    EventSoort,
    Stap,
    TrajectEvent,
    effectief,
)
from zorgapp.domain.traject_regels import (
    BEDENKTIJD_MAANDEN,
    TOEGESTAAN,
    controleer,
    plus_maanden,
)

__all__ = [
    "BEDENKTIJD_MAANDEN",
    "TOEGESTAAN",
    "Besluit",
    "EventSoort",
    "Stap",
    "Traject",
    "TrajectEvent",
    "plus_maanden",
]


def _utc(nu: datetime | None) -> datetime:
    if nu is None:
        return datetime.now(UTC)
    if nu.tzinfo is None:
        return nu.replace(tzinfo=UTC)
    return nu.astimezone(UTC)


class Traject:
    """The path of one dossier: events in, effective stages and decisions out."""

    def __init__(self, events: Iterable[TrajectEvent] = ()) -> None:
        lijst = list(events)
        beeld = controleer(lijst)
        self._events = lijst
        self._cache: tuple[list[Stap], list[Besluit]] | None = beeld

    def _effectief(self) -> tuple[list[Stap], list[Besluit]]:
        """The effective view, computed once per change (events only ever grow)."""
        if self._cache is None:
            self._cache = effectief(self._events)
        return self._cache

    @classmethod
    def begin(
        cls,
        datum: date,
        reden: str,
        auteur: str,
        vandaag: date,
        nu: datetime | None = None,
    ) -> Traject:
        """A new path at ``signaal``: every case starts with a signal."""
        traject = cls()
        traject.overgang(Fase.SIGNAAL, datum, reden, auteur, vandaag, nu=nu)
        return traject

    # --- reading --------------------------------------------------------------

    @property
    def events(self) -> tuple[TrajectEvent, ...]:
        """All recorded events, oldest first (read-only: append through the methods)."""
        return tuple(self._events)

    def stappen(self) -> list[Stap]:
        """Effective stage history with all details."""
        return list(self._effectief()[0])

    def geschiedenis(self) -> list[tuple[Fase, date, str]]:
        """Effective stage history as (fase, datum, reden)."""
        return [(s.fase, s.datum, s.reden) for s in self.stappen()]

    def besluiten(self) -> list[Besluit]:
        """Effective decisions, in recording order."""
        return list(self._effectief()[1])

    @property
    def huidige_fase(self) -> Fase | None:
        """The current stage; None before the path has started."""
        stappen = self.stappen()
        return stappen[-1].fase if stappen else None

    def fase_op(self, datum: date) -> Fase | None:
        """The stage in effect at the end of ``datum``; None before the start."""
        fase: Fase | None = None
        for s in self.stappen():
            if s.datum > datum:
                break
            fase = s.fase
        return fase

    def mogelijke_overgangen(self) -> frozenset[Fase]:
        """Stages ``overgang`` may go to now (the GUI offers only these)."""
        huidig = self.huidige_fase
        return frozenset({Fase.SIGNAAL}) if huidig is None else TOEGESTAAN[huidig]

    @property
    def bedenktijd_start(self) -> date | None:
        """First start of bedenktijd in this dossier; bedenktijd is granted once."""
        for s in self.stappen():
            if s.fase is Fase.BEDENKTIJD:
                return s.datum
        return None

    @property
    def bedenktijd_einde(self) -> date | None:
        """Last day of bedenktijd: start plus three calendar months."""
        start = self.bedenktijd_start
        return None if start is None else plus_maanden(start, BEDENKTIJD_MAANDEN)

    @property
    def afgesloten_op(self) -> date | None:
        """Closing date while closed (the retention clock starts here), else None."""
        stappen = self.stappen()
        if stappen and stappen[-1].fase is Fase.AFGESLOTEN:
            return stappen[-1].datum
        return None

    @property
    def sluitreden(self) -> Sluitreden | None:
        """Why the case is closed, while it is."""
        stappen = self.stappen()
        return stappen[-1].sluitreden if stappen else None

    # --- recording ------------------------------------------------------------

    def _voeg_toe(self, event: TrajectEvent) -> TrajectEvent:
        """Validate the whole history with ``event`` added, then append it."""
        kandidaat = [*self._events, event]
        self._cache = controleer(kandidaat)
        self._events = kandidaat
        return event

    def overgang(
        self,
        naar: Fase,
        datum: date,
        reden: str,
        auteur: str,
        vandaag: date,
        sluitreden: Sluitreden | None = None,
        nu: datetime | None = None,
    ) -> TrajectEvent:
        """Move to stage ``naar``; refused with a ``DomainError`` when the rules say no."""
        niet_in_toekomst(datum, vandaag)
        if not reden.strip():
            raise DomainError(N_("Geef een reden op voor deze stap."))
        huidig = self.huidige_fase
        if huidig is Fase.AFGESLOTEN:
            raise DomainError(N_("Een afgesloten dossier kan alleen heropend worden."))
        if huidig is not None and naar not in TOEGESTAAN[huidig] and naar is not huidig:
            raise DomainError(
                N_("Van {van} naar {naar} is geen toegestane overgang."),
                van=huidig.value,
                naar=naar.value,
            )
        return self._voeg_toe(
            TrajectEvent(
                soort=EventSoort.FASE,
                fase=naar,
                datum=datum,
                reden=reden.strip(),
                auteur=auteur,
                vastgelegd_op=_utc(nu),
                sluitreden=sluitreden,
            )
        )

    def heropen(
        self,
        datum: date,
        reden: str,
        auteur: str,
        vandaag: date,
        naar: Fase | None = None,
        nu: datetime | None = None,
    ) -> TrajectEvent:
        """Reopen a closed case, by default in the stage it had before closing."""
        niet_in_toekomst(datum, vandaag)
        if not reden.strip():
            raise DomainError(N_("Geef een reden op voor deze stap."))
        stappen = self.stappen()
        if not stappen or stappen[-1].fase is not Fase.AFGESLOTEN:
            raise DomainError(N_("Alleen een afgesloten dossier kan heropend worden."))
        vorige = stappen[-2].fase if len(stappen) >= 2 else Fase.INTAKE
        if naar is not None and naar not in (vorige, Fase.INTAKE):
            raise DomainError(
                N_("Heropenen kan naar de laatste fase vóór afsluiten of naar intake.")
            )
        return self._voeg_toe(
            TrajectEvent(
                soort=EventSoort.HEROPEND,
                fase=vorige if naar is None else naar,
                datum=datum,
                reden=reden.strip(),
                auteur=auteur,
                vastgelegd_op=_utc(nu),
            )
        )

    def corrigeer(
        self,
        event_uuid: str,
        reden: str,
        auteur: str,
        vandaag: date,
        nieuwe_datum: date | None = None,
        nieuwe_reden: str | None = None,
        nieuwe_sluitreden: Sluitreden | None = None,
        vervalt: bool = False,
        nu: datetime | None = None,
    ) -> TrajectEvent:
        """Record a correction of an earlier event as a new event; refused if the
        corrected history would break a rule."""
        if nieuwe_datum is not None:
            niet_in_toekomst(nieuwe_datum, vandaag)
        if nieuwe_reden is not None and not nieuwe_reden.strip():
            raise DomainError(N_("Geef een reden op voor deze stap."))
        if (
            nieuwe_datum is None
            and nieuwe_reden is None
            and nieuwe_sluitreden is None
            and not vervalt
        ):
            raise DomainError(N_("Deze correctie verandert niets."))
        stappen = self.stappen()
        if vervalt and stappen and stappen[0].event_uuid == event_uuid:
            raise DomainError(N_("De eerste stap van een traject kan niet vervallen."))
        return self._voeg_toe(
            TrajectEvent(
                soort=EventSoort.CORRECTIE,
                corrigeert=event_uuid,
                datum=vandaag,
                reden=reden.strip(),
                auteur=auteur,
                vastgelegd_op=_utc(nu),
                nieuwe_datum=nieuwe_datum,
                nieuwe_reden=None if nieuwe_reden is None else nieuwe_reden.strip(),
                nieuwe_sluitreden=nieuwe_sluitreden,
                vervalt=vervalt,
            )
        )

    def besluit(
        self,
        soort: BesluitSoort,
        uitkomst: BesluitUitkomst,
        datum: date,
        auteur: str,
        vandaag: date,
        toelichting: str = "",
        geldig_tot: date | None = None,
        nu: datetime | None = None,
    ) -> TrajectEvent:
        """Record a decision. It may predate the signal (police took aangifte first)."""
        niet_in_toekomst(datum, vandaag)
        return self._voeg_toe(
            TrajectEvent(
                soort=EventSoort.BESLUIT,
                besluit_soort=soort,
                uitkomst=uitkomst,
                datum=datum,
                reden=toelichting.strip(),
                auteur=auteur,
                vastgelegd_op=_utc(nu),
                geldig_tot=geldig_tot,
            )
        )

    # --- JSON -----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form: the events, oldest first."""
        return {"events": [e.to_dict() for e in self._events]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Traject:
        """The inverse of ``to_dict``; a history that breaks the rules is refused."""
        return cls(TrajectEvent.from_dict(e) for e in d.get("events", []))
