"""``zorgapp attachment add|list|get``: a dossier's attachments from the command line.

The content goes from the named file into the vault and back out only into the file
named with ``--out``; each add and get is in the audit trail (docs/cli-json.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, out, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK
from zorgapp.i18n import _
from zorgapp.services.bijlage_service import BijlageService


def register(sub: Any) -> None:
    cmd = subcommands(sub.add_parser("attachment", help=_("bijlagen van een dossier")))
    p = cmd.add_parser("add", help=_("een bestand als bijlage aan een dossier toevoegen"))
    p.add_argument("path")
    p.add_argument("--case", required=True, metavar="NR", help=_("dossiernummer"))
    p.add_argument("file", metavar=_("BESTAND"))
    p.add_argument("--description", default="", metavar="T", help=_("korte omschrijving"))
    secret_options(p)
    p.set_defaults(func=cmd_add)
    p = cmd.add_parser("list", help=_("de bijlagen van een dossier opsommen"))
    p.add_argument("path")
    p.add_argument("--case", required=True, metavar="NR", help=_("dossiernummer"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_list)
    p = cmd.add_parser("get", help=_("een bijlage opslaan in een bestand"))
    p.add_argument("path")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", required=True, metavar="F", help=_("hier opslaan"))
    secret_options(p)
    p.set_defaults(func=cmd_get)


def cmd_add(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        service = BijlageService(vault)
        bijlage = service.voeg_bestand_toe(service.dossier_uuid(args.case), Path(args.file),
                                           args.description)
    finally:
        vault.lock()
    say(_("Bijlage {naam} toegevoegd aan dossier {nummer}.").format(naam=bijlage.naam,
                                                                    nummer=args.case.upper()))
    print(bijlage.uuid)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        service = BijlageService(vault)
        bijlagen = service.lijst(service.dossier_uuid(args.case))
    finally:
        vault.lock()
    items = [{"id": b.uuid, "naam": b.naam, "type": b.type, "grootte": b.grootte,
              "toegevoegd": b.toegevoegd_op} for b in bijlagen]
    if args.json:
        out(items)
    else:
        for b in bijlagen:
            print(f"{b.uuid}\t{b.toegevoegd_op}\t{b.grootte}\t{b.type}\t{b.naam}\t{b.omschrijving}")
    return EXIT_OK


def cmd_get(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        pad = BijlageService(vault).bewaar_als(args.id.strip(), Path(args.out))
    finally:
        vault.lock()
    say(_("Bijlage opgeslagen in {bestand}.").format(bestand=str(pad)))
    return EXIT_OK
