"""Large text (WCAG 1.4.4, 1.4.10): at 200 % (Qt scale factor 2) a 1366x768 screen is
683x384 logical pixels. What does not fit scrolls instead of being cut off."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
)


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: it scrolls instead of being cut off when the
    window is smaller than what it needs (a magnified screen)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def fit_dialog(dialog: QDialog) -> None:
    """A dialog taller or wider than the screen gets its contents in a scroll area and
    is made to fit (Qt's own message, file and wizard dialogs are left alone)."""
    if isinstance(dialog, (QMessageBox, QFileDialog, QWizard, QProgressDialog, QInputDialog)):
        return
    screen = dialog.screen()
    layout = dialog.layout()
    if screen is None or layout is None or dialog.property("a11y_fitted"):
        return
    area = screen.availableGeometry()
    need = layout.minimumSize()
    if need.width() <= area.width() and need.height() <= area.height() - 40:
        return
    dialog.setProperty("a11y_fitted", True)
    inner = QWidget()
    inner.setLayout(layout)  # Qt moves the layout and its widgets over
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scrolling(inner))
    dialog.resize(min(dialog.width(), area.width()), min(dialog.height(), area.height() - 40))
    dialog.move(max(area.left(), min(dialog.x(), area.right() - dialog.width())),
                max(area.top(), min(dialog.y(), area.bottom() - dialog.height())))
