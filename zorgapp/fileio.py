"""Atomic, private file writes (the Electrum ``storage.py`` habit), and OS file locks.

Everything Zorgapp saves (key files, backups, PDFs the user saves, bundles) goes
through here: a temporary file in the same folder, mode 0600 before any data, fsync,
rename over the target, fsync of the folder. A crash leaves the old file or the new
one, never half of one, and never a copy readable by other users.

A folder that does not exist is refused, not created: a typing error in ``--out``
should not leave a trail of new folders (``cp`` and ``tar`` refuse too). Failures of
the disk itself (full, read-only, no permission) become an ``EnvironmentStoppedError``
with its own message, so they are never mistaken for damage.

``FileLock`` is an exclusive lock the operating system drops when the process dies
(``flock`` on POSIX, ``msvcrt.locking`` on Windows): one process per vault, and the
way to tell a temporary file or folder of a killed run from one still in use.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from zorgapp.errors import N_, UsageError, from_os_error

WINDOWS = sys.platform == "win32"
#: Without a lock to ask, a leftover is only taken for stale after this long.
UNLOCKED_GRACE_SECONDS = 60.0


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


def check_target(path: Path) -> None:
    """Refuse a target whose folder is missing, or that is itself a folder or a device."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(N_("De map {map} bestaat niet. Kies een bestaande map; Zorgapp maakt "
                            "geen mappen aan."), map=str(path.parent))
    if path.is_dir():
        raise UsageError(N_("{bestand} is een map. Geef de naam van een bestand."),
                         bestand=str(path))
    if path.exists() and not path.is_file():  # /dev/null, a pipe: the rename would replace it
        raise UsageError(N_("{bestand} is geen gewoon bestand (maar bijvoorbeeld een apparaat). "
                            "Geef de naam van een bestand."), bestand=str(path))


#: The temporary file of every atomic write; one left by a killed run is removed at the
#: next unlock of a vault in that folder (``remove_stale_temp_files``).
PARTIAL = ".partial"


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``path`` atomically.

    The temporary ``.tmp-*.partial`` stays locked until it is renamed, so that a later
    run can tell one left by a kill (a head or key file written at that instant) from
    one still being written."""
    path = Path(path)
    check_target(path)
    folder = path.parent
    try:
        fd, tmp = _held_temp(folder, PARTIAL)
    except OSError as exc:
        raise environment_or_raw(exc, path) from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            if not WINDOWS:  # renamed while still locked: never taken for a leftover
                os.replace(tmp, path)
        if WINDOWS:  # pragma: no cover - an open file cannot be renamed there
            os.replace(tmp, path)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise environment_or_raw(exc, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def environment_or_raw(exc: OSError, path: Path) -> BaseException:
    """The environment's message for ``exc`` when it has one; else ``exc`` itself."""
    return from_os_error(exc, path) or exc


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


def held_temp_path_beside(path: Path, suffix: str) -> tuple[Path, int]:
    """Like ``temp_path_beside``, but the file stays locked (returned fd) while in use,
    so that ``remove_stale_temp_files`` of another process leaves it alone."""
    try:
        fd, name = _held_temp(Path(path).parent, suffix)
    except OSError as exc:
        raise environment_or_raw(exc, Path(path)) from None
    return name, fd


def _held_temp(folder: Path, suffix: str) -> tuple[int, Path]:
    """A new private ``.tmp-*SUFFIX`` in ``folder``, locked (POSIX) and still there: a
    cleaner that took it for a leftover between its creation and our lock removed it
    while holding the lock, so then we simply take another."""
    while True:
        fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=folder)
        os.chmod(name, 0o600)
        if WINDOWS:  # a Windows lock is mandatory and would stop SQLite writing it
            return fd, Path(name)
        _lock_fd(fd)
        try:
            if os.stat(name).st_ino == os.fstat(fd).st_ino:
                return fd, Path(name)
        except FileNotFoundError:
            pass
        os.close(fd)


