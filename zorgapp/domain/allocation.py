"""Cost allocation naar ratio: which municipality pays which part of the region's costs.

Municipalities check these figures against their own budgets, so three things hold:
the shares add up to the total to the cent; a share never differs from its exact ratio
by a cent or more; and every amount can be explained line by line (which dossier,
which nights, which rate, on what ground). Rounding happens once, on the final
per-municipality amounts, by the largest-remainder method with ties to the lower CBS
code, so the result does not depend on the order of the input.

Nationally funded costs (COSM, OMM, bedenktijd allowance) are listed but never
allocated. Allocation never blocks a placement: it only reads what was recorded.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from math import floor

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.geld import CENT, centen_exact, som
from zorgapp.domain.kosten import Kostenpost
from zorgapp.domain.opvang import Kostenregel
from zorgapp.domain.regio import Gemeente, Regio, normaliseer_cbs_code, opvolger

HONDERD = Decimal(100)
_DEEL = Decimal("0.000001")
_BEDRAG_EXACT = Decimal("0.0001")


class Sleutel(StrEnum):
    INWONERS = "inwoners"
    BINDING = "binding"
    VAST = "vast"
    MIX = "mix"


SLEUTEL_LABELS: dict[Sleutel, str] = {
    Sleutel.INWONERS: N_("Naar inwoners"),
    Sleutel.BINDING: N_("Naar gemeente van binding"),
    Sleutel.VAST: N_("Vaste percentages"),
    Sleutel.MIX: N_("Deels naar inwoners, deels naar binding"),
}


class Bron(StrEnum):
    PLAATSING = "plaatsing"
    KOSTENPOST = "kostenpost"


def _als_fractie(waarde: object, *, wat: str) -> Fraction:
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


@dataclass(frozen=True)
class Verdeelsleutel:
    """How a region splits its costs; configurable per region and year.

    ``vaste_percentages`` are used by ``vast`` only, ``mix_inwoners_pct`` (the part
    spread by inhabitants, the rest goes by binding) by ``mix`` only.
    """

    soort: Sleutel
    vaste_percentages: dict[str, Decimal] | None = None
    mix_inwoners_pct: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "soort", Sleutel(self.soort))
        if self.vaste_percentages is not None:
            genormaliseerd: dict[str, Decimal] = {}
            for code, pct in self.vaste_percentages.items():
                sleutel = normaliseer_cbs_code(code)
                if sleutel in genormaliseerd:
                    raise DomainError(
                        N_("Gemeente {code} staat twee keer in de percentages."),
                        code=sleutel,
                    )
                if _als_fractie(pct, wat="Percentage") < 0:
                    raise DomainError(
                        N_("Het percentage voor {code} mag niet negatief zijn."),
                        code=sleutel,
                    )
                genormaliseerd[sleutel] = Decimal(pct)
            object.__setattr__(
                self, "vaste_percentages", dict(sorted(genormaliseerd.items()))
            )
        if self.soort is Sleutel.VAST:
            if not self.vaste_percentages:
                raise DomainError(
                    N_("Geef voor de vaste verdeling per gemeente een percentage.")
                )
            opgeteld = sum(self.vaste_percentages.values(), Decimal(0))
            if opgeteld != HONDERD:
                raise DomainError(
                    N_("De vaste percentages tellen op tot {som}%, niet tot 100%."),
                    som=str(opgeteld),
                )
        if self.mix_inwoners_pct is not None:
            mix = _als_fractie(self.mix_inwoners_pct, wat="Percentage")
            if not 0 <= mix <= 100:
                raise DomainError(
                    N_(
                        "Het deel naar inwoners moet tussen 0 en 100% liggen, niet {pct}%."
                    ),
                    pct=str(self.mix_inwoners_pct),
                )
            object.__setattr__(self, "mix_inwoners_pct", Decimal(self.mix_inwoners_pct))
        if self.soort is Sleutel.MIX and self.mix_inwoners_pct is None:
            raise DomainError(
                N_("Geef aan welk percentage naar inwoners wordt verdeeld.")
            )


# --- rounding ---------------------------------------------------------------------------


def _centen(totaal: Decimal) -> int:
    if isinstance(totaal, float):
        centen_exact(totaal)  # raises the float message
    return int(centen_exact(totaal, veld="Totaal") * 100)


def _grootste_rest(
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


def verdeel_naar_ratio(
    totaal: Decimal, gewichten: Mapping[str, Decimal | int]
) -> dict[str, Decimal]:
    """Split ``totaal`` over keys in proportion to their weights, in whole cents.

    The shares add up exactly to ``totaal``, none is negative (for a non-negative total),
    each is within one cent of its exact ratio, and ties go to the lower key (CBS code),
    whatever the input order. €100.01 over 50,000 / 30,000 / 20,000 gives
    50.01 / 30.00 / 20.00. A negative total (a credit) is split like its opposite.
    """
    centen = _centen(totaal)
    if not gewichten:
        raise DomainError(
            N_("Er is niets om over te verdelen: geen gemeenten met een gewicht.")
        )
    exact_gewichten = {k: _als_fractie(w, wat="Gewicht") for k, w in gewichten.items()}
    for k, w in exact_gewichten.items():
        if w < 0:
            raise DomainError(
                N_("Het gewicht van {code} mag niet negatief zijn."), code=k
            )
    som_gewichten = sum(exact_gewichten.values(), Fraction(0))
    if som_gewichten == 0:
        raise DomainError(
            N_("Alle gewichten zijn nul; er is geen verhouding om naar te verdelen.")
        )
    teken = -1 if centen < 0 else 1
    exact = {k: abs(centen) * w / som_gewichten for k, w in exact_gewichten.items()}
    afgerond = _grootste_rest(abs(centen), exact)
    return {k: (Decimal(teken * c) * CENT).quantize(CENT) for k, c in afgerond.items()}


# --- the allocation ----------------------------------------------------------------------


@dataclass(frozen=True)
class Toelichting:
    """One cost line's part in one municipality's share: enough to explain the amount.

    ``bedrag`` is the whole line, ``deel`` the fraction of it this municipality pays on
    ``grondslag``, ``bedrag_deel`` that part before rounding. ``binding`` is the code as
    recorded on the dossier (before mergers); when the ground is ``inwoners`` under a
    binding key, it says why: no binding (None) or a binding outside the region.
    """

    dossier_uuid: str
    bron: Bron
    bron_uuid: str
    soort: str
    van: date
    tot: date | None
    nachten: int | None
    dagtarief: Decimal | None
    bedrag: Decimal
    grondslag: Sleutel
    deel: Decimal
    bedrag_deel: Decimal
    binding: str | None = None


@dataclass(frozen=True)
class Aandeel:
    """What one municipality pays, and the lines it pays for."""

    cbs_code: str
    gemeente: str
    inwoners: int | None
    bedrag: Decimal
    exact: Decimal
    regels: list[Toelichting] = field(default_factory=list)

    @property
    def afronding(self) -> Decimal:
        """The rounding step from the exact amount to whole cents (under one cent)."""
        return self.bedrag - self.exact


@dataclass(frozen=True)
class Verdeling:
    """The allocation of one region's costs over one period."""

    van: date | None
    tot: date | None
    sleutel: Verdeelsleutel
    totaal: Decimal
    niet_verdeeld: list[Kostenregel | Kostenpost]
    aandelen: list[Aandeel]
    regio: str = ""

    @property
    def totaal_niet_verdeeld(self) -> Decimal:
        return som(r.bedrag for r in self.niet_verdeeld)

    def aandeel(self, cbs_code: str) -> Aandeel | None:
        code = normaliseer_cbs_code(cbs_code)
        return next((a for a in self.aandelen if a.cbs_code == code), None)


