"""Issued statements, corrections and the year settlement add up to the cent (properties)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.domain.test_allocation import regio_abc
from zorgapp.domain.allocation import Sleutel, Verdeelsleutel, periode
from zorgapp.domain.allocation_bedragen import Kostensommen, verdeel_bedragen
from zorgapp.domain.vaststelling import maximale, open_correcties, optellen, verrekening

BINDINGEN = [None, "GM0001", "GM0002", "GM0003", "GM0009", "GM0999"]
SLEUTELS = [Verdeelsleutel(Sleutel.INWONERS), Verdeelsleutel(Sleutel.BINDING),
            Verdeelsleutel(Sleutel.MIX, mix_inwoners_pct=Decimal(37)),
            Verdeelsleutel(Sleutel.VAST, vaste_percentages={
                "GM0001": Decimal("33.33"), "GM0002": Decimal("33.33"),
                "GM0003": Decimal("33.34")})]

sommen_st = st.lists(st.tuples(st.sampled_from(BINDINGEN), st.integers(0, 5_000_000),
                               st.booleans()), max_size=8)


def _sommen(regels: list[tuple[str | None, int, bool]]) -> Kostensommen:
    s = Kostensommen()
    for binding, centen, jeugd in regels:
        s.tel(binding, centen, False, jeugd)
    return s


def _centen(sleutel: Verdeelsleutel, s: Kostensommen, van: date, tot: date) -> dict[str, int]:
    v = verdeel_bedragen(regio_abc(), sleutel, s, van=van, tot=tot)
    return {a.cbs_code: int(a.bedrag * 100) for a in v.aandelen}


@settings(max_examples=200, deadline=None)
@given(st.lists(sommen_st, min_size=4, max_size=4), st.sampled_from(SLEUTELS))
def test_quarters_plus_settlement_are_the_year(kwartalen: list, sleutel: Verdeelsleutel) -> None:
    per_kwartaal = [_centen(sleutel, _sommen(k), *periode(2026, i + 1))
                    for i, k in enumerate(kwartalen)]
    jaar = _centen(sleutel, _sommen([r for k in kwartalen for r in k]), *periode(2026))
    settle = verrekening(jaar, per_kwartaal)
    som = optellen([*per_kwartaal, settle])
    assert som == {c: jaar.get(c, 0) for c in som}
    assert sum(settle.values()) == 0  # the totals agree; only rounding moves
    assert all(abs(n) <= 4 for n in settle.values())  # under a cent per statement


@settings(max_examples=200, deadline=None)
@given(sommen_st, sommen_st, st.sampled_from(SLEUTELS), st.integers(0, 3))
def test_issued_plus_corrections_is_what_the_period_costs_now(
        eerst: list, later: list, sleutel: Verdeelsleutel, knip: int) -> None:
    van, tot = periode(2026, 1)
    uitgegeven = _centen(sleutel, _sommen(eerst), van, tot)
    nu = _centen(sleutel, _sommen(later), van, tot)
    open_ = open_correcties((van, tot), uitgegeven, {}, nu)
    na = optellen([uitgegeven, *({c.cbs_code: c.centen} for c in open_)])
    assert {c: n for c, n in na.items() if n} == {c: n for c, n in nu.items() if n}
    # booking some of them leaves exactly the rest open; booking all leaves nothing
    geboekt = optellen({c.cbs_code: c.centen} for c in open_[:knip])
    rest = open_correcties((van, tot), uitgegeven, geboekt, nu)
    assert sorted((c.cbs_code, c.centen) for c in rest) == sorted(
        (c.cbs_code, c.centen) for c in open_[knip:])
    alles = optellen({c.cbs_code: c.centen} for c in open_)
    assert open_correcties((van, tot), uitgegeven, alles, nu) == []
    assert sum(alles.values()) == sum(nu.values()) - sum(uitgegeven.values())


def test_a_year_statement_supersedes_its_quarters() -> None:
    q1, jaar, q1_volgend = periode(2026, 1), periode(2026), periode(2027, 1)
    assert maximale([q1, jaar, q1_volgend]) == [jaar, q1_volgend]
