"""Use case: issue (vaststellen) a statement, and show statements the way they were issued.

An issued statement is frozen (``store.geld``): its shares are the ones issued, whatever
changed since. What changed appears as correction lines in the next statement (any
statement of a later period that is not issued yet shows the corrections still open;
issuing it books them). A year statement shows a settlement line: the year minus what
its quarterly statements and the corrections booked for the year already charged, so the
three add up to the year to the cent (``domain.vaststelling``).

The amounts behind corrections and settlements are the fast ones (``sommen``: one read
of the span in integer cents), never the line-by-line explanation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from zorgapp.domain.allocation import periode as maak_periode
from zorgapp.domain.allocation_bedragen import verdeel_bedragen
from zorgapp.domain.errors import DomainError
from zorgapp.domain.vaststelling import (
    Correctie,
    binnen,
    maximale,
    open_correcties,
    optellen,
    overlappen,
    verrekening,
)
from zorgapp.domain.verdeling import Verdeling
from zorgapp.errors import N_, ValidationError
from zorgapp.i18n import format_date
from zorgapp.services.opvang_service import validatie
from zorgapp.services.region_service import RegionService
from zorgapp.store import audit, geld

if TYPE_CHECKING:
    from zorgapp.services.allocation_service import AllocationService, Uitkomst

Periode = tuple[date, date]


def centen_van(v: Verdeling) -> dict[str, int]:
    return {a.cbs_code: int(a.bedrag * 100) for a in v.aandelen}


def bedragen(service: AllocationService, perioden: list[Periode]) -> list[dict[str, int]]:
    """Each period's shares in cents with its year's region and key, from one read."""
    if not perioden:
        return []
    regios = RegionService(service.vault)
    alle = regios.alle_gemeenten()
    uit = []
    for (van, tot), (som, _elders) in zip(perioden, service.sommen(perioden, service.vandaag()),
                                          strict=True):
        try:
            v = verdeel_bedragen(regios.regio_in_jaar(van.year), regios.sleutel(van.year), som,
                                 van=van, tot=tot, alle_gemeenten=alle)
        except DomainError as exc:
            raise validatie(exc) from None
        uit.append(centen_van(v))
    return uit


def _is_jaar(p: Periode) -> bool:
    return p[0].month == 1 and p[0].day == 1 and p[1] == date(p[0].year + 1, 1, 1)


def _kwartalen(jaar: int) -> list[Periode]:
    return [maak_periode(jaar, k) for k in (1, 2, 3, 4)]


def _bevroren(uitkomst: Uitkomst, v: geld.Vaststelling) -> Uitkomst:
    """The statement as issued: the issued shares (the lines are today's explanation)."""
    oud = {a.cbs_code: a for a in uitkomst.verdeling.aandelen}
    aandelen = []
    for code, n in sorted(v.aandelen.items()):
        bedrag = (Decimal(n) / 100).quantize(Decimal("0.01"))
        if code in oud:
            aandelen.append(replace(oud[code], bedrag=bedrag,
                                    na_vaststelling=oud[code].bedrag - bedrag))
    verdeling = replace(uitkomst.verdeling, aandelen=aandelen, totaal=Decimal(v.totaal))
    correcties = [Correctie(pv, pt, c, n) for (pv, pt, c), n in v.correcties.items()]
    return replace(uitkomst, verdeling=verdeling, vastgesteld=v.vastgesteld_op,
                   correcties=correcties,
                   verrekening=dict(v.verrekening) if _is_jaar((v.van, v.tot)) else None)


def met_vaststelling(service: AllocationService, uitkomst: Uitkomst, *,
                     vrij_gekozen: bool = False) -> Uitkomst:
    """The statement of ``uitkomst``'s period: frozen when issued, else with its open
    corrections and (a year) its settlement. A key asked for explicitly is a what-if:
    no statement then."""
    if vrij_gekozen:
        return uitkomst
    with service.vault.read() as db:
        alle = geld.vaststellingen(db)
    eigen_periode = (uitkomst.van, uitkomst.tot)
    eigen = next((v for v in alle if (v.van, v.tot) == eigen_periode), None)
    if eigen is not None:
        return _bevroren(uitkomst, eigen)
    uitgegeven = {(v.van, v.tot): v for v in alle}
    geboekt: dict[Periode, dict[str, int]] = {}
    for v in alle:
        for (pv, pt, code), n in v.correcties.items():
            per = geboekt.setdefault((pv, pt), {})
            per[code] = per.get(code, 0) + n
    eerder = [p for p in maximale(uitgegeven) if p[1] <= uitkomst.van]
    kwartalen = _kwartalen(uitkomst.van.year) if _is_jaar(eigen_periode) else []
    nodig = eerder + [q for q in kwartalen if q not in uitgegeven]
    nu = dict(zip(nodig, bedragen(service, nodig), strict=True))
    correcties: list[Correctie] = []
    for p in eerder:
        correcties += open_correcties(p, uitgegeven[p].aandelen, geboekt.get(p, {}), nu[p])
    settlement = None
    if kwartalen:
        per_kwartaal = [uitgegeven[q].aandelen if q in uitgegeven else nu[q] for q in kwartalen]
        binnen_jaar = [n for p, n in geboekt.items() if binnen(p, eigen_periode)]
        settlement = verrekening(centen_van(uitkomst.verdeling), per_kwartaal, binnen_jaar)
    return replace(uitkomst, correcties=correcties, verrekening=settlement)


def stel_vast(service: AllocationService, jaar: int, kwartaal: int | None = None,
              maand: int | None = None, actor: str = "") -> Uitkomst:
    """Issue a period's statement: frozen from now on; audited. Refused for a period
    not over yet, one already issued, one inside an issued period, or one overlapping an
    issued period (except a year over its issued quarters: its settlement settles them)."""
    try:
        van, tot = maak_periode(jaar, kwartaal, maand)
    except DomainError as exc:
        raise validatie(exc) from None
    if tot > service.vandaag():
        raise ValidationError(N_(
            "De periode loopt nog tot en met {datum}; stel haar vast als ze voorbij is."),
            datum=format_date(date.fromordinal(tot.toordinal() - 1)))
    with service.vault.read() as db:
        alle = geld.vaststellingen(db)
    for eerder in alle:
        if binnen((van, tot), (eerder.van, eerder.tot)):
            raise ValidationError(N_(
                "De periode {van} t/m {tot} is al vastgesteld; wijzigingen komen als "
                "correctie in de volgende periode."), van=format_date(eerder.van),
                tot=format_date(date.fromordinal(eerder.tot.toordinal() - 1)))
        # Only a year may cover issued periods: its settlement line absorbs its quarters.
        kwartaal_in_jaar = _is_jaar((van, tot)) and (eerder.van, eerder.tot) in _kwartalen(jaar)
        if overlappen((van, tot), (eerder.van, eerder.tot)) and not kwartaal_in_jaar:
            raise ValidationError(N_(
                "De periode overlapt met de vastgestelde periode {van} t/m {tot}; stel "
                "kwartalen en daarna het jaar vast."), van=format_date(eerder.van),
                tot=format_date(date.fromordinal(eerder.tot.toordinal() - 1)))
    uitkomst = service.bereken(jaar, kwartaal, maand, toelichting=False)
    v = uitkomst.verdeling
    namen = {a.cbs_code: a.gemeente for a in v.aandelen}
    correcties: dict[tuple[date, date, str], int] = {}
    for c in uitkomst.correcties:
        correcties[(c.van, c.tot, c.cbs_code)] = correcties.get((c.van, c.tot, c.cbs_code), 0) + c.centen
    with service.vault.transaction() as db:
        geld.bewaar_vaststelling(db, geld.Vaststelling(
            van=van, tot=tot, sleutel=str(v.sleutel.soort), totaal=f"{v.totaal:.2f}",
            niet_verdeeld=f"{v.totaal_niet_verdeeld:.2f}", vastgesteld_op="", actor=actor,
            aandelen=centen_van(v), namen=namen, correcties=correcties,
            verrekening=uitkomst.verrekening or {}))
        service.vault.audit.record(audit.CHANGE, record_type="kostenverdeling",
                                   record_uuid=f"{van.isoformat()}/{tot.isoformat()}",
                                   fields=["vastgesteld"])
    return service.bereken(jaar, kwartaal, maand, toelichting=False)


def correctie_totaal(correcties: list[Correctie]) -> dict[str, int]:
    """Corrections summed per municipality (the statement's correction column)."""
    return optellen({c.cbs_code: c.centen} for c in correcties)
