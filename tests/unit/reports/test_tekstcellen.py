"""Tables of many rows draw their cells as text (``reports.tekstcellen``): the same
lines on the same pages as paragraphs give, a text too wide for its column still wraps."""

from __future__ import annotations

import io

import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate

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
