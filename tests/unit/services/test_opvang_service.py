"""Shelter registry, placements and cost posts through the service, stored in a vault."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zorgapp.domain.codes import Fase
from zorgapp.domain.deadlines import DeadlineSoort
from zorgapp.domain.opvang import Financier, OpvangType, PlaatsingStatus
from zorgapp.errors import KnownError, ValidationError
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.opvang_service import OpvangService, plaatsingen_json
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier


@pytest.fixture
def service(vault: Vault) -> OpvangService:
    return OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)


@pytest.fixture
def locatie(service: OpvangService) -> str:
    return service.nieuwe_locatie("Stichting Test (fictief)", "Opvang Noord", OpvangType.VO,
                                  capaciteit=2, dagtarief="120,00",
                                  geldig_vanaf=date(2025, 1, 1)).uuid


def test_registry_round_trip_keeps_rates_as_decimals(service: OpvangService, locatie: str) -> None:
    service.zet_locatie_tarief(locatie, "135.50", date(2026, 7, 1))
    rij = service.locatie(locatie)
    assert rij.locatie.naam == "Opvang Noord" and rij.locatie.organisatie == "Stichting Test (fictief)"
    assert rij.locatie.adres_geheim  # secret unless stated otherwise
    assert [(t.geldig_vanaf, t.dagtarief) for t in rij.locatie.tarieven] == [
        (date(2025, 1, 1), Decimal("120.00")), (date(2026, 7, 1), Decimal("135.50"))]
    assert all(isinstance(t.dagtarief, Decimal) for t in rij.locatie.tarieven)


def test_location_without_name_is_refused(service: OpvangService) -> None:
    with pytest.raises(ValidationError):
        service.nieuwe_locatie("Org", "  ", OpvangType.VO)


def test_placing_moves_the_path_to_geplaatst(vault: Vault, service: OpvangService,
                                             locatie: str) -> None:
    uuid = dossier(vault, fasen=((Fase.INTAKE, date(2026, 1, 5)),
                                 (Fase.AANGEMELD, date(2026, 1, 10))))
    aanvraag = service.vraag_aan(uuid, OpvangType.VO, locatie_uuid=locatie,
                                 aangevraagd_op=date(2026, 1, 12))
    assert DossierService(vault).laad(uuid).traject.huidige_fase is Fase.AANGEMELD
    result = service.plaats(aanvraag.uuid, date(2026, 1, 15))
    assert result.fase_gewijzigd and result.fase is Fase.GEPLAATST
    traject = DossierService(vault).laad(uuid).traject
    assert traject.huidige_fase is Fase.GEPLAATST
    assert traject.stappen()[-1].datum == date(2026, 1, 15)
    assert result.plaatsing.status is PlaatsingStatus.GEPLAATST
    assert result.plaatsing.tarieven[0].dagtarief == Decimal("120.00")


def test_placing_a_mere_signal_keeps_the_path(vault: Vault, service: OpvangService,
                                              locatie: str) -> None:
    uuid = dossier(vault, fasen=())
    result = service.plaats_direct(uuid, OpvangType.CRISIS, date(2026, 1, 3),
                                   locatie_uuid=locatie, dagtarief="250")
    assert not result.fase_gewijzigd and result.fase is Fase.SIGNAAL
    assert result.plaatsing.status is PlaatsingStatus.GEPLAATST


def test_ending_does_not_force_a_stage(vault: Vault, service: OpvangService, locatie: str) -> None:
    uuid = dossier(vault)
    p = service.plaats_direct(uuid, OpvangType.VO, date(2026, 2, 1), locatie_uuid=locatie).plaatsing
    ended = service.beeindig(p.uuid, date(2026, 3, 1), "Zelfstandig wonen")
    assert ended.status is PlaatsingStatus.BEEINDIGD and ended.tot == date(2026, 3, 1)
    assert DossierService(vault).laad(uuid).traject.huidige_fase is Fase.GEPLAATST


def test_overlap_is_refused_with_a_clear_message(vault: Vault, service: OpvangService,
                                                 locatie: str) -> None:
    uuid = dossier(vault)
    service.plaats_direct(uuid, OpvangType.VO, date(2026, 2, 1), locatie_uuid=locatie)
    with pytest.raises(ValidationError) as info:
        service.plaats_direct(uuid, OpvangType.MO, date(2026, 3, 1), dagtarief="90")
    message = info.value.user_message()
    assert "overlapt" in message and "1 feb 2026" in message
    assert "Beëindig die eerst" in message
    # a transfer on the end date is fine, outpatient support alongside too
    first = service.plaatsingen(uuid)[0]
    service.beeindig(first.uuid, date(2026, 3, 1), "Doorgeplaatst")
    service.plaats_direct(uuid, OpvangType.MO, date(2026, 3, 1), dagtarief="90")
    service.plaats_direct(uuid, OpvangType.AMBULANT, date(2026, 3, 5))
    assert len(service.plaatsingen(uuid)) == 3


def test_nights_times_rates_with_a_rate_change(vault: Vault, service: OpvangService,
                                               locatie: str) -> None:
    uuid = dossier(vault)
    p = service.plaats_direct(uuid, OpvangType.VO, date(2026, 1, 15), locatie_uuid=locatie).plaatsing
    service.wijzig_tarief(p.uuid, "150", date(2026, 3, 1))
    service.beeindig(p.uuid, date(2026, 4, 10), "Zelfstandig")
    kosten = service.kosten(uuid)
    assert [(r.nachten, r.dagtarief, r.bedrag) for r in kosten.regels] == [
        (45, Decimal("120.00"), Decimal("5400.00")),
        (40, Decimal("150.00"), Decimal("6000.00")),
    ]
    assert kosten.totaal == Decimal("11400.00")


def test_rate_change_outside_the_placement_is_refused(vault: Vault, service: OpvangService,
                                                      locatie: str) -> None:
    uuid = dossier(vault)
    p = service.plaats_direct(uuid, OpvangType.VO, date(2026, 2, 1), locatie_uuid=locatie).plaatsing
    with pytest.raises(ValidationError):
        service.wijzig_tarief(p.uuid, "150", date(2026, 1, 1))


def test_future_start_and_missing_rate_are_refused(vault: Vault, service: OpvangService) -> None:
    uuid = dossier(vault)
    with pytest.raises(ValidationError):
        service.plaats_direct(uuid, OpvangType.VO, date(2026, 7, 5), dagtarief="100")
    with pytest.raises(ValidationError) as info:
        service.plaats_direct(uuid, OpvangType.VO, date(2026, 2, 1))
    assert "dagtarief" in info.value.user_message()
    # nationally funded without a rate: allowed, costs nothing for the region
    p = service.plaats_direct(uuid, OpvangType.COSM, date(2026, 2, 1)).plaatsing
    assert p.financier is Financier.COSM and p.landelijk


def test_withdrawn_request_costs_nothing(vault: Vault, service: OpvangService, locatie: str) -> None:
    uuid = dossier(vault)
    aanvraag = service.vraag_aan(uuid, OpvangType.VO, locatie_uuid=locatie)
    service.beeindig(aanvraag.uuid, None, "Geen plek")
    assert service.kosten(uuid).totaal == Decimal("0.00")


def test_placement_dates_become_deadlines(vault: Vault, service: OpvangService, locatie: str) -> None:
    uuid = dossier(vault)
    p = service.plaats_direct(uuid, OpvangType.VO, date(2026, 6, 1), locatie_uuid=locatie,
                              evaluatiedatum=date(2026, 7, 3),
                              verwachte_einddatum=date(2026, 9, 1)).plaatsing
    dossiers = DossierService(vault, vandaag=lambda: VANDAAG)
    soorten = {d.soort: d.datum for d in dossiers.deadlines(dossiers.laad(uuid))}
    assert soorten[DeadlineSoort.PLAATSING_EVALUATIE] == date(2026, 7, 3)
    assert soorten[DeadlineSoort.PLAATSING_EINDE] == date(2026, 9, 1)
    with vault.read() as db:
        stored = db.execute("SELECT deadline FROM dossier WHERE uuid = ?", (uuid,)).fetchone()[0]
    assert stored <= "2026-07-03"
    service.beeindig(p.uuid, date(2026, 6, 20), "Zelfstandig")
    over = {d.soort for d in dossiers.deadlines(dossiers.laad(uuid))}
    assert DeadlineSoort.PLAATSING_EVALUATIE not in over


def test_cost_posts_and_audit(vault: Vault, service: OpvangService) -> None:
    uuid = dossier(vault)
    post = service.voeg_kostenpost_toe(uuid, "tolk", date(2026, 2, 3), "85,50", "Tolk Roemeens")
    assert service.kostenposten(uuid)[0].bedrag == Decimal("85.50")
    service.verwijder_kostenpost(post.uuid)
    assert service.kostenposten(uuid) == []
    with pytest.raises(ValidationError):
        service.voeg_kostenpost_toe(uuid, "tolk", date(2026, 2, 3), "-5")
    with pytest.raises(KnownError):
        service.voeg_kostenpost_toe("geen-dossier", "tolk", date(2026, 2, 3), "5")
    types = [(e.action, e.record_type) for e in vault.audit.entries()]
    assert ("create", "kostenpost") in types and ("delete", "kostenpost") in types
    assert not any("85" in f for e in vault.audit.entries() for f in e.fields)


def test_every_placement_change_is_audited(vault: Vault, service: OpvangService,
                                           locatie: str) -> None:
    uuid = dossier(vault)
    p = service.vraag_aan(uuid, OpvangType.VO, locatie_uuid=locatie)
    service.plaats(p.uuid, date(2026, 2, 1))
    service.wijzig_tarief(p.uuid, "130", date(2026, 3, 1))
    service.beeindig(p.uuid, date(2026, 4, 1), "Zelfstandig")
    entries = [e for e in vault.audit.entries() if e.record_type == "plaatsing"]
    assert [e.action for e in entries] == ["create", "change", "change", "change"]
    assert all(e.record_uuid == p.uuid for e in entries)


def test_occupancy_and_ending_soon(vault: Vault, service: OpvangService, locatie: str) -> None:
    a = dossier(vault, naam="A")
    b = dossier(vault, naam="B")
    service.plaats_direct(a, OpvangType.VO, date(2026, 6, 1), locatie_uuid=locatie,
                          verwachte_einddatum=date(2026, 7, 10))
    service.plaats_direct(b, OpvangType.VO, date(2026, 6, 2), locatie_uuid=locatie,
                          verwachte_einddatum=date(2026, 9, 1))
    bezetting = {x.locatie.uuid: x for x in service.bezetting()}
    assert bezetting[locatie].bezet == 2 and bezetting[locatie].vrij == 0
    eindigend = service.eindigend(14)
    assert [e.plaatsing.dossier_uuid for e in eindigend] == [a]
    assert eindigend[0].dossiernummer.startswith("HM-2026") and eindigend[0].locatie == "Opvang Noord"


def test_plaatsingen_json_for_case_show(vault: Vault, service: OpvangService, locatie: str) -> None:
    uuid = dossier(vault)
    p = service.plaats_direct(uuid, OpvangType.VO, date(2026, 1, 15), locatie_uuid=locatie).plaatsing
    service.wijzig_tarief(p.uuid, "150", date(2026, 3, 1))
    service.beeindig(p.uuid, date(2026, 4, 10), "Zelfstandig")
    items = plaatsingen_json(vault, uuid, vandaag=VANDAAG)
    assert len(items) == 1
    item = items[0]
    assert {"id", "type", "locatie", "van", "tot", "dagtarief", "status"} <= set(item)
    assert item["id"] == p.uuid and item["type"] == "VO" and item["locatie"] == "Opvang Noord"
    assert (item["van"], item["tot"]) == ("2026-01-15", "2026-04-10")
    assert item["dagtarief"] == "150.00" and item["status"] == "beeindigd"
    assert item["nachten"] == 85 and item["kosten_tot_nu"] == "11400.00"
