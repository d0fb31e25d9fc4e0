"""``zorgapp audit verify|anchor``: the audit trail's hash chain, its head and anchors.

``verify`` exits 1 when an entry was changed, removed or added behind the app's back,
when an unlock recorded an alarm (head and chain did not match), or when the trail no
longer fits the anchor given with ``--anchor SEQ:HASH``. ``anchor`` prints that
``SEQ:HASH`` for the privacy officer to keep outside the computer.
"""

from __future__ import annotations

import argparse
from typing import Any

from zorgapp.commands.common import open_vault, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK
from zorgapp.i18n import _
from zorgapp.services import audit_service


def register(sub: Any) -> None:
    audit = subcommands(sub.add_parser("audit", help=_("logboek")))
    p = audit.add_parser("verify", help=_("hash-keten van het logboek controleren"))
    p.add_argument("path")
    p.add_argument("--anchor", metavar="SEQ:HASH",
                   help=_("ook controleren dat het logboek tot dit anker ongewijzigd is"))
    secret_options(p)
    p.set_defaults(func=cmd_verify)
    p = audit.add_parser("anchor", help=_("het anker (volgnummer en hash) van het logboek tonen"))
    p.add_argument("path")
    secret_options(p)
    p.set_defaults(func=cmd_anchor)
    from zorgapp.commands.audit_export import register_export

    register_export(audit)


def cmd_verify(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        count = audit_service.verify(vault, args.anchor)
    finally:
        vault.lock()
    if args.anchor:
        say(_("Het logboek is ongeschonden ({aantal} regels) en klopt met het anker.").format(aantal=count))
    else:
        say(_("Het logboek is ongeschonden ({aantal} regels).").format(aantal=count))
    return EXIT_OK


def cmd_anchor(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        point = audit_service.anchor(vault)
    finally:
        vault.lock()
    print(point)
    say(_("Bewaar dit anker buiten de computer; 'zorgapp audit verify --anchor' toont later dat het "
          "logboek tot hier ongewijzigd is."))
    return EXIT_OK
