"""Cost allocation naar ratio: which municipality pays which part of the region's costs.

Municipalities check these figures against their own budgets, so three things hold:
the shares add up to the total to the cent; a share never differs from its exact ratio
by a cent or more; and every amount can be explained line by line (which dossier,
which nights, which rate, on what ground). Rounding happens once, on the final
per-municipality amounts, by the largest-remainder method with ties to the lower CBS
code, so the result does not depend on the order of the input.

Nationally funded costs (COSM, OMM, bedenktijd allowance) are listed but never
allocated. Allocation never blocks a placement: it only reads what was recorded.

``verdeel`` runs in named steps: cut the cost posts to the period, turn lines and posts
into items, find each item's ground and spread it over the municipalities
(``spreiding``), round once (``naar_ratio``), and explain. The key lives in
``verdeelsleutel``, the result types in ``verdeling``; they are re-exported here, where
callers have always found them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from zorgapp.domain.betaler import nachten_in
from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.geld import CENT, som
from zorgapp.domain.kosten import Kostenpost
from zorgapp.domain.naar_ratio import (
    centen,
    grootste_rest,
    naar_decimaal,
    verdeel_naar_ratio,
)
from zorgapp.domain.opvang import Kostenregel
from zorgapp.domain.regio import Gemeente, Regio
from zorgapp.domain.spreiding import (
    Bijdragen,
    Grondslagen,
    Post,
    spreid,
    uit_post,
    uit_regel,
)
from zorgapp.domain.verdeelsleutel import (
    HONDERD,
    SLEUTEL_LABELS,
    Sleutel,
    Verdeelsleutel,
)
from zorgapp.domain.verdeling import Aandeel, Bron, Toelichting, Verdeling

__all__ = [
    "HONDERD",
    "SLEUTEL_LABELS",
    "Aandeel",
    "Bron",
    "Sleutel",
    "Toelichting",
    "Verdeelsleutel",
    "Verdeling",
    "periode",
    "verdeel",
    "verdeel_naar_ratio",
]

_DEEL = Decimal("0.000001")
_BEDRAG_EXACT = Decimal("0.0001")


# --- step 1: what is allocated -----------------------------------------------------------


def _posten_in_periode(
    regels: list[Kostenregel],
    posten: list[Kostenpost],
    van: date | None,
    tot: date | None,
) -> list[Kostenpost]:
    """The cost posts inside ``[van, tot)``; a cost line outside it is a programming error."""
    if van is not None and tot is not None and tot < van:
        raise DomainError(
            N_("De einddatum {tot} ligt vóór de begindatum {van}."), van=van, tot=tot
        )
    if van is None and tot is None:
        return posten
    for regel in regels:
        if (van is not None and regel.van < van) or (
            tot is not None and regel.tot > tot
        ):
            raise ValueError(
                "cost line outside the allocation period; cut it with kosten_periode"
            )
    return [
        p
        for p in posten
        if (van is None or p.datum >= van) and (tot is None or p.datum < tot)
    ]


def _landelijk(
    regels: list[Kostenregel], posten: list[Kostenpost]
) -> list[Kostenregel | Kostenpost]:
    """Nationally funded lines and posts, listed by date but never allocated."""
    landelijk: list[Kostenregel | Kostenpost] = [r for r in regels if r.landelijk]
    landelijk += [p for p in posten if p.landelijk]
    landelijk.sort(
        key=lambda r: (
            r.van if isinstance(r, Kostenregel) else r.datum,
            r.dossier_uuid,
            r.plaatsing_uuid if isinstance(r, Kostenregel) else r.uuid,
        )
    )
    return landelijk


def _te_verdelen(regels: list[Kostenregel], posten: list[Kostenpost]) -> list[Post]:
    """The region's own lines and posts as items, in a fixed order."""
    items = [uit_regel(r) for r in regels if not r.landelijk]
    items += [uit_post(p) for p in posten if not p.landelijk]
    items.sort(key=lambda i: i.orde)
    return items


def _omvat(
    van: date | None,
    tot: date | None,
    regels: list[Kostenregel],
    posten: list[Kostenpost],
) -> tuple[date | None, date | None]:
    """The period given, or else the one the lines and posts cover."""
    if van is None and (regels or posten):
        van = min([r.van for r in regels] + [p.datum for p in posten])
    if tot is None and (regels or posten):
        tot = max(
            [r.tot for r in regels] + [p.datum + timedelta(days=1) for p in posten]
        )
    return van, tot


# --- step 2: the explanation and the shares ------------------------------------------------


def _toelichtingen(
    items: list[Post],
    bindingen: list[tuple[str | None, str | None]],
    bijdragen: Bijdragen,
    actief: Mapping[str, Gemeente],
    bedenktijd: Mapping[str, list[tuple[date, date]]],
) -> dict[str, list[Toelichting]]:
    """Per municipality the lines it pays for, sorted so they read like a statement;
    placement nights inside the client's bedenktijd are counted on the line (flag)."""
    delen_tekst: dict[Fraction, Decimal] = {}  # few distinct shares: convert each once
    in_bedenktijd = [
        nachten_in(i.van, i.tot, bedenktijd[i.dossier_uuid])
        if i.tot is not None and bedenktijd.get(i.dossier_uuid) else 0
        for i in items
    ]
    toelichting: dict[str, list[Toelichting]] = {code: [] for code in actief}
    for (code, index, grond), deel in bijdragen.delen.items():
        item = items[index]
        deel_tekst = delen_tekst.get(deel)
        if deel_tekst is None:
            deel_tekst = delen_tekst[deel] = naar_decimaal(deel, _DEEL)
        toelichting[code].append(
            Toelichting(
                dossier_uuid=item.dossier_uuid,
                bron=item.bron,
                bron_uuid=item.bron_uuid,
                soort=item.soort,
                van=item.van,
                tot=item.tot,
                nachten=item.nachten,
                dagtarief=item.dagtarief,
                bedrag=item.bedrag,
                grondslag=grond,
                deel=deel_tekst,
                bedrag_deel=naar_decimaal(bijdragen.bedragen[index] * deel, _BEDRAG_EXACT),
                binding=bindingen[index][0],
                bedenktijd_nachten=in_bedenktijd[index],
            )
        )
    for regels in toelichting.values():
        regels.sort(
            key=lambda t: (t.dossier_uuid, t.van, t.bron.value, t.bron_uuid, t.grondslag.value)
        )
    return toelichting


