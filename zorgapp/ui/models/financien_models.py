"""Table models of the Financiën page: municipalities' shares and the line-by-line
explanation of one share (which dossier, which nights, which rate).

Built on ``RijTableModel`` (rij_table_model.py). Lists show dossiernummers, never
names: these tables are about money.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zorgapp.domain.allocation import Aandeel, Bron, Toelichting
from zorgapp.domain.kosten import KOSTENSOORT_LABELS, KostenSoort
from zorgapp.i18n import N_, _, format_number
from zorgapp.ui.models.rij_table_model import (
    Kolom,
    RijTableModel,
    datum_sort,
    datum_tekst,
    geld_tekst,
)


class AandeelTableModel(RijTableModel[Aandeel]):
    KOLOMMEN = (
        Kolom(N_("CBS-code"), lambda a: a.cbs_code),
        Kolom(N_("Gemeente"), lambda a: a.gemeente, lambda a: a.gemeente.casefold()),
        Kolom(N_("Inwoners"), lambda a: "" if a.inwoners is None else format_number(a.inwoners),
              lambda a: a.inwoners or 0, True),
        Kolom(N_("Bedrag"), lambda a: geld_tekst(a.bedrag), lambda a: a.bedrag, True),
        Kolom(N_("Dossiers"), lambda a: format_number(len({r.dossier_uuid for r in a.regels})),
              lambda a: len({r.dossier_uuid for r in a.regels}), True),
    )


@dataclass(frozen=True)
class ToelichtingRij:
    regel: Toelichting
    dossiernummer: str


_GRONDSLAG = {"inwoners": N_("naar inwoners"), "binding": N_("gemeente van binding"),
              "vast": N_("vast percentage")}


def _bron(r: ToelichtingRij) -> str:
    if r.regel.bron is Bron.PLAATSING:
        return _("Opvang {soort}").format(soort=r.regel.soort)
    try:
        return _(KOSTENSOORT_LABELS[KostenSoort(r.regel.soort)])
    except ValueError:
        return r.regel.soort


def _grondslag(r: ToelichtingRij) -> str:
    """The ground; a youth placement is paid by its Jeugdwet municipality."""
    if r.regel.bron is Bron.PLAATSING and r.regel.soort == "JEUGD":
        return _("Jeugdwetgemeente")
    return _(_GRONDSLAG.get(str(r.regel.grondslag), str(r.regel.grondslag)))


def _pct(d: Decimal) -> str:
    return format_number((d * 100).quantize(Decimal("0.01"))) + " %"


class ToelichtingTableModel(RijTableModel[ToelichtingRij]):
    """One municipality's share line by line: which dossier, which nights, which rate."""

    KOLOMMEN = (
        Kolom(N_("Dossiernummer"), lambda r: r.dossiernummer),
        Kolom(N_("Kosten"), _bron),
        Kolom(N_("Van"), lambda r: datum_tekst(r.regel.van), lambda r: datum_sort(r.regel.van)),
        Kolom(N_("Tot"), lambda r: datum_tekst(r.regel.tot), lambda r: datum_sort(r.regel.tot)),
        Kolom(N_("Nachten"), lambda r: "" if r.regel.nachten is None
              else format_number(r.regel.nachten), lambda r: r.regel.nachten or 0, True),
        Kolom(N_("Dagtarief"), lambda r: geld_tekst(r.regel.dagtarief),
              lambda r: r.regel.dagtarief or Decimal(0), True),
        Kolom(N_("Bedrag"), lambda r: geld_tekst(r.regel.bedrag), lambda r: r.regel.bedrag,
              True),
        Kolom(N_("Grondslag"), _grondslag),
        Kolom(N_("Deel"), lambda r: _pct(r.regel.deel), lambda r: r.regel.deel, True),
        Kolom(N_("Aandeel"), lambda r: geld_tekst(r.regel.bedrag_deel.quantize(Decimal("0.01"))),
              lambda r: r.regel.bedrag_deel, True),
        # Nights inside a bedenktijd: municipalities are not responsible then (DOMAIN §6).
        Kolom(N_("In bedenktijd"), lambda r: format_number(r.regel.bedenktijd_nachten)
              if r.regel.bedenktijd_nachten else "", lambda r: r.regel.bedenktijd_nachten, True),
    )


__all__ = ["AandeelTableModel", "ToelichtingRij", "ToelichtingTableModel"]
