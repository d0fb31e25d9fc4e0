"""The amounts of cost allocations in integer cents, read from the vault in one go.

``AllocationService.sommen`` asks for the costs of some periods (a year's quarters, the
periods behind corrections) per binding. Adjoining periods are summed in SQL
(``kostensommen.nachtgroepen``/``postgroepen``: a few hundred grouped rows instead of
tens of thousands of placements) and split per period by ``domain.nachtsommen``; cases
received from another region, other periods, and anything the grouped reading cannot
take exactly (a night without a rate, an odd spelling) go placement by placement
through ``nacht_centen``, which also gives the messages. Both give the same cents
(``tests/unit/services/test_allocation_sommen.py``).
"""

from __future__ import annotations

from datetime import date

from zorgapp.domain.allocation_bedragen import (
    Kostensommen,
    nacht_centen,
    nacht_centen_per_periode,
)
from zorgapp.domain.betaler import betaler
from zorgapp.domain.errors import DomainError
from zorgapp.domain.nachtsommen import dagnummer, nachten_per_interval
from zorgapp.domain.opvang import OpvangType
from zorgapp.domain.regio import normaliseer_cbs_code
from zorgapp.errors import N_, ValidationError
from zorgapp.services.opvang_service import validatie
from zorgapp.store import kostensommen
from zorgapp.store.vault import Vault

Periode = tuple[date, date]
Sommen = tuple[Kostensommen, dict[str, int]]
Grens = tuple[date, date, date | None, Kostensommen, dict[str, int]]
#: (type, financier) -> (ambulant, landelijk, jeugdwet): the payer rule of ``betaler``
Soorten = dict[tuple[str, str], tuple[bool, bool, bool]]


def lees(vault: Vault, perioden: list[Periode], peil: date) -> list[Sommen]:
    """Each period's costs in cents per binding, and what other regions paid before
    their takeover day; running placements count up to ``peil``."""
    aaneen = all(perioden[i][1] == perioden[i + 1][0] for i in range(len(perioden) - 1))
    if aaneen:
        uit = _gegroepeerd(vault, perioden, peil)
        if uit is not None:
            return uit
    begin, einde = min(v for v, _t in perioden), max(t for _v, t in perioden)
    with vault.read() as db:
        plaatsingen = kostensommen.plaatsingen(db, begin, einde)
        posten = kostensommen.kostenposten(db, begin, einde)
    uit = [(Kostensommen(), dict[str, int]()) for _p in perioden]
    _per_plaatsing(plaatsingen, posten, perioden, peil, uit)
    return uit


def _gegroepeerd(vault: Vault, perioden: list[Periode], peil: date) -> list[Sommen] | None:
    """Adjoining periods from grouped rows; None: read placement by placement."""
    grenzen = [v for v, _t in perioden] + [perioden[-1][1]]
    with vault.read() as db:
        nachten = kostensommen.nachtgroepen(db, grenzen, peil)
        posten = None if nachten is None else kostensommen.postgroepen(db, grenzen)
        if nachten is None or posten is None:
            return None
        # Cases received from another region: the sender paid before the takeover day.
        overgenomen = kostensommen.heeft_overnames(db)
        eigen_p = kostensommen.plaatsingen(db, grenzen[0], grenzen[-1], overgenomen=True
                                           ) if overgenomen else []
        eigen_k = kostensommen.kostenposten(db, grenzen[0], grenzen[-1], overgenomen=True
                                            ) if overgenomen else []
    uit = [(Kostensommen(), dict[str, int]()) for _p in perioden]
    try:
        _tel_groepen(nachten, posten, [dagnummer(g) for g in grenzen], uit)
    except (DomainError, ValueError):  # a spelling ``betaler`` or a code refuses: the
        return None                    # placements in order, with their message
    _per_plaatsing(eigen_p, eigen_k, perioden, peil, uit)
    return uit


def _tel_groepen(nachten: list[kostensommen.Nachtgroep], posten: list[kostensommen.Postgroep],
                 dagen: list[int], uit: list[Sommen]) -> None:
    """Grouped runs and posts into their period (period ``k`` is interval ``k``)."""
    soorten: Soorten = {}
    centen: dict[str, int] = {}
    for g in nachten:
        soort = _soort(soorten, g.type, g.financier)
        tarief = centen.get(g.dagtarief)
        if tarief is None:
            tarief = centen[g.dagtarief] = kostensommen.centen(g.dagtarief)
        if tarief < 0:  # a placement's nights could cancel out: count them one by one
            raise ValueError(g.dagtarief)
        binding = (normaliseer_cbs_code(g.gemeente_code) if g.gemeente_code
                   else g.dossier_gemeente)
        for k, aantal in nachten_per_interval(dagen, g.kb, g.ke, g.aantal, g.som_van,
                                              g.som_tot):
            som, bedrag = uit[k][0], tarief * aantal
            if soort[1]:
                som.landelijk += bedrag
            elif bedrag:  # as placement by placement: no binding for nothing
                doel = som.jeugdwet if soort[2] else som.per_binding
                doel[binding] = doel.get(binding, 0) + bedrag
    for post in posten:
        uit[post.interval][0].tel(post.binding, post.centen, post.landelijk)


