"""Issue 12 parts 2 and 3 through the use cases the GUI and the command line call."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zorgapp.domain.codes import (
    Fase,
    MelderType,
    Sluitreden,
    ToestemmingDoel,
    Uitbuitingsvorm,
)
from zorgapp.domain.dossier import Melding, Toestemming
from zorgapp.domain.errors import DomainError
from zorgapp.domain.opvang import OpvangType, PlaatsingStatus
from zorgapp.domain.persoon import Persoon
from zorgapp.domain.plaatsing_regels import max_bezetting
from zorgapp.errors import ValidationError
from zorgapp.services.demo import DemoGenerator
from zorgapp.services.demo_opvang import DemoOpvang
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.opvang_plaatsingen import OverschrijdingNodigError
from zorgapp.services.opvang_service import OpvangService
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier


@pytest.fixture
def opvang(vault: Vault) -> OpvangService:
    return OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)


@pytest.fixture
def dossiers(vault: Vault) -> DossierService:
    return DossierService(vault, actor="test", vandaag=lambda: VANDAAG)


def _wijkteam(dossiers: DossierService, geboren: date = date(1990, 1, 1)) -> str:
    d = dossiers.nieuwe_melding(
        Persoon(naam="Ana Popescu", geboortedatum=geboren, nationaliteiten=["NG"]),
        Melding(datum=date(2026, 1, 2), melder_type=MelderType.WIJKTEAM,
                vormen=[Uitbuitingsvorm.SEKSUEEL]))
    dossiers.overgang(d.uuid, Fase.INTAKE, date(2026, 1, 5), "intake")
    return d.uuid


def test_registration_needs_consent_which_can_be_given_on_the_spot(
        dossiers: DossierService) -> None:
    """Seen: a wijkteam signal with no consent at all moved to ``aangemeld``."""
    uuid = _wijkteam(dossiers)
    with pytest.raises(DomainError) as exc:
        dossiers.overgang(uuid, Fase.AANGEMELD, date(2026, 1, 8), "aanmelden")
    assert "toestemming" in str(exc.value)
    assert dossiers.laad(uuid).huidige_fase is Fase.INTAKE
    d = dossiers.overgang(uuid, Fase.AANGEMELD, date(2026, 1, 8), "aanmelden",
                          toestemming=Toestemming(ToestemmingDoel.COMENSHA_AANMELDING,
                                                  date(2026, 1, 8), hoe_gegeven="schriftelijk"))
    stored = dossiers.laad(uuid)
    assert stored.huidige_fase is Fase.AANGEMELD and stored.toestemmingen
    assert stored.aanmelding is not None and stored.aanmelding.melder_type is MelderType.WIJKTEAM
    assert stored.aanmelding.vormen == [Uitbuitingsvorm.SEKSUEEL] == d.aanmelding.vormen


def test_under_16_the_consent_on_the_spot_must_come_from_a_parent(
        dossiers: DossierService) -> None:
    uuid = _wijkteam(dossiers, geboren=date(2011, 2, 1))
    with pytest.raises(DomainError):
        dossiers.overgang(uuid, Fase.AANGEMELD, date(2026, 1, 8), "aanmelden",
                          toestemming=Toestemming(ToestemmingDoel.COMENSHA_AANMELDING,
                                                  date(2026, 1, 8)))
    dossiers.overgang(uuid, Fase.AANGEMELD, date(2026, 1, 8), "aanmelden",
                      toestemming=Toestemming(ToestemmingDoel.COMENSHA_AANMELDING,
                                              date(2026, 1, 8), gegeven_door="voogd (Nidos)"))


def test_request_with_expected_end_before_its_start_is_refused(
        vault: Vault, opvang: OpvangService) -> None:
    """Seen: a placement request with expected end a month before its start was accepted."""
    uuid = dossier(vault)
    with pytest.raises(ValidationError):
        opvang.vraag_aan(uuid, OpvangType.VO, van=date(2026, 7, 15),
                         verwachte_einddatum=date(2026, 6, 15))
    assert opvang.plaatsingen(uuid) == []


def _locatie(opvang: OpvangService, soort: OpvangType = OpvangType.VO, capaciteit: int = 1) -> str:
    return opvang.nieuwe_locatie("Stichting Test (fictief)", "Opvang Noord", soort,
                                 capaciteit=capaciteit, dagtarief="220,00",
                                 geldig_vanaf=date(2025, 1, 1)).uuid


def test_closing_refuses_or_ends_running_placements(vault: Vault, opvang: OpvangService,
                                                     dossiers: DossierService) -> None:
    """Seen: closing as "overgedragen" left its placement running at € 220 a night."""
    uuid = dossier(vault)
    loc = _locatie(opvang)
    opvang.plaats_direct(uuid, OpvangType.VO, date(2026, 3, 1), locatie_uuid=loc)
    sluiten = (uuid, Fase.AFGESLOTEN, date(2026, 6, 1), "naar Utrecht")
    with pytest.raises(ValidationError) as exc:
        dossiers.overgang(*sluiten, sluitreden=Sluitreden.OVERGEDRAGEN)
    assert "lopende plaatsing" in str(exc.value)
    assert dossiers.laad(uuid).huidige_fase is not Fase.AFGESLOTEN
    dossiers.overgang(*sluiten, sluitreden=Sluitreden.OVERGEDRAGEN, plaatsingen_beeindigen=True)
    [p] = opvang.plaatsingen(uuid)
    assert (p.status, p.tot) == (PlaatsingStatus.BEEINDIGD, date(2026, 6, 1))
    assert "overgedragen" in (p.einde_reden or "")
    assert dossiers.laad(uuid).huidige_fase is Fase.AFGESLOTEN
    # ... and no new placement on the closed case ("Nu plaatsen…" stayed enabled).
    with pytest.raises(ValidationError):
        opvang.plaats_direct(uuid, OpvangType.VO, date(2026, 6, 20), locatie_uuid=loc)
    with pytest.raises(ValidationError):
        opvang.vraag_aan(uuid, OpvangType.VO)


def test_a_full_location_needs_a_recorded_override(vault: Vault, opvang: OpvangService,
                                                    dossiers: DossierService) -> None:
    """Seen: a full location took another client and the Opvang page showed "Vrij -1"."""
    loc = _locatie(opvang, capaciteit=1)
    eerste, tweede = dossier(vault, naam="Ana Popescu"), dossier(vault, naam="Eva Nowak")
    opvang.plaats_direct(eerste, OpvangType.VO, date(2026, 3, 1), locatie_uuid=loc)
    with pytest.raises(OverschrijdingNodigError) as exc:
        opvang.plaats_direct(tweede, OpvangType.VO, date(2026, 6, 1), locatie_uuid=loc)
    assert exc.value.codes == ("capaciteit",)
    assert opvang.plaatsingen(tweede) == []
    result = opvang.plaats_direct(tweede, OpvangType.VO, date(2026, 6, 1), locatie_uuid=loc,
                                  overschrijding_reden="Noodgeval, afgestemd met de opvang")
    journaal = dossiers.laad(tweede).journaal
    assert journaal and "Noodgeval, afgestemd met de opvang" in journaal[-1].tekst
    fields = {f for e in vault.audit.entries() if e.record_uuid == result.plaatsing.uuid
              for f in e.fields}
    assert "overschrijding_capaciteit" in fields
    [bezetting] = [b for b in opvang.bezetting(VANDAAG) if b.locatie.uuid == loc]
    assert (bezetting.bezet, bezetting.vrij, bezetting.boven_capaciteit) == (2, 0, 1)


def test_cosm_for_a_minor_needs_an_override(vault: Vault, opvang: OpvangService,
                                             dossiers: DossierService) -> None:
    """Seen: a 15-year-old was placed in COSM."""
    d = dossiers.nieuwe_melding(
        Persoon(naam="Joy Okafor", geboortedatum=date(2011, 1, 1), nationaliteiten=["NG"]),
        Melding(datum=date(2026, 1, 2), melder_type=MelderType.POLITIE))
    dossiers.overgang(d.uuid, Fase.INTAKE, date(2026, 1, 5), "intake")
    loc = _locatie(opvang, OpvangType.COSM, capaciteit=6)
    with pytest.raises(OverschrijdingNodigError) as exc:
        opvang.plaats_direct(d.uuid, OpvangType.COSM, date(2026, 6, 1), locatie_uuid=loc)
    assert exc.value.codes == ("cosm",)


def test_demo_data_respects_capacity_and_the_cosm_rule() -> None:
    """Seen: the demo data already showed "Vrij -1"."""
    vandaag = date(2026, 11, 29)
    generator = DemoGenerator(seed=2026, vandaag=vandaag)
    opvang = DemoOpvang(vandaag, seed=2026, rules=generator.rules)
    personen = {}
    for d in generator.dossiers(600):
        personen[d.uuid] = d.persoon
        opvang.dossier(d.uuid, d.persoon, d.traject)
    van, tot = vandaag - timedelta(days=4 * 365), vandaag + timedelta(days=1)
    for locatie in opvang.locaties:
        assert max_bezetting(opvang.plaatsingen, locatie.uuid, van, tot) <= (
            locatie.capaciteit or 10**6), locatie.naam
    for p in opvang.plaatsingen:
        if p.type is OpvangType.COSM:
            persoon = personen[p.dossier_uuid]
            assert p.van is not None and (persoon.leeftijd_op(p.van) or 0) >= 18
            assert not {"NL", "PL", "RO", "BG", "HU"} & set(persoon.nationaliteiten)
