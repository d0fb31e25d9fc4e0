"""Jaarbeeld: anonymous year figures with year columns side by side and bar charts.

Counts of 1 to 4 print as "<5" (see ``domain.jaarbeeld``); in the charts such a bar is
left out (height 0) and labelled "<5", because a bar's height would give the number
away just as well as the figure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from zorgapp.domain import jaarbeeld as jb
from zorgapp.domain.codes import GESLACHT_LABELS, MELDER_LABELS, UITBUITINGSVORM_LABELS
from zorgapp.domain.opvang import OPVANG_LABELS
from zorgapp.i18n import N_, _
from zorgapp.reports import fonts, style
from zorgapp.reports.style import (
    ACCENT,
    INK,
    MUTED,
    Briefhoofd,
    DocumentInfo,
    Styles,
    p,
    tabel,
)

_TITELS = {
    jb.VORM: N_("Slachtoffers per vorm van uitbuiting"),
    jb.GESLACHT: N_("Slachtoffers per geslacht"),
    jb.LEEFTIJD: N_("Slachtoffers per leeftijdsgroep (bij de eerste melding)"),
    jb.MELDER: N_("Slachtoffers per soort melder"),
    jb.GEMEENTE: N_("Slachtoffers per gemeente van binding"),
    jb.PLAATSING: N_("Plaatsingen per soort opvang (naar begindatum)"),
}


def _categorie(dimensie: str, code: str, gemeenten: Mapping[str, str]) -> str:
    labels: Mapping[Any, str] = {  # type: ignore[assignment]
        jb.VORM: UITBUITINGSVORM_LABELS,
        jb.GESLACHT: GESLACHT_LABELS,
        jb.MELDER: MELDER_LABELS,
        jb.PLAATSING: OPVANG_LABELS,
    }.get(dimensie, {})
    if code == jb.ONBEKEND or (dimensie == jb.GEMEENTE and not code):
        return _("Onbekend") if dimensie != jb.GEMEENTE else _("Geen of onbekend")
    if dimensie == jb.GEMEENTE:
        return gemeenten.get(code, code)
    if dimensie == jb.LEEFTIJD:
        return code.replace("-", "–")
    msgid = labels.get(code)
    return _(msgid) if msgid else code


def _as(chart: VerticalBarChart | HorizontalBarChart, hoogste: int) -> None:
    """Value axis from 0 in steps of at least 5: ticks 1-4 would hint at hidden bars."""
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(5, hoogste) * 1.15
    if hoogste <= 25:
        chart.valueAxis.valueStep = 5
    chart.valueAxis.labels.fontName = fonts.SANS
    chart.valueAxis.labels.fontSize = 7


def _zichtbaar(aantal: int) -> int:
    """The bar height: hidden counts get no bar."""
    return 0 if jb.onderdrukt(aantal) else aantal


def _staafdiagram_jaren(cijfers: jb.JaarCijfers) -> Drawing:
    breedte, hoogte = style.CONTENT_WIDTH, 55 * mm
    tekening = Drawing(breedte, hoogte)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 18
    chart.width, chart.height = breedte - 50, hoogte - 30
    waarden = [cijfers.totaal.get(j, 0) for j in cijfers.jaren]
    chart.data = [[_zichtbaar(w) for w in waarden]]
    chart.categoryAxis.categoryNames = [str(j) for j in cijfers.jaren]
    chart.categoryAxis.labels.fontName = fonts.SANS
    chart.categoryAxis.labels.fontSize = 8
    _as(chart, max(chart.data[0], default=0))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = style.RULE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[jb.weergave(w) for w in waarden]]
    chart.barLabels.fontName = fonts.SANS
    chart.barLabels.fontSize = 7.5
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 6
    tekening.add(chart)
    return tekening


def _staafdiagram_vormen(cijfers: jb.JaarCijfers, jaar: int) -> Drawing:
    categorieen = cijfers.categorieen(jb.VORM)
    breedte = style.CONTENT_WIDTH
    hoogte = max(30 * mm, (len(categorieen) * 8 + 14) * mm / 1.6)
    tekening = Drawing(breedte, hoogte)
    if not categorieen:
        tekening.add(String(0, hoogte / 2, _("Geen gegevens."), fontName=fonts.SANS,
                            fontSize=9, fillColor=MUTED))
        return tekening
    namen = [_categorie(jb.VORM, c, {}) for c in categorieen]
    cellen = cijfers.cellen(jb.VORM)
    # a hidden count ("<5" or "x") gets no bar: its length would give the number away
    waarden = [cijfers.aantal(jb.VORM, c, jaar) if cellen[c][jaar].isdigit() else 0
               for c in categorieen]
    labels = [cellen[c][jaar] for c in categorieen]
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 8
    chart.width, chart.height = breedte - 160, hoogte - 16
    chart.data = [[_zichtbaar(w) for w in reversed(waarden)]]
    chart.categoryAxis.categoryNames = list(reversed(namen))
    chart.categoryAxis.labels.fontName = fonts.SANS
    chart.categoryAxis.labels.fontSize = 8
    _as(chart, max(chart.data[0], default=0))
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "values"
    chart.barLabelArray = [list(reversed(labels))]
    chart.barLabels.fontName = fonts.SANS
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    tekening.add(chart)
    return tekening


def _titel(jaar: int, regio: str) -> str:
    if regio:
        return _("Jaarbeeld {jaar} {regio}").format(jaar=jaar, regio=regio)
    return _("Jaarbeeld {jaar}").format(jaar=jaar)


_KERN_LABELS = {
    jb.SIGNALEN: N_("Signalen (alle dossiers)"),
    jb.AANMELDINGEN: N_("Aanmeldingen bij CoMensha"),
    jb.PLAATSINGEN: N_("Plaatsingen in de opvang"),
    jb.SLACHTOFFERS: N_("(Vermoedelijke) slachtoffers"),
}


def _inleiding(cijfers: jb.JaarCijfers, titel: str) -> list[Flowable]:
    """Title, what is counted and how hidden counts read, the key figures (signals,
    registrations, placements, victims: issue 12.5), and victims per year as a chart."""
    s = Styles.get()
    jaren = list(cijfers.jaren)
    kern = cijfers.kern_cellen()
    return [
        p(titel, s.title),
        p(_("Signalen, aanmeldingen, plaatsingen en slachtoffers worden apart geteld. Een "
            "signaal is elk dossier, naar het jaar van de eerste melding; een dossier dat "
            "is afgesloten als 'geen mensenhandel' blijft een signaal maar telt nooit als "
            "slachtoffer. Aanmeldingen bij CoMensha tellen in het jaar van aanmelding, "
            "plaatsingen in het jaar waarin ze begonnen. De uitsplitsingen hieronder "
            "(vorm, geslacht, leeftijd, melder, gemeente) gaan over de (vermoedelijke) "
            "slachtoffers. Aantallen van 1 tot en "
            "met 4 staan als \"<5\", zodat niemand herkenbaar is; een \"x\" is een aantal "
            "dat verborgen is zodat zo'n klein aantal niet uit een ander getal is terug te "
            "rekenen. Een dossier met meer vormen van uitbuiting telt bij elke vorm mee."),
          s.small),
        p(_("Kerncijfers per jaar"), s.h2),
        tabel([""] + [str(j) for j in jaren],
              [[_(_KERN_LABELS[k])] + [kern[k][j] for j in jaren] for k in jb.KERN],
              [4] + [1] * len(jaren), rechts=tuple(range(1, len(jaren) + 1))),
        Spacer(1, 3 * mm),
        p(_("(Vermoedelijke) slachtoffers per jaar"), s.h2),
        _staafdiagram_jaren(cijfers),
    ]


def _dimensie_blok(cijfers: jb.JaarCijfers, dimensie: str,
                   gemeenten: Mapping[str, str]) -> list[Flowable]:
    """One breakdown (gender, age group, ...) per year; kept on one page when short."""
    s = Styles.get()
    jaren = list(cijfers.jaren)
    cellen = cijfers.cellen(dimensie)
    rijen = [[_categorie(dimensie, c, gemeenten)] + [cellen[c][j] for j in jaren]
             for c in cellen]
    blok: list[Flowable] = [p(_(_TITELS[dimensie]), s.h2)]
    if rijen:
        blok.append(tabel([""] + [str(j) for j in jaren], rijen,
                          [4] + [1] * len(jaren),
                          rechts=tuple(range(1, len(jaren) + 1))))
    else:
        blok.append(p(_("Geen gegevens."), s.small))
    if len(rijen) < 25:
        return [KeepTogether(blok)]
    return blok


def jaarbeeld(
    cijfers: jb.JaarCijfers,
    briefhoofd: Briefhoofd,
    *,
    jaar: int | None = None,
    regio: str = "",
    gemeente_namen: Mapping[str, str] | None = None,
    demo: bool = False,
    vandaag: date | None = None,
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """The year report as PDF bytes; ``jaar`` (default: the last year) is the report year."""
    gemeenten = gemeente_namen or {}
    jaar = jaar if jaar is not None else (cijfers.jaren[-1] if cijfers.jaren else 0)
    titel = _titel(jaar, regio)
    story = _inleiding(cijfers, titel)
    if progress:
        progress(0.2)
    story.append(KeepTogether([
        p(_("Slachtoffers per vorm van uitbuiting in {jaar}").format(jaar=jaar),
          Styles.get().h2),
        _staafdiagram_vormen(cijfers, jaar),
    ]))
    for i, dimensie in enumerate(jb.DIMENSIES):
        story += _dimensie_blok(cijfers, dimensie, gemeenten)
        if progress:
            progress(0.2 + 0.5 * (i + 1) / len(jb.DIMENSIES))
    info = DocumentInfo(
        titel=_("Jaarbeeld"),
        onderwerp=titel,
        referentie=str(jaar),
        vertrouwelijk=False,
        demo=demo,
    )
    pdf = style.bouw(story, info, briefhoofd, vandaag=vandaag)
    if progress:
        progress(1.0)
    return pdf
