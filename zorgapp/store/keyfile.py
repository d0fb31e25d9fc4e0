"""The key file beside a vault: the random vault key, wrapped with the passphrase.

The vault itself is encrypted with a random 256-bit key (SQLCipher raw key). That key
is wrapped with AES-256-GCM under a key derived from the passphrase with Argon2id,
so changing the passphrase rewrites only this small file. The recovery key *is* the
vault key, written as 64 hex digits in groups of four.

File format (JSON, UTF-8)::

    {"format": "zorgapp-keyfile", "version": 1, "vault_id": "<uuid>",
     "kdf": {"name": "argon2id", "salt": "<b64>", "iterations": 4,
             "lanes": 4, "memory_cost": 65536},
     "cipher": "aes-256-gcm", "key_check": "<hex>", "nonce": "<b64>", "wrapped_key": "<b64>"}

Everything except nonce and wrapped_key is bound in as associated data, so a key file
whose parameters were tampered with fails to unwrap like a wrong passphrase would.
Before anything is derived, every field is checked against bounds (``BOUNDS``): a
damaged or hostile key file is refused at once, never a minute of Argon2 or a
traceback. The bounds are wide enough for every key file Zorgapp ever wrote.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
import time
import unicodedata
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from zorgapp.errors import (
    N_,
    DamagedVaultError,
    UsageError,
    WrongPassphraseError,
    from_os_error,
)
from zorgapp.fileio import atomic_write

KEY_BYTES = 32
FORMAT = "zorgapp-keyfile"
VERSION = 1
MIN_PASSPHRASE_LENGTH = 12
TARGET_SECONDS = 0.7
MAX_ITERATIONS = 64  # what ``calibrate`` may choose
#: Argon2id memory (KiB) and memory x iterations: at most what calibration ever chose
#: (64 MiB, 64 iterations), so that no key file can make an unlock hang for minutes.
MIN_MEMORY_KIB = 8 * 1024
MAX_MEMORY_KIB = 1024 * 1024
MAX_WORK_KIB = 64 * 64 * 1024
MAX_LANES = 16
SALT_BYTES = (16, 64)
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16  # AES-GCM adds a 16-byte tag
MAX_FILE_BYTES = 16 * 1024  # a real key file is about 450 bytes


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored in the key file so that unlock uses what creation chose."""

    iterations: int = 3
    lanes: int = 4
    memory_cost: int = 64 * 1024  # KiB


