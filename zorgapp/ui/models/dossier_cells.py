"""What one row of the dossier list shows: the texts of its cells, and the Qt items that
hold them for the view.

The view of 100,000 dossiers asks about seven roles for each of its 200-odd visible cells
at every paint. Answered by a Python model that was nine calls into Python per cell, about
10 ms a paint, 40 % of the first paint of a new result (issue 15). The list therefore hands
the view ``QStandardItem``s, made here once per shown row, and Qt answers the paint in C++.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItemModel

from zorgapp import i18n
from zorgapp.domain.codes import (
    FASE_LABELS,
    UITBUITINGSVORM_LABELS,
    Fase,
    Uitbuitingsvorm,
)
from zorgapp.domain.persoon import Persoon
from zorgapp.i18n import N_, _
from zorgapp.services.dossier_service import gemeente_namen

if TYPE_CHECKING:
    from zorgapp.store.dossiers import DossierRij

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
UUID_ROLE = Qt.ItemDataRole.UserRole + 3

OVERDUE_COLOR = QColor("#b00020")


class DossierColumn(IntEnum):
    DOSSIERNUMMER = 0
    NAAM = 1
    FASE = 2
    VORMEN = 3
    GEMEENTE = 4
    MELDDATUM = 5
    DEADLINE = 6


COLUMNS = tuple(DossierColumn)  # by index: cheaper than DossierColumn(i)

HEADERS = {
    DossierColumn.DOSSIERNUMMER: N_("Dossiernummer"),
    DossierColumn.NAAM: N_("Naam"),
    DossierColumn.FASE: N_("Fase"),
    DossierColumn.VORMEN: N_("Vormen"),
    DossierColumn.GEMEENTE: N_("Gemeente"),
    DossierColumn.MELDDATUM: N_("Melddatum"),
    DossierColumn.DEADLINE: N_("Volgende deadline"),
}

#: Column -> sort key of ``DossierRepository.ids``; None: not sortable.
SORT_KEYS: dict[DossierColumn, str | None] = {
    DossierColumn.DOSSIERNUMMER: "dossiernummer",
    DossierColumn.NAAM: "naam",
    DossierColumn.FASE: "fase",
    DossierColumn.VORMEN: None,
    DossierColumn.GEMEENTE: "gemeente",
    DossierColumn.MELDDATUM: "melddatum",
    DossierColumn.DEADLINE: "deadline",
}


def initialen(naam: str) -> str:
    """Initials of a name as shown in privacy mode."""
    return Persoon(naam=naam).initialen() if naam else ""


# The labels are cached per language: every new list makes the texts of the rows it
# shows, and Babel takes about 0.2 ms a date (issue 15); the same few codes and days
# come back again and again.

def fase_label(code: str) -> str:
    return _fase_label(code, i18n.language())


@lru_cache(maxsize=64)
def _fase_label(code: str, _language: str) -> str:
    try:
        return _(FASE_LABELS[Fase(code)])
    except ValueError:
        return code


def vormen_label(codes: str) -> str:
    return _vormen_label(codes, i18n.language())


@lru_cache(maxsize=1024)
def _vormen_label(codes: str, _language: str) -> str:
    labels = []
    for code in codes.split():
        try:
            labels.append(_(UITBUITINGSVORM_LABELS[Uitbuitingsvorm(code)]))
        except ValueError:
            labels.append(code)
    return ", ".join(labels)


def datum_label(iso: str | None) -> str:
    if not iso:
        return ""
    return _datum_label(iso, i18n.language())


@lru_cache(maxsize=8192)
def _datum_label(iso: str, language: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    babel_locale, pattern = _date_pattern(language)
    return str(pattern.apply(day, babel_locale))


@lru_cache(maxsize=8)
def _date_pattern(_language: str) -> tuple[Any, Any]:
    """The locale and medium date pattern of ``i18n.format_date``, looked up once: Babel
    looks them up for every date, 80 % of its 0.05 ms a date (a new result shows up to
    70 dates it has not seen)."""
    from babel.dates import get_date_format

    babel_locale = i18n.locale()
    return babel_locale, get_date_format("medium", locale=babel_locale)


def cell_text(rij: DossierRij, column: DossierColumn, privacy: bool) -> str:
    """The text of one cell; ``privacy``: initials instead of the name."""
    if column == DossierColumn.DOSSIERNUMMER:
        return rij.dossiernummer
    if column == DossierColumn.NAAM:
        return initialen(rij.naam) if privacy else rij.naam
    if column == DossierColumn.FASE:
        return fase_label(rij.fase)
    if column == DossierColumn.VORMEN:
        return vormen_label(rij.vormen)
    if column == DossierColumn.GEMEENTE:
        return gemeente_namen().get(rij.gemeente, rij.gemeente)
    if column == DossierColumn.MELDDATUM:
        return datum_label(rij.melddatum)
    return datum_label(rij.deadline)


def sort_value(rij: DossierRij, column: DossierColumn) -> Any:
    """What a column sorts on (``SORT_ROLE``)."""
    if column == DossierColumn.DOSSIERNUMMER:
        return rij.dossiernummer
    if column == DossierColumn.NAAM:
        return rij.naam.casefold()
    if column == DossierColumn.FASE:
        codes = [f.value for f in Fase]
        return codes.index(rij.fase) if rij.fase in codes else -1
    if column == DossierColumn.VORMEN:
        return rij.vormen
    if column == DossierColumn.GEMEENTE:
        return gemeente_namen().get(rij.gemeente, rij.gemeente)
    if column == DossierColumn.MELDDATUM:
        return rij.melddatum or ""
    return rij.deadline or "9999-12-31"


def overdue(rij: DossierRij, today: str) -> bool:
    """The next deadline has passed (``today`` in ISO form)."""
    return bool(rij.deadline) and (rij.deadline or "") < today


def overdue_tip(text: str) -> str:
    return _("Verlopen: {datum}").format(datum=text)


def row_texts(rij: DossierRij, privacy: bool) -> tuple[str, ...]:
    """The texts of a row's seven cells, in column order (``cell_text`` of each)."""
    namen = gemeente_namen()
    return (rij.dossiernummer, initialen(rij.naam) if privacy else rij.naam,
            fase_label(rij.fase), vormen_label(rij.vormen),
            namen.get(rij.gemeente, rij.gemeente), datum_label(rij.melddatum),
            datum_label(rij.deadline))


