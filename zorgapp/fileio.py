"""Atomic, private file writes (the Electrum ``storage.py`` habit).

Everything Zorgapp saves (key files, backups, PDFs the user saves, bundles) goes
through here: a temporary file in the same folder, mode 0600 before any data, fsync,
rename over the target, fsync of the folder. A crash leaves the old file or the new
one, never half of one, and never a copy readable by other users.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``path`` atomically."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=folder)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by the user only."""
    with atomic_writer(path) as fh:
        fh.write(data)


def temp_path_beside(path: Path, suffix: str = "") -> Path:
    """A fresh private temporary name in the same folder (for SQLite targets)."""
    fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=Path(path).parent)
    os.close(fd)
    os.chmod(name, 0o600)
    return Path(name)
