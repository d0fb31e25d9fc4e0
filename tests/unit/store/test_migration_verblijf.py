"""Upgrading fills the legal track's index columns from every document (issue 12.1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zorgapp.domain.dossier import Dossier
from zorgapp.store.doc_codec import decode
from zorgapp.store.dossiers import index_fields
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"
COLUMNS = ("bedenktijd_van", "bedenktijd_tot", "aangemeld_op", "sluitreden")


@pytest.mark.parametrize("version", [2, 5])
def test_upgrade_fills_track_columns_from_documents(version: int, tmp_path: Path) -> None:
    old = DATA / f"schema-{version}.zorg"
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        rows = vault.conn.execute(
            f"SELECT d.data, {', '.join('x.' + c for c in COLUMNS)} FROM dossier x "
            "JOIN dossier_doc d USING (id)").fetchall()
        assert len(rows) == 12
        filled = 0
        for data, *columns in rows:
            fields = index_fields(Dossier.from_dict(decode(data)), None)
            assert tuple(columns) == tuple(fields[c] for c in COLUMNS)
            filled += sum(c is not None for c in columns)
        assert filled, "the old demo dossiers have bedenktijd, registrations or closures"
        assert vault.conn.execute(
            "SELECT count(*) FROM meta WHERE key = 'herindexeer'").fetchone()[0] == 0
    finally:
        vault.lock()
