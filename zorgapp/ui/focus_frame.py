"""The focus frame on item views and text areas (WCAG 2.4.7), on the focused widget only.

Fusion marks buttons, boxes and fields itself, but not lists, tables and text areas:
they get a 2 px frame in the selection colour while they have the focus. The frame is a
style sheet on that one widget, set as it gains the focus and taken off as it loses it
(``AccessibilityFilter``). Until issue 15 it was one rule in the application's style
sheet; but any application style sheet puts every widget of the app under Qt's
style-sheet style, which paints the dossier list about a third slower (16 against 11 ms
for its 200-odd cells) and every other widget slower too.
"""

from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

#: widgets that get the frame
FRAMED = (QtWidgets.QAbstractItemView, QtWidgets.QPlainTextEdit, QtWidgets.QTextEdit)
#: where the frame starts in a widget's style sheet (the widget's own rules come before)
MARK = "/* a11y-focus */"


def focus_style_sheet(palette: QPalette) -> str:
    """A 2 px frame in the selection colour around the focused list, table or text area."""
    colour = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight).name()
    return (f"QAbstractItemView:focus, QPlainTextEdit:focus, QTextEdit:focus "
            f"{{ border: 2px solid {colour}; }}")


def show_frame(widget: QWidget, on: bool) -> None:
    """Put the frame on ``widget`` (``on``) or take it off, keeping its own style sheet."""
    sheet = widget.styleSheet()
    own = sheet[:sheet.index(MARK)] if MARK in sheet else sheet
    wanted = own + MARK + focus_style_sheet(QApplication.palette()) if on else own
    if wanted != sheet:
        widget.setStyleSheet(wanted)


def frame_focused() -> None:
    """The widget with the focus gets the frame in the current colours (after a theme
    change, or when the filter comes after the focus did)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, FRAMED):
        show_frame(widget, True)
