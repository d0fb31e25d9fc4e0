"""Issue 11 item 3: small hostile bundles are refused before they cost memory, and
signed documents that break the schema or the domain's rules import nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.unit.exchange import forge
from tests.unit.exchange.conftest import Pair, make_pair
from tests.unit.exchange.test_bad_bundles import refused
from zorgapp.errors import KnownError
from zorgapp.exchange import format as fmt
from zorgapp.exchange.card import OwnKeys

ROOT = Path(__file__).resolve().parents[3]
UUIDS = [f"00000000-0000-4000-8000-{i:012d}" for i in range(1, 9)]


def seal(pair: Pair, raw_tar: bytes) -> bytes:
    return fmt.encrypt(raw_tar, [pair.sb.kaart().age_recipient])


def sparse_bundle(keys: OwnKeys, card: Any, recipient: str, count: int = 8,
                  declared: int = 64 * forge.MIB, pax: bool = False) -> bytes:
    """The issue's attack: a signed manifest declaring big members that are sparse holes."""
    names: dict[str, tuple[str, bytes | None, int]] = {
        f"dossiers/{u}.json": (f"HM-2024-{i + 1:04d}", None, declared) for i, u in enumerate(UUIDS[:count])}
    head = forge.manifest_for(keys, card, [recipient], names)
    make = forge.pax_sparse if pax else forge.gnu_sparse
    body = b"".join(make(name, declared) for name in names)
    return fmt.encrypt(forge.tar_bytes(head) + body + forge.end(), [recipient])


# -- memory: refused before allocating more than a few MB ----------------------------------

_MEASURE = textwrap.dedent("""
    import json, resource, sys, tracemalloc
    import pyrage
    from zorgapp.errors import KnownError
    from zorgapp.exchange import format as fmt
    identity = pyrage.x25519.Identity.from_str(open(sys.argv[2]).read().strip())
    try:  # load the schema first: its one-off cost is not the attack's
        from zorgapp.exchange import schema
        schema.problems({}, "manifest"), schema.problems({}, "dossier_file")
    except ImportError:
        pass
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    import inspect, pathlib
    path = pathlib.Path(sys.argv[1])
    streaming = "sender_check" in inspect.signature(fmt.open_bundle).parameters
    error = None
    try:
        if streaming:
            fmt.open_bundle(path, [identity], sender_check=lambda b: True)
        else:  # the reader before issue 11 took the bytes
            fmt.open_bundle(path.read_bytes(), [identity])
    except KnownError as exc:
        error = exc
    peak = tracemalloc.get_traced_memory()[1]
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    outcome = type(error).__name__ + ": " + error.user_message() if error else "accepted"
    print(json.dumps({"outcome": outcome, "peak": peak, "rss_kib": grown}))
""")


def measure(tmp_path: Path, data: bytes, identity: str) -> dict[str, Any]:
    """Open ``data`` in a fresh interpreter with a reader that trusts every sender."""
    bundle, key = tmp_path / "attack.zorgbundle", tmp_path / "key.txt"
    bundle.write_bytes(data)
    key.write_text(identity)
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(bundle), str(key)],
                          check=False, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("pax", [False, True], ids=["gnu-sparse", "pax-sparse"])
def test_sparse_members_declaring_64_mib_each_cost_no_memory(tmp_path: Path, pax: bool) -> None:
    attacker, victim = OwnKeys.generate(), OwnKeys.generate()
    card = attacker.card("Aanvaller", "Nergens", "")
    data = sparse_bundle(attacker, card, victim.age_recipient(), declared=16 * forge.MIB, pax=pax)
    assert len(data) < 40_000  # 8 x 16 MiB declared in a file of a few KB
    found = measure(tmp_path, data, victim.age_identity)
    assert found["outcome"].startswith("BundleDamagedError"), found
    assert "gewone bestanden" in found["outcome"]
    assert found["peak"] < 2 << 20 and found["rss_kib"] < 16 << 10, found


def test_manifest_declaring_64_mib_members_is_refused_before_reading(tmp_path: Path) -> None:
    attacker, victim = OwnKeys.generate(), OwnKeys.generate()
    data = sparse_bundle(attacker, attacker.card("A", "B", ""), victim.age_recipient())
    found = measure(tmp_path, data, victim.age_identity)
    assert found["outcome"].startswith("BundleDamagedError") and found["peak"] < 2 << 20, found


def test_total_declared_size_is_capped(pair: Pair) -> None:
    keys, card, _files = forge.keys_files(pair)
    names: dict[str, tuple[str, bytes | None, int]] = {
        f"dossiers/00000000-0000-4000-9000-{i:012d}.json": ("HM-2024-0001", None, 15 * forge.MIB)
        for i in range(20)}  # 300 MiB declared, each member under its own cap
    head = forge.manifest_for(keys, card, [pair.sb.kaart().age_recipient], names)
    error = refused(pair, seal(pair, forge.tar_bytes(head) + forge.end()), fmt.BundleDamagedError)
    assert "groter dan Zorgapp inleest" in error.user_message()


