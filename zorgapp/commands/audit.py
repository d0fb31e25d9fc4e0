"""``zorgapp audit verify``: the audit trail's hash chain, checked against its head.

Exit 1 when an entry was changed, removed or added behind the app's back.
"""

from __future__ import annotations

import argparse
from typing import Any

from zorgapp.commands.common import open_vault, say, secret_options
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import EXIT_OK
from zorgapp.i18n import _
from zorgapp.services import vault_service


def register(sub: Any) -> None:
    audit = subcommands(sub.add_parser("audit", help=_("logboek")))
    p = audit.add_parser("verify", help=_("hash-keten van het logboek controleren"))
    p.add_argument("path")
    secret_options(p)
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        count = vault_service.verify_audit(vault)
    finally:
        vault.lock()
    say(_("Het logboek is ongeschonden ({aantal} regels).").format(aantal=count))
    return EXIT_OK
