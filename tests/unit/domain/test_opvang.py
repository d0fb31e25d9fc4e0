"""Placements: nights, rates, overlap and status rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zorgapp.domain.allocation import periode
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvang import (
    LANDELIJK_GEFINANCIERD,
    OPVANG_LABELS,
    Financier,
    Locatie,
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
    controleer_overlap,
    kosten_periode,
    kosten_plaatsing,
    nachten,
)

TARIEF = [Tarief(Decimal("100.00"), date(2020, 1, 1))]


def plaatsing(
    van: date | None,
    tot: date | None,
    *,
    uuid: str = "p1",
    dossier: str = "d1",
    type: OpvangType = OpvangType.VO,
    tarieven: list[Tarief] | None = None,
    status: PlaatsingStatus | None = None,
) -> Plaatsing:
    if status is None:
        status = (
            PlaatsingStatus.BEEINDIGD if tot is not None else PlaatsingStatus.GEPLAATST
        )
    return Plaatsing(
        uuid=uuid,
        dossier_uuid=dossier,
        locatie_uuid="loc",
        type=type,
        status=status,
        aangevraagd_op=van,
        van=van,
        tot=tot,
        einde_reden="zelfstandig" if status is PlaatsingStatus.BEEINDIGD else None,
        tarieven=TARIEF if tarieven is None else tarieven,
    )


def test_nights_15_jan_to_10_apr_2026_are_76_in_q1_and_9_in_q2() -> None:
    p = plaatsing(date(2026, 1, 15), date(2026, 4, 10))
    assert nachten(p, *periode(2026, 1)) == 76
    assert nachten(p, *periode(2026, 2)) == 9
    assert nachten(p, *periode(2026)) == 85
    assert nachten(p, *periode(2026, 3)) == 0


def test_first_day_counts_last_day_does_not() -> None:
    p = plaatsing(date(2026, 3, 1), date(2026, 3, 2))
    assert nachten(p, date(2026, 3, 1), date(2026, 3, 2)) == 1
    assert nachten(p, date(2026, 3, 2), date(2026, 3, 3)) == 0


def test_running_placement_counts_to_period_end_or_peildatum() -> None:
    p = plaatsing(date(2026, 1, 15), None)
    assert nachten(p, *periode(2026, 1)) == 76
    assert nachten(p, *periode(2026, 1), peildatum=date(2026, 2, 1)) == 17


def test_requested_placement_costs_nothing() -> None:
    p = Plaatsing(
        "p",
        "d",
        "loc",
        OpvangType.VO,
        aangevraagd_op=date(2026, 1, 1),
        van=date(2026, 1, 5),
    )
    assert nachten(p, *periode(2026)) == 0
    assert kosten_plaatsing(p, *periode(2026)) == []


def test_rate_change_inside_placement_splits_cost_lines() -> None:
    tarieven = [
        Tarief(Decimal("150.00"), date(2026, 3, 1)),  # order of input does not matter
        Tarief(Decimal("120.00"), date(2025, 1, 1)),
    ]
    p = plaatsing(date(2026, 1, 15), date(2026, 4, 10), tarieven=tarieven)
    q1 = kosten_plaatsing(p, *periode(2026, 1))
    assert [(r.van, r.tot, r.nachten, r.dagtarief, r.bedrag) for r in q1] == [
        (
            date(2026, 1, 15),
            date(2026, 3, 1),
            45,
            Decimal("120.00"),
            Decimal("5400.00"),
        ),
        (date(2026, 3, 1), date(2026, 4, 1), 31, Decimal("150.00"), Decimal("4650.00")),
    ]
    assert all(
        r.dossier_uuid == "d1" and r.plaatsing_uuid == "p1" and not r.landelijk
        for r in q1
    )
    q2 = kosten_plaatsing(p, *periode(2026, 2))
    assert [(r.nachten, r.bedrag) for r in q2] == [(9, Decimal("1350.00"))]


def test_missing_rate_is_an_error_not_a_zero() -> None:
    p = plaatsing(
        date(2026, 1, 15),
        date(2026, 2, 1),
        tarieven=[Tarief(Decimal(90), date(2026, 1, 20))],
    )
    with pytest.raises(DomainError) as info:
        kosten_plaatsing(p, *periode(2026))
    assert info.value.params["datum"] == date(2026, 1, 15)


def test_ambulant_without_rate_has_no_costs() -> None:
    p = plaatsing(date(2026, 1, 1), None, type=OpvangType.AMBULANT, tarieven=[])
    assert kosten_plaatsing(p, *periode(2026, 1)) == []


def test_cosm_and_omm_are_nationally_funded() -> None:
    # DOMAIN §3/§6: BO AMV (Nidos, on behalf of COA) is funded nationally too (issue 12.4)
    assert {OpvangType.COSM, OpvangType.OMM, OpvangType.BO_AMV} == LANDELIJK_GEFINANCIERD
    cosm = plaatsing(date(2026, 1, 1), date(2026, 1, 11), type=OpvangType.COSM)
    assert cosm.financier is Financier.COSM
    assert all(r.landelijk for r in kosten_plaatsing(cosm, *periode(2026)))
    vo = plaatsing(date(2026, 1, 1), date(2026, 1, 11))
    assert vo.financier is Financier.GEMEENTE and not vo.landelijk
    toelage = Plaatsing(
        "p",
        "d",
        "loc",
        OpvangType.CRISIS,
        PlaatsingStatus.GEPLAATST,
        van=date(2026, 1, 1),
        financier=Financier.BEDENKTIJD_TOELAGE,
        tarieven=TARIEF,
    )
    assert toelage.landelijk


def test_overlapping_residential_placements_are_refused() -> None:
    eerste = plaatsing(date(2026, 1, 1), date(2026, 2, 1))
    tweede = plaatsing(
        date(2026, 1, 31), date(2026, 3, 1), uuid="p2", type=OpvangType.CRISIS
    )
    with pytest.raises(DomainError) as info:
        controleer_overlap([eerste], tweede)
    assert info.value.params == {"van": date(2026, 1, 1), "tot": date(2026, 2, 1)}
    assert "{van}" in info.value.msgid


def test_overlap_with_running_placement_is_refused() -> None:
    lopend = plaatsing(date(2026, 1, 1), None)
    with pytest.raises(DomainError):
        controleer_overlap([lopend], plaatsing(date(2027, 1, 1), None, uuid="p2"))


def test_transfer_on_end_date_is_no_overlap() -> None:
    eerste = plaatsing(date(2026, 1, 1), date(2026, 2, 1))
    controleer_overlap([eerste], plaatsing(date(2026, 2, 1), None, uuid="p2"))


def test_ambulant_allowed_alongside_residential() -> None:
    verblijf = plaatsing(date(2026, 1, 1), None)
    ambulant = plaatsing(date(2026, 1, 10), None, uuid="p2", type=OpvangType.AMBULANT)
    controleer_overlap([verblijf], ambulant)
    controleer_overlap([ambulant], plaatsing(date(2026, 1, 1), None, uuid="p3"))


def test_overlap_ignores_requests_other_dossiers_and_itself() -> None:
    bestaand = plaatsing(date(2026, 1, 1), None)
    controleer_overlap([bestaand], bestaand)  # editing the same placement
    controleer_overlap(
        [bestaand], plaatsing(date(2026, 1, 1), None, uuid="p2", dossier="d2")
    )
    aanvraag = Plaatsing(
        "p3", "d1", "loc", OpvangType.VO, aangevraagd_op=date(2026, 1, 5)
    )
    controleer_overlap([bestaand], aanvraag)


def test_status_transitions() -> None:
    aanvraag = Plaatsing(
        "p", "d", "loc", OpvangType.VO, aangevraagd_op=date(2026, 1, 1)
    )
    assert aanvraag.status is PlaatsingStatus.AANGEVRAAGD
    geplaatst = aanvraag.plaats(date(2026, 1, 3))
    assert geplaatst.status is PlaatsingStatus.GEPLAATST and geplaatst.van == date(
        2026, 1, 3
    )
    klaar = geplaatst.beeindig(date(2026, 2, 1), "zelfstandig")
    assert (
        klaar.status is PlaatsingStatus.BEEINDIGD and klaar.einde_reden == "zelfstandig"
    )
    with pytest.raises(DomainError):
        klaar.plaats(date(2026, 3, 1))
    with pytest.raises(DomainError):
        geplaatst.naar_status(PlaatsingStatus.AANGEVRAAGD)
    with pytest.raises(DomainError):
        geplaatst.beeindig(date(2026, 2, 1), "  ")  # a reason is required
    with pytest.raises(DomainError):
        geplaatst.beeindig(None, "zelfstandig")
    with pytest.raises(DomainError):
        aanvraag.plaats()  # no start date
    afgewezen = aanvraag.beeindig(None, "geen plek")
    assert afgewezen.van is None and nachten(afgewezen, *periode(2026)) == 0


def test_end_before_start_is_refused() -> None:
    with pytest.raises(DomainError):
        plaatsing(date(2026, 2, 1), date(2026, 1, 31))
    with pytest.raises(DomainError):
        plaatsing(date(2026, 2, 1), None).beeindig(date(2026, 1, 31), "uit_beeld")
    assert nachten(plaatsing(date(2026, 2, 1), date(2026, 2, 1)), *periode(2026)) == 0


def test_two_rates_on_one_day_refused() -> None:
    with pytest.raises(DomainError):
        plaatsing(
            date(2026, 1, 1), None, tarieven=[Tarief(Decimal(1), date(2026, 1, 1))] * 2
        )


def test_rates_refuse_float_and_negative() -> None:
    with pytest.raises(DomainError):
        Tarief(85.5, date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        Tarief(Decimal(-1), date(2026, 1, 1))


def test_locatie_rate_lookup_and_secret_by_default() -> None:
    loc = Locatie(
        "l",
        "SHOP",
        "Huis A",
        OpvangType.VO,
        tarieven=[
            Tarief(Decimal(100), date(2025, 1, 1)),
            Tarief(Decimal(110), date(2026, 1, 1)),
        ],
    )
    assert loc.adres_geheim
    assert loc.tarief_op(date(2024, 12, 31)) is None
    assert loc.tarief_op(date(2025, 12, 31)).dagtarief == Decimal("100.00")
    assert loc.tarief_op(date(2026, 1, 1)).dagtarief == Decimal("110.00")


def test_every_type_has_a_label() -> None:
    assert set(OPVANG_LABELS) == set(OpvangType)
    assert not OpvangType.AMBULANT.residentieel and OpvangType.CRISIS.residentieel


def test_kosten_periode_collects_in_stable_order() -> None:
    a = plaatsing(date(2026, 2, 1), date(2026, 2, 5), uuid="b")
    b = plaatsing(date(2026, 1, 1), date(2026, 1, 3), uuid="a", dossier="d2")
    regels = kosten_periode([a, b], *periode(2026))
    assert [r.plaatsing_uuid for r in regels] == ["a", "b"]
    assert sum(r.nachten for r in regels) == 6
