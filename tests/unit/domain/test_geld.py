"""Money stays Decimal in whole cents; floats never get in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgapp.domain.errors import DomainError
from zorgapp.domain.geld import CENT, centen_exact, euro, som


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("12.50", "12.50"),
        ("12,50", "12.50"),
        ("€ 1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1.234.567", "1234567.00"),
        (" 7 ", "7.00"),
        (1234, "1234.00"),
        (Decimal("0.105"), "0.11"),  # half up, not banker's rounding
        (Decimal("0.115"), "0.12"),
        ("-3,005", "-3.01"),
    ],
)
def test_euro_parses_and_rounds_half_up(invoer: object, verwacht: str) -> None:
    resultaat = euro(invoer)  # type: ignore[arg-type]
    assert resultaat == Decimal(verwacht)
    assert resultaat.as_tuple().exponent == -2


@pytest.mark.parametrize(
    "invoer", [0.1, 12.0, True, "", "abc", "1,2,3", "NaN", "Infinity", None]
)
def test_euro_refuses_floats_and_nonsense(invoer: object) -> None:
    with pytest.raises(DomainError):
        euro(invoer)  # type: ignore[arg-type]


def test_float_message_is_a_dutch_msgid_with_placeholder() -> None:
    with pytest.raises(DomainError) as info:
        euro(0.1)  # type: ignore[arg-type]
    assert "{waarde}" in info.value.msgid
    assert info.value.params == {"waarde": "0.1"}


def test_centen_exact_refuses_sub_cent_amounts() -> None:
    assert centen_exact(Decimal(85)) == Decimal("85.00")
    with pytest.raises(DomainError):
        centen_exact(Decimal("85.001"))


def test_som_stays_decimal_and_refuses_float() -> None:
    assert som([]) == Decimal("0.00")
    assert isinstance(som([]), Decimal)
    assert som([Decimal("0.10")] * 3) == Decimal("0.30")
    with pytest.raises(DomainError):
        som([Decimal(1), 0.1])  # type: ignore[list-item]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_euro_roundtrips_cents(centen: int) -> None:
    bedrag = Decimal(centen) * CENT
    assert euro(str(bedrag)) == bedrag
    assert euro(str(bedrag).replace(".", ",")) == bedrag
