"""Every page's HMAC read straight from the file, by child processes (issue 15).

``PRAGMA cipher_integrity_check`` checks one page at a time on one thread and sets up
OpenSSL's HMAC afresh for each (about 30 µs a page here: two seconds for a 300 MB
vault, more than the rest of ``zorgapp allocation`` together). The same check done
here costs less than half as much CPU. A big vault is read by child processes
(``page_apart``), each a range of pages: a thread of ours would hand the GIL back and
forth with the thread doing the real work (``hashlib`` lets go of it for every page),
and two such threads took longer than one. A small file is read here at once: starting
a child costs more than reading a few megabytes.

This reading only ever says "every page is whole" or "look again": ``page_check``
asks SQLCipher itself whenever it answers False, so the verdict "damaged" is always
SQLCipher's. A pass here cannot be wrong: each page's stored HMAC is compared with the
HMAC-SHA512 of the page computed as SQLCipher 4 computes it; had this module's idea of
the layout, the key or the bytes covered been off in any way, no page would match
(and SQLCipher would be asked), while a page altered without the key cannot match.

The layout is SQLCipher 4's default, which ``connection.connect`` keeps: 4096-byte
pages ending in 80 reserved bytes, a 16-byte IV and then the 64-byte HMAC of the page
up to and including the IV followed by the page number (4 bytes, little-endian); page
1 begins after the file's 16-byte salt; the HMAC key is PBKDF2-HMAC-SHA512 of the raw
key with the salt XOR 0x3a, 2 rounds.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from collections.abc import Callable
from pathlib import Path

PAGE, RESERVE, IV, MAC, SALT = 4096, 80, 16, 64, 16
_SIGNED = PAGE - RESERVE + IV  # the page's bytes the HMAC covers end here
_CHUNK = 256  # pages read at once (1 MiB)
_BLOCK = 128  # SHA-512's block: the HMAC key padded to it
_NUMBER = struct.Struct("<I")

#: From this many pages on (16 MiB) the pages are read by child processes.
APART_FROM = 4096

Stop = Callable[[], bool]


def _never() -> bool:
    return False


def pages_whole(path: Path, key: bytes, *, processes: int = 2, stop: Stop = _never) -> bool:
    """True when every page of ``path`` carries its right HMAC and the file is a whole
    number of pages; False at the first doubt (a page that does not match, a short or
    unreadable file, a child that fails, or ``stop()``). The pages are split over
    ``processes`` child processes; with 0, or below ``APART_FROM`` pages, they are read
    here, on the calling thread."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            salt = fh.read(SALT)
    except OSError:
        return False
    if size == 0 or size % PAGE or len(salt) != SALT:
        return False
    mac_key = hmac_key(key, salt)
    count = size // PAGE
    if processes < 1 or count < APART_FROM:
        return range_whole(path, mac_key, 1, count, stop) and not stop()
    from zorgapp.store.page_apart import ranges_whole  # multiprocessing: only when needed

    parts = max(1, min(processes, count // _CHUNK))
    bounds = [(1 + i * count // parts, (i + 1) * count // parts) for i in range(parts)]
    return ranges_whole(path, mac_key, bounds, stop) and not stop()


def hmac_key(key: bytes, salt: bytes) -> bytes:
    """The pages' HMAC key, as SQLCipher 4 derives it from the raw key and the salt.
    It cannot decrypt a page: this is all a child process is given."""
    return hashlib.pbkdf2_hmac("sha512", bytes(key), bytes(b ^ 0x3A for b in salt), 2, 32)


def range_whole(path: Path, mac_key: bytes, first: int, last: int, stop: Stop = _never) -> bool:
    """Pages ``first`` to ``last`` (1-based, inclusive) of the file, each against its HMAC.

    Few Python calls a page: the HMAC's inner and outer SHA-512 start from states
    keyed once (what ``hmac`` does inside, without its per-page set-up), and the page
    number is written over the first bytes of the stored HMAC, once that is kept, so
    that the bytes hashed lie in one piece of the buffer."""
    padded = mac_key.ljust(_BLOCK, b"\0")
    inner = hashlib.sha512(bytes(b ^ 0x36 for b in padded))
    outer = hashlib.sha512(bytes(b ^ 0x5C for b in padded))
    number = _NUMBER.pack_into
    buffer = bytearray(_CHUNK * PAGE)
    view = memoryview(buffer)
    page = first
    try:
        with open(path, "rb", buffering=0) as fh:
            fh.seek((first - 1) * PAGE)
            while page <= last:
                if stop():
                    return False
                n = min(_CHUNK, last - page + 1)
                if fh.readinto(view[:n * PAGE]) != n * PAGE:
                    return False  # the file shrank meanwhile
                for start in range(0, n * PAGE, PAGE):
                    signed = start + _SIGNED
                    stored = view[signed:signed + MAC].tobytes()
                    number(buffer, signed, page)
                    mac = inner.copy()
                    mac.update(view[start + SALT if page == 1 else start:signed + 4])
                    done = outer.copy()
                    done.update(mac.digest())
                    if not hmac.compare_digest(done.digest(), stored):
                        return False
                    page += 1
    except OSError:
        return False
    return True
