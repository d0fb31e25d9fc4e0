"""A fingerprint of the printed documents' text, to prove a refactor changed nothing.

    python bench/document_fingerprint.py [--cases 300] [--dump folder]

Builds a demo vault (fixed seed and date) and makes every placement letter (by name
and by alias), every case summary, the year's cost allocation per quarter and the year
report, plus the test fixtures' letter and summary; extracts each PDF's text with pypdf
and prints one SHA-256 per kind of document. ``--dump`` writes the texts to a folder so
two runs can be compared with ``diff -r``. A figure, never pass/fail.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.unit.reports import fixtures as fx
from tests.unit.reports.pdftext import text
from zorgapp.reports.letter import plaatsingsbrief
from zorgapp.reports.style import Briefhoofd
from zorgapp.reports.summary import dossieroverzicht

VANDAAG = date(2026, 11, 22)


def seeded_uuids(seed: int = 2026) -> None:
    """Demo case ids are random (``uuid4``), and lines sort by them: fix them for a run."""
    rng = random.Random(seed)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)


def fixtures(out: Callable[[str, str, bytes], None]) -> None:
    d = fx.dossier()
    pl, loc = fx.plaatsing(d), fx.locatie()
    for alias in (False, True):
        out("letter", f"fixture-{alias}", plaatsingsbrief(
            d, pl, loc, fx.BRIEFHOOFD, vandaag=fx.VANDAAG, demo=True, alias=alias,
            afzender="J. Jansen", gemeente_naam="Leiden"))
    out("letter", "fixture-open", plaatsingsbrief(
        d, pl, fx.locatie(geheim=False), fx.BRIEFHOOFD, vandaag=fx.VANDAAG))
    out("letter", "fixture-none", plaatsingsbrief(d, pl, None, fx.BRIEFHOOFD,
                                                  vandaag=fx.VANDAAG))
    out("summary", "fixture", dossieroverzicht(
        d, fx.BRIEFHOOFD, plaatsingen=[pl], locaties={"loc-1": loc},
        gemeente_namen={"GM0546": "Leiden"}, vandaag=fx.VANDAAG))


def demo(cases: int, out: Callable[[str, str, bytes], None]) -> None:
    from zorgapp.paths import set_data_dir
    from zorgapp.services.demo import fill_demo
    from zorgapp.services.report_service import ReportService
    from zorgapp.store import keyfile
    from zorgapp.store.vault import Vault

    seeded_uuids()
    with tempfile.TemporaryDirectory() as folder:
        set_data_dir(Path(folder) / "data")
        keyfile.DEFAULT_KDF = keyfile.KdfParams(iterations=1, lanes=1, memory_cost=8 * 1024)
        vault, _key = Vault.create(Path(folder) / "fp.zorg", "vingerafdruk-wachtwoordzin-lang")
        try:
            fill_demo(vault, cases, vandaag=VANDAAG)
            service = ReportService(vault, Briefhoofd(organisatie="Bench", plaats="Leiden",
                                                      contact="071 123 45 67"),
                                    actor="bench", vandaag=lambda: VANDAAG)
            with vault.read() as db:
                plaatsingen = [r[0] for r in db.execute(
                    "SELECT uuid FROM plaatsing ORDER BY uuid")]
                nummers = [r[0] for r in db.execute(
                    "SELECT dossiernummer FROM dossier ORDER BY dossiernummer")]
            for uuid in plaatsingen:
                out("letter", f"{uuid}-naam", service.plaatsingsbrief(uuid).pdf)
                out("letter", f"{uuid}-alias",
                    service.plaatsingsbrief(uuid, alias=True, afzender="A. de Boer").pdf)
            for nummer in nummers:
                out("summary", nummer, service.dossieroverzicht(nummer).pdf)
            for k in (1, 2, 3, 4):
                out("allocation", f"2026-Q{k}", service.kostenverdeling(2026, k).pdf)
            out("annual", "2026", service.jaarbeeld(2026).pdf)
        finally:
            vault.lock()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    hashes: dict[str, hashlib._Hash] = {}
    counts: dict[str, int] = {}

    def out(kind: str, name: str, pdf: bytes) -> None:
        tekst = text(pdf)
        hashes.setdefault(kind, hashlib.sha256()).update(f"{name}\n{tekst}\n".encode())
        counts[kind] = counts.get(kind, 0) + 1
        if args.dump:
            (args.dump / kind).mkdir(parents=True, exist_ok=True)
            (args.dump / kind / f"{name}.txt").write_text(tekst, encoding="utf-8")

    fixtures(out)
    demo(args.cases, out)
    for kind in sorted(hashes):
        print(f"{kind:10} {counts[kind]:4} documents  text sha256 {hashes[kind].hexdigest()}")


if __name__ == "__main__":
    main()
