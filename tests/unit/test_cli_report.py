"""``zorgapp report letter|summary|allocation|annual PATH --out F.pdf``."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import PASSPHRASE
from zorgapp import cli
from zorgapp.store.vault import Vault


def _placement(vault_path: Path) -> tuple[str, str]:
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        with vault.read() as db:
            return db.execute(
                "SELECT p.uuid, d.dossiernummer FROM plaatsing p JOIN dossier d "
                "ON d.uuid = p.dossier_uuid WHERE p.van IS NOT NULL LIMIT 1").fetchone()
    finally:
        vault.lock()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_every_document_from_the_command_line(demo_vault: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    placement, nummer = _placement(demo_vault)
    runs = {
        "letter": ["--placement", placement],
        "summary": ["--case", nummer],
        "allocation": ["--year", "2025", "--quarter", "2"],
        "annual": ["--year", "2026"],
    }
    for document, options in runs.items():
        out = tmp_path / f"{document}.pdf"
        code = cli.main(["report", document, str(demo_vault), *options, "--out", str(out)])
        assert code == 0, capsys.readouterr().err
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert "DEMO" in _text(out)
    assert nummer in _text(tmp_path / "letter.pdf")
    assert nummer in _text(tmp_path / "summary.pdf")
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        exports = [e for e in vault.audit.entries() if e.action == "export"]
    finally:
        vault.lock()
    assert len(exports) == 4


def test_unknown_case_and_missing_options_are_usage_errors(demo_vault: Path, tmp_path: Path,
                                                           capsys) -> None:
    out = tmp_path / "x.pdf"
    assert cli.main(["report", "summary", str(demo_vault), "--case", "HM-1999-0001",
                     "--out", str(out)]) != 0
    assert not out.exists()
    assert cli.main(["report", "letter", str(demo_vault), "--out", str(out)]) == 2
    assert cli.main(["report", "brochure", str(demo_vault), "--out", str(out)]) == 2