# Tests replace this with a cheap setting; real vaults calibrate (see ``calibrate``).
DEFAULT_KDF: KdfParams | None = None


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Choose Argon2id iterations so that one derivation takes about ``target_seconds``."""
    if DEFAULT_KDF is not None:
        return DEFAULT_KDF
    probe = KdfParams(iterations=4)
    start = time.perf_counter()
    _derive("calibration", secrets.token_bytes(16), probe)
    per_iteration = max((time.perf_counter() - start) / probe.iterations, 1e-3)
    iterations = max(3, min(64, round(target_seconds / per_iteration)))
    return KdfParams(iterations=iterations)


def _normalise(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed on another keyboard layout still works."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_cost,
    )
    return kdf.derive(_normalise(passphrase))


def check_passphrase(passphrase: str) -> None:
    """Refuse passphrases too short to resist guessing; any characters are fine."""
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE_LENGTH:
        raise UsageError(
            N_("De wachtwoordzin moet minstens {aantal} tekens lang zijn."),
            aantal=MIN_PASSPHRASE_LENGTH,
        )


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    salt: bytes
    params: KdfParams
    nonce: bytes
    wrapped_key: bytes
    key_check: str

    def _aad(self) -> bytes:
        header = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "kdf": {"name": "argon2id", "salt": _b64(self.salt), **asdict(self.params)},
            "cipher": "aes-256-gcm",
            "key_check": self.key_check,
        }
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()

    def unwrap(self, passphrase: str) -> bytes:
        """The vault key; WrongPassphraseError when the passphrase does not fit."""
        wrapping = _derive(passphrase, self.salt, self.params)
        try:
            return AESGCM(wrapping).decrypt(self.nonce, self.wrapped_key, self._aad())
        except InvalidTag:
            raise WrongPassphraseError(
                N_("De wachtwoordzin klopt niet. Probeer het opnieuw, of gebruik de herstelsleutel.")
            ) from None

    @property
    def wrap_id(self) -> str:
        """Which wrapping this is (salt and nonce are new at every passphrase change and
        not secret): lets an unlock notice a change whose audit entry a crash cut off."""
        return hashlib.sha256(self.salt + self.nonce).hexdigest()[:32]

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "kdf": {"name": "argon2id", "salt": _b64(self.salt), **asdict(self.params)},
            "cipher": "aes-256-gcm",
            "key_check": self.key_check,
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def wrap(cls, vault_key: bytes, passphrase: str, vault_id: str,
             params: KdfParams | None = None) -> KeyFile:
        params = params or calibrate()
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        check = key_check(vault_key)
        draft = cls(vault_id, salt, params, nonce, b"", check)
        wrapped = AESGCM(_derive(passphrase, salt, params)).encrypt(nonce, vault_key, draft._aad())
        return cls(vault_id, salt, params, nonce, wrapped, check)

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        """Parse and bound-check; DamagedVaultError for anything a real key file is not."""
        try:
            if len(data) > MAX_FILE_BYTES:
                raise ValueError("size")
            doc = json.loads(data.decode("utf-8"))
            return cls._from_doc(doc)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError,
                binascii.Error):
            raise damaged_key_file() from None

    @classmethod
    def _from_doc(cls, doc: Any) -> KeyFile:
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
            raise ValueError("format")
        kdf = doc["kdf"]
        if not isinstance(kdf, dict) or kdf.get("name") != "argon2id" or doc.get("cipher") != "aes-256-gcm":
            raise ValueError("algorithm")
        params = KdfParams(iterations=_int(kdf["iterations"], 1, MAX_ITERATIONS),
                           lanes=_int(kdf["lanes"], 1, MAX_LANES),
                           memory_cost=_int(kdf["memory_cost"], MIN_MEMORY_KIB, MAX_MEMORY_KIB))
        if params.memory_cost * params.iterations > MAX_WORK_KIB:
            raise ValueError("work")
        vault_id = _str(doc["vault_id"], 64)
        uuid.UUID(vault_id)  # ValueError when it is no uuid
        key_check_hex = _str(doc["key_check"], 32)
        if not re.fullmatch(r"[0-9a-f]{32}", key_check_hex):
            raise ValueError("key_check")
        salt = _b64decode(kdf["salt"])
        nonce = _b64decode(doc["nonce"])
        wrapped = _b64decode(doc["wrapped_key"])
        if not SALT_BYTES[0] <= len(salt) <= SALT_BYTES[1] or len(nonce) != NONCE_BYTES \
                or len(wrapped) != WRAPPED_BYTES:
            raise ValueError("length")
        return cls(vault_id=vault_id, salt=salt, params=params, nonce=nonce,
                   wrapped_key=wrapped, key_check=key_check_hex)


def damaged_key_file() -> DamagedVaultError:
    return DamagedVaultError(
        N_("Het sleutelbestand is beschadigd. Gebruik de herstelsleutel of zet een reservekopie terug.")
    )


def _int(value: Any, low: int, high: int) -> int:
    """An integer within bounds (``True`` and ``"3"`` are not integers here)."""
    if type(value) is not int or not low <= value <= high:
        raise ValueError("bounds")
    return value


def _str(value: Any, max_length: int) -> str:
    if not isinstance(value, str) or len(value) > max_length:
        raise ValueError("string")
    return value


def _b64decode(value: Any) -> bytes:
    return base64.b64decode(_str(value, 256), validate=True)


def key_check(vault_key: bytes) -> str:
    """A short one-way fingerprint of the vault key: tells a wrong recovery key from a
    damaged vault. 128 bits of a hash of a random 256-bit key reveal nothing usable."""
    return hashlib.sha256(b"zorgapp key check" + vault_key).hexdigest()[:32]


def key_path(vault_path: Path) -> Path:
    """``NAME.zorg`` -> ``NAME.zorg.key``."""
    return Path(str(vault_path) + ".key")


def read_key_file(vault_path: Path) -> KeyFile:
    path = key_path(vault_path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # a huge file is refused, not read whole
    except FileNotFoundError:
        raise DamagedVaultError(
            N_("Het sleutelbestand {bestand} ontbreekt. Open de kluis met de herstelsleutel."),
            bestand=path.name,
        ) from None
    except IsADirectoryError:
        raise damaged_key_file() from None
    except OSError as exc:
        raise (from_os_error(exc, path) or exc) from None
    return KeyFile.from_bytes(data)


# -- which vault a key file belongs to -------------------------------------------------

def head_vault_id(path: Path) -> str | None:
    """The vault id in the chain head beside the vault: readable without the key, so a
    key file of another vault is recognised (the head is small; read at most 4 KiB)."""
    try:
        with open(Path(str(path) + ".head"), "rb") as fh:
            doc = json.loads(fh.read(4096).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    value = doc.get("vault_id") if isinstance(doc, dict) else None
    return value if isinstance(value, str) else None


def belongs_elsewhere(path: Path, kf: KeyFile) -> bool:
    found = head_vault_id(path)
    return found is not None and found != kf.vault_id


def refuse_other_vaults_key_file(path: Path, kf: KeyFile) -> None:
    """When the key file failed to open the vault: say so if it is another vault's."""
    if belongs_elsewhere(path, kf):
        raise DamagedVaultError(
            N_("Het sleutelbestand {bestand} hoort bij een andere kluis. Zet het sleutelbestand "
               "van deze kluis terug (bijvoorbeeld uit een reservekopie), of open de kluis met "
               "de herstelsleutel."),
            bestand=key_path(path).name,
        ) from None


def write_key_file(vault_path: Path, key_file: KeyFile) -> None:
    """Atomically: a crash leaves the old passphrase or the new one working."""
    atomic_write(key_path(vault_path), key_file.to_bytes())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# -- recovery key --------------------------------------------------------------------

def format_recovery_key(vault_key: bytes | bytearray) -> str:
    """64 hex digits in groups of four: ``3F2A-09C1-…`` (removing dashes gives the raw key)."""
    hexed = vault_key.hex().upper()
    return "-".join(hexed[i : i + 4] for i in range(0, len(hexed), 4))


def parse_recovery_key(text: str) -> bytes:
    """Accept the key with or without dashes, spaces or line breaks, any case."""
    cleaned = re.sub(r"[\s\-]", "", text)
    if not re.fullmatch(r"[0-9a-fA-F]{64}", cleaned):
        raise WrongPassphraseError(
            N_("Dit is geen geldige herstelsleutel: verwacht zijn 64 tekens 0-9 en A-F, in groepjes van vier.")
        )
    return bytes.fromhex(cleaned)


def new_vault_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def read_secret_file(path: Path) -> str:
    """A passphrase or key from a file: one line, trailing newline removed."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        raise UsageError(N_("Het bestand {bestand} kan niet worden gelezen."), bestand=str(path)) from None
    return text.rstrip("\r\n")
