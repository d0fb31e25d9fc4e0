"""The pages' HMACs read by child processes (``store.page_apart``, issue 15).

The reading in this process is made to lie in these tests: whatever they find, a
child found. A child that fails is a doubt and SQLCipher decides; a cancel ends the
child and leaves no process behind."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.store import page_children
from zorgapp.errors import DamagedVaultError, KnownError
from zorgapp.store import page_apart, page_hmac
from zorgapp.store.page_check import PageCheck
from zorgapp.store.vault import Vault


@pytest.fixture
def filled(filled: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The store's vault of a few hundred pages (conftest), read by children."""
    monkeypatch.setattr(page_hmac, "APART_FROM", 0)
    return filled


def _lying_here(monkeypatch: pytest.MonkeyPatch, answer: bool) -> None:
    monkeypatch.setattr(page_hmac, "range_whole", lambda *args, **kwargs: answer)


def _flip(path: Path, where: int) -> None:
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("processes", [1, 2])
def test_a_child_finds_a_whole_vault_whole(vault_path: Path, filled: bytes, processes: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _lying_here(monkeypatch, False)
    assert page_hmac.pages_whole(vault_path, filled, processes=processes)


@pytest.mark.parametrize("where", ["middle", "last page"])
@pytest.mark.parametrize("processes", [1, 2])
def test_a_child_finds_a_damaged_page(vault_path: Path, filled: bytes, processes: int,
                                      where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    size = vault_path.stat().st_size
    _flip(vault_path, size // 2 if where == "middle" else size - page_hmac.PAGE + 100)
    _lying_here(monkeypatch, True)
    assert not page_hmac.pages_whole(vault_path, filled, processes=processes)
    assert isinstance(PageCheck(vault_path, filled, lambda outcome: None).check(),
                      DamagedVaultError)


def test_a_child_that_dies_is_a_doubt_and_sqlcipher_decides(
        vault_path: Path, filled: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_apart, "_read", page_children.dies)
    assert not page_hmac.pages_whole(vault_path, filled, processes=2)
    assert PageCheck(vault_path, filled, lambda outcome: None).check() is None  # whole
    _flip(vault_path, vault_path.stat().st_size // 2)
    assert isinstance(PageCheck(vault_path, filled, lambda outcome: None).check(),
                      DamagedVaultError)


def test_a_child_that_cannot_start_is_a_doubt(vault_path: Path, filled: bytes,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(multiprocessing.get_context("spawn"), "Process", refused)
    assert not page_hmac.pages_whole(vault_path, filled)
    assert PageCheck(vault_path, filled, lambda outcome: None).check() is None


def _page_children() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "zorgapp-page-hmac"]


def _wait_for_children(count: int) -> list[int]:
    done = threading.Event()
    while not done.wait(0.02):
        found = _page_children()
        if len(found) >= count:
            return [p.pid for p in found if p.pid is not None]
    raise AssertionError  # pragma: no cover


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_cancel_ends_the_child(vault_path: Path, filled: bytes,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_apart, "_read", page_children.sleeps)
    told: list[KnownError | None] = []
    check = PageCheck(vault_path, filled, told.append)
    check.start()
    pids = _wait_for_children(1)
    check.cancel()
    assert _page_children() == [] and all(_gone(pid) for pid in pids)
    assert told == []


def test_locking_ends_the_children_of_a_running_check(
        vault_path: Path, filled: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_apart, "_read", page_children.sleeps)
    vault = Vault.unlock(vault_path, PASSPHRASE, check_pages=False)
    vault.check_pages_later(lambda outcome: None)
    pids = _wait_for_children(1)
    vault.lock()
    assert _page_children() == [] and all(_gone(pid) for pid in pids)
    assert not vault.is_open


def test_a_child_loads_neither_the_callers_main_module_nor_the_app(
        vault_path: Path, filled: bytes, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """Spawn would run a main script again in the child, as ``__mp_main__``."""
    ran = tmp_path / "main ran"
    script = tmp_path / "script.py"
    script.write_text(f"open({str(ran)!r}, 'w').close()\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    monkeypatch.setattr(page_apart, "_read", page_children.light)
    assert page_hmac.pages_whole(vault_path, filled, processes=1)
    assert not ran.exists()
    assert sys.modules["__main__"] is main


def test_what_a_child_imports_is_small() -> None:
    """The real child's own imports: no Qt, no SQLCipher, none of the application."""
    code = ("import sys, zorgapp.store.page_apart, zorgapp.hardening; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('zorgapp', 'PySide6', 'sqlcipher3')))))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.split()
    assert found == ["zorgapp", "zorgapp.hardening", "zorgapp.spawn", "zorgapp.store",
                     "zorgapp.store.page_apart", "zorgapp.store.page_hmac"]


FROZEN = """\
import multiprocessing, sys
sys.frozen = True
multiprocessing.freeze_support = lambda: print("freeze_support")
from zorgapp.app import main
sys.exit(main(["--version"]))
"""


def test_a_frozen_build_lets_its_children_run_their_part() -> None:
    """In a frozen build the executable is also the children's program: ``app.main``
    hands such a start to ``multiprocessing.freeze_support`` before anything else."""
    said = subprocess.run([sys.executable, "-c", FROZEN], capture_output=True, text=True,
                          check=True).stdout.splitlines()
    assert said[0] == "freeze_support" and len(said) == 2  # then the version