def test_known_senders_sparse_member_is_refused_at_its_header(pair: Pair) -> None:
    keys, card, _files = forge.keys_files(pair)
    name = f"dossiers/{UUIDS[0]}.json"
    head = forge.manifest_for(keys, card, [pair.sb.kaart().age_recipient], {name: ("HM-2024-0001", None, forge.MIB)})
    raw = forge.tar_bytes(head) + forge.gnu_sparse(name, forge.MIB) + forge.end()
    assert forge.python_tarfile_size(raw, name) == forge.MIB  # what the old reader would have read
    error = refused(pair, seal(pair, raw), fmt.BundleDamagedError)
    assert "gewone bestanden" in error.user_message()


def test_unknown_senders_dossier_files_are_not_read_before_the_user_allows(tmp_path: Path) -> None:
    p = make_pair(tmp_path, b_knows_a=False)
    try:
        keys, card, _files = forge.keys_files(p)
        name = f"dossiers/{UUIDS[0]}.json"
        head = forge.manifest_for(keys, card, [p.sb.kaart().age_recipient], {name: ("HM-2024-0001", None, forge.MIB)})
        data = seal(p, forge.tar_bytes(head) + forge.gnu_sparse(name, forge.MIB) + forge.end())
        voorbeeld = p.sb.bekijk(data)  # signature checked, sparse member not reached
        assert not voorbeeld.bundle.complete and not voorbeeld.afzender_bekend
        assert [d.dossiernummer for d in voorbeeld.dossiers] == ["HM-2024-0001"]
        with pytest.raises(fmt.UnknownSenderError):
            p.sb.importeer(voorbeeld)
        with pytest.raises(fmt.BundleDamagedError) as info:
            p.sb.importeer(voorbeeld, allow_unknown_sender=True)
        assert "gewone bestanden" in info.value.user_message()
        assert p.count(p.b) == 0
    finally:
        p.a.lock()
        p.b.lock()


# -- nested JSON ------------------------------------------------------------------------------

def test_deeply_nested_unsigned_manifest_is_refused_without_recursion_error(pair: Pair) -> None:
    raw = forge.tar_bytes([(fmt.MANIFEST, forge.nested(200_000))]) + forge.end()
    error = refused(pair, seal(pair, raw), fmt.BundleDamagedError)
    assert "depth" in error.user_message()


def test_nested_json_inside_a_string_is_fine_but_a_nested_dossier_file_is_not(pair: Pair) -> None:
    keys, card, _files = forge.keys_files(pair)
    name = f"dossiers/{UUIDS[0]}.json"
    content = forge.nested(50_000)
    head = forge.manifest_for(keys, card, [pair.sb.kaart().age_recipient],
                              {name: ("HM-2024-0001", content, len(content))})
    error = refused(pair, seal(pair, forge.tar_bytes([*head, (name, content)]) + forge.end()), fmt.BundleDamagedError)
    assert "depth" in error.user_message()


# -- documents that break the schema or the rules ------------------------------------------

