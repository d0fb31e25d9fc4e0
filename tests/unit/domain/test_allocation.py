"""Allocation naar ratio: exact to the cent, explainable, independent of input order."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgapp.domain.allocation import (
    Sleutel,
    Verdeelsleutel,
    Verdeling,
    periode,
    verdeel,
    verdeel_naar_ratio,
)
from zorgapp.domain.errors import DomainError
from zorgapp.domain.kosten import Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
    kosten_periode,
)
from zorgapp.domain.regio import Gemeente, Regio

CENT = Decimal("0.01")


def regio_abc() -> Regio:
    """A (50,000) < B (30,000) < C (20,000) by CBS code, plus a merged old municipality."""
    return Regio(
        "Test",
        {
            "GM0001": Gemeente("GM0001", "Aadorp", 50_000, date(2026, 1, 1)),
            "GM0002": Gemeente("GM0002", "Beekdal", 30_000, date(2026, 1, 1)),
            "GM0003": Gemeente("GM0003", "Cewolde", 20_000, date(2026, 1, 1)),
            "GM0009": Gemeente("GM0009", "Oud-Beekdal", 4_000, opgegaan_in="GM0002"),
        },
    )


def plaatsing(
    uuid: str,
    dossier: str,
    van: date,
    tot: date | None,
    dagtarief: str = "100.00",
    type: OpvangType = OpvangType.VO,
) -> Plaatsing:
    return Plaatsing(
        uuid=uuid,
        dossier_uuid=dossier,
        locatie_uuid="loc",
        type=type,
        status=PlaatsingStatus.BEEINDIGD if tot else PlaatsingStatus.GEPLAATST,
        van=van,
        tot=tot,
        einde_reden="zelfstandig" if tot else None,
        tarieven=[Tarief(Decimal(dagtarief), date(2020, 1, 1))],
    )


def bedragen(verdeling: Verdeling) -> dict[str, Decimal]:
    return {a.cbs_code: a.bedrag for a in verdeling.aandelen}


# --- verdeel_naar_ratio -----------------------------------------------------------------


def test_100_01_over_50_30_20_thousand() -> None:
    assert verdeel_naar_ratio(
        Decimal("100.01"), {"GM0003": 20_000, "GM0001": 50_000, "GM0002": 30_000}
    ) == {
        "GM0001": Decimal("50.01"),
        "GM0002": Decimal("30.00"),
        "GM0003": Decimal("20.00"),
    }


def test_ties_go_to_the_lower_code() -> None:
    assert verdeel_naar_ratio(Decimal("0.01"), {"GM0002": 1, "GM0001": 1}) == {
        "GM0001": Decimal("0.01"),
        "GM0002": Decimal("0.00"),
    }
    assert verdeel_naar_ratio(
        Decimal("0.02"), {"GM0003": 1, "GM0002": 1, "GM0001": 1}
    ) == {
        "GM0001": Decimal("0.01"),
        "GM0002": Decimal("0.01"),
        "GM0003": Decimal("0.00"),
    }


def test_zero_weight_gets_nothing_and_decimal_weights_work() -> None:
    assert verdeel_naar_ratio(
        Decimal(10), {"A": Decimal("0.5"), "B": 0, "C": Decimal("1.5")}
    ) == {
        "A": Decimal("2.50"),
        "B": Decimal("0.00"),
        "C": Decimal("7.50"),
    }


@pytest.mark.parametrize(
    "gewichten", [{}, {"A": 0, "B": 0}, {"A": -1, "B": 2}, {"A": 1.5}, {"A": True}]
)
def test_bad_weights_refused(gewichten: dict[str, object]) -> None:
    with pytest.raises(DomainError):
        verdeel_naar_ratio(Decimal("1.00"), gewichten)  # type: ignore[arg-type]


def test_bad_totals_refused() -> None:
    with pytest.raises(DomainError):
        verdeel_naar_ratio(1.0, {"A": 1})  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        verdeel_naar_ratio(Decimal("1.001"), {"A": 1})


codes = st.integers(min_value=1, max_value=2000).map(lambda n: f"GM{n:04d}")
gewichten_st = st.dictionaries(
    codes,
    st.one_of(
        st.integers(min_value=1, max_value=10**7),
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal(1000000), places=3),
    ),
    min_size=1,
    max_size=30,
)
totalen = st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c) * CENT)


@given(totaal=totalen, gewichten=gewichten_st, zaad=st.randoms())
def test_ratio_properties(
    totaal: Decimal, gewichten: dict[str, Decimal | int], zaad: random.Random
) -> None:
    delen = verdeel_naar_ratio(totaal, gewichten)
    assert sum(delen.values(), Decimal(0)) == totaal
    assert set(delen) == set(gewichten)
    som_w = sum((Fraction(w) for w in gewichten.values()), Fraction(0))
    for code, deel in delen.items():
        assert deel >= 0
        assert deel == deel.quantize(CENT)
        exact = Fraction(totaal) * Fraction(gewichten[code]) / som_w
        assert abs(Fraction(deel) - exact) < Fraction(1, 100)
    items = list(gewichten.items())
    zaad.shuffle(items)
    assert verdeel_naar_ratio(totaal, dict(items)) == delen


# --- Verdeelsleutel ----------------------------------------------------------------------


def test_vast_must_sum_to_exactly_100() -> None:
    with pytest.raises(DomainError) as info:
        Verdeelsleutel(
            Sleutel.VAST, {"GM0001": Decimal(50), "GM0002": Decimal("49.99")}
        )
    assert info.value.params == {"som": "99.99"}
    with pytest.raises(DomainError):
        Verdeelsleutel(
            Sleutel.VAST, {"GM0001": Decimal(60), "GM0002": Decimal("40.01")}
        )
    with pytest.raises(DomainError):
        Verdeelsleutel(Sleutel.VAST, None)
    with pytest.raises(DomainError):
        Verdeelsleutel(Sleutel.VAST, {"GM0001": 60.0, "GM0002": 40})  # type: ignore[dict-item]
    with pytest.raises(DomainError):
        Verdeelsleutel(Sleutel.VAST, {"GM0001": Decimal(110), "GM0002": Decimal(-10)})
    Verdeelsleutel(
        Sleutel.VAST,
        {"GM0001": Decimal("33.34"), "0002": 33, "GM0003": Decimal("33.66")},  # type: ignore[dict-item]
    )


@pytest.mark.parametrize("pct", [Decimal(-1), Decimal("100.01"), None])
def test_mix_percentage_between_0_and_100(pct: Decimal | None) -> None:
    with pytest.raises(DomainError):
        Verdeelsleutel(Sleutel.MIX, mix_inwoners_pct=pct)


# --- verdeel -----------------------------------------------------------------------------


def q1_regels(*plaatsingen: Plaatsing) -> list:
    return kosten_periode(plaatsingen, *periode(2026, 1))


def test_inwoners_key_splits_whole_total() -> None:
    # 1 night at 100.01 -> the €100.01 example end to end
    p = plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 2), "100.01")
    v = verdeel(
        regio_abc(),
        Verdeelsleutel(Sleutel.INWONERS),
        q1_regels(p),
        [],
        {},
        van=date(2026, 1, 1),
        tot=date(2026, 4, 1),
    )
    assert bedragen(v) == {
        "GM0001": Decimal("50.01"),
        "GM0002": Decimal("30.00"),
        "GM0003": Decimal("20.00"),
    }
    assert v.totaal == Decimal("100.01")
    assert [a.cbs_code for a in v.aandelen] == [
        "GM0001",
        "GM0002",
        "GM0003",
    ]  # merged one has no share
    a = v.aandeel("GM0001")
    assert (
        a is not None
        and a.exact == Decimal("50.0050")
        and a.afronding == Decimal("0.0050")
    )
    [regel] = a.regels
    assert (regel.dossier_uuid, regel.nachten, regel.dagtarief, regel.grondslag) == (
        "d1",
        1,
        Decimal("100.01"),
        Sleutel.INWONERS,
    )
    assert regel.deel == Decimal("0.500000")


def test_binding_key_charges_each_dossier_to_its_municipality() -> None:
    regels = q1_regels(
        plaatsing(
            "p1", "d1", date(2026, 1, 15), date(2026, 4, 10)
        ),  # 76 nights -> 7600
        plaatsing("p2", "d2", date(2026, 3, 1), date(2026, 3, 11)),  # 10 nights -> 1000
    )
    v = verdeel(
        regio_abc(),
        Verdeelsleutel(Sleutel.BINDING),
        regels,
        [],
        {"d1": "GM0003", "d2": "0001"},
    )
    assert bedragen(v) == {
        "GM0001": Decimal("1000.00"),
        "GM0002": Decimal("0.00"),
        "GM0003": Decimal("7600.00"),
    }
    [regel] = v.aandeel("GM0003").regels
    assert (regel.nachten, regel.dagtarief, regel.bedrag, regel.grondslag) == (
        76,
        Decimal("100.00"),
        Decimal("7600.00"),
        Sleutel.BINDING,
    )


def test_binding_to_merged_municipality_goes_to_successor() -> None:
    regels = q1_regels(plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 11)))
    v = verdeel(
        regio_abc(), Verdeelsleutel(Sleutel.BINDING), regels, [], {"d1": "GM0009"}
    )
    assert bedragen(v)["GM0002"] == Decimal("1000.00")
    assert v.aandeel("GM0002").regels[0].binding == "GM0009"


def test_binding_through_national_merger_list() -> None:
    regels = q1_regels(plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 11)))
    landelijk = {"GM0777": Gemeente("GM0777", "Elders-Oud", opgegaan_in="GM0003")}
    v = verdeel(
        regio_abc(),
        Verdeelsleutel(Sleutel.BINDING),
        regels,
        [],
        {"d1": "GM0777"},
        alle_gemeenten=landelijk,
    )
    assert bedragen(v)["GM0003"] == Decimal("1000.00")


def test_binding_missing_or_outside_region_goes_by_inhabitants() -> None:
    regels = q1_regels(
        plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 11)),
        plaatsing("p2", "d2", date(2026, 1, 1), date(2026, 1, 11)),
    )
    v = verdeel(
        regio_abc(),
        Verdeelsleutel(Sleutel.BINDING),
        regels,
        [],
        {"d1": None, "d2": "GM0363"},
    )
    assert bedragen(v) == {
        "GM0001": Decimal("1000.00"),
        "GM0002": Decimal("600.00"),
        "GM0003": Decimal("400.00"),
    }
    assert {r.binding for r in v.aandeel("GM0001").regels} == {None, "GM0363"}


def test_mix_key() -> None:
    regels = q1_regels(
        plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 11))
    )  # 1000.00
    sleutel = Verdeelsleutel(Sleutel.MIX, mix_inwoners_pct=Decimal(40))
    v = verdeel(regio_abc(), sleutel, regels, [], {"d1": "GM0003"})
    # 400 by inhabitants (200/120/80), 600 to Cewolde
    assert bedragen(v) == {
        "GM0001": Decimal("200.00"),
        "GM0002": Decimal("120.00"),
        "GM0003": Decimal("680.00"),
    }
    gronden = sorted((r.grondslag, r.bedrag_deel) for r in v.aandeel("GM0003").regels)
    assert gronden == [
        (Sleutel.BINDING, Decimal("600.0000")),
        (Sleutel.INWONERS, Decimal("80.0000")),
    ]
    # without binding the mix is all inhabitants
    v2 = verdeel(regio_abc(), sleutel, regels, [], {})
    assert bedragen(v2) == {
        "GM0001": Decimal("500.00"),
        "GM0002": Decimal("300.00"),
        "GM0003": Decimal("200.00"),
    }


def test_vast_key() -> None:
    regels = q1_regels(
        plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 2), "100.00")
    )
    sleutel = Verdeelsleutel(
        Sleutel.VAST,
        {
            "GM0001": Decimal("33.33"),
            "GM0002": Decimal("33.33"),
            "GM0009": Decimal("0.01"),
            "GM0003": Decimal("33.33"),
        },
    )
    v = verdeel(regio_abc(), sleutel, regels, [], {})
    # Oud-Beekdal's 0.01% goes to its successor; exact 33.33/33.34/33.33
    assert bedragen(v) == {
        "GM0001": Decimal("33.33"),
        "GM0002": Decimal("33.34"),
        "GM0003": Decimal("33.33"),
    }


def test_vast_percentage_outside_region_refused() -> None:
    sleutel = Verdeelsleutel(
        Sleutel.VAST, {"GM0001": Decimal(50), "GM0999": Decimal(50)}
    )
    with pytest.raises(DomainError):
        verdeel(regio_abc(), sleutel, [], [], {})


def test_national_costs_listed_not_allocated() -> None:
    regels = q1_regels(
        plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 11)),
        plaatsing(
            "p2",
            "d2",
            date(2026, 1, 1),
            date(2026, 1, 11),
            "200.00",
            type=OpvangType.COSM,
        ),
        plaatsing(
            "p3",
            "d3",
            date(2026, 2, 1),
            date(2026, 2, 2),
            "300.00",
            type=OpvangType.OMM,
        ),
    )
    posten = [
        Kostenpost("k1", "d1", KostenSoort.TOLK, date(2026, 2, 3), Decimal("90.00")),
        Kostenpost(
            "k2",
            "d2",
            KostenSoort.LEEFGELD,
            date(2026, 2, 3),
            Decimal("55.50"),
            landelijk=True,
        ),
        Kostenpost(
            "k3", "d1", KostenSoort.REISKOSTEN, date(2026, 5, 1), Decimal("12.00")
        ),  # outside Q1
    ]
    v = verdeel(
        regio_abc(),
        Verdeelsleutel(Sleutel.INWONERS),
        regels,
        posten,
        {},
        van=date(2026, 1, 1),
        tot=date(2026, 4, 1),
    )
    assert v.totaal == Decimal("1090.00")
    assert sum(a.bedrag for a in v.aandelen) == Decimal("1090.00")
    assert v.totaal_niet_verdeeld == Decimal("2355.50")
    assert {getattr(r, "plaatsing_uuid", None) or r.uuid for r in v.niet_verdeeld} == {
        "p2",
        "p3",
        "k2",
    }
    assert all(r.dossier_uuid != "d2" for a in v.aandelen for r in a.regels)


def test_missing_inhabitants_refused_only_when_needed() -> None:
    regio = Regio(
        "R", {"GM0001": Gemeente("GM0001", "A", 10), "GM0002": Gemeente("GM0002", "B")}
    )
    regels = q1_regels(plaatsing("p1", "d1", date(2026, 1, 1), date(2026, 1, 2)))
    with pytest.raises(DomainError) as info:
        verdeel(regio, Verdeelsleutel(Sleutel.INWONERS), regels, [], {})
    assert info.value.params == {"gemeente": "B"}
    v = verdeel(regio, Verdeelsleutel(Sleutel.BINDING), regels, [], {"d1": "GM0002"})
    assert bedragen(v) == {"GM0001": Decimal("0.00"), "GM0002": Decimal("100.00")}


def test_nothing_to_allocate_gives_zero_shares() -> None:
    v = verdeel(regio_abc(), Verdeelsleutel(Sleutel.INWONERS), [], [], {})
    assert v.totaal == Decimal("0.00") and all(a.bedrag == 0 for a in v.aandelen)


def test_periode() -> None:
    assert periode(2026) == (date(2026, 1, 1), date(2027, 1, 1))
    assert periode(2026, kwartaal=2) == (date(2026, 4, 1), date(2026, 7, 1))
    assert periode(2026, kwartaal=4) == (date(2026, 10, 1), date(2027, 1, 1))
    assert periode(2028, maand=2) == (date(2028, 2, 1), date(2028, 3, 1))
    assert periode(2026, maand=12) == (date(2026, 12, 1), date(2027, 1, 1))
    for fout in ({"kwartaal": 5}, {"maand": 13}, {"kwartaal": 1, "maand": 1}):
        with pytest.raises(DomainError):
            periode(2026, **fout)


# --- end-to-end property -----------------------------------------------------------------

REGIO_CODES = ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"]
BINDINGEN = [None, "GM0001", "GM0002", "GM0003", "GM0004", "GM0005", "GM0009", "GM0999"]


@st.composite
def scenario(draw: st.DrawFn) -> tuple[Regio, Verdeelsleutel, list, list, dict]:
    inwoners = draw(
        st.lists(
            st.integers(min_value=0, max_value=200_000), min_size=5, max_size=5
        ).filter(lambda xs: sum(xs) > 0)
    )
    gemeenten = {
        c: Gemeente(c, f"Gemeente {c}", n, date(2026, 1, 1))
        for c, n in zip(REGIO_CODES, inwoners, strict=True)
    }
    gemeenten["GM0009"] = Gemeente("GM0009", "Opgeheven", 1000, opgegaan_in="GM0004")
    regio = Regio("Prop", gemeenten)
    soort = draw(st.sampled_from(list(Sleutel)))
    if soort is Sleutel.VAST:
        punten = draw(
            st.lists(
                st.integers(min_value=0, max_value=10_000), min_size=5, max_size=5
            ).filter(lambda xs: sum(xs) > 0)
        )
        # percentages in hundredths that sum to exactly 100
        honderdsten = verdeel_naar_ratio(Decimal(100), dict(zip(REGIO_CODES, punten, strict=True)))
        sleutel = Verdeelsleutel(soort, honderdsten)
    elif soort is Sleutel.MIX:
        sleutel = Verdeelsleutel(
            soort, mix_inwoners_pct=Decimal(draw(st.integers(0, 10_000))) / 100
        )
    else:
        sleutel = Verdeelsleutel(soort)
    van, tot = periode(2026, kwartaal=draw(st.integers(1, 4)))
    plaatsingen = []
    binding: dict[str, str | None] = {}
    for i in range(draw(st.integers(0, 8))):
        dossier = f"d{draw(st.integers(0, 5))}"
        binding[dossier] = draw(st.sampled_from(BINDINGEN))
        start = date(2025, 10, 1) + timedelta(days=draw(st.integers(0, 450)))
        lengte = draw(st.one_of(st.none(), st.integers(0, 200)))
        tarieven = [
            Tarief(Decimal(draw(st.integers(0, 50_000))) * CENT, date(2025, 1, 1))
        ]
        for _ in range(draw(st.integers(0, 3))):
            tarieven.append(
                Tarief(
                    Decimal(draw(st.integers(0, 50_000))) * CENT,
                    date(2025, 10, 1) + timedelta(days=draw(st.integers(1, 500))),
                )
            )
        if len({t.geldig_vanaf for t in tarieven}) != len(tarieven):
            continue
        eind = None if lengte is None else start + timedelta(days=lengte)
        plaatsingen.append(
            Plaatsing(
                uuid=f"p{i}",
                dossier_uuid=dossier,
                locatie_uuid="loc",
                type=draw(st.sampled_from(list(OpvangType))),
                status=PlaatsingStatus.BEEINDIGD if eind else PlaatsingStatus.GEPLAATST,
                van=start,
                tot=eind,
                einde_reden="klaar" if eind else None,
                tarieven=tarieven,
            )
        )
    regels = kosten_periode(plaatsingen, van, tot)
    posten = [
        Kostenpost(
            f"k{i}",
            f"d{draw(st.integers(0, 5))}",
            draw(st.sampled_from(list(KostenSoort))),
            van + timedelta(days=draw(st.integers(0, 120))),
            Decimal(draw(st.integers(0, 10**6))) * CENT,
            landelijk=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    for post in posten:
        binding.setdefault(post.dossier_uuid, draw(st.sampled_from(BINDINGEN)))
    return regio, sleutel, regels, posten, {"van": van, "tot": tot, "binding": binding}


@settings(max_examples=150, deadline=None)
@given(scenario(), st.randoms())
def test_verdeel_end_to_end_properties(sc: tuple, zaad: random.Random) -> None:
    regio, sleutel, regels, posten, extra = sc
    van, tot, binding = extra["van"], extra["tot"], extra["binding"]
    v = verdeel(regio, sleutel, regels, posten, binding, van=van, tot=tot)
    binnen = [p for p in posten if van <= p.datum < tot]
    verwacht = sum((r.bedrag for r in regels if not r.landelijk), Decimal(0)) + sum(
        (p.bedrag for p in binnen if not p.landelijk), Decimal(0)
    )
    assert v.totaal == verwacht
    assert sum((a.bedrag for a in v.aandelen), Decimal(0)) == v.totaal
    assert v.totaal_niet_verdeeld == sum(
        (r.bedrag for r in [*regels, *binnen] if r.landelijk), Decimal(0)
    )
    assert [a.cbs_code for a in v.aandelen] == REGIO_CODES
    for a in v.aandelen:
        assert a.bedrag >= 0
        assert abs(a.bedrag - a.exact) < CENT
        # the explanation accounts for the exact amount (up to display rounding)
        assert abs(
            sum((r.bedrag_deel for r in a.regels), Decimal(0)) - a.exact
        ) <= Decimal("0.0001") * (len(a.regels) + 1)
        assert all(r.dossier_uuid for r in a.regels)
    # JEUGD is paid whole by its Jeugdwet municipality whatever the key (DOMAIN §6; its own
    # tests in tests/unit/services/test_geld_betaler.py): the inhabitants' proportion holds
    # for what is spread by the key.
    jeugd = any(r.type is OpvangType.JEUGD and not r.landelijk and r.bedrag for r in regels)
    if sleutel.soort is Sleutel.INWONERS and v.totaal and not jeugd:
        som_inw = sum(g.inwoners or 0 for g in regio.actieve_gemeenten())
        for a in v.aandelen:
            exact = Fraction(v.totaal) * (a.inwoners or 0) / som_inw
            assert abs(Fraction(a.bedrag) - exact) < Fraction(1, 100)
    # input order changes nothing
    regels2, posten2 = list(regels), list(posten)
    zaad.shuffle(regels2)
    zaad.shuffle(posten2)
    gemeenten2 = list(regio.gemeenten.values())
    zaad.shuffle(gemeenten2)
    binding2 = list(binding.items())
    zaad.shuffle(binding2)
    v2 = verdeel(
        Regio(regio.naam, {g.cbs_code: g for g in gemeenten2}),
        sleutel,
        regels2,
        posten2,
        dict(binding2),
        van=van,
        tot=tot,
    )
    assert v2 == v
