"""Contact cards: the public half of a vault's identity, to hand to other coordinators.

A card carries a name, organisation and region, the age recipient others encrypt
bundles to (``age1…``), the Ed25519 public key that checks this vault's signatures (64
hex digits) and a short fingerprint to read out over the phone::

    fingerprint = SHA-256( UTF-8( age_recipient + "\\n" + signing_key ) ), first 16 bytes,
                  as upper-case hex in groups of four: "3F2A 09C1 …" (8 groups)

Two forms, both parsed by ``ContactCard.parse``: JSON (``to_json``) and a text block
(``to_text``) that survives e-mail and copy-paste; the fingerprint in a text or JSON
card is checked against the keys, so a typo is caught.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from zorgapp.errors import N_, UsageError

CARD_HEADER = "ZORGAPP-CONTACTKAART 1"
_TEXT_KEYS = {
    "naam": "name",
    "organisatie": "organisation",
    "regio": "region",
    "age": "age_recipient",
    "ondertekening": "signing_key",
    "vingerafdruk": "fingerprint",
}
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def fingerprint(age_recipient: str, signing_key: str) -> str:
    digest = hashlib.sha256(f"{age_recipient}\n{signing_key}".encode()).hexdigest().upper()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def normalise_fingerprint(text: str) -> str:
    """'3f2a09c1…' or '3F2A 09C1 …' -> the grouped upper-case form."""
    digits = re.sub(r"[^0-9A-Fa-f]", "", text).upper()
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def check_recipient(age_recipient: str) -> str:
    value = age_recipient.strip()
    try:
        pyrage.x25519.Recipient.from_str(value)
    except Exception:  # noqa: BLE001 - pyrage raises its own types
        raise UsageError(N_("{sleutel} is geen geldige age-sleutel (age1…)."), sleutel=value[:80]) from None
    return value


def check_signing_key(signing_key: str) -> str:
    value = signing_key.strip().lower()
    if not _HEX64.match(value):
        raise UsageError(N_("De ondertekensleutel op de contactkaart is ongeldig."))
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(value))
    except ValueError:
        raise UsageError(N_("De ondertekensleutel op de contactkaart is ongeldig.")) from None
    return value


@dataclass(frozen=True)
class ContactCard:
    name: str
    organisation: str
    region: str
    age_recipient: str
    signing_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.age_recipient, self.signing_key)

    def label(self) -> str:
        """'Name (Organisation)' for history lines and lists."""
        if self.organisation and self.name:
            return f"{self.name} ({self.organisation})"
        return self.name or self.organisation or self.fingerprint

    def verify(self, data: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(self.signing_key)).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True

    # -- forms -----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "zorgapp-contact-card",
            "format_version": 1,
            "name": self.name,
            "organisation": self.organisation,
            "region": self.region,
            "age_recipient": self.age_recipient,
            "signing_key": self.signing_key,
            "fingerprint": self.fingerprint,
        }

    def to_text(self) -> str:
        values = {"name": self.name, "organisation": self.organisation, "region": self.region,
                  "age_recipient": self.age_recipient, "signing_key": self.signing_key,
                  "fingerprint": self.fingerprint}
        lines = [CARD_HEADER]
        lines += [f"{key}: {_one_line(values[field])}" for key, field in _TEXT_KEYS.items()]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_json(cls, data: Any) -> ContactCard:
        if not isinstance(data, dict):
            raise UsageError(N_("Dit is geen contactkaart."))
        try:
            card = cls(name=_text(data.get("name")), organisation=_text(data.get("organisation")),
                       region=_text(data.get("region")),
                       age_recipient=check_recipient(str(data["age_recipient"])),
                       signing_key=check_signing_key(str(data["signing_key"])))
        except KeyError:
            raise UsageError(N_("Dit is geen contactkaart.")) from None
        given = data.get("fingerprint")
        if given is not None and normalise_fingerprint(str(given)) != card.fingerprint:
            raise UsageError(N_("De vingerafdruk op de contactkaart klopt niet met de sleutels: "
                                "de kaart is beschadigd of gewijzigd."))
        return card

    @classmethod
    def parse(cls, text: str) -> ContactCard:
        """A card from its JSON or text form (as pasted, scanned or read from a file)."""
        stripped = text.strip().lstrip("\ufeff")
        if stripped.startswith("{"):
            try:
                return cls.from_json(json.loads(stripped))
            except ValueError:
                raise UsageError(N_("Dit is geen contactkaart.")) from None
        lines = [line.strip() for line in stripped.splitlines() if line.strip()]
        if not lines or lines[0] != CARD_HEADER:
            raise UsageError(N_("Dit is geen contactkaart."))
        data: dict[str, str] = {}
        for line in lines[1:]:
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in _TEXT_KEYS:
                data[_TEXT_KEYS[key.strip().lower()]] = value.strip()
        return cls.from_json(data)


@dataclass(frozen=True)
class OwnKeys:
    """The secret half: decrypt bundles sent to us, sign bundles we send."""

    age_identity: str
    signing_key_hex: str

    @staticmethod
    def generate() -> OwnKeys:
        age_id = str(pyrage.x25519.Identity.generate())
        private = Ed25519PrivateKey.generate()
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )

        raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return OwnKeys(age_id, raw.hex())

    def identity(self) -> pyrage.x25519.Identity:
        return pyrage.x25519.Identity.from_str(self.age_identity)

    def age_recipient(self) -> str:
        return str(self.identity().to_public())

    def public_signing_key(self) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(self.signing_key_hex))
        return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()

    def sign(self, data: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(self.signing_key_hex)).sign(data)

    def card(self, name: str, organisation: str, region: str) -> ContactCard:
        return ContactCard(name=name, organisation=organisation, region=region,
                           age_recipient=self.age_recipient(),
                           signing_key=self.public_signing_key())


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()[:200]


def _one_line(value: str) -> str:
    return " ".join(value.split())
