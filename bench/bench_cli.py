"""Whole commands on a demo vault, timed as a user runs them (issue 15).

* ``zorgapp allocation PATH --year Y`` (goal ≤ 2 s, ≤ 200 MB at 100,000 dossiers) and
  ``zorgapp report annual`` (goal ≤ 2.5 s), each against the floor every vault command
  pays: starting Python and unlocking the vault (Argon2id and the HMAC check of every
  page) in a process that does nothing else;
* the demo vault made by ``zorgapp demo --cases N`` (goal ≤ 30 s at 100,000), against
  making the same dossiers in memory only (one process), and against the demo's worker
  processes alone on every core (cases made, documents encoded, nothing written); and
  its size per dossier (goal ≤ 2.5 KB), against the compressed documents alone.

Used by ``bench/run.py``; on its own: ``python bench/bench_cli.py --sizes 10000``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import Context, Figure, Run, command, median_run

# What every vault command pays before its own work: the interpreter and the unlock.
UNLOCK_ONLY = (
    "import sys; from pathlib import Path; from zorgapp.store.vault import Vault; "
    "Vault.unlock(Path(sys.argv[1]), sys.argv[2]).lock()"
)
GENERATE_ONLY = (
    "import sys, time; from zorgapp.services.demo import DemoGenerator; "
    "t = time.process_time(); n = sum(1 for _ in DemoGenerator().dossiers(int(sys.argv[1])))"
)
# The demo's workers alone, on every core (what ``zorgapp demo`` starts): every case made
# with its rules checked, its document encoded and compressed and its index columns
# derived, as the vault needs them; nothing placed, nothing written. The demo cannot be
# faster than this on the machine, whatever its writing costs.
WORKERS_ONLY = (
    "import sys; from zorgapp.services.demo import DemoGenerator; "
    "from zorgapp.services.demo_parallel import Vuller; "
    "v = Vuller(DemoGenerator(), int(sys.argv[1])); v.start(); n = 0\n"
    "while v.lopend:\n n += len(v.lopend.popleft().get()); v._vooruit()\n"
    "v.stop(); assert n == int(sys.argv[1]), n"
)


def _drie(naam: str, run: Run, vloer_naam: str, vloer: Run, doel_s: str, doel_mb: str = ""
          ) -> list[Figure]:
    return [
        Figure(f"{naam}: wall time", run.wall, "s", vloer_naam, vloer.wall, doel_s),
        Figure(f"{naam}: user CPU time", run.user, "s", vloer_naam, vloer.user),
        Figure(f"{naam}: peak memory", run.rss_mb, "MB", vloer_naam, vloer.rss_mb, doel_mb),
    ]


def _document_bytes(path: Path, passphrase: str) -> tuple[int, int]:
    """(bytes of the stored documents, dossiers) of a vault."""
    from zorgapp.store.vault import Vault

    vault = Vault.unlock(path, passphrase)
    try:
        with vault.read() as db:
            total, count = db.execute(
                "SELECT coalesce(sum(length(data)), 0), count(*) FROM dossier_doc").fetchone()
    finally:
        vault.lock()
    return int(total), int(count)


def figures(ctx: Context) -> list[Figure]:
    return [f for size in ctx.sizes for f in _grootte(ctx, size)]


def _grootte(ctx: Context, size: int) -> list[Figure]:
    from bench.run import PASSPHRASE

    result: list[Figure] = []
    n = f"{size:,}"
    path = ctx.vault(size)
    made = ctx.made.get(size)
    if made is not None:
        generate = command(["-c", GENERATE_ONLY, str(size)], python=True)
        goal = "≤ 30 s" if size == 100_000 else ""
        result += [Figure(f"demo vault of {n} made: wall time", made.wall, "s",
                          "dossiers made in memory only", generate.wall, goal),
                   Figure(f"demo vault of {n} made: user CPU time", made.user, "s",
                          "dossiers made in memory only", generate.user)]
        if size >= 5_000:  # where ``zorgapp demo`` starts workers
            workers = command(["-c", WORKERS_ONLY, str(size)], python=True)
            result.append(Figure(f"demo vault of {n} made: wall time", made.wall, "s",
                                 "its workers alone, every core, nothing written",
                                 workers.wall, goal))
    documents, count = _document_bytes(path, PASSPHRASE)
    result.append(Figure(f"vault size per dossier at {n}", path.stat().st_size / 1024 / size,
                         "KB", "its documents alone (compressed)",
                         documents / 1024 / max(count, 1),
                         "≤ 2.5 KB" if size == 100_000 else ""))
    floor = median_run(ctx.repeat, lambda: command(
        ["-c", UNLOCK_ONLY, str(path), PASSPHRASE], python=True))
    year = str(ctx.year)
    allocation = median_run(ctx.repeat, lambda: command(
        ["allocation", str(path), "--year", year]))
    big = size == 100_000
    result += _drie(f"zorgapp allocation --year {year} at {n}", allocation,
                    "python + unlock only", floor, "≤ 2 s" if big else "",
                    "≤ 200 MB" if big else "")
    with tempfile.TemporaryDirectory(dir=ctx.cache) as folder:
        out = Path(folder) / "jaarbeeld.pdf"
        annual = median_run(ctx.repeat, lambda: command(
            ["report", "annual", str(path), "--year", year, "--out", str(out)]))
    result += _drie(f"zorgapp report annual --year {year} at {n}", annual,
                    "python + unlock only", floor, "≤ 2.5 s" if big else "")
    return result


if __name__ == "__main__":
    import argparse
    import os

    from bench.run import table

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--cache", type=Path, default=Path(
        os.environ.get("ZORGAPP_BENCH_CACHE", Path(__file__).parent / "out")))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--fresh", action="store_true")
    a = parser.parse_args()
    a.cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    start = time.perf_counter()
    print(table(figures(Context(a.sizes, a.cache, a.repeat, a.fresh))))
