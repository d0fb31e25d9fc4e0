"""Errors the user may see, and the errors the domain rules raise.

The domain imports the standard library only, so it cannot translate: it raises a
Dutch msgid (marked with ``N_`` for extraction) plus named parameters, and the GUI or
CLI translates it with ``_()`` when showing it. ``UserFacingError`` is the one base of
every such error: ``DomainError`` here and ``zorgapp.errors.KnownError`` both derive
from it, so a message helper catches one class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Exit codes of the command line (re-exported by ``zorgapp.errors``).
EXIT_OK = 0
EXIT_DAMAGED = 1
EXIT_USAGE = 2


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here (the one definition;
    ``zorgapp.i18n`` and ``zorgapp.errors`` re-export it)."""
    return message


class UserFacingError(Exception):
    """An expected failure with a translatable message: a msgid, its named parameters
    and the command line's exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def translated(self, gettext: Callable[[str], str],
                   show: Callable[[Any], Any] = lambda value: value) -> str:
        """The message through ``gettext`` (the caller's ``_``), parameters filled in;
        ``show`` writes a parameter for the reader (dates the way the user reads them).
        Subclasses that compose their message override this one method."""
        return gettext(self.msgid).format(**{k: show(v) for k, v in self.params.items()})


class DomainError(UserFacingError, ValueError):
    """Input the rules of the field refuse: impossible transition, date or amount."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid, **params)
        # str() shows the Dutch message with its parameters (logs, tracebacks, tests).
        self.args = (msgid.format(**params) if params else msgid,)
