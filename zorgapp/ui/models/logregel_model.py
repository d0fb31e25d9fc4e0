"""Table model of readable audit lines (``LogRegel``): "wie heeft dit dossier ingezien"
in the dossier and the filtered trail in Beheer. The case number, never an id."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zorgapp.domain.logboek import VELDEN, veld_woord
from zorgapp.i18n import N_, _

if TYPE_CHECKING:
    from zorgapp.services.logboek_service import LogRegel

_ROOT = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class LogColumn(IntEnum):
    TIME = 0
    USER = 1
    ACTION = 2
    RECORD = 3
    OUTCOME = 4
    FIELDS = 5


HEADERS = {
    LogColumn.TIME: N_("Tijd"),
    LogColumn.USER: N_("Gebruiker"),
    LogColumn.ACTION: N_("Handeling"),
    LogColumn.RECORD: N_("Gegeven"),
    LogColumn.OUTCOME: N_("Uitkomst"),
    LogColumn.FIELDS: N_("Velden"),
}


def _veld(naam: str) -> str:
    """A field name in the user's language where it is a word (``domain.logboek``)."""
    msgid, waarden = veld_woord(naam)
    if msgid == naam and naam not in VELDEN:
        return naam
    return _(msgid).format(**waarden)


class LogRegelTableModel(QAbstractTableModel):
    """Rows in through ``set_regels``; newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LogRegel] = []

    def set_regels(self, regels: list[LogRegel]) -> None:
        self.beginResetModel()
        self._rows = sorted(regels, key=lambda r: r.volgnummer, reverse=True)
        self.endResetModel()

    def clear(self) -> None:
        self.set_regels([])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(LogColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(LogColumn)):
            return _(HEADERS[LogColumn(section)])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        regel = self._rows[index.row()]
        column = LogColumn(index.column())
        if role == ROW_ROLE:
            return regel
        if role == SORT_ROLE:
            return regel.volgnummer if column == LogColumn.TIME else self._text(regel, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(regel, column)
        return None

    @staticmethod
    def _text(regel: LogRegel, column: LogColumn) -> str:
        if column == LogColumn.TIME:
            return regel.tijd
        if column == LogColumn.USER:
            return regel.gebruiker
        if column == LogColumn.ACTION:
            return regel.omschrijving
        if column == LogColumn.RECORD:
            return f"{regel.gegeven} {regel.dossiernummer}".strip()
        if column == LogColumn.OUTCOME:
            return regel.uitkomst_tekst
        return ", ".join(_veld(naam) for naam in regel.velden)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(LogColumn) - 1)
