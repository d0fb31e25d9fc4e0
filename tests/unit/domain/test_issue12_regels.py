"""Issue 12 parts 2 and 3 in the domain: the consent guard on ``aangemeld``, the
coordinator's registration deadline, and the rules around placements.

Each test names the "Seen" it guards; all of them failed on the code before.
"""

from __future__ import annotations

from datetime import date

import pytest

from zorgapp.domain.aanmelding import (
    Aanmelding,
    ToestemmingNodig,
    controleer_toestemming,
    voorstel,
)
from zorgapp.domain.codes import (
    Fase,
    MelderType,
    ToestemmingDoel,
    Uitbuitingsvorm,
)
from zorgapp.domain.deadlines import DeadlineSoort, deadlines_voor
from zorgapp.domain.dossier import Dossier, Melding, Toestemming
from zorgapp.domain.errors import DomainError
from zorgapp.domain.invoer import controleer_dossier
from zorgapp.domain.opvang import Locatie, OpvangType, Plaatsing, PlaatsingStatus
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.plaatsing_regels import (
    CAPACITEIT,
    COSM,
    BevestigingNodig,
    capaciteit_bezwaar,
    controleer_afsluiten,
    controleer_bezwaren,
    cosm_bezwaar,
    max_bezetting,
)
from zorgapp.domain.traject import Traject

VANDAAG = date(2026, 6, 30)


def _dossier(melder: MelderType, *, geboren: date | None = date(1990, 1, 1)) -> Dossier:
    d = Dossier(dossiernummer="HM-2026-0001",
                persoon=Persoon(naam="Ana Popescu", geboortedatum=geboren,
                                nationaliteiten=["NG"]))
    d.meldingen.append(Melding(datum=date(2026, 1, 2), melder_type=melder,
                               vormen=[Uitbuitingsvorm.ARBEID], sector="horeca"))
    d.traject = Traject.begin(date(2026, 1, 2), "melding", "t", VANDAAG)
    d.traject.overgang(Fase.INTAKE, date(2026, 1, 5), "intake", "t", VANDAAG)
    return d


# -- part 2: consent guard and deadline ----------------------------------------------------

def test_wijkteam_signal_without_consent_cannot_be_registered() -> None:
    """Seen: a wijkteam signal with no consent at all moved to ``aangemeld``."""
    d = _dossier(MelderType.WIJKTEAM)
    with pytest.raises(ToestemmingNodig) as exc:
        controleer_toestemming(d, date(2026, 1, 8))
    assert "toestemming" in str(exc.value)
    d.voeg_toestemming_toe(Toestemming(ToestemmingDoel.COMENSHA_AANMELDING, date(2026, 1, 7)),
                           VANDAAG)
    controleer_toestemming(d, date(2026, 1, 8))  # now it may


def test_police_registers_itself_without_consent_unless_shelter_is_asked() -> None:
    d = _dossier(MelderType.POLITIE)
    controleer_toestemming(d, date(2026, 1, 8))
    d.aanmelding = voorstel(d, date(2026, 1, 8))
    assert d.aanmelding.aangemeld_door is MelderType.POLITIE
    d.aanmelding.opvang_gevraagd = True
    with pytest.raises(ToestemmingNodig):
        controleer_toestemming(d, date(2026, 1, 8))


def test_coordinator_registering_a_police_case_needs_consent() -> None:
    d = _dossier(MelderType.POLITIE)
    d.aanmelding = Aanmelding(aangemeld_door=MelderType.ZORGCOORDINATIE)
    with pytest.raises(ToestemmingNodig):
        controleer_toestemming(d, date(2026, 1, 8))


def test_under_16_consent_comes_from_a_parent_or_guardian() -> None:
    d = _dossier(MelderType.WIJKTEAM, geboren=date(2011, 3, 1))
    with pytest.raises(DomainError):
        d.voeg_toestemming_toe(Toestemming(ToestemmingDoel.COMENSHA_AANMELDING,
                                           date(2026, 1, 7)), VANDAAG)
    d.voeg_toestemming_toe(Toestemming(ToestemmingDoel.COMENSHA_AANMELDING, date(2026, 1, 7),
                                       gegeven_door="M. Popescu (moeder)"), VANDAAG)
    controleer_toestemming(d, date(2026, 1, 8))


def test_no_coordinator_deadline_when_the_police_reported() -> None:
    """Seen: the 14-day "Aanmelden bij CoMensha" deadline fired for a police signal."""
    politie = deadlines_voor(_dossier(MelderType.POLITIE), VANDAAG)
    assert DeadlineSoort.COMENSHA_AANMELDING not in {x.soort for x in politie}
    wijkteam = deadlines_voor(_dossier(MelderType.WIJKTEAM), VANDAAG)
    assert DeadlineSoort.COMENSHA_AANMELDING in {x.soort for x in wijkteam}