@dataclass(frozen=True)
class _Post:
    dossier_uuid: str
    bron: Bron
    bron_uuid: str
    soort: str
    van: date
    tot: date | None
    nachten: int | None
    dagtarief: Decimal | None
    bedrag: Decimal

    @property
    def orde(self) -> tuple[str, date, str, str]:
        return (self.dossier_uuid, self.van, self.bron.value, self.bron_uuid)


def _uit_regel(regel: Kostenregel) -> _Post:
    return _Post(
        dossier_uuid=regel.dossier_uuid,
        bron=Bron.PLAATSING,
        bron_uuid=regel.plaatsing_uuid,
        soort=str(regel.type) if regel.type is not None else "",
        van=regel.van,
        tot=regel.tot,
        nachten=regel.nachten,
        dagtarief=regel.dagtarief,
        bedrag=regel.bedrag,
    )


def _uit_post(post: Kostenpost) -> _Post:
    return _Post(
        dossier_uuid=post.dossier_uuid,
        bron=Bron.KOSTENPOST,
        bron_uuid=post.uuid,
        soort=str(post.soort),
        van=post.datum,
        tot=None,
        nachten=None,
        dagtarief=None,
        bedrag=post.bedrag,
    )


def _naar_decimaal(waarde: Fraction, stap: Decimal) -> Decimal:
    return (Decimal(waarde.numerator) / Decimal(waarde.denominator)).quantize(
        stap, rounding=ROUND_HALF_UP
    )


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
) -> Verdeling:
    """Allocate the region's costs over its municipalities with ``sleutel``.

    ``kostenregels`` should already be cut to the period (see ``kosten_periode``); with
    ``van``/``tot`` given, cost posts outside ``[van, tot)`` are left out and a cost line
    outside it is a programming error. ``dossier_binding`` maps a dossier to its
    municipality of binding; a merged municipality is charged to its successor (also
    through ``alle_gemeenten``, the national list, when given); a binding outside the
    region or none at all is spread by inhabitants. ``bron_binding`` maps a placement or
    cost-post uuid to a municipality that pays for that item instead of the dossier's
    binding (a placement recorded with its own ``gemeente_code``).
    """
    binding_van = dict(dossier_binding or {})
    binding_bron = {k: v for k, v in (bron_binding or {}).items() if v}
    regels = list(kostenregels)
    posten = list(kostenposten)
    if van is not None and tot is not None and tot < van:
        raise DomainError(
            N_("De einddatum {tot} ligt vóór de begindatum {van}."), van=van, tot=tot
        )
    if van is not None or tot is not None:
        for regel in regels:
            if (van is not None and regel.van < van) or (
                tot is not None and regel.tot > tot
            ):
                raise ValueError(
                    "cost line outside the allocation period; cut it with kosten_periode"
                )
        posten = [
            p
            for p in posten
            if (van is None or p.datum >= van) and (tot is None or p.datum < tot)
        ]

    landelijk: list[Kostenregel | Kostenpost] = [r for r in regels if r.landelijk]
    landelijk += [p for p in posten if p.landelijk]
    landelijk.sort(
        key=lambda r: (
            r.van if isinstance(r, Kostenregel) else r.datum,
            r.dossier_uuid,
            r.plaatsing_uuid if isinstance(r, Kostenregel) else r.uuid,
        )
    )
    items = [_uit_regel(r) for r in regels if not r.landelijk]
    items += [_uit_post(p) for p in posten if not p.landelijk]
    items.sort(key=lambda i: i.orde)

    actief = {g.cbs_code: g for g in regio.actieve_gemeenten()}
    if not actief:
        raise DomainError(
            N_("Regio {regio} heeft geen gemeenten om over te verdelen."),
            regio=regio.naam,
        )
    fusies: dict[str, Gemeente] = dict(alle_gemeenten or {})
    fusies.update(regio.gemeenten)

    totaal = som(i.bedrag for i in items)
    totaal_centen = _centen(totaal)

    inwoner_delen: dict[str, Fraction] | None = None

    def naar_inwoners() -> dict[str, Fraction]:
        nonlocal inwoner_delen
        if inwoner_delen is None:
            for gemeente in actief.values():
                if gemeente.inwoners is None:
                    raise DomainError(
                        N_(
                            "Voor {gemeente} is geen aantal inwoners bekend; voer het in of "
                            "importeer de cijfers van CBS."
                        ),
                        gemeente=gemeente.naam,
                    )
            som_inwoners = sum(g.inwoners or 0 for g in actief.values())
            if som_inwoners == 0:
                raise DomainError(
                    N_(
                        "Alle gemeenten hebben nul inwoners; er is geen verhouding om naar te verdelen."
                    )
                )
            inwoner_delen = {
                c: Fraction(g.inwoners or 0, som_inwoners) for c, g in actief.items()
            }
        return inwoner_delen

    def binding_code(item: _Post) -> tuple[str | None, str | None]:
        """(code as recorded, code that pays or None when it must go by inhabitants)."""
        vastgelegd = binding_bron.get(item.bron_uuid) or binding_van.get(item.dossier_uuid)
        if not vastgelegd:
            return None, None
        try:
            huidig = opvolger(fusies, vastgelegd)
        except DomainError:
            return vastgelegd, None
        return vastgelegd, (huidig if huidig in actief else None)

    vaste_delen: dict[str, Fraction] = {}
    if sleutel.soort is Sleutel.VAST:
        assert sleutel.vaste_percentages is not None
        for code, pct in sleutel.vaste_percentages.items():
            huidig = opvolger(fusies, code)
            if huidig not in actief:
                raise DomainError(
                    N_(
                        "Gemeente {code} heeft een percentage maar hoort niet bij regio {regio}."
                    ),
                    code=code,
                    regio=regio.naam,
                )
            vaste_delen[huidig] = (
                vaste_delen.get(huidig, Fraction(0)) + Fraction(pct) / 100
            )

    mix_inwoners = Fraction(sleutel.mix_inwoners_pct or 0) / 100

    # (code, item index, ground) -> fraction of that item
    delen: dict[tuple[str, int, Sleutel], Fraction] = {}

    def voeg_toe(code: str, index: int, grond: Sleutel, deel: Fraction) -> None:
        if deel:
            sleutel_ = (code, index, grond)
            eerder = delen.get(sleutel_)
            delen[sleutel_] = deel if eerder is None else eerder + deel

    # Each item's amount, and the amount per ground that is spread by one vector of
    # shares (inhabitants, fixed percentages): summing those first and multiplying once
    # per municipality gives the same exact fractions with far fewer operations.
    bedragen = [Fraction(item.bedrag) for item in items]
    bindingen = [binding_code(item) for item in items]
    exact_centen: dict[str, Fraction] = {code: Fraction(0) for code in actief}
    naar_vector: dict[Sleutel, Fraction] = {Sleutel.VAST: Fraction(0),
                                             Sleutel.INWONERS: Fraction(0)}
    vectoren: dict[Fraction, list[tuple[str, Fraction]]] = {}

    def inwoner_vector(deel_inwoners: Fraction) -> list[tuple[str, Fraction]]:
        vector = vectoren.get(deel_inwoners)
        if vector is None:
            vector = [(c, deel_inwoners * d) for c, d in naar_inwoners().items()]
            vectoren[deel_inwoners] = vector
        return vector

    for index, item in enumerate(items):
        if item.bedrag == 0:
            continue
        if sleutel.soort is Sleutel.VAST:
            for code, deel in vaste_delen.items():
                voeg_toe(code, index, Sleutel.VAST, deel)
            naar_vector[Sleutel.VAST] += bedragen[index]
            continue
        if sleutel.soort is Sleutel.INWONERS:
            deel_binding = Fraction(0)
        elif sleutel.soort is Sleutel.BINDING:
            deel_binding = Fraction(1)
        else:
            deel_binding = 1 - mix_inwoners
        betaler = bindingen[index][1]
        deel_inwoners = 1 - deel_binding
        if betaler is not None:
            voeg_toe(betaler, index, Sleutel.BINDING, deel_binding)
            exact_centen[betaler] += bedragen[index] * deel_binding
        else:
            deel_inwoners = Fraction(1)
        if deel_inwoners:
            for code, deel in inwoner_vector(deel_inwoners):
                voeg_toe(code, index, Sleutel.INWONERS, deel)
            naar_vector[Sleutel.INWONERS] += bedragen[index] * deel_inwoners

    if naar_vector[Sleutel.VAST]:
        for code, deel in vaste_delen.items():
            exact_centen[code] += naar_vector[Sleutel.VAST] * deel
    if naar_vector[Sleutel.INWONERS]:
        for code, deel in naar_inwoners().items():
            exact_centen[code] += naar_vector[Sleutel.INWONERS] * deel
    exact_centen = {code: bedrag * 100 for code, bedrag in exact_centen.items()}
    afgerond = _grootste_rest(totaal_centen, exact_centen)

    delen_tekst: dict[Fraction, Decimal] = {}  # few distinct shares: convert each once
    toelichting: dict[str, list[Toelichting]] = {code: [] for code in actief}
    for (code, index, grond), deel in delen.items():
        item = items[index]
        deel_tekst = delen_tekst.get(deel)
        if deel_tekst is None:
            deel_tekst = delen_tekst[deel] = _naar_decimaal(deel, _DEEL)
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
                bedrag_deel=_naar_decimaal(bedragen[index] * deel, _BEDRAG_EXACT),
                binding=bindingen[index][0],
            )
        )

    aandelen = [
        Aandeel(
            cbs_code=code,
            gemeente=gemeente.naam,
            inwoners=gemeente.inwoners,
            bedrag=(Decimal(afgerond[code]) * CENT).quantize(CENT),
            exact=_naar_decimaal(exact_centen[code] / 100, _BEDRAG_EXACT),
            regels=sorted(
                toelichting[code],
                key=lambda t: (
                    t.dossier_uuid,
                    t.van,
                    t.bron.value,
                    t.bron_uuid,
                    t.grondslag.value,
                ),
            ),
        )
        for code, gemeente in sorted(actief.items())
    ]
    if van is None and (regels or posten):
        van = min([r.van for r in regels] + [p.datum for p in posten])
    if tot is None and (regels or posten):
        tot = max(
            [r.tot for r in regels] + [p.datum + timedelta(days=1) for p in posten]
        )
    return Verdeling(
        van=van,
        tot=tot,
        sleutel=sleutel,
        totaal=totaal,
        niet_verdeeld=landelijk,
        aandelen=aandelen,
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
