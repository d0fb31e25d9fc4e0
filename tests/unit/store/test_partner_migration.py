"""Upgrading a vault whose cases have free-text partners: roles become fixed roles (the
text kept as a note), names become address-book entries, the index is filled."""

from __future__ import annotations

import shutil
from pathlib import Path

from zorgapp.domain.partners import PartnerRol
from zorgapp.store import keyfile
from zorgapp.store.connection import connect
from zorgapp.store.doc_codec import decode, encode
from zorgapp.store.dossiers import DossierRepository, Filter
from zorgapp.store.migrations import latest_version
from zorgapp.store.partners import PartnerRepository
from zorgapp.store.vault import Vault

DATA = Path(__file__).resolve().parents[2] / "data"
OLD_PASSPHRASE = "oude kluis testzin"
OLD = DATA / "schema-5.zorg"

FREE_TEXT = [
    [{"uuid": "0b6c8f3e-5f0a-4c6e-9d1a-1a2b3c4d5e01", "naam": "Politie Hollands Midden",
      "rol": "Politie (AVIM)", "contact": "rechercheur De Wit"},
     {"uuid": "0b6c8f3e-5f0a-4c6e-9d1a-1a2b3c4d5e02", "naam": "Mr. Visser",
      "rol": "advocaat", "contact": "06-00000000"},
     {"uuid": "0b6c8f3e-5f0a-4c6e-9d1a-1a2b3c4d5e03", "naam": "Veilig Thuis",
      "rol": "Veilig Thuis", "contact": ""}],
    [{"uuid": "0b6c8f3e-5f0a-4c6e-9d1a-1a2b3c4d5e04", "naam": "politie hollands midden",
      "rol": "wijkagent", "contact": ""}],
]


def _old_vault_with_free_text_partners(tmp_path: Path) -> tuple[Path, list[str]]:
    """The schema-5 fixture, with free-text partners written into two documents."""
    target = tmp_path / OLD.name
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(OLD) + suffix), Path(str(target) + suffix))
    key = keyfile.read_key_file(target).unwrap(OLD_PASSPHRASE)
    raw = connect(target, key, pragmas=False)
    assert raw.execute("PRAGMA user_version").fetchone()[0] < latest_version()
    rows = raw.execute("SELECT d.id, d.data, x.uuid FROM dossier_doc d JOIN dossier x "
                       "USING (id) ORDER BY d.id LIMIT 2").fetchall()
    uuids = []
    for (row_id, data, uuid), partners in zip(rows, FREE_TEXT, strict=True):
        doc = decode(data)
        doc["partners"] = partners
        raw.execute("UPDATE dossier_doc SET data = ? WHERE id = ?", (encode(doc), row_id))
        uuids.append(uuid)
    raw.commit()
    raw.close()
    return target, uuids


def test_upgrade_maps_free_text_roles_and_fills_the_address_book(tmp_path: Path) -> None:
    path, (eerste, tweede) = _old_vault_with_free_text_partners(tmp_path)
    vault = Vault.unlock(path, OLD_PASSPHRASE)
    try:
        assert vault.schema_version() == latest_version()
        with vault.read() as db:
            repo = DossierRepository(db)
            partners = repo.get(eerste).partners
            assert [p.rol for p in partners] == [PartnerRol.POLITIE, PartnerRol.ADVOCAAT,
                                                 PartnerRol.ANDERS]
            assert [p.toelichting for p in partners] == ["Politie (AVIM)", "", "Veilig Thuis"]
            assert partners[0].contact == "rechercheur De Wit"  # nothing typed is lost
            ander = repo.get(tweede).partners[0]
            assert ander.rol is PartnerRol.POLITIE and ander.toelichting == "wijkagent"
            # One address-book entry per name, however it was capitalised.
            adresboek = PartnerRepository(db)
            assert sorted(n for _u, n in adresboek.namen()) == [
                "Mr. Visser", "Politie Hollands Midden", "Veilig Thuis"]
            assert ander.organisatie == partners[0].organisatie
            # The filter and the caseload read the index the upgrade filled.
            politie = partners[0].organisatie
            gevonden = repo.ids(Filter(partner=politie))
            assert sorted(repo.rows(gevonden)[i].uuid for i in gevonden) == sorted([eerste, tweede])
            assert adresboek.in_gebruik(politie) == 2
        assert vault.check() == []
    finally:
        vault.lock()
