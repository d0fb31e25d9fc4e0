"""``zorgapp audit export PATH [--from D] [--to D] [--case NR] [--user U] [--action A]
--csv F | --pdf F``: the audit trail for the privacy officer (FG).

Both files carry the result of the hash-chain check: the PDF at the top, the command
on stderr (the CSV stays plain data, docs/admin.md). Exit 0 also when the check finds
the trail damaged: the export is what the FG needs then; the message says so.
The export is itself recorded in the audit trail.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, say, secret_options
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.fileio import check_target
from zorgapp.i18n import _


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(_("geen datum (JJJJ-MM-DD): {tekst}").format(tekst=tekst)) from None


def register_export(audit: Any) -> None:
    p = audit.add_parser("export", help=_("logboek filteren en bewaren als CSV of PDF (voor de FG)"))
    p.add_argument("path")
    p.add_argument("--from", dest="van", type=_datum, metavar="JJJJ-MM-DD",
                   help=_("vanaf deze dag (UTC)"))
    p.add_argument("--to", dest="tot", type=_datum, metavar="JJJJ-MM-DD",
                   help=_("tot en met deze dag (UTC)"))
    p.add_argument("--case", metavar="DOSSIERNUMMER", help=_("alleen regels over dit dossier"))
    p.add_argument("--user", default="", metavar=_("GEBRUIKER"), help=_("alleen deze gebruiker"))
    p.add_argument("--action", default="", metavar=_("HANDELING"),
                   help=_("alleen deze handeling (open, change, print, export, …)"))
    doel = p.add_mutually_exclusive_group(required=True)
    doel.add_argument("--csv", metavar="F.csv", help=_("schrijf CSV naar dit bestand"))
    doel.add_argument("--pdf", metavar="F.pdf", help=_("schrijf PDF naar dit bestand"))
    secret_options(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from zorgapp.services.logboek_service import AuditFilter, LogboekService

    if args.van and args.tot and args.van > args.tot:
        raise UsageError(N_("De begindatum ligt na de einddatum."))
    target = Path(args.csv or args.pdf)
    check_target(target)
    vault = open_vault(args)
    try:
        service = LogboekService(vault)
        uuid = service.dossier_uuid(args.case) if args.case else ""
        flt = AuditFilter(van=args.van, tot=args.tot, dossier_uuid=uuid,
                          gebruiker=args.user, handeling=args.action)
        regels, controle = service.exporteer(
            flt, csv_pad=target if args.csv else None, pdf_pad=target if args.pdf else None)
    finally:
        vault.lock()
    say(controle.tekst())
    say(_("{aantal} regels opgeslagen: {pad}").format(aantal=len(regels), pad=target))
    return EXIT_OK
