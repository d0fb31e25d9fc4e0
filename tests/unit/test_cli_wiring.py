"""No setup by import side effect: a dossier's deadlines are the same whichever module
a fresh interpreter imports first, in ``zorgapp case show --json`` and on the
dashboard (``DossierService.overzicht``, what the Overzicht page shows).

Before the wiring was explicit, a placement's evaluation date only counted as a
deadline once ``services/opvang_service`` had been imported by someone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.domain.codes import Fase, MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.opvang import OpvangType
from zorgapp.domain.persoon import Persoon
from zorgapp.services.dossier_service import DossierService
from zorgapp.services.opvang_service import OpvangService
from zorgapp.store.vault import Vault

from .console_script import environment, run_zorgapp

# Prints the dashboard's deadlines of one case after importing the named modules first.
DASHBOARD = """
import importlib, json, sys
from pathlib import Path
for name in sys.argv[3].split(","):
    importlib.import_module(name)
from zorgapp.services import vault_service
from zorgapp.services.dossier_service import DossierService
vault = vault_service.unlock(Path(sys.argv[1]), sys.argv[4])
try:
    o = DossierService(vault).overzicht()
finally:
    vault.lock()
print(json.dumps(sorted([d.soort.value, d.datum.isoformat()]
                        for d, row in o.achterstallig + o.binnenkort
                        if row.dossiernummer == sys.argv[2])))
"""

IMPORT_ORDERS = [
    "zorgapp.services.dossier_service",
    "zorgapp.store.vault,zorgapp.services.dossier_service",
    "zorgapp.services.opvang_service,zorgapp.commands.case,zorgapp.cli",
]


@pytest.fixture
def placed_case(vault_path: Path) -> tuple[Path, str, date]:
    """A case in shelter whose evaluation falls within the dashboard's two weeks."""
    today = date.today()
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    try:
        dossiers = DossierService(vault, actor="test")
        d = dossiers.nieuwe_melding(
            Persoon(naam="Ana Popescu"),
            Melding(datum=today - timedelta(days=30), melder_type=MelderType.POLITIE,
                    vormen=[Uitbuitingsvorm.ARBEID]))
        dossiers.overgang(d.uuid, Fase.INTAKE, today - timedelta(days=28), "test")
        OpvangService(vault, actor="test").plaats_direct(
            d.uuid, OpvangType.CRISIS, today - timedelta(days=3), dagtarief="150",
            evaluatiedatum=today + timedelta(days=4),
            verwachte_einddatum=today + timedelta(days=60))
    finally:
        vault.lock()
    return vault_path, d.dossiernummer, today


def _dashboard(vault: Path, nummer: str, order: str, data_dir: Path) -> list[list[str]]:
    done = subprocess.run([sys.executable, "-c", DASHBOARD, str(vault), nummer, order, PASSPHRASE],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env=environment(data_dir, None), check=False)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_deadlines_do_not_depend_on_import_order(placed_case: tuple[Path, str, date],
                                                 isolated_data_dir: Path) -> None:
    vault, nummer, today = placed_case
    shown = run_zorgapp(isolated_data_dir, "case", "show", str(vault), nummer, "--json")
    assert shown.returncode == 0, shown.stderr
    case_deadlines = [[d["soort"], d["datum"]] for d in json.loads(shown.stdout)["deadlines"]]
    evaluation = ["plaatsing_evaluatie", (today + timedelta(days=4)).isoformat()]
    assert evaluation in case_deadlines
    assert ["plaatsing_einde", (today + timedelta(days=60)).isoformat()] in case_deadlines

    horizon = (today + timedelta(days=14)).isoformat()
    expected = sorted(d for d in case_deadlines if d[1] <= horizon)
    for order in IMPORT_ORDERS:
        assert _dashboard(vault, nummer, order, isolated_data_dir) == expected, order

    listed = run_zorgapp(isolated_data_dir, "case", "list", str(vault), "--json")
    assert listed.returncode == 0, listed.stderr
    row = next(r for r in json.loads(listed.stdout) if r["dossiernummer"] == nummer)
    assert row["volgende_deadline"] == min(d[1] for d in case_deadlines)
