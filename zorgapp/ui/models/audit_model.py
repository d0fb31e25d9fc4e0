"""Table model for the audit trail view (Beheer > Logboek)."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zorgapp.domain.logboek import HANDELINGEN, UITKOMSTEN
from zorgapp.i18n import N_, _, format_datetime

if TYPE_CHECKING:
    from zorgapp.store.audit import AuditEntry

_ROOT = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class AuditColumn(IntEnum):
    TIME = 0
    USER = 1
    ACTION = 2
    RECORD = 3
    OUTCOME = 4
    FIELDS = 5


HEADERS = {
    AuditColumn.TIME: N_("Tijd"),
    AuditColumn.USER: N_("Gebruiker"),
    AuditColumn.ACTION: N_("Handeling"),
    AuditColumn.RECORD: N_("Gegeven"),
    AuditColumn.OUTCOME: N_("Uitkomst"),
    AuditColumn.FIELDS: N_("Velden"),
}

ACTIONS = HANDELINGEN  # one list of words for the audit codes (domain.logboek)

# Notes in ``fields`` that are not field names (store/failed_unlocks.py).
FIELD_NOTES = {
    "unverified": N_("gemeld door het bestandssysteem, niet geverifieerd"),
    "unreadable": N_("bestand met mislukte pogingen onleesbaar"),
}

OUTCOMES = UITKOMSTEN

RECORD_TYPES = {"vault": N_("kluis"), "schema": N_("schema"), "audit": N_("logboek"),
                "bijlage": N_("bijlage"),
                "dossier": N_("dossier"), "briefhoofd": N_("briefhoofd"),
                "dossier_prefix": N_("voorvoegsel dossiernummers")}

# The letterhead's fields (services/organisatie_service.py), by their meta keys.
FIELD_LABELS = {"letter_organisation": N_("organisatie"), "letter_address": N_("adres"),
                "letter_phone": N_("telefoon"), "letter_contact": N_("e-mail of website"),
                "letter_place": N_("plaats")}


def _field(name: str) -> str:
    if name in FIELD_NOTES:
        return _(FIELD_NOTES[name])
    if name.startswith("dossier:"):  # the dossier of an attachment entry
        return _("dossier {id}").format(id=name[8:16])
    if name in FIELD_LABELS:
        return _(FIELD_LABELS[name])
    if name.startswith("dropped:"):
        return _("{aantal} meldingen niet overgenomen (ongeldig of te veel)").format(aantal=name[8:])
    return name


def _local_time(ts: str) -> str:
    try:
        moment = datetime.fromisoformat(ts).astimezone()
    except ValueError:
        return ts
    return format_datetime(moment.replace(tzinfo=None), "medium")


class AuditTableModel(QAbstractTableModel):
    """Rows in through ``set_entries``; newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []
        self._numbers: dict[str, str] = {}

    def set_entries(self, entries: list[AuditEntry], numbers: dict[str, str] | None = None) -> None:
        """``numbers``: dossier uuid -> dossiernummer (destroyed ones keep a short uuid)."""
        self.beginResetModel()
        self._rows = sorted(entries, key=lambda e: e.seq, reverse=True)
        self._numbers = dict(numbers or {})
        self.endResetModel()

    def clear(self) -> None:
        self.set_entries([])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(AuditColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(AuditColumn)):
            return _(HEADERS[AuditColumn(section)])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        entry = self._rows[index.row()]
        column = AuditColumn(index.column())
        if role == ROW_ROLE:
            return entry
        if role == SORT_ROLE:
            return entry.seq if column == AuditColumn.TIME else self._text(entry, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(entry, column)
        return None

    def _text(self, entry: AuditEntry, column: AuditColumn) -> str:
        if column == AuditColumn.TIME:
            return _local_time(entry.ts)
        if column == AuditColumn.USER:
            return entry.actor
        if column == AuditColumn.ACTION:
            return _(ACTIONS[entry.action]) if entry.action in ACTIONS else entry.action
        if column == AuditColumn.RECORD:
            kind = _(RECORD_TYPES[entry.record_type]) if entry.record_type in RECORD_TYPES \
                else entry.record_type
            short = self._numbers.get(entry.record_uuid) or entry.record_uuid[:8]
            return f"{kind} {short}".strip()
        if column == AuditColumn.OUTCOME:
            return _(OUTCOMES[entry.outcome]) if entry.outcome in OUTCOMES else entry.outcome
        return ", ".join(_field(name) for name in entry.fields)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AuditColumn) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(AuditColumn) - 1))
