"""Thin table models of the Overleggen page: the meetings, and one meeting's agenda
(cases pseudonymised: case number and initials only)."""

from __future__ import annotations

from dataclasses import dataclass

from zorgapp.domain.overleg import Agendapunt, Overleg
from zorgapp.i18n import N_, _, format_date, ngettext
from zorgapp.ui.models.rij_table_model import Kolom, RijTableModel


@dataclass(frozen=True)
class OverlegRij:
    overleg: Overleg
    aantal: int  # cases on the agenda


class OverlegTableModel(RijTableModel[OverlegRij]):
    KOLOMMEN = (
        Kolom(N_("Datum"), lambda r: format_date(r.overleg.datum),
              lambda r: r.overleg.datum.isoformat()),
        Kolom(N_("Dossiers"), lambda r: str(r.aantal), lambda r: r.aantal, rechts=True),
        Kolom(N_("Aanwezig"), lambda r: ", ".join(r.overleg.organisaties)),
    )


def _besproken(a: Agendapunt) -> str:
    eerste = a.besproken.strip().splitlines()[0] if a.besproken.strip() else ""
    return eerste or (_("nog niet besproken") if not a.besluiten else "")


def _besluiten(a: Agendapunt) -> str:
    if not a.besluiten:
        return ""
    return ngettext("{n} besluit", "{n} besluiten", len(a.besluiten)).format(n=len(a.besluiten))


class AgendaTableModel(RijTableModel[Agendapunt]):
    KOLOMMEN = (
        Kolom(N_("Dossier"), lambda a: a.pseudoniem, lambda a: a.dossiernummer),
        Kolom(N_("Besluiten"), _besluiten, lambda a: len(a.besluiten)),
        Kolom(N_("Besproken"), _besproken),  # last: it takes the spare width
    )
