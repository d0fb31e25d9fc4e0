"""Issue 14 part 1 through the installed console script: ``retention list|hold|release``
and the refusals of ``case destroy`` (exit 2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.unit.console_script import run_zorgapp
from zorgapp.domain.bewaren import Bewaarplicht, bewaren_tot, standaard_termijnen, verstreken
from zorgapp.services.bewaren_service import BewaarService
from zorgapp.store.vault import Vault


def _listed(data: Path, path: Path, *extra: str) -> list[dict[str, object]]:
    done = run_zorgapp(data, "retention", "list", str(path), "--json", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_list_hold_release_and_destroy_refusals(demo_vault: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    closed = _listed(data, demo_vault)
    assert closed and set(closed[0]) == {"dossiernummer", "afgesloten_op", "bewaren_tot", "bewaarplicht"}
    first = closed[0]
    closed_on = date.fromisoformat(str(first["afgesloten_op"]))
    assert first["bewaren_tot"] == closed_on.replace(year=closed_on.year + 15).isoformat()
    assert _listed(data, demo_vault, "--due") == []  # the demo cases closed recently
    nr = str(first["dossiernummer"])

    refused = run_zorgapp(data, "case", "destroy", str(demo_vault), nr, "--confirm", nr)
    assert refused.returncode == 2 and "bewaartermijn" in refused.stderr
    wrong = run_zorgapp(data, "case", "destroy", str(demo_vault), nr, "--confirm", "X", "--early",
                        "--reason", "verzoek")
    assert wrong.returncode == 2

    assert run_zorgapp(data, "retention", "hold", str(demo_vault), nr, "--reason", "strafzaak").returncode == 0
    assert next(r for r in _listed(data, demo_vault) if r["dossiernummer"] == nr)["bewaarplicht"] is True
    held = run_zorgapp(data, "case", "destroy", str(demo_vault), nr, "--confirm", nr, "--early",
                       "--reason", "verzoek")
    assert held.returncode == 2 and "bewaarplicht" in held.stderr
    assert run_zorgapp(data, "retention", "release", str(demo_vault), nr).returncode == 0
    assert run_zorgapp(data, "retention", "release", str(demo_vault), nr).returncode == 2
    assert next(r for r in _listed(data, demo_vault) if r["dossiernummer"] == nr)["bewaarplicht"] is False

    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        with vault.read() as db:
            actions = [r[0] for r in db.execute("SELECT action FROM audit WHERE action IN ('hold', 'release')")]
        service = BewaarService(vault, vandaag=lambda: closed_on.replace(year=closed_on.year + 16))
        assert nr in [r.dossiernummer for r in service.lijst(alleen_verstreken=True)]
        service.termijnen_opslaan({**service.termijnen(), **dict.fromkeys(standaard_termijnen(), 20)})
        assert nr not in [r.dossiernummer for r in service.lijst(alleen_verstreken=True)]
    finally:
        vault.lock()
    assert actions == ["hold", "release"]


def test_a_hold_stops_the_clock() -> None:
    termijnen = standaard_termijnen()
    closed = date(2000, 1, 1)
    gone = Bewaarplicht(date(2010, 1, 1), date(2010, 1, 11), "strafzaak")
    assert bewaren_tot(closed, "uit_beeld", termijnen, [gone], date(2030, 1, 1)) == date(2015, 1, 11)
    running = Bewaarplicht(date(2014, 1, 1), None, "strafzaak")
    assert not verstreken(date(2015, 1, 1), [running], date(2030, 1, 1))
    assert verstreken(date(2015, 1, 1), [gone], date(2015, 1, 1))
    assert bewaren_tot(date(2000, 2, 29), None, termijnen, [], date(2030, 1, 1)) == date(2015, 2, 28)
