"""Kostenverdeling: the region's costs of a period, split over its municipalities.

Page one is for the region (the key, the total and every municipality's share, with
nationally funded costs listed apart); then one page per paying municipality with the
lines behind its share, by dossiernummer (never a name). Every shown column adds up
to the cent: line parts are shown rounded to cents and a separate rounding line
bridges them to the share computed by the largest-remainder method.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from zorgapp.domain.allocation import (
    SLEUTEL_LABELS,
    Bron,
    Sleutel,
    Toelichting,
    Verdeling,
)
from zorgapp.domain.geld import CENT
from zorgapp.domain.kosten import KOSTENSOORT_LABELS, Kostenpost, KostenSoort
from zorgapp.domain.opvang import Kostenregel
from zorgapp.i18n import N_, _, format_money, format_number
from zorgapp.reports import style
from zorgapp.reports.allocation_vaststelling import (
    Vaststelling,
    bedenktijd_blok,
    blokken,
    status,
)
from zorgapp.reports.style import Briefhoofd, DocumentInfo, Styles, p, tabel, velden
from zorgapp.reports.teksten import datum, label, periode, periode_kort

_GRONDSLAG = {
    Sleutel.BINDING: N_("binding"),
    Sleutel.INWONERS: N_("inwoners"),
    Sleutel.VAST: N_("vast"),
    Sleutel.MIX: N_("mix"),
}


def _sleutel(verdeling: Verdeling) -> str:
    tekst = label(SLEUTEL_LABELS, verdeling.sleutel.soort)
    if verdeling.sleutel.soort is Sleutel.MIX and verdeling.sleutel.mix_inwoners_pct is not None:
        tekst += " " + _("({pct}% naar inwoners)").format(
            pct=format_number(verdeling.sleutel.mix_inwoners_pct))
    return tekst


def _soort(bron: Bron, soort: str) -> str:
    if bron is Bron.KOSTENPOST:
        try:
            return label(KOSTENSOORT_LABELS, KostenSoort(soort))
        except ValueError:
            return soort
    return soort.upper()


def _pct(deel: Decimal) -> str:
    # a no-break space keeps "13,76 %" on one line in a narrow column
    return format_number((deel * 100).quantize(Decimal("0.01"))) + "\u00a0%"


def _cent(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT)


def _nummer(nummers: Mapping[str, str], uuid: str) -> str:
    return nummers.get(uuid, "–")


def _regel_landelijk(regel: Kostenregel | Kostenpost, nummers: Mapping[str, str]) -> list[str]:
    if isinstance(regel, Kostenregel):
        return [_nummer(nummers, regel.dossier_uuid),
                "" if regel.type is None else str(regel.type).upper(),
                periode_kort(regel.van, regel.tot), format_number(regel.nachten),
                format_money(regel.dagtarief), format_money(regel.bedrag)]
    return [_nummer(nummers, regel.dossier_uuid), label(KOSTENSOORT_LABELS, regel.soort),
            datum(regel.datum), "", "", format_money(regel.bedrag)]


def _regel_rij(r: Toelichting, nummers: Mapping[str, str]) -> list[str]:
    """One line of a municipality's explanation; ``*`` marks nights in a bedenktijd."""
    return [
        _nummer(nummers, r.dossier_uuid),
        _soort(r.bron, r.soort),
        periode_kort(r.van, r.tot),
        "" if r.nachten is None else format_number(r.nachten)
        + ("*" if r.bedenktijd_nachten else ""),
        "" if r.dagtarief is None else format_money(r.dagtarief),
        format_money(r.bedrag),
        _("jeugd") if r.soort == "JEUGD" else label(_GRONDSLAG, r.grondslag),
        _pct(r.deel),
        format_money(_cent(r.bedrag_deel)),
    ]


def _gemeente_pagina(
    verdeling: Verdeling, aandeel_index: int, nummers: Mapping[str, str]
) -> list[Flowable]:
    s = Styles.get()
    aandeel = verdeling.aandelen[aandeel_index]
    story: list[Flowable] = [
        p(_("Aandeel gemeente {gemeente}").format(gemeente=aandeel.gemeente), s.title),
        velden([
            (_("Gemeente"), f"{aandeel.gemeente} ({aandeel.cbs_code})"),
            (_("Regio"), verdeling.regio),
            (_("Periode"), periode(verdeling.van, verdeling.tot)),
            (_("Verdeelsleutel"), _sleutel(verdeling)),
            (_("Inwoners"), "" if aandeel.inwoners is None else format_number(aandeel.inwoners)),
            (_("Te betalen"), format_money(aandeel.bedrag)),
        ]),
        Spacer(1, 4 * mm),
        p(_("Onderbouwing"), s.h2_los),
    ]
    regels: list[Toelichting] = aandeel.regels
    rijen = [_regel_rij(r, nummers) for r in regels]
    subtotaal = sum((_cent(r.bedrag_deel) for r in regels), Decimal(0))
    afronding = aandeel.bedrag + aandeel.na_vaststelling - subtotaal
    rijen.append(["", _("Afronding (grootste-restmethode)"), "", "", "", "", "", "",
                  format_money(afronding)])
    afrondingsrij = len(rijen)  # header is row 0
    extra = [("SPAN", (1, afrondingsrij), (7, afrondingsrij))]
    if aandeel.na_vaststelling:
        rijen.append(["", _("Gewijzigd na vaststelling (volgt als correctie)"), "", "", "",
                      "", "", "", format_money(-aandeel.na_vaststelling)])
        extra.append(("SPAN", (1, afrondingsrij + 1), (7, afrondingsrij + 1)))
    story.append(tabel(
        [_("Dossier"), _("Soort"), _("Periode"), _("Nachten"), _("Dagtarief"),
         _("Bedrag"), _("Sleutel"), _("Deel"), _("Aandeel")],
        rijen,
        # measured for 7.5 pt DejaVu: one line for dates, amounts and headers
        [21.2, 16, 35.5, 14.2, 16.3, 18, 13.4, 12.6, 21],
        rechts=(3, 4, 5, 7, 8),
        klein=True,
        extra=[*extra, ("SPAN", (1, len(rijen) + 1), (2, len(rijen) + 1))],
        totaal=["", _("Totaal"), "", format_number(sum(r.nachten or 0 for r in regels)
                                                   if regels else 0), "", "", "", "",
                format_money(aandeel.bedrag)],
    ))
    story.append(Spacer(1, 3 * mm))
    story.append(p(_(
        "Bedrag is de hele kostenregel; Deel is het deel daarvan dat deze gemeente betaalt "
        "volgens de genoemde sleutel. Een dossier zonder binding in de regio wordt naar "
        "inwoners verdeeld."), s.small))
    return story + bedenktijd_blok(aandeel, nummers)


