"""Form building blocks shared by tabs, pages and dialogs: date fields, an optional
date, labelled line edits and buttons, and ``FormDialog`` (form + error line + OK).

A ``FormDialog`` hands its values to a ``submit`` callable (the owner calls a service
there). ``submit`` runs on the task runner's worker, so it must use only the values it
gets; the dialog waits (OK disabled) and closes when it succeeded. A refusal by the
rules (``DomainError``/``KnownError``) appears as a translated message inside the
dialog, which stays open so the user can fix the input; it never becomes a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.errors import DomainError
from zorgapp.errors import KnownError
from zorgapp.i18n import N_, _
from zorgapp.ui.tasks import TaskRunner, message_for, runner
from zorgapp.ui.widgets.date_edit import DateEdit, to_qdate

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


def to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())




def date_edit(value: date, maximum: date | None, name: str) -> DateEdit:
    """A date field (dd-mm-jjjj, typed or from a calendar); a date after ``maximum`` is
    kept as typed and reported (see ``DateEdit``), never silently changed."""
    edit = DateEdit(maximum)
    edit.setAccessibleName(name)
    edit.setDate(to_qdate(value))
    return edit


def date_problems(root: QWidget) -> list[str]:
    """The messages of every enabled, visible-or-not date field under ``root``."""
    return [text for edit in root.findChildren(DateEdit)
            if edit.isEnabled() and (text := edit.problem())]


def check_dates(root: QWidget) -> None:
    """Raise a ``DomainError`` with the first wrong date under ``root`` (kept as typed)."""
    problems = date_problems(root)
    if problems:
        raise DomainError(N_("{melding}"), melding=problems[0])


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    """A line edit with an accessible name (screen readers announce the field)."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def combo(name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    return box


def button(text: str, name: str | None = None) -> QPushButton:
    """A push button; its accessible name is the text without mnemonic and ellipsis."""
    b = QPushButton(text)
    b.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    return b


class OptionalDate(QWidget):
    """A date that may be left empty: a check box enables the date field."""

    def __init__(self, label: str, value: date, maximum: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.check.setAccessibleName(label)
        self.edit = date_edit(value, maximum, label)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        """The date, or None when unchecked; raises ``DomainError`` when it is wrong."""
        if not self.check.isChecked():
            return None
        return to_date(self.edit.date())

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


class FormDialog(QDialog):
    """Form + error label + OK/Cancel; ``submit(values)`` may raise a user error."""

    def __init__(self, title: str, submit: Callable[[dict[str, Any]], object],
                 parent: QWidget | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._tasks = tasks or runner()
        self._busy = False
        self._closed = False
        self.result_value: object = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setAccessibleName(_("Foutmelding"))
        self.error_label.hide()
        self.layout_.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Vastleggen"))
        self.ok_button.setAccessibleName(_("Vastleggen"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Annuleren"))
        cancel.setAccessibleName(_("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def add_row(self, label: str, widget: QWidget) -> None:
        if not widget.accessibleName():
            widget.setAccessibleName(label.rstrip(":"))
        self.form.addRow(label, widget)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def is_busy(self) -> bool:
        """``submit`` is running on the worker."""
        return self._busy

    def accept(self) -> None:
        """Run ``submit`` on the worker; close when it succeeded."""
        if self._busy:
            return
        try:
            check_dates(self)
            values = self.values()
        except (DomainError, KnownError) as exc:
            self.show_error(message_for(exc))
            return
        submit = self._submit
        self._busy = True
        self._closed = False
        self.ok_button.setEnabled(False)
        self._tasks.run(lambda: submit(values), on_done=self._submitted,
                        on_error=self.submit_failed, on_finally=self._idle, owner=self)

    def submit_failed(self, exc: BaseException) -> None:
        """``submit`` was refused: show why (a dialog may offer more, e.g. an override)."""
        self.show_error(message_for(exc))

    def _submitted(self, result: object) -> None:
        self.result_value = result
        self._busy = False
        if not self._closed:
            super().accept()

    def _idle(self) -> None:
        self._busy = False
        self.ok_button.setEnabled(True)

    def reject(self) -> None:
        self._closed = True  # a use case still running may finish; the dialog stays shut
        super().reject()


__all__ = ["ERROR_STYLE", "OK_STYLE", "DateEdit", "FormDialog", "OptionalDate", "button",
           "check_dates", "combo", "date_edit", "date_problems", "line_edit", "to_date", "to_qdate"]


def melding_en_opslaan(dialog: QDialog, layout: QVBoxLayout,
                       save: Callable[[], None]) -> tuple[QLabel, QDialogButtonBox]:
    """The message line and the Opslaan / Annuleren row at the foot of an editing
    dialog (region, distribution key): ``save`` on Opslaan, ``reject`` on Annuleren."""
    message = QLabel()
    message.setWordWrap(True)
    message.setAccessibleName(_("Melding"))
    layout.addWidget(message)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Opslaan"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return message, buttons
