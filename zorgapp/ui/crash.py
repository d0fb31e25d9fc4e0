"""Bugs go to one crash dialog, shown once, on the GUI thread.

The report holds the exception *type* and the traceback's file, line and function
names only: no exception message and no local variables, because either may hold a
client's data. The same summary goes to the log.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QThread,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)

log = logging.getLogger("zorgapp.crash")
qt_log = logging.getLogger("zorgapp.qt")


def crash_summary(exc_type: type[BaseException], tb: TracebackType | None) -> list[str]:
    """``ValueError`` plus ``file:line in function`` per frame; never values."""
    lines = [exc_type.__qualname__]
    for frame in traceback.extract_tb(tb):
        lines.append(f"{frame.filename}:{frame.lineno} in {frame.name}")
    return lines


class _CrashRelay(QObject):
    """Brings a crash from any thread to the GUI thread."""

    crashed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.shown = False
        self.crashed.connect(self._show)

    @Slot(object)
    def _show(self, lines: list[str]) -> None:
        if self.shown:
            return
        self.shown = True
        from zorgapp.ui.dialogs.crash_dialog import CrashDialog

        CrashDialog(lines).exec()


_relay: _CrashRelay | None = None


def excepthook(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    lines = crash_summary(exc_type, tb)
    log.error("unexpected error: %s", " | ".join(lines))
    relay = _relay
    app = QCoreApplication.instance()
    if relay is None or not shiboken6.isValid(relay) or app is None:
        return
    if QThread.currentThread() is app.thread():
        relay._show(lines)
    else:
        relay.crashed.emit(lines)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install_crash_handler() -> None:
    """Route uncaught exceptions (any thread) to the crash dialog."""
    global _relay
    _relay = _CrashRelay()
    sys.excepthook = excepthook
    threading.excepthook = _thread_hook


_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(mode: QtMsgType, context: object, message: str) -> None:
    qt_log.log(_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_qt_message_handler() -> None:
    """Qt's own warnings into our log file instead of stderr."""
    qInstallMessageHandler(_qt_message)
