"""Large text (WCAG 1.4.4, 1.4.10): at 200 % (Qt scale factor 2) a 1366x768 screen is
683x384 logical pixels. What does not fit scrolls instead of being cut off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

# The dialog classes are named where used: the lock screen needs none of them, and
# PySide6 makes each class's Python type when it is first named (issue 15).


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: it scrolls instead of being cut off when the
    window is smaller than what it needs (a magnified screen)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _wrap(widget: QWidget) -> None:
    """Move ``widget``'s layout (and so its contents) into a scroll area inside it."""
    layout = widget.layout()
    if layout is None or widget.property("a11y_scrolls"):
        return
    widget.setProperty("a11y_scrolls", True)
    inner = QWidget()
    inner.setLayout(layout)  # Qt takes the layout from ``widget`` and moves its widgets over
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scrolling(inner))


def _too_big(widget: QWidget, width: int, height: int) -> bool:
    layout = widget.layout()
    if layout is None:
        return False
    need = layout.minimumSize()
    return need.width() > width or need.height() > height


def fit_dialog(dialog: QDialog) -> None:
    """A dialog (or a wizard page) larger than the screen gets its contents in a scroll
    area, and the dialog is made to fit the screen. Qt's own message, file, input and
    progress dialogs are left alone."""
    w = QtWidgets
    if isinstance(dialog, (w.QMessageBox, w.QFileDialog, w.QProgressDialog, w.QInputDialog)):
        return
    screen = dialog.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    width, height = area.width(), area.height() - 40  # room for the title bar
    if isinstance(dialog, w.QWizard):  # its pages hold the forms; the frame is Qt's
        pages = [dialog.page(i) for i in dialog.pageIds()]
        for page in pages:
            if page is not None and _too_big(page, width - 40, height - 160):
                _wrap(page)
    elif _too_big(dialog, width, height):
        _wrap(dialog)
    else:
        return
    QTimer.singleShot(0, dialog, lambda: _into(dialog, area, width, height))


def _into(dialog: QDialog, area: QRect, width: int, height: int) -> None:
    """After the new layout settled: no larger than the screen, and on it."""
    dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
    dialog.move(max(area.left(), min(dialog.x(), area.right() - dialog.width())),
                max(area.top(), min(dialog.y(), area.bottom() - dialog.height())))
