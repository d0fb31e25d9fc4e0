"""``zorgapp stats``: anonymised statistics (``docs/stats-format.md``).

``stats export`` counts one year of a vault into a JSON file (and a CSV beside it if
asked), with small counts suppressed, and records the export in the audit trail.
``stats merge`` combines several regions' files into one; it needs no vault and
refuses files that are not statistics exports or belong to other years or versions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zorgapp.commands.common import open_vault, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.commands.report import FIRST_YEAR, LAST_YEAR
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.fileio import check_target
from zorgapp.i18n import _


def _export(args: argparse.Namespace) -> int:
    from zorgapp.services.statistiek_service import StatistiekService

    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        raise UsageError(N_("Kies een jaar van {eerste} tot en met {laatste}."),
                         eerste=FIRST_YEAR, laatste=LAST_YEAR)
    doelen = [Path(args.out)] + ([Path(args.csv)] if args.csv else [])
    for doel in doelen:
        check_target(doel)  # before unlocking
    vault = open_vault(args)
    try:
        StatistiekService(vault).exporteer(args.year, Path(args.out),
                                           Path(args.csv) if args.csv else None)
    finally:
        vault.lock()
    for doel in doelen:
        say(_("Statistiek opgeslagen: {pad}").format(pad=doel))
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    from zorgapp.services.statistiek_service import samenvoegen, schrijf_json

    check_target(Path(args.out))
    data = samenvoegen([Path(f) for f in args.files])
    schrijf_json(data, Path(args.out))
    say(_("Samengevoegde statistiek van {n} regio's opgeslagen: {pad}").format(
        n=len(data["regios"]), pad=args.out))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    acties = subcommands(sub.add_parser("stats", help=_("anonieme statistiek")))
    p = acties.add_parser("export", help=_("anonieme statistiek van één jaar exporteren"))
    p.add_argument("path")
    p.add_argument("--year", type=int, required=True, help=_("jaar"))
    p.add_argument("--out", required=True, metavar="F.json",
                   help=_("schrijf de statistiek als JSON naar dit bestand"))
    p.add_argument("--csv", metavar="F.csv", help=_("schrijf ook een CSV-bestand"))
    secret_options(p)
    p.set_defaults(func=_export)

    p = acties.add_parser("merge", help=_("statistiek van meerdere regio's samenvoegen"))
    p.add_argument("files", nargs="+", metavar="F.json")
    p.add_argument("--out", required=True, metavar="F.json",
                   help=_("schrijf de samengevoegde statistiek naar dit bestand"))
    p.set_defaults(func=_merge)
