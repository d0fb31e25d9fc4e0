"""Verklaring van vernietiging: the paper proof that a case was destroyed.

It names the case only by its number: the person's data are gone, and the statement
must not bring them back. It says when the case was closed, until when it had to be
kept, why it was destroyed, who confirmed it, which backups were rewritten or removed,
and where the note of destruction sits in the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from zorgapp.i18n import _, format_date_long
from zorgapp.reports import style
from zorgapp.reports.style import DocumentInfo, Styles, p, velden


def verklaring_van_vernietiging(
    *, dossiernummer: str, afgesloten_op: date, bewaren_tot: date, vernietigd_op: date,
    vroegtijdig: bool, toelichting: str, door: str, audit_seq: int, kluis: str,
    kopieen: Sequence[tuple[str, str]], demo: bool = False,
) -> bytes:
    """The statement as PDF bytes; ``kopieen`` are (file name, 'herschreven'|'verwijderd')."""
    s = Styles.get()
    reden = (_("Op verzoek van de betrokkene (art. 17 AVG), vóór het einde van de bewaartermijn")
             if vroegtijdig else _("De bewaartermijn is verstreken (Wmo 2015 art. 5.3.4)"))
    rijen = [(_("Dossiernummer"), dossiernummer),
             (_("Afgesloten op"), format_date_long(afgesloten_op)),
             (_("Bewaren tot"), format_date_long(bewaren_tot)),
             (_("Vernietigd op"), format_date_long(vernietigd_op)),
             (_("Reden"), reden)]
    if toelichting:
        rijen.append((_("Toelichting"), toelichting))
    rijen += [(_("Bevestigd door"), door), (_("Kluis"), kluis),
              (_("Logboekregel"), str(audit_seq))]
    acties = {"herschreven": _("herschreven zonder dit dossier"), "verwijderd": _("verwijderd")}
    story: list[Flowable] = [
        p(_("Verklaring van vernietiging"), s.title),
        velden(rijen),
        Spacer(1, 5 * mm),
        p(_("Wat is vernietigd"), s.h2),
        p(_("Alle gegevens van dit dossier zijn uit de kluis verwijderd: de persoonsgegevens, "
            "het dossier met journaal en taken, de zoekindex, plaatsingen, kosten, bijlagen, "
            "agendapunten van het signaleringsoverleg, partnerkoppelingen en overdrachten. "
            "Vrijgekomen ruimte in het bestand is overschreven en het schrijflogboek (WAL) is "
            "geleegd."), s.body),
        p(_("Reservekopieën"), s.h2),
    ]
    if kopieen:
        story += [p(f"• {naam}: {acties.get(actie, actie)}", s.body)
                  for naam, actie in kopieen]
    else:
        story.append(p(_("Geen reservekopie in de map van de kluis bevatte dit dossier."), s.body))
    story += [
        p(_("Kopieën die buiten de map van de kluis zijn gemaakt (bijvoorbeeld op een "
            "USB-stick) moeten apart worden vernietigd of opnieuw gemaakt."), s.small),
        p(_("Wat blijft"), s.h2),
        p(_("Alleen deze aantekening, zonder persoonsgegevens, staat in het logboek van de kluis. "
            "De eerdere logboekregels over dit dossier blijven bestaan en de keten van het "
            "logboek blijft controleerbaar (zorgapp audit verify)."), s.body),
        Spacer(1, 14 * mm),
        p(_("Handtekening: ______________________________"), s.body),
    ]
    info = DocumentInfo(titel=_("Verklaring van vernietiging"),
                        onderwerp=_("Vernietiging van dossier {nummer}").format(nummer=dossiernummer),
                        referentie=dossiernummer, vertrouwelijk=False, demo=demo)
    return style.bouw(story, info, None, vandaag=vernietigd_op)
