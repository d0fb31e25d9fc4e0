"""``zorgapp allocation --json|--csv`` and the placements in ``case show --json``."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from zorgapp import cli

KEYS = {"van", "tot", "sleutel", "totaal", "niet_verdeeld", "aandelen"}
#: Added by issue 12.4 (statements that stay put); the keys above stay as they are.
NEW_KEYS = {"vastgesteld", "correcties", "verrekening", "betaald_door_andere_regio"}


def _money(text: str) -> Decimal:
    assert isinstance(text, str) and len(text.split(".")[-1]) == 2, text
    return Decimal(text)


@pytest.mark.parametrize("period", [["--quarter", "1"], ["--month", "3"], []])
def test_allocation_json_contract(demo_vault: Path, capsys: pytest.CaptureFixture[str],
                                  period: list[str]) -> None:
    code = cli.main(["allocation", str(demo_vault), "--year", "2025", *period, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    assert set(data) == KEYS | NEW_KEYS
    assert data["van"].startswith("2025-")
    expected_tot = {"--quarter": "2025-03-31", "--month": "2025-03-31"}.get(
        period[0] if period else "", "2025-12-31")
    assert data["tot"] == expected_tot  # inclusive last day
    assert data["sleutel"] == "inwoners"
    assert len(data["aandelen"]) == 18
    for share in data["aandelen"]:
        assert set(share) == {"cbs_code", "gemeente", "inwoners", "bedrag"}
        assert share["cbs_code"].startswith("GM") and isinstance(share["inwoners"], int)
    totaal = _money(data["totaal"])
    assert totaal > 0
    assert sum(_money(s["bedrag"]) for s in data["aandelen"]) == totaal
    _money(data["niet_verdeeld"])


def test_allocation_keys_and_bad_usage(demo_vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["allocation", str(demo_vault), "--year", "2025", "--key", "binding",
                     "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sleutel"] == "binding"
    assert sum(Decimal(s["bedrag"]) for s in data["aandelen"]) == Decimal(data["totaal"])
    code = cli.main(["allocation", str(demo_vault), "--year", "2025", "--key", "vast"])
    assert code == 2 and "vaste percentages" in capsys.readouterr().err
    code = cli.main(["allocation", str(demo_vault), "--year", "2025", "--quarter", "1",
                     "--month", "2"])
    assert code == 2


def test_allocation_csv_on_stdout(demo_vault: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["allocation", str(demo_vault), "--year", "2025", "--csv"]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    body = [r for r in rows[1:] if r and r[0].startswith("GM")]
    total_row = next(r for r in rows if len(r) > 1 and r[1] == "Totaal verdeeld")
    assert sum(Decimal(r[3].replace(",", ".")) for r in body) == Decimal(
        total_row[3].replace(",", "."))


def test_case_show_lists_placements(demo_vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["case", "list", str(demo_vault), "--stage", "begeleiding", "--json"])
    items = json.loads(capsys.readouterr().out)
    assert items
    cli.main(["case", "show", str(demo_vault), items[0]["dossiernummer"], "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["plaatsingen"], "a case that went through 'geplaatst' has a placement"
    for p in doc["plaatsingen"]:
        assert {"id", "type", "locatie", "van", "tot", "dagtarief"} <= set(p)
        assert "(fictief)" in p["locatie"]
        assert p["dagtarief"] is None or len(p["dagtarief"].split(".")[1]) == 2
    geplaatst = next(f["datum"] for f in doc["fasegeschiedenis"] if f["fase"] == "geplaatst")
    assert min(p["van"] for p in doc["plaatsingen"]) == geplaatst


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice not installed")
def test_libreoffice_reads_amounts_as_numbers(demo_vault: Path, tmp_path: Path,
                                              capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Round trip through LibreOffice in Dutch: CSV -> xlsx -> CSV with dot decimals."""
    cli.main(["allocation", str(demo_vault), "--year", "2025", "--csv"])
    source = tmp_path / "verdeling.csv"
    source.write_bytes(capsysbinary.readouterr().out)
    profile = tmp_path / "lo-profile"
    base = ["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless"]
    # 59 = ';', 34 = '"', 76 = UTF-8; language nl-NL reads 1234,56 as a number
    subprocess.run([*base, "--infilter=CSV:59,34,76,1,,1043", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path), str(source)], check=True, timeout=120,
                   capture_output=True)
    xlsx = tmp_path / "verdeling.xlsx"
    assert xlsx.exists()
    back = tmp_path / "back"
    back.mkdir()
    # export with ',' separator and en-US numbers: a number cell comes out as 1234.56
    subprocess.run([*base, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033",
                    "--outdir", str(back), str(xlsx)], check=True, timeout=120,
                   capture_output=True)
    rows = list(csv.reader((back / "verdeling.csv").read_text(encoding="utf-8-sig").splitlines()))
    body = [r for r in rows if r and r[0].startswith("GM")]
    assert len(body) == 18
    for r in body:
        Decimal(r[3])  # a number, not the text "1234,56"
        assert "," not in r[3]
