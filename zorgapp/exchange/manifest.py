"""Checking ``manifest.json`` and the dossier files against the format and its schema.

Parsing always goes through ``zorgapp.safejson`` (size and depth first). The manifest
is checked in two steps: ``check_header`` (what it is, which version, who signed it)
before its signature is verified, ``check_manifest`` (schema, declared members and
their sizes) right after, before any dossier file is read.
"""

from __future__ import annotations

import re
from typing import Any

from zorgapp import safejson
from zorgapp.domain.bijlage import Bijlage
from zorgapp.errors import N_
from zorgapp.exchange import schema
from zorgapp.exchange.spec import (
    BIJLAGE_DIR,
    BIJLAGEN_VERSION,
    DOSSIER_DIR,
    DOSSIER_FILE_FORMAT,
    FORMAT,
    FORMAT_VERSION,
    MAX_BIJLAGE_BYTES,
    MAX_DOSSIERS,
    MAX_JSON_DEPTH,
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    MAX_TOTAL_BYTES,
    BijlageBestand,
    BundleContentError,
    BundleDamagedError,
    BundleVersionError,
    DossierFile,
    damaged,
)

_MEMBER_NAME = re.compile(r"^dossiers/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$")
_BIJLAGE_NAME = re.compile(r"^bijlagen/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def load(data: bytes, what: str, max_bytes: int) -> Any:
    try:
        return safejson.loads(data, max_bytes=max_bytes, max_depth=MAX_JSON_DEPTH)
    except safejson.JsonLimitError as exc:
        raise damaged(f"{what}: json {exc.reason}") from None


def _version(value: Any, what: str, newest: int = FORMAT_VERSION) -> int:
    """The format version: an integer (``true`` is not 1), at most the one we read."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise damaged(f"{what} format_version")
    if value > newest:
        raise BundleVersionError(
            N_("Deze bundel heeft formaatversie {versie}; deze Zorgapp leest tot versie {eigen}. Werk Zorgapp bij."),
            versie=value, eigen=newest)
    return value


def check_header(manifest_bytes: bytes) -> dict[str, Any]:
    """The parsed manifest, if it is a bundle manifest of a version we read."""
    manifest = load(manifest_bytes, "manifest", MAX_MANIFEST_BYTES)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleDamagedError(N_("Dit bestand is geen overdrachtsbundel van Zorgapp."))
    _version(manifest.get("format_version"), "manifest", BIJLAGEN_VERSION)
    return manifest


def check_manifest(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Schema and consistency of a signed manifest; returns the declared members."""
    problems = schema.problems(manifest, "manifest")
    if problems:
        raise damaged("manifest " + "; ".join(problems))
    members: dict[str, dict[str, Any]] = manifest["members"]
    dossiers: list[dict[str, Any]] = manifest["dossiers"]
    if len(dossiers) > MAX_DOSSIERS:
        raise damaged("manifest: too many dossiers")
    total = 0
    for name, entry in members.items():
        cap = MAX_BIJLAGE_BYTES if _BIJLAGE_NAME.match(name) else MAX_MEMBER_BYTES
        if not (_MEMBER_NAME.match(name) or _BIJLAGE_NAME.match(name)) or not 0 <= entry["size"] <= cap:
            raise damaged("manifest member entry")
        total += entry["size"]
    if total > MAX_TOTAL_BYTES:
        raise BundleDamagedError(N_("De bundel is groter dan Zorgapp inleest en wordt niet ingelezen."))
    files = [entry["file"] for entry in dossiers]
    for entry in dossiers:
        if entry["file"] != f"{DOSSIER_DIR}{entry['uuid']}.json":
            raise damaged("manifest dossier file")
    files += _bijlage_files(manifest.get("bijlagen", []), members, {e["uuid"] for e in dossiers})
    if sorted(files) != sorted(members) or len(set(files)) != len(files):
        raise BundleDamagedError(N_("Het manifest van de bundel klopt niet met de inhoud."))
    return members


def _bijlage_files(bijlagen: list[dict[str, Any]], members: dict[str, dict[str, Any]],
                   dossiers: set[str]) -> list[str]:
    """The attachment members the manifest lists: each of a dossier in the bundle, its
    member named by its uuid and as large as it says."""
    files: list[str] = []
    for entry in bijlagen:
        name = entry["file"]
        if (name != f"{BIJLAGE_DIR}{entry['uuid']}" or entry["dossier"] not in dossiers
                or entry["grootte"] != members.get(name, {}).get("size")):
            raise damaged("manifest attachment")
        files.append(name)
    return files


def bijlage_file(entry: dict[str, Any], sha256: str, content: bytes) -> BijlageBestand:
    """One attachment, after its hash matched, as the manifest describes it."""
    return BijlageBestand(Bijlage(uuid=entry["uuid"], dossier_uuid=entry["dossier"], naam=entry["naam"],
                                  type=entry["type"], grootte=entry["grootte"],
                                  toegevoegd_op=entry["toegevoegd"], omschrijving=entry["omschrijving"],
                                  sha256=sha256), content)


def dossier_file(entry: dict[str, Any], content: bytes) -> DossierFile:
    """One dossier file, after its hash matched: parsed within limits, schema-checked."""
    name = entry["file"]
    data = load(content, "dossier", MAX_MEMBER_BYTES)
    if not isinstance(data, dict) or data.get("format") != DOSSIER_FILE_FORMAT:
        raise damaged("dossier format")
    _version(data.get("format_version"), "dossier")
    problems = schema.problems(data, "dossier_file")
    if problems:
        raise BundleContentError(
            N_("Een dossier in de bundel voldoet niet aan het bundelformaat ({naam}: {probleem}); "
               "er is niets ingelezen."),
            naam=name, probleem="; ".join(problems))
    dossier = data["dossier"]
    if dossier["uuid"] != entry["uuid"] or dossier["dossiernummer"] != entry["dossiernummer"]:
        raise BundleDamagedError(N_("Het manifest van de bundel klopt niet met de inhoud ({naam})."), naam=name)
    return DossierFile(uuid=entry["uuid"], dossiernummer=dossier["dossiernummer"],
                       dossier=dossier, parts=data["parts"], demo=data["demo"])
