"""Year figures counted from dossier documents, with small numbers hidden."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgapp.domain import jaarbeeld as jb
from zorgapp.services.demo import DemoGenerator


def doc(melddatum: str, *, geslacht: str = "vrouw", vormen=("arbeid",), geboren=None,
        gemeente: str = "GM0546", melder: str = "politie") -> dict:
    return {
        "persoon": {"geslacht": geslacht, "geboortedatum": geboren,
                    "gemeente_van_binding": gemeente},
        "meldingen": [{"datum": melddatum, "melder_type": melder, "vormen": list(vormen)}],
        "traject": {"events": []},
    }


def test_weergave_hides_one_to_four_and_shows_zero() -> None:
    assert [jb.weergave(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_counts_per_year_like_the_hollands_midden_table() -> None:
    docs = [doc(f"{jaar}-05-01") for jaar, n in ((2016, 2), (2017, 3), (2018, 4), (2019, 6))
            for _ in range(n)]
    cijfers = jb.tel(docs, [2016, 2017, 2018, 2019])
    assert cijfers.totaal == {2016: 2, 2017: 3, 2018: 4, 2019: 6}
    assert [jb.weergave(cijfers.totaal[j]) for j in cijfers.jaren] == ["<5", "<5", "<5", "6"]


def test_dimensions_forms_age_and_years_outside_the_range() -> None:
    docs = [
        doc("2025-03-01", vormen=("seksueel", "crimineel"), geboren="2008-03-02"),  # 16
        doc("2025-03-01", geslacht="man", geboren="1990-01-01", gemeente=""),
        doc("2020-01-01"),  # outside the chosen years
    ]
    cijfers = jb.tel(docs, [2025])
    assert cijfers.totaal == {2025: 2}
    assert cijfers.aantal(jb.VORM, "seksueel", 2025) == 1
    assert cijfers.aantal(jb.VORM, "crimineel", 2025) == 1
    assert cijfers.aantal(jb.VORM, "arbeid", 2025) == 1
    assert cijfers.aantal(jb.LEEFTIJD, "<18", 2025) == 1
    assert cijfers.aantal(jb.LEEFTIJD, "30-39", 2025) == 1
    assert cijfers.aantal(jb.GEMEENTE, "", 2025) == 1
    assert cijfers.aantal(jb.GESLACHT, "man", 2025) == 1
    assert cijfers.categorieen(jb.LEEFTIJD) == ["<18", "30-39"]


def test_placements_count_in_the_year_they_started() -> None:
    plaatsingen = [SimpleNamespace(type="vo", van=date(2025, 2, 1)),
                   SimpleNamespace(type="vo", van=date(2024, 2, 1)),
                   SimpleNamespace(type="cosm", van=None)]
    cijfers = jb.tel([], [2025], plaatsingen)
    assert cijfers.per[jb.PLAATSING] == {"vo": {2025: 1}}


def test_progress_runs_from_zero_to_one() -> None:
    seen: list[float] = []
    jb.tel([doc("2025-01-01")] * 500, [2025], progress=seen.append, verwacht=500)
    assert seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 10


@pytest.mark.slow
def test_hundred_thousand_documents_are_all_counted() -> None:
    """Speed is measured in bench/bench_reports.py, not asserted here."""
    generator = DemoGenerator(seed=7, vandaag=date(2026, 11, 22))
    docs = [d.to_dict() for d in generator.dossiers(20_000)] * 5
    cijfers = jb.tel(docs, [2023, 2024, 2025, 2026])
    # every document is a signal; the victims (``totaal``) leave out geen_mensenhandel
    assert sum(cijfers.kern[jb.SIGNALEN].values()) == 100_000
    assert 0 < sum(cijfers.totaal.values()) <= 100_000


def test_a_single_small_count_cannot_be_worked_out_from_the_total() -> None:
    """2025: 9 women and 3 men, total 12 shown. "Man <5" alone would give 12 - 9 = 3,
    so the women's count is hidden too."""
    docs = ([doc("2025-02-01") for _ in range(9)]
            + [doc("2025-02-01", geslacht="man") for _ in range(3)]
            + [doc("2026-02-01") for _ in range(7)]
            + [doc("2026-02-01", geslacht="man") for _ in range(6)])
    cijfers = jb.tel(docs, [2025, 2026])
    cellen = cijfers.cellen(jb.GESLACHT)
    assert cellen["man"] == {2025: "<5", 2026: "6"}
    assert cellen["vrouw"] == {2025: jb.GEHEIM, 2026: "7"}  # 2026 has nothing small


def test_two_small_counts_or_a_small_total_need_nothing_more() -> None:
    docs = ([doc("2025-02-01") for _ in range(9)]
            + [doc("2025-02-01", geslacht="man") for _ in range(2)]
            + [doc("2025-02-01", geslacht="x") for _ in range(2)]
            + [doc("2026-02-01", geslacht="man")])
    cijfers = jb.tel(docs, [2025, 2026])
    assert cijfers.verborgen(jb.GESLACHT) == frozenset()
    assert cijfers.cellen(jb.GESLACHT)["vrouw"][2025] == "9"


def test_placements_have_no_total_to_subtract_from() -> None:
    plaatsingen = [SimpleNamespace(type="OMM", van=date(2025, 5, 1)) for _ in range(2)] + [
        SimpleNamespace(type="VO", van=date(2025, 5, 1)) for _ in range(8)]
    cijfers = jb.tel([doc("2025-02-01") for _ in range(10)], [2025], plaatsingen)
    assert cijfers.cellen(jb.PLAATSING) == {"VO": {2025: "8"}, "OMM": {2025: "<5"}}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["vrouw", "man", "x", "onbekend"]),
                          st.sampled_from([2024, 2025])), max_size=60))
def test_no_column_ever_has_exactly_one_hidden_cell_next_to_a_shown_total(rijen) -> None:
    """Whatever the data: a hidden cell never stands alone in a column whose total and
    other cells are printed, so subtraction never gives a small number back."""
    cijfers = jb.tel([doc(f"{jaar}-03-01", geslacht=g) for g, jaar in rijen], [2024, 2025])
    cellen = cijfers.cellen(jb.GESLACHT)
    for jaar in cijfers.jaren:
        if jb.onderdrukt(cijfers.totaal[jaar]):
            continue
        niet_exact = [c for c in cellen if not cellen[c][jaar].isdigit()]
        assert len(niet_exact) != 1
        for c in cellen:  # and what is printed as a number is the true number
            if cellen[c][jaar].isdigit():
                assert int(cellen[c][jaar]) == cijfers.aantal(jb.GESLACHT, c, jaar)
