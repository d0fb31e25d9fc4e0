"""``zorgapp case list|show --json``: the documented contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zorgapp import cli

pytestmark = pytest.mark.demo_vault(dossiers=60)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def test_case_list_returns_all_dossiers(demo_vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, items, _ = run(capsys, "case", "list", str(demo_vault), "--json")
    assert code == 0
    assert isinstance(items, list) and len(items) == 60
    for item in items:
        assert {"uuid", "dossiernummer", "naam", "fase"} <= set(item)
        assert item["fase"] in {"signaal", "intake", "aangemeld", "bedenktijd", "geplaatst",
                                "begeleiding", "afgesloten"}


def test_case_list_filters(demo_vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(capsys, "case", "list", str(demo_vault), "--json")
    stage = everything[0]["fase"]
    _, some, _ = run(capsys, "case", "list", str(demo_vault), "--stage", stage, "--json")
    assert some and all(i["fase"] == stage for i in some)
    assert len(some) == sum(1 for i in everything if i["fase"] == stage)
    family = everything[3]["naam"].split()[-1]
    folded = family.replace("ș", "s").replace("ă", "a").replace("Ș", "S").lower()
    _, found, _ = run(capsys, "case", "list", str(demo_vault), "--search", folded, "--json")
    assert everything[3]["uuid"] in {i["uuid"] for i in found}


def test_case_show_has_history_and_deadlines(demo_vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(capsys, "case", "list", str(demo_vault), "--json")
    nummer = everything[0]["dossiernummer"]
    code, doc, _ = run(capsys, "case", "show", str(demo_vault), nummer, "--json")
    assert code == 0
    assert doc["dossiernummer"] == nummer and doc["uuid"] == everything[0]["uuid"]
    history = doc["fasegeschiedenis"]
    assert history[0]["fase"] == "signaal"
    assert all({"fase", "datum", "reden"} <= set(step) for step in history)
    assert history[-1]["fase"] == doc["fase"]
    assert isinstance(doc["deadlines"], list)


def test_unknown_case_is_a_clear_error(demo_vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "case", "show", str(demo_vault), "HM-1999-0001", "--json")
    assert code == 2
    assert "HM-1999-0001" in err and "Traceback" not in err


def test_wrong_passphrase_exit_code(demo_vault: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZORGAPP_PASSPHRASE", "verkeerde wachtwoordzin")
    code, _, err = run(capsys, "case", "list", str(demo_vault), "--json")
    assert code == 2 and "wachtwoordzin" in err


def test_case_show_gives_partner_roles_from_the_installed_script(demo_vault: Path,
                                                                 tmp_path: Path) -> None:
    """Partners keep their keys; ``rol`` is a fixed role code, described in the user's
    language (``--lang en``)."""
    from tests.unit.console_script import run_zorgapp

    listed = run_zorgapp(tmp_path, "case", "list", str(demo_vault), "--stage", "geplaatst",
                         "--json")
    assert listed.returncode == 0, listed.stderr
    nummer = json.loads(listed.stdout)[0]["dossiernummer"]
    shown = run_zorgapp(tmp_path, "--lang", "en", "case", "show", str(demo_vault), nummer,
                        "--json")
    assert shown.returncode == 0, shown.stderr
    partners = json.loads(shown.stdout)["partners"]
    assert partners, "a placed demo case has a shelter contact"
    codes = {"politiecontact", "advocaat", "voogd", "opvangcontact", "casemanager", "tolk",
             "anders"}
    for partner in partners:
        assert {"uuid", "naam", "rol", "contact", "rol_omschrijving", "organisatie",
                "contactpersoon", "toelichting"} <= set(partner)
        assert partner["rol"] in codes
    opvang = next(p for p in partners if p["rol"] == "opvangcontact")
    assert opvang["rol_omschrijving"] == "Shelter contact"
