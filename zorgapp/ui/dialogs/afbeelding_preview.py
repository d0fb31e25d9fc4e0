"""Show an image attachment from memory: decoded by ``QImage`` from the bytes the vault
gave, never written to a file on its way to the screen.

"Opslaan als…" calls ``on_save(path)`` (the service writes the file atomically and
records the export); the dialog itself writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _


def lees_afbeelding(data: bytes) -> QImage:
    """The image in ``data``; a null image when Qt cannot read it."""
    return QImage.fromData(data)


class AfbeeldingPreviewDialog(QDialog):
    """Shows an image scaled to fit the window (never enlarged), with its real size."""

    def __init__(self, image: QImage, title: str, *, suggested_name: str,
                 on_save: Callable[[Path], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("afbeelding_preview")
        self.setWindowTitle(title)
        self._on_save = on_save
        self._suggested = suggested_name
        self.image = image
        scherm = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        ruimte = scherm.availableGeometry() if scherm is not None else None
        self.resize(min(900, ruimte.width() - 40) if ruimte else 900,
                    min(760, ruimte.height() - 60) if ruimte else 760)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(_("Afbeelding: {naam}").format(naam=title))
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setWidget(self.label)
        self.size_label = QLabel(_("{breedte} × {hoogte} beeldpunten").format(
            breedte=image.width(), hoogte=image.height()))
        self.save_button = QPushButton(_("Opslaan als…"))
        self.save_button.clicked.connect(self.save_image)
        self.save_button.setVisible(on_save is not None)
        self.close_button = QPushButton(_("Sluiten"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.size_label)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addLayout(buttons)
        self._fit()

    def _fit(self) -> None:
        area = self.area.viewport().size()
        pixmap = QPixmap.fromImage(self.image)
        if pixmap.width() > area.width() or pixmap.height() > area.height():
            pixmap = pixmap.scaled(area, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.label.setPixmap(pixmap)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def save_image(self) -> None:
        if self._on_save is None:
            return
        naam, _filter = QFileDialog.getSaveFileName(self, _("Bijlage opslaan als"), self._suggested)
        if naam:
            self._on_save(Path(naam))

    def done(self, result: int) -> None:
        self.label.clear()  # drop the picture from memory as soon as the window closes
        self.image = QImage()
        super().done(result)


__all__ = ["AfbeeldingPreviewDialog", "lees_afbeelding"]
