"""The dossier list on a demo vault: unlock, first rows, search, filter, open, dashboard.

Searches and filters are also run on an unencrypted SQLite copy of the same vault
(made with ``sqlcipher_export``, demo data only, deleted right after): the peer for the
ratio encrypted / plain. The GUI figures (keystroke, stall) are ``bench_gui``'s, which
drives the real Dossiers page offscreen. Used by ``bench/run.py``.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import PASSPHRASE, Context, Figure

QUERIES = ["stefanescu", "nowak", "HM-2025", "okafor joy", "nguy"]


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time in ms over ``repeat`` warm runs (after one cold run)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _plain_copy(vault: Any, target: Path) -> Path:
    target.unlink(missing_ok=True)
    with vault.read() as db:
        db.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        db.execute("SELECT sqlcipher_export('plain')")
        db.execute("DETACH DATABASE plain")
    return target


def _first_rows(vault: Any) -> int:
    from zorgapp.services.dossier_service import DossierService
    from zorgapp.store.dossiers import Filter

    service = DossierService(vault)
    return len(service.rijen(service.zoek(Filter(), audit_search=False)[:50]))


def _unlock_figures(path: Path, n: str, size: int) -> list[Figure]:
    """The window's unlock: key unwrap, schema check, first rows; then the check of
    every page in the background (``store/page_check.py``). Floor: Argon2id alone."""
    import threading

    from zorgapp.store import keyfile
    from zorgapp.store.vault import Vault

    start = time.perf_counter()
    keyfile.read_key_file(path).unwrap(PASSPHRASE)
    kdf = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    vault = Vault.unlock(path, PASSPHRASE, check_pages=False)
    _first_rows(vault)
    shown = (time.perf_counter() - start) * 1000
    done = threading.Event()
    start = time.perf_counter()
    vault.check_pages_later(lambda outcome: done.set())
    done.wait(300)
    check = (time.perf_counter() - start) * 1000
    vault.lock()
    return [Figure(f"unlock to the first rows at {n} (window)", shown, "ms",
                   "Argon2id key unwrap alone", kdf,
                   "≤ 1,000 ms" if size == 100_000 else ""),
            Figure(f"check of every page after the unlock at {n} (background)", check, "ms")]


def figures(ctx: Context) -> list[Figure]:
    result: list[Figure] = []
    for size in ctx.sizes:
        result += _grootte(ctx, size)
    return result


def _grootte(ctx: Context, size: int) -> list[Figure]:
    from zorgapp.services.dossier_service import DossierService
    from zorgapp.store.dossiers import DossierRepository, Filter
    from zorgapp.store.vault import Vault

    result: list[Figure] = []
    n = f"{size:,}"
    path = ctx.vault(size)
    result += _unlock_figures(path, n, size)
    start = time.perf_counter()
    vault = Vault.unlock(path, PASSPHRASE)
    result.append(Figure(f"unlock in-process at {n}, every page checked first (CLI)",
                         (time.perf_counter() - start) * 1000, "ms"))
    service = DossierService(vault)

    def search(db: object, q: str) -> int:
        return len(DossierRepository(db).ids(Filter(zoek=q)))  # type: ignore[arg-type]

    def filtered(db: object) -> int:
        return len(DossierRepository(db).ids(  # type: ignore[arg-type]
            Filter(fase="bedenktijd", vorm="arbeid")))

    with vault.read() as db:
        enc = statistics.median(timed(partial(search, db, q)) for q in QUERIES)
        enc_filter = timed(lambda: filtered(db))
    plain_path = _plain_copy(vault, ctx.cache / "plain-copy.sqlite")
    plain = sqlite3.connect(plain_path)
    try:
        plain_search = statistics.median(timed(partial(search, plain, q)) for q in QUERIES)
        plain_filter = timed(lambda: filtered(plain))
    finally:
        plain.close()
        plain_path.unlink(missing_ok=True)
    result += [
        Figure(f"search at {n} (median of {len(QUERIES)} queries)", enc, "ms",
               "plain SQLite copy", plain_search, "< 20 ms, ratio ≤ 1.5"),
        Figure(f"filter stage + form at {n}", enc_filter, "ms", "plain SQLite copy",
               plain_filter, "ratio ≤ 1.5"),
    ]
    uuid = next(iter(service.rijen(service.zoek(Filter(), audit_search=False)[:1]).values())).uuid
    result.append(Figure(f"open a dossier incl. audit entry at {n}",
                         timed(lambda: service.open(uuid)), "ms", goal="< 50 ms"))
    start = time.perf_counter()
    service.overzicht()
    result.append(Figure(f"dashboard (overzicht) at {n}",
                         (time.perf_counter() - start) * 1000, "ms",
                         goal="≤ 50 ms" if size == 100_000 else ""))
    vault.lock()
    return result
