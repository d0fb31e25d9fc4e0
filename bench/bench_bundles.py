"""Case bundles: export and import of 1 and 1,000 dossiers (figures, never pass/fail).

Goals (issue 6): 1,000 dossiers exported in under 3 s, imported in under 5 s.

    python bench/bench_bundles.py [--cases 1 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zorgapp.services.bundle_service import BundleService
from zorgapp.services.demo import fill_demo
from zorgapp.store import keyfile
from zorgapp.store.dossiers import DossierRepository
from zorgapp.store.vault import Vault

GOALS = {"export": 3.0, "inspect+import": 5.0}


def run(n: int, folder: Path) -> dict[str, float]:
    a, _ = Vault.create(folder / f"a{n}.zorg", "bench wachtwoordzin lang genoeg")
    b, _ = Vault.create(folder / f"b{n}.zorg", "bench wachtwoordzin lang genoeg")
    try:
        fill_demo(a, n)
        sa, sb = BundleService(a), BundleService(b)
        sa.voeg_contact_toe(sb.kaart(), True)
        sb.voeg_contact_toe(sa.kaart(), True)
        with a.read() as db:
            uuids = DossierRepository(db).all_uuids()
        t0 = time.perf_counter()
        result = sa.exporteer(uuids, folder / f"bundle{n}", [sb.kaart().age_recipient])
        t1 = time.perf_counter()
        preview = sb.bekijk(result.pad)
        t2 = time.perf_counter()
        sb.importeer(preview)
        t3 = time.perf_counter()
        again = sb.bekijk(result.pad)
        sb.importeer(again)
        t4 = time.perf_counter()
        return {"export": t1 - t0, "inspect": t2 - t1, "import": t3 - t2,
                "inspect+import": t3 - t1, "again (no change)": t4 - t3,
                "size_mb": result.pad.stat().st_size / 1e6}
    finally:
        a.lock()
        b.lock()


def figures(ctx: object) -> list[Any]:
    """For ``bench/run.py``: 1,000 dossiers out and in (goals of issue 6)."""
    from bench.run import Figure

    saved = keyfile.DEFAULT_KDF  # unlocking is not what is measured here
    keyfile.DEFAULT_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            one = run(1, Path(tmp))
            many = run(1000, Path(tmp))
    finally:
        keyfile.DEFAULT_KDF = saved
    return [
        Figure("export 1,000 dossiers to a bundle", many["export"], "s",
               "1 dossier", one["export"], "< 3 s"),
        Figure("inspect + import 1,000 dossiers", many["inspect+import"], "s",
               "1 dossier", one["inspect+import"], "< 5 s"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, nargs="+", default=[1, 1000])
    parser.add_argument("--real-kdf", action="store_true", help="keep the production Argon2 cost")
    args = parser.parse_args()
    if not args.real_kdf:  # unlocking is not what is measured here
        keyfile.DEFAULT_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.cases:
            figures = run(n, Path(tmp))
            print(f"{n:>6} dossiers  bundle {figures['size_mb']:.2f} MB")
            for name in ("export", "inspect", "import", "inspect+import", "again (no change)"):
                goal = GOALS.get(name)
                note = f"   goal < {goal:.0f} s for 1,000 ({'met' if figures[name] < goal else 'MISSED'})" \
                    if goal and n >= 1000 else ""
                print(f"        {name:<18} {figures[name]:7.3f} s{note}")


if __name__ == "__main__":
    main()
