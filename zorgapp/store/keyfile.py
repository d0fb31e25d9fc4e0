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
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from zorgapp.errors import N_, DamagedVaultError, UsageError, WrongPassphraseError
from zorgapp.fileio import atomic_write

KEY_BYTES = 32
FORMAT = "zorgapp-keyfile"
VERSION = 1
MIN_PASSPHRASE_LENGTH = 12
TARGET_SECONDS = 0.7


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
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT or doc.get("version") != VERSION:
                raise ValueError("format")
            kdf = doc["kdf"]
            if kdf["name"] != "argon2id" or doc["cipher"] != "aes-256-gcm":
                raise ValueError("algorithm")
            params = KdfParams(
                iterations=int(kdf["iterations"]),
                lanes=int(kdf["lanes"]),
                memory_cost=int(kdf["memory_cost"]),
            )
            return cls(
                vault_id=str(doc["vault_id"]),
                salt=base64.b64decode(kdf["salt"], validate=True),
                params=params,
                nonce=base64.b64decode(doc["nonce"], validate=True),
                wrapped_key=base64.b64decode(doc["wrapped_key"], validate=True),
                key_check=str(doc["key_check"]),
            )
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise DamagedVaultError(
                N_("Het sleutelbestand is beschadigd. Gebruik de herstelsleutel of zet een reservekopie terug.")
            ) from None


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
        data = path.read_bytes()
    except FileNotFoundError:
        raise DamagedVaultError(
            N_("Het sleutelbestand {bestand} ontbreekt. Open de kluis met de herstelsleutel."),
            bestand=path.name,
        ) from None
    return KeyFile.from_bytes(data)


def write_key_file(vault_path: Path, key_file: KeyFile) -> None:
    """Atomically: a crash leaves the old passphrase or the new one working."""
    atomic_write(key_path(vault_path), key_file.to_bytes())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# -- recovery key --------------------------------------------------------------------

def format_recovery_key(vault_key: bytes) -> str:
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
