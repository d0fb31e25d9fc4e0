"""Lock the vault after a quiet spell, or when the system suspends the application.

An event filter on the QApplication restarts an idle timer on every key, mouse,
wheel or touch event; when it runs out, ``lock_requested`` fires.

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

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication


def _gui_app() -> QGuiApplication | None:
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else None

DEFAULT_MINUTES = 5

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
})


class AutoLock(QObject):
    """Idle timer plus suspend watch. ``start()`` while unlocked, ``stop()`` when locked."""

    lock_requested = Signal()

    def __init__(self, minutes: int = DEFAULT_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expired)
        self._active = False
        self.set_minutes(minutes)
        app = _gui_app()
        if app is not None:
            app.installEventFilter(self)
            app.applicationStateChanged.connect(self._state_changed)

    # -- configuration -------------------------------------------------------------

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, min(120, int(minutes))) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """For tests: any interval in milliseconds."""
        self._timer.setInterval(max(1, int(ms)))
        if self._active:
            self._timer.start()

    def interval_ms(self) -> int:
        return self._timer.interval()

    # -- running ---------------------------------------------------------------------

    def start(self) -> None:
        self._active = True
        self._timer.start()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()

    def is_active(self) -> bool:
        return self._active

    def poke(self) -> None:
        """Count as user activity."""
        if self._active:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in _INPUT_EVENTS:
            self._timer.start()
        return False

    def _expired(self) -> None:
        if self._active:
            self.lock_requested.emit()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if self._active and state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit()

    def detach(self) -> None:
        """Remove the filter (the window is going away)."""
        self.stop()
        app = _gui_app()
        if app is not None:
            app.removeEventFilter(self)
            try:
                app.applicationStateChanged.disconnect(self._state_changed)
            except (RuntimeError, TypeError):
                pass
