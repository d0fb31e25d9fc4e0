"""``zorgapp allocation``: the cost allocation naar ratio of a period, as JSON or CSV.

``van`` and ``tot`` in the output are the first and the last day of the period, both
inclusive (Q1 2026 is ``2026-01-01`` to ``2026-03-31``), as a reader expects.
Amounts are strings with two decimals; ``totaal`` is the amount divided and equals
the sum of ``aandelen``; ``niet_verdeeld`` is the nationally funded part, listed
apart. ``--issue`` issues (vaststellen) the period: from then on its shares are frozen,
``vastgesteld`` says when, and later changes appear in ``correcties`` of the next
statement; a year statement has a ``verrekening`` (settlement) per municipality.
The CSV goes to stdout (redirect it to a file) in Dutch Excel style.
"""

from __future__ import annotations

import argparse
import sys

from zorgapp.commands.common import open_vault, out, secret_options, unlocked
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.i18n import _


def _prepare() -> None:
    import zorgapp.services.allocation_service  # noqa: F401 - imported beside the unlock


def cmd_allocation(args: argparse.Namespace) -> int:
    if args.issue and args.key:
        raise UsageError(N_("--issue stelt vast met de sleutel van de regio; laat --key weg."))
    if args.issue:  # writes to the vault: every page is checked before
        vault = open_vault(args)
        try:
            from zorgapp.services.allocation_service import AllocationService
            from zorgapp.services.allocation_statement import stel_vast

            uitkomst = stel_vast(AllocationService(vault), args.year, args.quarter, args.month,
                                 actor="cli")
        finally:
            vault.lock()
    else:
        # Pages checked meanwhile, the output after; the service imported beside Argon2id.
        with unlocked(args, _prepare) as (vault, _checked):
            from zorgapp.services.allocation_service import AllocationService

            # The shares only: the lines behind them are for the screen and the PDF.
            uitkomst = AllocationService(vault).bereken(args.year, args.quarter, args.month,
                                                        args.key, toelichting=False)
    from zorgapp.services.allocation_service import csv_bytes, verdeling_json
    if args.csv:
        sys.stdout.flush()
        data = csv_bytes(uitkomst)
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # captured text stream (tests)
            sys.stdout.write(data.decode("utf-8"))
        return EXIT_OK
    out(verdeling_json(uitkomst))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("allocation", help=_("kostenverdeling naar ratio over een periode"),
                       description=_("Verdeel de kosten van een maand, kwartaal of jaar over "
                                     "de gemeenten van de regio. 'van' en 'tot' zijn de eerste "
                                     "en de laatste dag van de periode (beide inbegrepen)."))
    p.add_argument("path")
    p.add_argument("--year", type=int, required=True, help=_("jaar"))
    period = p.add_mutually_exclusive_group()
    period.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help=_("kwartaal 1-4"))
    period.add_argument("--month", type=int, choices=range(1, 13), metavar="M",
                        help=_("maand 1-12"))
    p.add_argument("--key", choices=["inwoners", "binding", "vast", "mix"],
                   help=_("verdeelsleutel (standaard: die van de regio)"))
    p.add_argument("--issue", action="store_true",
                   help=_("stel de kostenverdeling van deze periode vast (daarna bevroren; "
                          "latere wijzigingen komen als correctie in de volgende periode)"))
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=_("uitvoer als JSON (standaard)"))
    fmt.add_argument("--csv", action="store_true",
                     help=_("uitvoer als CSV voor Excel (';', decimale komma, UTF-8 met BOM)"))
    secret_options(p)
    p.set_defaults(func=cmd_allocation)
