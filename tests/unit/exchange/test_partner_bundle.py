"""Partner links travel in a bundle with the address-book entries they point to; the
receiving address book is only added to; a bundle from before the fixed roles imports."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.exchange import forge
from tests.unit.exchange.conftest import Pair
from zorgapp.domain.partners import Contactpersoon, Organisatie, PartnerRol
from zorgapp.exchange import format as fmt
from zorgapp.exchange import importer
from zorgapp.services.partner_service import PartnerService
from zorgapp.store.dossiers import Filter


def _link(pair: Pair) -> Organisatie:
    """A's own address-book entry on A's first case, in the police role."""
    service = PartnerService(pair.a, actor="anna")
    org = service.bewaar_organisatie(Organisatie(
        naam="Team Mensenhandel Oost", telefoon="0900-0000000",
        contactpersonen=[Contactpersoon(naam="Rechercheur De Wit", telefoon="06-0000")]))
    service.koppel(pair.uuids[0], org.uuid, PartnerRol.POLITIE, org.contactpersonen[0].uuid)
    return org


def _send(pair: Pair) -> importer.Voorbeeld:
    bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "b", [pair.sb.kaart().age_recipient])
    return pair.sb.bekijk(bundle.pad)


def test_partner_links_and_their_address_book_entries_round_trip(pair: Pair) -> None:
    org = _link(pair)
    pair.sb.importeer(_send(pair))
    assert pair.documents(pair.a) == pair.documents(pair.b)
    assert pair.parts(pair.a) == pair.parts(pair.b)
    ontvanger = PartnerService(pair.b)
    assert ontvanger.organisatie(org.uuid) == org
    ids = ontvanger.zoek(Filter(partner=org.uuid))
    assert [r.uuid for r in ontvanger.rijen(ids).values()] == [pair.uuids[0]]
    partner = next(p for p in ontvanger.laad(pair.uuids[0]).partners if p.organisatie == org.uuid)
    assert partner.rol is PartnerRol.POLITIE
    assert {d.status for d in _send(pair).dossiers} == {importer.GELIJK}


def test_the_receivers_own_address_book_entry_is_kept(pair: Pair) -> None:
    org = _link(pair)
    eigen = Organisatie.from_dict({**org.to_dict(), "telefoon": "071-1111111"})
    PartnerService(pair.b).bewaar_organisatie(eigen)
    pair.sb.importeer(_send(pair))
    assert PartnerService(pair.b).organisatie(org.uuid).telefoon == "071-1111111"


def _als_oude_bundel(doc: dict[str, Any]) -> None:
    """What a Zorgapp before the address book sent: free-text roles, no part."""
    doc["parts"].pop("partnerorganisaties", None)
    doc["dossier"]["partners"] = [
        {"uuid": "1c7a3f5e-2b4d-4e6f-8a9b-0c1d2e3f4a5b", "naam": "Politie Oost",
         "rol": "Politie (AVIM)", "contact": "06-0000"},
        {"uuid": "1c7a3f5e-2b4d-4e6f-8a9b-0c1d2e3f4a5c", "naam": "Mr. Visser",
         "rol": "advocaat", "contact": ""}]


def test_a_bundle_from_before_the_fixed_roles_still_imports(pair: Pair) -> None:
    pair.sb.importeer(pair.sb.bekijk(forge.edited_bundle(pair, _als_oude_bundel)))
    partners = PartnerService(pair.b).laad(pair.uuids[0]).partners
    assert [(p.naam, p.rol, p.toelichting, p.organisatie) for p in partners] == [
        ("Politie Oost", PartnerRol.POLITIE, "Politie (AVIM)", ""),
        ("Mr. Visser", PartnerRol.ADVOCAAT, "", "")]


@pytest.mark.parametrize("bad", [
    lambda doc: doc["parts"].update(partnerorganisaties=[{"uuid": "x", "naam": "Kantoor"}]),
    lambda doc: doc["parts"].update(partnerorganisaties=[
        {"uuid": "1c7a3f5e-2b4d-4e6f-8a9b-0c1d2e3f4a5b", "naam": ""}]),
    lambda doc: doc["dossier"]["partners"].append(
        {"uuid": "1c7a3f5e-2b4d-4e6f-8a9b-0c1d2e3f4a5d", "naam": "",
         "rol": "advocaat"}),
], ids=["bad-uuid", "no-name", "partner-without-name"])
def test_partner_data_that_breaks_the_rules_imports_nothing(pair: Pair, bad: Any) -> None:
    with pytest.raises(fmt.BundleDamagedError):
        pair.sb.bekijk(forge.edited_bundle(pair, bad))
    assert pair.count(pair.b) == 0
