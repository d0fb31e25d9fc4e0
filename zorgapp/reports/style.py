"""The page every document shares: A4, letterhead, page numbers, markings, metadata.

Documents are built in memory (``bytes``): the reports package never writes a file,
so a PDF with names in it only reaches the disk when the user saves it (the service
does that, atomically and audited).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from zorgapp.i18n import _, format_date, language
from zorgapp.reports import fonts

log = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 22 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_BOTTOM = 22 * mm
TOP_FIRST = 46 * mm  # room for the letterhead
TOP_LATER = 26 * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
ACCENT = colors.HexColor("#1d4e89")
CONFIDENTIAL = colors.HexColor("#a61b1b")
HEADER_FILL = colors.HexColor("#e4e9f0")
ZEBRA = colors.HexColor("#f5f7fa")
WATERMARK = colors.Color(0.75, 0.75, 0.75, alpha=0.35)

_PDF_LANG = {"nl": "nl-NL", "en": "en-GB"}


@dataclass(frozen=True)
class Briefhoofd:
    """The sender: the coordinator's own organisation (from the settings, never a client)."""

    organisatie: str = ""
    adres: str = ""
    contact: str = ""
    plaats: str = ""
    logo: str = ""

    @classmethod
    def uit_instellingen(cls, get: Callable[[str], Any]) -> Briefhoofd:
        """From the settings registry: ``Briefhoofd.uit_instellingen(settings.get)``."""
        return cls(
            organisatie=str(get("letter_organisation") or ""),
            adres=str(get("letter_address") or ""),
            contact=str(get("letter_contact") or ""),
            plaats=str(get("letter_place") or ""),
            logo=str(get("letter_logo") or ""),
        )


@dataclass(frozen=True)
class DocumentInfo:
    """What goes into the PDF's metadata and the running header and footer."""

    titel: str
    onderwerp: str = ""
    referentie: str = ""
    auteur: str = ""
    vertrouwelijk: bool = False
    demo: bool = False


def esc(text: object) -> str:
    """User text inside Paragraph markup: ``<``, ``&`` and ``>`` must not become tags."""
    return escape(str(text)).replace("\n", "<br/>")


def pdf_lang() -> str:
    return _PDF_LANG.get(language(), "nl-NL")


class Styles:
    """Paragraph styles on the embedded font, made once per process."""

    _made: Styles | None = None

    def __init__(self) -> None:
        fonts.register()
        base = ParagraphStyle(
            "body", fontName=fonts.SANS, fontSize=9.5, leading=13, textColor=INK
        )
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=10.5,
                                    textColor=MUTED)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_small = ParagraphStyle("cell_small", parent=base, fontSize=7.5, leading=9.5)
        self.cell_small_right = ParagraphStyle("cell_small_right", parent=self.cell_small,
                                               alignment=TA_RIGHT)
        self.title = ParagraphStyle("title", parent=base, fontName=fonts.SANS_BOLD,
                                    fontSize=15, leading=19, spaceAfter=4, textColor=ACCENT)
        self.h2 = ParagraphStyle("h2", parent=base, fontName=fonts.SANS_BOLD, fontSize=11,
                                 leading=14, spaceBefore=10, spaceAfter=4, textColor=ACCENT,
                                 keepWithNext=1)
        # before a long table: keepWithNext would push heading and table to a new page
        self.h2_los = ParagraphStyle("h2_los", parent=self.h2, keepWithNext=0)
        self.label = ParagraphStyle("label", parent=base, fontName=fonts.SANS_BOLD,
                                    fontSize=9, leading=12, textColor=MUTED)
        self.right = ParagraphStyle("right", parent=base, alignment=TA_RIGHT)
        self.mono = ParagraphStyle("mono", parent=base, fontName=fonts.MONO, fontSize=20,
                                   leading=30)

    @classmethod
    def get(cls) -> Styles:
        if cls._made is None:
            cls._made = Styles()
        return cls._made