def _regio_pagina(verdeling: Verdeling, vast: Vaststelling) -> list[Flowable]:
    """Title, period, key and totals, then the shares of the municipalities."""
    s = Styles.get()
    story: list[Flowable] = [
        p(_("Kostenverdeling {regio}").format(regio=verdeling.regio), s.title),
        velden([
            (_("Periode"), periode(verdeling.van, verdeling.tot)),
            (_("Verdeelsleutel"), _sleutel(verdeling)),
            (_("Te verdelen"), format_money(verdeling.totaal)),
            (_("Landelijk gefinancierd"), format_money(verdeling.totaal_niet_verdeeld)),
            status(vast),
        ]),
        p(_("Verdeling over de gemeenten"), s.h2),
    ]
    rijen = []
    for a in verdeling.aandelen:
        pct = (a.bedrag / verdeling.totaal) if verdeling.totaal else Decimal(0)
        rijen.append([a.gemeente, a.cbs_code,
                      "" if a.inwoners is None else format_number(a.inwoners),
                      _pct(pct), format_money(a.bedrag)])
    inwoners = [a.inwoners for a in verdeling.aandelen]
    story.append(tabel(
        [_("Gemeente"), _("CBS-code"), _("Inwoners"), _("Aandeel"), _("Bedrag")],
        rijen, [60, 22, 25, 22, 30], rechts=(2, 3, 4),
        totaal=[_("Totaal"), "",
                "" if None in inwoners else format_number(sum(i or 0 for i in inwoners)),
                _pct(Decimal(1)) if verdeling.totaal else _pct(Decimal(0)),
                format_money(sum((a.bedrag for a in verdeling.aandelen), Decimal(0)))],
    ))
    story.append(Spacer(1, 2 * mm))
    story.append(p(_(
        "Bedragen zijn op centen afgerond met de grootste-restmethode, zodat de aandelen "
        "precies optellen tot het totaal. Wie betaalt volgt uit het soort opvang: "
        "jeugdhulp (JEUGD) betaalt de Jeugdwetgemeente helemaal; COSM, OMM en BO AMV "
        "worden landelijk betaald; de rest verdelen de gemeenten naar de sleutel."), s.small))
    return story + blokken(verdeling, vast)


def _landelijk_blok(verdeling: Verdeling, dossiernummers: Mapping[str, str]) -> list[Flowable]:
    """Nationally funded costs, listed but not allocated."""
    kop = p(_("Landelijk gefinancierd (niet verdeeld)"), Styles.get().h2)
    if not verdeling.niet_verdeeld:
        return [kop, p(_("Geen landelijk gefinancierde kosten in deze periode."))]
    return [kop, tabel(
        [_("Dossier"), _("Soort"), _("Periode"), _("Nachten"), _("Dagtarief"),
         _("Bedrag")],
        [_regel_landelijk(r, dossiernummers) for r in verdeling.niet_verdeeld],
        [26, 30, 40, 16, 20, 24], rechts=(3, 4, 5), klein=True,
        totaal=[_("Totaal"), "", "", "", "", format_money(verdeling.totaal_niet_verdeeld)],
    )]


def kostenverdeling(
    verdeling: Verdeling,
    dossiernummers: Mapping[str, str],
    briefhoofd: Briefhoofd,
    *,
    demo: bool = False,
    vandaag: date | None = None,
    vaststelling: Vaststelling | None = None,
) -> bytes:
    """The allocation statement as PDF bytes: region page (with its status, corrections,
    settlement and handed-over history), then a page per municipality."""
    vandaag = vandaag or date.today()
    story = (_regio_pagina(verdeling, vaststelling or Vaststelling())
             + _landelijk_blok(verdeling, dossiernummers))
    for index, aandeel in enumerate(verdeling.aandelen):
        if not aandeel.regels and not aandeel.bedrag:
            continue
        story.append(PageBreak())
        story += _gemeente_pagina(verdeling, index, dossiernummers)

    info = DocumentInfo(
        titel=_("Kostenverdeling"),
        onderwerp=_("Kostenverdeling {regio}, {periode}").format(
            regio=verdeling.regio, periode=periode(verdeling.van, verdeling.tot)),
        referentie=periode(verdeling.van, verdeling.tot),
        vertrouwelijk=True,
        demo=demo,
    )
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
