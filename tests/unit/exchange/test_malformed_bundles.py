"""Bundles that are signed correctly but malformed inside: a buggy or hostile sender.

The signature only says who made the bundle, not that it is well formed. Every such
bundle is refused with a clear message (a KnownError, never a KeyError or TypeError
from deep inside), and nothing is imported.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.unit.exchange.conftest import Pair
from tests.unit.exchange.test_bad_bundles import members, refused, seal
from zorgapp.errors import UsageError
from zorgapp.exchange import format as fmt
from zorgapp.exchange.keys import load_identity


def _resigned(pair: Pair, items: list[tuple[str, bytes]], manifest_bytes: bytes) -> bytes:
    """Seal ``items`` with ``manifest_bytes`` as manifest, signed by A as usual."""
    with pair.a.read() as db:
        identity = load_identity(db)
    assert identity is not None
    keys, _card = identity
    items = list(items)
    items[0] = (fmt.MANIFEST, manifest_bytes)
    items[1] = (fmt.SIGNATURE, base64.b64encode(keys.sign(manifest_bytes)) + b"\n")
    return seal(pair, items)


def _with_dossier_document(pair: Pair, edit: Callable[[dict[str, Any]], Any]) -> bytes:
    """The first dossier document edited; the manifest's size and hash follow, re-signed."""
    items = members(pair)
    name, content = items[2]
    document = json.loads(content)
    edit(document)
    new = fmt.encode_json(document)
    items[2] = (name, new)
    manifest = json.loads(items[0][1])
    manifest["members"][name] = {"size": len(new), "sha256": hashlib.sha256(new).hexdigest()}
    return _resigned(pair, items, fmt.encode_json(manifest))


def _first_member(manifest: dict[str, Any]) -> dict[str, Any]:
    return next(iter(manifest["members"].values()))


MANIFEST_EDITS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "another format": lambda m: m.update(format="iets-anders"),
    "version zero": lambda m: m.update(format_version=0),
    "version as text": lambda m: m.update(format_version="1"),
    "members not a table": lambda m: m.update(members=[]),
    "dossiers not a list": lambda m: m.update(dossiers={}),
    "member hash not hex": lambda m: _first_member(m).update(sha256="zz" * 32),
    "member size negative": lambda m: _first_member(m).update(size=-1),
    "member size as text": lambda m: _first_member(m).update(size="12"),
    "member size one byte more": lambda m: _first_member(m).update(
        size=_first_member(m)["size"] + 1),
    "dossier entry not a table": lambda m: m["dossiers"].__setitem__(0, "HM-2026-0001"),
    "dossier file elsewhere": lambda m: m["dossiers"][0].update(file="dossiers/other.json"),
    "dossier listed twice": lambda m: m["dossiers"].append(dict(m["dossiers"][0])),
    "creation time missing": lambda m: m.pop("created_at"),
    "bundle id not text": lambda m: m.update(bundle_uuid=7),
    "recipients not a list": lambda m: m.update(recipients="bob"),
    "sender card unreadable": lambda m: m.update(sender={"naam": 1}),
    "encryption other than used": lambda m: m.update(encryption="passphrase"),
}


@pytest.mark.parametrize("edit", MANIFEST_EDITS.values(), ids=MANIFEST_EDITS.keys())
def test_signed_but_malformed_manifest_is_refused(pair: Pair,
                                                   edit: Callable[[dict[str, Any]], Any]) -> None:
    items = members(pair)
    manifest = json.loads(items[0][1])
    edit(manifest)
    refused(pair, _resigned(pair, items, fmt.encode_json(manifest)), fmt.BundleDamagedError)


@pytest.mark.parametrize("raw", [b"not json", b"\xff\xfe manifest", b"[1, 2, 3]"])
def test_signed_manifest_that_is_not_a_json_object_is_refused(pair: Pair, raw: bytes) -> None:
    refused(pair, _resigned(pair, members(pair), raw), fmt.BundleDamagedError)


def test_signature_that_is_not_base64_is_refused(pair: Pair) -> None:
    items = members(pair)
    items[1] = (fmt.SIGNATURE, b"dit is geen handtekening!\n")
    refused(pair, seal(pair, items), fmt.BundleSignatureError)


