"""Shared tools for the reliability suite: the installed command in a subprocess, a
small real file system (tmpfs) to fill up or make read-only, and kill timing."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE


def zorgapp_command() -> list[str]:
    """The console script installed with the package (what IT staff run)."""
    script = Path(sys.executable).parent / ("zorgapp.exe" if os.name == "nt" else "zorgapp")
    found = str(script) if script.exists() else shutil.which("zorgapp")
    if found is None:  # pragma: no cover - the test extras install the package
        pytest.skip("the zorgapp console script is not installed")
    return [found]


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "ZORGAPP_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


def run_cli(data_dir: Path, *args: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess[str]:
    """``zorgapp ARGS`` with the test passphrase; Dutch messages."""
    return subprocess.run(
        [*zorgapp_command(), "--data-dir", str(data_dir), "--lang", "nl", *args],
        capture_output=True, text=True, timeout=timeout, env=cli_env(**env),
    )


def start_cli(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*zorgapp_command(), "--data-dir", str(data_dir), "--lang", "nl", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(),
    )


# -- a small real disk ------------------------------------------------------------------

def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, timeout=60)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    """A real tmpfs of ``size`` at ``folder``; skips the test where mounting is not
    allowed (not root, or a container without CAP_SYS_ADMIN)."""
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("needs Linux mount to make a small real file system")
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs (CI runs as root)")
    folder.mkdir(parents=True, exist_ok=True)
    result = _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    if result.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here: {result.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=60)


def make_read_only(mount_point: Path) -> None:
    result = _mount("-o", "remount,ro", str(mount_point))
    if result.returncode != 0:
        pytest.skip(f"remounting read-only is not allowed here: {result.stderr.strip()}")


def make_writable(mount_point: Path) -> None:
    _mount("-o", "remount,rw", str(mount_point))


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of ``folder`` up to ``leave`` bytes free."""
    filler = folder / "opvulling.bin"
    free = shutil.disk_usage(folder).free - leave
    with open(filler, "wb", buffering=0) as fh:
        chunk = b"\0" * 65536
        try:
            while free > 0:
                fh.write(chunk[: min(len(chunk), free)])
                free -= len(chunk)
            os.fsync(fh.fileno())
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    return filler


def names_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}
