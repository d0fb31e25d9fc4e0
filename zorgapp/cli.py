"""Command line for IT staff and scripts: a thin layer over ``services``.

Exit codes: 0 ok; 1 the vault or a file is damaged or tampered with; 2 wrong
passphrase/key or bad usage. Messages go to stderr in the user's language; data
(JSON, CSV) goes to stdout.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zorgapp import APP_NAME, __version__
from zorgapp.domain.errors import DomainError
from zorgapp.errors import EXIT_DAMAGED, EXIT_OK, EXIT_USAGE, N_, KnownError, UsageError
from zorgapp.i18n import _, set_language
from zorgapp.services import vault_service
from zorgapp.store import keyfile
from zorgapp.store.vault import Vault

COMMANDS = ("vault", "demo", "audit", "case", "allocation", "report", "identity", "bundle")

class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as exit code 2 in the user's language."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(N_("Onjuist gebruik: {melding}"), melding=message)


# -- secrets ---------------------------------------------------------------------------

def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def passphrase(args: argparse.Namespace, prompt: str | None = None) -> str:
    """From --passphrase-file, ZORGAPP_PASSPHRASE or an interactive prompt."""
    if getattr(args, "passphrase_file", None):
        return keyfile.read_secret_file(args.passphrase_file)
    env = os.environ.get("ZORGAPP_PASSPHRASE")
    if env:
        return env
    if _interactive():
        return getpass.getpass(prompt or _("Wachtwoordzin: "))
    raise UsageError(N_("Geef de wachtwoordzin met --passphrase-file of ZORGAPP_PASSPHRASE."))


def new_passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "new_passphrase_file", None):
        return keyfile.read_secret_file(args.new_passphrase_file)
    if _interactive():
        first = getpass.getpass(_("Nieuwe wachtwoordzin: "))
        if getpass.getpass(_("Herhaal de nieuwe wachtwoordzin: ")) != first:
            raise UsageError(N_("De wachtwoordzinnen zijn niet gelijk."))
        return first
    raise UsageError(N_("Geef de nieuwe wachtwoordzin met --new-passphrase-file."))


def recovery_key(args: argparse.Namespace) -> str:
    if getattr(args, "recovery_key_file", None):
        return keyfile.read_secret_file(args.recovery_key_file)
    if _interactive():
        return getpass.getpass(_("Herstelsleutel: "))
    raise UsageError(N_("Geef de herstelsleutel met --recovery-key-file."))


def open_vault(args: argparse.Namespace, path: Path | None = None) -> Vault:
    """Unlock with the recovery key when one is given, else with the passphrase."""
    target = Path(path or args.path)
    if getattr(args, "recovery_key_file", None):
        return vault_service.unlock_with_recovery_key(target, recovery_key(args))
    return vault_service.unlock(target, passphrase(args))


def out(data: Any) -> None:
    """JSON on stdout, UTF-8, stable key order for scripts and diffs."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def say(message: str) -> None:
    sys.stderr.write(message + "\n")


# -- commands ---------------------------------------------------------------------------

def cmd_vault_create(args: argparse.Namespace) -> int:
    phrase = args.passphrase_source()
    vault, key = vault_service.create_vault(Path(args.path), phrase)
    vault.lock()
    if args.json:
        out({"vault": str(Path(args.path).resolve()), "recovery_key": key})
    else:
        print(_("Kluis gemaakt: {pad}").format(pad=args.path))
        print(_("Herstelsleutel (bewaar deze op papier, los van de laptop):"))
        print(key)
    return EXIT_OK


def cmd_vault_check(args: argparse.Namespace) -> int:
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


def cmd_vault_passwd(args: argparse.Namespace) -> int:
    old = passphrase(args, _("Huidige wachtwoordzin: "))
    vault_service.change_passphrase_at(Path(args.path), old, new_passphrase(args))
    say(_("De wachtwoordzin is gewijzigd."))
    return EXIT_OK


def cmd_vault_recover(args: argparse.Namespace) -> int:
    vault_service.recover(Path(args.path), recovery_key(args), new_passphrase(args))
    say(_("De kluis heeft een nieuwe wachtwoordzin."))
    return EXIT_OK


