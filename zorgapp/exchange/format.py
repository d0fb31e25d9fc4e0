"""The ``.zorgbundle`` format: an age file holding a plain tar archive.

Described for outsiders in ``docs/bundle-format.md``; in short::

    age( tar[ manifest.json, manifest.sig, dossiers/<uuid>.json … ] )

``manifest.json`` names the sender's contact card, the dossiers and the SHA-256 and
size of every other member; ``manifest.sig`` is the sender's Ed25519 signature over the
exact bytes of ``manifest.json`` (base64, one line). Reading is strict and happens in
memory only: nothing from a bundle is ever extracted to disk. Any surprise (a member
that is not a plain file, a path with ``..``, a size other than declared, a hash that
does not match, a bad signature) refuses the whole bundle.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
import uuid as uuid_mod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyrage

from zorgapp import __version__
from zorgapp.errors import (
    N_,
    KnownError,
    TamperedError,
    UsageError,
    WrongPassphraseError,
)
from zorgapp.exchange.card import ContactCard, OwnKeys

FORMAT = "zorgapp-bundle"
FORMAT_VERSION = 1
DOSSIER_FILE_FORMAT = "zorgapp-dossier"
SUFFIX = ".zorgbundle"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DOSSIER_DIR = "dossiers/"
AGE_MAGIC = b"age-encryption.org/v1\n"

MAX_BUNDLE_BYTES = 1 << 30          # the encrypted file (and so the plaintext) at most
MAX_MANIFEST_BYTES = 32 << 20
MAX_MEMBER_BYTES = 64 << 20         # one dossier file
MAX_SIGNATURE_BYTES = 1024
MAX_DOSSIERS = 200_000
_SLACK = 64 << 10                   # tar end-of-archive blocks and record padding

_MEMBER_NAME = re.compile(r"^dossiers/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$")


# -- errors ------------------------------------------------------------------------------

class BundleDamagedError(TamperedError):
    """Truncated, altered, or not a bundle at all (exit code 1)."""


class BundleSignatureError(TamperedError):
    """The signature does not match the manifest."""


class UnknownSenderError(TamperedError):
    """The sender's card is not in the address book (allowed only after a warning)."""


class BundleVersionError(KnownError):
    """A newer bundle format than this Zorgapp reads."""


class NotForThisVaultError(WrongPassphraseError):
    """The bundle was encrypted for someone else (exit code 2)."""


class BundlePassphraseError(WrongPassphraseError):
    """Wrong or missing passphrase of a passphrase bundle (exit code 2)."""


def damaged(detail: str = "") -> BundleDamagedError:
    return BundleDamagedError(
        N_("De overdrachtsbundel is beschadigd of gewijzigd en wordt niet ingelezen ({reden})."),
        reden=detail)


# -- data ----------------------------------------------------------------------------------

@dataclass
class DossierFile:
    """One ``dossiers/<uuid>.json``: the dossier document plus parts kept beside it."""

    uuid: str
    dossiernummer: str
    dossier: dict[str, Any]
    parts: dict[str, Any] = field(default_factory=dict)
    demo: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"format": DOSSIER_FILE_FORMAT, "format_version": FORMAT_VERSION,
                "demo": self.demo, "dossier": self.dossier, "parts": self.parts}


@dataclass
class OpenedBundle:
    bundle_id: str                  # SHA-256 of manifest.json, hex
    manifest: dict[str, Any]
    sender: ContactCard
    created_at: str
    encryption: str                 # "x25519" or "passphrase"
    recipients: list[str]
    dossiers: list[DossierFile]


