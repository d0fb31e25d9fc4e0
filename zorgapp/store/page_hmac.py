"""Every page's HMAC read straight from the file, on both cores (issue 15).

``PRAGMA cipher_integrity_check`` checks one page at a time on one thread and sets up
OpenSSL's HMAC afresh for each (about 30 µs a page here: two seconds for a 300 MB
vault, more than the rest of ``zorgapp allocation`` together). The same check done
here costs about half as much CPU and runs on as many threads as asked: ``hashlib``
lets go of the GIL while it hashes a page.

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
import threading
from collections.abc import Callable
from pathlib import Path

PAGE, RESERVE, IV, MAC, SALT = 4096, 80, 16, 64, 16
_SIGNED = PAGE - RESERVE + IV  # the page's bytes the HMAC covers end here
_CHUNK = 256  # pages read at once (1 MiB)

Stop = Callable[[], bool]


def pages_whole(path: Path, key: bytes, *, threads: int = 2,
                stop: Stop = lambda: False) -> bool:
    """True when every page of ``path`` carries its right HMAC and the file is a whole
    number of pages; False at the first doubt (a page that does not match, a short or
    unreadable file, or ``stop()``). The pages are split over ``threads`` threads."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            salt = fh.read(SALT)
    except OSError:
        return False
    if size == 0 or size % PAGE or len(salt) != SALT:
        return False
    mac_key = hashlib.pbkdf2_hmac("sha512", bytes(key), bytes(b ^ 0x3A for b in salt), 2, 32)
    count = size // PAGE
    parts = max(1, min(threads, count // _CHUNK or 1))
    bounds = [(1 + i * count // parts, (i + 1) * count // parts) for i in range(parts)]
    results = [False] * parts
    failed = threading.Event()

    def run(index: int) -> None:
        first, last = bounds[index]
        results[index] = _range_whole(path, mac_key, first, last,
                                      lambda: failed.is_set() or stop())
        if not results[index]:
            failed.set()  # the other threads stop at their next chunk

    helpers = [threading.Thread(target=run, args=(i,), name="zorgapp-page-hmac", daemon=True)
               for i in range(1, parts)]
    for helper in helpers:
        helper.start()
    run(0)
    for helper in helpers:
        helper.join()
    return all(results) and not stop()


def _range_whole(path: Path, mac_key: bytes, first: int, last: int, stop: Stop) -> bool:
    """Pages ``first`` to ``last`` (1-based, inclusive) of the file, each against its HMAC."""
    base = hmac.new(mac_key, digestmod="sha512")
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
                for offset in range(0, n * PAGE, PAGE):
                    mac = base.copy()
                    mac.update(view[offset + (SALT if page == 1 else 0):offset + _SIGNED])
                    mac.update(struct.pack("<I", page))
                    if not hmac.compare_digest(mac.digest(),
                                               view[offset + _SIGNED:offset + _SIGNED + MAC]):
                        return False
                    page += 1
    except OSError:
        return False
    return True
