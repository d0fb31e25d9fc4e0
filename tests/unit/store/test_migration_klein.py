"""Schema 18 (issue 15, smaller vaults): a vault of the schema before upgrades with its
partner index turned into numbers, its rates keyed by placement row id and its search
index rebuilt, and every reader finds what it found before."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from zorgapp.domain.opvang import Tarief
from zorgapp.domain.partners import Organisatie
from zorgapp.exchange.partner_parts import export_organisaties
from zorgapp.store import keyfile
from zorgapp.store.connection import connect
from zorgapp.store.dossiers import DossierRepository, Filter
from zorgapp.store.migrations import latest_version
from zorgapp.store.opvang import PlaatsingRepository
from zorgapp.store.partners import PartnerRepository, write_index
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"
IN_BOEK = "0b6c8f3e-5f0a-4c6e-9d1a-1a2b3c4d5e0a"  # in the address book
WEG = "0b6c8f3e-5f0a-4c6e-9d1a-1a2b3c4d5e0b"  # removed from it, still linked


def _old_vault(tmp_path: Path) -> tuple[Path, list[tuple[int, str]]]:
    """The last fixture before schema 18 (16) with partner links and a placement with
    two rates, written as that schema stores them (uuid text); the upgrade runs every
    step after it, 17 and 18 included."""
    old = DATA / "schema-16.zorg"
    target = tmp_path / old.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(old) + suffix), Path(str(target) + suffix))
    raw = connect(target, keyfile.read_key_file(target).unwrap(OLD_PASSPHRASE), pragmas=False)
    dossiers = [(int(r[0]), str(r[1])) for r in raw.execute(
        "SELECT id, uuid FROM dossier ORDER BY id LIMIT 3")]
    org = Organisatie(naam="Advocatenkantoor Test", uuid=IN_BOEK)
    raw.execute("INSERT INTO partner_organisatie (uuid, naam, data) VALUES (?, ?, ?)",
                (IN_BOEK, org.naam, json.dumps(org.to_dict())))
    (d1, _), (d2, _), _ = dossiers
    raw.executemany("INSERT INTO dossier_partner (dossier_id, organisatie, rol) VALUES (?, ?, ?)",
                    [(d1, IN_BOEK, "advocaat"), (d1, WEG, "tolk"), (d2, IN_BOEK, "tolk")])
    raw.execute(
        "INSERT INTO plaatsing (uuid, dossier_uuid, type, status, aangevraagd_op, van, "
        "financier, is_demo, gewijzigd_op) VALUES ('p-oud', ?, 'VO', 'geplaatst', "
        "'2026-05-01', '2026-06-01', 'gemeente', 0, '2026-05-01T00:00:00+00:00')",
        (dossiers[0][1],))
    raw.executemany("INSERT INTO plaatsing_tarief (plaatsing_uuid, geldig_vanaf, dagtarief) "
                    "VALUES ('p-oud', ?, ?)", [("2026-06-01", "95.50"), ("2026-09-01", "101.00")])
    raw.commit()
    raw.close()
    return target, dossiers


def test_upgrade_keeps_partner_links_rates_and_search(tmp_path: Path) -> None:
    path, ((d1, uuid1), (d2, uuid2), (d3, _)) = _old_vault(tmp_path)
    vault = Vault.unlock(path, OLD_PASSPHRASE)
    try:
        assert vault.schema_version() == latest_version()
        assert vault.check() == []
        with vault.read() as db:
            partners = PartnerRepository(db)
            assert partners.dossier_uuids(IN_BOEK) == [uuid1, uuid2]
            assert (partners.in_gebruik(IN_BOEK), partners.in_gebruik(WEG)) == (2, 1)
            assert set(DossierRepository(db).ids(Filter(partner=WEG))) == {d1}
            assert set(DossierRepository(db).ids(Filter(partner=IN_BOEK))) == {d1, d2}
            assert [o["uuid"] for o in export_organisaties(db, uuid1)] == [IN_BOEK]
            assert PlaatsingRepository(db).get("p-oud").tarieven == [
                Tarief(Decimal("95.50"), date(2026, 6, 1)),
                Tarief(Decimal("101.00"), date(2026, 9, 1))]
            naam = db.execute("SELECT naam FROM dossier WHERE id = ?", (d3,)).fetchone()[0]
            assert d3 in DossierRepository(db).ids(Filter(zoek=naam.split()[0]))
            kolommen = [r[1] for r in db.execute("PRAGMA table_info(dossier_partner)")]
            assert kolommen == ["dossier_id", "organisatie_id", "rol_id"]
            indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert "dossier_bedenktijd" not in indexes
        with vault.transaction() as db:  # new links reuse the numbers, and add new ones
            write_index(db, [(d3, WEG, "tolk"), (d3, "nieuw", "voogd")], replace=[d3])
            assert PartnerRepository(db).in_gebruik(WEG) == 2
            assert PartnerRepository(db).dossier_uuids("nieuw") == [
                db.execute("SELECT uuid FROM dossier WHERE id = ?", (d3,)).fetchone()[0]]
            assert db.execute("SELECT count(*) FROM partner_sleutel").fetchone()[0] == 3
    finally:
        vault.lock()


def test_deleting_a_placement_deletes_its_rates(tmp_path: Path) -> None:
    path, _ = _old_vault(tmp_path)
    vault = Vault.unlock(path, OLD_PASSPHRASE)
    try:
        with vault.transaction() as db:
            db.execute("DELETE FROM plaatsing WHERE uuid = 'p-oud'")
            assert db.execute("SELECT count(*) FROM plaatsing_tarief").fetchone()[0] == 0
    finally:
        vault.lock()
