"""Anonymised statistics (``zorgapp stats export``) on the demo vaults of ``--sizes``.

The figure is the counting and suppression of one year as the service does it (the
counts the schema keeps per year and dimension, and the placements' index rows grouped
in SQL; never the documents); the peer is the grouped count of the same year's index
rows that the year report made until it read the kept counts too
(``jaarbeeld.tel_groepen`` over ``report_service._groepen``). Figures only, never
pass/fail.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from typing import Any


def figures(ctx: Any) -> list[Any]:
    from bench.run import PASSPHRASE, Figure
    from zorgapp.domain import jaarbeeld as jb
    from zorgapp.services.report_service import _groepen
    from zorgapp.services.statistiek_service import StatistiekService
    from zorgapp.store.vault import Vault

    rows = []
    for size in ctx.sizes:
        vault = Vault.unlock(ctx.vault(size), PASSPHRASE)
        try:
            service = StatistiekService(vault)

            def export(service: Any = service) -> None:
                service.maak(ctx.year)

            def peer(vault: Any = vault) -> None:
                with vault.read() as db:
                    jb.tel_groepen(_groepen(db, date(ctx.year, 1, 1),
                                            date(ctx.year + 1, 1, 1)), [ctx.year])

            value, floor = _median(export, ctx.repeat), _median(peer, ctx.repeat)
        finally:
            vault.lock()
        rows.append(Figure(f"stats export, one year, {size:,} cases", 1000 * value, "ms",
                           "year report counting the same year", 1000 * floor, "< 2 s"))
    return rows


def _median(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(max(3, repeat)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
