"""Reading a ``.zorgbundle``: decrypt in a stream, verify before reading on.

The order is the point (docs/bundle-format.md §5):

1. the age header says how the file is encrypted; the file is at most 1 GiB;
2. age decrypts chunk by chunk into ``TarStream``, which refuses any member that is
   not a plain file at its header;
3. ``manifest.json`` (first, at most 16 MiB, parsed within depth limits) and
   ``manifest.sig`` (second, at most 1 KiB): the signature is verified against the
   card in the manifest, then the manifest against the schema, and the declared sizes
   against the caps;
4. the caller's ``sender_check`` sees the signed manifest and says whether to read on
   (an unknown sender's dossier files are not read until the user allows it);
5. each dossier file and attachment is taken only up to its declared size and hashed
   as it streams.

Nothing is written to disk; an error anywhere refuses the whole bundle.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pyrage

from zorgapp.errors import N_, KnownError, UsageError
from zorgapp.exchange import manifest as manifest_mod
from zorgapp.exchange.card import ContactCard
from zorgapp.exchange.spec import (
    AGE_MAGIC,
    MANIFEST,
    MAX_BUNDLE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    SLACK,
    BundleDamagedError,
    BundlePassphraseError,
    BundleSignatureError,
    DossierFile,
    NotForThisVaultError,
    OpenedBundle,
    bad_signature,
    damaged,
)
from zorgapp.exchange.tarstream import BLOCK, TarStream

Source = Path | bytes
SenderCheck = Callable[[OpenedBundle], bool]


class _StopReading(Exception):
    """The sender check said: no dossier files before the user allows this sender."""


def header_kind(data: bytes) -> str:
    """'x25519', 'passphrase' or 'other' from the age header; refuses non-age data."""
    if not data.startswith(AGE_MAGIC):
        raise BundleDamagedError(N_("Dit bestand is geen overdrachtsbundel van Zorgapp (geen age-bestand)."))
    head = data[:64 << 10]
    end = head.find(b"\n---")
    if end < 0:
        raise damaged("header")
    kinds = {line.split(b" ")[1] for line in head[:end].split(b"\n") if line.startswith(b"-> ")
             and len(line.split(b" ")) > 1}
    if b"scrypt" in kinds:
        return "passphrase"
    if b"X25519" in kinds:
        return "x25519"
    return "other"


def _safe_name(name: str) -> bool:
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return False
    parts = name.split("/")
    return all(part not in ("", ".", "..") for part in parts) and not re.match(r"^[A-Za-z]:", name)


def _padded(size: int) -> int:
    return BLOCK + -(-size // BLOCK) * BLOCK


class _Members:
    """The ``TarSink`` of a bundle: keeps each member only up to its declared size."""

    def __init__(self, kind: str, sender_check: SenderCheck | None) -> None:
        self.kind = kind
        self.sender_check = sender_check
        self.manifest_bytes: bytes | None = None
        self.signature: bytes | None = None
        self.opened: OpenedBundle | None = None
        self.declared: dict[str, dict[str, Any]] = {}
        self.found: dict[str, bytes] = {}
        self.seen: set[str] = set()
        # archive bytes allowed so far: until the manifest is read, its cap
        self.limit = _padded(MAX_MANIFEST_BYTES) + _padded(MAX_SIGNATURE_BYTES) + SLACK
        self._name = ""
        self._buffer = bytearray()
        self._hash = hashlib.sha256()

    def begin(self, name: str, size: int, regular: bool) -> None:
        if not regular:
            raise BundleDamagedError(N_("De bundel bevat iets anders dan gewone bestanden ({naam}) "
                                        "en wordt niet ingelezen."),
                                     naam=name[:120])
        if not _safe_name(name):
            raise BundleDamagedError(N_("De bundel bevat een onveilige bestandsnaam ({naam}) en wordt niet ingelezen."),
                                     naam=name[:120])
        if name in self.seen:
            raise damaged("duplicate member")
        self.seen.add(name)
        if self.manifest_bytes is None:
            if name != MANIFEST:
                raise damaged("manifest first")
            if size > MAX_MANIFEST_BYTES:
                raise damaged("manifest size")
        elif self.signature is None:
            if name != SIGNATURE:
                raise BundleSignatureError(N_("De bundel is niet ondertekend en wordt niet ingelezen."))
            if size > MAX_SIGNATURE_BYTES:
                raise damaged("signature size")
        else:
            entry = self.declared.get(name)
            if entry is None:
                raise BundleDamagedError(N_("De bundel bevat een bestand dat niet in het manifest staat ({naam})."),
                                         naam=name[:120])
            if size != entry["size"]:
                raise BundleDamagedError(N_("Een bestand in de bundel is groter of kleiner dan opgegeven ({naam})."),
                                         naam=name)
        self._name = name
        self._buffer = bytearray()
        self._hash = hashlib.sha256()

    def data(self, chunk: memoryview) -> None:
        self._buffer += chunk
        self._hash.update(chunk)

    def end(self) -> None:
        content = bytes(self._buffer)
        self._buffer = bytearray()
        if self._name == MANIFEST:
            self.manifest_bytes = content
            manifest_mod.check_header(content)  # nested or oversized JSON: refused now
        elif self._name == SIGNATURE:
            self.signature = content
            self._signed()
        else:
            if self._hash.hexdigest() != self.declared[self._name]["sha256"]:
                raise BundleDamagedError(N_("Het manifest van de bundel klopt niet met de inhoud ({naam})."),
                                         naam=self._name)
            self.found[self._name] = content

    def _signed(self) -> None:
        """Verify the signature and the manifest, then ask whether to read on."""
        assert self.manifest_bytes is not None and self.signature is not None
        manifest = manifest_mod.check_header(self.manifest_bytes)
        try:
            sender = ContactCard.from_json(manifest.get("sender"))
        except KnownError:
            raise damaged("sender card") from None
        try:
            signature = base64.b64decode(self.signature.strip(), validate=True)
        except ValueError:
            raise bad_signature() from None
        if not sender.verify(self.manifest_bytes, signature):
            raise bad_signature()
        self.declared = manifest_mod.check_manifest(manifest)
        if manifest["encryption"] != self.kind:
            raise damaged("encryption")
        self.limit = (_padded(len(self.manifest_bytes)) + _padded(len(self.signature)) + SLACK
                      + sum(_padded(int(m["size"])) for m in self.declared.values()))
        self.opened = OpenedBundle(
            bundle_id=hashlib.sha256(self.manifest_bytes).hexdigest(), manifest=manifest,
            sender=sender, created_at=manifest["created_at"], encryption=self.kind,
            recipients=[str(r) for r in manifest["recipients"]],
            dossiers=[DossierFile(e["uuid"], e["dossiernummer"], {}) for e in manifest["dossiers"]],
            complete=False)
        if self.sender_check is not None and not self.sender_check(self.opened):
            raise _StopReading


class _Plaintext(io.RawIOBase):
    """Where age writes the decrypted bytes: straight into the tar parser."""

    def __init__(self, members: _Members) -> None:
        self.members = members
        self.stream = TarStream(members)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data)
        if self.stream.fed + len(view) > min(self.members.limit, MAX_BUNDLE_BYTES):
            raise BundleDamagedError(N_("De bundel is veel groter dan het manifest opgeeft en wordt niet ingelezen."))
        self.stream.feed(view)
        return len(view)


def _decrypt_into(handle: BinaryIO, kind: str, sink: _Plaintext,
                  identities: Sequence[pyrage.x25519.Identity], passphrase: str | None) -> None:
    if kind == "passphrase":
        if not passphrase:
            raise BundlePassphraseError(N_("Deze bundel is met een wachtwoordzin versleuteld: "
                                           "geef de wachtwoordzin van de bundel."))
        try:
            plaintext = pyrage.passphrase.decrypt(handle.read(MAX_BUNDLE_BYTES + 1), passphrase)
        except pyrage.DecryptError as exc:
            if "Decryption failed" in str(exc):
                raise BundlePassphraseError(N_("De wachtwoordzin van de bundel is onjuist.")) from None
            raise damaged("age") from None
        sink.write(plaintext)
        return
    if kind != "x25519" or not identities:
        raise NotForThisVaultError(N_("Deze bundel is niet voor deze kluis bestemd."))
    try:
        pyrage.decrypt_io(handle, sink, list(identities))
    except (KnownError, _StopReading):
        raise
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise NotForThisVaultError(N_("Deze bundel is niet voor deze kluis bestemd "
                                          "(of de kop van het bestand is beschadigd).")) from None
        raise damaged("age") from None
    except Exception:  # noqa: BLE001 - age reports a failed chunk as OSError("decryption error")
        raise damaged("age") from None


def _open_source(source: Source) -> BinaryIO:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    path = Path(source)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise UsageError(N_("Het bestand {bestand} bestaat niet."), bestand=str(path)) from None
    except OSError:
        raise KnownError(N_("Het bestand {bestand} kan niet worden gelezen."), bestand=str(path)) from None
    return handle


def open_bundle(source: Source, identities: Sequence[pyrage.x25519.Identity] = (),
                passphrase: str | None = None, sender_check: SenderCheck | None = None) -> OpenedBundle:
    """Decrypt and check a bundle (a path or its bytes); raises on any problem.

    With a ``sender_check`` that returns False the result is incomplete (see
    ``OpenedBundle``); its ``reopen`` reads the whole bundle without asking again.
    """
    with _open_source(source) as handle:
        try:
            size = handle.seek(0, io.SEEK_END)
            handle.seek(0)
            if size > MAX_BUNDLE_BYTES:
                raise damaged("size")
            kind = header_kind(handle.read(64 << 10))
            handle.seek(0)
        except OSError:
            raise KnownError(N_("Het bestand {bestand} kan niet worden gelezen."), bestand=str(source)[:200]) from None
        members = _Members(kind, sender_check)
        sink = _Plaintext(members)
        try:
            _decrypt_into(handle, kind, sink, identities, passphrase)
        except _StopReading:
            assert members.opened is not None
            members.opened.reopen = lambda: open_bundle(source, identities, passphrase)
            return members.opened
        sink.stream.finish()
    return _complete(members)


def _complete(members: _Members) -> OpenedBundle:
    if members.manifest_bytes is None:
        raise damaged("no manifest")
    if members.opened is None:
        raise BundleSignatureError(N_("De bundel is niet ondertekend en wordt niet ingelezen."))
    missing = sorted(set(members.declared) - set(members.found))
    if missing:
        raise BundleDamagedError(N_("Er ontbreken bestanden in de bundel ({naam})."), naam=", ".join(missing[:3]))
    opened = members.opened
    opened.dossiers = [manifest_mod.dossier_file(entry, members.found.pop(entry["file"]))
                       for entry in opened.manifest["dossiers"]]
    by_uuid = {d.uuid: d for d in opened.dossiers}
    for entry in opened.manifest.get("bijlagen", []):
        by_uuid[entry["dossier"]].bijlagen.append(manifest_mod.bijlage_file(
            entry, members.declared[entry["file"]]["sha256"], members.found.pop(entry["file"])))
    opened.complete = True
    return opened
