"""The list of a dossier's attachments (tab "Bijlagen"): name, description, type, size
and when it was added; ``ROW_ROLE`` gives the ``Bijlage`` back (to view, save, delete)."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from zorgapp.domain.bijlage import MB, PDF, Bijlage
from zorgapp.i18n import N_, _, format_datetime, format_number
from zorgapp.ui.models.rij_table_model import Kolom, RijTableModel


def grootte_tekst(grootte: int) -> str:
    """``340 kB``, ``1,2 MB`` (in the user's language)."""
    if grootte < MB:
        return _("{aantal} kB").format(aantal=format_number(max(1, -(-grootte // 1024))))
    mb = (Decimal(grootte) / MB).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _("{aantal} MB").format(aantal=format_number(mb))


def soort_tekst(bijlage: Bijlage) -> str:
    """What kind of file, for a person: PDF, image, or the MIME type itself."""
    if bijlage.type == PDF:
        return _("PDF")
    if bijlage.is_afbeelding:
        return _("afbeelding ({soort})").format(soort=bijlage.type.split("/")[1].upper())
    return bijlage.type


def toegevoegd_tekst(bijlage: Bijlage) -> str:
    try:
        moment = datetime.fromisoformat(bijlage.toegevoegd_op.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return bijlage.toegevoegd_op
    return format_datetime(moment.replace(tzinfo=None), "short")


class BijlageTableModel(RijTableModel[Bijlage]):
    KOLOMMEN = (
        Kolom(N_("Naam"), lambda b: b.naam, lambda b: b.naam.casefold()),
        Kolom(N_("Omschrijving"), lambda b: b.omschrijving),
        Kolom(N_("Soort"), soort_tekst),
        Kolom(N_("Grootte"), lambda b: grootte_tekst(b.grootte), lambda b: b.grootte, rechts=True),
        Kolom(N_("Toegevoegd"), toegevoegd_tekst, lambda b: b.toegevoegd_op),
    )


__all__ = ["BijlageTableModel", "grootte_tekst", "soort_tekst"]
