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
