"""``zorgapp report comensha PATH NR --out F.pdf`` from the installed console script."""

from __future__ import annotations

import stat
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import PASSPHRASE
from tests.unit.console_script import run_zorgapp
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault


def _registered_case(vault_path: Path) -> tuple[str, str]:
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        with vault.read() as db:
            return db.execute("SELECT dossiernummer, uuid FROM dossier WHERE fase = 'aangemeld' "
                              "OR fase = 'begeleiding' LIMIT 1").fetchone()
    finally:
        vault.lock()


def test_comensha_registration_from_the_installed_command(demo_vault: Path,
                                                          tmp_path: Path) -> None:
    nummer, uuid = _registered_case(demo_vault)
    out = tmp_path / "aanmelding.pdf"
    done = run_zorgapp(tmp_path / "data", "report", "comensha", str(demo_vault), nummer,
                       "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Aanmelding CoMensha" in text and "VERTROUWELIJK" in text and nummer in text
    assert "Grondslag" in text and "Kenmerk CoMensha" in text
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        with vault.read() as db:  # the client's name must not be on the form
            naam = DossierRepository(db).get(uuid).persoon.naam
        entries = [e for e in vault.audit.entries() if e.record_uuid == uuid]
    finally:
        vault.lock()
    assert naam and naam not in text
    assert [e.outcome for e in entries if e.action == "export"] == ["comensha"]
    # --case works as well; no case number at all is a usage error.
    done = run_zorgapp(tmp_path / "data", "report", "comensha", str(demo_vault), "--case",
                       nummer, "--out", str(tmp_path / "b.pdf"))
    assert done.returncode == 0, done.stderr
    done = run_zorgapp(tmp_path / "data", "report", "comensha", str(demo_vault),
                       "--out", str(tmp_path / "c.pdf"))
    assert done.returncode == 2 and "dossiernummer" in done.stderr
