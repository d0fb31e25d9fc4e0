"""Table models of the Opvang and Financiën areas and the dossier's Opvang tab.

Thin models (Vorta): rows in through ``set_rows`` inside begin/endResetModel, native
values for sorting through ``SORT_ROLE``, the row object through ``ROW_ROLE``.
Each model is a list of columns: a header msgid, the display text, and a sort value.
Lists show dossiernummers, never names: these tables are about money and beds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zorgapp.domain.allocation import SLEUTEL_LABELS, Aandeel, Bron, Toelichting
from zorgapp.domain.kosten import KOSTENSOORT_LABELS, Kostenpost, KostenSoort
from zorgapp.domain.opvang import (
    FINANCIER_LABELS,
    OPVANG_LABELS,
    PLAATSING_STATUS_LABELS,
    Plaatsing,
)
from zorgapp.i18n import N_, _, format_date, format_money, format_number
from zorgapp.services.opvang_service import Bezetting, EindigendePlaatsing

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

R = TypeVar("R")

_ROOT = QModelIndex()
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Kolom(Generic[R]):
    header: str  # msgid
    tekst: Callable[[R], str]
    sorteer: Callable[[R], Any] | None = None
    rechts: bool = False


def _datum(d: date | None) -> str:
    return format_date(d) if d is not None else ""


def _geld(b: Decimal | None) -> str:
    return format_money(b) if b is not None else ""


def _ds(d: date | None) -> str:
    return d.isoformat() if d is not None else ""


class RijTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of row objects described by ``KOLOMMEN``."""

    KOLOMMEN: Sequence[Kolom[Any]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, index: int) -> R:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.KOLOMMEN)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.KOLOMMEN)):
            return _(self.KOLOMMEN[section].header)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.KOLOMMEN)):
            return None
        rij = self._rows[index.row()]
        kolom = self.KOLOMMEN[index.column()]
        if role == ROW_ROLE:
            return rij
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return kolom.tekst(rij)
        if role == SORT_ROLE:
            return kolom.sorteer(rij) if kolom.sorteer else kolom.tekst(rij)
        if role == Qt.ItemDataRole.TextAlignmentRole and kolom.rechts:
            return int(RIGHT)
        return None

    def retranslate(self) -> None:
        if self.KOLOMMEN:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.KOLOMMEN) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.KOLOMMEN) - 1))


# -- Opvang area ------------------------------------------------------------------------


def _huidig_tarief(b: Bezetting) -> Decimal | None:
    t = b.locatie.tarief_op(date.today())
    return t.dagtarief if t else None


class BezettingTableModel(RijTableModel[Bezetting]):
    KOLOMMEN = (
        Kolom(N_("Locatie"), lambda b: b.locatie.naam, lambda b: b.locatie.naam.casefold()),
        Kolom(N_("Organisatie"), lambda b: b.locatie.organisatie),
        Kolom(N_("Soort"), lambda b: b.locatie.type.value, lambda b: b.locatie.type.value),
        Kolom(N_("Plaatsen"), lambda b: "" if b.locatie.capaciteit is None
              else format_number(b.locatie.capaciteit), lambda b: b.locatie.capaciteit or 0,
              True),
        Kolom(N_("Bezet"), lambda b: format_number(b.bezet), lambda b: b.bezet, True),
        Kolom(N_("Vrij"), lambda b: "" if b.vrij is None else format_number(b.vrij),
              lambda b: b.vrij if b.vrij is not None else -1, True),
        Kolom(N_("Dagtarief"), lambda b: _geld(_huidig_tarief(b)),
              lambda b: _huidig_tarief(b) or Decimal(0), True),
        Kolom(N_("Adres"), lambda b: _("geheim") if b.locatie.adres_geheim else
              (b.locatie.adres or _("niet geheim"))),
    )


class EindigendTableModel(RijTableModel[EindigendePlaatsing]):
    KOLOMMEN = (
        Kolom(N_("Verwacht einde"), lambda e: _datum(e.plaatsing.verwachte_einddatum),
              lambda e: _ds(e.plaatsing.verwachte_einddatum)),
        Kolom(N_("Dossiernummer"), lambda e: e.dossiernummer),
        Kolom(N_("Locatie"), lambda e: e.locatie),
        Kolom(N_("Soort"), lambda e: e.plaatsing.type.value),
        Kolom(N_("Sinds"), lambda e: _datum(e.plaatsing.van), lambda e: _ds(e.plaatsing.van)),
    )


# -- the dossier's Opvang tab -------------------------------------------------------------


