"""The dossier's signals as a two-level tree: each report (melding) with the
indicators observed under it.

Thin, like ``RijTableModel``: reports in through ``set_meldingen`` inside
begin/endResetModel, the domain object (``Melding`` or ``IndicatorWaarneming``)
through ``ROW_ROLE``, a native sort value through ``SORT_ROLE``. An index's internal
id says where it lives: 0 for a report, report row + 1 for one of its indicators.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from zorgapp.domain.codes import INDICATOR_LABELS, MELDER_LABELS, UITBUITINGSVORM_LABELS
from zorgapp.domain.dossier import IndicatorWaarneming, Melding
from zorgapp.i18n import N_, _, format_date
from zorgapp.ui.models.rij_table_model import ROW_ROLE, SORT_ROLE

HEADERS = (N_("Signaal / indicator"), N_("Wie"), N_("Wanneer"), N_("Toelichting"))
_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


def melding_kop(m: Melding) -> str:
    kop = _("Melding van {melder}").format(melder=_(MELDER_LABELS[m.melder_type]))
    if m.melder_organisatie:
        kop += f" ({m.melder_organisatie})"
    return kop


def melding_details(m: Melding) -> str:
    vormen = ", ".join(_(UITBUITINGSVORM_LABELS[v]) for v in m.vormen)
    return "; ".join(filter(None, [
        vormen, m.sector,
        _("vindplaats: {plaats}").format(plaats=m.vindplaats) if m.vindplaats else "",
        _("ontvangen via {hoe}").format(hoe=m.hoe_ontvangen) if m.hoe_ontvangen else ""]))


def _melding_cel(m: Melding, column: int) -> str:
    return (melding_kop(m), m.melder_organisatie, format_date(m.datum),
            melding_details(m))[column]


def _indicator_cel(w: IndicatorWaarneming, column: int) -> str:
    return (_(INDICATOR_LABELS[w.indicator]), w.waargenomen_door, format_date(w.datum),
            w.toelichting)[column]


class SignaalTreeModel(QAbstractItemModel):
    """Reports at the top level, their indicators as children (read-only)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._meldingen: list[Melding] = []

    def set_meldingen(self, meldingen: Sequence[Melding]) -> None:
        self.beginResetModel()
        self._meldingen = list(meldingen)
        self.endResetModel()

    def clear(self) -> None:
        self.set_meldingen([])

    def item(self, index: Index) -> Melding | IndicatorWaarneming | None:
        """The report or observation at ``index`` (None for the root)."""
        if not index.isValid():
            return None
        ouder = index.internalId()
        if ouder == 0:
            return self._meldingen[index.row()]
        return self._meldingen[ouder - 1].indicatoren[index.row()]

    # -- Qt --------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._meldingen)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._meldingen[parent.row()].indicatoren)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(HEADERS)):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index)
        if item is None:
            return None
        if role == ROW_ROLE:
            return item
        if role == SORT_ROLE and index.column() == 2:
            return item.datum.isoformat()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            if isinstance(item, Melding):
                return _melding_cel(item, index.column())
            return _indicator_cel(item, index.column())
        return None

    def retranslate(self) -> None:
        """New language: every text changes; the tree keeps its shape (and expansion)."""
        last = len(HEADERS) - 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
        if not self._meldingen:
            return
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._meldingen) - 1, last))
        for row, melding in enumerate(self._meldingen):
            if melding.indicatoren:
                parent = self.index(row, 0)
                self.dataChanged.emit(self.index(0, 0, parent),
                                      self.index(len(melding.indicatoren) - 1, last, parent))


__all__ = ["SignaalTreeModel", "melding_details", "melding_kop"]
