"""The rows about children, safety and care needs, shared by letter and summary.

Empty fields are left out rather than printed as dashes: a shelter reading "–" under
"Medicatie" cannot tell "none" from "not asked", so the block says which it is.
"""

from __future__ import annotations

from datetime import date

from zorgapp.domain.opvangbehoeften import Kind, Opvangbehoeften
from zorgapp.i18n import _
from zorgapp.reports.teksten import datum, ja_nee


def kind_regel(kind: Kind, op: date, *, alias: bool = False) -> str:
    """ "Ionuț Ștefănescu (geboren 2 mrt 2021, 5 jaar)".

    With ``alias`` only the first name: a child's family name would give away the name
    of a client who is placed under an alias.
    """
    naam = kind.naam.split()[0] if alias and kind.naam.split() else kind.naam
    if kind.geboortedatum is None:
        tekst = _("{naam} (geboortedatum onbekend)").format(naam=naam)
    else:
        g = kind.geboortedatum
        jaren = op.year - g.year - ((op.month, op.day) < (g.month, g.day))
        tekst = _("{naam} (geboren {datum}, {jaren} jaar)").format(
            naam=naam, datum=datum(g), jaren=max(jaren, 0))
    if kind.bijzonderheden.strip():
        tekst += ": " + kind.bijzonderheden.strip()
    return tekst


def kinderen_mee(behoeften: Opvangbehoeften, op: date, *, alias: bool = False) -> str:
    """Only the children who come along: the others are none of the shelter's business."""
    mee = behoeften.kinderen_mee
    if not mee:
        return _("geen")
    return "\n".join(kind_regel(k, op, alias=alias) for k in mee)


def veiligheid_rijen(behoeften: Opvangbehoeften) -> list[tuple[str, str]]:
    v = behoeften.veiligheid
    daders = ja_nee(v.daders_in_de_buurt)
    if v.daders_toelichting.strip():
        daders += " – " + v.daders_toelichting.strip()
    rijen = [
        (_("Daders mogelijk in de buurt"), daders),
        (_("Geheim adres nodig"), ja_nee(v.geheim_adres_nodig)),
    ]
    if v.telefoon_afspraken.strip():
        rijen.append((_("Afspraken telefoon en sociale media"), v.telefoon_afspraken.strip()))
    return rijen


def zorg_rijen(behoeften: Opvangbehoeften) -> list[tuple[str, str]]:
    """Only what is known; an empty list means no care needs were recorded."""
    z = behoeften.zorg
    rijen = [(titel, tekst.strip()) for titel, tekst in (
        (_("Medisch"), z.medisch), (_("GGZ"), z.ggz), (_("Medicatie"), z.medicatie),
    ) if tekst.strip()]
    if z.zwanger is True:
        zwanger = _("ja")
        if z.uitgerekend_op is not None:
            zwanger = _("ja, uitgerekend op {datum}").format(datum=datum(z.uitgerekend_op))
        rijen.append((_("Zwanger"), zwanger))
    return rijen
