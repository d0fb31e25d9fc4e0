"""``zorgapp report``: printed documents as PDF files.

A PDF is written only to the ``--out`` file the user names (atomically, readable by
the user only) and every file written is an ``export`` in the audit trail.
Placement ids come from ``zorgapp case show --json`` (section ``plaatsingen``).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path

from zorgapp.commands.common import say, secret_options, unlocked
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.fileio import check_target
from zorgapp.i18n import _

#: The calendar Python (and the vault's dates) can count in, with a year after it.
FIRST_YEAR, LAST_YEAR = 1, 9998


def _check_case(args: argparse.Namespace) -> None:
    """``report comensha`` takes the case number after the path or as ``--case``."""
    if args.document != "comensha":
        return
    args.case = args.case or args.case_option
    if not args.case:
        raise UsageError(N_("Geef het dossiernummer op, bijvoorbeeld: zorgapp report comensha "
                            "KLUIS HM-2026-0001 --out aanmelding.pdf"))


def _check_years(args: argparse.Namespace) -> None:
    """Every year an annual report covers must exist, before the vault is unlocked."""
    if args.document != "annual":
        return
    if args.year > LAST_YEAR or args.year - args.years + 1 < FIRST_YEAR:
        raise UsageError(N_("Een jaarbeeld kan alleen gaan over de jaren {eerste} tot en met "
                            "{laatste}. Kies een ander jaar (--year) of minder jaren (--years)."),
                         eerste=FIRST_YEAR, laatste=LAST_YEAR)


#: The module that makes each document, imported beside the key derivation.
_MODULES = {"letter": "letter", "summary": "summary", "comensha": "aanmelding",
            "allocation": "allocation", "annual": "annual"}


def _prepare(document: str) -> Callable[[], None]:
    """What a document needs before it can be made (``unlocked`` runs it beside Argon2id):
    the service, the document's module, reportlab's fonts."""
    def prepare() -> None:
        importlib.import_module("zorgapp.services.report_service")
        importlib.import_module(f"zorgapp.reports.{_MODULES[document]}")
        importlib.import_module("zorgapp.reports.fonts").register()

    return prepare


def _run(args: argparse.Namespace) -> int:
    _check_years(args)
    _check_case(args)
    check_target(Path(args.out))  # a folder, a device or a missing folder: before unlocking
    with unlocked(args, _prepare(args.document)) as (vault, checked):  # pages checked meanwhile
        from zorgapp.services.report_service import ReportService

        service = ReportService(vault)
        if args.document == "letter":
            rapport = service.plaatsingsbrief(args.placement, alias=args.alias,
                                              afzender=args.signed_by or "")
        elif args.document == "summary":
            rapport = service.dossieroverzicht(args.case)
        elif args.document == "comensha":
            rapport = service.aanmelding_comensha(args.case)
        elif args.document == "allocation":
            rapport = service.kostenverdeling(args.year, args.quarter, args.month)
        else:
            rapport = service.jaarbeeld(args.year, aantal_jaren=args.years)
        checked()  # a damaged page: no file, no export entry
        pad = service.bewaar(rapport, Path(args.out))
    say(_("PDF opgeslagen: {pad}").format(pad=pad))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _add(subcommands(sub.add_parser("report", help=_("documenten als PDF maken")),
                     dest="document", metavar=_("DOCUMENT")))


def _add(reports: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("path")
        p.add_argument("--out", required=True, metavar="F.pdf",
                       help=_("schrijf de PDF naar dit bestand"))
        secret_options(p)
        p.set_defaults(func=_run)

    p = reports.add_parser("letter", help=_("plaatsingsbrief voor een opvanglocatie"))
    p.add_argument("--placement", required=True, metavar="ID",
                   help=_("id van de plaatsing (zie case show --json)"))
    p.add_argument("--alias", action="store_true",
                   help=_("alias of initialen in plaats van de naam"))
    p.add_argument("--signed-by", metavar="NAAM", help=_("naam van de ondertekenaar"))
    common(p)

    p = reports.add_parser("summary", help=_("dossieroverzicht"))
    p.add_argument("--case", required=True, metavar="DOSSIERNUMMER")
    common(p)

    p = reports.add_parser("comensha", help=_("aanmelding CoMensha (alleen de aanmeldset)"))
    common(p)  # the vault's path comes first, the case number after it
    p.add_argument("case", nargs="?", metavar="DOSSIERNUMMER")
    p.add_argument("--case", dest="case_option", metavar="DOSSIERNUMMER",
                   help=_("dossiernummer (ook als los argument na het pad)"))

    p = reports.add_parser("allocation", help=_("kostenverdeling over een periode"))
    p.add_argument("--year", type=int, required=True, help=_("jaar"))
    period = p.add_mutually_exclusive_group()
    period.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help=_("kwartaal 1-4"))
    period.add_argument("--month", type=int, choices=range(1, 13), metavar="M",
                        help=_("maand 1-12"))
    common(p)

    p = reports.add_parser("annual", help=_("jaarbeeld met cijfers per jaar"))
    p.add_argument("--year", type=int, required=True, help=_("jaar"))
    p.add_argument("--years", type=int, default=4, choices=range(1, 11), metavar="N",
                   help=_("aantal jaren naast elkaar (standaard 4)"))
    common(p)
