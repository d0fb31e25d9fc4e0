from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import KnownError
from zorgapp.services import vault_service
from zorgapp.services.bundle_service import BundleService
from zorgapp.store.identity import IdentityRepository
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"


def test_a_new_vault_has_its_keys_at_once_and_keeps_them(tmp_path: Path) -> None:
    vault, _ = vault_service.create_vault(tmp_path / "v.zorg", PASSPHRASE)
    with vault.read() as db:
        assert IdentityRepository(db).get() is not None
    card = BundleService(vault).kaart()
    vault.lock()
    again = Vault.unlock(tmp_path / "v.zorg", PASSPHRASE)
    assert BundleService(again).kaart() == card
    again.lock()
    raw = (tmp_path / "v.zorg").read_bytes()
    assert b"AGE-SECRET-KEY" not in raw and card.signing_key.encode() not in raw


def test_a_vault_from_before_schema_4_gets_keys_at_first_use(tmp_path: Path) -> None:
    for suffix in ("", ".key", ".head"):
        shutil.copy(DATA / f"schema-3.zorg{suffix}", tmp_path / f"old.zorg{suffix}")
    vault = Vault.unlock(tmp_path / "old.zorg", "oude kluis testzin")
    with vault.read() as db:
        assert IdentityRepository(db).get() is None
    card = BundleService(vault).kaart()
    assert card.age_recipient.startswith("age1")
    assert BundleService(vault).kaart() == card
    vault.lock()


def test_address_book(vault: Vault) -> None:
    from zorgapp.exchange.card import OwnKeys

    service = BundleService(vault)
    other = OwnKeys.generate().card("Carla", "SHOP", "Haaglanden")
    contact = service.voeg_contact_toe(other.to_text())
    assert not contact.geverifieerd and contact.fingerprint == other.fingerprint
    service.markeer_geverifieerd(contact.id)
    # the same card again (new name) updates, never duplicates or un-verifies
    renamed = service.voeg_contact_toe(other.__class__(**{**other.__dict__, "name": "Carla B."}))
    assert renamed.id == contact.id and renamed.geverifieerd and renamed.naam == "Carla B."
    assert [c.naam for c in service.adresboek()] == ["Carla B."]
    with pytest.raises(KnownError):
        service.voeg_contact_toe(service.kaart())
    assert service.contact_voor(other.fingerprint.replace(" ", "").lower()).id == contact.id
    service.verwijder_contact(contact.id)
    assert service.adresboek() == []
