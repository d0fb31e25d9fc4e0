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
from reportlab.platypus import Flowable, Table, TableStyle

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


class Zebra(Table):
    """A table whose zebra rows are one ``ROWBACKGROUNDS`` command that keeps its phase
    over page breaks.

    One ``BACKGROUND`` per striped row made reportlab copy and shift every remaining
    command at each page break (quadratic: the quarter's explanation at 100,000
    dossiers never finished). ``ROWBACKGROUNDS`` restarts its colours on each new page
    at the first row after the repeated header, so the stripes would swap on pages that
    begin with an even row: the colours are turned on by the rows left behind, and every
    row keeps the colour it had.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        delen: list[Flowable] = super().split(availWidth, availHeight)
        if len(delen) == 2 and isinstance(delen[1], Table):
            rest = delen[1]
            kop = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
            # the first row of ``rest`` after its header was row ``eerste`` here
            eerste = len(self._cellvalues) - len(rest._cellvalues) + kop
            rest._bkgrndcmds = [_gedraaid(c, eerste - kop) for c in rest._bkgrndcmds]
        return delen


def _gedraaid(command: tuple[Any, ...], stap: int) -> tuple[Any, ...]:
    """A ``ROWBACKGROUNDS`` command with its colours turned by ``stap`` rows."""
    if command[0] != "ROWBACKGROUNDS" or not command[3]:
        return command
    kleuren = list(command[3])
    stap %= len(kleuren)
    return (*command[:3], kleuren[stap:] + kleuren[:stap], *command[4:])


#: Rows given to reportlab at a time; more when they do not fill the space left.
STUK = 60


class Stukken(Flowable):
    """A big table handed to reportlab a page at a time, drawn exactly as the whole.

    reportlab splits a table at a page break by making a new table of every remaining
    row and measuring them all again: quadratic (the quarter's explanation at 100,000
    dossiers ran for many minutes). Here each page is split from a table of the next
    rows only (``STUK``, more while they fit), made with the whole table's commands
    moved to those rows; where a table splits depends only on the heights of the rows
    from the top, so the pages come out the same. The rest waits as row numbers.
    """

    def __init__(self, data: list[list[Any]], breedtes: list[float],
                 commands: list[tuple[Any, ...]], begin: int = 1,
                 eigen: dict[int, tuple[list[Any], float | None]] | None = None) -> None:
        super().__init__()
        self._data, self._breedtes, self._commands = data, breedtes, commands
        self._begin = begin  # the first data row still to place
        self._eigen = eigen or {}  # the rest of a row split over two pages
        self._stuk: tuple[Table, int, tuple[float, float], tuple[float, float]] | None = None

    @property
    def data(self) -> list[list[Any]]:
        """Every row: the header, the data rows, the total."""
        return self._data

    @property
    def commands(self) -> list[tuple[Any, ...]]:
        """The whole table's style commands."""
        return self._commands

    def _tabel(self, eind: int) -> Table:
        rijen = [self._eigen.get(r, (self._data[r], None)) for r in range(self._begin, eind)]
        tabel = Zebra([self._data[0], *(cellen for cellen, _h in rijen)],
                      colWidths=self._breedtes, rowHeights=[None, *(h for _c, h in rijen)],
                      repeatRows=1, splitInRow=1)
        tabel.setStyle(TableStyle(verschoven(self._commands, len(self._data), self._begin,
                                             eind, rest_van_rij=self._begin in self._eigen)))
        return tabel

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._stuk is not None and self._stuk[2] == (availWidth, availHeight):
            return self._stuk[3]
        aantal, eind = STUK, 0
        while True:
            eind = min(len(self._data), self._begin + aantal)
            tabel = self._tabel(eind)
            breed, hoog = tabel.wrap(availWidth, availHeight)
            if eind == len(self._data) or hoog > availHeight:
                break
            aantal *= 2
        self._stuk = (tabel, eind, (availWidth, availHeight), (breed, hoog))
        self.width, self.height = breed, hoog
        return breed, hoog

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        assert self._stuk is not None
        tabel, eind, _ruimte, _maat = self._stuk
        delen: list[Flowable] = tabel.split(availWidth, availHeight)
        if len(delen) != 2:
            return delen
        eerste, rest = delen
        geplaatst = len(eerste._cellvalues) - 1
        over = len(rest._cellvalues) - 1
        begin = self._begin + geplaatst
        eigen = {r: v for r, v in self._eigen.items() if r >= begin}
        if geplaatst + over > eind - self._begin:  # a row split over the two pages
            begin -= 1
            eigen[begin] = (rest._cellvalues[1], rest._argH[1])
        if begin >= len(self._data):
            return [eerste]
        return [eerste, Stukken(self._data, self._breedtes, self._commands, begin, eigen)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        assert self._stuk is not None
        self._stuk[0].drawOn(canvas, x, y, _sW)


def verschoven(commands: Sequence[tuple[Any, ...]], rijen: int, begin: int, eind: int, *,
               rest_van_rij: bool = False) -> list[tuple[Any, ...]]:
    """``commands`` of a table of ``rijen`` rows for the table of its header (row 0) and
    rows ``begin..eind-1``; zebra colours keep their rows. As reportlab's split, a line
    below rows goes above the first row of a continued page too, unless that row is the
    rest of a row split over two pages (``rest_van_rij``)."""
    uit: list[tuple[Any, ...]] = []
    for command in commands:
        (c0, r0), (c1, r1) = command[1], command[2]
        r0, r1 = r0 % rijen, r1 % rijen
        kop = r0 == 0
        van, tot = max(r0, begin), min(r1, eind - 1)
        if van > tot:
            if kop:
                uit.append((command[0], (c0, 0), (c1, 0), *command[3:]))
            continue
        nieuw = (command[0], (c0, 0 if kop else van - begin + 1), (c1, tot - begin + 1),
                 *command[3:])
        if command[0] == "LINEBELOW" and r0 < begin <= r1 + 1 and begin > 1 \
                and not rest_van_rij:
            uit.append(("LINEABOVE", (c0, 1), (c1, 1), *command[3:]))
        if command[0] == "ROWBACKGROUNDS" and not kop:
            nieuw = _gedraaid(nieuw, van - r0)
        uit.append(nieuw)
    return uit
