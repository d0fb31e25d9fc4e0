"""Documents stored compressed (schema 5); documents of older vaults stay readable."""

from __future__ import annotations

import hashlib
import json
import shutil
import zlib
from datetime import date
from pathlib import Path

import pytest

from zorgapp.errors import DamagedVaultError
from zorgapp.services.demo import DemoGenerator
from zorgapp.store.doc_codec import (
    DEFLATE_DICT_1,
    DEFLATE_DICT_2,
    DEFLATE_UUIDS,
    DICT_1,
    _with_uuids,
    decode,
    dict_2,
    encode,
)
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"


def test_round_trip_and_size() -> None:
    docs = [d.to_dict() for d in DemoGenerator(seed=3, vandaag=date(2026, 11, 1)).dossiers(50)]
    for doc in docs:
        packed = encode(doc)
        assert packed[0] == DEFLATE_UUIDS and decode(packed) == doc
    plain = sum(len(json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode())
                for d in docs)
    assert sum(len(encode(d)) for d in docs) < plain / 3


def _pack_1(doc: dict[str, object]) -> bytes:
    """A document as schema 5 to 15 packed it (``DICT_1``, 8 KiB window)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -13, 8, zlib.Z_DEFAULT_STRATEGY, DICT_1)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    return bytes((DEFLATE_DICT_1,)) + packer.compress(text) + packer.flush()


def test_documents_packed_with_the_first_dictionary_stay_readable_and_the_second_is_smaller(
        ) -> None:
    docs = [d.to_dict() for d in DemoGenerator(seed=5, vandaag=date(2026, 11, 1)).dossiers(200)]
    for doc in docs:
        assert decode(_pack_1(doc)) == doc
    assert sum(len(encode(d)) for d in docs) < 0.95 * sum(len(_pack_1(d)) for d in docs)


def _pack_2(doc: dict[str, object]) -> bytes:
    """A document as schema 16 packed it (``DICT_2``, zlib's default level)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, dict_2())
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    return bytes((DEFLATE_DICT_2,)) + packer.compress(text) + packer.flush()


def test_documents_of_schema_16_stay_readable_and_taking_uuids_out_saves_a_seventh() -> None:
    docs = [d.to_dict() for d in DemoGenerator(seed=7, vandaag=date(2026, 11, 1)).dossiers(200)]
    for doc in docs:
        assert decode(_pack_2(doc)) == doc
    assert sum(len(encode(d)) for d in docs) < 6 / 7 * sum(len(_pack_2(d)) for d in docs)


_UUID_1, _UUID_2 = "6f3d6c77-2cf4-4e27-8a2d-1bd604a6f455", "8141196b-250a-4918-ad82-4657366de515"
ODD_DOCUMENTS = [
    {},
    {"a": "\u0001 \x01", "b": "\u2028"},  # control characters: escaped by json.dumps
    {"u": _UUID_1.upper(), "v": _UUID_1 + "0", "w": "0" + _UUID_1},  # not a whole uuid
    {"lijst": [_UUID_1, _UUID_2, _UUID_1], "tekst": f"zie {_UUID_2}", _UUID_1: _UUID_2},
    {"leeg": [], "n": None, "x": 1.5, "naam": "Łukasz Ștefănescu"},
]


@pytest.mark.parametrize("doc", ODD_DOCUMENTS)
def test_the_text_comes_back_byte_for_byte(doc: dict[str, object]) -> None:
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    packed = encode(doc)
    assert packed[0] == DEFLATE_UUIDS and _with_uuids(packed) == text and decode(packed) == doc


def test_demo_documents_come_back_byte_for_byte() -> None:
    for dossier in DemoGenerator(seed=11, vandaag=date(2026, 11, 1)).dossiers(100):
        doc = dossier.to_dict()
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
        assert _with_uuids(encode(doc)) == text


def test_the_uuid_format_never_changes() -> None:
    """A document packed by schema 18 must stay readable by every later version."""
    packed = bytes.fromhex(
        "0300026f3d6c772cf44e278a2d1bd604a6f4558141196b250a4918ad824657366de515c3ecc21c6d2c"
        "cd4e2cae826cd92856b28a66d451aa508a457425aa3253152c0c4d0c0d2dcd92748d4c0d12754d2c0d"
        "2d7413532c8c744dcc4ccd8dcdcc52524d0d4d956a01")
    assert decode(packed) == {"uuid": _UUID_1, "naam": "Łukasz", "refs": [_UUID_2, "x"],
                              "tekst": f"zie {_UUID_2}"}


def test_the_second_dictionary_never_changes_and_holds_no_text_of_anybody() -> None:
    """Documents packed with it can only be read with exactly these bytes."""
    assert hashlib.sha256(dict_2()).hexdigest() == (
        "cc790d888f402e931712b2104b878d9e5ca2921285a4c72d2823cbdcaa8ec9b6")
    for line in dict_2().decode().splitlines():
        persoon = json.loads(line)["persoon"]
        assert persoon["naam"] == "" and persoon["aliassen"] in ([], [""])


def test_plain_json_of_older_vaults_is_read_as_it_is() -> None:
    assert decode('{"uuid": "x", "naam": "Łukasz"}') == {"uuid": "x", "naam": "Łukasz"}


@pytest.mark.parametrize("data", [b"", b"\x02abc", b"\x03abc", b"\x04abc",
                                  bytes([DEFLATE_DICT_1]) + b"\xff\x00junk", encode({"a": 1})[:-3],
                                  encode({"u": _UUID_1})[:19], _pack_2({"a": 1})[:-3],
                                  b"\x03\x00\x02" + encode({"u": _UUID_1})[3:]])
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
            # Same content (in the current document format) after compression.
            assert kind == "blob" and repo.document(dossier.uuid) == dossier.to_dict()
            assert repo.get(dossier.uuid).to_dict() == dossier.to_dict()
    finally:
        vault.lock()
