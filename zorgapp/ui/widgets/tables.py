"""Read-only views over the thin models of ui/models: a table for money and beds
(Opvang, Financiën), a list view for a dossier's journal, tasks, partners and signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget


class ReadOnlyTableView(QTableView):
    """Row-select, read-only table; ``stretch`` is the column that takes spare width
    (a name or description, so amounts stay next to their labels)."""

    def __init__(self, name: str, stretch: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stretch = stretch
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(stretch is None)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if self._stretch is not None and model is not None:
            self.horizontalHeader().setSectionResizeMode(
                self._stretch, QHeaderView.ResizeMode.Stretch)


def table_view(name: str, stretch: int | None = None) -> QTableView:
    return ReadOnlyTableView(name, stretch)


def list_view(model: QAbstractItemModel, name: str, tree: bool = False) -> QTreeView:
    """A single-select list with a header over ``model``; ``tree`` shows expand arrows
    (the signals with their indicators), otherwise rows are flat."""
    view = QTreeView()
    view.setModel(model)
    view.setRootIsDecorated(tree)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAccessibleName(name)
    view.setUniformRowHeights(True)
    return view


__all__ = ["ReadOnlyTableView", "list_view", "table_view"]


def fit_columns(table: QTableView, samples: dict[int, str], titles: dict[int, str]) -> None:
    """Width of each column in ``samples`` from its usual content and its header title,
    in the table's fonts (not fixed pixels, which cut off the last column on small
    screens); columns stay resizable."""
    cell, head = table.fontMetrics(), table.horizontalHeader().fontMetrics()
    em = cell.horizontalAdvance("M")
    for column, sample in samples.items():
        title = titles.get(column, "")
        table.setColumnWidth(column, max(cell.horizontalAdvance(sample),
                                         head.horizontalAdvance(title) + em) + 2 * em)
    table.horizontalHeader().setMinimumSectionSize(4 * em)
