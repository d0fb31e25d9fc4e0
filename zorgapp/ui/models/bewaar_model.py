"""Table model for the retention list (Beheer > Bewaren): closed cases, no names."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zorgapp.i18n import N_, _, format_date
from zorgapp.services.bewaren_service import BewaarRegel

_ROOT = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class BewaarColumn(IntEnum):
    NUMMER = 0
    AFGESLOTEN = 1
    BEWAREN_TOT = 2
    STATUS = 3


HEADERS = {
    BewaarColumn.NUMMER: N_("Dossiernummer"),
    BewaarColumn.AFGESLOTEN: N_("Afgesloten op"),
    BewaarColumn.BEWAREN_TOT: N_("Bewaren tot"),
    BewaarColumn.STATUS: N_("Status"),
}


def status(regel: BewaarRegel) -> str:
    if regel.bewaarplicht:
        return _("bewaarplicht")
    return _("termijn verstreken") if regel.verstreken else _("wordt bewaard")


class BewaarTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BewaarRegel] = []

    def set_rows(self, rows: list[BewaarRegel]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> BewaarRegel:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(BewaarColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[BewaarColumn(section)])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = BewaarColumn(index.column())
        if role == ROW_ROLE:
            return r
        if role == SORT_ROLE:
            return {BewaarColumn.NUMMER: r.dossiernummer, BewaarColumn.AFGESLOTEN: r.afgesloten_op.isoformat(),
                    BewaarColumn.BEWAREN_TOT: r.bewaren_tot.isoformat(), BewaarColumn.STATUS: status(r)}[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return {BewaarColumn.NUMMER: r.dossiernummer, BewaarColumn.AFGESLOTEN: format_date(r.afgesloten_op),
                    BewaarColumn.BEWAREN_TOT: format_date(r.bewaren_tot), BewaarColumn.STATUS: status(r)}[column]
        return None
