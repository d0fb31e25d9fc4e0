"""Aanmelding CoMensha: the registration set of DOMAIN.md §2b on paper.

Only the registration set (who registers, reporter type, form and sector of
exploitation, country of origin, nationality, age, gender, region, the CoMensha
reference) and the ground it rests on (written consent, or an obliged reporter). No
name, no birth date, no address: CoMensha's set does not ask for them, so they stay
out. Marked VERTROUWELIJK like every document about a case.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from zorgapp.domain.aanmelding import Aanmelding
from zorgapp.domain.codes import MELDER_LABELS, UITBUITINGSVORM_LABELS, ToestemmingDoel
from zorgapp.domain.dossier import Dossier
from zorgapp.i18n import _
from zorgapp.reports import style
from zorgapp.reports.style import Briefhoofd, DocumentInfo, Styles, p, velden
from zorgapp.reports.teksten import datum, geslacht, ja_nee, label, land


def _grondslag(dossier: Dossier, aanmelding: Aanmelding, vandaag: date) -> str:
    """Why this registration is lawful: the consent that covers it, or the reporter."""
    op = aanmelding.datum or vandaag
    for t in dossier.toestemmingen:
        if t.doel is ToestemmingDoel.COMENSHA_AANMELDING and t.geldig_op(op):
            if t.gegeven_door:
                return _("Schriftelijke toestemming van {datum}, gegeven door {wie} "
                         "(ouder, voogd of vertegenwoordiger).").format(
                    datum=datum(t.datum), wie=t.gegeven_door)
            return _("Schriftelijke toestemming van de cliënt van {datum}.").format(
                datum=datum(t.datum))
    if aanmelding.meldplichtig:
        return _("Aanmelding door {melder} (meldplicht); geen opvang gevraagd.").format(
            melder=label(MELDER_LABELS, aanmelding.aangemeld_door))
    return _("Geen toestemming vastgelegd.")


def _velden(dossier: Dossier, aanmelding: Aanmelding, vandaag: date) -> list[tuple[str, str]]:
    leeftijd = "" if aanmelding.leeftijd is None else _("{n} jaar").format(n=aanmelding.leeftijd)
    return [
        (_("Aangemeld door"), label(MELDER_LABELS, aanmelding.aangemeld_door)),
        (_("Datum aanmelding"), datum(aanmelding.datum)),
        (_("Soort melder"), label(MELDER_LABELS, aanmelding.melder_type)),
        (_("Vorm van uitbuiting"),
         ", ".join(label(UITBUITINGSVORM_LABELS, v) for v in aanmelding.vormen)),
        (_("Sector"), aanmelding.sector),
        (_("Land van herkomst"), land(aanmelding.land_van_herkomst)
         if aanmelding.land_van_herkomst else ""),
        (_("Nationaliteit"), land(aanmelding.nationaliteit) if aanmelding.nationaliteit else ""),
        (_("Leeftijd"), leeftijd),
        (_("Geslacht"), geslacht(aanmelding.geslacht)),
        (_("Regio"), aanmelding.regio),
        (_("Opvang gevraagd"), ja_nee(aanmelding.opvang_gevraagd)),
        (_("Kenmerk CoMensha"), dossier.opvangbehoeften.comensha_kenmerk
         or _("(nog niet ontvangen)")),
        (_("Grondslag"), _grondslag(dossier, aanmelding, vandaag)),
    ]


def aanmelding_comensha(dossier: Dossier, aanmelding: Aanmelding, briefhoofd: Briefhoofd,
                        *, demo: bool = False, vandaag: date | None = None) -> bytes:
    """The registration form as PDF bytes."""
    vandaag = vandaag or date.today()
    s = Styles.get()
    story: list[Flowable] = [
        p(_("Aanmelding CoMensha"), s.title),
        p(_("Dossier {nummer}. Alleen de gegevens van de aanmeldset; naam en adres van de "
            "cliënt staan er bewust niet op.").format(nummer=dossier.dossiernummer), s.small),
        Spacer(1, 3 * mm),
        velden(_velden(dossier, aanmelding, vandaag)),
    ]
    info = DocumentInfo(
        titel=_("Aanmelding CoMensha"),
        onderwerp=_("Dossier {nummer}").format(nummer=dossier.dossiernummer),
        referentie=dossier.dossiernummer,
        vertrouwelijk=True,
        demo=demo,
    )
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
