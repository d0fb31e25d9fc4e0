"""The statistics' index columns: filled on every write and, for vaults from before
them, by the migration step from the stored documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from zorgapp.domain.dossier import Dossier
from zorgapp.domain.statistiek import index_velden
from zorgapp.store.doc_codec import decode
from zorgapp.store.statistiek import dossier_rijen
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"


def test_upgraded_vault_has_the_columns_its_documents_give(tmp_path: Path) -> None:
    old = DATA / "schema-9.zorg"
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        rows = vault.conn.execute(
            "SELECT d.nationaliteit, d.sector, d.comensha, d.sluitreden, c.data FROM dossier d "
            "JOIN dossier_doc c ON c.id = d.id").fetchall()
        assert len(rows) == 12
        for *kolommen, data in rows:
            verwacht = index_velden(Dossier.from_dict(decode(data)))
            assert tuple(kolommen) == tuple(verwacht.values())
        assert any(r[0] for r in rows)  # some nationality was filled in
        with vault.read() as db:
            jaren = {r[0][:4] for r in vault.conn.execute(
                "SELECT melddatum FROM dossier WHERE melddatum IS NOT NULL")}
            for jaar in jaren:
                assert all(r.jaar == int(jaar) for r in dossier_rijen(db, int(jaar)))
    finally:
        vault.lock()
