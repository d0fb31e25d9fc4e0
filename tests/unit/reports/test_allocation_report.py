"""The cost statement adds up to the cent, on the region page and per municipality."""

from __future__ import annotations

from decimal import Decimal

from tests.unit.reports import fixtures as fx
from tests.unit.reports.pdftext import amounts_nl, pages
from tests.unit.reports.pdftext import money as format_money
from zorgapp.reports.allocation import kostenverdeling


def test_region_page_shares_add_up_to_the_total() -> None:
    verdeling, nummers = fx.verdeling_q1()
    found = pages(kostenverdeling(verdeling, nummers, fx.BRIEFHOOFD, vandaag=fx.VANDAAG))
    regio = found[0]
    for aandeel in verdeling.aandelen:
        assert aandeel.gemeente in regio
        assert format_money(aandeel.bedrag) in regio
    assert sum(a.bedrag for a in verdeling.aandelen) == verdeling.totaal
    assert format_money(verdeling.totaal) in regio
    # nationally funded costs are listed apart, with their dossier number
    assert "HM-2026-0012" in regio
    assert format_money(Decimal("7080.00")) in regio


def test_one_page_per_municipality_whose_lines_add_up_to_its_share() -> None:
    verdeling, nummers = fx.verdeling_q1()
    found = pages(kostenverdeling(verdeling, nummers, fx.BRIEFHOOFD, vandaag=fx.VANDAAG))
    betalers = [a for a in verdeling.aandelen if a.bedrag]
    assert len(found) == 1 + len(betalers)
    for aandeel, page in zip(betalers, found[1:], strict=True):
        assert f"Aandeel gemeente {aandeel.gemeente}" in page
        onderbouwing = page.split("Onderbouwing", 1)[1]
        regels, rest = onderbouwing.split("Afronding", 1)
        # every line starts with its dossier number; its last amount is this share of it
        delen = [amounts_nl(chunk)[-1] for chunk in regels.split("HM-")[1:]]
        assert len(delen) == len(aandeel.regels)
        afronding, totaal = amounts_nl(rest)[:2]
        assert abs(afronding) < Decimal("0.01") * len(delen) + Decimal("0.01")
        assert sum(delen) + afronding == totaal == aandeel.bedrag


def test_dossiers_appear_by_number_never_by_uuid() -> None:
    verdeling, nummers = fx.verdeling_q1()
    body = "\n".join(pages(kostenverdeling(verdeling, nummers, fx.BRIEFHOOFD)))
    for nummer in nummers.values():
        assert nummer in body
    for uuid in ("d1", "d2", "d3", "d4"):
        assert f" {uuid} " not in body
