"""A case's path (traject) as a state machine over an append-only list of events.

Nothing recorded is ever changed or removed: a wrong date, reason or stage is fixed
with a *correction* event that points at the original, so the history shows both what
was recorded and what is now believed (design, DOMAIN.md §2). Every change goes through
one validator over the whole effective history, so no sequence of calls can leave an
impossible path behind.

Allowed transitions (design from DOMAIN.md §2):

============  ==========================================================
from          to
============  ==========================================================
(start)       signaal
signaal       intake, afgesloten
intake        aangemeld, bedenktijd, geplaatst, begeleiding, afgesloten
aangemeld     bedenktijd, geplaatst, begeleiding, afgesloten
bedenktijd    geplaatst, aangemeld, begeleiding, afgesloten
geplaatst     begeleiding, bedenktijd, afgesloten
begeleiding   geplaatst, afgesloten
afgesloten    only through ``heropen``: the stage before closing, or intake
============  ==========================================================

Further rules: closing needs a ``Sluitreden`` (and only closing has one); every stage
change needs a non-empty reason; no date after today; no date before the previous
stage's date; no "transition" to the current stage. Bedenktijd (B8/3 Vc) lasts at most
three calendar months from its first start in the dossier: entering it again after that
end is refused, and staying longer shows up as an overdue deadline (deadlines.py).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from zorgapp.domain.codes import (
    UITKOMSTEN,
    BesluitSoort,
    BesluitUitkomst,
    Fase,
    Sluitreden,
    code_uit,
    datum_naar_json,
    datum_uit_json,
    nieuw_uuid,
    tijdstip_uit_json,
)
from zorgapp.domain.errors import N_, DomainError

BEDENKTIJD_MAANDEN = 3

TOEGESTAAN: dict[Fase, frozenset[Fase]] = {
    Fase.SIGNAAL: frozenset({Fase.INTAKE, Fase.AFGESLOTEN}),
    Fase.INTAKE: frozenset(
        {
            Fase.AANGEMELD,
            Fase.BEDENKTIJD,
            Fase.GEPLAATST,
            Fase.BEGELEIDING,
            Fase.AFGESLOTEN,
        }
    ),
    Fase.AANGEMELD: frozenset(
        {Fase.BEDENKTIJD, Fase.GEPLAATST, Fase.BEGELEIDING, Fase.AFGESLOTEN}
    ),
    Fase.BEDENKTIJD: frozenset(
        {Fase.GEPLAATST, Fase.AANGEMELD, Fase.BEGELEIDING, Fase.AFGESLOTEN}
    ),
    Fase.GEPLAATST: frozenset({Fase.BEGELEIDING, Fase.BEDENKTIJD, Fase.AFGESLOTEN}),
    Fase.BEGELEIDING: frozenset({Fase.GEPLAATST, Fase.AFGESLOTEN}),
    Fase.AFGESLOTEN: frozenset(),
}


def plus_maanden(d: date, maanden: int) -> date:
    """``d`` plus whole calendar months, clamped to the month's end (30 Nov + 3 = 28/29 Feb)."""
    m = d.month - 1 + maanden
    jaar, maand = d.year + m // 12, m % 12 + 1
    return date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))


class EventSoort(StrEnum):
    """Kinds of events on the path."""

    FASE = "fase"
    BESLUIT = "besluit"
    CORRECTIE = "correctie"
    HEROPEND = "heropend"