@dataclass(frozen=True)
class PlaatsingRij:
    plaatsing: Plaatsing
    locatie: str
    dagtarief: Decimal | None
    nachten: int
    kosten: Decimal


class PlaatsingTableModel(RijTableModel[PlaatsingRij]):
    KOLOMMEN = (
        Kolom(N_("Soort"), lambda r: _(OPVANG_LABELS[r.plaatsing.type])),
        Kolom(N_("Locatie"), lambda r: r.locatie),
        Kolom(N_("Status"), lambda r: _(PLAATSING_STATUS_LABELS[r.plaatsing.status])),
        Kolom(N_("Van"), lambda r: _datum(r.plaatsing.van), lambda r: _ds(r.plaatsing.van)),
        Kolom(N_("Tot"), lambda r: _datum(r.plaatsing.tot), lambda r: _ds(r.plaatsing.tot)),
        Kolom(N_("Dagtarief"), lambda r: _geld(r.dagtarief),
              lambda r: r.dagtarief or Decimal(0), True),
        Kolom(N_("Nachten"), lambda r: format_number(r.nachten), lambda r: r.nachten, True),
        Kolom(N_("Kosten"), lambda r: _geld(r.kosten), lambda r: r.kosten, True),
        Kolom(N_("Verwacht einde"), lambda r: _datum(r.plaatsing.verwachte_einddatum),
              lambda r: _ds(r.plaatsing.verwachte_einddatum)),
        Kolom(N_("Betaald door"), lambda r: _(FINANCIER_LABELS[r.plaatsing.financier])
              if r.plaatsing.financier else ""),
    )


class KostenpostTableModel(RijTableModel[Kostenpost]):
    KOLOMMEN = (
        Kolom(N_("Datum"), lambda p: _datum(p.datum), lambda p: _ds(p.datum)),
        Kolom(N_("Soort"), lambda p: _(KOSTENSOORT_LABELS[KostenSoort(p.soort)])),
        Kolom(N_("Omschrijving"), lambda p: p.omschrijving),
        Kolom(N_("Bedrag"), lambda p: _geld(p.bedrag), lambda p: p.bedrag, True),
        Kolom(N_("Landelijk"), lambda p: _("ja") if p.landelijk else _("nee")),
    )


# -- Financiën ------------------------------------------------------------------------------


class AandeelTableModel(RijTableModel[Aandeel]):
    KOLOMMEN = (
        Kolom(N_("CBS-code"), lambda a: a.cbs_code),
        Kolom(N_("Gemeente"), lambda a: a.gemeente, lambda a: a.gemeente.casefold()),
        Kolom(N_("Inwoners"), lambda a: "" if a.inwoners is None else format_number(a.inwoners),
              lambda a: a.inwoners or 0, True),
        Kolom(N_("Bedrag"), lambda a: _geld(a.bedrag), lambda a: a.bedrag, True),
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


def _pct(d: Decimal) -> str:
    return format_number((d * 100).quantize(Decimal("0.01"))) + " %"


class ToelichtingTableModel(RijTableModel[ToelichtingRij]):
    """One municipality's share line by line: which dossier, which nights, which rate."""

    KOLOMMEN = (
        Kolom(N_("Dossiernummer"), lambda r: r.dossiernummer),
        Kolom(N_("Kosten"), _bron),
        Kolom(N_("Van"), lambda r: _datum(r.regel.van), lambda r: _ds(r.regel.van)),
        Kolom(N_("Tot"), lambda r: _datum(r.regel.tot), lambda r: _ds(r.regel.tot)),
        Kolom(N_("Nachten"), lambda r: "" if r.regel.nachten is None
              else format_number(r.regel.nachten), lambda r: r.regel.nachten or 0, True),
        Kolom(N_("Dagtarief"), lambda r: _geld(r.regel.dagtarief),
              lambda r: r.regel.dagtarief or Decimal(0), True),
        Kolom(N_("Bedrag"), lambda r: _geld(r.regel.bedrag), lambda r: r.regel.bedrag, True),
        Kolom(N_("Grondslag"), lambda r: _(_GRONDSLAG.get(str(r.regel.grondslag),
                                                          str(r.regel.grondslag)))),
        Kolom(N_("Deel"), lambda r: _pct(r.regel.deel), lambda r: r.regel.deel, True),
        Kolom(N_("Aandeel"), lambda r: _geld(r.regel.bedrag_deel.quantize(Decimal("0.01"))),
              lambda r: r.regel.bedrag_deel, True),
    )


def sleutel_label(code: str) -> str:
    from zorgapp.domain.allocation import Sleutel

    try:
        return _(SLEUTEL_LABELS[Sleutel(code)])
    except ValueError:
        return code
