"""Two vaults that know each other's cards: A (sender) and B (receiver)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.services.bundle_service import BundleService
from zorgapp.services.demo import fill_demo
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault


@dataclass
class Pair:
    a: Vault
    b: Vault
    sa: BundleService
    sb: BundleService
    uuids: list[str]
    tmp: Path

    def documents(self, vault: Vault) -> dict[str, dict]:
        with vault.read() as db:
            repo = DossierRepository(db)
            return {u: repo.document(u) for u in repo.all_uuids()}

    def parts(self, vault: Vault) -> dict[str, dict]:
        """Placements and costs per dossier, as they travel in a bundle."""
        from zorgapp.exchange.export import collect

        with vault.read() as db:
            return {f.uuid: f.parts for f in collect(db, DossierRepository(db).all_uuids())}

    def count(self, vault: Vault) -> int:
        with vault.read() as db:
            return DossierRepository(db).count()


def make_pair(tmp: Path, cases: int = 3, b_knows_a: bool = True) -> Pair:
    a, _ = Vault.create(tmp / "a.zorg", PASSPHRASE)
    b, _ = Vault.create(tmp / "b.zorg", PASSPHRASE)
    fill_demo(a, cases)
    sa, sb = BundleService(a, actor="anna"), BundleService(b, actor="bob")
    sa.stel_identiteit_in("Anna de Vries", "Veilig Thuis IJsselland", "IJsselland")
    sb.stel_identiteit_in("Bob Jansen", "Gemeente Leiden", "Hollands Midden")
    sa.voeg_contact_toe(sb.kaart().to_text(), geverifieerd=True)
    if b_knows_a:
        sb.voeg_contact_toe(sa.kaart().to_text(), geverifieerd=True)
    with a.read() as db:
        uuids = DossierRepository(db).all_uuids()
    return Pair(a, b, sa, sb, uuids, tmp)


@pytest.fixture
def pair(tmp_path: Path):
    p = make_pair(tmp_path)
    yield p
    for v in (p.a, p.b):
        if v.is_open:
            v.lock()
