"""Deadlines derived from a dossier, and the overdue / soon filters."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from zorgapp.domain.codes import (
    BesluitSoort,
    BesluitUitkomst,
    Fase,
    Sluitreden,
    ToestemmingDoel,
)
from zorgapp.domain.deadlines import (
    COMENSHA_AANMELDTERMIJN_DAGEN,
    Deadline,
    DeadlineSoort,
    achterstallig,
    binnenkort,
    deadlines_voor,
)
from zorgapp.domain.dossier import Dossier, Taak, Toestemming
from zorgapp.domain.traject import Traject

VANDAAG = date(2026, 3, 15)
ZC = "zc"


def dossier(*fasen: tuple[Fase, date]) -> Dossier:
    t = Traject.begin(date(2025, 11, 1), "signaal", ZC, VANDAAG)
    for fase, datum in fasen:
        sluit = Sluitreden.UIT_BEELD if fase is Fase.AFGESLOTEN else None
        t.overgang(fase, datum, "reden", ZC, VANDAAG, sluitreden=sluit)
    return Dossier(dossiernummer="HM-2026-0001", traject=t)


def soorten(ds: list[Deadline]) -> list[DeadlineSoort]:
    return [d.soort for d in ds]


def test_signal_only_has_no_deadlines() -> None:
    assert deadlines_voor(dossier(), VANDAAG) == []


def test_comensha_registration_after_intake() -> None:
    d = dossier((Fase.INTAKE, date(2026, 3, 1)))
    [dl] = deadlines_voor(d, VANDAAG)
    assert dl.soort is DeadlineSoort.COMENSHA_AANMELDING
    assert dl.datum == date(2026, 3, 1) + timedelta(days=COMENSHA_AANMELDTERMIJN_DAGEN)
    assert dl.dossier_uuid == d.uuid
    assert dl.verwijzing == d.traject.stappen()[1].event_uuid
    assert dl.omschrijving == "Aanmelden bij CoMensha"


def test_no_registration_deadline_once_registered() -> None:
    d = dossier((Fase.INTAKE, date(2026, 3, 1)), (Fase.AANGEMELD, date(2026, 3, 2)))
    assert DeadlineSoort.COMENSHA_AANMELDING not in soorten(deadlines_voor(d, VANDAAG))


def test_bedenktijd_end_clamped_to_february() -> None:
    d = dossier(
        (Fase.INTAKE, date(2025, 11, 30)), (Fase.BEDENKTIJD, date(2025, 11, 30))
    )
    ds = deadlines_voor(d, VANDAAG)
    [bt] = [x for x in ds if x.soort is DeadlineSoort.BEDENKTIJD_EINDE]
    assert bt.datum == date(2026, 2, 28)
    assert bt in achterstallig(ds, VANDAAG)  # still in bedenktijd after its end


def test_bedenktijd_deadline_stays_while_placed() -> None:
    """Issue 12.1 (seen): placing a client during bedenktijd (the normal route) lost the
    "Einde bedenktijd" deadline; it is the legal track's, whatever the care stage."""
    d = dossier(
        (Fase.INTAKE, date(2026, 1, 2)),
        (Fase.BEDENKTIJD, date(2026, 1, 3)),
        (Fase.GEPLAATST, date(2026, 1, 4)),
    )
    [bt] = [x for x in deadlines_voor(d, VANDAAG) if x.soort is DeadlineSoort.BEDENKTIJD_EINDE]
    assert bt.datum == date(2026, 1, 3) + timedelta(days=90)


def test_open_tasks_only() -> None:
    d = dossier()
    d.taken = [
        Taak("Tolk regelen", date(2026, 3, 20)),
        Taak("Huisarts", date(2026, 3, 10), gedaan_op=date(2026, 3, 9)),
    ]
    [dl] = deadlines_voor(d, VANDAAG)
    assert dl.soort is DeadlineSoort.TAAK and dl.verwijzing == d.taken[0].uuid
    assert dl.omschrijving.format(**dl.params) == "Taak: Tolk regelen"


def test_closed_case_keeps_only_tasks() -> None:
    d = dossier((Fase.INTAKE, date(2026, 3, 1)), (Fase.AFGESLOTEN, date(2026, 3, 2)))
    d.taken = [Taak("Archief", date(2026, 4, 1))]
    d.toestemmingen = [
        Toestemming(
            ToestemmingDoel.STATISTIEK, date(2026, 3, 1), geldig_tot=date(2026, 4, 1)
        )
    ]
    assert soorten(deadlines_voor(d, VANDAAG)) == [DeadlineSoort.TAAK]


