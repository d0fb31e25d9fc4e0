"""What every command needs: its secrets, an unlocked vault, and where output goes.

Secrets never come from the command line itself (it shows in ``ps`` and the shell
history): a file, the environment variable ``ZORGAPP_PASSPHRASE``, or a prompt when
a person is at the keyboard. Data (JSON, CSV) goes to stdout, messages to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zorgapp.errors import N_, UsageError
from zorgapp.i18n import _
from zorgapp.services import vault_service
from zorgapp.store import keyfile, page_hmac
from zorgapp.store.page_check import Awaited
from zorgapp.store.vault import Vault


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
    """From --new-passphrase-file, or asked twice at the keyboard."""
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
    """Unlock with the recovery key when one is given, else with the passphrase.

    When the unlock found the audit trail cut or its head missing, say so now; the
    command still runs and ``cli.main`` ends with that alarm's exit code (4).
    """
    target = Path(path or args.path)
    if getattr(args, "recovery_key_file", None):
        vault = vault_service.unlock_with_recovery_key(target, recovery_key(args))
    else:
        vault = vault_service.unlock(target, passphrase(args))
    _tell_alarm(vault)
    return vault


def _tell_alarm(vault: Vault) -> None:
    from zorgapp.services.audit_service import alarm_at_unlock

    alarm = alarm_at_unlock(vault)
    if alarm is not None:
        say(alarm.user_message())
        ALARMS.append(alarm.exit_code)


ALARMS: list[int] = []  # exit codes of audit alarms noticed during this run (cli.main reads it)


Checked = Callable[[], None]


def _beside_the_key(prepare: Callable[[], object] | None, path: Path) -> threading.Thread:
    """Run ``prepare`` (the command's imports, its fonts) on a thread of its own while
    Argon2id derives the key: it holds no GIL for half a second. So are, for a vault
    big enough, the imports that start the page check's child process
    (``multiprocessing``), which would otherwise hold the GIL beside the command's
    work. A failure here is left to the command itself, which imports the same again
    and reports it."""
    def run() -> None:
        with contextlib.suppress(Exception):
            if path.stat().st_size >= page_hmac.APART_FROM * page_hmac.PAGE:
                import zorgapp.store.page_apart  # noqa: F401
        if prepare is not None:
            with contextlib.suppress(Exception):
                prepare()

    helper = threading.Thread(target=run, name="zorgapp-prepare", daemon=True)
    helper.start()
    return helper


@contextmanager
def unlocked(args: argparse.Namespace, prepare: Callable[[], object] | None = None
             ) -> Iterator[tuple[Vault, Checked]]:
    """The vault of a command that reads and then gives its output (``allocation``,
    ``report``), locked at the end, and ``checked``: call it before any output.

    Checking the HMAC of every page (about a second of CPU at 100,000 dossiers) runs
    while the command works (``store.page_check``): in a child process, on the second
    core, so it takes no GIL from the work; ``checked()`` waits for it, and so does the
    end of the block. A damaged page ends the command with the unlock's own error
    (exit 1) in place of whatever the work found, the vault let go of without another
    entry; the output comes after ``checked()`` (files, audit entries) or after the
    block (stdout), so none is left.
    With the recovery key every page is checked first, as before. ``prepare`` runs
    beside the key derivation and has finished before the block starts.
    """
    secret = None if getattr(args, "recovery_key_file", None) else passphrase(args)
    helper = _beside_the_key(prepare, Path(args.path))
    try:
        if secret is None:
            vault = open_vault(args)
            awaited: Awaited | None = None
        else:
            vault = vault_service.unlock(Path(args.path), secret, check_pages=False)
            awaited = Awaited()
            vault.check_pages_later(awaited, processes=2)
    finally:
        helper.join()  # no import of this thread's may overlap the command's own
    told = False

    def checked() -> None:
        nonlocal told
        found = awaited.wait(lambda: vault.is_open) if awaited is not None else None
        if found is not None:
            vault.abandon()
            raise found from None
        if not told and awaited is not None:  # the alarm is output too: after the check
            told = True
            _tell_alarm(vault)

    try:
        yield vault, checked
    except Exception:
        checked()  # damage explains the failure: its message, not the work's
        raise
    else:
        checked()
    finally:
        vault.lock()  # nothing left to do after ``abandon``


def secret_options(p: argparse.ArgumentParser, *, new: bool = False, recovery: bool = True) -> None:
    """The options that say where a command finds the secrets it needs."""
    p.add_argument("--passphrase-file", metavar="F", help=_("lees de wachtwoordzin uit bestand F"))
    if recovery:
        p.add_argument("--recovery-key-file", metavar="F", help=_("lees de herstelsleutel uit bestand F"))
    if new:
        p.add_argument("--new-passphrase-file", metavar="F", help=_("lees de nieuwe wachtwoordzin uit bestand F"))


def out(data: Any) -> None:
    """JSON on stdout, UTF-8, stable key order for scripts and diffs."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def say(message: str) -> None:
    """A message for the person at the keyboard (stderr, so stdout stays data)."""
    sys.stderr.write(message + "\n")
