"""Attachments travel in case bundles: listed and hashed in the manifest, readable with
the ``age`` tool, round-tripped between two vaults, and refused when they lie."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from tests.unit.exchange.conftest import Pair
from tests.unit.exchange.mini_schema import validate
from tests.unit.exchange.test_age_cli import SCHEMA, needs_age
from tests.unit.exchange.test_bad_bundles import members, seal
from zorgapp.domain.bijlage import MAX_GROOTTE
from zorgapp.exchange import format as fmt
from zorgapp.exchange import importer
from zorgapp.services.bijlage_service import BijlageService

PDF = b"%PDF-1.4\n% toestemmingsformulier BIJLAGE-MARKER-5521\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def attach(pair: Pair) -> tuple[str, str]:
    service = BijlageService(pair.a, actor="anna")
    pdf = service.voeg_toe(pair.uuids[0], "toestemming.pdf", PDF, "Getekende toestemming")
    png = service.voeg_toe(pair.uuids[1], "paspoort.png", PNG, "")
    return pdf.uuid, png.uuid


def bijlagen(pair: Pair, vault, dossier: str) -> list[tuple[str, str, bytes]]:
    service = BijlageService(vault)
    return [(b.naam, b.omschrijving, service.bekijk(b.uuid)[1]) for b in service.lijst(dossier)]


def test_attachments_round_trip_between_two_vaults(pair: Pair) -> None:
    attach(pair)
    bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "met-bijlagen", [pair.sb.kaart().age_recipient])
    voorbeeld = pair.sb.bekijk(bundle.pad)
    assert [d.status for d in voorbeeld.dossiers] == [importer.NIEUW] * 3
    pair.sb.importeer(voorbeeld)
    assert bijlagen(pair, pair.b, pair.uuids[0]) == [("toestemming.pdf", "Getekende toestemming", PDF)]
    assert bijlagen(pair, pair.b, pair.uuids[1]) == [("paspoort.png", "", PNG)]
    assert bijlagen(pair, pair.b, pair.uuids[2]) == []
    # the same bundle again: identical, nothing to do
    again = pair.sb.bekijk(bundle.pad)
    assert {d.status for d in again.dossiers} == {importer.GELIJK}


def test_a_new_attachment_makes_the_case_differ_and_theirs_or_both_carry_it(pair: Pair) -> None:
    first = pair.sa.exporteer(pair.uuids, pair.tmp / "een", [pair.sb.kaart().age_recipient])
    pair.sb.importeer(pair.sb.bekijk(first.pad))
    attach(pair)
    second = pair.sa.exporteer(pair.uuids[:2], pair.tmp / "twee", [pair.sb.kaart().age_recipient])
    voorbeeld = pair.sb.bekijk(second.pad)
    assert [d.status for d in voorbeeld.dossiers] == [importer.ANDERS] * 2
    assert any(v.pad.startswith("bijlagen") for v in voorbeeld.dossiers[0].verschillen)
    result = pair.sb.importeer(voorbeeld, {pair.uuids[0]: importer.THEIRS, pair.uuids[1]: importer.BOTH})
    assert bijlagen(pair, pair.b, pair.uuids[0])[0][2] == PDF
    assert bijlagen(pair, pair.b, pair.uuids[1]) == []          # mine kept as it was
    kopie = result.kopie[0][1]
    assert bijlagen(pair, pair.b, kopie) == [("paspoort.png", "", PNG)]
    # the copy's attachment has a uuid of its own
    with pair.a.read() as a_db, pair.b.read() as b_db:
        a_ids = {r[0] for r in a_db.execute("SELECT uuid FROM bijlage")}
        assert {r[0] for r in b_db.execute("SELECT uuid FROM bijlage WHERE dossier_uuid = ?", (kopie,))} \
            .isdisjoint(a_ids)


def test_a_bundle_without_attachments_stays_format_version_1(pair: Pair) -> None:
    items = members(pair)
    assert json.loads(items[0][1])["format_version"] == fmt.FORMAT_VERSION == 1
    attach(pair)
    items = members(pair)
    manifest = json.loads(items[0][1])
    assert manifest["format_version"] == fmt.BIJLAGEN_VERSION
    assert validate(manifest, SCHEMA, "manifest") == []
    names = [name for name, _data in items]
    assert names[:2] == [fmt.MANIFEST, fmt.SIGNATURE]
    assert sum(n.startswith("bijlagen/") for n in names) == 2


@needs_age
def test_the_age_tool_opens_a_bundle_and_finds_the_attachment(pair: Pair, tmp_path: Path) -> None:
    pdf_uuid, _png = attach(pair)
    key = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    recipient = next(line.split(":", 1)[1].strip() for line in key.read_text().splitlines()
                     if line.startswith("# public key:"))
    bundle = pair.sa.exporteer(pair.uuids, tmp_path / "case", [recipient]).pad
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run(f"age -d -i '{key}' '{bundle}' | tar -x -C '{out}'", shell=True, check=True)
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert validate(manifest, SCHEMA, "manifest") == []
    entry = next(b for b in manifest["bijlagen"] if b["uuid"] == pdf_uuid)
    assert entry["naam"] == "toestemming.pdf" and entry["type"] == "application/pdf"
    assert entry["dossier"] == pair.uuids[0] and entry["omschrijving"] == "Getekende toestemming"
    content = (out / entry["file"]).read_bytes()
    assert content == PDF
    assert manifest["members"][entry["file"]] == {"sha256": hashlib.sha256(PDF).hexdigest(),
                                                  "size": len(PDF)}


def _refused(pair: Pair, items: list[tuple[str, bytes]], error: type[Exception]) -> None:
    with pytest.raises(error):
        pair.sb.bekijk(seal(pair, items))
    with pair.b.read() as db:
        assert db.execute("SELECT count(*) FROM bijlage").fetchone()[0] == 0


def test_an_attachment_larger_than_declared_is_refused(pair: Pair) -> None:
    attach(pair)
    items = members(pair)
    name = next(n for n, _d in items if n.startswith("bijlagen/"))
    items = [(n, d + b"x" if n == name else d) for n, d in items]  # manifest still says the old size
    _refused(pair, items, fmt.BundleDamagedError)


def test_an_attachment_declared_over_25_mb_is_refused_before_reading(pair: Pair) -> None:
    attach(pair)

    def edit(manifest: dict) -> None:
        entry = manifest["bijlagen"][0]
        manifest["members"][entry["file"]]["size"] = entry["grootte"] = MAX_GROOTTE + 1

    _refused(pair, members(pair, edit), fmt.BundleDamagedError)


def test_an_attachment_of_a_dossier_not_in_the_bundle_is_refused(pair: Pair) -> None:
    attach(pair)
    items = members(pair, lambda m: m["bijlagen"][0].update(dossier="00000000-0000-4000-8000-000000000000"))
    _refused(pair, items, fmt.BundleDamagedError)


def test_the_reader_takes_a_25_mb_attachment(pair: Pair) -> None:
    big = b"%PDF-1.4\n" + b"0" * (MAX_GROOTTE - 9)
    BijlageService(pair.a).voeg_toe(pair.uuids[0], "groot.pdf", big)
    bundle = pair.sa.exporteer(pair.uuids[:1], pair.tmp / "groot", [pair.sb.kaart().age_recipient])
    pair.sb.importeer(pair.sb.bekijk(bundle.pad))
    assert bijlagen(pair, pair.b, pair.uuids[0])[0][2] == big