def test_manifest_must_come_first_and_members_only_once(pair: Pair) -> None:
    items = members(pair)
    refused(pair, seal(pair, [items[1], items[0], *items[2:]]), fmt.BundleDamagedError)
    refused(pair, seal(pair, [*items, items[2]]), fmt.BundleDamagedError)


def test_oversized_signature_is_refused(pair: Pair) -> None:
    items = members(pair)
    items[1] = (fmt.SIGNATURE, b"A" * (fmt.MAX_SIGNATURE_BYTES + 1))
    refused(pair, seal(pair, items), fmt.BundleDamagedError)


DOCUMENT_EDITS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "another format": lambda d: d.update(format="iets-anders"),
    "dossier of another uuid": lambda d: d["dossier"].update(
        uuid="00000000-0000-4000-8000-000000000000"),
    "parts not a table": lambda d: d.update(parts=[]),
    "demo flag as text": lambda d: d.update(demo="ja"),
}


@pytest.mark.parametrize("edit", DOCUMENT_EDITS.values(), ids=DOCUMENT_EDITS.keys())
def test_signed_but_malformed_dossier_document_is_refused(
        pair: Pair, edit: Callable[[dict[str, Any]], Any]) -> None:
    refused(pair, _with_dossier_document(pair, edit), fmt.BundleDamagedError)


def test_dossier_document_from_a_newer_zorgapp_asks_for_an_update(pair: Pair) -> None:
    data = _with_dossier_document(
        pair, lambda d: d.update(format_version=fmt.FORMAT_VERSION + 1))
    error = refused(pair, data, fmt.BundleVersionError)
    assert "Werk Zorgapp bij" in error.user_message()


def test_dossier_document_that_is_not_json_is_refused(pair: Pair) -> None:
    items = members(pair)
    name, _content = items[2]
    garbage = b"\x00 geen json"
    items[2] = (name, garbage)
    manifest = json.loads(items[0][1])
    manifest["members"][name] = {"size": len(garbage),
                                 "sha256": hashlib.sha256(garbage).hexdigest()}
    refused(pair, _resigned(pair, items, fmt.encode_json(manifest)), fmt.BundleDamagedError)


def test_choosing_how_to_encrypt_is_checked() -> None:
    recipient = "age1" + "q" * 58
    with pytest.raises(UsageError):
        fmt.encrypt(b"x", [recipient], passphrase="geheim")
    with pytest.raises(UsageError):
        fmt.encrypt(b"x", [], passphrase="")
    with pytest.raises(UsageError):
        fmt.encrypt(b"x")


def test_passphrase_bundle_without_a_passphrase_asks_for_one() -> None:
    data = fmt.encrypt(b"inhoud", passphrase="lange geheime zin")
    with pytest.raises(fmt.BundlePassphraseError) as info:
        fmt.open_bundle(data)
    assert "wachtwoordzin" in info.value.user_message()
    with pytest.raises(fmt.BundlePassphraseError):
        fmt.open_bundle(data, passphrase="verkeerd")
    # The right passphrase opens it; what is inside is then checked (and is no bundle).
    with pytest.raises(fmt.BundleDamagedError):
        fmt.open_bundle(data, passphrase="lange geheime zin")


def test_a_placement_whose_expected_end_is_before_its_start_is_refused(pair: Pair) -> None:
    """Issue 12: the date rules of a placement hold in a bundle too."""
    request: dict[str, Any] = {"uuid": "6f1c2b1e-1d1a-4c3e-9a55-0d3f7f0c1a01", "locatie": None, "type": "VO",
               "status": "aangevraagd", "aangevraagd_op": "2026-05-01", "van": "2026-06-01",
               "tot": None, "einde_reden": None, "financier": None, "gemeente_code": None,
               "evaluatiedatum": None, "verwachte_einddatum": "2026-05-01", "tarieven": []}
    data = _with_dossier_document(
        pair, lambda d: d["parts"].__setitem__("plaatsingen", [request]))
    error = refused(pair, data)
    assert "verwachte einde" in error.user_message()
