"""The partner address book and partners on a case: filter by partner, caseload,
changes that follow the address book, and the rules."""

from __future__ import annotations

from datetime import date

import pytest

from zorgapp.domain.codes import Fase, Sluitreden, ToestemmingDoel
from zorgapp.domain.dossier import Toestemming
from zorgapp.domain.errors import DomainError
from zorgapp.domain.partners import Contactpersoon, Organisatie, PartnerRol
from zorgapp.errors import ValidationError
from zorgapp.services.dossier_service import Filter
from zorgapp.services.partner_service import PartnerService
from zorgapp.store.vault import Vault

from .opvang_fixtures import VANDAAG, dossier


@pytest.fixture
def service(vault: Vault) -> PartnerService:
    return PartnerService(vault, actor="test", vandaag=lambda: VANDAAG)


def _org(service: PartnerService, naam: str, *personen: str) -> Organisatie:
    return service.bewaar_organisatie(Organisatie(
        naam=naam, telefoon="070-0000000",
        contactpersonen=[Contactpersoon(naam=p, telefoon="06-0000") for p in personen]))


def test_dossier_list_filters_by_partner(vault: Vault, service: PartnerService) -> None:
    politie = _org(service, "Team Mensenhandel")
    advocaat = _org(service, "Kantoor Visser")
    a, b, c = (dossier(vault, naam=n) for n in ("Ana Pop", "Bogdan Ion", "Chidi Eze"))
    service.koppel(a, politie.uuid, PartnerRol.POLITIE)
    service.koppel(b, politie.uuid, PartnerRol.POLITIE)
    service.koppel(b, advocaat.uuid, PartnerRol.ADVOCAAT)
    service.koppel(c, advocaat.uuid, PartnerRol.ADVOCAAT)

    def gevonden(partner: str) -> set[str]:
        ids = service.zoek(Filter(partner=partner))
        return {r.uuid for r in service.rijen(ids).values()}

    assert gevonden(politie.uuid) == {a, b}
    assert gevonden(advocaat.uuid) == {b, c}
    assert gevonden("") == {a, b, c}
    # Combined with another filter, and gone once the partner is taken off the case.
    assert {r.uuid for r in service.rijen(service.zoek(
        Filter(partner=politie.uuid, zoek="Bogdan"))).values()} == {b}
    link = next(p for p in service.laad(a).partners if p.organisatie == politie.uuid)
    service.ontkoppel(a, link.uuid)
    assert gevonden(politie.uuid) == {b}


def test_caseload_counts_open_dossiers_per_role(vault: Vault, service: PartnerService) -> None:
    nidos = _org(service, "Voogdij-instelling")
    open1, open2, dicht = (dossier(vault, naam=n) for n in ("Ana Pop", "Bogdan Ion", "Chidi Eze"))
    service.koppel(open1, nidos.uuid, PartnerRol.VOOGD)
    service.koppel(open2, nidos.uuid, PartnerRol.VOOGD)
    service.koppel(open2, nidos.uuid, PartnerRol.CASEMANAGER)
    service.koppel(dicht, nidos.uuid, PartnerRol.VOOGD)
    service.overgang(dicht, Fase.AFGESLOTEN, date(2026, 2, 1), "klaar",
                     sluitreden=Sluitreden.ZELFSTANDIG)

    caseload = service.caseload(nidos.uuid)
    assert caseload.per_rol == {"voogd": 2, "casemanager": 1}
    assert caseload.dossiers == 2  # a case in two roles counts once
    assert sorted((r.dossier_uuid, r.rol) for r in caseload.rijen) == sorted(
        [(open1, "voogd"), (open2, "voogd"), (open2, "casemanager")])
    assert service.caseload(_org(service, "Niemand").uuid).dossiers == 0


def test_link_carries_name_and_contact_and_follows_the_address_book(
        vault: Vault, service: PartnerService) -> None:
    org = _org(service, "Team Mensenhandel", "Rechercheur De Wit")
    d = dossier(vault)
    service.koppel(d, org.uuid, PartnerRol.POLITIE, org.contactpersonen[0].uuid)
    partner = service.laad(d).partners[0]
    assert (partner.naam, partner.contact, partner.rol) == (
        "Team Mensenhandel", "Rechercheur De Wit, 06-0000", PartnerRol.POLITIE)
    org.naam = "Team Mensenhandel Noord"
    org.contactpersonen[0].telefoon = "06-1111"
    service.bewaar_organisatie(org)
    partner = service.laad(d).partners[0]
    assert (partner.naam, partner.contact) == ("Team Mensenhandel Noord",
                                               "Rechercheur De Wit, 06-1111")
    actions = [(e.action, e.record_type) for e in vault.audit.entries()]
    assert ("create", "partner") in actions and ("change", "partner") in actions


def test_rules_of_the_address_book(vault: Vault, service: PartnerService) -> None:
    org = _org(service, "Kantoor Visser")
    with pytest.raises(ValidationError):
        _org(service, "kantoor visser")  # kept once
    with pytest.raises(DomainError):
        service.bewaar_organisatie(Organisatie(naam=""))
    d = dossier(vault)
    with pytest.raises(ValidationError):
        service.koppel(d, org.uuid, PartnerRol.ADVOCAAT, contactpersoon="iemand-anders")
    service.koppel(d, org.uuid, PartnerRol.ADVOCAAT)
    with pytest.raises(ValidationError):
        service.koppel(d, org.uuid, PartnerRol.ADVOCAAT)  # the same link twice
    with pytest.raises(ValidationError):
        service.verwijder_organisatie(org.uuid)  # still on a case
    link = service.laad(d).partners[0]
    service.toestemming_toevoegen(d, Toestemming(doel=ToestemmingDoel.DELEN_PARTNER,
                                                 datum=VANDAAG, partner=link.uuid))
    with pytest.raises(ValidationError):
        service.ontkoppel(d, link.uuid)  # a consent names it
    los = _org(service, "Niet gebruikt")
    service.verwijder_organisatie(los.uuid)
    assert [o.naam for o in service.adresboek()] == ["Kantoor Visser"]


def test_free_text_partner_still_gets_a_fixed_role(vault: Vault, service: PartnerService) -> None:
    d = dossier(vault)
    service.partner_toevoegen(d, "Politie Leiden", "Politie (AVIM)", "071-0000000")
    partner = service.laad(d).partners[0]
    assert partner.rol is PartnerRol.POLITIE and partner.toelichting == "Politie (AVIM)"
