"""``zorgapp retention list|hold|release`` and ``zorgapp case destroy`` (issue 14, parts 1-2).

``case destroy`` is added to the ``case`` command by ``commands/case.py`` through
``add_destroy``; the rest is the ``retention`` command, found by ``register``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, out, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK
from zorgapp.fileio import atomic_write
from zorgapp.i18n import _
from zorgapp.services.bewaren_service import BewaarService, verklaring_pdf


def register(sub: Any) -> None:
    retention = subcommands(sub.add_parser("retention", help=_("bewaartermijnen en bewaarplicht")))
    p = retention.add_parser("list", help=_("afgesloten dossiers met hun bewaartermijn"))
    p.add_argument("path")
    p.add_argument("--due", action="store_true", help=_("alleen dossiers waarvan de termijn verstreken is"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_list)
    p = retention.add_parser("hold", help=_("bewaarplicht op een dossier zetten"))
    p.add_argument("path")
    p.add_argument("dossiernummer")
    p.add_argument("--reason", required=True, help=_("waarom het dossier bewaard moet blijven"))
    secret_options(p)
    p.set_defaults(func=cmd_hold)
    p = retention.add_parser("release", help=_("bewaarplicht opheffen"))
    p.add_argument("path")
    p.add_argument("dossiernummer")
    secret_options(p)
    p.set_defaults(func=cmd_release)


def add_destroy(case: Any) -> None:
    """``case destroy``: called by ``commands/case.py`` on its sub-parser set."""
    p = case.add_parser("destroy", help=_("een afgesloten dossier vernietigen"))
    p.add_argument("path")
    p.add_argument("dossiernummer")
    p.add_argument("--confirm", required=True, metavar="NR", help=_("het dossiernummer nog eens, ter bevestiging"))
    p.add_argument("--early", action="store_true", help=_("vóór het einde van de termijn, op verzoek (art. 17 AVG)"))
    p.add_argument("--reason", default="", help=_("reden van het verzoek (zonder persoonsgegevens)"))
    p.add_argument("--proof", metavar="F.pdf", help=_("schrijf de verklaring van vernietiging naar F.pdf"))
    secret_options(p)
    p.set_defaults(func=cmd_destroy)


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        regels = BewaarService(vault).lijst(alleen_verstreken=args.due)
    finally:
        vault.lock()
    if args.json:
        out([r.to_json() for r in regels])
    else:
        for r in regels:
            print(f"{r.dossiernummer}\t{r.afgesloten_op}\t{r.bewaren_tot}\t{'bewaarplicht' if r.bewaarplicht else ''}")
    return EXIT_OK


def cmd_hold(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        BewaarService(vault).zet_bewaarplicht(args.dossiernummer, args.reason)
    finally:
        vault.lock()
    say(_("Bewaarplicht gezet op dossier {nummer}.").format(nummer=args.dossiernummer))
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        BewaarService(vault).hef_bewaarplicht_op(args.dossiernummer)
    finally:
        vault.lock()
    say(_("Bewaarplicht op dossier {nummer} opgeheven.").format(nummer=args.dossiernummer))
    return EXIT_OK


def cmd_destroy(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        gedaan = BewaarService(vault).vernietig(args.dossiernummer, args.confirm,
                                                vroegtijdig=args.early, reden=args.reason)
        if args.proof:
            atomic_write(Path(args.proof), verklaring_pdf(gedaan, vault.path.name))
    finally:
        vault.lock()
    say(_("Dossier {nummer} is vernietigd.").format(nummer=args.dossiernummer))
    for kopie in gedaan.kopieen:
        say(_("Reservekopie {naam}: {actie}").format(naam=kopie.pad.name, actie=kopie.actie))
    return EXIT_OK
