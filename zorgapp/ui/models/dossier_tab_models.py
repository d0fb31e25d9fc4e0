"""Table models of the dossier view's lists: path events, journal, tasks, partners,
consents, and the children in the needs form.

Built on ``RijTableModel`` (rij_table_model.py): the tab puts rows in (in the order it
shows them) through ``set_rows``; ``ROW_ROLE`` gives the domain object back, for
example the task to tick off. Texts that depend on the day (an overdue task, a
consent that is no longer valid) use the day the tab passed with the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zorgapp.domain.codes import TOESTEMMING_DOEL_LABELS
from zorgapp.domain.dossier import JournaalRegel, Partner, Taak, Toestemming
from zorgapp.domain.opvangbehoeften import Kind
from zorgapp.domain.partners import PARTNER_ROL_LABELS
from zorgapp.domain.traject import TrajectEvent
from zorgapp.i18n import N_, _, format_date
from zorgapp.ui.models.labels import event_tekst
from zorgapp.ui.models.rij_table_model import Kolom, RijTableModel, datum_sort, datum_tekst


class GebeurtenisTableModel(RijTableModel[TrajectEvent]):
    """Every recorded event of the path, in the order of recording."""

    KOLOMMEN = (
        Kolom(N_("Gebeurtenissen, in volgorde van vastleggen"), event_tekst,
              lambda e: e.vastgelegd_op.isoformat()),
    )


class JournaalTableModel(RijTableModel[JournaalRegel]):
    KOLOMMEN = (
        Kolom(N_("Datum"), lambda j: format_date(j.datum), lambda j: j.datum.isoformat()),
        Kolom(N_("Soort"), lambda j: j.soort),
        Kolom(N_("Tekst"), lambda j: j.tekst),
        Kolom(N_("Door"), lambda j: j.auteur),
    )


@dataclass(frozen=True)
class TaakRij:
    taak: Taak
    vandaag: date


def _taak_status(r: TaakRij) -> str:
    t = r.taak
    if t.open:
        return _("verlopen") if t.deadline < r.vandaag else _("open")
    return _("gedaan op {datum}").format(datum=datum_tekst(t.gedaan_op))


class TaakTableModel(RijTableModel[TaakRij]):
    KOLOMMEN = (
        Kolom(N_("Taak"), lambda r: r.taak.omschrijving),
        Kolom(N_("Deadline"), lambda r: format_date(r.taak.deadline),
              lambda r: r.taak.deadline.isoformat()),
        Kolom(N_("Status"), _taak_status, lambda r: (not r.taak.open, r.taak.deadline)),
        Kolom(N_("Wie"), lambda r: r.taak.eigenaar),
    )


def rol_tekst(partner: Partner) -> str:
    """The fixed role, and the note after it when there is one."""
    rol = _(PARTNER_ROL_LABELS[partner.rol])
    return f"{rol} ({partner.toelichting})" if partner.toelichting.strip() else rol


class PartnerTableModel(RijTableModel[Partner]):
    KOLOMMEN = (
        Kolom(N_("Partner"), lambda p: p.naam, lambda p: p.naam.casefold()),
        Kolom(N_("Rol"), lambda p: rol_tekst(p)),
        Kolom(N_("Contact"), lambda p: p.contact),
    )


@dataclass(frozen=True)
class ToestemmingRij:
    toestemming: Toestemming
    partner: str  # the partner's name, "" when the consent names none
    vandaag: date


def _toestemming_status(r: ToestemmingRij) -> str:
    t = r.toestemming
    if t.ingetrokken_op is not None:
        return _("ingetrokken op {datum}").format(datum=format_date(t.ingetrokken_op))
    return _("geldig") if t.geldig_op(r.vandaag) else _("niet geldig")


class ToestemmingTableModel(RijTableModel[ToestemmingRij]):
    KOLOMMEN = (
        Kolom(N_("Doel"), lambda r: _(TOESTEMMING_DOEL_LABELS[r.toestemming.doel])),
        Kolom(N_("Partner"), lambda r: r.partner),
        Kolom(N_("Sinds"), lambda r: format_date(r.toestemming.datum),
              lambda r: r.toestemming.datum.isoformat()),
        Kolom(N_("Geldig tot"), lambda r: datum_tekst(r.toestemming.geldig_tot),
              lambda r: datum_sort(r.toestemming.geldig_tot)),
        Kolom(N_("Status"), _toestemming_status),
    )


class KindTableModel(RijTableModel[Kind]):
    """The children in the needs form (rows are the form's unsaved list)."""

    KOLOMMEN = (
        Kolom(N_("Naam"), lambda k: k.naam),
        Kolom(N_("Geboortedatum"), lambda k: format_date(k.geboortedatum)
              if k.geboortedatum else _("onbekend"), lambda k: datum_sort(k.geboortedatum)),
        Kolom(N_("Komt mee"), lambda k: _("ja") if k.gaat_mee else _("nee"),
              lambda k: k.gaat_mee),
        Kolom(N_("Bijzonderheden"), lambda k: k.bijzonderheden),
    )


__all__ = ["GebeurtenisTableModel", "JournaalTableModel", "KindTableModel",
           "PartnerTableModel", "TaakRij", "TaakTableModel", "ToestemmingRij",
           "ToestemmingTableModel"]
