"""Schema 006_geld: a vault's inhabitant figures become the figures of their own year."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tests.unit.store.test_migrations import DATA, OLD_PASSPHRASE
from zorgapp.services.region_service import RegionService
from zorgapp.store import keyfile
from zorgapp.store.connection import connect
from zorgapp.store.vault import Vault


def test_existing_figures_become_the_figure_of_their_year(tmp_path: Path) -> None:
    target = tmp_path / "v.zorg"
    for suffix in ("", ".key", ".head"):
        shutil.copy(Path(str(DATA / "schema-5.zorg") + suffix), Path(str(target) + suffix))
    key = keyfile.read_key_file(target).unwrap(OLD_PASSPHRASE)
    raw = connect(target, key, pragmas=False)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 5
    raw.execute("INSERT INTO regio (id, naam, gewijzigd_op) VALUES (1, 'Oud', '2025-01-01')")
    raw.executemany(
        "INSERT INTO gemeente (cbs_code, naam, inwoners, peildatum, in_regio, bron) "
        "VALUES (?, ?, ?, ?, 1, 'cbs')",
        [("GM0546", "Leiden", 125000, "2024-01-01"), ("GM0513", "Gouda", 75000, None),
         ("GM0547", "Leiderdorp", None, None)])
    raw.commit()
    raw.close()
    vault = Vault.unlock(target, OLD_PASSPHRASE)
    try:
        service = RegionService(vault)
        assert service.inwoners_per_jaar() == {"GM0546": {2024: 125000}, "GM0513": {0: 75000}}
        service.zet_inwoners("GM0546", 130000, date(2026, 1, 1))
        assert service.regio_in_jaar(2024).gemeenten["GM0546"].inwoners == 125000
        assert service.regio_in_jaar(2025).gemeenten["GM0546"].inwoners == 125000
        assert service.regio_in_jaar(2026).gemeenten["GM0546"].inwoners == 130000
        assert service.regio_in_jaar(2026).gemeenten["GM0513"].inwoners == 75000  # undated
    finally:
        vault.lock()
