"""Agenda and minutes of a signaleringsoverleg, marked VERTROUWELIJK.

Cases appear only pseudonymised: case number and initials (``Agendapunt.pseudoniem``).
The objects printed here never hold a client's name, so neither can the paper; what
the coordinator typed in the minutes is printed as typed (the minutes dialog asks not
to write names).
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from zorgapp.domain.overleg import Overleg
from zorgapp.i18n import _
from zorgapp.reports import style
from zorgapp.reports.style import Briefhoofd, DocumentInfo, Styles, p, tabel, velden
from zorgapp.reports.teksten import datum


def _kop(overleg: Overleg, titel: str) -> list[Flowable]:
    s = Styles.get()
    aanwezig = ", ".join(overleg.organisaties) or _("(nog niet ingevuld)")
    return [
        p(titel, s.title),
        velden([(_("Datum"), datum(overleg.datum)), (_("Aanwezige organisaties"), aanwezig)]),
        p(_("Dossiers worden alleen met dossiernummer en initialen genoemd."), s.small),
        Spacer(1, 3 * mm),
    ]


def _info(overleg: Overleg, titel: str, demo: bool) -> DocumentInfo:
    return DocumentInfo(titel=titel, onderwerp=_("Signaleringsoverleg {datum}").format(
        datum=datum(overleg.datum)), referentie=datum(overleg.datum),
        vertrouwelijk=True, demo=demo)


def agenda_pdf(overleg: Overleg, briefhoofd: Briefhoofd, *, demo: bool = False,
               vandaag: date | None = None) -> bytes:
    """The agenda: one numbered line per case."""
    titel = _("Agenda signaleringsoverleg")
    story = _kop(overleg, titel)
    s = Styles.get()
    story.append(p(_("Te bespreken dossiers"), s.h2_los))
    if overleg.agenda:
        story.append(tabel([_("Nr."), _("Dossier"), _("Aantekeningen")],
                           [[str(i), a.pseudoniem, ""] for i, a in enumerate(overleg.agenda, 1)],
                           [10, 70, 77]))
    else:
        story.append(p(_("Er staan nog geen dossiers op de agenda.")))
    return style.bouw(story, _info(overleg, titel, demo), briefhoofd, vandaag=vandaag)


def verslag_pdf(overleg: Overleg, briefhoofd: Briefhoofd, *, demo: bool = False,
                vandaag: date | None = None) -> bytes:
    """The minutes: per case what was discussed, then its decisions with owner and date."""
    titel = _("Verslag signaleringsoverleg")
    story = _kop(overleg, titel)
    s = Styles.get()
    acties = []
    for i, punt in enumerate(overleg.agenda, 1):
        story.append(p(_("{nr}. Dossier {pseudoniem}").format(nr=i, pseudoniem=punt.pseudoniem),
                       s.h2))
        story.append(p(punt.besproken or _("Niet besproken.")))
        for b in punt.besluiten:
            acties.append([punt.pseudoniem, b.tekst, b.eigenaar, datum(b.deadline)])
        if punt.besluiten:
            story.append(Spacer(1, 2 * mm))
            story.append(tabel([_("Besluit"), _("Wie"), _("Uiterlijk")],
                               [[b.tekst, b.eigenaar, datum(b.deadline)] for b in punt.besluiten],
                               [95, 40, 22]))
    if not overleg.agenda:
        story.append(p(_("Er stonden geen dossiers op de agenda.")))
    story.append(p(_("Actielijst"), s.h2_los))
    if acties:
        story.append(tabel([_("Dossier"), _("Besluit"), _("Wie"), _("Uiterlijk")], acties,
                           [38, 67, 32, 20]))
    else:
        story.append(p(_("Geen besluiten.")))
    return style.bouw(story, _info(overleg, titel, demo), briefhoofd, vandaag=vandaag)
