"""Herstelsleutel: the sheet to print when a vault is created.

The recovery key opens the vault without the passphrase, so the sheet is the most
sensitive paper Zorgapp produces. It is only made at creation (the key is never shown
again) and the instructions say where to keep it.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from zorgapp.i18n import _, format_date_long
from zorgapp.reports import fonts, style
from zorgapp.reports.style import (
    ACCENT,
    Briefhoofd,
    DocumentInfo,
    Styles,
    esc,
    markup,
    p,
    velden,
)


def _groepen(sleutel: str) -> list[str]:
    """Groups of four, whatever separators the key came with."""
    schoon = "".join(c for c in sleutel.upper() if c.isalnum())
    return [schoon[i:i + 4] for i in range(0, len(schoon), 4)]


def herstelsleutelblad(
    sleutel: str,
    kluis: str,
    briefhoofd: Briefhoofd | None = None,
    *,
    demo: bool = False,
    vandaag: date | None = None,
) -> bytes:
    """The recovery key sheet as PDF bytes: large monospace key in groups of four."""
    s = Styles.get()
    vandaag = vandaag or date.today()
    groepen = _groepen(sleutel)
    rijen = [groepen[i:i + 4] for i in range(0, len(groepen), 4)]
    for rij in rijen:
        rij += [""] * (4 - len(rij))
    sleuteltabel = Table([[p(g, s.mono) for g in rij] for rij in rijen],
                         colWidths=[style.CONTENT_WIDTH / 4 - 6 * mm] * 4)
    sleuteltabel.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
        ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
    ]))

    def punt(tekst: str) -> Flowable:
        return markup("•&nbsp;&nbsp;" + esc(tekst))

    story: list[Flowable] = [
        p(_("Herstelsleutel"), s.title),
        velden([(_("Kluis"), kluis), (_("Gemaakt op"), format_date_long(vandaag))]),
        Spacer(1, 6 * mm),
        sleuteltabel,
        Spacer(1, 2 * mm),
        p(_("Typ de tekens over zoals ze er staan; spaties of streepjes tussen de "
            "groepjes en hoofd- of kleine letters maken niet uit."), s.small),
        p(_("Waar bewaart u dit blad?"), s.h2),
        punt(_("Op papier, in een afgesloten kast of kluis op kantoor.")),
        punt(_("Nooit bij de laptop, in de laptoptas of in dezelfde la.")),
        punt(_("Niet als foto, scan of bestand op een computer, telefoon of in de cloud.")),
        punt(_("Vertel uw leidinggevende waar het blad ligt, zodat de gegevens van "
               "cliënten ook bereikbaar blijven als u er niet bent.")),
        p(_("Wanneer gebruikt u de herstelsleutel?"), s.h2),
        p(_("Als u de wachtwoordzin kwijt bent: kies bij het openen van de kluis voor "
            "herstellen met de herstelsleutel, typ de sleutel over en kies een nieuwe "
            "wachtwoordzin. Op de opdrachtregel: zorgapp vault recover PAD.")),
        Spacer(1, 2 * mm),
        p(_("Met deze sleutel kan iedereen de kluis openen. Is het blad zoekgeraakt of "
            "heeft iemand anders het gezien, maak dan een nieuwe kluis en zet de dossiers "
            "over."), s.body),
    ]
    info = DocumentInfo(
        titel=_("Herstelsleutel"),
        onderwerp=_("Herstelsleutel van kluis {kluis}").format(kluis=kluis),
        referentie=kluis,
        vertrouwelijk=True,
        demo=demo,
    )
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
