"""The ``.zorgbundle`` format: an age file holding a plain tar archive.

Described for outsiders in ``docs/bundle-format.md``; in short::

    age( tar[ manifest.json, manifest.sig, dossiers/<uuid>.json … ] )

``manifest.json`` names the sender's contact card, the dossiers and the SHA-256 and
size of every other member; ``manifest.sig`` is the sender's Ed25519 signature over the
exact bytes of ``manifest.json`` (base64, one line).

This module is the one name callers import; the work is split by job:
``spec`` (names, limits, errors, data), ``writer`` (members, tar, encryption),
``tarstream`` (the streaming archive parser), ``manifest`` (manifest and dossier-file
checks, with ``schema``) and ``reader`` (decrypt, verify, read in that order).
"""

from __future__ import annotations

from zorgapp.exchange.reader import SenderCheck, Source, header_kind, open_bundle
from zorgapp.exchange.spec import (
    AGE_MAGIC,
    BIJLAGE_DIR,
    BIJLAGEN_VERSION,
    DOSSIER_DIR,
    DOSSIER_FILE_FORMAT,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_BIJLAGE_BYTES,
    MAX_BUNDLE_BYTES,
    MAX_DOSSIERS,
    MAX_JSON_DEPTH,
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    MAX_SIGNATURE_BYTES,
    MAX_TOTAL_BYTES,
    SIGNATURE,
    SUFFIX,
    BijlageBestand,
    BundleContentError,
    BundleDamagedError,
    BundlePassphraseError,
    BundleSignatureError,
    BundleVersionError,
    DossierFile,
    NotForThisVaultError,
    OpenedBundle,
    UnknownSenderError,
    damaged,
    encode_json,
    now_utc,
)
from zorgapp.exchange.writer import (
    WrittenBundle,
    build_members,
    encrypt,
    make_tar,
    write_bundle,
)

__all__ = [
    "AGE_MAGIC", "BIJLAGEN_VERSION", "BIJLAGE_DIR",
    "DOSSIER_DIR", "DOSSIER_FILE_FORMAT", "FORMAT", "FORMAT_VERSION", "MANIFEST",
    "MAX_BIJLAGE_BYTES", "MAX_BUNDLE_BYTES", "MAX_DOSSIERS", "MAX_JSON_DEPTH", "MAX_MANIFEST_BYTES", "MAX_MEMBER_BYTES",
    "MAX_SIGNATURE_BYTES", "MAX_TOTAL_BYTES", "SIGNATURE", "SUFFIX",
    "BijlageBestand", "BundleContentError", "BundleDamagedError", "BundlePassphraseError", "BundleSignatureError",
    "BundleVersionError", "DossierFile", "NotForThisVaultError", "OpenedBundle", "SenderCheck",
    "Source", "UnknownSenderError", "WrittenBundle",
    "build_members", "damaged", "encode_json", "encrypt", "header_kind", "make_tar", "now_utc",
    "open_bundle", "write_bundle",
]
