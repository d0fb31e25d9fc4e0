"""The HMAC check of every page, run after the window's unlock (issue 15).

At the lock screen the first rows should appear once the key is unwrapped and the
schema checked; checking every page of a big vault (``PRAGMA cipher_integrity_check``,
over a second at 100,000 dossiers) then runs here, on a thread and a connection of
its own, so the work on the vault's own connection goes on meanwhile. A damaged page
is reported with the unlock's own ``DamagedVaultError``; the caller stops work.
``Vault.unlock`` still checks every page before it returns unless asked not to (``vault
check`` and restores always check first). The commands that only read and then give
their output (``allocation``, ``report``) check on this thread too and wait for it
(``Awaited``) before anything leaves the process (``commands.common.unlocked``).

Every page's HMAC is first read by ``page_hmac`` (less than half the CPU of SQLCipher's
own check), for a big vault in a child process (``page_apart``): the GIL stays with the
work this check runs beside, and a cancel ends the child. Only when that reading doubts
a page (or its child failed) does SQLCipher's ``cipher_integrity_check`` run, and its
finding is the verdict. A page being written by a checkpoint while it is read could
look damaged; a finding is therefore checked once more, and only a second finding
counts. Real damage is found every time, so nothing is missed.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from zorgapp.errors import KnownError
from zorgapp.store.connection import Connection, DatabaseError, connect, damaged, integrity_problems
from zorgapp.store.page_hmac import pages_whole

log = logging.getLogger(__name__)

Outcome = Callable[[KnownError | None], None]


class PageCheck:
    """Checks every page on its own thread; ``on_result(None | error)`` from there."""

    def __init__(self, path: Path, key: bytes, on_result: Outcome) -> None:
        self.path = path
        self._key = bytes(key)
        self._on_result = on_result
        self._guard = threading.Lock()
        # One child reads the HMACs: the command's or the window's own thread keeps the
        # other core (two children would share both cores with that thread).
        self.processes = 1
        self._conn: Connection | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="zorgapp-page-check", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            outcome = self.check()
        except KnownError as exc:  # the disk stopped us, or the first page is damaged
            outcome = exc
        except Exception as exc:  # noqa: BLE001 - damage: nothing is trusted unchecked
            log.error("page check failed: %s", type(exc).__name__)  # no message: values
            outcome = damaged("integrity")
        if not self._cancelled:
            self._on_result(outcome)

    def check(self) -> KnownError | None:
        """In the calling thread: None when every page is whole (or the check was
        cancelled), else the unlock's error for a damaged vault. Our own reading of
        the pages (``page_hmac``, in a child process) answers first; when it doubts any
        page, SQLCipher's ``cipher_integrity_check`` gives the verdict."""
        if pages_whole(self.path, self._key, processes=self.processes,
                       stop=lambda: self._cancelled):
            return None
        for _attempt in range(2):
            conn = connect(self.path, self._key, pragmas=False)
            with self._guard:
                if self._cancelled:
                    conn.close()
                    return None
                self._conn = conn
            try:
                problems = integrity_problems(conn, self.path, level="hmac")
            finally:
                with self._guard:
                    self._conn = None
                with contextlib.suppress(DatabaseError):
                    conn.close()
            if not problems or self._cancelled:
                return None
        return damaged("integrity")

    def cancel(self) -> None:
        """Stop the check (at lock) and wait for its thread, which first ends its child
        process (``page_apart``); no result is reported."""
        with self._guard:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()  # type: ignore[attr-defined]  # not in the stub
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()


class Awaited:
    """An ``on_result`` to wait for: the command line holds its output (stdout, files,
    audit entries of an export) until every page has passed."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._outcome: KnownError | None = None

    def __call__(self, outcome: KnownError | None) -> None:
        self._outcome = outcome
        self._done.set()

    def wait(self, still_open: Callable[[], bool]) -> KnownError | None:
        """The check's outcome; None at once when the vault was locked meanwhile
        (locking cancels the check, which then reports nothing)."""
        while not self._done.wait(0.05):
            if not still_open():
                return None
        return self._outcome
