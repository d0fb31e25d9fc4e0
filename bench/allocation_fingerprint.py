"""A fingerprint of the cost allocation's output, to prove a refactor changed nothing.

    python bench/allocation_fingerprint.py [--examples 400] [--cases 600]

Prints one SHA-256 over the full ``repr`` of every ``Verdeling`` (shares, exact amounts
and every explanation line) for:

* the inputs of the end-to-end property test (``tests/unit/domain/test_allocation.py``),
  drawn by Hypothesis with a fixed seed, each allocated with every key (inhabitants,
  binding, fixed percentages, two mixes), with and without a period and with each
  placement paying its own municipality;
* a demo vault (fixed seed and date), allocated per month, quarter and year with every key;
* ``verdeel_naar_ratio`` over the same weights.

Run it before and after a change to ``domain/allocation``: the hashes must be equal; the
two JSON lines (the CLI's output computed with the explanation and from the amounts
alone, ``allocation_bedragen``) must be equal to each other.
A figure, never pass/fail (like the rest of bench/).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests.unit.domain.test_allocation import scenario
from zorgapp.domain.allocation import (
    Sleutel,
    Verdeelsleutel,
    verdeel,
    verdeel_naar_ratio,
)
from zorgapp.domain.regio import Regio


def seeded_uuids(seed: int = 2026) -> None:
    """Demo case ids are random (``uuid4``), and lines sort by them: fix them for a run."""
    rng = random.Random(seed)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)


def vaste_percentages(codes: list[str]) -> dict[str, Decimal]:
    """Fixed percentages that sum to 100, made without the code under test."""
    honderdsten = [10_000 // len(codes)] * len(codes)
    honderdsten[0] += 10_000 - sum(honderdsten)
    return {c: Decimal(h) / 100 for c, h in zip(codes, honderdsten, strict=True)}


def sleutels(regio: Regio) -> list[Verdeelsleutel]:
    codes = [g.cbs_code for g in regio.actieve_gemeenten()]
    return [
        Verdeelsleutel(Sleutel.INWONERS),
        Verdeelsleutel(Sleutel.BINDING),
        Verdeelsleutel(Sleutel.VAST, vaste_percentages(codes)),
        Verdeelsleutel(Sleutel.MIX, mix_inwoners_pct=Decimal("37.5")),
        Verdeelsleutel(Sleutel.MIX, mix_inwoners_pct=Decimal(0)),
    ]


def uitkomst(fn, *args, **kwargs) -> str:
    """The repr of the result, or of the refusal (a refusal must not change either)."""
    try:
        return repr(fn(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - the kind of refusal is part of the output
        return f"{type(exc).__name__}: {exc}"


def property_inputs(examples: int, sha: hashlib._Hash) -> int:
    count = 0

    @seed(2026)
    @settings(database=None, max_examples=examples,
              phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(scenario())
    def collect(sc: tuple) -> None:
        nonlocal count
        regio, sleutel, regels, posten, extra = sc
        van, tot, binding = extra["van"], extra["tot"], extra["binding"]
        eigen = {r.plaatsing_uuid: "GM0003" for r in regels[::2]}
        for s in [sleutel, *sleutels(regio)]:
            for kwargs in ({"van": van, "tot": tot}, {},
                           {"van": van, "tot": tot, "bron_binding": eigen,
                            "alle_gemeenten": dict(regio.gemeenten)}):
                sha.update(uitkomst(verdeel, regio, s, regels, posten, binding,
                                    **kwargs).encode())
                count += 1
        gewichten = {g.cbs_code: g.inwoners or 0 for g in regio.gemeenten.values()}
        for totaal in (Decimal("100.01"), Decimal("-7.03"), sum(
                (r.bedrag for r in regels), Decimal(0))):
            sha.update(uitkomst(verdeel_naar_ratio, totaal, gewichten).encode())

    collect()
    return count


def demo_inputs(cases: int, sha: hashlib._Hash,
                json_sha: tuple[hashlib._Hash, hashlib._Hash]) -> int:
    """The demo vault's allocations; ``json_sha`` gets the JSON of each, computed with
    the lines (``toelichting``) and from the amounts alone: the two must be equal."""
    from zorgapp.paths import set_data_dir
    from zorgapp.services.allocation_service import AllocationService, verdeling_json
    from zorgapp.services.demo import fill_demo
    from zorgapp.services.region_service import RegionService
    from zorgapp.store import keyfile
    from zorgapp.store.vault import Vault

    vandaag = date(2026, 11, 22)
    count = 0
    seeded_uuids()
    with tempfile.TemporaryDirectory() as folder:
        set_data_dir(Path(folder) / "data")
        keyfile.DEFAULT_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)
        vault, _key = Vault.create(Path(folder) / "fp.zorg", "vingerafdruk-wachtwoordzin-lang")
        try:
            fill_demo(vault, cases, vandaag=vandaag)
            service = AllocationService(vault, vandaag=lambda: vandaag)
            regio = RegionService(vault).vereist_regio()
            perioden = [{"jaar": j} for j in (2024, 2025, 2026)]
            perioden += [{"jaar": 2026, "kwartaal": k} for k in (1, 2, 3, 4)]
            perioden += [{"jaar": 2026, "maand": m} for m in range(1, 13)]
            for s in sleutels(regio):
                for p in perioden:
                    sha.update(uitkomst(lambda p=p, s=s: service.bereken(**p, sleutel=s)
                                        .verdeling).encode())
                    count += 1
                    for toelichting, h in ((True, json_sha[0]), (False, json_sha[1])):
                        h.update(uitkomst(lambda p=p, s=s, t=toelichting: verdeling_json(
                            service.bereken(**p, sleutel=s, toelichting=t))).encode())
        finally:
            vault.lock()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=400)
    parser.add_argument("--cases", type=int, default=600)
    args = parser.parse_args()
    sha_prop, sha_demo = hashlib.sha256(), hashlib.sha256()
    n_prop = property_inputs(args.examples, sha_prop)
    json_sha = (hashlib.sha256(), hashlib.sha256())
    n_demo = demo_inputs(args.cases, sha_demo, json_sha)
    print(f"property inputs: {n_prop} allocations  sha256 {sha_prop.hexdigest()}")
    print(f"demo vault ({args.cases} cases): {n_demo} allocations  "
          f"sha256 {sha_demo.hexdigest()}")
    print(f"their JSON, with lines:    sha256 {json_sha[0].hexdigest()}")
    print(f"their JSON, amounts alone: sha256 {json_sha[1].hexdigest()}")

if __name__ == "__main__":
    main()
