"""Issue 11, item 11: messages instead of tracebacks, through the installed command.

Each case that printed a Python traceback now gets a short message in Dutch and a
documented exit code: out-of-range years, ``--out`` at a folder or a device, a backup to
``/dev/null``, a CBS export with an impossible number, period, field or binary data. A
bug nobody expected (simulated here by a ``sitecustomize`` that breaks one command)
becomes exit 70 with a message that holds no data, and the log has the exception's
type and frames without its text or any value.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import FAST_KDF, PASSPHRASE
from zorgapp.errors import EXIT_INTERNAL, EXIT_USAGE
from zorgapp.services.demo import make_demo_vault
from zorgapp.services.region_service import RegionService
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault

from .console_script import run_zorgapp

SECRET_NAME = "Wilhelmina Geheimnaam"


def _demo_vault(path: Path, cases: int) -> Path:
    """A demo vault with the cheap key derivation, so every command unlocks fast."""
    saved = keyfile.DEFAULT_KDF
    keyfile.DEFAULT_KDF = FAST_KDF
    try:
        make_demo_vault(path, cases, PASSPHRASE)
    finally:
        keyfile.DEFAULT_KDF = saved
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo vault for the module (no test here changes it for good)."""
    return _demo_vault(tmp_path_factory.mktemp("demo") / "demo.zorg", 12)


@pytest.fixture(scope="module")
def case_number(demo: Path) -> str:
    vault = Vault.unlock(demo, PASSPHRASE)
    try:
        with vault.read() as db:
            return str(db.execute("SELECT dossiernummer FROM dossier ORDER BY 1").fetchone()[0])
    finally:
        vault.lock()


