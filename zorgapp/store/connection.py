"""Opening a SQLCipher file with a raw key, and telling damage from the environment.

This is the only place that speaks to SQLCipher directly. The key is always passed
as a raw 256-bit key in ``x'…'`` form, never a passphrase, so no key derivation
happens inside SQLite and no secret is ever formatted from user input.

A failing SQLite call is damage only when nothing around the file explains it: a full
disk (SQLite often says only "disk I/O error" when it cannot grow its ``-shm`` file),
a read-only mount, missing permissions, a busy lock or a lack of memory each get their
own message and exit code, because the advice for damage (restore a backup) would make
things worse there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, Self, TypeAlias

import sqlcipher3

from zorgapp.errors import (
    N_,
    DamagedVaultError,
    EnvironmentStoppedError,
    KnownError,
    UsageError,
    environment_error,
    from_os_error,
)

DatabaseError = sqlcipher3.DatabaseError

#: One result row: SQLite values (str, int, float, bytes or None) by column.
Row: TypeAlias = tuple[Any, ...]
Parameters: TypeAlias = Sequence[Any] | Mapping[str, Any]


class Cursor(Protocol):
    """The part of a DB-API cursor (``sqlite3.Cursor``) that Zorgapp uses."""

    @property
    def lastrowid(self) -> int | None: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any:
        """A ``Row``, or None after the last one (``Any`` so that a ``count(*)`` read,
        which always has a row, needs no None check)."""

    def fetchall(self) -> list[Row]: ...

    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    """An open SQLCipher connection, typed: sqlcipher3 ships no type information, so
    this describes the part of the ``sqlite3.Connection`` interface we call. Opened in
    autocommit mode (``isolation_level=None``): transactions are explicit ``BEGIN``s."""

    def execute(self, sql: str, parameters: Parameters = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Parameters], /) -> Cursor: ...

    def executescript(self, script: str, /) -> Cursor: ...

    def cursor(self) -> Cursor: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...

    def backup(self, target: Self, *, pages: int = ...,
               progress: Callable[[int, int, int], object] | None = ..., name: str = ...,
               sleep: float = ...) -> None: ...

# SQLite primary result codes (the low byte of the extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
#: Less free space than this on the vault's disk counts as full: every write needs room
#: for the WAL and its index, and a vault grows by whole pages.
MIN_FREE_BYTES = 1024 * 1024


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of an exception, if it carries one."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def disk_state(path: Path) -> str | None:
    """'readonly', 'full' or 'permission' when the folder of ``path`` explains a failure."""
    folder = Path(path).parent
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "readonly"
        if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
            return "full"
    except OSError:
        return None
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        return "permission"
    return None


def environment_problem(path: Path, exc: BaseException) -> EnvironmentStoppedError | None:
    """Why the surroundings of ``path``, not the file, made ``exc`` happen (or None).

    The disk is asked only for errors it can cause: a constraint or an SQL error stays
    a bug even on a nearly full disk."""
    if isinstance(exc, OSError):
        return from_os_error(exc, path)
    code = sqlite_code(exc)
    direct = {SQLITE_FULL: "full", SQLITE_BUSY: "busy", SQLITE_LOCKED: "busy",
              SQLITE_NOMEM: "memory"}.get(code or 0)
    if direct:
        return environment_error(direct, path)
    if code not in _DISK_CODES:
        return None
    state = disk_state(path)
    if state:
        return environment_error(state, path)
    fallback = {SQLITE_READONLY: "readonly", SQLITE_IOERR: "io", SQLITE_CANTOPEN: "permission",
                SQLITE_PERM: "permission"}.get(code or 0)
    return environment_error(fallback, path) if fallback else None


#: Result codes a full, read-only or unreadable disk can cause (None: no code at all).
_DISK_CODES = {SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_CORRUPT,
               SQLITE_NOTADB, None}


def problem_for(path: Path, exc: BaseException, reason: str = "") -> KnownError:
    """The environment's error when it explains ``exc``, else damage."""
    return environment_problem(path, exc) or damaged(reason)


def known_or_none(path: Path, exc: BaseException) -> KnownError | None:
    """For errors during use: environment or damage; None for the rest (bugs)."""
    found = environment_problem(path, exc)
    if found is not None:
        return found
    if sqlite_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged("use")
    return None


def damaged(reason: str = "") -> DamagedVaultError:
    return DamagedVaultError(
        N_("De kluis is beschadigd en kan niet veilig worden geopend. "
           "Zet de laatste reservekopie terug (Beheer > Reservekopie terugzetten, "
           "of 'zorgapp vault restore')."),
        reden=reason,
    )


def check_file(path: Path) -> None:
    """Refuse a missing or empty vault before SQLite would create a new one."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UsageError(N_("Kluis {bestand} bestaat niet."), bestand=str(path)) from None
    except OSError as exc:
        raise problem_for(path, exc, "stat") from None
    if size == 0:
        raise damaged("empty")


def connect(path: Path, key: bytes | bytearray, *, pragmas: bool = True) -> Connection:
    """A keyed connection; DamagedVaultError when pages fail their HMAC.

    The caller must already know the key is right (it unwrapped from the key file or
    matched the key check), so any failure here means damage, not a wrong key.
    """
    if len(key) != 32:
        raise ValueError("vault key must be 32 bytes")
    try:
        conn: Connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    except DatabaseError as exc:
        raise problem_for(path, exc, "open") from None
    try:
        # SQLCipher logs HMAC failures to stderr by default: keep the terminal quiet.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # hex of random bytes only
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if pragmas:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            # Decrypted pages stay in memory (64 MiB): searches hit the cache, not AES.
            conn.execute("PRAGMA cache_size = -65536")
    except DatabaseError as exc:
        conn.close()
        raise problem_for(path, exc, "open") from None
    return conn


def integrity_problems(conn: Connection, path: Path, *, level: str = "full") -> list[str]:
    """``hmac``: every page's HMAC; ``full``: that plus SQLite's structure check.

    Raises EnvironmentStoppedError when the disk, not the file, stops the check."""
    try:
        problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        if level == "full":
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            problems += [r for r in rows if r != "ok"]
    except DatabaseError as exc:
        found = environment_problem(path, exc)
        if found is not None:
            raise found from None
        return [type(exc).__name__]
    return problems


def create_private_file(path: Path) -> None:
    """Create an empty file only the user can read, failing if it exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise (from_os_error(exc, path) or exc) from None
    os.close(fd)


def chmod_private(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            os.chmod(candidate, 0o600)
