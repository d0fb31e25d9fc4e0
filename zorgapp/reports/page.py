"""The page every document is laid out on: letterhead, running header, footer with
"page 2 of 5", markings, metadata.

What is drawn straight onto the canvas (the letterhead, the header and the footer) does
not flow like a paragraph, so every such text is made to fit here: wrapped where it may
take more lines, long words broken, and cut off with "…" where the room ends. The story
itself flows over as many pages as it needs (``style.velden`` and ``style.tabel`` let a
row split across pages), so no user text can stop a document from being made.
"""

from __future__ import annotations

import io
import logging
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from zorgapp.i18n import _, format_date
from zorgapp.reports import fonts
from zorgapp.reports.style import (
    ACCENT,
    CONFIDENTIAL,
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    TOP_FIRST,
    TOP_LATER,
    WATERMARK,
    Briefhoofd,
    DocumentInfo,
    pdf_lang,
)

log = logging.getLogger(__name__)

ELLIPSIS = "…"


# -- fitting text drawn on the canvas ---------------------------------------------------


def passend(tekst: str, font: str, grootte: float, breedte: float) -> str:
    """``tekst`` on one line of ``breedte`` points: whole when it fits, else cut off
    with "…" (line breaks become spaces)."""
    tekst = " ".join(tekst.split())
    if stringWidth(tekst, font, grootte) <= breedte:
        return tekst
    laag, hoog = 0, len(tekst)  # the longest prefix that fits with the ellipsis
    while laag < hoog:
        midden = (laag + hoog + 1) // 2
        if stringWidth(tekst[:midden].rstrip() + ELLIPSIS, font, grootte) <= breedte:
            laag = midden
        else:
            hoog = midden - 1
    return tekst[:laag].rstrip() + ELLIPSIS


def regels(tekst: str, font: str, grootte: float, breedte: float, hoogstens: int) -> list[str]:
    """``tekst`` wrapped at ``breedte`` (a word too long for a line is broken), at most
    ``hoogstens`` lines, the last cut off with "…" when more would follow."""
    uit: list[str] = []
    for regel in simpleSplit(" ".join(tekst.split()), font, grootte, breedte):
        while stringWidth(regel, font, grootte) > breedte and len(regel) > 1:
            deel = passend(regel, font, grootte, breedte)[:-1] or regel[:1]
            uit.append(deel)
            regel = regel[len(deel):]
        uit.append(regel)
    if len(uit) > hoogstens:
        laatste = uit[hoogstens - 1]
        while laatste and stringWidth(laatste + " " + ELLIPSIS, font, grootte) > breedte:
            laatste = laatste[:-1]
        uit = [*uit[:hoogstens - 1], (laatste.rstrip() + " " + ELLIPSIS).lstrip()]
    return uit


# -- what is drawn on every page ----------------------------------------------------------


def _draw_watermark(c: Canvas) -> None:
    c.saveState()
    c.setFont(fonts.SANS_BOLD, 150)
    c.setFillColor(WATERMARK)
    c.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    c.rotate(50)
    c.drawCentredString(0, -50, "DEMO")
    c.restoreState()


def _stempel_breedte(c: Canvas) -> float:
    return float(c.stringWidth(_("VERTROUWELIJK"), fonts.SANS_BOLD, 9)) + 8


def _draw_confidential(c: Canvas, y: float) -> None:
    c.saveState()
    tekst = _("VERTROUWELIJK")
    c.setFont(fonts.SANS_BOLD, 9)
    breedte = _stempel_breedte(c)
    x = PAGE_WIDTH - MARGIN_RIGHT - breedte
    c.setStrokeColor(CONFIDENTIAL)
    c.setFillColor(CONFIDENTIAL)
    c.setLineWidth(0.9)
    c.rect(x, y - 3, breedte, 13, stroke=1, fill=0)
    c.drawString(x + 4, y, tekst)
    c.restoreState()


def _draw_logo(c: Canvas, hoofd: Briefhoofd, x: float, top: float) -> float:
    """The logo at the left of the letterhead; where the text starts after it."""
    if not hoofd.logo:
        return x
    try:
        logo = ImageReader(io.BytesIO(hoofd.logo) if isinstance(hoofd.logo, bytes)
                           else str(Path(hoofd.logo)))
        w, h = logo.getSize()
        hoogte = 16 * mm
        breedte = min(45 * mm, hoogte * w / h)
        c.drawImage(logo, x, top - hoogte + 4 * mm, width=breedte, height=hoogte,
                    preserveAspectRatio=True, anchor="sw", mask="auto")
        return float(x + breedte + 5 * mm)
    except Exception:  # noqa: BLE001 - a broken logo must not stop a letter
        log.warning("letterhead logo could not be read; printing without it")
        return x


