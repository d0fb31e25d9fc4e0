"""Case numbers, signals, consent rules and the JSON form of a whole dossier."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from zorgapp.domain.codes import (
    BesluitSoort,
    BesluitUitkomst,
    Fase,
    Indicator,
    MelderType,
    Sluitreden,
    ToestemmingDoel,
    Uitbuitingsvorm,
)
from zorgapp.domain.dossier import (
    DOSSIER_FORMAAT,
    Dossier,
    IndicatorWaarneming,
    JournaalRegel,
    Melding,
    Partner,
    Taak,
    Toestemming,
    maak_dossiernummer,
    parse_dossiernummer,
)
from zorgapp.domain.errors import DomainError
from zorgapp.domain.partners import PartnerRol
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.traject import Traject

VANDAAG = date(2026, 3, 15)


class TestDossiernummer:
    def test_format(self) -> None:
        assert maak_dossiernummer("HM", 2026, 42) == "HM-2026-0042"
        assert maak_dossiernummer("hm", 2026, 12345) == "HM-2026-12345"

    def test_parse_round_trip(self) -> None:
        assert parse_dossiernummer("HM-2026-0042") == ("HM", 2026, 42)
        assert parse_dossiernummer(maak_dossiernummer("IJS", 2027, 7)) == (
            "IJS",
            2027,
            7,
        )

    @pytest.mark.parametrize(
        "nummer", ["HM-2026-42", "hm-2026-0042", "HM2026-0042", "HM-2026-0000", ""]
    )
    def test_parse_refuses(self, nummer: str) -> None:
        with pytest.raises(DomainError) as exc:
            parse_dossiernummer(nummer)
        assert exc.value.msgid == "{nummer} is geen geldig dossiernummer."

    @pytest.mark.parametrize(
        ("prefix", "jaar", "volgnummer"),
        [("H1", 2026, 1), ("HM", 26, 1), ("HM", 2026, 0)],
    )
    def test_make_refuses(self, prefix: str, jaar: int, volgnummer: int) -> None:
        with pytest.raises(DomainError):
            maak_dossiernummer(prefix, jaar, volgnummer)

    def test_dossier_refuses_bad_number(self) -> None:
        with pytest.raises(DomainError):
            Dossier(dossiernummer="2026/42")


class TestMelding:
    def test_forms_deduplicated(self) -> None:
        m = Melding(
            datum=VANDAAG,
            melder_type=MelderType.FAIRWORK,
            vormen=[
                Uitbuitingsvorm.ARBEID,
                Uitbuitingsvorm.CRIMINEEL,
                Uitbuitingsvorm.ARBEID,
            ],
        )
        assert m.vormen == [Uitbuitingsvorm.ARBEID, Uitbuitingsvorm.CRIMINEEL]

    def test_unknown_with_known_form_refused(self) -> None:
        with pytest.raises(DomainError):
            Melding(
                datum=VANDAAG,
                melder_type=MelderType.BURGER,
                vormen=[Uitbuitingsvorm.ONBEKEND, Uitbuitingsvorm.SEKSUEEL],
            )

    def test_future_signal_refused(self) -> None:
        d = Dossier(dossiernummer="HM-2026-0001")
        with pytest.raises(DomainError) as exc:
            d.voeg_melding_toe(Melding(date(2026, 3, 16), MelderType.POLITIE), VANDAAG)
        assert exc.value.msgid == "Een datum in de toekomst kan niet: {datum}."
        assert d.meldingen == []

    def test_indicator_needs_observer(self) -> None:
        m = Melding(
            VANDAAG,
            MelderType.ARBEIDSINSPECTIE,
            indicatoren=[
                IndicatorWaarneming(Indicator.GEEN_TOEGANG_BANKPAS, " ", VANDAAG)
            ],
        )
        with pytest.raises(DomainError) as exc:
            m.valideer(VANDAAG)
        assert exc.value.msgid == "Vul in wie de indicator heeft waargenomen."


class TestToestemming:
    def _dossier(self, geboortedatum: date | None) -> Dossier:
        return Dossier(
            dossiernummer="HM-2026-0002",
            persoon=Persoon(naam="Ana Pop", geboortedatum=geboortedatum),
        )

    def test_under_16_needs_parent_or_guardian(self) -> None:
        d = self._dossier(date(2011, 6, 1))  # 14 on VANDAAG
        t = Toestemming(
            ToestemmingDoel.COMENSHA_AANMELDING, VANDAAG, hoe_gegeven="schriftelijk"
        )
        with pytest.raises(DomainError) as exc:
            d.voeg_toestemming_toe(t, VANDAAG)
        assert exc.value.msgid == (
            "Onder de {leeftijd} jaar geeft een ouder of voogd toestemming: vul diens naam in."
        )
        assert exc.value.params == {"leeftijd": 16}
        with pytest.raises(DomainError):  # the child's own name does not count
            d.voeg_toestemming_toe(
                Toestemming(
                    ToestemmingDoel.STATISTIEK, VANDAAG, gegeven_door="Ana Pop"
                ),
                VANDAAG,
            )
        t.gegeven_door = "Nidos (voogd)"
        d.voeg_toestemming_toe(t, VANDAAG)
        assert d.toestemming_geldig(ToestemmingDoel.COMENSHA_AANMELDING, VANDAAG)

    def test_16_and_17_sign_themselves(self) -> None:
        d = self._dossier(date(2010, 3, 15))  # 16 today
        d.voeg_toestemming_toe(
            Toestemming(ToestemmingDoel.STATISTIEK, VANDAAG), VANDAAG
        )
        with pytest.raises(DomainError) as exc:
            d.voeg_toestemming_toe(
                Toestemming(ToestemmingDoel.STATISTIEK, VANDAAG, gegeven_door="moeder"),
                VANDAAG,
            )
        assert (
            exc.value.msgid == "Vanaf {leeftijd} jaar geeft de cliënt zelf toestemming."
        )

    def test_adult_may_have_representative(self) -> None:
        d = self._dossier(date(1990, 1, 1))
        d.voeg_toestemming_toe(
            Toestemming(ToestemmingDoel.STATISTIEK, VANDAAG, gegeven_door="mentor"),
            VANDAAG,
        )

    def test_unknown_age_accepted(self) -> None:
        d = self._dossier(None)
        d.voeg_toestemming_toe(
            Toestemming(ToestemmingDoel.STATISTIEK, VANDAAG), VANDAAG
        )

    def test_age_on_day_of_consent_counts(self) -> None:
        d = self._dossier(date(2010, 3, 16))  # turns 16 tomorrow
        with pytest.raises(DomainError):
            d.voeg_toestemming_toe(
                Toestemming(ToestemmingDoel.STATISTIEK, VANDAAG), VANDAAG
            )

    def test_sharing_needs_partner_of_this_dossier(self) -> None:
        d = self._dossier(date(1990, 1, 1))
        with pytest.raises(DomainError) as exc:
            d.voeg_toestemming_toe(
                Toestemming(ToestemmingDoel.DELEN_PARTNER, VANDAAG), VANDAAG
            )
        assert (
            exc.value.msgid == "Kies met welke partner gegevens gedeeld mogen worden."
        )
        with pytest.raises(DomainError):
            d.voeg_toestemming_toe(
                Toestemming(ToestemmingDoel.DELEN_PARTNER, VANDAAG, partner="vreemd"),
                VANDAAG,
            )
        p = Partner(naam="Politie eenheid Den Haag", rol=PartnerRol.POLITIE)
        d.partners.append(p)
        d.voeg_toestemming_toe(
            Toestemming(ToestemmingDoel.DELEN_PARTNER, VANDAAG, partner=p.uuid), VANDAAG
        )
        assert d.toestemming_geldig(
            ToestemmingDoel.DELEN_PARTNER, VANDAAG, partner=p.uuid
        )
        assert not d.toestemming_geldig(
            ToestemmingDoel.DELEN_PARTNER, VANDAAG, partner="x"
        )

    def test_validity_window_and_withdrawal(self) -> None:
        t = Toestemming(
            ToestemmingDoel.STATISTIEK, date(2026, 1, 1), geldig_tot=date(2026, 12, 31)
        )
        assert not t.geldig_op(date(2025, 12, 31))
        assert t.geldig_op(date(2026, 1, 1)) and t.geldig_op(date(2026, 12, 31))
        assert not t.geldig_op(date(2027, 1, 1))
        with pytest.raises(DomainError):
            t.trek_in(date(2025, 12, 1), VANDAAG)  # before the consent
        with pytest.raises(DomainError):
            t.trek_in(date(2026, 3, 16), VANDAAG)  # future
        t.trek_in(date(2026, 3, 1), VANDAAG)
        assert t.geldig_op(date(2026, 2, 28)) and not t.geldig_op(date(2026, 3, 1))
        with pytest.raises(DomainError) as exc:
            t.trek_in(VANDAAG, VANDAAG)
        assert exc.value.msgid == "Deze toestemming is al ingetrokken."


def test_taak_afvinken() -> None:
    t = Taak("Huisarts bellen", date(2026, 3, 20))
    assert t.open
    with pytest.raises(DomainError):
        t.afvinken(date(2026, 3, 16), VANDAAG)
    t.afvinken(VANDAAG, VANDAAG)
    assert not t.open


def _vol_dossier() -> Dossier:
    partner = Partner(naam="SHOP", rol=PartnerRol.OPVANG, contact="070-0000000 (demo)")
    traject = Traject.begin(date(2026, 1, 5), "Politie meldt signaal", "zc", VANDAAG)
    traject.overgang(Fase.INTAKE, date(2026, 1, 6), "Intake op bureau", "zc", VANDAAG)
    traject.overgang(
        Fase.BEDENKTIJD, date(2026, 1, 7), "B8/3 aangeboden", "zc", VANDAAG
    )
    traject.corrigeer(
        traject.events[-1].uuid,
        "typefout",
        "zc",
        VANDAAG,
        nieuwe_datum=date(2026, 1, 8),
    )
    traject.besluit(
        BesluitSoort.AANGIFTE, BesluitUitkomst.JA, date(2026, 2, 1), "zc", VANDAAG
    )
    traject.overgang(
        Fase.AFGESLOTEN,
        date(2026, 3, 1),
        "Verhuisd",
        "zc",
        VANDAAG,
        sluitreden=Sluitreden.OVERGEDRAGEN,
    )
    return Dossier(
        dossiernummer=maak_dossiernummer("HM", 2026, 42),
        persoon=Persoon(
            naam="Ștefania Popescu",
            geboortedatum=date(2001, 2, 3),
            nationaliteiten=["RO"],
            bsn="111222333",
            gemeente_van_binding="GM0546",
        ),
        meldingen=[
            Melding(
                date(2026, 1, 5),
                MelderType.POLITIE,
                melder_organisatie="AVIM",
                vindplaats="Leiden",
                vormen=[Uitbuitingsvorm.SEKSUEEL],
                sector="thuis/hotel/escort",
                indicatoren=[
                    IndicatorWaarneming(
                        Indicator.INHOUDEN_IDENTITEITSPAPIEREN,
                        "politie",
                        date(2026, 1, 5),
                        "Paspoort bij 'vriend'; deur wel open",
                    )
                ],
            )
        ],
        traject=traject,
        toestemmingen=[
            Toestemming(
                ToestemmingDoel.DELEN_PARTNER,
                date(2026, 1, 6),
                partner=partner.uuid,
                hoe_gegeven="schriftelijk",
                geldig_tot=date(2027, 1, 6),
                ingetrokken_op=date(2026, 2, 1),
            )
        ],
        partners=[partner],
        journaal=[
            JournaalRegel(
                date(2026, 1, 6), "Intake gehad", soort="gesprek", auteur="zc"
            )
        ],
        taken=[
            Taak(
                "Tolk regelen",
                date(2026, 1, 10),
                gedaan_op=date(2026, 1, 9),
                auteur="zc",
            )
        ],
        aangemaakt_op=datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
    )


def test_round_trip_through_json() -> None:
    d = _vol_dossier()
    tekst = json.dumps(d.to_dict(), ensure_ascii=False)
    terug = Dossier.from_dict(json.loads(tekst))
    assert terug.to_dict() == d.to_dict()
    assert terug.persoon == d.persoon
    assert terug.meldingen == d.meldingen
    assert terug.toestemmingen == d.toestemmingen
    assert terug.traject.events == d.traject.events
    assert terug.traject.geschiedenis()[2][1] == date(2026, 1, 8)
    assert terug.huidige_fase is Fase.AFGESLOTEN


def test_stable_top_level_keys() -> None:
    assert list(_vol_dossier().to_dict()) == [
        "formaat",
        "uuid",
        "dossiernummer",
        "aangemaakt_op",
        "persoon",
        "meldingen",
        "traject",
        "toestemmingen",
        "partners",
        "journaal",
        "taken",
        "opvangbehoeften",
        "aanmelding",  # format 3 (issue 12): the CoMensha registration set
        "riec",  # format 3: the RIEC referral
        "verblijf",
    ]


def test_newer_format_refused() -> None:
    data = _vol_dossier().to_dict()
    data["formaat"] = DOSSIER_FORMAAT + 1
    with pytest.raises(DomainError) as exc:
        Dossier.from_dict(data)
    assert exc.value.params == {"formaat": DOSSIER_FORMAAT + 1}


def test_unknown_code_in_import_refused() -> None:
    data = _vol_dossier().to_dict()
    data["meldingen"][0]["vormen"] = ["slavernij"]
    with pytest.raises(DomainError) as exc:
        Dossier.from_dict(data)
    assert exc.value.params == {"code": "slavernij", "soort": "Uitbuitingsvorm"}
