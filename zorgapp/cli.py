"""Command line for IT staff and scripts: builds the one parser and dispatches.

Every command lives in ``zorgapp.commands`` (one module per command, each with a
``register(sub)``); this module only puts them together, chooses the language and
turns known errors into exit codes. Without a command, ``zorgapp`` starts the window
through the ``start_window`` callback the composition root (``app.py``) passes in.

Exit codes: 0 ok; 1 the vault or a file is damaged or tampered with; 2 wrong
passphrase/key, a record that does not exist, or bad usage; 3 the environment stopped us
(disk full, read-only, busy); 4 the command ran, but the unlock found the audit trail
cut or its head missing; 70 a bug: a short message, the details without values in the
log (docs/admin.md). Messages go to stderr in
the user's language; data (JSON, CSV) goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from zorgapp import APP_NAME, __version__
from zorgapp.commands.parsing import Parser, in_user_language
from zorgapp.errors import (
    EXIT_OK,
    EXIT_USAGE,
    N_,
    KnownError,
    UsageError,
    UserFacingError,
    environment_error,
    from_os_error,
    user_message,
)
from zorgapp.i18n import _, set_language
from zorgapp.internal_error import internal_error

StartWindow = Callable[[argparse.Namespace], int]


# The options of a window start (with a value or not): with only these on the line,
# the commands' parsers (and the modules behind them) are not needed.
WINDOW_OPTIONS = {"--vault": True, "--demo": False, "--demo-cases": True}


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line: global options, window options, every command
    (``with_commands=False``: the window's options alone, for a quick start)."""
    if not with_commands:
        return _parser(None)
    from zorgapp import commands  # finds them with pkgutil: not for a window start

    return _parser(commands.modules())


def command_parser(name: str) -> argparse.ArgumentParser | None:
    """The command line with the one command ``name`` (None when there is none): a
    command imports its own modules only, not those of every other command (issue 15).
    Its own parser and help read the same as in the whole command line."""
    from zorgapp import commands

    module = commands.module(name)
    return None if module is None else _parser([module])


def _parser(modules: list[ModuleType] | None) -> argparse.ArgumentParser:
    parser = Parser(prog="zorgapp", description=_(
        "Zorgapp voor de zorgcoördinator mensenhandel. Zonder opdracht start het venster."))
    parser.add_argument("--version", action="version", version=version_text(),
                        help=_("versie tonen en stoppen"))
    parser.add_argument("--lang", choices=["nl", "en"], help=_("taal van meldingen"))
    parser.add_argument("--data-dir", metavar=_("MAP"),
                        help=_("map voor instellingen en logbestanden"))
    window = parser.add_argument_group(_("venster"))
    window.add_argument("--vault", metavar=_("KLUIS"), help=_("deze kluis openen (.zorg)"))
    window.add_argument("--demo", action="store_true",
                        help=_("starten met een tijdelijke demokluis"))
    window.add_argument("--demo-cases", type=int, default=80, metavar="N",
                        help=_("aantal dossiers in de demokluis"))
    if modules is None:
        return parser
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar=_("OPDRACHT"),
                                title=_("opdrachten"))
    for module in modules:
        module.register(sub)
    return parser


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """A parser's sub-commands by name (empty for a leaf command)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def main(argv: Sequence[str] | None = None, start_window: StartWindow | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv, data_dir = _take_option(argv, "--data-dir")
    if data_dir:
        from zorgapp.paths import set_data_dir

        set_data_dir(Path(data_dir))
    argv, lang = _take_option(argv, "--lang")
    set_language(lang or _settings_language())
    try:
        with in_user_language():
            light = start_window is not None and window_start(argv)
            alone = command_parser(argv[0]) if argv and not light else None
            parser = build_parser(with_commands=False) if light else alone or build_parser()
            args = parser.parse_args(argv)
        args.lang, args.data_dir = lang, data_dir
        if getattr(args, "command", None) is None:
            if start_window is None:
                raise UsageError(N_("Geef een opdracht; zie zorgapp --help."))
            return start_window(args)
        from zorgapp.commands.common import ALARMS  # loaded by the commands' parsers

        ALARMS.clear()
        code = int(args.func(args))
        return ALARMS[0] if code == EXIT_OK and ALARMS else code
    except SystemExit as stop:  # --help and --version: argparse has printed them
        return EXIT_OK if stop.code is None else stop.code if isinstance(stop.code, int) else EXIT_USAGE
    except UserFacingError as exc:  # KnownError and DomainError alike
        _say(user_message(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the one place where a bug becomes a message
        known = unexpected(exc)
        _say(known.user_message())
        return known.exit_code


def _say(message: str) -> None:
    """``commands.common.say``, without loading the commands for a window start."""
    sys.stderr.write(message + "\n")


def unexpected(exc: Exception) -> KnownError:
    """What nobody caught: the environment's message when the disk or memory explains
    it (exit 3), else an internal error (exit 70) with the details, without values, in
    the log. Never ``str(exc)``: it may hold a name or a key."""
    if isinstance(exc, MemoryError):
        return environment_error("memory", "")
    if isinstance(exc, OSError):
        found = from_os_error(exc)
        if found is not None:
            return found
    return internal_error(exc)


def window_start(argv: Sequence[str]) -> bool:
    """True when ``argv`` holds window options only: no command, no ``--help``."""
    i = 0
    while i < len(argv):
        name, has_value, _value = argv[i].partition("=")
        if name not in WINDOW_OPTIONS:
            return False
        i += 2 if WINDOW_OPTIONS[name] and not has_value else 1
    return True


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
    except Exception:  # noqa: BLE001 - settings unreadable: Dutch
        return "nl"


def version_text() -> str:
    return f"{APP_NAME} {__version__}"