def _set(path: str, value: Any) -> Any:
    def edit(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = doc
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return edit


_DELETE = object()

BAD_DOCUMENTS = {
    "format_version true": _set("format_version", True),
    "name 12345": _set("dossier.persoon.naam", 12345),
    "name a list": _set("dossier.persoon.naam", ["a", "b"]),
    "no persoon": _set("dossier.persoon", _DELETE),
    "signal on 9999-12-31": _set("dossier.meldingen.0.datum", "9999-12-31"),
    "born 0001-01-01": _set("dossier.persoon.geboortedatum", "0001-01-01"),
    "created in the year 1": _set("dossier.aangemaakt_op", "0001-01-01T00:00:00+00:00"),
    "task due 9999-12-31": _set("dossier.taken", [{"uuid": UUIDS[5], "omschrijving": "x",
                                                  "deadline": "9999-12-31", "gedaan_op": None, "auteur": ""}]),
    "placement from 0001-01-01": _set("parts.plaatsingen", [{"uuid": UUIDS[6], "locatie": None, "type": "CRISIS",
                                                            "status": "aangevraagd", "aangevraagd_op": "0001-01-01"}]),
    "format_version 1.0": _set("format_version", 1.0),
    "demo 'ja'": _set("demo", "ja"),
    "cost amount as number": _set("parts.kosten", [{"uuid": UUIDS[7], "soort": "overig", "datum": "2024-01-01",
                                                   "bedrag": 1e308, "omschrijving": "", "landelijk": False}]),
}


@pytest.mark.parametrize("what", list(BAD_DOCUMENTS))
def test_a_document_that_breaks_the_schema_or_the_rules_imports_nothing(pair: Pair, what: str) -> None:
    data = forge.edited_bundle(pair, BAD_DOCUMENTS[what])
    error = refused(pair, data, fmt.BundleDamagedError, exit_code=1)
    assert "niets ingelezen" in error.user_message() or "beschadigd" in error.user_message()


def test_the_untouched_forged_bundle_is_accepted(pair: Pair) -> None:
    """The baseline for the edits above: the same path without an edit imports."""
    pair.sb.importeer(pair.sb.bekijk(forge.edited_bundle(pair, lambda doc: None)))
    assert pair.count(pair.b) == 3


def test_manifest_with_format_version_true_is_refused(pair: Pair) -> None:
    from tests.unit.exchange.test_bad_bundles import members

    items = members(pair, lambda m: m.update(format_version=True))
    refused(pair, fmt.encrypt(fmt.make_tar(items), [pair.sb.kaart().age_recipient]), fmt.BundleDamagedError)


def test_rule_messages_name_the_case_and_the_rule(pair: Pair) -> None:
    data = forge.edited_bundle(pair, BAD_DOCUMENTS["signal on 9999-12-31"])
    error = refused(pair, data, fmt.BundleContentError)
    # the date as the user reads it (issue 13: no ISO dates in messages)
    assert "31 dec 9999" in error.user_message() and "HM-" in error.user_message()


# -- row uuids that exist already ---------------------------------------------------------

def _placed(pair: Pair) -> tuple[int, dict[str, Any]]:
    parts = pair.parts(pair.a)
    index = next(i for i, u in enumerate(pair.uuids) if parts[u]["plaatsingen"])
    return index, parts[pair.uuids[index]]["plaatsingen"][0]


def test_a_placement_uuid_of_another_case_here_is_refused_with_a_message(pair: Pair) -> None:
    index, placement = _placed(pair)
    first = pair.sa.exporteer([pair.uuids[index]], pair.tmp / "one", [pair.sb.kaart().age_recipient]).pad
    pair.sb.importeer(pair.sb.bekijk(first))
    before = pair.documents(pair.b)
    other = next(i for i in range(3) if i != index)
    data = forge.edited_bundle(pair, _set("parts.plaatsingen", [placement]), index=0, uuids=[pair.uuids[other]])
    with pytest.raises(fmt.BundleContentError) as info:
        pair.sb.importeer(pair.sb.bekijk(data))
    assert "dezelfde sleutel" in info.value.user_message()
    assert pair.documents(pair.b) == before


def test_a_cost_uuid_of_another_case_here_is_refused_with_a_message(pair: Pair) -> None:
    cost = {"uuid": UUIDS[3], "soort": "overig", "datum": "2024-02-01", "bedrag": "12.50",
            "omschrijving": "taxi", "landelijk": False}
    pair.sb.importeer(pair.sb.bekijk(forge.edited_bundle(pair, _set("parts.kosten", [cost]), uuids=pair.uuids[:1])))
    before = pair.documents(pair.b)
    data = forge.edited_bundle(pair, _set("parts.kosten", [cost]), uuids=pair.uuids[1:2])
    with pytest.raises(fmt.BundleContentError) as info:
        pair.sb.importeer(pair.sb.bekijk(data))
    assert "dezelfde sleutel" in info.value.user_message()
    assert pair.documents(pair.b) == before


def test_the_same_row_uuid_twice_in_one_bundle_is_refused(pair: Pair) -> None:
    cost = {"uuid": UUIDS[4], "soort": "overig", "datum": "2024-02-01", "bedrag": "1.00",
            "omschrijving": "", "landelijk": False}
    keys, card, files = forge.keys_files(pair)
    for f in files[:2]:
        f.parts["kosten"] = [cost]
    data = fmt.write_bundle(files, card, keys, [pair.sb.kaart().age_recipient]).data
    refused(pair, data, fmt.BundleContentError)


def test_the_packaged_schema_is_the_documented_one() -> None:
    from importlib import resources

    packaged = resources.files("zorgapp.exchange").joinpath("bundle-schema.json").read_bytes()
    assert packaged == (ROOT / "docs" / "bundle-schema.json").read_bytes()


def test_bool_is_not_an_integer_for_the_schema() -> None:
    from zorgapp.exchange import schema

    card = OwnKeys.generate().card("a", "b", "c").to_json()
    assert schema.problems(card, "contact_card") == []
    assert schema.problems(dict(card, format_version=True), "contact_card")


def test_refusals_are_known_errors_not_tracebacks(pair: Pair) -> None:
    """Every try above ends in a KnownError; nothing else escapes ``bekijk``."""
    for what, edit in BAD_DOCUMENTS.items():
        try:
            pair.sb.importeer(pair.sb.bekijk(forge.edited_bundle(pair, edit)))
        except KnownError:
            continue
        pytest.fail(what)