def cmd_vault_backup(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        target = vault_service.backup(vault, Path(args.dest))
    finally:
        vault.lock()
    say(_("Reservekopie gemaakt: {pad}").format(pad=target))
    return EXIT_OK


def cmd_vault_restore(args: argparse.Namespace) -> int:
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


def cmd_audit_verify(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        count = vault_service.verify_audit(vault)
    finally:
        vault.lock()
    say(_("Het logboek is ongeschonden ({aantal} regels).").format(aantal=count))
    return EXIT_OK


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


# -- parser -----------------------------------------------------------------------------

def secret_options(p: argparse.ArgumentParser, *, new: bool = False, recovery: bool = True) -> None:
    p.add_argument("--passphrase-file", metavar="F", help=_("lees de wachtwoordzin uit bestand F"))
    if recovery:
        p.add_argument("--recovery-key-file", metavar="F", help=_("lees de herstelsleutel uit bestand F"))
    if new:
        p.add_argument("--new-passphrase-file", metavar="F", help=_("lees de nieuwe wachtwoordzin uit bestand F"))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="zorgapp", description=_("Zorgapp voor de zorgcoördinator mensenhandel"))
    parser.add_argument("--lang", choices=["nl", "en"], help=_("taal van meldingen"))
    parser.add_argument("--data-dir", help=_("map voor instellingen en logbestanden"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    vault = sub.add_parser("vault", help=_("kluis maken, controleren, beheren")).add_subparsers(
        dest="action", required=True, parser_class=Parser)
    p = vault.add_parser("create", help=_("nieuwe kluis maken"))
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    secret_options(p, recovery=False)
    p.set_defaults(func=cmd_vault_create)
    p = vault.add_parser("check", help=_("kluis en logboek controleren"))
    p.add_argument("path")
    secret_options(p)
    p.set_defaults(func=cmd_vault_check)
    p = vault.add_parser("passwd", help=_("wachtwoordzin wijzigen"))
    p.add_argument("path")
    secret_options(p, new=True, recovery=False)
    p.set_defaults(func=cmd_vault_passwd)
    p = vault.add_parser("recover", help=_("nieuwe wachtwoordzin met de herstelsleutel"))
    p.add_argument("path")
    secret_options(p, new=True)
    p.set_defaults(func=cmd_vault_recover)
    p = vault.add_parser("backup", help=_("reservekopie maken"))
    p.add_argument("path")
    p.add_argument("dest")
    secret_options(p)
    p.set_defaults(func=cmd_vault_backup)
    p = vault.add_parser("restore", help=_("reservekopie terugzetten"))
    p.add_argument("backup")
    p.add_argument("path")
    secret_options(p)
    p.set_defaults(func=cmd_vault_restore)

    p = sub.add_parser("demo", help=_("demokluis met fictieve dossiers maken"))
    p.add_argument("path")
    p.add_argument("--cases", type=int, default=80)
    p.add_argument("--json", action="store_true")
    secret_options(p, recovery=False)
    p.set_defaults(func=cmd_demo)

    audit = sub.add_parser("audit", help=_("logboek")).add_subparsers(
        dest="action", required=True, parser_class=Parser)
    p = audit.add_parser("verify", help=_("hash-keten van het logboek controleren"))
    p.add_argument("path")
    secret_options(p)
    p.set_defaults(func=cmd_audit_verify)

    from zorgapp import commands

    for module in commands.modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv, data_dir = _take_option(argv, "--data-dir")
    if data_dir:
        from zorgapp.paths import set_data_dir

        set_data_dir(Path(data_dir))
    argv, lang = _take_option(argv, "--lang")
    set_language(lang or _settings_language())
    try:
        args = build_parser().parse_args(argv)
        if args.command == "vault" and args.action == "create":
            args.passphrase_source = lambda: _create_passphrase(args)
        return int(args.func(args))
    except (KnownError, DomainError) as exc:
        say(user_message(exc))
        return exc.exit_code if isinstance(exc, KnownError) else EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE


def user_message(exc: KnownError | DomainError) -> str:
    if isinstance(exc, KnownError):
        return exc.user_message()
    return _(exc.msgid).format(**exc.params)


def _create_passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_file or os.environ.get("ZORGAPP_PASSPHRASE"):
        return passphrase(args)
    return new_passphrase(argparse.Namespace(new_passphrase_file=None))


def _take_option(argv: list[str], name: str) -> tuple[list[str], str | None]:
    """Remove a global option (anywhere on the line) and return its value."""
    rest, value, i = [], None, 0
    while i < len(argv):
        arg = argv[i]
        if arg == name and i + 1 < len(argv):
            value, i = argv[i + 1], i + 2
            continue
        if arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return rest, value


def _settings_language() -> str:
    try:
        from zorgapp.settings import Settings

        return str(Settings().get("language"))
    except Exception:  # settings unreadable: Dutch
        return "nl"


def version_text() -> str:
    return f"{APP_NAME} {__version__}"
