"""A push parser for the plain ustar archive inside a bundle.

age decrypts in a stream and hands the plaintext to a writer chunk by chunk; this
parser takes those chunks as they come, so the archive is never held whole. It knows
only what a bundle may contain: regular files in ustar (or GNU) headers with an octal
size. Everything else (links, directories, devices, pax headers, GNU sparse or long-name
members, base-256 sizes, a bad header checksum, data after the end) is refused at its
header, before a byte of its content is looked at: a sparse member that declares 64 MiB
costs nothing.

The ``TarSink`` gets ``begin(name, size, regular)`` for each member (it refuses by
raising), the member's bytes through ``data`` and ``end`` when they are complete.
"""

from __future__ import annotations

from typing import Protocol

from zorgapp.exchange.spec import SLACK, damaged

BLOCK = 512
_HEADER, _DATA, _PAD, _END = range(4)
_REGULAR = (b"0", b"\0")
_MAGICS = (b"ustar\x0000", b"ustar  \0")


class TarSink(Protocol):
    def begin(self, name: str, size: int, regular: bool) -> None: ...
    def data(self, chunk: memoryview) -> None: ...
    def end(self) -> None: ...


class TarStream:
    """Feed plaintext with ``feed``; call ``finish`` after the last chunk."""

    def __init__(self, sink: TarSink) -> None:
        self._sink = sink
        self._block = bytearray()
        self._state = _HEADER
        self._left = 0          # data bytes of the current member still to come
        self._pad = 0           # padding after it
        self._trailing = 0      # bytes after the end-of-archive block
        self.fed = 0

    def feed(self, data: bytes | memoryview) -> None:
        view = memoryview(data).cast("B")
        self.fed += len(view)
        pos = 0
        while pos < len(view):
            if self._state == _HEADER:
                take = view[pos:pos + BLOCK - len(self._block)]
                self._block += take
                pos += len(take)
                if len(self._block) == BLOCK:
                    self._header(bytes(self._block))
                    self._block.clear()
            elif self._state == _DATA:
                take = view[pos:pos + self._left]
                self._sink.data(take)
                self._left -= len(take)
                pos += len(take)
                if self._left == 0:
                    self._sink.end()
                    self._state = _PAD if self._pad else _HEADER
            elif self._state == _PAD:
                take = view[pos:pos + self._pad]
                self._pad -= len(take)
                pos += len(take)
                if self._pad == 0:
                    self._state = _HEADER
            else:
                self._after_end(view[pos:])
                pos = len(view)

    def finish(self) -> None:
        """The archive must have ended properly (an end-of-archive block)."""
        if self._state != _END or self._block:
            raise damaged("tar end")

    def _after_end(self, rest: memoryview) -> None:
        self._trailing += len(rest)
        if self._trailing > SLACK:
            raise damaged("data after the archive")
        if any(rest):
            raise damaged("data after the archive")

    def _header(self, block: bytes) -> None:
        if not any(block):
            self._state = _END
            return
        if _checksum(block) != _octal(block[148:156]):
            raise damaged("tar header")
        magic = block[257:265]
        if magic not in _MAGICS:
            raise damaged("not ustar")
        name = _text(block[0:100])
        prefix = _text(block[345:500]) if magic == _MAGICS[0] else ""
        if prefix:
            name = f"{prefix}/{name}"
        if block[124] & 0x80:
            raise damaged("size")
        size = _octal(block[124:136])
        self._sink.begin(name, size, block[156:157] in _REGULAR)
        self._left, self._pad = size, -size % BLOCK
        if size:
            self._state = _DATA
        else:
            self._sink.end()


def _text(field: bytes) -> str:
    raw = field.split(b"\0", 1)[0]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # refused as an unknown name by the sink


def _octal(field: bytes) -> int:
    text = field.replace(b"\0", b" ").strip()
    if not text or any(c not in b"01234567" for c in text):
        raise damaged("tar header")
    return int(text, 8)


def _checksum(block: bytes) -> int:
    return sum(block[:148]) + 8 * 0x20 + sum(block[156:])
