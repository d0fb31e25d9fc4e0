"""The parts of a cost statement that keep money straight over time (DOMAIN §6).

Whether the statement is issued (frozen) or a draft, the corrections of earlier issued
periods it carries, the year's settlement line, the history of cases another region paid
for before handing them over, and the nights a municipality paid inside a bedenktijd.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from reportlab.platypus import Flowable

from zorgapp.domain.allocation import Aandeel, Verdeling
from zorgapp.domain.vaststelling import Correctie
from zorgapp.i18n import _, format_money, format_number
from zorgapp.reports.style import Styles, p, tabel
from zorgapp.reports.teksten import datum, periode, periode_kort


@dataclass(frozen=True)
class Vaststelling:
    """What the statement says about being issued, corrections and settlement."""

    vastgesteld: str | None = None
    correcties: list[Correctie] = field(default_factory=list)
    verrekening: Mapping[str, int] | None = None
    elders_betaald: Mapping[str, int] = field(default_factory=dict)


def _euro(centen: int) -> str:
    return format_money(Decimal(centen).scaleb(-2))


def status(v: Vaststelling) -> tuple[str, str]:
    """The "Status" field of the region page."""
    if v.vastgesteld:
        try:
            op = datum(datetime.fromisoformat(v.vastgesteld).date())
        except ValueError:
            op = v.vastgesteld
        return _("Status"), _("Vastgesteld op {datum}; latere wijzigingen volgen als "
                              "correctie in de volgende periode").format(datum=op)
    return _("Status"), _("Concept (nog niet vastgesteld)")


def blokken(verdeling: Verdeling, v: Vaststelling) -> list[Flowable]:
    """Corrections, settlement and handed-over history, after the shares."""
    s = Styles.get()
    namen = {a.cbs_code: a.gemeente for a in verdeling.aandelen}
    story: list[Flowable] = []
    if v.correcties:
        story.append(p(_("Correcties op eerder vastgestelde perioden"), s.h2))
        rijen = [[periode(c.van, c.tot),
                  namen.get(c.cbs_code, c.cbs_code), c.cbs_code, _euro(c.centen)]
                 for c in v.correcties]
        story.append(tabel([_("Gecorrigeerde periode"), _("Gemeente"), _("CBS-code"),
                            _("Correctie")], rijen, [55, 55, 22, 27], rechts=(3,),
                           totaal=[_("Totaal"), "", "", _euro(sum(c.centen for c in v.correcties))]))
    if v.verrekening is not None:
        story.append(p(_("Verrekening met de kwartalen"), s.h2))
        rijen = [[namen.get(code, code), code, _euro(n)]
                 for code, n in sorted(v.verrekening.items())]
        story.append(tabel([_("Gemeente"), _("CBS-code"), _("Verrekening")], rijen,
                           [70, 25, 30], rechts=(2,),
                           totaal=[_("Totaal"), "", _euro(sum(v.verrekening.values()))]))
        story.append(p(_(
            "Per gemeente: het jaarbedrag min de vier kwartaalverdelingen en de correcties "
            "die daarop al geboekt zijn. Kwartalen, correcties en verrekening samen zijn "
            "precies het jaarbedrag."), s.small))
    if v.elders_betaald:
        story.append(p(_("Overgedragen dossiers: kosten vóór de overname"), s.h2))
        story.append(tabel([_("Betaald door regio"), _("Bedrag")],
                           [[wie or "–", _euro(n)] for wie, n in sorted(v.elders_betaald.items())],
                           [110, 30], rechts=(1,)))
        story.append(p(_(
            "Deze kosten verdeelde de regio die het dossier overdroeg; ze tellen hier niet "
            "mee. Deze regio verdeelt alleen vanaf de datum van overname."), s.small))
    return story


def bedenktijd_blok(aandeel: Aandeel, nummers: Mapping[str, str]) -> list[Flowable]:
    """Lines with nights inside a bedenktijd: municipalities are not responsible then."""
    regels = [r for r in aandeel.regels if r.bedenktijd_nachten]
    if not regels:
        return []
    s = Styles.get()
    rijen = [[nummers.get(r.dossier_uuid, "–"), str(r.soort).upper(),
              periode_kort(r.van, r.tot), format_number(r.bedenktijd_nachten),
              format_number(r.nachten or 0)] for r in regels]
    return [p(_("Let op: nachten tijdens bedenktijd"), s.h2_los),
            tabel([_("Dossier"), _("Soort"), _("Periode"), _("In bedenktijd"), _("Nachten")],
                  rijen, [26, 18, 40, 24, 20], rechts=(3, 4), klein=True),
            p(_("Tijdens de bedenktijd zijn gemeenten niet verantwoordelijk (toelage en "
                "verzekering via het COA). Deze nachten zijn meegeteld; bespreek ze met de "
                "financier."), s.small)]
