"""A small horizontal bar chart, painted by hand (QtCharts is not in PySide6-Essentials).

Horizontal bars keep long Dutch stage names readable at 1366×768; the value is written
next to each bar, and the whole chart is also in ``accessibleDescription``.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from zorgapp.i18n import format_number

ROW_HEIGHT = 26
GAP = 6


class BarChartWidget(QWidget):
    """``set_data([(label, value, colour), ...])``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: list[tuple[str, int, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_data(self, data: list[tuple[str, int, str]]) -> None:
        self._data = list(data)
        self.setAccessibleDescription("; ".join(f"{label}: {value}" for label, value, _c in self._data))
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def data(self) -> list[tuple[str, int, str]]:
        return list(self._data)

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self._data)) * (ROW_HEIGHT + GAP) + GAP)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        text_color = self.palette().text().color()
        if not self._data:
            return
        label_w = max(fm.horizontalAdvance(label) for label, _v, _c in self._data) + 12
        value_w = max(fm.horizontalAdvance(format_number(v)) for _l, v, _c in self._data) + 12
        maximum = max(v for _l, v, _c in self._data) or 1
        bar_space = max(20, self.width() - label_w - value_w - 8)
        y = GAP
        for label, value, colour in self._data:
            painter.setPen(text_color)
            painter.drawText(QRectF(0, y, label_w - 8, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            w = bar_space * value / maximum
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(label_w, y + 3, max(w, 2 if value else 0), ROW_HEIGHT - 6), 3, 3)
            painter.setPen(text_color)
            painter.drawText(QRectF(label_w + w + 6, y, value_w, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             format_number(value))
            y += ROW_HEIGHT + GAP
        painter.end()
