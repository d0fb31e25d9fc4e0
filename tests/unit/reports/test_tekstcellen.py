"""Tables of many rows draw their cells as text (``reports.tekstcellen``): the same
lines on the same pages as paragraphs give, a text too wide for its column still wraps."""

from __future__ import annotations

import io

import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle

from tests.unit.reports.pdftext import pages
from zorgapp.reports import fonts, style, tekstcellen

KOP = ["Dossier", "Soort", "Nachten", "Bedrag"]
BREEDTES = [20.0, 30.0, 12.0, 18.0]


def _rijen(n: int) -> list[list[str]]:
    rijen = [[f"HM-2025-{i:04d}", "opvang" if i % 3 else "tolk & vertaling", str(i % 40),
              f"€ {i * 17 % 5000},{i % 100:02d}"] for i in range(n)]
    rijen[7][1] = "een soort met een omschrijving die niet op één regel van de kolom past"
    rijen.append(["", "Afronding (grootste-restmethode)", "", "€ 0,02"])
    return rijen


def _pdf(rijen: list[list[str]]) -> tuple[list[str], list[list[object]]]:
    """The pages' text and the cells, with spans over the last row and the total as the
    allocation's explanation has them."""
    fonts.register()
    table = style.tabel(KOP, rijen, BREEDTES, rechts=(2, 3), klein=True,
                        totaal=["", "Totaal", "", "€ 1,00"],
                        extra=[("SPAN", (1, len(rijen)), (2, len(rijen))),
                               ("SPAN", (1, len(rijen) + 1), (2, len(rijen) + 1))])
    if isinstance(table, tekstcellen.Stukken):  # a big table: handed over a page at a time
        spans = [c for c in table.commands if c[0] == "SPAN"]
        cellen = [list(rij) for rij in table.data] + [spans]
    else:
        spans = list(table._spanCmds)
        cellen = [list(rij) for rij in table._cellvalues] + [spans]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([table])
    return pages(buffer.getvalue()), cellen


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines()]


def test_text_cells_give_the_same_lines_on_the_same_pages(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    rijen = _rijen(150)
    als_alinea, cellen = _pdf(rijen)
    assert len(cellen.pop()) == 2  # the spans
    assert all(isinstance(c, Paragraph) for rij in cellen for c in rij)
    monkeypatch.setattr(tekstcellen, "VEEL_RIJEN", 100)
    als_tekst, cellen = _pdf(rijen)
    assert cellen.pop() == []  # not needed: every page break mapped every cell again
    assert cellen[-2][1] == "Afronding (grootste-restmethode)"
    data = cellen[1:-1]
    assert isinstance(data[0][0], str) and isinstance(data[0][3], str)
    assert isinstance(data[7][1], Paragraph)  # too wide: it wraps, as before
    assert isinstance(cellen[0][0], Paragraph) and isinstance(cellen[-1][1], Paragraph)
    assert len(als_tekst) == len(als_alinea) > 1
    assert [_lines(p) for p in als_tekst] == [_lines(p) for p in als_alinea]


def _pagina_inhoud(pdf: bytes) -> list[bytes]:
    from tests.unit.reports.pdftext import reader

    return [page.get_contents().get_data() for page in reader(pdf).pages]


def test_a_big_table_a_page_at_a_time_draws_the_same_pages(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Pages of ``Stukken`` equal reportlab's own split of the whole table, stroke for
    stroke: zebra rows, the line under the repeated header, rows split over two pages
    (the long texts), the spans and the total."""
    monkeypatch.setattr(tekstcellen, "VEEL_RIJEN", 100)
    monkeypatch.setattr(tekstcellen, "STUK", 7)  # many pieces, and pieces that grow
    lang = ("Afronding (grootste-restmethode) met een lange tekst die over meerdere regels "
            "gaat in de kolom")
    rijen = [[f"2025-{i:05d}", "MO" if i % 37 else lang, "01-04 t/m 30-06", "91",
              "€ 133,00", "€ 12.103,00", "inwoners", "13,76\u00a0%", "€ 1.665,37"]
             for i in range(400)]
    rijen.append(["", "Afronding (grootste-restmethode)", "", "", "", "", "", "", "€ 0,02"])
    split = tekstcellen.Stukken.split
    rest_van_rij = []

    def tel(self: tekstcellen.Stukken, w: float, h: float) -> list[object]:
        delen = split(self, w, h)
        if len(delen) == 2:
            rest_van_rij.append(bool(delen[1]._eigen))
        return delen

    def bouw() -> bytes:
        table = style.tabel(
            ["Dossier", "Soort", "Periode", "Nachten", "Dagtarief", "Bedrag", "Sleutel",
             "Deel", "Aandeel"], rijen, [21.2, 16, 35.5, 14.2, 16.3, 18, 13.4, 12.6, 21],
            rechts=(3, 4, 5, 7, 8), klein=True, totaal=["", "Totaal"] + [""] * 6 + ["€ 1"],
            extra=[("SPAN", (1, len(rijen)), (7, len(rijen)))])
        return style.bouw([table], style.DocumentInfo(titel="t", onderwerp="o",
                                                      referentie="r"))

    monkeypatch.setattr(tekstcellen.Stukken, "split", tel)
    in_stukken = bouw()
    assert any(rest_van_rij) and not all(rest_van_rij)  # rows split over two pages, too

    def heel(data: list[list[object]], breedtes: list[float],
             commands: list[tuple[object, ...]]) -> tekstcellen.Zebra:
        table = tekstcellen.Zebra(data, colWidths=breedtes, repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle(commands))
        return table

    monkeypatch.setattr(tekstcellen, "Stukken", heel)
    heel_pdf = bouw()
    assert len(pages(heel_pdf)) > 5
    assert [_lines(p) for p in pages(in_stukken)] == [_lines(p) for p in pages(heel_pdf)]
    assert _pagina_inhoud(in_stukken) == _pagina_inhoud(heel_pdf)
