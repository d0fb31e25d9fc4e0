"""Issue 14 contracts through the installed ``zorgapp`` console script:
``inzage PATH NR --out DIR``, ``audit export PATH [--from] [--to] [--case] --csv|--pdf``
and ``privacy restrict|lift|correct``, with a restricted case refused for a bundle."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.console_script import run_zorgapp
from tests.unit.reports.pdftext import squash, text
from zorgapp.store.vault import Vault

pytestmark = pytest.mark.demo_vault(dossiers=8)


def _nummer(path: Path) -> str:
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        with vault.read() as db:
            return str(db.execute("SELECT dossiernummer FROM dossier ORDER BY id LIMIT 1").fetchone()[0])
    finally:
        vault.lock()


def test_inzage_writes_pdf_and_json_into_the_folder_only(demo_vault: Path, tmp_path: Path) -> None:
    nummer = _nummer(demo_vault)
    data = tmp_path / "data"
    shown = run_zorgapp(data, "case", "show", str(demo_vault), nummer, "--json")
    assert shown.returncode == 0, shown.stderr
    uit = tmp_path / "uit"
    uit.mkdir()
    done = run_zorgapp(data, "inzage", str(demo_vault), nummer, "--out", str(uit))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in uit.iterdir()) == [f"inzage-{nummer}.json", f"inzage-{nummer}.pdf"]
    doc = json.loads((uit / f"inzage-{nummer}.json").read_text(encoding="utf-8"))
    assert any(r["handeling"] == "open" and r["dossiernummer"] == nummer for r in doc["logboek"])
    assert squash("Wie heeft uw dossier ingezien") in squash(text((uit / f"inzage-{nummer}.pdf").read_bytes()))
    missing = run_zorgapp(data, "inzage", str(demo_vault), nummer, "--out", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    unknown = run_zorgapp(data, "inzage", str(demo_vault), "HM-1999-0999", "--out", str(uit))
    assert unknown.returncode == 2


def test_audit_export_csv_by_case_and_period_and_pdf(demo_vault: Path, tmp_path: Path) -> None:
    nummer = _nummer(demo_vault)
    data = tmp_path / "data"
    uit = tmp_path / "uit"
    uit.mkdir()
    assert run_zorgapp(data, "inzage", str(demo_vault), nummer, "--out", str(uit)).returncode == 0
    f = tmp_path / "fg.csv"
    done = run_zorgapp(data, "audit", "export", str(demo_vault), "--case", nummer,
                       "--from", "2000-01-01", "--to", "2999-12-31", "--csv", str(f))
    assert done.returncode == 0, done.stderr
    assert "ongeschonden" in done.stderr
    rows = list(csv.DictReader(io.StringIO(f.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows and {r["dossiernummer"] for r in rows} == {nummer}
    assert ("export", "inzage") in {(r["handeling"], r["uitkomst"]) for r in rows}
    leeg = tmp_path / "leeg.csv"
    done = run_zorgapp(data, "audit", "export", str(demo_vault), "--case", nummer,
                       "--to", "2000-01-01", "--csv", str(leeg))
    assert done.returncode == 0 and len(leeg.read_text(encoding="utf-8-sig").splitlines()) == 1
    pdf = tmp_path / "fg.pdf"
    done = run_zorgapp(data, "audit", "export", str(demo_vault), "--pdf", str(pdf))
    assert done.returncode == 0, done.stderr
    assert squash("het logboek is ongeschonden") in squash(text(pdf.read_bytes()))
    bad = run_zorgapp(data, "audit", "export", str(demo_vault), "--from", "gisteren", "--csv", str(f))
    assert bad.returncode == 2
    # the exports themselves are in the trail
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        exports = [e for e in vault.audit.entries() if e.action == "export" and e.record_type == "audit"]
    finally:
        vault.lock()
    assert len(exports) == 3


def test_restricted_case_refuses_a_bundle_from_the_command_line(demo_vault: Path, tmp_path: Path) -> None:
    nummer = _nummer(demo_vault)
    data = tmp_path / "data"
    done = run_zorgapp(data, "privacy", "restrict", str(demo_vault), nummer, "--reason", "Verzoek cliënt")
    assert done.returncode == 0, done.stderr
    secret = tmp_path / "bundel.txt"
    secret.write_text("een lange bundelwachtwoordzin 123", encoding="utf-8")
    bundle = run_zorgapp(data, "bundle", "export", str(demo_vault), "--case", nummer,
                         "--out", str(tmp_path / "x.zorgbundle"), "--passphrase-file", str(secret))
    assert bundle.returncode == 2
    assert "art. 18" in bundle.stderr and nummer in bundle.stderr
    assert not (tmp_path / "x.zorgbundle").exists()
    assert run_zorgapp(data, "privacy", "lift", str(demo_vault), nummer, "--reason", "Klaar").returncode == 0
    shown = run_zorgapp(data, "privacy", "show", str(demo_vault), nummer, "--json")
    assert [e["soort"] for e in json.loads(shown.stdout)] == ["beperking", "beperking_opgeheven"]
