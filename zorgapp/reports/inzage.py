"""Inzage (art. 15 AVG) on paper: what Zorgapp keeps about one person, in plain Dutch.

Codes are printed as words (the JSON beside it has the code lists). The case sections
are the case summary's own (``reports.summary``); after them everything the summary
leaves out: indicators, the journal, all tasks, costs, attachments, meeting items,
privacy requests, and the audit entries: who opened, changed, printed or exported the
case, and when. Takes the collected ``Inzage`` (``services.inzage_service``) as any
object with those attributes, so this module needs no services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from zorgapp.domain.codes import INDICATOR_LABELS
from zorgapp.domain.kosten import KOSTENSOORT_LABELS
from zorgapp.domain.opvang import OPVANG_LABELS, PLAATSING_STATUS_LABELS
from zorgapp.domain.privacy import PRIVACY_SOORT_LABELS
from zorgapp.i18n import _, format_money
from zorgapp.reports import style, summary
from zorgapp.reports.logboek import log_tabel
from zorgapp.reports.style import DocumentInfo, p, tabel
from zorgapp.reports.teksten import datum, label, periode

Sectie = Callable[[Any, summary._Overzicht], list[Flowable]]


def _d(tekst: str | None) -> date | None:
    return date.fromisoformat(tekst) if tekst else None


def _inleiding(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    s = o.s
    story: list[Flowable] = [
        p(_("Inzage in uw gegevens – dossier {nummer}").format(
            nummer=inzage.dossier.dossiernummer), s.title),
        p(_("U heeft het recht om te zien welke gegevens wij over u bewaren (artikel 15 "
            "van de AVG). Hieronder staat alles wat in Zorgapp over u is vastgelegd, op "
            "{datum}. Codes zijn in gewone woorden geschreven. Hetzelfde staat in het "
            "bijgevoegde JSON-bestand, dat een computer kan lezen (artikel 20 AVG). Klopt "
            "er iets niet, dan kunt u vragen het te verbeteren (artikel 16) of het gebruik "
            "te beperken (artikel 18).").format(datum=datum(o.vandaag))),
    ]
    if inzage.beperkt:
        story.append(p(_("Het gebruik van dit dossier is beperkt (artikel 18 AVG): het wordt "
                         "bewaard, maar niet gebruikt of gedeeld."), s.h2))
    return [*story, Spacer(1, 2 * mm)]


def _indicatoren(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    rijen = [[datum(w.datum), label(INDICATOR_LABELS, w.indicator), w.waargenomen_door,
              w.toelichting]
             for m in inzage.dossier.meldingen for w in m.indicatoren]
    if not rijen:
        return []
    return [p(_("Signalen (indicatoren) in de meldingen"), o.s.h2),
            tabel([_("Datum"), _("Signaal"), _("Gezien door"), _("Toelichting")], rijen,
                  [22, 50, 35, 55])]


def _plaatsingen(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    kop = p(_("Opvang (plaatsingen)"), o.s.h2)
    if not inzage.plaatsingen:
        return [kop, p(_("Geen plaatsingen vastgelegd."))]
    rijen = []
    for pl in inzage.plaatsingen:
        loc = pl.get("locatie") or {}
        rijen.append([label(OPVANG_LABELS, pl["type"]),
                      " – ".join(x for x in (loc.get("organisatie"), loc.get("naam")) if x),
                      periode(_d(pl.get("van")), _d(pl.get("tot"))),
                      label(PLAATSING_STATUS_LABELS, pl["status"])])
    return [kop, tabel([_("Soort"), _("Locatie"), _("Periode"), _("Status")], rijen,
                       [40, 55, 40, 25])]


def _kosten(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    if not inzage.kosten:
        return []
    rijen = [[datum(_d(k["datum"])), label(KOSTENSOORT_LABELS, k["soort"]),
              format_money(Decimal(k["bedrag"])), k.get("omschrijving", "")]
             for k in inzage.kosten]
    return [p(_("Kosten"), o.s.h2),
            tabel([_("Datum"), _("Soort"), _("Bedrag"), _("Omschrijving")], rijen,
                  [22, 35, 25, 75], rechts=[2])]


def _journaal(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    kop = p(_("Journaal (aantekeningen)"), o.s.h2_los)
    if not inzage.dossier.journaal:
        return [kop, p(_("Geen aantekeningen."))]
    rijen = [[datum(j.datum), j.soort, j.tekst, j.auteur]
             for j in sorted(inzage.dossier.journaal, key=lambda j: j.datum)]
    return [kop, tabel([_("Datum"), _("Soort"), _("Tekst"), _("Door")], rijen,
                       [22, 22, 95, 22])]


def _taken(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    if not inzage.dossier.taken:
        return []
    rijen = [[datum(t.deadline), t.omschrijving, t.eigenaar,
              datum(t.gedaan_op) if t.gedaan_op else _("open")]
             for t in sorted(inzage.dossier.taken, key=lambda t: t.deadline)]
    return [p(_("Taken"), o.s.h2),
            tabel([_("Deadline"), _("Taak"), _("Wie"), _("Gedaan op")], rijen,
                  [22, 85, 30, 22])]


def _bijlagen(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    kop = p(_("Bijlagen (documenten)"), o.s.h2)
    if not inzage.bijlagen:
        return [kop, p(_("Geen bijlagen."))]
    rijen = [[b["naam"], b["type"], _("{kb} kB").format(kb=max(1, round(b["grootte"] / 1024))),
              b["toegevoegd_op"][:10], inzage.bestanden.get(b["uuid"], "")]
             for b in inzage.bijlagen]
    uitleg = _("De documenten zelf zitten bij deze inzage in de map ernaast.") \
        if inzage.bestanden else _("De documenten zelf zijn niet meegegeven; vraag erom als "
                                   "u ze wilt hebben.")
    return [kop, tabel([_("Naam"), _("Soort bestand"), _("Grootte"), _("Toegevoegd"),
                        _("Bestand")], rijen, [50, 30, 18, 22, 40]), p(uitleg, o.s.small)]


def _overleg(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    if not inzage.overleg:
        return []
    rijen = [[datum(_d(x["datum"])), x["besproken"],
              "\n".join(b["tekst"] for b in x["besluiten"])] for x in inzage.overleg]
    return [p(_("Besproken in het signaleringsoverleg"), o.s.h2),
            tabel([_("Datum"), _("Besproken"), _("Besluiten")], rijen, [22, 80, 60])]


def _privacy(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    if not inzage.privacy:
        return []
    rijen = [[datum(e.datum), label(PRIVACY_SOORT_LABELS, e.soort), e.reden,
              ", ".join(e.velden), e.auteur] for e in inzage.privacy]
    return [p(_("Uw verzoeken over uw gegevens"), o.s.h2),
            tabel([_("Datum"), _("Verzoek"), _("Reden"), _("Gegevens"), _("Door")], rijen,
                  [22, 40, 50, 30, 22])]


def _logboek(inzage: Any, o: summary._Overzicht) -> list[Flowable]:
    kop = p(_("Wie heeft uw dossier ingezien of gewijzigd"), o.s.h2)
    # kept with the table's first rows: a heading alone at the foot of a page helps nobody
    uitleg = p(_("Elke keer dat iemand uw dossier opent, wijzigt, afdrukt of meegeeft, "
                 "legt Zorgapp vast wie dat deed en wanneer. Het logboek bevat geen "
                 "inhoud, alleen namen van velden."),
               ParagraphStyle("uitleg", parent=o.s.small, keepWithNext=1))
    if not inzage.logboek:
        return [kop, uitleg, p(_("Geen regels."))]
    return [kop, uitleg, log_tabel(inzage.logboek, met_dossier=False)]


_SECTIES: tuple[Sectie, ...] = (
    _inleiding,
    lambda _i, o: summary._client(o),
    lambda _i, o: summary._meldingen(o),
    _indicatoren,
    lambda _i, o: summary._stappen(o),
    lambda _i, o: summary._besluiten(o),
    lambda _i, o: summary._opvang_veiligheid_zorg(o),
    _plaatsingen,
    _kosten,
    lambda _i, o: summary._partners(o),
    lambda _i, o: summary._toestemming(o),
    _taken,
    _journaal,
    _bijlagen,
    _overleg,
    _privacy,
    _logboek,
)


def inzage_pdf(inzage: Any, *, vandaag: date | None = None,
               gemeente_namen: dict[str, str] | None = None) -> bytes:
    """The readable inzage as PDF bytes."""
    vandaag = vandaag or datetime.now().date()
    o = summary._Overzicht(inzage.dossier, (), {}, gemeente_namen or {}, vandaag)
    story = [f for sectie in _SECTIES for f in sectie(inzage, o)]
    info = DocumentInfo(titel=_("Inzage"),
                        onderwerp=_("Inzage dossier {nummer}").format(
                            nummer=inzage.dossier.dossiernummer),
                        referentie=inzage.dossier.dossiernummer, vertrouwelijk=True,
                        demo=inzage.demo)
    return style.bouw(story, info, vandaag=vandaag)

