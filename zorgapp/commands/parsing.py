"""The parser every command is built with, speaking the user's language.

argparse writes its own words ("usage:", "options", "invalid choice", "the following
arguments are required") through ``gettext`` in English. ``in_user_language()``
routes them through our catalogs for as long as the command line runs: each English
text argparse asks for maps to a Dutch msgid here, which ``_()`` then gives in the
active language (Dutch as is, English back from the ``en`` catalog). Texts not listed
stay argparse's own English (they are programming errors, not the user's).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from zorgapp.errors import N_, UsageError
from zorgapp.i18n import _, ngettext

#: argparse's English text (Python 3.11-3.13) -> our Dutch msgid. %-placeholders stay:
#: argparse fills them in after translating.
ARGPARSE_TEXTS: dict[str, str] = {
    "usage: ": N_("gebruik: "),
    "positional arguments": N_("positionele argumenten"),
    "options": N_("opties"),
    "show this help message and exit": N_("toon deze hulptekst en stop"),
    "argument %(argument_name)s: %(message)s": N_("argument %(argument_name)s: %(message)s"),
    "invalid choice: %(value)r (choose from %(choices)s)":
        N_("ongeldige keuze: %(value)r (kies uit %(choices)s)"),
    "unrecognized arguments: %s": N_("onbekende argumenten: %s"),
    "the following arguments are required: %s": N_("deze argumenten zijn verplicht: %s"),
    "one of the arguments %s is required": N_("een van de argumenten %s is verplicht"),
    "not allowed with argument %s": N_("niet toegestaan samen met argument %s"),
    "ignored explicit argument %r": N_("genegeerd expliciet argument %r"),
    "expected one argument": N_("verwacht één argument"),
    "expected at most one argument": N_("verwacht hoogstens één argument"),
    "expected at least one argument": N_("verwacht minstens één argument"),
    "ambiguous option: %(option)s could match %(matches)s":
        N_("dubbelzinnige optie: %(option)s kan %(matches)s zijn"),
    "unexpected option string: %s": N_("onverwachte optie: %s"),
    "invalid %(type)s value: %(value)r": N_("ongeldige waarde voor %(type)s: %(value)r"),
    "can't open '%(filename)s': %(error)s": N_("kan '%(filename)s' niet openen: %(error)s"),
    "subcommands": N_("opdrachten"),
}


def _gettext(text: Any) -> Any:
    if isinstance(text, str) and text in ARGPARSE_TEXTS:
        return _(ARGPARSE_TEXTS[text])
    return text


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return ngettext("verwacht %s argument", "verwacht %s argumenten", n)
    return singular if n == 1 else plural


@contextmanager
def in_user_language() -> Iterator[None]:
    """argparse's own texts through our catalogs while the command line runs.

    argparse looks ``_`` and ``ngettext`` up in its module each time; they are put
    back afterwards, so other users of argparse in the same process (pytest) keep
    their English.
    """
    saved: tuple[Callable[..., Any], Callable[..., Any]] = (
        argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Formatter(argparse.HelpFormatter):
    """Help wide enough that every command's line fits on one line."""

    def __init__(self, prog: str) -> None:
        width = max(shutil.get_terminal_size((100, 24)).columns - 2, 100)
        super().__init__(prog, max_help_position=28, width=width)

    def add_argument(self, action: argparse.Action) -> None:
        """Measure sub-commands at the indent they are printed at.

        argparse measures them one indent step to the left, so a sub-command as long as
        the column (``report allocation``) gets its help pushed to the next line.
        """
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        for sub in self._iter_indented_subactions(action):
            length = len(self._format_action_invocation(sub)) + self._current_indent
            self._action_max_length = max(self._action_max_length, length)


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as exit code 2 in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(N_("Onjuist gebruik: {melding}"), melding=message)


def subcommands(parser: argparse.ArgumentParser, dest: str = "action",
                metavar: str | None = None) -> Any:
    """The sub-parser set of a command with actions (``vault create``, ``contact list``)."""
    return parser.add_subparsers(dest=dest, required=True, parser_class=Parser,
                                 metavar=metavar or _("ACTIE"), title=_("acties"))