def remove_stale_temp_files(folder: Path, suffix: str, *, all_ours: bool = False) -> list[Path]:
    """Remove ``.tmp-*SUFFIX`` files (and SQLite's companions) left by killed runs.

    A file still locked by a live process is left alone. ``all_ours``: the caller holds
    the lock of the only process that writes here (a vault's own backup folder).
    """
    removed: list[Path] = []
    try:
        candidates = sorted(Path(folder).glob(f".tmp-*{suffix}"))
    except OSError:
        return removed
    for path in candidates:
        if all_ours:
            _remove_with_companions(path)
        elif not _remove_if_unused(path):
            continue
        removed.append(path)
    return removed


def _remove_with_companions(path: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(str(path) + extra).unlink()


def _remove_if_unused(path: Path) -> bool:
    """Remove ``path`` when no live process holds it (on Windows: when it is old).

    Removed while holding its lock, so that a writer that locks it an instant later
    sees that the name is gone (``_held_temp``)."""
    if WINDOWS:
        if _age(path) <= 24 * 3600:
            return False
        _remove_with_companions(path)
        return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if not _lock_fd(fd, wait=False):
            return False
        _remove_with_companions(path)
        return True
    finally:
        os.close(fd)


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _lock_fd(fd: int, wait: bool = True) -> bool:
    """Take an exclusive OS lock on ``fd``; False when another holder has it."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK if not wait else msvcrt.LK_LOCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


class FileLock:
    """An exclusive lock on a small file beside what it guards; the OS releases it when
    the process ends, however it ends, so a crash never leaves a vault locked."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    def try_acquire(cls, path: Path) -> FileLock | None:
        """The lock, or None when another process (or another open here) holds it."""
        path = Path(path)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _lock_fd(fd, wait=False):
                os.close(fd)
                return None
            if WINDOWS:  # pragma: no cover - the file cannot be removed while open there
                return cls(path, fd)
            # The previous holder may have removed the file between our open and our
            # lock: then we hold a lock on a name nobody else can find; try again.
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                return cls(path, fd)
            os.close(fd)

    @classmethod
    def unheld(cls, path: Path) -> FileLock:
        """A stand-in where no lock can be taken nor is needed (a read-only disk)."""
        return cls(path, None)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __del__(self) -> None:  # a forgotten lock goes with its owner, like a file
        with contextlib.suppress(Exception):
            self.release()

    def release(self) -> None:
        """Remove the lock file and let go; safe to call twice."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if not WINDOWS:  # remove while still holding it: nobody can lock a stale name
                with contextlib.suppress(OSError):
                    self.path.unlink()
        finally:
            os.close(fd)
        if WINDOWS:  # pragma: no cover - an open file cannot be removed there
            with contextlib.suppress(OSError):
                self.path.unlink()


class TempFolder:
    """A private folder in the system temporary folder, locked while this process uses
    it, so that a later run can tell it from one left by a run that was killed."""

    LOCK_NAME = ".in-use"

    def __init__(self, path: Path, hold: FileLock) -> None:
        self.path = path
        self._hold = hold

    @classmethod
    def make(cls, prefix: str) -> TempFolder:
        """Remove stale folders with ``prefix`` first (only ours, only unused)."""
        remove_stale_temp_folders(prefix)
        path = Path(tempfile.mkdtemp(prefix=prefix))
        os.chmod(path, 0o700)
        hold = FileLock.try_acquire(path / cls.LOCK_NAME)
        assert hold is not None  # a folder made just now cannot be held by anyone else
        return cls(path, hold)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self._hold.release()


def remove_stale_temp_folders(prefix: str, root: Path | None = None) -> list[Path]:
    """Folders ``prefix*`` in the temporary folder left by killed runs of this user."""
    root = Path(root or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = sorted(root.glob(prefix + "*"))
    except OSError:
        return removed
    for folder in candidates:
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir() or folder.is_symlink():
            continue
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            continue  # another user's: not ours to judge
        lock_file = folder / TempFolder.LOCK_NAME
        if not lock_file.exists() and time.time() - info.st_mtime < UNLOCKED_GRACE_SECONDS:
            continue  # made an instant ago, its lock not yet taken
        try:
            hold = FileLock.try_acquire(lock_file)
        except OSError:
            continue
        if hold is None:
            continue  # a live run is using it
        shutil.rmtree(folder, ignore_errors=True)
        hold.release()
        removed.append(folder)
    return removed
