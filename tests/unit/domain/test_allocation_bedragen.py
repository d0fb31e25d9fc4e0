"""The amounts alone (``allocation_bedragen``) equal what ``verdeel`` gives, to the cent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.domain.test_allocation import regio_abc, scenario
from zorgapp.domain.allocation import Sleutel, Verdeelsleutel, Verdeling, verdeel
from zorgapp.domain.allocation_bedragen import (
    Kostensommen,
    nacht_centen,
    verdeel_bedragen,
)
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvang import (
    OpvangType,
    Plaatsing,
    PlaatsingStatus,
    Tarief,
    kosten_plaatsing,
)


def uitkomst(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """The result, or the refusal with its message: both must be the same."""
    try:
        return fn(*args, **kwargs)
    except DomainError as exc:
        return ("refused", exc.msgid, sorted(exc.params.items()))


def bedragen(v: Verdeling) -> tuple[Any, ...]:
    return (v.van, v.tot, v.sleutel, v.totaal, v.totaal_niet_verdeeld, v.regio,
            [(a.cbs_code, a.gemeente, a.inwoners, a.bedrag, a.exact) for a in v.aandelen])


@settings(max_examples=300, deadline=None)
@given(scenario(), st.booleans())
def test_amounts_equal_the_explained_allocation(sc: tuple[Any, ...], eigen_gemeente: bool) -> None:
    regio, sleutel, regels, posten, extra = sc
    van, tot, binding = extra["van"], extra["tot"], extra["binding"]
    eigen = {r.plaatsing_uuid: "GM0003" for r in regels[::2]} if eigen_gemeente else {}
    volledig = uitkomst(verdeel, regio, sleutel, regels, posten, binding, van=van, tot=tot,
                        bron_binding=eigen)
    sommen = Kostensommen()
    for r in regels:
        sommen.tel(eigen.get(r.plaatsing_uuid) or binding.get(r.dossier_uuid),
                   int(r.bedrag * 100), r.landelijk)
    for p in posten:
        if van <= p.datum < tot:
            sommen.tel(binding.get(p.dossier_uuid), int(p.bedrag * 100), p.landelijk)
    alleen = uitkomst(verdeel_bedragen, regio, sleutel, sommen, van=van, tot=tot)
    if isinstance(volledig, tuple):
        assert alleen == volledig
        return
    assert isinstance(alleen, Verdeling)
    assert bedragen(alleen) == bedragen(volledig)
    assert not alleen.toegelicht and volledig.toegelicht
    assert all(a.regels == [] for a in alleen.aandelen) and alleen.niet_verdeeld == []


def test_nothing_to_allocate() -> None:
    v = verdeel_bedragen(regio_abc(), Verdeelsleutel(Sleutel.INWONERS), Kostensommen(),
                         van=date(2026, 1, 1), tot=date(2027, 1, 1))
    assert v.totaal == Decimal("0.00") and v.totaal_niet_verdeeld == Decimal("0.00")
    assert [a.bedrag for a in v.aandelen] == [Decimal("0.00")] * 3


@st.composite
def plaatsing_en_periode(draw: st.DrawFn) -> tuple[Plaatsing, date, date, date | None]:
    begin = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    lengte = draw(st.one_of(st.none(), st.integers(0, 300)))
    tarieven = {date(2024, 6, 1) + timedelta(days=draw(st.integers(0, 900))):
                Decimal(draw(st.integers(0, 40_000))) / 100
                for _ in range(draw(st.integers(0, 4)))}
    soort = draw(st.sampled_from(list(OpvangType)))
    p = Plaatsing(uuid="p", dossier_uuid="d", locatie_uuid=None, type=soort,
                  status=PlaatsingStatus.GEPLAATST if lengte is None else PlaatsingStatus.BEEINDIGD,
                  van=begin, tot=None if lengte is None else begin + timedelta(days=lengte),
                  einde_reden=None if lengte is None else "klaar",
                  tarieven=[Tarief(t, d) for d, t in tarieven.items()])
    van = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    tot = van + timedelta(days=draw(st.integers(-3, 400)))
    peil = draw(st.one_of(st.none(), st.just(van + timedelta(days=draw(st.integers(0, 200))))))
    return p, van, tot, peil


@settings(max_examples=400, deadline=None)
@given(plaatsing_en_periode())
def test_night_cents_equal_the_cost_lines(case: tuple[Plaatsing, date, date, date | None]) -> None:
    p, van, tot, peil = case
    assert p.van is not None
    regels = uitkomst(kosten_plaatsing, p, van, tot, peildatum=peil)
    centen = uitkomst(nacht_centen, p.van, p.tot,
                      [(t.geldig_vanaf, int(t.dagtarief * 100)) for t in p.tarieven],
                      van, tot, peildatum=peil, ambulant=p.type is OpvangType.AMBULANT)
    if isinstance(regels, tuple):
        assert centen == regels
    else:
        assert centen == sum(int(r.bedrag * 100) for r in regels)


def test_a_night_without_rate_is_refused_like_the_cost_lines() -> None:
    with pytest.raises(DomainError) as info:
        nacht_centen(date(2026, 1, 1), None, [(date(2026, 2, 1), 10_000)],
                     date(2026, 1, 1), date(2026, 4, 1))
    assert "geen dagtarief" in info.value.msgid
    assert nacht_centen(date(2026, 1, 1), None, [], date(2026, 1, 1), date(2026, 4, 1),
                        ambulant=True) == 0
