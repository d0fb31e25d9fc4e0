"""One process per vault: an OS lock on ``NAME.zorg.lock`` beside it.

The lock is ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on an open file, so the
OS drops it when the process ends, however it ends: a crash never leaves a vault locked
for good. Another Zorgapp window or command that tries to open the same vault is told
"Deze kluis is al geopend", and ``vault restore`` refuses while the vault is open.
Whoever holds the lock first finishes or undoes an interrupted create or restore.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zorgapp.errors import N_, EnvironmentStoppedError, UsageError, environment_error
from zorgapp.fileio import FileLock
from zorgapp.store import staging
from zorgapp.store.connection import DatabaseError, known_or_none


def lock_path(vault_path: Path) -> Path:
    return Path(str(vault_path) + ".lock")


def claim(path: Path) -> FileLock:
    """This process's hold on the vault at ``path``; "al geopend" when another has it."""
    try:
        held = FileLock.try_acquire(lock_path(path))
    except FileNotFoundError:
        raise UsageError(N_("Kluis {bestand} bestaat niet."), bestand=str(path)) from None
    except OSError as exc:
        if exc.errno == errno.EROFS:
            # Nobody can change a vault on a read-only disk: no lock is needed to tell
            # the user first whether the passphrase is right, then that it is read-only.
            return FileLock.unheld(lock_path(path))
        raise translated(path, exc) from None
    if held is None:
        raise environment_error("in_use", path)
    return held


@contextmanager
def claimed(path: Path) -> Iterator[FileLock]:
    """Hold the vault and finish any interrupted create or restore; on failure let go
    and turn disk trouble into its own message. On success the caller keeps the hold."""
    hold = claim(path)
    try:
        staging.recover(path)
        yield hold
    except BaseException as exc:
        hold.release()
        known = translated(path, exc)
        if known is exc:
            raise
        raise known from None


def translated(path: Path, exc: BaseException) -> BaseException:
    """A KnownError for disk trouble or damage behind ``exc``; else ``exc`` itself.

    Disk trouble with one of the vault's own temporary files is told about the vault
    itself: the user never chose a name like ``kluis.zorg.staged``."""
    if isinstance(exc, DatabaseError | OSError):
        return known_or_none(path, exc) or exc
    if isinstance(exc, EnvironmentStoppedError):
        shown = Path(str(exc.params.get("bestand", "")))
        if shown.parent == path.parent and shown != path and (
                shown.name.startswith(path.name) or shown.name.startswith(".tmp-")):
            return type(exc)(exc.msgid, **{**exc.params, "bestand": str(path)})
    return exc
