"""Year figures: which year a dossier counts in, and the age it counts with.

A dossier counts once, in the year of its first signal, with the age the person had
then; an estimated age ("about 25, estimated in March 2023") grows with the years.
"""

from __future__ import annotations

from typing import Any

from zorgapp.domain import jaarbeeld as jb


def _persoon(**velden: Any) -> dict[str, Any]:
    return {"geslacht": "vrouw", "gemeente_van_binding": "GM0546", **velden}


def _melding(datum: str | None, *vormen: str, melder: str = "politie") -> dict[str, Any]:
    return {"datum": datum, "melder_type": melder, "vormen": list(vormen)}


def _doc(meldingen: list[dict[str, Any]], persoon: dict[str, Any] | None = None,
         fasen: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"persoon": persoon or _persoon(), "meldingen": meldingen,
            "traject": {"events": [{"soort": "fase", "datum": d} for d in fasen]}}


def test_a_dossier_with_several_signals_counts_once_in_the_year_of_the_first() -> None:
    document = _doc([_melding("2025-02-01", "seksueel", melder="zorg"),
                     _melding("2024-11-20", "arbeid"),
                     _melding("2025-06-01", "arbeid", "crimineel")])
    cijfers = jb.tel([document], [2024, 2025])
    assert cijfers.totaal == {2024: 1, 2025: 0}
    assert cijfers.aantal(jb.MELDER, "politie", 2024) == 1  # who made the first signal
    assert cijfers.aantal(jb.MELDER, "zorg", 2024) == 0
    # every form from any of its signals, each once
    assert {v: cijfers.aantal(jb.VORM, v, 2024) for v in ("seksueel", "arbeid", "crimineel")} \
        == {"seksueel": 1, "arbeid": 1, "crimineel": 1}


def test_signals_without_a_date_fall_back_to_the_first_stage_of_the_path() -> None:
    zonder_melding = _doc([], fasen=("2025-04-01", "2024-12-30"))
    zonder_datum = _doc([_melding(None, "arbeid"), _melding(None)], fasen=("2025-01-10",))
    nergens = _doc([])
    cijfers = jb.tel([zonder_melding, zonder_datum, nergens], [2024, 2025])
    assert cijfers.totaal == {2024: 1, 2025: 1}
    assert cijfers.aantal(jb.MELDER, jb.ONBEKEND, 2024) == 1
    assert cijfers.aantal(jb.VORM, jb.ONBEKEND, 2024) == 1
    assert cijfers.aantal(jb.VORM, "arbeid", 2025) == 1


def test_an_estimated_age_grows_from_the_day_it_was_estimated() -> None:
    geschat = _persoon(geschatte_leeftijd=17, leeftijd_geschat_op="2023-03-01")
    documenten = [
        _doc([_melding("2023-05-01", "arbeid")], geschat),   # still 17
        _doc([_melding("2024-02-28", "arbeid")], geschat),   # still 17, a day short
        _doc([_melding("2024-03-01", "arbeid")], geschat),   # 18
    ]
    cijfers = jb.tel(documenten, [2023, 2024])
    assert cijfers.aantal(jb.LEEFTIJD, "<18", 2023) == 1
    assert cijfers.aantal(jb.LEEFTIJD, "<18", 2024) == 1
    assert cijfers.aantal(jb.LEEFTIJD, "18-22", 2024) == 1


def test_an_age_without_a_date_is_taken_as_it_is_and_no_age_is_unknown() -> None:
    documenten = [
        _doc([_melding("2025-05-01", "arbeid")], _persoon(geschatte_leeftijd=35)),
        _doc([_melding("2025-05-01", "arbeid")], _persoon()),
        # born after the signal (a typing error): no age rather than a negative one
        _doc([_melding("2025-05-01", "arbeid")], _persoon(geboortedatum="2025-06-01")),
    ]
    cijfers = jb.tel(documenten, [2025])
    assert cijfers.aantal(jb.LEEFTIJD, "30-39", 2025) == 1
    assert cijfers.aantal(jb.LEEFTIJD, jb.leeftijdsgroep(None), 2025) == 2
