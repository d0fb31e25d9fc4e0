"""Every kind of bad bundle is refused with a clear message, and nothing is imported."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest

from tests.unit.exchange.conftest import Pair
from zorgapp.errors import KnownError
from zorgapp.exchange import format as fmt
from zorgapp.exchange.card import OwnKeys
from zorgapp.exchange.export import collect
from zorgapp.exchange.keys import load_identity


def refused(pair: Pair, data: bytes, error: type[KnownError] = KnownError,
            exit_code: int | None = None) -> KnownError:
    """Inspecting and importing ``data`` in B fails; B stays empty."""
    with pytest.raises(error) as info:
        pair.sb.importeer(pair.sb.bekijk(data))
    message = info.value.user_message()
    assert message and "{" not in message
    if exit_code is not None:
        assert info.value.exit_code == exit_code
    assert pair.count(pair.b) == 0
    with pair.b.read() as db:
        assert db.execute("SELECT count(*) FROM ontvangen_bundel").fetchone()[0] == 0
    return info.value


def members(pair: Pair, manifest_edit=None, sign_with: OwnKeys | None = None) -> list[tuple[str, bytes]]:
    """The members A would send to B, optionally with an edited (re-signed) manifest."""
    with pair.a.read() as db:
        identity = load_identity(db)
        assert identity is not None
        keys, card = identity
        files = collect(db, pair.uuids)
    result = fmt.build_members(files, card, keys, [pair.sb.kaart().age_recipient], "x25519")
    if manifest_edit is not None:
        manifest = json.loads(result[0][1])
        manifest_edit(manifest)
        data = fmt.encode_json(manifest)
        signer = sign_with or keys
        import base64

        result[0] = (fmt.MANIFEST, data)
        result[1] = (fmt.SIGNATURE, base64.b64encode(signer.sign(data)) + b"\n")
    return result


def seal(pair: Pair, items: list[tuple[str, bytes]], raw_tar: bytes | None = None) -> bytes:
    plaintext = raw_tar if raw_tar is not None else fmt.make_tar(items)
    return fmt.encrypt(plaintext, [pair.sb.kaart().age_recipient])


def good(pair: Pair) -> bytes:
    return seal(pair, members(pair))


def test_the_untouched_bundle_is_accepted(pair: Pair) -> None:
    """The baseline the other tests alter: without the alteration it imports."""
    pair.sb.importeer(pair.sb.bekijk(good(pair)))
    assert pair.count(pair.b) == 3


def test_not_for_this_vault(pair: Pair) -> None:
    other = OwnKeys.generate()
    data = pair.sa.exporteer(pair.uuids, pair.tmp / "c", [other.age_recipient()]).pad.read_bytes()
    error = refused(pair, data, fmt.NotForThisVaultError, exit_code=2)
    assert "niet voor deze kluis" in error.user_message()


def test_forwarded_bundle_reencrypted_for_us_is_not_for_this_vault(pair: Pair) -> None:
    """Signed for C, re-encrypted to B by someone else: the signed recipients say C."""
    other = OwnKeys.generate()
    items = members(pair, lambda m: m.update(recipients=[other.age_recipient()]))
    refused(pair, seal(pair, items), fmt.NotForThisVaultError, exit_code=2)


def test_truncated(pair: Pair) -> None:
    data = good(pair)
    for cut in (len(data) - 1, len(data) // 2, 200, 30):
        refused(pair, data[:cut], exit_code=1 if cut > 200 else None)


@pytest.mark.parametrize("where", [0.5, 0.9, -1])
def test_one_byte_altered(pair: Pair, where: float) -> None:
    data = bytearray(good(pair))
    pos = int(len(data) * where) if where > 0 else len(data) - 1
    data[pos] ^= 0x01
    refused(pair, bytes(data), fmt.BundleDamagedError, exit_code=1)


def test_byte_altered_in_the_age_header_is_refused(pair: Pair) -> None:
    data = bytearray(good(pair))
    data[40] ^= 0x01  # inside the X25519 stanza
    refused(pair, bytes(data))


def test_signature_invalid(pair: Pair) -> None:
    items = members(pair)
    manifest = json.loads(items[0][1])
    manifest["created_at"] = "2020-01-01T00:00:00Z"
    items[0] = (fmt.MANIFEST, fmt.encode_json(manifest))  # old signature kept
    error = refused(pair, seal(pair, items), fmt.BundleSignatureError, exit_code=1)
    assert "handtekening" in error.user_message()


def test_signed_by_someone_else_than_the_card_in_the_manifest(pair: Pair) -> None:
    intruder = OwnKeys.generate()
    items = members(pair, lambda m: m.update(bundle_uuid="00000000-0000-4000-8000-000000000000"),
                    sign_with=intruder)
    refused(pair, seal(pair, items), fmt.BundleSignatureError)


def test_missing_signature(pair: Pair) -> None:
    items = [m for m in members(pair) if m[0] != fmt.SIGNATURE]
    refused(pair, seal(pair, items), fmt.BundleSignatureError)


def test_unknown_format_version(pair: Pair) -> None:
    items = members(pair, lambda m: m.update(format_version=fmt.BIJLAGEN_VERSION + 1))
    error = refused(pair, seal(pair, items), fmt.BundleVersionError)
    assert "Werk Zorgapp bij" in error.user_message()


def test_manifest_hash_does_not_match_content(pair: Pair) -> None:
    items = members(pair)
    name, content = items[2]
    text = content.replace(b'"uuid"', b'"uuiD"', 1)
    assert len(text) == len(content)
    items[2] = (name, text)
    refused(pair, seal(pair, items), fmt.BundleDamagedError)


def test_member_missing(pair: Pair) -> None:
    refused(pair, seal(pair, members(pair)[:-1]), fmt.BundleDamagedError)


def test_extra_member_not_in_manifest(pair: Pair) -> None:
    items = [*members(pair), ("dossiers/00000000-0000-4000-8000-000000000000.json", b"{}")]
    refused(pair, seal(pair, items), fmt.BundleDamagedError)


def test_manifest_lists_a_dossier_that_is_not_in_members(pair: Pair) -> None:
    def edit(m: dict) -> None:
        m["dossiers"].append({"uuid": "00000000-0000-4000-8000-000000000000", "dossiernummer": "HM-2020-0001",
                              "file": "dossiers/00000000-0000-4000-8000-000000000000.json"})
    refused(pair, seal(pair, members(pair, edit)), fmt.BundleDamagedError)


@pytest.mark.parametrize("evil", ["/tmp/zorgapp-evil.json", "../zorgapp-evil.json",
                                  "dossiers/../../zorgapp-evil.json", "./manifest.json"])
def test_member_with_unsafe_path(pair: Pair, evil: str, tmp_path: Path) -> None:
    items = [*members(pair), (evil, b"{}")]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        error = refused(pair, seal(pair, items), fmt.BundleDamagedError, exit_code=1)
    finally:
        os.chdir(cwd)
    assert "zorgapp-evil" in error.user_message() or "manifest" in error.user_message()
    assert not Path("/tmp/zorgapp-evil.json").exists()
    assert not (tmp_path.parent / "zorgapp-evil.json").exists()


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE, tarfile.DIRTYPE])
def test_member_that_is_not_a_plain_file(pair: Pair, kind: bytes) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members(pair):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("dossiers/link.json")
        info.type = kind
        info.linkname = "/etc/passwd"
        tar.addfile(info)
    refused(pair, seal(pair, [], raw_tar=buffer.getvalue()), fmt.BundleDamagedError)


def test_member_larger_than_declared(pair: Pair) -> None:
    items = members(pair)
    name, content = items[2]
    items[2] = (name, content + b" " * (5 << 20))  # 5 MB more than the manifest says
    error = refused(pair, seal(pair, items), fmt.BundleDamagedError)
    assert "groter" in error.user_message()


def test_archive_far_larger_than_declared(pair: Pair) -> None:
    tar = fmt.make_tar(members(pair)) + b"\0" * (8 << 20)
    refused(pair, seal(pair, [], raw_tar=tar), fmt.BundleDamagedError)


def test_not_an_age_file_at_all(pair: Pair) -> None:
    refused(pair, fmt.make_tar(members(pair)), fmt.BundleDamagedError, exit_code=1)
    refused(pair, b"", fmt.BundleDamagedError)


def test_garbage_inside_valid_encryption(pair: Pair) -> None:
    refused(pair, seal(pair, [], raw_tar=os.urandom(4096)), fmt.BundleDamagedError)
    refused(pair, seal(pair, [("dossiers/x.json", b"{}")]), fmt.BundleDamagedError)


def test_a_dossier_document_the_app_cannot_read_is_refused(pair: Pair) -> None:
    with pair.a.read() as db:
        identity = load_identity(db)
        assert identity is not None
        keys, card = identity
        files = collect(db, pair.uuids)
    files[0].dossier["traject"] = "geen traject"
    files[0].dossier["meldingen"] = [{"datum": "gisteren"}]
    data = fmt.write_bundle(files, card, keys, [pair.sb.kaart().age_recipient]).data
    refused(pair, data, fmt.BundleDamagedError)
