"""``zorgapp contact add|list|verify|remove``: the address book of other coordinators'
contact cards, to send them case bundles and to check bundles they send.

The vault is opened as in every other command: ``--passphrase-file F``,
``ZORGAPP_PASSPHRASE`` or ``--recovery-key-file F``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zorgapp.commands.common import open_vault, out, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK, N_, UsageError
from zorgapp.i18n import _
from zorgapp.services.bundle_service import BundleService


def register(sub: Any) -> None:
    contact = subcommands(sub.add_parser("contact", help=_("adresboek met contactkaarten")))
    p = contact.add_parser("add", help=_("contactkaart toevoegen uit een bestand (tekst of JSON)"))
    p.add_argument("path")
    p.add_argument("card", metavar="KAART", help=_("bestand met de contactkaart, of - voor invoer"))
    p.add_argument("--verified", action="store_true",
                   help=_("de vingerafdruk is telefonisch of persoonlijk vergeleken"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_contact_add)
    p = contact.add_parser("list", help=_("adresboek tonen"))
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p)
    p.set_defaults(func=cmd_contact_list)
    p = contact.add_parser("verify", help=_("contact als geverifieerd markeren"))
    p.add_argument("path")
    p.add_argument("fingerprint", metavar="VINGERAFDRUK")
    secret_options(p)
    p.set_defaults(func=cmd_contact_verify)
    p = contact.add_parser("remove", help=_("contact uit het adresboek verwijderen"))
    p.add_argument("path")
    p.add_argument("fingerprint", metavar="VINGERAFDRUK")
    secret_options(p)
    p.set_defaults(func=cmd_contact_remove)


def _contact_json(c: Any) -> dict[str, Any]:
    return {"name": c.naam, "organisation": c.organisatie, "region": c.regio,
            "age_recipient": c.age_recipient, "signing_key": c.signing_key,
            "fingerprint": c.fingerprint, "verified": c.geverifieerd, "added_at": c.toegevoegd_op}


def cmd_contact_add(args: argparse.Namespace) -> int:
    if args.card == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.card).read_text(encoding="utf-8")
        except OSError:
            raise UsageError(N_("Het bestand {bestand} kan niet worden gelezen."), bestand=args.card) from None
    vault = open_vault(args)
    try:
        contact = BundleService(vault).voeg_contact_toe(text, geverifieerd=args.verified)
    finally:
        vault.lock()
    if args.json:
        out(_contact_json(contact))
    else:
        say(_("Toegevoegd: {naam}, vingerafdruk {vingerafdruk}").format(
            naam=contact.naam or contact.organisatie, vingerafdruk=contact.fingerprint))
        if not contact.geverifieerd:
            say(_("Nog niet geverifieerd: vergelijk de vingerafdruk met de eigenaar en gebruik "
                  "'zorgapp contact verify'."))
    return EXIT_OK


def cmd_contact_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        contacts = BundleService(vault).adresboek()
    finally:
        vault.lock()
    if args.json:
        out([_contact_json(c) for c in contacts])
    else:
        for c in contacts:
            mark = _("geverifieerd") if c.geverifieerd else _("niet geverifieerd")
            print(f"{c.fingerprint}\t{c.naam}\t{c.organisatie}\t{c.regio}\t{mark}")
    return EXIT_OK


def cmd_contact_verify(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        service = BundleService(vault)
        contact = service.contact_voor(args.fingerprint)
        service.markeer_geverifieerd(contact.id, True)
    finally:
        vault.lock()
    say(_("{naam} is geverifieerd.").format(naam=contact.naam or contact.fingerprint))
    return EXIT_OK


def cmd_contact_remove(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        service = BundleService(vault)
        contact = service.contact_voor(args.fingerprint)
        service.verwijder_contact(contact.id)
    finally:
        vault.lock()
    say(_("{naam} is uit het adresboek verwijderd.").format(naam=contact.naam or contact.fingerprint))
    return EXIT_OK