def encode_json(data: Any) -> bytes:
    """Stable, readable UTF-8 JSON (also what is hashed and signed)."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# -- writing -------------------------------------------------------------------------------

def build_members(dossiers: Iterable[DossierFile], sender: ContactCard, keys: OwnKeys,
                  recipients: Sequence[str], encryption: str,
                  created_at: str | None = None) -> list[tuple[str, bytes]]:
    """The archive members, in order: manifest, signature, dossier files."""
    files: list[tuple[str, bytes]] = []
    entries: list[dict[str, str]] = []
    members: dict[str, dict[str, Any]] = {}
    for item in dossiers:
        name = f"{DOSSIER_DIR}{item.uuid}.json"
        data = encode_json(item.to_json())
        files.append((name, data))
        entries.append({"uuid": item.uuid, "dossiernummer": item.dossiernummer, "file": name})
        members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bundle_uuid": str(uuid_mod.uuid4()),
        "created_at": created_at or now_utc(),
        "app_version": __version__,
        "sender": sender.to_json(),
        "encryption": encryption,
        "recipients": list(recipients),
        "dossiers": entries,
        "members": members,
    }
    manifest_bytes = encode_json(manifest)
    signature = base64.b64encode(keys.sign(manifest_bytes)) + b"\n"
    return [(MANIFEST, manifest_bytes), (SIGNATURE, signature), *files]


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


# -- reading -------------------------------------------------------------------------------

class _LimitedWriter(io.RawIOBase):
    def __init__(self, limit: int) -> None:
        self.buffer = io.BytesIO()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.buffer.tell() + len(data) > self.limit:
            raise _TooLarge
        return self.buffer.write(data)


class _TooLarge(Exception):
    pass


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


def decrypt(data: bytes, identities: Sequence[pyrage.x25519.Identity] = (),
            passphrase: str | None = None) -> tuple[bytes, str]:
    """The plaintext and the kind of encryption; refuses with a clear error."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise damaged("size")
    kind = header_kind(data)
    if kind == "passphrase":
        if not passphrase:
            raise BundlePassphraseError(N_("Deze bundel is met een wachtwoordzin versleuteld: geef de wachtwoordzin van de bundel."))
        try:
            return bytes(pyrage.passphrase.decrypt(data, passphrase)), kind
        except pyrage.DecryptError as exc:
            if "Decryption failed" in str(exc):
                raise BundlePassphraseError(N_("De wachtwoordzin van de bundel is onjuist.")) from None
            raise damaged("age") from None
    if kind != "x25519" or not identities:
        raise NotForThisVaultError(N_("Deze bundel is niet voor deze kluis bestemd."))
    writer = _LimitedWriter(MAX_BUNDLE_BYTES)
    try:
        pyrage.decrypt_io(io.BytesIO(data), writer, list(identities))
    except _TooLarge:
        raise damaged("size") from None
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise NotForThisVaultError(N_("Deze bundel is niet voor deze kluis bestemd (of de kop van het bestand is beschadigd).")) from None
        raise damaged("age") from None
    except Exception as exc:  # noqa: BLE001 - pyrage may wrap writer errors
        if isinstance(exc.__cause__ or exc.__context__, _TooLarge) or "_TooLarge" in repr(exc):
            raise damaged("size") from None
        raise damaged("age") from None
    return writer.buffer.getvalue(), kind


def _safe_name(name: str) -> bool:
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return False
    parts = name.split("/")
    return all(part not in ("", ".", "..") for part in parts) and not re.match(r"^[A-Za-z]:", name)


def read_archive(plaintext: bytes) -> tuple[bytes, bytes, dict[str, bytes]]:
    """(manifest bytes, signature bytes, {member name: bytes}) after all size and name checks."""
    try:
        tar = tarfile.open(fileobj=io.BytesIO(plaintext), mode="r:")  # noqa: SIM115 - closed below
    except tarfile.TarError:
        raise damaged("tar") from None
    manifest_bytes: bytes | None = None
    signature: bytes | None = None
    declared: dict[str, dict[str, Any]] = {}
    found: dict[str, bytes] = {}
    seen: set[str] = set()
    try:
        while True:
            info = tar.next()
            if info is None:
                break
            name = info.name
            if not _safe_name(name):
                raise BundleDamagedError(N_("De bundel bevat een onveilige bestandsnaam ({naam}) en wordt niet ingelezen."),
                                         naam=name[:120])
            if not info.isreg():
                raise BundleDamagedError(N_("De bundel bevat iets anders dan gewone bestanden ({naam}) en wordt niet ingelezen."),
                                         naam=name[:120])
            if name in seen:
                raise damaged("duplicate member")
            seen.add(name)
            if manifest_bytes is None:
                if name != MANIFEST:
                    raise damaged("manifest first")
                if info.size > MAX_MANIFEST_BYTES:
                    raise damaged("manifest size")
                manifest_bytes = _read(tar, info, info.size)
                declared = _declared_members(manifest_bytes)
                _check_total(len(plaintext), len(manifest_bytes), declared)
                continue
            if name == SIGNATURE:
                if info.size > MAX_SIGNATURE_BYTES:
                    raise damaged("signature size")
                signature = _read(tar, info, info.size)
                continue
            entry = declared.get(name)
            if entry is None:
                raise BundleDamagedError(N_("De bundel bevat een bestand dat niet in het manifest staat ({naam})."),
                                         naam=name[:120])
            if info.size != entry["size"]:
                raise BundleDamagedError(N_("Een bestand in de bundel is groter of kleiner dan opgegeven ({naam})."),
                                         naam=name)
            found[name] = _read(tar, info, entry["size"])
    except tarfile.TarError:
        raise damaged("tar") from None
    finally:
        tar.close()
    if manifest_bytes is None:
        raise damaged("no manifest")
    if signature is None:
        raise BundleSignatureError(N_("De bundel is niet ondertekend en wordt niet ingelezen."))
    missing = sorted(set(declared) - set(found))
    if missing:
        raise BundleDamagedError(N_("Er ontbreken bestanden in de bundel ({naam})."), naam=", ".join(missing[:3]))
    return manifest_bytes, signature, found


def _read(tar: tarfile.TarFile, info: tarfile.TarInfo, size: int) -> bytes:
    handle = tar.extractfile(info)
    if handle is None:
        raise damaged("member")
    data = handle.read(size + 1)
    if len(data) != size:
        raise damaged("truncated member")
    return data


def _declared_members(manifest_bytes: bytes) -> dict[str, dict[str, Any]]:
    manifest = parse_manifest(manifest_bytes)
    return manifest["members"]


