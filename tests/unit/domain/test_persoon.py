"""The client record: BSN check, age from birth date or estimate, initials, JSON."""

from __future__ import annotations

import json
import sys
import unicodedata
from datetime import date

import pytest

from zorgapp.domain.codes import Geslacht
from zorgapp.domain.errors import DomainError
from zorgapp.domain.persoon import Persoon, bsn_geldig

VANDAAG = date(2026, 3, 15)


class TestBsn:
    def test_valid_test_bsn(self) -> None:
        assert bsn_geldig("111222333")
        assert bsn_geldig("1112.22.333")

    @pytest.mark.parametrize(
        "waarde", ["123456789", "11122233", "abcdefghi", "", "000000000"]
    )
    def test_invalid(self, waarde: str) -> None:
        assert not bsn_geldig(waarde)

    def test_fallback_without_stdnum_gives_same_answers(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "stdnum.nl", None)  # import now fails
        assert bsn_geldig("111222333")
        assert not bsn_geldig("123456789")
        assert not bsn_geldig("000000000")

    def test_persoon_refuses_invalid_bsn(self) -> None:
        with pytest.raises(DomainError) as exc:
            Persoon(naam="Test", bsn="123456789")
        assert exc.value.msgid == "Het BSN {bsn} klopt niet (elfproef)."
        assert exc.value.params == {"bsn": "123456789"}

    def test_persoon_normalises_bsn(self) -> None:
        assert Persoon(naam="Test", bsn="1112 22 333").bsn == "111222333"


class TestLeeftijd:
    def test_from_birth_date_day_before_and_on_birthday(self) -> None:
        p = Persoon(naam="A", geboortedatum=date(2008, 3, 16))
        assert p.leeftijd_op(date(2026, 3, 15)) == 17
        assert p.minderjarig_op(date(2026, 3, 15)) is True
        assert p.leeftijd_op(date(2026, 3, 16)) == 18
        assert p.minderjarig_op(date(2026, 3, 16)) is False

    def test_leap_day_birthday_counts_on_first_of_march(self) -> None:
        p = Persoon(naam="A", geboortedatum=date(2008, 2, 29))
        assert p.leeftijd_op(date(2026, 2, 28)) == 17
        assert p.leeftijd_op(date(2026, 3, 1)) == 18

    def test_before_birth_is_unknown(self) -> None:
        assert (
            Persoon(geboortedatum=date(2020, 1, 1)).leeftijd_op(date(2019, 1, 1))
            is None
        )

    def test_estimate_grows_with_time(self) -> None:
        p = Persoon(geschatte_leeftijd=15, leeftijd_geschat_op=date(2025, 6, 1))
        assert p.leeftijd_op(date(2026, 5, 31)) == 15
        assert p.leeftijd_op(date(2026, 6, 1)) == 16

    def test_estimate_without_date_is_taken_as_is(self) -> None:
        assert Persoon(geschatte_leeftijd=30).leeftijd_op(VANDAAG) == 30

    def test_unknown_age(self) -> None:
        p = Persoon(naam="Onbekend")
        assert p.leeftijd_op(VANDAAG) is None
        assert p.minderjarig_op(VANDAAG) is None

    def test_impossible_estimate_refused(self) -> None:
        with pytest.raises(DomainError) as exc:
            Persoon(geschatte_leeftijd=150)
        assert exc.value.msgid == "Een geschatte leeftijd van {leeftijd} jaar kan niet."


class TestValidatie:
    def test_birth_date_in_future_refused(self) -> None:
        p = Persoon(naam="A", geboortedatum=date(2026, 3, 16))
        with pytest.raises(DomainError) as exc:
            p.valideer(VANDAAG)
        assert exc.value.msgid == "Een geboortedatum in de toekomst kan niet: {datum}."
        assert exc.value.params == {"datum": "2026-03-16"}

    def test_birth_date_today_accepted(self) -> None:
        Persoon(naam="A", geboortedatum=VANDAAG).valideer(VANDAAG)

    def test_gemeente_code_form(self) -> None:
        assert Persoon(gemeente_van_binding="gm0546").gemeente_van_binding == "GM0546"
        with pytest.raises(DomainError) as exc:
            Persoon(gemeente_van_binding="Leiden")
        assert exc.value.msgid == "Gemeentecode {code} heeft niet de vorm GM0000."

    def test_nationality_must_be_iso_code(self) -> None:
        assert Persoon(nationaliteiten=["ro", "NL"]).nationaliteiten == ["RO", "NL"]
        with pytest.raises(DomainError):
            Persoon(nationaliteiten=["Roemeens"])


class TestInitialen:
    @pytest.mark.parametrize(
        ("naam", "verwacht"),
        [
            ("Ștefania Popescu", "Ș.P."),
            ("Łukasz Wiśniewski", "Ł.W."),
            ("Nguyễn Văn An", "N.V.A."),
            ("Maria dos Santos", "M.S."),
            ("Anna-Maria van der Berg", "A.M.B."),
            ("éva szőke", "É.S."),
            ("", ""),
        ],
    )
    def test_initials(self, naam: str, verwacht: str) -> None:
        assert Persoon(naam=naam).initialen() == verwacht

    def test_decomposed_diacritics_stay_whole(self) -> None:
        naam = unicodedata.normalize("NFD", "Ștefania Popescu")
        assert Persoon(naam=naam).initialen() == "Ș.P."


def test_round_trip_through_json() -> None:
    p = Persoon(
        naam="Ștefania Popescu",
        aliassen=["Stefi"],
        geboortedatum=date(1999, 12, 31),
        geschatte_leeftijd=26,
        leeftijd_geschat_op=date(2026, 1, 2),
        geslacht=Geslacht.VROUW,
        nationaliteiten=["RO"],
        talen=["ro", "en"],
        tolk_nodig=True,
        bsn="111222333",
        v_nummer="1234567890",
        contact="06-00000000 (demo)",
        verblijfplaats="geheim",
        gemeente_van_binding="GM0546",
    )
    terug = Persoon.from_dict(json.loads(json.dumps(p.to_dict())))
    assert terug == p


def test_from_dict_unknown_gender_code_refused() -> None:
    with pytest.raises(DomainError) as exc:
        Persoon.from_dict({"naam": "A", "geslacht": "female"})
    assert exc.value.msgid == "Onbekende code {code} voor {soort}."
