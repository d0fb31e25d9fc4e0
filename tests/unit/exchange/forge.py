"""Hostile bundles made in code: hand-built tar headers (GNU sparse, pax), nested JSON,
signed manifests that declare whatever the attacker likes, and dossier files edited
after export and signed again, so that only the check under test can refuse them."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from typing import Any

from zorgapp.exchange import format as fmt
from zorgapp.exchange.card import OwnKeys
from zorgapp.exchange.export import collect
from zorgapp.exchange.keys import load_identity

MIB = 1 << 20


def _header(name: str, size: int, typeflag: bytes, magic: bytes = b"ustar\x0000",
            extra: Callable[[bytearray], None] | None = None) -> bytes:
    h = bytearray(512)
    h[0:len(name)] = name.encode()
    h[100:108] = b"0000600\0"
    h[108:116] = h[116:124] = b"0000000\0"
    h[124:136] = b"%011o\0" % size
    h[136:148] = b"%011o\0" % 0
    h[156:157] = typeflag
    h[257:265] = magic
    if extra is not None:
        extra(h)
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 512)


def regular(name: str, data: bytes) -> bytes:
    return _header(name, len(data), b"0") + _pad(data)


def gnu_sparse(name: str, real_size: int, stored: bytes = b"x" * 512) -> bytes:
    """An old-GNU sparse member: ``stored`` bytes at the end of ``real_size`` of holes.

    Python's tarfile reports ``size == real_size`` and reads back ``real_size`` bytes.
    """
    def sparse_map(h: bytearray) -> None:
        h[386:398] = b"%011o\0" % (real_size - len(stored))
        h[398:410] = b"%011o\0" % len(stored)
        h[482] = 0
        h[483:495] = b"%011o\0" % real_size

    return _header(name, len(stored), b"S", b"ustar  \0", sparse_map) + _pad(stored)


def pax_sparse(name: str, real_size: int) -> bytes:
    """A GNU sparse 1.0 member: a pax header, then a regular-looking member."""
    records = {"GNU.sparse.major": "1", "GNU.sparse.minor": "0", "GNU.sparse.name": name,
               "GNU.sparse.realsize": str(real_size)}
    text = b"".join(_pax_record(k, v) for k, v in records.items())
    body = b"1\n0\n512\n" + b"\0" * (512 - 8) + b"y" * 512
    return (_header("./GNUSparseFile.0/" + name.split("/")[-1], len(text), b"x") + _pad(text)
            + _header(name, len(body), b"0") + _pad(body))


def _pax_record(key: str, value: str) -> bytes:
    body = f" {key}={value}\n".encode()
    length = len(body) + 1
    while len(str(length)) + len(body) != length:
        length += 1
    return str(length).encode() + body


def end() -> bytes:
    return b"\0" * 1024


def keys_files(pair: Any, uuids: list[str] | None = None) -> tuple[OwnKeys, Any, list[fmt.DossierFile]]:
    with pair.a.read() as db:
        identity = load_identity(db)
        assert identity is not None
        keys, card = identity
        files = collect(db, uuids or pair.uuids)
    return keys, card, files


def manifest_for(keys: OwnKeys, card: Any, recipients: list[str],
                 members: dict[str, tuple[str, bytes | None, int]],
                 edit: Callable[[dict[str, Any]], None] | None = None) -> list[tuple[str, bytes]]:
    """Manifest and signature declaring ``members``: name -> (dossiernummer, content, size).

    With content None the declared hash is of nothing: only the size is claimed.
    """
    entries, declared = [], {}
    for name, (nummer, content, size) in members.items():
        uuid = name.removeprefix("dossiers/").removesuffix(".json")
        entries.append({"uuid": uuid, "dossiernummer": nummer, "file": name})
        digest = hashlib.sha256(content or b"").hexdigest()
        declared[name] = {"sha256": digest, "size": size}
    manifest = {"format": fmt.FORMAT, "format_version": 1, "bundle_uuid": "6f1c1e52-8c3a-4e8e-9d7e-2b1f0c9a7d11",
                "created_at": "2026-01-05T10:00:00Z", "app_version": "x", "sender": card.to_json(),
                "encryption": "x25519", "recipients": recipients, "dossiers": entries, "members": declared}
    if edit is not None:
        edit(manifest)
    data = fmt.encode_json(manifest)
    return [(fmt.MANIFEST, data), (fmt.SIGNATURE, base64.b64encode(keys.sign(data)) + b"\n")]


def edited_bundle(pair: Any, edit: Callable[[dict[str, Any]], None], index: int = 0,
                  uuids: list[str] | None = None) -> bytes:
    """A's export with the JSON of one dossier file edited, then hashed and signed again."""
    keys, card, files = keys_files(pair, uuids)
    members: dict[str, tuple[str, bytes | None, int]] = {}
    for i, f in enumerate(files):
        doc = f.to_json()
        if i == index:
            edit(doc)
        content = fmt.encode_json(doc)
        members[f"dossiers/{f.uuid}.json"] = (f.dossiernummer, content, len(content))
    head = manifest_for(keys, card, [pair.sb.kaart().age_recipient], members)
    body = [(name, content) for name, (_n, content, _s) in members.items() if content is not None]
    return fmt.encrypt(fmt.make_tar(head + body), [pair.sb.kaart().age_recipient])


def tar_bytes(items: list[tuple[str, bytes]]) -> bytes:
    return b"".join(regular(name, data) for name, data in items)


def python_tarfile_size(raw: bytes, name: str) -> int:
    """What Python's tarfile (the reader before this fix) would read for ``name``."""
    with tarfile.open(fileobj=io.BytesIO(raw + end()), mode="r:") as tar:
        return tar.getmember(name).size


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def json_bytes(data: Any) -> bytes:
    return json.dumps(data).encode()
