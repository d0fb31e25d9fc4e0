"""The year report: year columns side by side, "<5" for small counts, charts."""

from __future__ import annotations

from tests.unit.reports import fixtures as fx
from tests.unit.reports.pdftext import reader, squash, text
from zorgapp.domain import jaarbeeld as jb
from zorgapp.reports.annual import jaarbeeld


def _docs():
    def doc(datum, vorm, geslacht="vrouw", gemeente="GM0546"):
        return {"persoon": {"geslacht": geslacht, "gemeente_van_binding": gemeente},
                "meldingen": [{"datum": datum, "melder_type": "politie", "vormen": [vorm]}]}
    docs = [doc("2016-06-01", "arbeid")] * 2 + [doc("2017-06-01", "arbeid")] * 3
    docs += [doc("2018-06-01", "seksueel")] * 4
    docs += [doc("2019-06-01", "arbeid", "man", "GM0513")] * 6
    docs += [doc("2019-07-01", "crimineel")] * 7
    return docs


def test_year_columns_side_by_side_with_small_counts_hidden() -> None:
    cijfers = jb.tel(_docs(), [2016, 2017, 2018, 2019])
    pdf = jaarbeeld(cijfers, fx.BRIEFHOOFD, regio="Hollands Midden",
                    gemeente_namen={"GM0546": "Leiden", "GM0513": "Gouda"})
    body = text(pdf)
    flat = squash(body)
    assert "Jaarbeeld 2019 Hollands Midden" in body
    assert squash("2016 2017 2018 2019") in flat
    # issue 12.5: signals and (presumed) victims are rows of their own
    assert squash("Signalen (alle dossiers) <5 <5 <5 13") in flat
    assert squash("(Vermoedelijke) slachtoffers <5 <5 <5 13") in flat
    assert squash("Arbeidsuitbuiting <5 <5 0 6") in flat
    assert squash("Criminele uitbuiting 0 0 0 7") in flat
    assert squash("Gouda 0 0 0 6") in flat
    assert squash("Leiden <5 <5 <5 7") in flat
    assert reader(pdf).metadata.title == "Jaarbeeld"
    assert "VERTROUWELIJK" not in body  # anonymous figures


def test_chart_labels_hide_small_counts() -> None:
    cijfers = jb.tel(_docs()[:9], [2016, 2017, 2018])
    body = text(jaarbeeld(cijfers, fx.BRIEFHOOFD))
    lines = {line.strip() for line in body.splitlines()}
    assert "2" not in lines and "3" not in lines and "4" not in lines
    assert body.count("<5") >= 6


def test_a_lone_small_count_gets_its_neighbour_hidden_as_x() -> None:
    def doc(geslacht):
        return {"persoon": {"geslacht": geslacht, "gemeente_van_binding": "GM0546"},
                "meldingen": [{"datum": "2026-03-01", "melder_type": "politie",
                               "vormen": ["arbeid"]}]}
    cijfers = jb.tel([doc("vrouw")] * 9 + [doc("man")] * 3, [2026])
    flat = squash(text(jaarbeeld(cijfers, fx.BRIEFHOOFD)))
    assert squash("(Vermoedelijke) slachtoffers 12") in flat
    assert squash("Man <5") in flat
    assert squash("Vrouw x") in flat  # 12 - 9 would have given the 3 men away
    assert "Vrouw9" not in flat
    assert squash('een "x" is een aantal dat verborgen is') in flat
