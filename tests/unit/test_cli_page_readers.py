"""``allocation`` with a vault big enough for the page check's child process (issue 15).

From ``page_hmac.APART_FROM`` pages on, the HMAC of every page is read by a spawned
child (``store.page_apart``), also from the installed console script and from
``python -m zorgapp``: a damaged page still ends the command before any output. That
the child itself answered is shown by a script that replaces SQLCipher's own check
(asked only at a doubt) with one that always finds damage."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DEMO_DOSSIERS, PASSPHRASE
from tests.unit.console_script import environment, run_zorgapp
from zorgapp.errors import EXIT_DAMAGED
from zorgapp.store import page_hmac
from zorgapp.store.vault import Vault

DAMAGE = "reservekopie"


@pytest.fixture(scope="module")
def big_master(tmp_path_factory: pytest.TempPathFactory,
               demo_vault_master: Callable[[int], Path]) -> Path:
    """A locked demo vault of more than ``APART_FROM`` pages, most of them ballast."""
    demo = demo_vault_master(DEMO_DOSSIERS)
    folder = tmp_path_factory.mktemp("groot")
    for source in demo.parent.iterdir():  # the vault, its .key and .head
        shutil.copy2(source, folder / source.name)
    path = folder / demo.name
    vault = Vault.unlock(path, PASSPHRASE)
    with vault.transaction() as db:
        db.execute("CREATE TABLE ballast (x BLOB)")
        for _ in range(page_hmac.APART_FROM + 200):
            db.execute("INSERT INTO ballast VALUES (?)", (os.urandom(4000),))
    vault.lock()
    assert path.stat().st_size > page_hmac.APART_FROM * page_hmac.PAGE
    return path


@pytest.fixture
def big(big_master: Path, tmp_path: Path) -> Path:
    for source in big_master.parent.iterdir():  # the vault, its .key and .head
        shutil.copy2(source, tmp_path / source.name)
    return tmp_path / big_master.name


def _damage(path: Path, where: int) -> None:
    with open(path, "r+b") as fh:
        fh.seek(where)
        byte = fh.read(1)[0]
        fh.seek(where)
        fh.write(bytes([byte ^ 0x01]))


def _python_m(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zorgapp", *argv], capture_output=True,
                          text=True, encoding="utf-8", env=environment(data_dir),
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


RUNNERS = {"console script": run_zorgapp, "python -m zorgapp": _python_m}


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_a_whole_big_vault_gives_output(big: Path, tmp_path: Path, runner: str) -> None:
    result = RUNNERS[runner](tmp_path / "data", "allocation", str(big), "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert '"aandelen"' in result.stdout


@pytest.mark.parametrize("where", ["middle", "last page"])
@pytest.mark.parametrize("runner", list(RUNNERS))
def test_a_damaged_page_of_a_big_vault_stops_the_command(big: Path, tmp_path: Path,
                                                         runner: str, where: str) -> None:
    size = big.stat().st_size
    _damage(big, size // 2 if where == "middle" else size - 1000)
    result = RUNNERS[runner](tmp_path / "data", "allocation", str(big), "--year", "2025")
    assert result.returncode == EXIT_DAMAGED, result.stderr
    assert DAMAGE in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


SCRIPT = """\
import sys
from zorgapp.store import page_check
page_check.integrity_problems = lambda *args, **kwargs: ["SQLCipher was asked"]
from zorgapp.app import main
sys.exit(main())  # no __main__ guard: a child that ran this script again would say so
"""


def test_the_child_answers_from_a_script(big: Path, tmp_path: Path) -> None:
    script = tmp_path / "zorgapp_script.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), "allocation", str(big), "--year", "2025"],
        capture_output=True, text=True, encoding="utf-8", env=environment(tmp_path / "data"),
        stdin=subprocess.DEVNULL, timeout=120, check=False)
    assert result.returncode == 0, result.stderr  # the child found every page whole
    assert result.stdout.count('"aandelen"') == 1