def _draw_letterhead(c: Canvas, hoofd: Briefhoofd, info: DocumentInfo) -> None:
    """Organisation (a smaller size first, then at most two lines), then the address and
    contact lines that fit above the rule; nothing runs into the stamp or off the page."""
    top = PAGE_HEIGHT - 16 * mm
    x = _draw_logo(c, hoofd, MARGIN_LEFT, top)
    c.saveState()
    c.setFillColor(ACCENT)
    ruimte = PAGE_WIDTH - MARGIN_RIGHT - x - (
        _stempel_breedte(c) + 4 * mm if info.vertrouwelijk else 0)
    naam = hoofd.organisatie  # empty until the organisation fills it in, never "Zorgapp"
    grootte = 13.0
    while grootte > 11 and c.stringWidth(naam, fonts.SANS_BOLD, grootte) > ruimte:
        grootte -= 0.5
    naam_regels = regels(naam, fonts.SANS_BOLD, grootte, ruimte, 2)
    c.setFont(fonts.SANS_BOLD, grootte)
    for i, regel in enumerate(naam_regels):
        c.drawString(x, top - i * (grootte + 2), regel)
    c.setFillColor(MUTED)
    c.setFont(fonts.SANS, 8.5)
    lijn = PAGE_HEIGHT - TOP_FIRST + 6 * mm
    y = top - 12 - (len(naam_regels) - 1) * (grootte + 2)
    breedte = PAGE_WIDTH - MARGIN_RIGHT - x
    onder = [r for r in hoofd.adres.splitlines() if r.strip()] + hoofd.contactregels()
    plaats = max(0, int((y - lijn - 3) // 10.5) + 1)
    if len(onder) > plaats:
        onder = onder[:max(plaats - 1, 0)] + ([ELLIPSIS] if plaats else [])
    for regel in onder:
        c.drawString(x, y, passend(regel, fonts.SANS, 8.5, breedte))
        y -= 10.5
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    c.line(MARGIN_LEFT, lijn, PAGE_WIDTH - MARGIN_RIGHT, lijn)
    c.restoreState()
    if info.vertrouwelijk:
        _draw_confidential(c, top)


def _draw_running_header(c: Canvas, hoofd: Briefhoofd, info: DocumentInfo) -> None:
    c.saveState()
    y = PAGE_HEIGHT - 15 * mm
    c.setFont(fonts.SANS, 8)
    c.setFillColor(MUTED)
    delen = [d for d in (hoofd.organisatie, info.titel, info.referentie) if d]
    ruimte = CONTENT_WIDTH - (35 * mm if info.vertrouwelijk else 0)
    while len(delen) > 1 and c.stringWidth(" · ".join(delen), fonts.SANS, 8) > ruimte:
        delen.pop(0)  # the organisation goes first: the title and reference matter more
    c.drawString(MARGIN_LEFT, y, passend(" · ".join(delen), fonts.SANS, 8, ruimte))
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN_LEFT, y - 4, PAGE_WIDTH - MARGIN_RIGHT, y - 4)
    c.restoreState()
    if info.vertrouwelijk:
        _draw_confidential(c, y)


def _draw_footer(c: Canvas, info: DocumentInfo, gemaakt: date, nummer: int,
                 totaal: int) -> None:
    """Title, reference and date left (cut off before the page number), page right."""
    c.saveState()
    y = MARGIN_BOTTOM - 10 * mm
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN_LEFT, y + 10, PAGE_WIDTH - MARGIN_RIGHT, y + 10)
    c.setFont(fonts.SANS, 7.5)
    c.setFillColor(MUTED)
    pagina = _("Pagina {nummer} van {totaal}").format(nummer=nummer, totaal=totaal)
    c.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, pagina)
    links = [info.titel]
    if info.referentie:
        links.append(info.referentie)
    links.append(_("gemaakt op {datum}").format(datum=format_date(gemaakt)))
    ruimte = CONTENT_WIDTH - c.stringWidth(pagina, fonts.SANS, 7.5) - 6 * mm
    c.drawString(MARGIN_LEFT, y, passend(" · ".join(links), fonts.SANS, 7.5, ruimte))
    if info.vertrouwelijk:
        c.setFillColor(CONFIDENTIAL)
        c.setFont(fonts.SANS_BOLD, 7.5)
        c.drawCentredString(PAGE_WIDTH / 2, y - 10, _("VERTROUWELIJK"))
    c.restoreState()


def _canvas_class(info: DocumentInfo, gemaakt: date) -> type[Canvas]:
    """A canvas that holds pages back until the end, to print "page 2 of 5"."""

    class _Canvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this the canvas starts in Helvetica (Latin-1 only) and lists it.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.SANS
            super().__init__(*args, **kwargs)
            self._bewaard: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._bewaard.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totaal = len(self._bewaard)
            for staat in self._bewaard:
                self.__dict__.update(staat)
                _draw_footer(self, info, gemaakt, self._pageNumber, totaal)
                Canvas.showPage(self)
            Canvas.save(self)

    return _Canvas


def _templates(hoofd: Briefhoofd, info: DocumentInfo) -> list[PageTemplate]:
    """The first page under the letterhead, the later ones under the running header."""

    def eerste(c: Canvas, _doc: BaseDocTemplate) -> None:
        if info.demo:
            _draw_watermark(c)
        _draw_letterhead(c, hoofd, info)

    def later(c: Canvas, _doc: BaseDocTemplate) -> None:
        if info.demo:
            _draw_watermark(c)
        _draw_running_header(c, hoofd, info)

    def frame(naam: str, top: float) -> Frame:
        return Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - top - MARGIN_BOTTOM,
                     id=naam, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    return [
        PageTemplate(id="eerste", frames=[frame("f1", TOP_FIRST)], onPage=eerste,
                     autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[frame("f2", TOP_LATER)], onPage=later),
    ]


def bouw(
    story: list[Flowable],
    info: DocumentInfo,
    briefhoofd: Briefhoofd | None = None,
    *,
    vandaag: date | None = None,
) -> bytes:
    """Lay out ``story`` on the shared page and return the PDF bytes."""
    fonts.register()
    hoofd = briefhoofd or Briefhoofd()
    gemaakt = vandaag or date.today()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=TOP_LATER,
        bottomMargin=MARGIN_BOTTOM,
        title=info.titel,
        author=info.auteur or hoofd.organisatie or "Zorgapp",
        subject=info.onderwerp or info.titel,
        creator="Zorgapp",
        keywords=(["DEMO"] if info.demo else []),
        lang=pdf_lang(),
    )
    doc.addPageTemplates(_templates(hoofd, info))
    doc.build(story, canvasmaker=_canvas_class(info, gemaakt))
    return buffer.getvalue()
