"""``zorgapp demo``: a vault with fictional cases, for training and trying things out."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from zorgapp.commands.common import out, passphrase, secret_options
from zorgapp.errors import EXIT_OK
from zorgapp.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=_("demokluis met fictieve dossiers maken"))
    p.add_argument("path")
    p.add_argument("--cases", type=int, default=80, metavar="N",
                   help=_("aantal dossiers (standaard 80)"))
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p, recovery=False)
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from zorgapp.services.demo import make_demo_vault

    phrase = None
    if args.passphrase_file or os.environ.get("ZORGAPP_PASSPHRASE"):
        phrase = passphrase(args)
    result = make_demo_vault(Path(args.path), args.cases, phrase)
    if args.json:
        out({"vault": str(Path(args.path).resolve()), "passphrase": result.passphrase,
             "recovery_key": result.recovery_key, "cases": args.cases})
    else:
        print(_("Demokluis gemaakt: {pad} ({aantal} dossiers)").format(pad=args.path, aantal=args.cases))
        if phrase is None:
            print(_("Wachtwoordzin: {zin}").format(zin=result.passphrase))
    return EXIT_OK
