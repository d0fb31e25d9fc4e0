"""The rules of a case's path: allowed transitions, reasons, dates and bedenktijd.

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
change needs a non-empty reason; no date before the previous stage's date; no
"transition" to the current stage. Bedenktijd (B8/3 Vc) lasts at most three calendar
months from its first start in the dossier: entering it again after that end is
refused, and staying longer shows up as an overdue deadline (deadlines.py).
``controleer`` checks a whole history at once, so no sequence of calls can leave an
impossible path behind.
"""

from __future__ import annotations

import calendar
from datetime import date

from zorgapp.domain.codes import UITKOMSTEN, Fase
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.traject_events import Besluit, EventSoort, Stap, TrajectEvent, effectief

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


def controleer(events: list[TrajectEvent]) -> tuple[list[Stap], list[Besluit]]:
    """Refuse a path that breaks a rule; returns its effective view (``effectief``),
    which ``Traject`` keeps rather than computing it again."""
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
    beeld = effectief(events)
    _controleer_stappen(beeld[0])
    return beeld
