"""The thin read-only table model every short list in the UI is built on.

Thin models (Vorta): rows in through ``set_rows`` inside begin/endResetModel, native
values for sorting through ``SORT_ROLE``, the row object through ``ROW_ROLE``.
A model is a list of columns (``Kolom``): a header msgid, the display text, and a
sort value; headers and texts are translated when Qt asks, so ``retranslate`` only
has to tell the views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zorgapp.i18n import _, format_date, format_money

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


def datum_tekst(d: date | None) -> str:
    return format_date(d) if d is not None else ""


def geld_tekst(b: Decimal | None) -> str:
    return format_money(b) if b is not None else ""


def datum_sort(d: date | None) -> str:
    """A date as a sort value that also orders a missing date (first)."""
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