def test_registration_set_is_filled_from_the_case_and_round_trips() -> None:
    """Seen: only the CoMensha reference was stored."""
    d = _dossier(MelderType.WIJKTEAM)
    a = voorstel(d, date(2026, 1, 8), "Hollands Midden")
    assert (a.melder_type, a.vormen, a.sector, a.nationaliteit, a.leeftijd, a.regio) == (
        MelderType.WIJKTEAM, [Uitbuitingsvorm.ARBEID], "horeca", "NG", 36, "Hollands Midden")
    d.aanmelding = a
    assert Dossier.from_dict(d.to_dict()).aanmelding == a


def test_a_bundle_with_an_unconsented_registration_is_refused() -> None:
    d = _dossier(MelderType.WIJKTEAM)
    d.traject.overgang(Fase.AANGEMELD, date(2026, 1, 8), "aangemeld", "t", VANDAAG)
    with pytest.raises(ToestemmingNodig):
        controleer_dossier(d, VANDAAG)


# -- part 3: placements ----------------------------------------------------------------------

def test_expected_end_before_the_start_is_refused() -> None:
    """Seen: a request with expected end a month before its start was accepted."""
    with pytest.raises(DomainError):
        Plaatsing(uuid="p", dossier_uuid="d", locatie_uuid=None, type=OpvangType.VO,
                  aangevraagd_op=date(2026, 5, 1), van=date(2026, 6, 1),
                  verwachte_einddatum=date(2026, 5, 1))
    with pytest.raises(DomainError):  # no start yet: not before the request either
        Plaatsing(uuid="p", dossier_uuid="d", locatie_uuid=None, type=OpvangType.VO,
                  aangevraagd_op=date(2026, 5, 1), verwachte_einddatum=date(2026, 4, 1))
    with pytest.raises(DomainError):
        Plaatsing(uuid="p", dossier_uuid="d", locatie_uuid=None, type=OpvangType.VO,
                  aangevraagd_op=date(2026, 5, 1), van=date(2026, 6, 1),
                  evaluatiedatum=date(2026, 5, 15))


def _stay(uuid: str, van: date, tot: date | None = None, locatie: str = "L") -> Plaatsing:
    return Plaatsing(uuid=uuid, dossier_uuid="d", locatie_uuid=locatie, type=OpvangType.COSM,
                     status=PlaatsingStatus.GEPLAATST if tot is None else PlaatsingStatus.BEEINDIGD,
                     van=van, tot=tot, einde_reden=None if tot is None else "weg")


def test_closing_is_refused_while_a_placement_runs() -> None:
    """Seen: closing as "overgedragen" left a placement running at € 220 a night."""
    with pytest.raises(DomainError):
        controleer_afsluiten([_stay("a", date(2026, 3, 1))], date(2026, 6, 1))
    with pytest.raises(DomainError):  # ended only after the closing date
        controleer_afsluiten([_stay("a", date(2026, 3, 1), date(2026, 6, 10))], date(2026, 6, 1))
    controleer_afsluiten([_stay("a", date(2026, 3, 1), date(2026, 6, 1))], date(2026, 6, 1))


def test_a_full_location_needs_an_override() -> None:
    """Seen: a full COSM location of 6 took a 7th and 8th client."""
    locatie = Locatie(uuid="L", organisatie="o", naam="COSM-plek", type=OpvangType.COSM,
                      capaciteit=6)
    stays = [_stay(str(i), date(2026, 3, 1)) for i in range(6)]
    bezet = max_bezetting(stays, "L", date(2026, 6, 1), date(2026, 6, 2))
    assert bezet == 6
    bezwaar = capaciteit_bezwaar(locatie, bezet)
    assert bezwaar is not None and bezwaar.code == CAPACITEIT
    with pytest.raises(BevestigingNodig) as exc:
        controleer_bezwaren([bezwaar], None)
    assert [b.code for b in exc.value.bezwaren] == [CAPACITEIT]
    assert controleer_bezwaren([bezwaar], "noodgeval, met CoMensha afgestemd") == [bezwaar]
    assert capaciteit_bezwaar(locatie, 5) is None


def test_cosm_is_for_adult_third_country_nationals() -> None:
    """Seen: a 15-year-old was placed in COSM."""
    op = date(2026, 6, 1)
    kind = Persoon(naam="x", geboortedatum=date(2011, 1, 1), nationaliteiten=["NG"])
    eu = Persoon(naam="x", geboortedatum=date(1990, 1, 1), nationaliteiten=["RO"])
    volwassen = Persoon(naam="x", geboortedatum=date(1990, 1, 1), nationaliteiten=["NG"])
    assert (bezwaar := cosm_bezwaar(OpvangType.COSM, kind, op)) is not None
    assert bezwaar.code == COSM and bezwaar.params == {"leeftijd": 15}
    assert cosm_bezwaar(OpvangType.COSM, eu, op) is not None
    assert cosm_bezwaar(OpvangType.COSM, volwassen, op) is None
    assert cosm_bezwaar(OpvangType.JEUGD, kind, op) is None