def test_consent_renewal() -> None:
    d = dossier((Fase.INTAKE, date(2026, 3, 1)), (Fase.AANGEMELD, date(2026, 3, 1)))
    oud = Toestemming(
        ToestemmingDoel.STATISTIEK, date(2025, 4, 1), geldig_tot=date(2026, 4, 1)
    )
    ingetrokken = Toestemming(
        ToestemmingDoel.COMENSHA_AANMELDING,
        date(2026, 1, 1),
        geldig_tot=date(2026, 6, 1),
        ingetrokken_op=date(2026, 2, 1),
    )
    d.toestemmingen = [oud, ingetrokken]
    [dl] = deadlines_voor(d, VANDAAG)
    assert dl.soort is DeadlineSoort.TOESTEMMING_VERLOOPT
    assert (dl.datum, dl.verwijzing, dl.params) == (
        date(2026, 4, 1),
        oud.uuid,
        {"doel": "statistiek"},
    )
    # once renewed, the old one no longer asks for attention
    d.toestemmingen.append(
        Toestemming(
            ToestemmingDoel.STATISTIEK, date(2026, 3, 10), geldig_tot=date(2027, 3, 10)
        )
    )
    assert [x.datum for x in deadlines_voor(d, VANDAAG)] == [date(2027, 3, 10)]


def test_residence_permit_expiry() -> None:
    d = dossier((Fase.INTAKE, date(2026, 1, 1)), (Fase.AANGEMELD, date(2026, 1, 1)))
    d.traject.besluit(
        BesluitSoort.VERBLIJFSVERGUNNING,
        BesluitUitkomst.VERLEEND_TIJDELIJK,
        date(2026, 2, 1),
        ZC,
        VANDAAG,
        geldig_tot=date(2027, 2, 1),
    )
    [dl] = deadlines_voor(d, VANDAAG)
    assert (dl.soort, dl.datum) == (
        DeadlineSoort.VERBLIJFSVERGUNNING_VERLOOPT,
        date(2027, 2, 1),
    )


def test_placement_hook_is_duck_typed() -> None:
    d = dossier((Fase.INTAKE, date(2026, 1, 1)), (Fase.GEPLAATST, date(2026, 1, 2)))
    lopend = SimpleNamespace(
        uuid="p1",
        evaluatiedatum=date(2026, 3, 20),
        verwachte_einddatum=date(2026, 7, 1),
    )
    zonder = SimpleNamespace(uuid="p2")
    beeindigd = SimpleNamespace(
        uuid="p3",
        status="beeindigd",
        evaluatiedatum=date(2026, 3, 1),
        verwachte_einddatum=None,
    )
    ander = SimpleNamespace(
        uuid="p4", dossier_uuid="ander", evaluatiedatum=date(2026, 3, 1)
    )
    ds = [
        x
        for x in deadlines_voor(
            d, VANDAAG, plaatsingen=[lopend, zonder, beeindigd, ander]
        )
        if x.soort is not DeadlineSoort.COMENSHA_AANMELDING
    ]
    assert [(x.soort, x.datum, x.verwijzing) for x in ds] == [
        (DeadlineSoort.PLAATSING_EVALUATIE, date(2026, 3, 20), "p1"),
        (DeadlineSoort.PLAATSING_EINDE, date(2026, 7, 1), "p1"),
    ]


def test_sorted_by_date() -> None:
    d = dossier((Fase.INTAKE, date(2026, 3, 1)))
    d.taken = [Taak("b", date(2026, 5, 1)), Taak("a", date(2026, 3, 2))]
    datums = [x.datum for x in deadlines_voor(d, VANDAAG)]
    assert datums == sorted(datums)


@pytest.fixture
def reeks() -> list[Deadline]:
    return [
        Deadline(DeadlineSoort.TAAK, "t", VANDAAG + timedelta(days=n), "d", str(n))
        for n in (-1, 0, 14, 15)
    ]


def test_achterstallig_excludes_today(reeks: list[Deadline]) -> None:
    assert [x.verwijzing for x in achterstallig(reeks, VANDAAG)] == ["-1"]


def test_binnenkort_inclusive_window(reeks: list[Deadline]) -> None:
    assert [x.verwijzing for x in binnenkort(reeks, VANDAAG)] == ["0", "14"]
    assert [x.verwijzing for x in binnenkort(reeks, VANDAAG, dagen=15)] == [
        "0",
        "14",
        "15",
    ]
