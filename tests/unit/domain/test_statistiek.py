"""Anonymised statistics: no count from 1 to 4 leaves, none can be worked out, merging
never un-suppresses (issue 14 part 4)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from zorgapp.domain import statistiek as st
from zorgapp.domain import statistiek_bestand as sb
from zorgapp.domain.statistiek_bestand import StatistiekFout


def _recoverable(cellen: Sequence[st.Cel], som: int) -> bool:
    """Brute force, independent of ``beschermd``: is any "<5" pinned to one value by
    the column's sum, the shown numbers, "<5" = 1..4 and "x" = any count?"""
    klein = [i for i, c in enumerate(cellen) if c == "<5"]
    if not klein:
        return False
    heeft_x = any(c == "x" for c in cellen)
    rest = som - sum(c for c in cellen if isinstance(c, int))
    waarden: dict[int, set[int]] = {i: set() for i in klein}
    for keuze in itertools.product(range(1, 5), repeat=len(klein)):
        over = rest - sum(keuze)
        if over == 0 or (heeft_x and over > 0):
            for i, v in zip(klein, keuze, strict=True):
                waarden[i].add(v)
    return any(len(v) < 2 for v in waarden.values())


def _no_small_numbers(data: dict) -> None:
    for cel in sb.cellen(data):
        assert not (isinstance(cel, int) and 0 < cel < 5), cel


