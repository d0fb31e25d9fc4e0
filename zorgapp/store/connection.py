"""Opening a SQLCipher file with a raw key, and telling damage apart.

This is the only place that speaks to SQLCipher directly. The key is always passed
as a raw 256-bit key in ``x'…'`` form, never a passphrase, so no key derivation
happens inside SQLite and no secret is ever formatted from user input.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3

from zorgapp.errors import N_, DamagedVaultError, UsageError

DatabaseError = sqlcipher3.DatabaseError
Connection = sqlcipher3.Connection


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
    if size == 0:
        raise damaged("empty")


def connect(path: Path, key: bytes, *, pragmas: bool = True) -> Connection:
    """A keyed connection; DamagedVaultError when pages fail their HMAC.

    The caller must already know the key is right (it unwrapped from the key file or
    matched the key check), so any failure here means damage, not a wrong key.
    """
    if len(key) != 32:
        raise ValueError("vault key must be 32 bytes")
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
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
    except DatabaseError:
        conn.close()
        raise damaged("open") from None
    return conn


def integrity_problems(conn: Connection, *, level: str = "full") -> list[str]:
    """``hmac``: every page's HMAC; ``full``: that plus SQLite's structure check."""
    try:
        problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        if level == "full":
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            problems += [r for r in rows if r != "ok"]
    except DatabaseError as exc:
        return [type(exc).__name__]
    return problems


def create_private_file(path: Path) -> None:
    """Create an empty file only the user can read, failing if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def chmod_private(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            os.chmod(candidate, 0o600)
