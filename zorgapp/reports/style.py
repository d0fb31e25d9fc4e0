"""What every document shares: A4 measures, colours, paragraph styles, and the blocks
user text goes into (``p``, ``velden``, ``tabel``); the page itself is ``reports.page``.

Documents are built in memory (``bytes``): the reports package never writes a file,
so a PDF with names in it only reaches the disk when the user saves it (the service
does that, atomically and audited). User text can be any length: paragraphs break long
words (reportlab's ``splitLongWords``, on by default) and the rows of ``velden`` and
``tabel`` split across pages (``splitInRow``), so a long note flows over pages instead
of stopping the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from zorgapp.i18n import language
from zorgapp.reports import fonts, tekstcellen

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
    logo: str | bytes = ""  # a file (older settings) or the image itself (from the vault)
    telefoon: str = ""

    def contactregels(self) -> list[str]:
        """Phone first, then the other contact lines (e-mail, website), without blanks."""
        regels = [self.telefoon] if self.telefoon.strip() else []
        return [r for r in regels + self.contact.splitlines() if r.strip()]

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
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], splitInRow=1)
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
) -> Flowable:
    """A readable data table: bold header repeated on every page, zebra rows, numbers
    right-aligned (columns in ``rechts``), an optional bold total row; a table of over
    ``tekstcellen.VEEL_RIJEN`` rows is handed to reportlab a page at a time.

    Long: the cells and the commands of one table, in one place."""
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

    schaal = CONTENT_WIDTH / sum(breedtes)
    data: list[list[Any]] = [[cel(k, i, True) for i, k in enumerate(kop)]]
    groot = len(rijen) > tekstcellen.VEEL_RIJEN  # text cells: minutes and gigabytes less
    stijlen = [rechts_stijl if i in rechts else links_stijl for i in range(len(kop))]
    if groot:
        data += tekstcellen.cellen(rijen, [b * schaal for b in breedtes], opvulling, stijlen,
                                   cel)
    else:
        data += [[cel(c, i) for i, c in enumerate(rij)] for rij in rijen]
    if totaal is not None:
        data.append([cel(c, i, True) for i, c in enumerate(totaal)])
    if groot:
        extra = [*tekstcellen.stijl(stijlen, len(rijen)), *tekstcellen.zonder_spans(
            data, [kop, *rijen, *([totaal] if totaal is not None else [])],
            [b * schaal for b in breedtes], opvulling, stijlen, extra)]
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
    if len(rijen) > 1:  # every second data row, as one command (``tekstcellen.Zebra``)
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, len(rijen)), [None, ZEBRA]))
    if totaal is not None:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    commands += list(extra)
    if groot:  # a page at a time: reportlab's split is quadratic in the rows
        return tekstcellen.Stukken(data, [b * schaal for b in breedtes], commands)
    table = tekstcellen.Zebra(data, colWidths=[b * schaal for b in breedtes], repeatRows=1,
                              splitInRow=1)
    table.setStyle(TableStyle(commands))
    return table


def bouw(
    story: list[Flowable],
    info: DocumentInfo,
    briefhoofd: Briefhoofd | None = None,
    *,
    vandaag: date | None = None,
) -> bytes:
    """Lay out ``story`` on the shared page (``reports.page``) and return the PDF bytes."""
    from zorgapp.reports.page import bouw as bouw_op_pagina

    return bouw_op_pagina(story, info, briefhoofd, vandaag=vandaag)
