"""Fixed partner roles: free text from older vaults and bundles maps onto the nearest."""

from __future__ import annotations

import pytest

from zorgapp.domain.dossier import Partner
from zorgapp.domain.errors import DomainError
from zorgapp.domain.partners import Contactpersoon, Organisatie, PartnerRol, rol_uit_tekst


@pytest.mark.parametrize(("tekst", "rol"), [
    # the suggestions the old free-text field offered
    ("Politie (AVIM)", PartnerRol.POLITIE),
    ("Advocaat", PartnerRol.ADVOCAAT),
    ("Opvang", PartnerRol.OPVANG),
    ("Voogd of mentor", PartnerRol.VOOGD),
    ("Veilig Thuis", PartnerRol.ANDERS),
    ("Wijkteam", PartnerRol.ANDERS),
    ("GGD", PartnerRol.ANDERS),
    ("Huisarts", PartnerRol.ANDERS),
    ("IND", PartnerRol.ANDERS),
    # what coordinators typed
    ("wijkagent", PartnerRol.POLITIE),
    ("KMar", PartnerRol.POLITIE),
    ("jurist vreemdelingenrecht", PartnerRol.ADVOCAAT),
    ("Nidos jeugdbeschermer", PartnerRol.VOOGD),
    ("tolk Tigrinya", PartnerRol.TOLK),
    ("Casemanager Fier", PartnerRol.CASEMANAGER),
    ("begeleider SHOP", PartnerRol.OPVANG),
    ("coach", PartnerRol.ANDERS),  # no "COA" inside a word
    ("", PartnerRol.ANDERS),
    # codes map onto themselves
    ("politiecontact", PartnerRol.POLITIE),
    ("opvangcontact", PartnerRol.OPVANG),
])
def test_free_text_role_maps_to_nearest_fixed_role(tekst: str, rol: PartnerRol) -> None:
    assert rol_uit_tekst(tekst) is rol


def test_old_partner_keeps_its_free_text_as_note() -> None:
    oud = {"uuid": "5b0e6f1c-0c39-4b43-9d0d-0f6f2b8a7c11", "naam": "Politie Leiden",
           "rol": "Politie (AVIM)", "contact": "071-0000000"}
    partner = Partner.from_dict(oud)
    assert partner.rol is PartnerRol.POLITIE
    assert partner.toelichting == "Politie (AVIM)"
    assert partner.organisatie == ""
    again = Partner.from_dict(partner.to_dict())
    assert again == partner
    assert again.to_dict()["rol"] == "politiecontact"


def test_address_book_entry_is_checked() -> None:
    with pytest.raises(DomainError):
        Organisatie(naam="  ").valideer()
    with pytest.raises(DomainError):
        Organisatie(naam="Kantoor", email="geen-adres").valideer()
    with pytest.raises(DomainError):
        Organisatie(naam="Kantoor", contactpersonen=[Contactpersoon(naam="")]).valideer()
    org = Organisatie(naam="Kantoor", telefoon="070-0000000",
                      contactpersonen=[Contactpersoon(naam="Mr. Visser", telefoon="06-0000")])
    org.valideer()
    assert org.bereikbaar() == "070-0000000"
    assert org.bereikbaar(org.contactpersonen[0].uuid) == "Mr. Visser, 06-0000"
    assert Organisatie.from_dict(org.to_dict()) == org


def test_contact_person_needs_an_address_book_partner() -> None:
    with pytest.raises(DomainError):
        Partner(naam="Los", contactpersoon="5b0e6f1c-0c39-4b43-9d0d-0f6f2b8a7c11").valideer()