@dataclass(frozen=True)
class TrajectEvent:
    """One recorded fact; frozen because history is never rewritten.

    ``datum`` is when it happened (for a correction: the day it was corrected),
    ``vastgelegd_op`` when it was typed in (UTC). Correction events carry the
    ``nieuwe_*`` fields they change, or ``vervalt`` to void an event entered by mistake.
    """

    soort: EventSoort
    datum: date
    reden: str
    auteur: str
    vastgelegd_op: datetime
    uuid: str = field(default_factory=nieuw_uuid)
    fase: Fase | None = None
    sluitreden: Sluitreden | None = None
    besluit_soort: BesluitSoort | None = None
    uitkomst: BesluitUitkomst | None = None
    geldig_tot: date | None = None
    corrigeert: str | None = None
    nieuwe_datum: date | None = None
    nieuwe_reden: str | None = None
    nieuwe_sluitreden: Sluitreden | None = None
    vervalt: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; every key always present so the export schema is stable."""
        return {
            "uuid": self.uuid,
            "soort": self.soort.value,
            "datum": self.datum.isoformat(),
            "reden": self.reden,
            "auteur": self.auteur,
            "vastgelegd_op": self.vastgelegd_op.isoformat(),
            "fase": None if self.fase is None else self.fase.value,
            "sluitreden": None if self.sluitreden is None else self.sluitreden.value,
            "besluit_soort": None
            if self.besluit_soort is None
            else self.besluit_soort.value,
            "uitkomst": None if self.uitkomst is None else self.uitkomst.value,
            "geldig_tot": datum_naar_json(self.geldig_tot),
            "corrigeert": self.corrigeert,
            "nieuwe_datum": datum_naar_json(self.nieuwe_datum),
            "nieuwe_reden": self.nieuwe_reden,
            "nieuwe_sluitreden": (
                None if self.nieuwe_sluitreden is None else self.nieuwe_sluitreden.value
            ),
            "vervalt": self.vervalt,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TrajectEvent:
        """The inverse of ``to_dict``."""
        datum = datum_uit_json(d.get("datum"))
        if datum is None:
            raise DomainError(N_("Een gebeurtenis zonder datum kan niet."))

        def code(soort: Any, sleutel: str) -> Any:
            waarde = d.get(sleutel)
            return None if waarde is None else code_uit(soort, waarde)

        return cls(
            uuid=str(d["uuid"]),
            soort=code_uit(EventSoort, d.get("soort")),
            datum=datum,
            reden=str(d.get("reden", "")),
            auteur=str(d.get("auteur", "")),
            vastgelegd_op=tijdstip_uit_json(d.get("vastgelegd_op")),
            fase=code(Fase, "fase"),
            sluitreden=code(Sluitreden, "sluitreden"),
            besluit_soort=code(BesluitSoort, "besluit_soort"),
            uitkomst=code(BesluitUitkomst, "uitkomst"),
            geldig_tot=datum_uit_json(d.get("geldig_tot")),
            corrigeert=None if d.get("corrigeert") is None else str(d["corrigeert"]),
            nieuwe_datum=datum_uit_json(d.get("nieuwe_datum")),
            nieuwe_reden=None
            if d.get("nieuwe_reden") is None
            else str(d["nieuwe_reden"]),
            nieuwe_sluitreden=code(Sluitreden, "nieuwe_sluitreden"),
            vervalt=bool(d.get("vervalt", False)),
        )


@dataclass(frozen=True)
class Stap:
    """One stage in the effective history (after corrections)."""

    fase: Fase
    datum: date
    reden: str
    auteur: str
    event_uuid: str
    sluitreden: Sluitreden | None = None
    heropend: bool = False


@dataclass(frozen=True)
class Besluit:
    """An effective decision (aangifte, verblijfsvergunning) after corrections."""

    soort: BesluitSoort
    uitkomst: BesluitUitkomst
    datum: date
    toelichting: str
    auteur: str
    event_uuid: str
    geldig_tot: date | None = None


def _utc(nu: datetime | None) -> datetime:
    if nu is None:
        return datetime.now(UTC)
    if nu.tzinfo is None:
        return nu.replace(tzinfo=UTC)
    return nu.astimezone(UTC)


def _niet_in_toekomst(d: date, vandaag: date) -> None:
    if d > vandaag:
        raise DomainError(
            N_("Een datum in de toekomst kan niet: {datum}."), datum=d.isoformat()
        )


def _effectief(events: list[TrajectEvent]) -> tuple[list[Stap], list[Besluit]]:
    """Apply corrections in recording order; later corrections win per field."""
    wijziging: dict[str, dict[str, Any]] = {}
    for e in events:
        if e.soort is EventSoort.CORRECTIE and e.corrigeert is not None:
            w = wijziging.setdefault(e.corrigeert, {})
            if e.nieuwe_datum is not None:
                w["datum"] = e.nieuwe_datum
            if e.nieuwe_reden is not None:
                w["reden"] = e.nieuwe_reden
            if e.nieuwe_sluitreden is not None:
                w["sluitreden"] = e.nieuwe_sluitreden
            if e.vervalt:
                w["vervalt"] = True
    stappen: list[Stap] = []
    besluiten: list[Besluit] = []
    for e in events:
        if e.soort is EventSoort.CORRECTIE:
            continue
        w = wijziging.get(e.uuid, {})
        if w.get("vervalt"):
            continue
        datum: date = w.get("datum", e.datum)
        reden: str = w.get("reden", e.reden)
        if e.soort is EventSoort.BESLUIT:
            assert e.besluit_soort is not None and e.uitkomst is not None
            besluiten.append(
                Besluit(
                    e.besluit_soort,
                    e.uitkomst,
                    datum,
                    reden,
                    e.auteur,
                    e.uuid,
                    e.geldig_tot,
                )
            )
        else:
            assert e.fase is not None
            stappen.append(
                Stap(
                    fase=e.fase,
                    datum=datum,
                    reden=reden,
                    auteur=e.auteur,
                    event_uuid=e.uuid,
                    sluitreden=w.get("sluitreden", e.sluitreden),
                    heropend=e.soort is EventSoort.HEROPEND,
                )
            )
    return stappen, besluiten


def _controleer_event(e: TrajectEvent, eerder: dict[str, TrajectEvent]) -> None:
    """Shape of a single event: the fields its kind needs, and nothing it must not have."""
    if e.uuid in eerder:
        raise DomainError(N_("Gebeurtenis {uuid} komt twee keer voor."), uuid=e.uuid)
    if e.soort in (EventSoort.FASE, EventSoort.HEROPEND) and e.fase is None:
        raise DomainError(N_("Een stap zonder fase kan niet."))
    if e.soort is EventSoort.BESLUIT:
        if e.besluit_soort is None or e.uitkomst not in UITKOMSTEN[e.besluit_soort]:
            raise DomainError(
                N_("Uitkomst {uitkomst} past niet bij dit besluit."),
                uitkomst=str(e.uitkomst),
            )
        if e.geldig_tot is not None and e.geldig_tot < e.datum:
            raise DomainError(
                N_("Geldig tot {datum} ligt vóór de datum van het besluit."),
                datum=e.geldig_tot.isoformat(),
            )
    if e.soort is EventSoort.CORRECTIE:
        doel = eerder.get(e.corrigeert or "")
        if doel is None:
            raise DomainError(
                N_("Er is geen gebeurtenis {uuid} om te corrigeren."),
                uuid=str(e.corrigeert),
            )
        if doel.soort is EventSoort.CORRECTIE:
            raise DomainError(
                N_(
                    "Een correctie kun je niet corrigeren; corrigeer de oorspronkelijke stap."
                )
            )
        if not e.reden.strip():
            raise DomainError(N_("Geef een reden op voor deze correctie."))
        if e.nieuwe_sluitreden is not None and doel.soort is not EventSoort.FASE:
            raise DomainError(N_("Een reden van afsluiten hoort alleen bij afsluiten."))


def _controleer_stappen(stappen: list[Stap]) -> None:
    """The invariants of a path; raised with the first broken rule."""
    bedenktijd_start: date | None = None
    for i, s in enumerate(stappen):
        if not s.reden.strip():
            raise DomainError(N_("Geef een reden op voor deze stap."))
        if s.fase is Fase.AFGESLOTEN and s.sluitreden is None:
            raise DomainError(N_("Geef een reden van afsluiten op."))
        if s.fase is not Fase.AFGESLOTEN and s.sluitreden is not None:
            raise DomainError(N_("Een reden van afsluiten hoort alleen bij afsluiten."))
        if i == 0:
            if s.fase is not Fase.SIGNAAL or s.heropend:
                raise DomainError(N_("Een traject begint met een signaal."))
        else:
            vorige = stappen[i - 1]
            if s.datum < vorige.datum:
                raise DomainError(
                    N_("De datum {datum} ligt vóór de vorige stap ({vorige})."),
                    datum=s.datum.isoformat(),
                    vorige=vorige.datum.isoformat(),
                )
            if s.heropend:
                if vorige.fase is not Fase.AFGESLOTEN:
                    raise DomainError(
                        N_("Alleen een afgesloten dossier kan heropend worden.")
                    )
                terug = {stappen[i - 2].fase, Fase.INTAKE} if i >= 2 else {Fase.INTAKE}
                if s.fase not in terug:
                    raise DomainError(
                        N_(
                            "Heropenen kan naar de laatste fase vóór afsluiten of naar intake."
                        ),
                    )
            elif vorige.fase is Fase.AFGESLOTEN:
                raise DomainError(
                    N_("Een afgesloten dossier kan alleen heropend worden.")
                )
            elif s.fase is vorige.fase:
                raise DomainError(
                    N_("Het dossier staat al in de fase {fase}."), fase=s.fase.value
                )
            elif s.fase not in TOEGESTAAN[vorige.fase]:
                raise DomainError(
                    N_("Van {van} naar {naar} is geen toegestane overgang."),
                    van=vorige.fase.value,
                    naar=s.fase.value,
                )
        if s.fase is Fase.BEDENKTIJD:
            if bedenktijd_start is None:
                bedenktijd_start = s.datum
            elif s.datum > plus_maanden(bedenktijd_start, BEDENKTIJD_MAANDEN):
                raise DomainError(
                    N_(
                        "De bedenktijd liep af op {einde}; een nieuwe bedenktijd kan niet."
                    ),
                    einde=plus_maanden(
                        bedenktijd_start, BEDENKTIJD_MAANDEN
                    ).isoformat(),
                )


def _controleer(events: list[TrajectEvent]) -> None:
    eerder: dict[str, TrajectEvent] = {}
    vervallen: set[str] = set()
    for e in events:
        _controleer_event(e, eerder)
        if e.soort is EventSoort.CORRECTIE and e.corrigeert is not None:
            if e.corrigeert in vervallen:
                raise DomainError(N_("Deze gebeurtenis is al vervallen."))
            if e.vervalt:
                vervallen.add(e.corrigeert)
        eerder[e.uuid] = e
    _controleer_stappen(_effectief(events)[0])


class Traject:
    """The path of one dossier: events in, effective stages and decisions out."""

    def __init__(self, events: Iterable[TrajectEvent] = ()) -> None:
        lijst = list(events)
        _controleer(lijst)
        self._events = lijst
        self._cache: tuple[list[Stap], list[Besluit]] | None = None

    def _effectief(self) -> tuple[list[Stap], list[Besluit]]:
        """The effective view, computed once per change (events only ever grow)."""
        if self._cache is None:
            self._cache = _effectief(self._events)
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
        _controleer(kandidaat)
        self._events = kandidaat
        self._cache = None
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
        _niet_in_toekomst(datum, vandaag)
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
        _niet_in_toekomst(datum, vandaag)
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
            _niet_in_toekomst(nieuwe_datum, vandaag)
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
        _niet_in_toekomst(datum, vandaag)
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
