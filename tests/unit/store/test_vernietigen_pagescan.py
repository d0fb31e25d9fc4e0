"""Issue 14 part 2, checked the way an auditor would: after ``zorgapp case destroy``, no
page of the vault (free pages included), no WAL frame, no -shm and no page of any backup
holds the person's name, birth date or BSN, in any stored form, nor the bytes of the
compressed case document or of an attachment; and ``audit verify`` still passes, for the
vault and for each rewritten backup. The same scan finds them all before the destruction,
so it can fail."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.unit.console_script import run_zorgapp
from tests.unit.store import pagescan
from zorgapp.domain.zoeken import vouw
from zorgapp.services.bijlage_service import BijlageService
from zorgapp.services.dossier_service import DossierService
from zorgapp.store import keyfile
from zorgapp.store.backup import backup_dir, list_backups, make_backup
from zorgapp.store.connection import connect
from zorgapp.store.vault import Vault

NAAM = "Łucja Ștefănescu-Qwertyuiop"
BSN = "123456782"
GEBOREN = date(1931, 2, 17)
VANDAAG = date(2026, 11, 1)


def _needles(doc_blob: bytes, bijlage: bytes) -> list[bytes]:
    forms = {NAAM, vouw(NAAM), NAAM.upper(), "Qwertyuiop", "qwertyuiop",
             BSN, "123 456 782", GEBOREN.isoformat(), GEBOREN.strftime("%d-%m-%Y")}
    needles = [f.encode("utf-8") for f in forms]
    needles += [f.encode("utf-16-le") for f in (NAAM, "Qwertyuiop")]
    return [*needles, doc_blob[40:72], doc_blob[-48:-16], bijlage[:32]]


def _prepare(path: Path) -> tuple[str, str, bytes, bytes]:
    """A closed demo case with placements, costs and a meeting item, given our person,
    a journal line and an attachment; then two backups."""
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        with vault.read() as db:
            uuid, nummer = db.execute(
                "SELECT uuid, dossiernummer FROM dossier d WHERE fase = 'afgesloten' "
                "ORDER BY (SELECT count(*) FROM plaatsing p WHERE p.dossier_uuid = d.uuid) > 0 DESC, "
                "(SELECT count(*) FROM kostenpost k WHERE k.dossier_uuid = d.uuid) > 0 DESC, "
                "(SELECT count(*) FROM overleg_punt o WHERE o.dossier_uuid = d.uuid) > 0 DESC, id "
                "LIMIT 1").fetchone()
        service = DossierService(vault, actor="test", vandaag=lambda: VANDAAG)
        persoon = dataclasses.replace(service.laad(uuid).persoon, naam=NAAM, bsn=BSN, geboortedatum=GEBOREN)
        service.persoon_opslaan(uuid, persoon)
        service.journaal_toevoegen(uuid, VANDAAG, f"Gesprek met {NAAM}, geboren {GEBOREN:%d-%m-%Y}")
        inhoud = f"Verklaring van {NAAM}, BSN {BSN}\n".encode() * 40
        BijlageService(vault).voeg_toe(uuid, "verklaring.txt", inhoud)
        make_backup(vault)
        service.journaal_toevoegen(uuid, VANDAAG, "Nog een regel")
        make_backup(vault)
        with vault.read() as db:
            blob = db.execute("SELECT data FROM dossier_doc JOIN dossier USING (id) WHERE uuid = ?",
                              (uuid,)).fetchone()[0]
    finally:
        vault.lock()
    return uuid, nummer, bytes(blob), inhoud


def _files(path: Path) -> list[Path]:
    return [path] + [b.path for b in list_backups(backup_dir(path))]


def _vocab(path: Path, key: bytes) -> list[str]:
    """Words the full-text index of a file still lists for our person."""
    db = connect(path, key, pragmas=False)
    try:
        db.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, dossier_fts, row)")
        return [r[0] for r in db.execute("SELECT term FROM temp.v WHERE term IN ('qwertyuiop', ?)", (BSN,))]
    finally:
        db.close()


def test_destroyed_case_leaves_no_byte_in_vault_wal_or_backups(demo_vault: Path, tmp_path: Path) -> None:
    uuid, nummer, blob, inhoud = _prepare(demo_vault)
    key = keyfile.read_key_file(demo_vault).unwrap(PASSPHRASE)
    needles = _needles(blob, inhoud)
    files = _files(demo_vault)
    assert len(files) >= 3  # the vault and our two backups
    before = {f.name: pagescan.found(f, key, needles) for f in files}
    assert all(before[f.name] for f in files[:1] + files[1:3]), before  # the scan does find them
    assert "qwertyuiop" in _vocab(demo_vault, key)

    proof = tmp_path / "verklaring.pdf"
    done = run_zorgapp(tmp_path / "data", "case", "destroy", str(demo_vault), nummer, "--confirm", nummer,
                       "--early", "--reason", "Verzoek betrokkene 2026-10", "--proof", str(proof))
    assert done.returncode == 0, done.stderr
    assert "herschreven" in done.stderr
    assert proof.read_bytes().startswith(b"%PDF")

    for f in _files(demo_vault):
        assert pagescan.found(f, key, needles) == [], f.name
        assert _vocab(f, key) == [], f.name
    for f in _files(demo_vault):
        verified = run_zorgapp(tmp_path / "data", "audit", "verify", str(f))
        assert verified.returncode == 0, (f.name, verified.stderr)

    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        with vault.read() as db:
            assert db.execute("SELECT count(*) FROM dossier WHERE uuid = ?", (uuid,)).fetchone()[0] == 0
            note = db.execute("SELECT fields FROM audit WHERE action = 'destroy'").fetchone()
            kept = db.execute("SELECT count(*) FROM audit WHERE record_uuid = ?", (uuid,)).fetchone()[0]
    finally:
        vault.lock()
    assert f"dossiernummer={nummer}" in json.loads(note[0]) and kept > 2
