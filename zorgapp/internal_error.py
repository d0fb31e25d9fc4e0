"""Bugs on the command line: a short message, exit code 70, the details in the log.

An exception nobody expected may carry anything in its text or its frames' variables: a
name from a case, a path with a client's name in it, a key. So neither reaches the
screen nor the log. The log gets what a developer needs to find the bug and nothing
else: the exception's type and, per frame, the file, line and function, for the
exception and the ones it came from (``raise … from``, or raised while handling).
The crash dialog of the window (``ui/crash.py``) follows the same rule.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from zorgapp.errors import EXIT_INTERNAL, N_, KnownError

log = logging.getLogger("zorgapp.internal")

#: How many linked exceptions (cause, context) to follow.
_CHAIN = 5


def _short(filename: str) -> str:
    """From ``zorgapp/…`` or ``site-packages/…`` on, so that no home folder (with the
    user's name in it) gets into the log."""
    parts = Path(filename).parts
    for anchor in ("site-packages", "zorgapp"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            start = index + 1 if anchor == "site-packages" else index
            return "/".join(parts[start:])
    return "/".join(parts[-2:])


def summary(exc: BaseException) -> list[str]:
    """``ValueError`` and ``file:line in function`` per frame, for ``exc`` and the
    exceptions it came from; never an exception's text or a variable's value."""
    lines: list[str] = []
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen and len(seen) < _CHAIN:
        seen.add(id(current))
        if lines:
            lines.append("coming from:")
        lines.append(type(current).__qualname__)
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"{_short(frame.filename)}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__)
    return lines


def _log_file() -> Path | None:
    """The log file, setting logging up if nothing has yet (the command line)."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_zorgapp", False):
            return Path(getattr(handler, "baseFilename", ""))
    from zorgapp.logs import setup_logging

    return setup_logging()


def record(exc: BaseException) -> Path | None:
    """Write the summary to the log; its file, or None when the log cannot be written
    (a full or read-only disk must not turn one failure into two)."""
    try:
        path = _log_file()
        log.error("internal error: %s", " | ".join(summary(exc)))
        for handler in logging.getLogger().handlers:
            handler.flush()
        return path
    except Exception:  # noqa: BLE001 - the message on screen is what matters now
        return None


class InternalError(KnownError):
    """What the user hears about a bug (exit 70): no data, where the details are."""

    exit_code = EXIT_INTERNAL


def internal_error(exc: BaseException) -> InternalError:
    """Log ``exc`` without values and make the message for the user."""
    path = record(exc)
    if path is None:
        return InternalError(N_(
            "Er ging iets onverwachts mis in Zorgapp (interne fout). Dit ligt aan het "
            "programma, niet aan uw invoer. Het logbestand kon niet worden geschreven; "
            "meld de fout bij IT met de opdracht die u gaf."))
    return InternalError(N_(
        "Er ging iets onverwachts mis in Zorgapp (interne fout). Dit ligt aan het "
        "programma, niet aan uw invoer. Geef IT het logbestand {log}: daarin staat waar "
        "het misging, zonder gegevens van cliënten."), log=str(path))
