"""Dates the coordinator must not miss, derived from a dossier and its placements.

Derived, so a corrected date on the path or a ticked-off task changes them at once.
The dashboard reads copies kept as index rows (``store/deadlines.py``), rewritten in
the transaction of every change that derives them anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from zorgapp.domain import verblijf
from zorgapp.domain.aanmelding import registreert_zelf
from zorgapp.domain.codes import Fase
from zorgapp.domain.dossier import Dossier, Toestemming
from zorgapp.domain.errors import N_
from zorgapp.domain.verblijf_events import Uitkomst, VerblijfSoort

#: Days after the first intake within which the case should be registered with
#: CoMensha (design: registration is the route to shelter and national figures).
COMENSHA_AANMELDTERMIJN_DAGEN = 14
#: Status code of an ended placement (``opvang.PlaatsingStatus.BEEINDIGD``).
PLAATSING_BEEINDIGD = "beeindigd"
#: Default look-ahead window of ``binnenkort``.
BINNENKORT_DAGEN = 14


class DeadlineSoort(StrEnum):
    """Kinds of deadline, for icons, filters and sorting in the GUI."""

    BEDENKTIJD_EINDE = "bedenktijd_einde"
    COMENSHA_AANMELDING = "comensha_aanmelding"
    TAAK = "taak"
    TOESTEMMING_VERLOOPT = "toestemming_verloopt"
    VERBLIJFSVERGUNNING_VERLOOPT = "verblijfsvergunning_verloopt"
    PLAATSING_EVALUATIE = "plaatsing_evaluatie"
    PLAATSING_EINDE = "plaatsing_einde"
    TERUGKOPPELING = "terugkoppeling"


#: The description (an untranslated msgid) of each kind: one per kind, so the index rows
#: of ``store/deadlines.py`` need not repeat it.
OMSCHRIJVING: Mapping[DeadlineSoort, str] = {
    DeadlineSoort.BEDENKTIJD_EINDE: N_("Einde bedenktijd"),
    DeadlineSoort.COMENSHA_AANMELDING: N_("Aanmelden bij CoMensha"),
    DeadlineSoort.TAAK: N_("Taak: {omschrijving}"),
    DeadlineSoort.TOESTEMMING_VERLOOPT: N_("Toestemming verloopt: {doel}"),
    DeadlineSoort.VERBLIJFSVERGUNNING_VERLOOPT: N_(
        "Verblijfsvergunning verloopt: verlenging aanvragen"),
    DeadlineSoort.PLAATSING_EVALUATIE: N_("Evaluatie van de plaatsing"),
    DeadlineSoort.PLAATSING_EINDE: N_("Verwacht einde van de plaatsing"),
    DeadlineSoort.TERUGKOPPELING: N_("Terugkoppeling aan melder ({melder})"),
}

#: Kinds the dashboard shows only once overdue: every signal owes its melder feedback,
#: so listing each one while still on time would bury the deadlines that need work.
ALLEEN_ALS_VERLOPEN = frozenset({DeadlineSoort.TERUGKOPPELING})


@dataclass(frozen=True)
class Deadline:
    """One due date. ``omschrijving`` is an untranslated msgid, filled with ``params``."""

    soort: DeadlineSoort
    omschrijving: str
    datum: date
    dossier_uuid: str
    verwijzing: str = ""
    params: Mapping[str, str] = field(default_factory=dict, hash=False)


def _vervangen(t: Toestemming, alle: list[Toestemming]) -> bool:
    """Whether a later, still valid consent for the same purpose already renews ``t``."""
    assert t.geldig_tot is not None
    return any(
        o is not t
        and o.doel is t.doel
        and o.partner == t.partner
        and o.ingetrokken_op is None
        and (o.geldig_tot is None or o.geldig_tot > t.geldig_tot)
        for o in alle
    )


def plaatsing_deadlines(
    dossier_uuid: str, plaatsingen: Iterable[object]
) -> list[Deadline]:
    """Placements are duck-typed: anything with ``evaluatiedatum``/``verwachte_einddatum``
    (such as ``opvang.Plaatsing``). Ended ones (status ``beeindigd`` or a set
    ``einddatum``) and those of another dossier are skipped."""
    uit: list[Deadline] = []
    for p in plaatsingen:
        if getattr(p, "einddatum", None) is not None:
            continue
        if str(getattr(p, "status", "")) == PLAATSING_BEEINDIGD:
            continue
        if getattr(p, "dossier_uuid", dossier_uuid) != dossier_uuid:
            continue
        verwijzing = str(getattr(p, "uuid", ""))
        evaluatie = getattr(p, "evaluatiedatum", None)
        if isinstance(evaluatie, date):
            uit.append(
                Deadline(
                    DeadlineSoort.PLAATSING_EVALUATIE,
                    OMSCHRIJVING[DeadlineSoort.PLAATSING_EVALUATIE],
                    evaluatie,
                    dossier_uuid,
                    verwijzing,
                )
            )
        einde = getattr(p, "verwachte_einddatum", None)
        if isinstance(einde, date):
            uit.append(
                Deadline(
                    DeadlineSoort.PLAATSING_EINDE,
                    OMSCHRIJVING[DeadlineSoort.PLAATSING_EINDE],
                    einde,
                    dossier_uuid,
                    verwijzing,
                )
            )
    return uit


def _verblijf_deadlines(dossier: Dossier) -> list[Deadline]:
    """Deadlines of the legal track, whatever the care stage (§2a): the end of an
    accepted bedenktijd until a next step (aangifte, another application, an IND
    decision) is recorded, and the end of a granted permit (start the renewal in time)."""
    uit: list[Deadline] = []
    bt = verblijf.bedenktijd(dossier)
    if bt is not None and bt.einde is not None and not bt.vervolg:
        uit.append(
            Deadline(
                DeadlineSoort.BEDENKTIJD_EINDE,
                OMSCHRIJVING[DeadlineSoort.BEDENKTIJD_EINDE],
                bt.einde,
                dossier.uuid,
                bt.besluit_uuid,
            )
        )
    laatste = verblijf.vergunning(dossier)
    if (
        laatste is not None
        and laatste.soort is VerblijfSoort.IND_BESLUIT
        and laatste.geldig_tot is not None
        and laatste.uitkomst in (Uitkomst.VERLEEND, Uitkomst.VERLENGD)
    ):
        uit.append(
            Deadline(
                DeadlineSoort.VERBLIJFSVERGUNNING_VERLOOPT,
                OMSCHRIJVING[DeadlineSoort.VERBLIJFSVERGUNNING_VERLOOPT],
                laatste.geldig_tot,
                dossier.uuid,
                laatste.uuid,
            )
        )
    return uit


def _traject_deadlines(dossier: Dossier) -> list[Deadline]:
    uit = _verblijf_deadlines(dossier)
    stappen = dossier.traject.stappen()
    intake = next((s for s in stappen if s.fase is Fase.INTAKE), None)
    # No coordinator deadline when police, KMar or the Arbeidsinspectie register
    # themselves (DOMAIN.md §2b).
    if (intake is not None and not any(s.fase is Fase.AANGEMELD for s in stappen)
            and not registreert_zelf(dossier)):
        uit.append(
            Deadline(
                DeadlineSoort.COMENSHA_AANMELDING,
                OMSCHRIJVING[DeadlineSoort.COMENSHA_AANMELDING],
                intake.datum + timedelta(days=COMENSHA_AANMELDTERMIJN_DAGEN),
                dossier.uuid,
                intake.event_uuid,
            )
        )
    return uit


def deadlines_voor(
    dossier: Dossier, vandaag: date, plaatsingen: Iterable[object] = ()
) -> list[Deadline]:
    """All open deadlines of a dossier, earliest first.

    A closed case keeps only its open tasks and the feedback still owed to melders
    (what became of a signal matters most once the case is closed). ``vandaag`` is accepted for symmetry with
    the filters and future rules; deadlines themselves do not depend on it.
    """
    uit = [
        Deadline(
            DeadlineSoort.TAAK,
            OMSCHRIJVING[DeadlineSoort.TAAK],
            t.deadline,
            dossier.uuid,
            t.uuid,
            {"omschrijving": t.omschrijving},
        )
        for t in dossier.taken
        if t.open
    ]
    uit += [
        Deadline(
            DeadlineSoort.TERUGKOPPELING,
            OMSCHRIJVING[DeadlineSoort.TERUGKOPPELING],
            m.terugkoppelen_voor,
            dossier.uuid,
            m.uuid,
            {"melder": m.melder_organisatie, "melder_type": m.melder_type.value},
        )
        for m in dossier.meldingen
        if m.terugkoppeling_open and m.terugkoppelen_voor is not None
    ]
    fase = dossier.traject.huidige_fase
    if fase is not None and fase is not Fase.AFGESLOTEN:
        uit += _traject_deadlines(dossier)
        for t in dossier.toestemmingen:
            if t.geldig_tot is None or t.ingetrokken_op is not None:
                continue
            if _vervangen(t, dossier.toestemmingen):
                continue
            uit.append(
                Deadline(
                    DeadlineSoort.TOESTEMMING_VERLOOPT,
                    OMSCHRIJVING[DeadlineSoort.TOESTEMMING_VERLOOPT],
                    t.geldig_tot,
                    dossier.uuid,
                    t.uuid,
                    {"doel": t.doel.value},
                )
            )
        uit += plaatsing_deadlines(dossier.uuid, plaatsingen)
    return sorted(uit, key=_volgorde)


def _volgorde(deadline: Deadline) -> tuple[date, str]:
    return deadline.datum, deadline.soort.value


def met_plaatsingen(deadlines: Iterable[Deadline], dossier_uuid: str,
                    plaatsingen: Iterable[object]) -> list[Deadline]:
    """``deadlines_voor`` of an open case without placements, plus those of
    ``plaatsingen``: the same list ``deadlines_voor`` gives with them (a big demo vault
    adds placements after a worker process made the case's deadlines)."""
    return sorted([*deadlines, *plaatsing_deadlines(dossier_uuid, plaatsingen)], key=_volgorde)


def achterstallig(deadlines: Iterable[Deadline], vandaag: date) -> list[Deadline]:
    """Deadlines whose day has passed (today itself is still on time)."""
    return sorted((d for d in deadlines if d.datum < vandaag), key=lambda d: d.datum)


def binnenkort(
    deadlines: Iterable[Deadline], vandaag: date, dagen: int = BINNENKORT_DAGEN
) -> list[Deadline]:
    """Deadlines from today up to and including ``dagen`` days ahead; feedback to a
    melder is left out (``ALLEEN_ALS_VERLOPEN``)."""
    grens = vandaag + timedelta(days=dagen)
    return sorted(
        (
            d
            for d in deadlines
            if vandaag <= d.datum <= grens and d.soort not in ALLEEN_ALS_VERLOPEN
        ),
        key=lambda d: d.datum,
    )
