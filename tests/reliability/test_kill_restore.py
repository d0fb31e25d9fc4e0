"""Issue 11, item 2: restore and create are atomic.

Did: SIGKILL ``vault restore`` right after it moved the vault aside: 18 of 23 runs left
no vault at the path; ``vault create`` on a nearly full disk left a stub ("Er staat al
een kluis" afterwards).

Here: a crash injected at every single file-system step (each rename, link and removal,
in order; after the crash the process may not touch the disk again, as after a kill).
Real SIGKILLs of the installed ``zorgapp vault restore`` (and of create, demo, import,
backup, passwd and recover), at random moments and aimed at the restore's window, are
in test_kills.py.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.errors import KnownError
from zorgapp.store import staging
from zorgapp.store.backup import make_backup, restore
from zorgapp.store.vault import Vault


class Crash(BaseException):
    """The process dies here (a BaseException: no ``except Exception`` catches it)."""


@contextmanager
def crash_at(step: int) -> Iterator[list[str]]:
    """Raise Crash at the ``step``-th file-system change; after that, every change fails
    too (a dead process cleans nothing up). Yields the list of steps seen."""
    seen: list[str] = []
    names = ("replace", "rename", "link", "unlink", "remove", "rmdir", "ftruncate")
    real = {name: getattr(os, name) for name in names}

    def wrap(name: str) -> Callable[..., object]:
        def changed(*args: object, **kwargs: object) -> object:
            seen.append(f"{name}({Path(str(args[0])).name})")
            if len(seen) >= step:
                raise Crash(seen[-1])
            return real[name](*args, **kwargs)
        return changed

    for name in names:
        setattr(os, name, wrap(name))
    try:
        yield seen
    finally:
        for name, fn in real.items():
            setattr(os, name, fn)


def _marker(path: Path) -> str:
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        assert vault.check() == [], "vault at the path fails its check"
        return vault.meta("marker")
    finally:
        vault.lock()


@pytest.fixture
def vault_with_backup(vault_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    vault.set_meta("marker", "reservekopie")
    backup = make_backup(vault, tmp_path / "usb")
    vault.set_meta("marker", "origineel")
    vault.lock()
    return vault_path, backup


def test_restore_crashing_at_every_step_leaves_a_working_vault(
        vault_with_backup: tuple[Path, Path]) -> None:
    path, backup = vault_with_backup
    outcomes: Counter[str] = Counter()
    step = 1
    while True:
        before = _marker(path)
        with crash_at(step) as seen:
            try:
                restore(backup, path, passphrase=PASSPHRASE)
                finished = True
            except Crash:
                finished = False
        after = _marker(path)  # the next opener finishes or undoes the restore
        assert after in {"origineel", "reservekopie"}, (step, seen)
        assert after == "reservekopie" or before == after
        assert not staging.pending_path(path).exists()
        assert not any(p.exists() for p in staging.staged_files(path))
        outcomes[after] += 1
        if finished:
            break
        step += 1
    assert step > 8, "the restore should have many steps to crash in"
    assert outcomes["reservekopie"] >= 1


def test_create_crashing_at_every_step_leaves_nothing_or_a_vault(tmp_path: Path) -> None:
    step = 1
    while True:
        path = tmp_path / f"nieuw-{step}.zorg"
        with crash_at(step):
            try:
                Vault.create(path, PASSPHRASE)[0].lock()
                finished = True
            except Crash:
                finished = False
        try:
            vault, _ = Vault.create(path, PASSPHRASE)  # again: never "Er staat al een kluis"
        except KnownError as exc:
            assert "Er staat al een kluis" in exc.user_message()
            assert _marker(path) == ""  # ... and then it is a whole, working vault
        else:
            vault.lock()
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)
                     and p.name not in {path.name, path.name + ".key", path.name + ".head"}]
        assert leftovers == [], (step, leftovers)
        if finished:
            break
        step += 1
    assert step > 5
