"""Municipalities, mergers and reading inhabitant figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zorgapp.domain.cbs import lees_cbs_bevolking, lees_cbs_bevolking_csv
from zorgapp.domain.errors import DomainError
from zorgapp.domain.regio import (
    Gemeente,
    Regio,
    lees_gemeenten_csv,
    normaliseer_cbs_code,
    opvolger,
)

_REPO = Path(__file__).resolve().parents[3]


def _databestand(naam: str) -> Path:
    for kandidaat in (
        _REPO / "resources" / "data" / naam,
        Path("/work/shared/data") / naam,
    ):
        if kandidaat.is_file():
            return kandidaat
    pytest.skip(f"{naam} not available")


def test_cbs_code_is_normalised() -> None:
    assert normaliseer_cbs_code("gm0546") == "GM0546"
    assert normaliseer_cbs_code("546") == "GM0546"
    assert normaliseer_cbs_code(" GM 0546 ") == "GM0546"
    with pytest.raises(DomainError):
        normaliseer_cbs_code("Leiden")


def test_merger_successor_follows_chain() -> None:
    gemeenten = {
        g.cbs_code: g
        for g in [
            Gemeente("GM0001", "Oud A", opgegaan_in="GM0002"),
            Gemeente("GM0002", "Tussen B", opgegaan_in="GM0003"),
            Gemeente("GM0003", "Nieuw C", inwoners=50_000),
        ]
    }
    assert opvolger(gemeenten, "GM0001") == "GM0003"
    assert opvolger(gemeenten, "0003") == "GM0003"
    assert opvolger(gemeenten, "GM9999") == "GM9999"  # unknown: returned as is
    regio = Regio("Test", gemeenten)
    assert regio.opvolger("GM0001") == "GM0003"
    assert [g.cbs_code for g in regio.actieve_gemeenten()] == ["GM0003"]
    assert regio.bevat("GM0001") and not regio.bevat("GM9999")


def test_merger_cycle_is_refused() -> None:
    gemeenten = {
        "GM0001": Gemeente("GM0001", "A", opgegaan_in="GM0002"),
        "GM0002": Gemeente("GM0002", "B", opgegaan_in="GM0001"),
    }
    with pytest.raises(DomainError) as info:
        opvolger(gemeenten, "GM0001")
    assert "{keten}" in info.value.msgid
    with pytest.raises(DomainError):
        Regio("Kring", gemeenten)
    with pytest.raises(DomainError):
        Gemeente("GM0001", "A", opgegaan_in="GM0001")


def test_reads_shared_municipality_list() -> None:
    gemeenten = lees_gemeenten_csv(_databestand("gemeenten_2025.csv"))
    assert len(gemeenten) == 342
    assert gemeenten["GM0546"].naam == "Leiden"
    assert gemeenten["GM0546"].inwoners is None  # the column is empty in this file
    hm = Regio.uit_veiligheidsregio("Hollands Midden", gemeenten, "VR16")
    assert len(hm.gemeenten) == 18
    assert list(hm.gemeenten) == sorted(hm.gemeenten)


def test_reads_demo_inhabitants() -> None:
    demo = lees_gemeenten_csv(_databestand("hollands_midden_demo.csv"))
    assert len(demo) == 18
    assert demo["GM0546"].inwoners == 127_000


def test_reads_municipality_text_with_mergers_and_dates() -> None:
    tekst = (
        "gm_code;gemeentenaam;inwoners;peildatum;opgegaan_in\n"
        "GM0001;Oud;1.000;2020-01-01;GM0002\n"
        "GM0002;Nieuw;2000;2025-01-01;\n"
    )
    gemeenten = lees_gemeenten_csv(tekst)
    assert gemeenten["GM0001"].opgegaan_in == "GM0002"
    assert gemeenten["GM0001"].inwoners == 1000
    assert gemeenten["GM0002"].peildatum == date(2025, 1, 1)
    with pytest.raises(DomainError):
        lees_gemeenten_csv("code;iets\n1;2\n")


def test_met_inwoners_stamps_the_date() -> None:
    regio = Regio(
        "R", {"GM0001": Gemeente("GM0001", "A"), "GM0002": Gemeente("GM0002", "B")}
    )
    nieuw = regio.met_inwoners({"GM0001": 10}, date(2025, 1, 1))
    assert nieuw.gemeenten["GM0001"].inwoners == 10
    assert nieuw.gemeenten["GM0001"].peildatum == date(2025, 1, 1)
    assert nieuw.gemeenten["GM0002"].inwoners is None


CBS_PUNTKOMMA = """\
"Bevolking op 1 januari; gemeenten"
"Regio's";"Perioden";"Bevolking op 1 januari (aantal)"
"GM0546  ";"2025";"127.123"
"GM0513";"2025";"75.001"
"GM0638";"2025";"9000"
"GM0484";"2025";"."
"Bron: CBS"
"""


def test_cbs_semicolon_with_thousands_dots() -> None:
    assert lees_cbs_bevolking_csv(CBS_PUNTKOMMA) == {
        "GM0513": 75_001,
        "GM0546": 127_123,
        "GM0638": 9_000,
    }
    assert lees_cbs_bevolking(CBS_PUNTKOMMA).peildatum == date(2025, 1, 1)


def test_cbs_comma_quoted_names_and_latest_period() -> None:
    tekst = (
        "Regio's,Perioden,Bevolking op 1 januari\n"
        '"Leiden",2024,"125 000"\n'
        '"Leiden",2025,"127 000"\n'
        '"\'s-Gravenhage (gemeente)",2025,"566,221"\n'
        '"Súdwest-Fryslân",2025,"91.000"\n'
        '"Nederland",2025,"18.044.027"\n'
    )
    gemeenten = {
        g.cbs_code: g
        for g in [
            Gemeente("GM0546", "Leiden"),
            Gemeente("GM0518", "'s-Gravenhage"),
            Gemeente("GM1900", "Sudwest-Fryslan"),
        ]
    }
    resultaat = lees_cbs_bevolking(tekst, gemeenten)
    assert resultaat.inwoners == {
        "GM0518": 566_221,
        "GM0546": 127_000,
        "GM1900": 91_000,
    }
    assert resultaat.niet_herkend == ["Nederland"]


def test_cbs_without_header_takes_rightmost_number() -> None:
    assert lees_cbs_bevolking_csv("GM0546\t127000\nGM0513\t75000\n") == {
        "GM0513": 75_000,
        "GM0546": 127_000,
    }


@pytest.mark.parametrize(
    "tekst", ["", "iets;anders\nzonder;getallen\n", "Leiden;127.000\n"]
)
def test_cbs_nothing_usable_is_an_error(tekst: str) -> None:
    with pytest.raises(DomainError):
        lees_cbs_bevolking_csv(
            tekst
        )  # names without a municipality list cannot be matched
