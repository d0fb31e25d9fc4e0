"""Table models of the Opvang area and of the dossier's Opvang tab.

Built on ``RijTableModel`` (rij_table_model.py): rows in through ``set_rows``, sort
values through ``SORT_ROLE``, the row object through ``ROW_ROLE``. Lists show
dossiernummers, never names: these tables are about money and beds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from zorgapp.domain.kosten import KOSTENSOORT_LABELS, Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    FINANCIER_LABELS,
    OPVANG_LABELS,
    PLAATSING_STATUS_LABELS,
    Plaatsing,
)
from zorgapp.i18n import N_, _, format_number
from zorgapp.services.opvang_service import (
    Bezetting,
    DossierKosten,
    EindigendePlaatsing,
    OpvangService,
)
from zorgapp.ui.models.rij_table_model import (
    ROW_ROLE,
    SORT_ROLE,
    Kolom,
    RijTableModel,
    datum_sort,
    datum_tekst,
    geld_tekst,
)

# -- Opvang area ------------------------------------------------------------------------


def _huidig_tarief(b: Bezetting) -> Decimal | None:
    t = b.locatie.tarief_op(date.today())
    return t.dagtarief if t else None


def _vrij_tekst(b: Bezetting) -> str:
    """Free places, never negative; an overfull location says by how many."""
    if b.vrij is None:
        return ""
    if b.boven_capaciteit:
        return _("0 ({aantal} boven capaciteit)").format(aantal=format_number(b.boven_capaciteit))
    return format_number(b.vrij)


class BezettingTableModel(RijTableModel[Bezetting]):
    KOLOMMEN = (
        Kolom(N_("Locatie"), lambda b: b.locatie.naam, lambda b: b.locatie.naam.casefold()),
        Kolom(N_("Organisatie"), lambda b: b.locatie.organisatie),
        Kolom(N_("Soort"), lambda b: b.locatie.type.value, lambda b: b.locatie.type.value),
        Kolom(N_("Plaatsen"), lambda b: "" if b.locatie.capaciteit is None
              else format_number(b.locatie.capaciteit), lambda b: b.locatie.capaciteit or 0,
              True),
        Kolom(N_("Bezet"), lambda b: format_number(b.bezet), lambda b: b.bezet, True),
        Kolom(N_("Vrij"), _vrij_tekst, lambda b: b.vrij if b.vrij is not None else -1, True),
        Kolom(N_("Dagtarief"), lambda b: geld_tekst(_huidig_tarief(b)),
              lambda b: _huidig_tarief(b) or Decimal(0), True),
        Kolom(N_("Adres"), lambda b: _("geheim") if b.locatie.adres_geheim else
              (b.locatie.adres or _("niet geheim"))),
    )


class EindigendTableModel(RijTableModel[EindigendePlaatsing]):
    KOLOMMEN = (
        Kolom(N_("Verwacht einde"), lambda e: datum_tekst(e.plaatsing.verwachte_einddatum),
              lambda e: datum_sort(e.plaatsing.verwachte_einddatum)),
        Kolom(N_("Dossiernummer"), lambda e: e.dossiernummer),
        Kolom(N_("Locatie"), lambda e: e.locatie),
        Kolom(N_("Soort"), lambda e: e.plaatsing.type.value),
        Kolom(N_("Sinds"), lambda e: datum_tekst(e.plaatsing.van),
              lambda e: datum_sort(e.plaatsing.van)),
    )


# -- the dossier's Opvang tab -------------------------------------------------------------


@dataclass(frozen=True)
class PlaatsingRij:
    plaatsing: Plaatsing
    locatie: str
    dagtarief: Decimal | None
    nachten: int
    kosten: Decimal


def plaatsing_rijen(service: OpvangService, uuid: str,
                    kosten: DossierKosten) -> list[PlaatsingRij]:
    """Each placement with its location, current rate, and nights and costs so far.
    Reads the vault: the Opvang tab calls it on the task runner."""
    namen = {r.locatie.uuid: r.locatie.naam for r in service.locaties()}
    per_plaatsing: dict[str, tuple[int, Decimal]] = {}
    for r in kosten.regels:
        n, b = per_plaatsing.get(r.plaatsing_uuid, (0, Decimal("0.00")))
        per_plaatsing[r.plaatsing_uuid] = (n + r.nachten, b + r.bedrag)
    vandaag = service.vandaag
    rijen = []
    for p in service.plaatsingen(uuid):
        peil = vandaag if p.tot is None else min(vandaag, p.tot)
        tarief = p.tarief_op(max(peil, p.van)) if p.van and p.tarieven else None
        n, b = per_plaatsing.get(p.uuid, (0, Decimal("0.00")))
        rijen.append(PlaatsingRij(p, namen.get(p.locatie_uuid or "", ""),
                                  tarief.dagtarief if tarief else None, n, b))
    return rijen


class PlaatsingTableModel(RijTableModel[PlaatsingRij]):
    KOLOMMEN = (
        Kolom(N_("Soort"), lambda r: _(OPVANG_LABELS[r.plaatsing.type])),
        Kolom(N_("Locatie"), lambda r: r.locatie),
        Kolom(N_("Status"), lambda r: _(PLAATSING_STATUS_LABELS[r.plaatsing.status])),
        Kolom(N_("Van"), lambda r: datum_tekst(r.plaatsing.van),
              lambda r: datum_sort(r.plaatsing.van)),
        Kolom(N_("Tot"), lambda r: datum_tekst(r.plaatsing.tot),
              lambda r: datum_sort(r.plaatsing.tot)),
        Kolom(N_("Dagtarief"), lambda r: geld_tekst(r.dagtarief),
              lambda r: r.dagtarief or Decimal(0), True),
        Kolom(N_("Nachten"), lambda r: format_number(r.nachten), lambda r: r.nachten, True),
        Kolom(N_("Kosten"), lambda r: geld_tekst(r.kosten), lambda r: r.kosten, True),
        Kolom(N_("Verwacht einde"), lambda r: datum_tekst(r.plaatsing.verwachte_einddatum),
              lambda r: datum_sort(r.plaatsing.verwachte_einddatum)),
        Kolom(N_("Betaald door"), lambda r: _(FINANCIER_LABELS[r.plaatsing.financier])
              if r.plaatsing.financier else ""),
    )


class KostenpostTableModel(RijTableModel[Kostenpost]):
    KOLOMMEN = (
        Kolom(N_("Datum"), lambda p: datum_tekst(p.datum), lambda p: datum_sort(p.datum)),
        Kolom(N_("Soort"), lambda p: _(KOSTENSOORT_LABELS[KostenSoort(p.soort)])),
        Kolom(N_("Omschrijving"), lambda p: p.omschrijving),
        Kolom(N_("Bedrag"), lambda p: geld_tekst(p.bedrag), lambda p: p.bedrag, True),
        Kolom(N_("Landelijk"), lambda p: _("ja") if p.landelijk else _("nee")),
    )


__all__ = ["ROW_ROLE", "SORT_ROLE", "BezettingTableModel", "EindigendTableModel",
           "KostenpostTableModel", "PlaatsingRij", "PlaatsingTableModel"]
