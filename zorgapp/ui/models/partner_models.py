"""Table models of the Partners page: organisations, contact persons, caseload."""

from __future__ import annotations

from zorgapp.domain.codes import FASE_LABELS, Fase
from zorgapp.domain.partners import (
    PARTNER_ROL_LABELS,
    CaseloadRij,
    Contactpersoon,
    Organisatie,
    PartnerRol,
)
from zorgapp.i18n import N_, _
from zorgapp.ui.models.rij_table_model import Kolom, RijTableModel


class OrganisatieTableModel(RijTableModel[Organisatie]):
    KOLOMMEN = (
        Kolom(N_("Partner"), lambda o: o.naam, lambda o: o.naam.casefold()),
        Kolom(N_("Telefoon"), lambda o: o.telefoon),
        Kolom(N_("Contactpersonen"), lambda o: str(len(o.contactpersonen)),
              lambda o: len(o.contactpersonen), rechts=True),
    )


class ContactpersoonTableModel(RijTableModel[Contactpersoon]):
    KOLOMMEN = (
        Kolom(N_("Naam"), lambda p: p.naam, lambda p: p.naam.casefold()),
        Kolom(N_("Functie"), lambda p: p.functie),
        Kolom(N_("Telefoon"), lambda p: p.telefoon),
        Kolom(N_("E-mail"), lambda p: p.email),
    )


def _rol(code: str) -> str:
    try:
        return _(PARTNER_ROL_LABELS[PartnerRol(code)])
    except ValueError:
        return code


def _fase(code: str) -> str:
    try:
        return _(FASE_LABELS[Fase(code)])
    except ValueError:
        return code


class CaseloadTableModel(RijTableModel[CaseloadRij]):
    KOLOMMEN = (
        Kolom(N_("Dossier"), lambda r: r.dossiernummer),
        Kolom(N_("Rol"), lambda r: _rol(r.rol)),
        Kolom(N_("Fase"), lambda r: _fase(r.fase)),
    )


__all__ = ["CaseloadTableModel", "ContactpersoonTableModel", "OrganisatieTableModel"]