def _told(result, code: int, text: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, result.stderr
    assert text in result.stderr


# -- years, folders, devices --------------------------------------------------------------


@pytest.mark.parametrize("years", [("--year", "9999"), ("--year", "1", "--years", "3"),
                                   ("--year", "10000", "--years", "1")])
def test_annual_report_outside_the_calendar_is_a_usage_error(demo: Path, tmp_path: Path,
                                                             years: tuple[str, ...]) -> None:
    out = tmp_path / "jaarbeeld.pdf"
    result = run_zorgapp(tmp_path / "data", "report", "annual", str(demo), *years,
                         "--out", str(out))
    _told(result, EXIT_USAGE, "tot en met 9998")
    assert not out.exists()


def test_annual_report_at_the_edge_of_the_calendar_is_made(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "jaarbeeld.pdf"
    result = run_zorgapp(tmp_path / "data", "report", "annual", str(demo), "--year", "3",
                         "--years", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("document", ["summary", "annual"])
def test_out_pointing_to_a_folder_is_refused(demo: Path, case_number: str, tmp_path: Path,
                                            document: str) -> None:
    extra = ["--case", case_number] if document == "summary" else [
        "--year", "2025"]
    result = run_zorgapp(tmp_path / "data", "report", document, str(demo), *extra,
                         "--out", str(tmp_path))
    _told(result, EXIT_USAGE, "is een map")


def test_bundle_out_pointing_to_a_folder_is_refused(demo: Path, case_number: str,
                                                    tmp_path: Path) -> None:
    secret = tmp_path / "bundel.txt"
    secret.write_text("bundelwachtwoord123\n", encoding="utf-8")
    result = run_zorgapp(tmp_path / "data", "bundle", "export", str(demo), "--case",
                         case_number, "--out", str(tmp_path),
                         "--passphrase-file", str(secret))
    _told(result, EXIT_USAGE, "is een map")


def test_out_pointing_to_a_device_or_pipe_is_not_replaced(demo: Path, tmp_path: Path) -> None:
    """The atomic rename would have put a regular file where the pipe (or, as root,
    ``/dev/null``) was; a pipe in a temporary folder shows it without risking /dev."""
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)
    result = run_zorgapp(tmp_path / "data", "report", "annual", str(demo), "--year", "2025",
                         "--out", str(pipe))
    _told(result, EXIT_USAGE, "geen gewoon bestand")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.parametrize("dest", ["/dev/null", "/dev/null/reserve", "{file}/reserve.zorg"])
def test_backup_to_something_that_is_not_a_folder(demo: Path, tmp_path: Path, dest: str) -> None:
    plain = tmp_path / "gewoon-bestand"
    plain.write_text("x", encoding="utf-8")
    target = dest.format(file=plain)
    result = run_zorgapp(tmp_path / "data", "vault", "backup", str(demo), target)
    _told(result, EXIT_USAGE, "is geen map")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert plain.read_text(encoding="utf-8") == "x"


# -- CBS import ---------------------------------------------------------------------------

HEADER = '"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"\n'


def _cbs_cases() -> dict[str, tuple[bytes, str]]:
    return {
        "huge number": ((HEADER + '"Leiden";"2025";"' + "9" * 5000 + '"\n').encode(),
                        "onmogelijk groot"),
        "number beyond SQLite": ((HEADER + '"Leiden";"2025";"99999999999999999999"\n').encode(),
                                 "onmogelijk groot"),
        "period 0000": ((HEADER + '"Leiden";"0000";"130123"\n').encode(), "geen jaartal"),
        "period 99999": ((HEADER + '"Leiden";"99999";"130123"\n').encode(), "geen jaartal"),
        "128 KB field": ((HEADER + '"Leiden";"2025";"130123";"' + "x" * 131_073 + '"\n').encode(),
                         "geen CSV-export"),
        "binary data": (bytes(range(256)) * 64, "geen CSV-export"),
    }


@pytest.mark.parametrize("case", list(_cbs_cases()))
def test_cbs_import_refuses_what_is_not_a_population_figure(demo: Path, tmp_path: Path,
                                                            case: str) -> None:
    content, message = _cbs_cases()[case]
    export = tmp_path / "cbs.csv"
    export.write_bytes(content)
    result = run_zorgapp(tmp_path / "data", "region", "import-cbs", str(demo), str(export))
    _told(result, EXIT_USAGE, message)
    vault = Vault.unlock(demo, PASSPHRASE)
    try:
        leiden = RegionService(vault).vereist_regio().gemeenten["GM0546"]
    finally:
        vault.lock()
    assert leiden.inwoners != 130123 and (leiden.peildatum is None or leiden.peildatum.year < 9999)


def test_cbs_import_of_a_real_export_works_from_the_command_line(tmp_path: Path) -> None:
    demo = _demo_vault(tmp_path / "kluis.zorg", 3)
    export = tmp_path / "cbs.csv"
    export.write_text(HEADER + '"Leiden";"2025JJ00";"130.123"\n"GM0513  ";"2025JJ00";"76 001"\n',
                      encoding="utf-8")
    result = run_zorgapp(tmp_path / "data", "region", "import-cbs", str(demo), str(export),
                         "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["bijgewerkt"] == ["GM0513", "GM0546"] and data["peildatum"] == "2025-01-01"


# -- the top-level handler ---------------------------------------------------------------

BROKEN = f'''
import zorgapp.commands.vault as v

def broken(args):
    bsn = "123456782"
    name = "{SECRET_NAME}"
    raise ValueError("cannot handle " + name + " with BSN " + bsn) from KeyError(name)

v.cmd_check = broken
'''


def test_a_bug_is_a_short_message_exit_70_and_a_log_without_values(demo: Path,
                                                                   tmp_path: Path,
                                                                   monkeypatch) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(hook))
    data = tmp_path / "data"
    result = run_zorgapp(data, "vault", "check", str(demo))
    assert result.returncode == EXIT_INTERNAL, result.stderr
    assert "Traceback" not in result.stderr
    assert "interne fout" in result.stderr
    assert SECRET_NAME not in result.stderr + result.stdout
    assert "123456782" not in result.stderr
    logs = list(data.rglob("zorgapp.log"))
    assert len(logs) == 1 and str(logs[0]) in result.stderr
    text = logs[0].read_text(encoding="utf-8")
    assert "internal error: ValueError" in text and "KeyError" in text
    assert "sitecustomize.py" in text and "in broken" in text  # where, for the developer
    assert SECRET_NAME not in text and "123456782" not in text and "cannot handle" not in text
    assert os.stat(logs[0]).st_mode & 0o077 == 0


def test_a_memory_error_is_the_environment(tmp_path: Path, monkeypatch) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import zorgapp.commands.vault as v\n"
        "def broken(args):\n    raise MemoryError()\n"
        "v.cmd_check = broken\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(hook))
    result = run_zorgapp(tmp_path / "data", "vault", "check", str(tmp_path / "x.zorg"))
    _told(result, 3, "niet genoeg werkgeheugen")
