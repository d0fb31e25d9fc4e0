"""Plain-text cells for tables of many rows (issue 15).

The explanation of a quarter's allocation lists every cost line of every municipality:
at 100,000 dossiers hundreds of thousands of rows, nine cells each. As a ``Paragraph``
per cell (parsed as markup, wrapped, drawn line by line) that took over nine minutes and
2 GB. Above ``VEEL_RIJEN`` rows, a cell whose text fits on one line of its column is
given to the table as text in the cell's own font, size and alignment (reportlab draws
it with one call); a cell that would wrap keeps its paragraph. Smaller tables, every
document of a normal region, are made exactly as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

#: Tables with more data rows than this get text cells where the text fits.
VEEL_RIJEN = 1000


def cellen(rijen: Sequence[Sequence[str]], breedtes: Sequence[float], opvulling: float,
           stijlen: Sequence[ParagraphStyle], paragraaf: Any) -> list[list[Any]]:
    """The data rows: text where it fits its column on one line, else ``paragraaf(text,
    kolom)``. Widths are measured once per distinct text and column."""
    past: dict[tuple[str, int], bool] = {}

    def cel(text: str, kolom: int) -> Any:
        sleutel = (text, kolom)
        ja = past.get(sleutel)
        if ja is None:
            stijl = stijlen[kolom]
            ja = past[sleutel] = ("\n" not in text and text == text.strip()
                                  and "  " not in text
                                  and stringWidth(text, stijl.fontName, stijl.fontSize)
                                  <= breedtes[kolom] - 2 * opvulling)
        return text if ja else paragraaf(text, kolom)

    return [[cel(c, i) for i, c in enumerate(rij)] for rij in rijen]


def stijl(stijlen: Sequence[ParagraphStyle], rijen: int) -> list[tuple[Any, ...]]:
    """Table commands that give text cells of data rows ``1..rijen`` their paragraph
    style's font, size, leading, colour and alignment."""
    laatste = rijen
    commands: list[tuple[Any, ...]] = []
    for kolom, s in enumerate(stijlen):
        commands += [("FONT", (kolom, 1), (kolom, laatste), s.fontName, s.fontSize, s.leading),
                     ("TEXTCOLOR", (kolom, 1), (kolom, laatste), s.textColor)]
        if s.alignment == TA_RIGHT:
            commands.append(("ALIGN", (kolom, 1), (kolom, laatste), "RIGHT"))
    return commands


def zonder_spans(data: list[list[Any]], teksten: Sequence[Sequence[str]],
                 breedtes: Sequence[float], opvulling: float,
                 stijlen: Sequence[ParagraphStyle], commands: Sequence[tuple[Any, ...]]
                 ) -> list[tuple[Any, ...]]:
    """``commands`` without the ``SPAN`` of a row that needs none: with any span,
    reportlab maps every cell again at each page break, which is quadratic in the rows
    of one table (minutes at 100,000 dossiers). A span over empty cells to the right of
    left-aligned text that fits the span on one line is dropped: the text, as text in
    ``data``, is drawn from the same place; a paragraph is kept when it fits its own
    column. Any other span stays."""
    rijen, kolommen = len(data), len(breedtes)
    over: list[tuple[Any, ...]] = []
    for command in commands:
        if command[0] != "SPAN":
            over.append(command)
            continue
        (x0, y0), (x1, y1) = command[1], command[2]
        x0, x1 = x0 % kolommen, x1 % kolommen
        y0, y1 = y0 % rijen, y1 % rijen
        if not (y0 == y1 and _los_te_laten(data, teksten, breedtes, opvulling, stijlen,
                                           y0, x0, x1)):
            over.append(command)
    return over


def _los_te_laten(data: list[list[Any]], teksten: Sequence[Sequence[str]],
                  breedtes: Sequence[float], opvulling: float,
                  stijlen: Sequence[ParagraphStyle], rij: int, x0: int, x1: int) -> bool:
    """Whether the span of row ``rij`` over columns ``x0..x1`` can go (see above)."""
    tekst = teksten[rij][x0]
    if any(teksten[rij][x] for x in range(x0 + 1, x1 + 1)) or "\n" in tekst \
            or tekst != tekst.strip() or "  " in tekst:
        return False
    cel = data[rij][x0]
    stijl = stijlen[x0] if isinstance(cel, str) else getattr(cel, "style", None)
    if stijl is None or stijl.alignment != 0:  # TA_LEFT
        return False
    breed = stringWidth(tekst, stijl.fontName, stijl.fontSize)
    if isinstance(cel, str) or breed <= breedtes[x0] - 2 * opvulling:
        return True  # one line in its own column already
    if stijl is stijlen[x0] and breed <= sum(breedtes[x0:x1 + 1]) - 2 * opvulling:
        data[rij][x0] = tekst  # a data row: its text in the cell's own style
        return True
    return False
