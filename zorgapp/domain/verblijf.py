"""The legal track of a dossier (verblijf en strafzaak), beside the care path (§2a).

A client is usually placed in shelter *during* bedenktijd, so the legal status is not a
care stage: it has its own steps (``verblijf_events``), its own order rules
(``verblijf_regels``) and its own deadlines, shown whatever the care stage. The steps
of a dossier are its own recorded ones plus those an older vault kept on the care path
(mapped on every read, see ``verblijf_regels.uit_traject``).

Functions take anything shaped like a ``Dossier`` (``traject``, ``verblijf``,
``persoon``), so this module does not import ``dossier`` (which imports this one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from zorgapp.domain.codes import niet_in_toekomst
from zorgapp.domain.errors import N_
from zorgapp.domain.traject import Traject
from zorgapp.domain.verblijf_events import (
    BEDENKTIJD_DAGEN,
    BEDENKTIJD_DAGEN_DUBLIN,
    Uitkomst,
    VerblijfEvent,
    VerblijfSoort,
)
from zorgapp.domain.verblijf_regels import controleer, effectief, uit_traject

S = VerblijfSoort

#: EU member states (ISO 3166-1 alpha-2): their citizens get no bedenktijd (§2).
EU_LANDEN = frozenset(
    ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
     "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"])


#: Steps that end bedenktijd: the client has chosen (aangifte or not, or another way to
#: a permit), or the IND decided.
_EINDE_BEDENKTIJD = frozenset({S.AANGIFTE, S.BIJZONDERE_GROND, S.GETUIGE_AANGEVER,
                               S.IND_BESLUIT})


class HeeftVerblijf(Protocol):
    """What these functions read of a dossier."""

    traject: Traject
    verblijf: list[VerblijfEvent]
    persoon: Any


def alle_events(dossier: HeeftVerblijf) -> list[VerblijfEvent]:
    """Recorded steps with those mapped from an older vault first."""
    return [*uit_traject(dossier.traject, dossier.verblijf), *dossier.verblijf]


def stappen(dossier: HeeftVerblijf) -> list[VerblijfEvent]:
    """The effective steps, in date order."""
    return effectief(alle_events(dossier))


def waarschuwingen(dossier: HeeftVerblijf, event: VerblijfEvent) -> list[str]:
    """Msgids of warnings a step deserves but that do not stop it (§2a)."""
    uit: list[str] = []
    if event.soort is S.BEDENKTIJD_AANGEBODEN and any(
            land in EU_LANDEN for land in dossier.persoon.nationaliteiten):
        uit.append(N_("Let op: bedenktijd is er voor derdelanders; deze cliënt heeft de "
                      "Nederlandse of een EU-nationaliteit."))
    return uit


def toets(dossier: HeeftVerblijf, event: VerblijfEvent, vandaag: date) -> list[str]:
    """Check a step against the whole track without recording it; returns warnings.

    Used for a decision recorded on the care path (``DossierService.besluit``), which
    the track then reads from there: it must keep the same rules as a track step."""
    niet_in_toekomst(event.datum, vandaag)
    eigen = [*dossier.verblijf, event]
    controleer([*uit_traject(dossier.traject, eigen), *eigen])
    return waarschuwingen(dossier, event)


def voeg_toe(dossier: HeeftVerblijf, event: VerblijfEvent, vandaag: date) -> list[str]:
    """Record a step when the whole track still keeps the rules; returns warnings."""
    waarschuwing = toets(dossier, event, vandaag)
    dossier.verblijf.append(event)
    return waarschuwing


@dataclass(frozen=True)
class Bedenktijd:
    """Offered, accepted or declined; ``van``/``tot`` only once accepted.

    ``einde`` is the last day of the full 90 (or 30) days, the deadline; ``tot`` is the
    day it really ended: earlier when the client chose (aangifte or not, another
    application, or an IND decision came).
    """

    aangeboden_op: date
    door: Uitkomst
    dublin: bool
    besluit: Uitkomst | None = None
    van: date | None = None
    einde: date | None = None
    tot: date | None = None
    besluit_uuid: str = ""
    vervolg: bool = False


def bedenktijd(dossier: HeeftVerblijf) -> Bedenktijd | None:
    """The bedenktijd of this dossier (it is offered once), or None."""
    lijst = stappen(dossier)
    aanbod = next((e for e in lijst if e.soort is S.BEDENKTIJD_AANGEBODEN), None)
    if aanbod is None:
        return None
    besluit = next((e for e in lijst if e.soort is S.BEDENKTIJD_BESLUIT), None)
    if besluit is None or besluit.uitkomst is not Uitkomst.AANVAARD:
        return Bedenktijd(aanbod.datum, aanbod.uitkomst, aanbod.dublin,
                          None if besluit is None else besluit.uitkomst)
    dagen = BEDENKTIJD_DAGEN_DUBLIN if aanbod.dublin else BEDENKTIJD_DAGEN
    einde = besluit.datum + timedelta(days=dagen)
    vervolg = next((e.datum for e in lijst if e.datum >= besluit.datum
                    and e.soort in _EINDE_BEDENKTIJD), None)
    tot = einde if vervolg is None else min(einde, vervolg)
    return Bedenktijd(aanbod.datum, aanbod.uitkomst, aanbod.dublin, besluit.uitkomst,
                      besluit.datum, einde, tot, besluit.uuid, vervolg is not None)


def bedenktijd_perioden(dossier: HeeftVerblijf) -> list[tuple[date, date]]:
    """Periods of accepted bedenktijd as (first day, last day), both inclusive.

    Bedenktijd is offered once, so the list has at most one period; it is a list so that
    callers (the money side flags municipal nights inside it) need no special case.
    """
    b = bedenktijd(dossier)
    if b is None or b.van is None or b.tot is None:
        return []
    return [(b.van, b.tot)]


def in_bedenktijd(dossier: HeeftVerblijf, op: date) -> bool:
    """Whether an accepted bedenktijd runs on ``op``."""
    return any(van <= op <= tot for van, tot in bedenktijd_perioden(dossier))


def vergunning(dossier: HeeftVerblijf) -> VerblijfEvent | None:
    """The latest permit decision (IND or voortgezet verblijf), or None."""
    besluiten = [e for e in stappen(dossier)
                 if e.soort in (S.IND_BESLUIT, S.VOORTGEZET_VERBLIJF)]
    return besluiten[-1] if besluiten else None


def laatste(dossier: HeeftVerblijf, *soorten: VerblijfSoort) -> VerblijfEvent | None:
    """The latest effective step of these kinds."""
    gevonden = [e for e in stappen(dossier) if e.soort in soorten]
    return gevonden[-1] if gevonden else None


def _stap_json(e: VerblijfEvent | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"soort": e.soort.value, "uitkomst": e.uitkomst.value,
            "datum": e.datum.isoformat(),
            "geldig_tot": None if e.geldig_tot is None else e.geldig_tot.isoformat()}


def status_json(dossier: HeeftVerblijf, vandaag: date) -> dict[str, Any]:
    """The current legal status as JSON-safe data (``case show --json``, docs/cli-json.md)."""
    b = bedenktijd(dossier)
    bt: dict[str, Any] | None = None
    if b is not None:
        bt = {"aangeboden_op": b.aangeboden_op.isoformat(), "door": b.door.value,
              "dublin": b.dublin, "besluit": None if b.besluit is None else b.besluit.value,
              "van": None if b.van is None else b.van.isoformat(),
              "einde": None if b.einde is None else b.einde.isoformat(),
              "tot": None if b.tot is None else b.tot.isoformat(),
              "lopend": in_bedenktijd(dossier, vandaag)}
    return {
        "bedenktijd": bt,
        "aangifte": _stap_json(laatste(dossier, S.AANGIFTE)),
        "bijzondere_grond": _stap_json(laatste(dossier, S.BIJZONDERE_GROND)),
        "getuige_aangever": laatste(dossier, S.GETUIGE_AANGEVER) is not None,
        "vergunning": _stap_json(vergunning(dossier)),
        "strafzaak": _stap_json(laatste(dossier, S.OM_BESLUIT)),
    }


def track_json(dossier: HeeftVerblijf, vandaag: date) -> dict[str, Any]:
    """Events (effective, with those mapped from an older vault) and the status."""
    return {"events": [e.to_dict() for e in stappen(dossier)],
            "status": status_json(dossier, vandaag)}
