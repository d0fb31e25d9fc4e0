"""One worker thread for slow work (Argon2, backups, reports, big queries).

Like Anki's operations layer: the GUI hands a callable to ``TaskRunner.run``; it runs
on the single worker thread (so vault access from the GUI is serialised there) and the
outcome comes back on the GUI thread through a queued signal:

* ``on_done(result)`` when it returned;
* ``on_error(exc)`` for a ``KnownError`` or ``DomainError`` (the user's or the
  environment's fault: show ``message_for(exc)``);
* anything else is a bug and goes to ``sys.excepthook`` (the crash dialog);
* ``on_finally()`` always, last (re-enable buttons, stop a busy bar).

Callbacks that are bound methods of a QObject that has been deleted meanwhile are
skipped, so closing a window while its work runs is safe.

The queued signal carries only the task's number; the result, error and traceback wait
in a dict under a lock. Python objects never travel through a queued signal: PySide6
6.12 on Python 3.11 miscounts references of objects wrapped for a queued connection
(see ``qtcompat``), and with a worker and the GUI thread both running Python that ended
now and then in a crash of the garbage collector.

Locking starts a new *epoch* (``new_epoch``): tasks queued before it still run (a
save the user asked for is kept), but their ``on_done``/``on_error`` are dropped, so
nothing read before the lock is shown after it; ``on_finally`` still runs. Because
there is one worker, ``vault.lock`` queued after them waits until they finished, and
no statement ever runs on a connection that is being closed.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from itertools import count
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

from zorgapp.domain.errors import DomainError
from zorgapp.errors import KnownError, user_message
from zorgapp.i18n import _

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

Callback = Callable[..., Any] | None


def message_for(exc: BaseException) -> str:
    """The user's message for a KnownError or DomainError, in the active language."""
    if isinstance(exc, KnownError):
        return exc.user_message()
    if isinstance(exc, DomainError):
        return user_message(exc)
    return _("Er ging iets mis.")


def _alive(callback: Callback) -> bool:
    if callback is None:
        return False
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject):
        return shiboken6.isValid(owner)
    return True


class TaskRunner(QObject):
    """Run callables one at a time on a worker thread; report on the GUI thread."""

    _finished = Signal(int)  # task id; its outcome waits in ``_outcomes``
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor_: ThreadPoolExecutor | None = None  # made at the first task
        self._ids = count(1)
        self._pending: dict[int, tuple[Callback, Callback, Callback]] = {}
        self._epochs: dict[int, int] = {}
        self._epoch = 0
        self._futures: dict[int, Future[Any]] = {}
        self._owners: dict[int, QObject] = {}
        self._outcomes: dict[int, tuple[Any, BaseException | None, Any]] = {}
        self._guard = threading.Lock()
        self._finished.connect(self._deliver)

    def run(self, fn: Callable[[], Any], on_done: Callback = None, on_error: Callback = None,
            on_finally: Callback = None, owner: QObject | None = None) -> int:
        """Queue ``fn``; returns a task id.

        With ``owner`` (usually the calling widget) no callback runs once the owner has
        been deleted; bound methods of QObjects are checked that way in any case.
        """
        task_id = next(self._ids)
        was_busy = self.is_busy()
        self._pending[task_id] = (on_done, on_error, on_finally)
        self._epochs[task_id] = self._epoch
        if owner is not None:
            self._owners[task_id] = owner
        with self._guard:
            self._futures[task_id] = self._executor().submit(self._work, task_id, fn)
        if not was_busy:
            self.busy_changed.emit(True)
        return task_id

    def _work(self, task_id: int, fn: Callable[[], Any]) -> None:
        try:
            outcome: tuple[Any, BaseException | None, Any] = (fn(), None, None)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            outcome = (None, exc, exc.__traceback__)
        with self._guard:
            self._outcomes[task_id] = outcome
        self._finished.emit(task_id)

    def _deliver(self, task_id: int) -> None:
        with self._guard:
            result, error, tb = self._outcomes.pop(task_id, (None, None, None))
        on_done, on_error, on_finally = self._pending.pop(task_id, (None, None, None))
        owner = self._owners.pop(task_id, None)
        if owner is not None and not shiboken6.isValid(owner):
            on_done = on_error = on_finally = None
        if self._epochs.pop(task_id, self._epoch) != self._epoch:
            on_done = on_error = None  # queued before a lock: show nothing of it
        with self._guard:
            self._futures.pop(task_id, None)
        try:
            if error is None:
                if _alive(on_done):
                    on_done(result)  # type: ignore[misc]
            elif isinstance(error, (KnownError, DomainError)):
                log.info("task %s failed: %s", task_id, type(error).__name__)
                if _alive(on_error):
                    on_error(error)  # type: ignore[misc]
            else:
                sys.excepthook(type(error), error, tb)
        finally:
            if _alive(on_finally):
                on_finally()  # type: ignore[misc]
            if not self.is_busy():
                self.busy_changed.emit(False)

    def new_epoch(self) -> None:
        """The vault was locked (or is being replaced): results of tasks queued until
        now are not delivered; their ``on_finally`` still runs."""
        self._epoch += 1

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until queued work ran (for shutdown and tests); deliver its results."""
        import time

        deadline = time.monotonic() + timeout
        while self.is_busy() and time.monotonic() < deadline:
            with self._guard:
                futures = list(self._futures.values())
            for future in futures:
                try:
                    future.result(timeout=max(0.0, deadline - time.monotonic()))
                except Exception:  # noqa: BLE001 - the outcome goes through the signal
                    log.debug("task ended with an error while waiting")
            QCoreApplication.processEvents()
        return not self.is_busy()

    def _executor(self) -> ThreadPoolExecutor:
        """The one worker thread, started with the first task (not before the window)."""
        if self._executor_ is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor_ = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zorgapp-task")
        return self._executor_

    def shutdown(self) -> None:
        self.wait_idle()
        if self._executor_ is not None:
            self._executor_.shutdown(wait=True)


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    """The application's one task runner (created on first use, GUI thread)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        _runner = TaskRunner()
    return _runner
