"""The order of the legal track (DOMAIN.md §2a), and how older vaults map onto it.

Rules, checked over the whole effective track (voided steps left out, in date order,
ties in recording order) so the GUI, the CLI and a bundle import obey alike:

- bedenktijd is offered once; accepting or declining needs that offer before it, once;
- aangifte or other cooperation, a permit on special grounds (which needs its backing
  statement) and getuige-aangever each count as an application for a temporary permit;
- an IND decision needs such an application before it; ``verlengd`` needs a granted
  permit before it; a granted or renewed permit needs its ``geldig_tot``;
- an OM decision needs aangifte or cooperation before it; ``veroordeling`` and
  ``vrijspraak`` need ``vervolging`` first;
- voortgezet verblijf (the permanent permit) needs an application *and* a granted
  temporary permit before it.
Steps marked ``gemigreerd`` come from an older vault: they count as earlier steps, but
are not held to these rules themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from zorgapp.domain.codes import BesluitSoort, BesluitUitkomst, Fase
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.traject import Traject
from zorgapp.domain.verblijf_events import (
    UITKOMSTEN,
    Uitkomst,
    VerblijfEvent,
    VerblijfSoort,
)

S = VerblijfSoort
#: Steps that count as an application for a temporary permit.
AANVRAGEN = frozenset({S.AANGIFTE, S.BIJZONDERE_GROND, S.GETUIGE_AANGEVER})


def effectief(events: Iterable[VerblijfEvent]) -> list[VerblijfEvent]:
    """Steps now believed: voided ones left out, in date order (ties: recording order)."""
    lijst = list(events)
    vervallen = {e.corrigeert for e in lijst if e.soort is S.VERVALT}
    stappen = [e for e in lijst if e.soort is not S.VERVALT and e.uuid not in vervallen]
    volgorde = {e.uuid: i for i, e in enumerate(stappen)}
    return sorted(stappen, key=lambda e: (e.datum, volgorde[e.uuid]))


def is_aanvraag(e: VerblijfEvent) -> bool:
    """Whether a step counts as an application (a plain "geen aangifte" does not)."""
    return e.soort in AANVRAGEN and e.uitkomst is not Uitkomst.GEEN_AANGIFTE


def _vorm(e: VerblijfEvent, eerder: set[str]) -> None:
    """Shape of one step: its outcome, its dates, the fields its kind needs."""
    if e.uuid in eerder:
        raise DomainError(N_("Gebeurtenis {uuid} komt twee keer voor."), uuid=e.uuid)
    if e.uitkomst not in UITKOMSTEN[e.soort]:
        raise DomainError(N_("Uitkomst {uitkomst} past niet bij deze stap."),
                          uitkomst=e.uitkomst.value)
    if e.geldig_tot is not None and e.geldig_tot < e.datum:
        raise DomainError(N_("Geldig tot {datum} ligt vóór de datum van het besluit."),
                          datum=e.geldig_tot.isoformat())
    if e.gemigreerd:
        return
    if e.soort is S.VERVALT and e.corrigeert not in eerder:
        raise DomainError(N_("Er is geen gebeurtenis {uuid} om te corrigeren."),
                          uuid=str(e.corrigeert))
    if e.soort is S.BIJZONDERE_GROND and not e.onderbouwing.strip():
        raise DomainError(N_("Een vergunning zonder aangifte vraagt een verklaring van "
                             "politie of arts; vul de onderbouwing in."))
    if (e.soort is S.IND_BESLUIT and e.uitkomst in (Uitkomst.VERLEEND, Uitkomst.VERLENGD)
            and e.geldig_tot is None):
        raise DomainError(N_("Vul in tot wanneer de vergunning geldig is."))
    if e.dublin and e.soort is not S.BEDENKTIJD_AANGEBODEN:
        raise DomainError(N_("Dublin hoort alleen bij het aanbod van bedenktijd."))


def _volgorde(e: VerblijfEvent, eerder: list[VerblijfEvent]) -> None:
    """The order rules for one step, given the effective steps before it."""
    soorten = {(x.soort, x.uitkomst) for x in eerder}
    aangeboden = any(x.soort is S.BEDENKTIJD_AANGEBODEN for x in eerder)
    if e.soort is S.BEDENKTIJD_AANGEBODEN and aangeboden:
        raise DomainError(N_("Bedenktijd is al aangeboden; bedenktijd wordt één keer "
                             "gegeven."))
    if e.soort is S.BEDENKTIJD_BESLUIT:
        if not aangeboden:
            raise DomainError(N_("Leg eerst vast dat bedenktijd is aangeboden."))
        if any(x.soort is S.BEDENKTIJD_BESLUIT for x in eerder):
            raise DomainError(N_("Over de bedenktijd is al besloten."))
    aanvraag = any(is_aanvraag(x) for x in eerder)
    tijdelijk = any(x.soort is S.IND_BESLUIT and x.uitkomst is Uitkomst.VERLEEND
                    for x in eerder)
    if e.soort is S.IND_BESLUIT:
        if not aanvraag:
            raise DomainError(N_("Een besluit van de IND vraagt eerst een aanvraag: "
                                 "aangifte, medewerking, een bijzondere grond of "
                                 "getuige-aangever."))
        if e.uitkomst is Uitkomst.VERLENGD and not tijdelijk:
            raise DomainError(N_("Verlengen kan alleen een verleende vergunning."))
    if e.soort is S.OM_BESLUIT:
        if not any(x.soort in (S.AANGIFTE, S.GETUIGE_AANGEVER) and is_aanvraag(x)
                   for x in eerder):
            raise DomainError(N_("Een besluit van het OM vraagt eerst een aangifte of "
                                 "medewerking."))
        if (e.uitkomst in (Uitkomst.VEROORDELING, Uitkomst.VRIJSPRAAK)
                and (S.OM_BESLUIT, Uitkomst.VERVOLGING) not in soorten):
            raise DomainError(N_("Een veroordeling of vrijspraak volgt op vervolging."))
    if e.soort is S.VOORTGEZET_VERBLIJF and not (aanvraag and tijdelijk):
        raise DomainError(N_("Voortgezet verblijf vraagt eerst een aangifte (of een "
                             "bijzondere grond) en een verleende tijdelijke vergunning."))


def controleer(events: list[VerblijfEvent]) -> None:
    """Refuse a track that breaks a rule, with the first broken rule."""
    eerder: set[str] = set()
    for e in events:
        _vorm(e, eerder)
        eerder.add(e.uuid)
    stappen = effectief(events)
    for i, e in enumerate(stappen):
        if not e.gemigreerd:
            _volgorde(e, stappen[:i])


# --- older vaults ----------------------------------------------------------------------

_IND = {
    BesluitUitkomst.VERLEEND_TIJDELIJK: Uitkomst.VERLEEND,
    BesluitUitkomst.VERLENGD: Uitkomst.VERLENGD,
    BesluitUitkomst.AFGEWEZEN: Uitkomst.AFGEWEZEN,
    BesluitUitkomst.INGETROKKEN: Uitkomst.INGETROKKEN,
}


def uit_traject(traject: Traject, eigen: Iterable[VerblijfEvent] = ()) -> list[VerblijfEvent]:
    """The legal steps an older vault kept on the care path, as track steps.

    The first ``bedenktijd`` stage becomes an accepted offer of 90 days (who offered it
    was not recorded); decisions ``aangifte`` and ``verblijfsvergunning`` become their
    track steps (a permanent permit: voortgezet verblijf; "aangevraagd" has no step of
    its own, aangifte already counts as the application). Derived on every read, never
    stored, so the care path stays the one record of them; uuids are the path event's
    with a suffix, stable for the deadlines and the GUI. When the track's own steps
    (``eigen``) record an offer of bedenktijd, that one tells who offered it and for how
    long, and the stage adds nothing.
    """
    uit: list[VerblijfEvent] = []
    nu = datetime(1970, 1, 1, tzinfo=UTC)
    eigen_aanbod = any(e.soort is S.BEDENKTIJD_AANGEBODEN for e in eigen)
    for s in traject.stappen():
        if s.fase is Fase.BEDENKTIJD and not eigen_aanbod:
            for soort, uitkomst in ((S.BEDENKTIJD_AANGEBODEN, Uitkomst.ONBEKEND),
                                    (S.BEDENKTIJD_BESLUIT, Uitkomst.AANVAARD)):
                uit.append(VerblijfEvent(soort, s.datum, s.auteur, nu, uitkomst,
                                         uuid=f"{s.event_uuid}:{soort.value}",
                                         toelichting=s.reden, gemigreerd=True))
            break
    for b in traject.besluiten():
        stap: VerblijfSoort | None = None
        uitkomst = Uitkomst.GEEN
        if b.soort is BesluitSoort.AANGIFTE:
            stap = S.AANGIFTE
            uitkomst = (Uitkomst.AANGIFTE if b.uitkomst is BesluitUitkomst.JA
                        else Uitkomst.GEEN_AANGIFTE)
        elif b.uitkomst is BesluitUitkomst.VERLEEND_PERMANENT:
            stap, uitkomst = S.VOORTGEZET_VERBLIJF, Uitkomst.VERLEEND
        elif b.uitkomst in _IND:
            stap, uitkomst = S.IND_BESLUIT, _IND[b.uitkomst]
        if stap is not None:
            uit.append(VerblijfEvent(stap, b.datum, b.auteur, nu, uitkomst,
                                     uuid=f"{b.event_uuid}:{stap.value}",
                                     toelichting=b.toelichting, geldig_tot=b.geldig_tot,
                                     gemigreerd=True))
    return uit


def verblijf_event_uit_besluit(soort: BesluitSoort, uitkomst: BesluitUitkomst, datum: date,
                               auteur: str, toelichting: str = "",
                               geldig_tot: date | None = None) -> VerblijfEvent | None:
    """A decision in the care path's old words as a new track step (None: "aangevraagd",
    which has no step of its own)."""
    if soort is BesluitSoort.AANGIFTE:
        nieuw = S.AANGIFTE, (Uitkomst.AANGIFTE if uitkomst is BesluitUitkomst.JA
                             else Uitkomst.GEEN_AANGIFTE)
    elif uitkomst is BesluitUitkomst.VERLEEND_PERMANENT:
        nieuw = S.VOORTGEZET_VERBLIJF, Uitkomst.VERLEEND
    elif uitkomst in _IND:
        nieuw = S.IND_BESLUIT, _IND[uitkomst]
    else:
        return None
    return VerblijfEvent(nieuw[0], datum, auteur, datetime.now(UTC), nieuw[1],
                         toelichting=toelichting.strip(), geldig_tot=geldig_tot)


def binnen_termijn(van: date, tot: date | None, op: date) -> bool:
    """Whether ``op`` falls in ``[van, tot]`` (an open end runs on)."""
    return van <= op and (tot is None or op <= tot)
