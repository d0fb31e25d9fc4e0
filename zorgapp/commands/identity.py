"""``zorgapp identity``: this vault's contact card, to give to the coordinators who
send it case bundles (``zorgapp contact`` keeps their cards).

The vault is opened as in every other command: ``--passphrase-file F``,
``ZORGAPP_PASSPHRASE`` or ``--recovery-key-file F``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, out, secret_options
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.fileio import atomic_write
from zorgapp.i18n import _
from zorgapp.services.bundle_service import BundleService


def register(sub: Any) -> None:
    p = sub.add_parser("identity", help=_("contactkaart van deze kluis (voor overdrachtsbundels)"),
                       description=_("Toont de contactkaart van deze kluis: geef die aan collega's die u "
                                     "dossiers sturen. Vergelijk de vingerafdruk telefonisch."))
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    p.add_argument("--name", help=_("uw naam op de kaart"))
    p.add_argument("--organisation", help=_("uw organisatie op de kaart"))
    p.add_argument("--region", help=_("uw regio op de kaart"))
    p.add_argument("--qr", metavar="F", help=_("schrijf de QR-code naar F (.png of .svg)"))
    secret_options(p)
    p.set_defaults(func=cmd_identity)


def card_json(card: Any) -> dict[str, Any]:
    return dict(card.to_json())


def cmd_identity(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        service = BundleService(vault)
        card = service.kaart()
        if args.name is not None or args.organisation is not None or args.region is not None:
            card = service.stel_identiteit_in(
                card.name if args.name is None else args.name,
                card.organisation if args.organisation is None else args.organisation,
                card.region if args.region is None else args.region)
    finally:
        vault.lock()
    if args.qr:
        from zorgapp.reports.qr import qr_png, qr_svg

        target = Path(args.qr)
        if target.suffix.lower() not in (".png", ".svg"):
            raise UsageError(N_("Kies voor de QR-code een bestand op .png of .svg."))
        atomic_write(target, qr_svg(card.to_text()) if target.suffix.lower() == ".svg"
                     else qr_png(card.to_text()))
    if args.json:
        out(card_json(card))
    else:
        print(card.to_text(), end="")
    return EXIT_OK