def _check_total(actual: int, manifest_size: int, declared: dict[str, dict[str, Any]]) -> None:
    """The archive may not be far larger than the members it declares."""
    expected = manifest_size + MAX_SIGNATURE_BYTES + 1536 + _SLACK
    expected += sum(512 + -(-int(m["size"]) // 512) * 512 for m in declared.values())
    if actual > expected:
        raise BundleDamagedError(N_("De bundel is veel groter dan het manifest opgeeft en wordt niet ingelezen."))


def parse_manifest(manifest_bytes: bytes) -> dict[str, Any]:
    """The manifest after format, version and structure checks (not yet the signature)."""
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise damaged("manifest json") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleDamagedError(N_("Dit bestand is geen overdrachtsbundel van Zorgapp."))
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise damaged("format_version")
    if version > FORMAT_VERSION:
        raise BundleVersionError(
            N_("Deze bundel heeft formaatversie {versie}; deze Zorgapp leest tot versie {eigen}. Werk Zorgapp bij."),
            versie=version, eigen=FORMAT_VERSION)
    members = manifest.get("members")
    dossiers = manifest.get("dossiers")
    if not isinstance(members, dict) or not isinstance(dossiers, list) or len(dossiers) > MAX_DOSSIERS:
        raise damaged("manifest members")
    for name, entry in members.items():
        if (not isinstance(name, str) or not _MEMBER_NAME.match(name) or not isinstance(entry, dict)
                or not isinstance(entry.get("size"), int) or not 0 <= entry["size"] <= MAX_MEMBER_BYTES
                or not isinstance(entry.get("sha256"), str) or not re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])):
            raise damaged("manifest member entry")
    files = []
    for entry in dossiers:
        if not isinstance(entry, dict) or not isinstance(entry.get("uuid"), str):
            raise damaged("manifest dossier entry")
        if entry.get("file") != f"{DOSSIER_DIR}{entry['uuid']}.json":
            raise damaged("manifest dossier file")
        files.append(entry["file"])
    if sorted(files) != sorted(members) or len(set(files)) != len(files):
        raise BundleDamagedError(N_("Het manifest van de bundel klopt niet met de inhoud."))
    for key in ("created_at", "bundle_uuid", "encryption"):
        if not isinstance(manifest.get(key), str):
            raise damaged(f"manifest {key}")
    if not isinstance(manifest.get("recipients"), list):
        raise damaged("manifest recipients")
    return manifest


def open_bundle(data: bytes, identities: Sequence[pyrage.x25519.Identity] = (),
                passphrase: str | None = None) -> OpenedBundle:
    """Decrypt, check archive, signature and hashes, and parse; raises on any problem."""
    plaintext, kind = decrypt(data, identities, passphrase)
    manifest_bytes, signature_text, found = read_archive(plaintext)
    manifest = parse_manifest(manifest_bytes)
    try:
        sender = ContactCard.from_json(manifest.get("sender"))
    except KnownError:
        raise damaged("sender card") from None
    try:
        signature = base64.b64decode(signature_text.strip(), validate=True)
    except ValueError:
        raise BundleSignatureError(N_("De handtekening van de bundel is ongeldig: de bundel is gewijzigd of niet door de afzender gemaakt.")) from None
    if not sender.verify(manifest_bytes, signature):
        raise BundleSignatureError(N_("De handtekening van de bundel is ongeldig: de bundel is gewijzigd of niet door de afzender gemaakt."))
    if manifest["encryption"] != kind:
        raise damaged("encryption")
    dossiers: list[DossierFile] = []
    for entry in manifest["dossiers"]:
        name = entry["file"]
        content = found[name]
        if hashlib.sha256(content).hexdigest() != manifest["members"][name]["sha256"]:
            raise BundleDamagedError(N_("Het manifest van de bundel klopt niet met de inhoud ({naam})."), naam=name)
        dossiers.append(_dossier_file(entry, content))
    return OpenedBundle(bundle_id=hashlib.sha256(manifest_bytes).hexdigest(), manifest=manifest,
                        sender=sender, created_at=manifest["created_at"], encryption=kind,
                        recipients=[str(r) for r in manifest["recipients"]], dossiers=dossiers)


def _dossier_file(entry: dict[str, Any], content: bytes) -> DossierFile:
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise damaged("dossier json") from None
    if not isinstance(data, dict) or data.get("format") != DOSSIER_FILE_FORMAT:
        raise damaged("dossier format")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BundleVersionError(
            N_("Deze bundel heeft formaatversie {versie}; deze Zorgapp leest tot versie {eigen}. Werk Zorgapp bij."),
            versie=version, eigen=FORMAT_VERSION)
    dossier = data.get("dossier")
    parts = data.get("parts", {})
    demo = data.get("demo", False)
    if (not isinstance(dossier, dict) or not isinstance(parts, dict) or not isinstance(demo, bool)
            or dossier.get("uuid") != entry["uuid"]):
        raise BundleDamagedError(N_("Het manifest van de bundel klopt niet met de inhoud ({naam})."), naam=entry["file"])
    return DossierFile(uuid=entry["uuid"], dossiernummer=str(dossier.get("dossiernummer", "")),
                       dossier=dossier, parts=parts, demo=demo)
