"""The bundle attack corpus of issue 11 through the installed ``zorgapp`` console script:
every try is refused with a message (exit 1 or 2, no traceback) and imports nothing.

Slow (one process per try); ``python -m pytest -m slow`` runs it and prints the table of
tries and held. The same attacks run in-process in tests/unit/exchange/test_attack_corpus.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.unit.exchange import forge
from tests.unit.exchange.conftest import make_pair
from tests.unit.exchange.test_attack_corpus import BAD_DOCUMENTS, UUIDS, sparse_bundle
from zorgapp.exchange import format as fmt
from zorgapp.exchange.card import OwnKeys

from .killing import SUMMARIES

SCRIPT = Path(sys.executable).with_name("zorgapp")


def _corpus(p) -> list[tuple[str, bytes]]:
    recipient = p.sb.kaart().age_recipient
    keys, card, _files = forge.keys_files(p)
    attacker = OwnKeys.generate()
    tries: list[tuple[str, bytes]] = []
    for count in (1, 8, 32):
        for pax in (False, True):
            tries.append(("sparse members, unknown sender",
                          sparse_bundle(attacker, attacker.card("X", "Y", ""), recipient, count, 16 * forge.MIB, pax)))
            tries.append(("sparse members, known sender",
                          sparse_bundle(keys, card, recipient, count, 16 * forge.MIB, pax)))
        tries.append(("members declaring 64 MiB", sparse_bundle(keys, card, recipient, count)))
    for depth in (1_000, 100_000, 1_000_000):
        raw = forge.tar_bytes([(fmt.MANIFEST, forge.nested(depth))]) + forge.end()
        tries.append(("nested unsigned manifest", fmt.encrypt(raw, [recipient])))
        name = f"dossiers/{UUIDS[0]}.json"
        content = forge.nested(depth)
        head = forge.manifest_for(keys, card, [recipient], {name: ("HM-2024-0001", content, len(content))})
        raw = forge.tar_bytes([*head, (name, content)]) + forge.end()
        tries.append(("nested signed dossier file", fmt.encrypt(raw, [recipient])))
    for what, edit in BAD_DOCUMENTS.items():
        tries.append((f"document: {what}", forge.edited_bundle(p, edit)))
    good = forge.edited_bundle(p, lambda doc: None)
    for cut in (1, 100, len(good) // 2):
        tries.append(("truncated", good[:-cut]))
    for pos in (60, len(good) // 3, len(good) - 20):
        flipped = bytearray(good)
        flipped[pos] ^= 0x40
        tries.append(("one byte flipped", bytes(flipped)))
    return tries


@pytest.mark.slow
def test_every_attack_on_the_command_line_is_refused_and_imports_nothing(tmp_path: Path) -> None:
    assert SCRIPT.exists()
    p = make_pair(tmp_path, cases=3)
    tries = _corpus(p)
    p.a.lock()
    p.b.lock()
    env = dict(os.environ, ZORGAPP_PASSPHRASE=PASSPHRASE)
    counts: Counter[str] = Counter()
    held: Counter[str] = Counter()
    for index, (kind, data) in enumerate(tries):
        bundle = tmp_path / f"try-{index}.zorgbundle"
        bundle.write_bytes(data)
        done = subprocess.run([str(SCRIPT), "bundle", "import", str(p.b.path), str(bundle),
                               "--allow-unknown-sender", "--data-dir", str(tmp_path / "data")],
                              env=env, capture_output=True, text=True, timeout=300, check=False)
        counts[kind] += 1
        if done.returncode in (1, 2) and done.stderr.strip() and "Traceback" not in done.stderr:
            held[kind] += 1
    listed = subprocess.run([str(SCRIPT), "case", "list", str(p.b.path), "--json",
                             "--data-dir", str(tmp_path / "data")],
                            env=env, capture_output=True, text=True, timeout=120, check=True)
    table = "\n".join(f"| {kind} | {counts[kind]} | {held[kind]} |" for kind in counts)
    text = (f"| attack | tries | held |\n|---|---|---|\n{table}\n| total | {sum(counts.values())} | "
            f"{sum(held.values())} |")
    print("\n" + text)
    SUMMARIES.append(("bundle attack corpus through the command line (tries, held)", text))
    assert listed.stdout.strip() == "[]"
    assert held == counts
