"""Make a vault at every schema version, for the upgrade tests (run once per release).

    python tests/data/make_old_vaults.py VERSION

Writes ``tests/data/schema-VERSION.zorg`` (+ .key, .head) with passphrase
``oude kluis testzin`` and a cheap key derivation, containing a marker and, from
schema 2 on, a few demo dossiers. Existing files are never overwritten: an old vault
must stay exactly as that version wrote it.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from zorgapp.store import keyfile
from zorgapp.store import migrations as migrations_mod
from zorgapp.store import vault as vault_mod

PASSPHRASE = "oude kluis testzin"
HERE = Path(__file__).resolve().parent


def make(version: int) -> Path:
    target = HERE / f"schema-{version}.zorg"
    if target.exists():
        raise SystemExit(f"{target} exists: old vaults are never regenerated")
    all_steps = migrations_mod.migrations()
    vault_mod.migrations = lambda: all_steps[:version]  # type: ignore[attr-defined]
    vault_mod.latest_version = lambda: version  # type: ignore[attr-defined]
    keyfile.DEFAULT_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)
    vault, _recovery = vault_mod.Vault.create(target, PASSPHRASE)
    vault.set_meta("marker", f"schema {version}")
    if version >= 2:
        from zorgapp.services.demo import DemoGenerator
        from zorgapp.store.dossiers import DossierRepository

        generator = DemoGenerator(seed=version, vandaag=date(2026, 11, 1))
        with vault.transaction() as db:
            rows = [(d, _deadlines(d, version)) for d in generator.dossiers(12)]
            DossierRepository(db).insert_many(rows, is_demo=True)
    vault.lock()
    return target


def _deadlines(dossier: Any, version: int) -> Any:
    """From schema 15 on a case's open deadlines are index rows, written with it."""
    if version < 15:
        return None
    from zorgapp.domain.deadlines import deadlines_voor

    return deadlines_voor(dossier, date(2026, 11, 1))


if __name__ == "__main__":
    print(make(int(sys.argv[1])))
