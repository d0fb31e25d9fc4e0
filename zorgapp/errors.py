"""Two kinds of failure: a KnownError is the user's or the environment's (wrong
passphrase, damaged file, impossible date) and gets a plain, translated message and a
way out; anything else is a bug and goes to the crash handler.

The message is kept as an untranslated msgid plus parameters, so that the layer that
shows it (GUI or CLI) translates it in the active language at that moment.
"""

from __future__ import annotations

# Re-exported: the one ``N_``, the exit codes and the base of every error the user sees.
from zorgapp.domain.errors import EXIT_DAMAGED as EXIT_DAMAGED
from zorgapp.domain.errors import EXIT_OK as EXIT_OK
from zorgapp.domain.errors import EXIT_USAGE as EXIT_USAGE
from zorgapp.domain.errors import N_ as N_
from zorgapp.domain.errors import DomainError as DomainError
from zorgapp.domain.errors import UserFacingError as UserFacingError


def user_message(exc: UserFacingError) -> str:
    """The message of any error the user may see, in the active language."""
    from zorgapp.i18n import _

    return exc.translated(_)


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
