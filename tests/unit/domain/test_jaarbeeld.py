"""Year figures counted from dossier documents, with small numbers hidden."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

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
    assert sum(cijfers.totaal.values()) == 100_000
