"""The ``.zorgbundle`` vocabulary shared by the writer and the reader: names, limits,
errors and the data a checked bundle yields. See ``docs/bundle-format.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from zorgapp.domain.bijlage import MAX_GROOTTE, Bijlage
from zorgapp.domain.errors import DomainError
from zorgapp.errors import N_, KnownError, TamperedError, WrongPassphraseError
from zorgapp.exchange.card import ContactCard
from zorgapp.jsontext import readable

FORMAT = "zorgapp-bundle"
FORMAT_VERSION = 1
#: The manifest version of a bundle that carries attachments (``bijlagen``). A bundle
#: without attachments stays version 1, so that an older Zorgapp still reads it; one
#: with attachments tells an older Zorgapp to update instead of calling it damaged.
BIJLAGEN_VERSION = 2
DOSSIER_FILE_FORMAT = "zorgapp-dossier"
SUFFIX = ".zorgbundle"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DOSSIER_DIR = "dossiers/"
BIJLAGE_DIR = "bijlagen/"
AGE_MAGIC = b"age-encryption.org/v1\n"

# Limits. Every one is checked before the bytes it guards are kept or parsed, so a
# small hostile file cannot make the reader hold much more than its own size.
MAX_BUNDLE_BYTES = 1 << 30          # the encrypted file, and the plaintext archive
MAX_TOTAL_BYTES = 256 << 20         # sum of the sizes the manifest declares
MAX_MANIFEST_BYTES = 16 << 20
MAX_MEMBER_BYTES = 16 << 20         # one dossier file
MAX_BIJLAGE_BYTES = MAX_GROOTTE     # one attachment (25 MB, the limit of the vault)
MAX_SIGNATURE_BYTES = 1024
MAX_DOSSIERS = 50_000
MAX_JSON_DEPTH = 32                 # a dossier document nests 6 deep
SLACK = 64 << 10                    # tar end-of-archive blocks and record padding


# -- errors ------------------------------------------------------------------------------

class BundleDamagedError(TamperedError):
    """Truncated, altered, or not a bundle at all (exit code 1)."""


class BundleSignatureError(TamperedError):
    """The signature does not match the manifest."""


class UnknownSenderError(TamperedError):
    """The sender's card is not in the address book (allowed only after a warning)."""


class BundleVersionError(KnownError):
    """A newer bundle format than this Zorgapp reads."""


class BundleContentError(BundleDamagedError):
    """Signed and intact, but a document breaks the schema or the domain's rules."""


class DossierRuleError(BundleContentError):
    """A dossier in the bundle breaks a rule of the domain; says which, in the user's language."""

    def __init__(self, nummer: str, cause: DomainError) -> None:
        super().__init__(N_("Dossier {nummer} in de bundel houdt zich niet aan de regels van Zorgapp: "
                            "{reden} Er is niets ingelezen."),
                         nummer=nummer)
        self.cause = cause

    def translated(self, gettext: Callable[[str], str],
                   show: Callable[[Any], Any] = lambda value: value) -> str:
        reden = self.cause.translated(gettext, show)
        return gettext(self.msgid).format(nummer=show(self.params["nummer"]), reden=reden)


class NotForThisVaultError(WrongPassphraseError):
    """The bundle was encrypted for someone else (exit code 2)."""


class BundlePassphraseError(WrongPassphraseError):
    """Wrong or missing passphrase of a passphrase bundle (exit code 2)."""


def damaged(detail: str = "") -> BundleDamagedError:
    return BundleDamagedError(
        N_("De overdrachtsbundel is beschadigd of gewijzigd en wordt niet ingelezen ({reden})."),
        reden=detail)


def bad_signature() -> BundleSignatureError:
    return BundleSignatureError(N_("De handtekening van de bundel is ongeldig: de bundel is gewijzigd "
                                   "of niet door de afzender gemaakt."))


# -- data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class BijlageBestand:
    """One attachment in a bundle: its description (listed in the manifest) and content
    (the member ``bijlagen/<uuid>``)."""

    bijlage: Bijlage
    data: bytes = field(repr=False)


@dataclass
class DossierFile:
    """One ``dossiers/<uuid>.json``: the dossier document plus parts kept beside it,
    and the dossier's attachments (members of their own, listed in the manifest)."""

    uuid: str
    dossiernummer: str
    dossier: dict[str, Any]
    parts: dict[str, Any] = field(default_factory=dict)
    demo: bool = False
    bijlagen: list[BijlageBestand] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"format": DOSSIER_FILE_FORMAT, "format_version": FORMAT_VERSION,
                "demo": self.demo, "dossier": self.dossier, "parts": self.parts}


@dataclass
class OpenedBundle:
    """A decrypted bundle whose signature checked out.

    ``complete`` is False when reading stopped after the signature because the sender
    is not trusted yet: ``dossiers`` then lists only what the signed manifest says
    (uuid and number, empty documents), and ``reopen`` reads the whole bundle once the
    user has allowed the sender.
    """

    bundle_id: str                  # SHA-256 of manifest.json, hex
    manifest: dict[str, Any]
    sender: ContactCard
    created_at: str
    encryption: str                 # "x25519" or "passphrase"
    recipients: list[str]
    dossiers: list[DossierFile]
    complete: bool = True
    reopen: Callable[[], OpenedBundle] | None = field(default=None, repr=False)


def encode_json(data: Any) -> bytes:
    """Stable, readable UTF-8 JSON (also what is hashed and signed): sorted keys, one
    space of indentation (``jsontext.readable``)."""
    return readable(data)


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
