"""Writing a ``.zorgbundle``: members, a plain ustar archive, age encryption.

The manifest goes first and the signature second, so that a reader can check both
before it reads any dossier file. Attachments (``bijlagen/<uuid>``) come after the
dossier files, listed and hashed in the manifest like them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import uuid as uuid_mod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyrage

from zorgapp import __version__
from zorgapp.errors import N_, UsageError
from zorgapp.exchange.card import ContactCard, OwnKeys
from zorgapp.exchange.spec import (
    BIJLAGE_DIR,
    BIJLAGEN_VERSION,
    DOSSIER_DIR,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_TOTAL_BYTES,
    SIGNATURE,
    DossierFile,
    encode_json,
    now_utc,
)


def build_members(dossiers: Iterable[DossierFile], sender: ContactCard, keys: OwnKeys,
                  recipients: Sequence[str], encryption: str,
                  created_at: str | None = None) -> list[tuple[str, bytes]]:
    """The archive members, in order: manifest, signature, dossier files."""
    files: list[tuple[str, bytes]] = []
    entries: list[dict[str, str]] = []
    members: dict[str, dict[str, Any]] = {}
    dossiers = list(dossiers)
    for item in dossiers:
        name = f"{DOSSIER_DIR}{item.uuid}.json"
        data = encode_json(item.to_json())
        files.append((name, data))
        entries.append({"uuid": item.uuid, "dossiernummer": item.dossiernummer, "file": name})
        members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    bijlagen = bijlage_members(dossiers, files, members)
    if sum(m["size"] for m in members.values()) > MAX_TOTAL_BYTES:
        raise UsageError(N_("Deze dossiers zijn met hun bijlagen samen te groot voor één bundel; "
                            "draag ze in kleinere groepen over."))
    manifest = {
        "format": FORMAT,
        "format_version": BIJLAGEN_VERSION if bijlagen else FORMAT_VERSION,
        "bundle_uuid": str(uuid_mod.uuid4()),
        "created_at": created_at or now_utc(),
        "app_version": __version__,
        "sender": sender.to_json(),
        "encryption": encryption,
        "recipients": list(recipients),
        "dossiers": entries,
        "members": members,
    }
    if bijlagen:
        manifest["bijlagen"] = bijlagen
    manifest_bytes = encode_json(manifest)
    signature = base64.b64encode(keys.sign(manifest_bytes)) + b"\n"
    return [(MANIFEST, manifest_bytes), (SIGNATURE, signature), *files]


def bijlage_members(dossiers: Sequence[DossierFile], files: list[tuple[str, bytes]],
                    members: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each attachment as a member ``bijlagen/<uuid>``; its manifest entries."""
    entries: list[dict[str, Any]] = []
    for item in dossiers:
        for bestand in item.bijlagen:
            b = bestand.bijlage
            name = f"{BIJLAGE_DIR}{b.uuid}"
            files.append((name, bestand.data))
            members[name] = {"sha256": hashlib.sha256(bestand.data).hexdigest(),
                             "size": len(bestand.data)}
            entries.append({"uuid": b.uuid, "dossier": item.uuid, "file": name, "naam": b.naam,
                            "type": b.type, "grootte": len(bestand.data),
                            "toegevoegd": b.toegevoegd_op, "omschrijving": b.omschrijving})
    return entries


def make_tar(members: Sequence[tuple[str, bytes]], mtime: float | None = None) -> bytes:
    """A plain ustar archive, owner-neutral, files readable by the user only."""
    buffer = io.BytesIO()
    stamp = int(mtime if mtime is not None else datetime.now(UTC).timestamp())
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = stamp
            info.mode = 0o600
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def encrypt(plaintext: bytes, recipients: Sequence[str] = (), passphrase: str | None = None) -> bytes:
    if passphrase is not None:
        if recipients:
            raise UsageError(N_("Kies ontvangers of een wachtwoordzin, niet allebei."))
        if not passphrase:
            raise UsageError(N_("De wachtwoordzin van de bundel is leeg."))
        return bytes(pyrage.passphrase.encrypt(plaintext, passphrase))
    if not recipients:
        raise UsageError(N_("Kies minstens één ontvanger of een wachtwoordzin."))
    parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    return bytes(pyrage.encrypt(plaintext, parsed))


@dataclass(frozen=True)
class WrittenBundle:
    data: bytes
    bundle_id: str      # SHA-256 of manifest.json, hex: how the receiver knows it
    bundle_uuid: str


def write_bundle(dossiers: Iterable[DossierFile], sender: ContactCard, keys: OwnKeys,
                 recipients: Sequence[str] = (), passphrase: str | None = None,
                 created_at: str | None = None) -> WrittenBundle:
    """The encrypted bundle."""
    encryption = "passphrase" if passphrase is not None else "x25519"
    members = build_members(dossiers, sender, keys, list(recipients), encryption, created_at)
    manifest_bytes = members[0][1]
    return WrittenBundle(data=encrypt(make_tar(members), recipients, passphrase),
                         bundle_id=hashlib.sha256(manifest_bytes).hexdigest(),
                         bundle_uuid=json.loads(manifest_bytes)["bundle_uuid"])
