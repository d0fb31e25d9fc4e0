"""Documents stored compressed (schema 5); documents of older vaults stay readable."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from zorgapp.errors import DamagedVaultError
from zorgapp.services.demo import DemoGenerator
from zorgapp.store.doc_codec import DEFLATE_DICT_1, decode, encode
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"


def test_round_trip_and_size() -> None:
    docs = [d.to_dict() for d in DemoGenerator(seed=3, vandaag=date(2026, 11, 1)).dossiers(50)]
    for doc in docs:
        packed = encode(doc)
        assert packed[0] == DEFLATE_DICT_1 and decode(packed) == doc
    plain = sum(len(json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode())
                for d in docs)
    assert sum(len(encode(d)) for d in docs) < plain / 3


def test_plain_json_of_older_vaults_is_read_as_it_is() -> None:
    assert decode('{"uuid": "x", "naam": "Łukasz"}') == {"uuid": "x", "naam": "Łukasz"}


@pytest.mark.parametrize("data", [b"", b"\x02abc", bytes([DEFLATE_DICT_1]) + b"\xff\x00junk",
                                  encode({"a": 1})[:-3]])
def test_a_document_that_does_not_unpack_is_damage(data: bytes) -> None:
    with pytest.raises(DamagedVaultError):
        decode(data)


def test_schema_4_vault_upgrades_and_compresses_on_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "schema-4.zorg"
    for suffix in ("", ".key", ".head"):
        shutil.copy(DATA / f"schema-4.zorg{suffix}", Path(str(target) + suffix))
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        with vault.transaction() as db:
            repo = DossierRepository(db)
            kinds = {t for (t,) in db.execute("SELECT typeof(data) FROM dossier_doc")}
            assert kinds == {"text"}  # migrated in SQL: documents stay as they were
            docs = list(repo.documents())
            assert len(docs) == 12
            index: dict[str, object] = dict(db.execute("SELECT uuid, geschatte_leeftijd FROM dossier"))
            assert index == {d["uuid"]: d["persoon"]["geschatte_leeftijd"] for d in docs}
            dossier = repo.get(docs[0]["uuid"])
            repo.update(dossier)
            kind = db.execute("SELECT typeof(d.data) FROM dossier_doc d JOIN dossier "
                              "USING (id) WHERE uuid = ?", (dossier.uuid,)).fetchone()[0]
            assert kind == "blob" and repo.document(dossier.uuid) == docs[0]
    finally:
        vault.lock()
