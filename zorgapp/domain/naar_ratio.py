"""Splitting an amount naar ratio in whole cents, exactly.

Weights and percentages are exact fractions (floats are refused), and rounding happens
once, on the final amounts, by the largest-remainder method with ties to the lower key
(CBS code), so the result does not depend on the order of the input. Used by the cost
allocation (``allocation.verdeel``) and on its own for fixed percentages.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.geld import CENT, centen_exact


def als_fractie(waarde: object, *, wat: str) -> Fraction:
    """Exact arithmetic for weights and percentages; floats are refused, not trusted."""
    if isinstance(waarde, bool | float) or not isinstance(waarde, int | Decimal):
        raise DomainError(
            N_("{wat} {waarde} moet een geheel getal of Decimal zijn."),
            wat=wat,
            waarde=repr(waarde),
        )
    if isinstance(waarde, Decimal) and not waarde.is_finite():
        raise DomainError(
            N_("{wat} {waarde} is geen getal."), wat=wat, waarde=str(waarde)
        )
    return Fraction(waarde)


def centen(totaal: Decimal) -> int:
    """A total in whole cents; a float or a part of a cent is refused with a message."""
    if isinstance(totaal, float):
        centen_exact(totaal)  # raises the float message
    return int(centen_exact(totaal, veld="Totaal") * 100)


def naar_decimaal(waarde: Fraction, stap: Decimal) -> Decimal:
    """An exact fraction shown as a decimal rounded half up to ``stap`` (display only)."""
    return (Decimal(waarde.numerator) / Decimal(waarde.denominator)).quantize(
        stap, rounding=ROUND_HALF_UP
    )


def grootste_rest(
    totaal_centen: int, exact_centen: Mapping[str, Fraction]
) -> dict[str, int]:
    """Whole cents per key from exact non-negative cent amounts that sum to the total.

    Everyone gets the floor; the cents left over go one each to the largest remainders,
    ties to the lower key. Sorting by key makes the result independent of input order.
    """
    basis = {k: floor(v) for k, v in exact_centen.items()}
    over = totaal_centen - sum(basis.values())
    volgorde = sorted(exact_centen, key=lambda k: (-(exact_centen[k] - basis[k]), k))
    if not 0 <= over <= len(volgorde):
        raise AssertionError(
            "exact shares do not add up to the total"
        )  # a bug, not input
    for k in volgorde[:over]:
        basis[k] += 1
    return dict(sorted(basis.items()))


def _exacte_gewichten(gewichten: Mapping[str, Decimal | int]) -> dict[str, Fraction]:
    """The weights as exact fractions; refused when empty, negative or all zero."""
    if not gewichten:
        raise DomainError(
            N_("Er is niets om over te verdelen: geen gemeenten met een gewicht.")
        )
    exact_gewichten = {k: als_fractie(w, wat="Gewicht") for k, w in gewichten.items()}
    for k, w in exact_gewichten.items():
        if w < 0:
            raise DomainError(
                N_("Het gewicht van {code} mag niet negatief zijn."), code=k
            )
    if sum(exact_gewichten.values(), Fraction(0)) == 0:
        raise DomainError(
            N_("Alle gewichten zijn nul; er is geen verhouding om naar te verdelen.")
        )
    return exact_gewichten


def verdeel_naar_ratio(
    totaal: Decimal, gewichten: Mapping[str, Decimal | int]
) -> dict[str, Decimal]:
    """Split ``totaal`` over keys in proportion to their weights, in whole cents.

    The shares add up exactly to ``totaal``, none is negative (for a non-negative total),
    each is within one cent of its exact ratio, and ties go to the lower key (CBS code),
    whatever the input order. €100.01 over 50,000 / 30,000 / 20,000 gives
    50.01 / 30.00 / 20.00. A negative total (a credit) is split like its opposite.
    """
    totaal_centen = centen(totaal)
    exact_gewichten = _exacte_gewichten(gewichten)
    som_gewichten = sum(exact_gewichten.values(), Fraction(0))
    teken = -1 if totaal_centen < 0 else 1
    exact = {
        k: abs(totaal_centen) * w / som_gewichten for k, w in exact_gewichten.items()
    }
    afgerond = grootste_rest(abs(totaal_centen), exact)
    return {k: (Decimal(teken * c) * CENT).quantize(CENT) for k, c in afgerond.items()}
