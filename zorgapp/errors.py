"""Two kinds of failure: a KnownError is the user's or the environment's (wrong
passphrase, damaged file, impossible date) and gets a plain, translated message and a
way out; anything else is a bug and goes to the crash handler.

The message is kept as an untranslated msgid plus parameters, so that the layer that
shows it (GUI or CLI) translates it in the active language at that moment.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

# Re-exported: the one ``N_``, the exit codes and the base of every error the user sees.
from zorgapp.domain.errors import EXIT_DAMAGED as EXIT_DAMAGED
from zorgapp.domain.errors import EXIT_OK as EXIT_OK
from zorgapp.domain.errors import EXIT_USAGE as EXIT_USAGE
from zorgapp.domain.errors import N_ as N_
from zorgapp.domain.errors import DomainError as DomainError
from zorgapp.domain.errors import UserFacingError as UserFacingError

EXIT_ENVIRONMENT = 3
#: A bug: an exception nobody expected (sysexits' EX_SOFTWARE). The message says nothing
#: of the data; the log has the exception's type and frames, never its text.
EXIT_INTERNAL = 70


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _shown(value: Any) -> Any:
    """A date parameter the way the user reads dates (``29 okt 2026``), never ISO."""
    from zorgapp.i18n import format_date

    if isinstance(value, date) and not isinstance(value, datetime):
        return format_date(value)
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


def user_message(exc: UserFacingError) -> str:
    """The message of any error the user may see, in the active language; dates in its
    parameters (``date`` or ISO text from the domain) are written with Babel."""
    from zorgapp.i18n import _

    return exc.translated(_, _shown)


class KnownError(UserFacingError):
    """An expected failure of the user's or the environment's, with a message for the user."""

    exit_code = EXIT_DAMAGED

    def user_message(self) -> str:
        """The message in the active language."""
        return user_message(self)

    def __str__(self) -> str:  # pragma: no cover - for logs of developers
        return self.msgid


class WrongPassphraseError(KnownError):
    """The passphrase or recovery key does not open this vault."""

    exit_code = EXIT_USAGE


class DamagedVaultError(KnownError):
    """The vault, its key file or a backup fails its integrity checks."""

    exit_code = EXIT_DAMAGED


class TamperedError(KnownError):
    """Something signed or hash-chained was altered."""

    exit_code = EXIT_DAMAGED


class UsageError(KnownError):
    """Bad arguments or input on the command line or in a form."""

    exit_code = EXIT_USAGE


class ValidationError(KnownError):
    """Input the domain rules refuse (impossible date, overlapping placement)."""

    exit_code = EXIT_USAGE


class NotFoundError(UsageError):
    """A record asked for by id or number is not in this vault (unknown placement id,
    dossiernummer): the caller's input, so a usage error, not damage."""


class EnvironmentStoppedError(KnownError):
    """The computer, not the vault, stopped us: a full or read-only disk, no permission,
    a disk error, or the vault busy in another program. Nothing is damaged: the way out
    is to fix the surroundings and try again, never to restore a backup."""

    exit_code = EXIT_ENVIRONMENT


class VaultInUseError(EnvironmentStoppedError):
    """Another Zorgapp process (window or command) has this vault open."""


class DiskFullError(EnvironmentStoppedError):
    """No space left on the disk (or over the user's quota)."""


class ReadOnlyError(EnvironmentStoppedError):
    """The disk is mounted read-only, or we may not write the file or its folder."""


_MESSAGES: dict[str, tuple[type[EnvironmentStoppedError], str]] = {
    "full": (DiskFullError, N_(
        "De schijf is vol: {bestand} kan niet worden geschreven. Maak ruimte vrij op die "
        "schijf en probeer het opnieuw. Er is niets beschadigd: zet geen reservekopie terug.")),
    "readonly": (ReadOnlyError, N_(
        "Op deze plek mag niet worden geschreven (alleen-lezen): {bestand}. Zet de kluis op "
        "een schijf waarop u mag schrijven, of vraag IT om de schijf beschrijfbaar te maken. "
        "Er is niets beschadigd.")),
    "permission": (ReadOnlyError, N_(
        "Geen toegang tot {bestand}. Controleer de rechten van het bestand en van de map, of "
        "vraag IT om hulp. Er is niets beschadigd.")),
    "busy": (EnvironmentStoppedError, N_(
        "{bestand} is bezet door een ander programma (bijvoorbeeld een back-upprogramma). "
        "Wacht even en probeer het opnieuw. Er is niets beschadigd.")),
    "io": (EnvironmentStoppedError, N_(
        "De schijf meldt een lees- of schrijffout bij {bestand}. Controleer de schijf of "
        "USB-stick en de verbinding, en probeer het opnieuw. Blijft de fout, kopieer de kluis "
        "dan naar een andere schijf.")),
    "memory": (EnvironmentStoppedError, N_(
        "Er is niet genoeg werkgeheugen vrij. Sluit andere programma's en probeer het opnieuw.")),
    "in_use": (VaultInUseError, N_(
        "Deze kluis is al geopend, in een ander Zorgapp-venster of door een opdracht op deze "
        "computer: {bestand}. Sluit de kluis daar eerst en probeer het opnieuw.")),
}


def environment_error(kind: str, path: object) -> EnvironmentStoppedError:
    """The error for one kind of obstacle: full, readonly, permission, busy, io, memory,
    in_use."""
    cls, msgid = _MESSAGES[kind]
    return cls(msgid, bestand=str(path))


def _errno_kinds() -> dict[int, str]:
    import errno

    names = {"ENOSPC": "full", "EDQUOT": "full", "EROFS": "readonly", "EACCES": "permission",
             "EPERM": "permission", "EBUSY": "busy", "ETXTBSY": "busy", "EIO": "io",
             "ENOMEM": "memory"}
    return {getattr(errno, name): kind for name, kind in names.items() if hasattr(errno, name)}


def from_os_error(exc: OSError, path: object | None = None) -> EnvironmentStoppedError | None:
    """The environment's error for an ``OSError`` (by ``errno``), or None for others."""
    kind = _errno_kinds().get(exc.errno or 0)
    if kind is None:
        return None
    return environment_error(kind, path if path is not None else (exc.filename or ""))
