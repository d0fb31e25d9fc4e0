"""A bundle for a key made by ``age-keygen`` opens with the standard tools, and its
JSON matches the documented schema (docs/bundle-schema.json)."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.unit.exchange.conftest import Pair
from tests.unit.exchange.mini_schema import validate

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "docs" / "bundle-schema.json").read_text(encoding="utf-8"))

needs_age = pytest.mark.skipif(shutil.which("age") is None or shutil.which("age-keygen") is None,
                               reason="the age command-line tool (Debian package 'age') is not installed")


@needs_age
def test_bundle_opens_with_age_and_tar_and_matches_the_schema(pair: Pair, tmp_path: Path) -> None:
    key = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    recipient = next(line.split(":", 1)[1].strip() for line in key.read_text().splitlines()
                     if line.startswith("# public key:"))
    # one case with every field of opvangbehoeften filled, so the schema sees them all
    from tests.unit.reports.fixtures import behoeften
    from zorgapp.services.dossier_service import DossierService

    DossierService(pair.a).opvangbehoeften_opslaan(pair.uuids[0], behoeften())
    bundle = pair.sa.exporteer(pair.uuids, tmp_path / "case", [recipient]).pad
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run(f"age -d -i '{key}' '{bundle}' | tar -x -C '{out}'", shell=True, check=True)

    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert names == sorted(["manifest.json", "manifest.sig"] + [f"dossiers/{u}.json" for u in pair.uuids])

    manifest_bytes = (out / "manifest.json").read_bytes()
    manifest = json.loads(manifest_bytes)
    assert validate(manifest, SCHEMA, "manifest") == []
    assert manifest["recipients"] == [recipient]

    # the signature, as docs/bundle-format.md tells a reader to check it
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    signature = base64.b64decode((out / "manifest.sig").read_text().strip())
    Ed25519PublicKey.from_public_bytes(bytes.fromhex(manifest["sender"]["signing_key"])).verify(
        signature, manifest_bytes)

    for name, entry in manifest["members"].items():
        data = (out / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
        document = json.loads(data)
        assert validate(document, SCHEMA, "dossier_file") == []
    first = json.loads((out / "dossiers" / f"{pair.uuids[0]}.json").read_text(encoding="utf-8"))
    assert first["dossier"] == pair.documents(pair.a)[pair.uuids[0]]
    assert first["dossier"]["opvangbehoeften"]["kinderen"][0]["naam"] == "Ionuț Ștefănescu"


def test_the_schema_check_itself_catches_a_wrong_document(pair: Pair) -> None:
    doc: dict[str, Any] = {"format": "zorgapp-dossier", "format_version": 1, "demo": True, "parts": {},
           "dossier": pair.documents(pair.a)[pair.uuids[0]]}
    assert validate(doc, SCHEMA, "dossier_file") == []
    doc["dossier"] = dict(doc["dossier"], dossiernummer="2024-1", onbekend=1)
    problems = validate(doc, SCHEMA, "dossier_file")
    assert any("dossiernummer" in p for p in problems) and any("onbekend" in p for p in problems)


@needs_age
def test_a_bundle_made_by_the_age_tool_with_our_card_is_read(pair: Pair, tmp_path: Path) -> None:
    """The other direction: an archive encrypted with the age CLI to B's card imports in B."""
    from zorgapp.exchange import format as fmt
    from zorgapp.exchange.export import collect
    from zorgapp.exchange.keys import load_identity

    with pair.a.read() as db:
        identity = load_identity(db)
        assert identity is not None
        keys, card = identity
        files = collect(db, pair.uuids)
    tar = fmt.make_tar(fmt.build_members(files, card, keys, [pair.sb.kaart().age_recipient], "x25519"))
    (tmp_path / "plain.tar").write_bytes(tar)
    subprocess.run(["age", "-r", pair.sb.kaart().age_recipient, "-o", str(tmp_path / "b.zorgbundle"),
                    str(tmp_path / "plain.tar")], check=True)
    pair.sb.importeer(pair.sb.bekijk(tmp_path / "b.zorgbundle"))
    assert pair.documents(pair.b) == pair.documents(pair.a)
