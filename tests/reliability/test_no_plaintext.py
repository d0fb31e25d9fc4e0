"""No personal data in plaintext on disk: vault, key file, WAL, backups, logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from zorgapp.domain.zoeken import vouw
from zorgapp.logs import setup_logging
from zorgapp.paths import resource
from zorgapp.services.demo import fill_demo
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.backup import make_backup
from zorgapp.store.dossiers import Filter
from zorgapp.store.vault import Vault

from ..conftest import PASSPHRASE

#: Shorter byte strings turn up by chance in megabytes of ciphertext (a 4-byte name
#: matches a random 5 MB file with odds of about 1 in 1,000), which made this test flaky.
MIN_BYTES = 6


def demo_names() -> set[str]:
    pools = json.loads(resource("data", "demo_data_rules.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    for pool in pools["names"]["pools"].values():
        for key in ("given_f", "given_m", "family"):
            names.update(pool[key])
    # Also the folded forms that go into the search index.
    return names | {vouw(n) for n in names}


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_no_demo_name_in_any_file(tmp_path: Path, isolated_data_dir: Path) -> None:
    log_file = setup_logging(folder=isolated_data_dir)
    vault_path = tmp_path / "kluis.zorg"
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    fill_demo(vault, 300)
    service = DossierService(vault)
    ids = service.zoek(Filter(zoek="stefanescu"))
    rows = service.rijen(ids)
    full_names = {row.naam for row in service.rijen(service.zoek(Filter())).values()}
    assert len(full_names) > 100
    for row in list(rows.values())[:5]:
        service.open(row.uuid)
        logging.getLogger("zorgapp.test").info("opened dossier %s", row.uuid)
    make_backup(vault)
    # Check while the vault is open (the WAL exists) and after it is closed.
    snapshots = [{p: p.read_bytes() for p in every_file(tmp_path)}]
    assert any(str(p).endswith("-wal") for p in snapshots[0]), "WAL should exist while open"
    vault.lock()
    snapshots.append({p: p.read_bytes() for p in every_file(tmp_path) + every_file(isolated_data_dir)})
    names = demo_names() | full_names | {vouw(n) for n in full_names}
    assert "Ștefănescu" in names and "stefanescu" in names
    for snapshot in snapshots:
        for path, data in snapshot.items():
            for name in names:
                for encoded in (name.encode("utf-8"), name.encode("utf-16-le")):
                    if len(encoded) >= MIN_BYTES:
                        assert encoded not in data, f"{name!r} found in {path.name}"
    assert log_file in snapshots[1]
