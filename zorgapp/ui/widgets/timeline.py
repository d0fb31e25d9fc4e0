"""The path of a case drawn as a timeline: stage bands, decisions, corrections.

The time axis is schematic: every stage gets a minimum width (a signal and its intake
on the same day must both be readable) and the rest of the width is shared in
proportion to how long each stage lasted. Decisions sit as diamonds above the band,
corrections and reopenings as flags; the end of bedenktijd as a dashed line. Hovering
shows the details; the same facts are in ``accessibleDescription`` for screen readers
(the dossier view also lists them as text below the drawing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from zorgapp.domain.codes import (
    BESLUIT_SOORT_LABELS,
    BESLUIT_UITKOMST_LABELS,
    FASE_LABELS,
    SLUITREDEN_LABELS,
    Fase,
)
from zorgapp.domain.traject import EventSoort, Stap, Traject
from zorgapp.i18n import _, format_date
from zorgapp.ui.a11y import text_on

# Mid-tone colours: at least 3:1 against a light and a dark window (WCAG 1.4.11) and
# 4.5:1 with black text on them (1.4.3); tests/gui/test_contrast.py checks them.
FASE_KLEUR: dict[Fase, str] = {
    Fase.SIGNAAL: "#778790",
    Fase.INTAKE: "#4f83cc",
    Fase.AANGEMELD: "#6a78c5",
    Fase.BEDENKTIJD: "#b3791b",
    Fase.GEPLAATST: "#468c4a",
    Fase.BEGELEIDING: "#088d7f",
    Fase.AFGESLOTEN: "#7d7d7d",
}
BESLUIT_KLEUR = "#6a1b9a"
CORRECTIE_KLEUR = "#c62828"
HEROPEND_KLEUR = "#ef6c00"

MIN_SEGMENT = 78
LABEL_ROWS = 3
LABEL_ROW_HEIGHT = 14
LABEL_GAP = 8.0
MARGIN = 12
BAND_TOP = 62
BAND_HEIGHT = 34


def place_in_rows(labels: list[tuple[float, float]], rows: int, gap: float) -> list[int]:
    """A row for each label (x, width), left to right: the first row where it starts
    ``gap`` after the previous label there; when none is free, the row that ends first."""
    ends = [float("-inf")] * rows
    chosen: list[int] = []
    for x, w in labels:
        row = next((r for r in range(rows) if x >= ends[r] + gap), None)
        if row is None:
            row = min(range(rows), key=lambda r: ends[r])
        ends[row] = x + w
        chosen.append(row)
    return chosen


@dataclass
class _Segment:
    fase: Fase
    start: date
    einde: date
    x0: float
    x1: float
    tekst: str
    tip: str


@dataclass
class _Marker:
    x: float
    y: float
    soort: str  # "besluit", "correctie", "heropend"
    label: str
    tip: str


def _text_color(background: str) -> QColor:
    return text_on(QColor(background))


class TimelineWidget(QWidget):
    """Draws a ``Traject``; call ``set_traject(traject, vandaag)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._traject: Traject | None = None
        self._bedenktijd_einde: date | None = None
        self._vandaag = date.today()
        self._segments: list[_Segment] = []
        self._markers: list[_Marker] = []
        self.setMinimumHeight(186)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Tijdlijn van het traject"))

    def sizeHint(self) -> QSize:
        return QSize(720, 186)

    def set_traject(self, traject: Traject | None, vandaag: date | None = None,
                    bedenktijd_einde: date | None = None) -> None:
        """``bedenktijd_einde`` comes from the legal track (``domain.verblijf``); without
        it, the path's own bedenktijd stage gives the line (older callers)."""
        self._traject = traject
        self._bedenktijd_einde = bedenktijd_einde or (
            traject.bedenktijd_einde if traject is not None else None)
        self._vandaag = vandaag or date.today()
        self._layout()
        self.setAccessibleDescription(self.description())
        self.update()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Tijdlijn van het traject"))
        self._layout()
        self.setAccessibleDescription(self.description())
        self.update()

    # -- layout ----------------------------------------------------------------------

    def _x_for(self, d: date) -> float:
        """Where a date falls on the schematic axis (piecewise linear over segments)."""
        if not self._segments:
            return MARGIN
        if d <= self._segments[0].start:
            return self._segments[0].x0
        for s in self._segments:
            if s.start <= d <= s.einde:
                days = (s.einde - s.start).days
                part = 0.5 if days == 0 else (d - s.start).days / days
                return s.x0 + part * (s.x1 - s.x0)
        return self._segments[-1].x1

    def _layout(self) -> None:
        """Place stages, decisions and corrections for the current width."""
        self._segments = []
        self._markers = []
        traject = self._traject
        if traject is None:
            return
        stappen = traject.stappen()
        if not stappen:
            return
        self._layout_stages(stappen)
        self._layout_decisions(traject)
        self._layout_corrections(traject)

    def _layout_stages(self, stappen: list[Stap]) -> None:
        """One segment per stage: a minimum width each, the rest shared by duration."""
        width = max(self.width(), 300) - 2 * MARGIN
        eind = max(self._vandaag, stappen[-1].datum)
        spans: list[tuple[date, date]] = []
        for i, s in enumerate(stappen):
            if s.fase is Fase.AFGESLOTEN and i == len(stappen) - 1:
                spans.append((s.datum, s.datum))
            else:
                volgende = stappen[i + 1].datum if i + 1 < len(stappen) else eind
                spans.append((s.datum, volgende))
        n = len(stappen)
        minimum = min(MIN_SEGMENT, width / n)
        rest = max(0.0, width - minimum * n)
        totaal = sum(max(0, (b - a).days) for a, b in spans) or 1
        x = float(MARGIN)
        for s, (a, b) in zip(stappen, spans, strict=True):
            w = minimum + rest * max(0, (b - a).days) / totaal
            label = _(FASE_LABELS[s.fase])
            if s.heropend:
                label = _("{fase} (heropend)").format(fase=label)
            tip = _("{fase} vanaf {datum}: {reden}").format(
                fase=label, datum=format_date(s.datum), reden=s.reden)
            if s.sluitreden is not None:
                tip += "\n" + _("Reden van afsluiten: {reden}").format(
                    reden=_(SLUITREDEN_LABELS[s.sluitreden]))
            tip += "\n" + _("Vastgelegd door {auteur}").format(auteur=s.auteur)
            self._segments.append(_Segment(s.fase, a, b, x, x + w, label, tip))
            x += w

    def _layout_decisions(self, traject: Traject) -> None:
        """Decisions as diamonds above the band; stacked when they collide."""
        lanes: list[float] = []
        for b in traject.besluiten():
            bx = self._x_for(b.datum)
            lane = 0
            while lane < len(lanes) and abs(lanes[lane] - bx) < 110:
                lane += 1
            if lane == len(lanes):
                lanes.append(bx)
            else:
                lanes[lane] = bx
            label = f"{_(BESLUIT_SOORT_LABELS[b.soort])}: {_(BESLUIT_UITKOMST_LABELS[b.uitkomst])}"
            tip = _("Besluit op {datum}: {besluit}").format(datum=format_date(b.datum), besluit=label)
            if b.geldig_tot is not None:
                tip += "\n" + _("Geldig tot {datum}").format(datum=format_date(b.geldig_tot))
            if b.toelichting:
                tip += "\n" + b.toelichting
            self._markers.append(_Marker(bx, BAND_TOP - 14 - 20 * min(lane, 1), "besluit", label, tip))

    def _layout_corrections(self, traject: Traject) -> None:
        """Corrections and reopenings as flags below the band."""
        events = {e.uuid: e for e in traject.events}
        for e in traject.events:
            if e.soort is EventSoort.CORRECTIE:
                doel = events.get(e.corrigeert or "")
                wat = _("vervalt") if e.vervalt else ", ".join(filter(None, [
                    _("datum {datum}").format(datum=format_date(e.nieuwe_datum)) if e.nieuwe_datum else "",
                    _("reden") if e.nieuwe_reden is not None else "",
                    _("reden van afsluiten") if e.nieuwe_sluitreden is not None else "",
                ]))
                doel_datum = e.nieuwe_datum or (doel.datum if doel else e.datum)
                tip = _("Correctie op {datum} ({wat}): {reden}").format(
                    datum=format_date(e.datum), wat=wat, reden=e.reden)
                self._markers.append(_Marker(self._x_for(doel_datum), BAND_TOP + BAND_HEIGHT + 8,
                                             "correctie", _("Correctie"), tip))

    def resizeEvent(self, event: object) -> None:
        self._layout()
        super().resizeEvent(event)  # type: ignore[arg-type]

    # -- text ------------------------------------------------------------------------

    def description(self) -> str:
        """The whole timeline as text (screen readers, tests)."""
        if not self._segments:
            return _("Nog geen traject.")
        parts = [s.tip.replace("\n", "; ") for s in self._segments]
        parts += [m.tip.replace("\n", "; ") for m in self._markers]
        return "\n".join(parts)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            tip = self._tip_at(event.pos().x(), event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def _tip_at(self, x: float, y: float) -> str:
        for m in self._markers:
            if abs(m.x - x) <= 9 and abs(m.y - y) <= 11:
                return m.tip
        if BAND_TOP <= y <= BAND_TOP + BAND_HEIGHT:
            for s in self._segments:
                if s.x0 <= x <= s.x1:
                    return s.tip
        return ""

    # -- painting --------------------------------------------------------------------

    def paintEvent(self, event: object) -> None:
        """Background, then stages, bedenktijd, markers and the legend, in that order."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.base())
        text_color = pal.text().color()
        if not self._segments:
            painter.setPen(text_color)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("Nog geen traject."))
            return
        base_font = QFont(self.font())
        small = QFont(base_font)
        small.setPointSizeF(base_font.pointSizeF() * 0.85)
        self._paint_stages(painter, base_font, small, text_color)
        self._paint_bedenktijd(painter)
        self._paint_markers(painter, small)
        self._paint_legend(painter, small, text_color)
        painter.end()

    def _paint_stages(self, painter: QPainter, base_font: QFont, small: QFont,
                      text_color: QColor) -> None:
        """Stage bands with their start dates, and today at the end of an open path."""
        fm = QFontMetrics(base_font)
        sfm = QFontMetrics(small)
        for s in self._segments:
            rect = QRectF(s.x0 + 1, BAND_TOP, max(2.0, s.x1 - s.x0 - 2), BAND_HEIGHT)
            kleur = FASE_KLEUR[s.fase]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(kleur))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(_text_color(kleur))
            painter.setFont(base_font)
            tekst = fm.elidedText(s.tekst, Qt.TextElideMode.ElideRight, int(rect.width()) - 8)
            painter.drawText(rect.adjusted(4, 0, -4, 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, tekst)
            painter.setFont(small)
            painter.setPen(text_color)
        # Start dates below the band (and "vandaag" at the end of an open path), each on
        # the first row where it overlaps nothing: they used to run into each other
        # ("29-11-2vandaag").
        for tekst, x, y, _w, streep in self.date_labels(sfm):
            if streep:
                painter.drawLine(QPointF(x - 2, BAND_TOP + BAND_HEIGHT), QPointF(x - 2, y - 11))
            painter.drawText(QPointF(x, y), tekst)

    def date_labels(self, sfm: QFontMetrics) -> list[tuple[str, float, float, float, bool]]:
        """(text, x, baseline y, width, with a tick line) of every label under the band."""
        wanted: list[tuple[str, float, float, bool]] = []
        for s in self._segments:
            datum = format_date(s.start)
            wanted.append((datum, s.x0 + 3, float(sfm.horizontalAdvance(datum)), True))
        last = self._segments[-1] if self._segments else None
        if last is not None and last.fase is not Fase.AFGESLOTEN:
            label = _("vandaag")
            w = float(sfm.horizontalAdvance(label))
            wanted.append((label, max(MARGIN, last.x1 - w - 2), w, False))
        rows = place_in_rows([(x, w) for _t, x, w, _s in wanted], LABEL_ROWS, LABEL_GAP)
        top = BAND_TOP + BAND_HEIGHT + 44
        return [(t, x, top + LABEL_ROW_HEIGHT * row, w, streep)
                for (t, x, w, streep), row in zip(wanted, rows, strict=True)]

    def _paint_bedenktijd(self, painter: QPainter) -> None:
        """End of bedenktijd as a dashed line across the band."""
        if self._traject is not None and self._bedenktijd_einde is not None:
            einde = self._bedenktijd_einde
            if einde <= self._segments[-1].einde:
                x = self._x_for(einde)
                pen = QPen(QColor(FASE_KLEUR[Fase.BEDENKTIJD]).darker(140), 2, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x, BAND_TOP - 6), QPointF(x, BAND_TOP + BAND_HEIGHT + 6))

    def _paint_markers(self, painter: QPainter, small: QFont) -> None:
        """Decisions as diamonds with a label, corrections as triangles."""
        pal = self.palette()
        sfm = QFontMetrics(small)
        for m in self._markers:
            painter.setFont(small)
            if m.soort == "besluit":
                path = QPainterPath()
                path.moveTo(m.x, m.y - 7)
                path.lineTo(m.x + 7, m.y)
                path.lineTo(m.x, m.y + 7)
                path.lineTo(m.x - 7, m.y)
                path.closeSubpath()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(BESLUIT_KLEUR))
                painter.drawPath(path)
                painter.setPen(QPen(QColor(BESLUIT_KLEUR), 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(m.x, m.y + 7), QPointF(m.x, BAND_TOP))
                painter.setPen(QColor(BESLUIT_KLEUR).darker(110) if pal.base().color().lightness() > 128
                               else QColor("#e1bee7"))
                tekst = sfm.elidedText(m.label, Qt.TextElideMode.ElideRight, 200)
                tx = min(m.x + 10, self.width() - MARGIN - sfm.horizontalAdvance(tekst))
                painter.drawText(QPointF(tx, m.y + 4), tekst)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(CORRECTIE_KLEUR))
                path = QPainterPath()
                path.moveTo(m.x, m.y - 6)
                path.lineTo(m.x + 6, m.y + 5)
                path.lineTo(m.x - 6, m.y + 5)
                path.closeSubpath()
                painter.drawPath(path)
                painter.setPen(QColor(CORRECTIE_KLEUR))
                painter.drawText(QPointF(m.x + 8, m.y + 5), m.label)

    def _paint_legend(self, painter: QPainter, small: QFont, text_color: QColor) -> None:
        """Legend line at the top: decision, correction, end of bedenktijd."""
        sfm = QFontMetrics(small)
        painter.setFont(small)
        painter.setPen(text_color)
        x = float(MARGIN)
        for kleur, label, vorm in ((BESLUIT_KLEUR, _("Besluit"), "ruit"),
                                   (CORRECTIE_KLEUR, _("Correctie"), "driehoek")):
            painter.setBrush(QColor(kleur))
            painter.setPen(Qt.PenStyle.NoPen)
            if vorm == "ruit":
                path = QPainterPath()
                path.moveTo(x + 5, 4)
                path.lineTo(x + 10, 9)
                path.lineTo(x + 5, 14)
                path.lineTo(x, 9)
                path.closeSubpath()
            else:
                path = QPainterPath()
                path.moveTo(x + 5, 4)
                path.lineTo(x + 10, 14)
                path.lineTo(x, 14)
                path.closeSubpath()
            painter.drawPath(path)
            painter.setPen(text_color)
            painter.drawText(QPointF(x + 14, 13), label)
            x += 14 + sfm.horizontalAdvance(label) + 18
        if self._traject is not None and self._bedenktijd_einde is not None:
            painter.setPen(QPen(QColor(FASE_KLEUR[Fase.BEDENKTIJD]).darker(140), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, 9), QPointF(x + 16, 9))
            painter.setPen(text_color)
            painter.drawText(QPointF(x + 20, 13), _("Einde bedenktijd {datum}").format(
                datum=format_date(self._bedenktijd_einde)))