def maak_aandelen(
    actief: Mapping[str, Gemeente],
    afgerond: Mapping[str, int],
    exact_centen: Mapping[str, Fraction],
    toelichting: Mapping[str, list[Toelichting]],
) -> list[Aandeel]:
    """One share per municipality by CBS code: rounded, exact, and explained."""
    return [
        Aandeel(
            cbs_code=code,
            gemeente=gemeente.naam,
            inwoners=gemeente.inwoners,
            bedrag=(Decimal(afgerond[code]) * CENT).quantize(CENT),
            exact=naar_decimaal(exact_centen[code] / 100, _BEDRAG_EXACT),
            regels=toelichting[code],
        )
        for code, gemeente in sorted(actief.items())
    ]


def verdeel(
    regio: Regio,
    sleutel: Verdeelsleutel,
    kostenregels: Iterable[Kostenregel],
    kostenposten: Iterable[Kostenpost] = (),
    dossier_binding: Mapping[str, str | None] | None = None,
    *,
    van: date | None = None,
    tot: date | None = None,
    alle_gemeenten: Mapping[str, Gemeente] | None = None,
    bron_binding: Mapping[str, str | None] | None = None,
    bedenktijd: Mapping[str, list[tuple[date, date]]] | None = None,
) -> Verdeling:
    """Allocate the region's costs over its municipalities with ``sleutel``.

    ``kostenregels`` should already be cut to the period (see ``kosten_periode``); with
    ``van``/``tot`` given, cost posts outside ``[van, tot)`` are left out and a cost line
    outside it is a programming error. ``dossier_binding`` maps a dossier to its
    municipality of binding; a merged municipality is charged to its successor (also
    through ``alle_gemeenten``, the national list, when given); a binding outside the
    region or none at all is spread by inhabitants. ``bron_binding`` maps a placement or
    cost-post uuid to a municipality that pays for that item instead of the dossier's
    binding (a placement recorded with its own ``gemeente_code``); a youth placement
    (``JEUGD``) is paid whole by that municipality, the Jeugdwet municipality
    (``betaler``). ``bedenktijd`` maps a dossier to its bedenktijd periods (half-open),
    whose nights are flagged on the lines.
    """
    regels = list(kostenregels)
    posten = _posten_in_periode(regels, list(kostenposten), van, tot)
    items = _te_verdelen(regels, posten)
    gronden = Grondslagen.voor(regio, alle_gemeenten, dossier_binding, bron_binding)
    totaal = som(i.bedrag for i in items)
    totaal_centen = centen(totaal)
    vaste_delen = gronden.vaste_delen(sleutel) if sleutel.soort is Sleutel.VAST else {}
    bindingen = [gronden.binding_code(item) for item in items]
    bijdragen = spreid(items, bindingen, sleutel, vaste_delen, gronden)
    exact_centen = bijdragen.exacte_centen(vaste_delen, gronden)
    afgerond = grootste_rest(totaal_centen, exact_centen)
    toelichting = _toelichtingen(items, bindingen, bijdragen, gronden.actief,
                                 bedenktijd or {})
    van, tot = _omvat(van, tot, regels, posten)
    return Verdeling(
        van=van,
        tot=tot,
        sleutel=sleutel,
        totaal=totaal,
        niet_verdeeld=_landelijk(regels, posten),
        aandelen=maak_aandelen(gronden.actief, afgerond, exact_centen, toelichting),
        regio=regio.naam,
    )


def periode(
    jaar: int, kwartaal: int | None = None, maand: int | None = None
) -> tuple[date, date]:
    """``(van, tot)`` of a year, quarter or month, ``tot`` exclusive like placements."""
    if kwartaal is not None and maand is not None:
        raise DomainError(N_("Kies een kwartaal of een maand, niet allebei."))
    if not 1 <= jaar <= 9998:
        raise DomainError(N_("{jaar} is geen geldig jaar."), jaar=jaar)
    if kwartaal is not None:
        if kwartaal not in (1, 2, 3, 4):
            raise DomainError(
                N_("Kwartaal {kwartaal} bestaat niet; kies 1 tot en met 4."),
                kwartaal=kwartaal,
            )
        begin = date(jaar, 3 * kwartaal - 2, 1)
        einde = (
            date(jaar + 1, 1, 1) if kwartaal == 4 else date(jaar, 3 * kwartaal + 1, 1)
        )
        return begin, einde
    if maand is not None:
        if not 1 <= maand <= 12:
            raise DomainError(
                N_("Maand {maand} bestaat niet; kies 1 tot en met 12."), maand=maand
            )
        dagen = calendar.monthrange(jaar, maand)[1]
        begin = date(jaar, maand, 1)
        return begin, date.fromordinal(begin.toordinal() + dagen)
    return date(jaar, 1, 1), date(jaar + 1, 1, 1)
