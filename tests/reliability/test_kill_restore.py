"""Issue 11, item 2: restore and create are atomic.

Did: SIGKILL ``vault restore`` right after it moved the vault aside: 18 of 23 runs left
no vault at the path; ``vault create`` on a nearly full disk left a stub ("Er staat al
een kluis" afterwards).

Two ways in: a crash injected at every single file-system step (each rename, link and
removal, in order; after the crash the process may not touch the disk again, as after a
kill), and real SIGKILLs of the installed ``zorgapp vault restore`` at random moments,
each followed by ``zorgapp vault check`` at the path (exit 0).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
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

from .helpers import run_cli, start_cli

FAST_KILLS = 10
SLOW_KILLS = 60


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


def _state(path: Path, finished: bool) -> str:
    """Where a kill landed, read from what it left (before anyone recovers)."""
    if finished:
        return "finished before the kill"
    if staging.pending_path(path).exists():
        return "journal written, rolling forward"
    if staging.staged_path(path).exists() or list(path.parent.glob(".tmp-*")):
        return "copying and checking"
    return "starting (nothing changed yet)"


def _wait_for(path: Path, proc: subprocess.Popen[bytes], deadline: float, late: bool) -> None:
    """Aim at the window: return as soon as the restore's first file appears (or, when
    ``late``, its staged head: the journal and the renames follow within milliseconds)."""
    before = set(os.listdir(path.parent))
    while time.monotonic() < deadline and proc.poll() is None:
        now = set(os.listdir(path.parent))
        if late and (path.name + ".staged.head" in now or path.name + ".pending" in now):
            return
        if not late and now - before - {path.name + ".lock"}:
            return
        time.sleep(0.0005)


def _kill_restores(path: Path, backup: Path, data: Path, tries: int, seed: int) -> Counter[str]:
    """Half the kills at a random moment of the run, half aimed at its file changes."""
    rng = random.Random(seed)
    start = time.monotonic()
    full = run_cli(data, "vault", "restore", str(backup), str(path))
    assert full.returncode == 0, full.stderr
    duration = time.monotonic() - start
    states: Counter[str] = Counter()
    for attempt in range(tries):
        proc = start_cli(data, "vault", "restore", str(backup), str(path))
        if attempt % 2:
            late = attempt % 4 == 3
            _wait_for(path, proc, time.monotonic() + 3 * duration, late)
            time.sleep(rng.uniform(0, 0.02 if late else 0.15))
        else:
            time.sleep(rng.uniform(0, 1.1) * duration)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        states[_state(path, finished)] += 1
        check = run_cli(data, "vault", "check", str(path))
        assert check.returncode == 0, check.stderr
        assert _marker(path) in {"origineel", "reservekopie"}
        states["held"] += 1
    return states


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_restore_sample(vault_with_backup: tuple[Path, Path], tmp_path: Path) -> None:
    path, backup = vault_with_backup
    states = _kill_restores(path, backup, tmp_path / "data", FAST_KILLS, seed=11)
    assert states["held"] == FAST_KILLS
    print(f"\nrestore SIGKILLs: {dict(states)}")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_restore_many(vault_with_backup: tuple[Path, Path], tmp_path: Path) -> None:
    path, backup = vault_with_backup
    states = _kill_restores(path, backup, tmp_path / "data", SLOW_KILLS, seed=int(time.time()))
    assert states["held"] == SLOW_KILLS
    print(f"\nrestore SIGKILLs: {dict(states)}")
