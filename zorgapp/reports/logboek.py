"""The audit trail on paper for the privacy officer (FG): the filter, the result of
the hash-chain check at the top, then one line per entry with the case number.

Takes ready rows (``services.logboek_service.LogRegel``-like objects) so this module
needs no store; the check result comes as an object with ``in_orde`` and ``tekst()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from zorgapp.domain.logboek import HANDELINGEN
from zorgapp.i18n import _
from zorgapp.reports import style
from zorgapp.reports.style import CONTENT_WIDTH, DocumentInfo, Styles, p, tabel, velden
from zorgapp.reports.teksten import datum, label


class _Controle(Protocol):
    @property
    def in_orde(self) -> bool: ...

    def tekst(self) -> str: ...


def controle_blok(controle: _Controle) -> Table:
    """The check result in a box: green when intact, red when not."""
    kleur = colors.HexColor("#1e6b34") if controle.in_orde else colors.HexColor("#a61b1b")
    s = Styles.get()
    blok = Table([[p(controle.tekst(), s.body)]], colWidths=[CONTENT_WIDTH])
    blok.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, kleur),
                              ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f5f7fa")),
                              ("LEFTPADDING", (0, 0), (-1, -1), 6),
                              ("TOPPADDING", (0, 0), (-1, -1), 5),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return blok


def log_tabel(regels: Sequence[Any], *, met_dossier: bool = True) -> Table:
    """Time, user, action, what (with the case number), outcome, fields."""
    rijen = []
    for r in regels:
        wat = f"{r.gegeven} {r.dossiernummer}".strip()
        uitkomst = r.uitkomst_tekst if r.uitkomst != "ok" else ""
        rij = [str(r.volgnummer), r.tijd, r.gebruiker, r.omschrijving]
        if met_dossier:
            rij.append(wat)
        rij += [uitkomst, ", ".join(r.velden)]
        rijen.append(rij)
    kop = [_("Nr."), _("Tijd"), _("Gebruiker"), _("Handeling")]
    breedtes = [10, 30, 22, 22]
    if met_dossier:
        kop.append(_("Gegeven"))
        breedtes.append(30)
    kop += [_("Uitkomst"), _("Velden")]
    breedtes += [24, 40]
    return tabel(kop, rijen, breedtes, klein=True)


def logboek_pdf(regels: Sequence[Any], controle: _Controle, *, van: date | None = None,
                tot: date | None = None, dossiernummer: str = "", gebruiker: str = "",
                handeling: str = "", vandaag: date | None = None, demo: bool = False) -> bytes:
    """The filtered trail as PDF bytes."""
    s = Styles.get()
    story: list[Flowable] = [
        p(_("Logboek voor de privacyfunctionaris"), s.title),
        p(_("Wie heeft wat, wanneer gedaan met de gegevens in deze kluis. Het logboek "
            "bevat nooit waarden, alleen namen van velden."), s.small),
        Spacer(1, 3 * mm),
        controle_blok(controle),
        p(_("Selectie"), s.h2),
        velden([
            (_("Periode"), _("{van} tot en met {tot}").format(
                van=datum(van) or _("begin"), tot=datum(tot) or _("nu"))),
            (_("Dossier"), dossiernummer or _("alle")),
            (_("Gebruiker"), gebruiker or _("alle")),
            (_("Handeling"), label(HANDELINGEN, handeling) if handeling else _("alle")),
            (_("Aantal regels"), str(len(regels))),
        ]),
        p(_("Regels"), s.h2_los),
    ]
    story.append(log_tabel(regels) if regels else p(_("Geen regels in deze selectie.")))
    info = DocumentInfo(titel=_("Logboek"), onderwerp=_("Logboek voor de privacyfunctionaris"),
                        vertrouwelijk=True, demo=demo)
    return style.bouw(story, info, vandaag=vandaag)
