"""``zorgapp vault create|check|passwd|recover|backup|restore``: the vault file itself.

A new vault prints its recovery key once (keep it on paper, away from the laptop).
``check`` exits 1 when a page, the structure or the audit chain is damaged.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from zorgapp.commands.common import (
    new_passphrase,
    open_vault,
    out,
    passphrase,
    recovery_key,
    say,
    secret_options,
)
from zorgapp.commands.parsing import subcommands
from zorgapp.errors import (
    EXIT_DAMAGED,
    EXIT_OK,
    N_,
    EnvironmentStoppedError,
    KnownError,
    UsageError,
)
from zorgapp.i18n import _
from zorgapp.services import vault_service
from zorgapp.store import keyfile
from zorgapp.store.vault import SUFFIX


def register(sub: Any) -> None:
    vault = subcommands(sub.add_parser("vault", help=_("kluis maken, controleren, beheren")))
    p = vault.add_parser("create", help=_("nieuwe kluis maken"))
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    secret_options(p, recovery=False)
    p.set_defaults(func=cmd_create)
    p = vault.add_parser("check", help=_("kluis en logboek controleren"))
    p.add_argument("path")
    secret_options(p)
    p.set_defaults(func=cmd_check)
    p = vault.add_parser("passwd", help=_("wachtwoordzin wijzigen"))
    p.add_argument("path")
    secret_options(p, new=True, recovery=False)
    p.set_defaults(func=cmd_passwd)
    p = vault.add_parser("recover", help=_("nieuwe wachtwoordzin met de herstelsleutel"))
    p.add_argument("path")
    secret_options(p, new=True)
    p.set_defaults(func=cmd_recover)
    p = vault.add_parser("backup", help=_("reservekopie maken"))
    p.add_argument("path")
    p.add_argument("dest")
    secret_options(p)
    p.set_defaults(func=cmd_backup)
    p = vault.add_parser("restore", help=_("reservekopie terugzetten"))
    p.add_argument("backup")
    p.add_argument("path")
    secret_options(p)
    p.set_defaults(func=cmd_restore)


def _create_passphrase(args: argparse.Namespace) -> str:
    """A given passphrase (file or environment), else asked twice at the keyboard."""
    if args.passphrase_file or os.environ.get("ZORGAPP_PASSPHRASE"):
        return passphrase(args)
    return new_passphrase(argparse.Namespace(new_passphrase_file=None))


def cmd_create(args: argparse.Namespace) -> int:
    phrase = _create_passphrase(args)
    vault, key = vault_service.create_vault(Path(args.path), phrase)
    vault.lock()
    if args.json:
        out({"vault": str(Path(args.path).resolve()), "recovery_key": key})
    else:
        print(_("Kluis gemaakt: {pad}").format(pad=args.path))
        print(_("Herstelsleutel (bewaar deze op papier, los van de laptop):"))
        print(key)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        problems = vault.check()
    finally:
        vault.lock()
    if problems:
        say(_("De kluis is beschadigd of het logboek is gewijzigd: {problemen}").format(
            problemen=", ".join(problems)))
        return EXIT_DAMAGED
    say(_("De kluis is in orde."))
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    old = passphrase(args, _("Huidige wachtwoordzin: "))
    new = new_passphrase(args)
    try:
        vault_service.change_passphrase_at(Path(args.path), old, new)
    except EnvironmentStoppedError:
        # The key file is written first: a disk that fills up afterwards (the audit
        # entry, the head, the lock) leaves the new passphrase in force. Say which holds.
        if new != old and _opens_with(Path(args.path), new):
            say(_("De wachtwoordzin is gewijzigd: gebruik voortaan de nieuwe. Daarna kon "
                  "Zorgapp niet alles afronden:"))
        raise
    say(_("De wachtwoordzin is gewijzigd."))
    return EXIT_OK


def _opens_with(path: Path, phrase: str) -> bool:
    """Whether the key file beside ``path`` now opens with ``phrase``."""
    try:
        keyfile.read_key_file(path).unwrap(phrase)
    except KnownError:
        return False
    return True


def cmd_recover(args: argparse.Namespace) -> int:
    vault_service.recover(Path(args.path), recovery_key(args), new_passphrase(args))
    say(_("De kluis heeft een nieuwe wachtwoordzin."))
    return EXIT_OK


def _check_backup_dest(dest: Path) -> None:
    """DEST is a folder (made when missing) or a ``.zorg`` file: refuse a file or a
    device (``/dev/null``) where that folder would have to be, before unlocking."""
    folder = dest.parent if dest.suffix == SUFFIX else dest
    for place in (folder, *folder.parents):
        if place.is_dir():
            return
        if place.exists() or place.is_symlink():
            raise UsageError(N_("{pad} is geen map. Geef een map voor de reservekopie, of "
                                "een bestandsnaam die op .zorg eindigt."), pad=str(place))


def cmd_backup(args: argparse.Namespace) -> int:
    _check_backup_dest(Path(args.dest))
    vault = open_vault(args)
    try:
        target = vault_service.backup(vault, Path(args.dest))
    finally:
        vault.lock()
    say(_("Reservekopie gemaakt: {pad}").format(pad=target))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    if getattr(args, "recovery_key_file", None):
        aside = vault_service.restore(Path(args.backup), Path(args.path),
                                      recovery_key=recovery_key(args))
    else:
        aside = vault_service.restore(Path(args.backup), Path(args.path),
                                      passphrase=passphrase(args))
    say(_("Reservekopie teruggezet naar {pad}.").format(pad=args.path))
    if aside:
        say(_("De vorige kluis is bewaard als {pad}.").format(pad=aside))
    return EXIT_OK