def p(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph from plain user text (escaped)."""
    return Paragraph(esc(text), style or Styles.get().body)


def markup(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph from our own markup (callers escape user parts with ``esc``)."""
    return Paragraph(text, style or Styles.get().body)


def velden(rijen: Sequence[tuple[str, str]], label_width: float = 52 * mm) -> Table:
    """A two-column "label: value" block; empty values show a dash, not a blank."""
    s = Styles.get()
    data = [[p(label, s.label), p(waarde if waarde.strip() else "–", s.body)]
            for label, waarde in rijen]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def tabel(
    kop: Sequence[str],
    rijen: Sequence[Sequence[str]],
    breedtes: Sequence[float],
    *,
    rechts: Sequence[int] = (),
    totaal: Sequence[str] | None = None,
    klein: bool = False,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A readable data table: bold header repeated on every page, zebra rows, numbers
    right-aligned (columns in ``rechts``), an optional bold total row."""
    s = Styles.get()
    links_stijl, rechts_stijl = (s.cell_small, s.cell_small_right) if klein else (
        s.cell, s.cell_right)
    vet_links = ParagraphStyle("vl", parent=links_stijl, fontName=fonts.SANS_BOLD)
    vet_rechts = ParagraphStyle("vr", parent=rechts_stijl, fontName=fonts.SANS_BOLD)
    opvulling = 2 if klein else 3

    def cel(text: str, kolom: int, vet: bool = False) -> Paragraph:
        if vet:
            return p(text, vet_rechts if kolom in rechts else vet_links)
        return p(text, rechts_stijl if kolom in rechts else links_stijl)

    data: list[list[Paragraph]] = [[cel(k, i, True) for i, k in enumerate(kop)]]
    data += [[cel(c, i) for i, c in enumerate(rij)] for rij in rijen]
    if totaal is not None:
        data.append([cel(c, i, True) for i, c in enumerate(totaal)])
    schaal = CONTENT_WIDTH / sum(breedtes)
    table = Table(data, colWidths=[b * schaal for b in breedtes], repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), opvulling),
        ("RIGHTPADDING", (0, 0), (-1, -1), opvulling),
    ]
    for r in range(2, len(rijen) + 1, 2):
        commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    if totaal is not None:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    commands += list(extra)
    table.setStyle(TableStyle(commands))
    return table


# -- the page ---------------------------------------------------------------------------


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


def _draw_letterhead(c: Canvas, hoofd: Briefhoofd, info: DocumentInfo) -> None:
    top = PAGE_HEIGHT - 16 * mm
    x = MARGIN_LEFT
    if hoofd.logo:
        try:
            logo = ImageReader(str(Path(hoofd.logo)))
            w, h = logo.getSize()
            hoogte = 16 * mm
            breedte = min(45 * mm, hoogte * w / h)
            c.drawImage(logo, x, top - hoogte + 4 * mm, width=breedte, height=hoogte,
                        preserveAspectRatio=True, anchor="sw", mask="auto")
            x += breedte + 5 * mm
        except Exception:  # noqa: BLE001 - a broken logo must not stop a letter
            log.warning("letterhead logo could not be read; printing without it")
    c.saveState()
    c.setFillColor(ACCENT)
    # A long name next to a logo must neither run into the VERTROUWELIJK stamp nor off
    # the page: a smaller size first, then at most two lines.
    ruimte = PAGE_WIDTH - MARGIN_RIGHT - x - (
        _stempel_breedte(c) + 4 * mm if info.vertrouwelijk else 0)
    naam = hoofd.organisatie or "Zorgapp"
    grootte = 13.0
    while grootte > 11 and c.stringWidth(naam, fonts.SANS_BOLD, grootte) > ruimte:
        grootte -= 0.5
    regels = simpleSplit(naam, fonts.SANS_BOLD, grootte, ruimte)
    if len(regels) > 2:
        laatste = regels[1]
        while laatste and c.stringWidth(laatste + " …", fonts.SANS_BOLD, grootte) > ruimte:
            laatste = laatste.rsplit(" ", 1)[0] if " " in laatste else laatste[:-1]
        regels = [regels[0], laatste + " …"]
    c.setFont(fonts.SANS_BOLD, grootte)
    for i, regel in enumerate(regels):
        c.drawString(x, top - i * (grootte + 2), regel)
    c.setFillColor(MUTED)
    c.setFont(fonts.SANS, 8.5)
    y = top - 12 - (len(regels) - 1) * (grootte + 2)
    for regel in [r for r in hoofd.adres.splitlines() if r.strip()] + [
        r for r in hoofd.contact.splitlines() if r.strip()
    ]:
        c.drawString(x, y, regel.strip())
        y -= 10.5
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    lijn = PAGE_HEIGHT - TOP_FIRST + 6 * mm
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
    c.drawString(MARGIN_LEFT, y, " · ".join(delen))
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN_LEFT, y - 4, PAGE_WIDTH - MARGIN_RIGHT, y - 4)
    c.restoreState()
    if info.vertrouwelijk:
        _draw_confidential(c, y)


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
                self._voet(totaal)
                Canvas.showPage(self)
            Canvas.save(self)

        def _voet(self, totaal: int) -> None:
            self.saveState()
            y = MARGIN_BOTTOM - 10 * mm
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_LEFT, y + 10, PAGE_WIDTH - MARGIN_RIGHT, y + 10)
            self.setFont(fonts.SANS, 7.5)
            self.setFillColor(MUTED)
            links = [info.titel]
            if info.referentie:
                links.append(info.referentie)
            links.append(_("gemaakt op {datum}").format(datum=format_date(gemaakt)))
            self.drawString(MARGIN_LEFT, y, " · ".join(links))
            pagina = _("Pagina {nummer} van {totaal}").format(
                nummer=self._pageNumber, totaal=totaal)
            self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, pagina)
            if info.vertrouwelijk:
                self.setFillColor(CONFIDENTIAL)
                self.setFont(fonts.SANS_BOLD, 7.5)
                self.drawCentredString(PAGE_WIDTH / 2, y - 10, _("VERTROUWELIJK"))
            self.restoreState()

    return _Canvas


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
    hoogte_eerste = PAGE_HEIGHT - TOP_FIRST - MARGIN_BOTTOM
    hoogte_later = PAGE_HEIGHT - TOP_LATER - MARGIN_BOTTOM

    def eerste(c: Canvas, _doc: BaseDocTemplate) -> None:
        if info.demo:
            _draw_watermark(c)
        _draw_letterhead(c, hoofd, info)

    def later(c: Canvas, _doc: BaseDocTemplate) -> None:
        if info.demo:
            _draw_watermark(c)
        _draw_running_header(c, hoofd, info)

    doc.addPageTemplates([
        PageTemplate(
            id="eerste",
            frames=[Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, hoogte_eerste,
                          id="f1", leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0)],
            onPage=eerste,
            autoNextPageTemplate="later",
        ),
        PageTemplate(
            id="later",
            frames=[Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, hoogte_later,
                          id="f2", leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0)],
            onPage=later,
        ),
    ])
    doc.build(story, canvasmaker=_canvas_class(info, gemaakt))
    return buffer.getvalue()
