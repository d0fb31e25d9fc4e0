"""``zorgapp case show --json`` carries the legal track (issue 12.1), from the installed
console script."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY, PASSPHRASE
from zorgapp.domain import verblijf
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.vault import Vault

from .console_script import run_zorgapp

pytestmark = pytest.mark.demo_vault(dossiers=60)


def _placed_in_bedenktijd(path: Path) -> str:
    """A demo case placed (or in aftercare) while its accepted bedenktijd runs."""
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        service = DossierService(vault, vandaag=lambda: DEMO_TODAY)
        for uuid in vault.conn.execute(
                "SELECT uuid FROM dossier WHERE fase IN ('geplaatst', 'begeleiding') "
                "AND bedenktijd_tot >= ?", (DEMO_TODAY.isoformat(),)).fetchall():
            dossier = service.laad(uuid[0])
            if verblijf.in_bedenktijd(dossier, DEMO_TODAY):
                return dossier.dossiernummer
    finally:
        vault.lock()
    raise AssertionError("the demo data has no client placed during bedenktijd")


def test_case_show_json_has_the_track_and_keeps_the_bedenktijd_deadline(
        demo_vault: Path, isolated_data_dir: Path) -> None:
    nummer = _placed_in_bedenktijd(demo_vault)
    done = run_zorgapp(isolated_data_dir, "case", "show", str(demo_vault), nummer, "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["fase"] in ("geplaatst", "begeleiding")
    track = doc["verblijf"]
    soorten = [e["soort"] for e in track["events"]]
    assert soorten[:2] == ["bedenktijd_aangeboden", "bedenktijd_besluit"]
    status = track["status"]["bedenktijd"]
    assert status["besluit"] == "aanvaard" and status["van"] <= DEMO_TODAY.isoformat()
    # the deadline is the legal track's, so it stays while the placement runs
    einde = [d for d in doc["deadlines"] if d["soort"] == "bedenktijd_einde"]
    assert einde and einde[0]["datum"] == status["einde"]
    assert date.fromisoformat(status["einde"]) >= DEMO_TODAY
