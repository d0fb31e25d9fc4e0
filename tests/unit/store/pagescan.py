"""An auditor's page reader for SQLCipher 4 files, independent of SQLite.

The bundled SQLCipher has no ``sqlite_dbpage`` table (SQLITE_ENABLE_DBPAGE_VTAB is off)
and ``sqlcipher_export`` copies live rows only, so this decrypts every page of the raw
file itself, free pages included, with SQLCipher 4's default settings as Zorgapp uses
them (raw 256-bit key, 4096-byte pages, 80 reserved bytes per page: a 16-byte IV and a
64-byte HMAC-SHA512; the HMAC key is PBKDF2-HMAC-SHA512 of the key with the file's salt
XOR 0x3a, 2 rounds). Each page's HMAC is checked first, so a wrong setting fails loudly
instead of scanning garbage. WAL frames are read the same way (24-byte frame header).
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
IV = 16
SALT = 16


def _hmac_key(key: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)


def decrypt_page(raw: bytes, pgno: int, key: bytes, salt: bytes) -> bytes:
    """The plaintext of one page (page 1 without its salt); AssertionError on a bad HMAC."""
    start = SALT if pgno == 1 else 0
    body = raw[start:PAGE - RESERVE]
    iv = raw[PAGE - RESERVE:PAGE - RESERVE + IV]
    mac = raw[PAGE - RESERVE + IV:PAGE - RESERVE + IV + 64]
    expected = hmac.new(_hmac_key(key, salt), body + iv + struct.pack("<I", pgno), hashlib.sha512).digest()
    assert hmac.compare_digest(mac, expected), f"page {pgno}: HMAC does not match"
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(body) + dec.finalize()


def pages(path: Path, key: bytes) -> Iterator[tuple[int, bytes]]:
    """Every page of a database file, live or free."""
    data = path.read_bytes()
    assert len(data) % PAGE == 0, f"{path.name}: not a whole number of pages"
    salt = data[:SALT]
    for i in range(len(data) // PAGE):
        yield i + 1, decrypt_page(data[i * PAGE:(i + 1) * PAGE], i + 1, key, salt)


def wal_pages(wal: Path, db: Path, key: bytes) -> Iterator[tuple[int, bytes]]:
    """Every frame of a WAL file (whether or not a commit covers it)."""
    data = wal.read_bytes() if wal.exists() else b""
    salt = db.read_bytes()[:SALT]
    offset = 32
    while offset + 24 + PAGE <= len(data):
        pgno = struct.unpack(">I", data[offset:offset + 4])[0]
        yield pgno, decrypt_page(data[offset + 24:offset + 24 + PAGE], pgno, key, salt)
        offset += 24 + PAGE


def found(path: Path, key: bytes, needles: list[bytes]) -> list[str]:
    """Which needles occur where in the file, its WAL and its -shm (raw: no pages there)."""
    hits = []
    for pgno, page in pages(path, key):
        hits += [f"{path.name} page {pgno}: {n!r}" for n in needles if n in page]
    wal = Path(str(path) + "-wal")
    for pgno, page in wal_pages(wal, path, key):
        hits += [f"{wal.name} frame for page {pgno}: {n!r}" for n in needles if n in page]
    shm = Path(str(path) + "-shm")
    if shm.exists():
        raw = shm.read_bytes()
        hits += [f"{shm.name}: {n!r}" for n in needles if n in raw]
    return hits
