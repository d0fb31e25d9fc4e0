"""Money helpers: ``Decimal`` in whole cents, end to end.

A float cannot hold 0.10 exactly; one float in a cost report and the shares stop adding
up to the invoice. So every amount enters through :func:`euro` (user input, files) or
:func:`centen_exact` (stored amounts that must already be whole cents), and floats are
refused outright instead of being converted quietly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from zorgapp.domain.errors import N_, DomainError

CENT = Decimal("0.01")
NUL = Decimal("0.00")

_DUIZENDTAL_PUNT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")


def _is_float(value: object) -> bool:
    return isinstance(value, float)


def euro(value: str | int | Decimal) -> Decimal:
    """An amount in euros, rounded half-up to cents.

    Accepts what people type and what files hold: ``"12.50"``, ``"12,50"``,
    ``"€ 1.234,56"``, ``1234``, ``Decimal("0.105")``. A comma is the Dutch decimal
    sign; a dot is a decimal point unless the text is grouped as thousands
    (``"1.234.567"`` or ``"1.234,5"``). Floats are refused: they are already wrong.
    """
    if _is_float(value) or isinstance(value, bool):
        raise DomainError(
            N_(
                "Bedrag {waarde} is een kommagetal van de computer; geef het als tekst of Decimal."
            ),
            waarde=repr(value),
        )
    if isinstance(value, Decimal):
        getal = value
    elif isinstance(value, int):
        getal = Decimal(value)
    elif isinstance(value, str):
        getal = _parse_tekst(value)
    else:
        raise DomainError(
            N_("Bedrag {waarde} is geen geldig bedrag."), waarde=repr(value)
        )
    if not getal.is_finite():
        raise DomainError(
            N_("Bedrag {waarde} is geen geldig bedrag."), waarde=str(value)
        )
    return getal.quantize(CENT, rounding=ROUND_HALF_UP)


def _parse_tekst(tekst: str) -> Decimal:
    schoon = tekst.strip().replace("€", "").replace("EUR", "").replace("eur", "")
    schoon = re.sub(r"[\s\u00a0\u202f]", "", schoon)
    if not schoon:
        raise DomainError(N_("Bedrag is leeg."))
    if "," in schoon and "." in schoon:
        if schoon.rfind(",") > schoon.rfind("."):
            schoon = schoon.replace(".", "").replace(",", ".")  # 1.234,56
        else:
            schoon = schoon.replace(",", "")  # 1,234.56
    elif "," in schoon:
        if schoon.count(",") > 1:
            raise DomainError(
                N_("Bedrag {waarde} is geen geldig bedrag."), waarde=tekst
            )
        schoon = schoon.replace(",", ".")
    elif schoon.count(".") > 1:
        if not _DUIZENDTAL_PUNT.match(schoon):
            raise DomainError(
                N_("Bedrag {waarde} is geen geldig bedrag."), waarde=tekst
            )
        schoon = schoon.replace(".", "")
    try:
        return Decimal(schoon)
    except InvalidOperation:
        raise DomainError(
            N_("Bedrag {waarde} is geen geldig bedrag."), waarde=tekst
        ) from None


def centen_exact(value: Decimal | int | str, *, veld: str = "bedrag") -> Decimal:
    """A stored amount that must already be whole cents; refuses what rounding would hide.

    Used by the dataclasses (rates, cost posts): rounding there would silently change
    an amount somebody agreed on, so a sub-cent value is an error, not a rounding.
    """
    if _is_float(value) or isinstance(value, bool):
        raise DomainError(
            N_(
                "Bedrag {waarde} is een kommagetal van de computer; geef het als tekst of Decimal."
            ),
            waarde=repr(value),
        )
    if isinstance(value, str):
        value = _parse_tekst(value)
    getal = Decimal(value)
    if not getal.is_finite():
        raise DomainError(
            N_("Bedrag {waarde} is geen geldig bedrag."), waarde=str(value)
        )
    afgerond = getal.quantize(CENT, rounding=ROUND_HALF_UP)
    if afgerond != getal:
        raise DomainError(
            N_("{veld} {waarde} heeft meer dan twee cijfers achter de komma."),
            veld=veld,
            waarde=str(value),
        )
    return afgerond


def som(bedragen: Iterable[Decimal]) -> Decimal:
    """Sum of amounts that stays a Decimal (``sum([])`` would give the int 0) and refuses floats."""
    totaal = NUL
    for bedrag in bedragen:
        if _is_float(bedrag):
            raise DomainError(
                N_(
                    "Bedrag {waarde} is een kommagetal van de computer; geef het als tekst of Decimal."
                ),
                waarde=repr(bedrag),
            )
        totaal += bedrag
    return totaal
