"""Changing the shelter registry, and the placement rules a coordinator runs into."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest

from zorgapp.domain.opvang import OpvangType, PlaatsingStatus
from zorgapp.errors import ValidationError
from zorgapp.services.opvang_service import OpvangService
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier


@pytest.fixture
def service(vault: Vault) -> OpvangService:
    return OpvangService(vault, actor="test", vandaag=lambda: VANDAAG)


def _locatie(service: OpvangService, naam: str = "Opvang Noord", tarief: str = "120,00") -> str:
    return service.nieuwe_locatie("Stichting Test (fictief)", naam, OpvangType.VO,
                                  capaciteit=4, dagtarief=tarief,
                                  geldig_vanaf=date(2025, 1, 1)).uuid


def _changes(vault: Vault, uuid: str) -> list[tuple[str, ...]]:
    return [e.fields for e in vault.audit.entries()
            if e.record_uuid == uuid and e.action == "change"]


def test_changing_a_location_stores_and_audits_only_what_changed(vault: Vault,
                                                                 service: OpvangService) -> None:
    uuid = _locatie(service)
    oud = service.locatie(uuid).locatie
    nieuw = dataclasses.replace(oud, naam="Opvang Noord-West", capaciteit=6)
    assert service.wijzig_locatie(nieuw) == ["naam", "capaciteit"]
    rij = service.locatie(uuid)
    assert rij.locatie.naam == "Opvang Noord-West" and rij.locatie.capaciteit == 6
    assert rij.actief
    assert service.wijzig_locatie(nieuw) == []  # saving again changes nothing
    assert [set(f) for f in _changes(vault, uuid)] == [{"naam", "capaciteit"}]


def test_a_location_taken_out_of_use_leaves_the_active_list(vault: Vault,
                                                           service: OpvangService) -> None:
    uuid = _locatie(service)
    assert service.wijzig_locatie(service.locatie(uuid).locatie, actief=False) == ["actief"]
    assert uuid not in {r.locatie.uuid for r in service.locaties(alleen_actief=True)}
    assert uuid in {r.locatie.uuid for r in service.locaties()}
    assert {b.locatie.uuid: b.actief for b in service.bezetting()}[uuid] is False
    assert _changes(vault, uuid) == [("actief",)]


def test_a_changed_location_still_needs_a_name(service: OpvangService) -> None:
    uuid = _locatie(service)
    zonder_naam = dataclasses.replace(service.locatie(uuid).locatie, naam=" ")
    with pytest.raises(ValidationError):
        service.wijzig_locatie(zonder_naam)
    assert service.locatie(uuid).locatie.naam == "Opvang Noord"


def test_unknown_kind_of_shelter_is_refused_by_name(service: OpvangService) -> None:
    with pytest.raises(ValidationError) as info:
        service.nieuwe_locatie("Org", "Ergens", "zwembad")
    assert "zwembad" in info.value.user_message()


def test_arrival_at_another_location_than_requested_takes_that_locations_rate(
        vault: Vault, service: OpvangService) -> None:
    gevraagd = _locatie(service, "Opvang Noord", "120,00")
    werkelijk = _locatie(service, "Opvang Zuid", "95,50")
    aanvraag = service.vraag_aan(dossier(vault), OpvangType.VO, locatie_uuid=gevraagd)
    p = service.plaats(aanvraag.uuid, date(2026, 2, 1), locatie_uuid=werkelijk).plaatsing
    assert p.locatie_uuid == werkelijk and p.status is PlaatsingStatus.GEPLAATST
    assert [(t.geldig_vanaf, t.dagtarief) for t in p.tarieven] == [
        (date(2026, 2, 1), Decimal("95.50"))]
    assert service.plaatsing(p.uuid) == p


def test_arrival_and_departure_cannot_be_recorded_ahead(vault: Vault,
                                                        service: OpvangService) -> None:
    morgen = VANDAAG + timedelta(days=1)
    aanvraag = service.vraag_aan(dossier(vault), OpvangType.VO, locatie_uuid=_locatie(service))
    with pytest.raises(ValidationError):
        service.plaats(aanvraag.uuid, morgen)
    assert service.plaatsing(aanvraag.uuid).status is PlaatsingStatus.AANGEVRAAGD
    service.plaats(aanvraag.uuid, date(2026, 3, 1))
    with pytest.raises(ValidationError) as info:
        service.beeindig(aanvraag.uuid, morgen, "Vertrokken")
    assert "toekomst" in info.value.user_message()
    assert service.plaatsing(aanvraag.uuid).tot is None


def test_rate_of_a_request_cannot_change_before_arrival(vault: Vault,
                                                        service: OpvangService) -> None:
    aanvraag = service.vraag_aan(dossier(vault), OpvangType.VO, locatie_uuid=_locatie(service))
    with pytest.raises(ValidationError) as info:
        service.wijzig_tarief(aanvraag.uuid, "150", date(2026, 3, 1))
    assert "geplaatst" in info.value.user_message()
    assert _changes(vault, aanvraag.uuid) == []


def test_ending_before_the_start_is_refused(vault: Vault, service: OpvangService) -> None:
    uuid = dossier(vault)
    p = service.plaats_direct(uuid, OpvangType.VO, date(2026, 3, 1),
                              locatie_uuid=_locatie(service)).plaatsing
    with pytest.raises(ValidationError):
        service.beeindig(p.uuid, date(2026, 2, 1), "Vergissing")
    assert service.plaatsing(p.uuid).tot is None
