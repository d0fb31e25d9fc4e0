"""Contactkaart: the printable public card of a coordinator (name, organisation,
region, both public keys, fingerprint and a QR code of the card text).

Nothing on it is secret; it lets a colleague add the card and compare the
fingerprint by phone before marking it verified.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer

from zorgapp.i18n import _
from zorgapp.reports import style
from zorgapp.reports.qr import qr_png
from zorgapp.reports.style import Briefhoofd, DocumentInfo, Styles, p, velden


def contactkaart(naam: str, organisatie: str, regio: str, age_recipient: str,
                 signing_key: str, vingerafdruk: str, kaarttekst: str,
                 briefhoofd: Briefhoofd | None = None, *, demo: bool = False,
                 vandaag: date | None = None) -> bytes:
    """The contact card as PDF bytes."""
    s = Styles.get()
    qr = Image(io.BytesIO(qr_png(kaarttekst, scale=4)), width=60 * mm, height=60 * mm)
    story: list[Flowable] = [
        p(_("Contactkaart"), s.title),
        velden([(_("Naam"), naam), (_("Organisatie"), organisatie), (_("Regio"), regio)]),
        Spacer(1, 4 * mm),
        p(_("Vingerafdruk"), s.h2),
        p(vingerafdruk, s.mono),
        p(_("Vergelijk deze vingerafdruk telefonisch voordat u de kaart als gecontroleerd "
            "markeert."), s.small),
        p(_("Sleutels"), s.h2),
        velden([(_("Ontvangen (age)"), age_recipient), (_("Ondertekenen (Ed25519)"), signing_key)]),
        Spacer(1, 6 * mm),
        qr,
        p(_("Scan de QR-code of typ de kaarttekst over in Beheer > Overdracht > Adresboek."),
          s.small),
    ]
    info = DocumentInfo(titel=_("Contactkaart"),
                        onderwerp=_("Contactkaart van {naam}").format(naam=naam or organisatie),
                        referentie=vingerafdruk, demo=demo)
    return style.bouw(story, info, briefhoofd, vandaag=vandaag)