#: enabled and selectable, as QAbstractTableModel's flags were (QStandardItem's own
#: would make every cell editable, draggable and a drop target)
ITEM_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
              | Qt.ItemFlag.ItemNeverHasChildren)


_DEADLINE = int(DossierColumn.DEADLINE)
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole


def put_row(model: QStandardItemModel, row: int, rij: DossierRij, privacy: bool,
            today: str) -> None:
    """The seven cells of ``row`` as the view shows them: text, the same text as tool tip
    (it says when the deadline has passed; a screen reader names a cell by its text, as
    Qt does when a cell has no accessible text of its own), the deadline in red when it
    has passed, the dossier's uuid on the first cell (what a script or a screen-reader
    walk reads through ``QModelIndex.data``). The row object and the
    sort value are the model's Python answer (``DossierTableModel.data``), not kept here.

    The model makes the items in C++ as ``setData`` reaches an empty cell: no Python
    object is kept per item. (Items made in Python cost twice as much; clones of a
    prototype handed to Python, and a prototype item given to ``setItemPrototype``, made
    the process crash in the garbage collector, about one run in two of the GUI tests.)"""
    index, set_data = model.index, model.setData
    texts = row_texts(rij, privacy)
    for column, text in enumerate(texts):
        cell = index(row, column)
        set_data(cell, text)
        set_data(cell, text, _TOOLTIP)
    late = overdue(rij, today)
    cell = index(row, _DEADLINE)
    set_data(cell, QBrush(OVERDUE_COLOR) if late else None, _FOREGROUND)
    if late:
        set_data(cell, overdue_tip(texts[_DEADLINE]), _TOOLTIP)
    set_data(index(row, 0), rij.uuid, UUID_ROLE)
