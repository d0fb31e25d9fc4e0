"""Attachments in the vault: gone with their dossier, and an upgraded old vault takes them."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.unit.store.test_migrations import OLD_PASSPHRASE, OLD_VAULTS
from zorgapp.services.bijlage_service import BijlageService
from zorgapp.services.demo import fill_demo
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault

PDF = b"%PDF-1.4\n% proces-verbaal\n%%EOF\n"


def test_deleting_a_dossier_deletes_its_attachments_and_their_content(vault: Vault) -> None:
    fill_demo(vault, 2)
    with vault.read() as db:
        first, second = DossierRepository(db).all_uuids()[:2]
    service = BijlageService(vault)
    service.voeg_toe(first, "a.pdf", PDF)
    service.voeg_toe(first, "b.pdf", PDF)
    kept = service.voeg_toe(second, "c.pdf", PDF)
    with vault.transaction() as db:
        db.execute("DELETE FROM dossier WHERE uuid = ?", (first,))
    with vault.read() as db:
        assert [r[0] for r in db.execute("SELECT uuid FROM bijlage")] == [kept.uuid]
        assert db.execute("SELECT count(*) FROM bijlage_inhoud").fetchone()[0] == 1
    assert vault.check() == []


def test_an_upgraded_old_vault_takes_attachments(tmp_path: Path) -> None:
    old = next(p for p in OLD_VAULTS if p.stem != "schema-1")
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        with vault.read() as db:
            uuid = DossierRepository(db).all_uuids()[0]
        service = BijlageService(vault)
        added = service.voeg_toe(uuid, "toestemming.pdf", PDF, "getekend")
        assert service.bekijk(added.uuid)[1] == PDF
        assert [b.naam for b in service.lijst(uuid)] == ["toestemming.pdf"]
    finally:
        vault.lock()
