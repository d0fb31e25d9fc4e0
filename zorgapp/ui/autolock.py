"""Lock the vault after a quiet spell, or when the system suspends the application.

While unlocked (``start`` to ``stop``), an event filter on the QApplication notes the
time of every key, mouse, wheel or touch event; a single-shot timer wakes up when the
quiet spell could be over, and either fires ``lock_requested`` or sleeps for the rest of
it. Time comes from a clock callable (``time.monotonic`` unless one is given), so tests
drive the idle spell with a fake clock instead of waiting, and input costs a float
assignment, not a timer restart.

What Qt lets us see, and what not:

* ``QGuiApplication.applicationStateChanged`` to ``ApplicationSuspended`` (mobile
  platforms, some session managers before suspend) locks at once.
* ``ApplicationInactive`` is *not* used: it fires whenever another window (even our
  own file dialog on some platforms) takes focus, which would lock far too eagerly.
* Qt has no portable signal for the operating system's screen lock or for sleep on
  Windows, macOS or X11/Wayland desktops. Those cases are covered by the idle timer:
  a locked screen produces no input, so the vault locks after the set minutes anyway.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, Qt


def _gui_app() -> QGuiApplication | None:
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else None

DEFAULT_MINUTES = 5


@cache
def _input_events() -> frozenset[QEvent.Type]:
    """Made at the first unlock, not at import: naming ``QEvent`` and ``Qt`` makes their
    Python types, which the lock screen does without (issue 15)."""
    kind = QtCore.QEvent.Type
    return frozenset({kind.KeyPress, kind.KeyRelease, kind.MouseButtonPress,
                      kind.MouseButtonRelease, kind.MouseButtonDblClick, kind.MouseMove,
                      kind.Wheel, kind.TouchBegin, kind.TouchUpdate, kind.TabletPress})


class AutoLock(QObject):
    """Idle timer plus suspend watch. ``start()`` while unlocked, ``stop()`` when locked."""

    lock_requested = Signal()

    def __init__(self, minutes: int = DEFAULT_MINUTES, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._active = False
        self._inputs: frozenset[QEvent.Type] = frozenset()
        self._interval_ms = 1
        self._last_activity = clock()
        self.set_minutes(minutes)
        self._app = _gui_app()

    # -- configuration -------------------------------------------------------------

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, min(120, int(minutes))) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """For tests: any interval in milliseconds. The idle spell starts again."""
        self._interval_ms = max(1, int(ms))
        self.poke()

    def interval_ms(self) -> int:
        return self._interval_ms

    def set_clock(self, clock: Callable[[], float]) -> None:
        """Measure idle time with ``clock`` (seconds, monotonic); the idle spell starts again."""
        self._clock = clock
        self.poke()

    # -- running ---------------------------------------------------------------------

    def start(self) -> None:
        """Watch input from now on: the filter on the application is there only while
        active (each event through Python costs, and at start it made the lock screen late)."""
        if not self._active and self._app is not None:
            self._inputs = _input_events()
            self._app.installEventFilter(self)
            self._app.applicationStateChanged.connect(self._state_changed)
        self._active = True
        self.poke()

    def stop(self) -> None:
        if self._active and self._app is not None:
            self._app.removeEventFilter(self)
            with contextlib.suppress(RuntimeError, TypeError):
                self._app.applicationStateChanged.disconnect(self._state_changed)
        self._active = False
        self._timer.stop()

    def is_active(self) -> bool:
        return self._active

    def poke(self) -> None:
        """Count as user activity: the idle spell starts again."""
        self._last_activity = self._clock()
        if self._active:
            self._timer.start(self._interval_ms)

    def idle_ms(self) -> float:
        """Milliseconds since the last activity, by the clock."""
        return (self._clock() - self._last_activity) * 1000

    def check(self) -> None:
        """Lock if the idle spell is over, else wake up again when it could be.

        The timer's callback; a test with a fake clock calls it after moving the clock on.
        """
        if not self._active:
            return
        left = self._interval_ms - self.idle_ms()
        if left <= 0:
            self._timer.stop()
            self.lock_requested.emit()
        else:
            self._timer.start(max(1, math.ceil(left)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in self._inputs:
            self._last_activity = self._clock()
        return False

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if self._active and state == QtCore.Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit()

    def detach(self) -> None:
        """Remove the filter (the window is going away); a second call does nothing."""
        self.stop()  # takes the filter and the state watch off the application
        self._app = None
