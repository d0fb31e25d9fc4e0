"""A date field that keeps what was typed and says what is wrong with it.

Qt's QDateEdit edits section by section: typing "31-12-2030" over a selected date
gave 01-12-2001 (the day 31 did not fit the old month, the year was cut to "200"
and fixed up), and a maximum silently reverted a future year. Here the user types
into a plain masked line (``dd-mm-jjjj``; the dashes may be typed or not), the text
stays as typed, the field turns red with the reason as tooltip, and reading the date
(``date()``) raises a ``DomainError`` with that reason, so every form refuses it with
a message instead of storing something else. A button opens a calendar.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from zorgapp.domain.errors import DomainError
from zorgapp.i18n import N_, _, format_date

_TEXT = re.compile(r"^\s*(\d{1,2})-(\d{1,2})-(\d{4})\s*$")
EARLIEST = date(1900, 1, 1)
RED = "QLineEdit { border: 1px solid #b00020; }"


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def parse_date(text: str) -> date | None:
    """ "31-12-2030" -> date; None when it is not a whole, existing date."""
    found = _TEXT.match(text)
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateEdit(QWidget):
    """dd-mm-jjjj, typed or picked; ``latest`` is the last allowed day (None: any)."""

    dateChanged = Signal(QDate)

    def __init__(self, latest: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.latest = latest
        self._last: date = date.today()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.line = QLineEdit()
        self.line.setInputMask("00-00-0000;_")
        self.line.setPlaceholderText(_("dd-mm-jjjj"))
        row.addWidget(self.line, 1)
        self.calendar_button = QToolButton()
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setToolTip(_("Kalender"))
        self.calendar_button.setAccessibleName(_("Kalender openen"))
        self.calendar_button.clicked.connect(self._show_calendar)
        row.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.line.textChanged.connect(self._edited)
        self.line.editingFinished.connect(self._mark)

    # -- the QDateEdit calls callers use ----------------------------------------------

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def setDate(self, value: QDate | date) -> None:
        """Like QDateEdit: a QDate or a Python date."""
        if isinstance(value, date):
            value = QDate(value.year, value.month, value.day)
        self.line.setText(value.toString("dd-MM-yyyy"))

    def date(self) -> QDate:
        """The typed date; raises ``DomainError`` (with the reason) when it cannot be used."""
        problem = self.problem()
        if problem:
            raise DomainError(N_("{melding}"), melding=problem)
        return to_qdate(self._last)

    def text(self) -> str:
        return self.line.text()

    def setCalendarPopup(self, _on: bool) -> None:
        """Always on: the button beside the field."""

    def setDisplayFormat(self, _fmt: str) -> None:
        """Always dd-mm-jjjj."""

    # -- checking ---------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the text cannot be used (in the active language), or None."""
        text = self.line.text()
        value = parse_date(text)
        veld = self.accessibleName() or _("Datum")
        if value is None:
            if not text.replace("-", "").strip():
                return _("{veld}: vul een datum in (dd-mm-jjjj).").format(veld=veld)
            return _("{veld}: {tekst} is geen bestaande datum (dd-mm-jjjj).").format(
                veld=veld, tekst=text)
        if value < EARLIEST:
            return _("{veld}: {datum} ligt te ver terug.").format(veld=veld, datum=format_date(value))
        if self.latest is not None and value > self.latest:
            return _("{veld}: {datum} ligt na {grens}; een datum in de toekomst kan niet.").format(
                veld=veld, datum=format_date(value), grens=format_date(self.latest))
        return None

    def _edited(self) -> None:
        value = parse_date(self.line.text())
        if value is not None and value != self._last:
            self._last = value
            self.dateChanged.emit(to_qdate(value))
        self._mark()

    def _mark(self) -> None:
        text = self.problem() if self.isEnabled() else None
        complete = parse_date(self.line.text()) is not None or not self.line.hasFocus()
        shown = text if complete else None  # no red while a date is still being typed
        self.line.setStyleSheet(RED if shown else "")
        self.line.setToolTip(shown or "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._mark()

    # -- calendar ---------------------------------------------------------------------

    def _show_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget()
        calendar.setMinimumDate(to_qdate(EARLIEST))
        if self.latest is not None:
            calendar.setMaximumDate(to_qdate(self.latest))
        calendar.setSelectedDate(to_qdate(parse_date(self.line.text()) or self._last))
        calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(value: QDate) -> None:
            self.setDate(value)
            menu.close()

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
        menu.deleteLater()
