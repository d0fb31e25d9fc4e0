"""Benchmarks: figures and ratios, never pass/fail.

    python bench/run.py [--sizes 1000 10000 100000] [--out bench/out]

For each size a demo vault is made (cached in --out), then measured: unlock, time to
the first rows of the dossier list, a search, a filter, opening a dossier, and the same
queries on an unencrypted SQLite copy (made with sqlcipher_export, demo data only,
deleted afterwards) for the ratio. Other benchmark modules in bench/ (bench_*.py) are
run too when they define ``main(sizes, out)``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from zorgapp.services.demo import make_demo_vault  # noqa: E402
from zorgapp.services.dossier_service import DossierService  # noqa: E402
from zorgapp.store.connection import Connection  # noqa: E402
from zorgapp.store.dossiers import DossierRepository, Filter  # noqa: E402
from zorgapp.store.vault import Vault  # noqa: E402

PASSPHRASE = "benchmark wachtwoordzin"
QUERIES = ["stefanescu", "nowak", "HM-2025", "okafor joy", "nguy"]


def timed(fn: Callable[[], object], repeat: int = 7) -> tuple[float, object]:
    """Median wall time in ms over ``repeat`` warm runs (after one cold run)."""
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def vault_for(size: int, out: Path) -> tuple[Path, float | None]:
    path = out / f"demo-{size}.zorg"
    if path.exists():
        return path, None
    start = time.perf_counter()
    make_demo_vault(path, size, PASSPHRASE)
    return path, time.perf_counter() - start


def plain_copy(vault: Vault, out: Path) -> Path:
    target = out / "plain-copy.sqlite"
    target.unlink(missing_ok=True)
    with vault.read() as db:
        db.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        db.execute("SELECT sqlcipher_export('plain')")
        db.execute("DETACH DATABASE plain")
    return target


def first_rows(service: DossierService) -> int:
    ids = service.zoek(Filter(), audit_search=False)
    return len(service.rijen(ids[:50]))


def measure(size: int, out: Path) -> dict[str, float]:
    path, made = vault_for(size, out)
    figures: dict[str, float] = {}
    if made is not None:
        figures["demo vault made (s)"] = made
    start = time.perf_counter()
    vault = Vault.unlock(path, PASSPHRASE)
    figures["unlock incl. Argon2id + integrity check (ms)"] = (time.perf_counter() - start) * 1000
    service = DossierService(vault)
    start = time.perf_counter()
    first_rows(service)
    figures["first rows after unlock, cold (ms)"] = (time.perf_counter() - start) * 1000
    figures["first rows, warm (ms)"], _ = timed(lambda: first_rows(service))

    def search(db: Connection, q: str) -> int:
        ids = DossierRepository(db).ids(Filter(zoek=q))
        return len(ids)

    with vault.read() as db:
        enc = [timed(partial(search, db, q))[0] for q in QUERIES]
        enc_filter, _ = timed(lambda: len(DossierRepository(db).ids(Filter(fase="bedenktijd", vorm="arbeid"))))
    figures["search, encrypted (ms, median of queries)"] = statistics.median(enc)
    figures["filter stage+form, encrypted (ms)"] = enc_filter
    uuid = service.rijen(service.zoek(Filter(), audit_search=False)[:1]).popitem()[1].uuid
    figures["open dossier incl. audit entry (ms)"], _ = timed(lambda: service.open(uuid))

    plain_path = plain_copy(vault, out)
    import sqlite3

    plain = sqlite3.connect(plain_path)
    try:
        plain_times = [timed(partial(search, plain, q))[0] for q in QUERIES]
        plain_filter, _ = timed(lambda: len(DossierRepository(plain).ids(Filter(fase="bedenktijd", vorm="arbeid"))))
    finally:
        plain.close()
        plain_path.unlink(missing_ok=True)
    figures["search, plain SQLite (ms)"] = statistics.median(plain_times)
    figures["search ratio encrypted/plain"] = (figures["search, encrypted (ms, median of queries)"]
                                               / max(figures["search, plain SQLite (ms)"], 1e-6))
    figures["filter ratio encrypted/plain"] = enc_filter / max(plain_filter, 1e-6)
    keystroke = _keystroke(vault)
    if keystroke is not None:
        figures["keystroke to updated list (ms)"] = keystroke
    start = time.perf_counter()
    service.overzicht()
    figures["dashboard (overzicht) (ms)"] = (time.perf_counter() - start) * 1000
    vault.lock()
    return figures


def _keystroke(vault: Vault) -> float | None:
    """Type a name into the Dossiers page and wait for the list to change (GUI)."""
    try:
        from bench.bench_gui import keystroke_ms
    except ImportError:
        return None
    return keystroke_ms(vault)


def run_modules(sizes: list[int], out: Path) -> None:
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        if path.stem == "bench_gui":
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "main"):
            print(f"\n== {path.stem}")
            module.main(sizes, out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--only-dossiers", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True, mode=0o700)
    for size in args.sizes:
        print(f"\n== dossiers: {size:,} demo cases")
        for name, value in measure(size, args.out).items():
            print(f"  {name:<48} {value:10.2f}")
    if not args.only_dossiers:
        run_modules(args.sizes, args.out)


if __name__ == "__main__":
    main()