def _soort(soorten: Soorten, soort: str, financier: str) -> tuple[bool, bool, bool]:
    gevonden = soorten.get((soort, financier))
    if gevonden is None:
        wie = betaler(soort, financier, None, None)
        gevonden = soorten[soort, financier] = (
            soort == OpvangType.AMBULANT, wie.landelijk, wie.direct)
    return gevonden


def _per_plaatsing(plaatsingen: list[kostensommen.PlaatsingNachten],
                   posten: list[kostensommen.PostCenten], perioden: list[Periode],
                   peil: date, uit: list[Sommen]) -> None:
    """Placements one by one into ``uit``; before a takeover the nights are the
    sender's."""
    grenzen = [(van, tot, peil if peil < tot else None, som, elders)
               for (van, tot), (som, elders) in zip(perioden, uit, strict=True)]
    aaneen = all(perioden[i][1] == perioden[i + 1][0] for i in range(len(perioden) - 1))
    sommen_lijst = [som for som, _e in uit]
    binding_lijst = [som.per_binding for som in sommen_lijst]
    jeugd_lijst = [som.jeugdwet for som in sommen_lijst]
    soorten: Soorten = {}
    for p in plaatsingen:
        soort = _soort(soorten, p.type, p.financier)
        binding = (normaliseer_cbs_code(p.gemeente_code) if p.gemeente_code
                   else p.dossier_gemeente)
        if aaneen and p.overname is None:  # the common case: one call per placement
            try:
                bedragen = nacht_centen_per_periode(p.van, p.tot, p.tarieven, perioden,
                                                    peildatum=peil, ambulant=soort[0])
            except DomainError as exc:
                raise ValidationError(N_(
                    "Dossier {nummer}: {melding}"), nummer=p.nummer,
                    melding=validatie(exc).user_message()) from None
            # inline ``Kostensommen.tel``: tens of thousands of placements, per period
            if soort[1]:
                for som, bedrag in zip(sommen_lijst, bedragen, strict=True):
                    som.landelijk += bedrag
                continue
            for doel, bedrag in zip(jeugd_lijst if soort[2] else binding_lijst, bedragen,
                                    strict=True):
                if bedrag:
                    doel[binding] = doel.get(binding, 0) + bedrag
            continue
        _per_periode(p, soort, binding, grenzen)
    _tel_posten(posten, perioden, uit)



def _per_periode(p: kostensommen.PlaatsingNachten, soort: tuple[bool, bool, bool],
                 binding: str | None, grenzen: list[Grens]) -> None:
    """One placement period by period; nights before a takeover are the sender's."""
    for van, tot, peildatum, som, elders in grenzen:
        if p.van >= tot or (p.tot is not None and p.tot <= van):
            continue  # no night in this period
        try:
            bedrag = nacht_centen(p.van, p.tot, p.tarieven, van, tot,
                                  peildatum=peildatum, ambulant=soort[0])
            if p.overname is not None and bedrag:
                eerder = nacht_centen(p.van, p.tot, p.tarieven, van,
                                      max(van, min(tot, p.overname)),
                                      peildatum=peildatum, ambulant=soort[0])
                bedrag -= eerder
                if eerder and not soort[1]:  # national money is nobody's region's
                    elders[p.overdrager] = elders.get(p.overdrager, 0) + eerder
        except DomainError as exc:
            raise ValidationError(N_(
                "Dossier {nummer}: {melding}"), nummer=p.nummer,
                melding=validatie(exc).user_message()) from None
        som.tel(binding, bedrag, soort[1], soort[2])


def _tel_posten(posten: list[kostensommen.PostCenten], perioden: list[tuple[date, date]],
                uit: list[tuple[Kostensommen, dict[str, int]]]) -> None:
    """Cost posts into their period; before a takeover they are the sender's."""
    tekst = [(van.isoformat(), tot.isoformat()) for van, tot in perioden]
    for post in posten:
        for (van_s, tot_s), (som, elders) in zip(tekst, uit, strict=True):
            if not van_s <= post.datum < tot_s:
                continue
            if post.overname is not None and post.datum < post.overname:
                if not post.landelijk:
                    elders[post.overdrager] = elders.get(post.overdrager, 0) + post.centen
            else:
                som.tel(post.binding, post.centen, post.landelijk)


def optellen(delen: list[tuple[Kostensommen, dict[str, int]]]
              ) -> tuple[Kostensommen, dict[str, int]]:
    """Sums of adjoining periods as the sums of the whole (cents add up exactly)."""
    som, elders = Kostensommen(), dict[str, int]()
    for deel, eerder in delen:
        som.landelijk += deel.landelijk
        for doel, bron in ((som.per_binding, deel.per_binding), (som.jeugdwet, deel.jeugdwet)):
            for code, centen in bron.items():
                doel[code] = doel.get(code, 0) + centen
        for wie, centen in eerder.items():
            elders[wie] = elders.get(wie, 0) + centen
    return som, elders


