"""Time to make printed documents: figures and ratios, never pass/fail.

    python bench/bench_reports.py --cases 100000 --vault

* placement letter (goal < 150 ms) against a bare reportlab page with the same
  embedded font (the floor: what any PDF costs here);
* year figures the naive way: counting N whole case documents (``json.loads`` plus
  ``domain.jaarbeeld.tel``) and the PDF, without a vault; shows why the app does not
  parse whole documents;
* with ``--vault``: the year report as the app makes it (``ReportService.jaarbeeld``
  on a demo vault of N cases, reading index columns; goal < 3 s for 100,000 cases)
  the placement letter and the year's cost allocation from the vault.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.pdfgen.canvas import Canvas

from tests.unit.reports import fixtures as fx
from zorgapp.domain import jaarbeeld as jb
from zorgapp.reports import fonts
from zorgapp.reports.annual import jaarbeeld
from zorgapp.reports.letter import plaatsingsbrief
from zorgapp.services.demo import DemoGenerator


def timed(fn, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def bare_page() -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer)
    c.setFont(fonts.SANS, 11)
    c.drawString(72, 720, "Ștefănescu Wiśniewski Szőke Nguyễn")
    c.showPage()
    c.save()
    return buffer.getvalue()


def figures(ctx: object) -> list[Any]:
    """For ``bench/run.py``: the placement letter against a bare page (the floor)."""
    from bench.run import Figure

    fonts.register()
    d = fx.dossier()
    pl, loc = fx.plaatsing(d), fx.locatie()
    plaatsingsbrief(d, pl, loc, fx.BRIEFHOOFD, vandaag=fx.VANDAAG, demo=True)  # warm-up
    floor, _ = timed(bare_page, 20)
    letter, _ = timed(lambda: plaatsingsbrief(d, pl, loc, fx.BRIEFHOOFD, vandaag=fx.VANDAAG,
                                              demo=True), 20)
    return [Figure("placement letter (median of 20)", 1000 * letter, "ms",
                   "bare reportlab page, same font", 1000 * floor, "< 150 ms")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--vault", action="store_true",
                        help="also build a temporary demo vault of --cases and time the "
                             "report service on it (slow to build)")
    args = parser.parse_args()

    start = time.perf_counter()
    fonts.register()
    print(f"font registration (once per process): {1000 * (time.perf_counter() - start):.1f} ms")

    d = fx.dossier()
    pl, loc = fx.plaatsing(d), fx.locatie()

    def letter() -> bytes:
        return plaatsingsbrief(d, pl, loc, fx.BRIEFHOOFD, vandaag=fx.VANDAAG, demo=True)

    start = time.perf_counter()
    letter()
    first = time.perf_counter() - start
    floor_med, floor_min = timed(bare_page, args.repeat)
    letter_med, letter_min = timed(letter, args.repeat)
    print(f"bare reportlab page (floor):  median {1000 * floor_med:7.1f} ms  min {1000 * floor_min:7.1f} ms")
    print(f"placement letter (first):     {1000 * first:7.1f} ms (styles, font subsetting warm-up)")
    print(f"placement letter:             median {1000 * letter_med:7.1f} ms  min {1000 * letter_min:7.1f} ms"
          f"  goal 150 ms  ratio to floor {letter_med / floor_med:.1f}x")

    vandaag = date(2026, 11, 22)
    start = time.perf_counter()
    base = [json.dumps(x.to_dict(), ensure_ascii=False)
            for x in DemoGenerator(seed=11, vandaag=vandaag).dossiers(min(args.cases, 20_000))]
    texts = (base * (args.cases // len(base) + 1))[: args.cases]
    print(f"generated {len(texts)} documents in {time.perf_counter() - start:.1f} s (not timed)")
    jaren = [2023, 2024, 2025, 2026]

    start = time.perf_counter()
    docs = (json.loads(t) for t in texts)
    cijfers = jb.tel(docs, jaren, verwacht=len(texts), progress=lambda f: None)
    parse_and_count = time.perf_counter() - start
    parsed = [json.loads(t) for t in texts]
    count_only, _ = timed(lambda: jb.tel(parsed, jaren), 3)
    start = time.perf_counter()
    pdf = jaarbeeld(cijfers, fx.BRIEFHOOFD, jaar=2026, regio="Hollands Midden", demo=True)
    pdf_time = time.perf_counter() - start
    total = parse_and_count + pdf_time
    print(f"year figures from whole documents (the naive path; the app reads index "
          f"columns instead, see --vault), {len(texts)} cases: json.loads+count "
          f"{parse_and_count:.2f} s (count alone {count_only:.2f} s), PDF {1000 * pdf_time:.0f} ms "
          f"({len(pdf) // 1024} KiB), total {total:.2f} s")
    if args.vault:
        bench_vault(args.cases, vandaag)


def bench_vault(cases: int, vandaag: date) -> None:
    import tempfile

    from zorgapp.paths import set_data_dir
    from zorgapp.reports.style import Briefhoofd
    from zorgapp.services.demo import fill_demo
    from zorgapp.services.report_service import ReportService
    from zorgapp.store.vault import Vault

    with tempfile.TemporaryDirectory() as folder:
        set_data_dir(Path(folder) / "data")
        from zorgapp.store import keyfile

        # the passphrase KDF is not what is measured here
        keyfile.DEFAULT_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)
        start = time.perf_counter()
        vault, _key = Vault.create(Path(folder) / "bench.zorg", "bench-wachtwoordzin-lang-genoeg")
        fill_demo(vault, cases, vandaag=vandaag)
        print(f"built a {cases}-case vault in {time.perf_counter() - start:.0f} s (not timed)")
        service = ReportService(vault, Briefhoofd(organisatie="Bench"), vandaag=lambda: vandaag)
        steps: list[float] = []
        start = time.perf_counter()
        rapport = service.jaarbeeld(2026, progress=steps.append)
        elapsed = time.perf_counter() - start
        print(f"year report from the vault ({cases} cases): {elapsed:.2f} s  goal 3 s  "
              f"ratio {elapsed / 3:.2f}  ({len(steps)} progress updates, "
              f"{len(rapport.pdf) // 1024} KiB)")
        from zorgapp.services.allocation_service import AllocationService

        allocation = AllocationService(vault, vandaag=lambda: vandaag)
        start = time.perf_counter()
        uitkomst = allocation.bereken(2026)
        elapsed = time.perf_counter() - start
        regels = sum(len(a.regels) for a in uitkomst.verdeling.aandelen)
        print(f"cost allocation 2026 from the vault ({cases} cases): {elapsed:.2f} s "
              f"({regels} lines over {len(uitkomst.verdeling.aandelen)} municipalities; "
              f"on the worker, no goal in the issues)")
        with vault.read() as db:
            placement = db.execute("SELECT uuid FROM plaatsing LIMIT 1").fetchone()
        if placement:
            med, _min = timed(lambda: service.plaatsingsbrief(placement[0]), 10)
            print(f"placement letter from the vault: median {1000 * med:.1f} ms  goal 150 ms")
        vault.lock()


if __name__ == "__main__":
    main()
