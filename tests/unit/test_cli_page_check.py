"""``allocation`` and ``report`` check every page while they work (issue 15, item 3).

The HMAC check of every page runs on its own thread beside the command's work; the
output waits for it. A damaged page in a table the command never reads must still end
the command with the unlock's message and exit code, and leave no output behind: not
on stdout, not as a file, not as a temporary file in the target folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.console_script import run_zorgapp
from zorgapp import cli
from zorgapp.errors import EXIT_DAMAGED, N_, ValidationError
from zorgapp.store.vault import Vault

DAMAGE = "reservekopie"


def _damage_a_quiet_table(vault_path: Path) -> None:
    """Pages nothing but the page check reads: ballast added at the end of the file,
    one byte flipped in the middle of it."""
    before = vault_path.stat().st_size
    vault = Vault.unlock(vault_path, PASSPHRASE)
    with vault.transaction() as db:
        db.execute("CREATE TABLE ballast (x BLOB)")
        for _ in range(200):
            db.execute("INSERT INTO ballast VALUES (?)", (os.urandom(4000),))
    vault.lock()
    data = bytearray(vault_path.read_bytes())
    assert len(data) > before + 400_000
    data[(before + len(data)) // 2] ^= 0x01
    vault_path.write_bytes(bytes(data))


@pytest.fixture
def damaged(demo_vault: Path) -> Path:
    _damage_a_quiet_table(demo_vault)
    return demo_vault


def test_the_commands_run_on_a_whole_vault(demo_vault: Path, tmp_path: Path) -> None:
    """The same commands, the same vault with its ballast but no flipped byte: output."""
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    with vault.transaction() as db:
        db.execute("CREATE TABLE ballast (x BLOB)")
    vault.lock()
    result = run_zorgapp(tmp_path / "data", "allocation", str(demo_vault), "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert '"aandelen"' in result.stdout
    out = tmp_path / "uit" / "jaarbeeld.pdf"
    out.parent.mkdir()
    result = run_zorgapp(tmp_path / "data", "report", "annual", str(demo_vault),
                         "--year", "2025", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("form", [[], ["--csv"], ["--key", "binding"]])
def test_allocation_stops_without_output(damaged: Path, tmp_path: Path, form: list[str]) -> None:
    result = run_zorgapp(tmp_path / "data", "allocation", str(damaged), "--year", "2025", *form)
    assert result.returncode == EXIT_DAMAGED, result.stderr
    assert DAMAGE in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("document", [["annual", "--year", "2025"],
                                      ["allocation", "--year", "2025"]])
def test_report_stops_without_a_file(damaged: Path, tmp_path: Path, document: list[str]) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    out = folder / "rapport.pdf"
    result = run_zorgapp(tmp_path / "data", "report", document[0], str(damaged),
                         *document[1:], "--out", str(out))
    assert result.returncode == EXIT_DAMAGED, result.stderr
    assert DAMAGE in result.stderr and "PDF" not in result.stderr
    assert list(folder.iterdir()) == []  # no file, no temporary file


def test_the_damage_is_told_in_place_of_what_the_work_found(
        damaged: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Today the damage is found before the work starts; the work must not get to say
    something else first when both go wrong."""
    from zorgapp.services.allocation_service import AllocationService

    def refuse(*args: object, **kwargs: object) -> object:
        raise ValidationError(N_("Geen dagtarief."))

    monkeypatch.setattr(AllocationService, "bereken", refuse)
    assert cli.main(["allocation", str(damaged), "--year", "2025"]) == EXIT_DAMAGED
    captured = capsys.readouterr()
    assert DAMAGE in captured.err and "dagtarief" not in captured.err
    assert captured.out == ""


def test_the_vault_stays_usable_after_the_commands(demo_vault: Path, tmp_path: Path) -> None:
    """The vault is locked after each command (its lock released, its head written)."""
    for _ in range(2):
        result = run_zorgapp(tmp_path / "data", "allocation", str(demo_vault), "--year", "2025")
        assert result.returncode == 0, result.stderr
    vault = Vault.unlock(demo_vault, PASSPHRASE)
    try:
        assert vault.check() == []
        actions = [e.action for e in vault.audit.entries()[-5:-1]]  # then this unlock
    finally:
        vault.lock()
    assert actions == ["unlock", "lock", "unlock", "lock"]