_counts = hs.lists(hs.integers(0, 12), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(_counts)
def test_a_column_never_shows_or_gives_away_a_small_count(counts: list[int]) -> None:
    aantallen = {f"c{i}": n for i, n in enumerate(counts)}
    som = sum(counts)
    cellen = st.onderdruk_kolom(aantallen, som)
    assert set(cellen) == set(aantallen)
    for naam, cel in cellen.items():
        assert not (isinstance(cel, int) and 0 < cel < 5)
        if isinstance(cel, int):
            assert cel == aantallen[naam]  # shown numbers are true
    if not 0 < som < 5:  # a "<5" total gives nothing to subtract from
        assert not _recoverable(list(cellen.values()), som)


_rij = hs.builds(
    st.StatRij,
    jaar=hs.just(2025),
    geslacht=hs.sampled_from(["vrouw", "man", "x", "onbekend"]),
    leeftijdsgroep=hs.sampled_from(["<18", "18-22", "30-39", "onbekend"]),
    gemeente=hs.sampled_from(["GM0546", "GM0513", "GM0569", ""]),
    melder=hs.sampled_from(["politie", "burger", "ggd"]),
    vormen=hs.lists(hs.sampled_from(["seksueel", "arbeid", "crimineel"]), max_size=2,
                    unique=True).map(tuple),
    nationaliteit=hs.sampled_from(["NL", "RO", "NG", ""]),
    sector=hs.sampled_from(["", "F_Construction", "Other"]),
    geregistreerd=hs.booleans(),
    slachtoffer=hs.booleans(),
)


def _tel(rijen: list[st.StatRij], plaatsingen: int, regio: str) -> st.Telling:
    return st.tel([(r, 1) for r in rijen], [(r, 1) for r in rijen[:plaatsingen]], 2025, regio)


def _export(rijen: list[st.StatRij], regio: str, plaatsingen: int = 0) -> dict:
    return sb.export(_tel(rijen, plaatsingen, regio))


@settings(max_examples=150, deadline=None)
@given(hs.lists(_rij, max_size=60), hs.integers(0, 60))
def test_no_export_has_a_count_from_1_to_4_or_a_recoverable_one(
        rijen: list[st.StatRij], plaatsingen: int) -> None:
    data = _export(rijen, "Regio A", plaatsingen)
    sb.controleer(data)
    _no_small_numbers(data)
    telling = _tel(rijen, plaatsingen, "Regio A")
    for maat in st.MATEN:
        totaal = telling.totaal[maat]
        for dim in st.DIMENSIES:
            if dim == st.VORM or 0 < totaal < 5:
                continue  # multi-select: its cells do not add up to the total
            kolom = data["maten"][maat]["per"][dim]
            assert not _recoverable(list(kolom.values()), totaal), (maat, dim, kolom)
            if 0 < totaal < 5 or len(kolom) == 1:
                continue
            assert sum(1 for c in kolom.values() if not isinstance(c, int)) != 1, kolom
        if maat in (st.REGISTRATIES, st.SLACHTOFFERS):
            for dim in st.DIMENSIES:
                if dim == st.REGIO:
                    continue  # its one cell is the total (see stats-format.md)
                boven = data["maten"][st.SIGNALEN]["per"][dim]
                for cat, cel in data["maten"][maat]["per"][dim].items():
                    if isinstance(cel, int) and isinstance(boven.get(cat, 0), int):
                        assert not 0 < boven.get(cat, 0) - cel < 5, (maat, dim, cat)
        for gemeente, cel in data["maten"][maat]["per"][st.GEMEENTE].items():
            if gemeente != st.OVERIG:  # a named municipality never has a small count
                assert all(telling.per[m][st.GEMEENTE].get(gemeente, 0) == 0
                           or telling.per[m][st.GEMEENTE][gemeente] >= 5 for m in st.MATEN)
                assert cel != "<5"


@settings(max_examples=100, deadline=None)
@given(hs.lists(hs.lists(_rij, max_size=40), min_size=2, max_size=4))
def test_no_merged_file_has_a_count_from_1_to_4(regios: list[list[st.StatRij]]) -> None:
    bestanden = [(f"r{i}.json", _export(r, f"Regio {i}", len(r) // 2))
                 for i, r in enumerate(regios)]
    samen = sb.samenvoegen(bestanden)
    sb.controleer(samen)
    _no_small_numbers(samen)
    assert samen["samengevoegd"] is True
    assert samen["regios"] == [f"Regio {i}" for i in range(len(regios))]
    # merged again with a third region: still no small number
    _no_small_numbers(sb.samenvoegen([("samen.json", samen),
                                      ("z.json", _export(regios[0], "Regio Z"))]))


def test_merged_cells_with_a_hidden_part_are_marked() -> None:
    assert sb.tel_op([7, 12]) == 19
    assert sb.tel_op([7, "<5"]) == "≥8"
    assert sb.tel_op(["<5", "<5"]) == "≥2"
    assert sb.tel_op([10, "x"]) == "≥10"
    assert sb.tel_op(["x", 0]) == "x"
    assert sb.tel_op(["≥8", 5, "<5"]) == "≥14"


def test_a_lone_small_count_hides_the_next_smallest() -> None:
    assert st.onderdruk_kolom({"a": 2, "b": 7, "c": 12}, 21) == {
        "a": "<5", "b": "x", "c": 12}
    # two small counts of 4 and a total of 8 would give both away
    assert st.onderdruk_kolom({"a": 4, "b": 4, "c": 0}, 8) == {"a": "<5", "b": "<5", "c": "x"}
    # five groups of one, total five: nothing but hiding all of it protects them
    assert set(st.onderdruk_kolom({str(i): 1 for i in range(5)}, 5).values()) == {"x"}


def test_small_municipalities_are_pooled_in_every_measure() -> None:
    rijen = ([st.StatRij(2025, "vrouw", "23-29", "GM0546", "politie", ("seksueel",))] * 9
             + [st.StatRij(2025, "man", "30-39", "GM0513", "politie", ("arbeid",))] * 6
             + [st.StatRij(2025, "man", "30-39", "GM0513", "politie", ("arbeid",),
                           geregistreerd=True, slachtoffer=False)] * 2)
    data = _export(rijen, "Regio A")
    signalen = data["maten"]["signalen"]["per"][st.GEMEENTE]
    assert signalen == {"GM0546": 9, "overig": 8}  # GM0513: 2 registrations
    # 8 signals but 6 victims in "overig" would tell that 2 were no trafficking: hidden,
    # and one more so that the column's sum does not give it back
    assert data["maten"]["slachtoffers"]["per"][st.GEMEENTE] == {"GM0546": "x", "overig": "x"}
    assert data["maten"]["registraties"]["per"][st.GEMEENTE] == {"overig": "<5"}


def test_cases_without_a_municipality_are_counted_once_when_few() -> None:
    rijen = ([st.StatRij(2025, "vrouw", "23-29", "", "politie", ("seksueel",))] * 2
             + [st.StatRij(2025, "man", "30-39", "GM0513", "politie", ("arbeid",))] * 3
             + [st.StatRij(2025, "man", "30-39", "GM0546", "politie", ("arbeid",))] * 9)
    telling = st.tel([(r, 1) for r in rijen], [], 2025, "Regio A")
    assert telling.per[st.SIGNALEN][st.GEMEENTE] == {"overig": 5, "GM0546": 9}


def test_codes_follow_htcds_and_free_text_stays_home() -> None:
    assert st.sector_code("Horeca (restaurant)") == "I_AccommodationAndFoodServiceActivities"
    assert st.sector_code("thuis/hotel/escort") == "S_OtherServiceActivities"
    assert st.sector_code("bij Jansen op de boerderij") == "Other"
    assert st.sector_code("  ") == ""
    assert st.nationaliteitsgroep("ro") == "EU_EER"
    assert st.nationaliteitsgroep("NG") == "niet_EU"
    assert st.nationaliteitsgroep("") == "Unknown"
    data = _export([st.StatRij(2025, "vrouw", "<18", "", "burger", ("seksueel",))] * 5, "R")
    assert data["maten"]["signalen"]["per"][st.GESLACHT]["Feminine"] == 5
    assert data["maten"]["signalen"]["per"][st.VORM]["SexualExploitation"] == 5


def test_merge_refuses_what_does_not_belong_together() -> None:
    a = _export([st.StatRij(2025, "vrouw", "<18", "", "burger", ())] * 5, "A")
    b = _export([st.StatRij(2025, "man", "<18", "", "burger", ())] * 5, "B")
    other_year = dict(b, jaar=2024)
    with pytest.raises(StatistiekFout, match="verschillende jaren"):
        sb.samenvoegen([("a", a), ("b", other_year)])
    with pytest.raises(StatistiekFout, match="formaatversie"):
        sb.samenvoegen([("a", a), ("b", dict(b, versie=99))])
    with pytest.raises(StatistiekFout, match="geen statistiekexport"):
        sb.samenvoegen([("a", a), ("b", {"formaat": "zorgapp-bundle"})])
    with pytest.raises(StatistiekFout, match="dubbel"):
        sb.samenvoegen([("a", a), ("a2", a)])
    with pytest.raises(StatistiekFout, match="beschadigde"):
        broken = sb.samenvoegen([("a", a), ("b", b)])
        broken["maten"]["signalen"]["per"][st.GESLACHT]["Feminine"] = 3  # a small number
        sb.controleer(broken, "b")
    with pytest.raises(StatistiekFout, match="minstens twee"):
        sb.samenvoegen([("a", a)])
