"""``zorgapp attachment add|list|get`` from the installed console script: the documented
contract (docs/cli-json.md), the size limit, and the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.console_script import run_zorgapp
from zorgapp.domain.bijlage import MAX_GROOTTE
from zorgapp.services.demo import fill_demo
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault

PDF = b"%PDF-1.4\n% politierapport CLI-BIJLAGE-MARKER-4410\n%%EOF\n"


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "kluis.zorg"
    vault, _key = Vault.create(path, PASSPHRASE)
    fill_demo(vault, 2)
    with vault.read() as db:
        repo = DossierRepository(db)
        nummer = repo.get(repo.all_uuids()[0]).dossiernummer
    vault.lock()
    return path, nummer


def test_add_list_and_get_round_trip(case: tuple[Path, str], tmp_path: Path) -> None:
    vault, nummer = case
    source = tmp_path / "aangifte politie.pdf"
    source.write_bytes(PDF)
    data = tmp_path / "data"
    added = run_zorgapp(data, "attachment", "add", str(vault), "--case", nummer, str(source),
                        "--description", "Proces-verbaal van aangifte")
    assert added.returncode == 0, added.stderr
    new_id = added.stdout.strip()
    assert "aangifte politie.pdf" in added.stderr

    listed = run_zorgapp(data, "attachment", "list", str(vault), "--case", nummer, "--json")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert len(items) == 1
    item = items[0]
    assert set(item) == {"id", "naam", "type", "grootte", "toegevoegd"}
    assert item["id"] == new_id and item["naam"] == "aangifte politie.pdf"
    assert item["type"] == "application/pdf" and item["grootte"] == len(PDF)
    assert item["toegevoegd"][:4].isdigit() and "T" in item["toegevoegd"]

    out = tmp_path / "uit" / "kopie.pdf"
    out.parent.mkdir()
    got = run_zorgapp(data, "attachment", "get", str(vault), new_id, "--out", str(out))
    assert got.returncode == 0, got.stderr
    assert out.read_bytes() == PDF and out.stat().st_mode & 0o077 == 0

    unlocked = Vault.unlock(vault, PASSPHRASE)
    try:
        with unlocked.read() as db:
            actions = [r[0] for r in db.execute(
                "SELECT action FROM audit WHERE record_type = 'bijlage' ORDER BY seq")]
    finally:
        unlocked.lock()
    assert actions == ["create", "export"]


def test_a_file_over_the_limit_is_refused_with_a_clear_message(case: tuple[Path, str],
                                                              tmp_path: Path) -> None:
    vault, nummer = case
    big = tmp_path / "scan.tiff"
    with big.open("wb") as handle:
        handle.truncate(MAX_GROOTTE + 1)
    result = run_zorgapp(tmp_path / "data", "attachment", "add", str(vault), "--case", nummer, str(big))
    assert result.returncode == 2
    assert "25 MB" in result.stderr and "niets toegevoegd" in result.stderr
    assert "Traceback" not in result.stderr
    listed = run_zorgapp(tmp_path / "data", "attachment", "list", str(vault), "--case", nummer, "--json")
    assert json.loads(listed.stdout) == []


def test_unknown_case_and_unknown_id_are_usage_errors(case: tuple[Path, str], tmp_path: Path) -> None:
    vault, _nummer = case
    data = tmp_path / "data"
    listed = run_zorgapp(data, "attachment", "list", str(vault), "--case", "HM-1999-0001", "--json")
    assert listed.returncode == 2 and "HM-1999-0001" in listed.stderr
    got = run_zorgapp(data, "--lang", "en", "attachment", "get", str(vault),
                      "00000000-0000-4000-8000-000000000000", "--out", str(tmp_path / "x"))
    assert got.returncode == 2 and not (tmp_path / "x").exists()
    assert "does not exist" in got.stderr or "bestaat niet" in got.stderr
